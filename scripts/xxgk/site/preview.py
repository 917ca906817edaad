"""The preview's quick rebuild: after a save that changed only documents' text, only the pages showing it.

Most saves while previewing change a document's text, and the text shows on two
kinds of page only: the document's own and its unit's 制度文件汇编 (a 制度 document
in full). Every other page (listings, the home page, the oversight figures) reads
the documents' fields, and the 任务台账, which reads a plan's text, is compared as
it was loaded. So when the fields, the registers, the reports and the ledger are
all as they were, the site is the previous one with those pages rendered again;
anything else is a full generation. tests/test_preview.py holds the quick site
equal to a full generation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from xxgk.checks.content import Content
from xxgk.model.documents import Document
from xxgk.site.context import Output
from xxgk.site.generator import GeneratedSite, site_context
from xxgk.site.sections.directory import render_compilations
from xxgk.site.sections.documents import render_document
from xxgk.site.sections.registers import register_mentions

_TEXT = frozenset({"body"})  # the one field of a Document that only its page and its compilation show


def text_changes(before: Content, after: Content) -> list[Document] | None:
    """The documents of `after` whose text alone differs from `before`; None when anything else changed."""
    shared = ("config", "units", "reports", "registers", "progress", "ledger")
    if any(getattr(before, name) != getattr(after, name) for name in shared):
        return None
    if len(before.documents) != len(after.documents):
        return None
    changed = []
    for old, new in zip(before.documents, after.documents):
        if old is new:
            continue
        if not _same_fields(old, new):
            return None
        if old.body != new.body:
            changed.append(new)
    return changed


def _same_fields(old: Document, new: Document) -> bool:
    return all(
        getattr(old, field.name) == getattr(new, field.name)
        for field in dataclasses.fields(Document)
        if field.name not in _TEXT
    )


def quick_site(
    previous: GeneratedSite, before: Content, content: Content, build_date: dt.date, page_cache: dict
) -> GeneratedSite | None:
    """The site for `content`, from `previous` generated for `before`; None when it needs a full generation."""
    changed = text_changes(before, content)
    if changed is None:
        return None
    site, _feeds = site_context(content, build_date, page_cache, preview=True)
    out = Output(site)
    mentions = register_mentions(site)
    for document in changed:
        if document.published <= build_date:  # as context.published_documents
            render_document(site, out, document, mentions.get(str(document.index_number), []))
    if changed:
        render_compilations(site, out)
    fresh = {page.url: page for page in out.pages}
    return dataclasses.replace(
        previous,
        pages=[fresh.get(page.url, page) for page in previous.pages],
        documents=site.documents,
        downloads=previous.downloads | out.downloads,
    )
