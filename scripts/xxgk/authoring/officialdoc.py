"""Reading an official document in the national format (GB/T 9704-2012).

The input is the document's paragraphs, tables and images in order, from
whatever file held them (readers/). The output is the elements the format
defines, each only when found, and the body as Markdown:

    发文机关标志        友谊县人民政府办公室文件
    发文字号            友政办发〔2020〕17号
    标题 (1–3 lines)    友谊县人民政府办公室关于印发……的通知
    主送机关            各乡（镇）人民政府，县直各单位：
    正文 + 附件说明      一、/（一）/1./（1） levels; 附件：1.…… 2.…… (one list, however wrapped)
    发文机关署名        友谊县人民政府办公室
    成文日期            2020年9月7日
    附注                （此件公开发布）: read, and left out of the body
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

from xxgk.authoring.markdown_body import SENTENCE_END, SHORT, escape, level, normalised, render_markdown
from xxgk.authoring.readers.blocks import Block, Paragraph
from xxgk.model.digits import chinese_number, chinese_year
from xxgk.model.identifiers import canonical_doc_number


@dataclass(frozen=True)
class Listed:
    """One entry of the 附件说明: its number (None when there is only one) and name."""

    number: int | None
    name: str


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
    issuer_mark: str = ""  # 发文机关标志, without 文件
    remark: str = ""  # 附注 on publication, such as （此件公开发布）
    attachments: list[Listed] = field(default_factory=list)  # from the 附件说明
    body: str = ""
    headings: int = 0
    tables: int = 0
    notes: list[str] = field(default_factory=list)  # what was read but could not be used


_NUMERALS = "〇一二三四五六七八九"
_CHINESE_DATE = re.compile(rf"^([{_NUMERALS}零○Ｏ]{{4}})年([{_NUMERALS}十]{{1,3}})月([{_NUMERALS}十]{{1,3}})日$")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_PRINTED = re.compile(r"^(?P<by>.*?)\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发$")
_COPIED = re.compile(r"^抄\s*送\s*[:：]\s*")
_ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[:：]\s*")
_ATTACHMENT_ITEM = re.compile(r"^(\d+)\s*[.．、]\s*")
_REMARK = re.compile(r"^[（(]\s*(此件[^（）()]{1,20})[）)]$")  # 附注 on publication: （此件公开发布）
_MARK = re.compile(r"^(.{2,40}?)\s*文\s*件$")  # 发文机关标志
_OPEN = "（(《“〔【"
_CLOSE = "）)》”〕】"
_CLASSIFICATION = re.compile(r"^(绝密|机密|秘密)\s*(★.*)?$")
_HEADER = re.compile(r"^(\d{6}|特急|加急|特提|平急|.{2,30}文件)$")  # 份号, 紧急程度, 发文机关标志
_SIGNER = re.compile(r"\s*签发人\s*[:：].*$")
_RULE = re.compile(r"^[-—─_=＿━\s]+$")  # the 版记's horizontal lines in a .txt


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
        return dt.date(chinese_year(match[1]), chinese_number(match[2]), chinese_number(match[3]))
    return None


def _is_date_line(text: str) -> bool:
    text = normalised(text).replace(" ", "")
    return bool(_DATE.match(text) or _CHINESE_DATE.match(text))


def _is_title_line(text: str) -> bool:
    text = normalised(text)
    return (
        0 < len(text) <= SHORT * 1.5
        and text[-1] not in SENTENCE_END + ":："
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
    return 0 < len(text) <= SHORT and not any(mark in text for mark in "，。：:；、,;（）()") and not level(text)


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
    first, last = signature or (len(body), len(body))
    before = _read_attachment_note(doc, body[:first], body_texts[:first])
    after = body[last:]
    # The 附注 stands below the date; without a date, at the end of the text.
    if signature and after and _remark(doc, after[0]):
        after = after[1:]
    elif not signature and before and _remark(doc, before[-1]):
        before = before[:-1]
    body = before + (_attached_title(after) + after[1 + _label_at(after) :] if after else [])
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
        elif text and _MARK.match(text):
            doc.issuer_mark = _MARK.match(text)[1]

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


def _remark(doc: OfficialDocument, block: Block) -> bool:
    """True when the block is the 附注 on publication, which is then read and left out of the body."""
    if not isinstance(block, Paragraph) or block.block_markup:
        return False
    match = _REMARK.match(normalised(block.text).replace(" ", ""))
    if match:
        doc.remark = match[1]
    return bool(match)


def _read_attachment_note(doc: OfficialDocument, blocks: list[Block], texts: list[str | None]) -> list[Block]:
    """The 附件说明 (附件：1.… 2.…, over as many lines as it takes) read, and shown as one list."""
    start = next((i for i, text in enumerate(texts) if text and _ATTACHMENT_NOTE.match(text)), None)
    if start is None:
        return blocks
    entries: list[list] = []  # [number, name, the last line it was printed on]
    end = start
    for text in [_ATTACHMENT_NOTE.sub("", texts[start])] + texts[start + 1 :]:
        item = _ATTACHMENT_ITEM.match(text or "")
        if item:
            entries.append([int(item[1]), text[item.end() :].strip(), text])
        elif text and not entries:
            entries.append([None, text, text])
        elif text and _wrapped(entries[-1][2], text):
            entries[-1][1] += text
            entries[-1][2] = text
        elif text or end > start:  # the list has ended (an empty first line: 附件： stands alone)
            break
        end += 1
    entries = [(number, name.rstrip("。；;，,")) for number, name, _ in entries]
    doc.attachments = [Listed(number, name) for number, name in entries if name]
    if len(entries) > 1 and [number for number, _ in entries] == list(range(1, len(entries) + 1)):
        items = "\n".join(f"{number}. {escape(name)}" for number, name in entries)
        note = [Paragraph(f"附件：\n\n{items}", raw=True)]
    elif len(entries) == 1:
        number = f"{entries[0][0]}." if entries[0][0] is not None else ""
        note = [Paragraph(f"附件：{number}{entries[0][1]}")]
    else:  # numbered otherwise than 1, 2, 3: kept as printed
        note = blocks[start:end]
    return blocks[:start] + note + blocks[end:]


def _wrapped(line: str, text: str) -> bool:
    """`text` is the rest of an attachment's name that did not fit on `line` (a long name wraps)."""
    unbalanced = any(line.count(o) > line.count(c) for o, c in zip(_OPEN, _CLOSE))
    long_line = len(line) >= 20 or line.endswith(("的", "和", "及", "与", "、"))
    return (
        (unbalanced or long_line)
        and len(text) <= SHORT
        and not level(text)
        and not _is_date_line(text)
        and not any(mark in text for mark in SENTENCE_END)
    )
