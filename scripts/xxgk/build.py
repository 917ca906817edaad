"""`xxgk build`: check, render with MkDocs into a fresh folder, then swap it in.

The site folder is replaced only when everything succeeded, so a failed build
leaves the published site exactly as it was.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.exceptions import MkDocsException

from .content import Content, load_content
from .problems import ContentError


class BuildError(Exception):
    pass


def build_site(content_dir: Path, site_dir: Path, build_date: dt.date,
               config_file: Path = Path("mkdocs.yml"), verbose: bool = False) -> Content:
    content = load_content(content_dir, as_of=build_date)
    if content.errors:
        raise ContentError(content.problems)
    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        if not verbose:
            logging.getLogger("mkdocs").setLevel(logging.WARNING)
        config = load_mkdocs_config(str(config_file), site_dir=str(staging))
        plugin = config.plugins.get("xxgk")
        if plugin is None:
            raise BuildError(f"{config_file}: plugins: the xxgk plugin is not enabled")
        plugin.config.content = str(content_dir.absolute())
        plugin.preload(content, build_date)
        with _source_date(build_date):
            mkdocs_build(config)
        _swap_in(staging, site_dir)
    except MkDocsException as error:
        raise BuildError(str(error)) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return content


@contextmanager
def _source_date(build_date: dt.date):
    """Dates MkDocs writes (sitemap, gzip headers) come from the build date, not the clock."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(build_date.timetuple()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _swap_in(staging: Path, site_dir: Path) -> None:
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        site_dir.rename(old / "site")
    staging.rename(site_dir)
    if old:
        shutil.rmtree(old, ignore_errors=True)
