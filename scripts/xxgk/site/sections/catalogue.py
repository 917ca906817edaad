"""The 文件库和清单 section: the 规范性文件库, the registers and the directory, and the page leading to them.

Each part lives in its own module; this one joins them and gives the section's navigation.
"""

from __future__ import annotations

from xxgk.model import urls
from xxgk.model.register_kinds import KINDS
from xxgk.model.units import Unit
from xxgk.site.context import Output, SiteContext
from xxgk.site.listings import COMPILATION, DIRECTORY_TITLE, LIBRARY_TITLE, compilation_links
from xxgk.site.render import NavItem
from xxgk.site.sections.directory import render_compilations, render_directory
from xxgk.site.sections.library import render_libraries
from xxgk.site.sections.progress import compilation_progress, compilation_trail, render_progress
from xxgk.site.sections.registers import render_registers, unit_register_links

HUB_TITLE = urls.CATALOGUES_CRUMB[0]


def render_catalogues(site: SiteContext) -> Output:
    out = Output(site)
    shelves = render_libraries(site, out)
    counts = "、".join(f"{library.short_title} {count} 件" for library, count in shelves)
    entries = [
        (
            LIBRARY_TITLE,
            urls.LIBRARY,
            counts,
            "规章和行政规范性文件，按效力状态分为现行有效和已废止、失效两库，可下载目录",
            None,
        )
    ]
    entries += render_registers(site, out)
    entries.append((*render_directory(site, out), None))
    render_compilations(site, out)
    compilations = compilation_progress(site)
    render_progress(site, out, compilations, compilation_trail(site))
    entries.append(
        (
            COMPILATION,
            compilations.url,
            f"{len(compilations.published)} 个单位",
            "各单位政府信息公开制度文件的全文，一个单位一页，可打印；本页列出已有和尚无汇编的单位",
            None,
        )
    )
    out.add(
        urls.CATALOGUES,
        HUB_TITLE,
        "catalogues.html.j2",
        meta={"hide": ["toc"]},
        trail=(urls.HOME_CRUMB,),
        entries=entries,
    )
    return out


def catalogue_nav() -> NavItem:
    registers = [NavItem(kind.name, urls.register(kind.code)) for kind in KINDS]
    return NavItem(
        HUB_TITLE,
        urls.CATALOGUES,
        [NavItem(LIBRARY_TITLE, urls.LIBRARY)] + registers + [NavItem(DIRECTORY_TITLE, urls.DIRECTORY)],
    )


def unit_links(site: SiteContext, unit: Unit) -> list[tuple[str, str]]:
    """What a unit's page links to in this section: its registers and its 制度文件汇编."""
    return unit_register_links(site, unit) + compilation_links(site, unit)
