"""`xxgk build`: check, render with MkDocs into a fresh folder, then swap it in.

The site folder is replaced only when everything succeeded, so a failed build
leaves the published site exactly as it was. The folder named by --site is
replaced whole, so it must be a site an earlier build wrote, never the content,
the repository or a folder of someone's files.

The renderer is MkDocs, or with XXGK_RENDERER=properdocs ProperDocs, the
maintained fork of MkDocs 1.6 (README: Switching the renderer).
"""

from __future__ import annotations

import calendar
import datetime as dt
import gc
import logging
import os
import shutil
import sys
import tempfile
import threading
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path

RENDERER_VARIABLE = "XXGK_RENDERER"
RENDERERS = ("mkdocs", "properdocs")

# ProperDocs, once `properdocs.replacement` is imported, answers every `mkdocs.*` import of the
# process (its own command does the same), so Material and the xxgk plugin run on it unchanged. It
# must come before the first `mkdocs` import: the ones below, unless a `mkdocs` command has already
# loaded MkDocs and with it this module (build_site then refuses to build).
if (
    os.environ.get(RENDERER_VARIABLE) == "properdocs"
    and "mkdocs" not in sys.modules
    and find_spec("properdocs") is not None
):
    import properdocs.replacement  # noqa: F401

# MkDocs' names; ProperDocs' modules when it was chosen above.
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.exceptions import MkDocsException

from xxgk.adapters.mkdocs.stages import Stopwatch
from xxgk.checks.content import Content, check_content
from xxgk.model.build_cache import CacheRefused, open_cache
from xxgk.model.mkdocs_yml import docs_dir_of
from xxgk.model.problems import ContentError, shown_path, sort_problems

try:  # POSIX; on Windows concurrent builds are not serialised
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

# A file of our own in every built site: only a folder carrying it may be replaced.
SITE_MARK = ".xxgk-site"
# Sites built before the mark existed carry the stylesheet every xxgk page links.
_EARLIER_SITE_MARK = Path("assets") / "xxgk.css"


class BuildError(Exception):
    pass


class SiteRefused(Exception):
    """--site names a folder the build must not replace, or another build is writing it."""


def build_site(
    content_dir: Path,
    site_dir: Path,
    build_date: dt.date,
    config_file: Path = Path("mkdocs.yml"),
    verbose: bool = False,
    timings: Path | None = None,
    cache_dir: Path | None = None,
) -> Content:
    """Build the site; with `timings`, write there the seconds each stage took (`stages.py`).

    With `cache_dir`, what this build read, rendered and indexed is kept there for the next
    one, which redoes only what changed (`build_cache`); a failed build leaves it as it was.
    """
    stopwatch = Stopwatch()
    check_renderer()
    refuse_unsafe_site(site_dir, content_dir, config_file)
    try:
        site_dir.absolute().parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SiteRefused(f"--site {site_dir}: 无法创建上级文件夹（{error.strerror}）：请另选输出文件夹") from None
    site_dir = site_dir.absolute()
    mkdocs_logger = logging.getLogger("mkdocs")
    level = mkdocs_logger.level
    if not verbose:
        mkdocs_logger.setLevel(logging.WARNING)
    kept = None
    try:
        with _only_build(site_dir):
            kept = _open_cache(cache_dir, site_dir, content_dir) if cache_dir else None
            docs_dir, setup_problems = docs_dir_of(config_file)
            with stopwatch.timing("load and check"):
                content = check_content(content_dir, build_date, docs_dir, kept=kept)
            # The content lives as long as the build: the garbage collector need not go through its
            # objects again each time it runs (0.4 s of a rebuild at 10,000 documents). Till the end.
            gc.freeze()
            if content.errors or setup_problems:
                raise ContentError(sort_problems(setup_problems + content.problems))
            if not Path(config_file).is_file():
                raise BuildError(
                    f"{shown_path(config_file)}: 找不到网站生成配置文件：请在仓库根目录运行，或用 --config 指明"
                )
            try:
                staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
            except OSError as error:  # a parent that exists but takes no folders (/proc, read-only)
                raise SiteRefused(
                    f"--site {site_dir}: 无法在 {site_dir.parent} 中写入（{error.strerror}）：请另选输出文件夹"
                ) from None
            try:
                config = load_mkdocs_config(str(config_file), site_dir=str(staging))
                plugin = config.plugins.get("xxgk")
                if plugin is None:
                    raise BuildError(
                        f"{shown_path(config_file)}: plugins: 没有启用 xxgk 插件：请在 plugins 下写上 - xxgk"
                    )
                plugin.config.content = str(Path(content_dir).absolute())
                plugin.preload(content, build_date, kept)
                plugin.stopwatch = stopwatch
                with _source_date(build_date):
                    mkdocs_build(config)
                with _removed_meanwhile(_swap_in(staging, site_dir)):
                    if kept:
                        kept.commit()
                        kept = None
                if timings:
                    stopwatch.write(timings)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except MkDocsException as error:
        raise BuildError(str(error)) from error
    finally:
        gc.unfreeze()
        mkdocs_logger.setLevel(level)
        if kept:
            kept.discard()
    return content


def _open_cache(cache_dir: Path, site_dir: Path, content_dir: Path):
    """The build cache in `cache_dir`; SiteRefused if the folder is not one (build_cache.open_cache) or
    lies in the site, which each build replaces, or in the content, which is the county's."""
    cache = Path(cache_dir).resolve()
    for folder, name in ((site_dir, "输出文件夹"), (Path(content_dir), "内容文件夹")):
        folder = folder.resolve()
        if cache == folder or folder in cache.parents or cache in folder.parents:
            raise SiteRefused(
                f"--cache {shown_path(cache_dir)}: 与{name} {shown_path(folder)} 重叠：请另选文件夹，如 .cache/xxgk"
            )
    try:
        return open_cache(cache_dir)
    except CacheRefused as refused:
        raise SiteRefused(str(refused)) from None


def loaded_renderer() -> str:
    """The renderer this process runs, "mkdocs" or "properdocs", whatever the environment asks for."""
    return MkDocsException.__module__.partition(".")[0]


def check_renderer() -> None:
    """Raise BuildError unless the renderer XXGK_RENDERER names is the one this process runs."""
    wanted = os.environ.get(RENDERER_VARIABLE) or "mkdocs"
    if wanted not in RENDERERS:
        raise BuildError(f"{RENDERER_VARIABLE}={wanted}: 不是可用的渲染器：应为 mkdocs 或 properdocs")
    if wanted == "properdocs" and find_spec("properdocs") is None:
        raise BuildError(
            f"{RENDERER_VARIABLE}=properdocs: 没有安装 ProperDocs："
            "请在 requirements.txt 中写 xxgk[properdocs]，或运行 pip install properdocs"
        )
    if wanted != loaded_renderer():
        raise BuildError(
            f"{RENDERER_VARIABLE}={wanted}: 本进程已经载入 {loaded_renderer()}，"
            f"不能再换用 {wanted}：请在新的进程中运行 xxgk build"
        )


def refuse_unsafe_site(site_dir: Path, content_dir: Path, config_file: Path) -> None:
    """Raise SiteRefused unless replacing site_dir whole can only lose an earlier build."""
    site = Path(site_dir).resolve()
    shown = shown_path(site_dir)
    root = Path(config_file).absolute().parent.resolve()
    guarded = [
        (Path(content_dir).resolve(), "内容文件夹"),
        (root, "仓库根目录"),
        (root / "docs", "文档文件夹 docs"),
        (Path.cwd().resolve(), "当前文件夹"),
    ]
    for folder, name in guarded:
        if site == folder:
            raise SiteRefused(
                f"--site {shown}: 是{name}，生成网站会整体替换它、删除其中的文件：请另选输出文件夹，如 site"
            )
    for folder, name in guarded:
        if site in folder.parents:
            raise SiteRefused(
                f"--site {shown}: 包含{name} {shown_path(folder)}，生成网站会删除其中的文件：请另选输出文件夹，如 site"
            )
        if folder in site.parents and name in ("内容文件夹", "文档文件夹 docs"):
            raise SiteRefused(f"--site {shown}: 在{name} {shown_path(folder)} 之中：请把网站生成到它外面，如 site")
    if (site / ".git").exists():
        raise SiteRefused(f"--site {shown}: 是一个 git 仓库：请另选输出文件夹，如 site")
    if site.exists() and not site.is_dir():
        raise SiteRefused(f"--site {shown}: 是一个文件，不是文件夹：请另选输出文件夹，如 site")
    if site.is_dir() and any(site.iterdir()) and not is_built_site(site):
        raise SiteRefused(
            f"--site {shown}: 不是空文件夹，也不是 xxgk 生成的网站（没有 {SITE_MARK}），"
            "生成网站会删除其中的文件：请另选输出文件夹，或先自行清空它"
        )


def is_built_site(folder: Path) -> bool:
    return (folder / SITE_MARK).is_file() or (folder / _EARLIER_SITE_MARK).is_file()


@contextmanager
def _only_build(site_dir: Path):
    """One build at a time writes beside site_dir; it first removes what a killed build left."""
    parent = site_dir.parent
    handle = os.open(parent, os.O_RDONLY) if fcntl else None
    try:
        if handle is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise SiteRefused(f"另一个构建正在写入 {shown_path(site_dir)}：请等它完成后再运行") from None
        for prefix in (f".{site_dir.name}.building-", f".{site_dir.name}.old-"):
            for leftover in parent.glob(prefix + "*"):
                shutil.rmtree(leftover, ignore_errors=True)
        yield
    finally:
        if handle is not None:
            os.close(handle)  # releases the lock


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


def _swap_in(staging: Path, site_dir: Path) -> Path | None:
    """The new site in place of the last one; returns the folder the last one was moved to, for removal."""
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        site_dir.rename(old / "site")
    staging.rename(site_dir)
    return old


@contextmanager
def _removed_meanwhile(folder: Path | None):
    """`folder` removed in a thread while the block runs, done when it ends. Removing the last site
    (35,000 files at 10,000 documents, 1 to 2 s) waits on the disk, not on Python."""
    remover = threading.Thread(target=shutil.rmtree, args=(folder, True)) if folder else None
    if remover:
        remover.start()
    try:
        yield
    finally:
        if remover:
            remover.join()
