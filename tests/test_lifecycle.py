"""The validity of 规范性文件 as a reader and a clerk meet it: status as of the build
date, and every way the relations between documents can be wrong."""

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from xxgk.cli import main
from xxgk.content import load_content
from xxgk.lifecycle import Lifecycle
from xxgk.regulations import count_regulations
from xxgk.units import find_unit

FINANCE = "11239901000013480E"


def regulation(content: Path, name: str, serial: str, written: str, published: str, **extra: str) -> Path:
    """Write a 规范性文件 of the test county's 财政局 into content/财政局/<name>.md."""
    lines = [
        "---",
        f"标题: 测试县{name}",
        f'索引号: "{FINANCE}/{serial}"',
        "发布机构: 测试县财政局",
        f"成文日期: {written}",
        f"发布日期: {published}",
        "信息类别: 行政法规、规章和规范性文件",
        "主题分类: 财政、金融、审计",
        "文种: 通知",
        *(f"{key}: {value}" for key, value in extra.items()),
        "---",
        f"{name}全文。",
    ]
    path = content / "财政局" / f"{name}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def statuses(content: Path, day: str) -> dict[str, str]:
    loaded = load_content(content)
    lifecycle = Lifecycle(loaded.documents)
    return {d.title.removeprefix("测试县"): lifecycle.status(d, dt.date.fromisoformat(day)).name
            for d in loaded.documents if lifecycle.status(d, dt.date.fromisoformat(day))}


def check(content: Path, day: str) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--date", day])
    return [line for line in result.output.splitlines() if "年报" not in line]


# -- status as of a date --------------------------------------------------------------


def test_a_document_is_in_force_through_the_last_day_of_its_term_and_expired_the_day_after(content):
    regulation(content, "惠农补贴暂行办法", "2024-00001", "2024-03-01", "2024-03-05", 有效期至="2026-03-11")
    assert statuses(content, "2026-03-10")["惠农补贴暂行办法"] == "有效"
    assert statuses(content, "2026-03-11")["惠农补贴暂行办法"] == "有效"
    assert statuses(content, "2026-03-12")["惠农补贴暂行办法"] == "失效"
    assert statuses(content, "2030-01-01")["惠农补贴暂行办法"] == "失效"


def test_an_expired_document_turns_expired_although_it_still_says_in_force(content):
    regulation(content, "惠农补贴暂行办法", "2024-00001", "2024-03-01", "2024-03-05", 有效性="有效", 有效期至="2026-03-11")
    loaded = load_content(content)
    document = next(d for d in loaded.documents if d.valid_until)
    status = Lifecycle(loaded.documents).status(document, dt.date(2026, 11, 27))
    assert (status.name, status.ended_on) == ("失效", dt.date(2026, 3, 12))
    assert document.validity == "有效", "what the clerk wrote is kept as written"


def test_a_repeal_counts_from_the_day_the_repealing_document_is_published(content):
    # The fixture: 财政局's 暂行办法 (2025-00001) is repealed by 管理办法 (2026-00002), published 2026-04-03.
    assert statuses(content, "2026-04-02")["县级财政专项资金管理暂行办法"] == "有效"
    assert statuses(content, "2026-04-03")["县级财政专项资金管理暂行办法"] == "废止"
    assert statuses(content, "2026-04-03")["县级财政专项资金管理办法"] == "有效"


def test_a_repeal_before_the_end_of_the_term_wins_over_the_expiry(content):
    # The 暂行办法 would have expired on 2027-03-04; it was repealed before.
    assert statuses(content, "2027-06-01")["县级财政专项资金管理暂行办法"] == "废止"


def test_a_replaced_version_is_expired_and_points_to_the_version_now_in_force(content):
    regulation(content, "政府采购管理办法", "2024-00001", "2024-01-10", "2024-01-12")
    regulation(content, "政府采购管理办法（2025年修订）", "2025-00005", "2025-05-10", "2025-05-12",
               修订=f'["{FINANCE}/2024-00001"]')
    regulation(content, "政府采购管理办法（2026年修订）", "2026-00005", "2026-05-10", "2026-05-12",
               修订=f'["{FINANCE}/2025-00005"]')
    loaded = load_content(content)
    assert loaded.errors == []
    lifecycle = Lifecycle(loaded.documents)
    first = next(d for d in loaded.documents if d.title == "测试县政府采购管理办法")
    status = lifecycle.status(first, dt.date(2025, 12, 31))
    assert status.name == "失效" and status.endings[0].by.title.endswith("（2025年修订）")
    assert status.current.title.endswith("（2025年修订）")
    assert lifecycle.status(first, dt.date(2026, 6, 1)).current.title.endswith("（2026年修订）")


def test_a_status_declared_without_a_record_of_the_ending_stands(content):
    regulation(content, "农机购置补贴办法", "2023-00001", "2023-03-01", "2023-03-05", 有效性="失效")
    assert statuses(content, "2026-11-27")["农机购置补贴办法"] == "失效"


def test_documents_that_are_not_regulations_have_no_status(content):
    assert "2026年县级一般公共预算" not in statuses(content, "2026-11-27")


# -- the annual report's table 二 counts the same statuses ------------------------------


def test_table_two_counts_a_document_as_ended_in_the_year_its_term_ran_out(content):
    regulation(content, "惠农补贴暂行办法", "2024-00001", "2024-03-01", "2024-03-05", 有效期至="2026-03-11")
    loaded = load_content(content)
    finance = find_unit(loaded.units, "测试县财政局")

    def names(year, column):
        count = count_regulations(loaded.documents, finance, year)[("行政规范性文件", column)]
        return sorted(d.title.removeprefix("测试县") for d in count.counted)

    assert names(2025, "现行有效件数") == ["县级财政专项资金管理暂行办法", "惠农补贴暂行办法"]
    assert names(2026, "本年废止件数") == ["县级财政专项资金管理暂行办法", "惠农补贴暂行办法"]
    assert names(2026, "现行有效件数") == ["县级财政专项资金管理办法"]


# -- the graph of relations --------------------------------------------------------------


def test_a_relation_to_a_document_that_does_not_exist(content):
    path = regulation(content, "关于废止部分文件的决定", "2026-00009", "2026-06-01", "2026-06-02",
                      废止=f'["{FINANCE}/2019-00042"]')
    assert check(content, "2026-11-27")[0] == \
        f"content/财政局/{path.name}:10: 废止: 没有索引号为 {FINANCE}/2019-00042 的文件"


def test_a_document_that_repeals_itself(content):
    path = regulation(content, "关于废止部分文件的决定", "2026-00009", "2026-06-01", "2026-06-02",
                      废止=f'["{FINANCE}/2026-00009"]')
    assert check(content, "2026-11-27")[0] == f"content/财政局/{path.name}:10: 废止: {FINANCE}/2026-00009 是本文件自己的索引号"


def test_a_cycle_of_repeals_and_amendments_is_reported_in_every_file_on_it(content):
    regulation(content, "甲办法", "2026-00007", "2026-06-01", "2026-06-02", 修订=f'["{FINANCE}/2026-00008"]')
    regulation(content, "乙办法", "2026-00008", "2026-06-01", "2026-06-02", 废止=f'["{FINANCE}/2026-00007"]')
    a, b = f"{FINANCE}/2026-00007", f"{FINANCE}/2026-00008"
    assert check(content, "2026-11-27")[:2] == [
        f"content/财政局/乙办法.md:10: 废止: 废止和修订关系成环：{b} → {a} → {b}（每个箭头表示“废止或修订”）："
        "一份文件不能经由其他文件废止或修订它自己，请核对这些索引号",
        f"content/财政局/甲办法.md:10: 修订: 废止和修订关系成环：{a} → {b} → {a}（每个箭头表示“废止或修订”）："
        "一份文件不能经由其他文件废止或修订它自己，请核对这些索引号",
    ]


def test_a_document_cannot_repeal_one_written_after_it(content):
    regulation(content, "关于废止部分文件的决定", "2025-00009", "2025-02-01", "2025-02-02",
               废止=f'["{FINANCE}/2026-00002"]')
    assert check(content, "2026-11-27")[0] == (
        f"content/财政局/关于废止部分文件的决定.md:10: 废止: {FINANCE}/2026-00002（content/财政局/管理办法2026.md）"
        "成文于 2026-04-01，晚于本文件的成文日期 2025-02-01：文件只能废止在它之前成文的文件，请核对索引号")


def test_marked_repealed_while_the_repealing_document_is_not_yet_published(content):
    old = content / "财政局" / "管理办法2025.md"
    old.write_text(old.read_text(encoding="utf-8").replace("有效性: 有效", "有效性: 废止"), encoding="utf-8")
    message = ("content/财政局/管理办法2025.md:11: 有效性: 写为「废止」，但废止本文件的 content/财政局/管理办法2026.md "
               "发布日期为 2026-04-03，有效期至 2027-03-03，在 2026-03-01 本文件仍然有效：请删去本行，到期时网站会自动显示失效或废止")
    result = CliRunner().invoke(main, ["check", "--date", "2026-03-01"])
    assert result.exit_code == 1 and message in result.output.splitlines()
    assert CliRunner().invoke(main, ["check", "--date", "2026-04-03"]).exit_code == 0


def test_a_term_that_ends_before_the_document_was_written(content):
    regulation(content, "惠农补贴暂行办法", "2024-00001", "2024-03-01", "2024-03-05", 有效期至="2023-03-11")
    assert check(content, "2026-11-27")[0] == \
        "content/财政局/惠农补贴暂行办法.md:10: 有效期至: 2023-03-11 早于成文日期 2024-03-01：有效期应从成文之后开始"
