"""The registers staff keep in spreadsheets, declared: 权责清单, 政务公开事项标准目录, 办事指南 and 政务新媒体.

Each `RegisterKind` names its folder below content/, its address, and its columns
(required or not, controlled by a vocabulary, phone numbers, dates, the other
headers staff use for them). The loader (`registers`), the pages, the downloads
and the staff guide's column tables (`column_reference`) all read these.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath
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
    image: bool = False  # a picture beside the register file (a QR code), published with the page
    relations: bool = False  # 索引号 of documents, several separated by 、: links both ways
    year: bool = False  # a year, four digits
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
    date_column: str | None = None  # the date that puts a row in the register's feed, newest first
    searched: tuple[str, ...] = ()  # columns found by the site search besides the name and the facets
    description: str = ""  # one line on the 文件库和清单 page
    lede: str = ""  # what the register is, above its table

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

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

NEW_MEDIA = RegisterKind(
    "政务新媒体",
    "政务新媒体",
    "zwxmt",
    columns=(
        Column("账号名称", True, aliases=("名称", "新媒体名称")),
        Column("平台", True, vocabulary="新媒体平台", aliases=("平台类型", "类型")),
        Column("账号", True, aliases=("账号ID", "微信号", "ID")),
        Column("二维码", False, image=True, aliases=("二维码图片",)),
        Column("状态", True, vocabulary="账号状态", aliases=("运行状态",)),
        Column("核查日期", True, date=True, aliases=("最近核查日期", "检查日期")),
        Column("备注", False),
    ),
    title_column="账号名称",
    facets=("平台", "状态"),
    shown=("账号名称", "平台", "账号", "二维码", "状态", "核查日期"),
    date_column="核查日期",
    searched=("账号", "备注"),
    description="县政府和各部门、乡镇开办的微信公众号、微博、抖音等政务新媒体：名称、平台、账号、二维码、运行状态和核查日期",
    lede="开办的政务新媒体账号（国办发〔2018〕123号）。扫描二维码或按账号搜索关注；已关停的账号不再更新，请以正在运行的账号发布的信息为准。",
)

DECISIONS = RegisterKind(
    "重大行政决策事项目录",
    "重大行政决策",
    "zdjc",
    columns=(
        Column("年度", True, year=True),
        Column("决策事项", True, aliases=("事项名称", "决策事项名称")),
        Column("承办单位", True, aliases=("决策承办单位",)),
        Column("决策阶段", True, vocabulary="决策阶段", aliases=("阶段", "进展")),
        Column("计划完成时间", False, aliases=("完成时限",)),
        Column("意见征集", False, relations=True, aliases=("公众参与",)),
        Column("决策文件", False, relations=True),
        Column("政策解读", False, relations=True, aliases=("解读",)),
        Column("更新日期", True, date=True),
        Column("备注", False),
    ),
    title_column="决策事项",
    facets=("年度", "决策阶段"),
    shown=("年度", "决策事项", "承办单位", "决策阶段", "意见征集", "决策文件", "政策解读", "更新日期"),
    date_column="更新日期",
    searched=("承办单位",),
    description="每年的重大行政决策事项目录（国务院令第713号）：每项决策的承办单位和所处阶段，链接其意见征集、决策文件和解读",
    lede="的重大行政决策事项目录（《重大行政决策程序暂行条例》）。每项决策经公众参与（征求意见）、专家论证、风险评估、"
    "合法性审查和集体讨论决定后公布，并对执行情况进行评估；表中链接各阶段公开的文件。",
)

PUBLIC_ENTERPRISES = RegisterKind(
    "公共企事业单位信息公开",
    "公共企事业单位",
    "ggqsy",
    columns=(
        Column("行业", True, vocabulary="公共企事业行业", aliases=("领域", "行业领域")),
        Column("单位名称", True, aliases=("企事业单位名称", "名称")),
        Column("公开内容", True, aliases=("应公开内容", "公开事项")),
        Column("公开网址", False, web_address=True, aliases=("公开渠道", "网址")),
        Column("相关文件", False, relations=True),
        Column("更新日期", True, date=True),
        Column("备注", False),
    ),
    title_column="单位名称",
    facets=("行业",),
    shown=("行业", "单位名称", "公开内容", "公开网址", "相关文件", "更新日期"),
    date_column="更新日期",
    searched=("公开内容",),
    description="教育、卫生健康、供水、供电、供气、供热、生态环境、公共交通等行业的公共企事业单位，"
    "按主管部门列出各单位应当公开的内容和公开的地方（国办发〔2020〕50号）",
    lede="主管的公共企事业单位及其应当公开的信息（《公共企事业单位信息公开规定制定办法》，国办发〔2020〕50号）。"
    "各单位在自己的网站或公开栏公开，主管部门负责监督；点击网址或文件查看公开的内容。",
)

MARKET_RULES = RegisterKind(
    "市场监管规则和标准",
    "市场监管规则和标准",
    "scjg",
    columns=(
        Column("名称", True, aliases=("规则名称", "标准名称")),
        Column("类别", True, vocabulary="规则标准类别", aliases=("类型",)),
        Column("文号或标准号", False, aliases=("文号", "标准号", "编号")),
        Column("发布机关", True, aliases=("制定机关", "发布单位")),
        Column("实施日期", True, date=True, aliases=("施行日期",)),
        Column("状态", True, vocabulary="规则标准状态", aliases=("效力状态", "时效性")),
        Column("全文链接", False, web_address=True, aliases=("链接", "网址")),
        Column("相关文件", False, relations=True),
        Column("更新日期", True, date=True),
        Column("备注", False),
    ),
    title_column="名称",
    facets=("类别", "状态"),
    shown=("名称", "类别", "文号或标准号", "发布机关", "实施日期", "状态", "全文链接"),
    date_column="更新日期",
    searched=("文号或标准号", "发布机关"),
    description="市场监管部门执行的法律、法规、规章、规范性文件和标准：文号或标准号、实施日期和效力状态（优化营商环境，向市场主体公开监管规则和标准）",
    lede="执行的市场监管规则和标准，向市场主体全面公开（优化营商环境）。状态以本表更新日期为准；尚未施行的标准请留意实施日期。",
)

KINDS = (POWERS, CATALOGUE, SERVICE_GUIDES, NEW_MEDIA, DECISIONS, PUBLIC_ENTERPRISES, MARKET_RULES)


@dataclass(frozen=True)
class RegisterRow:
    number: int  # the row in the spreadsheet (the line in a YAML file)
    values: dict[str, str]  # column name -> text; several values joined with 、
    files: dict[str, Path] = field(default_factory=dict)  # an image column -> the picture on disk

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
            else (
                "电话号码（文本）"
                if column.phone
                else "日期 YYYY-MM-DD"
                if column.date
                else "图片文件名（与清单放在同一文件夹，.png 或 .jpg）"
                if column.image
                else "网址（http:// 或 https://）"
                if column.web_address
                else "索引号，可多个，以 、 分隔"
                if column.relations
                else "年份，四位数字"
                if column.year
                else "文字"
            )
        )
        lines.append(
            f"| {column.name} | {'是' if column.required else '否'} | {values} | {'、'.join(column.aliases)} |"
        )
    return "\n".join(lines) + "\n"
