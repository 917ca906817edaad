"""Scanning a document file and its attachments for numbers of a person; 个人信息豁免 accepts one value."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath

from xxgk.checks.personal_data.attachments import Unreadable, attachment_lines
from xxgk.model.documents import Document
from xxgk.model.personal_numbers import (EXEMPTIONS_FIELD, FIELD, Exemption, Hit, candidate_lines,
                                         find_personal_numbers, mask, parse_exemption)
from xxgk.model.problems import Problem, shown_path
from xxgk.model.sources import SourceError, parse_yaml, read_text, split_front_matter


@dataclass(frozen=True)
class _Found:
    hit: Hit
    line: int | None
    where: str  # "" in the document file itself


def check_personal_data(path: Path, document: Document | None) -> list[Problem]:
    """Errors for every number of a person in a document file and its attachments, warnings for acceptances.

    A document that failed its other checks is still scanned (front matter and
    body), so all problems are reported at once.
    """
    shown = shown_path(path)
    try:
        text = read_text(path, shown)
    except SourceError:
        return []  # already reported by load_document
    lines = text.split("\n")  # numbered as editors and the YAML reader number them
    if document is not None:
        exemptions, attachments = document.personal_data_exemptions, document.attachments
        attachment_line, exemption_line = document.lines.get("附件"), document.lines.get(EXEMPTIONS_FIELD)
    else:
        exemptions, attachments = declared_exemptions(text, shown), ()
        attachment_line = exemption_line = None
    declaration = _exemption_block(lines)

    found: list[_Found] = []
    for number in candidate_lines(text):
        if number not in declaration:
            found += [_Found(hit, number, "") for hit in find_personal_numbers(lines[number - 1])]
    problems = []
    for attachment in attachments:
        try:
            for where, line in attachment_lines(attachment.source):
                found += [_Found(hit, attachment_line, f"附件「{attachment.filename}」{where}")
                          for hit in find_personal_numbers(line)]
        except Unreadable as unreadable:
            problems.append(Problem(shown, attachment_line, "附件", f"附件「{attachment.filename}」未检查个人信息："
                                    f"{unreadable}；请人工确认其中没有身份证号码、手机号码和银行卡号", warning=True))

    accepted = {exemption.number: exemption for exemption in exemptions}
    seen = set()
    for item in found:
        key = (item.hit.number, item.line, item.where)
        if item.hit.number in accepted or key in seen:
            continue
        seen.add(key)
        where = f"{item.where}：" if item.where else ""
        problems.append(Problem(shown, item.line, FIELD,
                                f"{where}发现疑似{item.hit.kind} {item.hit.masked}：请删除或打码后再发布；"
                                f"确认不是个人信息的，在“{EXEMPTIONS_FIELD}”中写明号码和理由"))
    for exemption in exemptions:
        uses = [item for item in found if item.hit.number == exemption.number]
        if uses:
            problems.append(Problem(shown, exemption_line, EXEMPTIONS_FIELD,
                                    f"已豁免{uses[0].hit.kind} {mask(exemption.number)}（{len(uses)} 处），"
                                    f"理由：{exemption.reason}", warning=True))
        else:
            problems.append(Problem(shown, exemption_line, EXEMPTIONS_FIELD,
                                    f"号码 {mask(exemption.number)} 在本文件及附件中没有找到：请核对号码，或删除这条豁免",
                                    warning=True))
    return problems


def declared_exemptions(text: str, shown: PurePath) -> tuple[Exemption, ...]:
    """The valid entries of 个人信息豁免 in a file that may not pass its other checks."""
    try:
        data = parse_yaml(split_front_matter(text, shown)[0], shown).data
    except SourceError:
        return ()
    items = data.get(EXEMPTIONS_FIELD) if isinstance(data, dict) else None
    exemptions = []
    for item in items if isinstance(items, list) else ():
        try:
            exemptions.append(parse_exemption(item))
        except ValueError:
            pass
    return tuple(exemptions)


def _exemption_block(lines: list[str]) -> set[int]:
    """Line numbers of the 个人信息豁免 field in the front matter: it names the numbers it accepts."""
    if not lines or lines[0].strip() != "---":
        return set()
    block, inside = set(), False
    for number, line in enumerate(lines[1:], 2):
        if line.rstrip() == "---":
            break
        if line[:1] not in ("", " ", "\t", "-", "#"):  # a top-level key starts a field
            inside = line.startswith(EXEMPTIONS_FIELD)
        if inside:
            block.add(number)
    return block
