"""Where a unit's requests for government information go (条例 art. 12).

Art. 12 has every 指南 give the disclosure office's name, address, hours,
phone, fax and online contact, and the generated 指南 tells applicants they
may apply in person, by post, by fax or by e-mail. So each unit of the registry
either has all of these itself (办公地址, 邮政编码, 办公时间, 联系电话, 传真,
电子邮箱) or names under 申请受理机构 the office that receives its requests
on its behalf: another unit of the registry, or the county's 政府信息公开工作机构
of 站点.yml. `check_channels` reports a unit whose 指南 would promise what it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from xxgk.model.problems import Problem
from xxgk.model.site_identity import OFFICE_PROMISES, Office, missing_items
from xxgk.model.units import COUNTY_GOVERNMENT, Unit, find_unit
from xxgk.model.vocabulary import suggestion

RECEIVER_KEY = "申请受理机构"
ARTICLE = "（条例第十二条）"
# How the 指南 names each missing item in a message.
ITEM_NAMES = {"传真": "传真号码"}


@dataclass(frozen=True)
class Channel:
    """Where a unit's requests go: the office, and whether it receives them on the unit's behalf."""

    office: Office
    on_behalf: bool = False


def unit_office(unit: Unit) -> Office:
    """A unit's own office, at the address and numbers of its registry entry."""
    return Office(unit.name, unit.address, unit.postcode, unit.hours, unit.phone, unit.fax, unit.email)


def channel_of(unit: Unit, units: list[Unit], county_office: Office | None) -> Channel | None:
    """The unit's channel; None where its 申请受理机构 names nothing usable (the check says why).

    申请受理机构 names the county's 政府信息公开工作机构 (站点.yml) first: a county whose office
    bears the 县政府办公室's name means that office, with the numbers 站点.yml gives it.
    """
    if not unit.receiver:
        return Channel(unit_office(unit))
    if county_office and unit.receiver == county_office.name:
        return Channel(county_office, on_behalf=county_office.name != unit.name)
    receiver = find_unit(units, unit.receiver)
    if receiver is None or receiver == unit or receiver.receiver:
        return None
    return Channel(unit_office(receiver), on_behalf=True)


def county_government(units: list[Unit]) -> Unit | None:
    return next((unit for unit in units if unit.type == COUNTY_GOVERNMENT), None)


def county_channel(units: list[Unit], county_office: Office | None) -> Channel | None:
    """The county 指南's office: 政府信息公开工作机构 of 站点.yml, else the county government's channel."""
    if county_office:
        return Channel(county_office)
    government = county_government(units)
    return channel_of(government, units, county_office) if government else None


def check_channels(
    units: list[Unit], county_office: Office | None, registry: PurePath, settings: PurePath
) -> list[Problem]:
    """Each unit whose 指南 would lack a channel it promises, at the line of 单位.yml to fix.

    The 站点.yml office is checked as it loads (site_identity.office_of); without one the county
    指南 needs the county government's channel.
    """
    problems = []
    if units and not county_office and not county_government(units):
        problems.append(
            Problem(
                settings,
                None,
                "政府信息公开工作机构",
                f"县政府信息公开指南没有受理申请的机构{ARTICLE}：请在站点.yml 写明 政府信息公开工作机构，"
                f"或在单位名册中列出类型为 {COUNTY_GOVERNMENT} 的单位",
            )
        )
    for unit in units:
        if unit.receiver:
            message = _receiver_problem(unit, units, county_office)
            if message:
                problems.append(Problem(registry, unit.lines.get(RECEIVER_KEY), RECEIVER_KEY, message))
            continue
        missing = missing_items(unit_office(unit))
        if len(missing) == len(OFFICE_PROMISES):
            problems.append(
                Problem(
                    registry,
                    unit.lines.get("名称"),
                    RECEIVER_KEY,
                    f"{unit.name}没有受理政府信息公开申请的渠道{ARTICLE}：请写明本单位的"
                    f"{'、'.join(missing)}，或在 {RECEIVER_KEY} 写明代为受理申请的单位或机构",
                )
            )
            continue
        for label in missing:
            problems.append(
                Problem(
                    registry,
                    unit.lines.get(label, unit.lines.get("名称")),
                    label,
                    f"{unit.name}的政府信息公开指南告诉申请人可以{OFFICE_PROMISES[label]}，名册中却没有"
                    f"{ITEM_NAMES.get(label, label)}{ARTICLE}：请填写 {label}，"
                    f"或在 {RECEIVER_KEY} 写明代为受理申请的单位或机构",
                )
            )
    return problems


def _receiver_problem(unit: Unit, units: list[Unit], county_office: Office | None) -> str:
    if channel_of(unit, units, county_office):
        return ""
    receiver = find_unit(units, unit.receiver)
    if receiver is None:
        names = [u.name for u in units if u != unit] + ([county_office.name] if county_office else [])
        known = suggestion(unit.receiver, names)
        return f"「{unit.receiver}」既不是单位名册中的单位，也不是站点.yml 的政府信息公开工作机构；{known}"
    if receiver == unit:
        own = "办公地址、邮政编码、办公时间、联系电话、传真和电子邮箱"
        return f"「{unit.receiver}」是本单位自己：本单位受理申请的，删去 {RECEIVER_KEY}，写明本单位的{own}"
    return f"「{receiver.name}」的申请也由「{receiver.receiver}」代为受理：请直接写「{receiver.receiver}」"
