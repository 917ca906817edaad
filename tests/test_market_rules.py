"""市场监管规则和标准 (the plan's 三（一）: 向市场主体全面公开市场监管规则和标准): the rules and standards
the 市场监督管理局 applies, each with its number, its date and whether it applies today."""

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
MARKET = "11239901000015700M"


def test_the_library_lists_each_rule_with_its_number_date_and_status(sample_site):
    html = page(sample_site, "scjg/")
    text = plain(html)
    assert "按状态：现行有效 5 项；尚未施行 1 项；已修订 1 项" in text
    assert "按类别：法律 1 项；部门规章 3 项；国家标准 3 项" in text
    rows = [plain(row) for row in re.findall(r"<tr id=[^>]*>(.*?)</tr>", html, re.S)]
    labels = next(row for row in rows if "GB 7718-2025" in row)
    assert "2027-03-16 尚未施行" in labels
    assert '<a href="https://www.samr.gov.cn/">https://www.samr.gov.cn/</a>' in html
    assert f'href="../../scjg/{MARKET}/">市场监管规则和标准</a>' in page(sample_site, f"dw/{MARKET}/")
    category = page(sample_site, "xxgk/fdzdgknr/lb/a20-13/")
    assert '<a href="../../../../scjg/">市场监管规则和标准</a>' in category
    assert "<strong>列入松岭县市场监督管理局市场监管规则和标准：</strong>" in page(
        sample_site, f"doc/{MARKET}/2026-00002/"
    )


def test_the_library_has_a_feed_open_data_and_search(sample_site):
    feed = ET.parse(sample_site / "scjg/atom.xml").getroot()
    assert len(list(feed.iter(f"{ATOM}entry"))) == 7
    table = (sample_site / "scjg/松岭县市场监管规则和标准.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [row["文号或标准号"] for row in rows if row["状态"] == "已修订"] == ["GB 2760-2014"]
    with serve(sample_site) as base, browser() as chromium:
        tab = chromium.new_page()
        tab.goto(f"{base}search/?q=GB 7718")
        tab.wait_for_selector(".xxgk-results__summary")
        found = tab.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)")
        assert found == ["松岭县市场监督管理局市场监管规则和标准"]


ROW = """- 名称: 测试县农贸市场管理办法
  类别: {kind}
  发布机关: 测试县人民政府
  实施日期: {starts}
  状态: {status}
  全文链接: {address}
  更新日期: 2026-10-09
"""
REGISTER = "content/市场监管规则和标准/测试县财政局.yml"
FIELDS = {"kind": "规范性文件", "starts": "2026-01-01", "status": "现行有效", "address": "https://www.samr.gov.cn/"}
REFUSED = {
    "a kind not in the vocabulary": (
        {"kind": "国标"},
        f"{REGISTER}:2: 类别: 「国标」不在规则标准类别词表中；",
    ),
    "a status not in the vocabulary": (
        {"status": "有效"},
        f"{REGISTER}:5: 状态: 「有效」不在规则标准状态词表中；可选值：现行有效、尚未施行、已修订、已废止",
    ),
    "a link that is not on the web": (
        {"address": "file:///C:/规章.pdf"},
        f"{REGISTER}:6: 全文链接: 「file:///C:/规章.pdf」",
    ),
}


def write(content, **fields) -> None:
    (content / "市场监管规则和标准").mkdir(exist_ok=True)
    (content / "市场监管规则和标准" / "测试县财政局.yml").write_text(ROW.format(**(FIELDS | fields)), encoding="utf-8")


@pytest.mark.parametrize("fields,expected", REFUSED.values(), ids=REFUSED.keys())
def test_a_broken_rule_is_refused_with_its_place(content, fields, expected):
    write(content, **fields)
    errors = [str(p) for p in load_content(content).errors]
    assert len(errors) == 1 and errors[0].startswith(expected), errors


def test_a_status_its_date_contradicts_is_a_warning(content):
    write(content, starts="2027-03-16", status="尚未施行")
    assert load_content(content, as_of=dt.date(2027, 3, 15)).problems == []
    assert [str(p) for p in load_content(content, as_of=dt.date(2027, 3, 16)).problems] == [
        f"{REGISTER}:1: 警告: 状态: 「测试县农贸市场管理办法」已于 2027-03-16 实施，状态仍是 尚未施行：请改为 现行有效"
    ]
    write(content, starts="2027-03-16", status="现行有效")
    assert [str(p) for p in load_content(content, as_of=dt.date(2026, 11, 27)).problems] == [
        f"{REGISTER}:1: 警告: 状态: 「测试县农贸市场管理办法」2027-03-16 才实施，状态却是 现行有效：请改为 尚未施行"
    ]
