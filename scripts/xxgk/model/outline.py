"""The numbering of an official document's levels (GB/T 9704-2012): 一、 （一） 1. （1）.

The importer turns the first two levels into headings; the task ledger reads a
plan's tasks by the heading they sit under. Both ask this module.

>>> heading_level("（二）提高政务服务透明度"), heading_level("2．各单位"), heading_level("为深入贯彻")
(2, 3, 0)
>>> heading_number("（二）提高政务服务透明度")
'（二）'
"""

from __future__ import annotations

import re

LEVELS = (
    (re.compile(r"^[一二三四五六七八九十]+、"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 2),
    (re.compile(r"^\d+\s*[.．、](?!\d)"), 3),
    (re.compile(r"^[（(]\d+[）)]"), 4),
)
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def heading_level(text: str) -> int:
    """The level a paragraph's numbering puts it at, 0 for none (after outer spaces)."""
    text = text.strip().translate(_HALF_WIDTH)
    return next((number for pattern, number in LEVELS if pattern.match(text)), 0)


def heading_number(text: str) -> str:
    """The numbering itself as readers write it: 一、 is 一, （一） and (一) are （一）, 1. is 1."""
    text = text.strip().translate(_HALF_WIDTH)
    for pattern, _ in LEVELS:
        found = pattern.match(text)
        if found:
            mark = found.group().replace("(", "（").replace(")", "）")
            return mark.rstrip("、.． ").strip()
    return ""
