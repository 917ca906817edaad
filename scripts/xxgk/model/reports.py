"""Annual reports (政府信息公开工作年度报告): loading each unit's data file and checking its values.

A unit keeps each year's report as one YAML file, `content/年报/<单位>/<年份>.yml`:
the prose of sections 一, 五 and 六 and the numbers of tables 二, 三 and 四. The
format itself is declared in `report_format`; this module reads those files,
checks every key, date and number, and applies the rules of `report_rules`
(勾稽关系, carry-over, 表二 against the documents). A report with an error is not
published.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any

import yaml

from xxgk.model.digits import date_problem, read_as_half_width
from xxgk.model.documents import Document
from xxgk.model.keys import Keys
from xxgk.model.lifecycle import Lifecycle, is_regulation
from xxgk.model.problems import Problem, errors, shown_path
from xxgk.model.report_format import (
    DATE_FIELDS,
    DRAFT_MARK,
    FIRST_YEAR,
    PREFACE,
    PROSE_HINTS,
    PROSE_SECTIONS,
    REPORTS_FOLDER,
    ROWS,
    ROWS_BY_PATH,
    TABLE_SECTIONS,
    TOP_LEVEL_KEYS,
    AnnualReport,
    Number,
    ReportRow,
    deadline,
    default_preface,
    report_files,
)
from xxgk.model.report_norms import count_regulations
from xxgk.model.report_rules import (
    check_carry_over,
    check_consistency,
    check_one_per_unit_and_year,
    check_regulation_rows,
)
from xxgk.model.sources import SourceError, parse_yaml, read_text
from xxgk.model.units import Unit, find_unit
from xxgk.model.vocabulary import suggestion


def load_reports(
    content_dir: Path, units: list[Unit], documents: list[Document]
) -> tuple[list[AnnualReport], list[Problem]]:
    """Load and check every report; only reports without errors are returned."""
    content_dir = Path(content_dir)
    reports, problems = [], []
    for path in report_files(content_dir):
        report, found = load_report(path, content_dir, units)
        problems += found
        if report is not None:
            reports.append(report)
    duplicates = check_one_per_unit_and_year(reports)
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
        return None, problems + error.problems
    if not isinstance(parsed.data, dict):
        return None, problems + [
            Problem(shown, 1, None, "年报数据应写成“栏目: 内容”的形式；可用 xxgk report new 生成模板")
        ]
    data = parsed.data
    nodes = _value_nodes(text)

    def problem(key: str | None, message: str, *path: Any, line: int | None = None, warning: bool = False) -> None:
        problems.append(Problem(shown, line if line or not path else parsed.line(*path), key, message, warning))

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
            path=shown,
            unit=unit,
            year=year,
            published=dates["发布日期"],
            written=dates.get("成文日期"),
            prose=prose,
            preface=(preface or "").strip() or default_preface(unit, year),
            values=values,
            lines=dict(parsed.lines),
        )
        problems += check_consistency(report)
        due = deadline(unit, year)
        if report.published > due:
            who = "县人民政府的年度报告应在3月31日前" if due.month == 3 else "部门的年度报告应在1月31日前"
            problems.append(
                Problem(
                    shown,
                    parsed.line("发布日期"),
                    "发布日期",
                    f"{report.published} 晚于公布期限 {due}（条例第四十九条：{who}公布）",
                    warning=True,
                )
            )
    if report is None or errors(problems):
        return None, problems
    return report, problems


def _unit_and_year(
    path: Path, content_dir: Path, units: list[Unit], shown: PurePath, problems: list[Problem]
) -> tuple[Unit | None, int | None]:
    relative = path.relative_to(content_dir / REPORTS_FOLDER)
    if len(relative.parts) != 2:
        problems.append(
            Problem(
                shown,
                None,
                None,
                f"年报数据文件应放在 {REPORTS_FOLDER}/<单位名称>/<年份>.yml，"
                f"如 {REPORTS_FOLDER}/{units[0].name if units else '某单位'}/2025.yml",
            )
        )
        return None, None
    folder, stem = relative.parts[0], path.stem
    unit = find_unit(units, folder)
    if unit is None:
        problems.append(
            Problem(
                shown,
                None,
                None,
                f"文件夹「{folder}」不是单位名册中的单位；" + suggestion(folder, [u.name for u in units]),
            )
        )
    year = int(stem) if re.fullmatch(r"[0-9]{4}", stem) else None
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
                problem(
                    key, "缺少必填字段：在本平台公布的日期，格式 YYYY-MM-DD" if key not in data else "必填字段为空", key
                )
            continue
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            try:
                value = dt.date.fromisoformat(str(value).strip())
            except ValueError:
                problem(key, _not_a_date(str(value).strip(), year), key)
                continue
        if year and value.year <= year:
            problem(key, f"{value} 不在报告年度 {year} 年之后：年度报告在次年编制和公布", key)
            continue
        dates[key] = value
    if "成文日期" in dates and "发布日期" in dates and dates["发布日期"] < dates["成文日期"]:
        problem(
            "发布日期", f"发布日期 {dates['发布日期']} 早于成文日期 {dates['成文日期']}：发布不能早于成文", "发布日期"
        )
        del dates["发布日期"]
    return dates


def _not_a_date(text: str, year: int | None) -> str:
    return date_problem(text, f"{(year or 2025) + 1}-01-20")


def _prose(data: dict, section: str, problem) -> str | None:
    value = data.get(section)
    hint = PROSE_HINTS[section]
    if section not in data:
        problem(section, f"缺少此栏：请写{hint}")
    elif value is None or (isinstance(value, str) and not value.strip()):
        problem(section, f"此栏为空：请写{hint}", section)
    elif not isinstance(value, str):
        problem(section, "应为一段文字：写在“|”之后的行，每行缩进两个空格", section)
    elif DRAFT_MARK in value:
        problem(section, "此栏是 xxgk report new 预填的草稿：请核对数字、补充说明后删除开头的【草稿】一行", section)
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
        if declared.table == table and declared.path[: len(prefix)] == prefix and len(declared.path) > len(prefix):
            key = declared.path[len(prefix)]
            if key not in keys:
                keys.append(key)
    return keys


def _read_table(
    table: str,
    section: str,
    data: dict,
    nodes: dict[tuple, yaml.Node],
    line_of,
    values: dict[tuple[ReportRow, str], Number],
    problem,
) -> None:
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
                problem(
                    f"{table} {label}", f"应写成 {{{example}{'，…' if len(declared.columns) > 3 else ''}}}", line=where
                )
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
                cell, line = f"{table} {declared.label} {key}", line_of(section, *prefix, key)
                try:
                    values[(declared, key)], note = _number(nodes[(section,) + prefix + (key,)], declared.amount)
                except _InvalidNumber as invalid:
                    problem(cell, invalid.message, line=line)
                    continue
                if note:
                    problem(cell, note, line=line, warning=True)
            else:
                walk(prefix + (key,))

    walk(())


_COUNT = re.compile(r"[0-9]+")
_AMOUNT = re.compile(r"[0-9]+(\.[0-9]+)?")


def _number(node: yaml.Node, amount: bool) -> tuple[Number, str | None]:
    """A count (a non-negative integer) or an amount in 万元 (a non-negative number), read from its text,
    and a warning when it had to be read generously.

    The text is read as written, so 012 is twelve (YAML would read an octal ten);
    full-width digits typed with a Chinese input method are read as digits, with a warning.
    """
    if not isinstance(node, yaml.ScalarNode):
        raise _InvalidNumber("应为一个数字")
    text = unicodedata.normalize("NFKC", node.value).strip()
    value = _number_text(node, text, amount)
    written = node.value.strip()
    return value, read_as_half_width(written, text) if written != text else None


def _number_text(node: yaml.ScalarNode, text: str, amount: bool) -> Number:
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
