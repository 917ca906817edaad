"""`xxgk report new`: a report's data file with every row and column of the format.

The same writer produces complete files (the sample county's reports), so what
the scaffold writes is exactly what the loader reads.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from xxgk.model.ledger import Ledger
from xxgk.model.measures import Period, percent, performance
from xxgk.model.register_kinds import Register
from xxgk.model.report_format import (
    CARRIED_IN,
    CARRIED_OUT,
    DATE_FIELDS,
    DRAFT_MARK,
    PROSE_HINTS,
    REPORTS_FOLDER,
    ROWS,
    SECTIONS,
    TABLE2_GROUPS,
    TABLE_SECTIONS,
    AnnualReport,
    Number,
    ReportRow,
    deadline,
    row,
)
from xxgk.model.report_norms import count_regulations, describe
from xxgk.model.units import Unit


def report_path(content_dir: Path, unit: Unit, year: int) -> Path:
    return Path(content_dir) / REPORTS_FOLDER / unit.name / f"{year}.yml"


def new_report(
    content_dir: Path,
    unit: Unit,
    year: int,
    today: dt.date,
    documents: list,
    reports: list[AnnualReport],
    registers: list[Register] = (),
    ledger: Ledger | None = None,
) -> Path:
    """Write the scaffold and return its path; never overwrites an existing file.

    Table 二's 规章 and 行政规范性文件 rows are counted from the documents, and
    二、上年结转 is taken from last year's 四、结转下年度继续办理 when that report exists
    (and, as still pending, into this year's 四 too). Sections 一 and 五 are drafted
    from the year's 政务公开工作情况 (`measured_prose`), marked as drafts for the clerk.
    """
    values: dict[tuple[ReportRow, str], Number] = {}
    notes: dict[ReportRow, list[str]] = {}
    clause = TABLE2_GROUPS[0][0]
    for (kind, column), count in count_regulations(documents, unit, year).items():
        values[(row("表二", clause, kind), column)] = count.low
        detail = describe(count)
        if detail:
            notes.setdefault(row("表二", clause, kind), []).append(
                f"{column}按本站文件计算为 {count.low}"
                + (f" 到 {count.high}" if count.high > count.low else "")
                + f"：{detail}"
            )
    previous = next((r for r in reports if r.unit == unit and r.year == year - 1), None)
    if previous:
        # Carried in from last year; until the clerk records their outcome they stay pending, so the
        # scaffold balances (一+二 = 三（七）总计+四) and the check only asks for what is really missing.
        carried_in, carried_out = row("表三", CARRIED_IN), row("表三", CARRIED_OUT)
        for column in carried_in.columns:
            values[(carried_in, column)] = values[(carried_out, column)] = previous.value(carried_out, column)
        notes[carried_in] = [f"取自 {previous.year} 年报告的 {CARRIED_OUT}（{previous.path.as_posix()}）"]
        notes[carried_out] = ["预填为上年结转数（视为尚未办结）：请按本年实际办理结果调整"]
    published = today if today.year > year else deadline(unit, year)
    path = report_path(content_dir, unit, year)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:
        prose = measured_prose(unit, year, today, documents, reports, list(registers), ledger or Ledger())
        file.write(report_text(unit, year, values, prose, {"发布日期": published}, notes))
    return path


def measured_prose(
    unit: Unit,
    year: int,
    today: dt.date,
    documents: list,
    reports: list[AnnualReport],
    registers: list[Register],
    ledger: Ledger,
) -> dict[str, str]:
    """Sections 一 and 五 drafted from the year's measures, each opening with DRAFT_MARK for the clerk to remove."""
    period = Period(dt.date(year, 1, 1), min(dt.date(year, 12, 31), today))
    m = performance(documents, reports, registers, ledger, unit, period)
    t, i, c, tasks = m.timeliness, m.interpretations, m.consultations, m.tasks
    overview = [
        f"{year}年，{unit.name}在本平台主动公开政府信息{t.published}件，其中自成文之日起20个工作日内公开"
        f"{t.on_time}件，按时公开率{percent(t.share)}。"
    ]
    if i.policies:
        overview.append(
            f"发布规章和行政规范性文件{i.policies}件，与文件同步发布政策解读{len(i.same_day)}件，"
            f"滞后发布{len(i.later)}件，尚未解读{len(i.missing)}件。"
        )
    if c.closed:
        overview.append(f"公开征求意见{len(c.closed)}次，已公布意见采纳情况{len(c.answered)}次。")
    present = [state for state in m.registers if state.present and not state.generated]
    if present:
        overview.append(
            "在本平台公开"
            + "、".join(
                state.name + (f"（最近更新于{state.updated.year}年{state.updated.month}月）" if state.updated else "")
                for state in present
            )
            + "。"
        )
    if tasks.total:
        overview.append(
            f"承担政务公开工作计划任务{tasks.total}项，截至{period.end.month}月{period.end.day}日已完成"
            f"{tasks['已完成']}项、正在推进{tasks['进行中']}项"
            + (f"，逾期{tasks.overdue}项" if tasks.overdue else "")
            + "。"
        )
    problems = []
    if t.late:
        latest = max(t.late, key=lambda late: (late.document.published - late.deadline).days)
        problems.append(f"{len(t.late)}件信息超过20个工作日才公开（如《{latest.document.title}》）。")
    if i.missing:
        problems.append(f"{len(i.missing)}件规范性文件尚未发布政策解读。")
    if i.later:
        problems.append(f"{len(i.later)}件规范性文件的解读晚于文件发布。")
    if m.stale_registers:
        problems.append("、".join(state.name for state in m.stale_registers) + "超过12个月未更新或未注明更新日期。")
    if c.unanswered:
        problems.append(f"{len(c.unanswered)}次意见征集尚未公布意见采纳情况。")
    if tasks.overdue:
        problems.append(f"{tasks.overdue}项工作计划任务逾期未完成。")
    issues = (
        "本平台统计发现的问题：\n" + "\n".join(f"{n}. {text}" for n, text in enumerate(problems, 1))
        if problems
        else "本平台统计的各项指标未发现问题。"
    )
    return {
        SECTIONS[0]: f"{DRAFT_MARK}\n" + "".join(overview),
        SECTIONS[4]: f"{DRAFT_MARK}\n{issues}\n改进措施：（请填写）",
    }


def report_text(
    unit: Unit,
    year: int,
    values: dict[tuple[ReportRow, str], Number],
    prose: dict[str, str],
    dates: dict[str, dt.date],
    notes: dict[ReportRow, list[str]] | None = None,
    preface: str = "",
) -> str:
    """The data file: missing numbers are written as 0, missing prose as an empty section to fill in."""
    notes = notes or {}
    lines = [
        f"# {unit.name}{year}年政府信息公开工作年度报告",
        "# 格式：《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）。",
        f"# 单位和年度由本文件的位置决定：{REPORTS_FOLDER}/{unit.name}/{year}.yml。",
        "# 每一格都要填数字，没有的填 0；xxgk check 核对各表的勾稽关系。",
    ]
    for key in DATE_FIELDS:
        value = dates.get(key)
        hint = (
            "在本平台公布的日期（必填）；晚于构建日期的报告到期才发布" if key == "发布日期" else "报告落款日期（选填）"
        )
        lines.append(f"{key}: {value.isoformat() if value else ''}".rstrip() + f"  # {hint}")
    if preface:
        lines += ["", "前言: |"] + _indented(preface)
    for section in SECTIONS:
        lines.append("")
        if section in PROSE_HINTS:
            lines.append(f"# {section}：{PROSE_HINTS[section]}。在下一行起书写，每行缩进两个空格。")
            lines.append(f"{section}: |")
            lines += _indented(prose.get(section, ""))
            continue
        table = next(t for t, s in TABLE_SECTIONS.items() if s == section)
        lines.append(f"{section}:")
        written: set[tuple[str, ...]] = set()
        for declared in (r for r in ROWS if r.table == table):
            for depth, key in enumerate(declared.path[:-1]):
                if declared.path[: depth + 1] not in written:
                    written.add(declared.path[: depth + 1])
                    lines.append("  " * (depth + 1) + f"{key}:")
            indent = "  " * len(declared.path)
            for note in notes.get(declared, []):
                lines.append(f"{indent}# {note}")
            cells = ", ".join(f"{column}: {values.get((declared, column), 0)}" for column in declared.columns)
            lines.append(f"{indent}{declared.path[-1]}: {{{cells}}}")
    return "\n".join(lines) + "\n"


def _indented(text: str) -> list[str]:
    return [f"  {line}" if line.strip() else "" for line in text.strip().splitlines()]
