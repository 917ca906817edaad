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
from mkdocs.commands.build import build
from mkdocs.config import load_config

from browser import free_port
from counties import SAMPLE, make_repository
from xxgk.authoring.cli import main
from xxgk.checks.content import DocumentCache, load_content
from xxgk.model import urls
from xxgk.site.generator import generate_site
from xxgk.site.preview import quick_site

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


def saved_with_a_new_sentence(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n\n（预览时补充的一句话。）\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_a_save_that_changes_only_text_shows_what_a_full_build_would(tmp_path):
    """Staff add a sentence to every document but the plans whose tasks the ledger tracks. The
    preview's quick rebuild renders only the pages that show text, and the site is the one a
    full generation gives: every document page and the 制度文件汇编 carry the sentence."""
    shutil.copytree(SAMPLE, tmp_path / "content")
    cache = DocumentCache()
    before = load_content(tmp_path / "content", cache=cache, as_of=DATE)
    previous = generate_site(before, DATE, cache.pages, preview=True)
    edited = [
        path for path in sorted((tmp_path / "content").rglob("*.md")) if "任务台账: 是" not in path.read_text("utf-8")
    ]
    for path in edited:
        saved_with_a_new_sentence(path)
    after = load_content(tmp_path / "content", cache=cache, as_of=DATE)

    quick = quick_site(previous, before, after, DATE, cache.pages)

    assert quick is not None, "only text changed: no full generation needed"
    full = generate_site(after, DATE, {}, preview=True)
    assert {p.url: p for p in quick.pages} == {p.url: p for p in full.pages}
    assert [p.url for p in quick.pages] == [p.url for p in full.pages]
    assert quick.downloads == full.downloads and quick.files == full.files and quick.nav == full.nav
    assert quick.documents == full.documents
    shown = [p.url for p in quick.pages if "预览时补充的一句话" in p.markdown]
    assert any(url.startswith(urls.DOCUMENTS) for url in shown) and any(
        url.startswith(urls.COMPILATIONS) for url in shown
    )


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("松岭县人民政府办公室/2024/保密审查制度.md", "标题: ", "标题: （修订）"),  # a field listings show
        (
            "松岭县人民政府办公室/2026/2026年政务公开工作实施方案.md",
            "\n---\n",
            "\n---\n\n前言一句。\n",
        ),  # a ledger plan
    ],
)
def test_a_save_that_changes_more_than_text_is_generated_in_full(tmp_path, name, old, new):
    shutil.copytree(SAMPLE, tmp_path / "content")
    cache = DocumentCache()
    before = load_content(tmp_path / "content", cache=cache, as_of=DATE)
    previous = generate_site(before, DATE, cache.pages, preview=True)
    Preview(tmp_path / "content").edit(name, old, new)
    after = load_content(tmp_path / "content", cache=cache, as_of=DATE)
    assert not after.errors
    assert quick_site(previous, before, after, DATE, cache.pages) is None


# -- what `mkdocs serve --dirty` renders again -------------------------------------------


class Served:
    """`mkdocs serve --dirty` as it drives the plugin, without the server: a first build, then one per save."""

    URL = "http://127.0.0.1:8000/"

    def __init__(self, folder: Path):
        self.folder = folder
        self.output = folder / "served"
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=True)
        self.plugin = config.plugins["xxgk"]
        build(config, serve_url=self.URL, dirty=True)

    def config(self):
        config = load_config(str(self.folder / "mkdocs.yml"), site_dir=str(self.output))
        config.site_url = self.URL
        return config

    def rebuild(self) -> set[str]:
        """Rebuild as after a save; the pages written again."""
        before = self.pages()
        build(self.config(), serve_url=self.URL, dirty=True)
        after = self.pages()
        return {path for path, written in after.items() if before.get(path) != written}

    def pages(self) -> dict[str, int]:
        return {str(p.relative_to(self.output)): p.stat().st_mtime_ns for p in self.output.rglob("*.html")}

    def showing(self, text: str) -> set[str]:
        return {path for path in self.pages() if text in (self.output / path).read_text(encoding="utf-8")}

    def close(self) -> None:
        self.plugin.on_shutdown()


@pytest.fixture
def served(tmp_path):
    served = Served(make_repository(tmp_path, build_date=DATE))
    yield served
    served.close()


def test_a_save_renders_again_the_edited_page_only(served):
    document = {path for path in served.showing(TITLE) if path.startswith(urls.DOCUMENTS)}
    assert len(document) == 1
    Preview(served.folder / "content").edit(RELIEF, "本季度共实施临时救助", "本季度（已核实）共实施临时救助")
    rendered = served.rebuild()
    assert rendered - {"404.html"} == document  # MkDocs writes its 404 page every time
    assert served.showing("本季度（已核实）") == document


def test_a_new_title_shows_on_every_served_page_that_lists_the_document(served):
    listed = served.showing(TITLE)
    assert len(listed) > 5, "its page, the home page's latest, its unit, column, category, year and topic"
    Preview(served.folder / "content").edit(RELIEF, f"标题: {TITLE}", f"标题: {TITLE}（更正）")
    rendered = served.rebuild()
    assert served.showing(TITLE + "（更正）") == listed
    assert "index.html" in rendered and len(rendered) < len(served.pages()) / 2


def test_a_deleted_document_is_no_longer_served(served):
    document = {path for path in served.showing(TITLE) if path.startswith(urls.DOCUMENTS)}
    (served.folder / "content" / RELIEF).unlink()
    served.rebuild()
    assert not served.showing(TITLE)
    assert not any((served.output / path).exists() for path in document)


def test_a_deleted_attachment_is_an_error_and_the_last_good_site_keeps_its_copy(tmp_path):
    folder = make_repository(tmp_path, build_date=DATE)
    plan = folder / "content/县政府办公室/2026"
    shutil.copyfile(next(SAMPLE.rglob("*（印发版）.pdf")), plan / "印发版.pdf")
    edit(plan / "工作要点.md", "附件: [", "附件: [{文件: 印发版.pdf, 名称: 印发版}, ")
    served = Served(folder)
    try:
        copy = next(served.output.rglob("印发版.pdf"))
        (plan / "印发版.pdf").unlink()
        served.rebuild()
        assert any("印发版.pdf" in str(problem) for problem in served.plugin.preview_errors)
        assert copy.is_file()
    finally:
        served.close()


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
