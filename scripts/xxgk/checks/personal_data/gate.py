"""Scanning a document file and its attachments for numbers of a person; 个人信息豁免 accepts one value."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from pathlib import PurePath

from xxgk.checks.personal_data.attachments import Unreadable, attachment_lines
from xxgk.model.documents import Document
from xxgk.model.personal_numbers import (
    EXEMPTIONS_FIELD,
    FIELD,
    Exemption,
    Hit,
    find_numbers,
    find_personal_numbers,
    line_of,
    mask,
    mask_numbers,
    parse_exemption,
)
from xxgk.model.problems import Problem
from xxgk.model.sources import SourceError, StaffFile, find_front_matter, parse_yaml, split_front_matter

_HINT = f"：请删除或打码后再发布；确认不是个人信息的，在“{EXEMPTIONS_FIELD}”中写明号码和理由"
# Pictures cannot be read without OCR; they stay a warning, or every photo would need an acceptance.
_PICTURES = frozenset((".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff"))


@dataclass(frozen=True)
class _Found:
    hit: Hit
    line: int | None
    where: str  # "" in the document file itself


def check_personal_data(file: StaffFile, document: Document | None) -> list[Problem]:
    """Errors for every number of a person in a document file and its attachments, warnings for acceptances.

    A document that failed its other checks is still scanned (front matter and
    body), so all problems are reported at once.
    """
    shown = file.shown
    try:
        text = file.text
    except SourceError:
        return []  # already reported by check_document
    if document is not None:
        exemptions, attachments = document.personal_data_exemptions, document.attachments
        attachment_line, exemption_line = document.lines.get("附件"), document.lines.get(EXEMPTIONS_FIELD)
    else:
        exemptions, attachments = declared_exemptions(text, shown), ()
        attachment_line = exemption_line = None
    declaration = _exemption_lines(text)
    numbers = [exemption for exemption in exemptions if not exemption.attachment]
    checked_by_hand = {exemption.attachment: exemption for exemption in exemptions if exemption.attachment}

    found = [
        _Found(item.hit, line, "")
        for item in find_numbers(text)
        if (line := line_of(text, item.start)) not in declaration
    ]
    problems = []
    for attachment in attachments:
        accepted = checked_by_hand.get(attachment.filename)
        if accepted:
            problems.append(
                Problem(
                    shown,
                    exemption_line,
                    EXEMPTIONS_FIELD,
                    f"附件「{attachment.filename}」未自动检查个人信息，已人工核对，理由：{accepted.reason}",
                    warning=True,
                )
            )
            continue
        try:
            for where, line in attachment_lines(attachment.source):
                found += [
                    _Found(hit, attachment_line, f"附件「{attachment.filename}」{where}")
                    for hit in find_personal_numbers(line)
                ]
        except Unreadable as unreadable:
            problems.append(_unreadable(shown, attachment_line, attachment.filename, unreadable))
    for name, exemption in checked_by_hand.items():
        if name not in {attachment.filename for attachment in attachments}:
            problems.append(
                Problem(
                    shown,
                    exemption_line,
                    EXEMPTIONS_FIELD,
                    f"附件「{name}」不在本文件的附件中：请核对文件名，或删除这条豁免（理由：{exemption.reason}）",
                    warning=True,
                )
            )

    accepted = {exemption.number: exemption for exemption in numbers}
    seen = set()
    for item in found:
        key = (item.hit.number, item.line, item.where)
        if item.hit.number in accepted or key in seen:
            continue
        seen.add(key)
        where = f"{item.where}：" if item.where else ""
        problems.append(Problem(shown, item.line, FIELD, f"{where}发现疑似{item.hit.kind} {item.hit.masked}{_HINT}"))
    for exemption in numbers:
        uses = [item for item in found if item.hit.number == exemption.number]
        if uses:
            problems.append(
                Problem(
                    shown,
                    exemption_line,
                    EXEMPTIONS_FIELD,
                    f"已豁免{uses[0].hit.kind} {mask(exemption.number)}（{len(uses)} 处），理由：{exemption.reason}",
                    warning=True,
                )
            )
        else:
            problems.append(
                Problem(
                    shown,
                    exemption_line,
                    EXEMPTIONS_FIELD,
                    f"号码 {mask(exemption.number)} 在本文件及附件中没有找到：请核对号码，或删除这条豁免",
                    warning=True,
                )
            )
    return problems


def _unreadable(shown: PurePath, line: int | None, filename: str, unreadable: Unreadable) -> Problem:
    if PurePath(filename).suffix.lower() in _PICTURES:
        return Problem(
            shown,
            line,
            "附件",
            f"附件「{filename}」未检查个人信息：{unreadable}；请人工确认其中没有身份证号码、手机号码和银行卡号",
            warning=True,
        )
    return Problem(
        shown,
        line,
        "附件",
        f"附件「{filename}」无法检查个人信息：{unreadable}。请另存为 .docx、.xlsx 或 .pdf 再附上；"
        f"确已人工核对的，在“{EXEMPTIONS_FIELD}”中写明 {{附件: {filename}, 理由: …}}",
    )


def check_staff_file(file: StaffFile) -> list[Problem]:
    """Errors for every number of a person in a file staff write that is not a document (单位.yml, 站点.yml, 年报)."""
    text = file.lenient_text
    return [
        Problem(
            file.shown,
            line_of(text, item.start),
            FIELD,
            f"发现疑似{item.hit.kind} {item.hit.masked}：请删除或打码；这些文件的内容会发布到网站上",
        )
        for item in find_numbers(text)
    ]


def mask_problem(problem: Problem) -> Problem:
    """The problem with any number of a person in its message masked: a field error may quote the value."""
    masked, hits = mask_numbers(problem.message)
    return replace(problem, message=masked) if hits else problem


def declared_exemptions(text: str, shown: PurePath) -> tuple[Exemption, ...]:
    """The valid entries of 个人信息豁免 in a file that may not pass its other checks."""
    try:
        front = split_front_matter(text, shown)
        data = parse_yaml(front.yaml, shown, first_line=front.yaml_line).data
    except SourceError:
        return ()
    items = data.get(EXEMPTIONS_FIELD) if isinstance(data, dict) else None
    exemptions = []
    for item in items if isinstance(items, list) else ():
        with contextlib.suppress(ValueError):  # reported by the document's own check
            exemptions.append(parse_exemption(item))
    return tuple(exemptions)


def _exemption_lines(text: str) -> set[int]:
    """Line numbers of the 个人信息豁免 field in the front matter: it names the numbers it accepts."""
    front = find_front_matter(text)
    if not front.opened:
        return set()
    return {number for key, start, end in front.fields() if key == EXEMPTIONS_FIELD for number in range(start, end)}
