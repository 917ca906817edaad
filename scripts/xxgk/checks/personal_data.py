"""The personal-information gate: numbers that must not be published.

Published government files have leaked 居民身份证号码, mobile numbers and bank
card numbers. Before publishing, every document's front matter, body and the
text of its attachments is scanned; a hit is an error unless the document's
front matter accepts that one value with a written reason (个人信息豁免), and
every acceptance is reported on every check.

>>> [hit.masked for hit in find_personal_numbers("身份证号２３０５２２１９９００１０１１２３８，电话13800138000")]
['230522********1238', '138****8000']
>>> find_personal_numbers("流水号 2305221990010112380")  # inside a longer run of digits: not a number of a person
[]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from stdnum import luhn
from stdnum.cn import ric, uscc

from xxgk.model.problems import Problem, shown_path
from xxgk.model.sources import SourceError, decode_text, parse_yaml, read_text, split_front_matter

if TYPE_CHECKING:
    from xxgk.model.documents import Document

ID_CARD = "居民身份证号码"
MOBILE = "手机号码"
BANK_CARD = "银行卡号"
FIELD = "个人信息"
EXEMPTIONS_FIELD = "个人信息豁免"

# Length-preserving, so positions and line numbers stay those of the file.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ－　", "0123456789Xx- ")
# The first two digits of an ID number: provinces, and 81–83 for 港澳台 residence permits.
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83".split()
)
_DIGIT_RUN = re.compile(r"(?<![0-9])[0-9]+(?:[Xx](?![0-9]))?")
_ALNUM_TOKEN = re.compile(r"[0-9A-Za-z]+")
# Written in groups: 138 0013 8000, 6222 0212 3456 7890 123. A grouped card must start
# with 3–6 (ISO/IEC 7812 banking and financial): rows of years such as "2024 2025 2026 2027"
# in text taken from a PDF table would otherwise pass Luhn one time in ten.
_GROUPED = re.compile(
    r"(?<![0-9])(?:1[3-9][0-9](?:[ -][0-9]{4}){2}|[3-6][0-9]{3}(?:[ -][0-9]{4}){3}(?:[ -][0-9]{1,3})?)(?![0-9])"
)


_CANDIDATE = re.compile(r"[0-9０-９](?:[ 　\-－]?[0-9０-９]){10,}")


@dataclass(frozen=True)
class Hit:
    kind: str
    number: str  # digits only (and a final X), as used to match an exemption

    @property
    def masked(self) -> str:
        return mask(self.number)


@dataclass(frozen=True)
class Exemption:
    number: str
    reason: str


def canonical_number(text: str) -> str:
    """Digits (and X) only: full-width digits made half-width, spaces and hyphens dropped.

    >>> canonical_number("２３０５２２ 1990-0101-123x")
    '23052219900101123X'
    """
    return re.sub(r"[\s-]", "", text.translate(_HALF_WIDTH)).upper()


def mask(number: str) -> str:
    """What may be printed: the first digits and the last four.

    >>> mask("230522199001011238"), mask("13800138000"), mask("6228480012345678903")
    ('230522********1238', '138****8000', '622848*********8903')
    """
    keep = 3 if len(number) == 11 else 6 if len(number) >= 14 else 0
    return number[:keep] + "*" * (len(number) - keep - 4) + number[-4:]


def is_id_card_number(number: str) -> bool:
    """18 characters with a valid ISO 7064 MOD 11-2 check digit, or a 15-digit old number.

    Both need a known province and a real birth date. stdnum's ric.is_valid also
    requires the county to have existed in the birth year, which rejects real
    numbers issued to people born before their county's code was created.
    """
    if number[:2] not in _PROVINCES:
        return False
    if len(number) == 18:
        birth = number[6:14]
        if not number[:17].isdigit() or ric.calc_check_digit(number) != number[17]:
            return False
    elif len(number) == 15 and number.isdigit():
        birth = "19" + number[6:12]
    else:
        return False
    try:
        dt.datetime.strptime(birth, "%Y%m%d")
    except ValueError:
        return False
    return birth >= "1900"


def _classify(number: str) -> str | None:
    if is_id_card_number(number):
        return ID_CARD
    if len(number) == 11 and re.fullmatch(r"1[3-9][0-9]{9}", number):
        return MOBILE
    if 16 <= len(number) <= 19 and number.isdigit() and luhn.is_valid(number):
        return BANK_CARD
    return None


def find_personal_numbers(text: str) -> list[Hit]:
    """The numbers of persons in one line of text, in order; not parts of longer digit runs."""
    text = text.translate(_HALF_WIDTH)
    # A 统一社会信用代码 (a unit's code, in every 索引号) holds no person's number.
    codes = [token.span() for token in _ALNUM_TOKEN.finditer(text)
             if len(token.group()) == 18 and uscc.is_valid(token.group())]
    hits, covered = [], 0
    for match in sorted([*_DIGIT_RUN.finditer(text), *_GROUPED.finditer(text)], key=lambda m: m.start()):
        if match.start() < covered or any(start <= match.start() and match.end() <= end for start, end in codes):
            continue  # part of a number already found (138 in 138 0013 8000), or of a unit's code
        number = canonical_number(match.group())
        kind = _classify(number)
        if kind:
            hits.append(Hit(kind, number))
            covered = match.end()
    return hits


def candidate_lines(text: str) -> list[int]:
    """Numbers of the lines that hold 11 digits or more in a row (separators allowed): the only ones worth reading.

    One search over the whole file is much faster than reading every line of a long law.
    """
    numbers, line, position = [], 1, 0
    for match in _CANDIDATE.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        if not numbers or numbers[-1] != line:
            numbers.append(line)
    return numbers


def parse_exemption(item: Any) -> Exemption:
    """One entry of 个人信息豁免: {号码: "…", 理由: "…"}; ValueError with a clerk's message."""
    if not isinstance(item, dict):
        raise ValueError('每一项应写成 {号码: "…", 理由: "…"}')
    unknown = [str(key) for key in item if key not in ("号码", "理由")]
    if unknown:
        raise ValueError(f"未知的键「{unknown[0]}」：每一项只写 号码 和 理由")
    number, reason = item.get("号码"), item.get("理由")
    if isinstance(number, (int, float)) and not isinstance(number, bool):
        raise ValueError(f"号码 {number} 应加引号：YAML 会把长数字读成数值")
    if not isinstance(number, str) or not re.fullmatch(r"[0-9]+[Xx]?", canonical_number(number)):
        raise ValueError(f"号码「{number}」应为带引号的一串数字（身份证号码末位可为 X）")
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError(f"号码 {mask(canonical_number(number))} 缺少理由：请写明为什么它不是需要保护的个人信息")
    return Exemption(canonical_number(number), reason.strip())


# -- attachments --------------------------------------------------------------


class Unreadable(Exception):
    pass


def _text_lines(path: Path) -> Iterator[tuple[str, str]]:
    for number, line in enumerate(decode_text(path.read_bytes()).split("\n"), 1):
        yield f"第 {number} 行", line


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word keeps text outside the body in parts of their own; comments are a known leak.
_WORD_PARTS = {"header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注", "comments": "批注"}


def _paragraph_lines(element) -> list[str]:
    # Every w:p below, text boxes included (a box inside a paragraph is seen twice; hits are deduplicated).
    return ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in element.iter(f"{_W}p")]


def _docx_lines(path: Path) -> Iterator[tuple[str, str]]:
    import docx
    from lxml import etree

    document = docx.Document(str(path))
    body = document.element.body
    paragraph, table = 0, 0
    for block in body.iterchildren():
        if block.tag == f"{_W}p":
            paragraph += 1
            for line in _paragraph_lines(block):
                yield f"第 {paragraph} 段", line
        elif block.tag == f"{_W}tbl":
            table += 1
            for row_number, row in enumerate(block.iterchildren(f"{_W}tr"), 1):
                for line in _paragraph_lines(row):
                    yield f"第 {table} 个表格第 {row_number} 行", line
    for part in document.part.package.iter_parts():
        name = PurePath(str(part.partname)).stem.rstrip("0123456789")
        if str(part.partname).startswith("/word/") and name in _WORD_PARTS:
            for line in _paragraph_lines(etree.fromstring(part.blob)):
                yield _WORD_PARTS[name], line


def _xlsx_lines(path: Path) -> Iterator[tuple[str, str]]:
    import openpyxl

    workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            hidden = "（隐藏）" if sheet.sheet_state != "visible" else ""
            for row in sheet.iter_rows():
                for cell in row:
                    value = cell.value
                    if value is None:
                        continue
                    if isinstance(value, float) and value.is_integer():
                        value = int(value)  # a phone number typed into a number cell
                    yield f"工作表「{sheet.title}」{hidden}{cell.coordinate} 单元格", str(value)
    finally:
        workbook.close()


def _pdf_lines(path: Path) -> Iterator[tuple[str, str]]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted and not reader.decrypt(""):
        raise Unreadable("PDF 已加密")
    for number, page in enumerate(reader.pages, 1):
        for line in (page.extract_text() or "").splitlines():
            yield f"第 {number} 页", line


_READERS: dict[str, Callable[[Path], Iterator[tuple[str, str]]]] = {
    **dict.fromkeys((".txt", ".csv", ".tsv", ".md", ".json", ".xml", ".html", ".htm", ".svg"), _text_lines),
    ".docx": _docx_lines,
    ".xlsx": _xlsx_lines,
    ".xlsm": _xlsx_lines,
    ".pdf": _pdf_lines,
}


def attachment_lines(path: Path) -> list[tuple[str, str]]:
    """(where, text) for every line, cell or paragraph of an attachment; Unreadable if it cannot be read."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise Unreadable(f"无法读取 {path.suffix or '无扩展名'} 文件中的文字")
    try:
        return list(reader(path))
    except Unreadable:
        raise
    except Exception as error:  # a damaged file: every reader library raises its own errors
        raise Unreadable(f"文件无法打开（{type(error).__name__}），可能已损坏") from None


# -- the gate -----------------------------------------------------------------


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
