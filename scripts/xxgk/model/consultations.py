"""意见征集: public consultations on draft decisions, their status and their follow-up.

A consultation is a document with 征集开始 and 征集截止. Its status is never
stored, it follows from the build date: 未开始 before the first day, 征集中 from
the first day to the last (inclusive, with the days left counting the last day),
已结束 from the day after. After it closes the unit publishes 意见采纳情况, a
document naming it in 意见征集; the decision that results names it in 征求意见.
Both link back from the consultation's page (site.context.SiteContext.related).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xxgk.model.config import ConsultationRule
from xxgk.model.documents import Document
from xxgk.model.problems import Problem

NOT_STARTED, OPEN, CLOSED = "未开始", "征集中", "已结束"


@dataclass(frozen=True)
class ConsultationStatus:
    name: str  # 未开始, 征集中 or 已结束
    days_left: int = 0  # while open: the days on which comments are still taken, today and the last day included

    @property
    def is_open(self) -> bool:
        return self.name == OPEN

    @property
    def label(self) -> str:
        """
        >>> ConsultationStatus(OPEN, 1).label
        '征集中（今天截止）'
        >>> ConsultationStatus(OPEN, 5).label
        '征集中（剩余5天）'
        >>> ConsultationStatus(CLOSED).label
        '已结束'
        """
        if not self.is_open:
            return self.name
        return f"{OPEN}（今天截止）" if self.days_left == 1 else f"{OPEN}（剩余{self.days_left}天）"


def is_consultation(document: Document) -> bool:
    return document.consultation_opens is not None and document.consultation_closes is not None


def consultation_status(document: Document, as_of: dt.date) -> ConsultationStatus | None:
    """The consultation's status on `as_of`; None for a document that is not a consultation."""
    if not is_consultation(document):
        return None
    if as_of < document.consultation_opens:
        return ConsultationStatus(NOT_STARTED)
    if as_of <= document.consultation_closes:
        return ConsultationStatus(OPEN, (document.consultation_closes - as_of).days + 1)
    return ConsultationStatus(CLOSED)


def period_days(document: Document) -> int:
    """The days of the period, first and last included."""
    return (document.consultation_closes - document.consultation_opens).days + 1


def open_first(consultations: list[Document], as_of: dt.date) -> list[Document]:
    """Open ones first, soonest deadline on top; then those to come; then the closed ones, newest first."""
    order = {OPEN: 0, NOT_STARTED: 1, CLOSED: 2}

    def key(document: Document):
        name = consultation_status(document, as_of).name
        if name == CLOSED:
            return order[name], -document.consultation_closes.toordinal(), str(document.index_number)
        return order[name], document.consultation_closes.toordinal(), str(document.index_number)

    return sorted(consultations, key=key)


def check_consultation_fields(documents: list[Document]) -> list[Problem]:
    """Checks that hold on any date: both dates or neither, in order; feedback only for consultations."""
    by_index = {str(d.index_number): d for d in documents}
    problems = []
    for document in documents:
        opens, closes = document.consultation_opens, document.consultation_closes
        if (opens is None) != (closes is None):
            missing = "征集截止" if closes is None else "征集开始"
            present = "征集开始" if closes is None else "征集截止"
            problems.append(
                Problem(
                    document.path,
                    document.lines.get(present),
                    missing,
                    f"写了{present}却缺少{missing}：意见征集要同时写明开始和截止日期",
                )
            )
        elif opens and closes < opens:
            problems.append(
                Problem(
                    document.path, document.lines.get("征集截止"), "征集截止", f"征集截止 {closes} 早于征集开始 {opens}"
                )
            )
        for field, attr in (("意见征集", "feedback_of"), ("征求意见", "consulted_in")):
            for target in getattr(document, attr):
                consultation = by_index.get(target)
                if consultation is not None and consultation is not document and not is_consultation(consultation):
                    problems.append(
                        Problem(
                            document.path,
                            document.lines.get(field),
                            field,
                            f"{target}（{consultation.path.as_posix()}）不是意见征集：它没有征集开始和征集截止，请核对索引号",
                        )
                    )
    return problems


def check_consultations(documents: list[Document], rule: ConsultationRule, as_of: dt.date) -> list[Problem]:
    """Warnings: a period shorter than the minimum without a reason, a closed one with no 意见采纳情况 in time."""
    answered = {target for d in documents if d.published <= as_of for target in d.feedback_of}
    problems = []
    for document in documents:
        if not is_consultation(document) or document.consultation_closes < document.consultation_opens:
            continue
        days = period_days(document)
        if days < rule.min_days and not document.consultation_short_reason:
            problems.append(
                Problem(
                    document.path,
                    document.lines.get("征集截止"),
                    "征集截止",
                    f"征集期限只有 {days} 天，少于 {rule.min_days} 天：公开征求意见的期限一般不少于 {rule.min_days} 天，"
                    "确需缩短的请在 征集期限说明 中写明理由",
                    warning=True,
                )
            )
        waited = (as_of - document.consultation_closes).days
        if document.published <= as_of and waited > rule.feedback_days and str(document.index_number) not in answered:
            problems.append(
                Problem(
                    document.path,
                    document.lines.get("征集截止"),
                    None,
                    f"意见征集已于 {document.consultation_closes} 截止，{waited} 天来还没有公布意见采纳情况"
                    f"（期限 {rule.feedback_days} 天）：请发布意见采纳情况，并在其中写 "
                    f'意见征集: ["{document.index_number}"]',
                    warning=True,
                )
            )
    return problems
