"""The task ledger (任务台账): every plan's tasks, their units, and what each unit reported, as of a date.

A plan is a document with `任务台账: 是`; its tasks come from its text
(`plans.parse_tasks`), its units from the registry (`plans.assign`), the progress
from each unit's file (`progress`). `load_ledger` joins them and names every row
that points nowhere; the statuses are asked for a date, so the site, the checks
and the annual report all see the same thing:

- a unit's status on a task is its row's 状态 if the row's 日期 has come (未报送
  when it has no row, or only a later one);
- a task is 已完成 when all its units are, 进行中 when any has started or finished,
  未开始 when all that reported have not started, 未报送 when none reported;
- a task or a unit's share of it is 逾期 when its 完成时限 is a day before the
  date and it is not done.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from xxgk.model.documents import Document
from xxgk.model.identifiers import canonical_doc_number, parse_index_number
from xxgk.model.plans import Assignment, Task, assign, parse_tasks
from xxgk.model.problems import Problem
from xxgk.model.register_kinds import Register
from xxgk.model.task_progress import DONE, NOT_REPORTED, NOT_STARTED, UNDER_WAY
from xxgk.model.units import Unit
from xxgk.model.vocabulary import suggestion

STATUSES = (DONE, UNDER_WAY, NOT_STARTED, NOT_REPORTED)  # in the order pages list them
OVERDUE = "逾期"
_INDEX_NUMBERS = re.compile(r"[，,、；;\s]+")


@dataclass(frozen=True)
class TaskProgress:
    """One row of a unit's progress file, resolved."""

    unit: Unit
    status: str
    date: dt.date | None
    note: str
    documents: tuple[str, ...]  # 索引号 of the documents that deliver the task
    path: PurePath
    row: int

    def applies(self, as_of: dt.date) -> bool:
        return self.date is None or self.date <= as_of


@dataclass
class LedgerTask:
    plan: Document
    task: Task
    assignment: Assignment
    progress: dict[str, TaskProgress] = field(default_factory=dict)  # unit name -> its row

    @functools.cached_property  # after load_ledger has joined the progress, which never changes again
    def units(self) -> tuple[Unit, ...]:
        """The units the plan names, then any other unit that reported on the task."""
        extra = tuple(p.unit for p in self.progress.values() if p.unit not in self.assignment.units)
        return self.assignment.units + extra

    def report(self, unit: Unit, as_of: dt.date) -> TaskProgress | None:
        found = self.progress.get(unit.name)
        return found if found and found.applies(as_of) else None

    def unit_status(self, unit: Unit, as_of: dt.date) -> str:
        found = self.report(unit, as_of)
        return found.status if found else NOT_REPORTED

    def status(self, as_of: dt.date) -> str:
        statuses = [self.unit_status(unit, as_of) for unit in self.units]
        if statuses and all(s == DONE for s in statuses):
            return DONE
        if any(s in (DONE, UNDER_WAY) for s in statuses):
            return UNDER_WAY
        if any(s == NOT_STARTED for s in statuses):
            return NOT_STARTED
        return NOT_REPORTED

    def is_due(self, as_of: dt.date) -> bool:
        due = self.task.deadline.due
        return due is not None and due < as_of

    def overdue(self, as_of: dt.date) -> bool:
        return self.is_due(as_of) and self.status(as_of) != DONE

    def unit_overdue(self, unit: Unit, as_of: dt.date) -> bool:
        return self.is_due(as_of) and self.unit_status(unit, as_of) != DONE

    def done_late(self, unit: Unit, as_of: dt.date) -> bool:
        """Done, but after the 完成时限."""
        found = self.report(unit, as_of)
        due = self.task.deadline.due
        return bool(found and found.status == DONE and due and found.date and found.date > due)

    def counts(self, as_of: dt.date) -> Counter:
        """How many of its units are in each status."""
        return Counter(self.unit_status(unit, as_of) for unit in self.units)


@dataclass
class Plan:
    document: Document
    tasks: list[LedgerTask]


@dataclass
class Ledger:
    plans: list[Plan] = field(default_factory=list)

    def tasks(self) -> list[LedgerTask]:
        return [task for plan in self.plans for task in plan.tasks]

    def plan_of(self, document: Document) -> Plan | None:
        return next((plan for plan in self.plans if plan.document is document), None)

    def tasks_of(self, unit: Unit) -> list[LedgerTask]:
        """The tasks a unit leads, shares or reported on."""
        return [task for task in self.tasks() if unit in task.units]


def load_ledger(
    documents: list[Document], units: list[Unit], registers: list[Register], county: str = ""
) -> tuple[Ledger, list[Problem]]:
    """The plans' tasks with the progress rows joined; a problem for every row that points nowhere."""
    plans = [
        Plan(
            document,
            [
                LedgerTask(document, task, assign(task, units, county))
                for task in parse_tasks(document.body, document.written.year)
            ],
        )
        for document in sorted(documents, key=lambda d: (d.published, str(d.index_number)))
        if document.task_ledger
    ]
    known = {str(document.index_number) for document in documents}
    problems = []
    for register in registers:
        for row in register.rows:

            def problem(name: str, message: str, warning: bool = False, row=row, register=register) -> None:
                problems.append(Problem(register.path, row.number, name, message, warning=warning))

            plan = _plan(plans, row.get("计划"), problem)
            task = _task(plan, row.get("任务"), problem) if plan else None
            numbers = []
            for written in (n for n in _INDEX_NUMBERS.split(row.get("文件")) if n):
                number = parse_index_number(written)
                if number is None:
                    problem("文件", f"「{written}」不是索引号：应为 统一社会信用代码/年份-五位流水号，多个用 、 分隔")
                elif str(number) not in known:
                    problem("文件", f"没有索引号为 {number} 的文件")
                else:
                    numbers.append(str(number))
            date = dt.date.fromisoformat(row.get("日期")) if row.get("日期") else None
            if row.get("状态") == DONE and date is None:
                problem("日期", "状态为已完成时必须填写完成的日期（YYYY-MM-DD）")
            if task is None:
                continue
            unit = register.unit
            if unit.name in task.progress:
                first = task.progress[unit.name].row
                problem("任务", f"第 {first} 行已登记了这项任务：每项任务只写一行，请合并")
                continue
            if unit not in task.assignment.units:
                problem(
                    "任务",
                    f"{unit.name}不是这项任务（{task.task.place}）的牵头单位或责任单位：请核对任务序号",
                    warning=True,
                )
            task.progress[unit.name] = TaskProgress(
                unit, row.get("状态"), date, row.get("说明"), tuple(numbers), register.path, row.number
            )
    return Ledger(plans), problems


def _plan(plans: list[Plan], written: str, problem) -> Plan | None:
    if not written:
        return None
    number = parse_index_number(written)
    doc_number = canonical_doc_number(written)
    for plan in plans:
        document = plan.document
        if (number and str(number) == str(document.index_number)) or (doc_number and doc_number == document.doc_number):
            return plan
    names = [plan.document.doc_number or str(plan.document.index_number) for plan in plans]
    if not names:
        problem("计划", f"「{written}」：没有标为 任务台账: 是 的文件，请先在工作计划的元数据中写 任务台账: 是")
    else:
        problem("计划", f"「{written}」不是任务台账文件的发文字号或索引号；" + suggestion(written, names))
    return None


def _task(plan: Plan, written: str, problem) -> LedgerTask | None:
    text = written.strip().replace("(", "（").replace(")", "）")
    if text.isdigit():
        number = int(text)
        if 1 <= number <= len(plan.tasks):
            return plan.tasks[number - 1]
        problem("任务", f"「{written}」：这份计划共有 {len(plan.tasks)} 项任务，序号应为 1 到 {len(plan.tasks)}")
        return None
    matching = [task for task in plan.tasks if task.task.path == text]
    if len(matching) == 1:
        return matching[0]
    if matching:
        numbers = "、".join(str(task.task.number) for task in matching)
        problem("任务", f"「{written}」下有 {len(matching)} 项任务（序号 {numbers}）：请写序号")
    else:
        problem("任务", f"这份计划中没有「{written}」：请写任务的序号（1 到 {len(plan.tasks)}）或位置，如 一（二）")
    return None
