"""`xxgk build --site` replaces a folder whole: it never takes the content, the repository or
someone's files with it, cleans up after a killed build, and lets one build write at a time."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from counties import BUILD_DATE, make_repository
from xxgk.adapters.mkdocs.build import SITE_MARK
from xxgk.authoring.cli import main


@pytest.fixture
def repository(tmp_path, monkeypatch) -> Path:
    """A county's repository: content/, docs/, overrides/ and mkdocs.yml, as the working folder."""
    monkeypatch.chdir(tmp_path)
    return make_repository(tmp_path, build_date=BUILD_DATE)


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def build(*args: str):
    return CliRunner().invoke(main, ["build", "--date", BUILD_DATE.isoformat(), *args])


@pytest.mark.parametrize(
    "site, reason",
    [
        ("content", "是内容文件夹"),
        (".", "是仓库根目录"),
        ("..", "包含内容文件夹"),
        ("content/site", "在内容文件夹"),
        ("docs", "是文档文件夹 docs"),
        ("docs/site", "在文档文件夹 docs"),
    ],
)
def test_a_site_folder_that_holds_the_content_or_the_repository_is_refused(repository, site, reason):
    before = fingerprint(repository)
    result = build("--site", site)
    assert result.exit_code == 2, result.output
    assert reason in result.output and "请" in result.output and "Traceback" not in result.output
    assert fingerprint(repository) == before, "every file is as it was"
    assert not (repository / "site").exists()


def test_a_folder_of_someone_s_files_is_not_replaced(repository):
    reports = repository / "reports"
    reports.mkdir()
    (reports / "2026年工作总结.docx").write_bytes(b"not ours")
    result = build("--site", "reports")
    assert result.exit_code == 2
    assert "不是空文件夹，也不是 xxgk 生成的网站" in result.output
    assert (reports / "2026年工作总结.docx").read_bytes() == b"not ours"


def test_a_site_is_marked_and_the_next_build_replaces_it(repository):
    assert build().exit_code == 0
    assert (repository / "site" / SITE_MARK).is_file()
    (repository / "site" / "stale.html").write_text("old", encoding="utf-8")
    assert build().exit_code == 0
    assert not (repository / "site" / "stale.html").exists()
    assert build("--site", "public").exit_code == 0, "an empty or new folder is fine too"


KILLED_BUILD = """
import datetime as dt, sys
from pathlib import Path
import xxgk.adapters.mkdocs.build as build

def hang(config, **kwargs):
    Path("rendering").write_text("now", encoding="utf-8")
    import time
    time.sleep(600)

build.mkdocs_build = hang
build.build_site(Path("content"), Path("site"), dt.date.fromisoformat(sys.argv[1]))
"""


def test_the_next_build_removes_what_a_killed_build_left(repository):
    assert build().exit_code == 0
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, BUILD_DATE.isoformat()],
        cwd=repository,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        deadline = time.monotonic() + 60
        while not (repository / "rendering").exists():
            assert process.poll() is None and time.monotonic() < deadline, "the build should reach rendering"
            time.sleep(0.1)
        # Meanwhile a second build into the same folder stops and says why.
        busy = build()
        assert busy.exit_code == 2 and "另一个构建正在写入 site" in busy.output
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert list(repository.glob(".site.building-*")), "the killed build left its staging folder"
    (repository / ".site.old-x1y2").mkdir()  # and an old site, as a build killed while swapping would
    assert build().exit_code == 0
    assert sorted(p.name for p in repository.iterdir() if p.name.startswith(".site")) == []
    assert (repository / "site" / "index.html").is_file()
