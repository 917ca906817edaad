"""完成情况: for each register, which units of the registry have published theirs and which have not.

An auditor's first question of a 权责清单 or a 标准目录 is who is missing; the
register's own page lists only those who published. Here every unit of the
registry is counted: each register kind of `register_kinds` and the 制度文件汇编
(a unit's 政府信息公开制度 documents) get a page `<base>/wcqk/`, and the
register's county page and the 文件库和清单 hub a line "已发布 x / y 个单位".

The county government itself (县人民政府) is not counted unless it published
one: its powers, services and disclosure items are its departments', each
published by them.
"""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.model import urls
from xxgk.model.register_kinds import Register, RegisterKind
from xxgk.model.units import COUNTY_GOVERNMENT, Unit
from xxgk.site.context import Output, SiteContext
from xxgk.site.listings import COMPILATION, RULES, unit_rules

TITLE = "完成情况"


@dataclass(frozen=True)
class Progress:
    name: str  # 权责清单, 制度文件汇编 …
    url: str  # the 完成情况 page
    index: tuple[str, str]  # (title, address) of the register's county page, or the column listing it
    published: tuple[tuple[Unit, str, str], ...]  # unit, its register's address, what it holds ("12 项")
    missing: tuple[Unit, ...]
    uncounted: tuple[Unit, ...]  # the county government, when it has not published one

    @property
    def expected(self) -> int:
        return len(self.published) + len(self.missing)


def counted(gen: SiteContext, has_published) -> tuple[list[Unit], tuple[Unit, ...], tuple[Unit, ...]]:
    """The registry's units in the site's order: those that published, those that did not, those not counted."""
    units = [unit for _, group in gen.units_by_type() for unit in group]
    published = [unit for unit in units if has_published(unit)]
    missing = tuple(unit for unit in units if not has_published(unit) and unit.type != COUNTY_GOVERNMENT)
    uncounted = tuple(unit for unit in units if not has_published(unit) and unit.type == COUNTY_GOVERNMENT)
    return published, missing, uncounted


def register_progress(gen: SiteContext, kind: RegisterKind, registers: list[Register]) -> Progress:
    by_unit = {register.unit: register for register in registers}
    published, missing, uncounted = counted(gen, lambda unit: unit in by_unit)
    base = urls.register(kind.code)
    return Progress(
        kind.name,
        urls.progress(base),
        (f"{gen.config.county}{kind.name}", base),
        tuple((u, urls.register(kind.code, u.code), f"{len(by_unit[u].rows)} 项") for u in published),
        missing,
        uncounted,
    )


def compilation_progress(gen: SiteContext) -> Progress:
    """制度文件汇编: a unit has one once it has published a 政府信息公开制度 document."""
    rules = {unit: unit_rules(gen, unit) for unit in gen.content.units}
    published, missing, uncounted = counted(gen, lambda unit: bool(rules[unit]))
    column = gen.column_by_name.get(RULES)
    return Progress(
        COMPILATION,
        urls.progress(urls.COMPILATIONS),
        (column.name, gen.column_url(column)) if column else urls.CATALOGUES_CRUMB,
        tuple((u, urls.compilation(u.code), f"{len(rules[u])} 件") for u in published),
        missing,
        uncounted,
    )


def compilation_trail(gen: SiteContext) -> tuple:
    """Above the 制度文件汇编's 完成情况: the 政府信息公开 column its documents are listed in."""
    return (urls.HOME_CRUMB, urls.ROOT_CRUMB) if RULES in gen.column_by_name else (urls.HOME_CRUMB,)


def render_progress(gen: SiteContext, out: Output, progress: Progress, trail: tuple) -> None:
    out.add(
        progress.url,
        f"{gen.config.county}{progress.name}{TITLE}",
        "progress.html.j2",
        meta={"hide": ["navigation", "toc"]},
        trail=trail + (progress.index,),
        progress=progress,
    )
