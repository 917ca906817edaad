"""政府信息公开指南 (条例 art. 12), county-wide and for each unit, and the 依申请公开 pages.

The 指南 is generated from the unit registry and 站点.yml, so the office's
address, hours, phone, fax and e-mail, and the classification of the
information, are always those the site actually uses; staff add their own words
under 指南说明, and any 指南 documents a unit publishes are listed below it.
"""

from __future__ import annotations

import datetime as dt

import markdown

from xxgk.model import urls
from xxgk.model.channels import Channel, channel_of, county_channel, county_government
from xxgk.model.documents import Document
from xxgk.model.site_identity import OFFICE_KEYS, Office
from xxgk.model.units import Unit
from xxgk.site.context import FDZDGKNR, Output, SiteContext
from xxgk.site.listings import render_listing
from xxgk.site.outputs.application_form import FORM, FORM_TITLE, application_docx, field_id
from xxgk.site.render import Listing
from xxgk.site.sanitize import clean_html

GUIDE = "政府信息公开指南"
FORM_DOCX = urls.file_in(urls.APPLICATION, f"{FORM_TITLE}.docx")
# The ways of sending a request the 指南 names, each with the items of the office it needs.
WAYS = (
    ("当面提交", ("address", "hours")),
    ("邮寄", ("address", "postcode")),
    ("传真", ("fax",)),
    ("通过电子邮件提交", ("email",)),
)


def office_rows(office: Office | None) -> list[tuple[str, str]]:
    """The office's details as 站点.yml names them, in its order."""
    return [(label, getattr(office, attr) or "—") for label, attr in OFFICE_KEYS.labels()] if office else []


def ways_of(office: Office | None) -> list[str]:
    """The ways the office can receive a written request: the 指南 promises no other.

    >>> ways_of(Office("办公室", address="人民大街1号", hours="工作日", email="a@b.cn"))
    ['当面提交', '通过电子邮件提交']
    """
    return [way for way, needs in WAYS if office and all(getattr(office, attr) for attr in needs)]


def unit_channel(gen: SiteContext, unit: Unit | None) -> Channel | None:
    """The office a 指南 names: the county's, or the unit's own or the one receiving on its behalf."""
    if unit is None:
        return county_channel(gen.content.units, gen.config.office)
    return channel_of(unit, gen.content.units, gen.config.office)


def render_guide(gen: SiteContext, out: Output, listing: Listing, documents: list[Document], unit: Unit | None) -> None:
    """The 指南 column's first page is the 指南 itself; its documents follow, paginated as usual."""
    government = county_government(gen.content.units)
    if unit is None:
        agency = government.name if government else f"{gen.config.county}各行政机关"
        columns = [(term.name, gen.column_url(term)) for term in gen.columns]
        categories = [(term, gen.category_url(term)) for term in gen.categories]
    else:
        agency = unit.name
        columns = [(term.name, urls.unit_column(unit.code, term.code)) for term in gen.columns]
        categories = []
    channel = unit_channel(gen, unit)
    office = channel.office if channel else None
    render_listing(
        gen,
        out,
        listing,
        documents,
        template="guide.html.j2",
        unit=unit,
        agency=agency,
        guide_columns=columns,
        categories=categories,
        office=office_rows(office),
        receiver=office.name if channel and channel.on_behalf else "",
        ways=ways_of(office),
        fdzdgknr_url=columns[[t.name for t in gen.columns].index(FDZDGKNR)][1],
        feed=gen.unit_url(unit) if unit else "",
        application_url=urls.APPLICATION,
        form_url=urls.APPLICATION_FORM,
        form_docx=FORM_DOCX,
        prose=prose_html(gen.config.guide_prose) if unit is None else "",
        responsible=unit or government,  # whose 信息公开负责人 and 工作机构 the 指南 names
    )


def prose_html(text: str) -> str:
    """指南说明 as HTML, cleaned like a document's body: staff's Markdown, never their scripts."""
    return clean_html(markdown.markdown(text, extensions=["tables"])) if text else ""


def render_application(gen: SiteContext) -> Output:
    """依申请公开: how to apply, deadlines, replies, where to send; the form to print; its Word file."""
    out = Output(gen)
    trail = (urls.HOME_CRUMB,)
    county = unit_channel(gen, None)
    offices = [(None, county)] if county else []
    offices += [(unit, unit_channel(gen, unit)) for _, units in gen.units_by_type() for unit in units]
    out.add(
        urls.APPLICATION,
        "依申请公开",
        "application.html.j2",
        meta={"hide": ["navigation", "toc"]},
        trail=trail,
        offices=offices,
        form_url=urls.APPLICATION_FORM,
        form_docx=FORM_DOCX,
        form_title=FORM_TITLE,
    )
    out.add(
        urls.APPLICATION_FORM,
        FORM_TITLE,
        "application_form.html.j2",
        meta={"hide": ["navigation", "toc"]},
        trail=trail + (("依申请公开", urls.APPLICATION),),
        form=FORM,
        field_id=field_id,
        form_docx=FORM_DOCX,
        form_title=FORM_TITLE,
        send_to="签名后当面递交、邮寄或者传真给受理机关",
        print_label="打印申请表",
    )
    created = dt.datetime.combine(gen.build_date, dt.time())
    out.downloads[FORM_DOCX] = application_docx(gen.config.county, created)
    return out
