"""The 政府信息公开目录 (条例 art. 12 asks for each item's 索引): every row of a document listing shows
the document's 索引号, which never breaks inside, on a phone in both looks; and the 机构职能目录 keeps
each phone number on one line on a desktop."""

import re

import pytest

from browser import browser, serve
from built import page

CATALOGUES = [
    "xxgk/fdzdgknr/",  # 法定主动公开内容
    "xxgk/fdzdgknr/lb/a20-12/",  # a category
    "xxgk/fdzdgknr/nf/2026/",  # a year
    "dw/112399010000153302/fdzdgknr/",  # a unit's
    "gfxwj/xxyx/",  # the 规范性文件库
    "xxgk/zn/",  # the 指南 column's documents
]
ROW = '<li><a class="xxgk-list__title"'
INDEX = re.compile(r'<span class="xxgk-list__index">索引号 <span class="xxgk-nowrap">([^<]+)</span></span>')


@pytest.mark.parametrize("address", CATALOGUES)
def test_each_row_of_a_catalogue_shows_its_index_number(sample_site, address):
    html = page(sample_site, address)
    numbers = INDEX.findall(html)
    assert numbers and len(numbers) == html.count(ROW)
    assert all(re.fullmatch(r"[0-9A-Z]{18}/\d{4}-\d{5}", number) for number in numbers)


def test_the_latest_documents_on_the_home_page_are_not_a_catalogue(sample_site):
    html = page(sample_site, "")
    assert html.count(ROW) and not INDEX.search(html)


@pytest.fixture(scope="module")
def chromium(sample_site):
    with serve(sample_site) as base, browser() as instance:
        yield base, instance


def tab(chromium, width: int, care: bool):
    base, instance = chromium
    context = instance.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base)
    if care:
        page.click("[data-xxgk-care-toggle]")
    return base, page


LINES_OF = """selector => [...document.querySelectorAll(selector)].map(e => {
  const rects = e.getClientRects(), cell = e.closest('td');
  return {text: e.textContent, lines: rects.length, right: Math.round(rects[0].right),
          overflows: cell ? cell.scrollWidth > cell.clientWidth : false};
})"""


@pytest.mark.parametrize("care", [False, True], ids=["normal", "适老化"])
def test_an_index_number_never_breaks_on_a_phone(chromium, care):
    base, tab_ = tab(chromium, 360, care)
    for address in ("xxgk/fdzdgknr/lb/a20-12/", "gfxwj/xxyx/"):
        tab_.goto(base + address)
        numbers = tab_.evaluate(LINES_OF, ".xxgk-list__index .xxgk-nowrap")
        assert numbers and all(n["lines"] == 1 and n["right"] <= 360 for n in numbers), numbers
        assert tab_.evaluate("document.documentElement.scrollWidth") <= 360
    tab_.context.close()


@pytest.mark.parametrize("width", [1024, 1366])
@pytest.mark.parametrize("care", [False, True], ids=["normal", "适老化"])
def test_the_directory_keeps_each_phone_number_on_one_line_on_a_desktop(chromium, width, care):
    base, tab_ = tab(chromium, width, care)
    tab_.goto(base + "jgzn/")
    phones = tab_.evaluate(LINES_OF, "td.xxgk-directory__phone a")
    assert len(phones) == 15
    assert all(p["lines"] == 1 and not p["overflows"] for p in phones), phones
    tab_.context.close()
