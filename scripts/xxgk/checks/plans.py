"""The task ledger's checks: a plan must hold tasks, and a task past its 完成时限 without a result is said.

Overdue tasks are warnings, as of the build date (`xxgk check` and `xxgk build`
list them; publishing goes on): one per task, on the line of its note in the
plan, naming the units that have not reported it done and the file to report in.
"""

from __future__ import annotations

import datetime as dt

from xxgk.model.ledger import Ledger
from xxgk.model.problems import Problem
from xxgk.model.task_progress import PROGRESS


def check_plans(ledger: Ledger) -> list[Problem]:
    """A document marked 任务台账: 是 whose text holds no task."""
    return [
        Problem(
            plan.document.path,
            plan.document.lines.get("任务台账"),
            "任务台账",
            "正文中没有找到任务：每项任务应以（牵头单位：…；责任单位：…；完成时限：…）结尾；"
            "不是工作计划的文件，请删除这一行",
        )
        for plan in ledger.plans
        if not plan.tasks
    ]


def check_overdue_tasks(ledger: Ledger, as_of: dt.date) -> list[Problem]:
    """A warning for each task of a published plan past its 完成时限 and not done by every unit."""
    problems = []
    for plan in ledger.plans:
        if plan.document.published > as_of:
            continue
        for item in plan.tasks:
            if not item.overdue(as_of):
                continue
            task = item.task
            pending = [unit.name for unit in item.units if item.unit_overdue(unit, as_of)]
            who = "、".join(pending[:5]) + (f"等 {len(pending)} 个单位" if len(pending) > 5 else "")
            detail = (
                f"{who}尚未报送完成：请在 content/{PROGRESS.folder}/<单位名称>.yml 中登记进展"
                if pending
                else "没有任何单位登记这项任务的进展"
            )
            problems.append(
                Problem(
                    plan.document.path,
                    plan.document.body_line + task.line - 1,
                    "任务台账",
                    f"任务 {task.number}（{task.place}）完成时限 {task.deadline.due}（{task.deadline.text}）已过，{detail}",
                    warning=True,
                )
            )
    return problems
