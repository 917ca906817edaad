"""One published document: reading its file and checking each field.

Every field is checked against `schema.FIELDS`; values are normalised here
(dates as dates, 发文字号 with 〔〕, units resolved) so nothing downstream parses
again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from xxgk.model import attachments as policy
from xxgk.model.attached_files import Attachment, InvalidAttachment, read_attachment, read_media
from xxgk.model.body_markup import unclosed_brackets
from xxgk.model.config import DEFAULT_MAX_ATTACHMENT_MB
from xxgk.model.digits import (
    date_problem,
    half_width_digits,
    has_full_width_digits,
    read_as_half_width,
    refused_full_width,
)
from xxgk.model.document_kinds import check_kind, kind_of_fields, needs_transcript
from xxgk.model.identifiers import IndexNumber, canonical_doc_number, parse_index_number
from xxgk.model.media import Graphic, MediaProblem, Recording
from xxgk.model.people import PeopleProblem, Person, read_people
from xxgk.model.personal_numbers import Exemption, parse_exemption
from xxgk.model.problems import Problem, errors
from xxgk.model.schema import FIELD_KEYS, FIELDS, PLACEHOLDER_BODY, PLACEHOLDER_MARKS, Field, Kind, allowed_values
from xxgk.model.sources import (
    SourceError,
    StaffFile,
    YamlData,
    check_text,
    find_front_matter,
    parse_yaml,
    split_front_matter,
)
from xxgk.model.units import Unit, find_unit, not_in_registry
from xxgk.model.vocabulary import LIST_COMMAND, Vocabulary, not_in_vocabulary

MAX_TEXT_LENGTH = 1000  # for text fields without a limit of their own: anything longer is a paste gone wrong
_KEYWORD_SEPARATORS = re.compile(r"[，,、；;\s]+")
_WRITTEN_VALUE = re.compile(r"\s*:\s*[\"']?([^\"'\s#]+)")  # after a key: the value up to a quote, space or comment


@dataclass
class Document:
    path: PurePath  # as the user sees it, e.g. content/县政府办公室/2026/要点.md
    title: str
    index_number: IndexNumber
    unit: Unit
    written: dt.date
    published: dt.date
    topic: str
    category: str = ""  # optional for the kinds of 解读回应 (document_kinds), required for the others
    doc_number: str = ""
    genre: str = ""
    validity: str = ""
    valid_until: dt.date | None = None
    issuer: str = ""
    addressee: str = ""
    copied_to: str = ""
    printed_by: str = ""
    printed: dt.date | None = None
    keywords: tuple[str, ...] = ()
    summary: str = ""
    origin: str = ""
    attachments: tuple[Attachment, ...] = ()
    related: tuple[str, ...] = ()
    interprets: tuple[str, ...] = ()
    interpretation_form: str = ""  # 文字, 图解 or 访谈 for an interpretation (文字 when not written)
    graphics: tuple[Graphic, ...] = ()
    media: tuple[Recording, ...] = ()
    concern_source: str = ""  # 回应关切: 12345热线, 网民留言, 媒体报道 or 代表委员
    concern_raised: dt.date | None = None
    concern: str = ""
    briefing_date: dt.date | None = None  # 新闻发布会
    speakers: tuple[Person, ...] = ()
    proposal_type: str = ""  # 建议提案办理结果: 人大代表建议 or 政协提案
    proposal_number: str = ""
    reply_class: str = ""  # A, B or C
    repeals: tuple[str, ...] = ()
    amends: tuple[str, ...] = ()
    consultation_opens: dt.date | None = None
    consultation_closes: dt.date | None = None
    consultation_short_reason: str = ""
    feedback_email: str = ""
    feedback_address: str = ""
    feedback_phone: str = ""
    feedback_of: tuple[str, ...] = ()
    consulted_in: tuple[str, ...] = ()
    task_ledger: bool = False  # a plan whose tasks the site tracks (任务台账: 是)
    personal_data_exemptions: tuple[Exemption, ...] = ()
    kind: str = ""  # 政策解读 … (document_kinds.DocumentKind.name), "" for a plain document
    body: str = ""
    body_line: int = 1  # the file's line where the body starts
    folder: Path | None = None  # the folder the file is in, for the links in its body
    lines: dict[str, int | None] = field(default_factory=dict, repr=False)

    @property
    def url(self) -> str:
        return self.index_number.path

    @property
    def published_files(self) -> list:
        """The files beside it published as they are besides its attachments: 图解 originals, recordings."""
        recordings = [item for media in self.media for item in (media, media.captions) if item]
        return [*self.graphics, *recordings]


@dataclass
class _Context:
    content_dir: Path
    units: list[Unit]
    vocabularies: dict[str, Vocabulary]
    max_attachment_bytes: int
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (field, message): read, but to be fixed


def load_document(
    path: Path,
    content_dir: Path,
    units: list[Unit],
    vocabularies: dict[str, Vocabulary],
    max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_MB * 2**20,
) -> tuple[Document | None, list[Problem]]:
    """Read and check one document file; the Document is None when any field is wrong."""
    return check_document(StaffFile.read(path), content_dir, units, vocabularies, max_attachment_bytes)


def check_document(
    file: StaffFile,
    content_dir: Path,
    units: list[Unit],
    vocabularies: dict[str, Vocabulary],
    max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_MB * 2**20,
) -> tuple[Document | None, list[Problem]]:
    """Check a document file already read; the Document is None when any field is wrong."""
    shown = file.shown
    try:
        text = file.text
        text_problems = check_text(text, shown)
        if errors(text_problems):
            return None, text_problems  # control characters: the YAML reader would stop at the first
        front = split_front_matter(text, shown)
        parsed = parse_yaml(front.yaml, shown, first_line=front.yaml_line)
    except SourceError as error:
        return None, error.problems
    if not isinstance(parsed.data, dict):
        return None, [Problem(shown, 2, None, "元数据应写成“字段: 值”的形式，每行一个字段")]
    document, problems = _check_fields(
        parsed,
        front.body,
        shown,
        file.path.parent,
        _Context(content_dir, units, vocabularies, max_attachment_bytes),
        front.body_line,
    )
    return document, text_problems + problems


def written_index_numbers(file: StaffFile) -> list[str]:
    """索引号 as written in the file's front matter, whether or not the file passes its checks.

    >>> written_index_numbers(StaffFile(Path("a.md"), '---\\n索引号: "X/2026-00001"  # 勿改\\n---\\n'.encode()))
    ['X/2026-00001']
    """
    front = find_front_matter(file.lenient_text)
    lines = front.text.split("\n")
    return [
        match[1]
        for key, start, _ in front.fields()
        if key == "索引号"
        if (match := _WRITTEN_VALUE.match(lines[start - 1], len(key)))
    ]


def _check_fields(
    parsed: YamlData, body: str, shown: PurePath, folder: Path, context: _Context, body_line: int = 1
) -> tuple[Document | None, list[Problem]]:
    data = parsed.data
    problems: list[Problem] = []
    values: dict[str, Any] = {}

    def problem(name: str, message: str, *path: Any) -> None:
        problems.append(Problem(shown, parsed.line(name, *path), name, message))

    problems += FIELD_KEYS.check(data, shown, parsed)
    kind = kind_of_fields(data, problem)
    for spec in FIELDS:
        value = data.get(spec.name)
        if value is None or value == "" or value == []:
            if spec.required and not (spec.attr == "category" and kind is not None and kind.own_column):
                problem(spec.name, ("缺少必填字段" if spec.name not in data else "必填字段为空") + _how_to_fill(spec))
            continue
        try:
            values[spec.attr] = _check_value(spec, value, folder, context)
        except _InvalidValue as invalid:
            problem(spec.name, invalid.message, *invalid.path)
        except _InvalidItems as invalid:
            for item in invalid.items:
                problem(spec.name, item.message, *item.path)

    _check_together(values, problem)
    check_kind(kind, values, data, body, problem)
    if not body.strip() and not values.get("attachments") and not needs_transcript(kind, data):
        problems.append(Problem(shown, None, None, "正文为空且没有附件：请在元数据之后写正文，或列出附件"))
    for number, line in enumerate(body.split("\n")):
        if any(mark in line for mark in PLACEHOLDER_MARKS):
            message = f"正文还是 xxgk new 写的占位文字「{PLACEHOLDER_BODY}」：请把这一行换成正文"
            problems.append(Problem(shown, body_line + number, None, message))
    if costly := unclosed_brackets(body):
        problems.append(
            Problem(
                shown,
                body_line + costly[0],
                None,
                f"这一段正文有 {costly[1]} 个没有配对的 [ 或 ](，生成网页会极慢："
                "请删除多余的方括号，或把要显示的方括号写成 \\[",
            )
        )
    warnings = [Problem(shown, parsed.line(name), name, message, warning=True) for name, message in context.warnings]
    if problems:
        return None, problems + warnings
    lines = {spec.name: parsed.line(spec.name) for spec in FIELDS if spec.name in data}
    document = Document(path=shown, folder=folder.absolute(), body=body, body_line=body_line, lines=lines, **values)
    document.kind = kind.name if kind else ""
    return document, warnings


def _how_to_fill(spec: Field) -> str:
    if spec.vocabulary:
        return f"：从{spec.vocabulary}词表中选一项，全部可选值：{LIST_COMMAND} {spec.vocabulary}"
    if spec.kind is Kind.DATE:
        return f"：{spec.help}，如 {spec.example}"
    return ""


def _check_together(values: dict[str, Any], problem) -> None:
    written, published = values.get("written"), values.get("published")
    if written and published and published < written:
        problem("发布日期", f"发布日期 {published} 早于成文日期 {written}：发布不能早于成文")
    unit, number = values.get("unit"), values.get("index_number")
    if unit and number and number.prefix != unit.code:
        problem("索引号", f"前段码 {number.prefix} 与发布机构 {unit.name} 的统一社会信用代码 {unit.code} 不符")
        values.pop("index_number")


class _InvalidValue(Exception):
    def __init__(self, message: str, *path: Any):
        self.message = message
        self.path = path


def _text(value: Any) -> str:
    if isinstance(value, (dt.date, bool, int, float)):
        raise _InvalidValue(f"应为文字，但 YAML 把它读成了 {value!r}：请给值加上引号")
    if not isinstance(value, str):
        raise _InvalidValue(f"应为一段文字，现为 {type(value).__name__}")
    return value.strip()


def _list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


class _InvalidItems(Exception):
    """Every item of a list that is wrong, so that all of them are reported at once."""

    def __init__(self, items: list[_InvalidValue]):
        self.items = items


def _each(value: Any, check) -> tuple:
    """`check(item, index)` of every item; _InvalidItems naming each wrong one."""
    found, invalid = [], []
    for index, item in enumerate(_list(value)):
        try:
            found.append(check(item, index))
        except _InvalidValue as error:
            invalid.append(error)
    if invalid:
        raise _InvalidItems(invalid)
    return tuple(found)


def _check_value(spec: Field, value: Any, folder: Path, context: _Context) -> Any:
    kind = spec.kind
    if kind is Kind.DATE and spec.attr == "valid_until" and not re.search(r"[0-9０-９]", str(value)):
        raise _InvalidValue(
            f"「{value}」不是日期：写规范性文件有效期的最后一天，如 {spec.example}；没有期限的不写这一项"
        )
    if kind is Kind.DATE:
        return _date(value)
    full_width = kind is Kind.DOC_NUMBER and isinstance(value, str) and has_full_width_digits(value)
    if full_width and (read := canonical_doc_number(half_width_digits(value))):
        context.warnings.append((spec.name, read_as_half_width(value.strip(), read)))
        return read
    if kind is Kind.KEYWORDS:
        if isinstance(value, str):
            return tuple(word for word in _KEYWORD_SEPARATORS.split(value) if word)
        return tuple(_text(word) for word in _list(value))
    if kind is Kind.RELATIONS:
        return _each(value, _relation)
    if kind is Kind.ATTACHMENTS:
        found = _each(value, lambda item, index: _attachment(item, index, folder, context))
        collision = policy.check_case_collisions([attachment.filename for attachment in found])
        if collision:
            index, message = collision
            raise _InvalidValue(message, index)
        return found
    if kind is Kind.EXEMPTIONS:
        return tuple(_exemption(item, index) for index, item in enumerate(_list(value)))
    if kind is Kind.FLAG:
        if isinstance(value, bool) or value in ("是", "否"):
            return value is True or value == "是"
        raise _InvalidValue(f"应写 是 或 否，现为「{value}」")
    if kind is Kind.PEOPLE:
        try:
            return read_people(value)
        except PeopleProblem as problem:
            raise _InvalidValue(problem.message, *problem.path) from None
    if kind in (Kind.GRAPHICS, Kind.MEDIA):
        try:
            return read_media(kind is Kind.GRAPHICS, value, folder, context.content_dir, context.max_attachment_bytes)
        except MediaProblem as problem:
            raise _InvalidValue(problem.message, *problem.path) from None
    text = _text(value)
    if kind is Kind.TEXT:
        limit = spec.max_length or MAX_TEXT_LENGTH
        if len(text) > limit:
            raise _InvalidValue(f"不超过 {limit} 个字，现为 {len(text)} 个字")
        return text
    if kind is Kind.UNIT:
        unit = find_unit(context.units, text)
        if unit is None:
            raise _InvalidValue(not_in_registry(text, context.units))
        return unit
    if kind is Kind.TERM:
        valid = allowed_values(spec.vocabulary, context.vocabularies)
        if text in valid:
            return text
        raise _InvalidValue(not_in_vocabulary(text, spec.vocabulary, valid))
    if kind is Kind.INDEX_NUMBER:
        number = parse_index_number(text)
        if number is None and has_full_width_digits(text):
            fixed = parse_index_number(half_width_digits(text))
            raise _InvalidValue(refused_full_width(text, f'"{fixed}"' if fixed else None))
        if number is None:
            raise _InvalidValue(
                f"「{text}」格式不对：应为 统一社会信用代码/年份-五位流水号，如 112399010000120008/2026-00001"
            )
        return number
    if kind is Kind.DOC_NUMBER:
        canonical = canonical_doc_number(text)
        if canonical is None:
            raise _InvalidValue(f"「{text}」格式不对：应为 机关代字〔年份〕序号号，如 松政办发〔2026〕3号")
        return canonical
    raise AssertionError(kind)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if text.isascii():
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise _InvalidValue(date_problem(text, "2026-03-02"))


def _several(item: str) -> list[str] | None:
    """Several 索引号 written as one item (a full-width comma between them), or None."""
    parts = [part.strip(" \"'“”") for part in re.split(r"[，、；;,\s]+", item) if part.strip()]
    return parts if len(parts) > 1 and all(parse_index_number(part) for part in parts) else None


def _relation(item: Any, index: int) -> str:
    """An 索引号, or a 发文字号 as staff think of a document: checks.collection resolves it to an 索引号."""
    if isinstance(item, str):
        if number := parse_index_number(item):
            return str(number)
        if doc_number := canonical_doc_number(item):
            return doc_number
        if has_full_width_digits(item) and (fixed := parse_index_number(half_width_digits(item))):
            raise _InvalidValue(refused_full_width(item, f'"{fixed}"'), index)
        if parts := _several(item):
            listed = ", ".join(f'"{part}"' for part in parts)
            raise _InvalidValue(f"「{item}」像是几个索引号写在了一起：请用英文逗号分隔，写成 [{listed}]", index)
    raise _InvalidValue(
        f"「{item}」不是索引号：应写成带英文引号的 统一社会信用代码/年份-五位流水号，"
        '如 "112399010000120008/2026-00001"',
        index,
    )


def _exemption(item: Any, index: int) -> Exemption:
    try:
        return parse_exemption(item)
    except ValueError as error:
        raise _InvalidValue(str(error), index) from None


def _attachment(item: Any, index: int, folder: Path, context: _Context) -> Attachment:
    try:
        return read_attachment(item, folder, context.content_dir, context.max_attachment_bytes)
    except InvalidAttachment as invalid:
        raise _InvalidValue(str(invalid), index) from None
