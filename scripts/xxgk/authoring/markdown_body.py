"""The body of an official document as Markdown: its numbering levels, headings, lists and tables.

GB/T 9704 numbers the levels of the text 一、 （一） 1. （1）. The first two
become headings when they are titles; a paragraph that merely starts with one
keeps it, with its lead-in sentence bold.

>>> print(render_markdown([Paragraph("一、明确值班安排"), Paragraph("请按时上报。")])[0], end="")
## 一、明确值班安排
<BLANKLINE>
请按时上报。
"""

from __future__ import annotations

import re

from xxgk.authoring.readers.blocks import Block, Image, Paragraph, Table
from xxgk.model.outline import LEVELS as _LEVELS

_HALF_WIDTH = str.maketrans("０１２３４５６７８９：．　", "0123456789:. ")
SENTENCE_END = "。；！？!?;"
SHORT = 40  # a heading or a title line is at most this long
# A heading is a title: a full sentence (a comma inside, or a long one ending with 。) is a paragraph.
_CLAUSE = "，,；;：:！？!?"
_SHORT_SENTENCE = 20


def normalised(text: str) -> str:
    """For matching only: half-width digits and colons, no outer spaces or Markdown heading marks.

    The body keeps the original text.
    """
    return re.sub(r"^#+\s+", "", text.translate(_HALF_WIDTH).strip())


def level(text: str) -> int:
    """The heading level of a paragraph by its numbering (一、 （一） 1. （1）), 0 for none."""
    text = normalised(text)
    return next((number for pattern, number in _LEVELS if pattern.match(text)), 0)


_ESCAPE = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=|]|\d+[.)]\s)")


def escape(text: str) -> str:
    """Plain text as Markdown that shows exactly that text.

    >>> escape("<b>1*2</b>")
    '&lt;b>1\\\\*2&lt;/b>'
    """
    text = _ESCAPE.sub(r"\\\1", text).replace("<", "&lt;")
    return _LINE_START.sub(lambda m: m[1] + "\\" + m[2], text)


def is_heading(text: str) -> bool:
    """A numbered line that is a title (一、压实防汛责任), not a sentence that starts with a number.

    >>> is_heading("（二）开展隐患排查"), is_heading("（二）各单位要在5月底前完成隐患排查和整改工作。")
    (True, False)
    """
    plain = normalised(text)
    inner = plain[:-1] if plain.endswith("。") else plain
    sentence = any(mark in inner for mark in SENTENCE_END + _CLAUSE)
    return len(plain) <= SHORT and not sentence and not (plain.endswith("。") and len(plain) > _SHORT_SENTENCE)


def _heading_or_paragraph(text: str, depth: int, write=escape) -> tuple[str, bool]:
    """A numbered paragraph: a heading when it is one, else a paragraph whose lead-in sentence is bold."""
    if is_heading(text):
        return "#" * (depth + 1) + " " + write(text), True
    lead = re.match(rf"^[^{SENTENCE_END}]{{1,{SHORT}}}[。]", text)
    if lead and len(lead.group()) < len(text):
        return f"**{write(lead.group())}**{write(text[len(lead.group()) :])}", False
    return write(text), False


def _table(rows: tuple[tuple[str, ...], ...]) -> str:
    width = max(len(row) for row in rows)
    cells = [
        [escape(c).replace("|", "\\|").replace("\n", "<br>") for c in row] + [""] * (width - len(row)) for row in rows
    ]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return "\n".join(lines)


def render_markdown(blocks: list[Block]) -> tuple[str, int, int]:
    """(Markdown, number of headings, number of tables) for the body.

    一、 and （一） become ## and ### headings (a long paragraph that merely
    starts with one keeps it as a bold lead-in); runs of 1. 2. 3. items become an
    ordered list, with the paragraphs between two items inside the first.
    """
    out: list[str] = []
    headings = tables = 0
    items, last_items = _list_items(blocks)
    in_list = False
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            out.append(_table(block.rows))
            tables += 1
            continue
        if isinstance(block, Image):
            out.append(("    " if in_list else "") + f"![{escape(block.name)}]({block.filename})")
            continue
        write = (lambda text: text) if block.raw else escape
        text = block.text.strip()
        if block.block_markup:
            out.append(block.text.rstrip())
            headings += text.startswith("#")
        elif index in items:
            number, item = items[index]
            out.append(f"{number}. {write(item)}")
            in_list = index not in last_items
        elif in_list:
            out.append("    " + write(text))
        elif level(text) in (1, 2):
            markdown, heading = _heading_or_paragraph(text, level(text), write)
            out.append(markdown)
            headings += heading
        else:
            out.append(write(text))
    return "\n\n".join(out) + ("\n" if out else ""), headings, tables


def _list_items(blocks: list[Block]) -> tuple[dict[int, tuple[int, str]], set[int]]:
    """Paragraphs numbered 1. 2. 3. … within one section: ({index: (number, text)}, last item of each list).

    Markdown renumbers every list from 1, so only runs that start at 1 and go up
    by one become lists; any other numbering stays as written.
    """
    items: dict[int, tuple[int, str]] = {}
    last_items: set[int] = set()
    run: list[tuple[int, int, str]] = []

    def close():
        if len(run) > 1 and [number for _, number, _ in run] == list(range(1, len(run) + 1)):
            items.update({index: (number, text) for index, number, text in run})
            last_items.add(run[-1][0])
        run.clear()

    for index, block in enumerate(blocks):
        if (
            isinstance(block, Table)
            or isinstance(block, Paragraph)
            and (block.block_markup or level(block.text) in (1, 2))
        ):
            close()
        elif isinstance(block, Paragraph) and level(block.text) == 3:
            text = block.text.strip()
            marker = _LEVELS[2][0].match(normalised(text))
            number = int(re.match(r"\d+", marker.group())[0])
            if number == 1:
                close()
            run.append((index, number, text[marker.end() :].strip()))
    close()
    return items, last_items
