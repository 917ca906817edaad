"""Search as a citizen uses it: real headless Chromium against the built site."""

import datetime as dt
import gzip
import json
import os
import shutil
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import browser, chromium_path, probe_search, serve
from xxgk.adapters.mkdocs.build import build_site
from xxgk.search import pagefind as pagefind_index
from xxgk.search.records import doc_number_token, index_number_token, search_text

TESTS = Path(__file__).parent
ROOT = TESTS.parent
PLAN = "测试县人民政府办公室关于印发测试县2026年政务公开工作要点的通知"
EXECUTORS = "测试县人民政府办公室关于公布突发事件应急预案执行人员名单的通知"
FLOOD = "松林镇防汛应急预案"
FUNDS = "测试县财政局关于加强应急资金管理的通知"  # has 应急, 急预 and 预案, never 应急预案
OPINION = "测试县政务舆情回应工作办法"


def test_han_text_is_indexed_as_overlapping_pairs():
    assert search_text("应急预案执行") == "应急 急预 预案 案执 执行"
    assert search_text("第2条，见附件PDF") == "第 2 条 ， 见附 附件 PDF"


def test_doc_number_variants_share_one_exact_token():
    tokens = {
        doc_number_token(v)
        for v in (
            "测政办发〔2026〕17号",
            "测政办发[2026]17号",
            "测政办发【2026】17号",
            "测政办发(2026)17号",
            "测政办发2026 17号",
            "测政办发〔2026〕017号",
        )
    }
    assert len(tokens) == 1 and None not in tokens
    assert doc_number_token("测政办发〔2026〕17号") != doc_number_token("测政办发〔2026〕170号")
    assert index_number_token("11239901000012370G/2026-00005") == index_number_token("11239901000012370g/2026-00005")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    chromium_path()
    work = tmp_path_factory.mktemp("search")
    shutil.copytree(TESTS / "fixtures" / "county", work / "content")
    shutil.copytree(TESTS / "fixtures" / "search", work / "content" / "检索")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagefind_index, "PART_SIZE", 7)  # several Pagefind runs, joined, as at 10,000 documents
        build_site(work / "content", work / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    with serve(work / "site") as base, browser() as chromium:
        page = chromium.new_page()
        yield base, page


def search(site, query: str) -> list[str]:
    base, page = site
    page.goto(f"{base}search/?{query}")
    page.wait_for_selector(".xxgk-results__summary")
    return page.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)")


def test_a_phrase_finds_every_document_containing_it_and_only_those(site):
    assert sorted(search(site, "q=应急预案")) == sorted([EXECUTORS, FLOOD])
    assert sorted(search(site, "q=急预案")) == sorted([EXECUTORS, FLOOD])
    assert search(site, "q=应急预案执") == [EXECUTORS]
    assert search(site, "q=防汛应急预案") == [FLOOD]
    assert search(site, "q=舆情") == [OPINION]


def test_a_doc_number_in_any_bracket_variant_finds_its_document_first(site):
    for query in ("测政办发〔2026〕17号", "测政办发[2026]17号", "测政办发2026 17号", "测政办发（2026）17号"):
        assert search(site, f"q={query}")[0] == EXECUTORS, query


def test_an_index_number_finds_its_document_first(site):
    assert search(site, "q=11239901000013480E/2026-00013")[0] == FUNDS


def test_a_unit_name_finds_its_documents(site):
    found = search(site, "q=松林镇人民政府")
    assert FLOOD in found and "松林镇2026年第一季度临时救助情况公示" in found


def test_results_show_metadata_and_a_highlighted_snippet(site):
    search(site, "q=执行人员")
    base, page = site
    item = page.locator(".xxgk-results li").first
    assert "测政办发〔2026〕17号" in item.inner_text() and "2026-06-03" in item.inner_text()
    assert item.locator(".xxgk-snippet mark").first.inner_text() == "执行人员"


def test_two_facets_narrow_the_results_and_the_address_keeps_them(site):
    base, page = site
    search(site, "q=应急预案")
    page.check("input[data-key='unit'][value='松林镇人民政府']")
    # Not wait_for_function: its string is evaluated in the page, where the CSP forbids eval.
    expect(page.locator(".xxgk-results li")).to_have_count(1)
    page.check("input[data-key='year'][value='2025']")
    page.wait_for_url("**year=2025**")
    titles = page.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)")
    assert titles == [FLOOD]
    bookmarked = page.url
    assert "unit=" in bookmarked and "q=" in bookmarked
    page.goto("about:blank")
    page.goto(bookmarked)
    page.wait_for_selector(".xxgk-results__summary")
    assert page.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)") == [FLOOD]
    assert page.is_checked("input[data-key='unit'][value='松林镇人民政府']")


def test_on_a_phone_the_counts_are_downloaded_only_once_the_reader_opens_the_filters(site):
    base, _page = site
    page = site[1].context.browser.new_page(viewport={"width": 360, "height": 780})
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url.rsplit("/", 1)[-1]))
    titles = search((base, page), "q=专项资金管理")
    assert titles.index(IN_FORCE) < titles.index(REPEALED)  # what the order needs came with the search
    assert "xxgk-facets.json" in asked and "xxgk-facet-counts.json" not in asked
    assert not page.is_visible("input[data-key='unit']")
    page.click(".xxgk-facets summary")
    expect(page.locator(".xxgk-facets input[data-key='unit']").first).to_be_visible()
    assert "xxgk-facet-counts.json" in asked
    counts = page.eval_on_selector_all(".xxgk-facets .xxgk-count", "els => els.map(e => e.textContent)")
    assert counts and all(count.isdigit() for count in counts)
    # an address that chooses a unit filters by it from the first search, filters open
    assert search((base, page), "q=应急预案&unit=松林镇人民政府") == [FLOOD]
    assert page.is_checked("input[data-key='unit'][value='松林镇人民政府']")
    page.close()


def test_facets_alone_list_documents_and_sort_by_date(site):
    base, page = site
    titles = search(site, "category=突发公共事件的应急预案、预警信息及应对情况&sort=date")
    assert titles == [EXECUTORS, FLOOD]
    dates = page.eval_on_selector_all(".xxgk-list__meta span:last-child", "els => els.map(e => e.textContent)")
    assert dates == sorted(dates, reverse=True)


def test_the_page_ships_no_hook_and_the_benchmark_probe_gets_every_result(site):
    base, page = site
    search(site, "q=应急预案")
    assert page.evaluate("() => window.xxgkSearch") is None
    probed = page.context.browser.new_page()
    probe_search(probed)
    probed.goto(f"{base}search/")

    def titles(query: str) -> list[str]:
        found = []
        for fragment in probed.evaluate("q => window.xxgkSearch.ids(q)", query):
            with urllib.request.urlopen(f"{base}pagefind/fragment/{fragment}.pf_fragment") as response:
                data = gzip.decompress(response.read()).decode("utf-8").removeprefix("pagefind_dcd")
            found.append(json.loads(data)["meta"]["title"])
        return found

    assert sorted(titles("应急预案")) == sorted([EXECUTORS, FLOOD])
    assert titles("测政办发[2026]17号")[0] == EXECUTORS
    probed.close()


def test_every_page_has_the_search_box(site):
    base, page = site
    page.goto(f"{base}doc/11239901000012370G/2026-00001/")
    page.fill("#xxgk-header-q", "舆情")
    page.press("#xxgk-header-q", "Enter")
    page.wait_for_selector(".xxgk-results__summary")
    assert page.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)") == [
        OPINION
    ]


def test_pages_and_search_work_under_their_content_security_policy(site):
    base, page = site
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    for address in ("", "doc/11239901000012370G/2026-00001/", "search/?q=应急预案"):
        page.goto(base + address)
        assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
    page.wait_for_selector(".xxgk-results__summary")
    assert len(page.eval_on_selector_all(".xxgk-results li", "els => els")) == 2
    assert violations == []
    page.goto(base + "doc/11239901000012370G/2026-00001/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
        " document.head.append(s); }"
    )
    assert page.evaluate("() => window.injected") is None, "an injected inline script must not run"
    assert violations, "the browser reported the refused script"


def test_a_new_county_with_nothing_published_builds_and_its_search_says_so(site, tmp_path):
    _, page = site
    (tmp_path / "content").mkdir()
    for name in ("站点.yml", "单位.yml"):
        shutil.copy(TESTS / "fixtures" / "county" / name, tmp_path / "content" / name)
    build_site(tmp_path / "content", tmp_path / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    with serve(tmp_path / "site") as base:
        page.goto(f"{base}search/?q=应急预案")
        assert "没有找到相关信息" in page.inner_text(".xxgk-results__summary")


IN_FORCE = "测试县县级财政专项资金管理办法"
REPEALED = "测试县县级财政专项资金管理暂行办法"  # repealed by IN_FORCE
RELIEF_IN_FORCE = "松岭县人民政府关于印发松岭县城乡居民临时救助实施办法的通知"
RELIEF_REPEALED = "松岭县人民政府办公室关于印发松岭县城乡居民临时救助办法的通知"


def results_with_marks(page) -> list[tuple[str, str]]:
    return page.eval_on_selector_all(
        ".xxgk-results li",
        "els => els.map(e => [e.querySelector('.xxgk-list__title').textContent,"
        " e.querySelector('.xxgk-status')?.textContent || ''])",
    )


def test_a_document_in_force_comes_before_a_repealed_one_which_is_marked(site):
    base, page = site
    page.set_viewport_size({"width": 360, "height": 780})
    titles = search(site, "q=专项资金管理")
    assert titles.index(IN_FORCE) < titles.index(REPEALED), titles
    marks = dict(results_with_marks(page))
    assert marks[REPEALED] == "废止" and marks[IN_FORCE] == ""
    assert page.locator(".xxgk-status--repealed").count() == 1


def test_only_in_force_is_one_tap_and_kept_in_the_address(site):
    base, page = site
    page.set_viewport_size({"width": 360, "height": 780})
    search(site, "q=专项资金管理")
    page.locator("#xxgk-search-current").check()  # visible without opening the facets
    page.wait_for_url("**current=1**")
    expect(page.locator(".xxgk-status")).to_have_count(0)
    titles = page.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)")
    assert IN_FORCE in titles and REPEALED not in titles
    bookmarked = page.url
    page.goto("about:blank")
    page.goto(bookmarked)
    page.wait_for_selector(".xxgk-results__summary")
    assert page.is_checked("#xxgk-search-current")
    assert REPEALED not in page.eval_on_selector_all(
        ".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)"
    )


def test_in_the_sample_temporary_relief_lists_titles_first_and_the_rule_in_force_before_the_repealed(site, sample_site):
    # A result ranks by where its first match starts: titles holding 临时救助 before documents
    # that only mention it, the 办事指南 whose title starts with it first of all.
    page = site[1].context.browser.new_page(viewport={"width": 360, "height": 780})
    with serve(sample_site) as base:
        search((base, page), "q=临时救助")
        marks = results_with_marks(page)
    page.close()
    titles = [title for title, _mark in marks]
    assert titles[0] == "临时救助申请办事指南"
    assert all("临时救助" in title for title in titles[:4]), titles
    assert titles.index(RELIEF_IN_FORCE) < titles.index(RELIEF_REPEALED)
    assert [RELIEF_REPEALED, "废止"] in marks


def test_in_the_sample_a_doc_number_without_its_serial_lists_the_documents_bearing_it_first(site, sample_site):
    # Every 索引号 holds a year near the start of its record: a result ranks by where the whole
    # query is first matched, so the 解读 that cites 松政发〔2026〕10号 in its text comes last.
    page = site[1].context.browser.new_page(viewport={"width": 360, "height": 780})
    with serve(sample_site) as base:
        titles = search((base, page), "q=松政发〔2026〕")
    page.close()
    assert titles[-1] == "《松岭县城乡居民临时救助实施办法》政策解读", titles
    assert RELIEF_IN_FORCE in titles[:2]


def test_the_not_found_page_speaks_chinese_and_searches(site):
    base, page = site
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{base}404.html")
    assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
    assert page.inner_text("h1") == "页面不存在"
    assert page.title().startswith("页面不存在 - ")
    assert page.locator("header .xxgk-header-search").count() == 1
    links = dict(page.eval_on_selector_all("article a", "els => els.map(e => [e.textContent, e.href])"))
    assert links == {"返回首页": base, "网站地图": f"{base}sitemap/"}
    page.fill("#xxgk-404-q", "舆情")
    page.press("#xxgk-404-q", "Enter")
    page.wait_for_selector(".xxgk-results__summary")
    titles = page.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)")
    assert titles == [OPINION]


FIRE = "松林镇森林防火应急预案"


def test_a_returning_reader_filters_by_the_index_of_the_latest_build_not_a_copy_their_browser_kept(site, tmp_path):
    # A server that sends no Cache-Control (nginx's default, as this test server): a browser
    # keeps a file for a tenth of its age, days for one published a month before.
    content = tmp_path / "content"
    shutil.copytree(TESTS / "fixtures" / "county", content)
    shutil.copytree(TESTS / "fixtures" / "search", content / "检索")
    build_site(content, tmp_path / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    month_ago = time.time() - 30 * 24 * 3600
    for path in (tmp_path / "site").rglob("*"):
        os.utime(path, (month_ago, month_ago))
    newest = (content / "检索" / "防汛.md").read_text(encoding="utf-8")
    for old, new in (("松林镇防汛应急预案", FIRE), ("2025-00001", "2026-00009"), ("2025-05-0", "2026-11-1")):
        newest = newest.replace(old, new)
    context = site[1].context.browser.new_context()  # a browser's own cache
    page = context.new_page()
    with serve(tmp_path / "site") as base:
        assert search((base, page), "q=应急预案&unit=松林镇人民政府") == [FLOOD]
        # the newest document is page 0 of the next build: every other page's number moves up one
        (content / "检索" / "防火.md").write_text(newest, encoding="utf-8")
        build_site(content, tmp_path / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
        assert sorted(search((base, page), "q=应急预案&unit=松林镇人民政府")) == sorted([FIRE, FLOOD])
        assert search((base, page), "q=应急预案&unit=测试县人民政府办公室") == [EXECUTORS]
    context.close()
