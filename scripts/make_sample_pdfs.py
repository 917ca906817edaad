"""The sample county's 印发版 PDFs: each document's own text, laid out as a printed 公文 (GB/T 9704).

    .venv/bin/python scripts/make_sample_pdfs.py

For every document in content/ with an attachment named …（印发版）.pdf, this writes that
PDF from the document itself: the red 发文机关标志, the 发文字号 and the red line, the
title, then the body (Markdown: paragraphs, headings, lists, tables) with the signature
and date set right, and page numbers as GB/T 9704 places them. It writes the same bytes
beside the document in content/ and, where the frozen copy has the document, in
tests/fixtures/sample/.

fpdf2 draws it in Noto Serif CJK SC and Noto Sans CJK SC (Debian's fonts-noto-cjk, the
fonts of the screenshots). Each font is first cut to the characters the document uses
and its CFF outlines turned into TrueType ones with fontTools: given the whole CFF font
collection, fpdf2 needs gigabytes of memory and writes glyph codes that do not match a
CID-keyed CFF's charset. So a PDF embeds a few hundred glyphs, not 65,000. The PDF is
dated with the 成文日期: running the script again gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tempfile
from pathlib import Path

import markdown
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fpdf import FPDF, FontFace
from fpdf.enums import WrapMode
from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from xxgk.checks.content import load_content  # noqa: E402
from xxgk.model.documents import Document  # noqa: E402

CONTENT = ROOT / "content"
FROZEN = ROOT / "tests" / "fixtures" / "sample"
PRINTED = "印发版"
NOTO = Path("/usr/share/fonts/opentype/noto")
SIMPLIFIED = 2  # the SC face in each Noto CJK collection (JP, KR, SC, TC, HK)
FONTS = {  # family, style -> the collection it is cut from
    ("serif", ""): NOTO / "NotoSerifCJK-Regular.ttc",
    ("serif", "B"): NOTO / "NotoSerifCJK-Bold.ttc",
    ("sans", "B"): NOTO / "NotoSansCJK-Bold.ttc",
}
RED = (200, 16, 30)
CHINA = dt.timezone(dt.timedelta(hours=8))
# GB/T 9704: A4, type area 156 x 225 mm from 37 mm at the top and 28 mm at the left.
TOP, LEFT, RIGHT, BOTTOM = 37, 28, 26, 35
BODY_PT, TITLE_PT, TABLE_PT, PAGE_NUMBER_PT = 16, 22, 12, 14  # 3号, 2号, 小四, 4号
LINE = 9  # mm between body lines: 25 lines a page, a little denser than the standard's 22
SIGNED_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
# Marks no line may start with (避头): they hang in the margin at the end of the line before;
# and marks no line may end with (避尾): they go down with what they open.
NO_LINE_START = frozenset("，。、；：？！）》」』”’…—%")
NO_LINE_END = frozenset("（《「『“‘")
# A number or a Latin word is never cut: 2026, 10万, 12倍 keep their digits together.
TOKEN = re.compile(r"[0-9A-Za-z.%]+|.", re.DOTALL)


def main() -> int:
    content = load_content(CONTENT)
    made = 0
    for document in content.documents:
        for attachment in document.attachments:
            if PRINTED in attachment.filename and attachment.filename.lower().endswith(".pdf"):
                data = printed_pdf(document)
                relative = Path(attachment.source).resolve().relative_to(CONTENT.resolve())
                for target in (CONTENT / relative, FROZEN / relative):
                    if target.parent.is_dir():
                        target.write_bytes(data)
                        print(f"{target.relative_to(ROOT)}: {len(data) // 1024} KB")
                made += 1
    return 0 if made else 1


class Printed(FPDF):
    def footer(self):
        # — 1 —: 4号 digits, one character in from the right edge on odd pages, from the left on even ones.
        self.set_y(-BOTTOM + 7)
        self.set_font("serif", "", PAGE_NUMBER_PT)
        self.cell(0, 7, f"— {self.page_no()} —", align="R" if self.page_no() % 2 else "L")


def printed_pdf(document: Document) -> bytes:
    issuer = document.issuer or document.unit.name
    drawn = (document.title, document.doc_number, issuer, "文件", document.body, "　·— 0123456789")
    characters = "".join(sorted(set("".join(drawn))))
    pdf = Printed(format="A4", unit="mm")
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, BOTTOM)
    with tempfile.TemporaryDirectory() as folder:  # fpdf2 reads fonts from files only
        for (family, style), collection in FONTS.items():
            cut = Path(folder) / f"{family}{style}.ttf"
            truetype_subset(collection, characters).save(cut)
            pdf.add_font(family, style, cut)
    pdf.set_title(document.title)
    pdf.set_author(issuer)
    pdf.set_subject(document.doc_number)
    pdf.set_keywords(" ".join(document.keywords))
    pdf.set_creator("xxgk scripts/make_sample_pdfs.py")
    pdf.set_lang("zh-CN")
    pdf.set_creation_date(dt.datetime.combine(document.written, dt.time(9), CHINA))
    pdf.add_page()
    masthead(pdf, issuer, document.doc_number)
    pdf.set_font("serif", "B", TITLE_PT)
    pdf.multi_cell(0, 11, document.title, align="C", wrapmode=WrapMode.CHAR, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(LINE / 2)
    body(pdf, document.body, issuer)
    return bytes(pdf.output())


def masthead(pdf: FPDF, issuer: str, number: str) -> None:
    """发文机关标志 in red, the 发文字号 below it and the red line under both."""
    pdf.set_text_color(*RED)
    pdf.set_font("serif", "B", 34)
    pdf.set_char_spacing(2)
    pdf.cell(0, 18, f"{issuer}文件", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_char_spacing(0)
    pdf.set_text_color(0)
    pdf.ln(LINE)
    if number:
        pdf.set_font("serif", "", BODY_PT)
        pdf.cell(0, LINE, number, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.6)
    pdf.line(LEFT, pdf.get_y(), pdf.w - RIGHT, pdf.get_y())
    pdf.set_draw_color(0)
    pdf.ln(LINE * 1.5)


def body(pdf: FPDF, text: str, issuer: str) -> None:
    """The Markdown body: what python-markdown makes of it, drawn block by block."""
    page = lxml_html.fromstring(f"<div>{markdown.markdown(text, extensions=['tables'])}</div>")
    first = True
    for block in page:
        words = plain(block.text_content())
        if block.tag == "p" and first and words.endswith("："):
            paragraph(pdf, words, indent=False)  # 主送机关, flush left
        elif block.tag == "p" and (words == issuer or SIGNED_DATE.fullmatch(words)):
            if words == issuer and pdf.will_page_break(LINE * 2):
                pdf.add_page()  # the signature and its date stay on one page
            pdf.set_font("serif", "", BODY_PT)
            pdf.multi_cell(0, LINE, words + "　" * 2, align="R", new_x="LMARGIN", new_y="NEXT")
        elif block.tag == "p" and len(block) == 1 and block[0].tag == "strong" and not (block.text or "").strip():
            pdf.ln(LINE / 2)
            pdf.set_font("serif", "B", TITLE_PT)
            pdf.multi_cell(0, 11, words, align="C", wrapmode=WrapMode.CHAR, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(LINE / 2)
        elif block.tag in ("h1", "h2", "h3", "h4"):
            paragraph(pdf, words, font=("sans", "B"))
        elif block.tag in ("ol", "ul"):
            for number, item in enumerate(block.iter("li"), 1):
                mark = f"{number}." if block.tag == "ol" else "·"
                paragraph(pdf, mark + plain(item.text_content()))
        elif block.tag == "table":
            table(pdf, block)
        else:
            paragraph(pdf, words)
        first = False


def plain(text: str) -> str:
    """Markdown's line breaks and runs of spaces as one space; the full-width space (第一条　) is kept."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def paragraph(pdf: FPDF, words: str, indent: bool = True, font: tuple[str, str] = ("serif", "")) -> None:
    pdf.set_font(*font, BODY_PT)
    for line in broken_lines(pdf, ("　　" if indent else "") + words, pdf.epw):
        pdf.cell(0, LINE, line, new_x="LMARGIN", new_y="NEXT")


def broken_lines(pdf: FPDF, text: str, width: float) -> list[str]:
    """The text cut into lines of `width` between characters, never inside a number, before a closing
    mark or after an opening one."""
    lines, line = [], ""
    for token in TOKEN.findall(text):
        if line and pdf.get_string_width(line + token) > width and token not in NO_LINE_START:
            carried = ""
            while line and line[-1] in NO_LINE_END:
                line, carried = line[:-1], line[-1] + carried
            lines.append(line)
            line = carried
        line += token
    return [*lines, line] if line else lines


def table(pdf: FPDF, element) -> None:
    rows = [[" ".join(cell.text_content().split()) for cell in row] for row in element.iter("tr")]
    widths = [max(len(row[i]) for row in rows) + 2 for i in range(len(rows[0]))]
    pdf.ln(2)
    pdf.set_font("serif", "", TABLE_PT)
    with pdf.table(
        col_widths=widths,
        line_height=7,
        text_align="LEFT",
        headings_style=FontFace(family="sans", emphasis="BOLD"),
        wrapmode=WrapMode.CHAR,
    ) as drawn:
        for row in rows:
            drawn.row(row)
    pdf.ln(LINE / 2)


def truetype_subset(collection: Path, characters: str) -> TTFont:
    """The SC face of a Noto CJK collection cut to `characters`, with TrueType outlines."""
    # The font keeps the collection's dates: a save stamped with today would change every PDF.
    font = TTFont(collection, fontNumber=SIMPLIFIED, lazy=True, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = []  # no vertical forms or ligatures are drawn
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    cutter = subset.Subsetter(options)
    cutter.populate(text=characters)
    cutter.subset(font)
    to_truetype(font)
    return font


def to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by quadratic TrueType ones (after fontTools' Snippets/otf2ttf.py)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    glyf.compile(font)
    metrics = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        metrics[name] = (metrics[name][0], getattr(glyph, "xMin", 0))
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: a CID-keyed font has none worth keeping
    font.sfntVersion = "\x00\x01\x00\x00"


if __name__ == "__main__":
    sys.exit(main())
