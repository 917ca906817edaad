"""Reading an official document in the national format (GB/T 9704-2012).

The input is the document's paragraphs, tables and images in order, from
whatever file held them (see importer.py). The output is the elements the
format defines, each only when found, and the body as Markdown:

    发文字号            友政办发〔2020〕17号
    标题 (1–3 lines)    友谊县人民政府办公室关于印发……的通知
    主送机关            各乡（镇）人民政府，县直各单位：
    正文 + 附件说明      一、/（一）/1./（1） levels
    发文机关署名        友谊县人民政府办公室
    成文日期            2020年9月7日
    附件的正文          (printed after the date, before the 版记)
    版记                抄送：……  /  印发机关  2020年9月17日印发

>>> doc = parse_official_document([Paragraph(t) for t in (
...     "松政办发〔2026〕3号", "松岭县人民政府办公室关于做好春节值班的通知",
...     "各乡（镇）人民政府：", "一、明确值班安排", "请按时上报。",
...     "松岭县人民政府办公室", "2026年2月2日")])
>>> doc.doc_number, doc.title, doc.addressee, doc.signatory, doc.written
('松政办发〔2026〕3号', '松岭县人民政府办公室关于做好春节值班的通知', '各乡（镇）人民政府', '松岭县人民政府办公室', datetime.date(2026, 2, 2))
>>> print(doc.body, end="")
## 一、明确值班安排
<BLANKLINE>
请按时上报。
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from xxgk.model.identifiers import canonical_doc_number
from xxgk.model.outline import LEVELS as _LEVELS


@dataclass(frozen=True)
class Paragraph:
    text: str
    raw: bool = False  # Markdown the clerk wrote (.md input): read like the rest, but not escaped

    @property
    def block_markup(self) -> bool:
        """A Markdown heading, table, image or other block: kept as it is and never read as an element."""
        return self.raw and ("\n" in self.text or self.text.lstrip().startswith(("#", "|", "![", "- ", "* ", ">")))


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Image:
    filename: str  # saved beside the new document
    name: str


Block = Paragraph | Table | Image


@dataclass
class OfficialDocument:
    doc_number: str = ""
    title: str = ""
    addressee: str = ""  # 主送机关
    signatory: str = ""  # 发文机关署名
    written: dt.date | None = None  # 成文日期
    copied_to: str = ""  # 抄送机关
    printed_by: str = ""  # 印发机关
    printed: dt.date | None = None  # 印发日期
    classification: str = ""  # 密级: such a document must not be published
    attachment_names: list[str] = field(default_factory=list)  # from the 附件说明
    body: str = ""
    headings: int = 0
    tables: int = 0
    notes: list[str] = field(default_factory=list)  # what was read but could not be used


_HALF_WIDTH = str.maketrans("０１２３４５６７８９：．　", "0123456789:. ")
_NUMERALS = "〇一二三四五六七八九"
_CHINESE_DATE = re.compile(rf"^([{_NUMERALS}零○Ｏ]{{4}})年([{_NUMERALS}十]{{1,3}})月([{_NUMERALS}十]{{1,3}})日$")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_PRINTED = re.compile(r"^(?P<by>.*?)\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发$")
_COPIED = re.compile(r"^抄\s*送\s*[:：]\s*")
_ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[:：]\s*")
_ATTACHMENT_ITEM = re.compile(r"^\d+\s*[.．、]\s*")
_CLASSIFICATION = re.compile(r"^(绝密|机密|秘密)\s*(★.*)?$")
_HEADER = re.compile(r"^(\d{6}|特急|加急|特提|平急|.{2,30}文件)$")  # 份号, 紧急程度, 发文机关标志
_SIGNER = re.compile(r"\s*签发人\s*[:：].*$")
_RULE = re.compile(r"^[-—─_=＿━\s]+$")  # the 版记's horizontal lines in a .txt
_SENTENCE_END = "。；！？!?;"
_SHORT = 40  # a heading or a title line is at most this long


def normalised(text: str) -> str:
    """For matching only: half-width digits and colons, no outer spaces or Markdown heading marks.

    The body keeps the original text.
    """
    return re.sub(r"^#+\s+", "", text.translate(_HALF_WIDTH).strip())


def parse_date(text: str) -> dt.date | None:
    """A date written 2020年9月7日 (or 二〇二〇年九月七日); None if it is not one.

    >>> parse_date("2020年9月7日"), parse_date("二〇二〇年九月十七日")
    (datetime.date(2020, 9, 7), datetime.date(2020, 9, 17))

    ValueError for a date that does not exist, such as 2020年2月30日.
    """
    text = normalised(text).replace(" ", "")
    match = _DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    match = _CHINESE_DATE.match(text)
    if match:
        year = int("".join(str(_NUMERALS.index(c)) if c in _NUMERALS else "0" for c in match[1]))
        return dt.date(year, _chinese_number(match[2]), _chinese_number(match[3]))
    return None


def _chinese_number(text: str) -> int:
    if "十" not in text:
        return _NUMERALS.index(text)
    tens, _, units = text.partition("十")
    return (_NUMERALS.index(tens) if tens else 1) * 10 + (_NUMERALS.index(units) if units else 0)


def _is_date_line(text: str) -> bool:
    text = normalised(text).replace(" ", "")
    return bool(_DATE.match(text) or _CHINESE_DATE.match(text))


def level(text: str) -> int:
    """The heading level of a paragraph by its numbering (一、 （一） 1. （1）), 0 for none."""
    text = normalised(text)
    return next((number for pattern, number in _LEVELS if pattern.match(text)), 0)


def _is_title_line(text: str) -> bool:
    text = normalised(text)
    return (
        0 < len(text) <= _SHORT * 1.5
        and text[-1] not in _SENTENCE_END + ":："
        and not level(text)
        and not _is_date_line(text)
    )


def _is_addressee(text: str) -> bool:
    text = normalised(text)
    # 主送机关 ends with a colon; an opening sentence such as "现将有关事项通知如下：" does too.
    return (
        text.endswith(":")
        and "。" not in text
        and len(text) <= 120
        and not any(word in text for word in ("如下", "现将", "现就", "根据", "为了"))
    )


def _is_signature_line(text: str) -> bool:
    text = normalised(text)
    return 0 < len(text) <= _SHORT and not any(mark in text for mark in "，。：:；、,;（）()") and not level(text)


def parse_official_document(blocks: list[Block], genres: tuple[str, ...] = ()) -> OfficialDocument:
    """Read the elements of an official document; `genres` are the 文种 a title may end with."""
    doc = OfficialDocument()
    blocks = [b for b in blocks if not isinstance(b, Paragraph) or (b.text.strip() and not _RULE.match(b.text))]
    # Markdown headings are read (a title may be written "# 标题"); other Markdown blocks are not.
    texts = [
        normalised(b.text)
        if isinstance(b, Paragraph) and not (b.block_markup and not b.text.lstrip().startswith("#"))
        else None
        for b in blocks
    ]
    start = _read_head(doc, texts, genres)
    end = _read_imprint(doc, texts, start)
    body = blocks[start:end]
    body_texts = texts[start:end]
    signature = _read_signature(doc, body_texts)
    if signature:
        first, last = signature
        body = body[:first] + _attached_title(body[last:]) + body[last:][1 + _label_at(body[last:]) :]
        body_texts = body_texts[:first] + body_texts[last:]
    _read_attachment_note(doc, body_texts[: signature[0] if signature else len(body_texts)])
    doc.body, doc.headings, doc.tables = render_markdown(body)
    return doc


def _read_head(doc: OfficialDocument, texts: list[str | None], genres: tuple[str, ...]) -> int:
    """发文字号, 标题 and 主送机关; returns where the body starts."""
    position = 0
    for index, text in enumerate(texts[:6]):
        if text is None:
            break
        number = canonical_doc_number(_SIGNER.sub("", text))
        if number:
            doc.doc_number, position = number, index + 1
            break
    header = texts[: position - 1] if position else []
    if not position:  # no 发文字号: skip only what is clearly the head of the paper
        while (
            position < len(texts)
            and texts[position]
            and _HEADER.match(texts[position])
            or position < len(texts)
            and texts[position]
            and _CLASSIFICATION.match(texts[position])
        ):
            header.append(texts[position])
            position += 1
    for text in header:
        if text and _CLASSIFICATION.match(text):
            doc.classification = text

    lines = []
    while (
        position + len(lines) < len(texts)
        and texts[position + len(lines)]
        and _is_title_line(texts[position + len(lines)])
        and len(lines) < 4
    ):
        lines.append(texts[position + len(lines)])
    ends = [i for i, line in enumerate(lines) if line.endswith(tuple(genres))] if genres else []
    after = position + len(lines)
    if ends:
        lines = lines[: ends[0] + 1]
    elif not (after < len(texts) and texts[after] and _is_addressee(texts[after])):
        lines = lines[:1]  # without a 文种 or a 主送机关 to end it, only the first line is surely the title
    doc.title = "".join(lines)
    position += len(lines)
    if position < len(texts) and texts[position] and _is_addressee(texts[position]):
        doc.addressee = texts[position].rstrip(":：").strip()
        position += 1
    return position


def _read_imprint(doc: OfficialDocument, texts: list[str | None], start: int) -> int:
    """The 版记 at the end (抄送, 印发机关 and 印发日期); returns where it starts."""
    printed = next((i for i in range(len(texts) - 1, start - 1, -1) if texts[i] and _PRINTED.match(texts[i])), None)
    copied = next(
        (
            i
            for i in range(len(texts) - 1, start - 1, -1)
            if texts[i] and _COPIED.match(texts[i]) and (printed is None or i < printed)
        ),
        None,
    )
    if printed is not None:
        match = _PRINTED.match(texts[printed])
        doc.printed_by = match["by"].strip()
        try:
            doc.printed = parse_date(match["date"])
        except ValueError:
            doc.notes.append(f"印发日期「{match['date']}」不是有效日期，未填写")
        left = [t for t in texts[printed + 1 :] if t]
        if left:
            doc.notes.append("版记之后的文字未导入：" + " ".join(left))
    if copied is not None:
        parts = [_COPIED.sub("", texts[copied])] + [t for t in texts[copied + 1 : printed] if t]
        doc.copied_to = "，".join(part.strip().strip("，,、。") for part in parts if part.strip())
    found = [i for i in (copied, printed) if i is not None]
    return min(found) if found else len(texts)


def _read_signature(doc: OfficialDocument, texts: list[str | None]) -> tuple[int, int] | None:
    """发文机关署名 and 成文日期: the first line that is only a date, and the names just above it."""
    for index, text in enumerate(texts):
        if text is None or not _is_date_line(text):
            continue
        try:
            doc.written = parse_date(text)
        except ValueError:
            doc.notes.append(f"成文日期「{text}」不是有效日期，未填写")
        first = index
        while first > 0 and index - first < 3 and texts[first - 1] and _is_signature_line(texts[first - 1]):
            first -= 1
        names = [name for line in texts[first:index] for name in re.split(r"\s{2,}", line) if name]
        doc.signatory = "、".join(names)
        return first, index + 1
    return None


def _label_at(blocks: list[Block]) -> int:
    """1 if the text after the date opens with its label (附件, 附件1), else 0."""
    first = blocks[0] if blocks else None
    return int(isinstance(first, Paragraph) and bool(re.match(r"^附\s*件\s*\d*$", normalised(first.text))))


def _attached_title(blocks: list[Block]) -> list[Block]:
    """The text printed after the date (the plan a notice issues, an attachment) starts with its title."""
    label = _label_at(blocks)
    title = blocks[label] if len(blocks) > label else None
    if (
        not isinstance(title, Paragraph)
        or title.block_markup
        or not _is_title_line(title.text)
        or normalised(title.text).startswith(("（", "("))
    ):  # a 附注 such as （此件公开发布）
        return blocks[: label + (title is not None)]
    return blocks[:label] + [Paragraph("## " + escape(title.text.strip()), raw=True)]


def _read_attachment_note(doc: OfficialDocument, texts: list[str | None]) -> None:
    for index, text in enumerate(texts):
        if text and _ATTACHMENT_NOTE.match(text):
            items = [_ATTACHMENT_NOTE.sub("", text)]
            items += [t for t in texts[index + 1 :] if t and _ATTACHMENT_ITEM.match(t)][:99]
            for item in items:
                name = _ATTACHMENT_ITEM.sub("", item).strip().rstrip("。；;")
                if name:
                    doc.attachment_names.append(name)
            return


# -- Markdown -----------------------------------------------------------------

_ESCAPE = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=|]|\d+[.)]\s)")


def escape(text: str) -> str:
    """Plain text as Markdown that shows exactly that text.

    >>> escape("<b>1*2</b>")
    '&lt;b>1\\\\*2&lt;/b>'
    """
    text = _ESCAPE.sub(r"\\\1", text).replace("<", "&lt;")
    return _LINE_START.sub(lambda m: m[1] + "\\" + m[2], text)


def _heading_or_paragraph(text: str, depth: int, write=escape) -> tuple[str, bool]:
    """A numbered paragraph: a heading when it is one, else a paragraph whose lead-in sentence is bold."""
    plain = normalised(text)
    inner = plain[:-1] if plain[-1] in "。" else plain
    if len(plain) <= _SHORT and not any(mark in inner for mark in _SENTENCE_END):
        return "#" * (depth + 1) + " " + write(text), True
    lead = re.match(rf"^[^{_SENTENCE_END}]{{1,{_SHORT}}}[。]", text)
    if lead and len(lead.group()) < len(text):
        return f"**{write(lead.group())}**{write(text[len(lead.group()) :])}", False
    return write(text), False


def _table(rows: tuple[tuple[str, ...], ...]) -> str:
    width = max(len(row) for row in rows)
    cells = [
        [escape(c).replace("|", "\\|").replace("\n", "<br>") for c in row] + [""] * (width - len(row)) for row in rows
    ]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return "\n".join(lines)


def render_markdown(blocks: list[Block]) -> tuple[str, int, int]:
    """(Markdown, number of headings, number of tables) for the body.

    一、 and （一） become ## and ### headings (a long paragraph that merely
    starts with one keeps it as a bold lead-in); runs of 1. 2. 3. items become an
    ordered list, with the paragraphs between two items inside the first.
    """
    out: list[str] = []
    headings = tables = 0
    items, last_items = _list_items(blocks)
    in_list = False
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            out.append(_table(block.rows))
            tables += 1
            continue
        if isinstance(block, Image):
            out.append(("    " if in_list else "") + f"![{escape(block.name)}]({block.filename})")
            continue
        write = (lambda text: text) if block.raw else escape
        text = block.text.strip()
        if block.block_markup:
            out.append(block.text.rstrip())
            headings += text.startswith("#")
        elif index in items:
            number, item = items[index]
            out.append(f"{number}. {write(item)}")
            in_list = index not in last_items
        elif in_list:
            out.append("    " + write(text))
        elif level(text) in (1, 2):
            markdown, is_heading = _heading_or_paragraph(text, level(text), write)
            out.append(markdown)
            headings += is_heading
        else:
            out.append(write(text))
    return "\n\n".join(out) + ("\n" if out else ""), headings, tables


def _list_items(blocks: list[Block]) -> tuple[dict[int, tuple[int, str]], set[int]]:
    """Paragraphs numbered 1. 2. 3. … within one section: ({index: (number, text)}, last item of each list).

    Markdown renumbers every list from 1, so only runs that start at 1 and go up
    by one become lists; any other numbering stays as written.
    """
    items: dict[int, tuple[int, str]] = {}
    last_items: set[int] = set()
    run: list[tuple[int, int, str]] = []

    def close():
        if len(run) > 1 and [number for _, number, _ in run] == list(range(1, len(run) + 1)):
            items.update({index: (number, text) for index, number, text in run})
            last_items.add(run[-1][0])
        run.clear()

    for index, block in enumerate(blocks):
        if (
            isinstance(block, Table)
            or isinstance(block, Paragraph)
            and (block.block_markup or level(block.text) in (1, 2))
        ):
            close()
        elif isinstance(block, Paragraph) and level(block.text) == 3:
            text = block.text.strip()
            marker = _LEVELS[2][0].match(normalised(text))
            number = int(re.match(r"\d+", marker.group())[0])
            if number == 1:
                close()
            run.append((index, number, text[marker.end() :].strip()))
    close()
    return items, last_items
