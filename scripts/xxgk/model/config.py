"""The site's configuration: content/站点.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import replace as replaced
from pathlib import Path, PurePosixPath

from xxgk.model.editor_settings import EditorSettings, editor_settings_of
from xxgk.model.keys import Keys
from xxgk.model.problems import Problem, shown_path
from xxgk.model.search_sites import SearchSite, search_sites_of
from xxgk.model.site_identity import (
    EMAIL,
    ICP,
    POLICE_RECORD,
    SITE_CODE,
    Identity,
    Office,
    badge_of,
    checked_value,
    links_of,
    office_of,
    report_unknown,
    text_value,
)
from xxgk.model.sources import SourceError, YamlData, parse_yaml, read_text
from xxgk.model.specials import Special, read_specials
from xxgk.model.vocabulary import Vocabulary, default_vocabularies, term_from
from xxgk.model.web_addresses import address_problem

CONFIG_FILE = "站点.yml"
DEFAULT_PER_PAGE = 20
# Every key of 站点.yml and the attribute it fills: of SiteConfig, or of its Identity (主办单位 … 页脚链接).
SITE_KEYS = Keys(
    "配置项",
    {
        "网站名称": "name",
        "县名": "county",
        "网址": "url",
        "徽标": "emblem",
        "每页条数": "per_page",
        "附件大小上限": "max_attachment_mb",
        "词表": "vocabularies",
        "追加词表": "added_vocabularies",
        "主办单位": "host",
        "联系电话": "phone",
        "传真": "fax",
        "电子邮箱": "email",
        "网站标识码": "site_code",
        "ICP备案号": "icp",
        "公安机关备案号": "police_record",
        "党政机关网站标识": "badge",
        "页脚链接": "links",
        "政府信息公开工作机构": "office",
        "政府信息查阅场所": "reading_rooms",
        "指南说明": "guide_prose",
        "政策解读": "interpretation",
        "意见征集": "consultation",
        "专题": "specials",
        "网页编辑器": "editor",
        "联合检索": "search_sites",
    },
)
DEFAULT_MAX_ATTACHMENT_MB = 50

# 1 GB: far above any attachment a government site publishes, and a byte count that stays an int.
MAX_ATTACHMENT_MB = 1024
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
# The templates and static files every county's site uses; they ship with the package so a county
# repository does not copy them (a copy would go stale on upgrade). 站点.yml may name its images.
THEME_DIR = Path(__file__).parent.parent / "site" / "theme"


@dataclass(frozen=True)
class SiteImage:
    """An image 站点.yml names: a path below docs/ that the build publishes."""

    key: str  # as the clerk wrote it, e.g. 党政机关网站标识: 图片
    path: str
    line: int | None


INTERPRETATION_KEYS = Keys("配置项", {"期限天数": "days", "级别": "as_error"})
LEVELS = ("警告", "错误")


@dataclass(frozen=True)
class InterpretationRule:
    """政策解读 (谁发布，谁解读; 同步部署): how late an interpretation may follow its policy, and how loudly to say so."""

    days: int = 3  # an interpretation published more than this many days after its policy is late
    as_error: bool = False  # missing or late interpretations stop the build instead of warning


CONSULTATION_KEYS = Keys("配置项", {"最短征集天数": "min_days", "反馈期限天数": "feedback_days"})


@dataclass(frozen=True)
class ConsultationRule:
    """意见征集: the shortest period without a stated reason, and how soon after closing 意见采纳情况 is due."""

    min_days: int = 30  # 最短征集天数: a shorter period needs 征集期限说明
    feedback_days: int = 30  # 反馈期限天数: closed longer than this without 意见采纳情况 is warned about


@dataclass
class SiteConfig:
    name: str = "政府信息公开"
    county: str = ""
    url: str = ""  # the public address, ending in /
    emblem: str = ""  # an image below docs/, shown on the home page
    per_page: int = DEFAULT_PER_PAGE
    max_attachment_mb: float = DEFAULT_MAX_ATTACHMENT_MB  # 附件大小上限, in MB
    interpretation: InterpretationRule = InterpretationRule()
    consultation: ConsultationRule = ConsultationRule()
    vocabularies: dict[str, Vocabulary] = field(default_factory=default_vocabularies)
    identity: Identity = field(default_factory=Identity)
    office: Office | None = None  # 政府信息公开工作机构; the county government's registry entry when absent
    reading_rooms: tuple[str, ...] = ()  # 政府信息查阅场所
    guide_prose: str = ""  # 指南说明: staff's own words at the end of the 指南, Markdown
    images: tuple[SiteImage, ...] = ()  # every image named above, to be found below docs/
    specials: tuple[Special, ...] = ()  # 专题, in the order staff list them
    editor: EditorSettings | None = None  # 网页编辑器: the repository the editor at /admin/ saves to
    search_sites: tuple[SearchSite, ...] = ()  # 联合检索: other xxgk sites the 检索 page searches too


def load_config(content_dir: Path) -> tuple[SiteConfig, list[Problem]]:
    shown = shown_path(content_dir / CONFIG_FILE)
    path = content_dir / CONFIG_FILE
    config = SiteConfig()
    if not path.is_file():
        return config, [Problem(shown, None, None, "缺少站点配置文件：请创建它并至少写明 网站名称")]
    try:
        parsed = parse_yaml(read_text(path, shown), shown)
    except SourceError as error:
        return config, error.problems
    data = parsed.data or {}
    if not isinstance(data, dict):
        return config, [Problem(shown, 1, None, "站点配置应为“字段: 值”的形式")]
    problems = []

    def problem(key, message, *path):
        problems.append(Problem(shown, parsed.line(key, *path), key, message))

    problems += SITE_KEYS.check(data, shown, parsed)
    for attr in ("name", "county", "url", "emblem"):
        key = SITE_KEYS.key(attr)
        if key in data:
            if isinstance(data[key], str) and data[key].strip():
                setattr(config, attr, data[key].strip())
            else:
                problem(key, "应为非空文字")
    if config.url and (reason := address_problem(config.url, relative=False)):
        problem("网址", f"「{config.url}」{reason}")
        config.url = ""
    if config.url and not config.url.endswith("/"):
        config.url += "/"
    if "附件大小上限" in data:
        limit = data["附件大小上限"]
        # .inf and .nan are floats to YAML; both, and absurd sizes, would overflow the byte count.
        if isinstance(limit, (int, float)) and not isinstance(limit, bool) and 0 < limit <= MAX_ATTACHMENT_MB:
            config.max_attachment_mb = limit
        else:
            problem("附件大小上限", f"应为大于 0、不超过 {MAX_ATTACHMENT_MB} 的数字，单位 MB（现为 {limit!r}）")
    if "每页条数" in data:
        per_page = data["每页条数"]
        if isinstance(per_page, int) and not isinstance(per_page, bool) and 1 <= per_page <= 500:
            config.per_page = per_page
        else:
            problem("每页条数", f"应为 1 到 500 之间的整数（现为 {per_page!r}）")
    if "政策解读" in data:
        config.interpretation = _interpretation_rule(data["政策解读"], problem)
    if "意见征集" in data:
        config.consultation = _consultation_rule(data["意见征集"], problem)
    if "网页编辑器" in data:
        config.editor = editor_settings_of(data["网页编辑器"], problem)
    if "联合检索" in data:
        config.search_sites = search_sites_of(data["联合检索"], problem, config.url)
    _apply_vocabularies(config, data, parsed, problem)
    if "专题" in data:
        config.specials = read_specials(
            data["专题"], config.vocabularies["信息类别"], lambda index: parsed.line("专题", index), problem
        )
    _apply_identity(config, data, problem)
    config.images = _images(config, parsed, problem)
    return config, problems


def _images(config: SiteConfig, parsed: YamlData, problem) -> tuple[SiteImage, ...]:
    """The images named, each a relative path below docs/; one that is not is reported and dropped."""
    named = [("徽标", ("徽标",), config.emblem)] if config.emblem else []
    if config.identity.badge:
        named.append(("党政机关网站标识: 图片", ("党政机关网站标识", "图片"), config.identity.badge.image))
    images = []
    for label, key, value in named:
        reason = _image_path_problem(value)
        if reason:
            problem(key[0], f"「{value}」{reason}", *key[1:])
            if key[0] == "徽标":
                config.emblem = ""
            else:
                config.identity = replaced(config.identity, badge=None)
        else:
            images.append(SiteImage(label, value, parsed.line(*key)))
    return tuple(images)


def _image_path_problem(value: str) -> str:
    path = PurePosixPath(value)
    if "\\" in value or ":" in value or path.is_absolute() or ".." in path.parts:
        return "不是 docs/ 下的相对路径：应写成如 assets/dzjg.png，并把图片放在 docs/assets/ 中"
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return "不是图片：应为 " + "、".join(IMAGE_SUFFIXES) + " 文件"
    return ""


def _consultation_rule(value, problem) -> ConsultationRule:
    if not isinstance(value, dict):
        problem("意见征集", "应写成 最短征集天数: 30 和 反馈期限天数: 30 两行")
        return ConsultationRule()
    days = {}
    report_unknown(value, CONSULTATION_KEYS, "意见征集", problem)
    for key, attr in CONSULTATION_KEYS.labels():
        if key in value:
            number = value[key]
            if isinstance(number, int) and not isinstance(number, bool) and 0 <= number <= 365:
                days[attr] = number
            else:
                problem("意见征集", f"{key}应为 0 到 365 之间的整数（现为 {number!r}）", key)
    return ConsultationRule(**days)


def _apply_identity(config: SiteConfig, data: dict, problem) -> None:
    values = {}
    for attr in ("host", "phone", "fax"):
        if SITE_KEYS.key(attr) in data:
            values[attr] = text_value(data, SITE_KEYS.key(attr), problem)
    checked = (
        ("email", EMAIL, "应为电子邮箱地址，如 xxgk@example.gov.cn"),
        (
            "site_code",
            SITE_CODE,
            '应为10位：地方政府网站为6位行政区划代码加4位序号，如 "2399000001"；部门网站为 bm 加8位数字',
        ),
        ("icp", ICP, "应写成 省份简称ICP备数字号，如 黑ICP备12345678号 或 黑ICP备12345678号-1"),
        ("police_record", POLICE_RECORD, "应写成 省份简称公网安备14位数字号，如 黑公网安备23990002000001号"),
    )
    for attr, pattern, expected in checked:
        if SITE_KEYS.key(attr) in data:
            values[attr] = checked_value(data, SITE_KEYS.key(attr), pattern, expected, problem)
    if "党政机关网站标识" in data:
        values["badge"] = badge_of(data["党政机关网站标识"], problem)
    if "页脚链接" in data:
        values["links"] = links_of(data["页脚链接"], problem)
    config.identity = Identity(**values)
    if "政府信息公开工作机构" in data:
        config.office = office_of(data["政府信息公开工作机构"], problem)
    if "政府信息查阅场所" in data:
        rooms = data["政府信息查阅场所"]
        if isinstance(rooms, list) and rooms and all(isinstance(r, str) and r.strip() for r in rooms):
            config.reading_rooms = tuple(r.strip() for r in rooms)
        else:
            problem("政府信息查阅场所", "应为列表，每项写一个查阅场所的名称和地址，如 [县档案馆（松林镇文化路8号）]")
    if "指南说明" in data:
        config.guide_prose = text_value(data, "指南说明", problem)


def _interpretation_rule(value, problem) -> InterpretationRule:
    if not isinstance(value, dict):
        problem("政策解读", "应写成 期限天数: 3 和 级别: 警告（或 错误）两行")
        return InterpretationRule()
    report_unknown(value, INTERPRETATION_KEYS, "政策解读", problem)
    rule = InterpretationRule()
    days = value.get("期限天数", rule.days)
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 365:
        problem("政策解读", f"期限天数应为 0 到 365 之间的整数（现为 {days!r}）", "期限天数")
        days = rule.days
    level = value.get("级别", "警告")
    if level not in LEVELS:
        problem("政策解读", f"级别应为 警告 或 错误（现为 {level!r}）", "级别")
        level = "警告"
    return InterpretationRule(days=days, as_error=level == "错误")


def _apply_vocabularies(config: SiteConfig, data: dict, parsed: YamlData, problem) -> None:
    names = Keys.named("词表", config.vocabularies)
    for key, replace in (("词表", True), ("追加词表", False)):
        lists = data.get(key) or {}
        if not isinstance(lists, dict):
            problem(key, "应写成 词表名: [术语, …]")
            continue
        for name, entries in lists.items():
            if name not in names:
                problem(key, names.unknown_message(name, named=True), name)
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
