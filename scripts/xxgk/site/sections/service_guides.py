"""办事指南: one page per service, printable on A4, and its record in the site search.

Guides are a register (registers.SERVICE_GUIDES): one file per unit in
`content/办事指南/`, YAML, CSV or XLSX, read and checked cell by cell there. The
unit and county lists with their filter box are the register pages
(register_pages); here are each guide's own page (`bszn/<单位代码>/<编号>/`,
the 编号 derived from the 事项名称 so it survives reordering the rows), its
record in the site search. The checks across rows are checks.service_guides.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from xxgk.model import urls
from xxgk.model.register_kinds import SERVICE_GUIDES, Register, RegisterRow
from xxgk.search.records import BODY_MARK, SearchRecord, search_text
from xxgk.site.cells import cell_html
from xxgk.site.context import Output, SiteContext

# The fields of a guide in the order of the printed page, after its name and type.
GUIDE_SECTIONS = (
    "设定依据",
    "受理条件",
    "申请材料",
    "办理流程",
    "法定办结时限",
    "承诺办结时限",
    "收费标准",
    "办理地点",
    "办理时间",
    "咨询电话",
    "监督电话",
    "网上办理",
    "更新日期",
)


def guide_key(row: RegisterRow) -> str:
    """A short stable code for the guide's address, from its name.

    >>> guide_key(RegisterRow(2, {"事项名称": "临时救助申请"}))
    '98c0e6e6'
    """
    return hashlib.sha256(row.get("事项名称").encode("utf-8")).hexdigest()[:8]


def guide_url(register: Register, row: RegisterRow) -> str:
    return urls.service_guide(SERVICE_GUIDES.code, register.unit.code, guide_key(row))


_MATERIAL = re.compile(r"^(?P<name>.+?)\s*[（(](?P<note>[^（）()]*)[）)]\s*$")
_FORM = re.compile(r"原件(?:及|和|与)复印件|原件|复印件")
_COPIES = re.compile(r"(?P<each>各)?\s*(?P<count>\d+)\s*(?P<measure>份|张|页|套|本|件)")


@dataclass(frozen=True)
class Material:
    """One line of 申请材料: what to bring, original or copy, and how many."""

    name: str
    form: str = ""  # 原件 / 复印件 / 原件及复印件
    copies: str = ""  # 1份, 各1份, 2张
    note: str = ""  # what else the bracket says, e.g. 助产机构提供


def parse_materials(text: str) -> list[Material]:
    r"""
    >>> parse_materials("居民身份证（原件1份）\n父母双方居民身份证（复印件各1份）\n出生信息（助产机构提供）")[1]
    Material(name='父母双方居民身份证', form='复印件', copies='各1份', note='')
    """
    materials = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        match = _MATERIAL.match(line)
        if not match:
            materials.append(Material(line))
            continue
        note = match["note"]
        form = _FORM.search(note)
        copies = _COPIES.search(note)
        rest = note
        for found in (form, copies):
            rest = rest.replace(found.group(), "", 1) if found else rest
        materials.append(
            Material(
                match["name"],
                form.group() if form else "",
                (("各" if copies["each"] else "") + copies["count"] + copies["measure"]) if copies else "",
                rest.strip(" ，,；;"),
            )
        )
    return materials


def materials_table(text: str) -> str:
    """申请材料 as a table of name, original or copy, and copies, so nothing is left to guess."""
    rows = "".join(
        f"<tr><td>{escape(m.name)}</td><td>{escape(m.form or '—')}</td><td>{escape(m.copies or '—')}</td>"
        f"<td>{escape(m.note)}</td></tr>"
        for m in parse_materials(text)
    )
    return (
        '<table class="xxgk-materials"><thead><tr><th scope="col">材料名称</th><th scope="col">原件/复印件</th>'
        f'<th scope="col">份数</th><th scope="col">说明</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def render_guide_pages(gen: SiteContext, out: Output, register: Register, trail: tuple) -> None:
    """Every guide of a unit on a page of its own, and in the site search."""
    for row in register.rows:
        sections = [
            (
                name,
                Markup(f'<a href="{escape(row.get(name))}" rel="noopener">{escape(row.get(name))}</a>')
                if name == "网上办理"
                else Markup(materials_table(row.get(name)))
                if name == "申请材料"
                else Markup(cell_html(row, name, SERVICE_GUIDES)),
            )
            for name in GUIDE_SECTIONS
            if row.get(name)
        ]
        url = guide_url(register, row)
        title = row.get("事项名称")
        out.add(
            url,
            f"{title}办事指南",
            "service_guide.html.j2",
            meta={"hide": ["navigation", "toc"]},
            trail=trail,
            guide=row,
            unit=register.unit,
            sections=sections,
        )
        out.search_records.append(guide_search_record(register, row, url))


def guide_search_record(register: Register, row: RegisterRow, url: str) -> SearchRecord:
    """Found by its name, type and unit first, then everything a person might search for in it."""
    title = f"{row.get('事项名称')}办事指南"
    body = "\n".join(f"{name}：{row.get(name)}" for name in GUIDE_SECTIONS if row.get(name))
    return SearchRecord(
        url=url,
        content=" ".join(
            [
                search_text(f"{title}\n{title}\n{register.unit.name}\n{row.get('事项类型')}"),
                BODY_MARK,
                search_text(body),
            ]
        ),
        meta={"title": title, "unit": register.unit.name},
        filters={"unit": [register.unit.name], "category": [SERVICE_GUIDES.name]},
        sort={},
    )
