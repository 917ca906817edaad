"""Controlled vocabularies (信息类别, 主题分类, 文种 …) and their URL codes."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Term:
    name: str
    code: str
    clause: str = ""


@dataclass(frozen=True)
class Vocabulary:
    name: str
    terms: tuple[Term, ...]

    def __contains__(self, name: str) -> bool:
        return any(term.name == name for term in self.terms)

    def get(self, name: str) -> Term | None:
        return next((term for term in self.terms if term.name == name), None)

    def names(self) -> list[str]:
        return [term.name for term in self.terms]

    def suggest(self, wrong: str) -> str:
        """A hint naming the closest valid term, or listing them all when few."""
        return suggestion(wrong, self.names())


def suggestion(wrong: str, valid: list[str]) -> str:
    close = difflib.get_close_matches(str(wrong), valid, n=1, cutoff=0.4)
    if close:
        return f"是否应为「{close[0]}」？"
    if len(valid) <= 16:
        return "可选：" + "、".join(valid)
    return f"可选值见词表（共 {len(valid)} 项）"


def term_from(entry: Any) -> Term:
    if isinstance(entry, dict):
        name = str(entry["名称"])
        return Term(name, str(entry.get("代码") or derived_code(name)), str(entry.get("条款", "")))
    return Term(str(entry), derived_code(str(entry)))


def derived_code(name: str) -> str:
    # A term added without a code still needs a stable ASCII address.
    return "t-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


def default_vocabularies() -> dict[str, Vocabulary]:
    text = resources.files("xxgk.model").joinpath("vocabularies.yml").read_text(encoding="utf-8")
    return {
        name: Vocabulary(name, tuple(term_from(entry) for entry in entries))
        for name, entries in yaml.safe_load(text).items()
    }
