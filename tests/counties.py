"""The fixture counties the tests build. None of them is content/: that folder is the county's.

- FIXTURE: a small county (three units, a few documents), copied into tmp_path by most tests.
- SAMPLE: the sample county 松岭县 as the project ships it in content/, frozen here with its
  build date, for the tests that need a realistic site (every column, feeds, audits).
"""

import datetime as dt
from pathlib import Path

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FIXTURE = TESTS / "fixtures" / "county"
SAMPLE = TESTS / "fixtures" / "sample"
BUILD_DATE = dt.date(2026, 11, 27)


def make_repository(folder: Path, content: Path = FIXTURE, build_date: dt.date | None = None) -> Path:
    """A county's repository in `folder`: the project's rendering setup and a copy of `content`.

    With `build_date`, `mkdocs build` and `mkdocs serve` use it instead of today.
    """
    import shutil

    for name in ("docs", "overrides"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, folder / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if build_date:
        assert "      content: content\n" in config
        config = config.replace("      content: content\n", f"      content: content\n      date: '{build_date}'\n")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(content, folder / "content")
    return folder
