"""索引号 and 发文字号: parsing, formatting and the canonical forms.

>>> canonical_doc_number("松政办发[2026]03号")
'松政办发〔2026〕3号'
>>> parse_index_number("112399010000120008/2026-00017").serial
17
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from xxgk.model import urls

# [0-9], not \d, which takes full-width digits too: those are never read silently (digits.py).
_INDEX_NUMBER = re.compile(r"(?P<prefix>[0-9A-Z]{18})/(?P<year>[0-9]{4})-(?P<serial>[0-9]{5})")
# The brackets a 发文字号's year may be typed in; the search page accepts the same (search.py).
OPEN_BRACKETS = "〔[【(（［﹝"
CLOSE_BRACKETS = "〕]】)）］﹞"
_BRACKETS = re.escape(OPEN_BRACKETS + CLOSE_BRACKETS)
_DOC_NUMBER = re.compile(
    rf"(?P<agency>[^\s\d{_BRACKETS}][^{_BRACKETS}]*?)\s*"
    rf"[{re.escape(OPEN_BRACKETS)}]\s*(?P<year>[0-9]{{4}})\s*[{re.escape(CLOSE_BRACKETS)}]\s*(?P<serial>[0-9]+)\s*号"
)
# Orders (令) are numbered without a year: 松岭县人民政府令第3号.
_ORDER_NUMBER = re.compile(r"(?P<agency>\S+?令)\s*第\s*(?P<serial>[0-9]+)\s*号")


@dataclass(frozen=True, order=True)
class IndexNumber:
    prefix: str
    year: int
    serial: int

    def __str__(self) -> str:
        return self.text

    @functools.cached_property
    def text(self) -> str:  # str() of an 索引号 runs hundreds of thousands of times per build
        return f"{self.prefix}/{self.year:04d}-{self.serial:05d}"

    @functools.cached_property  # like text: every listing and check asks for it
    def path(self) -> str:
        """The document's permanent address below the site root."""
        return urls.document(self.prefix, self.year, self.serial)


def parse_index_number(text: str) -> IndexNumber | None:
    match = _INDEX_NUMBER.fullmatch(text.strip())
    if not match:
        return None
    return IndexNumber(match["prefix"], int(match["year"]), int(match["serial"]))


def canonical_doc_number(text: str) -> str | None:
    """The 发文字号 in GB/T 9704 form (〔〕, no leading zeros), or None if malformed."""
    text = text.strip()
    match = _DOC_NUMBER.fullmatch(text)
    if match:
        return f"{match['agency']}〔{match['year']}〕{int(match['serial'])}号"
    match = _ORDER_NUMBER.fullmatch(text)
    if match:
        return f"{match['agency']}第{int(match['serial'])}号"
    return None
