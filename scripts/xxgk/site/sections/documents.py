"""Each published document's own page: its metadata, status, relations both ways and its text."""

from __future__ import annotations

from xxgk.model import urls
from xxgk.model.attached_files import sha256_of
from xxgk.model.document_kinds import REPLY_CLASSES, in_own_column
from xxgk.model.documents import Document
from xxgk.model.links import rewrite_links
from xxgk.model.schema import INVERSE_RELATION_LABELS, RELATION_FIELDS, RELATION_LABELS
from xxgk.site.context import FDZDGKNR, RESPONSE_URLS, Output, SiteContext
from xxgk.site.outputs.pictures import SIZES, picture_of
from xxgk.site.render import relative_url
from xxgk.site.sections.ledger import plan_summary
from xxgk.site.sections.registers import register_mentions
from xxgk.site.sections.responses import kind_trail


def render_documents(site: SiteContext) -> Output:
    out = Output(site)
    mentions = register_mentions(site)
    for document in site.documents:
        render_document(site, out, document, mentions.get(str(document.index_number), []))
    return out


def document_trail(site: SiteContext, document: Document) -> tuple[tuple[str, str], ...]:
    """The breadcrumb above a document: its column and category, or its column of 解读回应 and form."""
    if document.kind in RESPONSE_URLS:
        return kind_trail(site, document)
    return column_trail(site, document)


def column_trail(site: SiteContext, document: Document) -> tuple[tuple[str, str], ...]:
    """Where a document sits in the four columns: its column and, in 法定主动公开内容, its category."""
    column = site.column_of(document)
    trail = (urls.HOME_CRUMB, urls.ROOT_CRUMB, (column.name, site.column_url(column)))
    if column.name == FDZDGKNR:
        term = site.category_by_name[document.category]
        trail += ((document.category, urls.category(term.code, site.column_url(column))),)
    return trail


def render_document(site: SiteContext, out: Output, document: Document, mentions: list | None = None) -> None:
    """`mentions`: the rows of registers that name the document (registers.register_mentions)."""
    trail = document_trail(site, document)
    # The listing of its 信息类别 (its column, or the category below 法定主动公开内容), or its kind's column.
    category_url = site.kind_url(document.kind) if in_own_column(document) else column_trail(site, document)[-1][1]
    pictures = [picture_of(document.url, graphic) for graphic in document.graphics]
    for picture in pictures:
        out.downloads.update(picture.files)
    outgoing, incoming = [], []
    for spec in RELATION_FIELDS:
        targets = [site.by_index[i] for i in getattr(document, spec.attr) if i in site.by_index]
        if targets:
            outgoing.append((RELATION_LABELS[spec.attr], targets))
        sources = site.related(document, spec.attr)
        if sources:
            incoming.append((INVERSE_RELATION_LABELS[spec.attr], sources))
    relations = outgoing + incoming
    status = site.status(document)
    # The policy an interpretation explains, and the interpretations of a policy, head the page.
    interpreted = [site.by_index[i] for i in document.interprets if i in site.by_index]
    interpretations = site.interpretations(document)
    plan = site.content.ledger.plan_of(document) if document.task_ledger else None
    ledger = (urls.plan_ledger(document.url), *plan_summary(site, plan)) if plan else None
    # The preview reuses the page when the same Document objects come back (see DocumentCache).
    key = (
        document,
        (trail, site.build_date, repr(status), [repr(site.status(d)) for d in interpreted], mentions, ledger),
        tuple((label, tuple(targets)) for label, targets in relations),
    )
    cached = site.page_cache.get(document.url)
    if cached and _same_objects(cached[0], key):
        out.pages.append(cached[1])
        return
    context = dict(
        trail=trail,
        doc=document,
        relations=relations,
        unit_url=site.unit_url(document.unit),
        category_url=category_url,
        body=rewrite_links(document, site.by_file, relative_url),
        status=status,
        interpreted=interpreted,
        interpretations=interpretations,
        pictures=pictures,
        picture_sizes=SIZES,
        mentions=mentions or [],
        reply_classes=REPLY_CLASSES,
        ledger=ledger,
    )
    # What the templates ask besides: the statuses and interpretations of the documents listed (a list
    # of related documents links each one's 解读), the 意见征集's, the checksums.
    listed = [document, *interpreted, *interpretations, *(d for _label, docs in relations for d in docs)]
    asked = (
        [site.status(d) for d in listed],
        [site.interpretations(d) for d in listed],
        [site.consultation(d) for d in listed],
        [site.related(d, attr) for d in listed for attr in ("feedback_of", "consulted_in")],
        site.alternates.get(document.url),
        [sha256_of(attachment) for attachment in document.attachments],  # shown under each: its bytes count
    )
    page = site.kept_value(
        "generated page",
        (context, asked),
        lambda: site.page(document.url, document.title, "document.html.j2", {"hide": ["navigation"]}, **context),
    )
    out.pages.append(page)
    site.page_cache[document.url] = (key, page)


def _same_objects(old: tuple, new: tuple) -> bool:
    """Documents compared by identity (a reloaded file is a new object), everything else by value."""
    old_doc, old_trail, old_relations = old
    new_doc, new_trail, new_relations = new
    return (
        old_doc is new_doc
        and old_trail == new_trail
        and [(label, len(docs)) for label, docs in old_relations]
        == [(label, len(docs)) for label, docs in new_relations]
        and all(a is b for (_, x), (_, y) in zip(old_relations, new_relations) for a, b in zip(x, y))
    )
