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
from typing import TYPE_CHECKING

import icalendar

from .consultations import CLOSED, consultation_status, is_consultation, open_first
from .documents import Document

if TYPE_CHECKING:
    from .pages import SiteGenerator

CONSULTATIONS_URL = "yjzj/"
CONSULTATIONS_TITLE = "意见征集"
CALENDAR_FILE = "jiezhi.ics"
CALENDAR_URL = CONSULTATIONS_URL + CALENDAR_FILE


def consultations(documents: list[Document], as_of: dt.date) -> list[Document]:
    """The published consultations, open ones first."""
    return open_first([d for d in documents if is_consultation(d)], as_of)


def open_consultations(documents: list[Document], as_of: dt.date) -> list[Document]:
    return [d for d in consultations(documents, as_of) if consultation_status(d, as_of).is_open]


def render_consultations(gen: SiteGenerator) -> None:
    found = consultations(gen.documents, gen.build_date)
    groups: dict[str, list[Document]] = {}
    for document in found:
        groups.setdefault(consultation_status(document, gen.build_date).name, []).append(document)
    gen.add(CONSULTATIONS_URL, CONSULTATIONS_TITLE, "consultations.md.j2", meta={"hide": ["toc"]},
            trail=(("首页", ""),), groups=groups, total=len(found), calendar=CALENDAR_URL,
            feed=CONSULTATIONS_URL + "atom.xml" if gen.config.url else "")


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
        event.add("dtstamp", dt.datetime.combine(document.published, dt.time(), tzinfo=dt.timezone.utc))
        event.add("summary", f"意见征集截止：{document.title}")
        event.add("dtstart", document.consultation_closes)
        event.add("dtend", document.consultation_closes + dt.timedelta(days=1))
        event.add("description", f"{document.unit.name}公开征求意见，{document.consultation_opens} 至 "
                                 f"{document.consultation_closes}（截止当天仍可提交）。")
        if site_url:
            event.add("url", site_url + document.url)
        calendar.add_component(event)
    return calendar.to_ical()


def files(gen: SiteGenerator) -> dict[str, bytes]:
    return {CALENDAR_URL: calendar_file(gen.documents, gen.build_date, gen.config.url, gen.config.name)}
