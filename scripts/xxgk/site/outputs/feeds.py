"""Atom and RSS feeds: the whole site, each column, each unit and each 信息类别.

feedgen writes both formats. A feed follows a page (its autodiscovery link sits
in that page's head) and lives beside it as atom.xml and rss.xml. Dates are the
items' own 发布日期, never the time of the build, so an unchanged site gives
byte-identical feeds. Feeds need absolute addresses: without 网址 in 站点.yml
there are none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from feedgen.feed import FeedGenerator

from xxgk.site.formats import FORMATS_BY_LABEL

FEED_LIMIT = 50  # the newest items in each feed; older ones stay in the listings and the open data
CHINA = dt.timezone(dt.timedelta(hours=8))
ATOM_TYPE = "application/atom+xml"
RSS_TYPE = "application/rss+xml"
ATOM, RSS = FORMATS_BY_LABEL["Atom"], FORMATS_BY_LABEL["RSS"]


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str  # below the site root
    published: dt.date
    unit: str
    category: str
    summary: str


@dataclass
class Feed:
    title: str
    page_url: str  # the page it follows, "" for the home page
    kind: str  # 全站 / 栏目 / 单位 / 信息类别, for the list of feeds
    items: list[FeedItem] = field(default_factory=list)

    @property
    def atom_url(self) -> str:
        return self.page_url + "atom.xml"

    @property
    def rss_url(self) -> str:
        return self.page_url + "rss.xml"


def document_item(document) -> FeedItem:
    facts = [f"发布机构：{document.unit.name}", f"索引号：{document.index_number}"]
    if document.doc_number:
        facts.append(f"发文字号：{document.doc_number}")
    summary = (document.summary + "\n" if document.summary else "") + "；".join(facts)
    category = document.category or document.kind  # the kinds of 解读回应 may have no 信息类别
    return FeedItem(document.title, document.url, document.published, document.unit.name, category, summary)


def report_item(report) -> FeedItem:
    return FeedItem(
        report.title,
        report.url,
        report.published,
        report.unit.name,
        "政府信息公开年报",
        f"发布机构：{report.unit.name}；{report.year}年度政府信息公开工作年度报告",
    )


def newest(items: list[FeedItem]) -> list[FeedItem]:
    return sorted(items, key=lambda i: (i.published, i.url), reverse=True)[:FEED_LIMIT]


def alternates(feeds: list[Feed]) -> dict[str, list[dict[str, str]]]:
    """The autodiscovery links of each page that has feeds, by page address."""
    return {
        feed.page_url: [
            {"type": ATOM_TYPE, "title": f"{feed.title}（Atom 订阅源）", "href": feed.atom_url, "note": ATOM.note},
            {"type": RSS_TYPE, "title": f"{feed.title}（RSS 订阅源）", "href": feed.rss_url, "note": RSS.note},
        ]
        for feed in feeds
    }


def feed_files(feeds: list[Feed], site_url: str, author: str, build_date: dt.date) -> dict[str, bytes]:
    """atom.xml and rss.xml of every feed, by address below the site root."""
    files = {}
    for feed in feeds:
        generator = _generator(feed, site_url, author, build_date)
        page = site_url + feed.page_url
        for address, kind, write in (
            (feed.atom_url, ATOM_TYPE, generator.atom_str),
            (feed.rss_url, RSS_TYPE, generator.rss_str),
        ):
            # RSS takes its channel link from the last link given: the page's, after the feed's own.
            generator.link(
                [{"href": site_url + address, "rel": "self", "type": kind}, {"href": page, "rel": "alternate"}],
                replace=True,
            )
            files[address] = write(pretty=True)
    return files


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=CHINA)


def _generator(feed: Feed, site_url: str, author: str, build_date: dt.date) -> FeedGenerator:
    updated = _moment(feed.items[0].published if feed.items else build_date)
    generator = FeedGenerator()
    generator.id(site_url + feed.page_url)
    generator.title(feed.title)
    generator.subtitle(f"{feed.title}：最新公开的政府信息")  # RSS requires a description
    generator.author({"name": author})
    generator.language("zh-CN")
    generator.generator("xxgk")
    generator.updated(updated)
    generator.lastBuildDate(updated)
    # feedgen prepends entries; adding the oldest first keeps the newest on top.
    for item in reversed(feed.items):
        entry = generator.add_entry()
        url = site_url + item.url
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(item.title)
        entry.link(href=url)
        entry.published(_moment(item.published))
        entry.updated(_moment(item.published))
        entry.author({"name": item.unit})
        entry.category(term=item.category)
        entry.summary(item.summary)
    return generator
