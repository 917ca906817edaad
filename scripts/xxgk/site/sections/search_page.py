"""检索: the search page (the index is written after rendering, by the adapter: see xxgk.search)."""

from __future__ import annotations

import json
from dataclasses import replace

from xxgk.model import urls
from xxgk.model.search_sites import HERE
from xxgk.search.pagefind import RECORD_LANGUAGE
from xxgk.site.context import FDZDGKNR, Output, SiteContext


def render_search_page(site: SiteContext) -> Output:
    out = Output(site)
    others = site.config.search_sites
    # 联合检索: what the page's script needs to merge each other site's index (assets/xxgk-search.js).
    sites = [{"name": s.name, "index": s.index, "root": s.url} for s in others]
    page = out.add(
        urls.SEARCH,
        "检索",
        "search.html.j2",
        meta={"hide": ["navigation", "toc"]},
        trail=(urls.HOME_CRUMB,),
        fdzdgknr_url=site.column_url(site.column_by_name[FDZDGKNR]),
        search_sites=json.dumps(sites, ensure_ascii=False, separators=(",", ":")) if sites else "",
        own_label=HERE,
        index_language=RECORD_LANGUAGE,
    )
    if others:  # the page's policy lets its script read those indexes, and nothing else of those sites
        out.pages[-1] = replace(page, connect=tuple(s.index for s in others))
    return out
