"""What the search index holds for each document, tokenised for substring search.

Chinese portals search by substring: 应急预案 must find 应急预案执行人员 too.
Dictionary segmentation (Pagefind's own for zh) splits words differently at
index time and at query time and loses such matches, so every run of Han
characters is indexed as its overlapping character pairs (应急 急预 预案). The
search page asks for the query's pairs as a quoted phrase, which Pagefind finds
where the pairs stand side by side: every document containing the run is found,
and only those. A result ranks by where its first match starts: the title and the
other fields come before the text in each record.

发文字号 and 索引号 also get one exact token each, so a query that is a 发文字号
in any bracket variant or an 索引号 finds its own document first.

This module owns the tokenising contract. The index is cut here; the search
page cuts queries with the same patterns, which the build writes beside the
index (`TOKENISER_RULES`, see `pagefind_index.py`) and which
`assets/xxgk-search-tokens.js` reads instead of keeping copies. `query_terms`
is what the page asks for, in Python: the tests run a table of queries
through both and compare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xxgk.model.document_kinds import in_own_column
from xxgk.model.documents import Document
from xxgk.model.identifiers import CLOSE_BRACKETS, OPEN_BRACKETS


def _char_class(chars: str) -> str:
    return "[" + "".join("\\" + c if c in "\\[]^-" else c for c in chars) + "]"


# The patterns below are shared with the search page, so they use only the regular-expression
# syntax Python and JavaScript (with the "u" flag) read alike: no \d (every Unicode digit in
# Python, 0-9 in JavaScript), no \s (each counts a few different characters), no named groups.
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK Extension A, Unified and Compatibility Ideographs
_LATIN = "0-9A-Za-z"
# Whitespace as either language knows it (JavaScript adds U+FEFF, Python U+001C-U+001F and U+0085).
_SPACE = r"\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
HAN = f"[{_HAN}]"
LATIN = f"[{_LATIN}]"
SPACE = f"[{_SPACE}]"
# A token: a run of Han characters, a word of Latin letters and digits, or any other single character.
TOKEN = rf"{HAN}+|{LATIN}+|[^{_SPACE}{_HAN}{_LATIN}]"
# A 发文字号 typed any way: brackets of any kind or none, spaces anywhere; groups agency, year, serial.
DOC_NUMBER_QUERY = (
    rf"{SPACE}*({HAN}+?){SPACE}*{_char_class(OPEN_BRACKETS)}?{SPACE}*([0-9]{{4}}){SPACE}*"
    rf"{_char_class(CLOSE_BRACKETS)}?{SPACE}*第?{SPACE}*([0-9]+){SPACE}*号?{SPACE}*"
)
# An order, numbered without a year: 松岭县人民政府令第3号; groups agency, serial.
ORDER_NUMBER_QUERY = rf"{SPACE}*([^{_SPACE}]+?)令{SPACE}*第{SPACE}*([0-9]+){SPACE}*号{SPACE}*"
# An 索引号, any case, spaces anywhere; groups prefix, year, serial.
INDEX_NUMBER_QUERY = (
    rf"{SPACE}*({LATIN}{{18}}){SPACE}*/{SPACE}*([0-9]{{4}}){SPACE}*-{SPACE}*([0-9]{{5}})"
    rf"{SPACE}*"
)
# Tokens that are not text (the exact tokens, the body mark) are Latin words xx…q: whole words
# to Pagefind, which no text contains, and which the page leaves out of excerpts.
_MARK_START, _MARK_END = "xx", "q"
_DOC_NUMBER_MARK, _INDEX_NUMBER_MARK, _ORDER_YEAR = "wh", "sy", "l"
MARKER = f"{_MARK_START}[0-9a-z]*{_MARK_END}"
# Where the body starts in a record's content, so a snippet can prefer a match in the text.
BODY_MARK = f"{_MARK_START}body{_MARK_END}"

# Everything the search page needs to cut a query as the index was cut, written beside the index.
TOKENISER_RULES = {
    "han": HAN,
    "latin": LATIN,
    "token": TOKEN,
    "docNumber": DOC_NUMBER_QUERY,
    "orderNumber": ORDER_NUMBER_QUERY,
    "indexNumber": INDEX_NUMBER_QUERY,
    "docNumberToken": _MARK_START + _DOC_NUMBER_MARK,
    "orderYear": _ORDER_YEAR,
    "indexNumberToken": _MARK_START + _INDEX_NUMBER_MARK,
    "tokenEnd": _MARK_END,
    "marker": MARKER,
    "bodyMark": BODY_MARK,
}

_TOKEN = re.compile(TOKEN)
_HAN_START = re.compile(HAN)
_LATIN_START = re.compile(LATIN)
# excerpt_text: a mark standing alone; a space and the first character of a Han pair whose first
# character ends the Han pair before it (应急 急预 → 应急预); a space not between two Latin words.
_MARKER_WORD = re.compile(f"(?<![^ ]){MARKER}(?![^ ])", re.IGNORECASE)
_NEXT_PAIR = re.compile(f"(?<=(?<![^ ]){HAN}({HAN})) \\1(?={HAN}(?: |$))")
_SPACE_NOT_LATIN = re.compile(f"(?<!{LATIN}) | (?!{LATIN})")
_DOC_NUMBER_QUERY = re.compile(DOC_NUMBER_QUERY)
_ORDER_NUMBER_QUERY = re.compile(ORDER_NUMBER_QUERY)
_INDEX_NUMBER_QUERY = re.compile(INDEX_NUMBER_QUERY)
# Link targets, HTML tags and Markdown markup, which would show in snippets.
_MARKDOWN_NOISE = re.compile(
    r"\]\([^)]*\)|<[^>]+>|^\s*(?:#+|>|[-*+]|\d+\.)\s|\*\*?|__|`+|^\s*\|?[-:| ]+\|?\s*$|\|", re.MULTILINE
)


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
            out.extend([token] if len(token) == 1 else [token[i : i + 2] for i in range(len(token) - 1)])
        else:
            out.append(token)
    return " ".join(out)


@dataclass(frozen=True)
class QueryTerms:
    phrases: list[list[str]]  # what the page asks Pagefind for: words that must stand side by side
    exact: str | None  # the exact token when the query is a 发文字号 or an 索引号


def query_terms(query: str) -> QueryTerms:
    """What the search page asks the index for: each Han run as its pairs in a row, each Latin word alone.

    The page asks Pagefind for each phrase quoted, an exact search: the pages where
    the words stand side by side, which is where the run is, found from the words'
    positions without scoring each page. A page holding every phrase is a result.

    >>> query_terms("应急预案 PDF")
    QueryTerms(phrases=[['应急', '急预', '预案'], ['pdf']], exact=None)
    >>> query_terms("应急 预案，急").phrases
    [['应急'], ['预案'], ['急']]
    """
    phrases: list[list[str]] = []
    for token in _TOKEN.findall(query):
        if _HAN_START.match(token):
            phrases.append([token] if len(token) < 2 else [token[i : i + 2] for i in range(len(token) - 1)])
        elif _LATIN_START.match(token):
            phrases.append([token.lower()])
    return QueryTerms(phrases, index_number_token(query) or doc_number_token(query))


def excerpt_text(content: str) -> str:
    """A record's content as the search page shows it in excerpts: its pairs glued back into runs,
    its marks left out but the body's, which the page finds excerpts after.

    This is what the page's `decode` (assets/xxgk-search-tokens.js) makes of the content, and
    `decode` leaves it as it is: the build writes it into each page's fragment, which every
    result shown downloads, a third smaller than the pairs (`pagefind.write_excerpts`). The page
    still glues the pairs of fragments an earlier version wrote, on the other sites it searches.
    By regular expressions, not token by token as `decode`: 1.5 s instead of 2.9 s for 10,000
    records (the tests compare the two on random text).

    >>> content = search_text("应急预案，2026年 PDF file") + f" {BODY_MARK} " + search_text("第一条 正文")
    >>> excerpt_text(f"{doc_number_token('测政办发〔2026〕17号')} {content}")
    '应急预案，2026年PDF file xxbodyq 第一条正文'
    """
    mark = content.find(BODY_MARK)
    parts = [content] if mark < 0 else [content[:mark], content[mark + len(BODY_MARK) :]]
    glued = []
    for part in parts:
        words = " ".join(_MARKER_WORD.sub("", part).split())
        glued.append(_SPACE_NOT_LATIN.sub("", _NEXT_PAIR.sub("", words)))
    return f" {BODY_MARK} ".join(glued)


def doc_number_token(doc_number: str) -> str | None:
    """The exact-match token of a 发文字号, however its brackets were typed.

    >>> doc_number_token("友政办发[2020]17号") == doc_number_token(" 友政办发2020 017号")
    True
    >>> doc_number_token("松岭县人民政府令第3号")
    'xxwh677e5cad53bf4eba6c11653f5e9cl3q'
    """
    match = _DOC_NUMBER_QUERY.fullmatch(doc_number)
    if match:
        agency, year, serial = match.groups()
    elif match := _ORDER_NUMBER_QUERY.fullmatch(doc_number):
        agency, serial = match.groups()
        year = _ORDER_YEAR
    else:
        return None
    hex_agency = "".join(f"{ord(c):x}" for c in agency)
    return f"{_MARK_START}{_DOC_NUMBER_MARK}{hex_agency}{year}{int(serial)}{_MARK_END}"


def index_number_token(index_number: str) -> str | None:
    """
    >>> index_number_token("11239901000013480E / 2026-00013")
    'xxsy11239901000013480e202600013q'
    """
    match = _INDEX_NUMBER_QUERY.fullmatch(index_number)
    return f"{_MARK_START}{_INDEX_NUMBER_MARK}{''.join(match.groups()).lower()}{_MARK_END}" if match else None


def plain_body(markdown: str) -> str:
    """
    >>> plain_body("**第一条** 见[附件](a.pdf)。")
    '第一条 见[附件]。'
    """
    return _MARKDOWN_NOISE.sub(lambda m: "]" if m.group().startswith("]") else "", markdown)


def document_search_record(
    document: Document, url: str, status: str = "", specials: list[str] | None = None
) -> SearchRecord:
    """`status` is the document's status on the build date (lifecycle), the 有效性 facet; `specials`
    the names of the 专题 that gather it, the 专题 facet."""
    exact = [
        token
        for token in (
            doc_number_token(document.doc_number) if document.doc_number else None,
            index_number_token(str(document.index_number)),
        )
        if token
    ]
    # The title twice: Pagefind weighs records only by term frequency.
    head = [
        document.title,
        document.title,
        document.doc_number,
        str(document.index_number),
        document.unit.name,
        document.summary,
        document.concern,
        document.proposal_number,
        " ".join(f"{person.name} {person.post}" for person in document.speakers),
        " ".join(document.keywords),
    ]
    text = [
        *(f"{graphic.alt}\n{plain_body(graphic.text)}" for graphic in document.graphics),
        plain_body(document.body),
        " ".join(a.name for a in document.attachments),
    ]
    meta = {
        "title": document.title,
        "doc_number": document.doc_number,
        "unit": document.unit.name,
        "date": document.published.isoformat(),
        "index_number": str(document.index_number),
    }
    filters = {
        "unit": [document.unit.name],
        "topic": [document.topic],
        # The kinds of 解读回应 are found under their column, as the site lists them.
        "category": [document.kind if in_own_column(document) else document.category],
        "year": [str(document.published.year)],
    }
    if document.genre:
        filters["genre"] = [document.genre]
    if status:
        filters["validity"] = [status]
    if specials:
        filters["special"] = list(specials)
    return SearchRecord(
        url=url,
        content=" ".join(
            [
                *exact,
                search_text("\n".join(p for p in head if p)),
                BODY_MARK,
                search_text("\n".join(p for p in text if p)),
            ]
        ),
        meta={key: value for key, value in meta.items() if value},
        filters=filters,
        sort={"date": document.published.isoformat()},
    )
