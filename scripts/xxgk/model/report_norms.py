"""表二's 规章 and 行政规范性文件 rows, counted from the documents in content/.

A document counts when its 信息类别 is 行政法规、规章和规范性文件 and its 文种 is
not 其他 (interpretations and other accompanying material use 其他). It is a 规章
when issued as an order (文种 命令（令）, or a 发文字号 such as …令第3号), otherwise a
行政规范性文件. It belongs to the unit that published it (发布机构).

Whether a document is in force on 31 December is its status on that day, computed
by `lifecycle.Lifecycle.status` exactly as the site shows it:

- 本年制发件数: its 发布日期 falls in the year.
- 本年废止件数: it stopped applying in the year: a document published in the year
  repeals it (废止) or replaces it with a new version (修订), or its 有效期至 ended.
- 现行有效件数: published by 31 December and in force on that day.

A document marked 失效 or 废止 that nothing in the content ends ended on a date
the content does not record, so for every year-end after its publication it may
or may not count: the count is then a range, low to high.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xxgk.model.documents import Document
from xxgk.model.lifecycle import REPEALED, Lifecycle, is_regulation
from xxgk.model.units import Unit

REGULATION_KINDS = ("规章", "行政规范性文件")
ISSUED_COLUMN, REPEALED_COLUMN, IN_FORCE_COLUMN = "本年制发件数", "本年废止件数", "现行有效件数"


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


def kind_of(document: Document) -> str:
    """
    >>> from types import SimpleNamespace as D
    >>> kind_of(D(genre="", doc_number="松岭县人民政府令第3号"))
    '规章'
    """
    if document.genre == "命令（令）" or "令第" in document.doc_number:
        return "规章"
    return "行政规范性文件"


def count_regulations(
    documents: list[Document], unit: Unit, year: int, lifecycle: Lifecycle | None = None
) -> dict[tuple[str, str], Count]:
    """The three columns of both rows for one unit and year, keyed by (row, column).

    `lifecycle` is Lifecycle(all documents); pass it, and only the unit's
    regulations, when counting for many reports.
    """
    lifecycle = Lifecycle(documents) if lifecycle is None else lifecycle
    year_end = dt.date(year, 12, 31)
    counts = {}
    for kind in REGULATION_KINDS:
        found: dict[str, tuple[list[Document], list[Document]]] = {
            c: ([], []) for c in (ISSUED_COLUMN, REPEALED_COLUMN, IN_FORCE_COLUMN)
        }
        for document in documents:
            if document.unit != unit or not is_regulation(document) or kind_of(document) != kind:
                continue
            if document.published > year_end:
                continue
            if document.published.year == year:
                found[ISSUED_COLUMN][0].append(document)
            status = lifecycle.status(document, year_end)
            if status.in_force:
                found[IN_FORCE_COLUMN][0].append(document)
            elif status.ended_on is not None:
                if status.ended_on.year == year:
                    found[REPEALED_COLUMN][0].append(document)
            else:  # marked 失效 or 废止, on a date the content does not record
                found[IN_FORCE_COLUMN][1].append(document)
                if status.name == REPEALED:
                    found[REPEALED_COLUMN][1].append(document)
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
