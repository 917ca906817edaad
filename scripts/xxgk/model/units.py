"""The unit registry (content/单位.yml): every unit that publishes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from stdnum.cn import uscc

from xxgk.model.keys import Keys
from xxgk.model.people import PeopleProblem, Person, read_people, read_person
from xxgk.model.problems import Problem, shown_path
from xxgk.model.site_identity import EMAIL, POSTCODE
from xxgk.model.sources import SourceError, parse_yaml, read_text
from xxgk.model.vocabulary import Vocabulary, suggestion
from xxgk.model.web_addresses import segment_problem

UNITS_FILE = "单位.yml"
COUNTY_GOVERNMENT = "县人民政府"  # the unit type of the county government itself
REQUIRED = ("名称", "统一社会信用代码", "类型")
# The keys of a unit's entry and the Unit attribute each fills; the required ones first, as staff list them.
UNIT_KEYS = Keys(
    "字段",
    {
        "名称": "name",
        "统一社会信用代码": "code",
        "类型": "type",
        "简称": "short_name",
        "上级单位": "parent",
        "办公地址": "address",
        "邮政编码": "postcode",
        "办公时间": "hours",
        "联系电话": "phone",
        "传真": "fax",
        "电子邮箱": "email",
        "申请受理机构": "receiver",
        "负责人": "head",
        "职能": "functions",
        "内设机构": "departments",
        "信息公开负责人": "disclosure_head",
        "信息公开工作机构": "disclosure_office",
        "领导": "leaders",
    },
)
DEPARTMENT_KEYS = Keys("项", {"名称": "name", "职责": "duties"})
# `- 名称：预算股` reads as a department named 名称：预算股: a key typed with a full-width or unspaced colon.
_DEPARTMENT_KEY_TYPED = re.compile(rf"({'|'.join(DEPARTMENT_KEYS.names)})\s*(?:：|:(?! ))\s*(.+)")
# Values with a form: what a wrong one is told.
FORMS = {
    "邮政编码": (POSTCODE, '应为6位数字，并加引号，如 "155900"'),
    "电子邮箱": (EMAIL, "应为电子邮箱地址，如 xxgk@example.gov.cn"),
}


@dataclass(frozen=True)
class Department:
    """An internal office (内设机构) of a unit, as the 机构职能目录 lists it."""

    name: str
    duties: str = ""


@dataclass(frozen=True)
class Unit:
    name: str
    code: str  # 统一社会信用代码, the 索引号 prefix and the unit's address
    type: str
    parent: str = ""
    address: str = ""
    postcode: str = ""
    hours: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    receiver: str = ""  # 申请受理机构: who receives requests for information on the unit's behalf, if not itself
    head: str = ""
    functions: str = ""
    short_name: str = ""
    departments: tuple[Department, ...] = ()
    # The plan's 六（一）、（二）: one leader answers for the unit's 政府信息公开, and an office (one of
    # its 内设机构 where it lists them) does the work; both are on its 指南 and its 机构概况.
    disclosure_head: Person | None = None
    disclosure_office: str = ""
    leaders: tuple[Person, ...] = ()  # 领导信息: name, post and 分工 of each leader, where published
    # The line of each key written in 单位.yml (and of the entry, under ""), for later checks' messages.
    lines: dict[str, int | None] = field(default_factory=dict, compare=False, hash=False, repr=False)


def load_units(content_dir: Path, unit_types: Vocabulary) -> tuple[list[Unit], list[Problem]]:
    shown = shown_path(content_dir / UNITS_FILE)
    path = content_dir / UNITS_FILE
    if not path.is_file():
        return [], [Problem(shown, None, None, "缺少单位名册：请创建它并列出每个发布单位")]
    try:
        parsed = parse_yaml(read_text(path, shown), shown)
    except SourceError as error:
        return [], error.problems
    entries = (parsed.data or {}).get("单位") if isinstance(parsed.data, dict) else None
    if not isinstance(entries, list):
        return [], [Problem(shown, 1, "单位", "单位名册应写成 单位: 后跟一个列表，每项为一个单位")]

    units: list[Unit] = []
    problems: list[Problem] = []
    for index, entry in enumerate(entries):

        def problem(key, message, index=index):
            problems.append(Problem(shown, parsed.line("单位", index, key), key, message))

        if not isinstance(entry, dict):
            problem(None, "每个单位应写成“字段: 值”的形式")
            continue
        values = {}
        problems.extend(UNIT_KEYS.check(entry, shown, parsed, "单位", index))
        for key, value in entry.items():
            if key not in UNIT_KEYS:
                continue
            if key == "内设机构":
                values["departments"] = _departments(
                    value,
                    lambda message, *at, index=index: problems.append(
                        Problem(shown, parsed.line("单位", index, "内设机构", *at), "内设机构", message)
                    ),
                )
            elif key in ("信息公开负责人", "领导"):
                try:
                    values[UNIT_KEYS.attr(key)] = (
                        read_person(value) if key == "信息公开负责人" else read_people(value, with_duties=True)
                    )
                except PeopleProblem as wrong:
                    problems.append(Problem(shown, parsed.line("单位", index, key, *wrong.path), key, wrong.message))
            elif value is None or value == "":
                if key in REQUIRED:
                    problem(key, "必填字段为空")
            elif not isinstance(value, str):
                problem(key, f"应为文字，现为 {value!r}：请给值加上引号")
                values[UNIT_KEYS.attr(key)] = str(value)  # only so later checks don't repeat this error
            elif key in FORMS and not FORMS[key][0].fullmatch(value.strip()):
                problem(key, f"「{value.strip()}」格式不对：{FORMS[key][1]}")
                values[UNIT_KEYS.attr(key)] = value.strip()  # reported once: not as missing too
            else:
                values[UNIT_KEYS.attr(key)] = value.strip()
        for key in REQUIRED:
            if key not in entry:
                problem(key, "缺少必填字段")
        office, departments = values.get("disclosure_office"), values.get("departments")
        if office and departments and office not in [d.name for d in departments]:
            problem(
                "信息公开工作机构",
                f"「{office}」不是本单位的内设机构：政府信息公开工作机构应在内设机构中指定；"
                + suggestion(office, [d.name for d in departments]),
            )
        code = values.get("code")
        if code is not None and not uscc.is_valid(code):
            problem("统一社会信用代码", f"「{code}」不是有效的统一社会信用代码（18位，校验位不符或含非法字符）")
        if values.get("type") and values["type"] not in unit_types:
            problem("类型", unit_types.not_in(values["type"]))
        # A name becomes a folder (年报/<名称>/) and file names: one that is not a path segment is left
        # out, so nothing is ever written under it.
        if values.get("name") and (reason := segment_problem(values["name"])):
            problem("名称", f"「{values['name']}」{reason}")
            continue
        # Kept even when wrong, so its documents are not reported as naming an unknown unit too.
        if all(attr in values for attr in ("name", "code", "type")):
            lines = {key: parsed.line("单位", index, key) for key in entry if key in UNIT_KEYS}
            units.append(Unit(**values, lines={"": parsed.line("单位", index), **lines}))

    problems += _check_registry(units, shown)
    return units, problems


def _departments(value, problem) -> tuple[Department, ...]:
    """内设机构: a list of names, or of {名称: …, 职责: …}."""
    if not isinstance(value, list):
        problem("应写成列表，每项一个内设机构：- 名称: 办公室 和 职责: …（或只写名称）")
        return ()
    departments = []
    for position, item in enumerate(value):
        if isinstance(item, str) and (written := _DEPARTMENT_KEY_TYPED.fullmatch(item.strip())):
            problem(
                f"第 {position + 1} 项「{item.strip()}」的冒号不对：请改成英文冒号加一个空格，写成 {written[1]}: {written[2]}",
                position,
            )
        elif isinstance(item, str) and item.strip():
            departments.append(Department(item.strip()))
        elif (
            isinstance(item, dict)
            and isinstance(item.get("名称"), str)
            and isinstance(item.get("职责", ""), str)
            and all(key in DEPARTMENT_KEYS for key in item)
        ):
            departments.append(
                Department(**{attr: text.strip() for attr, text in DEPARTMENT_KEYS.values(item).items()})
            )
        else:
            problem(f"第 {position + 1} 项应为机构名称，或 {{名称: …, 职责: …}}", position)
    return tuple(departments)


def _check_registry(units: list[Unit], shown: PurePath) -> list[Problem]:
    problems = []
    names: dict[str, int | None] = {}
    codes: dict[str, int | None] = {}
    for unit in units:
        for key, value, seen in (("名称", unit.name, names), ("统一社会信用代码", unit.code, codes)):
            if value in seen:
                problems.append(Problem(shown, unit.lines["名称"], key, f"「{value}」与第 {seen[value]} 行的单位重复"))
            seen[value] = unit.lines["名称"]
    for unit in units:
        if unit.parent and unit.parent not in names:
            problems.append(
                Problem(
                    shown,
                    unit.lines["上级单位"],
                    "上级单位",
                    f"「{unit.parent}」不在名册中；" + suggestion(unit.parent, list(names)),
                )
            )
    return problems


def find_unit(units: list[Unit], name_or_code: str) -> Unit | None:
    return next((u for u in units if name_or_code in (u.name, u.code, u.short_name)), None)


def not_in_registry(name: str, units: list[Unit]) -> str:
    """The message for a unit name that find_unit does not know, with the closest registered name."""
    return f"「{name}」不在单位名册中；" + suggestion(name, [unit.name for unit in units])
