"""`xxgk init`: a new county repository, written from the template in `county_template/`.

The template's files are copied as they are, with two exceptions. A path part starting
with `dot-` becomes a dot file or folder (`dot-gitignore` → `.gitignore`), so package data
globs include them and this project's own tools (GitHub, pre-commit) ignore them. A file
ending in `.tmpl` is filled in by `string.Template` (`$generator`, `$date`, `$year`) and
written without the suffix.
"""

from __future__ import annotations

import datetime as dt
import os
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from string import Template

TEMPLATE_DIR = Path(__file__).parent / "county_template"


class RepositoryRefused(Exception):
    pass


def default_generator() -> str:
    """The requirement that pins the generator installed here, e.g. `xxgk==0.1.0`."""
    return f"xxgk=={version('xxgk')}"


def template_files() -> list[tuple[Path, PurePosixPath]]:
    """Every template file with the path it gets in the new repository, in path order."""
    files = []
    for folder, _, names in os.walk(TEMPLATE_DIR, followlinks=True):  # docs/staff is a link
        for name in names:
            source = Path(folder) / name
            parts = source.relative_to(TEMPLATE_DIR).parts
            target = PurePosixPath(*("." + part[4:] if part.startswith("dot-") else part for part in parts))
            files.append((source, target.with_suffix("") if target.suffix == ".tmpl" else target))
    return sorted(files, key=lambda pair: pair[1])


def create_repository(target: Path, generator: str, today: dt.date) -> list[PurePosixPath]:
    """Write a new county repository into `target` (new or empty) and return the files written.

    The example document is dated `today`; `generator` is the line of requirements.txt.
    """
    if target.exists() and not target.is_dir():
        raise RepositoryRefused(f"{target} 已存在且不是文件夹，未作任何改动：请指定一个新的或空的文件夹")
    if target.is_dir() and any(target.iterdir()):
        raise RepositoryRefused(f"{target} 已存在且不为空，未作任何改动：请指定一个新的或空的文件夹")
    if not generator.strip() or "\n" in generator:
        raise RepositoryRefused(f"--generator: 「{generator}」应是一行 pip 依赖，如 xxgk==0.1.0")
    values = {"generator": generator.strip(), "date": today.isoformat(), "year": str(today.year)}
    written = []
    for source, relative in template_files():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".tmpl":
            data = Template(source.read_text(encoding="utf-8")).substitute(values).encode("utf-8")
        else:
            data = source.read_bytes()
        with path.open("xb") as file:  # never overwrite, even a file that appeared meanwhile
            file.write(data)
        written.append(relative)
    return written
