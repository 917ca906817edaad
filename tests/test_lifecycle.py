"""The validity of 规范性文件 as a reader and a clerk meet it: status as of the build
date, and every way the relations between documents can be wrong."""

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from built import document_metadata, page, plain
from xxgk.authoring.cli import main
from xxgk.checks.content import load_content
from xxgk.model.lifecycle import Lifecycle
from xxgk.model.report_norms import count_regulations
from xxgk.model.units import find_unit

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
    return {
        d.title.removeprefix("测试县"): lifecycle.status(d, dt.date.fromisoformat(day)).name
        for d in loaded.documents
        if lifecycle.status(d, dt.date.fromisoformat(day))
    }


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
    regulation(
        content, "惠农补贴暂行办法", "2024-00001", "2024-03-01", "2024-03-05", 有效性="有效", 有效期至="2026-03-11"
    )
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
    regulation(
        content,
        "政府采购管理办法（2025年修订）",
        "2025-00005",
        "2025-05-10",
        "2025-05-12",
        修订=f'["{FINANCE}/2024-00001"]',
    )
    regulation(
        content,
        "政府采购管理办法（2026年修订）",
        "2026-00005",
        "2026-05-10",
        "2026-05-12",
        修订=f'["{FINANCE}/2025-00005"]',
    )
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
    found = statuses(content, "2026-11-27")
    assert "县级财政专项资金管理办法" in found and "2026年县级一般公共预算" not in found


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
    path = regulation(
        content, "关于废止部分文件的决定", "2026-00009", "2026-06-01", "2026-06-02", 废止=f'["{FINANCE}/2019-00042"]'
    )
    assert (
        check(content, "2026-11-27")[0]
        == f"content/财政局/{path.name}:10: 废止: 没有索引号为 {FINANCE}/2019-00042 的文件"
    )


def test_a_document_that_repeals_itself(content):
    path = regulation(
        content, "关于废止部分文件的决定", "2026-00009", "2026-06-01", "2026-06-02", 废止=f'["{FINANCE}/2026-00009"]'
    )
    assert (
        check(content, "2026-11-27")[0]
        == f"content/财政局/{path.name}:10: 废止: {FINANCE}/2026-00009 是本文件自己的索引号"
    )


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
    regulation(
        content, "关于废止部分文件的决定", "2025-00009", "2025-02-01", "2025-02-02", 废止=f'["{FINANCE}/2026-00002"]'
    )
    assert check(content, "2026-11-27")[0] == (
        f"content/财政局/关于废止部分文件的决定.md:10: 废止: {FINANCE}/2026-00002（content/财政局/管理办法2026.md）"
        "成文于 2026-04-01，晚于本文件的成文日期 2025-02-01：文件只能废止在它之前成文的文件，请核对索引号"
    )


def test_marked_repealed_while_the_repealing_document_is_not_yet_published(content):
    old = content / "财政局" / "管理办法2025.md"
    old.write_text(old.read_text(encoding="utf-8").replace("有效性: 有效", "有效性: 废止"), encoding="utf-8")
    message = (
        "content/财政局/管理办法2025.md:11: 有效性: 写为「废止」，但废止本文件的 content/财政局/管理办法2026.md "
        "发布日期为 2026-04-03，有效期至 2027-03-03，在 2026-03-01 本文件仍然有效：请删去本行，到期时网站会自动显示失效或废止"
    )
    result = CliRunner().invoke(main, ["check", "--date", "2026-03-01"])
    assert result.exit_code == 1 and message in result.output.splitlines()
    assert CliRunner().invoke(main, ["check", "--date", "2026-04-03"]).exit_code == 0


def test_a_term_that_ends_before_the_document_was_written(content):
    regulation(content, "惠农补贴暂行办法", "2024-00001", "2024-03-01", "2024-03-05", 有效期至="2023-03-11")
    assert (
        check(content, "2026-11-27")[0]
        == "content/财政局/惠农补贴暂行办法.md:10: 有效期至: 2023-03-11 早于成文日期 2024-03-01：有效期应从成文之后开始"
    )


# -- what readers see on the built site ----------------------------------------------------

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "county"
REPEALED = f"doc/{FINANCE}/2025-00001/index.html"  # the fixture's 暂行办法, repealed on 2026-04-03
POLICY = f"doc/{FINANCE}/2026-00002/index.html"  # the 管理办法 that repealed it
EXPIRED = f"doc/{FINANCE}/2024-00001/index.html"
INTERPRETATION = f"doc/{FINANCE}/2026-00003/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The test county on 2026-11-27, plus an expired 暂行办法 with an attachment."""
    from xxgk.adapters.mkdocs.build import build_site

    work = tmp_path_factory.mktemp("lifecycle")
    content = work / "content"
    shutil.copytree(FIXTURE, content)
    regulation(
        content,
        "惠农补贴暂行办法",
        "2024-00001",
        "2024-03-01",
        "2024-03-05",
        有效期至="2026-03-11",
        附件="[补贴标准.csv]",
    )
    (content / "财政局" / "补贴标准.csv").write_text("项目,标准\n耕地地力保护,120\n", encoding="utf-8")
    build_site(content, work / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    return work / "site"


def banner(html: str) -> str:
    start = html.find('<aside class="xxgk-banner')
    return plain(html[start : html.index("</aside>", start)]) if start >= 0 else ""


def meta(html: str, label: str) -> str:
    """A field of the document's metadata; "" where the page leaves it out for having no value."""
    return document_metadata(html).get(label, "")


def test_a_repealed_document_keeps_its_address_and_says_when_and_by_what(site):
    html = page(site, REPEALED)
    assert banner(html).split() == [
        "本文件已废止",
        "2026-04-03",
        "起，被",
        "测试县县级财政专项资金管理办法",
        "（测财发〔2026〕2号）废止。",
        "本页保留原文，仅供查阅。",
    ]
    assert '起，被<a href="../2026-00002/">测试县县级财政专项资金管理办法</a>' in html
    assert meta(html, "有效性") == "废止" and "有效期至 2027-03-03" in plain(html)
    assert "本文件废止的文件" in page(site, POLICY) and "测试县县级财政专项资金管理暂行办法" in page(site, POLICY)


def test_an_expired_document_says_its_term_ended_and_its_attachments_say_so_too(site):
    html = page(site, EXPIRED)
    assert "本文件已失效" in banner(html) and "有效期至 2026-03-11，2026-03-12 起失效。" in banner(html)
    assert meta(html, "有效性") == "失效"
    attachment = plain(html[html.index('<section class="xxgk-attachments"') : html.index("</section>")])
    assert "补贴标准 本文件已失效 CSV" in attachment


def test_documents_in_force_and_other_documents_have_no_banner(site):
    assert banner(page(site, POLICY)) == "" and meta(page(site, POLICY), "有效性") == "有效"
    plan = page(site, "doc/11239901000012370G/2026-00001/index.html")
    assert banner(plan) == "" and meta(plan, "有效性") == ""


def test_lists_show_the_computed_status(site):
    # The 规范性文件 fit one page: their interpretations are listed under 政策解读, not here.
    html = page(site, "xxgk/fdzdgknr/lb/a20-01/index.html")
    titles = re.findall(r'class="xxgk-list__title" href="[^"]*">([^<]+)</a>', html)
    assert len(titles) == 3 and not any("解读" in title for title in titles)
    assert not (site / "xxgk/fdzdgknr/lb/a20-01/2").exists()
    badges = dict(re.findall(r'>([^<>]+)</a> <span class="xxgk-status xxgk-status--\w+">(\S+)</span>', html))
    assert badges == {"测试县县级财政专项资金管理暂行办法": "废止", "测试县惠农补贴暂行办法": "失效"}


def test_a_policy_and_its_interpretation_link_to_each_other(site):
    policy, interpretation = page(site, POLICY), page(site, INTERPRETATION)
    assert (
        '<strong>政策解读：</strong><a href="../2026-00003/">《测试县县级财政专项资金管理办法》政策解读</a>' in policy
    )
    assert (
        '<strong>本文解读的政策文件：</strong><a href="../2026-00002/">测试县县级财政专项资金管理办法</a>'
        in interpretation
    )
    listing = page(site, "dw/11239901000013480E/fdzdgknr/index.html")
    assert (
        '<a class="xxgk-list__interpretation" href="../../../doc/11239901000013480E/2026-00003/">政策解读</a>'
        in listing
    )


def test_the_search_facet_holds_the_computed_status(tmp_path):
    from xxgk.site.generator import generate_site

    shutil.copytree(FIXTURE, tmp_path / "content")
    regulation(
        tmp_path / "content",
        "惠农补贴暂行办法",
        "2024-00001",
        "2024-03-01",
        "2024-03-05",
        有效性="有效",
        有效期至="2026-03-11",
    )
    site = generate_site(load_content(tmp_path / "content"), dt.date(2026, 11, 27))
    facets = {r.meta["title"]: r.filters.get("validity") for r in site.search_records}
    assert facets["测试县惠农补贴暂行办法"] == ["失效"]
    assert facets["测试县县级财政专项资金管理暂行办法"] == ["废止"]
    assert facets["测试县2026年县级一般公共预算"] is None


# -- the two libraries ------------------------------------------------------------------------


def listed(site: Path, address: str) -> list[str]:
    """Titles listed on a listing page and the pages after it."""
    titles, number = [], 1
    while (site / address).is_file():
        html = page(site, address)
        html = html[html.index('<ul class="xxgk-list">') :] if '<ul class="xxgk-list">' in html else ""
        titles += re.findall(r'class="xxgk-list__title" href="[^"]*">([^<]+)</a>', html)
        number += 1
        address = re.sub(r"(/\d+)?/index\.html$", f"/{number}/index.html", address)
    return titles


def test_the_libraries_split_the_regulations_by_their_status_on_the_build_date(site):
    assert listed(site, "gfxwj/xxyx/index.html") == ["测试县县级财政专项资金管理办法"]
    assert listed(site, "gfxwj/fzsx/index.html") == ["测试县县级财政专项资金管理暂行办法", "测试县惠农补贴暂行办法"]
    index = plain(page(site, "gfxwj/index.html"))
    assert "现行有效 1 件" in index and "已废止和失效 2 件" in index
    assert '另见：<a href="../../../../gfxwj/">规范性文件库</a>' in page(site, "xxgk/fdzdgknr/lb/a20-01/index.html")


def test_each_library_is_browsable_by_unit_year_and_topic(site):
    assert listed(site, f"gfxwj/fzsx/dw/{FINANCE}/index.html") == [
        "测试县县级财政专项资金管理暂行办法",
        "测试县惠农补贴暂行办法",
    ]
    assert listed(site, "gfxwj/fzsx/nf/2024/index.html") == ["测试县惠农补贴暂行办法"]
    assert listed(site, "gfxwj/fzsx/zt/zt03/index.html") == [
        "测试县县级财政专项资金管理暂行办法",
        "测试县惠农补贴暂行办法",
    ]
    assert not (site / "gfxwj/xxyx/nf/2024").exists(), "no empty pages"


def test_the_downloads_hold_what_the_library_lists(site):
    import csv
    import io

    from openpyxl import load_workbook

    for code, name in (("xxyx", "现行有效规范性文件"), ("fzsx", "已废止和失效规范性文件")):
        raw = (site / "gfxwj" / code / f"{name}.csv").read_bytes()
        assert raw.startswith("\ufeff".encode()), "Excel needs the byte-order mark"
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        sheet = load_workbook(site / "gfxwj" / code / f"{name}.xlsx").worksheets[0]
        assert [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)] == rows
        assert rows[0] == [
            "标题",
            "发文字号",
            "发布机构",
            "成文日期",
            "发布日期",
            "有效性",
            "有效期至",
            "永久地址",
            "状态说明",
        ]
        assert [row[0] for row in rows[1:]] == listed(site, f"gfxwj/{code}/index.html")
    rows = list(
        csv.reader(io.StringIO((site / "gfxwj/fzsx/已废止和失效规范性文件.csv").read_text(encoding="utf-8-sig")))
    )
    assert rows[2] == [
        "测试县惠农补贴暂行办法",
        "",
        "测试县财政局",
        "2024-03-01",
        "2024-03-05",
        "失效",
        "2026-03-11",
        f"https://xxgk.example.gov.cn/doc/{FINANCE}/2024-00001/",
        "有效期至 2026-03-11，2026-03-12 起失效",
    ]
    assert rows[1][5:] == [
        "废止",
        "2027-03-03",
        f"https://xxgk.example.gov.cn/doc/{FINANCE}/2025-00001/",
        "2026-04-03 起被 测财发〔2026〕2号 废止",
    ]


def test_the_open_data_holds_the_computed_status(site):
    import json

    records = {r["标题"]: r for r in json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))["文件"]}
    assert records["测试县惠农补贴暂行办法"]["有效性"] == "失效"
    assert records["测试县县级财政专项资金管理暂行办法"]["有效性"] == "废止"
    assert records["测试县县级财政专项资金管理暂行办法"]["有效期至"] == "2027-03-03"
    assert records["测试县2026年县级一般公共预算"]["有效性"] == ""
