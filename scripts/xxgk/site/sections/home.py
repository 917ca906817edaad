"""The home page: the four columns, the 文件库和清单, the newest documents, open consultations, the units."""

from __future__ import annotations

from collections import Counter

from xxgk.model import urls
from xxgk.site.context import HOME_LATEST, Output, SiteContext
from xxgk.site.sections.catalogue import catalogue_nav
from xxgk.site.sections.consultations import open_consultations
from xxgk.site.sections.responses import responses_nav
from xxgk.site.sections.specials import specials_nav


def render_home(site: SiteContext) -> Output:
    out = Output(site)
    counts = Counter(document.category for document in site.column_documents)
    out.add(
        urls.HOME,
        site.config.name,
        "home.html.j2",
        meta={"template": "home.html", "hide": ["navigation", "toc"]},
        latest=site.documents[:HOME_LATEST],
        units=site.units_by_type(),
        consultations=open_consultations(site.documents, site.build_date),
        counts=counts,
        root=urls.ROOT_CRUMB,
        catalogues=catalogue_nav(),
        responses=responses_nav(),
        specials=specials_nav(site),
    )
    return out
