import shutil
from pathlib import Path

import pytest

from counties import BUILD_DATE, FIXTURE, ROOT, SAMPLE


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    """A copy of the small test county in tmp_path/content, with tmp_path as working folder."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE, tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample county built once for the session, as of BUILD_DATE."""
    from xxgk.adapters.mkdocs.build import build_site

    site = tmp_path_factory.mktemp("sample") / "site"
    build_site(SAMPLE, site, BUILD_DATE, ROOT / "mkdocs.yml")
    return site
