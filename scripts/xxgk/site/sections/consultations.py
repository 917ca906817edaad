"""The 意见征集 page, the home page's open consultations, and the calendar of deadlines.

The page lists open consultations first (soonest deadline on top), then those to
come, then the closed ones with their 意见采纳情况. The calendar (jiezhi.ics)
holds one all-day event on the last day of each open or coming consultation,
so people can subscribe and be reminded; its stamps are the documents' own
dates, so an unchanged site gives a byte-identical file. The Atom feed is one
of feeds.site_feeds.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from xxgk.model import urls
from xxgk.model.consultations import CLOSED, consultation_status, is_consultation, open_first
from xxgk.model.documents import Document
from xxgk.site.context import Output, SiteContext
from xxgk.site.outputs.application_form import FormField, FormSection, application_docx, field_id

CONSULTATIONS_TITLE = "意见征集"
CALENDAR_URL = urls.file_in(urls.CONSULTATIONS, "jiezhi.ics")
FEEDBACK_TITLE = "意见反馈表"
FEEDBACK_DOCX = urls.file_in(urls.FEEDBACK, "意见反馈表.docx")

# One form for every consultation: it names the draft, so a letter or e-mail can carry it alone.
FEEDBACK_FORM: tuple[FormSection, ...] = (
    FormSection("征求意见的文件", (FormField("文件名称", wide=True), FormField("起草单位", wide=True))),
    FormSection(
        "提出意见的人",
        (
            FormField("姓名或单位名称", wide=True),
            FormField("联系电话"),
            FormField("电子邮箱"),
            FormField("通信地址", wide=True),
        ),
        "联系方式只用于就您的意见与您沟通，不会公开。",
    ),
    FormSection(
        "意见和建议",
        (
            FormField("涉及的条款", wide=True),
            FormField("修改意见", wide=True, lines=6),
            FormField("理由和依据", wide=True, lines=4),
        ),
        "意见较多的，可以另附页。",
    ),
    FormSection("签名", (FormField("签名（盖章）"), FormField("日期"))),
)


def consultations(documents: list[Document], as_of: dt.date) -> list[Document]:
    """The published consultations, open ones first."""
    return open_first([d for d in documents if is_consultation(d)], as_of)


def open_consultations(documents: list[Document], as_of: dt.date) -> list[Document]:
    return [d for d in consultations(documents, as_of) if consultation_status(d, as_of).is_open]


def render_consultations(gen: SiteContext) -> Output:
    out = Output(gen)
    found = consultations(gen.documents, gen.build_date)
    groups: dict[str, list[Document]] = {}
    for document in found:
        groups.setdefault(consultation_status(document, gen.build_date).name, []).append(document)
    out.add(
        urls.CONSULTATIONS,
        CONSULTATIONS_TITLE,
        "consultations.html.j2",
        meta={"hide": ["toc"]},
        trail=(urls.HOME_CRUMB,),
        groups=groups,
        total=len(found),
        calendar=CALENDAR_URL,
        feed=urls.file_in(urls.CONSULTATIONS, "atom.xml") if gen.config.url else "",
        feedback_form=urls.FEEDBACK,
    )
    out.add(
        urls.FEEDBACK,
        FEEDBACK_TITLE,
        "application_form.html.j2",
        meta={"hide": ["navigation", "toc"]},
        trail=(urls.HOME_CRUMB, (CONSULTATIONS_TITLE, urls.CONSULTATIONS)),
        form=FEEDBACK_FORM,
        field_id=field_id,
        form_docx=FEEDBACK_DOCX,
        form_title=FEEDBACK_TITLE,
        print_label="打印意见反馈表",
        send_to="按征集公告写明的电子邮箱或地址，发送或者邮寄给起草单位",
    )
    created = dt.datetime.combine(gen.build_date, dt.time())
    out.downloads[FEEDBACK_DOCX] = application_docx(gen.config.county, created, FEEDBACK_FORM, FEEDBACK_TITLE)
    return out


def calendar_file(documents: list[Document], as_of: dt.date, site_url: str, site_name: str) -> bytes:
    """The .ics of the deadlines of open and coming consultations."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//xxgk//意见征集截止日期//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{site_name} · 意见征集截止日期")
    for document in consultations(documents, as_of):
        if consultation_status(document, as_of).name == CLOSED:
            continue
        event = icalendar.Event()
        event.add("uid", f"{document.index_number}@xxgk")
        event.add("dtstamp", dt.datetime.combine(document.published, dt.time(), tzinfo=dt.UTC))
        event.add("summary", f"意见征集截止：{document.title}")
        event.add("dtstart", document.consultation_closes)
        event.add("dtend", document.consultation_closes + dt.timedelta(days=1))
        event.add(
            "description",
            f"{document.unit.name}公开征求意见，{document.consultation_opens} 至 "
            f"{document.consultation_closes}（截止当天仍可提交）。",
        )
        if site_url:
            event.add("url", site_url + document.url)
        calendar.add_component(event)
    return calendar.to_ical()


def files(gen: SiteContext) -> dict[str, bytes]:
    return {CALENDAR_URL: calendar_file(gen.documents, gen.build_date, gen.config.url, gen.config.name)}
