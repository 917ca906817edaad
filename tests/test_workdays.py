"""The 20-working-day deadline follows China's holiday calendar, not just weekends."""

import datetime as dt

import pytest
from click.testing import CliRunner

from xxgk.authoring.cli import main
from xxgk.model.workdays import CalendarUnknown, add_working_days, known_years, publication_deadline

SPRING_FESTIVAL_EVE = dt.date(2026, 2, 13)  # Friday; 2-15…2-23 off, Saturdays 2-14 and 2-28 worked


def test_a_make_up_saturday_is_a_working_day_and_the_holiday_is_not():
    assert add_working_days(SPRING_FESTIVAL_EVE, 1) == dt.date(2026, 2, 14)
    assert add_working_days(dt.date(2026, 2, 14), 1) == dt.date(2026, 2, 24)


def test_the_deadline_skips_the_spring_festival_and_counts_both_make_up_days():
    # Counting weekends only would give 2026-03-13; the nine days off push it a week on.
    assert publication_deadline(SPRING_FESTIVAL_EVE) == dt.date(2026, 3, 19)


def test_the_day_of_writing_itself_is_not_counted():
    assert publication_deadline(dt.date(2026, 3, 2)) == dt.date(2026, 3, 30)  # a Monday: four weeks on


def test_a_year_the_calendar_does_not_know_is_said_not_guessed():
    last = known_years()[1]
    with pytest.raises(CalendarUnknown) as unknown:
        publication_deadline(dt.date(last, 12, 20))
    assert unknown.value.year == last + 1
    assert f"没有 {last + 1} 年的放假和调休安排" in str(unknown.value)


def _set_dates(path, written, published):
    text = path.read_text(encoding="utf-8")
    text = text.replace("成文日期: 2026-02-10", f"成文日期: {written}")
    path.write_text(text.replace("发布日期: 2026-02-20", f"发布日期: {published}"), encoding="utf-8")


def test_check_warns_about_a_document_published_after_the_deadline(content):
    _set_dates(content / "财政局" / "预算.md", "2026-02-13", "2026-03-20")
    result = CliRunner().invoke(main, ["check", "--date", "2026-01-20"])  # before the annual reports are due
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "content/财政局/预算.md:6: 警告: 发布日期: 2026-03-20 超过公开期限 2026-03-19"
        "（成文日期 2026-02-13 起 20 个工作日，条例第二十六条）：条例要求在此之前公开，尚未发布的请提前发布日期",
    ]


def test_check_is_silent_on_the_last_permitted_day(content):
    _set_dates(content / "财政局" / "预算.md", "2026-02-13", "2026-03-19")
    result = CliRunner().invoke(main, ["check", "--date", "2026-01-20"])  # before the annual reports are due
    assert result.exit_code == 0 and result.stderr == ""


def test_check_says_when_it_cannot_know_the_deadline(content):
    last = known_years()[1]
    _set_dates(content / "财政局" / "预算.md", f"{last}-12-20", f"{last + 1}-01-30")
    result = CliRunner().invoke(main, ["check", "--date", f"{last + 1}-02-01"])
    assert result.exit_code == 0
    assert "content/财政局/预算.md:6: 警告: 发布日期: 无法核对公开期限：节假日日历" in result.stderr


def test_new_prints_the_last_permitted_day(content):
    result = CliRunner().invoke(main, ["new", "--unit", "测试县财政局", "--title", "通知", "--date", "2026-02-13"])
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("-通知.md")
    assert (
        result.stderr == "公开期限：如今天 2026-02-13 成文，发布日期最迟为 2026-03-19（20 个工作日，条例第二十六条）\n"
    )
