"""Open data: the metadata of every published document as JSON and CSV, one JSON per document,
and the SHA-256 of every attachment, so anyone can check a file is the one published (防伪).

Field names are the Chinese front-matter names of `schema.FIELDS`, in that order;
个人信息豁免 is a note for the checks, not metadata, and is left out.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from xxgk.model.documents import PAGE_FILES, Attachment, Document
from xxgk.model.schema import FIELDS, Kind

if TYPE_CHECKING:
    from xxgk.site.outputs.feeds import Feed
    from xxgk.site.generator import SiteGenerator

DATA_URL = "data/"
JSON_FILE = f"{DATA_URL}documents.json"
CSV_FILE = f"{DATA_URL}documents.csv"
DOCUMENT_JSON = PAGE_FILES[1]  # beside each document's index.html; no attachment may take the name
RECORD_FIELDS = tuple(f for f in FIELDS if f.kind is not Kind.EXEMPTIONS)
# Beyond the front-matter fields: where the document lives, and each attachment's facts.
EXTRA_FIELDS = (
    ("发布机构统一社会信用代码", "发布机构的统一社会信用代码，即索引号的前段码"),
    ("地址", "本文件页面的永久地址"),
    ("数据地址", "本文件元数据（JSON）的地址"),
)
ATTACHMENT_FIELDS = (
    ("名称", "附件的显示名"), ("文件", "文件名"), ("类型", "文件类型"), ("字节数", "文件大小（字节）"),
    ("SHA-256", "文件的 SHA-256 校验值（64位十六进制）"), ("地址", "下载地址"),
)


@functools.lru_cache(maxsize=None)
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_of(attachment: Attachment) -> str:
    """The attachment's SHA-256, read once per version of the file (the preview rebuilds often)."""
    stat = Path(attachment.source).stat()
    return _sha256(str(attachment.source), stat.st_mtime_ns, stat.st_size)


def document_record(document: Document, site_url: str, published: set[str] | frozenset = frozenset(),
                    status: str | None = None) -> dict:
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
        elif spec.kind is Kind.RELATIONS:
            value = [target for target in value if target in published]
        elif spec.kind is Kind.KEYWORDS:
            value = list(value)
        elif spec.kind is Kind.UNIT:
            value = value.name
        elif spec.kind is Kind.DATE:
            value = value.isoformat() if value else ""
        record[spec.name] = value if isinstance(value, list) else str(value or "")
    if status is not None:
        record["有效性"] = status
    record["发布机构统一社会信用代码"] = document.unit.code
    record["地址"] = site_url + document.url
    record["数据地址"] = site_url + document.url + DOCUMENT_JSON
    return record


def _attachment_record(document: Document, attachment: Attachment, site_url: str) -> dict:
    return {"名称": attachment.name, "文件": attachment.filename, "类型": attachment.type_label,
            "字节数": attachment.size, "SHA-256": sha256_of(attachment),
            "地址": site_url + document.url + attachment.filename}


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def csv_bytes(records: list[dict]) -> bytes:
    """One row per document; lists joined by ；, attachments as three columns of their own.

    UTF-8 with a byte-order mark, so Excel on Windows opens the Chinese text correctly.
    """
    header = [name for name in records[0] if name != "附件"] if records else []
    header += ["附件", "附件SHA-256", "附件地址"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        files = record["附件"]
        row = {name: "；".join(v) if isinstance(v, list) else v for name, v in record.items() if name != "附件"}
        row["附件"] = "；".join(f["文件"] for f in files)
        row["附件SHA-256"] = "；".join(f["SHA-256"] for f in files)
        row["附件地址"] = "；".join(f["地址"] for f in files)
        writer.writerow([row[name] for name in header])
    return out.getvalue().encode("utf-8-sig")


def open_data_files(gen: SiteGenerator) -> dict[str, bytes]:
    """documents.json and documents.csv of every published document, and each document's own JSON."""
    # Relative addresses where the site's address is not configured: still right from the site root.
    site_url = gen.config.url
    published = set(gen.by_index)
    records = [document_record(d, site_url, published, gen.status_name(d)) for d in gen.documents]
    files = {d.url + DOCUMENT_JSON: _json(r) for d, r in zip(gen.documents, records)}
    files[JSON_FILE] = _json({"网站名称": gen.config.name, "网址": site_url, "生成日期": gen.build_date.isoformat(),
                              "文件数": len(records), "文件": records})
    files[CSV_FILE] = csv_bytes(records)
    return files


def render_open_data(gen: SiteGenerator, feeds: list[Feed]) -> None:
    """The 开放数据和订阅 page: the downloads, what each field means, how to check a file, every feed."""
    fields = [(f.name, f.help) for f in RECORD_FIELDS] + list(EXTRA_FIELDS)
    kinds: dict[str, list] = {}
    for feed in feeds:
        kinds.setdefault(feed.kind, []).append(feed)
    gen.add(DATA_URL, "开放数据和订阅", "data.md.j2", meta={"hide": ["toc"]}, trail=(("首页", ""),),
            json_file=JSON_FILE, csv_file=CSV_FILE, count=len(gen.documents), fields=fields,
            attachment_fields=ATTACHMENT_FIELDS, example=gen.documents[0] if gen.documents else None,
            document_json=DOCUMENT_JSON, feeds=list(kinds.items()))
