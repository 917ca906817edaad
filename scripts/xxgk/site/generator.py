"""Generating the site from the checked content: every section's pages, downloads and search records.

The generator only orchestrates. It builds the read-only `SiteContext`, asks each
section (site/sections/) for its `Output` in the order the site map lists them,
and joins them into a `GeneratedSite`, which an adapter hands to a renderer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from xxgk.checks.content import Content
from xxgk.model import urls
from xxgk.model.attached_files import published_bytes
from xxgk.model.build_cache import BuildCache
from xxgk.model.config import SiteConfig
from xxgk.model.documents import Document
from xxgk.model.report_format import AnnualReport
from xxgk.search.records import SearchRecord, document_search_record
from xxgk.site.context import Output, SiteContext
from xxgk.site.footer import Footer, site_footer
from xxgk.site.render import NavItem, Page
from xxgk.site.sections.catalogue import catalogue_nav, render_catalogues
from xxgk.site.sections.columns import render_columns
from xxgk.site.sections.consultations import CONSULTATIONS_TITLE, render_consultations
from xxgk.site.sections.documents import render_documents
from xxgk.site.sections.home import render_home
from xxgk.site.sections.ledger import render_ledger
from xxgk.site.sections.oversight import render_oversight
from xxgk.site.sections.public import page_alternates, public_files, render_public_pages, site_feeds
from xxgk.site.sections.reports import render_reports, report_search_records
from xxgk.site.sections.responses import render_responses, responses_nav
from xxgk.site.sections.search_page import render_search_page
from xxgk.site.sections.sitemap import render_sitemap
from xxgk.site.sections.specials import render_specials, specials_nav
from xxgk.site.sections.units import render_units


@dataclass
class GeneratedSite:
    config: SiteConfig
    pages: list[Page]
    files: dict[str, Path]  # address below the site root -> attachment on disk, copied as it is
    nav: list[NavItem]
    documents: list[Document]  # those published as of the build date, newest first
    # address -> generated file (年报 tables, open data, text attachments as published)
    downloads: dict[str, bytes] = field(default_factory=dict)
    reports: list[AnnualReport] = field(default_factory=list)  # those published as of the build date
    footer: Footer | None = None
    # Every page in the site search: documents, annual reports, then registers and guides.
    search_records: list[SearchRecord] = field(default_factory=list)


# Every section, in the order of the site map.
SECTIONS = (
    render_home,
    render_columns,
    render_catalogues,
    render_units,
    render_responses,
    render_specials,
    render_documents,
    render_reports,
    render_consultations,
    render_oversight,
    render_ledger,
    render_search_page,
)
# The sections that add search records (registers' rows, service guides), generated first: the
# search index starts on every record while the other pages are generated.
SECTIONS_WITH_RECORDS = (render_catalogues,)


def generate_site(
    content: Content,
    build_date: dt.date,
    page_cache: dict | None = None,
    preview: bool = False,
    kept: BuildCache | None = None,
    records_ready: Callable[[list[SearchRecord]], None] | None = None,
) -> GeneratedSite:
    """Every page and file of the site for content that passed its checks.

    `page_cache` (kept by the preview between rebuilds) lets document pages whose
    inputs are the very same objects as last time be reused instead of rendered;
    `kept` (the build cache) those whose inputs are equal to the last build's.
    `records_ready` is handed the search records as soon as they are all made.
    """
    site, feeds = site_context(content, build_date, page_cache, preview, kept)
    early = {section: section(site) for section in SECTIONS_WITH_RECORDS}
    # The preview has no search page index: seconds at 10,000 documents that every save would wait for.
    records = [] if preview else _document_search_records(site)
    records += report_search_records(site.reports)
    records += [record for output in early.values() for record in output.search_records]
    if records_ready:
        records_ready(records)
    out = Output(site)
    for section in SECTIONS:
        out.include(early[section] if section in early else section(site))
    out.include(render_public_pages(site, feeds))
    out.include(render_sitemap(site, out.pages))
    if not preview:  # seconds at 10,000 documents, not needed to preview
        out.downloads.update(public_files(site, feeds, out.pages))
    if len(out.search_records) != sum(len(output.search_records) for output in early.values()):
        raise RuntimeError("a section adds search records: list it in SECTIONS_WITH_RECORDS")
    files = {}
    for document in site.documents:
        for attachment in document.attachments:
            converted = published_bytes(attachment)  # text: UTF-8 with a BOM; the rest as it is
            if converted is None:
                files[document.url + attachment.filename] = attachment.source
            else:
                out.downloads[document.url + attachment.filename] = converted
        # 图解 originals and recordings are published as they are
        for item in document.published_files:
            files[document.url + item.filename] = item.source
    return GeneratedSite(
        site.config,
        out.pages,
        files,
        site_nav(site),
        site.documents,
        out.downloads,
        site.reports,
        site_footer(site.config),
        records,
    )


def _document_search_records(site: SiteContext) -> list[SearchRecord]:
    """The published documents' search records (`document_search_record`), each kept for the next build."""
    statuses, specials = site.statuses(), site.specials_of()
    records = []
    for document in site.documents:
        inputs = (document, statuses.get(str(document.index_number), ""), specials.get(str(document.index_number)))
        records.append(
            site.kept_value("search record", inputs, lambda i=inputs: document_search_record(i[0], i[0].url, *i[1:]))
        )
    return records


def site_context(
    content: Content,
    build_date: dt.date,
    page_cache: dict | None = None,
    preview: bool = False,
    kept: BuildCache | None = None,
) -> tuple[SiteContext, list]:
    """What every section reads, and the site's feeds (none in the preview: it writes no feeds or open data)."""
    site = SiteContext(content, build_date, page_cache, preview, kept)
    feeds = [] if preview else site_feeds(site)
    return site.with_alternates(page_alternates(site, feeds)), feeds


def site_nav(site: SiteContext) -> list[NavItem]:
    root_title, root_url = urls.ROOT_CRUMB
    return [
        NavItem(*urls.HOME_CRUMB),
        NavItem(root_title, root_url, [NavItem(t.name, site.column_url(t)) for t in site.columns]),
        NavItem(*urls.UNITS_CRUMB),
        responses_nav(),
        *specials_nav(site),
        catalogue_nav(),
        NavItem(CONSULTATIONS_TITLE, urls.CONSULTATIONS),
        NavItem("检索", urls.SEARCH),
        NavItem("网站地图", urls.SITEMAP),
    ]
