"""Every file staff write is scanned, every text-bearing part of an attachment is
read, an attachment that cannot be read stops publishing unless accepted, and a
zip bomb is refused before it is unpacked."""

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from fpdf import FPDF
from openpyxl.comments import Comment
from PIL import Image

from xxgk.authoring.cli import main

FOLDER = Path("content/县政府办公室/2026")
NOTICE = """---
标题: 测试县人民政府办公室关于临时救助情况的公示
索引号: "11239901000012370G/2026-00040"
发布机构: 测试县人民政府办公室
成文日期: 2026-05-06
发布日期: 2026-05-08
信息类别: 社会救助
主题分类: 民政、扶贫、救灾
内容概述: 临时救助公示
附件: [{attachment}]
{extra}---
经审核，下列对象符合临时救助条件，现予公示。
"""
HINT = "：请删除或打码后再发布；确认不是个人信息的，在“个人信息豁免”中写明号码和理由"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def check():
    return CliRunner().invoke(main, ["check", "--date", "2026-01-20"])


def write_notice(attachment, extra=""):
    (FOLDER / "公示.md").write_text(NOTICE.format(attachment=attachment, extra=extra), encoding="utf-8")


def hits(result):
    prefix = "content/县政府办公室/2026/公示.md:10: 个人信息: "
    return [line.removeprefix(prefix).removesuffix(HINT) for line in result.stderr.splitlines() if prefix in line]


# -- files that are not documents ---------------------------------------------------


@pytest.mark.parametrize(
    "name, old, new, line",
    [
        ("单位.yml", "负责人: 王建国", "负责人: 王建国 138-1234-5678", 11),
        ("站点.yml", "联系电话: 0469-5820001", "联系电话: 0469-5820001、13812345678", 6),
    ],
)
def test_a_mobile_in_the_unit_registry_or_the_site_settings_is_an_error(content, name, old, new, line):
    path = content / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = check()
    assert result.exit_code == 1
    assert (
        f"content/{name}:{line}: 个人信息: 发现疑似手机号码 138****5678：请删除或打码；这些文件的内容会发布到网站上"
        in result.stderr.splitlines()
    )
    assert "12345678" not in result.output


def test_a_number_in_an_annual_report_is_an_error(content):
    report = next((content / "年报").rglob("*.yml"))
    text = report.read_text(encoding="utf-8")
    report.write_text(text + "# 联系人 张某 230522 19900101 1238\n", encoding="utf-8")
    result = check()
    line = text.count("\n") + 1
    shown = report.relative_to(content.parent).as_posix()
    assert (
        f"{shown}:{line}: 个人信息: 发现疑似居民身份证号码 230522********1238：请删除或打码；这些文件的内容会发布到网站上"
        in result.stderr.splitlines()
    )


# -- every part of an attachment ------------------------------------------------------


def make_docx(path):
    document = docx.Document()
    paragraph = document.add_paragraph("删改记录：")
    paragraph._p.append(
        parse_xml(f'<w:del {W} w:id="1" w:author="a"><w:r><w:delText>13812345678</w:delText></w:r></w:del>')
    )
    paragraph = document.add_paragraph("联系：")
    paragraph._p.append(parse_xml(f'<w:r {W}><w:instrText> HYPERLINK "tel:13912345678" </w:instrText></w:r>'))
    document.part.relate_to("tel:15012345678", RT.HYPERLINK, is_external=True)
    document.core_properties.comments = "经办人 15112345678"
    picture = io.BytesIO()
    Image.new("RGB", (2, 2)).save(picture, "PNG")
    document.add_picture(picture)
    document.element.body.xpath(".//wp:docPr")[0].set("descr", "张某身份证 230522199001011238")
    document.save(path)


def make_xlsx(path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "名单"
    sheet["A1"].comment = Comment("联系 13812345678", "张某")
    sheet["A2"] = "联系"
    sheet["A2"].hyperlink = "tel:13912345678"
    sheet.oddFooter.center.text = "经办 15012345678"
    workbook.properties.creator = "张某 15112345678"
    workbook.save(path)


def make_pdf(path):
    pdf = FPDF()
    pdf.set_title("Zhang 13812345678")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(10, 10, "No numbers in the text.")
    pdf.link(10, 20, 30, 10, "tel:13912345678")
    pdf.text_annotation(10, 40, "call 15012345678")
    for position, digit in enumerate("15112345678"):
        pdf.text(10 + 5 * position, 60, digit)
    pdf.output(str(path))


@pytest.mark.parametrize(
    "filename, make, expected",
    [
        (
            "名单.docx",
            make_docx,
            [
                "附件「名单.docx」第 1 段：发现疑似手机号码 138****5678",
                "附件「名单.docx」第 2 段：发现疑似手机号码 139****5678",
                "附件「名单.docx」文档属性：发现疑似手机号码 151****5678",
                "附件「名单.docx」超链接：发现疑似手机号码 150****5678",
                "附件「名单.docx」图片说明：发现疑似居民身份证号码 230522********1238",
            ],
        ),
        (
            "名单.xlsx",
            make_xlsx,
            [
                "附件「名单.xlsx」文档属性：发现疑似手机号码 151****5678",
                "附件「名单.xlsx」批注A1：发现疑似手机号码 138****5678",
                "附件「名单.xlsx」超链接：发现疑似手机号码 139****5678",
                "附件「名单.xlsx」页眉页脚：发现疑似手机号码 150****5678",
            ],
        ),
        (
            "名单.pdf",
            make_pdf,
            [
                "附件「名单.pdf」文档属性 Title：发现疑似手机号码 138****5678",
                "附件「名单.pdf」第 1 页：发现疑似手机号码 151****5678",
                "附件「名单.pdf」第 1 页批注或链接：发现疑似手机号码 139****5678",
                "附件「名单.pdf」第 1 页批注或链接：发现疑似手机号码 150****5678",
            ],
        ),
    ],
    ids=["docx", "xlsx", "pdf"],
)
def test_numbers_in_every_part_of_an_attachment_are_found(content, filename, make, expected):
    make(FOLDER / filename)
    write_notice(filename)
    result = check()
    assert result.exit_code == 1
    assert sorted(hits(result)) == sorted(expected)
    assert "Traceback" not in result.output


# -- attachments that cannot be read ----------------------------------------------------


@pytest.mark.parametrize(
    "filename, data, reason",
    [
        ("旧文件.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old Word", "无法读取 .doc 文件中的文字"),
        ("旧文件.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 WPS", "无法读取 .wps 文件中的文字"),
        # It starts like a ZIP, as a .docx must (the attachment policy refuses one that does not, and .rtf).
        ("损坏.docx", b"PK\x03\x04 not a zip file", "文件无法打开（BadZipFile），可能已损坏"),
    ],
)
def test_an_attachment_that_cannot_be_read_is_an_error_until_accepted(content, filename, data, reason):
    (FOLDER / filename).write_bytes(data)
    write_notice(filename)
    result = check()
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"content/县政府办公室/2026/公示.md:10: 附件: 附件「{filename}」无法检查个人信息：{reason}。"
        f"请另存为 .docx、.xlsx 或 .pdf 再附上；确已人工核对的，在“个人信息豁免”中写明 {{附件: {filename}, 理由: …}}"
    )
    write_notice(filename, extra=f"个人信息豁免: [{{附件: {filename}, 理由: 已人工逐页核对}}]\n")
    result = check()
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"content/县政府办公室/2026/公示.md:11: 警告: 个人信息豁免: 附件「{filename}」未自动检查个人信息，"
        "已人工核对，理由：已人工逐页核对"
    ]


def test_an_acceptance_for_an_attachment_that_is_not_there_is_questioned(content):
    write_notice("", extra="个人信息豁免: [{附件: 旧文件.doc, 理由: 已核对}]\n")
    (FOLDER / "公示.md").write_text(
        (FOLDER / "公示.md").read_text(encoding="utf-8").replace("附件: []\n", ""), encoding="utf-8"
    )
    result = check()
    assert result.stderr.splitlines() == [
        "content/县政府办公室/2026/公示.md:10: 警告: 个人信息豁免: 附件「旧文件.doc」不在本文件的附件中："
        "请核对文件名，或删除这条豁免（理由：已核对）"
    ]


# -- zip bombs ----------------------------------------------------------------------------


def make_bomb(path, size=300 * 2**20):
    """A valid .docx with one more part of `size` zeros: a few hundred KB on disk."""
    make_docx(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package, package.open("word/bomb.xml", "w") as part:
        chunk = b"0" * 2**20
        for _ in range(size // len(chunk)):
            part.write(chunk)


# The child reports its own peak (VmHWM belongs to its memory map, which exec makes new); wait4's
# ru_maxrss would include the pages the child shared with this large test process when forked.
MEASURED = (
    "import atexit, sys\n"
    "def peak():\n"
    "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
    "    sys.stderr.write('\\nPEAK-KB ' + status.split()[0] + '\\n')\n"
    "atexit.register(peak)\n"
    "from xxgk.authoring.cli import main\n"
    "main()\n"
)


def run_measured(args, cwd):
    """Exit code, output and peak memory (MB) of xxgk in a process of its own."""
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", MEASURED, *args], cwd=cwd, capture_output=True, check=False)
    output = (result.stdout + result.stderr).decode()
    peak = int(output.rsplit("PEAK-KB ", 1)[1].split()[0]) / 1024
    return result.returncode, output, peak, time.monotonic() - started


def test_a_zip_bomb_is_refused_by_check_and_import_before_it_is_unpacked(content, tmp_path):
    make_bomb(FOLDER / "名单.docx")
    assert (FOLDER / "名单.docx").stat().st_size < 2 * 2**20
    write_notice("名单.docx")
    code, output, memory, seconds = run_measured(["check", "--date", "2026-01-20"], tmp_path)
    assert code == 1
    assert (
        "content/县政府办公室/2026/公示.md:10: 附件: 附件「名单.docx」无法检查个人信息：解压后有 300 MB（文字部分 300 MB），"
        "超过 200 MB（文字 64 MB）的上限，疑似“压缩炸弹”。" in output
    )
    assert memory < 300 and seconds < 30, (memory, seconds)

    make_bomb(tmp_path / "炸弹.docx", size=150 * 2**20)
    code, output, memory, seconds = run_measured(
        ["import", str(tmp_path / "炸弹.docx"), "--unit", "测试县人民政府办公室", "--date", "2026-05-13"], tmp_path
    )
    assert code == 1
    assert "无法读取这个 Word 文件：解压后有 150 MB（文字部分 150 MB），超过 200 MB（文字 64 MB）的上限" in output
    assert "Traceback" not in output
    assert memory < 300 and seconds < 30, (memory, seconds)


def test_a_highly_compressed_docx_below_the_size_cap_is_refused_by_its_ratio(content):
    make_bomb(FOLDER / "名单.docx", size=40 * 2**20)
    write_notice("名单.docx")
    result = check()
    assert result.stderr.splitlines()[0].startswith(
        "content/县政府办公室/2026/公示.md:10: 附件: 附件「名单.docx」无法检查个人信息：解压后是原来的 "
    )
    assert "倍，超过 100 倍的上限，疑似“压缩炸弹”" in result.stderr.splitlines()[0]
