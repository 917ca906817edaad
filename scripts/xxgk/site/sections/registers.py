"""The pages of the registers: one per unit and one county-wide, with a filter, counts and downloads.

A county 权责清单 runs to thousands of rows, so rows are written here in Python
(as pages._document_list does) and the page stays one plain table: without
JavaScript every row is there; with it, `assets/xxgk-register.js` adds a filter
box and one row of buttons per facet (事项类型; 领域, 公开方式, 公开层级). On a
narrow screen each row becomes a card (CSS), its long cells folded into a
<details> under the row's name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath

from markupsafe import Markup, escape

from xxgk.model import urls
from xxgk.model.register_kinds import KINDS, SERVICE_GUIDES, Register, RegisterKind, RegisterRow
from xxgk.model.spreadsheets import csv_bytes, xlsx_bytes
from xxgk.model.units import Unit
from xxgk.search.records import BODY_MARK, SearchRecord, search_text
from xxgk.site.cells import cell_html, text_html
from xxgk.site.context import Output, SiteContext
from xxgk.site.outputs.feeds import FeedItem
from xxgk.site.render import html_block_marker, relative_url
from xxgk.site.sections.progress import Progress, register_progress, render_progress
from xxgk.site.sections.service_guides import guide_url, render_guide_pages

UNIT_COLUMN = "单位"
TABLE = "register-table"
NAME_CLASS = ' class="xxgk-register__name"'
WIDE_COLUMNS = ("单位", "实施主体", "承办机构", "公开主体", "监督电话")  # names of units and phone numbers
TEXT_COLUMNS = ("公开内容",)
WIDTHS = {
    "单位": 24,
    "事项名称": 30,
    "二级事项": 30,
    "实施依据": 48,
    "责任事项": 48,
    "追责情形": 48,
    "公开内容（要素）": 40,
    "公开依据": 40,
    "公开渠道和载体": 30,
}


@dataclass(frozen=True)
class Facet:
    index: int  # the row attribute data-f<index> holds its values
    column: str
    counts: list[tuple[str, int]]  # value -> rows, in vocabulary order (or first seen)


def register_url(kind: RegisterKind, unit: Unit | None = None) -> str:
    return urls.register(kind.code, unit.code if unit else None)


def register_title(gen: SiteContext, kind: RegisterKind, unit: Unit | None = None) -> str:
    return f"{unit.name if unit else gen.config.county}{kind.name}"


def ordered(gen: SiteContext, registers: list[Register]) -> list[Register]:
    """Units in the registry's order by type, as everywhere else on the site."""
    position = {unit.code: i for i, unit in enumerate(u for _, group in gen.units_by_type() for u in group)}
    return sorted(registers, key=lambda r: position.get(r.unit.code, len(position)))


def facets(gen: SiteContext, kind: RegisterKind, rows: list[RegisterRow]) -> list[Facet]:
    found = []
    for index, column in enumerate(kind.facets):
        counts = Counter(term for row in rows for term in row.terms(column))
        spec = next(c for c in kind.columns if c.name == column)
        order = gen.config.vocabularies[spec.vocabulary].names() if spec.vocabulary else list(counts)
        found.append(Facet(index, column, [(value, counts[value]) for value in order if counts[value]]))
    return found


def download_rows(kind: RegisterKind, registers: list[Register]) -> list[list[str]]:
    return [
        [register.unit.name] + [row.get(name) for name in kind.column_names]
        for register in registers
        for row in register.rows
    ]


def download_urls(url: str, title: str) -> dict[str, str]:
    return {"XLSX": urls.file_in(url, f"{title}.xlsx"), "CSV": urls.file_in(url, f"{title}.csv")}


def register_downloads(gen: SiteContext) -> list[tuple[str, str, dict[str, str]]]:
    """Each register kind that has rows: its county page and the addresses of its CSV and XLSX (open data)."""
    return [
        (kind.name, register_url(kind), download_urls(register_url(kind), register_title(gen, kind)))
        for kind in KINDS
        if any(register.kind is kind for register in gen.content.registers)
    ]


def register_feed_items(gen: SiteContext, kind: RegisterKind) -> list[FeedItem]:
    """A register's rows as feed items, dated by its date column (政务新媒体: 核查日期), up to the build date."""
    items = []
    for register in ordered(gen, [r for r in gen.content.registers if r.kind is kind]):
        for row, anchor in zip(register.rows, row_anchors(kind, register)):
            day = dt.date.fromisoformat(row.get(kind.date_column))
            if day > gen.build_date:
                continue
            facts = [
                f"{name}：{row.get(name)}" for name in kind.shown[1:] if row.get(name) and not kind.column(name).image
            ]
            items.append(
                FeedItem(
                    f"{register.unit.name}：{row.get(kind.title_column)}",
                    register_url(kind, register.unit) + "#" + anchor,
                    day,
                    register.unit.name,
                    kind.name,
                    "；".join(facts),
                )
            )
    return items


def add_downloads(
    gen: SiteContext, out: Output, kind: RegisterKind, registers: list[Register], url: str, title: str
) -> dict[str, str]:
    header = [UNIT_COLUMN] + kind.column_names
    rows = download_rows(kind, registers)
    files = download_urls(url, title)
    out.downloads[files["CSV"]] = csv_bytes(header, rows)
    out.downloads[files["XLSX"]] = xlsx_bytes(
        title, header, rows, gen.build_date, [WIDTHS.get(name, 14) for name in header], gen.config.county
    )
    return files


def render_registers(gen: SiteContext, out: Output) -> list[tuple[str, str, str, str, Progress]]:
    """Every register page and its 完成情况; returns the entries of the 文件库和清单 page."""
    table = Markup(html_block_marker(TABLE))  # the table goes in after Markdown: see pages.Page
    entries = []
    for kind in KINDS:
        registers = ordered(gen, [r for r in gen.content.registers if r.kind is kind])
        county_title = register_title(gen, kind)
        trail = (urls.HOME_CRUMB, urls.CATALOGUES_CRUMB)
        progress = register_progress(gen, kind, registers)
        render_progress(gen, out, progress, trail)
        for register in registers:
            url = register_url(kind, register.unit)
            title = register_title(gen, kind, register.unit)
            files = add_downloads(gen, out, kind, [register], url, title)
            for row in register.rows:
                for name, path in row.files.items():
                    out.downloads[picture_url(kind, register, row, name)] = path.read_bytes()
            out.search_records.append(register_search_record(kind, register, url, title))
            out.add(
                url,
                title,
                "register.html.j2",
                meta={"hide": ["navigation", "toc"]},
                trail=trail + ((county_title, register_url(kind)),),
                kind=kind,
                unit=register.unit,
                registers=[register],
                progress=None,
                files=files,
                facets=facets(gen, kind, register.rows),
                total=len(register.rows),
                table=table,
                html_blocks={TABLE: register_table(gen, url, kind, [register], with_unit=False)},
            )
            if kind is SERVICE_GUIDES:
                render_guide_pages(gen, out, register, trail + ((county_title, register_url(kind)), (title, url)))
        files = add_downloads(gen, out, kind, registers, register_url(kind), county_title)
        rows = [row for register in registers for row in register.rows]
        # County-wide, readers also filter by unit: its buttons follow the columns' facets.
        unit_facet = Facet(len(kind.facets), UNIT_COLUMN, [(r.unit.name, len(r.rows)) for r in registers])
        out.add(
            register_url(kind),
            county_title,
            "register.html.j2",
            meta={"hide": ["navigation", "toc"]},
            trail=trail,
            kind=kind,
            unit=None,
            registers=registers,
            progress=progress,
            files=files,
            facets=facets(gen, kind, rows) + [unit_facet],
            total=len(rows),
            table=table,
            html_blocks={TABLE: register_table(gen, register_url(kind), kind, registers, with_unit=True)},
        )
        entries.append(
            (
                kind.name,
                register_url(kind),
                f"{len(registers)} 个单位，{len(rows)} 项",
                kind.description or DESCRIPTIONS[kind.name],
                progress,
            )
        )
    return entries


DESCRIPTIONS = {  # the registers declared before RegisterKind.description
    "权责清单": "各单位的行政职权和公共服务事项：事项类型、实施依据、实施主体、责任事项、追责情形和监督电话，可筛选、可下载",
    "政务公开事项标准目录": "基层政务公开标准化规范化目录：公开事项、内容、依据、时限、主体、渠道和载体、对象、方式和层级，可筛选、可下载",
    "办事指南": "各单位办理事项的条件、材料、流程、时限、收费、地点和电话，一事一页，可打印，可筛选、可下载",
}


def picture_url(kind: RegisterKind, register: Register, row: RegisterRow, column: str) -> str:
    return urls.register_file(
        kind.code, register.unit.code, PurePosixPath(row.get(column).replace("\\", "/")).as_posix()
    )


def row_anchors(kind: RegisterKind, register: Register) -> list[str]:
    """Each row's id on the pages, from its unit, name and first facet, so a feed's link survives
    reordering; a row named like one above it gets -2, -3 ….

    >>> from xxgk.model.register_kinds import NEW_MEDIA
    >>> row = RegisterRow(3, {"账号名称": "松岭发布", "平台": "微博"})
    >>> row_anchors(NEW_MEDIA, Register(NEW_MEDIA, Unit("甲", "X", "县政府部门"), PurePosixPath("a.yml"), [row, row]))
    ['r-d9a35e94', 'r-d9a35e94-2']
    """
    anchors: list[str] = []
    seen: Counter = Counter()
    for row in register.rows:
        key = "|".join([register.unit.code, row.get(kind.title_column), *(row.get(f) for f in kind.facets[:1])])
        anchor = "r-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
        seen[anchor] += 1
        anchors.append(anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}")
    return anchors


def register_search_record(kind: RegisterKind, register: Register, url: str, title: str) -> SearchRecord:
    """A unit's register in the site search: found by its items' names, under its own 信息类别."""
    names = [
        " ".join(filter(None, (row.get(kind.title_column), *(row.get(f) for f in kind.facets + kind.searched))))
        for row in register.rows
    ]
    return SearchRecord(
        url=url,
        content=" ".join(
            [search_text(f"{title}\n{title}\n{register.unit.name}"), BODY_MARK, search_text("\n".join(names))]
        ),
        meta={"title": title, "unit": register.unit.name},
        filters={"unit": [register.unit.name], "category": [kind.name]},
        sort={},
    )


def unit_register_links(gen: SiteContext, unit: Unit) -> list[tuple[str, str]]:
    return [
        (register.kind.name, register_url(register.kind, unit))
        for register in gen.content.registers
        if register.unit == unit
    ]


# -- the table ------------------------------------------------------------------------------


def register_table(
    gen: SiteContext, here: str, kind: RegisterKind, registers: list[Register], with_unit: bool
) -> Markup:
    shown = ([UNIT_COLUMN] if with_unit else []) + list(kind.shown)
    folded = [name for name in kind.column_names if name not in kind.shown]
    head = "".join(f'<th scope="col"{_header_class(kind, name)}>{escape(name)}</th>' for name in ["序号"] + shown)
    lines = []
    number = 0
    for register in registers:
        unit_url = relative_url(here, register_url(kind, register.unit))
        unit_link = f'<a href="{unit_url}">{escape(register.unit.name)}</a>'
        unit_key = f' data-f{len(kind.facets)}="{escape(register.unit.name)}"' if with_unit else ""
        for row, anchor in zip(register.rows, row_anchors(kind, register)):
            number += 1
            keys = (
                "".join(f' data-f{i}="{escape("|".join(row.terms(column)))}"' for i, column in enumerate(kind.facets))
                + unit_key
            )
            cells = [f'<td data-label="序号">{number}</td>']
            for name in shown:
                if name == UNIT_COLUMN:
                    content = unit_link
                elif name == kind.title_column and kind is SERVICE_GUIDES:
                    content = f'<a href="{relative_url(here, guide_url(register, row))}">{text_html(row.get(name))}</a>'
                elif name == kind.title_column:
                    content = _title_cell(row, name, folded)
                elif kind.column(name).image:
                    content = _picture_cell(here, kind, register, row, name)
                elif kind.column(name).relations:
                    content = _documents_cell(gen, here, row, name)
                else:
                    content = cell_html(row, name, kind)
                css = NAME_CLASS if name == kind.title_column else ""
                cells.append(f'<td data-label="{escape(name)}"{css}>{content}</td>')
            lines.append(f'<tr id="{anchor}"{keys}>{"".join(cells)}</tr>')
    body = "\n".join(lines)
    return Markup(
        f'<table class="xxgk-register__table">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'
    )


def _header_class(kind: RegisterKind, name: str) -> str:
    if name == kind.title_column:
        return NAME_CLASS
    if name in TEXT_COLUMNS:
        return ' class="xxgk-register__text"'  # a sentence or two in every row
    return ' class="xxgk-register__wide"' if name in WIDE_COLUMNS else ""


def _documents_cell(gen: SiteContext, here: str, row: RegisterRow, column: str) -> str:
    """The documents a row names, by title; one not yet published by its 索引号, unlinked."""
    parts = [
        f'<a href="{relative_url(here, document.url)}">{escape(document.title)}</a>'
        if (document := gen.by_index.get(number))
        else str(escape(number))
        for number in row.terms(column)
    ]
    return "<br>".join(parts) or "—"


def register_mentions(gen: SiteContext) -> dict[str, list[tuple[str, str, str, str]]]:
    """索引号 -> where registers name the document: (register, row's name, column, address of the row)."""
    found: dict[str, list[tuple[str, str, str, str]]] = {}
    for kind in KINDS:
        columns = [c.name for c in kind.columns if c.relations]
        for register in ordered(gen, [r for r in gen.content.registers if r.kind is kind]) if columns else ():
            title = register_title(gen, kind, register.unit)
            for row, anchor in zip(register.rows, row_anchors(kind, register)):
                for column in columns:
                    for number in row.terms(column):
                        address = register_url(kind, register.unit) + "#" + anchor
                        found.setdefault(number, []).append((title, row.get(kind.title_column), column, address))
    return found


def _picture_cell(here: str, kind: RegisterKind, register: Register, row: RegisterRow, column: str) -> str:
    if not row.get(column):
        return "—"
    source = relative_url(here, picture_url(kind, register, row, column))
    alt = f"{row.get(kind.title_column)}{'（' + row.get(kind.facets[0]) + '）' if kind.facets else ''}{column}"
    return f'<img class="xxgk-register__picture" src="{escape(source)}" alt="{escape(alt)}" width="96" loading="lazy">'


def _title_cell(row: RegisterRow, name: str, folded: list[str]) -> str:
    details = "".join(
        f"<dt>{escape(column)}</dt><dd>{text_html(row.get(column))}</dd>" for column in folded if row.get(column)
    )
    title = text_html(row.get(name))
    if not details:
        return title
    return f"<details><summary>{title}</summary><dl>{details}</dl></details>"
