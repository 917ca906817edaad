"""The pictures of a 图解 and the recordings of a 访谈 or 新闻发布会, checked as they are declared.

A 图解 is a set of images, each published with a text alternative (替代文本, what
a screen reader says) and the full text of the graphic (文字, shown below it), so
nobody needs to see the picture to read it: an image without either is refused.
Its source must be a PNG, JPEG or WebP at least MIN_WIDTH pixels wide (the site
makes phone-sized copies of it, see site/outputs/pictures.py).

A recording is audio or video the browser plays itself (HTML5 `<audio>`/`<video>`,
no third-party player), with optional WebVTT captions. Its first bytes must be
what its extension promises, like an attachment's (model/attachments.py).

Files are found beside the document by the caller (`locate`), which applies the
same path rules as to attachments; a problem is a `MediaProblem` with the path
below the field (the item's index, then its key) for the line.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from PIL import Image

from xxgk.model.keys import Keys

MIN_WIDTH = 640  # narrower sources look blurred on a phone held upright (360 CSS px at 2x)
MAX_PIXELS = 40_000_000  # far beyond any infographic; a larger one is a mistake or a decompression bomb
MAX_ALT_LENGTH = 150  # a text alternative is one sentence; the full text goes in 文字
MAX_GRAPHIC_TEXT = 5000
MAX_CAPTIONS_BYTES = 2**20

GRAPHIC_KEYS = Keys("项", {"图片": "filename", "替代文本": "alt", "文字": "text"})
MEDIA_KEYS = Keys("项", {"文件": "filename", "字幕": "captions", "名称": "name"})

# Extension -> (what the clerk calls it, the format the site serves, how its first bytes read).
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
_FTYP = "ftyp"  # ISO media (MP4, M4A): a box size, then "ftyp"


@dataclass(frozen=True)
class MediaType:
    label: str
    element: str  # audio or video
    media_type: str
    signatures: tuple[bytes, ...]


MEDIA_TYPES = {
    ".mp3": MediaType("MP3 音频", "audio", "audio/mpeg", (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")),
    ".m4a": MediaType("M4A 音频", "audio", "audio/mp4", (_FTYP.encode(),)),
    ".ogg": MediaType("Ogg 音频", "audio", "audio/ogg", (b"OggS",)),
    ".oga": MediaType("Ogg 音频", "audio", "audio/ogg", (b"OggS",)),
    ".opus": MediaType("Opus 音频", "audio", "audio/ogg", (b"OggS",)),
    ".wav": MediaType("WAV 音频", "audio", "audio/wav", (b"RIFF",)),
    ".mp4": MediaType("MP4 视频", "video", "video/mp4", (_FTYP.encode(),)),
    ".m4v": MediaType("MP4 视频", "video", "video/mp4", (_FTYP.encode(),)),
    ".webm": MediaType("WebM 视频", "video", "video/webm", (b"\x1aE\xdf\xa3",)),
}
MEDIA_LIST = "音频 .mp3 .m4a .ogg .opus .wav，视频 .mp4 .m4v .webm"


class MediaProblem(Exception):
    def __init__(self, message: str, *path: Any):
        self.message = message
        self.path = path


@dataclass(frozen=True)
class StaffMedia:
    """A file found beside the document: its name as written, where it is and its size."""

    filename: str
    source: Path
    size: int


# Finds a file named in the front matter beside the document, or raises MediaProblem (at `path`).
Locate = Callable[[str, tuple], StaffMedia]


@dataclass(frozen=True)
class Graphic:
    """One image of a 图解."""

    filename: str
    source: Path
    size: int
    width: int
    height: int
    format: str  # PNG, JPEG or WEBP, as Pillow names it
    alt: str  # 替代文本
    text: str  # 文字: everything the image says, Markdown

    @property
    def stem(self) -> str:
        return PurePath(self.filename).stem


@dataclass(frozen=True)
class Recording:
    """The audio or video of an interview or a press conference."""

    filename: str
    source: Path
    size: int
    type: MediaType
    name: str  # what readers see
    captions: StaffMedia | None = None

    @property
    def is_video(self) -> bool:
        return self.type.element == "video"


def read_graphics(value: Any, locate: Locate) -> tuple[Graphic, ...]:
    """Every image of a 图解 field: a list of {图片, 替代文本, 文字}."""
    items = value if isinstance(value, list) else [value]
    return tuple(_graphic(item, index, locate) for index, item in enumerate(items))


def _graphic(item: Any, index: int, locate: Locate) -> Graphic:
    number = f"第 {index + 1} 张图"
    if isinstance(item, str):
        raise MediaProblem(
            f"{number}只写了文件名：每张图要写成 {{图片: {item}, 替代文本: 一句话说明图片, 文字: 图片上的全部文字}}",
            index,
        )
    if not isinstance(item, dict):
        raise MediaProblem(f"{number}应写成 {{图片: 文件名, 替代文本: …, 文字: …}}", index)
    for key in item:
        if key not in GRAPHIC_KEYS:
            raise MediaProblem(f"{number}：" + GRAPHIC_KEYS.unknown_message(key, named=True), index, key)
    filename = item.get("图片")
    if not isinstance(filename, str) or not filename.strip():
        raise MediaProblem(f"{number}缺少 图片：写明与本文件放在同一文件夹中的图片文件名", index)
    alt = _words(item.get("替代文本"), index, "替代文本")
    if not alt:
        raise MediaProblem(
            f"{number}「{filename}」缺少替代文本：请用一句话写明图片表达的内容（读屏软件会朗读它），"
            "如 替代文本: 政府投资项目审批流程图",
            index,
        )
    if len(alt) > MAX_ALT_LENGTH:
        raise MediaProblem(
            f"{number}的替代文本有 {len(alt)} 个字，超过 {MAX_ALT_LENGTH} 个：替代文本只写一句话，"
            "图片上的全部文字写在 文字 中",
            index,
            "替代文本",
        )
    text = _words(item.get("文字"), index, "文字")
    if not text:
        raise MediaProblem(
            f"{number}「{filename}」缺少文字：请把图片上的全部文字写在 文字 中，网页把它放在图片下方，"
            "看不清或看不到图片的读者读它",
            index,
        )
    if len(text) > MAX_GRAPHIC_TEXT:
        raise MediaProblem(f"{number}的文字有 {len(text)} 个字，超过 {MAX_GRAPHIC_TEXT} 个", index, "文字")
    suffix = PurePath(filename).suffix.lower()
    if suffix not in IMAGE_FORMATS:
        raise MediaProblem(
            f"「{filename}」不是图解可用的图片：请另存为 PNG（图表、文字多的图）或 JPEG（照片）", index, "图片"
        )
    found = locate(filename.strip(), (index, "图片"))
    width, height, kind = _image_facts(found, index)
    if kind != IMAGE_FORMATS[suffix]:
        raise MediaProblem(
            f"「{filename}」的内容是 {kind} 图片，扩展名与内容不符：请改正扩展名或重新另存", index, "图片"
        )
    if width < MIN_WIDTH:
        raise MediaProblem(
            f"「{filename}」宽 {width} 像素，在手机上会看不清：请提供宽度不少于 {MIN_WIDTH} 像素的原图", index, "图片"
        )
    return Graphic(found.filename, found.source, found.size, width, height, kind, alt, text)


def _words(value: Any, index: int, key: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise MediaProblem(f"{key}应为文字，现为 {value!r}：请给值加上引号", index, key)
    return value.strip()


def _image_facts(found: StaffMedia, index: int) -> tuple[int, int, str]:
    """Width, height and format, read from the header; then the whole file is verified."""
    unreadable = MediaProblem(
        f"「{found.filename}」不是能打开的图片（文件已损坏或不是图片）：请重新导出", index, "图片"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(found.source) as image:
                width, height, kind = image.width, image.height, image.format
                if width * height > MAX_PIXELS:
                    raise MediaProblem(
                        f"「{found.filename}」有 {width}×{height} 像素，太大：请缩小到宽 2000 像素以内再放入",
                        index,
                        "图片",
                    )
                image.verify()
    except MediaProblem:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise unreadable from None
    return width, height, kind or ""


MAX_PICTURE_BYTES = 2**20  # a QR code or a small picture in a register


def check_picture(path: Path, name: str) -> str | None:
    """A message when a small picture a register names (a QR code) cannot be published as it is."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in IMAGE_FORMATS:
        return f"「{name}」不是图片：请用 .png 或 .jpg 图片"
    if path.stat().st_size > MAX_PICTURE_BYTES:
        return f"「{name}」超过 1 MB：二维码图片请缩小后再放入"
    try:
        width, height, kind = _image_facts(StaffMedia(name, path, path.stat().st_size), 0)
    except MediaProblem as problem:
        return problem.message
    if kind != IMAGE_FORMATS[suffix]:
        return f"「{name}」的内容是 {kind} 图片，扩展名与内容不符：请改正扩展名或重新另存"
    return None


def read_recordings(value: Any, locate: Locate) -> tuple[Recording, ...]:
    """Every recording of a 音视频 field: file names, or {文件, 字幕, 名称}."""
    items = value if isinstance(value, list) else [value]
    return tuple(_recording(item, index, locate) for index, item in enumerate(items))


def _recording(item: Any, index: int, locate: Locate) -> Recording:
    if isinstance(item, str):
        item = {"文件": item}
    if not isinstance(item, dict):
        raise MediaProblem("每项音视频应写成文件名，或 {文件: 文件名, 字幕: 字幕.vtt, 名称: 显示名}", index)
    for key in item:
        if key not in MEDIA_KEYS:
            raise MediaProblem(MEDIA_KEYS.unknown_message(key, named=True), index, key)
    filename, captions, name = item.get("文件"), item.get("字幕"), item.get("名称")
    if not isinstance(filename, str) or not filename.strip():
        raise MediaProblem("缺少 文件：写明与本文件放在同一文件夹中的音频或视频文件名", index)
    for key, text in (("字幕", captions), ("名称", name)):
        if text is not None and not isinstance(text, str):
            raise MediaProblem(f"{key}应为文字，现为 {text!r}", index, key)
    suffix = PurePath(filename).suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise MediaProblem(f"「{filename}」不是网页能直接播放的音视频格式：请转换为 {MEDIA_LIST}", index, "文件")
    kind = MEDIA_TYPES[suffix]
    found = locate(filename.strip(), (index, "文件"))
    _check_signature(found, kind, index)
    track = None
    if captions and captions.strip():
        if PurePath(captions).suffix.lower() != ".vtt":
            raise MediaProblem(f"字幕「{captions}」应为 WebVTT 格式的 .vtt 文件", index, "字幕")
        track = locate(captions.strip(), (index, "字幕"))
        _check_captions(track, index)
    return Recording(found.filename, found.source, found.size, kind, (name or "").strip() or found.filename, track)


def _check_signature(found: StaffMedia, kind: MediaType, index: int) -> None:
    with open(found.source, "rb") as file:
        head = file.read(16)
    if kind.signatures == (_FTYP.encode(),):
        matches = head[4:8] == kind.signatures[0]
    elif kind.media_type == "audio/wav":
        matches = head.startswith(b"RIFF") and head[8:12] == b"WAVE"
    else:
        matches = head.startswith(kind.signatures)
    if not matches:
        raise MediaProblem(
            f"「{found.filename}」的内容不是 {kind.label}，扩展名与内容不符：请用原来的软件导出为 {kind.label}",
            index,
            "文件",
        )


def _check_captions(found: StaffMedia, index: int) -> None:
    if found.size > MAX_CAPTIONS_BYTES:
        raise MediaProblem(f"字幕「{found.filename}」超过 1 MB：字幕文件不应这么大，请核对", index, "字幕")
    raw = found.source.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MediaProblem(f"字幕「{found.filename}」不是 UTF-8 编码：请另存为 UTF-8", index, "字幕") from None
    if not text.startswith("WEBVTT"):
        raise MediaProblem(
            f"字幕「{found.filename}」不是 WebVTT 文件：第一行应为 WEBVTT（可用字幕软件另存为 .vtt）", index, "字幕"
        )
