"""One published document: reading its file and checking each field.

Every field is checked against `schema.FIELDS`; values are normalised here
(dates as dates, 发文字号 with 〔〕, units resolved) so nothing downstream parses
again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from xxgk.model import attachments as policy
from xxgk.model import urls
from xxgk.model.body_markup import unclosed_brackets
from xxgk.model.config import DEFAULT_MAX_ATTACHMENT_MB
from xxgk.model.document_kinds import check_kind, kind_of_fields, needs_transcript
from xxgk.model.identifiers import IndexNumber, canonical_doc_number, parse_index_number
from xxgk.model.media import Graphic, MediaProblem, Recording, StaffMedia, read_graphics, read_recordings
from xxgk.model.people import PeopleProblem, Person, read_people
from xxgk.model.personal_numbers import Exemption, parse_exemption
from xxgk.model.problems import Problem, errors
from xxgk.model.schema import COLUMN_CATEGORIES, FIELD_KEYS, FIELDS, Field, Kind
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
from xxgk.model.vocabulary import Vocabulary, suggestion

MAX_TEXT_LENGTH = 1000  # for text fields without a limit of their own: anything longer is a paste gone wrong
_KEYWORD_SEPARATORS = re.compile(r"[，,、；;\s]+")
_WRITTEN_VALUE = re.compile(r"\s*:\s*[\"']?([^\"'\s#]+)")  # after a key: the value up to a quote, space or comment
# The site writes these beside each document's attachments: its page and its metadata (open_data.py).
PAGE_FILES = ("index.html", urls.DOCUMENT_DATA)


@dataclass(frozen=True)
class Attachment:
    name: str  # what readers see
    filename: str
    source: Path  # the file on disk
    size: int  # of the file as published (published_bytes), which is what a reader downloads

    @property
    def type_label(self) -> str:
        suffix = self.source.suffix.lower().lstrip(".")
        return suffix.upper() if suffix else "文件"

    @property
    def media_type(self) -> str:
        return mimetypes.guess_type(self.filename)[0] or "application/octet-stream"


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
    personal_data_exemptions: tuple[Exemption, ...] = ()
    kind: str = ""  # 政策解读 … (document_kinds.DocumentKind.name), "" for a plain document
    body: str = ""
    body_line: int = 1  # the file's line where the body starts
    folder: Path | None = None  # the folder the file is in, for the links in its body
    lines: dict[str, int | None] = field(default_factory=dict, repr=False)

    @property
    def url(self) -> str:
        return self.index_number.path


@dataclass
class _Context:
    content_dir: Path
    units: list[Unit]
    vocabularies: dict[str, Vocabulary]
    max_attachment_bytes: int


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
        return None, [error.problem]
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
                problem(
                    spec.name,
                    "缺少必填字段" if spec.name not in data else "必填字段为空",
                )
            continue
        try:
            values[spec.attr] = _check_value(spec, value, folder, context)
        except _InvalidValue as invalid:
            problem(spec.name, invalid.message, *invalid.path)

    _check_together(values, problem)
    check_kind(kind, values, data, body, problem)
    if not body.strip() and not values.get("attachments") and not needs_transcript(kind, data):
        problems.append(Problem(shown, None, None, "正文为空且没有附件：请在元数据之后写正文，或列出附件"))
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
    if problems:
        return None, problems
    lines = {spec.name: parsed.line(spec.name) for spec in FIELDS if spec.name in data}
    document = Document(path=shown, folder=folder.absolute(), body=body, body_line=body_line, lines=lines, **values)
    document.kind = kind.name if kind else ""
    return document, []


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


def _check_value(spec: Field, value: Any, folder: Path, context: _Context) -> Any:
    kind = spec.kind
    if kind is Kind.DATE:
        return _date(value)
    if kind is Kind.KEYWORDS:
        if isinstance(value, str):
            return tuple(word for word in _KEYWORD_SEPARATORS.split(value) if word)
        return tuple(_text(word) for word in _list(value))
    if kind is Kind.RELATIONS:
        return tuple(_relation(item, index) for index, item in enumerate(_list(value)))
    if kind is Kind.ATTACHMENTS:
        found = tuple(
            _attachment(item, index, folder, context.content_dir, context.max_attachment_bytes)
            for index, item in enumerate(_list(value))
        )
        collision = policy.check_case_collisions([attachment.filename for attachment in found])
        if collision:
            index, message = collision
            raise _InvalidValue(message, index)
        return found
    if kind is Kind.EXEMPTIONS:
        return tuple(_exemption(item, index) for index, item in enumerate(_list(value)))
    if kind is Kind.PEOPLE:
        try:
            return read_people(value)
        except PeopleProblem as problem:
            raise _InvalidValue(problem.message, *problem.path) from None
    if kind in (Kind.GRAPHICS, Kind.MEDIA):
        read = read_graphics if kind is Kind.GRAPHICS else read_recordings

        def locate(filename: str, path: tuple) -> StaffMedia:
            try:
                relative, source, size = _staff_file(filename, folder, context, "文件")
            except _InvalidValue as invalid:
                raise MediaProblem(invalid.message, *path) from None
            return StaffMedia(relative.name, source, size)

        try:
            found = read(value, locate)
        except MediaProblem as problem:
            raise _InvalidValue(problem.message, *problem.path) from None
        names = [item.filename for item in found] + [
            item.captions.filename for item in found if getattr(item, "captions", None)
        ]
        if collision := policy.check_case_collisions(names):
            raise _InvalidValue(collision[1], min(collision[0], len(found) - 1))
        return found
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
        vocabulary = context.vocabularies[spec.vocabulary]
        if text in vocabulary or (spec.attr == "category" and text in COLUMN_CATEGORIES):
            return text
        valid = vocabulary.names() + (list(COLUMN_CATEGORIES) if spec.attr == "category" else [])
        raise _InvalidValue(f"「{text}」不在{spec.vocabulary}词表中；" + suggestion(text, valid))
    if kind is Kind.INDEX_NUMBER:
        number = parse_index_number(text)
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
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise _InvalidValue(f"「{value}」不是有效日期：应写成 YYYY-MM-DD，如 2026-03-02") from None


def _relation(item: Any, index: int) -> str:
    if not isinstance(item, str) or parse_index_number(item) is None:
        raise _InvalidValue(f"「{item}」不是索引号：应为带引号的 统一社会信用代码/年份-五位流水号", index)
    return str(parse_index_number(item))


def _exemption(item: Any, index: int) -> Exemption:
    try:
        return parse_exemption(item)
    except ValueError as error:
        raise _InvalidValue(str(error), index) from None


def _attachment(item: Any, index: int, folder: Path, content_dir: Path, max_bytes: int) -> Attachment:
    if isinstance(item, dict):
        filename, name = item.get("文件"), item.get("名称")
        if not isinstance(filename, str) or (name is not None and not isinstance(name, str)):
            raise _InvalidValue("附件应写成文件名，或 {文件: 文件名, 名称: 显示名}", index)
    elif isinstance(item, str):
        filename, name = item, None
    else:
        raise _InvalidValue(f"附件应为文件名，现为 {item!r}", index)
    for text, what in ((filename, "附件名"), (name or "", "附件的显示名")):
        if message := policy.check_name(text, what):
            raise _InvalidValue(message, index)
    try:
        relative, source, size = _staff_file(
            filename, folder, _Context(content_dir, [], {}, max_bytes), "附件", check_type=policy.check_type
        )
    except _InvalidValue as invalid:
        raise _InvalidValue(invalid.message, index) from None
    attachment = Attachment(name=name or relative.stem, filename=relative.name, source=source, size=size)
    converted = published_bytes(attachment)
    return attachment if converted is None else dataclasses.replace(attachment, size=len(converted))


def _staff_file(
    filename: str, folder: Path, context: _Context, what: str, check_type=None
) -> tuple[PurePath, Path, int]:
    """A file named in the front matter, found beside the document: (as written, where it is, its size).

    The rules every published file beside a document follows: inside content/, not in a draft
    folder, present, not named like the page, within the size limit, and (for attachments) of a
    type the site publishes with the content that type promises.
    """
    if message := policy.check_name(filename, "文件名"):
        raise _InvalidValue(message)
    relative = PurePath(filename)
    content_dir = context.content_dir
    if relative.is_absolute() or filename.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", filename):
        raise _InvalidValue(f"「{filename}」是绝对路径：请把文件放在本文件旁边，只写文件名")
    source = folder / relative
    resolved = source.resolve()
    if not resolved.is_relative_to(content_dir.resolve()):
        raise _InvalidValue(f"「{filename}」指向 content 文件夹之外：{what}必须放在 content 文件夹内")
    hidden = policy.ignored_part(relative.parts) or policy.ignored_part(
        resolved.relative_to(content_dir.resolve()).parts
    )
    if hidden:
        raise _InvalidValue(
            f"「{filename}」在以 _ 或 . 开头的「{hidden}」中，这样的文件和文件夹不发布（草稿、隐藏文件）："
            f"请把要公开的{what}放在本文件旁边"
        )
    if not resolved.is_file():
        raise _InvalidValue(f"「{filename}」不存在：请把文件放在 {folder.name}/ 文件夹中，或改正文件名")
    if relative.name.lower() in PAGE_FILES:
        raise _InvalidValue(f"「{filename}」与网站为本文件生成的页面或元数据同名：请给{what}改个名字")
    if check_type and (message := check_type(filename)):
        raise _InvalidValue(message)
    size = resolved.stat().st_size
    if size > context.max_attachment_bytes:
        raise _InvalidValue(
            f"「{filename}」有 {human_size(size)}，超过上限 {human_size(context.max_attachment_bytes)}"
            "（站点.yml 的 附件大小上限）：请压缩或拆分"
        )
    if check_type and (message := policy.check_content(resolved, filename)):
        raise _InvalidValue(message)
    return relative, source, size


def human_size(size: int) -> str:
    """
    >>> human_size(2_400_000)
    '2.3 MB'
    """
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


@functools.lru_cache(maxsize=4096)  # one entry per version of an attachment; bounded for the preview
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_of(attachment: Attachment) -> str:
    """The SHA-256 of the attachment as published, read once per version of the file (the preview rebuilds often)."""
    converted = published_bytes(attachment)
    if converted is not None:
        return hashlib.sha256(converted).hexdigest()
    stat = Path(attachment.source).stat()
    return _sha256(str(attachment.source), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)  # text attachments are few and small; the preview asks again on each rebuild
def _published_text(path: str, mtime_ns: int, size: int) -> bytes:
    return policy.published_text(Path(path).read_bytes())


def published_bytes(attachment: Attachment) -> bytes | None:
    """What the site publishes for a text attachment (policy.published_text); None: the file is copied as it is."""
    if not policy.is_text(attachment.filename):
        return None
    stat = Path(attachment.source).stat()
    return _published_text(str(attachment.source), stat.st_mtime_ns, stat.st_size)
