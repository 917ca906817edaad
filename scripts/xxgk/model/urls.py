"""The site's address space: the top-level names the generator writes below the site root.

A file in docs/ under one of them would collide with a generated page or download;
the check reports it before a build would refuse it.
"""

from __future__ import annotations

from pathlib import Path

from xxgk.model.problems import Problem, shown_path

GENERATED_ROOTS = frozenset({
    "index.md", "index.html", "xxgk", "doc", "dw", "ml", "nb", "gfxwj", "jgzn", "qzqd", "bzml", "bszn", "zdhb",
    "yjzj", "ysqgk", "search", "sitemap", "data", "atom.xml", "rss.xml", "sitemap.xml", "robots.txt", "pagefind",
    ".xxgk-site",
})


def check_docs_folder(docs_dir: Path) -> list[Problem]:
    """A file below docs/ whose address the generator uses is an error (the build would stop on it)."""
    docs_dir = Path(docs_dir)
    if not docs_dir.is_dir():
        return []
    return [
        Problem(shown_path(docs_dir / entry.name), None, None,
                f"{entry.name} 是本站生成的页面或文件所用的地址，与之重名：请把它改名，或移到其他文件夹")
        for entry in sorted(docs_dir.iterdir(), key=lambda e: e.name)
        if entry.name in GENERATED_ROOTS
    ]
