"""The MkDocs adapter: content/ in, generated pages handed to MkDocs.

All the work is in the core (content, pages); this wraps its strings into
MkDocs files and its navigation into MkDocs' nav. Swapping MkDocs for another
renderer means rewriting this file only.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from xxgk.adapters.mkdocs.build import SITE_MARK
from xxgk.adapters.mkdocs.csp import with_content_security_policy
from xxgk.adapters.mkdocs.kept_pages import KeptPages, surroundings
from xxgk.adapters.mkdocs.stages import Stopwatch
from xxgk.checks.content import Content, DocumentCache, check_content
from xxgk.model import urls
from xxgk.model.build_cache import BuildCache
from xxgk.model.config import THEME_DIR
from xxgk.model.problems import Problem
from xxgk.search.pagefind import BackgroundIndex, SearchIndexError
from xxgk.site.editor.admin import EditorSite, editor_site
from xxgk.site.generator import GeneratedSite, generate_site
from xxgk.site.preview import quick_site
from xxgk.site.render import KeptTemplates, NavItem
from xxgk.site.sanitize import clean_html
from xxgk.site.tables import frame_tables

log = logging.getLogger("mkdocs.plugins.xxgk")

THEME_CSS = (
    "assets/xxgk.css",
    "assets/xxgk-report.css",  # annual reports' tables, and their A4 print layout
    "assets/xxgk-columns.css",  # 解读回应 (图解, 访谈), 专题 and the registers beyond the four columns
    "assets/xxgk-oversight.css",  # 政务公开工作情况 and the 任务台账
    "assets/xxgk-public.css",  # footer, keyboard focus, 适老化 mode, A4 print of documents; last, so it wins
)

# Pages that carry what staff wrote: documents and annual reports (their prose is Markdown).
STAFF_PAGES = (urls.DOCUMENTS, urls.REPORTS, urls.COMPILATIONS)
# Pages of ours with tables of numbers as wide as a phone, framed like the staff pages' tables.
NUMBER_PAGES = (urls.OVERSIGHT,)


class XxgkConfig(Config):
    content = config_options.Type(str, default="content")
    date = config_options.Optional(config_options.Type(str))
    # `mkdocs serve` notices a saved document from the system's notifications; true: by looking at
    # every file twice a second instead, for a content folder in Docker or on a network drive.
    preview_polling = config_options.Type(bool, default=False)


class XxgkPlugin(BasePlugin[XxgkConfig]):
    def __init__(self):
        self.preloaded: Content | None = None
        self.site: GeneratedSite | None = None
        self.serving = False
        self.cache: DocumentCache | None = None
        self.pages_dir: Path | None = None
        self.generated_from: tuple[Content, dt.date] | None = None  # what self.site was generated for
        self.written: dict[str, tuple] = {}  # the preview's page sources on disk: what each holds
        self.folders: set[Path] = set()  # and the folders made for them
        # The preview hands MkDocs only what changed: what each address held at the last build, and
        # at this one (which replaces it once the build is done).
        self.shown: dict[str, object] = {}
        self.pending: dict[str, object] = {}
        self.templates = _CompiledTemplates()  # the theme's templates, compiled once for all rebuilds
        self.watcher: BaseObserver | None = None
        self.html_blocks: dict[str, tuple[tuple[str, str], ...]] = {}
        self.connect: dict[str, tuple[str, ...]] = {}  # what a page's scripts read besides the site
        self.preview_errors: list[Problem] = []  # shown on every page the preview serves
        self.editor = EditorSite()
        self.stopwatch = Stopwatch()  # `xxgk build --timings`
        self.search_index: BackgroundIndex | None = None
        self.fragments: dict[tuple, str] = {}  # the navigation of pages outside it, by nav_key
        self.nav_prefixes: set[str] = set()
        self.kept: BuildCache | None = None  # `xxgk build`'s cache, if it has one
        self.kept_pages: KeptPages | None = None

    def on_startup(self, *, command, dirty):
        # Defining on_startup keeps this instance across the preview's rebuilds, and with
        # it the cache: a rebuild reads only changed files, renders only changed pages,
        # and writes those to disk, so `mkdocs serve --dirty` re-renders only them.
        # The preview skips the search index: it takes seconds that every save would wait for.
        self.serving = command == "serve"
        self.forget_pages()  # a process may serve again (the tests do): the last session's pages are gone
        if self.serving:
            self.cache = DocumentCache()
            self.pages_dir = Path(tempfile.mkdtemp(prefix="xxgk-preview-"))

    def on_shutdown(self):
        if self.watcher:
            self.watcher.stop()
        if self.pages_dir:
            shutil.rmtree(self.pages_dir, ignore_errors=True)
        # MkDocs keeps this instance for the process: a build after the preview (the tests) starts afresh.
        self.serving, self.cache, self.pages_dir, self.watcher = False, None, None, None
        self.forget_pages()

    def forget_pages(self) -> None:
        self.site, self.generated_from, self.written, self.shown, self.pending = None, None, {}, {}, {}
        self.folders = set()

    def preload(self, content: Content, build_date: dt.date, kept: BuildCache | None = None) -> None:
        """Used by `xxgk build`, which has already loaded and checked the content, with its cache if any."""
        self.preloaded = content
        self.config.date = build_date.isoformat()
        self.kept = kept

    def content_dir(self, config) -> Path:
        return Path(config.config_file_path or ".").parent / self.config.content

    def build_date(self) -> dt.date:
        try:
            return dt.date.fromisoformat(self.config.date) if self.config.date else dt.date.today()
        except ValueError:
            raise PluginError(f"xxgk: date: '{self.config.date}' is not a date (YYYY-MM-DD)") from None

    def on_config(self, config):
        use_package_theme(config)
        content = self.preloaded
        if content is None:  # `mkdocs build` or `mkdocs serve`; `xxgk build` has checked and printed already
            content = check_content(self.content_dir(config), self.build_date(), Path(config.docs_dir), self.cache)
            for problem in content.problems:
                (log.warning if problem.warning else log.error)(str(problem))
        self.preloaded = None  # `mkdocs serve` reloads on every rebuild
        self.preview_errors = content.errors if self.serving else []
        if content.errors and not self.serving:
            raise PluginError(
                f"内容检查发现 {len(content.errors)} 个错误，未生成网站：\n" + "\n".join(str(p) for p in content.errors)
            )
        if not self.serving:  # its process starts while the pages are generated
            self.search_index = BackgroundIndex(cache=self.kept)
        if not content.errors or self.site is None:
            # The preview keeps the last good site while content has errors; the first time,
            # it shows what did load (a just-created document with empty fields is left out).
            try:
                with self.stopwatch.timing("generate"):
                    self.site = self.quick_site(content) or generate_site(
                        content,
                        self.build_date(),
                        self.cache.pages if self.cache else None,
                        preview=self.serving,
                        kept=self.kept,
                        records_ready=self.search_index.index if self.search_index else None,
                    )
                    self.generated_from = (content, self.build_date()) if self.serving else None
            except Exception as error:  # content with errors may not make a site: say why, not a traceback
                if not content.errors:
                    raise
                raise PluginError(
                    "内容有错误，预览无法启动：请先改正下列错误\n" + "\n".join(str(p) for p in content.errors)
                ) from error
        if not content.errors:
            self.editor = editor_site(content, self.content_dir(config), Path(config.config_file_path or ".").parent)
            if self.editor.missing:
                log.warning(self.editor.missing)
        config.site_name = str(escape(self.site.config.name))  # the theme prints it unescaped
        if self.site.config.url and not self.serving:
            config.site_url = self.site.config.url
        config.nav = [_nav_entry(item) for item in self.site.nav]
        # The core writes sitemap.xml from the site's address, with each document's 发布日期.
        config.theme.static_templates.discard("sitemap.xml")
        return config

    def quick_site(self, content: Content) -> GeneratedSite | None:
        """The preview after a save that changed only documents' text: the last site with their pages redone."""
        if not (self.serving and self.site and self.generated_from and self.generated_from[1] == self.build_date()):
            return None
        return quick_site(self.site, self.generated_from[0], content, self.build_date(), self.cache.pages)

    def on_files(self, files: Files, config) -> Files:
        # The images 站点.yml names were checked with the content (checks.site_files).
        in_nav = {_src(item.url) for item in _walk(self.site.nav)}
        self.html_blocks = {page.src_path: page.html_blocks for page in self.site.pages if page.html_blocks}
        self.connect = {page.src_path: page.connect for page in self.site.pages if page.connect}
        self.pending = {}
        kept_pages = self.kept_pages = None
        if self.kept and not self.serving:
            kept_pages = self.kept_pages = KeptPages(self.kept, surroundings(config, config.nav, self.site.footer))
        theirs = {file.src_uri for file in files}  # docs/ and the theme's
        for page in self.site.pages:
            if page.src_path in theirs:
                raise PluginError(f"docs/{page.src_path} 与生成的页面同名：请删除或改名")
            if self.unchanged(page.src_path, (page.markdown, page.html_blocks)) and page.src_path not in in_nav:
                continue  # the preview's page from the last build stands (the navigation needs its pages)
            if kept_pages and page.src_path not in in_nav:
                kept = kept_pages.kept_file(config, page.src_path, page.markdown, (page.html_blocks, page.connect))
                if kept:  # rendered the same by the last build: copied
                    files.append(kept)
                    continue
            inclusion = InclusionLevel.UNDEFINED if page.src_path in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(self.page_file(config, page, inclusion))
        for address, source in (self.site.files | self.editor.files).items():
            if self.serving and not source.is_file():  # deleted: the last good site, shown till fixed, keeps it
                self.pending[address] = self.shown.get(address)
                continue
            stat = source.stat() if self.serving else None
            if not self.unchanged(address, (source, stat and stat.st_mtime_ns, stat and stat.st_size)):
                files.append(File.generated(config, address, abs_src_path=str(source.resolve())))
        use_material_bundle_for_languages_only(files, config)
        for address, data in (self.site.downloads | self.editor.downloads).items():
            old = files.get_file_from_path(address)
            if old and not old.generated_by and Path(old.abs_src_path).is_relative_to(Path(config.docs_dir).resolve()):
                raise PluginError(f"docs/{address} 与生成的文件同名：请删除或改名")
            if old:  # a theme's file (MkDocs' sitemap.xml template) that ours replaces
                files.remove(old)
            if not self.unchanged(address, data):
                files.append(File.generated(config, address, content=data))
        return files

    def unchanged(self, address: str, source) -> bool:
        """Whether the preview's last build made `address` from this very source (always False in a build)."""
        if not self.serving:
            return False
        self.pending[address] = source
        return address in self.shown and self.shown[address] == source

    def on_env(self, env, config, files):
        # MkDocs makes a new environment for every build: checking each of Material's partials
        # for changes on disk at each of 13,000 pages (a stat per include) only cost time.
        env.auto_reload = False
        # and `mkdocs serve` one for every rebuild: compiled once; `xxgk build` keeps them in its cache
        env.bytecode_cache = KeptTemplates(self.kept) if self.kept and not self.serving else self.templates
        self.fragments = {}
        self.nav_prefixes = {
            "/".join(item.url.split("/")[:depth]) + "/"
            for item in _walk(self.site.nav)
            for depth in range(1, item.url.count("/") + 1)
        }
        env.globals["xxgk_nav_key"] = self.nav_key
        env.globals["xxgk_cached"] = self.cached
        env.globals["xxgk_footer"] = self.site.footer
        env.globals["xxgk_urls"] = urls  # the theme's links to the site's own pages
        return env

    def nav_key(self, page, part: str) -> tuple | None:
        """What `part` of the navigation (nav, tabs) of a page outside it depends on; None for a page in it.

        No item is active on such a page, and its links are relative addresses, which
        depend only on the page's depth and on the leading folders it shares with items.
        """
        if page is None or page.file.inclusion.is_in_nav():
            return None
        folders = page.url.split("/")[:-1]
        shared = 0
        while shared < len(folders) and "/".join(folders[: shared + 1]) + "/" in self.nav_prefixes:
            shared += 1
        return (part, len(folders), *folders[:shared])

    def cached(self, key: tuple | None, caller) -> str:
        """A template fragment (a Jinja call block's body, in `caller`) rendered once per key; every time without one."""
        if key is None:
            return caller()
        if key not in self.fragments:
            self.fragments[key] = caller()
        return self.fragments[key]

    def page_file(self, config, page, inclusion: InclusionLevel) -> File:
        if not self.pages_dir:
            return File.generated(config, page.src_path, content=page.markdown, inclusion=inclusion)
        # Preview: a page on disk keeps its time while unchanged, so a dirty build skips it.
        path = self.pages_dir / page.src_path
        # Its HTML blocks go in after MkDocs renders it: a page whose blocks changed is written again too.
        if self.written.get(page.src_path) != (page.markdown, page.html_blocks):
            if path.parent not in self.folders:  # a failing mkdir per page costs seconds at 10,000
                path.parent.mkdir(parents=True, exist_ok=True)
                self.folders.add(path.parent)
            path.write_text(page.markdown, encoding="utf-8")
            self.written[page.src_path] = (page.markdown, page.html_blocks)
        return File(page.src_path, str(self.pages_dir), config.site_dir, config.use_directory_urls, inclusion=inclusion)

    def on_page_markdown(self, markdown, page, config, files):
        self.stopwatch.start("Markdown")  # MkDocs converts the page between these two events
        return markdown

    def on_page_content(self, html, page, config, files):
        self.stopwatch.stop("Markdown")
        for marker, block in self.html_blocks.get(page.file.src_uri, ()):
            html = html.replace(marker, block)
        # Everything else is ours alone, and the search page needs its form and script.
        if page.file.src_uri.startswith(NUMBER_PAGES):
            return frame_tables(html)
        if not page.file.src_uri.startswith(STAFF_PAGES):
            return html
        return frame_tables(clean_html(html))

    def on_page_context(self, context, page, config, nav):
        self.stopwatch.start("theme")  # and renders its template between these two
        return context

    def on_post_page(self, output, page, config):
        self.stopwatch.stop("theme")
        output = valid_material_html(output)
        # Not in the preview: its live-reload script is injected after this hook and would be blocked.
        return output if self.serving else with_content_security_policy(output, self.connect.get(page.file.src_uri, ()))

    def on_post_template(self, output, template_name, config):
        # 404.html is the one theme page a reader meets; the preview serves its own.
        if template_name != "404.html" or self.serving:
            return output
        return with_content_security_policy(valid_material_html(output))

    def on_post_build(self, config):
        if self.serving:
            # What the last build made and this one did not (a deleted document's page) is gone.
            for address in self.shown.keys() - self.pending.keys():
                output = File(address, str(self.pages_dir), config.site_dir, config.use_directory_urls)
                Path(output.abs_dest_path).unlink(missing_ok=True)
            self.shown, self.pending = self.pending, {}
        else:
            # Marks the folder as a built site: `xxgk build` replaces only such a folder.
            (Path(config.site_dir) / SITE_MARK).write_text("xxgk\n", encoding="utf-8")
            if self.kept_pages:
                self.kept_pages.keep_rendered(config)
                self.kept_pages = None
            search_index, self.search_index = self.search_index, None
            try:
                with self.stopwatch.timing("waiting for the index"):
                    seconds = search_index.finish(Path(config.site_dir))
                for stage, spent in seconds.items():
                    self.stopwatch.add(stage, spent)  # while the pages rendered: not part of the wall time
            except SearchIndexError as error:
                raise PluginError(f"检索索引生成失败：{error}") from error

    def on_build_error(self, error):
        if self.search_index:
            self.search_index.cancel()
            self.search_index = None

    def on_serve(self, server, config, builder):
        self.watcher = watch_content(server, self.content_dir(config), self.config.preview_polling)
        # Every page the preview serves, rebuilt or not (--dirty), shows the content's errors.
        inject = getattr(server, "_inject_js_into_html", None)
        if inject is not None:
            server._inject_js_into_html = lambda html, epoch: inject(
                with_error_banner(html, self.preview_errors), epoch
            )
        return server


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates kept in memory; Jinja checks each against its source before use."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def watch_content(server, content: Path, polling: bool) -> BaseObserver | None:
    """Rebuild the preview when a file below `content` changes; the observer to stop at the end, if ours.

    MkDocs polls what it watches: at ten thousand documents each look takes a good part of a
    core, and a save waits up to a second to be seen. The system's notifications (inotify,
    FSEvents, ReadDirectoryChangesW) tell at once, but not in every Docker volume or network
    folder: there, or on a server without the hook used, MkDocs polls it as before.
    """
    condition = getattr(server, "_rebuild_cond", None)
    if polling or condition is None or not hasattr(server, "_want_rebuild"):
        server.watch(str(content))
        return None

    def rebuild(event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        with condition:  # what MkDocs' own watcher does on a change
            server._want_rebuild = True
            condition.notify_all()

    handler = FileSystemEventHandler()
    handler.on_any_event = rebuild
    observer = Observer()
    try:
        observer.schedule(handler, str(content), recursive=True)
        observer.start()
    except OSError as error:  # e.g. the system's limit of watched folders
        log.info(f"xxgk: {content} 改为定时查看（{error}）")
        server.watch(str(content))
        return None
    return observer


_BANNER_LINES = 30


def with_error_banner(html: bytes, problems: list[Problem]) -> bytes:
    """The page with a banner listing the content's errors at the top (the preview only)."""
    start = html.find(b"<body")
    end = html.find(b">", start)
    if not problems or start < 0 or end < 0:
        return html
    items = "".join(f"<li><code>{escape(str(p))}</code></li>" for p in problems[:_BANNER_LINES])
    more = (
        f"<li>……另有 {len(problems) - _BANNER_LINES} 个错误，见运行 make serve 的窗口</li>"
        if len(problems) > _BANNER_LINES
        else ""
    )
    banner = (
        '<div id="xxgk-preview-errors" role="alert" style="background:#fdecea;color:#611a15;'
        'border-bottom:3px solid #b71c1c;padding:.8em 1.2em;font-size:.8rem;line-height:1.6">'
        f"<p><strong>内容有 {len(problems)} 个错误，改正前网站不会发布。预览中，出错的文件显示上一次没有错误时的样子"
        "或暂不显示；改正并保存后，本提示自动消失。</strong></p>"
        f'<ul style="margin:0;padding-left:1.2em">{items}{more}</ul></div>'
    )
    return html[: end + 1] + banner.encode("utf-8") + html[end + 1 :]


def use_package_theme(config) -> None:
    """Put xxgk's theme between the county's custom_dir and Material, and link its stylesheets.

    A county's own overrides/ and docs/ still win; MkDocs copies the theme's non-template
    files (assets/) as static files itself. The stylesheets come before any the county lists.
    """
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
    config.extra_css = [css for css in THEME_CSS if css not in config.extra_css] + config.extra_css


# Material 9.x markup the Nu HTML checker rejects, outside any block a template can override:
# autocomplete on its check boxes (only Firefox's form restore reads it there), the empty
# tabindex of a section's label in the navigation, and the table of contents' label for the
# __toc check box that only pages in the navigation have.
_MATERIAL_TOGGLES = (
    'type="checkbox" id="__drawer" autocomplete="off">',
    'type="checkbox" id="__search" autocomplete="off">',
)
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def valid_material_html(html: str) -> str:
    for toggle in _MATERIAL_TOGGLES:
        html = html.replace(toggle, toggle.replace(' autocomplete="off"', ""), 1)
    html = html.replace(' tabindex="">', ">")
    if _TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">', 1)
    return html


# Material 9.x fetches a sitemap.xml beside the address of every <link rel="alternate"> of a page,
# to map the pages of a site's other languages. Feeds and each document's JSON are alternates too,
# so each page asked for sitemap.xml in its own folder and got a 404 (zensical/zensical#908 reports
# it upstream). A language alternate carries hreflang; the bundle is given the narrower selector.
_ALTERNATES = '"link[rel=alternate]"'
_LANGUAGE_ALTERNATES = '"link[rel=alternate][hreflang]"'


def use_material_bundle_for_languages_only(files: Files, config) -> None:
    """Replace Material's script bundle with one that reads only the language alternates."""
    for file in list(files):
        name = file.src_uri
        if not (name.startswith("assets/javascripts/bundle.") and name.endswith(".min.js")) or file.generated_by:
            continue
        script = Path(file.abs_src_path).read_text(encoding="utf-8")
        if script.count(_ALTERNATES) != 1:  # a Material that changed: the crawl test says whether it still asks
            continue
        files.remove(file)
        files.append(File.generated(config, name, content=script.replace(_ALTERNATES, _LANGUAGE_ALTERNATES)))


def _src(url: str) -> str:
    return url + "index.md"


def _walk(items: list[NavItem]):
    for item in items:
        yield item
        yield from _walk(item.children)


def _nav_entry(item: NavItem):
    if item.children:
        return {item.title: [_src(item.url)] + [_nav_entry(child) for child in item.children]}
    return {item.title: _src(item.url)}
