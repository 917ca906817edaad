"""网站地图: every page but the documents' and reports' own, and the further pages of listings."""

from __future__ import annotations

from xxgk.model import urls
from xxgk.site.context import Output, SiteContext
from xxgk.site.render import Page


def is_item_page(page: Page) -> bool:
    """A document's or an annual report's own page: reached from listings, not the site map."""
    return page.url.startswith(urls.DOCUMENTS) or (page.url.startswith(urls.REPORTS) and page.url != urls.REPORTS)


def render_sitemap(site: SiteContext, pages: list[Page]) -> Output:
    """The site map of `pages`, every page rendered before it."""
    out = Output(site)
    out.add(
        urls.SITEMAP,
        "网站地图",
        "sitemap.html.j2",
        meta={"hide": ["toc"]},
        trail=(urls.HOME_CRUMB,),
        pages=[p for p in pages if not is_item_page(p) and "（第" not in p.title],
    )
    return out
