"""Pages as the renderer receives them, and the pieces of HTML every section writes the same way.

Pages are Markdown strings with a little YAML meta and HTML blocks, so any
Python-Markdown renderer (MkDocs today) can turn them into the site. What the
templates write is HTML already: only what staff wrote in Markdown (a
document's body, a report's prose, marked with the `markdown` filter) goes
through the renderer's Markdown pass; the rest of a page is handed over as HTML
blocks (`split_markdown`), which Markdown would only parse again, slowly. Addresses
are directory style (`doc/<前段码>/<年份-流水号>/`); links between generated
pages are computed here as relative URLs, so they work under any base path.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape

from xxgk.model.attached_files import human_size, sha256_of
from xxgk.model.documents import Document
from xxgk.site.formats import FORMATS_BY_LABEL


@dataclass(frozen=True)
class Page:
    url: str  # directory style, "" for the home page
    title: str
    markdown: str
    trail: tuple[tuple[str, str], ...] = ()  # (title, url) of the pages above
    # (marker, HTML) to put in place of the marker after Markdown is rendered: large finished
    # HTML (a register's thousands of rows) that Markdown would only parse again, slowly.
    html_blocks: tuple[tuple[str, str], ...] = ()
    # Addresses besides the site's own that the page's scripts read (its Content-Security-Policy).
    connect: tuple[str, ...] = ()

    @property
    def src_path(self) -> str:
        return self.url + "index.md"


def html_block_marker(name: str) -> str:
    """Where a page's HTML block goes; an HTML comment passes through Markdown untouched."""
    return f"<!--xxgk-block:{name}-->"


# Where the `markdown` filter put a piece of Markdown in a template's output: NUL never occurs in
# what staff write (sources.py refuses control characters) nor in the templates.
_MARKDOWN_PIECE = re.compile("\x00xxgk-markdown:([0-9]+)\x00")
# Templates written in Markdown themselves (headings that the table of contents lists).
MARKDOWN_TEMPLATES = frozenset({"report.html.j2"})


@jinja2.pass_context
def _markdown(context, text: str) -> Markup:
    pieces = context["markdown_pieces"]
    pieces.append(str(text))
    return Markup(f"\x00xxgk-markdown:{len(pieces) - 1}\x00")


def split_markdown(output: str, pieces: list[str], template: str) -> tuple[str, dict[str, str]]:
    """A template's output as the Markdown to render and the HTML blocks to put in afterwards.

    Each stretch of HTML between two Markdown pieces becomes one HTML block, in the Markdown
    as its marker; a template written in Markdown is kept whole, its pieces put back in place.
    """
    if template in MARKDOWN_TEMPLATES:
        return _MARKDOWN_PIECE.sub(lambda found: pieces[int(found[1])], output), {}
    markdown, blocks = [], {}
    for number, part in enumerate(_MARKDOWN_PIECE.split(output)):
        if number % 2:
            markdown.append(pieces[int(part)])
        elif part.strip():
            name = f"html-{number // 2}"
            blocks[name] = part.strip()
            markdown.append(html_block_marker(name))
    return "\n\n".join(markdown), blocks


@dataclass
class NavItem:
    title: str
    url: str
    children: list[NavItem] = field(default_factory=list)


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


class KeptTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in the build cache (`get`, `put`), so a build does not compile them again.

    Jinja checks each against its template's source before use.
    """

    KIND = "compiled template"

    def __init__(self, kept) -> None:
        self.kept = kept

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.kept.get(self.KIND, bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept.put(self.KIND, bucket.key, bucket.bytecode_to_string())


@functools.cache  # one per process: the preview's rebuilds reuse the compiled templates
def environment() -> jinja2.Environment:
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
    env.globals["formats"] = FORMATS_BY_LABEL  # every format label with its Chinese name and line
    env.filters["markdown"] = _markdown
    env.filters["size"] = human_size
    env.filters["sha256"] = sha256_of
    return env


@jinja2.pass_context
def _link(context, target: str) -> str:
    return relative_url(context["here"], target)


@jinja2.pass_context
def _document_list(context, documents: list[Document], catalogue: bool = False) -> Markup:
    site = context["gen"]
    return Markup(document_list_html(context["here"], documents, site.status_name, site.interpretations, catalogue))


def document_list_html(
    here: str,
    documents: list[Document],
    status_name: Callable[[Document], str],
    interpretations: Callable[[Document], list[Document]],
    catalogue: bool = False,
) -> str:
    """The list of documents on listing pages, in Python: a Jinja macro per item took seconds at 10,000.

    A `catalogue` is a 政府信息公开目录 (条例 art. 12): each row shows the document's 索引号.
    """
    items = "".join(
        f'<li><a class="xxgk-list__title" href="{relative_url(here, d.url)}">{_list_item(d, status_name(d), catalogue)}'
        f"{_interpretation_links(here, interpretations(d))}</div></li>\n"
        for d in documents
    )
    return f'<ul class="xxgk-list">\n{items}</ul>'


def _interpretation_links(here: str, interpretations: list[Document]) -> str:
    return "".join(
        f'<a class="xxgk-list__interpretation" href="{relative_url(here, i.url)}">政策解读{_form(i)}</a>'
        for i in interpretations
    )


def _form(interpretation: Document) -> str:
    form = interpretation.interpretation_form
    return f"（{form}）" if form and form != "文字" else ""


@functools.lru_cache(maxsize=100_000)  # one entry per listed document: bounded, as the preview runs for hours
def _list_item_parts(
    title: str,
    status: str,
    index_number: str,
    doc_number: str,
    unit: str,
    date: str,
    valid_until: str,
    label: str = "",
) -> str:
    # The 索引号 never breaks inside: its label may go to the line above it.
    index = (
        f'<span class="xxgk-list__index">索引号 <span class="xxgk-nowrap">{escape(index_number)}</span></span>'
        if index_number
        else ""
    )
    number = f"<span>{escape(doc_number)}</span>" if doc_number else ""
    term = f"<span>有效期至 {valid_until}</span>" if valid_until else ""
    tag = f' <span class="xxgk-tag">{escape(label)}</span>' if label else ""
    return (
        f'{escape(title)}</a>{status_badge(status)}{tag}\n<div class="xxgk-list__meta">{index}{number}'
        f'<span>{escape(unit)}</span><time datetime="{date}">{date}</time>{term}'
    )


def status_badge(status: str) -> Markup:
    """The 失效/废止 label beside a title; nothing for a document in force or without a status."""
    if not status or status == "有效":
        return Markup("")
    kind = "repealed" if status == "废止" else "expired"
    return Markup(f' <span class="xxgk-status xxgk-status--{kind}">{escape(status)}</span>')


def _list_item(d: Document, status: str, catalogue: bool) -> str:
    valid_until = d.valid_until.isoformat() if d.valid_until else ""
    index_number = d.index_number.text if catalogue else ""
    # An interpretation in pictures or an interview, and a concern's source, show beside the title.
    label = d.interpretation_form if d.interpretation_form in ("图解", "访谈") else d.concern_source or d.proposal_type
    return _list_item_parts(
        d.title, status, index_number, d.doc_number, d.unit.name, d.published.isoformat(), valid_until, label
    )
