"""OFD (GB/T 33190, what 电子公文 systems export): the text objects of each page, read with ofdkit.

An OFD file is a ZIP of XML: OFD.xml names Document.xml, which lists the pages;
each page's Content.xml places TextObjects holding TextCode runs. ofdkit reads
them (templates and composite objects included) with the standard library
only, refuses DTDs and over-large parts, and gives each run's position, which
layout.py turns back into paragraphs. The archive is measured first
(model/archives.py): the file comes from outside and may be a zip bomb.
"""

from __future__ import annotations

from pathlib import Path

from xxgk.authoring.readers.blocks import ImportRefused, SavedFile, Source
from xxgk.authoring.readers.layout import Glyph, PageText, read_pages
from xxgk.authoring.readers.pdf import MAX_PAGES
from xxgk.model.archives import ArchiveError, check_zip_size

_ASCENT = 0.88  # of the font size above the baseline; OFD gives the baseline only


def read_ofd(path: Path) -> Source:
    import ofdkit

    try:
        check_zip_size(path)
    except ArchiveError as error:
        raise ImportRefused(f"{path}: 无法读取这个 OFD 文件：{error}") from None
    try:
        with ofdkit.open(path) as document:
            if len(document.pages) > MAX_PAGES:
                raise ImportRefused(f"{path}: OFD 有 {len(document.pages)} 页，超过 {MAX_PAGES} 页的上限，未导入")
            pages = [PageText(_glyphs(page), []) for page in document.pages]
            warnings = list(document.warnings)
    except ImportRefused:
        raise
    except Exception as error:  # ofdkit.OFDError for a broken package; anything else for a hostile one
        raise ImportRefused(
            f"{path}: 无法读取这个 OFD 文件（{type(error).__name__}）：请确认它是 OFD 格式且没有损坏"
        ) from None
    if not any(page.glyphs for page in pages):
        raise ImportRefused(
            f"{path}: OFD 中没有可读取的文字，可能是扫描件：请向发文单位索取可复制文字的 OFD、PDF 或 Word 版本"
        )
    source = Source(read_pages(pages), read_as=f"OFD 文字，共 {len(pages)} 页")
    if warnings:
        source.notes.append(f"OFD 文件有 {len(warnings)} 处结构问题，部分内容可能没有读到：请对照原件核对正文")
    source.original = SavedFile("原件.ofd", "原件（OFD）", path.read_bytes())
    return source


def _glyphs(page) -> list[Glyph]:
    x, y, width, height = page.box
    return [
        Glyph(
            run.text, run.x, run.x + run.width, run.y - _ASCENT * run.size, run.y + (1 - _ASCENT) * run.size, run.size
        )
        for run in page.runs
        if x <= run.x <= x + width and y <= run.y <= y + height and run.text.strip()
    ]
