"""The registers staff keep in spreadsheets: 权责清单, 政务公开事项标准目录 and 办事指南.

One file per unit, named after it, in `content/权责清单/`, `content/标准目录/` or `content/办事指南/`:
`<单位名称>.xlsx`, `.csv` (UTF-8) or `.yml` (a list of rows). The first row
holding the column names is the header; rows above it (a title) are skipped, so
is a 序号 column. Every cell is checked: required cells, controlled values
(事项类型; 公开渠道和载体, 公开对象, 公开方式, 公开层级, several separated by 、), phone
numbers stored as numbers, personal numbers. Each problem names
`file:row:column` as the spreadsheet shows them. What each register's columns
are is declared in `register_kinds`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePath
from typing import Any

from xxgk.model.attachments import ignored_part
from xxgk.model.digits import date_problem, half_width_digits, has_full_width_digits, read_as_half_width
from xxgk.model.identifiers import parse_index_number
from xxgk.model.media import IMAGE_FORMATS, check_picture
from xxgk.model.personal_numbers import BANK_CARD, ID_CARD, MOBILE, find_personal_numbers
from xxgk.model.problems import Problem, shown_path
from xxgk.model.register_kinds import KINDS, Column, Register, RegisterKind, RegisterRow, normalise_header
from xxgk.model.sources import SourceError, parse_yaml, read_text
from xxgk.model.spreadsheets import (
    HEADER_SEARCH_ROWS,
    Formula,
    SheetCell,
    UnreadableTable,
    column_letter,
    is_blank,
    read_csv_rows,
    read_xlsx_rows,
)
from xxgk.model.units import Unit, find_unit
from xxgk.model.vocabulary import Vocabulary, suggestion
from xxgk.model.web_addresses import address_problem

SPREADSHEETS = (".xlsx", ".csv")
YAML = (".yml", ".yaml")
IGNORED_COLUMNS = ("序号",)
_SEPARATORS = re.compile(r"[、，,；;\s]+")
_PHONE = re.compile(r"[0-9\-－—\s()（）、，,;；/转]+")  # full-width digits are read with a warning first


def load_registers(
    content_dir: Path, units: list[Unit], vocabularies: dict[str, Vocabulary]
) -> tuple[list[Register], list[Problem]]:
    """Every register file; a file with any error gives no register (nothing half-published)."""
    registers, problems = [], []
    for kind in KINDS:
        found, found_problems = load_folder(content_dir, kind, units, vocabularies)
        registers += found
        problems += found_problems
    return registers, problems


def load_folder(
    content_dir: Path, kind: RegisterKind, units: list[Unit], vocabularies: dict[str, Vocabulary]
) -> tuple[list[Register], list[Problem]]:
    """The files of one kind's folder, one per unit; a file with any error gives no register."""
    folder = Path(content_dir) / kind.folder
    if not folder.is_dir():
        return [], []
    registers, problems = [], []
    seen: dict[str, PurePath] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(("_", ".", "~$")) or path.is_dir() or path.suffix.lower() in IMAGE_FORMATS:
            continue  # drafts, folders, and the pictures registers name (QR codes)
        register, found = load_register(path, kind, units, vocabularies)
        problems += found
        if register is None:
            continue
        if register.unit.code in seen:
            problems.append(
                Problem(
                    register.path,
                    None,
                    None,
                    f"{register.unit.name}的{kind.name}已在 {seen[register.unit.code].as_posix()} 中："
                    "每个单位只保留一个文件，请删除或合并",
                )
            )
            continue
        seen[register.unit.code] = register.path
        registers.append(register)
    return registers, problems


def load_register(
    path: Path, kind: RegisterKind, units: list[Unit], vocabularies: dict[str, Vocabulary]
) -> tuple[Register | None, list[Problem]]:
    shown = shown_path(path)
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEETS + YAML:
        hint = (
            "请在 Excel 中另存为 .xlsx（Excel 工作簿）"
            if suffix in (".xls", ".et", ".ods", ".wps")
            else "支持 .xlsx、.csv 和 .yml"
        )
        return None, [Problem(shown, None, None, f"不能读取 {suffix or '无扩展名'} 文件：{hint}")]
    unit = find_unit(units, path.stem)
    if unit is None:
        names = [u.name for u in units]
        return None, [
            Problem(
                shown,
                None,
                None,
                f"文件名「{path.stem}」不是单位名册中的单位：{kind.name}文件以发布单位的名称命名，"
                f"如 {names[0] if names else '松岭县财政局'}{suffix}；" + suggestion(path.stem, names),
            )
        ]
    checker = _RowChecker(kind, shown, vocabularies, path.parent)
    rows = _yaml_rows(path, shown, checker) if suffix in YAML else _table_rows(path, shown, suffix, checker)
    if any(not p.warning for p in checker.problems) or rows is None:
        return None, checker.problems
    if not rows:
        return None, checker.problems + [Problem(shown, None, None, f"没有任何事项：{kind.name}至少应有一行")]
    return Register(kind, unit, shown, rows), checker.problems


class _RowChecker:
    """Checks cells one by one, collecting every problem of a file."""

    def __init__(self, kind: RegisterKind, shown: PurePath, vocabularies: dict[str, Vocabulary], folder: Path):
        self.kind = kind
        self.shown = shown
        self.folder = folder  # where the pictures it names are
        self.files: dict[str, Path] = {}  # the pictures of the row being read
        self.vocabularies = vocabularies
        self.columns = {column.name: column for column in kind.columns}
        self.keys = kind.keys
        self.problems: list[Problem] = []
        self.first_rows: dict[tuple, int] = {}

    def problem(self, row: int | None, column: str | None, name: str | None, message: str, warning=False) -> None:
        self.problems.append(Problem(self.shown, row, name, message, warning=warning, column=column))

    def column_of(self, header: Any) -> str | None:
        return self.keys.canonical(header)

    def check_columns(self, present: list[str], row: int | None) -> None:
        for column in self.kind.columns:
            if column.required and column.name not in present:
                self.problem(row, None, column.name, f"缺少必填列「{column.name}」：请在表头加上这一列")

    def value(self, name: str, raw: Any, row: int, letter: str | None) -> str:
        """The cell's text, checked; problems are recorded, the text is returned in any case."""
        column = self.columns[name]
        text = self.text(column, raw, row, letter)
        if not text:
            if column.required:
                self.problem(row, letter, name, "必填，不能为空")
            return ""
        if column.vocabulary:
            vocabulary = self.vocabularies[column.vocabulary]
            terms = [t for t in _SEPARATORS.split(text) if t] if column.multiple else [text]
            for term in terms:
                if term not in vocabulary:
                    self.problem(row, letter, name, vocabulary.not_in(term))
            if column.multiple and len(terms) > len(set(terms)):
                self.problem(row, letter, name, f"「{text}」中有重复的值")
            text = "、".join(dict.fromkeys(terms))
        if column.date:
            try:
                text = _iso_date(text)
            except ValueError:
                self.problem(row, letter, name, _not_a_date(text))
        if column.relations:
            numbers = [item for item in _SEPARATORS.split(text) if item]
            wrong = [item for item in numbers if parse_index_number(item) is None]
            if wrong:
                self.problem(
                    row,
                    letter,
                    name,
                    f"「{wrong[0]}」不是索引号：应为 统一社会信用代码/年份-五位流水号，多个以 、 分隔",
                )
                return ""
            text = "、".join(dict.fromkeys(str(parse_index_number(item)) for item in numbers))
        if column.year and not re.fullmatch(r"(19|20)\d\d", text):
            self.problem(row, letter, name, f"「{text}」不是年份：请写四位数字，如 2026")
        if column.image:
            found = picture_beside(self.folder, text)
            if isinstance(found, str):
                self.problem(row, letter, name, found)
                return ""
            self.files[name] = found
        if column.web_address and (reason := address_problem(text, relative=False)):
            self.problem(row, letter, name, f"「{text}」{reason}")
            return ""
        if column.phone and has_full_width_digits(text):
            self.problem(row, letter, name, read_as_half_width(text, half_width_digits(text)), warning=True)
            text = half_width_digits(text)
        # A number cell's problem is said by `text`; what it shows would say it again.
        if column.phone and not isinstance(raw, (int, float)) and (message := phone_problem(text)):
            self.problem(row, letter, name, message)
        for hit in find_personal_numbers(text):
            if column.phone and hit.kind == MOBILE:
                continue  # a supervision line may be a mobile phone
            if hit.kind in (ID_CARD, BANK_CARD, MOBILE):
                self.problem(row, letter, name, f"含{hit.kind} {hit.masked}：清单公开前必须删除个人信息")
        return text

    def text(self, column: Column, raw: Any, row: int, letter: str | None) -> str:
        if raw is None:
            return ""
        if isinstance(raw, bool):
            self.problem(row, letter, column.name, f"应为文字，现为 {raw!r}")
            return str(raw)
        if isinstance(raw, (int, float)):
            text = str(int(raw)) if float(raw).is_integer() else str(raw)
            if column.phone:
                self.problem(row, letter, column.name, phone_problem(text, number_cell=True))
            return text
        if isinstance(raw, dt.datetime):
            return raw.date().isoformat()
        if isinstance(raw, dt.date):
            return raw.isoformat()
        if isinstance(raw, list) and column.multiple and all(isinstance(item, str) for item in raw):
            return "、".join(item.strip() for item in raw)
        if not isinstance(raw, str):
            self.problem(row, letter, column.name, f"应为文字，现为 {raw!r}")
            return ""
        return "\n".join(line.strip() for line in raw.strip().splitlines())

    def take_files(self) -> dict[str, Path]:
        files, self.files = self.files, {}
        return files

    def check_duplicate(self, row: RegisterRow) -> None:
        key = tuple(sorted(row.values.items()))
        if key in self.first_rows:
            self.problem(
                row.number,
                None,
                None,
                f"与第 {self.first_rows[key]} 行完全相同：是否重复粘贴？请删除其中一行",
                warning=True,
            )
        else:
            self.first_rows[key] = row.number


def picture_beside(folder: Path, name: str) -> Path | str:
    """A picture a register names (a QR code), found beside its file; or the message saying what is wrong."""
    relative = PurePath(name.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or re.match(r"^[A-Za-z]:", name):
        return f"「{name}」不是本文件夹中的文件：请把图片放在清单文件旁边（或其下的文件夹中），只写文件名"
    if hidden := ignored_part(relative.parts):
        return f"「{name}」在以 _ 或 . 开头的「{hidden}」中，这样的文件不发布：请把图片放在清单文件旁边"
    path = folder / relative
    if path.exists() and not path.resolve().is_relative_to(folder.resolve()):
        return f"「{name}」指向清单文件夹之外：请把图片本身放在清单文件旁边"
    if not path.is_file():
        return f"「{name}」不存在：请把图片放在 {folder.name}/ 文件夹中，或改正文件名"
    return check_picture(path, name) or path


# A landline whose leading 0 a spreadsheet dropped: area code and number, 9 to 11 digits, not a
# mobile (1 and 10 more digits) or a 400/800 service number, which have no 0 to lose.
_LOST_ZERO = re.compile(r"(?!1[3-9][0-9]{9}$)(?![48]00[0-9]{7}$)[1-9][0-9]{8,10}")


def phone_problem(text: str, number_cell: bool = False) -> str | None:
    """What is wrong with a phone cell, as written: the one rule for every register format.

    A number cell (XLSX) has lost its leading 0 or will; a CSV saved from one shows it
    as digits without it (4695825202), as a quoted YAML value may too.

    >>> phone_problem("0469-5821001, 13812345678") is None
    True
    >>> phone_problem("4695825202")
    '「4695825202」开头少了区号的 0（表格把电话存成数字时会去掉它）：请写成 04695825202；在 Excel 中请先把这一列设为“文本”格式'
    """
    if number_cell:
        return f"单元格是数字 {text}，区号开头的 0 会丢失：请把这一列设为“文本”格式后重新输入，如 0469-5821001"
    if not _PHONE.fullmatch(text):
        return f"「{text}」不是电话号码：只写号码，如 0469-5821001，多个号码用 、 分隔"
    if _LOST_ZERO.fullmatch(text.strip()):
        return (
            f"「{text}」开头少了区号的 0（表格把电话存成数字时会去掉它）："
            f"请写成 0{text.strip()}；在 Excel 中请先把这一列设为“文本”格式"
        )
    return None


def _iso_date(text: str) -> str:
    return dt.date.fromisoformat(text.replace("/", "-").replace(".", "-")).isoformat()


def _not_a_date(text: str) -> str:
    return date_problem(text, "2026-03-01")


def _table_rows(path: Path, shown: PurePath, suffix: str, checker: _RowChecker) -> list[RegisterRow] | None:
    try:
        if suffix == ".csv":
            try:
                cells = read_csv_rows(read_text(path, shown))
            except SourceError as error:
                checker.problems.append(
                    Problem(
                        shown,
                        error.problem.line,
                        None,
                        error.problem.message + "；在 Excel 中可选“另存为”→“CSV UTF-8（逗号分隔）”",
                    )
                )
                return None
        else:
            cells = read_xlsx_rows(path)
    except UnreadableTable as error:
        checker.problem(None, None, None, f"无法读取这个 Excel 文件（{error}）：请用 Excel 打开后另存为 .xlsx")
        return None
    header_index = _header_row(cells, checker)
    if header_index is None:
        names = "、".join(c.name for c in checker.kind.columns if c.required)
        checker.problem(None, None, None, f"找不到表头：前 {HEADER_SEARCH_ROWS} 行中没有一行是列名；表头应包含 {names}")
        return None
    header = cells[header_index]
    number = header[0].row if header else header_index + 1
    mapping: dict[int, str] = {}
    for cell in header:
        if is_blank(cell.value) or normalise_header(cell.value) in IGNORED_COLUMNS:
            continue
        name = checker.column_of(cell.value)
        if name is None:
            checker.problem(cell.row, cell.letter, None, checker.keys.unknown_message(cell.value, named=True))
        elif name in mapping.values():
            first = next(column_letter(c) for c, n in mapping.items() if n == name)
            checker.problem(cell.row, cell.letter, name, f"与 {first} 列重复：每一列只能出现一次")
        else:
            mapping[cell.column] = name
    checker.check_columns(list(mapping.values()), number)
    headed = {cell.column for cell in header if not is_blank(cell.value)}
    rows = []
    for cells_of_row in cells[header_index + 1 :]:
        if all(is_blank(cell.value) for cell in cells_of_row):
            continue
        by_column = {cell.column: cell for cell in cells_of_row}
        row_number = cells_of_row[0].row
        values = {}
        for column, name in mapping.items():
            cell = by_column.get(column)
            if cell and isinstance(cell.value, Formula):
                message = f"此单元格是公式（{cell.value}）：请改为数值或文字（在 Excel 中复制后“选择性粘贴”→“值”）"
                checker.problem(row_number, cell.letter, name, message)
                values[name] = ""
                continue
            values[name] = checker.value(name, cell.value if cell else None, row_number, column_letter(column))
        for cell in cells_of_row:
            if cell.column not in headed and not is_blank(cell.value):
                headed.add(cell.column)  # said once per column
                checker.problem(cell.row, cell.letter, None, "这一列没有列名：请在表头补上列名，或删除这一列的内容")
        row = RegisterRow(row_number, values, checker.take_files())
        checker.check_duplicate(row)
        rows.append(row)
    return rows


def _header_row(cells: list[list[SheetCell]], checker: _RowChecker) -> int | None:
    """The first of the top rows that names at least two known columns."""
    for index, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if not is_blank(cell.value) and checker.column_of(cell.value)) >= 2:
            return index
    return None


def _yaml_rows(path: Path, shown: PurePath, checker: _RowChecker) -> list[RegisterRow] | None:
    try:
        parsed = parse_yaml(read_text(path, shown), shown)
    except SourceError as error:
        checker.problems += error.problems
        return None
    if not isinstance(parsed.data, list):
        checker.problem(1, None, None, "应写成一个列表，每项一行：- 事项名称: …（每个字段一行）")
        return None
    rows = []
    for index, item in enumerate(parsed.data):
        line = parsed.line(index)
        if not isinstance(item, dict):
            checker.problem(line, None, None, "每一项应写成“列名: 值”的形式")
            continue
        checker.problems += checker.keys.check(item, shown, parsed, index)
        names = [checker.column_of(key) for key in item]
        for column in checker.kind.columns:
            if column.required and column.name not in names:
                checker.problem(line, None, column.name, "缺少必填列")
        values = {}
        for key, raw in item.items():
            name = checker.column_of(key)
            if name is None:
                continue
            key_line = parsed.line(index, key)
            if isinstance(raw, dt.date) and checker.columns[name].date:
                values[name] = raw.isoformat()
                continue
            if isinstance(raw, int) and not isinstance(raw, bool) and checker.columns[name].year:
                raw = str(raw)  # 年度: 2026 needs no quotes
            if isinstance(raw, int) and not isinstance(raw, bool) and checker.columns[name].whole_number:
                values[name] = str(raw)
                continue
            if isinstance(raw, (int, float, dt.date)) and not isinstance(raw, bool):
                checker.problem(key_line, None, name, f"应为文字，但 YAML 把它读成了 {raw!r}：请给值加上引号")
                continue
            values[name] = checker.value(name, raw, key_line, None)
        row = RegisterRow(line, values, checker.take_files())
        checker.check_duplicate(row)
        rows.append(row)
    return rows
