"""重大行政决策事项目录 (国务院令第713号): the year's decisions, each with its stage — 征求意见 → 审议 →
公布 → 执行评估 — linked both ways to its consultation, its decision and its interpretations."""

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest

from browser import browser, serve
from built import page, plain
from xxgk.checks.content import load_content

ATOM = "{http://www.w3.org/2005/Atom}"
COUNTY = "112399010000120008"
HEATING_DECISION = "doc/112399010000127404/2026-00013/"  # 关于调整城区集中供热价格的通知


def test_the_catalogue_lists_each_decision_with_its_stage_and_its_documents(sample_site):
    html = page(sample_site, "zdjc/")
    rows = dict(re.findall(r'<tr id="(r-[0-9a-f]{8})"[^>]*>(.*?)</tr>', html, re.S))
    assert len(rows) == 5
    heating = next(row for row in rows.values() if "调整城区集中供热价格" in row)
    assert "公布" in plain(heating)
    assert 'href="../doc/112399010000127404/2026-00011/">关于公开征求《松岭县城区集中供热价格调整方案' in heating
    assert 'href="../doc/112399010000127404/2026-00013/">松岭县发展和改革局关于调整城区集中供热价格的通知' in heating
    relief = next(row for row in rows.values() if "临时救助" in row)
    assert "执行评估" in plain(relief) and relief.count('href="../doc/112399010000120008/2026-0000') == 3
    assert "按决策阶段：征求意见 2 项；公布 2 项；执行评估 1 项" in plain(html)
    assert f'href="../../zdjc/{COUNTY}/">重大行政决策事项目录</a>' in page(sample_site, f"dw/{COUNTY}/")


def test_each_document_says_which_decision_of_the_catalogue_it_belongs_to(sample_site):
    html = page(sample_site, HEATING_DECISION)
    found = re.search(
        r'<strong>列入松岭县人民政府重大行政决策事项目录：</strong><a href="([^"]+)">调整城区集中供热价格</a>（决策文件）',
        html,
    )
    assert found, "the decision links back to its row"
    anchor = found[1].rsplit("#", 1)[1]
    assert f'<tr id="{anchor}"' in page(sample_site, f"zdjc/{COUNTY}/")
    consultation = page(sample_site, "doc/112399010000127404/2026-00011/")
    assert "调整城区集中供热价格</a>（意见征集）" in consultation


def test_the_catalogue_has_a_feed_and_open_data(sample_site):
    feed = ET.parse(sample_site / "zdjc/atom.xml").getroot()
    entries = [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}published")[:10]) for e in feed.iter(f"{ATOM}entry")]
    assert entries[0] == ("松岭县人民政府：制定《松岭县学前教育幼儿资助实施细则》", "2026-11-25")
    assert len(entries) == 5
    rows = list(
        csv.DictReader(io.StringIO((sample_site / "zdjc/松岭县重大行政决策事项目录.csv").read_text("utf-8-sig")))
    )
    assert [row["决策阶段"] for row in rows] == ["公布", "执行评估", "公布", "征求意见", "征求意见"]
    assert rows[1]["政策解读"] == "112399010000120008/2026-00005、112399010000120008/2026-00008"


def test_search_finds_the_catalogue_by_a_decision(sample_site):
    with serve(sample_site) as base, browser() as chromium:
        tab = chromium.new_page()
        tab.goto(f"{base}search/?q=学前教育幼儿资助")
        tab.wait_for_selector(".xxgk-results__summary")
        titles = tab.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)")
        assert "松岭县人民政府重大行政决策事项目录" in titles


ROW = """- 年度: {year}
  决策事项: 制定测试县专项资金管理办法
  承办单位: 测试县财政局
  决策阶段: {stage}
  意见征集: {consultation}
  决策文件: {decision}
  更新日期: 2026-10-10
"""
REGISTER = "content/重大行政决策/测试县人民政府.yml"
FIELDS = {"year": "2026", "stage": "公布", "consultation": '""', "decision": "11239901000013480E/2026-00002"}

REFUSED = {
    "a stage not in the vocabulary": (
        {"stage": "已完成"},
        f"{REGISTER}:4: 决策阶段: 「已完成」不在决策阶段词表中；可选值：起草、征求意见、审议、公布、执行评估",
    ),
    "a number that is no 索引号": (
        {"decision": "测财发〔2026〕2号"},
        f"{REGISTER}:6: 决策文件: 「测财发〔2026〕2号」不是索引号：应为 统一社会信用代码/年份-五位流水号，多个以 、 分隔",
    ),
    "a number no document has": (
        {"decision": "11239901000013480E/2026-00099"},
        f"{REGISTER}:1: 决策文件: 「11239901000013480E/2026-00099」不是任何文件的索引号：请核对，或先发布这份文件",
    ),
    "a consultation that is none": (
        {"consultation": "11239901000013480E/2026-00002"},
        f"{REGISTER}:1: 意见征集: 「11239901000013480E/2026-00002」（测试县县级财政专项资金管理办法）不是意见征集："
        "它没有征集开始和征集截止，请核对索引号",
    ),
    "a year that is none": (
        {"year": "26"},
        f"{REGISTER}:1: 年度: 「26」不是年份：请写四位数字，如 2026",
    ),
}


@pytest.mark.parametrize("fields,expected", REFUSED.values(), ids=REFUSED.keys())
def test_a_broken_decision_is_refused_with_its_place(content, fields, expected):
    (content / "重大行政决策").mkdir()
    (content / "重大行政决策" / "测试县人民政府.yml").write_text(ROW.format(**(FIELDS | fields)), encoding="utf-8")
    assert [str(p) for p in load_content(content).errors] == [expected]


def test_a_published_decision_without_its_document_is_a_warning(content):
    (content / "重大行政决策").mkdir()
    text = ROW.format(**(FIELDS | {"decision": '""'}))
    (content / "重大行政决策" / "测试县人民政府.yml").write_text(text, encoding="utf-8")
    assert [str(p) for p in load_content(content, as_of=dt.date(2026, 11, 27)).problems] == [
        f"{REGISTER}:1: 警告: 决策文件: 「制定测试县专项资金管理办法」的决策阶段是 公布，但没有写决策文件："
        "请写公布的决策文件的索引号"
    ]
