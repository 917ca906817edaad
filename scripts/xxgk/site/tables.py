"""Tables in what staff wrote, and the annual reports' tables, in a frame that scrolls sideways.

A table wider than a phone would widen the page or be cut off. Each table is put in a
bordered frame that scrolls on its own and takes keyboard focus (so a keyboard can scroll
it), with a hint above it that xxgk-public.js shows when the table is wider than its frame.
Run over the HTML of a page after it has been cleaned (sanitize.py): the frame is ours.
"""

from __future__ import annotations

import re

from markupsafe import escape

# A <table …> or </table> tag; attribute values may hold ">" inside quotes.
_TABLE_TAG = re.compile(r"""<(/?)table\b((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_LABEL = re.compile(r"""\saria-label="([^"]*)\"""")
_CLASS = re.compile(r"""\sclass=["']""")
HINT = "表格较宽，可左右滑动查看"
FRAME_CLASS = "xxgk-table"


def frame_tables(html: str) -> str:
    """Every outermost table in a frame; Markdown's tables get the class of body tables.

    >>> framed = frame_tables('<p>x</p><table><tr><td>1</td></tr></table>')
    >>> framed.startswith('<p>x</p><div class="xxgk-table"><p class="xxgk-table__hint" aria-hidden="true">')
    True
    >>> framed.split("</p>", 2)[2]
    '<div class="xxgk-table__frame" role="region" aria-label="表格1" tabindex="0"><table class="xxgk-body-table"><tr><td>1</td></tr></table></div></div>'

    A table that names itself (the reports') gives the frame its name:

    >>> frame_tables('<table class="r" aria-label="表三"></table>').count('aria-label="表三"')
    1
    """
    out, depth, start, count = [], 0, 0, 0
    for match in _TABLE_TAG.finditer(html):
        closing, attrs = match[1], match[2]
        if not closing:
            depth += 1
            if depth == 1:
                count += 1
                out.append(html[start : match.start()])
                out.append(_opening(attrs, count))
                start = match.end()
        elif depth:
            depth -= 1
            if depth == 0:
                out.append(html[start : match.end()] + "</div></div>")
                start = match.end()
    out.append(html[start:])
    return "".join(out)


def _opening(attrs: str, number: int) -> str:
    named = _LABEL.search(attrs)
    label = named[1] if named else str(escape(f"表格{number}"))
    if named:  # the frame carries the name; the table inside it need not repeat it
        attrs = attrs[: named.start()] + attrs[named.end() :]
    if not _CLASS.search(attrs):
        attrs = ' class="xxgk-body-table"' + attrs
    return (
        f'<div class="{FRAME_CLASS}"><p class="xxgk-table__hint" aria-hidden="true">{HINT}</p>'
        f'<div class="xxgk-table__frame" role="region" aria-label="{label}" tabindex="0"><table{attrs}>'
    )
