"""The national format of the annual report (国办公开办函〔2021〕30号), declared once.

The sections, the rows and columns of tables 二, 三 and 四 (`ROWS`), what a loaded
report holds (`AnnualReport`), when it is due and where its data file lives. The
loader (`reports`), the rules (`report_rules`), the scaffold, the page and the
downloads all read this module; a report's 表二 regulation counts are `report_norms`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePath

from xxgk.model import urls
from xxgk.model.keys import Keys
from xxgk.model.units import Unit

REPORTS_FOLDER = "年报"
ANNUAL_REPORTS = "政府信息公开年报"  # the column, and the 信息类别 of reports kept as documents
FIRST_YEAR = 2008  # the first 条例 took effect on 2008-05-01

SECTIONS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
PROSE_SECTIONS = (SECTIONS[0], SECTIONS[4], SECTIONS[5])
TABLE_SECTIONS = {"表二": SECTIONS[1], "表三": SECTIONS[2], "表四": SECTIONS[3]}
PREFACE = "前言"
DATE_FIELDS = ("成文日期", "发布日期")
TOP_LEVEL_KEYS = Keys.named("栏目", DATE_FIELDS + (PREFACE,) + SECTIONS)
# The first line of prose `xxgk report new` drafted from the site's figures: the check asks for it to go, so
# nothing is published before a person has read and completed the draft.
DRAFT_MARK = "【草稿：以下由本平台按公开内容预填，请核对数字、补充说明后删除本行】"
PROSE_HINTS = {
    SECTIONS[0]: "本年度政府信息公开工作的总体情况",
    SECTIONS[4]: "存在的主要问题和改进情况（含上年度问题的整改情况）",
    SECTIONS[5]: "其他需要报告的事项（如收取信息处理费的情况）；没有的写“无”",
}


@dataclass(frozen=True)
class ReportRow:
    """One row of a table: its keys in the data file (which are the format's labels) and its columns."""

    table: str  # 表二 / 表三 / 表四
    path: tuple[str, ...]  # keys below the table's section, outermost first
    columns: tuple[str, ...]
    label: str  # how messages name the row
    amount: bool = False  # 万元, a non-negative number; otherwise a count


# -- 表二 主动公开政府信息情况 ------------------------------------------------------
REGULATION_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")
DECISIONS = ("本年处理决定数量",)
FEES = ("本年收费金额（单位：万元）",)
TABLE2_GROUPS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("第二十条第（一）项", REGULATION_COLUMNS, ("规章", "行政规范性文件")),
    ("第二十条第（五）项", DECISIONS, ("行政许可",)),
    ("第二十条第（六）项", DECISIONS, ("行政处罚", "行政强制")),
    ("第二十条第（八）项", FEES, ("行政事业性收费",)),
)
TABLE2_ITEM_HEADING = "信息内容"

# -- 表三 收到和处理政府信息公开申请情况 ------------------------------------------------
APPLICANTS = "申请人情况"
NATURAL_PERSON = "自然人"
ORGANISATIONS_GROUP = "法人或其他组织"
ORGANISATIONS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
TOTAL = "总计"
TABLE3_COLUMNS = (NATURAL_PERSON,) + ORGANISATIONS + (TOTAL,)
TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
RESULTS = "三、本年度办理结果"
CARRIED_OUT = "四、结转下年度继续办理"
RESULTS_TOTAL = "（七）总计"
RESULT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("（一）予以公开", ()),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ()),
    (
        "（三）不予公开",
        (
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        ),
    ),
    ("（四）无法提供", ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")),
    (
        "（五）不予处理",
        (
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        ),
    ),
    (
        "（六）其他处理",
        (
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        ),
    ),
    (RESULTS_TOTAL, ()),
)

# -- 表四 政府信息公开行政复议、行政诉讼情况 ----------------------------------------------
REVIEW = "行政复议"
LITIGATION = "行政诉讼"
LITIGATION_KINDS = ("未经复议直接起诉", "复议后起诉")
OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结")
TABLE4_COLUMNS = OUTCOMES + (TOTAL,)


def _declare_rows() -> tuple[ReportRow, ...]:
    rows = [
        ReportRow("表二", (clause, item), columns, item, amount=columns is FEES)
        for clause, columns, items in TABLE2_GROUPS
        for item in items
    ]
    rows.append(ReportRow("表三", (NEW,), TABLE3_COLUMNS, NEW))
    rows.append(ReportRow("表三", (CARRIED_IN,), TABLE3_COLUMNS, CARRIED_IN))
    for group, items in RESULT_GROUPS:
        if items:
            rows += [ReportRow("表三", (RESULTS, group, item), TABLE3_COLUMNS, f"{group} {item}") for item in items]
        else:
            rows.append(ReportRow("表三", (RESULTS, group), TABLE3_COLUMNS, group))
    rows.append(ReportRow("表三", (CARRIED_OUT,), TABLE3_COLUMNS, CARRIED_OUT))
    rows.append(ReportRow("表四", (REVIEW,), TABLE4_COLUMNS, REVIEW))
    rows += [ReportRow("表四", (LITIGATION, kind), TABLE4_COLUMNS, f"{LITIGATION} {kind}") for kind in LITIGATION_KINDS]
    return tuple(rows)


ROWS: tuple[ReportRow, ...] = _declare_rows()
ROWS_BY_PATH = {(row.table, row.path): row for row in ROWS}
TABLE3_ROWS = tuple(row for row in ROWS if row.table == "表三")
# The rows （七）总计 adds up: （一） to （六） with every item.
RESULT_ITEMS = tuple(row for row in TABLE3_ROWS if row.path[0] == RESULTS and row.path[1] != RESULTS_TOTAL)

Number = int | Decimal


def row(table: str, *path: str) -> ReportRow:
    return ROWS_BY_PATH[(table, path)]


@dataclass
class AnnualReport:
    path: PurePath  # as the user sees it
    unit: Unit
    year: int
    published: dt.date
    written: dt.date | None
    prose: dict[str, str]  # the sections 一, 五 and 六: Markdown
    preface: str
    values: dict[tuple[ReportRow, str], Number]
    lines: dict[tuple, int] = field(default_factory=dict, repr=False)  # key path -> line

    @property
    def url(self) -> str:
        """The permanent address: one report per unit and year."""
        return urls.report(self.unit.code, self.year)

    @property
    def title(self) -> str:
        return f"{self.unit.name}{self.year}年政府信息公开工作年度报告"

    def value(self, row: ReportRow, column: str) -> Number:
        return self.values[(row, column)]

    def line(self, row: ReportRow, column: str | None = None) -> int | None:
        path = (TABLE_SECTIONS[row.table],) + row.path + ((column,) if column else ())
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def default_preface(unit: Unit, year: int) -> str:
    return (
        f"本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
        f"（国办公开办函〔2021〕30号）编制，报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        f"本报告由{unit.name}编制并在本平台公开。"
    )


def deadline(unit: Unit, year: int) -> dt.date:
    """When the report on `year` must be public (条例第四十九条).

    Departments by January 31, the county government by March 31. The 条例 does
    not name townships; counties collect their reports with the departments'.

    >>> deadline(Unit("县政府", "X", "县人民政府"), 2025)
    datetime.date(2026, 3, 31)
    """
    return dt.date(year + 1, 3, 31) if unit.type == "县人民政府" else dt.date(year + 1, 1, 31)


def report_files(content_dir: Path) -> list[Path]:
    """Every data file below content/年报/, except in folders named _… or .… (drafts)."""
    folder = content_dir / REPORTS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix in (".yml", ".yaml")
        and path.is_file()
        and not any(part.startswith(("_", ".")) for part in path.relative_to(content_dir).parts)
    )
