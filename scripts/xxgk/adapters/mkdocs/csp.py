"""The Content-Security-Policy each page ships as a meta tag.

Scripts run only from the site itself or when they are one of the page's own
inline scripts (allowed by their SHA-256), Pagefind may compile its
WebAssembly, nothing is framed or posted elsewhere. A page may read more than
the site only where the core says so (`Page.connect`: the 检索 page, the
indexes of the sites of 联合检索); never scripts from elsewhere, since Pagefind
searches a merged index with the page's own WebAssembly. A server can add the
directives a meta tag cannot carry (see README, "Security headers").
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.S)
_HEAD = re.compile(r"<head[^>]*>")
DIRECTIVES = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # the theme sets style attributes from its scripts
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if "src=" in attrs or "application/json" in attrs:
            continue
        digest = hashlib.sha256(match["code"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def content_security_policy(html: str, connect: tuple[str, ...] = ()) -> str:
    """The policy of a page; `connect`: addresses besides the site that its scripts read.

    >>> content_security_policy("<script>x=1</script>").split("; ")[1]
    "script-src 'self' 'wasm-unsafe-eval' 'sha256-HyBrEcI+KMwlDe1/wAmNOCOoRnpUNA8axOU1y4VEST8='"
    >>> content_security_policy("", ("https://b.example/pagefind/",)).split("; ")[5]
    "connect-src 'self' https://b.example/pagefind/"
    """
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *inline_script_hashes(html)])
    directives = [d if d != "connect-src 'self'" else " ".join([d, *connect]) for d in DIRECTIVES]
    return "; ".join([directives[0], f"script-src {scripts}", *directives[1:]])


def with_content_security_policy(html: str, connect: tuple[str, ...] = ()) -> str:
    """The page with its policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html, connect)}">'
    return _HEAD.sub(lambda head: head.group() + meta, html, count=1)
