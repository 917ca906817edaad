"""专题 as the county plan's themes: declared in 站点.yml by 主题词, 信息类别 and 索引号, each with its
page, listing, feed and a facet of the search."""

import re
import xml.etree.ElementTree as ET

import pytest

from browser import browser, serve
from built import page, plain
from xxgk.checks.content import load_content

ATOM = "{http://www.w3.org/2005/Atom}"


def titles_of(html: str) -> list[str]:
    return re.findall(r'class="xxgk-list__title" href="[^"]*">([^<]+)</a>', html)


def test_the_sample_has_its_themes_each_gathering_by_word_category_and_number(sample_site):
    hub = plain(page(sample_site, "ztzl/"))
    assert "优化营商环境 8 条" in hub and "突发事件应对和公共卫生" in hub and "“六稳”“六保”" in hub
    business = page(sample_site, "ztzl/yshj/")
    listed = titles_of(business)
    assert "一图读懂《松岭县政府投资项目管理办法》" in listed  # 主题词 政府投资
    assert "关于媒体报道部分超市散装食品标签不规范问题的回应" in listed  # its 索引号
    assert "本专题收录： 主题词含“政府投资”、“政府采购”、“营商环境”、“重点建设项目”的文件 另选的 1 份文件" in plain(
        business
    )
    emergencies = page(sample_site, "ztzl/tfsj/")
    assert "松岭县人民政府关于印发松岭县突发事件总体应急预案的通知" in titles_of(emergencies)
    assert 'href="../../xxgk/fdzdgknr/lb/a20-12/">突发公共事件的应急预案、预警信息及应对情况</a>' in emergencies
    category = page(sample_site, "xxgk/fdzdgknr/lb/a20-12/")
    assert '<a href="../../../../ztzl/tfsj/">突发事件应对和公共卫生</a>' in category, "the category points to it"
    assert "专题专栏" in plain(page(sample_site, "")) and "专题专栏" in plain(page(sample_site, "sitemap/"))


def test_each_theme_has_a_feed_of_what_its_page_lists(sample_site):
    feed = ET.parse(sample_site / "ztzl/yshj/atom.xml").getroot()
    assert [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")] == titles_of(page(sample_site, "ztzl/yshj/"))
    assert 'href="atom.xml"' in page(sample_site, "ztzl/yshj/")


def test_the_search_offers_the_themes_as_a_facet(sample_site):
    listed = titles_of(page(sample_site, "ztzl/lwlb/"))
    with serve(sample_site) as base, browser() as chromium:
        tab = chromium.new_page()
        tab.goto(f"{base}search/?special=“六稳”“六保”&sort=date")
        tab.wait_for_selector(".xxgk-results__summary")
        found = tab.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)")
        assert found == listed
        assert tab.is_checked("input[data-key='special'][value='“六稳”“六保”']")
        tab.goto(f"{base}search/?q=临时救助&special=优化营商环境")
        tab.wait_for_selector(".xxgk-results__summary")
        assert tab.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.length") == 0


SPECIALS = {
    "a category not in the vocabulary": (
        "  - {名称: 营商环境, 代码: yshj, 信息类别: [行政许可]}\n",
        "content/站点.yml:3: 专题: 第 1 个专题：「行政许可」不在信息类别词表中；"
        "是否应为「办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果」？",
    ),
    "no code": (
        "  - {名称: 营商环境, 主题词: [营商环境]}\n",
        "content/站点.yml:3: 专题: 第 1 个专题：缺少代码：写几个小写英文字母或拼音首字母，如 yshj，它决定专题的网址",
    ),
    "a code that is no address": (
        "  - {名称: 营商环境, 代码: 营商, 主题词: [营商环境]}\n",
        "content/站点.yml:3: 专题: 第 1 个专题：代码「营商」只能用小写英文字母、数字和 -，不超过 30 个，如 yshj",
    ),
    "nothing to gather": (
        "  - {名称: 营商环境, 代码: yshj}\n",
        "content/站点.yml:3: 专题: 第 1 个专题：没有写收录哪些文件：请写 主题词、信息类别、索引号 中的至少一项",
    ),
    "a number no document has": (
        '  - {名称: 营商环境, 代码: yshj, 索引号: ["11239901000013480E/2026-00099"]}\n',
        "content/站点.yml:3: 专题: 专题「营商环境」列出的索引号 11239901000013480E/2026-00099 不是任何文件的索引号：请核对",
    ),
    "two themes at one address": (
        "  - {名称: 营商环境, 代码: yshj, 主题词: [营商]}\n  - {名称: 放管服, 代码: yshj, 主题词: [放管服]}\n",
        "content/站点.yml:4: 专题: 第 2 个专题的代码「yshj」与前面的专题重复",
    ),
}


@pytest.mark.parametrize("entries,expected", SPECIALS.values(), ids=SPECIALS.keys())
def test_a_broken_theme_is_refused_at_its_line_in_the_site_settings(content, entries, expected):
    (content / "站点.yml").write_text("网站名称: 测试县\n专题:\n" + entries, encoding="utf-8")
    assert [str(p) for p in load_content(content).errors] == [expected]
