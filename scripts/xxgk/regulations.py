"""表二's 规章 and 行政规范性文件 rows, counted from the documents in content/.

A document counts when its 信息类别 is 行政法规、规章和规范性文件 and its 文种 is
not 其他 (interpretations and other accompanying material use 其他). It is a 规章
when issued as an order (文种 命令（令）, or a 发文字号 such as …令第3号), otherwise a
行政规范性文件. It belongs to the unit that published it (发布机构).

- 本年制发件数: its 发布日期 falls in the year.
- 本年废止件数: a document published in the year repeals it (废止) or replaces it
  with a new version (修订).
- 现行有效件数: published by 31 December and not repealed or replaced by then.

A document marked 失效 or 废止 that no document repeals or replaces ended on a
date the content does not record, so for every year-end after its publication it
may or may not count: the count is then a range, low to high.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .documents import Document
from .units import Unit

REGULATIONS = "行政法规、规章和规范性文件"
NOT_A_REGULATION = "其他"
ENDED = ("失效", "废止")
KINDS = ("规章", "行政规范性文件")
ISSUED, REPEALED, IN_FORCE = "本年制发件数", "本年废止件数", "现行有效件数"


@dataclass(frozen=True)
class Count:
    counted: tuple[Document, ...] = ()  # certainly counted
    undated: tuple[Document, ...] = ()  # counted or not: when they ended is not recorded

    @property
    def low(self) -> int:
        return len(self.counted)

    @property
    def high(self) -> int:
        return len(self.counted) + len(self.undated)


def is_regulation(document: Document) -> bool:
    return document.category == REGULATIONS and document.genre != NOT_A_REGULATION


def kind_of(document: Document) -> str:
    """
    >>> from types import SimpleNamespace as D
    >>> kind_of(D(genre="", doc_number="松岭县人民政府令第3号"))
    '规章'
    """
    if document.genre == "命令（令）" or "令第" in document.doc_number:
        return "规章"
    return "行政规范性文件"


def end_dates(documents: list[Document]) -> dict[str, dt.date]:
    """For each 索引号, the earliest 发布日期 of a document that repeals or replaces it."""
    ends: dict[str, dt.date] = {}
    for document in documents:
        for target in document.repeals + document.amends:
            if target not in ends or document.published < ends[target]:
                ends[target] = document.published
    return ends


def count_regulations(documents: list[Document], unit: Unit, year: int,
                      ends: dict[str, dt.date] | None = None) -> dict[tuple[str, str], Count]:
    """The three columns of both rows for one unit and year, keyed by (row, column).

    `ends` is end_dates(all documents); pass it, and only the unit's regulations,
    when counting for many reports.
    """
    ends = end_dates(documents) if ends is None else ends
    year_end = dt.date(year, 12, 31)
    counts = {}
    for kind in KINDS:
        found: dict[str, tuple[list[Document], list[Document]]] = {c: ([], []) for c in (ISSUED, REPEALED, IN_FORCE)}
        for document in documents:
            if document.unit != unit or not is_regulation(document) or kind_of(document) != kind:
                continue
            if document.published > year_end:
                continue
            if document.published.year == year:
                found[ISSUED][0].append(document)
            end = ends.get(str(document.index_number))
            if end is not None:
                if end.year == year:
                    found[REPEALED][0].append(document)
                if end > year_end:
                    found[IN_FORCE][0].append(document)
            elif document.validity in ENDED:
                found[IN_FORCE][1].append(document)
                if document.validity == "废止":
                    found[REPEALED][1].append(document)
            else:
                found[IN_FORCE][0].append(document)
        for column, (counted, undated) in found.items():
            counts[(kind, column)] = Count(tuple(sorted(counted, key=_by_index)), tuple(sorted(undated, key=_by_index)))
    return counts


def _by_index(document: Document):
    return document.index_number


def name(document: Document) -> str:
    return document.doc_number or str(document.index_number)


def describe(count: Count, limit: int = 5) -> str:
    """Which documents a count rests on, for a message a clerk can check."""
    parts = []
    if count.counted:
        names = "、".join(name(d) for d in count.counted[:limit])
        more = f" 等 {count.low} 件" if count.low > limit else ""
        parts.append(f"计入 {names}{more}")
    if count.undated:
        names = "、".join(name(d) for d in count.undated[:limit])
        parts.append(f"{names} 已标为失效或废止，但没有文件记载何时失效或废止，是否计入由填报人确定")
    return "；".join(parts)
