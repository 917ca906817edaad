"""任务台账: every published plan's tasks as of the build date, per plan, per unit and per status.

A task shows where it sits in its plan, its text, 牵头单位, 责任单位 (generic names
with the units they stand for), 完成时限, and what each unit reported: status, date,
note and the documents that deliver it. A task past its 完成时限 and not done is
marked 逾期, in words, on every page that lists it.
"""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.model import urls
from xxgk.model.ledger import OVERDUE, STATUSES, LedgerTask, Plan
from xxgk.model.units import Unit
from xxgk.site.context import Output, SiteContext
from xxgk.site.outputs.oversight_data import ledger_downloads, ledger_files

TITLE = urls.LEDGER_CRUMB[0]
STATUS_CODES = {"已完成": "ywc", "进行中": "jxz", "未开始": "wks", "未报送": "wbs", OVERDUE: "yq"}


@dataclass(frozen=True)
class Row:
    """A task as a page shows it: its plan, and the unit whose share the page is about (if any)."""

    item: LedgerTask
    plan_url: str
    unit: Unit | None = None


def published_plans(site: SiteContext) -> list[Plan]:
    return [plan for plan in site.content.ledger.plans if plan.document.published <= site.build_date]


def plan_summary(site: SiteContext, plan: Plan) -> tuple[int, int, int]:
    """(tasks, done, overdue) of a plan on the build date, for the plan's document page."""
    day = site.build_date
    return (
        len(plan.tasks),
        sum(1 for item in plan.tasks if item.status(day) == STATUSES[0]),
        sum(1 for item in plan.tasks if item.overdue(day)),
    )


def render_ledger(site: SiteContext) -> Output:
    out = Output(site)
    day = site.build_date
    plans = published_plans(site)
    trail = (urls.HOME_CRUMB, urls.ROOT_CRUMB, urls.OVERSIGHT_CRUMB)
    rows = [Row(item, urls.plan_ledger(plan.document.url)) for plan in plans for item in plan.tasks]
    by_status = {status: [r for r in rows if r.item.status(day) == status] for status in STATUSES}
    by_status[OVERDUE] = [r for r in rows if r.item.overdue(day)]
    by_unit = {
        unit.code: [Row(r.item, r.plan_url, unit) for r in rows if unit in r.item.units] for unit in site.content.units
    }
    out.add(
        urls.LEDGER,
        TITLE,
        "ledger_index.html.j2",
        meta={"hide": ["toc"]},
        trail=trail,
        plans=[(plan, urls.plan_ledger(plan.document.url), plan_summary(site, plan)) for plan in plans],
        statuses=[
            (status, urls.ledger_status(STATUS_CODES[status]), len(found)) for status, found in by_status.items()
        ],
        units=[(unit, urls.ledger_unit(unit.code), len(by_unit[unit.code])) for unit in site.content.units],
        data_files=ledger_downloads(),
    )
    out.downloads.update(ledger_files([row.item for row in rows], day, site.config.url))
    common = {"as_of": day, "overdue": OVERDUE, "meta": {"hide": ["toc"]}}
    trail += (urls.LEDGER_CRUMB,)
    for plan in plans:
        url = urls.plan_ledger(plan.document.url)
        out.add(
            url,
            f"{plan.document.title}·任务台账",
            "ledger.html.j2",
            trail=trail,
            plan=plan.document,
            groups=_by_outline([Row(item, url) for item in plan.tasks]),
            intro="",
            **common,
        )
    for status, found in by_status.items():
        out.add(
            urls.ledger_status(STATUS_CODES[status]),
            f"{status}的任务",
            "ledger.html.j2",
            trail=trail,
            plan=None,
            groups=[("", found)],
            intro=f"截至 {day}，{'完成时限已过而尚未全部完成' if status == OVERDUE else '状态为' + status}的任务共 {len(found)} 项。",
            **common,
        )
    for unit in site.content.units:
        found = by_unit[unit.code]
        out.add(
            urls.ledger_unit(unit.code),
            f"{unit.name}的任务",
            "ledger.html.j2",
            trail=trail,
            plan=None,
            groups=[("", found)],
            intro=f"{unit.name}牵头或承担的任务共 {len(found)} 项；每项先列本单位报送的进展。",
            **common,
        )
    return out


def _by_outline(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """Tasks under their first-level heading (一、…), in the plan's order."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.item.task.outline[0] if row.item.task.outline else "", []).append(row)
    return list(groups.items())
