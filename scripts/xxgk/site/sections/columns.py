"""政府信息公开 and its four first-level columns, county-wide.

A column lists its documents; 法定主动公开内容 also by category, year and 主题分类,
政府信息公开指南 is the 指南 page, 政府信息公开年报 adds the annual reports.
"""

from __future__ import annotations

from xxgk.model import urls
from xxgk.model.documents import Document
from xxgk.model.report_format import ANNUAL_REPORTS
from xxgk.model.units import Unit
from xxgk.model.vocabulary import Term
from xxgk.site.context import FDZDGKNR, Output, SiteContext
from xxgk.site.listings import RULES, render_fdzdgknr, render_listing, see_also
from xxgk.site.render import Listing
from xxgk.site.sections.guide import GUIDE, render_guide
from xxgk.site.sections.progress import compilation_progress
from xxgk.site.sections.reports import render_annual_column


def render_columns(site: SiteContext) -> Output:
    out = Output(site)
    columns = site.group(site.column_documents, lambda d: site.column_of(d).name)
    root_title, root_url = urls.ROOT_CRUMB
    trail = (urls.HOME_CRUMB,)
    out.add(
        root_url,
        root_title,
        "root.html.j2",
        meta={"hide": ["toc"]},
        trail=trail,
        columns=[
            (term, site.column_url(term), site.column_count(term, columns.get(term.name, []))) for term in site.columns
        ],
    )
    trail += (urls.ROOT_CRUMB,)
    for term in site.columns:
        render_column(
            site, out, term, Listing(term.name, site.column_url(term), trail), columns.get(term.name, []), unit=None
        )
    return out


def render_column(
    site: SiteContext, out: Output, term: Term, listing: Listing, documents: list[Document], unit: Unit | None
) -> None:
    """One of the four columns, county-wide or in a unit's own section."""
    if term.name == FDZDGKNR:
        render_fdzdgknr(site, out, documents, listing, unit=unit)
    elif term.name == GUIDE:
        render_guide(site, out, listing, documents, unit)
    elif term.name == ANNUAL_REPORTS:
        render_annual_column(site, out, listing, documents, unit)
    elif unit is None and term.name == RULES:
        render_listing(site, out, listing, documents, progress=compilation_progress(site))
    elif unit is None:
        render_listing(site, out, listing, documents)
    else:
        render_listing(site, out, listing, documents, unit=unit, see_also=see_also(site, term.name, unit))
