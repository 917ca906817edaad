"""Reading a built site in tests: a page by its address, and its text without tags."""

from __future__ import annotations

import re
from pathlib import Path

FILE_SUFFIXES = (".html", ".xml", ".txt", ".json", ".csv", ".ics")


def page(site: Path, address: str) -> str:
    """The page at an address (`xxgk/zn/` or `xxgk/zn/index.html`), or a file such as `sitemap.xml`."""
    path = site / address if address.endswith(FILE_SUFFIXES) else site / address / "index.html"
    return path.read_text(encoding="utf-8")


def plain(html: str) -> str:
    """The text a reader sees, tags dropped and runs of white space made one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def document_metadata(html: str) -> dict[str, str]:
    """A document page's metadata block as a reader sees it: label -> value, in the page's order."""
    block = html[html.index('<dl class="xxgk-docmeta">') : html.index("</dl>")]
    rows = re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", block)
    return {label: re.sub(r"<[^>]+>", "", value).replace("\u3000", " ") for label, value in rows}
