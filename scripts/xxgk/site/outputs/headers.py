"""_headers: the response headers of the built site, for hosts that read the file (Netlify, Cloudflare Pages).

No file may ever be rendered as a page of the site: `nosniff` everywhere keeps a
browser to the type the extension gives, and each attachment is sent as a
download, in a sandbox that runs nothing, should a browser display it anyway.
Pages keep their own Content-Security-Policy meta tag, so no policy is added for
them here. The search index may be read by any site (CORS): it is what every
reader downloads anyway, and other xxgk sites merge it into their 检索 page
(联合检索). Hosts without such a file (GitHub Pages) rely on the attachment policy
(model/attachments.py) alone; the README says what to set on nginx.

A text attachment is published in UTF-8 (with a byte-order mark, which browsers
read too) and its rule names the charset, so no browser guesses GBK or Latin-1.
"""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import quote

from xxgk.model import urls
from xxgk.model.attachments import is_text

# The web editor may not be framed (its own page policy, a meta tag, cannot say so).
ADMIN_HEADERS = ("Content-Security-Policy: frame-ancestors 'none'",)
INDEX_HEADERS = ("Access-Control-Allow-Origin: *",)
ATTACHMENT_HEADERS = (
    "Content-Disposition: attachment",
    "Content-Security-Policy: default-src 'none'; sandbox",
)
# The media type of each text attachment, as published by model.attachments.published_text.
TEXT_TYPES = {".csv": "text/csv; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


def headers_file(attachments: list[str]) -> bytes:
    """The file for the addresses (below the site root) of every attachment, one rule each.

    One rule per file, not a pattern such as `/doc/*`: that would also match the
    document pages beside the attachments. Addresses are written as browsers
    request them, percent-encoded.

    >>> print(headers_file(["doc/A/2026-00001/附件.pdf", "doc/A/2026-00001/说明.txt"]).decode(), end="")
    # Written by xxgk on every build; see its README, Security headers
    /*
      X-Content-Type-Options: nosniff
    <BLANKLINE>
    /admin/*
      Content-Security-Policy: frame-ancestors 'none'
    <BLANKLINE>
    /pagefind/*
      Access-Control-Allow-Origin: *
    <BLANKLINE>
    /doc/A/2026-00001/%E8%AF%B4%E6%98%8E.txt
      Content-Disposition: attachment
      Content-Security-Policy: default-src 'none'; sandbox
      Content-Type: text/plain; charset=utf-8
    <BLANKLINE>
    /doc/A/2026-00001/%E9%99%84%E4%BB%B6.pdf
      Content-Disposition: attachment
      Content-Security-Policy: default-src 'none'; sandbox
    """
    lines = [
        "# Written by xxgk on every build; see its README, Security headers",
        "/*",
        "  X-Content-Type-Options: nosniff",
        "",
        f"/{urls.ADMIN}*",
        *(f"  {header}" for header in ADMIN_HEADERS),
        "",
        f"/{urls.SEARCH_INDEX}*",
        *(f"  {header}" for header in INDEX_HEADERS),
    ]
    for address in sorted(attachments):
        headers = list(ATTACHMENT_HEADERS)
        if is_text(address):
            headers.append(f"Content-Type: {text_type(address)}")
        lines += ["", "/" + quote(address, safe="/"), *(f"  {header}" for header in headers)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def text_type(name: str) -> str:
    """The Content-Type of a text attachment: its own type where it has one, plain text otherwise."""
    return TEXT_TYPES.get(PurePath(name).suffix.lower(), TEXT_TYPES[".txt"])
