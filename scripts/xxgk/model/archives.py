"""ZIP-based files (.docx, .xlsx, .ofd …): refused before parsing when they would unpack too large.

A 1.6 MB .docx can hold gigabytes of XML. The central directory says what each
member unpacks to, and Python's zipfile never returns more than that, so
reading the directory first bounds every parser that follows.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_UNPACKED = 200 * 2**20  # all members together
MAX_TEXT = 64 * 2**20  # the XML members a parser builds a tree of
MAX_RATIO = 100  # Word and Excel XML compresses about 10 to 1; pictures barely at all
MAX_MEMBERS = 10_000
_SMALL = 2**20  # below this, a high ratio does no harm (an empty sheet compresses well)


class ArchiveError(ValueError):
    """A ZIP-based file that must not be opened; the message says why, in the staff's words."""


def check_zip_size(path: Path) -> None:
    """ArchiveError if the file is not a ZIP archive or would unpack beyond the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ArchiveError(f"文件无法打开（{type(error).__name__}），可能已损坏") from None
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    text = sum(member.file_size for member in members if member.filename.lower().endswith((".xml", ".rels")))
    if len(members) > MAX_MEMBERS:
        raise ArchiveError(f"压缩包内有 {len(members)} 个部件，超过 {MAX_MEMBERS} 个，疑似恶意文件")
    if unpacked > MAX_UNPACKED or text > MAX_TEXT:
        raise ArchiveError(
            f"解压后有 {unpacked // 2**20} MB（文字部分 {text // 2**20} MB），"
            f"超过 {MAX_UNPACKED // 2**20} MB（文字 {MAX_TEXT // 2**20} MB）的上限，疑似“压缩炸弹”"
        )
    if unpacked > _SMALL and unpacked > MAX_RATIO * max(packed, 1):
        raise ArchiveError(f"解压后是原来的 {unpacked // max(packed, 1)} 倍，超过 {MAX_RATIO} 倍的上限，疑似“压缩炸弹”")
