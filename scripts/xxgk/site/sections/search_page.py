"""检索: the search page (the index is written after rendering, by the adapter: see xxgk.search)."""

from __future__ import annotations

from xxgk.model import urls
from xxgk.site.context import FDZDGKNR, Output, SiteContext


def render_search_page(site: SiteContext) -> Output:
    out = Output(site)
    out.add(
        urls.SEARCH,
        "检索",
        "search.html.j2",
        meta={"hide": ["navigation", "toc"]},
        trail=(urls.HOME_CRUMB,),
        fdzdgknr_url=site.column_url(site.column_by_name[FDZDGKNR]),
    )
    return out
