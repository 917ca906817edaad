"""mkdocs.yml, read without MkDocs: the docs folder it names, where 站点.yml's images must be."""

from __future__ import annotations

from pathlib import Path

import yaml

from xxgk.model.problems import Problem, shown_path


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may carry !!python/name and !ENV tags; only docs_dir is read here."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def docs_dir_of(config_file: Path) -> tuple[Path | None, list[Problem]]:
    """The docs folder mkdocs.yml names (docs/ beside it by default), without importing MkDocs."""
    config_file = Path(config_file)
    shown = shown_path(config_file)
    if not config_file.is_file():  # a bare content folder: the build names the missing file itself
        return None, []
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_AnyTagLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        return None, [Problem(shown, line + 1 if line is not None else None, None, "YAML 语法错误，无法读取")]
    docs = data.get("docs_dir", "docs") if isinstance(data, dict) else "docs"
    if not isinstance(docs, str) or not docs.strip():
        return None, [Problem(shown, None, "docs_dir", "应为文件夹名，如 docs")]
    return config_file.parent / docs, []
