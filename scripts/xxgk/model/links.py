"""Links in document bodies: checked at load time, pointed at permanent addresses
when the site is generated.

Staff link to what they see in the content folder: another document's file
(`../2025/临时救助办法.md`) or an attachment beside the document (`附件1.pdf`).
On the site a document lives at its 索引号 address, so such links are rewritten;
one that points to nothing is an error. External links (with a scheme) are
listed by `xxgk check --links`, never fetched.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from xxgk.model.documents import Document
from xxgk.model.problems import Problem
from xxgk.model.web_addresses import BODY_SCHEMES, address_problem

# Markdown inline links and images, and href/src attributes of raw HTML. The target may hold a tab
# or other control character, so that `java\tscript:` is seen (and refused) rather than skipped.
_MARKDOWN_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\x20\n>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# A reference-style link's definition: `[1]: ../2025/办法.md "标题"`.
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?([^\x20\n>]+)>?", re.MULTILINE)
_HTML_LINK = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class BodyLink:
    line: int  # in the document's file
    target: str

    @property
    def external(self) -> bool:
        return bool(_SCHEME.match(self.target)) or self.target.startswith("//")

    @property
    def path(self) -> str:
        """The target without #fragment or ?query."""
        return re.split(r"[#?]", self.target, maxsplit=1)[0]


def body_links(document: Document) -> list[BodyLink]:
    if "](" not in document.body and "=" not in document.body and "]:" not in document.body:
        return []  # most bodies: no link, no line-by-line scan
    links = []
    for number, line in enumerate(document.body.split("\n")):
        for pattern in (_MARKDOWN_LINK, _HTML_LINK, _REFERENCE):
            links += [BodyLink(document.body_line + number, m[1]) for m in pattern.finditer(line)]
    return links


def resolve(link: BodyLink, document: Document, by_file: dict[str, Document]) -> Document | str | None:
    """What an internal link points to: a document, the file name of an attachment, or None."""
    # normpath, not resolve(): this runs for every link of every document on each preview rebuild.
    target = os.path.normpath(os.path.join(document.folder, link.path))
    if target in by_file:
        return by_file[target]
    for attachment in document.attachments:
        if os.path.normpath(attachment.source.absolute()) == target:
            return attachment.filename
    return None


def documents_by_file(documents: list[Document]) -> dict[str, Document]:
    """Documents by their file's normalised path (strings: Path objects cost seconds here at 10,000)."""
    return {os.path.normpath(os.path.join(d.folder, d.path.name)): d for d in documents}


def check_links(documents: list[Document]) -> list[Problem]:
    by_file = documents_by_file(documents)
    # Where the documents are (the content folder): a link that leaves it is never a document of the site.
    root = os.path.commonpath([str(d.folder) for d in documents]) if documents else "/"
    problems = []
    for document in documents:
        for link in body_links(document):
            reason = address_problem(link.target, schemes=BODY_SCHEMES)
            if reason:
                problems.append(Problem(document.path, link.line, None, f"链接「{link.target}」{reason}"))
                continue
            if link.external or not link.path:
                continue
            if link.path.startswith("/"):
                problems.append(
                    Problem(
                        document.path,
                        link.line,
                        None,
                        f"链接「{link.target}」是绝对路径：请写到另一份文件（如 ../2025/办法.md）或附件的相对路径",
                    )
                )
            elif resolve(link, document, by_file) is None:
                target = os.path.normpath(os.path.join(document.folder, link.path))
                if os.path.commonpath([root, target]) != root:
                    message = f"链接「{link.target}」指向内容文件夹以外：请链接到另一份文件的 .md 文件或本文件的附件"
                    problems.append(Problem(document.path, link.line, None, message))
                    continue
                exists = (document.folder / link.path).is_file()
                problems.append(
                    Problem(
                        document.path,
                        link.line,
                        None,
                        (
                            f"链接「{link.target}」指向的文件没有列入本文件的附件：请把它加入 附件"
                            if exists
                            else f"链接「{link.target}」指向的文件不存在：请链接到另一份文件的 .md 文件或本文件的附件"
                        ),
                    )
                )
    return problems


def rewrite_links(document: Document, by_file: dict[str, Document], relative_url, here: str | None = None) -> str:
    """The body with links to documents and attachments pointed at their addresses on the site.

    `here` is the page the body appears on: the document's own by default, or one
    that collects several bodies (a unit's 制度汇编).
    """
    here = document.url if here is None else here

    def replace(match: re.Match) -> str:
        link = BodyLink(0, match[1])
        if link.external or not link.path or link.path.startswith("/"):
            return match[0]
        found = resolve(link, document, by_file)
        if found is None:
            return match[0]
        url = relative_url(here, found.url if isinstance(found, Document) else document.url + found)
        fragment = link.target[len(link.path) :]
        return match[0].replace(match[1], url + fragment, 1)

    body = document.body
    if "](" not in body and "]:" not in body and "=" not in body:  # no link of any of the three forms
        return body
    return _REFERENCE.sub(replace, _HTML_LINK.sub(replace, _MARKDOWN_LINK.sub(replace, body)))


def external_links(documents: list[Document]) -> list[tuple[Document, BodyLink]]:
    return [(d, link) for d in documents for link in body_links(d) if link.external]
