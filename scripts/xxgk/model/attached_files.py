"""A document's attachments: the files its 附件 lists, found beside it and checked, their size and SHA-256;
and the 图解 and 音视频 files, found beside it by the same rules.

Whether a type may be published and whether a file is what its name says is the
policy of `attachments`; this module finds the file a document names and builds
the `Attachment` the pages and the open data show.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from xxgk.model import attachments as policy
from xxgk.model import urls
from xxgk.model.media import Graphic, MediaProblem, Recording, StaffMedia, read_graphics, read_recordings
from xxgk.model.problems import shown_path
from xxgk.model.vocabulary import nearest

# The site writes these beside each document's attachments: its page and its metadata (open_data.py).
PAGE_FILES = ("index.html", urls.DOCUMENT_DATA)


@dataclass(frozen=True)
class Attachment:
    name: str  # what readers see
    filename: str
    source: Path  # the file on disk
    size: int  # of the file as published (published_bytes), which is what a reader downloads

    @property
    def type_label(self) -> str:
        suffix = self.source.suffix.lower().lstrip(".")
        return suffix.upper() if suffix else "文件"

    @property
    def media_type(self) -> str:
        return mimetypes.guess_type(self.filename)[0] or "application/octet-stream"


class InvalidAttachment(ValueError):
    """An attachment that cannot be published as listed; the message says why and how to fix it."""


def read_attachment(item: Any, folder: Path, content_dir: Path, max_bytes: int) -> Attachment:
    """The attachment a document lists (a file name, or {文件: …, 名称: …}), found beside it and checked."""
    if isinstance(item, dict):
        filename, name = item.get("文件"), item.get("名称")
        if not isinstance(filename, str) or (name is not None and not isinstance(name, str)):
            raise InvalidAttachment("附件应写成文件名，或 {文件: 文件名, 名称: 显示名}")
    elif isinstance(item, str):
        filename, name = item, None
    else:
        raise InvalidAttachment(f"附件应为文件名，现为 {item!r}")
    for text, what in ((filename, "附件名"), (name or "", "附件的显示名")):
        if message := policy.check_name(text, what):
            raise InvalidAttachment(message)
    relative, source, size = staff_file(filename, folder, content_dir, max_bytes, "附件", check_type=True)
    attachment = Attachment(name=name or relative.stem, filename=relative.name, source=source, size=size)
    converted = published_bytes(attachment)
    return attachment if converted is None else dataclasses.replace(attachment, size=len(converted))


def staff_file(
    filename: str, folder: Path, content_dir: Path, max_bytes: int, what: str = "文件", check_type: bool = False
) -> tuple[PurePath, Path, int]:
    """A file a document names, found beside it: (as written, where it is, its size as stored).

    The rules every published file beside a document follows: inside content/, not in a draft
    folder, present, not named like the page, within the size limit and, for attachments
    (`check_type`), of a type the site publishes with the content that type promises.
    """
    if message := policy.check_name(filename, "文件名"):
        raise InvalidAttachment(message)
    relative = PurePath(filename)
    if relative.is_absolute() or filename.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", filename):
        raise InvalidAttachment(f"「{filename}」是绝对路径：请把文件放在本文件旁边，只写文件名")
    source = folder / relative
    resolved = source.resolve()
    if not resolved.is_relative_to(content_dir.resolve()):
        raise InvalidAttachment(f"「{filename}」指向 content 文件夹之外：{what}必须放在 content 文件夹内")
    hidden = policy.ignored_part(relative.parts) or policy.ignored_part(
        resolved.relative_to(content_dir.resolve()).parts
    )
    if hidden:
        raise InvalidAttachment(
            f"「{filename}」在以 _ 或 . 开头的「{hidden}」中，这样的文件和文件夹不发布（草稿、隐藏文件）："
            f"请把要公开的{what}放在本文件旁边"
        )
    if not resolved.is_file():
        raise InvalidAttachment(_missing(filename, source))
    if relative.name.lower() in PAGE_FILES:
        raise InvalidAttachment(f"「{filename}」与网站为本文件生成的页面或元数据同名：请给{what}改个名字")
    if check_type and (message := policy.check_type(filename)):
        raise InvalidAttachment(message)
    size = resolved.stat().st_size
    if size > max_bytes:
        raise InvalidAttachment(
            f"「{filename}」有 {human_size(size)}，超过上限 {human_size(max_bytes)}"
            "（站点.yml 的 附件大小上限）：请压缩或拆分"
        )
    if check_type and (message := policy.check_content(resolved, filename)):
        raise InvalidAttachment(message)
    return relative, source, size


def read_media(
    graphics: bool, value: Any, folder: Path, content_dir: Path, max_bytes: int
) -> tuple[Graphic, ...] | tuple[Recording, ...]:
    """The 图解 (`graphics`) or 音视频 a document lists, each file found beside it like an attachment."""

    def locate(filename: str, path: tuple) -> StaffMedia:
        try:
            relative, source, size = staff_file(filename, folder, content_dir, max_bytes)
        except InvalidAttachment as invalid:
            raise MediaProblem(str(invalid), *path) from None
        return StaffMedia(relative.name, source, size)

    found = (read_graphics if graphics else read_recordings)(value, locate)
    names = [item.filename for item in found] + [
        item.captions.filename for item in found if getattr(item, "captions", None)
    ]
    if collision := policy.check_case_collisions(names):
        raise MediaProblem(collision[1], min(collision[0], len(found) - 1))
    return found


def _missing(filename: str, source: Path) -> str:
    """Where the missing file is expected, from the repository, and the file beside it that it may be;
    or, for several names written as one, how to list them."""
    names = [name.strip() for name in re.split(r"[，、；;,]", filename) if name.strip()]
    if len(names) > 1:
        return f"「{filename}」像是几个附件写在了一起：多个附件要写成列表，如 附件: [{', '.join(names)}]"
    folder = source.parent
    beside = [p.name for p in folder.iterdir() if p.is_file() and p.suffix != ".md"] if folder.is_dir() else []
    close = nearest(source.name, sorted(beside), n=1)
    hint = f"；同一文件夹中有「{close[0]}」，是不是它？" if close else ""
    return f"「{filename}」不存在：应放在 {shown_path(source).as_posix()}，或改正文件名{hint}"


def human_size(size: int) -> str:
    """
    >>> human_size(2_400_000)
    '2.3 MB'
    """
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


@functools.lru_cache(maxsize=4096)  # one entry per version of an attachment; bounded for the preview
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_of(attachment: Attachment) -> str:
    """The SHA-256 of the attachment as published, read once per version of the file (the preview rebuilds often)."""
    converted = published_bytes(attachment)
    if converted is not None:
        return hashlib.sha256(converted).hexdigest()
    stat = Path(attachment.source).stat()
    return _sha256(str(attachment.source), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)  # text attachments are few and small; the preview asks again on each rebuild
def _published_text(path: str, mtime_ns: int, size: int) -> bytes:
    return policy.published_text(Path(path).read_bytes())


def published_bytes(attachment: Attachment) -> bytes | None:
    """What the site publishes for a text attachment (policy.published_text); None: the file is copied as it is."""
    if not policy.is_text(attachment.filename):
        return None
    stat = Path(attachment.source).stat()
    return _published_text(str(attachment.source), stat.st_mtime_ns, stat.st_size)
