"""People named in their office: a press conference's 发布人, a unit's leaders and its 信息公开负责人.

Each is a mapping of 姓名 and 职务 (and, for a leader, 分工); only officials acting in
their post are named this way, so their names are published. A problem is a
`PeopleProblem` with the path below the field (the item's index, then its key).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xxgk.model.keys import Keys

PERSON_KEYS = Keys("项", {"姓名": "name", "职务": "post", "分工": "duties"})
MAX_NAME = 20
MAX_POST = 60
MAX_DUTIES = 500


class PeopleProblem(Exception):
    def __init__(self, message: str, *path: Any):
        self.message = message
        self.path = path


@dataclass(frozen=True)
class Person:
    name: str
    post: str
    duties: str = ""  # 分工: what a leader is responsible for


def read_people(value: Any, with_duties: bool = False) -> tuple[Person, ...]:
    """A list of {姓名, 职务} (and 分工 when `with_duties`); one mapping alone is a list of one."""
    items = value if isinstance(value, list) else [value]
    return tuple(read_person(item, index, with_duties) for index, item in enumerate(items))


def read_person(item: Any, index: int | None = None, with_duties: bool = False) -> Person:
    at = () if index is None else (index,)
    example = "{姓名: 张海峰, 职务: 县应急管理局局长" + (", 分工: …}" if with_duties else "}")
    if not isinstance(item, dict):
        raise PeopleProblem(f"应写成 {example}", *at)
    for key in item:
        if key not in PERSON_KEYS or (key == "分工" and not with_duties):
            raise PeopleProblem(PERSON_KEYS.unknown_message(key, named=True), *at, key)
    values = {}
    for key, limit in (("姓名", MAX_NAME), ("职务", MAX_POST), ("分工", MAX_DUTIES)):
        text = item.get(key)
        if text is None or text == "":
            if key != "分工":
                raise PeopleProblem(f"缺少{key}：应写成 {example}", *at)
            continue
        if not isinstance(text, str):
            raise PeopleProblem(f"{key}应为文字，现为 {text!r}", *at, key)
        if len(text.strip()) > limit:
            raise PeopleProblem(f"{key}不超过 {limit} 个字，现为 {len(text.strip())} 个字", *at, key)
        values[PERSON_KEYS.attr(key)] = text.strip()
    return Person(**values)
