"""Open data of 政务公开工作情况 and the 任务台账: CSV, XLSX and JSON, as data/ writes the documents'.

The measures: one row per unit and one for the county (全县), each number of each
measure in a column of its own; the JSON adds the period and every definition.
The ledger: one row per task and unit (a task with no unit of the registry gets one
row without a unit), with the plan, the task as the plan writes it and the unit's
progress on the build date.
"""

from __future__ import annotations

import datetime as dt

from xxgk.model import urls
from xxgk.model.ledger import LedgerTask
from xxgk.model.measures import DEFINITIONS, REGISTER_NAMES, TASK_STATUSES, Performance, percent
from xxgk.model.spreadsheets import csv_bytes, xlsx_bytes
from xxgk.site.outputs.open_data import json_bytes

MEASURE_FIELDS = (
    ("单位", "单位名称；“全县”为全县合计"),
    ("统一社会信用代码", "单位的统一社会信用代码"),
    ("发布信息数", "统计期内发布的信息件数"),
    ("按时发布数", "其中不晚于成文日期后第20个工作日发布的件数"),
    ("逾期发布数", "其中晚于该日发布的件数"),
    ("按时公开率", "按时发布数 ÷（按时发布数 + 逾期发布数）"),
    ("规范性文件数", "统计期内发布的规章和行政规范性文件件数"),
    ("同步解读数", "与文件同日发布解读的件数"),
    ("滞后解读数", "解读晚于文件发布的件数"),
    ("未解读数", "尚未发布解读的件数"),
    ("解读率", "（同步解读数 + 滞后解读数）÷ 规范性文件数"),
    *((f"{name}更新日期", f"{name}的最近更新日期；“未公开”“未注明”“按名册生成”如字面") for name in REGISTER_NAMES),
    ("待更新清单目录", "超过12个月未更新或未注明日期的清单目录"),
    ("年报年度", "统计的年度报告所属年度"),
    ("年报应发布日期", "法定的最迟发布日期"),
    ("年报发布日期", "在本平台发布的日期"),
    ("年报情况", "按时发布、逾期发布、未发布或未到期"),
    ("已结束意见征集数", "统计期内征集截止的意见征集次数"),
    ("已公布采纳情况数", "其中已公布意见采纳情况的次数"),
    ("意见采纳情况公布率", "已公布采纳情况数 ÷ 已结束意见征集数"),
    ("即将到期文件数", "现行有效、有效期至在今后90天内的规范性文件件数"),
    ("任务数", "工作计划中由本单位牵头或承担的任务数（全县为任务总数）"),
    *((f"{status}任务数", f"状态为{status}的任务数") for status in TASK_STATUSES),
    ("逾期任务数", "完成时限已过而未完成的任务数"),
)
LEDGER_FIELDS = (
    ("计划", "工作计划的标题"),
    ("计划发文字号", "工作计划的发文字号"),
    ("计划索引号", "工作计划的索引号"),
    ("序号", "任务在计划中的序号"),
    ("位置", "任务所在的标题层次，如 一（二）"),
    ("任务", "任务原文（不含括号内的分工）"),
    ("牵头单位", "计划原文写明的牵头单位"),
    ("责任单位", "计划原文写明的责任单位"),
    ("完成时限", "计划原文写明的完成时限"),
    ("截止日期", "完成时限的最后一天；长期、定期或未注明的为空"),
    ("单位", "承担任务的单位（名册中的单位）"),
    ("分工", "牵头、责任，或协助（计划未列出但报送了进展）"),
    ("状态", "该单位报送的状态：已完成、进行中、未开始；未报送进展的为未报送"),
    ("进展日期", "该状态的日期（已完成为完成日期）"),
    ("说明", "该单位报送的进展说明"),
    ("成果文件", "体现任务落实的文件的索引号，多个以；分隔"),
    ("逾期", "截止日期已过而该单位尚未完成的为“是”"),
)


def oversight_files(
    county: Performance, units: list[Performance], build_date: dt.date, site_url: str
) -> dict[str, bytes]:
    rows = [_measure_row(item) for item in [county, *units]]
    header = [name for name, _ in MEASURE_FIELDS]
    table = [[row[name] for name in header] for row in rows]
    return {
        urls.file_in(urls.DATA, "gzqk.csv"): csv_bytes(header, table),
        urls.file_in(urls.DATA, "gzqk.xlsx"): xlsx_bytes("政务公开工作情况", header, table, build_date),
        urls.file_in(urls.DATA, "gzqk.json"): json_bytes(
            {
                "生成日期": build_date.isoformat(),
                "统计期": {"开始": county.period.start.isoformat(), "结束": county.period.end.isoformat()},
                "地址": site_url + urls.OVERSIGHT,
                "指标定义": DEFINITIONS,
                "字段": dict(MEASURE_FIELDS),
                "数据": rows,
            }
        ),
    }


def ledger_files(tasks: list[LedgerTask], build_date: dt.date, site_url: str) -> dict[str, bytes]:
    rows = [row for item in tasks for row in _ledger_rows(item, build_date)]
    header = [name for name, _ in LEDGER_FIELDS]
    table = [[row[name] for name in header] for row in rows]
    return {
        urls.file_in(urls.DATA, "rwtz.csv"): csv_bytes(header, table),
        urls.file_in(urls.DATA, "rwtz.xlsx"): xlsx_bytes("任务台账", header, table, build_date),
        urls.file_in(urls.DATA, "rwtz.json"): json_bytes(
            {
                "生成日期": build_date.isoformat(),
                "地址": site_url + urls.LEDGER,
                "字段": dict(LEDGER_FIELDS),
                "数据": rows,
            }
        ),
    }


def measure_downloads() -> dict[str, str]:
    return {kind: urls.file_in(urls.DATA, f"gzqk.{kind.lower()}") for kind in ("CSV", "XLSX", "JSON")}


def ledger_downloads() -> dict[str, str]:
    return {kind: urls.file_in(urls.DATA, f"rwtz.{kind.lower()}") for kind in ("CSV", "XLSX", "JSON")}


def _measure_row(item: Performance) -> dict[str, str | int]:
    t, i, c = item.timeliness, item.interpretations, item.consultations
    row: dict[str, str | int] = {
        "单位": item.unit.name if item.unit else "全县",
        "统一社会信用代码": item.unit.code if item.unit else "",
        "发布信息数": t.published,
        "按时发布数": t.on_time,
        "逾期发布数": len(t.late),
        "按时公开率": percent(t.share),
        "规范性文件数": i.policies,
        "同步解读数": len(i.same_day),
        "滞后解读数": len(i.later),
        "未解读数": len(i.missing),
        "解读率": percent(i.share),
    }
    states = {state.name: state for state in item.registers}
    for name in REGISTER_NAMES:
        state = states.get(name)
        row[f"{name}更新日期"] = (
            ""
            if state is None
            else "未公开"
            if not state.present
            else "按名册生成"
            if state.generated
            else state.updated.isoformat()
            if state.updated
            else "未注明"
        )
    row["待更新清单目录"] = "；".join(state.name for state in item.stale_registers)
    report = item.report
    row["年报年度"] = report.year if report else ""
    row["年报应发布日期"] = report.due.isoformat() if report else ""
    row["年报发布日期"] = report.published.isoformat() if report and report.published else ""
    row["年报情况"] = report.status if report else ""
    row["已结束意见征集数"] = len(c.closed)
    row["已公布采纳情况数"] = len(c.answered)
    row["意见采纳情况公布率"] = percent(c.share)
    row["即将到期文件数"] = len(item.expiring)
    row["任务数"] = item.tasks.total
    for status in TASK_STATUSES:
        row[f"{status}任务数"] = item.tasks[status]
    row["逾期任务数"] = item.tasks.overdue
    return row


def _ledger_rows(item: LedgerTask, day: dt.date) -> list[dict[str, str | int]]:
    task, plan = item.task, item.plan
    base: dict[str, str | int] = {
        "计划": plan.title,
        "计划发文字号": plan.doc_number,
        "计划索引号": str(plan.index_number),
        "序号": task.number,
        "位置": task.path,
        "任务": task.text,
        "牵头单位": "、".join(task.lead),
        "责任单位": "、".join(task.responsible),
        "完成时限": task.deadline.text,
        "截止日期": task.deadline.due.isoformat() if task.deadline.due else "",
    }
    if not item.units:
        return [base | dict.fromkeys(("单位", "分工", "进展日期", "说明", "成果文件"), "") | _progress(item, day)]
    rows = []
    for unit in item.units:
        report = item.report(unit, day)
        rows.append(
            base
            | {
                "单位": unit.name,
                "分工": item.assignment.role(unit) if unit in item.assignment.units else "协助",
                "状态": item.unit_status(unit, day),
                "进展日期": report.date.isoformat() if report and report.date else "",
                "说明": report.note if report else "",
                "成果文件": "；".join(report.documents) if report else "",
                "逾期": "是" if item.unit_overdue(unit, day) else "",
            }
        )
    return rows


def _progress(item: LedgerTask, day: dt.date) -> dict[str, str]:
    return {"状态": item.status(day), "逾期": "是" if item.overdue(day) else ""}
