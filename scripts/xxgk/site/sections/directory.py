"""机构职能目录 and 制度文件汇编: what the unit registry and the 制度 documents give without extra data.

- The 机构职能目录 (条例 art. 20 item 2): each unit's page already shows its
  functions, 内设机构, address, hours, phone and head from `content/单位.yml`;
  `jgzn/` is the county-wide directory, as a table and as CSV and XLSX.
- The 制度文件汇编 (`zdhb/<统一社会信用代码>/`): per unit, the full text of its
  政府信息公开制度 documents on one printable page, those no longer in force
  listed after them.

Called by the catalogue section.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from xxgk.model import urls
from xxgk.model.links import rewrite_links
from xxgk.model.spreadsheets import csv_bytes, xlsx_bytes
from xxgk.model.units import Unit
from xxgk.site.context import Output, SiteContext
from xxgk.site.listings import DIRECTORY_TITLE, RULES, unit_rules
from xxgk.site.render import relative_url

DIRECTORY_COLUMNS = [
    "机构名称",
    "机构类型",
    "上级单位",
    "负责人",
    "办公地址",
    "邮政编码",
    "办公时间",
    "联系电话",
    "传真",
    "电子邮箱",
    "主要职能",
    "内设机构",
]
_HEADING = re.compile(r"^(#{1,5})(?=\s)", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)


def directory_row(unit: Unit) -> list[str]:
    departments = "\n".join(f"{d.name}：{d.duties}" if d.duties else d.name for d in unit.departments)
    return [
        unit.name,
        unit.type,
        unit.parent,
        unit.head,
        unit.address,
        unit.postcode,
        unit.hours,
        unit.phone,
        unit.fax,
        unit.email,
        unit.functions.strip(),
        departments,
    ]


def render_directory(gen: SiteContext, out: Output) -> tuple[str, str, str, str]:
    units = [unit for _, group in gen.units_by_type() for unit in group]
    title = f"{gen.config.county}{DIRECTORY_TITLE}"
    rows = [directory_row(unit) for unit in units]
    files = {"XLSX": urls.file_in(urls.DIRECTORY, f"{title}.xlsx"), "CSV": urls.file_in(urls.DIRECTORY, f"{title}.csv")}
    out.downloads[files["CSV"]] = csv_bytes(DIRECTORY_COLUMNS, rows)
    out.downloads[files["XLSX"]] = xlsx_bytes(
        title,
        DIRECTORY_COLUMNS,
        rows,
        gen.build_date,
        [24, 12, 20, 10, 30, 10, 30, 16, 16, 22, 60, 40],
        gen.config.county,
    )
    out.add(
        urls.DIRECTORY,
        DIRECTORY_TITLE,
        "directory.html.j2",
        meta={"hide": ["navigation", "toc"]},
        trail=(urls.HOME_CRUMB, urls.CATALOGUES_CRUMB),
        groups=gen.units_by_type(),
        files=files,
        total=len(units),
    )
    return (
        DIRECTORY_TITLE,
        urls.DIRECTORY,
        f"{len(units)} 个单位",
        "各单位的职能、内设机构、办公地址、办公时间、联系电话和负责人，可下载",
    )


def render_compilations(gen: SiteContext, out: Output) -> None:
    """制度文件汇编: per unit, its 制度 documents in full on one printable page; staff's Markdown, cleaned."""
    column = gen.column_by_name.get(RULES)
    for unit in gen.content.units:
        rules = unit_rules(gen, unit)
        if not rules:
            continue
        in_force, ended = [], []
        for d in rules:
            status = gen.status(d)
            (in_force if status is None or status.in_force else ended).append(d)
        url = urls.compilation(unit.code)
        trail = (urls.HOME_CRUMB, urls.UNITS_CRUMB, (unit.name, gen.unit_url(unit)))
        if column:
            trail += ((column.name, urls.unit_column(unit.code, column.code)),)
        bodies = {d.url: demoted(rewrite_links(d, gen.by_file, relative_url, here=url)) for d in in_force}
        out.add(
            url,
            f"{unit.name}{RULES}汇编",
            "compilation.html.j2",
            trail=trail,
            unit=unit,
            documents=in_force,
            ended=ended,
            bodies=bodies,
        )


def demoted(body: str) -> Markup:
    """A document's Markdown with its headings one level lower, to sit under the document's own title.

    >>> str(demoted("## 第一章\\n正文"))
    '### 第一章\\n正文'
    """
    parts = _FENCE.split(body)
    out, fenced = [], False
    for part in parts:
        if _FENCE.fullmatch(part):
            fenced = not fenced
            out.append(part)
        else:
            out.append(part if fenced else _HEADING.sub(lambda m: m.group(1) + "#", part))
    return Markup("".join(out))
