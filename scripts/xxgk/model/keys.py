"""The Chinese keys staff write and the names the code gives them: one declaration per mapping.

Every mapping a clerk writes — a document's front matter, a unit in 单位.yml, a
section of 站点.yml, a report's 栏目, a register's columns — is declared once as
`Keys`: the keys it takes, in the order staff see them, and the attribute each
one fills. Loaders read known keys through it, pages get the labels back from
it, and every unknown key gets one message, with a "did you mean":

>>> office = Keys("项", {"名称": "name", "联系电话": "phone"})
>>> office.key("phone")
'联系电话'
>>> office.unknown_message("电话", named=True)
'未知的项「电话」；是否应为「联系电话」？'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from xxgk.model.problems import Problem
from xxgk.model.sources import YamlData
from xxgk.model.vocabulary import suggestion


@dataclass(frozen=True)
class Keys:
    noun: str  # what staff call one key of this mapping: 字段, 配置项, 项, 列, 栏目 …
    attrs: Mapping[str, str]  # Chinese key -> attribute name, in the order staff see them
    aliases: Mapping[str, str] = field(default_factory=dict)  # another spelling staff use -> key
    normalise: Callable[[Any], str] = str  # makes a written key comparable (a header's spaces, brackets)

    @classmethod
    def named(cls, noun: str, names: Iterable[str], **options: Any) -> Keys:
        """Keys that are read by their own name (a table's columns, a vocabulary's name)."""
        return cls(noun, {name: name for name in names}, **options)

    @property
    def names(self) -> list[str]:
        return list(self.attrs)

    def canonical(self, written: Any) -> str | None:
        """The declared key this written key stands for (itself, or the key of an alias), or None."""
        name = self.normalise(written)
        return name if name in self.attrs else self.aliases.get(name)

    def __contains__(self, written: Any) -> bool:
        return self.canonical(written) is not None

    def attr(self, key: str) -> str:
        return self.attrs[key]

    def key(self, attr: str) -> str:
        """The Chinese key of an attribute: the label a page shows for it."""
        return next(key for key, name in self.attrs.items() if name == attr)

    def labels(self) -> list[tuple[str, str]]:
        """(Chinese key, attribute) pairs in the declared order, for pages that show the values."""
        return list(self.attrs.items())

    def values(self, mapping: Mapping) -> dict[str, Any]:
        """The value of each declared key present in `mapping`, by attribute; unknown keys are left out."""
        return {self.attrs[key]: value for written, value in mapping.items() if (key := self.canonical(written))}

    def unknown_message(self, written: Any, named: bool = False) -> str:
        """The one message for a key not declared; `named` when the problem is filed under its section.

        >>> Keys("字段", {"发文机关": "issuer"}).unknown_message("发布机关")
        '未知的字段；是否应为「发文机关」？'
        """
        shown = f"「{written}」" if named else ""
        return f"未知的{self.noun}{shown}；" + suggestion(self.normalise(written), self.names)

    def check(
        self, mapping: Iterable, shown: PurePath, parsed: YamlData, *path: Any, section: str | None = None
    ) -> list[Problem]:
        """A problem on its line for each key of `mapping` (found at `path` in `parsed`) not declared.

        Filed under the key itself (发布机关: 未知的字段；…), or under `section`, naming
        the key, when the mapping is inside one (政府信息公开工作机构: 未知的项「电话」；…).
        """
        return [
            Problem(
                shown,
                parsed.line(*path, key),
                section or str(key),
                self.unknown_message(key, named=section is not None),
            )
            for key in mapping
            if key not in self
        ]

    def read(
        self, mapping: Mapping, shown: PurePath, parsed: YamlData, *path: Any, section: str | None = None
    ) -> tuple[dict[str, Any], list[Problem]]:
        """`values` and `check` together: the known values by attribute, a problem for each unknown key."""
        return self.values(mapping), self.check(mapping, shown, parsed, *path, section=section)
