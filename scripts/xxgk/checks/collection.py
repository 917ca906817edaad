"""Checks across documents: one 索引号 per document, relations that resolve."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from xxgk.model.documents import Document
from xxgk.model.identifiers import parse_index_number
from xxgk.model.lifecycle import check_lifecycle
from xxgk.model.links import check_links
from xxgk.model.problems import Problem
from xxgk.model.schema import RELATION_FIELDS
from xxgk.model.vocabulary import nearest
from xxgk.model.workdays import PUBLICATION_WORKING_DAYS, CalendarUnknown, publication_deadline


def check_collection(documents: list[Document], declared: dict[str, list[Path]]) -> list[Problem]:
    return (
        check_unique_index_numbers(documents)
        + check_relations(documents, declared)
        + check_attachment_names(documents)
        + check_links(documents)
        + check_publication_deadlines(documents)
        + check_lifecycle(documents)
    )


def resolve_doc_numbers(documents: list[Document]) -> tuple[list[Document], list[Problem]]:
    """Relations written as a 发文字号, as staff think of a document, replaced by its 索引号.

    One document with that 发文字号: the relation holds, with a warning naming the 索引号 to
    write. None or several: an error naming the candidates' 索引号, and the relation is dropped.
    A document that changes is a new object: the preview's cached ones are never edited.
    """
    by_doc_number: dict[str, list[Document]] = {}
    for document in sorted(documents, key=lambda d: d.index_number):
        if document.doc_number:
            by_doc_number.setdefault(document.doc_number, []).append(document)
    resolved, problems = [], []
    for document in documents:
        changes = {}
        for spec in RELATION_FIELDS:
            targets = getattr(document, spec.attr)
            if all(parse_index_number(target) for target in targets):
                continue
            kept = []
            for target in targets:
                if parse_index_number(target):
                    kept.append(target)
                    continue
                found = by_doc_number.get(target, [])
                if len(found) == 1:
                    kept.append(str(found[0].index_number))
                message, warning = _doc_number_message(target, found, by_doc_number), len(found) == 1
                problems.append(Problem(document.path, document.lines.get(spec.name), spec.name, message, warning))
            changes[spec.attr] = tuple(kept)
        resolved.append(replace(document, **changes) if changes else document)
    return resolved, problems


def _doc_number_message(target: str, found: list[Document], by_doc_number: dict[str, list[Document]]) -> str:
    def named(document: Document) -> str:
        return f'"{document.index_number}"（{document.path.as_posix()}）'

    if len(found) == 1:
        return (
            f"「{target}」是发文字号，已关联到用它的文件 {found[0].path.as_posix()}：关联文件请写索引号，"
            f'改成 "{found[0].index_number}"'
        )
    if found:
        return (
            f"「{target}」是发文字号，有 {len(found)} 份文件用它：{'、'.join(named(d) for d in found)}："
            "请写要关联的那一份的索引号"
        )
    close = [document for number in nearest(target, list(by_doc_number)) for document in by_doc_number[number]]
    hint = "；相近的有：" + "、".join(f"「{d.doc_number}」的 {named(d)}" for d in close) if close else ""
    return f"没有发文字号为「{target}」的文件{hint}：关联文件请写索引号"


def check_unique_index_numbers(documents: list[Document]) -> list[Problem]:
    """Each file sharing a 索引号 is reported, naming the others."""
    sharing: dict[str, list[Document]] = {}
    for document in documents:
        sharing.setdefault(str(document.index_number), []).append(document)
    problems = []
    for key, group in sharing.items():
        for document in group if len(group) > 1 else ():
            others = "、".join(d.path.as_posix() for d in group if d is not document)
            problems.append(
                Problem(
                    document.path,
                    document.lines.get("索引号"),
                    "索引号",
                    f"{key} 也被 {others} 使用：索引号不能重复，请用 xxgk new 获取新的索引号",
                )
            )
    return problems


def check_relations(documents: list[Document], declared: dict[str, list[Path]]) -> list[Problem]:
    known = {str(document.index_number) for document in documents}
    problems = []
    for document in documents:
        own = str(document.index_number)
        for spec in RELATION_FIELDS:
            for target in getattr(document, spec.attr):
                line = document.lines.get(spec.name)
                if target == own:
                    problems.append(Problem(document.path, line, spec.name, f"{target} 是本文件自己的索引号"))
                elif target not in known and target not in declared:
                    problems.append(Problem(document.path, line, spec.name, f"没有索引号为 {target} 的文件"))
    return problems


def check_attachment_names(documents: list[Document]) -> list[Problem]:
    problems = []
    for document in documents:
        counts = Counter(attachment.filename for attachment in document.attachments)
        for filename, count in counts.items():
            if count > 1:
                problems.append(
                    Problem(
                        document.path,
                        document.lines.get("附件"),
                        "附件",
                        f"有 {count} 个附件同名「{filename}」：下载时会互相覆盖，请改名",
                    )
                )
    return problems


def check_publication_deadlines(documents: list[Document]) -> list[Problem]:
    """条例 art. 26: a warning for each document published later than 20 working days after 成文日期."""
    problems = []
    for document in documents:
        # 20 working days span at least 20 calendar days: no calendar needed before that.
        if (document.published - document.written).days <= PUBLICATION_WORKING_DAYS:
            continue
        line = document.lines.get("发布日期")
        try:
            deadline = publication_deadline(document.written)
        except CalendarUnknown as unknown:
            problems.append(Problem(document.path, line, "发布日期", f"无法核对公开期限：{unknown}", warning=True))
            continue
        if document.published > deadline:
            problems.append(
                Problem(
                    document.path,
                    line,
                    "发布日期",
                    f"{document.published} 超过公开期限 {deadline}（成文日期 {document.written} 起 "
                    f"{PUBLICATION_WORKING_DAYS} 个工作日，条例第二十六条）：条例要求在此之前公开，尚未发布的请提前发布日期",
                    warning=True,
                )
            )
    return problems
