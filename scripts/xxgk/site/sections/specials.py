"""专题专栏: the 专题 站点.yml declares, each a page gathering documents by 主题词, 信息类别 and 索引号.

The page says what the 专题 gathers and lists the published documents newest
first, paged like any listing; its feed is one of public.site_feeds, and the
search offers the 专题 as a facet (records.document_search_record).
"""

from __future__ import annotations

from xxgk.model import urls
from xxgk.model.documents import Document
from xxgk.model.specials import Special
from xxgk.site.context import Output, SiteContext
from xxgk.site.listings import render_listing
from xxgk.site.render import Listing, NavItem

SPECIALS_TITLE = "专题专栏"


def special_documents(site: SiteContext, special: Special) -> list[Document]:
    """The published documents a 专题 gathers, newest first."""
    return [d for d in site.documents if special.gathers(d)]


def render_specials(site: SiteContext) -> Output:
    out = Output(site)
    if not site.config.specials:
        return out
    trail = (urls.HOME_CRUMB,)
    entries = []
    for special in site.config.specials:
        documents = special_documents(site, special)
        url = urls.special(special.code)
        render_listing(
            site,
            out,
            Listing(special.name, url, trail + ((SPECIALS_TITLE, urls.SPECIALS),)),
            documents,
            template="special.html.j2",
            special=special,
            categories=[
                (name, site.category_url(site.config.vocabularies["信息类别"].get(name))) for name in special.categories
            ],
        )
        entries.append((special, url, documents))
    out.add(urls.SPECIALS, SPECIALS_TITLE, "specials.html.j2", meta={"hide": ["toc"]}, trail=trail, entries=entries)
    return out


def specials_nav(site: SiteContext) -> list[NavItem]:
    """The navigation's 专题专栏, where 站点.yml declares any 专题."""
    if not site.config.specials:
        return []
    children = [NavItem(special.name, urls.special(special.code)) for special in site.config.specials]
    return [NavItem(SPECIALS_TITLE, urls.SPECIALS, children)]
