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

from dataclasses import dataclass

from xxgk.model import urls
from xxgk.model.document_kinds import BRIEFING, CONCERN, INTERPRETATION, PROPOSAL, RESPONSE_KINDS, DocumentKind
from xxgk.model.documents import Document
from xxgk.site.context import RESPONSE_URLS, RESPONSES_TITLE, Output, SiteContext
from xxgk.site.listings import render_listing
from xxgk.site.render import Listing, NavItem

RESPONSES_LATEST = 5
DESCRIPTIONS = {
    INTERPRETATION.name: "“谁发布，谁解读”：规章和规范性文件的文字解读、图解和领导政务访谈，与政策文件互相链接",
    CONCERN.name: "对12345热线、网民留言、媒体报道和人大代表、政协委员反映的热点问题，责任单位公开回应，注明关切提出和回应的日期",
    BRIEFING.name: "县政府和各部门召开的新闻发布会：时间、主题、发布人和完整的文字实录，链接发布的文件",
    PROPOSAL.name: "各承办单位对人大代表建议和政协提案的答复：编号、答复类别和答复全文或摘要（国办发〔2014〕46号）",
}


@dataclass(frozen=True)
class Facet:
    """A way into a kind's documents by one of its terms (解读形式, 关切来源), each term a listing."""

    heading: str  # 按解读形式
    vocabulary: str
    attr: str  # the Document attribute holding the term
    url: object  # the listing of a term's code (model/urls.py)
    title: str  # a listing's title, from the term's name


FACETS = {
    INTERPRETATION.name: Facet("按解读形式", "解读形式", "interpretation_form", urls.interpretation_form, "{}解读"),
    CONCERN.name: Facet("按关切来源", "关切来源", "concern_source", urls.concern_source, "来自{}的关切"),
    PROPOSAL.name: Facet("按类别", "建议提案类别", "proposal_type", urls.proposal_type, "{}办理结果"),
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
    if facet := FACETS.get(kind.name):
        by_term = site.group(documents, lambda d: getattr(d, facet.attr))
        terms = []
        for term in site.config.vocabularies[facet.vocabulary].terms:
            found = by_term.get(term.name, [])
            url = facet.url(term.code)
            title = facet.title.format(term.name)
            render_listing(site, out, Listing(title, url, trail), found, lede=TERM_LEDES.get(term.name))
            terms.append((term.name, url, len(found)))
        ways.append((facet.heading, terms))
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


def kind_trail(site: SiteContext, document: Document) -> tuple[tuple[str, str], ...]:
    """The breadcrumb above a document of 解读回应: the section, its kind's column, its term's listing."""
    trail = (urls.HOME_CRUMB, (RESPONSES_TITLE, urls.RESPONSES), (document.kind, site.kind_url(document.kind)))
    facet = FACETS.get(document.kind)
    term = facet and site.config.vocabularies[facet.vocabulary].get(getattr(document, facet.attr))
    return trail + (((facet.title.format(term.name), facet.url(term.code)),) if term else ())


TERM_LEDES = {
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
