"""Plain text (Word's 另存为纯文本) and Markdown."""

from __future__ import annotations

import re
from pathlib import Path

from xxgk.authoring.readers.blocks import Block, Paragraph, Source, Table
from xxgk.model.sources import decode_text


def read_text(path: Path) -> Source:
    text = decode_text(path.read_bytes())
    return Source(read_markdown(text) if path.suffix.lower() == ".md" else read_plain_text(text))


def read_plain_text(text: str) -> list[Block]:
    """One paragraph per line; consecutive lines with the same number of tabs are a table (Word's 另存为纯文本)."""
    blocks: list[Block] = []
    rows: list[tuple[str, ...]] = []
    for line in text.splitlines() + [""]:
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if len(cells) > 1 and (not rows or len(cells) == len(rows[0])):
            rows.append(cells)
            continue
        if rows:
            blocks.append(Table(tuple(rows)) if len(rows) > 1 else Paragraph(" ".join(rows[0])))
            rows = [cells] if len(cells) > 1 else []
            if rows:
                continue
        if line.strip():
            blocks.append(Paragraph(line))
    return blocks


def read_markdown(text: str) -> list[Block]:
    """Paragraphs as the clerk wrote them: Markdown kept, one block per blank-line-separated paragraph."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].lstrip().startswith(("|", "![", "- ", "* ", ">")) or len(lines) == 1:
            blocks.append(Paragraph("\n".join(lines), raw=True))
        else:  # soft-wrapped lines of one paragraph
            blocks.append(Paragraph("".join(line.strip() for line in lines), raw=True))
    return blocks
