"""What the search index holds for each document, tokenised for substring search.

Chinese portals search by substring: 应急预案 must find 应急预案执行人员 too.
Dictionary segmentation (Pagefind's own for zh) splits words differently at
index time and at query time and loses such matches, so every run of Han
characters is indexed as its overlapping character pairs (应急 急预 预案). The
search page (`assets/xxgk-search.js`) asks for every other pair of the query
and the last one (应急, 预案) and keeps the documents where they sit at their
offsets from each other, which is where the phrase is: every document
containing it is found, and results that lack it are rare.

发文字号 and 索引号 also get one exact token each, so a query that is a 发文字号
in any bracket variant or an 索引号 finds its own document first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xxgk.model.documents import Document
from xxgk.model.identifiers import canonical_doc_number

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_HAN}]+|[0-9A-Za-z]+|[^\s{_HAN}0-9A-Za-z]")
_HAN_START = re.compile(rf"[{_HAN}]")
# Link targets, HTML tags and Markdown markup, which would show in snippets.
_MARKDOWN_NOISE = re.compile(r"\]\([^)]*\)|<[^>]+>|^\s*(?:#+|>|[-*+]|\d+\.)\s|\*\*?|__|`+|^\s*\|?[-:| ]+\|?\s*$|\|",
                             re.MULTILINE)
# A 发文字号 typed any way: brackets of any kind or none, spaces anywhere.
_DOC_NUMBER_QUERY = re.compile(rf"([{_HAN}]+?)\s*[〔\[【(（［﹝]?\s*(\d{{4}})\s*[〕\]】)）］﹞]?\s*第?\s*(\d+)\s*号?")
_INDEX_NUMBER_QUERY = re.compile(r"([0-9A-Za-z]{18})\s*/\s*(\d{4})\s*-\s*(\d{5})")

# Where the body starts in a record's content, so a snippet can prefer a match in the text.
BODY_MARK = "xxbodyq"

# Facet keys in the index and in the address of a search; labels for the page.
FACETS = {"unit": "发布机构", "topic": "主题分类", "category": "信息类别", "genre": "文种", "year": "年份",
          "validity": "有效性"}


@dataclass(frozen=True)
class SearchRecord:
    url: str  # relative to the site root
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]


def search_text(text: str) -> str:
    """Han runs as overlapping pairs; other words and punctuation as they are, for excerpts.

    >>> search_text("应急预案执行人员，2026年 PDF")
    '应急 急预 预案 案执 执行 行人 人员 ， 2026 年 PDF'
    """
    out = []
    for token in _TOKEN.findall(text):
        if _HAN_START.match(token):
            out.extend([token] if len(token) == 1 else [token[i:i + 2] for i in range(len(token) - 1)])
        else:
            out.append(token)
    return " ".join(out)


def doc_number_token(doc_number: str) -> str | None:
    """The exact-match token of a 发文字号, however its brackets were typed.

    >>> doc_number_token("友政办发[2020]17号") == doc_number_token("友政办发2020 17号")
    True
    """
    match = _DOC_NUMBER_QUERY.fullmatch(doc_number.strip())
    if match:
        agency, year, serial = match.groups()
    else:
        canonical = canonical_doc_number(doc_number)  # orders: 松岭县人民政府令第3号
        if not canonical or "令第" not in canonical:
            return None
        agency, serial = canonical[:-1].split("令第")
        year = "l"
    return "xxwh" + "".join(f"{ord(c):x}" for c in agency) + year + str(int(serial)) + "q"


def index_number_token(index_number: str) -> str | None:
    match = _INDEX_NUMBER_QUERY.fullmatch(index_number.strip())
    return "xxsy" + "".join(match.groups()).lower() + "q" if match else None


def plain_body(markdown: str) -> str:
    """
    >>> plain_body("**第一条** 见[附件](a.pdf)。")
    '第一条 见[附件]。'
    """
    return _MARKDOWN_NOISE.sub(lambda m: "]" if m.group().startswith("]") else "", markdown)


def search_record(document: Document, url: str, status: str = "") -> SearchRecord:
    """`status` is the document's status on the build date (lifecycle), the 有效性 facet."""
    exact = [token for token in (doc_number_token(document.doc_number) if document.doc_number else None,
                                 index_number_token(str(document.index_number))) if token]
    # The title twice: Pagefind weighs records only by term frequency.
    head = [document.title, document.title, document.doc_number, str(document.index_number), document.unit.name,
            document.summary, " ".join(document.keywords)]
    text = [plain_body(document.body), " ".join(a.name for a in document.attachments)]
    meta = {"title": document.title, "doc_number": document.doc_number, "unit": document.unit.name,
            "date": document.published.isoformat(), "index_number": str(document.index_number)}
    filters = {"unit": [document.unit.name], "topic": [document.topic], "category": [document.category],
               "year": [str(document.published.year)]}
    if document.genre:
        filters["genre"] = [document.genre]
    if status:
        filters["validity"] = [status]
    return SearchRecord(
        url=url,
        content=" ".join([*exact, search_text("\n".join(p for p in head if p)), BODY_MARK,
                          search_text("\n".join(p for p in text if p))]),
        meta={key: value for key, value in meta.items() if value},
        filters=filters,
        sort={"date": document.published.isoformat()},
    )


def search_records(documents: list[Document], statuses: dict[str, str] | None = None) -> list[SearchRecord]:
    """`statuses`: 索引号 -> status on the build date, as GeneratedSite.statuses holds them."""
    statuses = statuses or {}
    return [search_record(d, d.url, statuses.get(str(d.index_number), "")) for d in documents]
