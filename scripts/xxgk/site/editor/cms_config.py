"""The web editor's configuration (Decap CMS's config.yml), generated from the one schema.

Every field of a document comes from `model.schema.FIELDS`: its Chinese key as label
and name, whether it is required, its help as the hint; vocabularies become selects
of their terms (as 站点.yml has them), dates native date pickers storing YYYY-MM-DD,
发布机构 a select of the unit registry, attachments uploads kept beside the document.
The unit registry is a form of its own, built from `model.units.UNIT_KEYS`.

Documents are edited by folder, as the content keeps them: one collection for each
top-level folder below content/ that holds documents, and one for each unit that has
none yet (its name is the folder a new document goes to). A new document is written
to `<folder>/<year>/<title>.md`, the title cut to 40 characters as `xxgk new` does.

>>> [f["widget"] for f in document_fields(["县财政局"], "县财政局", {"信息类别": ["公共服务"]})[:3]]
['string', 'xxgk-index-number', 'select']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from xxgk.model.editor_settings import EditorSettings
from xxgk.model.schema import COLUMN_CATEGORIES, FIELDS, Field, Kind
from xxgk.model.units import REQUIRED, UNIT_KEYS, UNITS_FILE, Unit

# The custom widget xxgk-cms.js registers: the unit's next free 索引号, given once and never changed.
INDEX_NUMBER_WIDGET = "xxgk-index-number"
# Decap writes a new document to <year>/<slug>.md below its folder: the title, cut as `xxgk new` cuts it.
NEW_DOCUMENT_PATH = "{{year}}/{{slug}}"
TITLE_LENGTH = 40
# Uploads outside a document (the media library) go to a draft folder the build never publishes.
MEDIA_FOLDER = "_上传"
UNIT_WIDGETS = {"职能": "text"}
UNIT_HINTS = {
    "统一社会信用代码": "18位，也是本单位文件索引号的前段码；填写后不要再改",
    "类型": "县人民政府 / 县政府部门 / 乡镇人民政府 / 其他单位",
    "上级单位": "单位名册中另一个单位的名称",
    "邮政编码": "6位数字",
    "申请受理机构": "本单位不自行受理政府信息公开申请时，填写代为受理的单位名称（单位名册中另一个单位，或站点.yml 中的政府信息公开工作机构）",
    "信息公开负责人": "履行本单位政府信息公开工作领导职责的负责人",
    "信息公开工作机构": "本单位内设机构中指定的政府信息公开工作机构，如 办公室",
    "领导": "领导信息：每位领导的姓名、职务和分工",
}
# 内设机构 items may be plain names or {名称, 职责}; the form cannot show both, so it keeps them as they are.
UNIT_KEYS_IN_FILE_ONLY = ("内设机构",)


@dataclass(frozen=True)
class DocumentFolder:
    """A top-level folder of content/ that holds documents, and the unit most of them are published by."""

    name: str
    unit: Unit | None


def document_folders(folder_units: dict[str, list[Unit]], units: list[Unit]) -> list[DocumentFolder]:
    """One folder per top-level folder with documents (its most frequent 发布机构), then each unit without one.

    `folder_units` maps a folder's name to the 发布机构 of each document found in it.
    """
    folders = []
    for name in sorted(folder_units):
        by_name = next((unit for unit in units if unit.name == name), None)
        counted = Counter(unit.name for unit in folder_units[name]).most_common(1)
        most = next((unit for unit in units if counted and unit.name == counted[0][0]), None)
        folders.append(DocumentFolder(name, by_name or most))
    for unit in units:
        if unit.name not in folder_units:
            folders.append(DocumentFolder(unit.name, unit))
    return folders


def cms_config(
    settings: EditorSettings,
    content: PurePosixPath,
    folders: list[DocumentFolder],
    units: list[Unit],
    vocabularies: dict[str, list[str]],
    site_url: str = "",
) -> dict[str, Any]:
    """Decap CMS's configuration: the county's repository, one collection per folder, the unit registry."""
    unit_names = [unit.name for unit in units]
    config: dict[str, Any] = {
        "backend": backend(settings),
        "publish_mode": "editorial_workflow",
        # Only on a page served from this computer (localhost), with `npx decap-server` running in the
        # repository: the editor then saves to the local clone, as the tests do.
        "local_backend": True,
        "locale": "zh_Hans",
        "media_folder": str(content / MEDIA_FOLDER),
        "public_folder": "",
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "editor": {"preview": False},
        "collections": [
            document_collection(folder, content, unit_names, vocabularies, used)
            for folder, used in zip(folders, collection_names(folders))
        ]
        + [units_collection(content, vocabularies.get("单位类型", []))],
    }
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    return config


def backend(settings: EditorSettings) -> dict[str, Any]:
    found: dict[str, Any] = {"name": settings.platform, "repo": settings.repository, "branch": settings.branch}
    if settings.login_url:
        found["base_url"] = settings.login_url
    if settings.api_url:
        found["api_root"] = settings.api_url
    if settings.app_id:
        found.update(app_id=settings.app_id, auth_type="pkce")
    # Each saved document opens a merge request titled after it.
    found["commit_messages"] = {
        "create": "新建{{collection}}：{{slug}}",
        "update": "修改{{collection}}：{{slug}}",
        "delete": "删除{{collection}}：{{slug}}",
        "uploadMedia": "上传附件：{{path}}",
        "deleteMedia": "删除附件：{{path}}",
    }
    return found


def collection_names(folders: list[DocumentFolder]) -> list[str]:
    """ASCII names for the collections (they appear in the editor's addresses and branch names), stable
    across builds: the unit's code for its own folder, else the folder's position among the sorted ones."""
    names = []
    for number, folder in enumerate(folders, start=1):
        own = folder.unit is not None and folder.unit.name == folder.name
        name = f"wj-{folder.unit.code.lower()}" if own else f"wj-folder-{number}"
        names.append(name if name not in names else f"{name}-{number}")
    return names


def document_collection(
    folder: DocumentFolder, content: PurePosixPath, unit_names: list[str], vocabularies: dict[str, list[str]], name: str
) -> dict[str, Any]:
    return {
        "name": name,
        "label": folder.name,
        "label_singular": "文件",
        "description": f"{content / folder.name}/ 中的文件。保存后生成合并请求，检查通过并合并后发布。",
        "folder": str(content / folder.name),
        "path": NEW_DOCUMENT_PATH,
        "slug": f"{{{{slug | truncate({TITLE_LENGTH}, '-')}}}}",
        "create": True,
        "delete": False,
        "extension": "md",
        "format": "yaml-frontmatter",
        "identifier_field": "标题",
        "summary": "{{fields.发布日期}}　{{fields.标题}}",
        "sortable_fields": ["发布日期", "成文日期", "标题"],
        # Uploads go beside the document, and 附件 names them by file name alone.
        "media_folder": "",
        "public_folder": "",
        "fields": document_fields(unit_names, folder.unit.name if folder.unit else None, vocabularies),
    }


def document_fields(unit_names: list[str], unit: str | None, vocabularies: dict[str, list[str]]) -> list[dict]:
    return [document_field(field, unit_names, unit, vocabularies) for field in FIELDS] + [
        {
            "label": "正文",
            "name": "body",
            "widget": "markdown",
            "modes": ["rich_text", "raw"],
            "hint": "小标题“一、”用标题2，“（一）”用标题3；表格可在“Markdown”模式中输入",
        }
    ]


def document_field(field: Field, unit_names: list[str], unit: str | None, vocabularies: dict[str, list[str]]) -> dict:
    found: dict[str, Any] = {"label": field.name, "name": field.name, "required": field.required}
    hint = field.help + (f"，如 {field.example}" if field.example and field.kind is Kind.TEXT else "")
    found["hint"] = hint
    kind = field.kind
    if kind is Kind.DATE:
        # A date picker storing YYYY-MM-DD (`format` would make it a date-and-time picker).
        found.update(widget="datetime", date_format="YYYY-MM-DD", time_format=False)
    elif kind is Kind.UNIT:
        found.update(widget="select", options=unit_names, hint="单位名册（content/单位.yml）中的单位")
        if unit:
            found["default"] = unit
    elif kind is Kind.TERM:
        terms = vocabularies.get(field.vocabulary or "", [])
        if field.attr == "category":  # the columns besides 法定主动公开内容 are 信息类别 too
            terms = terms + [name for name in COLUMN_CATEGORIES if name not in terms]
        found.update(widget="select", options=terms)
    elif kind is Kind.INDEX_NUMBER:
        found.update(
            widget=INDEX_NUMBER_WIDGET, hint="由编辑器按发布机构自动生成（本单位今年的下一个流水号），保存后不再改变"
        )
    elif kind in (Kind.KEYWORDS, Kind.RELATIONS):
        found["widget"] = "list"
        if kind is Kind.RELATIONS:
            found["hint"] = field.help + "；多个用英文逗号分隔，如 112399010000120008/2026-00001"
    elif kind is Kind.ATTACHMENTS:
        found.update(
            widget="list",
            field={"label": "文件", "name": "文件", "widget": "file", "choose_url": False},
            hint="上传的文件保存在本文件所在的文件夹中；PDF、OFD、Word、WPS、Excel、图片、TXT、CSV 或 ZIP",
        )
    elif kind is Kind.GRAPHICS:  # 图解: each picture with its text alternative and its full text
        found.update(
            widget="list",
            collapsed=False,
            fields=[
                {"label": "图片", "name": "图片", "widget": "image", "choose_url": False},
                {"label": "替代文本", "name": "替代文本", "widget": "string", "hint": "一句话说明图片"},
                {"label": "文字", "name": "文字", "widget": "markdown", "hint": "图片上的全部文字"},
            ],
        )
    elif kind is Kind.MEDIA:  # 访谈 and 新闻发布会: recordings beside the document, captions optional
        found.update(
            widget="list",
            collapsed=False,
            fields=[
                {"label": "文件", "name": "文件", "widget": "file", "choose_url": False},
                {"label": "字幕", "name": "字幕", "widget": "file", "choose_url": False, "required": False},
                {"label": "名称", "name": "名称", "widget": "string", "required": False},
            ],
        )
    elif kind is Kind.PEOPLE:
        found.update(widget="list", collapsed=False, fields=person_fields())
    elif kind is Kind.EXEMPTIONS:
        found.update(
            widget="list",
            collapsed=False,
            fields=[
                {"label": "号码", "name": "号码", "widget": "string", "required": False},
                {"label": "附件", "name": "附件", "widget": "string", "required": False},
                {"label": "理由", "name": "理由", "widget": "string", "required": True},
            ],
        )
    else:  # text and 发文字号
        found["widget"] = "string"
        if field.max_length:
            found["pattern"] = [f"^[\\s\\S]{{0,{field.max_length}}}$", f"不超过 {field.max_length} 字"]
    return found


def person_fields(with_duties: bool = False) -> list[dict]:
    """An official named in the post (model/people.py): 姓名, 职务, and a leader's 分工."""
    fields = [
        {"label": "姓名", "name": "姓名", "widget": "string"},
        {"label": "职务", "name": "职务", "widget": "string"},
    ]
    if with_duties:
        fields.append({"label": "分工", "name": "分工", "widget": "text", "required": False})
    return fields


def units_collection(content: PurePosixPath, unit_types: list[str]) -> dict[str, Any]:
    fields = []
    for key in UNIT_KEYS.names:
        if key in UNIT_KEYS_IN_FILE_ONLY:
            continue
        field: dict[str, Any] = {"label": key, "name": key, "required": key in REQUIRED}
        if key == "类型":
            field.update(widget="select", options=unit_types)
        elif key == "信息公开负责人":
            field.update(widget="object", fields=person_fields())
        elif key == "领导":
            field.update(widget="list", collapsed=False, fields=person_fields(with_duties=True))
        else:
            field["widget"] = UNIT_WIDGETS.get(key, "string")
        if key in UNIT_HINTS:
            field["hint"] = UNIT_HINTS[key]
        if key == "统一社会信用代码":
            field["pattern"] = ["^[0-9A-HJ-NPQRTUWXY]{18}$", "应为18位统一社会信用代码"]
        fields.append(field)
    return {
        "name": "registers",
        "label": "名册",
        "description": "单位名册。内设机构请在文件中直接编辑。",
        "delete": False,
        "files": [
            {
                "name": "units",
                "label": "单位名册",
                "file": str(content / UNITS_FILE),
                "fields": [
                    {
                        "label": "单位",
                        "name": "单位",
                        "widget": "list",
                        "summary": "{{fields.名称}}",
                        "collapsed": True,
                        "fields": fields,
                    }
                ],
            }
        ],
    }
