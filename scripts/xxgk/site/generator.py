"""Generating the site's pages from the checked content model.

Pages are Markdown strings with a little YAML meta and HTML blocks, so any
Python-Markdown renderer (MkDocs today) can turn them into the site. Addresses
are directory style (`doc/<前段码>/<年份-流水号>/`); links between generated
pages are computed here as relative URLs, so they work under any base path.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from xxgk.site.sections.catalogue import catalogue_nav, render_catalogues, see_also, unit_links
from xxgk.model.config import SiteConfig
from xxgk.site.sections.consultations import CONSULTATIONS_TITLE, CONSULTATIONS_URL, open_consultations, render_consultations
from xxgk.model.consultations import ConsultationStatus, consultation_status
from xxgk.checks.content import Content
from xxgk.site.sections import public as public_site
from xxgk.model.documents import Document, human_size
from xxgk.site.footer import Footer, site_footer
from xxgk.site.sections.guide import GUIDE, render_guide
from xxgk.model.lifecycle import Lifecycle, Status
from xxgk.model.links import documents_by_file, rewrite_links
from xxgk.site.outputs.open_data import sha256_of
from xxgk.site.sections.reports import render_annual_column, render_reports
from xxgk.model.reports import ANNUAL_REPORTS, AnnualReport
from xxgk.model.schema import INVERSE_RELATION_LABELS, RELATION_FIELDS, RELATION_LABELS
from xxgk.search.records import SearchRecord
from xxgk.model.units import Unit
from xxgk.model.vocabulary import Term

ROOT_COLUMN = ("政府信息公开", "xxgk/")
FDZDGKNR = "法定主动公开内容"
HOME_LATEST = 10


@dataclass(frozen=True)
class Page:
    url: str  # directory style, "" for the home page
    title: str
    markdown: str
    trail: tuple[tuple[str, str], ...] = ()  # (title, url) of the pages above
    # (marker, HTML) to put in place of the marker after Markdown is rendered: large finished
    # HTML (a register's thousands of rows) that Markdown would only parse again, slowly.
    html_blocks: tuple[tuple[str, str], ...] = ()

    @property
    def src_path(self) -> str:
        return self.url + "index.md"


def html_block_marker(name: str) -> str:
    """Where a page's HTML block goes; an HTML comment passes through Markdown untouched."""
    return f"<!--xxgk-block:{name}-->"


@dataclass
class NavItem:
    title: str
    url: str
    children: list[NavItem] = field(default_factory=list)


@dataclass
class GeneratedSite:
    config: SiteConfig
    pages: list[Page]
    files: dict[str, Path]  # address below the site root -> attachment on disk
    nav: list[NavItem]
    documents: list[Document]  # those published as of the build date, newest first
    downloads: dict[str, bytes] = field(default_factory=dict)  # address -> generated file (年报 tables)
    reports: list[AnnualReport] = field(default_factory=list)  # those published as of the build date
    footer: Footer | None = None
    statuses: dict[str, str] = field(default_factory=dict)  # 索引号 -> 有效/失效/废止 as of the build date
    search_records: list[SearchRecord] = field(default_factory=list)  # pages besides documents and reports


@dataclass(frozen=True)
class Listing:
    """Where a list of documents lives, and how to reach it."""

    title: str
    url: str
    trail: tuple[tuple[str, str], ...]  # breadcrumb (title, url) above this page


def relative_url(here: str, target: str) -> str:
    """A link from page `here` to `target`, both relative to the site root.

    >>> relative_url("xxgk/zn/", "doc/A/2026-00001/")
    '../../doc/A/2026-00001/'
    >>> relative_url("", "xxgk/")
    'xxgk/'
    >>> relative_url("doc/A/2026-00001/", "")
    '../../../'
    >>> relative_url("doc/A/2026-00001/", "doc/A/2026-00001/附件.pdf")
    '附件.pdf'
    >>> relative_url("xxgk/", "xxgk/")
    './'
    """
    # Hand-rolled instead of posixpath.relpath: it runs for every link of every page.
    base = here.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    link = "../" * (len(base) - common) + "/".join(parts[common:])
    return link or "./"


def newest_first(documents: list[Document]) -> list[Document]:
    return sorted(documents, key=lambda d: (d.published, d.index_number), reverse=True)


def published_documents(content: Content, build_date: dt.date) -> list[Document]:
    """Documents whose 发布日期 has come, newest first."""
    return newest_first([d for d in content.documents if d.published <= build_date])


class SiteGenerator:
    def __init__(self, content: Content, build_date: dt.date, page_cache: dict | None = None,
                 preview: bool = False):
        self.content = content
        self.preview = preview
        self.page_cache = {} if page_cache is None else page_cache
        self.config = content.config
        self.build_date = build_date
        self.documents = published_documents(content, build_date)
        self.by_index = {str(d.index_number): d for d in self.documents}
        self.by_file = documents_by_file(self.documents)
        self.by_unit: dict[str, list[Document]] = defaultdict(list)
        for document in self.documents:
            self.by_unit[document.unit.name].append(document)
        self.reports = [r for r in content.reports if r.published <= build_date]
        self.lifecycle = Lifecycle(content.documents)
        self.statuses: dict[str, Status | None] = {
            str(d.index_number): self.lifecycle.status(d, build_date) for d in self.documents}
        self.downloads: dict[str, bytes] = {}
        self.search_records: list[SearchRecord] = []
        # incoming[target][attr]: the documents that name `target` in their field `attr`.
        self.incoming: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
        for document in self.documents:
            for spec in RELATION_FIELDS:
                for target in getattr(document, spec.attr):
                    self.incoming[target][spec.attr].append(document)
        self.columns = list(self.config.vocabularies["栏目"].terms)
        self.column_by_name = {term.name: term for term in self.columns}
        self.categories = [t for t in self.config.vocabularies["信息类别"].terms]
        self.topics = list(self.config.vocabularies["主题分类"].terms)
        self.pages: list[Page] = []
        self.env = _environment()
        self.feeds: list = []
        self.alternates: dict[str, list[dict[str, str]]] = {}  # page address -> its feeds and data

    # The column a document belongs to: 法定主动公开内容 unless its 信息类别 is another column.
    def column_of(self, document: Document) -> Term:
        return self.column_by_name.get(document.category) or self.column_by_name[FDZDGKNR]

    def generate(self) -> GeneratedSite:
        columns = defaultdict(list)
        for document in self.documents:
            columns[self.column_of(document).name].append(document)
        public_site.prepare(self)
        self.render_home()
        self.render_columns(columns)
        render_catalogues(self)
        self.render_units()
        for document in self.documents:
            self.render_document(document)
        render_reports(self)
        render_consultations(self)
        self.render_search()
        public_site.render_pages(self)
        self.render_sitemap()
        if not self.preview:  # feeds, open data and sitemaps: seconds at 10,000 documents, not needed to preview
            self.downloads.update(public_site.files(self))
        files = {
            document.url + attachment.filename: attachment.source
            for document in self.documents
            for attachment in document.attachments
        }
        statuses = {key: status.name for key, status in self.statuses.items() if status}
        return GeneratedSite(self.config, self.pages, files, self.nav(), self.documents, self.downloads, self.reports,
                             site_footer(self.config), statuses, self.search_records)

    # -- the pieces -------------------------------------------------------------

    def add(self, url: str, title: str, template: str, meta: dict | None = None,
            html_blocks: dict[str, str] | None = None, **context) -> None:
        body = self.env.get_template(template).render(
            here=url, site=self.config, title=title, build_date=self.build_date, gen=self, **context
        )
        # The theme prints page titles unescaped (MkDocs' Jinja does not autoescape): escape here.
        front = {"title": str(escape(title)), **(meta or {})}
        if url in self.alternates:
            front["alternates"] = self.alternates[url]
        # JSON is YAML, and dumps much faster than PyYAML at ten thousand pages.
        markdown = "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n\n" + body
        blocks = tuple((html_block_marker(name), html) for name, html in (html_blocks or {}).items())
        self.pages.append(Page(url, title, markdown, context.get("trail", ()), blocks))

    def render_home(self) -> None:
        counts = Counter(document.category for document in self.documents)
        self.add("", self.config.name, "home.md.j2", meta={"template": "home.html", "hide": ["navigation", "toc"]},
                 latest=self.documents[:HOME_LATEST], units=self.units_by_type(),
                 consultations=open_consultations(self.documents, self.build_date),
                 counts=counts, root=ROOT_COLUMN)

    def render_columns(self, columns: dict[str, list[Document]]) -> None:
        root_title, root_url = ROOT_COLUMN
        trail = (("首页", ""),)
        self.add(root_url, root_title, "root.md.j2", meta={"hide": ["toc"]}, trail=trail,
                 columns=[(term, self.column_url(term), self.column_count(term, columns[term.name]))
                          for term in self.columns])
        trail += ((root_title, root_url),)
        for term in self.columns:
            documents = columns[term.name]
            listing = Listing(term.name, self.column_url(term), trail)
            if term.name == FDZDGKNR:
                self.render_fdzdgknr(documents, listing, unit=None)
            elif term.name == GUIDE:
                render_guide(self, listing, documents, unit=None)
            elif term.name == ANNUAL_REPORTS:
                render_annual_column(self, listing, documents, unit=None)
            else:
                self.render_listing(listing, documents)

    def render_fdzdgknr(self, documents: list[Document], listing: Listing, unit: Unit | None) -> None:
        """法定主动公开内容: by category, by year and by 主题分类, county-wide or for one unit."""
        trail = listing.trail + ((listing.title, listing.url),)
        by_category = self.group(documents, lambda d: d.category)
        category_links = []
        for term in self.categories:
            found = by_category.get(term.name, [])
            url = f"{listing.url}lb/{term.code}/"
            # County-wide every category gets a page (empty ones say so); a unit only its own.
            if unit is None or found:
                self.render_listing(Listing(term.name, url, trail), found, clause=term.clause,
                                    see_also=see_also(self, term.name))
                category_links.append((term, url, len(found)))
            else:
                category_links.append((term, None, 0))
        year_links, topic_links = [], []
        if unit is None:
            year_links, topic_links = self.render_by_year_and_topic(documents, listing.url, trail)
        self.render_listing(listing, documents, template="fdzdgknr.md.j2", unit=unit,
                            category_links=category_links, year_links=year_links, topic_links=topic_links,
                            unit_links=None if unit else self.units_by_type())

    def render_by_year_and_topic(self, documents: list[Document], base_url: str, trail: tuple,
                                 title_prefix: str = "") -> tuple[list, list]:
        """Listings of `documents` by year of 发布日期 and by 主题分类, below base_url; their links."""
        year_links, topic_links = [], []
        for year, found in sorted(self.group(documents, lambda d: d.published.year).items(), reverse=True):
            url = f"{base_url}nf/{year}/"
            self.render_listing(Listing(f"{title_prefix}{year}年", url, trail), found)
            year_links.append((f"{year}年", url, len(found)))
        by_topic = self.group(documents, lambda d: d.topic)
        for term in self.topics:
            if term.name in by_topic:
                url = f"{base_url}zt/{term.code}/"
                self.render_listing(Listing(f"{title_prefix}{term.name}", url, trail), by_topic[term.name])
                topic_links.append((term.name, url, len(by_topic[term.name])))
        return year_links, topic_links

    def render_units(self) -> None:
        trail = (("首页", ""),)
        self.add("dw/", "部门和乡镇", "units.md.j2", meta={"hide": ["toc"]}, trail=trail,
                 units=self.units_by_type(), counts=self.unit_counts())
        trail += (("部门和乡镇", "dw/"),)
        for unit in self.content.units:
            url = self.unit_url(unit)
            own = self.group(self.documents_of(unit), lambda d: self.column_of(d).name)
            sub_columns = [(term, f"{url}{term.code}/", self.column_count(term, own.get(term.name, []), unit))
                           for term in self.columns]
            self.add(url, unit.name, "unit.md.j2", meta={"hide": ["toc"]}, trail=trail, unit=unit,
                     sub_columns=sub_columns, latest=newest_first(sum(own.values(), []))[:HOME_LATEST],
                     parent=next((u for u in self.content.units if u.name == unit.parent), None))
            unit_trail = trail + ((unit.name, url),)
            for term, sub_url, _ in sub_columns:
                listing = Listing(term.name, sub_url, unit_trail)
                if term.name == FDZDGKNR:
                    self.render_fdzdgknr(own.get(term.name, []), listing, unit=unit)
                elif term.name == GUIDE:
                    render_guide(self, listing, own.get(term.name, []), unit)
                elif term.name == ANNUAL_REPORTS:
                    render_annual_column(self, listing, own.get(term.name, []), unit)
                else:
                    self.render_listing(listing, own.get(term.name, []), unit=unit,
                                        see_also=see_also(self, term.name, unit))

    def render_listing(self, listing: Listing, documents: list[Document], template: str = "listing.md.j2",
                       **context) -> None:
        """One page per `per_page` documents: base url, then base/2/, base/3/ …"""
        per_page = self.config.per_page
        count = max(1, -(-len(documents) // per_page))
        for number in range(1, count + 1):
            url = listing.url if number == 1 else f"{listing.url}{number}/"
            title = listing.title if number == 1 else f"{listing.title}（第{number}页）"
            pager = [(n, listing.url if n == 1 else f"{listing.url}{n}/") for n in range(1, count + 1)]
            shown = documents[(number - 1) * per_page: number * per_page]
            page_template = template if number == 1 else "listing.md.j2"
            # The preview reuses a plain listing page that would show the very same: most saves
            # change one document's text, which no listing shows (3,000 pages at 10,000 documents).
            key = None
            if self.preview and page_template == "listing.md.j2":
                key = (title, listing.trail, len(documents), count, repr(sorted(context.items())),
                       document_list_html(url, shown, self))
                cached = self.page_cache.get(url)
                if cached and cached[0] == key:
                    self.pages.append(cached[1])
                    continue
            self.add(url, title, page_template, meta={"hide": ["toc"]},
                     trail=listing.trail, heading=listing.title, total=len(documents),
                     documents=shown, page_number=number, pager=pager, **context)
            if key:
                self.page_cache[url] = (key, self.pages[-1])

    def render_document(self, document: Document) -> None:
        column = self.column_of(document)
        trail = (("首页", ""), ROOT_COLUMN, (column.name, self.column_url(column)))
        if column.name == FDZDGKNR:
            term = self.config.vocabularies["信息类别"].get(document.category)
            trail += ((document.category, f"{self.column_url(column)}lb/{term.code}/"),)
        outgoing, incoming = [], []
        for spec in RELATION_FIELDS:
            targets = [self.by_index[i] for i in getattr(document, spec.attr) if i in self.by_index]
            if targets:
                outgoing.append((RELATION_LABELS[spec.attr], targets))
            sources = self.incoming[str(document.index_number)][spec.attr]
            if sources:
                incoming.append((INVERSE_RELATION_LABELS[spec.attr], sources))
        relations = outgoing + incoming
        status = self.status(document)
        # The policy an interpretation explains, and the interpretations of a policy, head the page.
        interpreted = [self.by_index[i] for i in document.interprets if i in self.by_index]
        interpretations = self.interpretations(document)
        # The preview reuses the page when the same Document objects come back (see DocumentCache).
        key = (document, (trail, self.build_date, repr(status), [repr(self.status(d)) for d in interpreted]),
               tuple((label, tuple(targets)) for label, targets in relations))
        cached = self.page_cache.get(document.url)
        if cached and _same_objects(cached[0], key):
            self.pages.append(cached[1])
            return
        self.add(document.url, document.title, "document.md.j2", meta={"hide": ["navigation"]},
                 trail=trail, doc=document, relations=relations, unit_url=self.unit_url(document.unit),
                 body=rewrite_links(document, self.by_file, relative_url),
                 status=status, interpreted=interpreted, interpretations=interpretations)
        self.page_cache[document.url] = (key, self.pages[-1])

    def render_search(self) -> None:
        self.add("search/", "检索", "search.md.j2", meta={"hide": ["navigation", "toc"]}, trail=(("首页", ""),),
                 fdzdgknr_url=self.column_url(self.column_by_name[FDZDGKNR]))

    def render_sitemap(self) -> None:
        self.add("sitemap/", "网站地图", "sitemap.md.j2", meta={"hide": ["toc"]}, trail=(("首页", ""),),
                 pages=[p for p in self.pages if not self.is_item_page(p) and "（第" not in p.title])

    # -- helpers used by templates ----------------------------------------------

    def status(self, document: Document) -> Status | None:
        """Its status on the build date (lifecycle.Lifecycle.status); None where it has none."""
        key = str(document.index_number)
        if key not in self.statuses:
            self.statuses[key] = self.lifecycle.status(document, self.build_date)
        return self.statuses[key]

    def consultation(self, document: Document) -> ConsultationStatus | None:
        """意见征集: its status on the build date; None for other documents."""
        return consultation_status(document, self.build_date)

    def documents_of(self, unit: Unit) -> list[Document]:
        """The unit's published documents, newest first."""
        return self.by_unit.get(unit.name, [])

    def status_name(self, document: Document) -> str:
        status = self.status(document)
        return status.name if status else ""

    def interpretations(self, document: Document) -> list[Document]:
        """The published interpretations (解读) of a policy."""
        return self.incoming[str(document.index_number)]["interprets"]

    def nav(self) -> list[NavItem]:
        root_title, root_url = ROOT_COLUMN
        return [
            NavItem("首页", ""),
            NavItem(root_title, root_url, [NavItem(t.name, self.column_url(t)) for t in self.columns]),
            NavItem("部门和乡镇", "dw/"),
            self.catalogue_nav(),
            NavItem(CONSULTATIONS_TITLE, CONSULTATIONS_URL),
            NavItem("检索", "search/"),
            NavItem("网站地图", "sitemap/"),
        ]

    def unit_catalogue_links(self, unit: Unit) -> list[tuple[str, str]]:
        """(title, url) of the unit's registers and directories (catalogue_pages)."""
        return unit_links(self, unit)

    @staticmethod
    def catalogue_nav() -> NavItem:
        title, url, children = catalogue_nav()
        return NavItem(title, url, [NavItem(*child) for child in children])

    @staticmethod
    def is_item_page(page: Page) -> bool:
        """A document's or an annual report's own page: reached from listings, not the site map."""
        return page.url.startswith("doc/") or (page.url.startswith("nb/") and page.url != "nb/")

    def column_count(self, term: Term, documents: list[Document], unit: Unit | None = None) -> int:
        """Items in a column: its documents, and in 政府信息公开年报 also the annual reports."""
        if term.name != ANNUAL_REPORTS:
            return len(documents)
        return len(documents) + sum(1 for r in self.reports if unit is None or r.unit == unit)

    def column_url(self, term: Term) -> str:
        return f"{ROOT_COLUMN[1]}{term.code}/"

    @staticmethod
    def unit_url(unit: Unit) -> str:
        return f"dw/{unit.code}/"

    @staticmethod
    def group(documents: list[Document], key) -> dict:
        grouped = defaultdict(list)
        for document in documents:
            grouped[key(document)].append(document)
        return grouped

    def unit_counts(self) -> Counter:
        return Counter(document.unit.code for document in self.documents)

    def units_by_type(self) -> list[tuple[str, list[Unit]]]:
        order = {name: i for i, name in enumerate(self.config.vocabularies["单位类型"].names())}
        units = sorted(self.content.units, key=lambda u: order.get(u.type, len(order)))
        return [(kind, list(group)) for kind, group in groupby(units, key=lambda u: u.type)]


def generate_site(content: Content, build_date: dt.date, page_cache: dict | None = None,
                  preview: bool = False) -> GeneratedSite:
    """Every page and file of the site for content that passed its checks.

    `page_cache` (kept by the preview between rebuilds) lets document pages whose
    inputs are the very same objects as last time be reused instead of rendered.
    """
    return SiteGenerator(content, build_date, page_cache, preview).generate()


def _same_objects(old: tuple, new: tuple) -> bool:
    """Documents compared by identity (a reloaded file is a new object), everything else by value."""
    old_doc, old_trail, old_relations = old
    new_doc, new_trail, new_relations = new
    return (old_doc is new_doc and old_trail == new_trail
            and [(label, len(docs)) for label, docs in old_relations] == [(label, len(docs)) for label, docs in new_relations]
            and all(a is b for (_, x), (_, y) in zip(old_relations, new_relations) for a, b in zip(x, y)))


@functools.cache  # one per process: the preview's rebuilds reuse the compiled templates
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("xxgk.site", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["link"] = _link
    env.globals["document_list"] = _document_list
    env.globals["status_badge"] = status_badge
    env.filters["size"] = human_size
    env.filters["sha256"] = sha256_of
    return env


@jinja2.pass_context
def _link(context, target: str) -> str:
    return relative_url(context["here"], target)


@jinja2.pass_context
def _document_list(context, documents: list[Document]) -> Markup:
    return Markup(document_list_html(context["here"], documents, context["gen"]))


def document_list_html(here: str, documents: list[Document], gen: SiteGenerator) -> str:
    """The list of documents on listing pages, in Python: a Jinja macro per item took seconds at 10,000."""
    items = "".join(
        f'<li><a class="xxgk-list__title" href="{relative_url(here, d.url)}">{_list_item(d, gen.status_name(d))}'
        f'{_interpretation_links(here, gen.interpretations(d))}</div></li>\n'
        for d in documents)
    return f'<ul class="xxgk-list">\n{items}</ul>'


def _interpretation_links(here: str, interpretations: list[Document]) -> str:
    return "".join(f'<a class="xxgk-list__interpretation" href="{relative_url(here, i.url)}">政策解读</a>'
                   for i in interpretations)


@functools.lru_cache(maxsize=None)
def _list_item_parts(title: str, status: str, doc_number: str, unit: str, date: str, valid_until: str) -> str:
    number = f"<span>{escape(doc_number)}</span>" if doc_number else ""
    term = f"<span>有效期至 {valid_until}</span>" if valid_until else ""
    return (f'{escape(title)}</a>{status_badge(status)}\n<div class="xxgk-list__meta">{number}<span>{escape(unit)}</span>'
            f'<time datetime="{date}">{date}</time>{term}')


def status_badge(status: str) -> Markup:
    """The 失效/废止 label beside a title; nothing for a document in force or without a status."""
    if not status or status == "有效":
        return Markup("")
    kind = "repealed" if status == "废止" else "expired"
    return Markup(f' <span class="xxgk-status xxgk-status--{kind}">{escape(status)}</span>')


def _list_item(d: Document, status: str) -> str:
    valid_until = d.valid_until.isoformat() if d.valid_until else ""
    return _list_item_parts(d.title, status, d.doc_number, d.unit.name, d.published.isoformat(), valid_until)


