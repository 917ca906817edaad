"""`xxgk new`: a new document file with the next free 索引号 of its unit."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .content import declared_index_numbers
from .identifiers import IndexNumber, parse_index_number
from .schema import FIELDS, Kind
from .units import Unit

_UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\s]+')


def next_index_number(content_dir: Path, unit: Unit, year: int) -> IndexNumber:
    """One more than the highest serial the unit used that year, in any file, valid or not."""
    used = [parse_index_number(text) for text in declared_index_numbers(content_dir)]
    serials = [n.serial for n in used if n and n.prefix == unit.code and n.year == year]
    return IndexNumber(unit.code, year, max(serials, default=0) + 1)


def new_document(content_dir: Path, unit: Unit, title: str, year: int, today: dt.date) -> Path:
    """Write the scaffold and return its path; never overwrites an existing file."""
    number = next_index_number(content_dir, unit, year)
    folder = content_dir / unit.name / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    stem = _UNSAFE_IN_FILENAME.sub("", title)[:40] or "新文件"
    path = folder / f"{number.serial:05d}-{stem}.md"
    with path.open("x", encoding="utf-8") as file:
        file.write(scaffold_text(title, number, unit, today))
    return path


def scaffold_text(title: str, number: IndexNumber, unit: Unit, today: dt.date) -> str:
    known = {"标题": title, "索引号": f'"{number}"', "发布机构": unit.name, "发布日期": today.isoformat()}
    lines = ["---"]
    for field in FIELDS:
        value = known.get(field.name, "")
        need = "必填" if field.required else "选填"
        hint = f"{need}：{field.help}"
        if field.example and field.kind not in (Kind.RELATIONS,):
            hint += f"，如 {field.example}"
        lines.append(f"{field.name}: {value}".rstrip() + f"  # {hint}")
    lines += ["---", "", "（在此处写正文。小标题“一、”用 ##，“（一）”用 ###。）", ""]
    return "\n".join(lines)
