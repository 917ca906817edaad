"""The parts of the site beyond the documents, wired into page generation in one place:
feeds and their autodiscovery links, the 依申请公开 pages, open data and the 开放数据和订阅
page, sitemap.xml and robots.txt. (The 指南 is a column: pages.py calls guide.render_guide.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xxgk.site.sections import consultations as consultation_pages
from xxgk.site.outputs.feeds import alternates, feed_files, site_feeds
from xxgk.site.sections.guide import render_application
from xxgk.site.outputs.open_data import DOCUMENT_JSON, open_data_files, render_open_data
from xxgk.site.outputs.sitemaps import sitemap_files

if TYPE_CHECKING:
    from xxgk.site.generator import SiteGenerator


def prepare(gen: SiteGenerator) -> None:
    """Before any page is rendered: which pages get which alternate links in their head."""
    gen.feeds = [] if gen.preview else site_feeds(gen)  # the preview writes no feeds (SiteGenerator.generate)
    gen.alternates = alternates(gen.feeds)
    for document in gen.documents:
        gen.alternates[document.url] = [{"type": "application/json", "title": "本文件元数据（JSON）",
                                         "href": document.url + DOCUMENT_JSON}]


def render_pages(gen: SiteGenerator) -> None:
    render_application(gen)
    render_open_data(gen, gen.feeds)


def files(gen: SiteGenerator) -> dict[str, bytes]:
    """Every generated file of these parts, by address below the site root; after all pages exist."""
    config = gen.config
    out = open_data_files(gen)
    out.update(consultation_pages.files(gen))
    out.update(feed_files(gen.feeds, config.url, config.identity.host or config.name, gen.build_date))
    dates = {d.url: d.published for d in gen.documents} | {r.url: r.published for r in gen.reports}
    out.update(sitemap_files(config.url, [(page.url, dates.get(page.url)) for page in gen.pages]))
    return out
