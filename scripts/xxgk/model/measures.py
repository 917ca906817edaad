"""政务公开工作情况: each unit's disclosure work measured from the content, as of a date (the plan's 考核评估).

Every measure is a plain function of the checked content, a unit (None for the
county) and a `Period` (its first day and the day measured on), and returns
numbers and the items behind them; `DEFINITIONS` says in one line what each
counts. The dashboard pages, the open data and `xxgk report new` all read these.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from xxgk.model.consultations import is_consultation
from xxgk.model.documents import Document
from xxgk.model.ledger import OVERDUE, STATUSES, Ledger
from xxgk.model.lifecycle import Lifecycle, needs_interpretation
from xxgk.model.register_kinds import CATALOGUE, POWERS, SERVICE_GUIDES, STALE_MONTHS, Register, months_before
from xxgk.model.report_format import AnnualReport, deadline
from xxgk.model.report_rules import report_published
from xxgk.model.task_progress import DONE, NOT_REPORTED, NOT_STARTED, UNDER_WAY
from xxgk.model.units import Unit
from xxgk.model.workdays import PUBLICATION_WORKING_DAYS, CalendarUnknown, publication_deadline

EXPIRY_WINDOW_DAYS = 90
GUIDE, SYSTEM = "政府信息公开指南", "政府信息公开制度"
REGISTER_NAMES = (POWERS.name, CATALOGUE.name, "制度汇编", GUIDE, SERVICE_GUIDES.name)
ON_TIME, LATE, MISSING, NOT_DUE = "按时发布", "逾期发布", "未发布", "未到期"

DEFINITIONS = {
    "按时公开": f"统计期内发布的信息中，发布日期不晚于成文日期后第 {PUBLICATION_WORKING_DAYS} 个工作日的比例（条例第二十六条）",
    "政策解读": "统计期内发布的规章和行政规范性文件中，已发布政策解读的比例；解读与文件同日发布为同步，晚于文件为滞后",
    "清单目录": f"权责清单、政务公开事项标准目录、制度汇编、政府信息公开指南和办事指南是否已公开及最近更新日期；"
    f"超过 {STALE_MONTHS} 个月未更新或未注明更新日期的列为待更新",
    "年度报告": "上一年度政府信息公开工作年度报告是否已发布，是否在法定期限（部门、乡镇1月31日，县政府3月31日）前发布",
    "意见征集": "统计期内征集截止的意见征集中，已公布意见采纳情况的比例",
    "即将到期": f"现行有效、有效期至在今后 {EXPIRY_WINDOW_DAYS} 天内的规范性文件，需及早评估是否延续、修订或废止",
    "任务落实": "已公开的工作计划（任务台账）中由本单位牵头或承担的任务，按各单位报送的进展统计；完成时限已过而未完成的为逾期",
}


@dataclass(frozen=True)
class Period:
    """The days measured: from `start` to `end`, both included; `end` is the day the measures are taken on."""

    start: dt.date
    end: dt.date

    @classmethod
    def year_to_date(cls, day: dt.date) -> Period:
        return cls(dt.date(day.year, 1, 1), day)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} 至 {self.end.isoformat()}"


def share(part: int, whole: int) -> Fraction | None:
    """part of whole, None when there is nothing to measure."""
    return Fraction(part, whole) if whole else None


def percent(value: Fraction | None) -> str:
    """
    >>> percent(Fraction(2, 3)), percent(Fraction(1)), percent(None)
    ('66.7%', '100%', '—')
    """
    if value is None:
        return "—"
    shown = f"{float(value) * 100:.1f}".removesuffix(".0")
    return f"{shown}%"


def _of(documents: list[Document], unit: Unit | None) -> list[Document]:
    if unit is None:
        return documents
    code = unit.code  # not `d.unit == unit`: a dataclass compares every field, 463 × 10,000 times a build
    return [d for d in documents if d.unit.code == code]


# -- 按时公开 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Late:
    document: Document
    deadline: dt.date


@dataclass(frozen=True)
class Timeliness:
    published: int  # documents published in the period
    on_time: int
    late: tuple[Late, ...]
    unchecked: int  # formed in a year the holiday calendar does not know

    @property
    def share(self) -> Fraction | None:
        return share(self.on_time, self.on_time + len(self.late))


def timeliness(own: list[Document], period: Period) -> Timeliness:
    """Of these documents (a unit's, or all), those published in the period and how many on time."""
    on_time, late, unchecked = 0, [], 0
    published = [d for d in own if d.published in period]
    for document in published:
        try:
            last = publication_deadline(document.written)
        except CalendarUnknown:
            unchecked += 1
            continue
        if document.published <= last:
            on_time += 1
        else:
            late.append(Late(document, last))
    late.sort(key=lambda item: (item.document.published, str(item.document.index_number)))
    return Timeliness(len(published), on_time, tuple(late), unchecked)


def monthly(documents: list[Document], unit: Unit | None, end: dt.date, months: int = 12) -> list[tuple[str, int]]:
    """(YYYY-MM, documents published) for the `months` months up to and including `end`'s."""
    published = Counter((d.published.year, d.published.month) for d in _of(documents, unit) if d.published <= end)
    counts = []
    for back in range(months - 1, -1, -1):
        first = months_before(end.replace(day=1), back)
        counts.append((f"{first.year:04d}-{first.month:02d}", published[(first.year, first.month)]))
    return counts


# -- 政策解读 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interpreted:
    policy: Document
    interpretation: Document
    days: int  # after the policy; 0 is the same day


@dataclass(frozen=True)
class Interpretations:
    policies: int  # 规章 and 规范性文件 published in the period
    same_day: tuple[Interpreted, ...]
    later: tuple[Interpreted, ...]
    missing: tuple[Document, ...]

    @property
    def interpreted(self) -> int:
        return len(self.same_day) + len(self.later)

    @property
    def share(self) -> Fraction | None:
        return share(self.interpreted, self.policies)


def first_interpretations(documents: list[Document], end: dt.date) -> dict[str, Document]:
    """索引号 of a policy -> its first interpretation published by `end`."""
    first: dict[str, Document] = {}
    for document in sorted(documents, key=lambda d: (d.published, str(d.index_number))):
        if document.published <= end:
            for target in document.interprets:
                first.setdefault(target, document)
    return first


def interpretations(own: list[Document], first: dict[str, Document], period: Period) -> Interpretations:
    """Each of these policies' first interpretation (`first_interpretations` of all documents)."""
    same_day, later, missing = [], [], []
    policies = [d for d in own if needs_interpretation(d) and d.published in period]
    for policy in sorted(policies, key=lambda d: (d.published, str(d.index_number))):
        found = first.get(str(policy.index_number))
        if found is None:
            missing.append(policy)
            continue
        days = (found.published - policy.published).days
        (later if days > 0 else same_day).append(Interpreted(policy, found, days))
    return Interpretations(len(policies), tuple(same_day), tuple(later), tuple(missing))


# -- 清单目录 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterState:
    name: str  # one of REGISTER_NAMES
    present: bool
    updated: dt.date | None  # the latest date it carries; None when it names none
    stale: bool  # present, and not updated within STALE_MONTHS (or no date given)
    generated: bool = False  # the 指南 the site writes from the registry, when the unit published none


def register_states(
    own: list[Document], registers: list[Register], unit: Unit, as_of: dt.date
) -> tuple[RegisterState, ...]:
    """The unit's registers, and its 制度汇编 and 指南 among its documents `own`."""
    limit = months_before(as_of, STALE_MONTHS)
    own = [d for d in own if d.published <= as_of]
    states = []
    for kind in (POWERS, CATALOGUE):
        states.append(_spreadsheet_state(kind.name, registers, unit, limit))
    for name in ("制度汇编", GUIDE):
        category = SYSTEM if name == "制度汇编" else GUIDE
        dates = [d.published for d in own if d.category == category]
        updated = max(dates, default=None)
        if name == GUIDE and updated is None:  # every unit's 指南 is written from the registry
            states.append(RegisterState(name, True, None, False, generated=True))
        else:
            states.append(RegisterState(name, bool(dates), updated, bool(dates) and updated < limit))
    states.append(_spreadsheet_state(SERVICE_GUIDES.name, registers, unit, limit))
    return tuple(states)


def _spreadsheet_state(name: str, registers: list[Register], unit: Unit, limit: dt.date) -> RegisterState:
    register = next((r for r in registers if r.kind.name == name and r.unit == unit), None)
    if register is None:
        return RegisterState(name, False, None, False)
    dates = [dt.date.fromisoformat(row.get("更新日期")) for row in register.rows if row.get("更新日期")]
    updated = max(dates, default=None)
    return RegisterState(name, True, updated, updated is None or updated < limit)


# -- 年度报告 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportState:
    year: int
    due: dt.date
    published: dt.date | None
    status: str  # ON_TIME, LATE, MISSING or NOT_DUE


def report_state(
    reports: list[AnnualReport], documents: list[Document], unit: Unit, year: int, as_of: dt.date
) -> ReportState:
    due = deadline(unit, year)
    published = report_published(unit, year, reports, documents, as_of)
    if published:
        return ReportState(year, due, published, ON_TIME if published <= due else LATE)
    return ReportState(year, due, None, MISSING if as_of > due else NOT_DUE)


# -- 意见征集 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Consultations:
    closed: tuple[Document, ...]  # closed in the period
    answered: tuple[Document, ...]  # of those, with 意见采纳情况 published by its end

    @property
    def unanswered(self) -> tuple[Document, ...]:
        return tuple(d for d in self.closed if d not in self.answered)

    @property
    def share(self) -> Fraction | None:
        return share(len(self.answered), len(self.closed))


def answered_consultations(documents: list[Document], end: dt.date) -> set[str]:
    """索引号 of the consultations whose 意见采纳情况 is published by `end`."""
    return {target for d in documents if d.published <= end for target in d.feedback_of}


def consultations(own: list[Document], answered_ids: set[str], period: Period) -> Consultations:
    """These consultations whose last day fell in the period, before its end, and their follow-up."""
    closed = sorted(
        (
            d
            for d in own
            if is_consultation(d) and d.published <= period.end and period.start <= d.consultation_closes < period.end
        ),
        key=lambda d: (d.consultation_closes, str(d.index_number)),
    )
    answered = tuple(d for d in closed if str(d.index_number) in answered_ids)
    return Consultations(tuple(closed), answered)


# -- 即将到期 -------------------------------------------------------------------------------


def expiring(own: list[Document], lifecycle: Lifecycle, as_of: dt.date) -> tuple[Document, ...]:
    """These documents in force on `as_of` (by the `Lifecycle` of all) whose 有效期至 falls within the next
    EXPIRY_WINDOW_DAYS days."""
    last = as_of + dt.timedelta(days=EXPIRY_WINDOW_DAYS)
    found = [
        d
        for d in own
        if d.valid_until and d.published <= as_of and as_of <= d.valid_until <= last
        if lifecycle.status(d, as_of).in_force
    ]
    return tuple(sorted(found, key=lambda d: (d.valid_until, str(d.index_number))))


# -- 任务落实 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskCounts:
    """Tasks by status (a unit's share of each task, or the tasks themselves for the county)."""

    counts: dict[str, int]
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __getitem__(self, status: str) -> int:
        return self.overdue if status == OVERDUE else self.counts.get(status, 0)

    @property
    def share(self) -> Fraction | None:
        return share(self.counts.get(DONE, 0), self.total)


def task_counts(ledger: Ledger, unit: Unit | None, as_of: dt.date) -> TaskCounts:
    counts = dict.fromkeys(STATUSES, 0)
    overdue = 0
    for plan in ledger.plans:
        if plan.document.published > as_of:
            continue
        for task in plan.tasks:
            if unit is None:
                counts[task.status(as_of)] += 1
                overdue += task.overdue(as_of)
            elif unit in task.units:
                counts[task.unit_status(unit, as_of)] += 1
                overdue += task.unit_overdue(unit, as_of)
    return TaskCounts(counts, overdue)


# -- everything at once ---------------------------------------------------------------------


@dataclass(frozen=True)
class Performance:
    """Every measure of one unit, or of the county (unit None: no registers or report of its own)."""

    unit: Unit | None
    period: Period
    timeliness: Timeliness
    interpretations: Interpretations
    registers: tuple[RegisterState, ...]
    report: ReportState | None
    consultations: Consultations
    expiring: tuple[Document, ...]
    tasks: TaskCounts

    @property
    def stale_registers(self) -> tuple[RegisterState, ...]:
        return tuple(state for state in self.registers if state.stale)


def performance(
    documents: list[Document],
    reports: list[AnnualReport],
    registers: list[Register],
    ledger: Ledger,
    unit: Unit | None,
    period: Period,
) -> Performance:
    """Every measure for `unit` (None: the county) over `period`; the annual report is the year before its end's."""
    county, units = performances(documents, reports, registers, ledger, [unit] if unit else [], period)
    return units[0] if unit else county


def performances(
    documents: list[Document],
    reports: list[AnnualReport],
    registers: list[Register],
    ledger: Ledger,
    units: list[Unit],
    period: Period,
) -> tuple[Performance, list[Performance]]:
    """`performance` of the county and of each unit, reading across all documents once, not once per unit."""
    as_of = period.end
    first = first_interpretations(documents, as_of)
    answered = answered_consultations(documents, as_of)
    lifecycle = Lifecycle(documents)

    def measured(unit: Unit | None, own: list[Document]) -> Performance:
        return Performance(
            unit,
            period,
            timeliness(own, period),
            interpretations(own, first, period),
            register_states(own, registers, unit, as_of) if unit else (),
            report_state(reports, own, unit, as_of.year - 1, as_of) if unit else None,
            consultations(own, answered, period),
            expiring(own, lifecycle, as_of),
            task_counts(ledger, unit, as_of),
        )

    by_unit: dict[str, list[Document]] = {}
    for document in documents:
        by_unit.setdefault(document.unit.code, []).append(document)
    return measured(None, documents), [measured(unit, by_unit.get(unit.code, [])) for unit in units]


def register_summary(units: list[Performance]) -> list[tuple[str, int, int]]:
    """(register, units that have it, of those the ones due for review) across the units."""
    return [
        (
            name,
            sum(1 for p in units for s in p.registers if s.name == name and s.present),
            sum(1 for p in units for s in p.registers if s.name == name and s.stale),
        )
        for name in REGISTER_NAMES
    ]


def report_summary(units: list[Performance]) -> dict[str, int]:
    """How many units' reports are in each state."""
    counts = dict.fromkeys((ON_TIME, LATE, MISSING, NOT_DUE), 0)
    for item in units:
        if item.report:
            counts[item.report.status] += 1
    return counts


TASK_STATUSES = (DONE, UNDER_WAY, NOT_STARTED, NOT_REPORTED)  # the order charts and tables use
