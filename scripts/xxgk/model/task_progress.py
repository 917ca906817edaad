"""What each unit reports about the tasks of the plans (任务进展), one file per unit.

`content/任务进展/<单位名称>.xlsx` (or `.csv`, `.yml`), one row per task the unit
reports on: the plan (its 发文字号 or 索引号), the task (its 序号, or its place such
as 一（二）), 状态 (未开始, 进行中, 已完成), 日期 (of that state: the day it was done),
说明, and 文件, the 索引号 of the documents that deliver it. The file is read and
every cell checked like a register (`registers.load_register`: file:row:column
messages, personal numbers refused); which plan, task and documents a row names
is resolved against the content by `ledger`.
"""

from __future__ import annotations

from pathlib import Path

from xxgk.model.problems import Problem
from xxgk.model.register_kinds import Column, Register, RegisterKind
from xxgk.model.registers import load_folder
from xxgk.model.units import Unit
from xxgk.model.vocabulary import Vocabulary

PROGRESS = RegisterKind(
    "任务进展",
    "任务进展",
    "rwjz",
    columns=(
        Column("计划", True, aliases=("工作计划", "实施方案", "计划文号")),
        Column("任务", True, whole_number=True, aliases=("任务序号", "任务编号")),
        Column("状态", True, vocabulary="进展状态", aliases=("进展状态", "完成情况")),
        Column("日期", False, date=True, aliases=("完成日期", "进展日期")),
        Column("说明", False, aliases=("进展情况", "备注")),
        Column("文件", False, multiple=True, aliases=("相关文件", "成果文件")),
    ),
    title_column="任务",
    facets=(),
    shown=(),
)
DONE, UNDER_WAY, NOT_STARTED = "已完成", "进行中", "未开始"
NOT_REPORTED = "未报送"  # no row for the task: shown, never written


def load_progress(
    content_dir: Path, units: list[Unit], vocabularies: dict[str, Vocabulary]
) -> tuple[list[Register], list[Problem]]:
    """Every unit's progress file; a file with an error gives nothing, as a register does."""
    return load_folder(content_dir, PROGRESS, units, vocabularies)
