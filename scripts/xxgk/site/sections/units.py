"""部门和乡镇: the list of units, and each unit's page with the same four columns as the county's."""

from __future__ import annotations

from xxgk.model import urls
from xxgk.site.context import HOME_LATEST, Output, SiteContext
from xxgk.site.render import Listing, newest_first
from xxgk.site.sections.catalogue import unit_links
from xxgk.site.sections.columns import render_column
from xxgk.site.sections.responses import unit_response_links


def render_units(site: SiteContext) -> Output:
    out = Output(site)
    trail = (urls.HOME_CRUMB,)
    out.add(
        urls.UNITS,
        urls.UNITS_CRUMB[0],
        "units.html.j2",
        meta={"hide": ["toc"]},
        trail=trail,
        units=site.units_by_type(),
        counts=site.unit_counts(),
    )
    trail += (urls.UNITS_CRUMB,)
    for unit in site.content.units:
        url = site.unit_url(unit)
        own = site.group(site.column_documents_of(unit), lambda d: site.column_of(d).name)
        sub_columns = [
            (term, urls.unit_column(unit.code, term.code), site.column_count(term, own.get(term.name, []), unit))
            for term in site.columns
        ]
        out.add(
            url,
            unit.name,
            "unit.html.j2",
            meta={"hide": ["toc"]},
            trail=trail,
            unit=unit,
            sub_columns=sub_columns,
            latest=newest_first(sum(own.values(), []))[:HOME_LATEST],
            parent=next((u for u in site.content.units if u.name == unit.parent), None),
            catalogue_links=unit_response_links(site, unit.code)
            + unit_links(site, unit)
            + [("政务公开工作情况", urls.oversight_unit(unit.code)), ("任务台账", urls.ledger_unit(unit.code))],
        )
        unit_trail = trail + ((unit.name, url),)
        for term, sub_url, _ in sub_columns:
            render_column(site, out, term, Listing(term.name, sub_url, unit_trail), own.get(term.name, []), unit)
    return out
