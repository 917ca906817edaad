"""The web editor at admin/: Decap CMS, its generated configuration and the page that loads it.

The editor is built only when 站点.yml names the repository (网页编辑器) and Decap CMS is
installed from npm in the repository (`npm ci`: node_modules/decap-cms, the version
package.json pins). Its files are copied into the site, so the editor needs nothing from
another server but the git platform's; without them the site is built without admin/ and
the build says why (`EditorSite.missing`).

The page carries its own Content-Security-Policy, wider than the public pages' in what
Decap needs (its configuration validator compiles code at run time, its styles are
inserted by script, it talks to the platform's API), and is marked noindex. Nothing
public links to it; it is not a page of the site map, the sitemap or the search.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath

import yaml
from markupsafe import escape

from xxgk.checks.content import Content
from xxgk.model import urls
from xxgk.model.editor_settings import EditorSettings
from xxgk.model.problems import shown_path
from xxgk.site.editor.cms_config import cms_config, document_folders

# Where `npm ci` puts the pinned Decap CMS, below the repository (the folder of mkdocs.yml).
BUNDLE = PurePath("node_modules", "decap-cms", "dist")
BUNDLE_SCRIPT = "decap-cms.js"
# The bundle's own chunks (loaded on demand, beside it), its WebAssembly and its licences.
_BUNDLE_PARTS = re.compile(r"(?:\d+\.)?decap-cms\.js|decap-cms\.js\.LICENSE\.txt|[0-9a-f]+\.wasm")
EDITOR_SCRIPT = Path(__file__).parent / "xxgk-cms.js"
INDEX_NUMBERS = "index-numbers.json"
# The proxy `npx decap-server` starts in a clone, which the editor uses when opened from this computer.
LOCAL_BACKEND = ("http://localhost:8081", "http://127.0.0.1:8081")
STAFF_GUIDE = "../staff/editor/"


class _PlainDumper(yaml.SafeDumper):
    """Writes a list the collections share out each time: no anchors and aliases for Decap to expand."""

    def ignore_aliases(self, data):
        return True


@dataclass
class EditorSite:
    downloads: dict[str, bytes] = field(default_factory=dict)  # address -> generated file
    files: dict[str, Path] = field(default_factory=dict)  # address -> file copied as it is
    missing: str = ""  # why there is no editor although 站点.yml asks for one


def editor_site(content: Content, content_dir: Path, repository: Path) -> EditorSite:
    """The web editor for this county, or nothing (and why, when 站点.yml asks for it)."""
    settings = content.config.editor
    if settings is None:
        return EditorSite()
    dist = repository / BUNDLE
    if not (dist / BUNDLE_SCRIPT).is_file():
        return EditorSite(
            missing=f"站点.yml 设置了 网页编辑器，但没有找到 Decap CMS（{shown_path(dist / BUNDLE_SCRIPT)}）："
            "本次网站不含网页编辑器 admin/；请在仓库中运行 npm ci（需要 Node.js）后重新构建"
        )
    try:
        content_in_repository = PurePosixPath(content_dir.resolve().relative_to(repository.resolve()).as_posix())
    except ValueError:
        return EditorSite(
            missing=f"内容文件夹 {shown_path(content_dir)} 不在仓库 {shown_path(repository)} 之中："
            "网页编辑器只能编辑仓库中的文件，本次网站不含 admin/"
        )
    folders = document_folders(_folder_units(content, content_dir), content.units)
    vocabularies = {name: vocabulary.names() for name, vocabulary in content.config.vocabularies.items()}
    config = cms_config(settings, content_in_repository, folders, content.units, vocabularies, content.config.url)
    site = EditorSite()
    site.downloads[urls.ADMIN + "config.yml"] = yaml.dump(
        config, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=1000
    ).encode("utf-8")
    site.downloads[urls.ADMIN + "index.html"] = admin_page(content.config.name, settings).encode("utf-8")
    site.downloads[urls.ADMIN + INDEX_NUMBERS] = index_numbers(content)
    site.files[urls.ADMIN + EDITOR_SCRIPT.name] = EDITOR_SCRIPT
    for part in sorted(dist.iterdir()):
        if _BUNDLE_PARTS.fullmatch(part.name):
            site.files[urls.ADMIN + part.name] = part
    return site


def _folder_units(content: Content, content_dir: Path) -> dict[str, list]:
    """Each top-level folder of content/ that holds documents, with the 发布机构 of each."""
    base = shown_path(content_dir)
    found: dict[str, list] = {}
    for document in content.documents:
        parts = PurePath(document.path).relative_to(base).parts
        if len(parts) > 1:
            found.setdefault(parts[0], []).append(document.unit)
    return found


def index_numbers(content: Content) -> bytes:
    """What the 索引号 widget needs: each unit's code, and the highest serial each code used each year.

    Every document counts, published or not yet; the site is built only when every file loaded.
    """
    used: dict[str, dict[str, int]] = {}
    for document in content.documents:
        number = document.index_number
        years = used.setdefault(number.prefix, {})
        years[str(number.year)] = max(years.get(str(number.year), 0), number.serial)
    data = {"单位": {unit.name: unit.code for unit in content.units}, "已用": used}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def content_security_policy(settings: EditorSettings) -> str:
    """The editor page's policy: the site's own scripts, plus what Decap needs and the platform's origins.

    >>> from xxgk.model.editor_settings import EditorSettings
    >>> policy = content_security_policy(EditorSettings("github", "a/b"))
    >>> "script-src 'self' 'unsafe-eval'" in policy, "https://api.github.com" in policy
    (True, True)
    """
    # blob: the editor keeps a backup of an unsaved draft in the browser, read back with fetch().
    connect = " ".join(["'self'", "blob:", *settings.origins, *LOCAL_BACKEND])
    return "; ".join(
        [
            "default-src 'self'",
            # Decap validates its configuration with ajv, which compiles the schema with new Function().
            "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",  # its styles are inserted by script (emotion)
            "img-src 'self' data: blob: https:",  # previews of uploads; the staff's avatars on the platform
            "font-src 'self' data:",
            f"connect-src {connect}",
            "media-src 'self' blob:",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def admin_page(site_name: str, settings: EditorSettings) -> str:
    policy = content_security_policy(settings)
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>网页编辑器 · {escape(site_name)}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>网页编辑器需要启用 JavaScript。使用说明见<a href="{STAFF_GUIDE}">工作人员指南</a>。</noscript>
<script src="{BUNDLE_SCRIPT}"></script>
<script src="{EDITOR_SCRIPT.name}"></script>
</body>
</html>
"""
