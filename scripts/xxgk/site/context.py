"""What every section of the site reads: the checked content as of the build date, indexed once.

`SiteContext` is built once per build and only read by the sections: the published
documents newest first, their statuses, the relations between them, the columns and
vocabularies, and `page()`, which renders a template into a `Page`. Each section
collects what it contributes in an `Output` of its own; the generator joins them.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from markupsafe import escape

from xxgk.checks.content import Content
from xxgk.model import urls
from xxgk.model.build_cache import BuildCache, key_of, value_bytes
from xxgk.model.consultations import ConsultationStatus, consultation_status
from xxgk.model.document_kinds import BRIEFING, CONCERN, INTERPRETATION, PROPOSAL, in_own_column
from xxgk.model.documents import Document
from xxgk.model.lifecycle import Lifecycle, Status
from xxgk.model.links import documents_by_file
from xxgk.model.report_format import ANNUAL_REPORTS
from xxgk.model.schema import RELATION_FIELDS
from xxgk.model.units import Unit
from xxgk.model.vocabulary import Term
from xxgk.search.records import SearchRecord
from xxgk.site.render import KeptTemplates, Page, environment, html_block_marker, newest_first, split_markdown

FDZDGKNR = "法定主动公开内容"
RESPONSES_TITLE = "解读回应"
RESPONSE_URLS = {
    INTERPRETATION.name: urls.INTERPRETATIONS,
    CONCERN.name: urls.CONCERNS,
    BRIEFING.name: urls.BRIEFINGS,
    PROPOSAL.name: urls.PROPOSALS,
}  # each kind of document_kinds.RESPONSE_KINDS
HOME_LATEST = 10


def published_documents(content: Content, build_date: dt.date) -> list[Document]:
    """Documents whose 发布日期 has come, newest first."""
    return newest_first([d for d in content.documents if d.published <= build_date])


class SiteContext:
    def __init__(
        self,
        content: Content,
        build_date: dt.date,
        page_cache: dict | None = None,
        preview: bool = False,
        kept: BuildCache | None = None,
    ):
        self.content = content
        self.preview = preview
        self.page_cache = {} if page_cache is None else page_cache  # the preview's, kept between rebuilds
        self.kept = kept  # the build cache, where pages are kept for the next build by their inputs
        self._kept_context = key_of(value_bytes((build_date, content.config))) if kept else ""
        # id of a document (all live as long as this) -> its key: from the load where it has one
        self._document_keys: dict[int, str] = dict(content.document_keys)
        self.config = content.config
        self.build_date = build_date
        self.documents = published_documents(content, build_date)
        self.by_index = {str(d.index_number): d for d in self.documents}
        self.by_file = documents_by_file(self.documents)
        self.by_unit: dict[str, list[Document]] = defaultdict(list)
        for document in self.documents:
            self.by_unit[document.unit.name].append(document)
        # The four columns list the documents of 法定主动公开内容 and the other three; the kinds of
        # 解读回应 (政策解读 …) are listed in their own columns, so none is counted twice.
        self.column_documents = [d for d in self.documents if not in_own_column(d)]
        self.of_kind: dict[str, list[Document]] = defaultdict(list)
        for document in self.documents:
            if document.kind:
                self.of_kind[document.kind].append(document)
        self.reports = [r for r in content.reports if r.published <= build_date]
        self.lifecycle = Lifecycle(content.documents)
        self._statuses: dict[str, Status | None] = {
            str(d.index_number): self.lifecycle.status(d, build_date) for d in self.documents
        }
        # incoming[target][attr]: the documents that name `target` in their field `attr`.
        self.incoming: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
        for document in self.documents:
            for spec in RELATION_FIELDS:
                for target in getattr(document, spec.attr):
                    self.incoming[target][spec.attr].append(document)
        self.columns = list(self.config.vocabularies["栏目"].terms)
        self.column_by_name = {term.name: term for term in self.columns}
        self.categories = list(self.config.vocabularies["信息类别"].terms)
        self.category_by_name = {term.name: term for term in self.categories}
        self.topics = list(self.config.vocabularies["主题分类"].terms)
        self.alternates: dict[str, list[dict[str, str]]] = {}  # page address -> its feeds and data
        self._env = environment()
        # With the build cache, the templates compiled by the last build (a second of every build).
        self._env.bytecode_cache = KeptTemplates(kept) if kept else None

    def with_alternates(self, alternates: dict[str, list[dict[str, str]]]) -> SiteContext:
        """The same context, with these autodiscovery links in the pages' heads."""
        changed = copy.copy(self)
        changed.alternates = alternates
        return changed

    def page(
        self,
        url: str,
        title: str,
        template: str,
        meta: dict | None = None,
        html_blocks: dict[str, str] | None = None,
        **context,
    ) -> Page:
        """A template rendered into a page at `url`."""
        pieces: list[str] = []
        output = self._env.get_template(template).render(
            here=url,
            site=self.config,
            title=title,
            build_date=self.build_date,
            gen=self,
            urls=urls,
            markdown_pieces=pieces,
            **context,
        )
        body, template_blocks = split_markdown(output, pieces, template)
        # The theme prints page titles unescaped (MkDocs' Jinja does not autoescape): escape here.
        front = {"title": str(escape(title)), **(meta or {})}
        if url in self.alternates:
            front["alternates"] = self.alternates[url]
        # JSON is YAML, and dumps much faster than PyYAML at ten thousand pages.
        markdown = "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n\n" + body
        blocks = tuple(
            (html_block_marker(name), html) for name, html in {**template_blocks, **(html_blocks or {})}.items()
        )
        return Page(url, title, markdown, context.get("trail", ()), blocks)

    def _document_key(self, document: Document) -> str:
        """A document's key, which stands for it in the keys of the pages and records that show it."""
        key = self._document_keys.get(id(document))
        if key is None:
            key = self._document_keys[id(document)] = key_of(value_bytes(document))
        return key

    def kept_value(self, kind: str, inputs, make):
        """`make()`, or what it returned for the same `inputs` in the last build, if kept.

        `inputs` must hold all that `make` reads besides the build date and the site's settings;
        in them a document stands for itself by its own key (hashed once, not in every value).
        """
        if not self.kept:
            return make()
        key = key_of(self._kept_context, kind, value_bytes(inputs, {Document: self._document_key}))
        data = self.kept.get(kind, key)
        if data is not None:
            try:
                return pickle.loads(data)
            except Exception:  # unreadable: make it again
                pass
        value = make()
        self.kept.put(kind, key, pickle.dumps(value))
        return value

    # -- questions the sections and templates ask -------------------------------------

    def column_of(self, document: Document) -> Term:
        """法定主动公开内容, unless the document's 信息类别 is another column."""
        return self.column_by_name.get(document.category) or self.column_by_name[FDZDGKNR]

    def status(self, document: Document) -> Status | None:
        """Its status on the build date (lifecycle.Lifecycle.status); None where it has none."""
        key = str(document.index_number)
        if key not in self._statuses:  # an unpublished document named by a published one
            self._statuses[key] = self.lifecycle.status(document, self.build_date)
        return self._statuses[key]

    def status_name(self, document: Document) -> str:
        status = self.status(document)
        return status.name if status else ""

    def statuses(self) -> dict[str, str]:
        """索引号 -> 有效/失效/废止 of the published documents that have a status."""
        return {key: status.name for key, status in self._statuses.items() if status}

    def consultation(self, document: Document) -> ConsultationStatus | None:
        """意见征集: its status on the build date; None for other documents."""
        return consultation_status(document, self.build_date)

    def related(self, document: Document, attr: str) -> list[Document]:
        """The published documents that name this one in their relation field `attr`."""
        return self.incoming[str(document.index_number)][attr]

    def interpretations(self, document: Document) -> list[Document]:
        """The published interpretations (解读) of a policy."""
        return self.related(document, "interprets")

    def documents_of(self, unit: Unit) -> list[Document]:
        """The unit's published documents, newest first."""
        return self.by_unit.get(unit.name, [])

    def column_documents_of(self, unit: Unit) -> list[Document]:
        """The unit's published documents in the four columns (not those of 解读回应), newest first."""
        return [d for d in self.documents_of(unit) if not in_own_column(d)]

    def column_url(self, term: Term) -> str:
        return urls.column(term.code)

    def category_url(self, term: Term) -> str:
        return urls.category(term.code, self.column_url(self.column_by_name[FDZDGKNR]))

    @staticmethod
    def unit_url(unit: Unit) -> str:
        return urls.unit(unit.code)

    def column_count(self, term: Term, documents: list[Document], unit: Unit | None = None) -> int:
        """Items in a column: its documents, and in 政府信息公开年报 also the annual reports."""
        if term.name != ANNUAL_REPORTS:
            return len(documents)
        return len(documents) + sum(1 for r in self.reports if unit is None or r.unit == unit)

    @staticmethod
    def group(documents: list, key) -> dict:
        grouped = defaultdict(list)
        for document in documents:
            grouped[key(document)].append(document)
        return grouped

    def unit_counts(self) -> Counter:
        return Counter(document.unit.code for document in self.documents)

    def specials_of(self) -> dict[str, list[str]]:
        """索引号 -> the names of the 专题 (站点.yml) that gather the published document."""
        return {
            str(d.index_number): found
            for d in self.documents
            if (found := [special.name for special in self.config.specials if special.gathers(d)])
        }

    def kind_url(self, kind_name: str) -> str:
        """The column of a kind of 解读回应."""
        return RESPONSE_URLS[kind_name]

    def units_by_type(self) -> list[tuple[str, list[Unit]]]:
        order = {name: i for i, name in enumerate(self.config.vocabularies["单位类型"].names())}
        units = sorted(self.content.units, key=lambda u: order.get(u.type, len(order)))
        return [(kind, list(group)) for kind, group in groupby(units, key=lambda u: u.type)]


@dataclass
class Output:
    """What one section contributes: its pages, its downloads and its records in the site search."""

    site: SiteContext
    pages: list[Page] = field(default_factory=list)
    downloads: dict[str, bytes] = field(default_factory=dict)  # address -> file
    search_records: list[SearchRecord] = field(default_factory=list)

    def add(
        self,
        url: str,
        title: str,
        template: str,
        meta: dict | None = None,
        html_blocks: dict[str, str] | None = None,
        **context,
    ) -> Page:
        page = self.site.page(url, title, template, meta, html_blocks, **context)
        self.pages.append(page)
        return page

    def include(self, other: Output) -> Output:
        self.pages += other.pages
        self.downloads.update(other.downloads)
        self.search_records += other.search_records
        return self
