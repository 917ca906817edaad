"""What the build needs besides the content: the images 站点.yml names, and docs/ clear of our addresses."""

from __future__ import annotations

from pathlib import Path

from xxgk.model.config import CONFIG_FILE, THEME_DIR, SiteConfig
from xxgk.model.problems import Problem, shown_path
from xxgk.model.urls import GENERATED_ROOTS


def check_site_images(config: SiteConfig, content_dir: Path, docs_dir: Path) -> list[Problem]:
    """Every image 站点.yml names exists below docs/ (or is one the theme ships), as the build needs."""
    shown = shown_path(Path(content_dir) / CONFIG_FILE)
    return [
        Problem(
            shown,
            image.line,
            image.key,
            f"{shown_path(Path(docs_dir) / image.path)} 不存在：请把图片放到这里，或改正路径",
        )
        for image in config.images
        if not (Path(docs_dir) / image.path).is_file() and not (THEME_DIR / image.path).is_file()
    ]


def check_docs_folder(docs_dir: Path) -> list[Problem]:
    """A file below docs/ whose address the generator uses is an error (the build would stop on it)."""
    docs_dir = Path(docs_dir)
    if not docs_dir.is_dir():
        return []
    return [
        Problem(
            shown_path(docs_dir / entry.name),
            None,
            None,
            f"{entry.name} 是本站生成的页面或文件所用的地址，与之重名：请把它改名，或移到其他文件夹",
        )
        for entry in sorted(docs_dir.iterdir(), key=lambda e: e.name)
        if entry.name in GENERATED_ROOTS
    ]
