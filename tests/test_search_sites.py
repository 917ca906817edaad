"""联合检索: one county's 检索 page also searches another county's site, as a city of many
counties would link theirs. Two fixture counties are built and served on two origins of
127.0.0.1, the other one allowing its index to be read (CORS, as every build's _headers asks);
a reader searches in headless Chromium under the pages' own Content-Security-Policy."""

import re
import shutil

import pytest
from click.testing import CliRunner
from playwright.sync_api import expect

from audits import axe_violations, vnu_errors
from browser import browser, serve
from counties import BUILD_DATE, FIXTURE, ROOT
from xxgk.adapters.mkdocs.build import build_site
from xxgk.authoring.cli import main

OTHER = "松岭县"  # the sample county, searched from the fixture county 测试县
ONLY_THERE = "返乡入乡创业"  # in two of 松岭县's pages, in none of 测试县's
BOTH = "政务公开"
THERE = "松岭县人民政府办公室关于印发松岭县促进返乡入乡创业暂行办法的通知"
OURS = "测试县人民政府办公室关于印发测试县2026年政务公开工作要点的通知"


@pytest.fixture(scope="module")
def counties(sample_site, tmp_path_factory):
    """(this county's address, the other county's address, a browser) with both served."""
    work = tmp_path_factory.mktemp("joint")
    with serve(sample_site, cross_origin=True) as other, browser() as chromium:
        shutil.copytree(FIXTURE, work / "content")
        settings = work / "content" / "站点.yml"
        joint = f"联合检索:\n  - 名称: {OTHER}\n    地址: {other}\n"
        settings.write_text(settings.read_text(encoding="utf-8") + joint, encoding="utf-8")
        build_site(work / "content", work / "site", BUILD_DATE, ROOT / "mkdocs.yml")
        with serve(work / "site") as here:
            yield here, other, chromium, work / "site"


@pytest.fixture
def reader(counties):
    here, other, chromium, _site = counties
    page = chromium.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield here, other, page
    page.close()
    assert errors == []


def search(page, address: str) -> list[dict]:
    """Each result as shown: its title, link and the line under it."""
    page.goto(address)
    page.wait_for_selector(".xxgk-results__summary")
    return page.eval_on_selector_all(
        ".xxgk-results li",
        """items => items.map(li => ({
            title: li.querySelector('.xxgk-list__title').textContent,
            href: li.querySelector('.xxgk-list__title').href,
            meta: li.querySelector('.xxgk-list__meta').textContent,
            source: li.querySelector('.xxgk-source').textContent,
        }))""",
    )


def summary(page) -> str:
    return page.inner_text(".xxgk-results__summary")


def test_a_phrase_only_the_other_county_has_is_found_there_with_its_name_and_address(reader):
    here, other, page = reader
    found = search(page, f"{here}search/?q={ONLY_THERE}")
    assert len(found) == 2, found
    assert all(r["source"] == f"来源：{OTHER}" and r["href"].startswith(other) for r in found)
    assert sorted(r["title"] for r in found) == sorted([THERE, "松岭县人民政府办公室2024年政府信息公开工作年度报告"])
    link = next(r["href"] for r in found if r["title"] == THERE)
    page.click(f".xxgk-list__title[href='{link}']")
    page.wait_for_url(link)
    assert page.inner_text("h1").startswith(THERE)


def test_a_phrase_both_counties_have_lists_both_and_our_facets_still_narrow_ours(reader):
    here, _other, page = reader
    found = search(page, f"{here}search/?q={BOTH}")
    assert {r["source"] for r in found} == {"来源：本站", f"来源：{OTHER}"}
    site_counts = page.eval_on_selector_all(
        "input[data-key='site']", "boxes => boxes.map(b => [b.value, b.nextElementSibling.textContent])"
    )
    assert site_counts == [[OTHER, f"{OTHER} 15"], ["本站", "本站 1"]]
    page.check("input[data-key='unit'][value='测试县人民政府办公室']")
    expect(page.locator(".xxgk-results li")).to_have_count(1)
    assert page.inner_text(".xxgk-list__title") == OURS
    page.uncheck("input[data-key='unit'][value='测试县人民政府办公室']")
    page.check(f"input[data-key='site'][value='{OTHER}']")
    expect(page.locator(".xxgk-results li")).to_have_count(10)  # the first page of 15
    assert "找到 15 条结果" in summary(page) and "site=" in page.url
    assert set(page.eval_on_selector_all(".xxgk-source", "els => els.map(e => e.textContent)")) == {f"来源：{OTHER}"}


def test_sorted_by_date_the_two_counties_interleave_newest_first(reader):
    here, _other, page = reader
    found = search(page, f"{here}search/?q={BOTH}&sort=date")
    dates = [re.search(r"\d{4}-\d{2}-\d{2}", r["meta"]).group() for r in found]
    assert dates == sorted(dates, reverse=True)
    assert [r["title"] for r in found].index(OURS) == 3  # after three newer pages of 松岭县


def test_only_this_site_leaves_the_other_county_out(reader):
    here, _other, page = reader
    search(page, f"{here}search/?q={BOTH}")
    page.check("#xxgk-search-local")
    page.wait_for_url("**local=1**")
    expect(page.locator(".xxgk-results li")).to_have_count(1)
    assert page.inner_text(".xxgk-list__title") == OURS
    assert page.locator("input[data-key='site']").count() == 0
    assert search(page, f"{here}search/?q={ONLY_THERE}&local=1") == []


def test_a_county_that_cannot_be_reached_is_named_and_ours_are_still_found(reader):
    here, other, page = reader
    page.route(f"{other}pagefind/**", lambda route: route.abort())
    found = search(page, f"{here}search/?q={BOTH}")
    assert [r["title"] for r in found] == [OURS]
    assert summary(page) == f"找到 1 条结果（{OTHER}的检索索引未能加载，结果中暂无其信息）"


def test_a_county_on_another_xxgk_version_is_left_out_and_named(reader):
    here, other, page = reader

    def other_rules(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace('"bodyMark":"xxbodyq"', '"bodyMark":"xxtextq"'))

    page.route(f"{other}pagefind/xxgk-tokeniser.json", other_rules)
    assert [r["title"] for r in search(page, f"{here}search/?q={BOTH}")] == [OURS]
    assert summary(page) == f"找到 1 条结果（{OTHER}的网站使用不同版本的 xxgk，未纳入检索）"


def policy(site, address: str) -> str:
    html = (site / address / "index.html").read_text(encoding="utf-8")
    return re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)


def test_only_the_search_page_may_read_the_other_countys_index(counties, sample_site):
    _here, other, _chromium, site = counties
    assert f"connect-src 'self' {other}pagefind/;" in policy(site, "search/")
    assert "connect-src 'self';" in policy(site, "")
    assert "connect-src 'self';" in policy(sample_site, "search/"), "a site without 联合检索"
    assert other not in policy(site, "search/").split("connect-src")[0], "no scripts from there"


@pytest.mark.parametrize("mode", ["normal", "适老化"])
def test_the_joint_search_page_passes_the_audits_and_fits_a_phone(counties, mode):
    here, _other, chromium, site = counties
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(here)
    if mode == "适老化":
        page.click("[data-xxgk-care-toggle]")
    search(page, f"{here}search/?q={BOTH}")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 360, "height": 740})
    page.wait_for_timeout(50)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
    if mode == "normal":
        assert vnu_errors([site / "search" / "index.html"]) == []


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "联合检索: https://xxgk.qingshan.gov.cn/\n",
            "content/站点.yml:19: 联合检索: 应为列表，每项写成 {名称: 网站名称, 地址: https://其他网站的网址/}",
        ),
        (
            "联合检索:\n  - {名称: 青山县, 地址: http://xxgk.qingshan.gov.cn/}\n",
            "content/站点.yml:20: 联合检索: 地址「http://xxgk.qingshan.gov.cn/」不是 https:// 网址："
            "https 网页不能读取 http 网站的检索索引（本机试用时可写 http://localhost/）",
        ),
        (
            "联合检索:\n  - 名称: 青山县\n    地址: xxgk.qingshan.gov.cn\n",
            "content/站点.yml:21: 联合检索: 地址「xxgk.qingshan.gov.cn」应为 http:// 或 https:// 开头的完整网址",
        ),
        (
            "联合检索:\n  - 名称: 青山县\n    地址: https://xxgk.example.gov.cn\n",
            "content/站点.yml:21: 联合检索: 地址「https://xxgk.example.gov.cn」是本站的网址：联合检索只列其他网站",
        ),
        (
            "联合检索:\n  - 名称: 青山县\n    地址: https://xxgk.qingshan.gov.cn/?from=ceshi\n",
            "content/站点.yml:21: 联合检索: 地址「https://xxgk.qingshan.gov.cn/?from=ceshi」含有 ? 或 #："
            "应为对方网站的首页网址（它 站点.yml 中的 网址），如 https://xxgk.qingshan.gov.cn/",
        ),
        (
            "联合检索:\n  - 名称: 本站\n    地址: https://xxgk.qingshan.gov.cn/\n",
            "content/站点.yml:20: 联合检索: 名称「本站」是本站结果的标签：请写对方网站的名称，如 青山县",
        ),
        (
            "联合检索:\n  - 名称: 青山县\n    网址: https://xxgk.qingshan.gov.cn/\n",
            "content/站点.yml:21: 联合检索: 未知的项「网址」；是否应为「地址」？",
        ),
        (
            "联合检索:\n  - 名称: 青山县\n    网址: https://xxgk.qingshan.gov.cn/\n",
            "content/站点.yml:20: 联合检索: 缺少 地址",
        ),
        (
            "联合检索:\n  - {名称: 青山县, 地址: 'https://a.gov.cn/'}\n  - {名称: 青山县, 地址: 'https://b.gov.cn/'}\n",
            "content/站点.yml:21: 联合检索: 名称「青山县」重复：检索结果靠名称区分来源网站",
        ),
        (
            "联合检索:\n  - {名称: 青山县, 地址: 12}\n",
            "content/站点.yml:20: 联合检索: 地址应为非空文字（现为 12）",
        ),
    ],
)
def test_a_wrong_joint_search_setting_is_reported_on_its_line(content, written, message):
    settings = content / "站点.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + written, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--date", "2026-11-27"])
    assert result.exit_code == 1
    assert message in result.output.splitlines(), result.output
