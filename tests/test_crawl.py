"""A crawl of the built sample county, as a link checker and a reader's browser see it: every address a
page, stylesheet, feed, site map or open-data file points to inside the site exists (anchors too), and
no page of any type asks the server for a file it does not have."""

import functools
import json
import posixpath
import re
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest

from browser import browser, serve
from test_accessibility import PAGES

# Where HTML names another file: element -> attributes.
LINKING = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "form": ("action",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
}
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
ELSEWHERE = ("mailto:", "tel:", "data:", "javascript:", "blob:")


def site_url(site: Path) -> str:
    return json.loads((site / "data/documents.json").read_text(encoding="utf-8"))["网址"]


def file_of(site: Path, address: str) -> Path | None:
    """The file a static server answers an address below the site root with, if any."""
    path = posixpath.normpath(unquote(address)).lstrip("/")
    if path in ("", "."):
        path = "index.html"
    target = site / path
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


@functools.cache
def anchors_of(path: Path) -> frozenset[str]:
    tree = lxml.html.fromstring(path.read_bytes())
    return frozenset(tree.xpath("//@id") + tree.xpath("//a/@name"))


def internal(reference: str, base: str, root: str) -> str | None:
    """The address below the site root a reference on page `base` leads to; None when it leaves the site."""
    reference = reference.strip()
    if not reference or reference.startswith(ELSEWHERE):
        return None
    if reference.startswith(root):
        reference = "/" + reference[len(root) :]
    resolved = urljoin("http://site" + base, reference)
    return resolved.removeprefix("http://site") if resolved.startswith("http://site/") else None


def references(path: Path, site: Path) -> list[str]:
    """Every address a built file points to, as written."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".html":
        tree = lxml.html.fromstring(path.read_bytes())
        found = []
        for tag, attributes in LINKING.items():
            for element in tree.iter(tag):
                for attribute in attributes:
                    value = element.get(attribute)
                    if value and attribute == "srcset":
                        found += [part.split()[0] for part in value.split(",") if part.strip()]
                    elif value:
                        found.append(value)
        found += [url for style in tree.iter("style") for url in CSS_URL.findall(style.text or "")]
        return found
    if path.suffix == ".css":
        return CSS_URL.findall(text)
    # Feeds, site maps, open data, calendars: the site's own addresses, written in full.
    root = site_url(site)
    return re.findall(re.escape(root) + r"""[^\s"'<>\\]*""", text)


def broken_links(site: Path) -> list[str]:
    root = site_url(site)
    checked = [p for p in site.rglob("*") if p.suffix in (".html", ".css", ".xml", ".json", ".ics")]
    broken = []
    for path in checked:
        if path.relative_to(site).parts[0] in ("pagefind", "staff"):
            continue  # Pagefind's own files; the staff guide is checked by MkDocs itself
        base = "/" + path.relative_to(site).as_posix()
        for reference in references(path, site):
            address = internal(reference, base, root)
            if address is None:
                continue
            parts = urlsplit(address)
            target = file_of(site, parts.path)
            if target is None:
                broken.append(f"{base}: {reference} (no file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors_of(target):
                broken.append(f"{base}: {reference} (no #{unquote(parts.fragment)} there)")
    return sorted(set(broken))


def test_no_file_of_the_built_site_links_to_a_file_or_anchor_it_does_not_have(sample_site):
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 300, "the whole sample: every listing, document, report and register page"
    assert broken_links(sample_site) == []


def test_the_crawl_finds_a_link_that_points_to_nothing(sample_site, tmp_path):
    """The crawl can fail: a page with a link to a missing file, an anchor and a stylesheet image."""
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    root = site_url(sample_site)
    (site / "data/documents.json").write_text(json.dumps({"网址": root, "地址": root + "doc/"}), encoding="utf-8")
    (site / "index.html").write_text(
        '<p id="top"><a href="xxgk/">栏目</a><a href="#top">顶部</a><a href="#bottom">底部</a>'
        '<img src="/assets/logo.png" alt=""><a href="https://example.org/">外站</a></p>',
        encoding="utf-8",
    )
    (site / "site.css").write_text("a { background: url('assets/missing.svg'); }", encoding="utf-8")
    assert broken_links(site) == [
        f"/data/documents.json: {root}doc/ (no file)",
        "/index.html: #bottom (no #bottom there)",
        "/index.html: /assets/logo.png (no file)",
        "/index.html: xxgk/ (no file)",
        "/site.css: assets/missing.svg (no file)",
    ]


@pytest.fixture(scope="module")
def chromium(sample_site):
    with serve(sample_site) as base, browser() as instance:
        yield base, instance


def failed_requests(page, address: str, ready: str | None = None) -> list[str]:
    """The requests of one page load that were answered 400 or more, or not at all."""
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.url}"))
    page.goto(address, wait_until="networkidle")
    if ready:
        page.wait_for_selector(ready)
        page.wait_for_load_state("networkidle")
    return failed


@pytest.mark.parametrize("name", PAGES)
def test_no_page_type_asks_for_a_file_the_site_does_not_have(chromium, name):
    base, instance = chromium
    page = instance.new_page()
    try:
        ready = ".xxgk-results__summary" if name == "search" else None
        assert failed_requests(page, base + PAGES[name], ready) == []
    finally:
        page.close()


@contextmanager
def serve_like_github_pages(folder: Path):
    """A static server that answers a missing address with the site's 404.html, as Pages hosts do."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = (folder / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_not_found_page_loads_everything_it_needs_at_any_depth(sample_site, chromium):
    """A mistyped address deep in the site gets the 404 page, whole: styles, scripts and images."""
    _, instance = chromium  # one Playwright per process: the module's browser, another server
    with serve_like_github_pages(sample_site) as base:
        page = instance.new_page()
        failed = failed_requests(page, base + "xxgk/fdzdgknr/no-such-page/")
        address = base + "xxgk/fdzdgknr/no-such-page/"
        assert failed == [f"404 {address}"], "only the page itself is missing"
        assert "首页" in page.inner_text("main")
        for link in page.locator("main a").all():
            href = link.get_attribute("href")
            assert href.startswith("/"), f"{href}: a link of the 404 page works from any address"
