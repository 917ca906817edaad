"""`make serve`: staff save a document and the preview shows what changed, reusing what did not."""

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from browser import free_port
from counties import make_repository
from xxgk.authoring.cli import main
from xxgk.checks.content import DocumentCache, load_content
from xxgk.site.generator import generate_site

FIXTURE = Path(__file__).parent / "fixtures" / "county"
DATE = dt.date(2026, 11, 27)
RELIEF = "松林镇/临时救助.md"
TITLE = "松林镇2026年第一季度临时救助情况公示"


class Preview:
    """The generator as `mkdocs serve` drives it: one cache kept across rebuilds."""

    def __init__(self, content: Path):
        self.content = content
        self.cache = DocumentCache()
        self.pages = {}

    def rebuild(self) -> dict:
        content = load_content(self.content, cache=self.cache, as_of=DATE)
        assert not content.errors
        site = generate_site(content, DATE, self.cache.pages, preview=True)
        self.pages = {page.url: page for page in site.pages}
        return self.pages

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.content / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        stat = path.stat()  # a save within the same clock tick still counts as a change
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


@pytest.fixture
def preview(tmp_path) -> Preview:
    shutil.copytree(FIXTURE, tmp_path / "content")
    preview = Preview(tmp_path / "content")
    preview.rebuild()
    return preview


def listings_showing(pages: dict, title: str) -> list[str]:
    return sorted(
        url
        for url, page in pages.items()
        if not url.startswith("doc/") and title in page_text(page) and 'class="xxgk-list"' in page_text(page)
    )


def page_text(page) -> str:
    """What a page shows: its Markdown and the HTML blocks that go in after rendering."""
    return page.markdown + "".join(html for _marker, html in page.html_blocks)


def test_a_new_sentence_shows_on_the_document_and_listings_are_reused(preview):
    before = dict(preview.pages)
    listings = listings_showing(before, TITLE)
    assert listings, "the fixture's document should be listed somewhere"
    preview.edit(RELIEF, "本季度共实施临时救助", "本季度（已核实）共实施临时救助")
    after = preview.rebuild()
    document = next(url for url in after if url.startswith("doc/") and TITLE in after[url].markdown)
    assert "本季度（已核实）" in after[document].markdown
    # The listings by category, year and 主题分类 (thousands of pages at 10,000 documents)
    # come back as they were; the home, unit and column pages are rendered again.
    browsing = [url for url in listings if any(part in url for part in ("/lb/", "/nf/", "/zt/"))]
    assert browsing and all(after[url] is before[url] for url in browsing)


def test_a_new_title_shows_on_every_listing_of_the_document(preview):
    listings = listings_showing(preview.pages, TITLE)
    assert listings
    preview.edit(RELIEF, f"标题: {TITLE}", "标题: 松林镇2026年第一季度临时救助情况公示（更正）")
    after = preview.rebuild()
    assert listings_showing(after, TITLE + "（更正）") == listings


# -- errors while previewing ------------------------------------------------------------

PLAN = "content/县政府办公室/2026/工作要点.md"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:  # a page never waits for a fix
        return response.read().decode("utf-8")


def wait_for(url: str, condition, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            page = fetch(url)
            if condition(page):
                return page
        except OSError:
            page = None
        assert time.monotonic() < deadline, f"{url} never showed what was expected:\n{page and page[:2000]}"
        time.sleep(0.5)


@pytest.fixture
def serving(tmp_path):
    folder = make_repository(tmp_path, build_date=DATE)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base, lambda page: "测试县" in page)
        yield folder, base
    finally:
        process.terminate()
        process.wait(timeout=30)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_preview_lists_content_errors_on_every_page_until_they_are_fixed(serving, monkeypatch):
    folder, base = serving
    monkeypatch.chdir(folder)
    document = base + "doc/11239901000012370G/2026-00001/"
    assert "xxgk-preview-errors" not in fetch(document)

    edit(folder / PLAN, "主题分类: 综合政务", "主题分类: 综合")
    page = wait_for(document, lambda page: "xxgk-preview-errors" in page)
    assert f"{PLAN}:9: 主题分类: 「综合」不在主题分类词表中" in page
    assert "测试县2026年政务公开工作要点" in page, "the last good page is still shown"
    assert f"{PLAN}:9: 主题分类" in fetch(base), "every page carries the list, the home page too"

    # A document just created by `xxgk new`, its fields still empty, is listed, not a reason to hang.
    created = CliRunner().invoke(
        main,
        ["new", "--unit", "测试县人民政府办公室", "--title", "关于做好年底工作的通知", "--date", DATE.isoformat()],
        catch_exceptions=False,
    )
    new = created.stdout.strip()
    page = wait_for(base, lambda page: new in page)
    assert f"{new}:" in page and "必填" in page

    edit(folder / PLAN, "主题分类: 综合", "主题分类: 综合政务")
    (folder / new).unlink()
    page = wait_for(document, lambda page: "xxgk-preview-errors" not in page)
    assert "测试县2026年政务公开工作要点" in page
