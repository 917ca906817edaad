"""The parts of the site beyond the documents: feeds and their autodiscovery links, the 依申请公开
pages, open data and the 开放数据和订阅 page, sitemap.xml and robots.txt.

(The 指南 is a column: sections.columns renders it with sections.guide.)
"""

from __future__ import annotations

from xxgk.model import urls
from xxgk.model.attached_files import sha256_of
from xxgk.model.consultations import is_consultation
from xxgk.model.document_kinds import RESPONSE_KINDS
from xxgk.model.documents import Document
from xxgk.model.register_kinds import KINDS
from xxgk.model.schema import RELATION_FIELDS
from xxgk.site.context import RESPONSES_TITLE, Output, SiteContext
from xxgk.site.outputs.feeds import Feed, alternates, document_item, feed_files, newest, report_item
from xxgk.site.outputs.headers import headers_file
from xxgk.site.outputs.open_data import (
    ATTACHMENT_FIELDS,
    CSV_FILE,
    DOCUMENT_JSON,
    EXTRA_FIELDS,
    JSON_FILE,
    RECORD_FIELDS,
    document_record,
    documents_csv_bytes,
    documents_json_bytes,
    json_text,
)
from xxgk.site.outputs.oversight_data import LEDGER_FIELDS, MEASURE_FIELDS, ledger_downloads, measure_downloads
from xxgk.site.outputs.sitemaps import sitemap_files
from xxgk.site.render import Page
from xxgk.site.sections import consultations
from xxgk.site.sections.guide import render_application
from xxgk.site.sections.registers import register_downloads, register_feed_items


def site_feeds(gen: SiteContext) -> list[Feed]:
    """Every feed of the site with its newest items, in the order the 订阅 list shows them."""
    if not gen.config.url:
        return []
    name = gen.config.name
    items_of = {id(d): document_item(d) for d in gen.documents}
    reports = [(r, report_item(r)) for r in gen.reports]
    everything = newest(list(items_of.values()) + [item for _, item in reports])
    documents = [(d, items_of[id(d)]) for d in gen.column_documents]  # the four columns' own
    feeds = [Feed(name, "", "全站", everything)]
    by_column = gen.group(documents, lambda pair: gen.column_of(pair[0]).name)
    for term in gen.columns:
        items = [item for _, item in by_column.get(term.name, [])]
        if term.name == "政府信息公开年报":
            items += [item for _, item in reports]
        feeds.append(Feed(f"{name} · {term.name}", gen.column_url(term), "栏目", newest(items)))
    for kind in RESPONSE_KINDS:
        items = [items_of[id(d)] for d in gen.of_kind.get(kind.name, [])]
        feeds.append(Feed(f"{name} · {kind.name}", gen.kind_url(kind.name), RESPONSES_TITLE, newest(items)))
    by_unit = gen.group([(d, items_of[id(d)]) for d in gen.documents] + reports, lambda pair: pair[0].unit.name)
    for unit in gen.content.units:
        items = [item for _, item in by_unit.get(unit.name, [])]
        feeds.append(Feed(f"{name} · {unit.name}", gen.unit_url(unit), "单位", newest(items)))
    for special in gen.config.specials:
        items = [items_of[id(d)] for d in gen.documents if special.gathers(d)]
        feeds.append(Feed(f"{name} · {special.name}", urls.special(special.code), "专题", newest(items)))
    for kind in KINDS:
        if kind.date_column:
            items = register_feed_items(gen, kind)
            feeds.append(Feed(f"{name} · {kind.name}", urls.register(kind.code), "清单和目录", newest(items)))
    consultations = [item for d, item in documents if is_consultation(d)]
    feeds.append(Feed(f"{name} · 意见征集", urls.CONSULTATIONS, "意见征集", newest(consultations)))
    by_category = gen.group(documents, lambda pair: pair[0].category)
    for term in gen.categories:
        items = [item for _, item in by_category.get(term.name, [])]
        feeds.append(Feed(f"{name} · {term.name}", gen.category_url(term), "信息类别", newest(items)))
    return feeds


def page_alternates(site: SiteContext, feeds: list[Feed]) -> dict[str, list[dict[str, str]]]:
    """Before any page is rendered: which pages get which alternate links in their head."""
    links = alternates(feeds)
    for document in site.documents:
        links[document.url] = [
            {
                "type": "application/json",
                "title": "本文件元数据（JSON）",
                "href": urls.file_in(document.url, DOCUMENT_JSON),
            }
        ]
    return links


def render_public_pages(site: SiteContext, feeds: list[Feed]) -> Output:
    """依申请公开 and its form; 开放数据和订阅: the downloads, what each field means, every feed."""
    out = render_application(site)
    fields = [(f.name, f.public_help) for f in RECORD_FIELDS] + list(EXTRA_FIELDS)
    kinds: dict[str, list] = {}
    for feed in feeds:
        kinds.setdefault(feed.kind, []).append(feed)
    out.add(
        urls.DATA,
        "开放数据和订阅",
        "data.html.j2",
        meta={"hide": ["toc"]},
        trail=(urls.HOME_CRUMB,),
        json_file=JSON_FILE,
        csv_file=CSV_FILE,
        count=len(site.documents),
        fields=fields,
        attachment_fields=ATTACHMENT_FIELDS,
        example=site.documents[0] if site.documents else None,
        document_json=DOCUMENT_JSON,
        feeds=list(kinds.items()),
        registers=register_downloads(site),
        oversight_data=[
            ("政务公开工作情况", urls.OVERSIGHT, measure_downloads(), MEASURE_FIELDS),
            ("任务台账", urls.LEDGER, ledger_downloads(), LEDGER_FIELDS),
        ],
    )
    return out


def _document_record(site: SiteContext, document: Document, site_url: str, published: set[str]) -> tuple[dict, str]:
    """`document_record` and its JSON text, kept for the next build by what they read: the document,
    which documents it names are published, its status and its attachments' SHA-256."""
    status = site.status_name(document)
    named = [target in published for spec in RELATION_FIELDS for target in getattr(document, spec.attr)]
    checksums = [sha256_of(attachment) for attachment in document.attachments]

    def make() -> tuple[dict, str]:
        record = document_record(document, site_url, published, status)
        return record, json_text(record)

    return site.kept_value("document record", (document, site_url, status, named, checksums), make)


def open_data_files(site: SiteContext) -> dict[str, bytes]:
    """documents.json and documents.csv of every published document, and each document's own JSON."""
    # Relative addresses where the site's address is not configured: still right from the site root.
    site_url = site.config.url
    published = set(site.by_index)
    kept = [_document_record(site, d, site_url, published) for d in site.documents]
    records, texts = [record for record, _ in kept], [text for _, text in kept]
    files = {urls.file_in(d.url, DOCUMENT_JSON): (text + "\n").encode() for d, text in zip(site.documents, texts)}
    header = {"网站名称": site.config.name, "网址": site_url, "生成日期": site.build_date.isoformat()}
    files[JSON_FILE] = documents_json_bytes({**header, "文件数": len(records)}, texts)
    files[CSV_FILE] = documents_csv_bytes(records)
    return files


def public_files(site: SiteContext, feeds: list[Feed], pages: list[Page]) -> dict[str, bytes]:
    """Every generated file of these parts, by address below the site root; after all pages exist."""
    config = site.config
    out = open_data_files(site)
    out.update(consultations.files(site))
    out.update(feed_files(feeds, config.url, config.identity.host or config.name, site.build_date))
    dates = {d.url: d.published for d in site.documents} | {r.url: r.published for r in site.reports}
    out.update(sitemap_files(config.url, [(page.url, dates.get(page.url)) for page in pages]))
    out[urls.HEADERS] = headers_file([d.url + a.filename for d in site.documents for a in d.attachments])
    return out
