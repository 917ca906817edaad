"""Word 97-2003 (.doc) and WPS (.wps): converted to .docx by LibreOffice, then read as Word.

LibreOffice runs headless on a copy in a temporary folder, with a profile of its
own (a LibreOffice window the clerk has open would otherwise take the job and
write nothing) and a time limit (a hostile file must not hang the import). The
converted .docx is kept as the attachment: readers open it without WPS, and the
personal-data check can read it, which it cannot do for .doc or .wps.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from xxgk.authoring.readers.blocks import ImportRefused, SavedFile, Source
from xxgk.authoring.readers.word import read_word

TIMEOUT = 120  # seconds; a long document converts in a few
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Word 97-2003 and WPS 文字
_ZIP = b"PK\x03\x04"
_NAMES = ("soffice", "libreoffice")
_WINDOWS = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
INSTALL_HINT = (
    "读取 .doc 和 .wps 文件需要 LibreOffice，但本机没有找到：Debian/Ubuntu 上运行 "
    "sudo apt-get install libreoffice-writer-nogui（或 libreoffice-writer），"
    "Windows 和 macOS 上从 https://www.libreoffice.org/download/ 下载安装；"
    "也可以先在 Word 或 WPS 中把文件另存为 .docx 再导入"
)


def find_libreoffice() -> str | None:
    """The LibreOffice program on the PATH or where its Windows installer puts it; None without one."""
    found = next((shutil.which(name) for name in _NAMES if shutil.which(name)), None)
    return found or next((path for path in _WINDOWS if Path(path).is_file()), None)


def input_filter(head: bytes) -> str | None:
    """The LibreOffice filter for a file starting with `head`, None for a file that is not a word processor's.

    The filter is named, not detected: LibreOffice reads any file it does not
    recognise as plain text, and would turn a damaged file into a page of noise.
    Systems that export "Word" often write RTF or HTML under .doc; those are read too.
    """
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_OLE):
        return "MS Word 97"
    if text.startswith(b"{\\rtf"):
        return "Rich Text Format"
    if text.startswith(b"<?xml") and b"schemas-microsoft-com:office:word" in text:
        return "MS Word 2003 XML"
    if text.startswith((b"<!doctype html", b"<html")):
        return "HTML (StarWriter)"
    return None


def read_legacy(path: Path) -> Source:
    kind = "WPS" if path.suffix.lower() == ".wps" else "Word 97-2003"
    with path.open("rb") as file:
        head = file.read(4096)
    if head.startswith(_ZIP):  # a .docx renamed: read as one
        source = read_word(path)
        source.original = SavedFile("原件.docx", "原件（Word）", path.read_bytes())
        source.read_as = f"{path.suffix} 文件，实为 .docx"
        return source
    infilter = input_filter(head)
    if infilter is None:
        raise ImportRefused(
            f"{path}: 这不是 {kind} 文件（文件开头没有它的格式标志），可能已损坏：请在 Word 或 WPS 中打开并另存为 .docx 再导入"
        )
    program = find_libreoffice()
    if program is None:
        raise ImportRefused(f"{path}: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="xxgk-import-") as folder:
        work = Path(folder)
        copy = work / ("source" + path.suffix.lower())  # LibreOffice mishandles some non-ASCII names on Windows
        shutil.copyfile(path, copy)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            f"--infilter={infilter}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(copy),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ImportRefused(
                f"{path}: LibreOffice 在 {TIMEOUT} 秒内没有转换完这个 {kind} 文件，未导入："
                f"请在 Word 或 WPS 中另存为 .docx 再导入"
            ) from None
        except OSError as error:
            raise ImportRefused(
                f"{path}: 无法运行 LibreOffice（{program}：{error.strerror}）：{INSTALL_HINT}"
            ) from None
        converted = work / "out" / "source.docx"
        if not converted.is_file():  # LibreOffice exits 0 even when it could not load the file
            raise ImportRefused(
                f"{path}: LibreOffice 无法读取这个 {kind} 文件，可能已损坏或不是 {path.suffix} 格式："
                f"请在 Word 或 WPS 中打开并另存为 .docx 再导入"
            )
        source = read_word(converted, shown=path)
        source.original = SavedFile("原件.docx", "原件（Word）", converted.read_bytes())
    source.read_as = f"{kind} 文件，经 LibreOffice 转换为 .docx 读取"
    return source
