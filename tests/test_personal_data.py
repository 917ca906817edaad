"""A clerk cannot publish a citizen's ID, mobile or bank card number by mistake,
in the text, the front matter or any attachment; an accepted false positive is
written down with its reason and shown on every check."""

import datetime as dt

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from fpdf import FPDF

from xxgk.adapters.mkdocs.build import build_site
from xxgk.authoring.cli import main
from xxgk.model.personal_numbers import BANK_CARD, ID_CARD, MOBILE, find_personal_numbers
from xxgk.model.problems import ContentError, errors

ID = "230522199001011238"  # 友谊县, born 1990-01-01, valid MOD 11-2 check digit
ID_X = "11010519491231002X"  # the check digit is X
ID_OLD = "230522900101123"  # 15 digits, before 1999: no check digit
MOBILE_NUMBER = "13800138000"
CARD = "6228480012345678903"  # Luhn-valid
HINT = "：请删除或打码后再发布；确认不是个人信息的，在“个人信息豁免”中写明号码和理由"


def kinds(text):
    return [(hit.kind, hit.masked) for hit in find_personal_numbers(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"身份证号{ID}。", [(ID_CARD, "230522********1238")]),
        (f"身份证号{ID_X.lower()}", [(ID_CARD, "110105********002X")]),
        (f"原身份证号 {ID_OLD}", [(ID_CARD, "230522*****1123")]),
        (f"联系电话：{MOBILE_NUMBER}", [(MOBILE, "138****8000")]),
        ("联系电话：138 0013 8000 或 138-0013-8000", [(MOBILE, "138****8000"), (MOBILE, "138****8000")]),
        (f"收款卡号 {CARD}", [(BANK_CARD, "622848*********8903")]),
        ("收款卡号 6228 4800 1234 5678 903", [(BANK_CARD, "622848*********8903")]),
    ],
)
def test_numbers_of_persons_are_found_and_masked(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "身份证号230522199001011237",  # wrong check digit
        "身份证号230522199013011230",  # month 13: no birth date
        "身份证号990522199001011236",  # no such province
        "卡号6228480012345678904",  # fails Luhn
        "电话12800138000",  # no mobile number starts 12
        "办公电话0469-5820000",  # a landline
    ],
)
def test_invalid_check_digits_and_impossible_numbers_are_not_reported(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        f"合同编号 9{ID}",  # an ID inside a longer run of digits
        f"流水号 {MOBILE_NUMBER}01",
        f"订单号 {CARD}1234",
        "2024 2025 2026 2027",  # a row of years read from a PDF table
        "索引号 112399010000164400/2026-00001",  # a unit's all-digit 统一社会信用代码
        "统一社会信用代码 11239901000015700M",
    ],
)
def test_numbers_inside_longer_digit_runs_and_unit_codes_are_not_reported(text):
    assert kinds(text) == []


def test_full_width_digits_are_read_as_digits():
    full_width = ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert kinds(f"身份证号{full_width}，手机１３８００１３８０００") == [
        (ID_CARD, "230522********1238"),
        (MOBILE, "138****8000"),
    ]


# -- the gate in check and build ----------------------------------------------

NOTICE = """---
标题: 测试县人民政府办公室关于临时救助情况的公示
索引号: "11239901000012370G/2026-00040"
发布机构: 测试县人民政府办公室
成文日期: 2026-05-06
发布日期: 2026-05-08
信息类别: 社会救助
主题分类: 民政、扶贫、救灾
内容概述: {summary}
{extra}---
经审核，下列对象符合临时救助条件，现予公示。

{body}
"""


def write_notice(content, summary="临时救助公示", body="公示期 5 个工作日。", extra=""):
    path = content / "县政府办公室" / "2026" / "公示.md"
    path.write_text(NOTICE.format(summary=summary, body=body, extra=extra), encoding="utf-8")
    return path


def check(*args):
    return CliRunner().invoke(main, ["check", "--date", "2026-01-20", *args])  # before the annual reports are due


def test_a_number_in_the_body_or_the_front_matter_fails_check_with_its_line_masked(content):
    write_notice(content, summary=f"联系人手机 {MOBILE_NUMBER}", body=f"张某，身份证号 {ID}。")
    result = check()
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"content/县政府办公室/2026/公示.md:9: 个人信息: 发现疑似手机号码 138****8000{HINT}",
        f"content/县政府办公室/2026/公示.md:13: 个人信息: 发现疑似居民身份证号码 230522********1238{HINT}",
        "Error: 发现 2 个错误",
    ]
    assert ID not in result.output and MOBILE_NUMBER not in result.output


def test_a_document_with_other_errors_is_still_scanned(content):
    write_notice(content, body=f"张某，身份证号 {ID}。").write_text(
        NOTICE.format(summary="公示", body=f"张某，身份证号 {ID}。", extra="").replace("社会救助", "救助"),
        encoding="utf-8",
    )
    lines = check().stderr.splitlines()
    assert lines[0].startswith("content/县政府办公室/2026/公示.md:7: 信息类别: 「救助」不在信息类别词表中")
    assert (
        lines[1] == f"content/县政府办公室/2026/公示.md:13: 个人信息: 发现疑似居民身份证号码 230522********1238{HINT}"
    )


def test_the_build_refuses_a_document_with_a_number_and_leaves_the_site(content):
    write_notice(content, body=f"收款卡号 {CARD}")
    site = content.parent / "site"
    with pytest.raises(ContentError) as raised:
        build_site(content, site, dt.date(2026, 11, 27))
    assert [str(p) for p in errors(raised.value.problems)] == [
        f"content/县政府办公室/2026/公示.md:13: 个人信息: 发现疑似银行卡号 622848*********8903{HINT}"
    ]
    assert not site.exists()


# -- attachments ------------------------------------------------------------------


def attach(content, filename):
    return write_notice(content, extra=f"附件: [{filename}]\n")


def make_docx(path):
    document = docx.Document()
    document.add_paragraph("临时救助对象名单")
    document.add_paragraph("联系人：李某")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "身份证号"
    table.cell(1, 0).text, table.cell(1, 1).text = "张某", ID
    document.sections[0].footer.paragraphs[0].text = f"经办人电话 {MOBILE_NUMBER}"
    document.save(path)


def make_xlsx(path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["姓名", "手机", "银行卡号"])
    sheet.append(["张某", 13800138000, CARD])  # the mobile typed into a number cell
    hidden = workbook.create_sheet("底稿")
    hidden.sheet_state = "hidden"
    hidden["C7"] = ID
    workbook.save(path)


def make_pdf(path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Relief list, page one: no numbers here.")
    pdf.add_page()
    pdf.cell(text=f"Zhang, ID {ID}")
    pdf.output(str(path))


@pytest.mark.parametrize(
    "filename, make, expected",
    [
        (
            "名单.txt",
            lambda p: p.write_text(f"名单\n张某 {ID}\n", encoding="gbk"),
            [
                "附件「名单.txt」第 2 行：发现疑似居民身份证号码 230522********1238",
            ],
        ),
        (
            "名单.docx",
            make_docx,
            [
                "附件「名单.docx」第 1 个表格第 2 行：发现疑似居民身份证号码 230522********1238",
                "附件「名单.docx」页脚：发现疑似手机号码 138****8000",
            ],
        ),
        (
            "名单.xlsx",
            make_xlsx,
            [
                "附件「名单.xlsx」工作表「名单」B2 单元格：发现疑似手机号码 138****8000",
                "附件「名单.xlsx」工作表「名单」C2 单元格：发现疑似银行卡号 622848*********8903",
                "附件「名单.xlsx」工作表「底稿」（隐藏）C7 单元格：发现疑似居民身份证号码 230522********1238",
            ],
        ),
        (
            "名单.pdf",
            make_pdf,
            [
                "附件「名单.pdf」第 2 页：发现疑似居民身份证号码 230522********1238",
            ],
        ),
    ],
    ids=["txt", "docx", "xlsx", "pdf"],
)
def test_numbers_in_each_kind_of_attachment_are_found(content, filename, make, expected):
    make(content / "县政府办公室" / "2026" / filename)
    attach(content, filename)
    result = check()
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == [
        f"content/县政府办公室/2026/公示.md:10: 个人信息: {line}{HINT}" for line in expected
    ]


def test_an_attachment_that_cannot_be_read_stops_publishing_every_time(content):
    # It starts like a ZIP, as a .docx must (the attachment policy refuses one that does not).
    (content / "县政府办公室" / "2026" / "名单.docx").write_bytes(b"PK\x03\x04 not a zip file")
    attach(content, "名单.docx")
    for _ in range(2):
        result = check()
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            "content/县政府办公室/2026/公示.md:10: 附件: 附件「名单.docx」无法检查个人信息：文件无法打开"
            "（BadZipFile），可能已损坏。请另存为 .docx、.xlsx 或 .pdf 再附上；"
            "确已人工核对的，在“个人信息豁免”中写明 {附件: 名单.docx, 理由: …}",
            "Error: 发现 1 个错误",
        ]


# -- accepting a false positive ------------------------------------------------------

ACCOUNT = """个人信息豁免:
  - 号码: "{number}"
    理由: 本局公开的非税收入收款账号，不是个人的银行卡
"""


def test_an_accepted_number_passes_and_is_shown_on_every_check(content):
    write_notice(
        content,
        body=f"非税收入缴入账号 {CARD}，咨询 {CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:16]} {CARD[16:]}。",
        extra=ACCOUNT.format(number=CARD),
    )
    for _ in range(2):
        result = check()
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines() == [
            "content/县政府办公室/2026/公示.md:10: 警告: 个人信息豁免: 已豁免银行卡号 622848*********8903（2 处），"
            "理由：本局公开的非税收入收款账号，不是个人的银行卡"
        ]


def test_an_acceptance_covers_one_value_only(content):
    write_notice(content, body=f"账号 {CARD}；张某身份证号 {ID}。", extra=ACCOUNT.format(number=CARD))
    result = check()
    assert result.exit_code == 1
    assert (
        f"content/县政府办公室/2026/公示.md:16: 个人信息: 发现疑似居民身份证号码 230522********1238{HINT}"
        in result.stderr.splitlines()
    )


def test_an_acceptance_of_a_number_that_is_not_there_is_questioned(content):
    write_notice(content, extra=ACCOUNT.format(number=CARD))
    result = check()
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "content/县政府办公室/2026/公示.md:10: 警告: 个人信息豁免: 号码 622848*********8903 在本文件及附件中没有找到："
        "请核对号码，或删除这条豁免"
    ]


def test_an_unquoted_number_in_an_acceptance_is_refused(content):
    write_notice(content, body=f"账号 {CARD}", extra=ACCOUNT.format(number=CARD).replace(f'"{CARD}"', CARD))
    result = check()
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "content/县政府办公室/2026/公示.md:11: 个人信息豁免: 号码 622848*********8903 应加引号：YAML 会把长数字读成数值"
    )
    assert CARD not in result.output  # no message prints a whole number, not even the clerk's own
