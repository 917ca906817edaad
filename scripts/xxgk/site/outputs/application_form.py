"""依申请公开: the application form (申请表) the 条例 asks for, declared once and written as the
printable page's fields and as a fillable Word document.

条例 art. 29: the applicant's name, proof of identity and contact; a description of
the information (名称、文号 or other features); the form and way of obtaining it.
The site stays static: the form is filled in the browser and printed, or
downloaded, filled in Word or WPS, and sent by post, fax, e-mail or by hand.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FORM_TITLE = "政府信息公开申请表"


@dataclass(frozen=True)
class FormField:
    label: str
    wide: bool = False  # spans the whole row
    lines: int = 1  # room for a description
    choices: tuple[str, ...] = ()  # tick boxes instead of a text field


@dataclass(frozen=True)
class FormSection:
    title: str
    fields: tuple[FormField, ...]
    note: str = ""


FORM: tuple[FormSection, ...] = (
    FormSection(
        "申请人信息（公民）",
        (
            FormField("姓名"),
            FormField("工作单位"),
            FormField("证件名称"),
            FormField("证件号码"),
            FormField("联系电话"),
            FormField("电子邮箱"),
            FormField("通信地址", wide=True),
            FormField("邮政编码"),
        ),
        "公民填写本栏；法人或者其他组织填写下一栏。",
    ),
    FormSection(
        "申请人信息（法人或者其他组织）",
        (
            FormField("名称", wide=True),
            FormField("统一社会信用代码"),
            FormField("法定代表人或者主要负责人"),
            FormField("联系人姓名"),
            FormField("联系人电话"),
            FormField("联系人电子邮箱"),
            FormField("通信地址", wide=True),
            FormField("邮政编码"),
        ),
    ),
    FormSection(
        "申请公开的政府信息",
        (
            FormField("受理机关", wide=True),
            FormField("政府信息的名称", wide=True),
            FormField("文件编号（文号）", wide=True),
            FormField("其他特征性描述", wide=True, lines=4),
        ),
        "请尽量写明信息的名称、文号，或者便于查询的其他特征（如形成时间、发布机构、涉及事项）。",
    ),
    FormSection(
        "获取政府信息的方式",
        (
            FormField("提供形式", wide=True, choices=("纸质文本", "电子文本", "其他")),
            FormField("获取途径", wide=True, choices=("邮寄", "电子邮件", "传真", "自行领取", "当场阅读、抄录")),
        ),
        "可以选择多项。",
    ),
    FormSection("申请人签名", (FormField("申请人签名（盖章）"), FormField("申请日期"))),
)


def field_id(section: int, field: int) -> str:
    """The HTML id of a field: ASCII and unique on the page."""
    return f"sqb-{section + 1}-{field + 1}"


# -- the Word document ------------------------------------------------------------


def application_docx(county: str, created, form: tuple[FormSection, ...] = FORM, title: str = FORM_TITLE) -> bytes:
    """The form as a Word document with a content control in each blank, on one A4 page."""
    word = WordDocument()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(18)
    section.left_margin = section.right_margin = Mm(20)
    word.core_properties.title = title
    word.core_properties.author = county or title
    word.core_properties.created = word.core_properties.modified = created
    style = word.styles["Normal"]
    style.font.size = Pt(10.5)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    heading = word.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(f"{county}{title}")
    run.bold, run.font.size = True, Pt(16)
    for section_spec in form:
        title = word.add_paragraph()
        title.add_run(section_spec.title).bold = True
        title.paragraph_format.space_before = Pt(6)
        table = word.add_table(rows=0, cols=4)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        row, right_free = None, False  # two half-width fields share a row
        for spec in section_spec.fields:
            if spec.wide or not right_free:
                row, place = table.add_row().cells, 0
            else:
                place = 2
            right_free = not spec.wide and place == 0
            label, value = row[place], row[place + 1]
            if spec.wide:
                value = value.merge(row[3])
            label.text = spec.label
            label.width = Mm(32)
            if spec.choices:
                _choices(value.paragraphs[0], spec.choices)
            else:
                _text_control(value.paragraphs[0], spec.label, spec.lines)
        if section_spec.note:
            note = word.add_paragraph(section_spec.note)
            note.runs[0].font.size = Pt(9)
    out = io.BytesIO()
    word.save(out)
    return _dated_zip(out.getvalue(), created)


def _dated_zip(data: bytes, moment) -> bytes:
    """The same .docx with every entry dated `moment`, so two builds of one site are identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(
                zipfile.ZipInfo(entry.filename, moment.timetuple()[:6]),
                source.read(entry),
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return out.getvalue()


def _sdt(tag: str, properties: list, content_runs: list) -> OxmlElement:
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    for name, value in (("w:alias", tag), ("w:tag", tag)):
        element = OxmlElement(name)
        element.set(qn("w:val"), value)
        pr.append(element)
    for element in properties:
        pr.append(element)
    content = OxmlElement("w:sdtContent")
    for run in content_runs:
        content.append(run)
    sdt.append(pr)
    sdt.append(content)
    return sdt


def _run(text: str) -> OxmlElement:
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    return run


def _text_control(paragraph, label: str, lines: int) -> None:
    """A plain-text content control: Word and WPS show it as a field to type into."""
    text = OxmlElement("w:text")
    if lines > 1:
        text.set(qn("w:multiLine"), "1")
    paragraph._p.append(_sdt(label, [OxmlElement("w:showingPlcHdr"), text], [_run("　" * 6)]))
    for _ in range(lines - 1):
        paragraph.add_run().add_break()


def _choices(paragraph, choices: tuple[str, ...]) -> None:
    """A check box content control before each choice."""
    for choice in choices:
        box = OxmlElement("w14:checkbox")
        for name, value in (("w14:checked", None), ("w14:checkedState", "2612"), ("w14:uncheckedState", "2610")):
            element = OxmlElement(name)
            element.set(qn("w14:val"), value or "0")
            if value:
                element.set(qn("w14:font"), "MS Gothic")
            box.append(element)
        paragraph._p.append(_sdt(choice, [box], [_run("☐")]))
        paragraph._p.append(_run(f" {choice}　"))
