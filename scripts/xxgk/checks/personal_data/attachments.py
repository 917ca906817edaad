"""The text of attachments, line by line with where each line is, for the gate: text, Word, Excel, PDF, OFD.

Everything a reader can see or a program can show is read: tracked deletions,
field codes, comments, headers and footers, hyperlink targets, picture
descriptions, document properties, PDF metadata and annotations.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePath
from urllib.parse import unquote

from xxgk.model.archives import ArchiveError, check_zip_size
from xxgk.model.sources import decode_text


class Unreadable(Exception):
    pass


def _text_lines(path: Path) -> Iterator[tuple[str, str]]:
    for number, line in enumerate(decode_text(path.read_bytes()).split("\n"), 1):
        yield f"第 {number} 行", line


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word keeps text outside the body in parts of their own; comments are a known leak.
_WORD_PARTS = {"header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注", "comments": "批注"}


# Text, tracked deletions (the deleted words stay in the file) and field codes (HYPERLINK "tel:…").
_WORD_TEXT = (f"{_W}t", f"{_W}delText", f"{_W}instrText")


def _paragraph_lines(element) -> list[str]:
    # Every w:p below, text boxes included (a box inside a paragraph is seen twice; hits are deduplicated).
    return ["".join(t.text or "" for t in p.iter(*_WORD_TEXT)) for p in element.iter(f"{_W}p")]


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
    yield from _package_lines(path)


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
    yield from _package_lines(path)


def _pdf_lines(path: Path) -> Iterator[tuple[str, str]]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted and not reader.decrypt(""):
        raise Unreadable("PDF 已加密")
    for key, value in (reader.metadata or {}).items():
        yield f"文档属性 {key.lstrip('/')}", str(value)
    for number, page in enumerate(reader.pages, 1):
        for line in (page.extract_text() or "").splitlines():
            yield f"第 {number} 页", _LETTER_SPACED.sub(lambda m: m.group().replace(" ", ""), line)
        for annotation in page.get("/Annots") or ():
            annotation = annotation.get_object()
            action = annotation.get("/A")
            action = action.get_object() if action is not None else {}
            for value in (annotation.get("/Contents"), annotation.get("/T"), action.get("/URI")):
                if value is not None:
                    yield f"第 {number} 页批注或链接", unquote(str(value))


def _ofd_lines(path: Path) -> Iterator[tuple[str, str]]:
    import ofdkit

    with ofdkit.open(path) as document:
        for key, value in document.info.to_dict().items():
            for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]:
                if item:
                    yield f"文档属性 {key}", str(item)
        for number, page in enumerate(document.pages, 1):
            for line in page.text().splitlines():
                yield f"第 {number} 页", line


# Text set one character per position comes out of a PDF as "1 3 8 0 0 …": read it as one number.
_LETTER_SPACED = re.compile(r"(?<![0-9])[0-9](?: [0-9](?![0-9])){10,}")

# Parts of any Office Open XML package the document's own reader does not show.
_PROPERTIES = re.compile(r"docProps/.*\.xml")
_COMMENTS = re.compile(r"xl/(?:comments|threadedComments|persons)[^.]*\.xml")
_SHEET = re.compile(r"xl/worksheets/[^/]*\.xml")
_HEADER_FOOTER = ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")
_PICTURE_TEXT = ("descr", "title")
_LINK_TEXT = ("location", "display", "tooltip")


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _package_lines(path: Path) -> Iterator[tuple[str, str]]:
    """Document properties, comments, headers and footers of sheets, links and picture descriptions."""
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(package.read(name), etree.XMLParser(resolve_entities=False, huge_tree=False))
            if name.endswith(".rels"):
                for relation in root:
                    if relation.get("TargetMode") == "External":
                        yield "超链接", unquote(relation.get("Target") or "")
                continue
            if _PROPERTIES.fullmatch(name):
                for element in root.iter():
                    if element.text and element.text.strip():
                        yield "文档属性", element.text
                continue
            if _COMMENTS.fullmatch(name):
                for element in root.iter():
                    if _local(element.tag) in ("comment", "threadedComment", "person"):
                        yield f"批注{element.get('ref') or ''}", "".join(element.itertext())
                continue
            for element in root.iter():
                for attribute in _PICTURE_TEXT:
                    if element.get(attribute) and _local(element.tag) in ("docPr", "cNvPr"):
                        yield "图片说明", element.get(attribute)
                if _local(element.tag) == "hyperlink":
                    for attribute in _LINK_TEXT:
                        if element.get(attribute):
                            yield "超链接", unquote(element.get(attribute))
                if _SHEET.fullmatch(name) and _local(element.tag) in _HEADER_FOOTER and element.text:
                    yield "页眉页脚", element.text


_ZIP_BASED = frozenset((".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".ofd"))

_READERS: dict[str, Callable[[Path], Iterator[tuple[str, str]]]] = {
    **dict.fromkeys((".txt", ".csv", ".tsv", ".md", ".json", ".xml", ".html", ".htm", ".svg"), _text_lines),
    ".docx": _docx_lines,
    ".xlsx": _xlsx_lines,
    ".xlsm": _xlsx_lines,
    ".pdf": _pdf_lines,
    ".ofd": _ofd_lines,
}


def attachment_lines(path: Path) -> list[tuple[str, str]]:
    """(where, text) for every line, cell or paragraph of an attachment; Unreadable if it cannot be read."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise Unreadable(f"无法读取 {path.suffix or '无扩展名'} 文件中的文字")
    try:
        if path.suffix.lower() in _ZIP_BASED:
            check_zip_size(path)
        return list(reader(path))
    except ArchiveError as error:
        raise Unreadable(str(error)) from None
    except Unreadable:
        raise
    except Exception as error:  # a damaged file: every reader library raises its own errors
        raise Unreadable(f"文件无法打开（{type(error).__name__}），可能已损坏") from None


# -- the gate -----------------------------------------------------------------
