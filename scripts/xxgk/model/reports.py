"""Annual reports (政府信息公开工作年度报告) in the national format of 国办公开办函〔2021〕30号.

A unit keeps each year's report as one YAML file, `content/年报/<单位>/<年份>.yml`:
the prose of sections 一, 五 and 六 and the numbers of tables 二, 三 and 四. This
module declares the format once (the loader, the checks, the scaffold, the page
and the downloads all read `SECTIONS` and `ROWS`), loads those files and checks
every consistency rule (勾稽关系). A report with an error is not published.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any

import yaml

from xxgk.model import urls
from xxgk.model.documents import Document
from xxgk.model.keys import Keys
from xxgk.model.lifecycle import Lifecycle, is_regulation
from xxgk.model.problems import Problem, errors, shown_path
from xxgk.model.report_norms import Count, count_regulations, describe
from xxgk.model.sources import SourceError, parse_yaml, read_text
from xxgk.model.units import Unit, find_unit
from xxgk.model.vocabulary import suggestion

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
    ("（三）不予公开", (
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项")),
    ("（四）无法提供", ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")),
    ("（五）不予处理", (
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息")),
    ("（六）其他处理", (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他")),
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
        for clause, columns, items in TABLE2_GROUPS for item in items
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
    return (f"本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
            f"（国办公开办函〔2021〕30号）编制，报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
            f"本报告由{unit.name}编制并在本平台公开。")


def deadline(unit: Unit, year: int) -> dt.date:
    """When the report on `year` must be public (条例第四十九条).

    Departments by January 31, the county government by March 31. The 条例 does
    not name townships; counties collect their reports with the departments'.

    >>> deadline(Unit("县政府", "X", "县人民政府"), 2025)
    datetime.date(2026, 3, 31)
    """
    return dt.date(year + 1, 3, 31) if unit.type == "县人民政府" else dt.date(year + 1, 1, 31)


# -- loading ------------------------------------------------------------------------


def report_files(content_dir: Path) -> list[Path]:
    """Every data file below content/年报/, except in folders named _… or .… (drafts)."""
    folder = content_dir / REPORTS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.rglob("*")
        if path.suffix in (".yml", ".yaml") and path.is_file()
        and not any(part.startswith(("_", ".")) for part in path.relative_to(content_dir).parts)
    )


def load_reports(content_dir: Path, units: list[Unit],
                 documents: list[Document]) -> tuple[list[AnnualReport], list[Problem]]:
    """Load and check every report; only reports without errors are returned."""
    content_dir = Path(content_dir)
    reports, problems = [], []
    for path in report_files(content_dir):
        report, found = load_report(path, content_dir, units)
        problems += found
        if report is not None:
            reports.append(report)
    duplicates = _check_one_per_unit_and_year(reports)
    problems += duplicates
    reports = [r for r in reports if not any(p.path == r.path for p in duplicates)]
    problems += check_carry_over(reports)
    lifecycle = Lifecycle(documents)
    regulations: dict[str, list[Document]] = defaultdict(list)
    for document in filter(is_regulation, documents):
        regulations[document.unit.code].append(document)
    for report in reports:
        counts = count_regulations(regulations[report.unit.code], report.unit, report.year, lifecycle)
        problems += check_regulation_rows(report, counts)
    return sorted(reports, key=lambda r: (r.unit.code, r.year)), problems


class _InvalidNumber(Exception):
    def __init__(self, message: str):
        self.message = message


def load_report(path: Path, content_dir: Path, units: list[Unit]) -> tuple[AnnualReport | None, list[Problem]]:
    """Read and check one data file; the report is None when it has any error."""
    shown = shown_path(path)
    problems: list[Problem] = []
    unit, year = _unit_and_year(path, content_dir, units, shown, problems)
    try:
        text = read_text(path, shown)
        parsed = parse_yaml(text, shown)
    except SourceError as error:
        return None, problems + [error.problem]
    if not isinstance(parsed.data, dict):
        return None, problems + [Problem(shown, 1, None, "年报数据应写成“栏目: 内容”的形式；可用 xxgk report new 生成模板")]
    data = parsed.data
    nodes = _value_nodes(text)

    def problem(key: str | None, message: str, *path: Any, line: int | None = None) -> None:
        problems.append(Problem(shown, line if line or not path else parsed.line(*path), key, message))

    problems += TOP_LEVEL_KEYS.check(data, shown, parsed)
    dates = _check_dates(data, year, problem)
    prose = {}
    for section in PROSE_SECTIONS:
        text_value = _prose(data, section, problem)
        if text_value is not None:
            prose[section] = text_value
    preface = data.get(PREFACE)
    if preface is not None and not (isinstance(preface, str) and preface.strip()):
        problem(PREFACE, "应为一段文字；不写此栏则使用标准前言", PREFACE)
    values: dict[tuple[ReportRow, str], Number] = {}
    for table, section in TABLE_SECTIONS.items():
        _read_table(table, section, data, nodes, parsed.line, values, problem)
    report = None
    if unit and year and dates.get("发布日期"):
        report = AnnualReport(
            path=shown, unit=unit, year=year, published=dates["发布日期"], written=dates.get("成文日期"),
            prose=prose, preface=(preface or "").strip() or default_preface(unit, year), values=values,
            lines=dict(parsed.lines),
        )
        problems += check_consistency(report)
        due = deadline(unit, year)
        if report.published > due:
            who = "县人民政府的年度报告应在3月31日前" if due.month == 3 else "部门的年度报告应在1月31日前"
            problems.append(Problem(shown, parsed.line("发布日期"), "发布日期",
                                    f"{report.published} 晚于公布期限 {due}（条例第四十九条：{who}公布）", warning=True))
    if report is None or errors(problems):
        return None, problems
    return report, problems


def _unit_and_year(path: Path, content_dir: Path, units: list[Unit], shown: PurePath,
                   problems: list[Problem]) -> tuple[Unit | None, int | None]:
    relative = path.relative_to(content_dir / REPORTS_FOLDER)
    if len(relative.parts) != 2:
        problems.append(Problem(shown, None, None, f"年报数据文件应放在 {REPORTS_FOLDER}/<单位名称>/<年份>.yml，"
                                                   f"如 {REPORTS_FOLDER}/{units[0].name if units else '某单位'}/2025.yml"))
        return None, None
    folder, stem = relative.parts[0], path.stem
    unit = find_unit(units, folder)
    if unit is None:
        problems.append(Problem(shown, None, None, f"文件夹「{folder}」不是单位名册中的单位；"
                                + suggestion(folder, [u.name for u in units])))
    year = int(stem) if re.fullmatch(r"\d{4}", stem) else None
    if year is None or not FIRST_YEAR <= year <= 2100:
        problems.append(Problem(shown, None, None, f"文件名「{path.name}」应为报告年度，如 2025.yml"))
        year = None
    return unit, year


def _check_dates(data: dict, year: int | None, problem) -> dict[str, dt.date]:
    dates = {}
    for key in DATE_FIELDS:
        value = data.get(key)
        if value is None or value == "":
            if key == "发布日期":
                problem(key, "缺少必填字段：在本平台公布的日期，格式 YYYY-MM-DD" if key not in data else "必填字段为空", key)
            continue
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            try:
                value = dt.date.fromisoformat(str(value).strip())
            except ValueError:
                problem(key, f"「{value}」不是有效日期：应写成 YYYY-MM-DD，如 {(year or 2025) + 1}-01-20", key)
                continue
        if year and value.year <= year:
            problem(key, f"{value} 不在报告年度 {year} 年之后：年度报告在次年编制和公布", key)
            continue
        dates[key] = value
    if "成文日期" in dates and "发布日期" in dates and dates["发布日期"] < dates["成文日期"]:
        problem("发布日期", f"发布日期 {dates['发布日期']} 早于成文日期 {dates['成文日期']}：发布不能早于成文", "发布日期")
        del dates["发布日期"]
    return dates


def _prose(data: dict, section: str, problem) -> str | None:
    value = data.get(section)
    hint = PROSE_HINTS[section]
    if section not in data:
        problem(section, f"缺少此栏：请写{hint}")
    elif value is None or (isinstance(value, str) and not value.strip()):
        problem(section, f"此栏为空：请写{hint}", section)
    elif not isinstance(value, str):
        problem(section, "应为一段文字：写在“|”之后的行，每行缩进两个空格", section)
    else:
        return value.strip()
    return None


# -- the tables ---------------------------------------------------------------------


def _value_nodes(text: str) -> dict[tuple, yaml.Node]:
    """Every node of the file by key path: numbers are read from their text, not as YAML guessed them."""
    nodes: dict[tuple, yaml.Node] = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        nodes[path] = node
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    walk(value, path + (key.value,))

    # The file already parsed (parse_yaml), so only speed matters here: libyaml's composer when present.
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if root is not None:
        walk(root, ())
    return nodes


def _children(table: str, prefix: tuple[str, ...]) -> list[str]:
    """The keys expected directly below `prefix` in a table section, in the format's order."""
    keys: list[str] = []
    for declared in ROWS:
        if declared.table == table and declared.path[:len(prefix)] == prefix and len(declared.path) > len(prefix):
            key = declared.path[len(prefix)]
            if key not in keys:
                keys.append(key)
    return keys


def _read_table(table: str, section: str, data: dict, nodes: dict[tuple, yaml.Node], line_of,
                values: dict[tuple[ReportRow, str], Number], problem) -> None:
    if section not in data:
        problem(section, f"缺少此栏（{table}）：可用 xxgk report new 生成含全部行列的模板")
        return

    def walk(prefix: tuple[str, ...]) -> None:
        node = nodes.get((section,) + prefix)
        declared = ROWS_BY_PATH.get((table, prefix))
        where = line_of(section, *prefix)
        label = declared.label if declared else " ".join(prefix) or section
        if not isinstance(node, yaml.MappingNode):
            if declared:
                example = "，".join(f"{c}: 0" for c in declared.columns[:3])
                problem(f"{table} {label}", f"应写成 {{{example}{'，…' if len(declared.columns) > 3 else ''}}}",
                        line=where)
            else:
                problem(f"{table} {label}", "应写成下一级各行，每行缩进两个空格", line=where)
            return
        expected = declared.columns if declared else _children(table, prefix)
        present = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
        keys = Keys.named("列" if declared else "行", expected)
        for key in present:
            if key not in keys:
                problem(f"{table} {label}", keys.unknown_message(key, named=True), line=line_of(section, *prefix, key))
        for key in expected:
            if key not in present:
                what = "列" if declared else "行"
                problem(f"{table} {label}", f"缺少{what}「{key}」：请补上，没有的填 0", line=where)
            elif declared:
                try:
                    values[(declared, key)] = _number(nodes[(section,) + prefix + (key,)], declared.amount)
                except _InvalidNumber as invalid:
                    problem(f"{table} {declared.label} {key}", invalid.message, line=line_of(section, *prefix, key))
            else:
                walk(prefix + (key,))

    walk(())


_COUNT = re.compile(r"[0-9]+")
_AMOUNT = re.compile(r"[0-9]+(\.[0-9]+)?")


def _number(node: yaml.Node, amount: bool) -> Number:
    """A count (a non-negative integer) or an amount in 万元 (a non-negative number), read from its text.

    The text is read as written, so 012 is twelve (YAML would read an octal ten)
    and full-width digits typed with a Chinese input method count too.
    """
    if not isinstance(node, yaml.ScalarNode):
        raise _InvalidNumber("应为一个数字")
    text = unicodedata.normalize("NFKC", node.value).strip()
    if node.tag == "tag:yaml.org,2002:null" or text in ("", "~", "null"):
        raise _InvalidNumber("缺少数字：没有的请填 0")
    if text.startswith("-") and _AMOUNT.fullmatch(text[1:]):
        raise _InvalidNumber(f"「{text}」是负数：{'金额' if amount else '件数'}不能为负")
    if amount:
        if _AMOUNT.fullmatch(text):
            return Decimal(text)
        raise _InvalidNumber(f"「{node.value}」不是金额：应为以万元为单位的数字，如 12.5，不写单位和千位分隔符")
    if _COUNT.fullmatch(text):
        return int(text)
    if _AMOUNT.fullmatch(text):
        raise _InvalidNumber(f"「{node.value}」不是整数：件数应为整数")
    raise _InvalidNumber(f"「{node.value}」不是数字：件数应为整数，如 3，不写单位和千位分隔符")


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
                add(declared, TOTAL, None, f"总计为 {total}，但自然人与法人或其他组织各列之和为 {summed}（相差 {_gap(total, summed)}）")
    # （七）总计 = （一） + （二） + every item of （三） to （六）, in every column.
    total_row = row("表三", RESULTS, RESULTS_TOTAL)
    for column in TABLE3_COLUMNS:
        items = [(item, column) for item in RESULT_ITEMS]
        if known((total_row, column), *items):
            total, summed = values[(total_row, column)], sum(values[k] for k in items)
            if total != summed:
                add(total_row, column, None, f"（七）总计为 {total}，但（一）至（六）各项之和为 {summed}（相差 {_gap(total, summed)}）")
    # The rule printed on the form: 一 + 二 = 三（七）总计 + 四, in every column.
    new, carried_in, carried_out = row("表三", NEW), row("表三", CARRIED_IN), row("表三", CARRIED_OUT)
    for column in TABLE3_COLUMNS:
        if known((new, column), (carried_in, column), (total_row, column), (carried_out, column)):
            received = values[(new, column)] + values[(carried_in, column)]
            handled = values[(total_row, column)] + values[(carried_out, column)]
            if received != handled:
                add(total_row, column, None, f"一+二={received}，三（七）总计+四={handled}，两者应相等（相差 {_gap(received, handled)}）")
    # 表四: each 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    for declared in (r for r in ROWS if r.table == "表四"):
        parts = [(declared, c) for c in OUTCOMES]
        if known((declared, TOTAL), *parts):
            total, summed = values[(declared, TOTAL)], sum(values[k] for k in parts)
            if total != summed:
                add(declared, TOTAL, None, f"总计为 {total}，但{'、'.join(OUTCOMES)}之和为 {summed}（相差 {_gap(total, summed)}）")
    return problems


def _gap(a: Number, b: Number) -> Number:
    return abs(a - b)


def _check_one_per_unit_and_year(reports: list[AnnualReport]) -> list[Problem]:
    by_key: dict[tuple[str, int], list[AnnualReport]] = defaultdict(list)
    for report in reports:
        by_key[(report.unit.code, report.year)].append(report)
    problems = []
    for group in by_key.values():
        for report in group if len(group) > 1 else ():
            others = "、".join(r.path.as_posix() for r in group if r is not report)
            problems.append(Problem(report.path, None, None, f"{report.unit.name} {report.year} 年的年度报告也写在 {others}："
                                                             "每个单位每年只能有一份，请删除其中一个"))
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
                problems.append(Problem(
                    report.path, report.line(carried_in, column), f"表三 {CARRIED_IN} {column}",
                    f"为 {now}，但 {previous.year} 年报告（{where}）的 {CARRIED_OUT} 为 {before}：两者应相等",
                    warning=True,
                ))
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
        problems.append(Problem(report.path, report.line(declared, column), f"表二 {item} {column}",
                                f"数据文件为 {stated}，{computed}" + (f"；{detail}" if detail else ""), warning=True))
    return problems


# -- deadlines ----------------------------------------------------------------------


def check_deadlines(content_dir: Path, units: list[Unit], reports: list[AnnualReport],
                    documents: list[Document], build_date: dt.date) -> list[Problem]:
    """A warning for each unit whose report on last year is not public after its deadline.

    A report counts when its data file or a 政府信息公开年报 document naming the
    year in its title (e.g. 2025年…年度报告) is published by the build date.
    """
    year = build_date.year - 1
    public = {(r.unit.code, r.year) for r in reports if r.published <= build_date}
    public |= {
        (d.unit.code, year) for d in documents
        if d.category == ANNUAL_REPORTS and d.published <= build_date and re.search(rf"{year}\s*年", d.title)
    }
    # A data file that failed its checks has its errors reported already; "not published" would only confuse.
    loaded = {(r.unit.code, r.year) for r in reports}
    failed = {(unit.code, year) for path in report_files(Path(content_dir)) if path.stem == str(year)
              for unit in [find_unit(units, path.parent.name)] if unit} - loaded
    problems = []
    for unit in units:
        due = deadline(unit, year)
        if build_date > due and (unit.code, year) not in public | failed:
            path = shown_path(Path(content_dir) / REPORTS_FOLDER / unit.name / f"{year}.yml")
            problems.append(Problem(
                path, None, "年报",
                f"{unit.name} {year} 年政府信息公开工作年度报告应于 {due} 前公布，至 {build_date} 仍未公布："
                f"用 xxgk report new --unit {unit.name} --year {year} 创建",
                warning=True,
            ))
    return problems
