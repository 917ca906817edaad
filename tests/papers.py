"""The official documents the import tests are handed, made as an office's systems make them.

One notice (the same as fixtures/import/防汛通知.txt) is typeset by the rules of
GB/T 9704 (A4, margins 37/35/28/26 mm, body indented two characters and set
line after line, titles centred, the date four characters from the right) and
written out as a PDF (fpdf2, Noto Serif CJK), an OFD (the XML package of
GB/T 33190, written here element by element), a Word file (python-docx) and,
through LibreOffice, a Word 97 .doc and a .wps. Where LibreOffice or the font
is missing the tests that need them are skipped with a message, except in CI
(XXGK_REQUIRE_BROWSER), where they fail.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
FONT_SC = 2  # Noto Serif CJK SC in the collection

TABLE = (
    ("单位", "值班电话", "带班领导"),
    ("县应急管理局", "0469-5821234", "分管副局长"),
    ("县水务局", "0469-5825678", "分管副局长"),
)
NOTICE = (
    ("mark", "松岭县人民政府办公室文件"),
    ("number", "松政办发〔2026〕9号"),
    ("title", "松岭县人民政府办公室"),
    ("title", "关于做好2026年汛期安全防范工作的通知"),
    ("left", "各乡（镇）人民政府，县政府各部门："),
    ("body", "为切实做好2026年汛期安全防范工作，保障人民群众生命财产安全，经县政府同意，现将有关事项通知如下："),
    ("body", "一、压实防汛责任"),
    ("body", "（一）落实防汛责任人。各乡（镇）、各部门要明确本单位防汛责任人，于5月20日前报县防汛办。"),
    ("body", "（二）开展隐患排查"),
    ("body", "1.排查重点部位。对水库、河道、山塘逐一排查。"),
    ("body", "2.建立整改台账。发现的隐患要登记造册，明确整改时限。"),
    ("body", "（1）一般隐患当日整改。"),
    ("body", "（2）重大隐患报县防汛办挂牌督办。"),
    ("body", "3.及时上报结果。排查结果于6月1日前报送县防汛办。"),
    ("body", "二、加强值班值守"),
    ("body", "汛期实行24小时值班制度，各单位值班安排如下："),
    ("table", TABLE),
    ("body", "附件：1.松岭县2026年防汛责任人名单"),
    ("hanging", "2.松岭县防汛物资储备表"),
    ("signature", "松岭县人民政府办公室"),
    ("date", "2026年5月12日"),
    ("body", "（此件公开发布）"),
    ("left small", "抄送：县委办，县人大办，县政协办，县人武部。"),
    ("printed", ("松岭县人民政府办公室", "2026年5月13日印发")),
)

PAGE = (210.0, 297.0)
LEFT, RIGHT, TOP, BOTTOM = 28.0, 210.0 - 26.0, 37.0, 297.0 - 35.0
PT = 25.4 / 72  # millimetres in a point
SIZES = {"mark": 36 * PT, "title": 22 * PT, "small": 14 * PT, "table": 10.5 * PT}
BODY = 16 * PT  # 三号


@dataclass(frozen=True)
class Placed:
    text: str
    x: float  # millimetres from the left edge
    baseline: float  # millimetres from the top edge
    size: float  # millimetres


@dataclass(frozen=True)
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float


def ofd_width(text: str, size: float) -> float:
    """Advance widths as an OFD reader estimates them: CJK one em, the rest half."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size / 2 for c in text)


def typeset(paper=NOTICE, measure=ofd_width) -> list[list[Placed | Rule]]:
    """The paper's lines placed on A4 pages; `measure(text, size)` gives a text's width in millimetres."""
    pages: list[list[Placed | Rule]] = [[]]
    y = TOP

    def advance(pitch):
        nonlocal y
        if y + pitch > BOTTOM:
            pages.append([])
            y = TOP
        y += pitch

    def line(text, x, size):
        advance(size * 1.8)
        pages[-1].append(Placed(text, x, y, size))

    for role, text in paper:
        size = next((SIZES[word] for word in role.split() if word in SIZES), BODY)
        if role in ("mark", "number", "title"):
            line(text, LEFT + (RIGHT - LEFT - measure(text, size)) / 2, size)
        elif role.startswith("left"):
            line(text, LEFT, size)
        elif role == "body":
            for number, part in enumerate(_wrap(text, size, measure)):
                line(part, LEFT + (2 * size if number == 0 else 0), size)
        elif role == "hanging":  # under the first entry, after 附件：
            line(text, LEFT + 2 * size + measure("附件：", size), size)
        elif role in ("signature", "date"):
            date = next(t for r, t in paper if r == "date")
            centre = RIGHT - 4 * size - measure(date, size) / 2
            line(text, centre - measure(text, size) / 2, size)
        elif role == "joint":  # units signing together, side by side
            advance(size * 1.8)
            for column, name in enumerate(text):
                pages[-1].append(Placed(name, LEFT + column * (RIGHT - LEFT) / len(text), y, size))
        elif role == "printed":
            size = SIZES["small"]
            advance(size * 1.8)
            pages[-1].append(Placed(text[0], LEFT + size, y, size))
            pages[-1].append(Placed(text[1], RIGHT - size - measure(text[1], size), y, size))
        elif role == "table":
            size = SIZES["table"]
            width = (RIGHT - LEFT) / len(text[0])
            for row in text:
                advance(size * 2)
                top = y - size * 1.5
                for column, cell in enumerate(row):
                    x = LEFT + column * width
                    pages[-1].append(Placed(cell, x + 1.5, y - size * 0.4, size))
                    pages[-1].append(Rule(x, top, x + width, top + size * 2))
    for number, page in enumerate(pages, 1):
        folio = f"— {number} —"
        page.append(Placed(folio, (PAGE[0] - measure(folio, SIZES["small"])) / 2, BOTTOM + 12, SIZES["small"]))
    return pages


def _wrap(text: str, size: float, measure) -> list[str]:
    lines, current = [], ""
    for char in text:
        indent = 2 * size if not lines else 0
        if current and measure(current + char, size) > RIGHT - LEFT - indent:
            lines.append(current)
            current = ""
        current += char
    return lines + [current]


# -- PDF ---------------------------------------------------------------------------------------


def font() -> Path:
    if FONT.is_file():
        return FONT
    message = f"no {FONT.name}: install Debian's fonts-noto-cjk to make the PDF the import tests read"
    if os.environ.get("XXGK_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


def notice_pdf(paper=NOTICE) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("song", fname=font(), collection_font_number=FONT_SC)
    pdf.set_font("song")

    def measure(text, size):
        pdf.set_font_size(size / PT)
        return pdf.get_string_width(text)

    for page in typeset(paper, measure):
        pdf.add_page()
        for item in page:
            if isinstance(item, Rule):
                pdf.rect(item.x0, item.y0, item.x1 - item.x0, item.y1 - item.y0)
            else:
                pdf.set_font_size(item.size / PT)
                pdf.text(item.x, item.baseline, item.text)
    return bytes(pdf.output())


# -- OFD (GB/T 33190) ---------------------------------------------------------------------------

_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def notice_ofd(paper=NOTICE, title="松岭县人民政府办公室关于做好2026年汛期安全防范工作的通知") -> bytes:
    """OFD.xml → Doc_0/Document.xml → Pages/Page_N/Content.xml, one TextObject per placed text."""
    pages = typeset(paper)
    files = {
        "OFD.xml": f'<ofd:OFD {_NS} Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
        f"<ofd:DocID>5f0c7e1a9b2d4c3e8a6b1d2c3e4f5a6b</ofd:DocID><ofd:Title>{escape(title)}</ofd:Title>"
        "<ofd:CreationDate>2026-05-13</ofd:CreationDate></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/PublicRes.xml": f'<ofd:Res {_NS} BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="1" FontName="仿宋_GB2312" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>',
        "Doc_0/Document.xml": f"<ofd:Document {_NS}><ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID>"
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE[0]:g} {PAGE[1]:g}</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>"
        + "".join(f'<ofd:Page ID="{n + 2}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        + "</ofd:Pages></ofd:Document>",
    }
    for number, page in enumerate(pages):
        objects = []
        for index, item in enumerate(page, 100):
            if isinstance(item, Rule):
                w, h = item.x1 - item.x0, item.y1 - item.y0
                objects.append(
                    f'<ofd:PathObject ID="{index}" Boundary="{item.x0:.2f} {item.y0:.2f} {w:.2f} {h:.2f}" '
                    f'LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L {w:.2f} 0 L {w:.2f} {h:.2f} L 0 {h:.2f} C'
                    "</ofd:AbbreviatedData></ofd:PathObject>"
                )
                continue
            width = ofd_width(item.text, item.size)
            deltas = " ".join(f"{ofd_width(c, item.size):.3f}" for c in item.text[:-1])
            objects.append(
                f'<ofd:TextObject ID="{index}" Boundary="{item.x:.2f} {item.baseline - item.size:.2f} '
                f'{width + 1:.2f} {item.size * 1.2:.2f}" Font="1" Size="{item.size:.3f}">'
                f'<ofd:TextCode X="0" Y="{item.size:.3f}" DeltaX="{deltas}">{escape(item.text)}</ofd:TextCode>'
                "</ofd:TextObject>"
            )
        files[f"Doc_0/Pages/Page_{number}/Content.xml"] = (
            f'<ofd:Page {_NS}><ofd:Content><ofd:Layer ID="{number + 50}">{"".join(objects)}</ofd:Layer>'
            "</ofd:Content></ofd:Page>"
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>\n' + text)
    return buffer.getvalue()


# -- Word, and Word 97 / WPS through LibreOffice --------------------------------------------------


def notice_docx(path: Path, paper=NOTICE) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(PAGE[1] - BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(PAGE[0] - RIGHT)
    for role, text in paper:
        if role == "table":
            table = document.add_table(rows=len(text), cols=len(text[0]))
            table.style = "Table Grid"
            for row, cells in zip(table.rows, text):
                for cell, value in zip(row.cells, cells):
                    cell.text = value
            continue
        paragraph = document.add_paragraph("　　　　".join(text) if role == "printed" else text)
        if role in ("mark", "number", "title"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif role in ("signature", "date"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif role == "body":
            paragraph.paragraph_format.first_line_indent = Pt(32)
        elif role == "hanging":
            paragraph.paragraph_format.left_indent = Pt(80)
    document.save(str(path))


def libreoffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    message = "no LibreOffice: install Debian's libreoffice-writer-nogui to import .doc and .wps files"
    if os.environ.get("XXGK_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


def notice_doc(folder: Path, paper=NOTICE) -> bytes:
    """The notice saved as Word 97-2003 (.doc) by LibreOffice, as WPS and old Word save it."""
    program = libreoffice()
    notice_docx(folder / "notice.docx", paper)
    subprocess.run(
        [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(folder),
            str(folder / "notice.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (folder / "notice.doc").read_bytes()
