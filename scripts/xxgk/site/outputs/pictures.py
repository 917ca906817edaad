"""The phone-sized copies of each 图解 image: WebP for browsers that take it, the source's format for the rest.

A 图解 is drawn large (1080 px and more) so it prints sharply, which is a heavy
download on a phone. The build makes copies at WIDTHS (never wider than the
source) in WebP, a quarter of a PNG's size for the same drawing, and in the
source's own format (PNG or JPEG) for browsers without WebP; the page offers them
in a `<picture>` with `srcset`, and links the original for zooming. Pillow writes
them without metadata or timestamps, so the same image gives the same bytes on
every build; the version is pinned in pyproject.toml, since another libwebp or
zlib may compress differently. A copy is made once per version of the source.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from xxgk.model import urls
from xxgk.model.media import Graphic

WIDTHS = (640, 1280)  # a phone upright at 2x, and a phone at 3x or a desktop column
SIZES = "(max-width: 600px) 100vw, 540px"  # the width of the screen on a phone, else 540 px (the CSS)
WEBP_QUALITY = 80
JPEG_QUALITY = 85
FALLBACK = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"), "WEBP": ("png", "image/png")}


@dataclass(frozen=True)
class Picture:
    original: str  # the source as the clerk gave it, below its document
    fallback_type: str  # image/png or image/jpeg
    width: int  # of the largest copy, for the <img>'s aspect ratio
    height: int
    webp: tuple[tuple[str, int], ...]  # (address, width), smallest first
    fallback: tuple[tuple[str, int], ...]
    files: dict[str, bytes] = field(default_factory=dict, compare=False)


def widths_for(source_width: int) -> list[int]:
    """
    >>> widths_for(1080), widths_for(3000), widths_for(640)
    ([640, 1080], [640, 1280], [640])
    """
    found = [width for width in WIDTHS if width < source_width]
    return found + [min(source_width, WIDTHS[-1])] if min(source_width, WIDTHS[-1]) not in found else found


def picture_of(document_url: str, graphic: Graphic) -> Picture:
    """The copies of one image and where they go, made once per version of the source file."""
    stat = Path(graphic.source).stat()
    return _picture(document_url, graphic, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=512)  # bounded: the preview runs for hours
def _picture(document_url: str, graphic: Graphic, mtime_ns: int, size: int) -> Picture:
    suffix, media_type = FALLBACK[graphic.format]
    files: dict[str, bytes] = {}
    webp, fallback = [], []
    with Image.open(graphic.source) as opened:
        image = opened.convert("RGBA" if opened.mode in ("RGBA", "LA", "P") else "RGB")
    for width in widths_for(image.width):
        height = round(image.height * width / image.width)
        copy = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        for candidates, extension, write in (
            (webp, "webp", _webp),
            (fallback, suffix, _png if suffix == "png" else _jpeg),
        ):
            address = urls.picture(document_url, f"{graphic.stem}-{width}.{extension}")
            files[address] = write(copy)
            candidates.append((address, width))
    largest = widths_for(image.width)[-1]
    return Picture(
        original=document_url + graphic.filename,
        fallback_type=media_type,
        width=largest,
        height=round(image.height * largest / image.width),
        webp=tuple(webp),
        fallback=tuple(fallback),
        files=files,
    )


def _webp(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "WEBP", quality=WEBP_QUALITY, method=6)
    return out.getvalue()


def _png(image: Image.Image) -> bytes:
    # A 图解 is flat colours: 256 of them keep it intact, and a scaled copy a quarter of the size.
    out = io.BytesIO()
    image.quantize(256, method=Image.Quantize.FASTOCTREE).save(out, "PNG", optimize=True)
    return out.getvalue()


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()
