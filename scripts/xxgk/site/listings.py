"""Lists of documents: paged listings, 法定主动公开内容 by category, year and 主题分类, and what they link to.

The columns, the units' sections and the 规范性文件库 all list documents the same
way; each calls these with its own `Output`.
"""

from __future__ import annotations

from xxgk.model import urls
from xxgk.model.documents import Document
from xxgk.model.register_kinds import MARKET_RULES, NEW_MEDIA, POWERS, PUBLIC_ENTERPRISES
from xxgk.model.units import Unit
from xxgk.site.context import Output, SiteContext
from xxgk.site.render import Listing, Page, document_list_html

RULES = "政府信息公开制度"
COMPILATION = "制度文件汇编"
LIBRARY_TITLE = "规范性文件库"
DIRECTORY_TITLE = "机构职能目录"

# Where a 法定主动公开内容 category has a register or library of its own, its listing points there.
SEE_ALSO = {
    "行政法规、规章和规范性文件": [(LIBRARY_TITLE, urls.LIBRARY), ("政策解读", urls.INTERPRETATIONS)],
    "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名": [(DIRECTORY_TITLE, urls.DIRECTORY)],
    "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果": [(POWERS.name, urls.register(POWERS.code))],
    "实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定": [
        (POWERS.name, urls.register(POWERS.code))
    ],
    "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息": [
        (NEW_MEDIA.name, urls.register(NEW_MEDIA.code)),
        (PUBLIC_ENTERPRISES.name, urls.register(PUBLIC_ENTERPRISES.code)),
    ],
    "公共服务": [(PUBLIC_ENTERPRISES.name, urls.register(PUBLIC_ENTERPRISES.code))],
    "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况": [
        (MARKET_RULES.name, urls.register(MARKET_RULES.code))
    ],
}


def see_also(site: SiteContext, column: str, unit: Unit | None = None) -> list[tuple[str, str]]:
    """Links from a listing (a category, or a unit's 政府信息公开制度 column) to the 文件库和清单."""
    if column == RULES and unit is not None:
        return compilation_links(site, unit)
    specials = [(s.name, urls.special(s.code)) for s in site.config.specials if column in s.categories]
    return SEE_ALSO.get(column, []) + specials


def unit_rules(site: SiteContext, unit: Unit) -> list[Document]:
    """The unit's published 制度 documents, oldest first, as a compilation reads."""
    return sorted(
        (d for d in site.documents_of(unit) if d.category == RULES), key=lambda d: (d.published, d.index_number)
    )


def compilation_links(site: SiteContext, unit: Unit) -> list[tuple[str, str]]:
    """The unit's 制度文件汇编, where it has 制度 documents."""
    return [(COMPILATION, urls.compilation(unit.code))] if unit_rules(site, unit) else []


def render_listing(
    site: SiteContext,
    out: Output,
    listing: Listing,
    documents: list[Document],
    template: str = "listing.html.j2",
    **context,
) -> None:
    """One page per `per_page` documents: base url, then base/2/, base/3/ …"""
    per_page = site.config.per_page
    count = max(1, -(-len(documents) // per_page))
    pager = [(n, urls.page_number(listing.url, n)) for n in range(1, count + 1)]
    for number in range(1, count + 1):
        url = urls.page_number(listing.url, number)
        title = listing.title if number == 1 else f"{listing.title}（第{number}页）"
        shown = documents[(number - 1) * per_page : number * per_page]
        page_template = template if number == 1 else "listing.html.j2"
        # The preview reuses a plain listing page that would show the very same: most saves
        # change one document's text, which no listing shows (3,000 pages at 10,000 documents).
        key = None
        if site.preview and page_template == "listing.html.j2":
            key = (
                title,
                listing.trail,
                len(documents),
                count,
                repr(sorted(context.items())),
                document_list_html(url, shown, site.status_name, site.interpretations, catalogue=True),
            )
            cached = site.page_cache.get(url)
            if cached and cached[0] == key:
                out.pages.append(cached[1])
                continue
        fields = dict(
            trail=listing.trail,
            heading=listing.title,
            total=len(documents),
            documents=shown,
            page_number=number,
            pager=pager,
            **context,
        )

        def make(url=url, title=title, page_template=page_template, fields=fields) -> Page:
            return site.page(url, title, page_template, {"hide": ["toc"]}, **fields)

        if page_template == "listing.html.j2":
            # Kept for the next build by all it shows: the documents listed (each by its key), their
            # statuses and interpretations, its feeds, beside the fields; most edits change none of these.
            asked = (
                [site.status_name(d) for d in shown],
                [site.interpretations(d) for d in shown],
                site.alternates.get(url),
            )
            # The pager is the same for every page of the listing: its count stands for it.
            inputs = (url, title, {**fields, "pager": count}, asked)
            page = site.kept_value("listing page", inputs, make)
        else:
            page = make()
        out.pages.append(page)
        if key:
            site.page_cache[url] = (key, page)


def render_fdzdgknr(
    site: SiteContext, out: Output, documents: list[Document], listing: Listing, unit: Unit | None
) -> None:
    """法定主动公开内容: by category, by year and by 主题分类, county-wide or for one unit."""
    trail = listing.trail + ((listing.title, listing.url),)
    by_category = site.group(documents, lambda d: d.category)
    category_links = []
    for term in site.categories:
        found = by_category.get(term.name, [])
        url = urls.category(term.code, listing.url)
        # County-wide every category gets a page (empty ones say so); a unit only its own.
        if unit is None or found:
            render_listing(
                site, out, Listing(term.name, url, trail), found, clause=term.clause, see_also=see_also(site, term.name)
            )
            category_links.append((term, url, len(found)))
        else:
            category_links.append((term, None, 0))
    year_links, topic_links = [], []
    if unit is None:
        year_links, topic_links = render_by_year_and_topic(site, out, documents, listing.url, trail)
    render_listing(
        site,
        out,
        listing,
        documents,
        template="fdzdgknr.html.j2",
        unit=unit,
        category_links=category_links,
        year_links=year_links,
        topic_links=topic_links,
        unit_links=None if unit else site.units_by_type(),
    )


def render_by_year_and_topic(
    site: SiteContext, out: Output, documents: list[Document], base_url: str, trail: tuple, title_prefix: str = ""
) -> tuple[list, list]:
    """Listings of `documents` by year of 发布日期 and by 主题分类, below base_url; their links."""
    year_links, topic_links = [], []
    for year, found in sorted(site.group(documents, lambda d: d.published.year).items(), reverse=True):
        url = urls.year(base_url, year)
        render_listing(site, out, Listing(f"{title_prefix}{year}年", url, trail), found)
        year_links.append((f"{year}年", url, len(found)))
    by_topic = site.group(documents, lambda d: d.topic)
    for term in site.topics:
        if term.name in by_topic:
            url = urls.topic(base_url, term.code)
            render_listing(site, out, Listing(f"{title_prefix}{term.name}", url, trail), by_topic[term.name])
            topic_links.append((term.name, url, len(by_topic[term.name])))
    return year_links, topic_links
