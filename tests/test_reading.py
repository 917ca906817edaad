"""Reading a document or an annual report on a phone, as a citizen and an older citizen do: the
sample county in headless Chromium at 360 × 640, under the pages' own Content-Security-Policy.

Every document page and every report page of the sample is opened: the first screen shows the
title and the facts that identify it, nothing scrolls sideways, and every table wider than the
screen scrolls in its frame and says so."""

from __future__ import annotations

import json

import pytest

from browser import browser, serve
from test_accessibility import PAGES

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1366, "height": 900}
DOCUMENT = "doc/11239901000012370G/2026-00002/"  # an attachment, a one-line 发文字号
WIDE_TABLE = "doc/11239901000017180A/2026-00001/"  # a nine-column table in its text
ENDED = "doc/11239901000012370G/2024-00002/"  # 废止, with its banner
REPORT = "nb/11239901000012370G/2025/"
MODES = ("normal", "适老化")

# What a reader sees of a page: the title, the first facts, sideways scrolling and the tables.
PROBE = """() => {
  const fold = window.innerHeight;
  const onFirstScreen = (element) => {
    if (!element) return false;
    const box = element.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= fold;
  };
  const facts = {};
  for (const row of document.querySelectorAll('.xxgk-docmeta__row')) {
    facts[row.querySelector('dt').textContent] = onFirstScreen(row);
  }
  for (const item of document.querySelectorAll('.xxgk-report__meta > span')) {
    facts[item.textContent.split('：')[0]] = onFirstScreen(item);
  }
  const tables = [...document.querySelectorAll('.md-content table')].map((table) => {
    const frame = table.closest('.xxgk-table__frame');
    if (!frame) return {framed: false};
    const hint = frame.parentElement.querySelector('.xxgk-table__hint');
    const wide = frame.scrollWidth > frame.clientWidth + 1;
    frame.scrollLeft = 40;
    const scrolled = frame.scrollLeft > 0;
    frame.scrollLeft = 0;
    return {framed: true, wide, scrolled, focusable: frame.tabIndex === 0, name: frame.getAttribute('aria-label'),
            hint: hint.getBoundingClientRect().height > 0 && getComputedStyle(hint).visibility === 'visible'};
  });
  const id = document.querySelector('.xxgk-docmeta__row--id .xxgk-id');
  return {
    title: onFirstScreen(document.querySelector('.md-content h1')),
    facts,
    sideways: document.documentElement.scrollWidth - window.innerWidth,
    tables,
    idLines: id ? new Set([...id.getClientRects()].map((box) => Math.round(box.top))).size : 0,
  };
}"""


@pytest.fixture(scope="module")
def chromium(sample_site):
    with serve(sample_site) as base, browser() as instance:
        yield base, instance


def reading_pages(site) -> list[str]:
    """Every document page and every annual report page of the built site."""
    pages = sorted(site.glob("doc/*/*/index.html")) + sorted(site.glob("nb/*/*/index.html"))
    return [p.parent.relative_to(site).as_posix() + "/" for p in pages]


@pytest.fixture
def phone(chromium):
    """A phone's tab; `care` opens it in 适老化 mode, `zoom` with a saved 字号 step."""
    base, instance = chromium
    opened = []

    def open_tab(care: bool = False, zoom: int = 0, viewport=PHONE):
        context = instance.new_context(viewport=viewport)
        # Once per tab, as a reader who chose them earlier: later choices in the tab are kept.
        settings = f"localStorage.setItem('xxgk-care', '{int(care)}');" + (
            f"localStorage.setItem('xxgk-zoom', '{zoom}');" if zoom else ""
        )
        context.add_init_script(
            f"if (!sessionStorage.getItem('set')) {{ {settings} sessionStorage.setItem('set', '1'); }}"
        )
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: page.console_errors.append(message.text))
        opened.append(context)
        return page

    yield base, open_tab
    for context in opened:
        context.close()


def read_all(base, page, addresses) -> dict[str, dict]:
    found = {}
    for address in addresses:
        page.goto(base + address)
        found[address] = page.evaluate(PROBE)
    return found


def refused_by_the_policy(page) -> list[str]:
    return [message for message in page.console_errors if "Content Security Policy" in message]


@pytest.fixture(scope="module")
def seen(chromium, sample_site) -> dict[str, dict[str, dict]]:
    """Every document and report page as the probe saw it, in each mode at 360 × 640."""
    base, instance = chromium
    found = {}
    for mode in MODES:
        context = instance.new_context(viewport=PHONE)
        context.add_init_script(f"localStorage.setItem('xxgk-care', '{int(mode == '适老化')}')")
        page = context.new_page()
        errors = []
        page.on("console", lambda message, errors=errors: errors.append(message.text))
        found[mode] = read_all(base, page, reading_pages(sample_site))
        assert [e for e in errors if "Content Security Policy" in e] == [], "the scripts run under the pages' CSP"
        context.close()
    return found


def test_the_first_screen_of_every_document_and_report_shows_its_title_and_what_identifies_it(seen):
    missing = {}
    for address, page in seen["normal"].items():
        wanted = ("发布机构", "发布日期") if address.startswith("nb/") else ("索引号", "发布机构", "发布日期")
        hidden = [name for name in wanted if not page["facts"].get(name)]
        if not page["title"]:
            hidden.insert(0, "标题")
        if hidden:
            missing[address] = hidden
    assert missing == {}, "below the first screen at 360 × 640"
    assert len(seen["normal"]) >= 90
    ids = {address: page["idLines"] for address, page in seen["normal"].items() if not address.startswith("nb/")}
    assert set(ids.values()) == {1}, "an 索引号 is never broken over two lines on a phone"


@pytest.mark.parametrize("mode", MODES)
def test_nothing_scrolls_sideways_and_every_wide_table_says_it_scrolls(seen, mode):
    found = seen[mode]
    assert {a: s["sideways"] for a, s in found.items() if s["sideways"] > 0} == {}
    tables = [(address, table) for address, page in found.items() for table in page["tables"]]
    assert [address for address, table in tables if not table["framed"]] == [], "every table is in a frame"
    wide = [(address, table) for address, table in tables if table["wide"]]
    assert len(wide) >= 40, "the sample's nine-column tables and the reports' tables 三 and 四 are wider than a phone"
    assert [a for a, t in wide if not (t["hint"] and t["scrolled"] and t["focusable"])] == []
    assert [a for a, t in tables if not t["wide"] and t["hint"]] == [], "no hint over a table that fits"
    names = {t["name"] for address, t in wide if address == REPORT}
    assert {"三、", "四、"} <= {name[:2] for name in names}, "the report's tables 三 and 四"


def font_sizes(page) -> dict[str, float]:
    return page.evaluate("""() => {
      const size = (selector) => {
        const element = document.querySelector(selector);
        return element ? parseFloat(getComputedStyle(element).fontSize) : null;
      };
      return {root: size('html'), text: size('.md-content p:not([class])'), table: size('.md-content td')};
    }""")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1366"])
def test_the_care_mode_makes_text_and_tables_at_least_a_third_larger(phone, viewport):
    base, open_tab = phone
    for address in (WIDE_TABLE, REPORT):
        normal, care = open_tab(viewport=viewport), open_tab(care=True, viewport=viewport)
        normal.goto(base + address)
        care.goto(base + address)
        before, after = font_sizes(normal), font_sizes(care)
        assert before["table"] == before["text"], "tables at the text's size"
        assert after["text"] >= 1.3 * before["text"] and after["table"] >= 1.3 * before["table"], address


def test_the_care_button_says_whether_it_is_on_and_turns_it_off(phone):
    base, open_tab = phone
    page = open_tab()
    page.goto(base + DOCUMENT)
    toggle = page.locator("[data-xxgk-care-toggle]")
    assert toggle.inner_text().split() == ["适老化", "关"] and toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.inner_text().split() == ["适老化", "开"] and toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.inner_text().split() == ["适老化", "关"] and page.get_attribute("html", "data-xxgk-care") is None


def clicks_until_disabled(button) -> int:
    clicks = 0
    while button.get_attribute("aria-disabled") != "true" and clicks < 10:
        button.click()
        clicks += 1
    return clicks


def test_the_text_size_buttons_step_and_are_remembered_across_pages(phone):
    base, open_tab = phone
    page = open_tab(viewport=DESKTOP)
    page.goto(base + DOCUMENT)
    normal = font_sizes(page)["root"]
    larger = page.locator("[data-xxgk-zoom-step='1']")
    smaller = page.locator("[data-xxgk-zoom-step='-1']")
    larger.click()
    assert font_sizes(page)["root"] == pytest.approx(1.15 * normal)
    page.locator(".xxgk-docmeta a").first.click()  # 发布机构: the unit's page
    page.wait_for_url("**/dw/**")
    assert font_sizes(page)["root"] == pytest.approx(1.15 * normal), "remembered on a page without the buttons"
    page.goto(base + REPORT)
    assert clicks_until_disabled(larger) == 2, "two steps more to the largest"
    assert font_sizes(page)["root"] == pytest.approx(1.5 * normal)
    page.locator("[data-xxgk-care-toggle]").click()
    assert font_sizes(page)["root"] == pytest.approx(1.35 * 1.5 * normal), "字号 works in 适老化 mode too"
    page.locator("[data-xxgk-care-toggle]").click()
    assert clicks_until_disabled(smaller) == 4, "four steps down to the smallest"
    assert font_sizes(page)["root"] == pytest.approx(0.9 * normal)
    page.reload()
    assert font_sizes(page)["root"] == pytest.approx(0.9 * normal)


def test_the_largest_text_in_care_mode_still_fits_a_phone(phone):
    base, open_tab = phone
    page = open_tab(care=True, zoom=3)
    found = read_all(base, page, [WIDE_TABLE, REPORT, *PAGES.values()])
    assert {a: s["sideways"] for a, s in found.items() if s["sideways"] > 0} == {}


def test_the_breadcrumb_takes_one_line_and_unfolds(phone):
    base, open_tab = phone
    page = open_tab()
    page.goto(base + ENDED)
    path, button = page.locator(".xxgk-trail__path"), page.locator(".xxgk-trail__more")
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.xxgk-trail__path')).lineHeight)")
    assert path.bounding_box()["height"] <= line + 1 and path.inner_text().endswith("城乡居民临时救助办法的通知")
    assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
    button.click()
    assert path.bounding_box()["height"] > 2 * line and button.get_attribute("aria-expanded") == "true"
    assert button.inner_text() == "收起"
    wide = open_tab(viewport=DESKTOP)
    wide.goto(base + "xxgk/")
    assert not wide.locator(".xxgk-trail__more").is_visible(), "no 展开 where the whole path fits"


def test_one_toolbar_prints_and_downloads_the_original_and_the_metadata(phone, sample_site):
    base, open_tab = phone
    page = open_tab()
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(base + DOCUMENT)
    toolbar = page.locator(".xxgk-toolbar")
    assert toolbar.count() == 1
    assert toolbar.locator("a, button").all_text_contents() == [
        "打印",
        "下载原件（CSV）",
        "元数据（JSON）",
        "A−（减小字号）",
        "A+（增大字号）",
    ]
    toolbar.locator("text=打印").click()
    assert page.evaluate("window.printed") == 1, "the print button works under the page's CSP"
    original = toolbar.locator("text=下载原件").get_attribute("href")
    assert original == page.locator(".xxgk-attachments a").first.get_attribute("href")
    assert (sample_site / DOCUMENT / original).is_file()
    metadata = json.loads(
        page.evaluate(f"fetch({toolbar.locator('text=元数据').get_attribute('href')!r}).then(r => r.text())")
    )
    assert metadata["索引号"] == "11239901000012370G/2026-00002"
    page.goto(base + REPORT)
    assert page.locator(".xxgk-toolbar a, .xxgk-toolbar button").all_text_contents()[:3] == [
        "打印",
        "下载表格（XLSX）",
        "全部数据（CSV）",
    ]
    assert refused_by_the_policy(page) == []


def test_printing_leaves_out_the_site_around_the_document_and_cuts_no_table(phone):
    base, open_tab = phone
    page = open_tab(care=True)
    page.goto(base + WIDE_TABLE)
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries(
      ['.md-header', '.xxgk-trail', '.xxgk-toolbar', '.xxgk-table__hint', '.md-footer', '.xxgk-docmeta', 'h1',
       '.xxgk-docmeta__row--title'].map((s) => [s, getComputedStyle(document.querySelector(s)).display !== 'none']))""")
    assert shown == {
        ".md-header": False,
        ".xxgk-trail": False,
        ".xxgk-toolbar": False,
        ".xxgk-table__hint": False,
        ".md-footer": False,
        ".xxgk-docmeta": True,
        "h1": True,
        ".xxgk-docmeta__row--title": True,
    }
    frame = page.evaluate("getComputedStyle(document.querySelector('.xxgk-table__frame')).overflowX")
    assert frame == "visible", "a table prints whole, not cut at the frame"
