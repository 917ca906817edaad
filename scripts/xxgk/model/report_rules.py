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


def check_consistency(report: AnnualReport) -> list[Problem]:
    """Every rule of the format; a rule whose numbers are missing or invalid is skipped."""
    problems = []
    values = report.values

    def add(row: ReportRow, column: str | None, line_row: ReportRow | None, message: str) -> None:
        where = report.line(line_row or row, column)
        name = f"{row.table} {row.label}" + (f" {column}" if column else "")
        problems.append(Problem(report.path, where, name, message))

    def known(*keys: tuple[ReportRow, str]) -> bool:
        return all(key in values for key in keys)

    # 总计 = 自然人 + the five 法人或其他组织 columns, in every row of 表三.
    for declared in TABLE3_ROWS:
        parts = [(declared, c) for c in TABLE3_COLUMNS[:-1]]
        if known((declared, TOTAL), *parts):
            total, summed = values[(declared, TOTAL)], sum(values[k] for k in parts)
            if total != summed:
                add(
                    declared,
                    TOTAL,
                    None,
                    f"总计为 {total}，但自然人与法人或其他组织各列之和为 {summed}（相差 {_gap(total, summed)}）",
                )
    # （七）总计 = （一） + （二） + every item of （三） to （六）, in every column.
    total_row = row("表三", RESULTS, RESULTS_TOTAL)
    for column in TABLE3_COLUMNS:
        items = [(item, column) for item in RESULT_ITEMS]
        if known((total_row, column), *items):
            total, summed = values[(total_row, column)], sum(values[k] for k in items)
            if total != summed:
                add(
                    total_row,
                    column,
                    None,
                    f"（七）总计为 {total}，但（一）至（六）各项之和为 {summed}（相差 {_gap(total, summed)}）",
                )
    # The rule printed on the form: 一 + 二 = 三（七）总计 + 四, in every column.
    new, carried_in, carried_out = row("表三", NEW), row("表三", CARRIED_IN), row("表三", CARRIED_OUT)
    for column in TABLE3_COLUMNS:
        if known((new, column), (carried_in, column), (total_row, column), (carried_out, column)):
            received = values[(new, column)] + values[(carried_in, column)]
            handled = values[(total_row, column)] + values[(carried_out, column)]
            if received != handled:
                add(
                    total_row,
                    column,
                    None,
                    f"一+二={received}，三（七）总计+四={handled}，两者应相等（相差 {_gap(received, handled)}）",
                )
    # 表四: each 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    for declared in (r for r in ROWS if r.table == "表四"):
        parts = [(declared, c) for c in OUTCOMES]
        if known((declared, TOTAL), *parts):
            total, summed = values[(declared, TOTAL)], sum(values[k] for k in parts)
            if total != summed:
                add(
                    declared,
                    TOTAL,
                    None,
                    f"总计为 {total}，但{'、'.join(OUTCOMES)}之和为 {summed}（相差 {_gap(total, summed)}）",
                )
    return problems


def _gap(a: Number, b: Number) -> Number:
    return abs(a - b)


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
            computed = f"按 content/ 中本单位的文件计算为 {count.low}（数据文件{'多' if stated > count.low else '少'} {_gap(stated, count.low)}）"
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
        if d.unit == unit
        and d.category == ANNUAL_REPORTS
        and d.published <= as_of
        and re.search(rf"{year}\s*年", d.title)
    ]
    return min(days, default=None)


def check_deadlines(
    content_dir: Path, units: list[Unit], reports: list[AnnualReport], documents: list[Document], build_date: dt.date
) -> list[Problem]:
    """A warning for each unit whose report on last year is not public after its deadline (`report_published`)."""
    year = build_date.year - 1
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
