"""A clerk imports the notice as offices actually send it: a PDF, an OFD from the 电子公文 system, an old
Word .doc and a WPS .wps. Each gives the same document as the Word or text version, every field read,
with the original kept as an attachment and the files the 附件说明 lists matched beside it."""

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from click.testing import CliRunner

import papers
from xxgk.authoring.cli import main

UNIT = "测试县人民政府办公室"
FOLDER = Path("content") / UNIT / "2026"
TITLE = "松岭县人民政府办公室关于做好2026年汛期安全防范工作的通知"
NOTICE = FOLDER / f"00005-{TITLE}.md"

FIELDS = {
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
}
BODY = """
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


def run(*args):
    return CliRunner().invoke(main, list(args))


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---\n"))


def body(path):
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def attachments_beside(folder: Path) -> tuple[bytes, bytes]:
    """附件1.docx and 附件2.xlsx, as the office sent them with the notice."""
    names = docx.Document()
    names.add_paragraph("松岭县2026年防汛责任人名单")
    buffer = io.BytesIO()
    names.save(buffer)
    workbook = openpyxl.Workbook()
    workbook.active.append(["物资", "数量"])
    workbook.active.append(["编织袋", 5000])
    sheet = io.BytesIO()
    workbook.save(sheet)
    (folder / "附件1.docx").write_bytes(buffer.getvalue())
    (folder / "附件2.xlsx").write_bytes(sheet.getvalue())
    return buffer.getvalue(), sheet.getvalue()


def doc(folder):
    return papers.notice_doc(folder)


# suffix, how the office made the file, how it was read, the original as kept
FORMATS = {
    "pdf": (".pdf", lambda folder: papers.notice_pdf(), "PDF 文字层，共 2 页", "00005-原件.pdf（原件（PDF））"),
    "ofd": (".ofd", lambda folder: papers.notice_ofd(), "OFD 文字，共 2 页", "00005-原件.ofd（原件（OFD））"),
    "doc": (
        ".doc",
        doc,
        "Word 97-2003 文件，经 LibreOffice 转换为 .docx 读取",
        "00005-原件.docx（原件（Word））",
    ),
    "wps": (".wps", doc, "WPS 文件，经 LibreOffice 转换为 .docx 读取", "00005-原件.docx（原件（Word））"),
}


@pytest.mark.parametrize("kind", FORMATS)
def test_the_notice_is_read_the_same_from_every_format_offices_send(content, tmp_path, kind):
    suffix, make, read_as, original = FORMATS[kind]
    folder = tmp_path / "收文"
    folder.mkdir()
    paper = folder / f"防汛通知{suffix}"
    paper.write_bytes(make(tmp_path))
    names, sheet = attachments_beside(folder)

    result = run("import", str(paper), "--unit", UNIT, "--date", "2026-05-13")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"已导入 {NOTICE}（来自 {paper.name}）",
        "  索引号：11239901000012370G/2026-00005",
        f"  读取方式：{read_as}",
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
        f"  附件：{original}",
        "  附件：00005-附件1.docx（松岭县2026年防汛责任人名单）",
        "  附件：00005-附件2.xlsx（松岭县防汛物资储备表）",
        "  请填写：发布日期、信息类别、主题分类",
        f"  注意：公文的发文机关是「松岭县人民政府办公室」，与发布机构「{UNIT}」（--unit）不同："
        "如由本单位转发或代为公开，请确认无误；否则请用 --unit 指定发文机关",
        "  公开期限：成文日期 2026-05-12，发布日期最迟为 2026-06-09（20 个工作日，条例第二十六条）",
    ]
    fields = front_matter(NOTICE)
    attached = fields.pop("附件")
    assert {name: str(value) for name, value in fields.items() if value} == FIELDS
    assert [item["文件"] for item in attached] == [original.split("（")[0], "00005-附件1.docx", "00005-附件2.xlsx"]
    assert body(NOTICE) == BODY
    assert (FOLDER / "00005-附件1.docx").read_bytes() == names
    assert (FOLDER / "00005-附件2.xlsx").read_bytes() == sheet
    if kind in ("pdf", "ofd"):
        assert (FOLDER / original.split("（")[0]).read_bytes() == paper.read_bytes()  # the original, as received
    else:  # kept as the .docx LibreOffice made: readers need no WPS, and the check can read it
        kept = docx.Document(str(FOLDER / "00005-原件.docx"))
        assert kept.paragraphs[1].text == "松政办发〔2026〕9号"


@pytest.mark.parametrize("kind", ["pdf", "ofd"])
def test_an_imported_pdf_or_ofd_passes_check_once_the_clerk_fills_in_three_fields(content, tmp_path, kind):
    suffix, make, _, _ = FORMATS[kind]
    paper = tmp_path / f"防汛通知{suffix}"
    paper.write_bytes(make(tmp_path))
    assert run("import", str(paper), "--unit", UNIT, "--date", "2026-05-13").exit_code == 0
    text = NOTICE.read_text(encoding="utf-8")
    NOTICE.write_text(
        text.replace("发布日期:", "发布日期: 2026-05-14", 1)
        .replace("信息类别:", "信息类别: 突发公共事件的应急预案、预警信息及应对情况", 1)
        .replace("主题分类:", "主题分类: 农业、林业、水利", 1),
        encoding="utf-8",
    )
    result = run("check", "--date", "2026-05-14")
    assert result.exit_code == 0, result.output  # the personal-data check read the original too


def test_a_paragraph_that_runs_on_to_the_next_page_stays_one_paragraph(content, tmp_path):
    long = "各单位要加强汛期值班值守，严格执行领导带班和24小时值班制度，" * 6 + "确保信息畅通。"
    paper = list(papers.NOTICE)
    paper.insert(paper.index(("body", "二、加强值班值守")), ("body", long))
    pages = papers.typeset(paper)
    last_line = [item.text for item in pages[0] if isinstance(item, papers.Placed)][-2]
    assert last_line in long and not long.startswith(last_line)  # the page ends inside the paragraph
    for suffix, data in ((".pdf", papers.notice_pdf(paper)), (".ofd", papers.notice_ofd(paper))):
        source = tmp_path / f"通知{suffix}"
        source.write_bytes(data)
        run("import", str(source), "--unit", UNIT, "--date", "2026-05-13", "--yes")
        assert f"\n\n{long}\n\n" in body(NOTICE), suffix


def test_units_signing_jointly_in_rows_are_read_as_the_发文机关_not_as_a_table(content, tmp_path):
    paper = [(role, text) for role, text in papers.NOTICE if role != "signature"]
    rows = [
        ("joint", ("松岭县财政局", "松岭县教育局", "松岭县水务局")),
        ("joint", ("松岭县民政局", "松岭县商务局", "松岭县气象局")),
    ]
    at = paper.index(("date", "2026年5月12日"))
    paper[at:at] = rows
    source = tmp_path / "联合发文.ofd"
    source.write_bytes(papers.notice_ofd(paper))
    result = run("import", str(source), "--unit", UNIT, "--date", "2026-05-13")
    assert "    发文机关：松岭县财政局、松岭县教育局、松岭县水务局、松岭县民政局、松岭县商务局、松岭县气象局" in (
        result.stdout.splitlines()
    )
    assert "    成文日期：2026-05-12" in result.stdout.splitlines()


# -- what cannot be imported, and why ------------------------------------------------------------


def test_without_libreoffice_a_doc_is_refused_with_how_to_install_it(content, tmp_path, monkeypatch):
    paper = tmp_path / "通知.wps"
    paper.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("import", str(paper), "--unit", UNIT)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {paper}: 读取 .doc 和 .wps 文件需要 LibreOffice，但本机没有找到：Debian/Ubuntu 上运行 "
        "sudo apt-get install libreoffice-writer-nogui（或 libreoffice-writer），"
        "Windows 和 macOS 上从 https://www.libreoffice.org/download/ 下载安装；"
        "也可以先在 Word 或 WPS 中把文件另存为 .docx 再导入",
        "Error: 1 个文件未导入",
    ]
    assert not FOLDER.exists()


def test_a_file_that_is_not_a_word_file_is_refused_before_libreoffice_reads_it_as_text(content, tmp_path):
    paper = tmp_path / "通知.doc"
    paper.write_bytes(b"\xd0\xcf\x11\xe0")  # cut off after four bytes
    result = run("import", str(paper), "--unit", UNIT)
    assert result.exit_code == 1
    assert (
        f"Error: {paper}: 这不是 Word 97-2003 文件（文件开头没有它的格式标志），可能已损坏："
        "请在 Word 或 WPS 中打开并另存为 .docx 再导入"
    ) in result.stderr.splitlines()


def test_a_damaged_wps_is_refused_with_what_to_do(content, tmp_path):
    papers.libreoffice()
    paper = tmp_path / "通知.wps"
    paper.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 12)
    result = run("import", str(paper), "--unit", UNIT)
    assert result.exit_code == 1
    assert (
        f"Error: {paper}: LibreOffice 无法读取这个 WPS 文件，可能已损坏或不是 .wps 格式："
        "请在 Word 或 WPS 中打开并另存为 .docx 再导入"
    ) in result.stderr.splitlines()


def test_a_doc_that_a_system_exported_as_rtf_is_read(content, tmp_path):
    papers.libreoffice()
    paper = tmp_path / "通知.doc"
    lines = ["松政办发〔2026〕21号", "松岭县人民政府办公室关于调整值班安排的通知", "各单位：", "值班安排调整如下。"]
    rtf = "".join("".join(f"\\u{ord(c)}?" if ord(c) > 127 else c for c in line) + "\\par\n" for line in lines)
    paper.write_text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\n" + rtf + "}", encoding="ascii")
    result = run("import", str(paper), "--unit", UNIT, "--date", "2026-05-13")
    assert result.exit_code == 0, result.output
    fields = front_matter(FOLDER / "00005-松岭县人民政府办公室关于调整值班安排的通知.md")
    assert (fields["发文字号"], fields["主送机关"]) == ("松政办发〔2026〕21号", "各单位")


def test_a_scanned_pdf_without_text_is_refused(content, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a page image stands in for the scan
    paper = tmp_path / "扫描件.pdf"
    paper.write_bytes(bytes(pdf.output()))
    result = run("import", str(paper), "--unit", UNIT)
    assert result.exit_code == 1
    assert (
        f"Error: {paper}: PDF 中没有可读取的文字，可能是扫描件：请向发文单位索取可复制文字的 PDF、OFD 或 Word 版本"
    ) in result.stderr.splitlines()


def test_a_file_that_is_not_a_pdf_is_refused(content, tmp_path):
    paper = tmp_path / "通知.pdf"
    paper.write_bytes(b"%PDF-1.7\n<< this is not a PDF")
    result = run("import", str(paper), "--unit", UNIT)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {paper}: 无法读取这个 PDF 文件（")
    assert result.stderr.splitlines()[0].endswith("）：请确认它是 PDF 格式且没有损坏")


def test_an_ofd_zip_bomb_is_refused_before_it_is_unpacked(content, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", b"<a>" + b" " * (300 * 2**20) + b"</a>")
    paper = tmp_path / "炸弹.ofd"
    paper.write_bytes(buffer.getvalue())
    result = run("import", str(paper), "--unit", UNIT)
    assert result.exit_code == 1
    assert f"Error: {paper}: 无法读取这个 OFD 文件：解压后有 300 MB" in result.stderr
    assert "疑似“压缩炸弹”" in result.stderr


def test_an_ofd_that_is_not_one_is_refused(content, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    paper = tmp_path / "通知.ofd"
    paper.write_bytes(buffer.getvalue())
    result = run("import", str(paper), "--unit", UNIT)
    assert result.exit_code == 1
    assert (
        f"Error: {paper}: 无法读取这个 OFD 文件（OFDFormatError）：请确认它是 OFD 格式且没有损坏"
        in result.stderr.splitlines()
    )
