"""The pages of the 政府信息公开年报 column: reports by year, the index, one page per report.

Called by the generator and the columns; kept apart so the column can change without
touching the rest of the site.
"""

from __future__ import annotations

from collections import defaultdict

from xxgk.model import urls
from xxgk.model.document_kinds import RESPONSE_KINDS
from xxgk.model.documents import Document
from xxgk.model.report_format import ANNUAL_REPORTS, PROSE_SECTIONS, SECTIONS, AnnualReport
from xxgk.model.units import Unit
from xxgk.search.records import BODY_MARK, SearchRecord, plain_body, search_text
from xxgk.site.context import Output, SiteContext
from xxgk.site.listings import render_listing
from xxgk.site.outputs.report_tables import grids, report_xlsx_bytes, reports_csv_bytes
from xxgk.site.render import Listing
from xxgk.site.sections.responses import FACETS

INDEX_TITLE = "年度报告索引"
ALL_DATA = urls.file_in(urls.REPORTS, "全部年度报告表格数据.csv")


def report_order(gen: SiteContext, reports: list[AnnualReport]) -> list[AnnualReport]:
    """Newest year first; within a year, units in the order of the registry by type."""
    position = {unit.code: i for i, unit in enumerate(u for _, group in gen.units_by_type() for u in group)}
    return sorted(reports, key=lambda r: (-r.year, position.get(r.unit.code, 0)))


def by_year(reports: list[AnnualReport]) -> list[tuple[int, list[AnnualReport]]]:
    grouped: dict[int, list[AnnualReport]] = defaultdict(list)
    for report in reports:
        grouped[report.year].append(report)
    return list(grouped.items())


def render_annual_column(
    gen: SiteContext, out: Output, listing: Listing, documents: list[Document], unit: Unit | None
) -> None:
    """The column, county-wide or for one unit: its reports by year, then any 年报 documents."""
    reports = report_order(gen, [r for r in gen.reports if unit is None or r.unit == unit])
    render_listing(
        gen,
        out,
        listing,
        documents,
        template="annual.html.j2",
        unit=unit,
        reports_by_year=by_year(reports),
        index_url=urls.REPORTS,
        all_data=ALL_DATA,
    )


def downloads(report: AnnualReport) -> dict[str, str]:
    """Address of each download of a report, by format."""
    return {
        "XLSX": urls.file_in(report.url, f"{report.title}.xlsx"),
        "CSV": urls.file_in(report.url, f"{report.title}.csv"),
    }


def render_reports(gen: SiteContext) -> Output:
    """The index of every report by unit and year, and one page with its downloads per report."""
    out = Output(gen)
    reports = report_order(gen, gen.reports)
    column = gen.column_by_name.get(ANNUAL_REPORTS)
    trail = (urls.HOME_CRUMB, urls.ROOT_CRUMB)
    if column:
        trail += ((column.name, gen.column_url(column)),)
    years = sorted({r.year for r in reports}, reverse=True)
    found = {(r.unit.code, r.year): r for r in reports}
    index = [
        (kind, [(unit, [found.get((unit.code, year)) for year in years]) for unit in units])
        for kind, units in gen.units_by_type()
    ]
    out.add(
        urls.REPORTS,
        INDEX_TITLE,
        "report_index.html.j2",
        meta={"hide": ["toc"]},
        trail=trail,
        years=years,
        index=index,
        all_data=ALL_DATA,
    )
    out.downloads[ALL_DATA] = reports_csv_bytes(reports)
    for report in reports:
        files = downloads(report)
        out.downloads[files["XLSX"]] = report_xlsx_bytes(report)
        out.downloads[files["CSV"]] = reports_csv_bytes([report])
        out.add(
            report.url,
            report.title,
            "report.html.j2",
            meta={"hide": ["navigation"]},
            trail=trail,
            report=report,
            tables={g.title: g for g in grids(report).values()},
            sections=SECTIONS,
            prose_sections=PROSE_SECTIONS,
            files=files,
            unit_url=gen.unit_url(report.unit),
            activity=year_activity(gen, report.unit, report.year),
        )
    return out


def year_activity(gen: SiteContext, unit: Unit, year: int) -> list[tuple[str, int, str]]:
    """What a unit published in 解读回应 in a year, counted from the content: (label, count, listing)."""
    rows = []
    for kind in RESPONSE_KINDS:
        found = [d for d in gen.of_kind.get(kind.name, []) if d.unit == unit and d.published.year == year]
        url = urls.unit_below(gen.kind_url(kind.name), unit.code)
        rows.append((kind.name, len(found), url))
        if facet := FACETS.get(kind.name):
            for term in gen.config.vocabularies[facet.vocabulary].names():
                rows.append((f"其中：{term}", sum(1 for d in found if getattr(d, facet.attr) == term), ""))
    return rows


def report_search_records(reports: list[AnnualReport]) -> list[SearchRecord]:
    """Reports in the site search, like documents: found by title, unit and their prose, under 政府信息公开年报."""
    records = []
    for report in reports:
        head = [report.title, report.title, report.unit.name]
        text = [report.preface] + [f"{section}\n{plain_body(report.prose[section])}" for section in PROSE_SECTIONS]
        records.append(
            SearchRecord(
                url=report.url,
                content=" ".join([search_text("\n".join(head)), BODY_MARK, search_text("\n".join(text))]),
                meta={"title": report.title, "unit": report.unit.name, "date": report.published.isoformat()},
                filters={
                    "unit": [report.unit.name],
                    "category": [ANNUAL_REPORTS],
                    "year": [str(report.published.year)],
                },
                sort={"date": report.published.isoformat()},
            )
        )
    return records
