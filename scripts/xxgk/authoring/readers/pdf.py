"""PDF: characters placed by PDFium (pypdfium2), ruled tables found by pdfplumber, lines joined by layout.py.

pypdf, which the personal-data gate uses, gives a page's text without
positions, so a wrapped line cannot be told from a new paragraph. pdfplumber
gives positions and finds tables by their rules, but its text comes from
pdfminer, which ignores a font's embedded CMap and then reads no character at
all (fpdf2 and some office suites write such fonts). PDFium, the engine of
Chrome's viewer, reads those too; pdfplumber is kept for the table rules.
"""

from __future__ import annotations

from pathlib import Path

from xxgk.authoring.readers.blocks import ImportRefused, SavedFile, Source
from xxgk.authoring.readers.layout import Glyph, PageText, PlacedTable, joined, lines_of, read_pages

MAX_PAGES = 500  # an official document with its attachments; more is not a document to import
_UNMAPPED = (0, 0xFFFD)  # a glyph whose font has no Unicode for it


def read_pdf(path: Path) -> Source:
    import pdfplumber
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(path.read_bytes())  # bytes: PDFium may not open a Chinese path on Windows
        try:
            if len(document) > MAX_PAGES:
                raise ImportRefused(f"{path}: PDF 有 {len(document)} 页，超过 {MAX_PAGES} 页的上限，未导入")
            pages = [_glyphs(page) for page in document]
        finally:
            document.close()
        with pdfplumber.open(path) as ruled:
            pages = [_with_tables(page, glyphs, unmapped) for page, (glyphs, unmapped) in zip(ruled.pages, pages)]
    except ImportRefused:
        raise
    except Exception as error:  # PDFium and pdfminer raise their own kinds for damaged or encrypted files
        if "password" in str(error).lower():
            raise ImportRefused(f"{path}: PDF 已加密：请向发文单位索取未加密的版本") from None
        raise ImportRefused(
            f"{path}: 无法读取这个 PDF 文件（{type(error).__name__}）：请确认它是 PDF 格式且没有损坏"
        ) from None
    if not any(page.glyphs or page.tables for page, _ in pages):
        raise ImportRefused(
            f"{path}: PDF 中没有可读取的文字，可能是扫描件：请向发文单位索取可复制文字的 PDF、OFD 或 Word 版本"
        )
    source = Source(read_pages([page for page, _ in pages]), read_as=f"PDF 文字层，共 {len(pages)} 页")
    unmapped = sum(count for _, count in pages)
    if unmapped:
        source.notes.append(f"PDF 中有 {unmapped} 个字符的字体没有编码表，无法识别，已略去：请对照原件补全正文")
    source.original = SavedFile("原件.pdf", "原件（PDF）", path.read_bytes())
    return source


def _glyphs(page) -> tuple[list[Glyph], int]:
    """The page's characters with their boxes (top-left origin, points), and how many could not be read."""
    import pypdfium2.raw as pdfium

    height = page.get_height()
    text = page.get_textpage()
    glyphs, unmapped, high = [], 0, 0
    try:
        for index in range(text.count_chars()):
            if pdfium.FPDFText_IsGenerated(text.raw, index):  # spaces and line breaks PDFium adds
                continue
            code = pdfium.FPDFText_GetUnicode(text.raw, index)
            if 0xD800 <= code < 0xDC00:  # the first half of a character beyond the BMP (a rare name)
                high = code
                continue
            if 0xDC00 <= code < 0xE000 and high:
                code, high = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00), 0
            if code in _UNMAPPED:
                unmapped += 1
                continue
            char = chr(code)
            if not char.strip():
                continue
            left, bottom, right, top = text.get_charbox(index, loose=True)
            size = pdfium.FPDFText_GetFontSize(text.raw, index) or (top - bottom)
            glyphs.append(Glyph(char, left, right, height - top, height - bottom, size))
    finally:
        text.close()
        page.close()
    return glyphs, unmapped


def _with_tables(page, glyphs: list[Glyph], unmapped: int) -> tuple[PageText, int]:
    """The ruled tables pdfplumber finds on the page, filled with the characters inside their cells."""
    tables = []
    for found in page.find_tables():
        if len(found.rows) < 2 and len(found.rows[0].cells) < 2:
            continue  # a box drawn around some text, not a table
        inside = [g for g in glyphs if _within(g, found.bbox)]
        rows = tuple(tuple(_cell_text(inside, cell) for cell in row.cells) for row in found.rows)
        tables.append(PlacedTable(rows, found.bbox[1]))
        glyphs = [g for g in glyphs if not _within(g, found.bbox)]
    return PageText(glyphs, tables), unmapped


def _within(glyph: Glyph, box: tuple[float, float, float, float]) -> bool:
    x, y = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _cell_text(glyphs: list[Glyph], box: tuple[float, float, float, float] | None) -> str:
    """A cell's text; a merged cell is None after its first column and reads as empty."""
    if box is None:
        return ""
    text = ""
    for line in lines_of([g for g in glyphs if _within(g, box)]):
        text = joined(text, line.text)
    return text
