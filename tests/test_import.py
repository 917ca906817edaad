"""A clerk imports the official document they were handed (Word or plain text):
the fields the paper holds are filled in, nothing is invented, nothing is
overwritten, and a corrected version updates the document already published."""

import io
import shutil
import struct
import zlib
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from xxgk.authoring.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "import"
UNIT = "测试县人民政府办公室"
FOLDER = Path("content") / UNIT / "2026"
NOTICE = FOLDER / "00005-松岭县人民政府办公室关于做好2026年汛期安全防范工作的通知.md"
TITLE = "松岭县人民政府办公室关于做好2026年汛期安全防范工作的通知"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---\n"))


def body(path):
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


@pytest.fixture
def paper(tmp_path):
    """The plain-text notice and its one attachment file, as the clerk received them."""
    folder = tmp_path / "收文"
    shutil.copytree(FIXTURES, folder)
    return folder / "防汛通知.txt"


def test_a_plain_text_notice_is_imported_with_every_field_it_holds(content, paper):
    result = run("import", str(paper), "--unit", UNIT, "--date", "2026-05-13")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"已导入 {NOTICE}（来自 防汛通知.txt）",
        "  索引号：11239901000012370G/2026-00005",
        "  读到：",
        "    发文机关标志：松岭县人民政府办公室",
        f"    标题：{TITLE}",
        "    发文字号：松政办发〔2026〕9号",
        "    文种：通知",
        "    成文日期：2026-05-12",
        "    发文机关：松岭县人民政府办公室",
        "    主送机关：各乡（镇）人民政府，县政府各部门",
        "    抄送机关：县委办，县人大办，县政协办，县人武部",
        "    印发机关：松岭县人民政府办公室",
        "    印发日期：2026-05-13",
        "    附注：（此件公开发布），即主动公开；已从正文中移除",
        "  正文：3 个标题，1 个表格",
        "  附件：00005-附件2-松岭县防汛物资储备表.csv（松岭县防汛物资储备表）",
        f"  附件说明列出「松岭县2026年防汛责任人名单」，但在 {paper.parent} 中没有找到这个文件："
        "请把它放在本文件旁边，并在 附件 中列出",
        "  请填写：发布日期、信息类别、主题分类",
        f"  注意：公文的发文机关是「松岭县人民政府办公室」，与发布机构「{UNIT}」（--unit）不同："
        "如由本单位转发或代为公开，请确认无误；否则请用 --unit 指定发文机关",
        "  公开期限：成文日期 2026-05-12，发布日期最迟为 2026-06-09（20 个工作日，条例第二十六条）",
    ]
    fields = front_matter(NOTICE)
    assert {name: str(value) for name, value in fields.items() if value} == {
        "标题": TITLE,
        "索引号": "11239901000012370G/2026-00005",
        "发布机构": UNIT,
        "成文日期": "2026-05-12",
        "发文字号": "松政办发〔2026〕9号",
        "文种": "通知",
        "发文机关": "松岭县人民政府办公室",
        "主送机关": "各乡（镇）人民政府，县政府各部门",
        "抄送机关": "县委办，县人大办，县政协办，县人武部",
        "印发机关": "松岭县人民政府办公室",
        "印发日期": "2026-05-13",
        "附件": "[{'文件': '00005-附件2-松岭县防汛物资储备表.csv', '名称': '松岭县防汛物资储备表'}]",
    }
    assert (FOLDER / "00005-附件2-松岭县防汛物资储备表.csv").read_bytes() == (
        paper.parent / "附件2-松岭县防汛物资储备表.csv"
    ).read_bytes()


def test_the_levels_of_an_official_document_become_headings_and_lists_and_tables_stay(content, paper):
    run("import", str(paper), "--unit", UNIT, "--date", "2026-05-13")
    assert (
        body(NOTICE)
        == """
为切实做好2026年汛期安全防范工作，保障人民群众生命财产安全，经县政府同意，现将有关事项通知如下：

## 一、压实防汛责任

**（一）落实防汛责任人。**各乡（镇）、各部门要明确本单位防汛责任人，于5月20日前报县防汛办。

### （二）开展隐患排查

1. 排查重点部位。对水库、河道、山塘逐一排查。

2. 建立整改台账。发现的隐患要登记造册，明确整改时限。

    （1）一般隐患当日整改。

    （2）重大隐患报县防汛办挂牌督办。

3. 及时上报结果。排查结果于6月1日前报送县防汛办。

## 二、加强值班值守

汛期实行24小时值班制度，各单位值班安排如下：

| 单位 | 值班电话 | 带班领导 |
| --- | --- | --- |
| 县应急管理局 | 0469-5821234 | 分管副局长 |
| 县水务局 | 0469-5825678 | 分管副局长 |

附件：

1. 松岭县2026年防汛责任人名单
2. 松岭县防汛物资储备表
"""
    )


def test_an_imported_notice_passes_check_once_the_clerk_fills_in_three_fields(content, paper):
    run("import", str(paper), "--unit", UNIT, "--date", "2026-05-13")
    result = run("check", "--date", "2026-05-13")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines()[:-1] if ": 警告:" not in line]
    assert [line.split(": ")[1] for line in errors] == ["发布日期", "信息类别", "主题分类"]
    text = NOTICE.read_text(encoding="utf-8")
    NOTICE.write_text(
        text.replace("发布日期:", "发布日期: 2026-05-14", 1)
        .replace("信息类别:", "信息类别: 突发公共事件的应急预案、预警信息及应对情况", 1)
        .replace("主题分类:", "主题分类: 农业、林业、水利", 1),
        encoding="utf-8",
    )
    assert run("check", "--date", "2026-05-14").exit_code == 0


def test_a_missing_date_and_doc_number_are_reported_not_invented(content, tmp_path):
    paper = tmp_path / "简报.txt"
    paper.write_text(
        "松岭县防汛工作简报\n\n各成员单位：\n\n近日我县普降大雨，各单位迅速行动。\n\n松岭县防汛办\n", encoding="utf-8"
    )
    result = run("import", str(paper), "--unit", UNIT, "--date", "2026-05-13")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"已导入 {FOLDER / '00005-松岭县防汛工作简报.md'}（来自 简报.txt）"
    assert (
        "  文件中没有读到（请核对原件，有则填写）：发文字号、文种、成文日期、发文机关、抄送机关、印发机关、印发日期"
        in lines
    )
    assert "  请填写：发布日期、信息类别、主题分类" in lines
    assert lines[-1] == "  公开期限：没有读到成文日期，无法计算；填写成文日期后，最迟在其后第 20 个工作日发布"
    fields = front_matter(FOLDER / "00005-松岭县防汛工作简报.md")
    assert fields["标题"] == "松岭县防汛工作简报"
    assert fields["主送机关"] == "各成员单位"
    assert fields["成文日期"] is None and fields["发文字号"] is None and fields["发布日期"] is None


def test_an_impossible_date_is_reported_and_left_empty(content, tmp_path):
    paper = tmp_path / "通知.txt"
    paper.write_text(
        "松政办发〔2026〕12号\n松岭县人民政府办公室关于调整值班安排的通知\n各单位：\n值班安排调整如下。\n"
        "松岭县人民政府办公室\n2026年2月30日\n",
        encoding="utf-8",
    )
    result = run("import", str(paper), "--unit", UNIT, "--date", "2026-05-13")
    assert "  注意：成文日期「2026年2月30日」不是有效日期，未填写" in result.stdout.splitlines()
    assert front_matter(FOLDER / "00005-松岭县人民政府办公室关于调整值班安排的通知.md")["成文日期"] is None


def test_a_markdown_notice_keeps_its_markdown(content, tmp_path):
    paper = tmp_path / "预算公告.md"
    paper.write_text(
        """松财发〔2026〕4号

# 松岭县财政局关于2026年部门预算公开的公告

根据《中华人民共和国预算法》，现将**2026年部门预算**公开如下：

一、收支总体情况

| 项目 | 金额（万元） |
| --- | --- |
| 收入合计 | 1,250 |

二、联系方式

咨询电话：0469-5826000。

松岭县财政局

2026年3月2日
""",
        encoding="utf-8",
    )
    result = run("import", str(paper), "--unit", "测试县财政局", "--date", "2026-03-03")
    assert result.exit_code == 0, result.output
    path = Path("content/测试县财政局/2026/00004-松岭县财政局关于2026年部门预算公开的公告.md")
    fields = front_matter(path)
    assert (fields["发文字号"], fields["文种"], str(fields["成文日期"]), fields["发文机关"]) == (
        "松财发〔2026〕4号",
        "公告",
        "2026-03-02",
        "松岭县财政局",
    )
    assert (
        body(path)
        == """
根据《中华人民共和国预算法》，现将**2026年部门预算**公开如下：

## 一、收支总体情况

| 项目 | 金额（万元） |
| --- | --- |
| 收入合计 | 1,250 |

## 二、联系方式

咨询电话：0469-5826000。
"""
    )


# -- Word ----------------------------------------------------------------------------------


def png(width=2, height=2) -> bytes:
    """A small valid PNG (python-docx reads its header)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_notice_docx(path, date="2026年6月3日", sentence="请各单位认真组织实施。"):
    document = docx.Document()
    for text in (
        "松岭县人民政府办公室文件",
        "松政办发〔2026〕15号",
        "松岭县人民政府办公室关于开展2026年",
        "政务公开培训的通知",
        "各乡（镇）人民政府，县政府各部门：",
        f"为提升政务公开工作水平，县政府办公室决定开展专题培训。{sentence}",
        "一、培训安排",
        "培训时间和地点见下表。",
    ):
        document.add_paragraph(text)
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(
        table.rows,
        (
            ("场次", "时间", "地点"),
            ("第一期", "6月10日", "县政府二楼会议室"),
            ("第二期", "6月17日", "县政府三楼会议室"),
        ),
    ):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.add_paragraph("二、培训内容")
    document.add_paragraph("培训流程如下图所示。")
    document.add_picture(io.BytesIO(png()))
    for text in (
        "附件：2026年政务公开培训报名表",
        "松岭县人民政府办公室",
        date,
        "抄送：县委办。",
        "松岭县人民政府办公室　　2026年6月4日印发",
    ):
        document.add_paragraph(text)
    sheet = Part(
        PackURI("/word/embeddings/Microsoft_Excel_Worksheet1.xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        xlsx_bytes([["单位", "参训人数"], ["县财政局", 3]]),
        document.part.package,
    )
    document.part.relate_to(sheet, RT.PACKAGE)
    document.save(path)


def test_a_word_notice_is_imported_with_its_table_image_and_embedded_sheet(content, tmp_path):
    paper = tmp_path / "培训通知.docx"
    make_notice_docx(paper)
    result = run("import", str(paper), "--unit", UNIT, "--date", "2026-06-04")
    assert result.exit_code == 0, result.output
    path = FOLDER / "00005-松岭县人民政府办公室关于开展2026年政务公开培训的通知.md"
    lines = result.stdout.splitlines()
    assert lines[0] == f"已导入 {path}（来自 培训通知.docx）"
    assert lines[lines.index("  读到：") : lines.index("  正文：2 个标题，1 个表格")] == [
        "  读到：",
        "    发文机关标志：松岭县人民政府办公室",
        "    标题：松岭县人民政府办公室关于开展2026年政务公开培训的通知",
        "    发文字号：松政办发〔2026〕15号",
        "    文种：通知",
        "    成文日期：2026-06-03",
        "    发文机关：松岭县人民政府办公室",
        "    主送机关：各乡（镇）人民政府，县政府各部门",
        "    抄送机关：县委办",
        "    印发机关：松岭县人民政府办公室",
        "    印发日期：2026-06-04",
    ]
    assert "  附件：00005-图1.png（图1）" in lines
    assert "  附件：00005-嵌入文件1.xlsx（嵌入文件1）" in lines
    assert "  附件说明列出「2026年政务公开培训报名表」，但在" in "\n".join(lines)
    assert (
        body(path)
        == """
为提升政务公开工作水平，县政府办公室决定开展专题培训。请各单位认真组织实施。

## 一、培训安排

培训时间和地点见下表。

| 场次 | 时间 | 地点 |
| --- | --- | --- |
| 第一期 | 6月10日 | 县政府二楼会议室 |
| 第二期 | 6月17日 | 县政府三楼会议室 |

## 二、培训内容

培训流程如下图所示。

![图1](00005-图1.png)

附件：2026年政务公开培训报名表
"""
    )
    assert (FOLDER / "00005-图1.png").read_bytes() == png()
    sheet = openpyxl.load_workbook(FOLDER / "00005-嵌入文件1.xlsx")
    assert list(sheet.active.values) == [("单位", "参训人数"), ("县财政局", 3)]
    assert front_matter(path)["附件"] == [
        {"文件": "00005-图1.png", "名称": "图1"},
        {"文件": "00005-嵌入文件1.xlsx", "名称": "嵌入文件1"},
    ]


def test_personal_data_in_an_imported_file_is_masked_and_listed(content, tmp_path):
    paper = tmp_path / "公示.txt"
    original = "松岭县临时救助对象公示\n张某，身份证号230522 19900101 1238，电话 138-1234-5678。\n"
    paper.write_text(original, encoding="utf-8")
    result = run("import", str(paper), "--unit", UNIT, "--date", "2026-05-13")
    lines = (FOLDER / "00005-松岭县临时救助对象公示.md").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "230522********1238" in text)
    assert lines[line - 1] == "张某，身份证号230522********1238，电话 138****5678。"
    assert [text for text in result.stdout.splitlines() if "打码" in text] == [
        f"  注意：第 {line} 行的疑似居民身份证号码已打码为 230522********1238",
        f"  注意：第 {line} 行的疑似手机号码已打码为 138****5678",
    ]
    assert "1990" not in result.stdout and "12345678" not in result.stdout
    assert paper.read_text(encoding="utf-8") == original  # the source is left as it was


# -- never overwrite, never publish what must not be -------------------------------------------


def test_an_existing_file_is_never_overwritten(content, paper):
    FOLDER.mkdir(parents=True)
    NOTICE.write_text("草稿：还没有元数据", encoding="utf-8")
    result = run("import", str(paper), "--unit", UNIT, "--date", "2026-05-13")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {NOTICE} 已存在，未写入任何文件：请改名或移走它后再导入",
        "Error: 1 个文件未导入",
    ]
    assert NOTICE.read_text(encoding="utf-8") == "草稿：还没有元数据"
    assert sorted(p.name for p in FOLDER.iterdir()) == [NOTICE.name]


def test_a_classified_document_is_refused(content, tmp_path):
    paper = tmp_path / "密件.txt"
    paper.write_text(
        "000123\n机密★1年\n松政办发〔2026〕20号\n松岭县人民政府办公室关于某事项的通知\n各单位：\n正文。\n",
        encoding="utf-8",
    )
    result = run("import", str(paper), "--unit", UNIT)
    assert result.exit_code == 1
    assert f"Error: {paper}: 文件标有密级「机密★1年」：涉密文件不得公开，未导入" in result.stderr
    assert not FOLDER.exists()


# -- a corrected version ---------------------------------------------------------------------------


def published_notice(paper):
    """The notice imported, filled in and checked, as it is on the site."""
    run("import", str(paper), "--unit", UNIT, "--date", "2026-05-13")
    text = NOTICE.read_text(encoding="utf-8")
    NOTICE.write_text(
        text.replace("发布日期:", "发布日期: 2026-05-14", 1)
        .replace("信息类别:", "信息类别: 突发公共事件的应急预案、预警信息及应对情况", 1)
        .replace("主题分类:", "主题分类: 农业、林业、水利", 1),
        encoding="utf-8",
    )
    assert run("check", "--date", "2026-05-14").exit_code == 0


def corrected(paper):
    text = paper.read_text(encoding="utf-8")
    paper.write_text(
        text.replace("于5月20日前报县防汛办", "于5月22日前报县防汛办").replace("2026年5月12日\n", "2026年5月13日\n"),
        encoding="utf-8",
    )


def test_a_corrected_version_updates_the_document_after_showing_the_changes(content, paper):
    published_notice(paper)
    corrected(paper)
    result = run("import", str(paper), "--unit", UNIT, "--date", "2026-05-16", input="y\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:9] == [
        f"防汛通知.txt 的发文字号 松政办发〔2026〕9号 与 {NOTICE} 相同，更新将改动：",
        "  成文日期：2026-05-12 → 2026-05-13",
        "  正文：",
        "    --- 原正文",
        "    +++ 新正文",
        "    @@ -4,3 +4,3 @@",
        "     ",
        "    -**（一）落实防汛责任人。**各乡（镇）、各部门要明确本单位防汛责任人，于5月20日前报县防汛办。",
        "    +**（一）落实防汛责任人。**各乡（镇）、各部门要明确本单位防汛责任人，于5月22日前报县防汛办。",
    ]
    assert "更新这份文件吗？ [y/N]: y" in lines
    assert f"已更新 {NOTICE}（来自 防汛通知.txt）" in lines
    assert "  索引号：11239901000012370G/2026-00005（保留原索引号和地址）" in lines
    assert not any(line.startswith("  请填写") for line in lines)
    fields = front_matter(NOTICE)
    assert str(fields["索引号"]) == "11239901000012370G/2026-00005"
    assert str(fields["成文日期"]) == "2026-05-13"
    assert fields["信息类别"] == "突发公共事件的应急预案、预警信息及应对情况"  # what the clerk filled in stays
    assert "于5月22日前报县防汛办" in body(NOTICE)
    assert sorted(p.name for p in FOLDER.iterdir()) == [NOTICE.name, "00005-附件2-松岭县防汛物资储备表.csv"]
    assert run("check", "--date", "2026-05-16").exit_code == 0


def test_a_correction_dated_after_the_publication_asks_for_a_new_publication_date(content, paper):
    published_notice(paper)
    paper.write_text(paper.read_text(encoding="utf-8").replace("2026年5月12日\n", "2026年5月20日\n"), encoding="utf-8")
    result = run("import", str(paper), "--unit", UNIT, "--yes")
    assert (
        "  注意：新的成文日期 2026-05-20 晚于发布日期 2026-05-14：请把发布日期改为更正版本在本平台公开的日期"
        in result.stdout.splitlines()
    )


def test_declining_the_update_changes_nothing(content, paper):
    published_notice(paper)
    before = NOTICE.read_bytes()
    corrected(paper)
    result = run("import", str(paper), "--unit", UNIT, input="n\n")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == f"未修改 {NOTICE}"
    assert NOTICE.read_bytes() == before


def test_a_script_must_say_yes(content, paper):
    published_notice(paper)
    corrected(paper)
    without = run("import", str(paper), "--unit", UNIT)
    assert without.exit_code == 1
    assert f"Error: 没有得到确认，未修改 {NOTICE}：在脚本中请加 --yes" in without.stderr
    with_yes = run("import", str(paper), "--unit", UNIT, "--yes")
    assert with_yes.exit_code == 0
    assert "于5月22日前报县防汛办" in body(NOTICE)


def test_importing_the_same_version_again_writes_nothing(content, paper):
    published_notice(paper)
    result = run("import", str(paper), "--unit", UNIT)
    assert result.stdout == f"{NOTICE} 与 防汛通知.txt 内容相同，未修改\n"
