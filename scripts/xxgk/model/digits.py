"""Digits and dates as staff type them: full-width digits (２０２６, ６) are never read silently, and a
date typed the Chinese way (2026年2月10日, 2026/2/10) is refused with its YYYY-MM-DD form.

Python's `\\d` and `int()` take them, so a regular expression or a conversion would
accept them without a word. Each place staff type numbers decides, and says so:

- counts and amounts in an annual report, phone numbers in a register, and a 发文字号
  are read as the half-width digits, with a warning to change them;
- dates and identifiers (索引号, codes, filing numbers) are refused, with the value
  written in half-width digits when that is a valid one.
"""

from __future__ import annotations

import datetime as dt
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


# A date as staff type it: 2026年2月10日, 2026/2/10, 2026.2.10, 2026-2-10.
_TYPED_DATE = re.compile(r"([0-9]{4})\s*[年/.\-－]\s*([0-9]{1,2})\s*[月/.\-－]\s*([0-9]{1,2})\s*日?")


def typed_date(text: str) -> dt.date | None:
    """The date a clerk meant, whatever way of writing it, or None.

    >>> typed_date("２０２６年2月10日"), typed_date("2026/02/30")
    (datetime.date(2026, 2, 10), None)
    """
    match = _TYPED_DATE.fullmatch(half_width_digits(text.strip()))
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:
        return None


def date_problem(text: str, example: str) -> str:
    """The message for a date that is not YYYY-MM-DD, with the date to write when it can be told."""
    meant = typed_date(text)
    if has_full_width_digits(text):
        return refused_full_width(text, meant.isoformat() if meant else None)
    if meant:
        return f"「{text}」不是 YYYY-MM-DD 格式：请写成 {meant.isoformat()}"
    return f"「{text}」不是有效日期：应写成 YYYY-MM-DD，如 {example}"


# -- Chinese numerals, as dates are printed on a document (二〇二六年十一月二十八日) -------------

CHINESE_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}


def chinese_year(text: str) -> int:
    """
    >>> chinese_year("二〇二六"), chinese_year("二○二○")
    (2026, 2020)
    """
    return int("".join(str(CHINESE_DIGITS[c]) for c in text))


def chinese_number(text: str) -> int:
    """一 to 三十一: 十 alone is 10, 十二 is 12, 二十 is 20.

    >>> [chinese_number(t) for t in ("三", "十", "十二", "二十", "三十一")]
    [3, 10, 12, 20, 31]
    """
    tens, ten, units = text.partition("十")
    if not ten:
        return CHINESE_DIGITS[text]
    return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[units] if units else 0)
