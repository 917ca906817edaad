"""Who runs the site, as 站点.yml declares it: 主办单位 and contacts, filings, the 党政机关网站标识,
footer links and the 政府信息公开工作机构 (条例 art. 12); and the readers of 站点.yml's values
that config.py shares with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xxgk.model.digits import has_full_width_digits
from xxgk.model.keys import Keys
from xxgk.model.web_addresses import address_problem, site_path_problem

OFFICE_KEYS = Keys(
    "项",
    {
        "名称": "name",
        "办公地址": "address",
        "邮政编码": "postcode",
        "办公时间": "hours",
        "联系电话": "phone",
        "传真": "fax",
        "电子邮箱": "email",
    },
)
# What the 指南 tells applicants each item of the office is for (条例 art. 12 asks for all of them);
# an office without one would leave a promise of the 指南 empty.
OFFICE_PROMISES = {
    "办公地址": "当面递交或者邮寄申请",
    "邮政编码": "邮寄申请",
    "办公时间": "在办公时间当面递交申请",
    "联系电话": "电话咨询",
    "传真": "传真申请",
    "电子邮箱": "通过电子邮件申请",
}
BADGE_KEYS = Keys("项", {"图片": "image", "链接": "url"})
LINK_KEYS = Keys("项", {"名称": "title", "链接": "url"})
# 政府网站标识码: 6-digit 行政区划代码 + 4-digit serial, or bm + 8 digits for a department's site.
SITE_CODE = re.compile(r"(?:[0-9]{10}|bm[0-9]{8})")  # [0-9]: \d would take full-width digits
ICP = re.compile(r"[\u4e00-\u9fff]ICP备[0-9]{6,10}号(?:-[0-9]{1,3})?")
POLICE_RECORD = re.compile(r"[\u4e00-\u9fff]公网安备\s*([0-9]{14})号")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
POSTCODE = re.compile(r"[0-9]{6}")


@dataclass(frozen=True)
class Office:
    """The disclosure office of 条例 art. 12: where requests go, as the 指南 must say."""

    name: str
    address: str = ""
    postcode: str = ""
    hours: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""


def missing_items(office: Office) -> list[str]:
    """The items of OFFICE_PROMISES the office has no value for, in the order 站点.yml lists them."""
    return [label for label, attr in OFFICE_KEYS.labels() if label in OFFICE_PROMISES and not getattr(office, attr)]


@dataclass(frozen=True)
class Link:
    title: str
    url: str  # absolute (https://…) or below the site root


@dataclass(frozen=True)
class Badge:
    """党政机关网站标识: the image the 开办 authority issues, and where it links to."""

    image: str  # below docs/
    url: str = ""


@dataclass(frozen=True)
class Identity:
    """Who runs the site, as the footer of every government website shows it."""

    host: str = ""  # 主办单位
    phone: str = ""
    fax: str = ""
    email: str = ""
    site_code: str = ""  # 网站标识码
    icp: str = ""  # ICP备案号
    police_record: str = ""  # 公安机关备案号
    badge: Badge | None = None
    links: tuple[Link, ...] = ()

    @property
    def police_record_number(self) -> str:
        match = POLICE_RECORD.fullmatch(self.police_record)
        return match[1] if match else ""


def text_value(data: dict, key: str, problem, *path) -> str:
    """A non-empty text value, or "" after reporting it; numbers are refused so leading zeros survive."""
    value = data.get(key)
    if isinstance(value, str) and value.strip():
        return value.strip()
    label = f"{path[-1]} " if len(path) > 1 else ""  # a nested item is named in the message
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        problem(path[0] if path else key, f"{label}应为文字，YAML 把它读成了数字 {value!r}：请给值加上引号", *path[1:])
    else:
        problem(path[0] if path else key, f"{label}应为非空文字", *path[1:])
    return ""


def checked_address(data: dict, key: str, problem, *path) -> str:
    """An absolute http(s) address, or "" after reporting why not."""
    value = text_value(data, key, problem, *path)
    reason = value and address_problem(value, relative=False)
    if reason:
        problem(path[0] if path else key, f"{path[-1] if len(path) > 1 else key}「{value}」{reason}", *path[1:])
        return ""
    return value


def checked_value(data: dict, key: str, pattern: re.Pattern, expected: str, problem, *path) -> str:
    value = text_value(data, key, problem, *path)
    if value and not pattern.fullmatch(value):
        digits = "（其中有全角数字，请用半角数字）" if has_full_width_digits(value) else ""
        problem(path[0] if path else key, f"「{value}」格式不对{digits}：{expected}", *path[1:])
        return ""
    return value


def badge_of(value, problem) -> Badge | None:
    key = "党政机关网站标识"
    if not isinstance(value, dict) or "图片" not in value:
        problem(key, "应写成 {图片: docs/ 下的图片路径, 链接: 开办审核机关给出的网址}")
        return None
    report_unknown(value, BADGE_KEYS, key, problem)
    image = text_value(value, "图片", problem, key, "图片")
    url = checked_address(value, "链接", problem, key, "链接") if "链接" in value else ""
    return Badge(image, url) if image else None


def links_of(value, problem) -> tuple[Link, ...]:
    key = "页脚链接"
    if not isinstance(value, list):
        problem(key, "应为列表，每项写成 {名称: 显示的文字, 链接: 网址}")
        return ()
    links = []
    for index, entry in enumerate(value):
        if not isinstance(entry, dict) or set(entry) != set(LINK_KEYS.names):
            problem(key, "每项应写成 {名称: 显示的文字, 链接: 网址}", index)
            continue
        title = text_value(entry, "名称", problem, key, index, "名称")
        url = text_value(entry, "链接", problem, key, index, "链接")
        reason = url and (address_problem(url) or site_path_problem(url))
        if reason:
            problem(key, f"链接「{url}」{reason}", index, "链接")
            continue
        if title and url:
            links.append(Link(title, url))
    return tuple(links)


def office_of(value, problem) -> Office | None:
    key = "政府信息公开工作机构"
    if not isinstance(value, dict):
        problem(key, "应写成 名称、办公地址、邮政编码、办公时间、联系电话、传真、电子邮箱 各项")
        return None
    report_unknown(value, OFFICE_KEYS, key, problem)
    if "名称" not in value:
        problem(key, "缺少 名称（受理政府信息公开申请的机构）")
        return None
    values = {}
    for name, attr in OFFICE_KEYS.labels():
        if name not in value:
            continue
        if name == "邮政编码":
            values[attr] = checked_value(
                value, name, POSTCODE, '应为6位数字，并加引号，如 "155900"', problem, key, name
            )
        elif name == "电子邮箱":
            values[attr] = checked_value(value, name, EMAIL, "应为电子邮箱地址", problem, key, name)
        else:
            values[attr] = text_value(value, name, problem, key, name)
    if not values.get("name"):
        return None
    office = Office(**values)
    # An item written but wrong is reported above; one left out is reported here.
    missing = [label for label in missing_items(office) if label not in value]
    if len(missing) == 1:
        promise = OFFICE_PROMISES[missing[0]]
        problem(
            key,
            f"缺少 {missing[0]}：县政府信息公开指南告诉申请人可以{promise}（条例第十二条），请写明受理机构的{missing[0]}",
        )
    elif missing:
        problem(
            key,
            f"缺少 {'、'.join(missing)}：县政府信息公开指南须写明受理申请的机构的"
            f"{'、'.join(OFFICE_PROMISES)}（条例第十二条），请补上",
        )
    return office


def report_unknown(mapping: dict, keys: Keys, section: str, problem) -> None:
    """Each key of a section of 站点.yml that is not declared, filed under the section."""
    for key in mapping:
        if key not in keys:
            problem(section, keys.unknown_message(key, named=True), key)
