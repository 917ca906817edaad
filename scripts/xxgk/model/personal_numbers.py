"""Numbers of a person: 居民身份证号码, mobile numbers and bank card numbers, found in any text.

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

import bisect
import datetime as dt
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from stdnum import luhn
from stdnum.cn import ric, uscc

from xxgk.model.keys import Keys

ID_CARD = "居民身份证号码"
MOBILE = "手机号码"
BANK_CARD = "银行卡号"
# 18 digits with a province and a birth date, and a wrong check digit: a mistyped ID, not a bank card.
ID_CARD_MISTYPED = "居民身份证号码（校验位不符，可能是笔误）"
FIELD = "个人信息"
EXEMPTIONS_FIELD = "个人信息豁免"
EXEMPTION_KEYS = Keys("键", {"号码": "number", "附件": "attachment", "理由": "reason"})  # one entry of 个人信息豁免

# Length-preserving, so positions and line numbers stay those of the file.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ－．　", "0123456789Xx-. ")
# The first two digits of an ID number: provinces, and 81–83 for 港澳台 residence permits.
_PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    ]
)
_ALNUM_TOKEN = re.compile(r"[0-9A-Za-z]+")
# What a reader does not see: inline tags, zero-width characters and soft hyphens; entities are read.
_HIDDEN = re.compile(
    r"</?[A-Za-z][^<>]{0,300}>|[\u00ad\u200b-\u200f\u2060\ufeff]"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_MARKUP = "*_~`"  # Markdown emphasis between digits: 230522**1990**01011238 reads as one number
_SPACES = " \t\u00a0\u3000"
_DASHES = "-‐‑‒–—.·"
# Groups of digits and what stands between them; an X only at the very end (an ID's check digit).
_RUN = re.compile(r"(?<![0-9])[0-9]+(?:[ \t\u00a0\u3000*_~`\-‐‑‒–—.·\n]{1,5}[0-9]+)*(?:[Xx](?![0-9A-Za-z]))?")
_GROUP = re.compile(r"[0-9]+(?:[Xx]$)?")
# How people write these numbers in groups. Other groupings (a row of a statistics table,
# 2024 2025 2026 2027) are not joined: 16 digits pass Luhn one time in ten.
_GROUPINGS = {
    "ID": {(6, 8, 4), (6, 4, 4, 4), (6, 6, 6), (3, 3, 4, 4, 4), (6, 8, 3, 1), (6, 6, 3)},
    "MOBILE": {(3, 4, 4), (3, 8), (4, 3, 4), (7, 4), (4, 4, 3), (2, 11), (2, 3, 4, 4), (2, 3, 8), (2, 4, 3, 4)},
    "CARD": {(4, 4, 4, 4), (4, 4, 4, 4, 1), (4, 4, 4, 4, 2), (4, 4, 4, 4, 3), (6, 13), (6, 10)},
}
# A grouped or wrapped card must start with 3–6 (ISO/IEC 7812 banking and financial).
_CARD_STARTS = "3456"
_LINE_START = _SPACES + _MARKUP + "-+>|#"


@dataclass(frozen=True)
class Hit:
    kind: str
    number: str  # digits only (and a final X), as used to match an exemption

    @property
    def masked(self) -> str:
        return mask(self.number)


@dataclass(frozen=True)
class Found:
    """A hit and where it stands in the text searched (start and end, as written there)."""

    hit: Hit
    start: int
    end: int


@dataclass(frozen=True)
class Exemption:
    """One entry of 个人信息豁免: a number that is not a person's, or an attachment checked by hand."""

    number: str
    reason: str
    attachment: str = ""


def canonical_number(text: str) -> str:
    """Digits (and X) only: full-width digits made half-width, spaces, hyphens and markup dropped.

    >>> canonical_number("２３０５２２ 1990-0101-123x")
    '23052219900101123X'
    """
    return re.sub(r"[^0-9X]", "", text.translate(_HALF_WIDTH).upper())


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
    return _id_shape(number) and (len(number) == 15 or ric.calc_check_digit(number) == number[17])


def _id_shape(number: str) -> bool:
    # Province and birth date right, check digit not looked at.
    if number[:2] not in _PROVINCES:
        return False
    if len(number) == 18 and number[:17].isdigit():
        birth = number[6:14]
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
        # An ID with a mistyped check digit is still a person's ID: saying "bank card" misleads.
        return ID_CARD_MISTYPED if len(number) == 18 and _id_shape(number) else BANK_CARD
    return None


def _grouping(kind: str) -> str:
    return "ID" if kind in (ID_CARD, ID_CARD_MISTYPED) else "MOBILE" if kind == MOBILE else "CARD"


def as_read(text: str) -> tuple[str, Callable[[int], int], Callable[[int], int]]:
    """The text as a reader sees it (tags, zero-width characters dropped; entities and full-width digits read),
    with two maps from its positions back to the text's: of a first character, and past a last one.

    >>> read, _, _ = as_read("2305<b>22</b>&#49;\u200b9")
    >>> read
    '23052219'
    """
    text = text.translate(_HALF_WIDTH)
    pieces: list[str] = []
    read_starts: list[int] = []  # where each replaced piece starts in the read text
    replaced: list[tuple[int, int, int]] = []  # (characters it reads as, start, end in the text)
    position = length = 0
    for match in _HIDDEN.finditer(text):
        token = match.group()
        shown = html.unescape(token).translate(_HALF_WIDTH) if token.startswith("&") else ""
        pieces += [text[position : match.start()], shown]
        length += match.start() - position
        read_starts.append(length)
        replaced.append((len(shown), *match.span()))
        length += len(shown)
        position = match.end()
    pieces.append(text[position:])

    def origin(index: int, past: bool) -> int:
        at = bisect.bisect_right(read_starts, index) - 1
        if at < 0:
            return index + past
        produced, start, end = replaced[at]
        if index < read_starts[at] + produced:
            return end if past else start
        return end + index - read_starts[at] - produced + past

    return "".join(pieces), lambda index: origin(index, False), lambda index: origin(index, True)


def find_numbers(text: str) -> list[Found]:
    """Every number of a person in a text of any length, as a reader sees it, with where it is written.

    >>> [(f.hit.masked, f.start, f.end) for f in find_numbers("电话 138.1234.5678，另 230522**1990**01011238")]
    [('138****5678', 3, 16), ('230522********1238', 19, 41)]
    """
    read, first, past = as_read(text)
    # A 统一社会信用代码 (a unit's code, in every 索引号) holds no person's number.
    codes = [
        token.span()
        for token in _ALNUM_TOKEN.finditer(read)
        if len(token.group()) == 18 and not token.group().isalpha() and uscc.is_valid(token.group())
    ]
    found = []
    for run in _RUN.finditer(read):
        if len(run.group()) < 11:
            continue  # too short for any of the numbers, however written
        for start, end, kind, number in _numbers_in_run(read, run.start(), run.end()):
            if any(code_start < end and start < code_end for code_start, code_end in codes):
                continue
            found.append(Found(Hit(kind, number), first(start), past(end - 1)))
    return found


def _numbers_in_run(read: str, run_start: int, run_end: int) -> Iterator[tuple[int, int, str, str]]:
    line_start = read.rfind("\n", 0, run_start) + 1
    # A line break joins two groups only inside prose; a list of numbers, one per line, stays apart.
    wraps = bool(read[line_start:run_start].strip(_LINE_START))
    segments: list[list[list]] = [[]]  # runs of blocks [start, end, digits, wrapped] written in groups
    previous = None
    for group in _GROUP.finditer(read, run_start, run_end):
        if previous is not None:
            between = read[previous.end() : group.start()]
            kept = between.strip(_SPACES + _MARKUP)
            if not between.strip(_MARKUP) or (kept == "\n" and wraps and between.count("\n") == 1):
                block = segments[-1][-1]
                block[1], block[2], block[3] = group.end(), block[2] + group.group(), block[3] or "\n" in between
                previous = group
                continue
            if len(kept) > 1 or "\n" in kept:
                segments.append([])
        segments[-1].append([group.start(), group.end(), group.group(), False])
        previous = group
    for blocks in segments:
        yield from _numbers_in_blocks(blocks)


def _numbers_in_blocks(blocks: list[list]) -> Iterator[tuple[int, int, str, str]]:
    first = 0
    while first < len(blocks):
        for last in range(min(len(blocks), first + 5), first, -1):
            chosen = blocks[first:last]
            digits = canonical_number("".join(block[2] for block in chosen))
            lengths = tuple(len(block[2]) for block in chosen)
            kind = _classify(digits)
            if kind is None and len(digits) == 13 and digits.startswith("86"):
                kind, digits, lengths = _classify(digits[2:]) == MOBILE and MOBILE, digits[2:], (2, 11)
                kind = kind or None
            if kind is None:
                continue
            grouped = len(chosen) > 1 and lengths != (2, 11)
            if grouped and lengths not in _GROUPINGS[_grouping(kind)]:
                continue
            if kind == BANK_CARD and (grouped or chosen[0][3]) and digits[0] not in _CARD_STARTS:
                continue
            if kind == MOBILE and lengths[0] == 2 and "".join(b[2] for b in chosen).startswith("86"):
                pass  # +86 138 1234 5678: the country code is part of what is masked
            yield chosen[0][0], chosen[-1][1], kind, digits[-11:] if kind == MOBILE else digits
            first = last
            break
        else:
            first += 1


def find_personal_numbers(text: str) -> list[Hit]:
    """The numbers of persons in a text, in order; not parts of longer digit runs."""
    return [found.hit for found in find_numbers(text)]


def mask_numbers(text: str) -> tuple[str, list[Hit]]:
    """The text with every number of a person masked where it is written, and the numbers found.

    >>> mask_numbers("联系人 张某 138-1234-5678")
    ('联系人 张某 138****5678', [Hit(kind='手机号码', number='13812345678')])
    """
    found = find_numbers(text)
    for item in reversed(found):
        text = text[: item.start] + item.hit.masked + text[item.end :]
    return text, [item.hit for item in found]


def line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def parse_exemption(item: Any) -> Exemption:
    """One entry of 个人信息豁免: {号码: "…", 理由: "…"} or {附件: 旧文件.doc, 理由: "…"}; ValueError with a clerk's message."""
    if not isinstance(item, dict):
        raise ValueError('每一项应写成 {号码: "…", 理由: "…"}，或 {附件: 文件名, 理由: "…"}')
    unknown = [key for key in item if key not in EXEMPTION_KEYS]
    if unknown:
        raise ValueError(EXEMPTION_KEYS.unknown_message(unknown[0], named=True))
    number, reason, attachment = item.get("号码"), item.get("理由"), item.get("附件")
    if attachment is not None:
        if number is not None:
            raise ValueError("一项只能写号码或附件之一")
        if not isinstance(attachment, str) or not attachment.strip():
            raise ValueError(f"附件「{attachment}」应为本文件附件中的一个文件名")
        if not isinstance(reason, str) or not reason.strip():
            raise ValueError(f"附件「{attachment}」缺少理由：请写明如何人工核对了其中没有个人信息")
        return Exemption("", reason.strip(), attachment.strip())
    if isinstance(number, (int, float)) and not isinstance(number, bool):
        raise ValueError(f"号码 {mask(canonical_number(str(number)))} 应加引号：YAML 会把长数字读成数值")
    if not isinstance(number, str) or not re.fullmatch(r"[0-9]+X?", canonical_number(number)):
        raise ValueError("号码应为带引号的一串数字（身份证号码末位可为 X）")
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError(f"号码 {mask(canonical_number(number))} 缺少理由：请写明为什么它不是需要保护的个人信息")
    return Exemption(canonical_number(number), reason.strip())
