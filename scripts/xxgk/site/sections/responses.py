"""解读回应: the columns of the documents that explain and answer rather than decide.

The county plan asks for 政策解读 in text, graphics and interviews, for 回应关切
and for 新闻发布会. None of them is 法定主动公开内容 (an interpretation is not a
规范性文件), so they sit in a section of their own, linked from the home page,
the navigation and the 法定主动公开内容 categories they explain
(listings.SEE_ALSO). Each kind (model/document_kinds.py) has a paged listing, one
per unit that has any, and for 政策解读 one per 解读形式; its feed is one of
public.site_feeds.
"""

from __future__ import annotations

from xxgk.model import urls
from xxgk.model.document_kinds import INTERPRETATION, RESPONSE_KINDS, DocumentKind
from xxgk.model.documents import Document
from xxgk.site.context import RESPONSE_URLS, RESPONSES_TITLE, Output, SiteContext
from xxgk.site.listings import render_listing
from xxgk.site.render import Listing, NavItem

RESPONSES_LATEST = 5
DESCRIPTIONS = {
    INTERPRETATION.name: "“谁发布，谁解读”：规章和规范性文件的文字解读、图解和领导政务访谈，与政策文件互相链接",
}


def render_responses(site: SiteContext) -> Output:
    out = Output(site)
    hub_trail = (urls.HOME_CRUMB,)
    trail = hub_trail + ((RESPONSES_TITLE, urls.RESPONSES),)
    entries = []
    for kind in RESPONSE_KINDS:
        documents = site.of_kind.get(kind.name, [])
        url = site.kind_url(kind.name)
        render_kind(site, out, kind, Listing(kind.name, url, trail), documents)
        entries.append((kind, url, documents))
    out.add(
        urls.RESPONSES,
        RESPONSES_TITLE,
        "responses.html.j2",
        meta={"hide": ["toc"]},
        trail=hub_trail,
        entries=entries,
        descriptions=DESCRIPTIONS,
        latest=RESPONSES_LATEST,
    )
    return out


def render_kind(site: SiteContext, out: Output, kind: DocumentKind, listing: Listing, documents: list[Document]):
    """A kind's listing with its ways in (by form, by unit), and a listing for each of those."""
    trail = listing.trail + ((listing.title, listing.url),)
    ways: list[tuple[str, list[tuple[str, str | None, int]]]] = []
    if kind is INTERPRETATION:
        by_form = site.group(documents, lambda d: d.interpretation_form)
        forms = []
        for term in site.config.vocabularies["解读形式"].terms:
            found = by_form.get(term.name, [])
            url = urls.interpretation_form(term.code)
            render_listing(site, out, Listing(f"{term.name}解读", url, trail), found, lede=FORM_LEDES.get(term.name))
            forms.append((term.name, url, len(found)))
        ways.append(("按解读形式", forms))
    by_unit = site.group(documents, lambda d: d.unit.code)
    units = []
    for unit in (u for _, group in site.units_by_type() for u in group):
        found = by_unit.get(unit.code, [])
        if found:
            url = urls.unit_below(listing.url, unit.code)
            render_listing(site, out, Listing(f"{unit.name}{kind.name}", url, trail), found)
            units.append((unit.name, url, len(found)))
    if units:
        ways.append(("按发布机构", units))
    render_listing(
        site, out, listing, documents, template="responses_kind.html.j2", ways=ways, lede=DESCRIPTIONS[kind.name]
    )


FORM_LEDES = {
    "文字": "以文字说明政策的背景、依据、主要内容和办理方式。",
    "图解": "以图表说明政策；每张图下方附有图上的全部文字，读屏软件和看不清图片的读者可以阅读。",
    "访谈": "领导政务访谈的录音或录像，附完整的文字实录。",
}


def responses_nav() -> NavItem:
    return NavItem(
        RESPONSES_TITLE, urls.RESPONSES, [NavItem(kind.name, RESPONSE_URLS[kind.name]) for kind in RESPONSE_KINDS]
    )


def unit_response_links(site: SiteContext, unit_code: str) -> list[tuple[str, str]]:
    """A unit's listings in 解读回应, for its page."""
    return [
        (kind.name, urls.unit_below(site.kind_url(kind.name), unit_code))
        for kind in RESPONSE_KINDS
        if any(d.unit.code == unit_code for d in site.of_kind.get(kind.name, []))
    ]
