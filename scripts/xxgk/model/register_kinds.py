"""The three registers staff keep in spreadsheets, declared: 权责清单, 政务公开事项标准目录 and 办事指南.

Each `RegisterKind` names its folder below content/, its address, and its columns
(required or not, controlled by a vocabulary, phone numbers, dates, the other
headers staff use for them). The loader (`registers`), the pages, the downloads
and the staff guide's column tables (`column_reference`) all read these.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from xxgk.model.keys import Keys
from xxgk.model.units import Unit


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    vocabulary: str | None = None  # the controlled values, by vocabulary name
    multiple: bool = False  # several values, separated by 、
    aliases: tuple[str, ...] = ()  # other headers staff use for it
    phone: bool = False  # phone numbers: a number cell has lost its leading 0
    date: bool = False  # a date, kept as YYYY-MM-DD
    web_address: bool = False  # an address readers open from the page: absolute http(s) only
    whole_number: bool = False  # a number such as a task's 序号: a number cell or YAML number is its digits


@dataclass(frozen=True)
class RegisterKind:
    name: str  # 权责清单
    folder: str  # below content/
    code: str  # its address on the site
    columns: tuple[Column, ...]
    title_column: str  # the column that names a row
    facets: tuple[str, ...]  # the columns readers filter by
    shown: tuple[str, ...]  # the columns of the table; the others are in each row's details

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def keys(self) -> Keys:
        """Its columns as staff head them: by name or alias, spaces, brackets and required-marks aside."""
        aliases = {normalise_header(alias): column.name for column in self.columns for alias in column.aliases}
        return Keys.named("列", self.column_names, aliases=aliases, normalise=normalise_header)


POWERS = RegisterKind(
    "权责清单",
    "权责清单",
    "qzqd",
    columns=(
        Column("事项编码", False, aliases=("编码",)),
        Column("事项名称", True, aliases=("权力事项名称", "职权名称")),
        Column("事项类型", True, vocabulary="事项类型", aliases=("权力类型", "职权类型")),
        Column("实施依据", True, aliases=("设定依据",)),
        Column("实施主体", True),
        Column("承办机构", False, aliases=("承办科室",)),
        Column("责任事项", True),
        Column("追责情形", True, aliases=("追责情形及依据",)),
        Column("监督电话", True, phone=True),
        Column("备注", False),
        Column("更新日期", False, date=True),
    ),
    title_column="事项名称",
    facets=("事项类型",),
    shown=("事项名称", "事项类型", "实施主体", "承办机构", "监督电话"),
)

CATALOGUE = RegisterKind(
    "政务公开事项标准目录",
    "标准目录",
    "bzml",
    columns=(
        Column("领域", True, aliases=("公开领域",)),
        Column("一级事项", True, aliases=("公开事项（一级事项）", "公开事项（一级）")),
        Column("二级事项", True, aliases=("公开事项（二级事项）", "公开事项（二级）")),
        Column("公开内容（要素）", True, aliases=("公开内容", "公开内容要素")),
        Column("公开依据", True),
        Column("公开时限", True),
        Column("公开主体", True),
        Column("公开渠道和载体", True, vocabulary="公开渠道", multiple=True, aliases=("公开渠道",)),
        Column("公开对象", True, vocabulary="公开对象", multiple=True),
        Column("公开方式", True, vocabulary="公开方式", multiple=True),
        Column("公开层级", True, vocabulary="公开层级", multiple=True),
        Column("备注", False),
        Column("更新日期", False, date=True),
    ),
    title_column="二级事项",
    facets=("领域", "公开方式", "公开层级"),
    shown=("领域", "一级事项", "二级事项", "公开主体", "公开对象", "公开方式", "公开层级"),
)

SERVICE_GUIDES = RegisterKind(
    "办事指南",
    "办事指南",
    "bszn",
    columns=(
        Column("事项名称", True),
        Column("事项类型", True, vocabulary="事项类型"),
        Column("设定依据", True, aliases=("办理依据", "实施依据")),
        Column("受理条件", True, aliases=("申请条件",)),
        Column("申请材料", True, aliases=("申请材料目录",)),
        Column("办理流程", True, aliases=("办事流程",)),
        Column("法定办结时限", True, aliases=("法定时限",)),
        Column("承诺办结时限", True, aliases=("承诺时限",)),
        Column("收费标准", True, aliases=("收费依据及标准", "是否收费")),
        Column("办理地点", True, aliases=("受理地点",)),
        Column("办理时间", True, aliases=("受理时间",)),
        Column("咨询电话", True, phone=True, aliases=("咨询方式",)),
        Column("监督电话", True, phone=True, aliases=("投诉电话", "监督投诉电话")),
        Column("网上办理", False, aliases=("网上办理地址", "在线办理"), web_address=True),
        Column("更新日期", True, date=True),
    ),
    title_column="事项名称",
    facets=("事项类型",),
    shown=("事项名称", "事项类型", "承诺办结时限", "办理地点", "咨询电话"),
)

KINDS = (POWERS, CATALOGUE, SERVICE_GUIDES)


@dataclass(frozen=True)
class RegisterRow:
    number: int  # the row in the spreadsheet (the line in a YAML file)
    values: dict[str, str]  # column name -> text; several values joined with 、

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def terms(self, column: str) -> list[str]:
        return [term for term in self.get(column).split("、") if term]


@dataclass
class Register:
    kind: RegisterKind
    unit: Unit
    path: PurePath  # as the user sees it
    rows: list[RegisterRow] = field(default_factory=list)


STALE_MONTHS = 12  # a register or guide not updated for longer is due for review (及时更新)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day when it has fewer days).

    >>> months_before(dt.date(2027, 2, 28), 12), months_before(dt.date(2026, 3, 31), 1)
    (datetime.date(2026, 2, 28), datetime.date(2026, 2, 28))
    """
    month = day.year * 12 + day.month - 1 - months
    year, month = divmod(month, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def normalise_header(text: Any) -> str:
    """A header as typed, made comparable: no spaces, full-width brackets, no required-marks.

    >>> normalise_header(" *公开内容(要素) ")
    '公开内容（要素）'
    """
    text = re.sub(r"\s+", "", str(text or "")).replace("(", "（").replace(")", "）")
    return text.strip("*＊")


def column_reference(kind: RegisterKind) -> str:
    """The columns of a register as a Markdown table (README)."""
    lines = ["| 列名 | 必填 | 值 | 也接受的列名 |", "| --- | --- | --- | --- |"]
    for column in kind.columns:
        values = (
            f"词表：{column.vocabulary}" + ("，可多个，以 、 分隔" if column.multiple else "")
            if column.vocabulary
            else ("电话号码（文本）" if column.phone else "日期 YYYY-MM-DD" if column.date else "文字")
        )
        lines.append(
            f"| {column.name} | {'是' if column.required else '否'} | {values} | {'、'.join(column.aliases)} |"
        )
    return "\n".join(lines) + "\n"
