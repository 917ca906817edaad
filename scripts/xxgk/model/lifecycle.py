"""The validity of 规章 and 规范性文件: their status as of a date, and the graph of relations.

A status is never stored, it follows from the content: a document turns 失效 the
day after its 有效期至, or when a published document replaces it (修订), and 废止
when a published document repeals it (废止). A status staff declared (有效性: 失效
or 废止) stands for an ending the content does not record, and only when no
document in the content repeals, replaces or expires it. Pages, search, the
libraries and the annual reports' table 二 all ask `Lifecycle.status`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from xxgk.model.documents import Document
from xxgk.model.problems import Problem

REGULATIONS = "行政法规、规章和规范性文件"
NOT_A_POLICY = "其他"  # the 文种 of interpretations and other accompanying material
IN_FORCE, EXPIRED, REPEALED = "有效", "失效", "废止"
ENDED = (EXPIRED, REPEALED)

# How a document can end, and the status each gives.
BY_REPEAL, BY_AMENDMENT, BY_EXPIRY, DECLARED = "废止", "修订", "到期", "标注"
ENDING_RELATIONS = (("repeals", BY_REPEAL), ("amends", BY_AMENDMENT))
FIELD_OF = {BY_REPEAL: "废止", BY_AMENDMENT: "修订"}


@dataclass(frozen=True)
class Ending:
    status: str  # 失效 or 废止
    reason: str  # BY_REPEAL, BY_AMENDMENT, BY_EXPIRY or DECLARED
    date: dt.date | None  # the first day the document no longer applies; None when not recorded
    by: Document | None = None  # the document that repealed or replaced it


@dataclass(frozen=True)
class Status:
    name: str  # 有效, 失效 or 废止
    endings: tuple[Ending, ...] = ()  # why it no longer applies, earliest first
    current: Document | None = None  # the version in force at the end of a chain of 修订

    @property
    def in_force(self) -> bool:
        return self.name == IN_FORCE

    @property
    def ended_on(self) -> dt.date | None:
        """The first day it no longer applied, when the content records it."""
        return self.endings[0].date if self.endings and self.endings[0].date else None


def is_regulation(document: Document) -> bool:
    """A 规章 or 规范性文件 itself, not an interpretation or other material published with it."""
    return document.category == REGULATIONS and document.genre != NOT_A_POLICY and not document.kind


def needs_interpretation(document: Document) -> bool:
    """A 规章 or 规范性文件, except a decision that only repeals others (关于废止……的决定): 谁发布，谁解读."""
    return is_regulation(document) and not (document.repeals and "废止" in document.title)


def expiry_date(document: Document) -> dt.date | None:
    """
    >>> from types import SimpleNamespace as D
    >>> expiry_date(D(valid_until=dt.date(2026, 3, 11)))
    datetime.date(2026, 3, 12)
    """
    return document.valid_until + dt.timedelta(days=1) if document.valid_until else None


class Lifecycle:
    """The endings of every document, gathered once; statuses are asked for as of a date."""

    def __init__(self, documents: list[Document]):
        # enders[target]: (how, document) for each document that repeals or replaces `target`.
        self.enders: dict[str, list[tuple[str, Document]]] = defaultdict(list)
        for document in documents:
            for attr, how in ENDING_RELATIONS:
                for target in getattr(document, attr):
                    self.enders[target].append((how, document))

    def dated_endings(self, document: Document) -> list[Ending]:
        """Every ending the content dates, whenever it falls, earliest first."""
        endings = [
            Ending(REPEALED if how == BY_REPEAL else EXPIRED, how, by.published, by)
            for how, by in self.enders.get(str(document.index_number), ())
        ]
        if document.valid_until:
            endings.append(Ending(EXPIRED, BY_EXPIRY, expiry_date(document)))
        return sorted(endings, key=lambda e: (e.date, e.reason != BY_REPEAL))

    def has_status(self, document: Document) -> bool:
        """Regulations have a status; other documents only when they declare or are given one."""
        return bool(
            is_regulation(document)
            or document.validity
            or document.valid_until
            or str(document.index_number) in self.enders
        )

    def status(self, document: Document, as_of: dt.date) -> Status | None:
        """The document's status on `as_of`; None for a document that has no status.

        A repeal counts from the repealing document's 发布日期, a new version from
        its own, an expiry from the day after 有效期至.
        """
        if not self.has_status(document):
            return None
        dated = self.dated_endings(document)
        reached = tuple(e for e in dated if e.date <= as_of)
        if reached:
            name = REPEALED if any(e.status == REPEALED for e in reached) else EXPIRED
            return Status(name, reached, self.current_version(document, as_of))
        if document.validity in ENDED and not dated:
            return Status(document.validity, (Ending(document.validity, DECLARED, None),))
        return Status(IN_FORCE)

    def current_version(self, document: Document, as_of: dt.date) -> Document | None:
        """The newest version that replaced this one through 修订, as of `as_of`."""
        seen, current = {str(document.index_number)}, None
        while True:
            newer = [
                by
                for how, by in self.enders.get(str((current or document).index_number), ())
                if how == BY_AMENDMENT and by.published <= as_of and str(by.index_number) not in seen
            ]
            if not newer:
                return current
            current = max(newer, key=lambda d: (d.published, d.index_number))
            seen.add(str(current.index_number))


# -- checks ---------------------------------------------------------------------------


def check_lifecycle(documents: list[Document]) -> list[Problem]:
    """Checks that hold on any date: 有效期至 after 成文日期, no document ending one written after it, no cycles."""
    by_index = {str(d.index_number): d for d in documents}
    problems = []
    for document in documents:
        if document.valid_until and document.valid_until < document.written:
            problems.append(
                Problem(
                    document.path,
                    document.lines.get("有效期至"),
                    "有效期至",
                    f"{document.valid_until} 早于成文日期 {document.written}：有效期应从成文之后开始",
                )
            )
        for attr, how in ENDING_RELATIONS:
            for target in getattr(document, attr):
                old = by_index.get(target)
                if old is not None and old is not document and old.written > document.written:
                    problems.append(
                        Problem(
                            document.path,
                            document.lines.get(FIELD_OF[how]),
                            FIELD_OF[how],
                            f"{target}（{old.path.as_posix()}）成文于 {old.written}，晚于本文件的成文日期 "
                            f"{document.written}：文件只能{how}在它之前成文的文件，请核对索引号",
                        )
                    )
    return problems + check_cycles(documents, by_index)


def check_cycles(documents: list[Document], by_index: dict[str, Document]) -> list[Problem]:
    """A document cannot end itself through others: A 修订 B, B 废止 A. Each member of a cycle is told.

    `by_index`: the documents by 索引号.
    """
    edges: dict[str, list[tuple[str, str]]] = defaultdict(list)  # source -> (how, target)
    for document in documents:
        for attr, how in ENDING_RELATIONS:
            for target in getattr(document, attr):
                if target in by_index and target != str(document.index_number):
                    edges[str(document.index_number)].append((how, target))
    problems, reported = [], set()
    for start in sorted(edges):
        cycle = _cycle_from(start, edges)
        if cycle is None or frozenset(cycle) in reported:
            continue
        reported.add(frozenset(cycle))
        ring = cycle + [cycle[0]]
        for position, source in enumerate(cycle):
            document = by_index[source]
            how = next(h for h, t in edges[source] if t == ring[position + 1])
            chain = " → ".join(ring[position:] + ring[1 : position + 1])
            problems.append(
                Problem(
                    document.path,
                    document.lines.get(FIELD_OF[how]),
                    FIELD_OF[how],
                    f"废止和修订关系成环：{chain}（每个箭头表示“废止或修订”）：一份文件不能经由其他文件废止或修订它自己，请核对这些索引号",
                )
            )
    return problems


def _cycle_from(start: str, edges: dict[str, list[tuple[str, str]]]) -> list[str] | None:
    """The cycle through `start`, as the list of its members from `start`, or None."""
    path, on_path = [start], {start}
    stack = [iter(edges.get(start, ()))]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        target = step[1]
        if target == start:
            return list(path)
        if target not in on_path and target > start:  # smaller starts were searched already
            path.append(target)
            on_path.add(target)
            stack.append(iter(edges.get(target, ())))
    return None


def check_declared_endings(documents: list[Document], as_of: dt.date) -> list[Problem]:
    """有效性 written as 失效 or 废止 on a document that is still in force on `as_of`.

    That happens when the document that ends it is not yet published, or its
    有效期至 is still ahead: the site shows it in force until then, so what staff
    wrote would silently not show. The line has to go; the status follows by itself.
    """
    lifecycle = Lifecycle(documents)
    problems = []
    for document in documents:
        if document.validity not in ENDED or not lifecycle.status(document, as_of).in_force:
            continue
        reasons = [
            f"{how}本文件的 {by.path.as_posix()} 发布日期为 {by.published}"
            for how, by in lifecycle.enders.get(str(document.index_number), ())
            if by.published > as_of
        ]
        if document.valid_until:
            reasons.append(f"有效期至 {document.valid_until}")
        problems.append(
            Problem(
                document.path,
                document.lines.get("有效性"),
                "有效性",
                f"写为「{document.validity}」，但{'，'.join(reasons)}，在 {as_of} 本文件仍然有效："
                "请删去本行，到期时网站会自动显示失效或废止",
            )
        )
    return problems
