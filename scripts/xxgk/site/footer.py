"""The footer of every page, from 站点.yml: who runs the site, how to reach them, its filings.

The labels live here and nowhere else; the Material override
(`theme/partials/xxgk-footer.html`) only lays the items out.
"""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.model import urls
from xxgk.model.config import SiteConfig
from xxgk.model.site_identity import Badge

ICP_LOOKUP = "https://beian.miit.gov.cn/"  # where the MIIT requires the ICP number to link
POLICE_LOOKUP = "https://beian.mps.gov.cn/#/query/webSearch?code="

GUIDE = "政府信息公开指南"


@dataclass(frozen=True)
class FooterItem:
    label: str  # "主办单位"; empty where the text says what it is (黑ICP备…号)
    text: str
    href: str = ""
    internal: bool = False  # href is below the site root, made relative on each page


@dataclass(frozen=True)
class Footer:
    links: tuple[FooterItem, ...]
    rows: tuple[tuple[FooterItem, ...], ...]
    badge: Badge | None = None
    badge_label: str = "党政机关网站标识"
    feeds_label: str = "订阅本页"


def site_footer(config: SiteConfig) -> Footer:
    identity = config.identity
    contact = [
        FooterItem("主办单位", identity.host),
        FooterItem("联系电话", identity.phone, f"tel:{identity.phone}" if identity.phone else ""),
        FooterItem("传真", identity.fax),
        FooterItem("电子邮箱", identity.email, f"mailto:{identity.email}" if identity.email else ""),
    ]
    filings = [
        FooterItem("网站标识码", identity.site_code),
        FooterItem("", identity.icp, ICP_LOOKUP),
        FooterItem("", identity.police_record, POLICE_LOOKUP + identity.police_record_number),
    ]
    # The site's own pages every footer links to.
    guide = urls.column(config.vocabularies["栏目"].get(GUIDE).code)
    site_links = (
        (GUIDE, guide),
        ("依申请公开", urls.APPLICATION),
        ("开放数据和订阅", urls.DATA),
        ("网站地图", urls.SITEMAP),
    )
    links = [FooterItem("", title, url, internal=True) for title, url in site_links]
    links += [FooterItem("", link.title, link.url, internal="://" not in link.url) for link in identity.links]
    rows = tuple(row for row in (tuple(i for i in contact if i.text), tuple(i for i in filings if i.text)) if row)
    return Footer(tuple(links), rows, identity.badge)
