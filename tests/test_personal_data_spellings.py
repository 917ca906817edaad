"""What a reader sees is what the gate reads: a number of a person written in any
of the ways staff (or a pasted web page) write it is found and masked; landlines,
service numbers, unit codes, dates and 文号 are left alone."""

import re

import pytest

from xxgk.model.personal_numbers import BANK_CARD, ID_CARD, ID_CARD_MISTYPED, MOBILE, mask_numbers

ID_MASKED = "230522********1238"
MOBILE_MASKED = "138****5678"
CARD_MASKED = "622848*********8903"
# Luhn-valid, province and birth date right, check digit wrong: a mistyped ID.
MISTYPED = "230522199001011230"

SPELLINGS = [
    # (what is written, what is found, the text as masked)
    ("230522 19900101 1238", [ID_CARD], ID_MASKED),
    ("230522-19900101-1238", [ID_CARD], ID_MASKED),
    ("230522 1990 0101 1238", [ID_CARD], ID_MASKED),
    ("张某，身份证号2305221990\n01011238。", [ID_CARD], f"张某，身份证号{ID_MASKED}。"),
    ("230522\u00ad199001011238", [ID_CARD], ID_MASKED),
    ("2305221990\u200b01011238", [ID_CARD], ID_MASKED),
    ("230522**1990**01011238", [ID_CARD], ID_MASKED),
    ("**230522199001011238**", [ID_CARD], f"**{ID_MASKED}**"),
    ("&#50;30522199001011238", [ID_CARD], ID_MASKED),
    ("&#x32;&#51;0522199001011238", [ID_CARD], ID_MASKED),
    ("230522<span>19900101</span>1238", [ID_CARD], ID_MASKED),
    ("２３０５２２１９９００１０１１２３８", [ID_CARD], ID_MASKED),
    ("11010519491231002x", [ID_CARD], "110105********002X"),
    ("+8613812345678", [MOBILE], f"+{MOBILE_MASKED}"),
    ("8613812345678", [MOBILE], MOBILE_MASKED),
    ("+86 138 1234 5678", [MOBILE], f"+{MOBILE_MASKED}"),
    ("138.1234.5678", [MOBILE], MOBILE_MASKED),
    ("138–1234–5678", [MOBILE], MOBILE_MASKED),
    ("138 12345678", [MOBILE], MOBILE_MASKED),
    ("1381 234 5678", [MOBILE], MOBILE_MASKED),
    ("138-1234-5678", [MOBILE], MOBILE_MASKED),
    ("电话 138\n12345678", [MOBILE], f"电话 {MOBILE_MASKED}"),
    ("电话：0469-5812345、13812345678", [MOBILE], f"电话：0469-5812345、{MOBILE_MASKED}"),
    ("6228 4800 1234 5678 903", [BANK_CARD], CARD_MASKED),
    ("收款 6228480012\n345678903", [BANK_CARD], f"收款 {CARD_MASKED}"),
    (MISTYPED, [ID_CARD_MISTYPED], "230522********1230"),
    # Still pass: landlines, service numbers, unit codes, dates, 文号, tables of figures.
    ("0469-5812345", [], None),
    ("(0469)5812345", [], None),
    ("04695812345", [], None),
    ("400-123-4567", [], None),
    ("400 812 3456", [], None),
    ("12345", [], None),
    ("统一社会信用代码 11239901000015700M", [], None),
    ("索引号 112399010000164400/2026-00001", [], None),
    ("2026-05-08", [], None),
    ("2026.05.08 至 2026.06.08", [], None),
    ("松政办发〔2026〕12号", [], None),
    ("2024 2025 2026 2027", [], None),
    ("3000 4000 5000 6000", [], None),
    ("2024\n2025\n2026\n2027", [], None),
    ("- 13800\n- 138000", [], None),
    ("共 12 34 56 78 901 户", [], None),
    ("金额 1,380,013.80 元", [], None),
    ("身份证号230522199001011237", [], None),  # wrong check digit and not Luhn-valid
]


@pytest.mark.parametrize("text, kinds, masked", SPELLINGS, ids=[repr(case[0])[:40] for case in SPELLINGS])
def test_each_spelling_is_found_and_masked_or_passes(text, kinds, masked):
    shown, hits = mask_numbers(text)
    assert [hit.kind for hit in hits] == kinds
    assert shown == (masked if masked is not None else text)
    for hit in hits:
        assert hit.number not in re.sub(r"[^0-9X]", "", shown), "a whole number was left"


def test_the_mistyped_id_is_luhn_valid_so_it_is_not_called_a_bank_card():
    from stdnum import luhn

    assert luhn.is_valid(MISTYPED)
    assert "银行卡" not in ID_CARD_MISTYPED
