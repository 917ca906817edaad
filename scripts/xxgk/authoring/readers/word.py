"""Word (.docx): paragraphs, tables, pictures and embedded files, read with python-docx."""

from __future__ import annotations

import re
from pathlib import Path

from xxgk.authoring.markdown_body import escape
from xxgk.authoring.readers.blocks import Image, ImportRefused, Paragraph, SavedFile, Source, Table
from xxgk.model.archives import ArchiveError, check_zip_size


def read_word(path: Path, shown: Path | None = None) -> Source:
    """The document's blocks; `shown` is the name in messages when `path` is a converted copy."""
    shown = shown or path
    try:
        check_zip_size(path)  # before python-docx unpacks anything: a 1.6 MB file can hold gigabytes
    except ArchiveError as error:
        raise ImportRefused(f"{shown}: 无法读取这个 Word 文件：{error}") from None
    try:
        return _read_docx(path)
    except Exception as error:  # python-docx raises several kinds for a damaged or mislabelled file
        raise ImportRefused(
            f"{shown}: 无法读取这个 Word 文件（{type(error).__name__}）：请确认它是 .docx 格式且没有损坏"
        ) from None


def _read_docx(path: Path) -> Source:
    import docx
    from docx.drawing import Drawing
    from docx.table import Table as DocxTable

    document = docx.Document(str(path))
    source = Source([])
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            source.blocks.append(_docx_table(item))
            continue
        heading = re.match(r"^(?:Heading|标题)\s*(\d)$", item.style.name if item.style is not None else "")
        text = item.text
        if heading and text.strip():
            text = "#" * (int(heading[1]) + 1) + " " + escape(text.strip())
        source.blocks.append(Paragraph(text, raw=bool(heading)))
        for run in item.runs:
            for inner in run.iter_inner_content():
                if isinstance(inner, Drawing) and inner.has_picture:
                    image = inner.image
                    number = sum(1 for f in source.files if f.name.startswith("图")) + 1
                    saved = SavedFile(f"图{number}.{image.ext}", f"图{number}", image.blob)
                    source.files.append(saved)
                    source.blocks.append(Image(saved.filename, saved.name))
    embedded = {}
    for rel in document.part.rels.values():
        if not rel.is_external and "/word/embeddings/" in str(rel.target_part.partname):
            embedded[str(rel.target_part.partname)] = rel.target_part
    for partname, part in sorted(embedded.items()):
        suffix = Path(partname).suffix.lower()
        if suffix == ".bin":  # an OLE object: its file is wrapped in a format only Office opens
            source.notes.append(
                f"文件中嵌入了一个无法提取的对象（{Path(partname).name}）：请在 Word 中双击打开它，"
                f"另存为文件后放在本文件旁边，并在 附件 中列出"
            )
            continue
        number = sum(1 for f in source.files if f.name.startswith("嵌入文件")) + 1
        source.files.append(SavedFile(f"嵌入文件{number}{suffix}", f"嵌入文件{number}", part.blob))
    return source


def _docx_table(table) -> Table:
    seen = set()
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            # A merged cell is returned once per grid column it covers: keep its text once.
            cells.append("" if cell._tc in seen else cell.text.strip())
            seen.add(cell._tc)  # the set keeps the element alive, so its identity is stable
        rows.append(tuple(cells))
    return Table(tuple(rows))
