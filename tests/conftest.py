import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
FIXTURE = TESTS / "fixtures" / "county"
BUILD_DATE = "2026-11-27"


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    """A copy of the small test county in tmp_path/content, with tmp_path as working folder."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE, tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample county of content/ built once for the session, as of BUILD_DATE."""
    import datetime as dt

    from xxgk.build import build_site

    root = TESTS.parent
    site = tmp_path_factory.mktemp("sample") / "site"
    build_site(root / "content", site, dt.date.fromisoformat(BUILD_DATE), root / "mkdocs.yml")
    return site
