"""Open data: the metadata of every published document as JSON and CSV, one JSON per document,
and the SHA-256 of every attachment, so anyone can check a file is the one published (防伪).

Field names are the Chinese front-matter names of `schema.FIELDS`, in that order;
个人信息豁免 is a note for the checks, not metadata, and is left out.
"""

from __future__ import annotations

import json

from xxgk.model import urls
from xxgk.model.attached_files import PAGE_FILES, Attachment, sha256_of
from xxgk.model.documents import Document
from xxgk.model.media import Recording
from xxgk.model.schema import FIELDS, Kind
from xxgk.model.spreadsheets import csv_bytes

JSON_FILE = urls.file_in(urls.DATA, "documents.json")
CSV_FILE = urls.file_in(urls.DATA, "documents.csv")
DOCUMENT_JSON = PAGE_FILES[1]  # beside each document's index.html; no attachment may take the name
RECORD_FIELDS = tuple(f for f in FIELDS if f.kind is not Kind.EXEMPTIONS)
# Beyond the front-matter fields: where the document lives, and each attachment's facts.
EXTRA_FIELDS = (
    ("发布机构统一社会信用代码", "发布机构的统一社会信用代码，即索引号的前段码"),
    ("地址", "本文件页面的永久地址"),
    ("数据地址", "本文件元数据（JSON）的地址"),
)
ATTACHMENT_FIELDS = (
    ("名称", "附件的显示名"),
    ("文件", "文件名"),
    ("类型", "文件类型"),
    ("字节数", "文件大小（字节）"),
    ("SHA-256", "文件的 SHA-256 校验值（64位十六进制）"),
    ("地址", "下载地址"),
)


def document_record(
    document: Document, site_url: str, published: set[str] | frozenset = frozenset(), status: str | None = None
) -> dict:
    """One document's metadata with the Chinese field names, as the JSON files hold it.

    Relations name only the documents in `published`, as the page does: a target
    whose 发布日期 has not come is not revealed early. `status` is the 有效性 on
    the build date (lifecycle), which the page shows, in place of the one written.
    """
    record: dict = {}
    for spec in RECORD_FIELDS:
        value = getattr(document, spec.attr)
        if spec.kind is Kind.ATTACHMENTS:
            value = [_attachment_record(document, a, site_url) for a in value]
        elif spec.kind is Kind.GRAPHICS:
            value = [
                {"图片": g.filename, "替代文本": g.alt, "文字": g.text, "地址": site_url + document.url + g.filename}
                for g in value
            ]
        elif spec.kind is Kind.MEDIA:
            value = [_recording_record(document, r, site_url) for r in value]
        elif spec.kind is Kind.PEOPLE:
            value = [{"姓名": person.name, "职务": person.post} for person in value]
        elif spec.kind is Kind.RELATIONS:
            value = [target for target in value if target in published]
        elif spec.kind is Kind.KEYWORDS:
            value = list(value)
        elif spec.kind is Kind.UNIT:
            value = value.name
        elif spec.kind is Kind.DATE:
            value = value.isoformat() if value else ""
        elif spec.kind is Kind.FLAG:
            value = "是" if value else ""
        record[spec.name] = value if isinstance(value, list) else str(value or "")
    if status is not None:
        record["有效性"] = status
    record["发布机构统一社会信用代码"] = document.unit.code
    record["地址"] = site_url + document.url
    record["数据地址"] = site_url + document.url + DOCUMENT_JSON
    return record


def _recording_record(document: Document, recording: Recording, site_url: str) -> dict:
    captions = recording.captions
    return {
        "名称": recording.name,
        "文件": recording.filename,
        "类型": recording.type.label,
        "地址": site_url + document.url + recording.filename,
        "字幕": site_url + document.url + captions.filename if captions else "",
    }


def _attachment_record(document: Document, attachment: Attachment, site_url: str) -> dict:
    return {
        "名称": attachment.name,
        "文件": attachment.filename,
        "类型": attachment.type_label,
        "字节数": attachment.size,
        "SHA-256": sha256_of(attachment),
        "地址": site_url + document.url + attachment.filename,
    }


def json_bytes(data) -> bytes:
    return (json_text(data) + "\n").encode("utf-8")


def json_text(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def documents_json_bytes(header: dict, record_texts: list[str]) -> bytes:
    """`json_bytes({**header, "文件": records})`, from each record's `json_text`: the same bytes
    without encoding every record twice (Python's JSON writer is pure Python once it indents).

    >>> records = [{"标题": "甲", "附件": []}, {"标题": "乙", "附件": [{"文件": "a.pdf"}]}]
    >>> head = {"网站名称": "县", "文件数": 2}
    >>> documents_json_bytes(head, [json_text(r) for r in records]) == json_bytes({**head, "文件": records})
    True
    >>> documents_json_bytes(head, []) == json_bytes({**head, "文件": []})
    True
    """
    text = json_text({**header, "文件": []})
    if record_texts:
        empty = "[]\n}"
        # Each record sits two levels down: every line of its own JSON moves two spaces right.
        records = ",\n".join("\n".join("  " + line for line in record.split("\n")) for record in record_texts)
        text = text[: -len(empty)] + "[\n" + records + "\n ]\n}"
    return (text + "\n").encode("utf-8")


def _cell(value) -> str:
    """A field in one CSV cell: a list joined by ；, each item as `list_item` names it."""
    return "；".join(map(list_item, value)) if isinstance(value, list) else value


def list_item(item) -> str:
    """An item of a list field in a CSV cell: a 图解 image or a recording by its file, a person with the post.

    >>> list_item({"姓名": "周国栋", "职务": "县发展和改革局局长"})
    '周国栋（县发展和改革局局长）'
    """
    if not isinstance(item, dict):
        return item
    return item.get("图片") or item.get("文件") or f"{item['姓名']}（{item['职务']}）"


def documents_csv_bytes(records: list[dict]) -> bytes:
    """One row per document; lists joined by ；, attachments as three columns of their own.

    Written as every CSV download is (spreadsheets.csv_bytes), for Excel on Windows.
    """
    header = [name for name in records[0] if name != "附件"] if records else []
    header += ["附件", "附件SHA-256", "附件地址"]
    rows = []
    for record in records:
        files = record["附件"]
        row = {name: _cell(v) for name, v in record.items() if name != "附件"}
        row["附件"] = "；".join(f["文件"] for f in files)
        row["附件SHA-256"] = "；".join(f["SHA-256"] for f in files)
        row["附件地址"] = "；".join(f["地址"] for f in files)
        rows.append([row[name] for name in header])
    return csv_bytes(header, rows)
