"""政务公开工作情况: the county's and each unit's disclosure work as of the build date (the plan's 考核评估).

One page for the county (`xxgk/gzqk/`) and one per unit: each measure of
`model.measures` with its one-line definition, its numbers, the items behind
them (late documents, policies without 解读, registers due for review …) and,
where a picture helps, a chart drawn at build time (`outputs.charts`) shown as
an image with its text alternative beside a table of the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.model import urls
from xxgk.model.ledger import OVERDUE
from xxgk.model.measures import (
    DEFINITIONS,
    EXPIRY_WINDOW_DAYS,
    REGISTER_NAMES,
    TASK_STATUSES,
    Performance,
    Period,
    monthly,
    percent,
    performances,
    register_summary,
    report_summary,
)
from xxgk.model.plans import county_name
from xxgk.model.units import Unit
from xxgk.site.context import Output, SiteContext
from xxgk.site.outputs import charts
from xxgk.site.outputs.oversight_data import measure_downloads, oversight_files

TITLE = urls.OVERSIGHT_CRUMB[0]


@dataclass(frozen=True)
class Chart:
    url: str
    alt: str
    width: int
    height: int


def measured(site: SiteContext) -> tuple[Performance, list[Performance]]:
    """The county's measures and each unit's, this year up to the build date."""
    content = site.content
    period = Period.year_to_date(site.build_date)
    return performances(content.documents, content.reports, content.registers, content.ledger, content.units, period)


def short_name(site: SiteContext, unit: Unit) -> str:
    """How a chart labels a unit: its 简称, else its name without the county's (松岭县财政局 → 财政局,
    松岭县人民政府办公室 → 县政府办公室, 松林镇人民政府 → 松林镇)."""
    if unit.short_name:
        return unit.short_name
    county = site.config.county or county_name(site.content.units)
    if unit.type == "县人民政府":
        return "县人民政府"
    if unit.type == "乡镇人民政府":
        return unit.name.removesuffix("人民政府")
    name = unit.name.removeprefix(county) if county else unit.name
    return "县政府" + name.removeprefix("人民政府") if name.startswith("人民政府") else name


def render_oversight(site: SiteContext) -> Output:
    out = Output(site)
    county, units = measured(site)
    trail = (urls.HOME_CRUMB, urls.ROOT_CRUMB)
    county_series = monthly(site.documents, None, site.build_date)
    drawn = _county_charts(site, out, county, units, county_series)
    out.downloads.update(oversight_files(county, units, site.build_date, site.config.url))
    out.add(
        urls.OVERSIGHT,
        TITLE,
        "oversight.html.j2",
        meta={"hide": ["toc"]},
        trail=trail,
        **_common(site, county, county_series),
        units=[(item, urls.oversight_unit(item.unit.code)) for item in units],
        registers=register_summary(units),
        reports=report_summary(units),
        charts=drawn,
    )
    for item in units:
        unit = item.unit
        page = urls.oversight_unit(unit.code)
        drawn = {}
        series = monthly(site.documents, unit, site.build_date)
        if any(count for _, count in series):
            drawn["monthly"] = _chart(out, page, "meiyue.svg", *_monthly(f"{unit.name}每月发布信息", series))
        out.add(
            page,
            f"{unit.name}政务公开工作情况",
            "oversight.html.j2",
            meta={"hide": ["toc"]},
            trail=trail + (urls.OVERSIGHT_CRUMB,),
            **_common(site, item, series),
            units=[],
            registers=[],
            reports={},
            charts=drawn,
        )
    return out


def _common(site: SiteContext, item: Performance, series: list[tuple[str, int]]) -> dict:
    return {
        "measures": item,
        "unit": item.unit,
        "definitions": DEFINITIONS,
        "percent": percent,
        "task_statuses": TASK_STATUSES,
        "overdue": OVERDUE,
        "register_names": REGISTER_NAMES,
        "expiry_days": EXPIRY_WINDOW_DAYS,
        "monthly_series": series,
        "ledger_url": urls.ledger_unit(item.unit.code) if item.unit else urls.LEDGER,
        "data_files": measure_downloads(),
    }


def _county_charts(
    site: SiteContext, out: Output, county: Performance, units: list[Performance], series: list[tuple[str, int]]
) -> dict:
    page = urls.OVERSIGHT
    drawn = {}
    rows = [(short_name(site, p.unit), p.timeliness.share) for p in units if p.timeliness.share is not None]
    if rows:
        lowest = min(rows, key=lambda row: row[1])
        title = "各单位按时公开率"
        text = (
            f"全县 {percent(county.timeliness.share)}，最低为{lowest[0]} {percent(lowest[1])}；各单位的数字见图旁的表格"
        )
        drawn["timeliness"] = _chart(out, page, "anshi.svg", title, text, charts.share_bars(title, text, rows))
    rows = [(short_name(site, p.unit), p.interpretations.share) for p in units if p.interpretations.policies]
    if rows:
        title = "各单位规范性文件解读率"
        text = f"全县 {percent(county.interpretations.share)}；只列出统计期内发布了规范性文件的单位，数字见图旁的表格"
        drawn["interpretations"] = _chart(out, page, "jiedu.svg", title, text, charts.share_bars(title, text, rows))
    rows = [(short_name(site, p.unit), p.tasks.counts) for p in units if p.tasks.total]
    if rows:
        done = county.tasks.counts.get(TASK_STATUSES[0], 0)
        title = "各单位承担任务的进展"
        text = (
            f"全县 {county.tasks.total} 项任务，已完成 {done} 项，逾期 {county.tasks.overdue} 项；"
            "各单位按已完成、进行中、未开始、未报送分段，数字见图旁的表格"
        )
        drawing = charts.stacked_bars(title, text, rows, TASK_STATUSES)
        drawn["tasks"] = _chart(out, page, "renwu.svg", title, text, drawing)
    drawn["monthly"] = _chart(out, page, "meiyue.svg", *_monthly("全县每月发布信息", series))
    return drawn


def _monthly(title: str, series: list[tuple[str, int]]) -> tuple[str, str, charts.Drawing]:
    first, last = series[0][0], series[-1][0]
    most = max(series, key=lambda row: row[1])
    description = (
        f"{first[:4]}年{int(first[5:])}月至{last[:4]}年{int(last[5:])}月共 {sum(c for _, c in series)} 件，"
        f"最多为{most[0][:4]}年{int(most[0][5:])}月 {most[1]} 件；每月的数字见图旁的表格"
    )
    return title, description, charts.monthly_columns(title, description, series)


def _chart(out: Output, page: str, name: str, title: str, description: str, drawing: charts.Drawing) -> Chart:
    """Keep the SVG as a download beside the page; the page shows it with the same text as its alternative."""
    url = urls.file_in(page, name)
    out.downloads[url] = drawing.svg
    return Chart(url, f"{title}：{description}", drawing.width, drawing.height)
