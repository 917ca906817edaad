"""The 文件库和清单 section: the 规范性文件库, the registers and the directory, and the page leading to them.

Called once by pages.SiteGenerator; each part lives in its own module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xxgk.site.sections.directory import DIRECTORY_TITLE, DIRECTORY_URL, render_compilations, render_directory
from xxgk.site.sections.directory import unit_links as unit_directory_links
from xxgk.site.sections.library import LIBRARY_TITLE, LIBRARY_URL, render_libraries
from xxgk.site.sections.registers import register_url, render_registers, unit_register_links
from xxgk.model.registers import KINDS

if TYPE_CHECKING:
    from xxgk.site.generator import NavItem, SiteGenerator

HUB_URL = "ml/"
HUB_TITLE = "文件库和清单"


def render_catalogues(gen: SiteGenerator) -> None:
    shelves = render_libraries(gen)
    counts = "、".join(f"{library.short_title} {count} 件" for library, count in shelves)
    entries = [(LIBRARY_TITLE, LIBRARY_URL, counts, "规章和行政规范性文件，按效力状态分为现行有效和已废止、失效两库，可下载目录")]
    entries += render_registers(gen)
    entries.append(render_directory(gen))
    render_compilations(gen)
    gen.add(HUB_URL, HUB_TITLE, "catalogues.md.j2", meta={"hide": ["toc"]}, trail=(("首页", ""),), entries=entries)


def catalogue_nav() -> tuple[str, str, list[tuple[str, str]]]:
    registers = [(kind.name, register_url(kind)) for kind in KINDS]
    return HUB_TITLE, HUB_URL, [(LIBRARY_TITLE, LIBRARY_URL)] + registers + [(DIRECTORY_TITLE, DIRECTORY_URL)]


# Where a 法定主动公开内容 category has a register or library of its own, its listing points there.
SEE_ALSO = {
    "行政法规、规章和规范性文件": [(LIBRARY_TITLE, LIBRARY_URL)],
    "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名": [(DIRECTORY_TITLE, DIRECTORY_URL)],
    "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果": [("权责清单", "qzqd/")],
    "实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定": [("权责清单", "qzqd/")],
}


def see_also(gen: SiteGenerator, column: str, unit=None) -> list[tuple[str, str]]:
    """Links from a listing (a category, or a unit's 政府信息公开制度 column) to this section."""
    if column == "政府信息公开制度" and unit is not None:
        return unit_directory_links(gen, unit)
    return SEE_ALSO.get(column, [])


def unit_links(gen: SiteGenerator, unit) -> list[tuple[str, str]]:
    """What a unit's page links to in this section: its registers and its 制度文件汇编."""
    return unit_register_links(gen, unit) + unit_directory_links(gen, unit)
