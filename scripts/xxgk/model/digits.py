"""Full-width digits (２０２６, ６), as a Chinese input method types them: never read silently.

Python's `\\d` and `int()` take them, so a regular expression or a conversion would
accept them without a word. Each place staff type numbers decides, and says so:

- counts and amounts in an annual report, phone numbers in a register, and a 发文字号
  are read as the half-width digits, with a warning to change them;
- dates and identifiers (索引号, codes, filing numbers) are refused, with the value
  written in half-width digits when that is a valid one.
"""

from __future__ import annotations

import re

_FULL_WIDTH = re.compile("[０-９]")
_TO_HALF_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def has_full_width_digits(text: str) -> bool:
    return bool(_FULL_WIDTH.search(text))


def half_width_digits(text: str) -> str:
    """
    >>> half_width_digits("测财发〔２０２５〕１号")
    '测财发〔2025〕1号'
    """
    return text.translate(_TO_HALF_WIDTH)


def read_as_half_width(written: str, read: str) -> str:
    """The warning for a value read with its full-width digits as half-width ones."""
    return f"「{written}」用了全角数字，已按「{read}」读取：请改成半角数字（用英文输入法输入）"


def refused_full_width(written: str, fixed: str | None = None) -> str:
    """The error for a date or identifier typed with full-width digits."""
    how = f"，写成 {fixed}" if fixed else ""
    return f"「{written}」用了全角数字：请改成半角数字（用英文输入法输入）{how}"
