"""`xxgk new`: a new document file with the next free 索引号 of its unit."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import yaml

from xxgk.checks.content import declared_index_numbers
from xxgk.model.identifiers import IndexNumber, parse_index_number
from xxgk.model.schema import FIELDS, FIELDS_BY_NAME, PLACEHOLDER_BODY, Field, Kind
from xxgk.model.sources import find_front_matter
from xxgk.model.units import Unit

_UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\s]+')


def next_index_number(content_dir: Path, unit: Unit, year: int) -> IndexNumber:
    """One more than the highest serial the unit used that year, in any file, valid or not."""
    used = [parse_index_number(text) for text in declared_index_numbers(content_dir)]
    serials = [n.serial for n in used if n and n.prefix == unit.code and n.year == year]
    return IndexNumber(unit.code, year, max(serials, default=0) + 1)


def document_path(content_dir: Path, unit: Unit, number: IndexNumber, title: str) -> Path:
    """Where a new document goes: <单位>/<年份>/<流水号>-<标题>.md."""
    stem = _UNSAFE_IN_FILENAME.sub("", title)[:40] or "新文件"
    return content_dir / unit.name / str(number.year) / f"{number.serial:05d}-{stem}.md"


def new_document(content_dir: Path, unit: Unit, title: str, year: int) -> Path:
    """Write the scaffold and return its path; never overwrites an existing file."""
    number = next_index_number(content_dir, unit, year)
    path = document_path(content_dir, unit, number, title)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:
        file.write(scaffold_text(title, number, unit))
    return path


def scaffold_text(title: str, number: IndexNumber, unit: Unit) -> str:
    """Only what the command knows: 成文日期 and 发布日期 are the clerk's, both left empty.

    A 发布日期 of today beside an empty 成文日期 would be a guess the clerk might not notice;
    the check refuses the file until both are written, and the placeholder body is replaced.
    """
    known = {"标题": title, "索引号": number, "发布机构": unit.name}
    return front_matter_text(known) + "\n" + PLACEHOLDER_BODY + "\n"


def front_matter_text(values: dict[str, Any]) -> str:
    """Front matter with every field of the schema: the values given, a hint after each."""
    lines = ["---"]
    for field in FIELDS:
        lines += field_lines(field, values.get(field.name))
    return "\n".join(lines + ["---", ""])


def field_lines(field: Field, value: Any) -> list[str]:
    """One field as YAML lines, its hint as a comment; an empty value leaves the field for the clerk."""
    need = "必填" if field.required else "选填"
    hint = f"  # {need}：{field.help}"
    if field.example and field.kind is not Kind.RELATIONS:
        hint += f"，如 {field.example}"
    if isinstance(value, (list, tuple)) and value:
        return [f"{field.name}:{hint}"] + [f"  - {_flow(item)}" for item in value]
    return [f"{field.name}: {_scalar(value, field)}".rstrip() + hint]


def _scalar(value: Any, field: Field | None = None) -> str:
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # Identifiers always in quotes (YAML reads 0012 as 10); other text only when YAML would misread it.
    if field is not None and field.kind is Kind.INDEX_NUMBER or not _reads_back(text):
        return json.dumps(text, ensure_ascii=False)
    return text


def _flow(item: Any) -> str:
    if isinstance(item, dict):
        return "{" + ", ".join(f"{key}: {_scalar(value)}" for key, value in item.items()) + "}"
    return _scalar(item)


def _reads_back(text: str) -> bool:
    try:
        return yaml.safe_load(f"key: {text}") == {"key": text} and yaml.safe_load(f"[{{k: {text}}}]") == [{"k": text}]
    except yaml.YAMLError:
        return False


def replace_fields(text: str, values: dict[str, Any]) -> str:
    """The document's front matter, up to its closing line, with these fields rewritten and everything else
    as it was; fields it lacks are added at its end."""
    front = find_front_matter(text)
    lines = front.text.split("\n")[: front.closing_line]
    close = front.closing_line - 1  # lines are counted from 1, the list from 0
    spans = {key: (start - 1, end - 1) for key, start, end in front.fields()}
    for name, value in sorted(values.items(), key=lambda item: -spans.get(item[0], (close,))[0]):
        start, end = spans.get(name, (close, close))
        lines[start:end] = field_lines(FIELDS_BY_NAME[name], value)
    return "\n".join(lines) + "\n"
