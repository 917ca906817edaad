"""`xxgk fields`: the fields staff write, and the allowed values of each vocabulary.

Vocabulary messages end with `全部可选值：xxgk fields 信息类别`; this is what that
command prints, from the same vocabularies the check uses (a county's 站点.yml
included), so the list a clerk copies from is the list the check accepts.
"""

from __future__ import annotations

from collections.abc import Mapping

from xxgk.model.register_kinds import KINDS
from xxgk.model.schema import FIELDS, FIELDS_BY_NAME, allowed_values
from xxgk.model.units import UNIT_KEYS
from xxgk.model.vocabulary import Vocabulary


class UnknownName(Exception):
    pass


def vocabulary_uses() -> dict[str, list[str]]:
    """Where staff write each vocabulary's values, by vocabulary name, in the order staff meet them."""
    uses: dict[str, list[str]] = {}
    for field in FIELDS:
        if field.vocabulary:
            uses.setdefault(field.vocabulary, []).append(f"文件的 {field.name}")
    uses.setdefault("单位类型", []).append(f"单位.yml 的 {UNIT_KEYS.key('type')}")
    for kind in KINDS:
        for column in kind.columns:
            if column.vocabulary:
                uses.setdefault(column.vocabulary, []).append(f"{kind.name}的 {column.name}")
    return uses


def vocabulary_overview(vocabularies: Mapping[str, Vocabulary]) -> str:
    """The vocabularies staff use, how many values each has and where it applies, as Markdown."""
    rows = [
        "",
        "词表（列出一个词表的全部可选值：xxgk fields 词表名，如 xxgk fields 信息类别）：",
        "",
        "| 词表 | 可选值 | 用在 |",
        "| --- | --- | --- |",
    ]
    for name, uses in vocabulary_uses().items():
        count = len(allowed_values(name, vocabularies))
        rows.append(f"| {name} | {count} 项 | {'、'.join(uses)} |")
    return "\n".join(rows) + "\n"


def vocabulary_listing(name: str, vocabularies: Mapping[str, Vocabulary]) -> str:
    """Every allowed value of the vocabulary `name` (or of the field or column so named), one per line.

    A value's clause follows it as a YAML comment, so a copied line can be pasted as it is.
    """
    vocabulary = _vocabulary_named(name.strip())
    if vocabulary is None:
        field = FIELDS_BY_NAME.get(name.strip())
        if field is not None:
            return f"{field.name} 没有词表：{field.help}" + (f"，如 {field.example}" if field.example else "") + "\n"
        names = list(vocabulary_uses())
        raise UnknownName(f"「{name}」不是词表或字段的名称：词表有 {'、'.join(names)}")
    values = allowed_values(vocabulary, vocabularies)
    # 信息类别 also takes the three columns, which are not terms of its own (schema.allowed_values).
    clauses = {value: "栏目" for value in values} | {t.name: t.clause for t in vocabularies[vocabulary].terms}
    uses = "、".join(vocabulary_uses()[vocabulary])
    lines = [f"# {vocabulary}：{len(values)} 项，用在{uses}。照原样写其中一项："]
    lines += [f"{value}  # {clauses[value]}" if clauses.get(value) else value for value in values]
    return "\n".join(lines) + "\n"


def _vocabulary_named(name: str) -> str | None:
    """The vocabulary a name stands for: its own name, or a field or column that takes it (公开渠道和载体)."""
    uses = vocabulary_uses()
    if name in uses:
        return name
    if name in FIELDS_BY_NAME and FIELDS_BY_NAME[name].vocabulary:
        return FIELDS_BY_NAME[name].vocabulary
    if name == UNIT_KEYS.key("type"):
        return "单位类型"
    columns = {column.name: column.vocabulary for kind in KINDS for column in kind.columns if column.vocabulary}
    return columns.get(name)
