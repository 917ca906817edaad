"""The text of attachments, line by line with where each line is, for the gate: text, Word, Excel, PDF."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path, PurePath

from xxgk.model.sources import decode_text


class Unreadable(Exception):
    pass


def _text_lines(path: Path) -> Iterator[tuple[str, str]]:
    for number, line in enumerate(decode_text(path.read_bytes()).split("\n"), 1):
        yield f"第 {number} 行", line


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word keeps text outside the body in parts of their own; comments are a known leak.
_WORD_PARTS = {"header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注", "comments": "批注"}


def _paragraph_lines(element) -> list[str]:
    # Every w:p below, text boxes included (a box inside a paragraph is seen twice; hits are deduplicated).
    return ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in element.iter(f"{_W}p")]


def _docx_lines(path: Path) -> Iterator[tuple[str, str]]:
    import docx
    from lxml import etree

    document = docx.Document(str(path))
    body = document.element.body
    paragraph, table = 0, 0
    for block in body.iterchildren():
        if block.tag == f"{_W}p":
            paragraph += 1
            for line in _paragraph_lines(block):
                yield f"第 {paragraph} 段", line
        elif block.tag == f"{_W}tbl":
            table += 1
            for row_number, row in enumerate(block.iterchildren(f"{_W}tr"), 1):
                for line in _paragraph_lines(row):
                    yield f"第 {table} 个表格第 {row_number} 行", line
    for part in document.part.package.iter_parts():
        name = PurePath(str(part.partname)).stem.rstrip("0123456789")
        if str(part.partname).startswith("/word/") and name in _WORD_PARTS:
            for line in _paragraph_lines(etree.fromstring(part.blob)):
                yield _WORD_PARTS[name], line


def _xlsx_lines(path: Path) -> Iterator[tuple[str, str]]:
    import openpyxl

    workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            hidden = "（隐藏）" if sheet.sheet_state != "visible" else ""
            for row in sheet.iter_rows():
                for cell in row:
                    value = cell.value
                    if value is None:
                        continue
                    if isinstance(value, float) and value.is_integer():
                        value = int(value)  # a phone number typed into a number cell
                    yield f"工作表「{sheet.title}」{hidden}{cell.coordinate} 单元格", str(value)
    finally:
        workbook.close()


def _pdf_lines(path: Path) -> Iterator[tuple[str, str]]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted and not reader.decrypt(""):
        raise Unreadable("PDF 已加密")
    for number, page in enumerate(reader.pages, 1):
        for line in (page.extract_text() or "").splitlines():
            yield f"第 {number} 页", line


_READERS: dict[str, Callable[[Path], Iterator[tuple[str, str]]]] = {
    **dict.fromkeys((".txt", ".csv", ".tsv", ".md", ".json", ".xml", ".html", ".htm", ".svg"), _text_lines),
    ".docx": _docx_lines,
    ".xlsx": _xlsx_lines,
    ".xlsm": _xlsx_lines,
    ".pdf": _pdf_lines,
}


def attachment_lines(path: Path) -> list[tuple[str, str]]:
    """(where, text) for every line, cell or paragraph of an attachment; Unreadable if it cannot be read."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise Unreadable(f"无法读取 {path.suffix or '无扩展名'} 文件中的文字")
    try:
        return list(reader(path))
    except Unreadable:
        raise
    except Exception as error:  # a damaged file: every reader library raises its own errors
        raise Unreadable(f"文件无法打开（{type(error).__name__}），可能已损坏") from None


# -- the gate -----------------------------------------------------------------
