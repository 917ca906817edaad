"""`xxgk import`: an official document (.docx, .txt, .md) in, a content file out.

The importer reads what the national format puts where (officialdoc.py), fills
in the front matter with what it found and nothing else, and reports what the
clerk must still fill in. It never overwrites: a new document gets the unit's
next 索引号; a corrected version of a document already in content/ (same
发文字号) becomes an update of that file, keeping its 索引号 and address, and
only after the changes were shown and confirmed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from xxgk.authoring.officialdoc import Listed, OfficialDocument, parse_official_document
from xxgk.authoring.readers.blocks import Image, ImportRefused, SavedFile
from xxgk.authoring.readers.formats import read_source
from xxgk.authoring.scaffold import document_path, front_matter_text, next_index_number, replace_fields
from xxgk.checks.content import Content
from xxgk.checks.personal_data.attachments import Unreadable, attachment_lines
from xxgk.model.documents import Document
from xxgk.model.identifiers import IndexNumber
from xxgk.model.personal_numbers import find_numbers, find_personal_numbers, line_of, mask_numbers
from xxgk.model.plans import count_notes
from xxgk.model.schema import FIELDS_BY_NAME
from xxgk.model.sources import find_front_matter
from xxgk.model.units import Unit
from xxgk.model.workdays import deadline_note

# What the importer can read from the paper; everything else the clerk decides.
EXTRACTED = ("标题", "发文字号", "文种", "成文日期", "发文机关", "主送机关", "抄送机关", "印发机关", "印发日期", "附件")
TO_FILL = ("发布日期", "信息类别", "主题分类")
# A 附注 saying the document is not for proactive publication (此件不公开, 此件依申请公开).
_NOT_PUBLISHED = ("不公开", "不予公开", "不宜公开", "依申请公开")
_ATTACHMENT_PREFIX = re.compile(r"^附\s*件\s*\d*\s*[-_—:：、.．\s]*")
_NUMBERED_FILE = re.compile(r"^附\s*件\s*(?P<number>\d*)\s*[-_—:：、.．\s]*(?P<rest>.*)$")


@dataclass
class ImportPlan:
    source: Path
    path: Path  # the content file written (or updated)
    text: str
    files: list[SavedFile]
    values: dict[str, Any]  # the front-matter fields read from the document
    doc: OfficialDocument
    index_number: IndexNumber
    existing: Document | None = None  # set when this updates a document
    old_text: str = ""
    missing_attachments: list[str] = field(default_factory=list)
    read_as: str = ""  # how the source was read (PDF 文字层 …), for the report
    notes: list[str] = field(default_factory=list)
    masked: list[str] = field(default_factory=list)  # numbers of persons masked in text, with their lines


# -- planning --------------------------------------------------------------------------


def plan_import(source_path: Path, content: Content, content_dir: Path, unit: Unit, today: dt.date) -> ImportPlan:
    """Everything the import would write, without writing it."""
    source = read_source(source_path)
    genres = tuple(name for name in content.config.vocabularies["文种"].names() if name != "其他")
    doc = parse_official_document(source.blocks, genres)
    if doc.classification:
        raise ImportRefused(f"{source_path}: 文件标有密级「{doc.classification}」：涉密文件不得公开，未导入")
    if any(words in doc.remark for words in _NOT_PUBLISHED):
        raise ImportRefused(f"{source_path}: 原件附注「（{doc.remark}）」：这份文件不主动公开，不在本平台发布，未导入")

    existing = _same_doc_number(content, doc.doc_number)
    if existing:
        number = existing.index_number
        path = Path(existing.path)  # as shown: relative to the working folder, or absolute
    else:
        number = next_index_number(content_dir, unit, doc.written.year if doc.written else today.year)
        path = document_path(content_dir, unit, number, doc.title or source_path.stem)
    prefix = f"{number.serial:05d}-"
    # The saved files are named after the document's 流水号 so documents sharing a folder never collide.
    files = [replace(f, filename=prefix + f.filename) for f in ([source.original] if source.original else [])]
    files += [replace(f, filename=prefix + f.filename) for f in source.files]
    blocks = [replace(b, filename=prefix + b.filename) if isinstance(b, Image) else b for b in source.blocks]
    doc = parse_official_document(blocks, genres)
    missing_attachments = []
    taken: set[Path] = set()
    for listed in doc.attachments:
        found = _find_attachment(source_path, listed, taken)
        if found:
            taken.add(found)
            shown = re.sub(r"\.[A-Za-z0-9]{2,4}$", "", listed.name)  # 名单.xlsx is shown as 名单
            name = _ATTACHMENT_PREFIX.sub("", shown) or listed.name
            files.append(SavedFile(prefix + found.name, name, found.read_bytes()))
        else:
            missing_attachments.append(listed.name)

    values = {
        "标题": doc.title,
        "发文字号": doc.doc_number,
        "文种": next((g for g in genres if doc.title.endswith(g)), ""),
        "成文日期": doc.written,
        "发文机关": doc.signatory or doc.issuer_mark,
        "主送机关": doc.addressee,
        "抄送机关": doc.copied_to,
        "印发机关": doc.printed_by,
        "印发日期": doc.printed,
        "附件": [{"文件": f.filename, "名称": f.name} for f in files],
        # A plan (实施方案, 工作要点) ends its tasks with their units and deadline: the site tracks them.
        "任务台账": "是" if count_notes(doc.body) else "",
    }
    plan = ImportPlan(
        source_path,
        path,
        "",
        files,
        values,
        doc,
        number,
        existing,
        missing_attachments=missing_attachments,
        notes=source.notes + doc.notes,
    )
    plan.read_as = source.read_as
    if doc.issuer_mark and not doc.signatory:
        plan.notes.append(f"原件没有发文机关署名，发文机关取自发文机关标志「{doc.issuer_mark}」：请核对")
    issuer = doc.signatory or doc.issuer_mark
    if issuer and unit.name not in issuer and not (unit.short_name and unit.short_name in issuer):
        plan.notes.append(
            f"公文的发文机关是「{issuer}」，与发布机构「{unit.name}」（--unit）不同："
            f"如由本单位转发或代为公开，请确认无误；否则请用 --unit 指定发文机关"
        )
    if "删减" in doc.remark:
        plan.notes.append(f"原件附注「（{doc.remark}）」：请按要求删减后再发布")
    same_title = [
        d.path.as_posix() for d in content.documents if doc.title and d.title == doc.title and d is not existing
    ]
    if same_title:
        plan.notes.append(f"已有同标题的文件 {'、'.join(same_title)}：如是同一文件，请删除新文件，改为更新原文件")
    if existing:
        if existing.unit != unit:
            plan.notes.append(f"原文件的发布机构是 {existing.unit.name}，更新时保持不变")
        if doc.written and doc.written > existing.published:
            plan.notes.append(
                f"新的成文日期 {doc.written} 晚于发布日期 {existing.published}："
                f"请把发布日期改为更正版本在本平台公开的日期"
            )
        plan.old_text = path.read_text(encoding="utf-8-sig")
        found = {name: value for name, value in values.items() if value}
        front = replace_fields(plan.old_text, found)
        plan.text = front + "\n" + doc.body
    else:
        plan.text = front_matter_text({**values, "索引号": number, "发布机构": unit.name}) + "\n" + doc.body
    # What is written is masked; the source file is left as it is, for the clerk to keep or destroy.
    found = [item for item in find_numbers(plan.text) if not _in_hint(plan.text, item.start)]
    plan.masked = [
        f"第 {line_of(plan.text, item.start)} 行的疑似{item.hit.kind}已打码为 {item.hit.masked}" for item in found
    ]
    for item in reversed(found):
        plan.text = plan.text[: item.start] + item.hit.masked + plan.text[item.end :]
    return plan


def _in_hint(text: str, index: int) -> bool:
    # The scaffold's comments give examples (a unit's account under 个人信息豁免); they stay as written.
    line_start = text.rfind("\n", 0, index) + 1
    return "  # " in text[line_start:index] and index < find_front_matter(text).end


def _same_doc_number(content: Content, doc_number: str) -> Document | None:
    if not doc_number:
        return None
    same = [d for d in content.documents if d.doc_number == doc_number]
    if len(same) > 1:
        raise ImportRefused(
            f"发文字号 {doc_number} 已被多份文件使用（{'、'.join(d.path.as_posix() for d in same)}）："
            f"请先处理重复，再导入更正版本"
        )
    return same[0] if same else None


def _find_attachment(source: Path, listed: Listed, taken: set[Path]) -> Path | None:
    """The file beside the source that the 附件说明 entry names: by name (附件1-… and the extension
    may differ), else by number (附件1.docx for the first entry, 附件.docx for the only one)."""
    wanted = _ATTACHMENT_PREFIX.sub("", listed.name).strip() or listed.name  # 附件：附件1 names the file 附件1.*
    candidates = [c for c in sorted(source.parent.iterdir()) if c.is_file() and c != source and c not in taken]
    for candidate in candidates:
        if wanted in (candidate.name, _ATTACHMENT_PREFIX.sub("", candidate.stem).strip(), candidate.stem):
            return candidate
    for candidate in candidates:
        numbered = _NUMBERED_FILE.match(candidate.stem)
        if not numbered:
            continue
        rest = numbered["rest"].strip()
        number = int(numbered["number"]) if numbered["number"] else None
        if (number == listed.number or {number, listed.number} <= {None, 1}) and (
            not rest or rest in wanted or wanted in rest
        ):
            return candidate
    return None


# -- writing -----------------------------------------------------------------------------


def apply_import(plan: ImportPlan) -> None:
    """Write the plan: a new file is never written over anything; an update replaces its own files."""
    folder = plan.path.parent
    mode = "w" if plan.existing else "x"
    if not plan.existing:
        taken = [p for p in [plan.path] + [folder / f.filename for f in plan.files] if p.exists()]
        if taken:
            raise ImportRefused(f"{taken[0]} 已存在，未写入任何文件：请改名或移走它后再导入")
    folder.mkdir(parents=True, exist_ok=True)
    for saved in plan.files:
        with (folder / saved.filename).open(mode + "b") as file:
            file.write(saved.data)
    with plan.path.open(mode, encoding="utf-8") as file:
        file.write(plan.text)


def describe_changes(plan: ImportPlan) -> str:
    """What an update changes, field by field, then the body as a diff."""
    document = plan.existing
    lines = []
    for name, value in plan.values.items():
        if not value:
            continue
        old = _current(document, name)
        new = _shown(value)
        if old != new:
            lines.append(mask_numbers(f"  {name}：{old or '（空）'} → {new}")[0])
    old_body = mask_numbers(find_front_matter(plan.old_text).body)[0]
    new_body = find_front_matter(plan.text).body
    diff = list(
        difflib.unified_diff(
            old_body.strip().splitlines(), new_body.strip().splitlines(), "原正文", "新正文", lineterm="", n=1
        )
    )
    if diff:
        lines.append("  正文：")
        lines += ["    " + line for line in diff]
    folder = plan.path.parent
    for saved in plan.files:
        target = folder / saved.filename
        if target.exists() and target.read_bytes() != saved.data:
            lines.append(f"  替换附件文件：{saved.filename}")
        elif not target.exists():
            lines.append(f"  新增附件文件：{saved.filename}")
    return "\n".join(lines)


def _current(document: Document, name: str) -> str:
    value = getattr(document, FIELDS_BY_NAME[name].attr)
    if name == "附件":
        return "、".join(a.filename for a in value)
    return _shown(value)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else ""
    if isinstance(value, list):
        return "、".join(item["文件"] for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value or "")


# -- the report ----------------------------------------------------------------------------


def import_summary(plan: ImportPlan) -> str:
    """What was read, what the clerk must fill in, the deadline and any personal data found."""
    doc = plan.doc
    lines = [
        f"{'已更新' if plan.existing else '已导入'} {plan.path}（来自 {plan.source.name}）",
        f"  索引号：{plan.index_number}" + ("（保留原索引号和地址）" if plan.existing else ""),
    ]
    if plan.read_as:
        lines.append(f"  读取方式：{plan.read_as}")
    read = [
        (name, mask_numbers(_shown(value))[0])
        for name, value in plan.values.items()
        if value and name not in ("附件", "任务台账")
    ]
    if doc.issuer_mark:
        read.insert(0, ("发文机关标志", doc.issuer_mark))
    if doc.remark:
        read.append(("附注", f"（{doc.remark}），即主动公开；已从正文中移除"))
    lines += ["  读到："] + [f"    {name}：{value}" for name, value in read]
    shape = f"{doc.headings} 个标题，{doc.tables} 个表格" if doc.body.strip() else "没有正文"
    lines.append(f"  正文：{shape}")
    if plan.values.get("任务台账"):
        tasks = count_notes(doc.body)
        lines.append(
            f"  任务台账：正文有 {tasks} 项任务（牵头单位、责任单位、完成时限），已写 任务台账: 是；"
            "各单位在 content/任务进展/ 中登记进展"
        )
    for saved in plan.files:
        lines.append(f"  附件：{saved.filename}（{saved.name}）")
    for name in plan.missing_attachments:
        lines.append(
            f"  附件说明列出「{name}」，但在 {plan.source.parent} 中没有找到这个文件："
            f"请把它放在本文件旁边，并在 附件 中列出"
        )
    unread = [name for name in EXTRACTED if name != "附件" and not plan.values.get(name)]
    fill = [name for name in TO_FILL if not (plan.existing and _current(plan.existing, name))]
    if unread:
        lines.append("  文件中没有读到（请核对原件，有则填写）：" + "、".join(unread))
    if fill:
        lines.append("  请填写：" + "、".join(fill))
    lines += [f"  注意：{note}" for note in plan.notes]
    lines += [f"  注意：{hit}" for hit in personal_data_in(plan)]
    if doc.written:
        lines.append("  " + deadline_note(doc.written))
    else:
        lines.append("  公开期限：没有读到成文日期，无法计算；填写成文日期后，最迟在其后第 20 个工作日发布")
    return "\n".join(lines)


def personal_data_in(plan: ImportPlan) -> list[str]:
    """Numbers of persons in what was imported, masked; the check will refuse them too."""
    hits = list(plan.masked)
    attachment_hits = []
    for saved in plan.files:
        try:
            for where, line in attachment_lines(plan.path.parent / saved.filename):
                attachment_hits += [
                    f"附件「{saved.filename}」{where}有疑似{hit.kind} {hit.masked}"
                    for hit in find_personal_numbers(line)
                ]
        except (Unreadable, OSError):
            pass
    if attachment_hits:
        attachment_hits.append("附件中的号码公开前必须删除或打码（xxgk check 会报错）")
    return hits + attachment_hits
