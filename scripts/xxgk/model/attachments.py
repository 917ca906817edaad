"""What a document may publish as an attachment: the allowed types, their content, their names.

A site serves an attachment with the type its extension implies, so a file is
allowed only when its extension is one a government site publishes and its first
bytes are what that extension promises: an "HTML page saved as .pdf" or an SVG
with a script would otherwise run in the reader's browser as the site. Each
check returns the clerk-facing message, or None when the file may be published.

A text attachment (.txt, .csv) is published as UTF-8 with a byte-order mark
(`published_text`): Excel on Windows then reads a CSV's Chinese, and a browser
reads the text right even from a server that sends no charset.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from xxgk.model.sources import guess_text

HEAD_BYTES = 4096  # enough for every signature and for the markup sniff
TEXT_BYTES = 1 << 16  # a plain-text file is read this far for NUL bytes
MAX_ZIP_ENTRIES = 1000  # a ZIP's listing is read, never extracted, and only this far

_PDF = (b"%PDF-",)
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # the compound file of .doc, .xls, .wps, .et
_TEXT = ()  # checked as text rather than by a signature


@dataclass(frozen=True)
class AttachmentType:
    label: str  # what the clerk calls it, in messages
    signatures: tuple[bytes, ...]

    @property
    def is_text(self) -> bool:
        return self.signatures == _TEXT


ALLOWED = {
    ".pdf": AttachmentType("PDF", _PDF),
    ".ofd": AttachmentType("OFD", _ZIP),
    ".doc": AttachmentType("Word", _OLE),
    ".docx": AttachmentType("Word", _ZIP),
    ".wps": AttachmentType("WPS 文字", _OLE),
    ".xls": AttachmentType("Excel", _OLE),
    ".xlsx": AttachmentType("Excel", _ZIP),
    ".et": AttachmentType("WPS 表格", _OLE),
    ".csv": AttachmentType("CSV 文本", _TEXT),
    ".txt": AttachmentType("文本", _TEXT),
    # \x89PNG is what no text or markup starts with; the rest of the 8-byte signature adds nothing here.
    ".png": AttachmentType("PNG 图片", (b"\x89PNG",)),
    ".jpg": AttachmentType("JPEG 图片", (b"\xff\xd8\xff",)),
    ".jpeg": AttachmentType("JPEG 图片", (b"\xff\xd8\xff",)),
    ".gif": AttachmentType("GIF 图片", (b"GIF87a", b"GIF89a")),
    ".webp": AttachmentType("WebP 图片", (b"RIFF",)),  # and b"WEBP" at offset 8, see _begins_as
    ".zip": AttachmentType("ZIP 压缩包", _ZIP),
}
ALLOWED_LIST = (
    "PDF、OFD、Word（.doc .docx）、WPS（.wps .et）、Excel（.xls .xlsx）、"
    "文本（.txt .csv）、图片（.png .jpg .jpeg .gif .webp）和 ZIP 压缩包"
)
_PAGES = frozenset([".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".hta", ".xml", ".xsl", ".xslt"])
_SVG = frozenset((".svg", ".svgz"))
_PROGRAMS = frozenset(
    [
        ".js",
        ".mjs",
        ".cjs",
        ".vbs",
        ".vbe",
        ".wsf",
        ".wsh",
        ".ps1",
        ".psm1",
        ".bat",
        ".cmd",
        ".sh",
        ".py",
        ".php",
        ".jsp",
        ".asp",
        ".aspx",
        ".pl",
        ".jar",
        ".swf",
        ".exe",
        ".com",
        ".scr",
        ".msi",
        ".msp",
        ".dll",
        ".sys",
        ".cpl",
        ".lnk",
        ".reg",
        ".apk",
        ".app",
        ".dmg",
        ".pkg",
        ".deb",
        ".rpm",
        ".elf",
        ".bin",
    ]
)
_ARCHIVES = frozenset([".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".cab", ".iso", ".arj", ".lzh"])

# Characters that change how a name reads without being seen: the bidirectional controls make
# "报告\u202efdp.exe" show as "报告exe.pdf"; zero-width ones make two names look the same.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e\u00ad")
# The opening of a page, as browsers sniff it (WHATWG MIME Sniffing, "HTML"), plus SVG and XML.
_MARKUP = re.compile(
    rb"\s*<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|svg|\?xml|!--)"
    rb"[\s>/]",
    re.I,
)


def is_text(name: str) -> bool:
    """Whether the site publishes this attachment as text (converted by published_text)."""
    kind = ALLOWED.get(PurePath(name).suffix.lower())
    return kind is not None and kind.is_text


def published_text(raw: bytes) -> bytes:
    """A text attachment as the site publishes it: UTF-8 with a byte-order mark, whatever it was saved in.

    A UTF-8 file only gains the mark; GBK (Windows' "ANSI") and UTF-16 are converted.
    The staff's file in content/ is never changed. Bytes no encoding reads are published as they are.

    >>> published_text("名称,数量\\r\\n".encode("gbk")) == codecs.BOM_UTF8 + "名称,数量\\r\\n".encode()
    True
    """
    if raw.startswith(codecs.BOM_UTF8):
        return raw
    text = guess_text(raw)
    return raw if text is None else codecs.BOM_UTF8 + text.encode("utf-8")


def shown_name(name: str) -> str:
    """The name with every invisible character spelled out, so a message reads in order.

    >>> shown_name("报告\\u202efdp.exe")
    '报告<U+202E>fdp.exe'
    """
    return "".join(f"<U+{ord(c):04X}>" if _is_invisible(c) else c for c in name)


def _is_invisible(char: str) -> bool:
    return char in _BIDI or char in _ZERO_WIDTH or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def check_name(name: str, what: str = "附件名") -> str | None:
    """A message when a file or display name carries control, bidirectional or zero-width characters.

    >>> check_name("会议纪要\\u200b.pdf")
    '附件名「会议纪要<U+200B>.pdf」含有看不见的零宽字符 U+200B：请删除它后重新命名'
    """
    for char in name:
        code = f"U+{ord(char):04X}"
        if char in _BIDI:
            return (
                f"{what}「{shown_name(name)}」含有改变文字方向的不可见字符 {code}，"
                "会让名字（如扩展名）显示成另一个样子：请删除它后重新命名"
            )
        if char in _ZERO_WIDTH or unicodedata.category(char) == "Cf":
            return f"{what}「{shown_name(name)}」含有看不见的零宽字符 {code}：请删除它后重新命名"
        if _is_invisible(char):
            return f"{what}「{shown_name(name)}」含有不可见的控制字符 {code}，常由复制粘贴带入：请删除它后重新命名"
    return None


def ignored_part(parts: tuple[str, ...]) -> str | None:
    """The first folder or file name that content/ ignores (drafts `_…`, hidden `.…`), if any.

    >>> ignored_part(("..", "..", "_草稿", "内部.txt"))
    '_草稿'
    """
    return next((p for p in parts if p not in (".", "..") and p.startswith(("_", "."))), None)


def check_type(name: str) -> str | None:
    """A message when the extension is not one the site publishes.

    >>> check_type("说明.HTML")
    '「说明.HTML」是网页文件，浏览器打开时会运行其中的脚本，不能作为附件：请另存为 PDF'
    """
    suffix = PurePath(name).suffix.lower()
    if suffix in ALLOWED:
        return None
    if suffix in _PAGES:
        return f"「{name}」是网页文件，浏览器打开时会运行其中的脚本，不能作为附件：请另存为 PDF"
    if suffix in _SVG:
        return f"「{name}」是 SVG 图形，其中可以含有脚本，不能作为附件：请另存为 PNG 图片或 PDF"
    if suffix in _PROGRAMS:
        return f"「{name}」是程序或脚本，政府网站不发布程序文件：请删除它；如需公开其中的内容，请另存为 PDF"
    if suffix in _ARCHIVES:
        return f"「{name}」是 {suffix[1:].upper()} 压缩包：请改用 ZIP 格式压缩，或直接列出其中的文件"
    kind = f"类型 {suffix}" if suffix else "没有扩展名，类型"
    return f"「{name}」的{kind}不在可发布的附件类型中：请另存为 PDF；可发布的类型有 {ALLOWED_LIST}"


def check_content(path: Path, name: str) -> str | None:
    """A message when the file's content is not what its extension says (the name passed check_type)."""
    try:
        with open(path, "rb") as file:
            head = file.read(TEXT_BYTES)
    except OSError as error:
        return f"「{name}」无法读取（{error.strerror}）：请检查文件"
    return _check_head(head, name) or (_check_zip(path, name) if PurePath(name).suffix.lower() == ".zip" else None)


def _check_head(head: bytes, name: str) -> str | None:
    kind = ALLOWED[PurePath(name).suffix.lower()]
    if not head:
        return f"「{name}」是空文件：请放入正确的文件"
    if kind.is_text:
        return _check_text(head, name)
    if _begins_as(head, kind):
        return None
    return (
        f"「{name}」的内容不是 {kind.label} 文件（{describe(head)}），扩展名与内容不符："
        f"请用原来的软件另存为 {kind.label} 后再放入"
    )


def _begins_as(head: bytes, kind: AttachmentType) -> bool:
    if not head.startswith(kind.signatures):
        return False
    return kind is not ALLOWED[".webp"] or head[8:12] == b"WEBP"


def _check_text(head: bytes, name: str) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 from Notepad: NULs belong to it
        start = head[2:HEAD_BYTES].decode("utf-16-be" if head[0] == 0xFE else "utf-16-le", "ignore")
        start = start.encode("ascii", "replace")
    else:
        start = head.removeprefix(b"\xef\xbb\xbf")
        if b"\0" in start:
            return f"「{name}」不是文本文件（{describe(head)}），扩展名与内容不符：请另存为纯文本或改用正确的扩展名"
    if _MARKUP.match(start):
        return f"「{name}」的内容是网页代码，浏览器可能把它当作网页运行：请另存为 PDF，或去掉其中的网页标记"
    return None


def describe(head: bytes) -> str:
    """What the first bytes of a file look like, in a clerk's words.

    >>> describe(b"<!DOCTYPE html><script>")
    '开头是网页代码'
    """
    if _MARKUP.match(head.removeprefix(b"\xef\xbb\xbf")):
        return "开头是网页代码"
    for signature, words in (
        (b"%PDF-", "实际是 PDF 文件"),
        (b"PK\x03\x04", "实际是 ZIP 格式的文件，如 .docx、.xlsx、.ofd 或压缩包"),
        (_OLE[0], "实际是旧版 Office 或 WPS 文件，如 .doc、.xls"),
        (b"{\\rtf", "实际是 RTF 文档"),
        (b"MZ", "实际是 Windows 程序"),
        (b"\x7fELF", "实际是程序"),
        (b"\x89PNG", "实际是 PNG 图片"),
        (b"\xff\xd8\xff", "实际是 JPEG 图片"),
        (b"GIF8", "实际是 GIF 图片"),
        (b"Rar!", "实际是 RAR 压缩包"),
        (b"7z\xbc\xaf", "实际是 7z 压缩包"),
    ):
        if head.startswith(signature):
            return words
    return "无法识别的内容"


def _check_zip(path: Path, name: str) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return f"「{name}」中有 {len(entries)} 个文件，超过 {MAX_ZIP_ENTRIES} 个：请拆分，或直接列出其中的文件"
            for entry in entries:
                problem = _check_entry(archive, entry, name)
                if problem:
                    return problem
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return f"「{name}」已损坏，无法打开：请重新压缩"
    return None


def _check_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, zip_name: str) -> str | None:
    inner = entry.filename
    if not entry.flag_bits & 0x800:  # not flagged UTF-8: Chinese Windows writes GBK, read as cp437
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            inner = inner.encode("cp437").decode("gbk")
    shown = f"{zip_name}」中的「{inner}"
    problem = check_name(inner, "压缩包中的文件名")
    if problem:
        return f"「{zip_name}」中的{problem}"
    parts = PurePath(inner.replace("\\", "/")).parts
    if inner.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", inner):
        return f"「{shown}」的路径指向压缩包之外：请重新压缩，只放入文件本身"
    hidden = ignored_part(parts)
    if hidden:
        return f"「{shown}」在以 _ 或 . 开头的「{hidden}」中，这类文件不发布：请删除后重新压缩"
    if entry.is_dir():
        return None
    if PurePath(inner).suffix.lower() == ".zip":
        return f"「{shown}」是压缩包中的压缩包：请把其中的文件直接放进一个压缩包"
    problem = check_type(shown)
    if problem:
        return problem
    if entry.flag_bits & 0x1:
        return f"「{shown}」设置了密码，无法检查：请去掉密码后重新压缩"
    try:
        with archive.open(entry) as member:
            head = member.read(HEAD_BYTES)  # decompresses only this much, whatever the entry's size
    except (NotImplementedError, RuntimeError):
        return f"「{shown}」的压缩方式无法读取：请用 ZIP 的常用方式（Deflate）重新压缩"
    return _check_head(head, shown)


def check_case_collisions(names: list[str]) -> tuple[int, str] | None:
    """The index and message of the first name that another of the same document would overwrite.

    >>> check_case_collisions(["Report.txt", "report.TXT"])
    (1, '「report.TXT」与「Report.txt」只有大小写不同，发布后在不区分大小写的服务器和电脑上会互相覆盖：请给其中一个改名')
    """
    seen: dict[str, str] = {}
    for index, name in enumerate(names):
        key = unicodedata.normalize("NFC", name).casefold()
        if key in seen:
            earlier = seen[key]
            if earlier == name:
                return (
                    index,
                    f"「{name}」列出了两次，或与另一个文件夹中的同名文件在网站上占同一个地址：请删除重复的一项或改名",
                )
            return (
                index,
                f"「{name}」与「{earlier}」只有大小写不同，发布后在不区分大小写的服务器和电脑上会互相覆盖：请给其中一个改名",
            )
        seen[key] = name
    return None
