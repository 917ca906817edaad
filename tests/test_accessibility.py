"""The site as an older reader, a keyboard user and a phone see it: the sample county in
headless Chromium, in the normal look and in 适老化 mode, audited by axe-core and the
Nu HTML checker."""

import pytest

from audits import axe_violations, vnu_errors
from browser import browser, serve

# One page of each type a reader meets.
PAGES = {
    "home": "",
    "column": "xxgk/",
    "listing": "xxgk/fdzdgknr/lb/a20-12/",
    "document": "doc/11239901000012370G/2026-00002/",
    "document with a wide table": "doc/11239901000017180A/2026-00001/",
    "search": "search/?q=应急预案",
    "register": "nb/",
    "annual report": "nb/11239901000012370G/2025/",
    "guide": "xxgk/zn/",
    "application": "ysqgk/",
    "form": "ysqgk/sqb/",
    "open data": "data/",
    "ended document": "doc/11239901000012370G/2024-00002/",
    "catalogues": "ml/",
    "library": "gfxwj/xxyx/",
    "powers register": "qzqd/",
    "disclosure catalogue": "bzml/112399010000164400/",
    "directory": "jgzn/",
    "register progress": "qzqd/wcqk/",
    "compilation progress": "zdhb/wcqk/",
    "rules column": "xxgk/zd/",
    "unit guide through another office": "dw/11239901000016810K/zn/",
    "unit": "dw/11239901000013480E/",
    "compilation": "zdhb/11239901000012370G/",
    "consultations": "yjzj/",
    "open consultation": "doc/112399010000149600/2026-00003/",
    "feedback form": "yjzj/fkb/",
    "service guides": "bszn/",
    "service guide": "bszn/112399010000138502/c079b5a3/",
    "not found": "404.html",
    "responses": "jdhy/",
    "interpretations": "jdhy/zcjd/",
    "graphic interpretation": "doc/112399010000120008/2025-00006/",
    "interview": "doc/112399010000120008/2026-00008/",
    "concerns": "jdhy/hygq/",
    "concern": "doc/11239901000015700M/2026-00003/",
    "briefings": "jdhy/xwfbh/",
    "briefing": "doc/11239901000012370G/2026-00004/",
    "new media": "zwxmt/",
    "unit new media": "zwxmt/112399010000131106/",
    "specials": "ztzl/",
    "special": "ztzl/yshj/",
    "decisions": "zdjc/",
    "decision document": "doc/112399010000127404/2026-00013/",
    "proposals": "jdhy/jyta/",
    "public enterprises": "ggqsy/",
    "market rules": "scjg/",
    "county government": "dw/112399010000120008/",
    "proposal": "doc/112399010000131106/2026-00013/",
    "oversight": "xxgk/gzqk/",
    "unit oversight": "xxgk/gzqk/dw/11239901000013480E/",
    "ledger": "xxgk/gzqk/rwtz/",
    "plan ledger": "xxgk/gzqk/rwtz/11239901000012370G/2026-00002/",
    "unit ledger": "xxgk/gzqk/rwtz/dw/11239901000017180A/",
    "overdue tasks": "xxgk/gzqk/rwtz/zt/yq/",
}
MODES = ("normal", "适老化")


@pytest.fixture(scope="module")
def chromium(sample_site):
    with serve(sample_site) as base, browser() as instance:
        yield base, instance


@pytest.fixture(scope="module", params=MODES)
def reader(request, chromium):
    """A browser tab in one mode, kept for the module; 适老化 is chosen with the header's button."""
    base, instance = chromium
    # The pages' Content-Security-Policy would refuse axe-core, which the test itself injects.
    context = instance.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    popups, dialogs = [], []
    page = context.new_page()
    context.on("page", lambda popup: popups.append(popup.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base)
    if request.param == "适老化":
        page.click("[data-xxgk-care-toggle]")
    yield base, page, request.param
    assert popups == [] and dialogs == [], "no pop-ups, no dialogs"
    context.close()


def visit(reader, name: str):
    base, page, mode = reader
    page.goto(base + PAGES[name])
    if name == "search":
        page.wait_for_selector(".xxgk-results__summary")
    assert (page.get_attribute("html", "data-xxgk-care") is not None) == (mode == "适老化")
    return page


LINE_SPACING = """() => {
  const low = [];
  for (const element of document.querySelectorAll('body *')) {
    const hasText = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!hasText || !element.getClientRects().length) continue;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || element.closest('[hidden], .xxgk-visually-hidden, .xxgk-skip')) continue;
    const ratio = parseFloat(style.lineHeight) / parseFloat(style.fontSize);
    if (!(ratio >= 1.3)) low.push(`${element.tagName.toLowerCase()}.${element.className}: ${style.lineHeight} / ${style.fontSize}`);
  }
  return [...new Set(low)];
}"""


@pytest.mark.parametrize("name", PAGES)
def test_each_page_type_passes_axe_fits_a_phone_and_spaces_its_lines(reader, name):
    page = visit(reader, name)
    assert axe_violations(page) == [], "no serious or critical violations"
    assert page.evaluate(LINE_SPACING) == [], "line spacing at least 1.3"
    page.set_viewport_size({"width": 360, "height": 740})
    try:
        page.wait_for_timeout(50)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, "no horizontal scrolling at 360 px"
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def built_file(site, address: str):
    path = site / address.split("?")[0]
    return path if path.suffix == ".html" else path / "index.html"


def test_the_html_of_every_page_type_is_valid(sample_site):
    files = sorted({built_file(sample_site, page) for page in PAGES.values()})
    assert vnu_errors(files) == []


def test_no_link_opens_a_new_window(sample_site):
    for page in PAGES.values():
        assert 'target="_blank"' not in built_file(sample_site, page).read_text(encoding="utf-8")


def root_font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_the_care_mode_is_remembered_across_pages(chromium):
    base, instance = chromium
    context = instance.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base)
    toggle = page.locator("[data-xxgk-care-toggle]")
    assert toggle.get_attribute("aria-pressed") == "false"
    normal = root_font_size(page)
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true" and root_font_size(page) >= 1.2 * normal
    page.click(".md-tabs >> text=政府信息公开")
    page.wait_for_url("**/xxgk/")
    assert page.get_attribute("html", "data-xxgk-care") == ""
    assert toggle.get_attribute("aria-pressed") == "true" and root_font_size(page) >= 1.2 * normal
    page.click("text=法定主动公开内容 >> nth=0")
    page.reload()
    assert root_font_size(page) >= 1.2 * normal, "still on after a reload"
    toggle.click()
    page.goto(base + PAGES["document"])
    assert page.get_attribute("html", "data-xxgk-care") is None and root_font_size(page) == normal
    context.close()


def test_a_keyboard_reaches_the_skip_link_first_and_the_toggle_with_a_visible_focus(chromium):
    base, instance = chromium
    context = instance.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + PAGES["document"])
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const e = document.activeElement, box = e.getBoundingClientRect(),
        style = getComputedStyle(e); return [e.classList.contains('xxgk-skip'), e.textContent.trim(), box.top >= 0 && box.height > 0,
        style.outlineStyle, style.outlineWidth]; }""")
    assert focused == [True, "跳到正文", True, "solid", "3px"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "xxgk-main"
    page.goto(base + PAGES["document"])
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-xxgk-care-toggle')"):
            break
    else:
        pytest.fail("the 适老化 button is not reached by the keyboard")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Space")
    assert page.get_attribute("html", "data-xxgk-care") == ""
    context.close()
