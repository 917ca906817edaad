"""The build cache: CI keeps it between runs, and a rebuild redoes only what changed.

Whatever the cache holds, a build with it publishes exactly what a build without
it would: the same files, byte for byte. It never takes a folder of someone's
files for its own, and a failed build leaves it usable.
"""

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from counties import BUILD_DATE, ROOT, make_repository
from xxgk.adapters.mkdocs.build import SiteRefused, build_site
from xxgk.adapters.mkdocs.plugin import XxgkPlugin
from xxgk.authoring.cli import main
from xxgk.model.build_cache import CACHE_MARK, ENTRIES_FILE, BuildCache, open_cache
from xxgk.model.problems import ContentError, errors

CONFIG = ROOT / "mkdocs.yml"
ID = "230522199001011238"  # a resident ID number with a valid check digit
DOCUMENT = Path("财政局") / "预算.md"


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The pages MkDocs renders from Markdown, build after build."""
    pages: list[str] = []
    convert = XxgkPlugin.on_page_markdown

    def counting(self, markdown, page, config, files):
        pages.append(page.file.src_uri)
        return convert(self, markdown, page, config, files)

    monkeypatch.setattr(XxgkPlugin, "on_page_markdown", counting)
    return pages


def build(content: Path, site: Path, cache: Path | None, date: dt.date = BUILD_DATE):
    return build_site(content, site, date, CONFIG, cache_dir=cache)


def test_a_rebuild_after_one_edit_renders_little_and_publishes_what_a_fresh_build_would(content, rendered):
    cache = content.parent / "cache"
    build(content, content.parent / "site", cache)
    first = len(rendered)
    edited = content / DOCUMENT
    edited.write_text(edited.read_text(encoding="utf-8") + "\n预算已经县人民代表大会批准。\n", encoding="utf-8")
    rendered.clear()

    build(content, content.parent / "site", cache)
    again = list(rendered)
    build(content, content.parent / "fresh", None)

    assert files_of(content.parent / "site") == files_of(content.parent / "fresh")
    assert "预算已经县人民代表大会批准" in (content.parent / "site" / "doc").joinpath(
        "11239901000013480E", "2026-00001", "index.html"
    ).read_text(encoding="utf-8")
    # Only the pages in the navigation (their active item) and the edited document's page are rendered again.
    assert "doc/11239901000013480E/2026-00001/index.md" in again
    assert len(again) < first / 2


def test_an_unchanged_rebuild_publishes_the_same_site(content):
    cache = content.parent / "cache"
    build(content, content.parent / "cold", cache)
    build(content, content.parent / "warm", cache)
    assert files_of(content.parent / "warm") == files_of(content.parent / "cold")


def test_a_new_day_with_the_cache_publishes_what_a_fresh_build_of_that_day_would(content):
    cache = content.parent / "cache"
    build(content, content.parent / "site", cache)
    later = dt.date(2027, 6, 1)  # documents have expired, consultations closed, reports fallen due
    build(content, content.parent / "site", cache, later)
    build(content, content.parent / "fresh", None, later)
    assert files_of(content.parent / "site") == files_of(content.parent / "fresh")


def test_listings_show_what_other_documents_changed_about_the_ones_they_list(content):
    """The 2025 measures stay unchanged. In 2026 a new measure repeals them, then an interpretation
    of them is published: the 2025 listing, which lists the same documents, says each after a rebuild."""
    cache, site = content.parent / "cache", content.parent / "site"
    interpretation = content / "财政局" / "管理办法2025解读.md"
    later = (
        interpretation.read_text(encoding="utf-8").replace("2025-00002", "2026-00010").replace("2025-03-0", "2026-05-0")
    )
    interpretation.unlink()
    repealing = content / "财政局" / "管理办法2026.md"
    text = repealing.read_text(encoding="utf-8")
    repealing.write_text(text.replace('废止: ["11239901000013480E/2025-00001"]\n', ""), encoding="utf-8")
    build(content, site, cache)
    year = site / "xxgk" / "fdzdgknr" / "nf" / "2025" / "index.html"
    assert "xxgk-status--repealed" not in year.read_text(encoding="utf-8")

    repealing.write_text(text, encoding="utf-8")
    build(content, site, cache)
    build(content, content.parent / "fresh", None)
    assert files_of(site) == files_of(content.parent / "fresh")
    assert "xxgk-status--repealed" in year.read_text(encoding="utf-8")

    interpretation.write_text(later, encoding="utf-8")
    build(content, site, cache)
    build(content, content.parent / "fresh", None)
    assert files_of(site) == files_of(content.parent / "fresh")
    assert "xxgk-list__interpretation" in year.read_text(encoding="utf-8")


def attach(content: Path, text: str) -> Path:
    """The budget lists an attachment 名单.txt holding `text`."""
    attachment = content / DOCUMENT.parent / "名单.txt"
    attachment.write_text(text, encoding="utf-8")
    edited = content / DOCUMENT
    edited.write_text(edited.read_text(encoding="utf-8").replace("---\n|", "附件: [名单.txt]\n---\n|", 1), "utf-8")
    return attachment


def test_an_attachment_changed_since_the_last_build_is_checked_again(content):
    cache = content.parent / "cache"
    attachment = attach(content, "临时救助对象名单\n")
    build(content, content.parent / "site", cache)

    attachment.write_text(f"临时救助对象名单\n张某 {ID}\n", encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        build(content, content.parent / "site", cache)
    messages = [problem.message for problem in errors(refused.value.problems)]
    assert [m for m in messages if m.startswith("附件「名单.txt」第 2 行：发现疑似居民身份证号码 230522********1238")]


def test_an_attachment_replaced_by_one_of_the_same_size_shows_its_new_checksum(content):
    cache = content.parent / "cache"
    attachment = attach(content, "临时救助对象名单：甲\n")
    build(content, content.parent / "site", cache)

    attachment.write_text("临时救助对象名单：乙\n", encoding="utf-8")  # the same size, other bytes
    build(content, content.parent / "site", cache)
    build(content, content.parent / "fresh", None)

    assert files_of(content.parent / "site") == files_of(content.parent / "fresh")
    page = content.parent / "site" / "doc" / "11239901000013480E" / "2026-00001" / "index.html"
    published = (content.parent / "site" / "doc" / "11239901000013480E" / "2026-00001" / "名单.txt").read_bytes()
    assert hashlib.sha256(published).hexdigest() in page.read_text(encoding="utf-8")


def test_a_changed_template_of_the_county_renders_every_page_again(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    repository = make_repository(tmp_path / "repo")
    config = repository / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"), "utf-8")
    (repository / "overrides").mkdir(exist_ok=True)
    cache = tmp_path / "cache"
    build_site(repository / "content", tmp_path / "site", BUILD_DATE, config, cache_dir=cache)

    (repository / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}县政府网站改版试运行{% endblock %}\n', encoding="utf-8"
    )
    build_site(repository / "content", tmp_path / "site", BUILD_DATE, config, cache_dir=cache)

    page = tmp_path / "site" / "doc" / "11239901000013480E" / "2026-00001" / "index.html"
    assert "县政府网站改版试运行" in page.read_text(encoding="utf-8")


def test_a_failed_build_leaves_the_cache_for_the_next(content, rendered):
    cache = content.parent / "cache"
    build(content, content.parent / "site", cache)
    entries = sorted(p.relative_to(cache) for p in cache.rglob("*") if p.is_file())
    edited = content / DOCUMENT
    good = edited.read_text(encoding="utf-8")
    edited.write_text(good.replace("信息类别: 财政预算、决算信息", "信息类别: 预算"), encoding="utf-8")
    with pytest.raises(ContentError):
        build(content, content.parent / "site", cache)
    assert sorted(p.relative_to(cache) for p in cache.rglob("*") if p.is_file()) == entries

    edited.write_text(good, encoding="utf-8")
    rendered.clear()
    build(content, content.parent / "site", cache)
    assert "doc/11239901000013480E/2026-00001/index.md" not in rendered  # as the first build rendered it


def test_what_a_build_no_longer_uses_is_dropped(content):
    cache = content.parent / "cache"

    def kept_documents() -> int:
        (entries,) = cache.glob(f"*/{ENTRIES_FILE}")
        with sqlite3.connect(entries) as database:
            return database.execute("SELECT count(*) FROM entries WHERE kind = 'document'").fetchone()[0]

    build(content, content.parent / "site", cache)
    before = kept_documents()
    (content / DOCUMENT).unlink()
    build(content, content.parent / "site", cache)
    assert kept_documents() == before - 1


def test_entries_made_by_other_code_are_dropped_when_a_build_succeeds(tmp_path):
    older = BuildCache(tmp_path, fingerprint="a" * 64)
    older.put("page", "ab" * 32, b"<p>older</p>")
    older.commit()
    newer = BuildCache(tmp_path, fingerprint="b" * 64)
    assert newer.get("page", "ab" * 32) is None
    newer.put("page", "cd" * 32, b"<p>newer</p>")
    newer.commit()
    assert not (tmp_path / ("a" * 16)).exists()
    assert BuildCache(tmp_path, fingerprint="b" * 64).get("page", "cd" * 32) == b"<p>newer</p>"


def test_the_cache_never_takes_a_folder_of_someone_elses_files(content):
    papers = content.parent / "papers"
    papers.mkdir()
    (papers / "预算草案.docx").write_bytes(b"PK")
    with pytest.raises(SiteRefused, match="不是 xxgk 的构建缓存文件夹"):
        build(content, content.parent / "site", papers)
    assert [p.name for p in papers.iterdir()] == ["预算草案.docx"]
    assert not (content.parent / "site").exists()
    with pytest.raises(SiteRefused, match="与内容文件夹"):
        build(content, content.parent / "site", content / "缓存")
    with pytest.raises(SiteRefused, match="与输出文件夹"):
        build(content, content.parent / "site", content.parent / "site" / ".cache")


def test_a_second_build_while_one_holds_the_cache_works_without_it(tmp_path):
    holding = open_cache(tmp_path / "cache")
    try:
        assert open_cache(tmp_path / "cache") is None
    finally:
        holding.discard()
    assert (tmp_path / "cache" / CACHE_MARK).is_file()
    again = open_cache(tmp_path / "cache")
    assert again is not None
    again.discard()


def test_the_command_keeps_its_cache_in_dot_cache_unless_told_not_to(content):
    runner = CliRunner()
    args = ["build", "--date", BUILD_DATE.isoformat(), "--config", str(CONFIG)]
    assert runner.invoke(main, args).exit_code == 0
    assert (content.parent / ".cache" / "xxgk" / CACHE_MARK).is_file()
    shutil.rmtree(content.parent / ".cache")
    assert runner.invoke(main, [*args, "--no-cache"]).exit_code == 0
    assert not (content.parent / ".cache").exists()
