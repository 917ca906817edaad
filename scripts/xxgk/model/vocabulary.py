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

    def not_in(self, wrong: str) -> str:
        """The message for a value outside this vocabulary."""
        return not_in_vocabulary(wrong, self.name, self.names())


# A vocabulary this short is listed whole in the message; a longer one is named with the command.
SHORT_VOCABULARY = 6
# The command that prints a vocabulary's values (authoring/cli.py); staff copy it from the message.
LIST_COMMAND = "xxgk fields"


def nearest(wrong: str, valid: list[str], n: int = 3) -> list[str]:
    """The allowed values closest to what was typed: most of its characters in order, then most alike.

    >>> nearest("卫生健康", ["综合政务", "卫生、体育", "科技、教育"])
    ['卫生、体育']
    >>> nearest("行政许诺", ["行政处罚", "行政许可", "公共服务"], n=1)
    ['行政许可']
    """
    typed = str(wrong)
    scored = []
    for term in valid:
        matcher = difflib.SequenceMatcher(None, typed, term, autojunk=False)
        shared = sum(block.size for block in matcher.get_matching_blocks())
        coverage = shared / len(typed) if typed else 0.0
        # Half of what was typed, and two characters at least: one shared 政 makes no neighbour.
        if (coverage >= 0.5 and shared >= min(2, len(typed))) or matcher.ratio() >= 0.5:
            scored.append((-coverage, -matcher.ratio(), term))
    ranked = sorted(scored, key=lambda item: item[:2])
    # Only the best: 行政许诺 is 行政许可, not also every other 行政 term.
    return [term for coverage, _, term in ranked if coverage == ranked[0][0]][:n]


def not_in_vocabulary(wrong: str, name: str, valid: list[str]) -> str:
    """The one message for a value outside a vocabulary: the nearest values, and where all of them are.

    >>> not_in_vocabulary("镇级", "公开层级", ["县级", "乡级"])
    '「镇级」不在公开层级词表中；可选值：县级、乡级'
    >>> not_in_vocabulary("财政", "主题分类", ["综合政务", "财政、金融、审计"] * 4)
    '「财政」不在主题分类词表中；相近的有：「财政、金融、审计」；全部可选值：xxgk fields 主题分类'
    """
    message = f"「{wrong}」不在{name}词表中；"
    if len(valid) <= SHORT_VOCABULARY:
        return message + "可选值：" + "、".join(valid)
    close = nearest(wrong, list(dict.fromkeys(valid)))
    if close:
        message += "相近的有：" + "、".join(f"「{term}」" for term in close) + "；"
    return message + f"全部可选值：{LIST_COMMAND} {name}"


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
