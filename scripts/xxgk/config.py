"""The site's configuration: content/站点.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePath

from .problems import Problem, shown_path
from .sources import SourceError, YamlData, parse_yaml, read_text
from .vocabulary import Vocabulary, default_vocabularies, suggestion, term_from

CONFIG_FILE = "站点.yml"
DEFAULT_PER_PAGE = 20
KEYS = ("网站名称", "县名", "网址", "徽标", "每页条数", "附件大小上限", "词表", "追加词表")
DEFAULT_MAX_ATTACHMENT_MB = 50


@dataclass
class SiteConfig:
    name: str = "政府信息公开"
    county: str = ""
    url: str = ""  # the public address, ending in /
    emblem: str = ""  # an image below docs/, shown on the home page
    per_page: int = DEFAULT_PER_PAGE
    max_attachment_mb: float = DEFAULT_MAX_ATTACHMENT_MB  # 附件大小上限, in MB
    vocabularies: dict[str, Vocabulary] = field(default_factory=default_vocabularies)


def load_config(content_dir: Path) -> tuple[SiteConfig, list[Problem]]:
    shown = shown_path(content_dir / CONFIG_FILE)
    path = content_dir / CONFIG_FILE
    config = SiteConfig()
    if not path.is_file():
        return config, [Problem(shown, None, None, "缺少站点配置文件：请创建它并至少写明 网站名称")]
    try:
        parsed = parse_yaml(read_text(path, shown), shown)
    except SourceError as error:
        return config, [error.problem]
    data = parsed.data or {}
    if not isinstance(data, dict):
        return config, [Problem(shown, 1, None, "站点配置应为“字段: 值”的形式")]
    problems = []

    def problem(key, message, *path):
        problems.append(Problem(shown, parsed.line(key, *path), key, message))

    for key in data:
        if key not in KEYS:
            problem(key, "未知的配置项；" + suggestion(key, list(KEYS)))
    for key, attr in (("网站名称", "name"), ("县名", "county"), ("网址", "url"), ("徽标", "emblem")):
        if key in data:
            if isinstance(data[key], str) and data[key].strip():
                setattr(config, attr, data[key].strip())
            else:
                problem(key, "应为非空文字")
    if config.url and not config.url.endswith("/"):
        config.url += "/"
    if "附件大小上限" in data:
        limit = data["附件大小上限"]
        if isinstance(limit, (int, float)) and not isinstance(limit, bool) and limit > 0:
            config.max_attachment_mb = limit
        else:
            problem("附件大小上限", f"应为大于 0 的数字，单位 MB（现为 {limit!r}）")
    if "每页条数" in data:
        per_page = data["每页条数"]
        if isinstance(per_page, int) and not isinstance(per_page, bool) and 1 <= per_page <= 500:
            config.per_page = per_page
        else:
            problem("每页条数", f"应为 1 到 500 之间的整数（现为 {per_page!r}）")
    _apply_vocabularies(config, data, parsed, problem)
    return config, problems


def _apply_vocabularies(config: SiteConfig, data: dict, parsed: YamlData, problem) -> None:
    for key, replace in (("词表", True), ("追加词表", False)):
        lists = data.get(key) or {}
        if not isinstance(lists, dict):
            problem(key, "应写成 词表名: [术语, …]")
            continue
        for name, entries in lists.items():
            if name not in config.vocabularies:
                problem(key, f"未知的词表「{name}」；" + suggestion(name, list(config.vocabularies)), name)
                continue
            if not isinstance(entries, list) or not entries:
                problem(key, f"词表「{name}」应为非空列表", name)
                continue
            try:
                terms = tuple(term_from(entry) for entry in entries)
            except (KeyError, TypeError):
                problem(key, f"词表「{name}」的每一项应为术语文字或 {{名称: …, 代码: …}}", name)
                continue
            old = config.vocabularies[name]
            config.vocabularies[name] = Vocabulary(name, terms if replace else old.terms + terms)
