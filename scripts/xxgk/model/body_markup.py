"""Markdown a body may not hold because rendering it would take minutes.

Python-Markdown looks for the end of a link from every `[` (and every `](`) to the
end of its paragraph, in Python: a paragraph of thousands of unclosed brackets
costs their number times its length (20,000 `[` took a build 67 s). The cost is
bounded here, per paragraph, before anything renders.
"""

from __future__ import annotations

import re

# Unclosed brackets times paragraph length: 2,000,000 renders in about half a second.
MAX_BRACKET_WORK = 2_000_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_CLOSED_BRACKETS = re.compile(r"\[[^\[\]\n]*\]")
_CLOSED_TARGET = re.compile(r"\]\([^()\n]*\)")


def unclosed_brackets(body: str) -> tuple[int, int] | None:
    """The first paragraph too costly to render, as (its line in the body, 0-based; its unclosed brackets).

    >>> unclosed_brackets("见[办法](../办法.md)。"), unclosed_brackets("[" * 20000)
    (None, (0, 20000))
    """
    if body.count("[") * len(body) <= MAX_BRACKET_WORK:  # nearly every body: nothing to count
        return None
    breaks = list(_PARAGRAPH_BREAK.finditer(body))
    starts = [0] + [found.end() for found in breaks]
    ends = [found.start() for found in breaks] + [len(body)]
    for start, end in zip(starts, ends):
        paragraph = body[start:end]
        unclosed = (
            paragraph.count("[")
            - len(_CLOSED_BRACKETS.findall(paragraph))
            + paragraph.count("](")
            - len(_CLOSED_TARGET.findall(paragraph))
        )
        if unclosed * len(paragraph) > MAX_BRACKET_WORK:
            return body.count("\n", 0, start), unclosed
    return None
