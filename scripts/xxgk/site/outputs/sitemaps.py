"""sitemap.xml and robots.txt for search engines, from the configured site address.

A document's or report's entry carries its 发布日期 as lastmod; listings change
with every new document and carry none. Past 50,000 addresses (the protocol's
limit per file) sitemap.xml becomes an index of numbered sitemaps.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote
from xml.sax.saxutils import escape

SITEMAP_XML = "sitemap.xml"
ROBOTS = "robots.txt"
LIMIT = 50_000
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def absolute(site_url: str, address: str) -> str:
    """
    >>> absolute("https://x.gov.cn/", "doc/A/2026-00001/附件.pdf")
    'https://x.gov.cn/doc/A/2026-00001/%E9%99%84%E4%BB%B6.pdf'
    """
    return site_url + quote(address, safe="/")


def sitemap_files(site_url: str, addresses: list[tuple[str, dt.date | None]]) -> dict[str, bytes]:
    """sitemap.xml (and sitemap-N.xml when needed) and robots.txt; nothing without a site address."""
    if not site_url:
        return {ROBOTS: b"User-agent: *\nAllow: /\n"}
    chunks = [addresses[i : i + LIMIT] for i in range(0, len(addresses), LIMIT)] or [[]]
    files = {}
    if len(chunks) == 1:
        files[SITEMAP_XML] = _urlset(site_url, chunks[0])
    else:
        names = [f"sitemap-{n}.xml" for n in range(1, len(chunks) + 1)]
        for name, chunk in zip(names, chunks):
            files[name] = _urlset(site_url, chunk)
        entries = "".join(f"<sitemap><loc>{escape(absolute(site_url, n))}</loc></sitemap>\n" for n in names)
        files[SITEMAP_XML] = _xml(f'<sitemapindex xmlns="{_NAMESPACE}">\n{entries}</sitemapindex>\n')
    files[ROBOTS] = f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, SITEMAP_XML)}\n".encode()
    return files


def _urlset(site_url: str, addresses: list[tuple[str, dt.date | None]]) -> bytes:
    entries = []
    for address, lastmod in addresses:
        modified = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        entries.append(f"<url><loc>{escape(absolute(site_url, address))}</loc>{modified}</url>\n")
    return _xml(f'<urlset xmlns="{_NAMESPACE}">\n{"".join(entries)}</urlset>\n')


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode("utf-8")
