"""`make serve`: staff save a document and the preview shows what changed, reusing what did not."""

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from xxgk.content import DocumentCache, load_content
from xxgk.pages import generate_site

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
    return sorted(url for url, page in pages.items() if not url.startswith("doc/") and title in page.markdown
                  and 'class="xxgk-list"' in page.markdown)


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
