"""Working days by China's official calendar: statutory holidays and make-up days.

条例 art. 26: proactively disclosed information is published within 20 working
days of being formed or changed. The State Council announces each year's
holidays and make-up working days late in the previous year; the
chinese-calendar package carries those announcements, and a year it does not
carry is reported, never guessed from weekends.

>>> import datetime as dt
>>> publication_deadline(dt.date(2020, 9, 7))  # National Day 2020: 10-1…10-8 off, 9-27 and 10-10 worked
datetime.date(2020, 10, 10)
"""

from __future__ import annotations

import datetime as dt
import functools

import chinese_calendar

PUBLICATION_WORKING_DAYS = 20


class CalendarUnknown(Exception):
    """The calendar has no official holiday schedule for `year`."""

    def __init__(self, year: int):
        self.year = year
        first, last = known_years()
        super().__init__(
            f"节假日日历（chinese-calendar {chinese_calendar.__version__}）只收录 {first}–{last} 年，"
            f"没有 {year} 年的放假和调休安排：请升级 chinese-calendar 后再计算"
        )


def known_years() -> tuple[int, int]:
    years = [day.year for day in chinese_calendar.holidays]
    return min(years), max(years)


def is_working_day(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        raise CalendarUnknown(day.year) from None


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `start`.

    The start day itself is not counted (民法典 art. 201: a period counted in
    days starts on the following day).
    """
    day = start
    while count > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


@functools.lru_cache(maxsize=8192)  # a day per document: the checks and the measures ask for the same days
def publication_deadline(written: dt.date) -> dt.date:
    """The last day to publish a document formed on `written` (条例 art. 26)."""
    return add_working_days(written, PUBLICATION_WORKING_DAYS)


def deadline_note(written: dt.date, assumed: bool = False) -> str:
    """One line for clerks: the last permitted 发布日期, or why it cannot be computed.

    `assumed`: the document has no 成文日期 yet and `written` is today's date.
    """
    start = f"如今天 {written} 成文" if assumed else f"成文日期 {written}"
    try:
        deadline = publication_deadline(written)
    except CalendarUnknown as unknown:
        return f"公开期限：无法计算（{start}）。{unknown}"
    return f"公开期限：{start}，发布日期最迟为 {deadline}（{PUBLICATION_WORKING_DAYS} 个工作日，条例第二十六条）"
