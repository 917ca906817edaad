"""Headless Chromium for the browser tests: Debian's chromium driven by Playwright.

Tests are skipped with a message when no Chromium is found, except where
XXGK_REQUIRE_BROWSER is set (CI), where a missing browser fails them.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    message = "no Chromium found: install Debian's chromium (apt-get install chromium) to run the browser tests"
    if os.environ.get("XXGK_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def serve(folder: Path, cross_origin: bool = False):
    """Serve a built site on a free port of 127.0.0.1; yields its base address.

    With `cross_origin`, its search index may be read by pages of other sites (CORS), as the
    `_headers` file of every build asks of the host: another site's 检索 page merges it.
    """

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def end_headers(self):
            if cross_origin and self.path.startswith("/pagefind/"):
                self.send_header("Access-Control-Allow-Origin", "*")
            super().end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


# The search page keeps its search to itself; the tests and the benchmark append this probe
# to its script as the browser loads it, so the site ships no hook. The probe runs inside the
# module and calls its find(): every result of a query, as the ids of Pagefind's fragments
# (named <id>.pf_fragment), without downloading them.
SEARCH_PROBE = """
window.xxgkSearch = {
  ids: async (q, filters = {}) => {
    const found = await find({ q, sort: "", page: 1, filters });
    return found ? found.results.map((r) => r.id) : [];
  },
};
"""


def probe_search(page) -> None:
    """Give `page` window.xxgkSearch.ids(query, filters) on every search page it opens."""

    def append_probe(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text() + SEARCH_PROBE)

    page.route("**/assets/xxgk-search.js", append_probe)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
