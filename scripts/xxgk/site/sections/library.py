"""The 规范性文件库: the regulations in force and those repealed or expired, as of the build date.

Two libraries, each browsable by unit, year and 主题分类 and downloadable as CSV
and XLSX. Which library a document is in is its status from
`lifecycle.Lifecycle.status`, the same the document's own page shows.
Called by the catalogue section.
"""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.model import urls
from xxgk.model.documents import Document
from xxgk.model.lifecycle import BY_AMENDMENT, BY_EXPIRY, BY_REPEAL, Status, is_regulation
from xxgk.model.spreadsheets import csv_bytes, xlsx_bytes
from xxgk.site.context import Output, SiteContext
from xxgk.site.listings import LIBRARY_TITLE, render_by_year_and_topic, render_listing
from xxgk.site.render import Listing

DOWNLOAD_COLUMNS = [
    "标题",
    "发文字号",
    "发布机构",
    "成文日期",
    "发布日期",
    "有效性",
    "有效期至",
    "永久地址",
    "状态说明",
]
DOWNLOAD_WIDTHS = [48, 22, 24, 12, 12, 8, 12, 50, 48]


@dataclass(frozen=True)
class Library:
    title: str
    short_title: str
    code: str  # its address below gfxwj/
    in_force: bool

    @property
    def url(self) -> str:
        return urls.library(self.code)

    def downloads(self) -> dict[str, str]:
        return {kind: f"{self.url}{self.title}.{kind.lower()}" for kind in ("XLSX", "CSV")}


LIBRARIES = (
    Library("现行有效规范性文件", "现行有效", "xxyx", True),
    Library("已废止和失效规范性文件", "已废止和失效", "fzsx", False),
)


def status_note(status: Status | None, document: Document) -> str:
    """One line on why a document is no longer in force, for the downloads.

    >>> status_note(Status("失效"), None)
    '已失效，失效或废止的日期本站未记载'
    """
    if status is None or status.in_force:
        return ""
    notes = []
    for ending in status.endings:
        if ending.reason == BY_REPEAL:
            notes.append(f"{ending.date} 起被 {ending.by.doc_number or ending.by.title} 废止")
        elif ending.reason == BY_AMENDMENT:
            notes.append(f"{ending.date} 起由修订后的 {ending.by.doc_number or ending.by.title} 替代")
        elif ending.reason == BY_EXPIRY:
            notes.append(f"有效期至 {document.valid_until}，{ending.date} 起失效")
    return "；".join(notes) or f"已{status.name}，失效或废止的日期本站未记载"


def download_row(gen: SiteContext, document: Document) -> list[str]:
    status = gen.status(document)
    return [
        document.title,
        document.doc_number,
        document.unit.name,
        document.written.isoformat(),
        document.published.isoformat(),
        status.name if status else "",
        document.valid_until.isoformat() if document.valid_until else "",
        gen.config.url + document.url,
        status_note(status, document),
    ]


def render_libraries(gen: SiteContext, out: Output) -> list[tuple[Library, int]]:
    """Both libraries and their index; returns each library with its number of documents."""
    regulations = [d for d in gen.documents if is_regulation(d)]
    trail = (urls.HOME_CRUMB, (LIBRARY_TITLE, urls.LIBRARY))
    shelves = []
    for library in LIBRARIES:
        documents = [d for d in regulations if gen.status(d).in_force == library.in_force]
        shelves.append((library, len(documents)))
        render_library(gen, out, library, documents, trail)
    out.add(
        urls.LIBRARY, LIBRARY_TITLE, "library_index.html.j2", meta={"hide": ["toc"]}, trail=trail[:1], shelves=shelves
    )
    return shelves


def render_library(gen: SiteContext, out: Output, library: Library, documents: list[Document], trail: tuple) -> None:
    files = library.downloads()
    rows = [download_row(gen, d) for d in documents]
    title = f"{gen.config.county}{library.title}"
    out.downloads[files["CSV"]] = csv_bytes(DOWNLOAD_COLUMNS, rows)
    out.downloads[files["XLSX"]] = xlsx_bytes(
        title, DOWNLOAD_COLUMNS, rows, gen.build_date, DOWNLOAD_WIDTHS, gen.config.county
    )
    inner = trail + ((library.title, library.url),)
    unit_links = []
    by_unit = gen.group(documents, lambda d: d.unit.code)
    for _, units in gen.units_by_type():
        for unit in units:
            if unit.code in by_unit:
                url = urls.unit_below(library.url, unit.code)
                render_listing(gen, out, Listing(f"{library.title} · {unit.name}", url, inner), by_unit[unit.code])
                unit_links.append((unit.name, url, len(by_unit[unit.code])))
    year_links, topic_links = render_by_year_and_topic(gen, out, documents, library.url, inner, f"{library.title} · ")
    render_listing(
        gen,
        out,
        Listing(library.title, library.url, trail),
        documents,
        template="library.html.j2",
        library=library,
        files=files,
        unit_links=unit_links,
        year_links=year_links,
        topic_links=topic_links,
        other=next(x for x in LIBRARIES if x is not library),
    )
