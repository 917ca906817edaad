"""办事指南 kept current: a name used twice in a unit, and 更新日期 more than 12 months before the build date.

Guides are a register (registers.SERVICE_GUIDES), read and checked cell by cell
there; these checks look across rows. Their pages are site.sections.service_guides.
"""

from __future__ import annotations

import datetime as dt

from xxgk.model.problems import Problem
from xxgk.model.register_kinds import SERVICE_GUIDES, STALE_MONTHS, Register, months_before


def guide_registers(registers: list[Register]) -> list[Register]:
    return [r for r in registers if r.kind is SERVICE_GUIDES]


def check_guide_names(registers: list[Register]) -> list[Problem]:
    """Each guide has its own page: two with the same name in a unit would share one address."""
    problems = []
    for register in guide_registers(registers):
        first: dict[str, int] = {}
        for row in register.rows:
            name = row.get("事项名称")
            if name in first:
                problems.append(
                    Problem(
                        register.path,
                        row.number,
                        "事项名称",
                        f"「{name}」与第 {first[name]} 行重名：同一单位的办事指南事项名称不能重复，"
                        "请合并两行，或在名称中写明区别",
                    )
                )
            else:
                first[name] = row.number
    return problems


def check_stale_guides(registers: list[Register], as_of: dt.date) -> list[Problem]:
    """及时更新: a guide not reviewed for more than 12 months is flagged, so its unit checks it is still right."""
    limit = months_before(as_of, STALE_MONTHS)
    problems = []
    for register in guide_registers(registers):
        for row in register.rows:
            updated = dt.date.fromisoformat(row.get("更新日期"))
            if updated < limit:
                problems.append(
                    Problem(
                        register.path,
                        row.number,
                        "更新日期",
                        f"「{row.get('事项名称')}」的办事指南 {updated} 以来没有更新，已超过 {STALE_MONTHS} 个月："
                        "请核对依据、材料、时限和电话是否仍然准确，核对后把更新日期改为核对的日期",
                        warning=True,
                    )
                )
            elif updated > as_of:
                problems.append(
                    Problem(
                        register.path,
                        row.number,
                        "更新日期",
                        f"更新日期 {updated} 晚于今天 {as_of}：请核对",
                        warning=True,
                    )
                )
    return problems
