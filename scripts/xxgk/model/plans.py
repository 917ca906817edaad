"""A plan's tasks (任务台账), read from its text: where each sits, who leads, who is responsible, by when.

A 实施方案 or 工作要点 ends each task with a note in brackets:

    ……更新完善权责清单并公开。（牵头单位：县营商环境建设监督局；责任单位：县直各单位，各乡（镇）政府；完成时限：2020年底前）

`parse_tasks` finds every such note in a document's body (Markdown as written or
as `xxgk import` made it), with the heading path above it (一、（一）…), the task's
text and the line it is on. The note is read as people type it: nested brackets
("各乡（镇）"), full- or half-width colons, a semicolon where the colon should be, spaces
after the semicolons, a label left out. `parse_deadline` turns 完成时限 into a date
("2020年11月底前" is 2020-11-30) or says it has none ("长期坚持", "每季度");
`assign` turns the names into the registry's units, generic names ("县直各单位",
"各乡（镇）政府") into every unit of that type.

>>> [task] = parse_tasks("## 一、加强公开\\n\\n做好公开。（牵头单位：县政府办公室；完成时限:2026年底前）\\n")
>>> task.number, task.path, task.text, task.lead, task.responsible, task.deadline.due
(1, '一', '做好公开。', ('县政府办公室',), (), datetime.date(2026, 12, 31))
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from xxgk.model.digits import chinese_number, chinese_year
from xxgk.model.outline import heading_level, heading_number
from xxgk.model.units import Unit

# What a note's labels are called, and what each gives. 配合单位 are responsible as well.
LABELS = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "配合单位": "responsible",
    "配合部门": "responsible",
    "完成时限": "deadline",
    "完成时间": "deadline",
    "时间要求": "deadline",
    "时限要求": "deadline",
}
_LABEL = re.compile("(" + "|".join(LABELS) + r")\s*[:：;；]?\s*")
_OPEN, _CLOSE = "（(", "）)"
_NAME_SEPARATORS = re.compile(r"[，,、；;]+")
_AND_OTHERS = re.compile(r"等(?:有关|相关)?(?:部门|单位)?$")
_MARKUP = re.compile(r"\*\*|__|\\(?=[\\`*_\[\]#>+\-=|])")
_NONE = ("", "—", "-", "－", "无", "/")

# Deadlines without a day: open-ended (长期) and recurring (定期) work.
OPEN_ENDED = ("长期坚持", "长期推进", "持续推进", "持续开展", "长期", "持续", "常态化")
RECURRING = ("每季度", "每月", "每半年", "每年", "按法定时限", "按规定时限", "按时限要求", "定期")
DATED, LONG_TERM, PERIODIC, NOT_GIVEN, UNREAD = "日期", "长期", "定期", "未注明", "无法识别"


@dataclass(frozen=True)
class Deadline:
    text: str  # as the plan writes it
    kind: str  # DATED, LONG_TERM, PERIODIC, NOT_GIVEN or UNREAD
    due: dt.date | None = None  # the last day, for DATED

    @property
    def shown(self) -> str:
        return self.text or "未注明"


@dataclass(frozen=True)
class Task:
    number: int  # 序号: its place in the plan, from 1
    path: str  # the headings above it by their numbers: 一（一）
    heading: str  # the title of the innermost heading (or the lead-in sentence it opens with)
    outline: tuple[str, ...]  # each heading above it, number and title: ("一、加强用权公开", "（一）以权责清单为依托")
    text: str  # the task as written, without its note
    lead: tuple[str, ...]  # 牵头单位 as written, one name each
    responsible: tuple[str, ...]  # 责任单位 (and 配合单位) as written
    deadline: Deadline
    line: int  # the body's line the note is on, from 1
    note: str  # the note as written, brackets included

    @property
    def place(self) -> str:
        """How people name the task: its path, or 序号 when it has none."""
        return self.path or f"第{self.number}项"


# -- deadlines ------------------------------------------------------------------------------

_FULL_WIDTH = str.maketrans("０１２３４５６７８９：；（）", "0123456789:;()")
_DAY = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_MONTH = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:底|末|份|中旬|上旬|下旬)?")
_YEAR_END = re.compile(r"(?:(\d{4})年)?(?:年)?(?:底|末|年底|年末|全年|内)")
_HALF = re.compile(r"(?:(\d{4})年)?(上半年|年中|下半年)")
_QUARTER = re.compile(r"(?:(\d{4})年)?第?([一二三四1-4])季度(?:末)?")
_YEAR_ONLY = re.compile(r"^(\d{4})年$")


def parse_deadline(text: str, year: int | None = None) -> Deadline:
    """完成时限 as a date, or why it has none; `year` is the plan's, for "年底前" or "6月底前".

    Where the text names several dates ("11月底前完成初稿，年底前全面完成") the last one counts.

    >>> parse_deadline("2020年11月底前").due, parse_deadline("年底前", 2026).due
    (datetime.date(2020, 11, 30), datetime.date(2026, 12, 31))
    >>> parse_deadline("长期坚持").kind, parse_deadline("每季度").kind, parse_deadline("—").kind
    ('长期', '定期', '未注明')
    """
    written = text.strip().rstrip("。.")
    plain = re.sub(r"\s+", "", written.translate(_FULL_WIDTH))
    plain = re.sub(r"([〇一二三四五六七八九零○]{4})年", lambda m: f"{chinese_year(m[1])}年", plain)
    plain = re.sub(r"([一二三四五六七八九十]{1,3})([月日])", lambda m: f"{chinese_number(m[1])}{m[2]}", plain)
    if plain in _NONE:
        return Deadline(written, NOT_GIVEN)
    dates: list[dt.date] = []
    try:
        for found in _DAY.finditer(plain):
            if found[1] or year:
                dates.append(dt.date(int(found[1] or year), int(found[2]), int(found[3])))
        rest = _DAY.sub(" ", plain)
        for found in _MONTH.finditer(rest):
            if found[1] or year:
                dates.append(_month_end(int(found[1] or year), int(found[2])))
        rest = _MONTH.sub(" ", rest)
        for found in _QUARTER.finditer(rest):
            if found[1] or year:
                quarter = "一二三四".find(found[2]) + 1 if found[2] in "一二三四" else int(found[2])
                dates.append(_month_end(int(found[1] or year), quarter * 3))
        rest = _QUARTER.sub(" ", rest)
        for found in _HALF.finditer(rest):
            if found[1] or year:
                dates.append(_month_end(int(found[1] or year), 12 if found[2] == "下半年" else 6))
        rest = _HALF.sub(" ", rest)
        for found in _YEAR_END.finditer(rest):
            if found[1] or year:
                dates.append(dt.date(int(found[1] or year), 12, 31))
        if not dates and (only := _YEAR_ONLY.match(rest.removesuffix("前"))):
            dates.append(dt.date(int(only[1]), 12, 31))
    except ValueError:  # a day that does not exist: 2月30日
        return Deadline(written, UNREAD)
    if dates:
        return Deadline(written, DATED, max(dates))
    if any(word in plain for word in OPEN_ENDED):
        return Deadline(written, LONG_TERM)
    if any(word in plain for word in RECURRING):
        return Deadline(written, PERIODIC)
    return Deadline(written, UNREAD)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# -- tasks ---------------------------------------------------------------------------------


def parse_tasks(body: str, year: int | None = None) -> list[Task]:
    """Every task of a plan's body, in order; `year` is the plan's, for deadlines without one."""
    tasks: list[Task] = []
    numbers: dict[int, str] = {}  # level -> its numbering, for the path
    titles: dict[int, str] = {}  # level -> its title
    for line, paragraph in _paragraphs(body):
        text = _plain(paragraph)
        is_heading = paragraph.lstrip().startswith("#")
        level = heading_level(text)
        if level:
            numbers = {k: v for k, v in numbers.items() if k < level} | {level: heading_number(text)}
            titles = {k: v for k, v in titles.items() if k < level} | {level: _title(text, is_heading)}
        elif is_heading:  # a heading without a number (the plan's own title) starts afresh
            numbers, titles = {}, {}
        if is_heading:
            continue
        start = written = 0
        for opening, closing, fields in _notes(text):
            written = _offset(paragraph, text, opening, written)
            task_text = text[start:opening].strip()
            if start == 0 and level:
                task_text = _without_number(task_text)
            path = "".join(numbers[k] for k in sorted(numbers))
            tasks.append(
                Task(
                    number=len(tasks) + 1,
                    path=path,
                    heading=titles[max(titles)] if titles else "",
                    outline=tuple(_outlined(numbers[k], titles[k]) for k in sorted(numbers)),
                    text=task_text.strip().lstrip("。；;，, "),
                    lead=split_names(fields.get("lead", "")),
                    responsible=split_names(fields.get("responsible", "")),
                    deadline=parse_deadline(fields.get("deadline", ""), year),
                    line=line + paragraph.count("\n", 0, written),
                    note=text[opening : closing + 1],
                )
            )
            start = closing + 1
    return tasks


def _outlined(number: str, title: str) -> str:
    """一 and 加强用权公开 read as 一、加强用权公开; （一） and 1 as （一）… and 1.…"""
    return number + ("、" if number[0] in "一二三四五六七八九十" else "." if number.isdigit() else "") + title


def count_notes(body: str) -> int:
    """How many task notes a text holds: for `xxgk import` to tell a plan from other documents."""
    return sum(len(_notes(_plain(paragraph))) for _, paragraph in _paragraphs(body))


def _paragraphs(body: str) -> list[tuple[int, str]]:
    """(first line from 1, text) of each paragraph: blank lines, headings and numbered lines separate them."""
    found: list[tuple[int, str]] = []
    lines: list[str] = []
    first = 1
    for number, line in enumerate(body.split("\n") + [""], start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            if lines:
                found.append((first, "\n".join(lines)))
                lines = []
            if line.strip():
                found.append((number, line))
            continue
        if lines and heading_level(_plain(line)):  # a numbered line starts afresh, blank line or not
            found.append((first, "\n".join(lines)))
            lines = []
        if not lines:
            first = number
        lines.append(line)
    return found


def _plain(paragraph: str) -> str:
    """The paragraph as read: no heading marks, emphasis or escapes; soft line breaks joined."""
    text = re.sub(r"^\s*#+\s*", "", paragraph)
    text = _MARKUP.sub("", text)
    return "".join(line.strip() for line in text.split("\n"))


def _offset(paragraph: str, text: str, position: int, after: int) -> int:
    """Where in the paragraph as written the plain text's `position` falls, looking from `after`."""
    found = paragraph.find(text[position : position + 6], after)
    return found if found >= 0 else after


def _title(text: str, is_heading: bool) -> str:
    """A heading's title: the heading without its number, or a paragraph's lead-in sentence."""
    rest = _without_number(text)
    if is_heading:
        return rest.rstrip("。")
    lead = re.match(r"^[^。；;！？]{1,40}[。]", rest)
    return (lead.group() if lead else rest[:40]).rstrip("。")


def _without_number(text: str) -> str:
    number = heading_number(text)
    if not number:
        return text
    # The numbering as written may be half-width: skip as many characters as it has, then any 、. or space.
    rest = text.strip()[len(number) :]
    return rest.lstrip("、.． ").strip()


def _notes(text: str) -> list[tuple[int, int, dict[str, str]]]:
    """(opening, closing, {lead/responsible/deadline: text}) of each bracketed note in `text`."""
    notes = []
    position = 0
    while True:
        opening = min((i for i in (text.find(c, position) for c in _OPEN) if i >= 0), default=-1)
        if opening < 0:
            return notes
        closing = _matching(text, opening)
        if closing < 0:
            return notes
        inner = text[opening + 1 : closing]
        if _LABEL.match(inner.lstrip()):
            notes.append((opening, closing, _fields(inner)))
            position = closing + 1
        else:
            position = opening + 1


def _matching(text: str, opening: int) -> int:
    depth = 0
    for index in range(opening, len(text)):
        if text[index] in _OPEN:
            depth += 1
        elif text[index] in _CLOSE:
            depth -= 1
            if depth == 0:
                return index
    return -1


def _fields(inner: str) -> dict[str, str]:
    labels = list(_LABEL.finditer(inner))
    fields: dict[str, str] = {}
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(inner)
        value = inner[label.end() : end].strip().strip("；;，,。 　").strip()
        key = LABELS[label[1]]
        fields[key] = f"{fields[key]}，{value}" if fields.get(key) and value else value or fields.get(key, "")
    return fields


def split_names(text: str) -> tuple[str, ...]:
    """The units a note names, one each: "县卫生健康局、公安局" is two, "各乡（镇）政府" one."""
    names = []
    for part in _NAME_SEPARATORS.split(text):
        name = re.sub(r"\s+", "", part)
        if name and name not in _NONE:
            names.append(name)
    return tuple(names)


# -- units --------------------------------------------------------------------------------

# Generic names and the unit types (单位类型) they stand for. 县直各单位 are every county-level body.
_GENERIC = (
    (re.compile(r"^各乡[（(]?镇[）)]?(?:人民)?(?:政府)?$"), ("乡镇人民政府",)),
    (re.compile(r"^(?:县(?:政府)?(?:直属|直)?)?各单位$"), ("县政府部门", "其他单位")),
    (re.compile(r"^(?:县(?:政府)?(?:直属|直)?)?各部门$"), ("县政府部门",)),
)
_UNSPECIFIED = re.compile(r"(?:有关|相关)(?:部门|单位)$")


@dataclass(frozen=True)
class Assignment:
    """The registry's units a task names, and the names that are none of them."""

    lead: tuple[Unit, ...]
    responsible: tuple[Unit, ...]
    unknown: tuple[str, ...]  # names not in the registry, as written
    unspecified: tuple[str, ...]  # "有关部门" and the like: no unit can be told from them

    @functools.cached_property  # asked for every task, unit and page: worked out once
    def units(self) -> tuple[Unit, ...]:
        """Lead units first, then the responsible ones, each once."""
        return tuple(dict.fromkeys(self.lead + self.responsible))

    def role(self, unit: Unit) -> str:
        return "牵头" if unit in self.lead else "责任"


def assign(task: Task, units: list[Unit], county: str = "") -> Assignment:
    """The units of a task's 牵头单位 and 责任单位, generic names expanded, in registry order."""
    county = county or county_name(units)
    unknown: list[str] = []
    unspecified: list[str] = []
    lead = _resolve(task.lead, units, county, unknown, unspecified)
    responsible = _resolve(task.responsible, units, county, unknown, unspecified)
    return Assignment(lead, responsible, tuple(dict.fromkeys(unknown)), tuple(dict.fromkeys(unspecified)))


def county_name(units: list[Unit]) -> str:
    """The county's name from its 县人民政府: 松岭县人民政府 gives 松岭县."""
    government = next((u for u in units if u.type == "县人民政府"), None)
    return government.name.removesuffix("人民政府") if government else ""


def _resolve(names, units, county, unknown, unspecified) -> tuple[Unit, ...]:
    found: list[Unit] = []
    for written in names:
        name = written.replace("(", "（").replace(")", "）")
        types = next((kinds for pattern, kinds in _GENERIC if pattern.match(name)), None)
        if types:
            found += [unit for unit in units if unit.type in types]
            continue
        name = _AND_OTHERS.sub("", name) or name
        if _UNSPECIFIED.search(name):
            unspecified.append(written)
            continue
        unit = find_named(name, units, county)
        if unit:
            found.append(unit)
        else:
            unknown.append(written)
    order = {unit.name: index for index, unit in enumerate(units)}
    return tuple(sorted(dict.fromkeys(found), key=lambda unit: order[unit.name]))


def find_named(name: str, units: list[Unit], county: str) -> Unit | None:
    """A unit as a plan names it: in full, by 简称, "县司法局" for 松岭县司法局, "县政府办公室" for
    松岭县人民政府办公室, "公安局" for 松岭县公安局, or by the unique name ending in it ("卫生健康局")."""
    short = name.removeprefix(county) if county else name
    short = short.removeprefix("县") if short.startswith("县") and len(short) > 2 else short
    short = re.sub(r"^政府", "人民政府", short)
    candidates = [name] + ([county + short] if county else [])
    for candidate in candidates:
        unit = next((u for u in units if candidate in (u.name, u.short_name)), None)
        if unit:
            return unit
    if len(short) >= 3:
        ending = [u for u in units if u.name.endswith(short)]
        if len(ending) == 1:
            return ending[0]
    return None
