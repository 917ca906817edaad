"""政务公开工作情况: every measure of the fixture county tests/fixtures/oversight, worked out by hand.

The county (build date 2026-11-27, measured 2026-01-01 to 2026-11-27):
- 测试县人民政府: 4 documents in 2026, all on time; its 指南 of 2025-09-01; a 制度 of 2026-05-06;
  its 2025 report as a document on 2026-04-10, after the March 31 deadline; the plan 测政发〔2026〕3号.
- 测试县财政局: 10 documents in 2026; 决算 formed 2026-06-01 is due by 2026-06-30 (20 working days:
  June 2–5, 8–12, 15–18, 22–26, 29, 30; the 19th is 端午) and was published 07-15. Three 规范性文件:
  资金办法 interpreted the same day, 采购办法 five days later, 票据办法 not at all. Two consultations
  closed (09-30 answered on 10-20, 11-09 not yet). 权责清单 rows dated 2026-03-01 and 2025-06-01,
  标准目录 without a date. Its 2025 report on 2026-01-20.
- 松林镇人民政府: 3 documents; 低保公示 formed 2026-05-06 is due by 2026-06-02 (May 7, 8, the make-up
  Saturday May 9, 11–15, 18–22, 25–29, June 1, 2) and was published 06-03; 特困公示 formed 06-01 was
  published on its last day, 06-30. 权责清单 dated 2025-10-08, 办事指南 2026-09-01. No 2025 report.
"""

import datetime as dt
from fractions import Fraction

import pytest

from counties import BUILD_DATE, TESTS
from xxgk.checks.content import load_content
from xxgk.model.measures import (
    Period,
    monthly,
    percent,
    performance,
    register_summary,
    report_summary,
)

OVERSIGHT = TESTS / "fixtures" / "oversight"
PERIOD = Period(dt.date(2026, 1, 1), BUILD_DATE)


@pytest.fixture(scope="module")
def county():
    content = load_content(OVERSIGHT)
    assert content.errors == []
    units = {unit.name: unit for unit in content.units}

    def measure(name: str | None):
        unit = units[name] if name else None
        return performance(content.documents, content.reports, content.registers, content.ledger, unit, PERIOD)

    return content, measure


def titles(documents) -> list[str]:
    return [d.title for d in documents]


def test_on_time_publication(county):
    _, measure = county
    finance, town, government, whole = (measure(n) for n in ("测试县财政局", "松林镇人民政府", "测试县人民政府", None))
    assert (finance.timeliness.published, finance.timeliness.on_time, finance.timeliness.share) == (
        10,
        9,
        Fraction(9, 10),
    )
    assert [(late.document.title, late.deadline) for late in finance.timeliness.late] == [
        ("测试县2025年县级决算", dt.date(2026, 6, 30))
    ]
    assert (town.timeliness.published, town.timeliness.on_time) == (3, 2)
    assert [(late.document.title, late.deadline) for late in town.timeliness.late] == [
        ("松林镇2026年第一季度低保公示", dt.date(2026, 6, 2))
    ]
    assert (government.timeliness.published, government.timeliness.on_time, government.timeliness.late) == (4, 4, ())
    assert (whole.timeliness.published, whole.timeliness.on_time, len(whole.timeliness.late)) == (17, 15, 2)
    assert percent(whole.timeliness.share) == "88.2%" and percent(town.timeliness.share) == "66.7%"


def test_interpretation_of_regulations(county):
    _, measure = county
    finance = measure("测试县财政局").interpretations
    assert finance.policies == 3 and finance.share == Fraction(2, 3)
    assert [(i.policy.title, i.days) for i in finance.same_day] == [("测试县县级财政专项资金管理办法", 0)]
    assert [(i.policy.title, i.days) for i in finance.later] == [("测试县政府采购内部控制办法", 5)]
    assert titles(finance.missing) == ["测试县非税收入票据管理办法"]
    assert measure("松林镇人民政府").interpretations.share is None, "nothing to interpret: no share, not 0%"
    assert measure(None).interpretations.policies == 3, "the 2025 办法 is outside the period"


def test_registers_present_and_updated(county):
    _, measure = county
    shown = {
        name: [(s.name, s.present, s.updated, s.stale) for s in measure(name).registers]
        for name in ("测试县人民政府", "测试县财政局", "松林镇人民政府")
    }
    assert shown == {
        "测试县人民政府": [
            ("权责清单", False, None, False),
            ("政务公开事项标准目录", False, None, False),
            ("制度汇编", True, dt.date(2026, 5, 6), False),
            ("政府信息公开指南", True, dt.date(2025, 9, 1), True),  # more than 12 months before 2026-11-27
            ("办事指南", False, None, False),
        ],
        "测试县财政局": [
            ("权责清单", True, dt.date(2026, 3, 1), False),  # its newest row
            ("政务公开事项标准目录", True, None, True),  # no date: due for review
            ("制度汇编", False, None, False),
            ("政府信息公开指南", True, None, False),  # written from the registry
            ("办事指南", False, None, False),
        ],
        "松林镇人民政府": [
            ("权责清单", True, dt.date(2025, 10, 8), True),
            ("政务公开事项标准目录", False, None, False),
            ("制度汇编", False, None, False),
            ("政府信息公开指南", True, None, False),
            ("办事指南", True, dt.date(2026, 9, 1), False),
        ],
    }
    units = [measure(name) for name in shown]
    assert register_summary(units) == [
        ("权责清单", 2, 1),
        ("政务公开事项标准目录", 1, 1),
        ("制度汇编", 1, 0),
        ("政府信息公开指南", 3, 1),
        ("办事指南", 1, 0),
    ]


def test_annual_reports_present_and_on_time(county):
    _, measure = county
    states = {name: measure(name).report for name in ("测试县人民政府", "测试县财政局", "松林镇人民政府")}
    assert {name: (s.year, s.due, s.published, s.status) for name, s in states.items()} == {
        "测试县人民政府": (2025, dt.date(2026, 3, 31), dt.date(2026, 4, 10), "逾期发布"),
        "测试县财政局": (2025, dt.date(2026, 1, 31), dt.date(2026, 1, 20), "按时发布"),
        "松林镇人民政府": (2025, dt.date(2026, 1, 31), None, "未发布"),
    }
    assert report_summary([measure(name) for name in states]) == {
        "按时发布": 1,
        "逾期发布": 1,
        "未发布": 1,
        "未到期": 0,
    }
    january = Period(dt.date(2026, 1, 1), dt.date(2026, 1, 25))
    content, _ = county
    town = next(u for u in content.units if u.name == "松林镇人民政府")
    early = performance(content.documents, content.reports, content.registers, content.ledger, town, january)
    assert early.report.status == "未到期"


def test_consultations_closed_with_their_feedback(county):
    _, measure = county
    finance = measure("测试县财政局").consultations
    assert len(finance.closed) == 2 and finance.share == Fraction(1, 2)
    assert titles(finance.answered) == ["测试县县级预算绩效管理办法（征求意见稿）"]
    assert titles(finance.unanswered) == ["测试县政府债务管理办法（征求意见稿）"]
    before = measure(None).consultations
    assert before.share == Fraction(1, 2)


def test_documents_to_review_within_90_days(county):
    _, measure = county
    # 2026-11-27 + 90 days = 2027-02-25: that day is in, the next is out; the 2025 办法 has expired.
    assert [(d.title, d.valid_until) for d in measure(None).expiring] == [
        ("测试县县级财政专项资金管理办法", dt.date(2027, 1, 31)),
        ("测试县政府采购内部控制办法", dt.date(2027, 2, 25)),
    ]
    assert measure("松林镇人民政府").expiring == ()


def test_tasks_of_the_plans(county):
    _, measure = county
    # Task 1 done by both (the town after its date), 2 past its date with the bureau under way and the town
    # silent, 3 under way (open-ended), 4 not due and not reported.
    whole = measure(None).tasks
    assert (whole.counts, whole.overdue) == ({"已完成": 1, "进行中": 2, "未开始": 0, "未报送": 1}, 1)
    finance = measure("测试县财政局").tasks
    assert (finance.counts, finance.overdue) == ({"已完成": 1, "进行中": 1, "未开始": 0, "未报送": 2}, 1)
    town = measure("松林镇人民政府").tasks
    assert (town.counts, town.overdue, town.share) == (
        {"已完成": 1, "进行中": 0, "未开始": 0, "未报送": 2},
        1,
        Fraction(1, 3),
    )
    government = measure("测试县人民政府").tasks
    assert (government.counts, government.overdue) == ({"已完成": 0, "进行中": 1, "未开始": 0, "未报送": 1}, 0)


def test_documents_published_each_month(county):
    content, _ = county
    assert monthly(content.documents, None, BUILD_DATE) == [
        ("2025-12", 1),
        ("2026-01", 0),
        ("2026-02", 1),
        ("2026-03", 3),
        ("2026-04", 2),
        ("2026-05", 1),
        ("2026-06", 2),
        ("2026-07", 1),
        ("2026-08", 2),
        ("2026-09", 2),
        ("2026-10", 2),
        ("2026-11", 1),
    ]


def test_report_new_drafts_the_prose_from_the_years_measures(tmp_path, monkeypatch):
    import shutil

    from click.testing import CliRunner

    from xxgk.authoring.cli import main
    from xxgk.model.report_format import DRAFT_MARK

    monkeypatch.chdir(tmp_path)
    shutil.copytree(OVERSIGHT, tmp_path / "content")
    result = CliRunner().invoke(
        main, ["report", "new", "--unit", "测试县财政局", "--year", "2026", "--date", "2027-01-10"]
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "content/年报/测试县财政局/2026.yml").read_text(encoding="utf-8")
    overview = text.split("一、总体情况: |\n", 1)[1].split("\n\n", 1)[0]
    assert overview == (
        f"  {DRAFT_MARK}\n"
        "  2026年，测试县财政局在本平台主动公开政府信息10件，其中自成文之日起20个工作日内公开9件，按时公开率90%。"
        "发布规章和行政规范性文件3件，与文件同步发布政策解读1件，滞后发布1件，尚未解读1件。"
        "公开征求意见2次，已公布意见采纳情况1次。"
        "在本平台公开权责清单（最近更新于2026年3月）、政务公开事项标准目录。"
        "承担政务公开工作计划任务4项，截至12月31日已完成1项、正在推进1项，逾期1项。"
    )
    issues = text.split("五、存在的主要问题及改进情况: |\n", 1)[1].split("\n\n", 1)[0]
    assert issues.splitlines() == [
        f"  {DRAFT_MARK}",
        "  本平台统计发现的问题：",
        "  1. 1件信息超过20个工作日才公开（如《测试县2025年县级决算》）。",
        "  2. 1件规范性文件尚未发布政策解读。",
        "  3. 1件规范性文件的解读晚于文件发布。",
        "  4. 政务公开事项标准目录超过12个月未更新或未注明更新日期。",
        "  5. 1次意见征集尚未公布意见采纳情况。",
        "  6. 1项工作计划任务逾期未完成。",
        "  改进措施：（请填写）",
    ]
