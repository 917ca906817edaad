"""公共企事业单位信息公开 (国办发〔2020〕50号; the plan's 五（四）): for each sector, the schools,
hospitals and utilities a 主管部门 oversees, what each must publish and where."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest

from browser import browser, serve
from built import page, plain
from xxgk.checks.content import load_content

ATOM = "{http://www.w3.org/2005/Atom}"
HEALTH = "112399010000149600"  # 松岭县卫生健康局


def test_the_county_lists_the_enterprises_by_sector_with_what_and_where_they_publish(sample_site):
    html = page(sample_site, "ggqsy/")
    text = plain(html)
    assert "按行业：教育 3 项；卫生健康 3 项；供水 1 项；供热 1 项" in text
    hospital = next(row for row in re.findall(r"<tr id=[^>]*>(.*?)</tr>", html, re.S) if "松岭县人民医院" in row)
    assert "医疗服务价格和药品价格" in hospital
    assert '<a href="https://rmyy.songling.gov.cn/">https://rmyy.songling.gov.cn/</a>' in hospital
    assert (
        'href="../doc/112399010000149600/2026-00002/">松岭县卫生健康局关于印发松岭县2026年基本公共卫生服务项目实施方案的通知'
        in (hospital)
    )
    own = plain(page(sample_site, f"ggqsy/{HEALTH}/"))
    assert "松岭县卫生健康局公共企事业单位信息公开" in own and "松岭县第一中学" not in own
    assert f'href="../../ggqsy/{HEALTH}/">公共企事业单位信息公开</a>' in page(sample_site, f"dw/{HEALTH}/")
    assert '<a href="../../../../ggqsy/">公共企事业单位信息公开</a>' in page(sample_site, "xxgk/fdzdgknr/lb/a21-ggfw/")
    plan = page(sample_site, "doc/112399010000149600/2026-00002/")
    assert "<strong>列入松岭县卫生健康局公共企事业单位信息公开：</strong>" in plan


def test_the_enterprises_have_a_feed_open_data_and_search(sample_site):
    feed = ET.parse(sample_site / "ggqsy/atom.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles[0] == "松岭县住房和城乡建设局：松岭县供热公司" and len(titles) == 8
    rows = list(
        csv.DictReader(io.StringIO((sample_site / "ggqsy/松岭县公共企事业单位信息公开.csv").read_text("utf-8-sig")))
    )
    assert {row["行业"] for row in rows} == {"教育", "卫生健康", "供水", "供热"}
    assert rows[0]["单位"] == "松岭县教育局" and rows[0]["公开网址"] == "https://yz.songling.gov.cn/"
    with serve(sample_site) as base, browser() as chromium:
        tab = chromium.new_page()
        tab.goto(f"{base}search/?q=水质检测结果")
        tab.wait_for_selector(".xxgk-results__summary")
        found = tab.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)")
        assert found == ["松岭县住房和城乡建设局公共企事业单位信息公开"]


ROW = """- 行业: {sector}
  单位名称: 测试县自来水公司
  公开内容: 水价和水质检测结果
  公开网址: {address}
  相关文件: {documents}
  更新日期: 2026-07-01
"""
REGISTER = "content/公共企事业单位/测试县财政局.yml"
FIELDS = {"sector": "供水", "address": "https://water.example.cn/", "documents": '""'}
REFUSED = {
    "a sector not in the vocabulary": (
        {"sector": "水务"},
        f"{REGISTER}:1: 行业: 「水务」不在公共企事业行业词表中；相近的有：「供水」；全部可选值：xxgk fields 公共企事业行业",
    ),
    "an address that is not on the web": (
        {"address": "javascript:alert(1)"},
        f"{REGISTER}:4: 公开网址: 「javascript:alert(1)」",
    ),
    "a document that is not there": (
        {"documents": "11239901000013480E/2026-00077"},
        f"{REGISTER}:1: 相关文件: 「11239901000013480E/2026-00077」不是任何文件的索引号：请核对，或先发布这份文件",
    ),
}


@pytest.mark.parametrize("fields,expected", REFUSED.values(), ids=REFUSED.keys())
def test_a_broken_row_is_refused_with_its_place(content, fields, expected):
    (content / "公共企事业单位").mkdir()
    (content / "公共企事业单位" / "测试县财政局.yml").write_text(ROW.format(**(FIELDS | fields)), encoding="utf-8")
    errors = [str(p) for p in load_content(content).errors]
    assert len(errors) == 1 and errors[0].startswith(expected)
