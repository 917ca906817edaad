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

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from stdnum import luhn
from stdnum.cn import ric, uscc

from xxgk.model.keys import Keys

ID_CARD = "居民身份证号码"
MOBILE = "手机号码"
BANK_CARD = "银行卡号"
FIELD = "个人信息"
EXEMPTIONS_FIELD = "个人信息豁免"
EXEMPTION_KEYS = Keys("键", {"号码": "number", "理由": "reason"})  # one entry of 个人信息豁免

# Length-preserving, so positions and line numbers stay those of the file.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ－　", "0123456789Xx- ")
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
    codes = [
        token.span()
        for token in _ALNUM_TOKEN.finditer(text)
        if len(token.group()) == 18 and uscc.is_valid(token.group())
    ]
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
    unknown = [key for key in item if key not in EXEMPTION_KEYS]
    if unknown:
        raise ValueError(EXEMPTION_KEYS.unknown_message(unknown[0], named=True))
    number, reason = item.get("号码"), item.get("理由")
    if isinstance(number, (int, float)) and not isinstance(number, bool):
        raise ValueError(f"号码 {number} 应加引号：YAML 会把长数字读成数值")
    if not isinstance(number, str) or not re.fullmatch(r"[0-9]+[Xx]?", canonical_number(number)):
        raise ValueError(f"号码「{number}」应为带引号的一串数字（身份证号码末位可为 X）")
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError(f"号码 {mask(canonical_number(number))} 缺少理由：请写明为什么它不是需要保护的个人信息")
    return Exemption(canonical_number(number), reason.strip())
