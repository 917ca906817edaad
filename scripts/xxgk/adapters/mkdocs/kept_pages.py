"""Rendered pages kept between builds: a page whose source and surroundings are unchanged is not rendered again.

A generated page outside the navigation (a document, a listing) is rendered by
MkDocs from its Markdown, its HTML blocks and the scripts' addresses it may
fetch (`connect`), within what every page shares: the MkDocs configuration,
the theme's templates and the site's navigation and footer. The HTML the last
build wrote for the same page and the same surroundings is copied instead; the
key of the code and of every installed package (MkDocs, Material, Markdown) is
part of every entry (`build_cache`). Pages in the navigation are always
rendered: which item is active, and the previous and next page, depend on the
others.
"""

from __future__ import annotations

import hashlib
import sysconfig
from pathlib import Path

from mkdocs.structure.files import File

from xxgk.model.build_cache import PACKAGE, BuildCache, key_of, link, value_bytes

KIND = "page"
# The xxgk plugin's own settings reach the pages through their Markdown (the build date
# through what the pages say): a new day does not make every page new.
_OWN_SETTINGS = ("date", "content", "preview_polling")
# Settings that say where to write or serve, not what a page holds.
_NOT_RENDERED = ("config_file_path", "dev_addr", "site_dir", "plugins", "theme", "watch", "strict")


def surroundings(config, nav: list, footer) -> str:
    """The key of what every page's HTML depends on besides its own source."""
    settings = [(name, repr(config[name])) for name in sorted(config.keys()) if name not in _NOT_RENDERED]
    plugins = [
        (
            name,
            type(plugin).__qualname__,
            sorted((k, repr(v)) for k, v in plugin.config.items() if k not in _OWN_SETTINGS),
        )
        for name, plugin in config.plugins.items()
    ]
    theme = config.theme
    theme_settings = sorted((name, repr(value)) for name, value in theme.items())
    return key_of(
        repr(settings),
        repr(plugins),
        repr((theme.name, sorted(theme.static_templates), list(theme.dirs), theme_settings)),
        _templates_of_the_county(theme.dirs),
        repr(sorted(_names(Path(config.docs_dir)))),
        repr(nav),
        repr(footer),
    )


def _templates_of_the_county(dirs: list[str]) -> str:
    """The hash of the theme folders' files that no installed package holds (a county's overrides/)."""
    installed = (Path(sysconfig.get_paths()["purelib"]).resolve(), PACKAGE.resolve())
    digest = hashlib.sha256()
    for folder in map(Path, dirs):
        if any(folder.resolve().is_relative_to(root) for root in installed):
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _names(folder: Path) -> list[str]:
    return [path.relative_to(folder).as_posix() for path in folder.rglob("*")] if folder.is_dir() else []


class KeptPages:
    """The pages of one build: those the last build rendered the same, and those rendered now to keep."""

    def __init__(self, kept: BuildCache, surroundings_key: str) -> None:
        self.kept = kept
        self.surroundings = surroundings_key
        self.keys: dict[str, str] = {}  # source path of a page rendered in this build -> its key

    def kept_file(self, config, src_path: str, markdown: str, rest: tuple) -> File | None:
        """The page as the last build rendered it, as a file to link; None if it must be rendered.

        `rest`: what else the page is made of (its HTML blocks, what its scripts may fetch).
        """
        key = key_of(self.surroundings, src_path, markdown, value_bytes(rest))
        entry = self.kept.path(KIND, key)
        if entry is None:
            self.keys[src_path] = key
            return None
        page = File(src_path, "", config.site_dir, config.use_directory_urls)
        return _KeptFile.generated(config, page.dest_uri, abs_src_path=str(entry))

    def keep_rendered(self, config) -> None:
        """Keep each page rendered in this build as written, after every plugin had its say."""
        for src_path, key in self.keys.items():
            page = File(src_path, "", config.site_dir, config.use_directory_urls)
            if Path(page.abs_dest_path).is_file():
                self.kept.put_file(KIND, key, Path(page.abs_dest_path))
        self.keys = {}


class _KeptFile(File):
    """A kept page, written into the site as a second name of its entry (`build_cache.link`)."""

    def copy_file(self, dirty: bool = False) -> None:
        output = Path(self.abs_dest_path)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.unlink(missing_ok=True)
        link(Path(self.abs_src_path), output)
