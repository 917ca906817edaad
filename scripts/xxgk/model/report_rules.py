"""The rules an annual report's numbers must keep, and the deadline for publishing it.

Within a report, the 勾稽关系 printed on the national format (`check_consistency`);
across reports, one per unit and year and 上年结转 matching last year's 结转下年度
(`check_carry_over`); against the documents in content/, 表二's regulation rows
(`check_regulation_rows`, counted by `report_norms`); and, on the build date, a
warning for each unit whose report is overdue (`check_deadlines`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from xxgk.model.documents import Document
from xxgk.model.problems import Problem, shown_path
from xxgk.model.report_format import (
    ANNUAL_REPORTS,
    CARRIED_IN,
    CARRIED_OUT,
    NEW,
    OUTCOMES,
    REPORTS_FOLDER,
    RESULT_ITEMS,
    RESULTS,
    RESULTS_TOTAL,
    ROWS,
    TABLE2_GROUPS,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TOTAL,
    AnnualReport,
    Number,
    ReportRow,
    deadline,
    report_files,
    row,
)
from xxgk.model.report_norms import Count, describe
from xxgk.model.units import Unit, find_unit

# -- consistency (勾稽关系) ------------------------------------------------------------


Cell = tuple[ReportRow, str]


@dataclass(frozen=True)
class _Rule:
    """One 勾稽关系 as evaluated: the cells with their signs (their signed sum is 0 when it holds)."""

    terms: tuple[tuple[Cell, int], ...]
    residual: Number  # the signed sum: 0 when the rule holds
    at: Cell  # where its message is filed
    name: str  # what the rule is, for a message naming several
    message: str  # what is wrong, when it fails alone

    def sign(self, cell: Cell) -> int:
        return next((sign for term, sign in self.terms if term == cell), 0)


def check_consistency(report: AnnualReport) -> list[Problem]:
    """Every rule of the format; a rule whose numbers are missing or invalid is skipped.

    One wrong cell breaks every rule it is in (a row's 总计, its column's （七）总计, 一+二=三+四):
    when a single cell, in no rule that holds, would mend all of them by one change, that cell
    gets one message with the number that fits, instead of one message per rule.
    """
    rules = _evaluate(report.values)
    broken = [rule for rule in rules if rule.residual]
    problems = []

    def add(cell: Cell, message: str) -> None:
        row, column = cell
        problems.append(Problem(report.path, report.line(*cell), f"{row.table} {row.label} {column}", message))

    explained: set[int] = set()
    for cell, failing, change in _single_cells(broken, rules):
        if explained.intersection(id(rule) for rule in failing):
            continue
        explained.update(id(rule) for rule in failing)
        written = report.values[cell]
        names = "、".join(rule.name for rule in failing)
        add(cell, f"填的是 {written}，但按{names}，这一格应为 {written + change}：请核对这一格")
    for rule in broken:
        if id(rule) not in explained:
            add(rule.at, rule.message)
    return problems


def _single_cells(broken: list[_Rule], rules: list[_Rule]) -> list[tuple[Cell, list[_Rule], Number]]:
    """Cells that alone explain two or more broken rules, the most first; a tie between cells is no answer."""
    found = []
    for cell in dict.fromkeys(cell for rule in broken for cell, _ in rule.terms):
        failing = [rule for rule in broken if rule.sign(cell)]
        if len(failing) < 2 or any(rule.sign(cell) and not rule.residual for rule in rules):
            continue
        changes = {-rule.residual * rule.sign(cell) for rule in failing}
        if len(changes) == 1:
            found.append((cell, failing, changes.pop()))
    rule_sets = [frozenset(map(id, failing)) for _, failing, _ in found]
    unique = [entry for entry, ids in zip(found, rule_sets) if rule_sets.count(ids) == 1]
    return sorted(unique, key=lambda entry: -len(entry[1]))


def _rule(values, terms, at: Cell, name: str, message) -> _Rule | None:
    """The rule over these cells, or None when one of them is missing (already reported as invalid)."""
    if not all(cell in values for cell, _ in terms):
        return None
    residual = sum(values[cell] * sign for cell, sign in terms)
    return _Rule(tuple(terms), residual, at, name, message(residual) if residual else "")


def _evaluate(values: dict[Cell, Number]) -> list[_Rule]:
    rules = []
    # 总计 = 自然人 + the five 法人或其他组织 columns, in every row of 表三.
    for declared in TABLE3_ROWS:
        parts = [(declared, c) for c in TABLE3_COLUMNS[:-1]]
        total = (declared, TOTAL)
        rules.append(
            _rule(
                values,
                [(total, 1)] + [(part, -1) for part in parts],
                total,
                "本行各列之和",
                lambda gap, total=total, parts=parts: (
                    f"总计为 {values[total]}，但自然人与法人或其他组织各列之和为 "
                    f"{sum(values[p] for p in parts)}（相差 {abs(gap)}）"
                ),
            )
        )
    # （七）总计 = （一） + （二） + every item of （三） to （六）, in every column.
    total_row = row("表三", RESULTS, RESULTS_TOTAL)
    for column in TABLE3_COLUMNS:
        items = [(item, column) for item in RESULT_ITEMS]
        total = (total_row, column)
        rules.append(
            _rule(
                values,
                [(total, 1)] + [(item, -1) for item in items],
                total,
                "（一）至（六）各项之和",
                lambda gap, total=total, items=items: (
                    f"（七）总计为 {values[total]}，但（一）至（六）各项之和为 "
                    f"{sum(values[i] for i in items)}（相差 {abs(gap)}）"
                ),
            )
        )
    # The rule printed on the form: 一 + 二 = 三（七）总计 + 四, in every column.
    new, carried_in, carried_out = row("表三", NEW), row("表三", CARRIED_IN), row("表三", CARRIED_OUT)
    for column in TABLE3_COLUMNS:
        cells = [(new, column), (carried_in, column), (total_row, column), (carried_out, column)]
        rules.append(
            _rule(
                values,
                list(zip(cells, (1, 1, -1, -1))),
                (total_row, column),
                "一+二=三（七）总计+四",
                lambda gap, cells=cells: (
                    f"一+二={values[cells[0]] + values[cells[1]]}，三（七）总计+四="
                    f"{values[cells[2]] + values[cells[3]]}，两者应相等（相差 {abs(gap)}）"
                ),
            )
        )
    # 表四: each 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    for declared in (r for r in ROWS if r.table == "表四"):
        parts = [(declared, c) for c in OUTCOMES]
        total = (declared, TOTAL)
        rules.append(
            _rule(
                values,
                [(total, 1)] + [(part, -1) for part in parts],
                total,
                "本行各项之和",
                lambda gap, total=total, parts=parts: (
                    f"总计为 {values[total]}，但{'、'.join(OUTCOMES)}之和为 {sum(values[p] for p in parts)}"
                    f"（相差 {abs(gap)}）"
                ),
            )
        )
    return [rule for rule in rules if rule is not None]


def check_one_per_unit_and_year(reports: list[AnnualReport]) -> list[Problem]:
    by_key: dict[tuple[str, int], list[AnnualReport]] = defaultdict(list)
    for report in reports:
        by_key[(report.unit.code, report.year)].append(report)
    problems = []
    for group in by_key.values():
        for report in group if len(group) > 1 else ():
            others = "、".join(r.path.as_posix() for r in group if r is not report)
            problems.append(
                Problem(
                    report.path,
                    None,
                    None,
                    f"{report.unit.name} {report.year} 年的年度报告也写在 {others}："
                    "每个单位每年只能有一份，请删除其中一个",
                )
            )
    return problems


def check_carry_over(reports: list[AnnualReport]) -> list[Problem]:
    """二、上年结转 of year Y should equal 四、结转下年度继续办理 of year Y-1 (warnings)."""
    by_key = {(r.unit.code, r.year): r for r in reports}
    carried_in, carried_out = row("表三", CARRIED_IN), row("表三", CARRIED_OUT)
    problems = []
    for report in reports:
        previous = by_key.get((report.unit.code, report.year - 1))
        if previous is None:
            continue
        for column in TABLE3_COLUMNS:
            now, before = report.value(carried_in, column), previous.value(carried_out, column)
            if now != before:
                where = f"{previous.path.as_posix()}:{previous.line(carried_out, column)}"
                problems.append(
                    Problem(
                        report.path,
                        report.line(carried_in, column),
                        f"表三 {CARRIED_IN} {column}",
                        f"为 {now}，但 {previous.year} 年报告（{where}）的 {CARRIED_OUT} 为 {before}：两者应相等",
                        warning=True,
                    )
                )
    return problems


def check_regulation_rows(report: AnnualReport, counts: dict[tuple[str, str], Count]) -> list[Problem]:
    """Where 表二's 规章 and 行政规范性文件 rows differ from the documents published here (warnings)."""
    problems = []
    for (item, column), count in counts.items():
        declared = row("表二", TABLE2_GROUPS[0][0], item)
        stated = report.value(declared, column)
        if count.low <= stated <= count.high:
            continue
        if count.low == count.high:
            computed = f"按 content/ 中本单位的文件计算为 {count.low}（数据文件{'多' if stated > count.low else '少'} {abs(stated - count.low)}）"
        else:
            computed = f"按 content/ 中本单位的文件计算应在 {count.low} 到 {count.high} 之间"
        detail = describe(count)
        problems.append(
            Problem(
                report.path,
                report.line(declared, column),
                f"表二 {item} {column}",
                f"数据文件为 {stated}，{computed}" + (f"；{detail}" if detail else ""),
                warning=True,
            )
        )
    return problems


# -- deadlines ----------------------------------------------------------------------


def report_published(
    unit: Unit, year: int, reports: list[AnnualReport], documents: list[Document], as_of: dt.date
) -> dt.date | None:
    """When the unit's report on `year` became public, if it has by `as_of`.

    A report counts when its data file or a 政府信息公开年报 document naming the
    year in its title (e.g. 2025年…年度报告) is published.
    """
    days = [r.published for r in reports if r.unit == unit and r.year == year and r.published <= as_of]
    days += [
        d.published
        for d in documents
        if d.category == ANNUAL_REPORTS
        and d.unit.code == unit.code  # not `d.unit == unit`, which compares every field
        and d.published <= as_of
        and re.search(rf"{year}\s*年", d.title)
    ]
    return min(days, default=None)


def check_deadlines(
    content_dir: Path, units: list[Unit], reports: list[AnnualReport], documents: list[Document], build_date: dt.date
) -> list[Problem]:
    """A warning for each unit whose report on last year is not public after its deadline (`report_published`)."""
    year = build_date.year - 1
    documents = [d for d in documents if d.category == ANNUAL_REPORTS]  # once, not once per unit
    public = {(unit.code, year) for unit in units if report_published(unit, year, reports, documents, build_date)}
    # A data file that failed its checks has its errors reported already; "not published" would only confuse.
    loaded = {(r.unit.code, r.year) for r in reports}
    failed = {
        (unit.code, year)
        for path in report_files(Path(content_dir))
        if path.stem == str(year)
        for unit in [find_unit(units, path.parent.name)]
        if unit
    } - loaded
    problems = []
    for unit in units:
        due = deadline(unit, year)
        if build_date > due and (unit.code, year) not in public | failed:
            path = shown_path(Path(content_dir) / REPORTS_FOLDER / unit.name / f"{year}.yml")
            problems.append(
                Problem(
                    path,
                    None,
                    "年报",
                    f"{unit.name} {year} 年政府信息公开工作年度报告应于 {due} 前公布，至 {build_date} 仍未公布："
                    f"用 xxgk report new --unit {unit.name} --year {year} 创建",
                    warning=True,
                )
            )
    return problems
