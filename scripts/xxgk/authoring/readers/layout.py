"""Text placed on pages (PDF, OFD) back into the paragraphs and tables it was typeset from.

A fixed-layout file knows only where each character stands. The national
format (GB/T 9704) makes the paragraphs recoverable: body text is justified
between fixed margins and every paragraph's first line is indented two
characters, so a line continues the one above when that one runs to the right
margin and this one starts at the left margin. Titles are centred, the
signature and date set to the right, and none of them reaches both margins, so
each stays a line of its own, which is what officialdoc.py expects.

Coordinates are in any unit (points for PDF, millimetres for OFD), with y
growing downwards; every distance is measured in character sizes.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from xxgk.authoring.readers.blocks import Block, Paragraph, Table

_CELL_GAP = 1.5  # characters of white space between two cells of a table without rules
_WORD_GAP = 0.25  # between two Latin words
_WIDE_GAP = 1.0  # separated parts of a line (two signing units side by side): kept as two spaces
_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_PAGE_NUMBER = re.compile(r"^[-—－–―\s]*\d{1,4}[-—－–―\s]*$")  # — 1 — at the foot of each page


@dataclass(frozen=True)
class Glyph:
    """A character, or a run of characters set together, where it stands on its page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(frozen=True)
class PlacedTable:
    """A table a reader found itself (PDF's ruled tables): its rows and where it stands."""

    rows: tuple[tuple[str, ...], ...]
    top: float


@dataclass
class Line:
    glyphs: list[Glyph]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


@dataclass
class PageText:
    glyphs: list[Glyph]
    tables: list[PlacedTable]


def lines_of(glyphs: list[Glyph], page: int = 0) -> list[Line]:
    """The glyphs grouped into lines, top to bottom, each left to right."""
    rows: list[list[Glyph]] = []
    for glyph in sorted((g for g in glyphs if g.text.strip()), key=lambda g: (g.bottom, g.x0)):
        row = rows[-1] if rows else None
        # Same line: the glyph's middle lies within the row's height (sizes differ on a line: 9号 after 〔〕).
        if row and _middle(glyph) < max(g.bottom for g in row) and _middle(glyph) > min(g.top for g in row):
            row.append(glyph)
        else:
            rows.append([glyph])
    return [_line(sorted(row, key=lambda g: g.x0), page) for row in rows]


def _middle(glyph: Glyph) -> float:
    return (glyph.top + glyph.bottom) / 2


def _line(glyphs: list[Glyph], page: int) -> Line:
    size = statistics.median(g.size for g in glyphs)
    text = glyphs[0].text
    for before, glyph in zip(glyphs, glyphs[1:]):
        text += _gap(before, glyph, size) + glyph.text
    return Line(
        glyphs,
        text.strip(),
        glyphs[0].x0,
        max(g.x1 for g in glyphs),
        min(g.top for g in glyphs),
        max(g.bottom for g in glyphs),
        size,
        page,
    )


def _gap(before: Glyph, after: Glyph, size: float) -> str:
    gap = after.x0 - before.x1
    if gap >= _WIDE_GAP * size:
        return "  "
    latin = before.text[-1:].isascii() and after.text[:1].isascii()
    return " " if latin and gap >= _WORD_GAP * size and before.text[-1:].isalnum() else ""


def _is_page_number(line: Line, page_lines: list[Line]) -> bool:
    return bool(_PAGE_NUMBER.match(line.text)) and line in (page_lines[0], page_lines[-1])


def read_pages(pages: list[PageText]) -> list[Block]:
    """Paragraphs and tables of the pages, in reading order; page numbers dropped."""
    placed: list[tuple[Line | PlacedTable, int]] = []
    for number, page in enumerate(pages):
        lines = lines_of(page.glyphs, number)
        items = [line for line in lines if not _is_page_number(line, lines)] + page.tables
        placed += [(item, number) for item in sorted(items, key=lambda item: item.top)]
    lines = [item for item, _ in placed if isinstance(item, Line)]
    if not lines:
        return []
    body = Counter()
    for line in lines:
        body[round(line.size)] += len(line.text)
    size = body.most_common(1)[0][0]
    at_size = [line for line in lines if round(line.size) == size]
    left = min(line.x0 for line in at_size)
    right = max(line.x1 for line in at_size)

    blocks: list[Block] = []
    previous: Line | None = None
    index = 0
    while index < len(placed):
        item, _ = placed[index]
        if isinstance(item, PlacedTable):
            _append_table(blocks, item.rows, first_on_page=_first_on_page(placed, index))
            previous = None
            index += 1
            continue
        run = _unruled_table(placed, index)
        if run:
            _append_table(blocks, tuple(_cells(line) for line in run), first_on_page=_first_on_page(placed, index))
            previous = None
            index += len(run)
            continue
        if previous and _continues(previous, item, left, right):
            blocks[-1] = Paragraph(joined(blocks[-1].text, item.text))
        else:
            blocks.append(Paragraph(item.text))
        previous = item
        index += 1
    return blocks


def joined(text: str, more: str) -> str:
    """Two lines of one paragraph: Chinese (and a number cut in two) runs on; English words get their space."""
    latin = re.match(r"[A-Za-z]", text[-1:]) and re.match(r"[A-Za-z]", more[:1])
    return text + (" " if latin else "") + more


def _continues(above: Line, line: Line, left: float, right: float) -> bool:
    """The line carries on the paragraph above: that one is full, this one is not indented."""
    size = max(above.size, line.size)
    return (
        abs(above.size - line.size) < 0.2 * size
        and above.x1 >= right - size
        and line.x0 <= left + 0.5 * size
        and (line.page != above.page or line.top - above.bottom < 1.5 * size)
    )


def _cells(line: Line) -> tuple[str, ...]:
    cells, current = [], [line.glyphs[0]]
    for before, glyph in zip(line.glyphs, line.glyphs[1:]):
        if glyph.x0 - before.x1 >= _CELL_GAP * line.size:
            cells.append(current)
            current = []
        current.append(glyph)
    cells.append(current)
    return tuple(_line(cell, line.page).text for cell in cells)


def _unruled_table(placed: list[tuple[Line | PlacedTable, int]], start: int) -> list[Line]:
    """Lines from `start` that are the rows of a table without rules: three or more columns, aligned."""

    def starts(line: Line) -> list[float]:
        found = [line.glyphs[0].x0]
        found += [g.x0 for b, g in zip(line.glyphs, line.glyphs[1:]) if g.x0 - b.x1 >= _CELL_GAP * line.size]
        return found

    run: list[Line] = []
    after = None
    for item, _ in placed[start:]:
        after = item
        if not isinstance(item, Line):
            break
        columns = starts(item)
        if len(columns) < 3:
            break
        if run:
            first = starts(run[0])
            if len(columns) != len(first) or any(abs(a - b) > item.size for a, b in zip(columns, first)):
                break
        run.append(item)
        after = None
    # Units signing jointly stand in aligned rows too; the 成文日期 right below tells them from a table.
    signatures = isinstance(after, Line) and _DATE.search(after.text.replace(" ", ""))
    return run if len(run) > 1 and not signatures else []


def _first_on_page(placed: list[tuple[Line | PlacedTable, int]], index: int) -> bool:
    return index > 0 and placed[index - 1][1] != placed[index][1]


def _append_table(blocks: list[Block], rows: tuple[tuple[str, ...], ...], first_on_page: bool) -> None:
    """A table that goes on from the previous page joins it (a repeated header row is dropped)."""
    last = blocks[-1] if blocks else None
    if first_on_page and isinstance(last, Table) and len(last.rows[0]) == len(rows[0]):
        blocks[-1] = Table(last.rows + (rows[1:] if rows[0] == last.rows[0] else rows))
    else:
        blocks.append(Table(rows))
