"""The kinds of document beyond the plain one, and what makes a document one of them.

The county plan asks for 政策解读 in three forms (文字、图解、领导政务访谈). A kind is
recognised by its fields, as a consultation is by its dates: a document that
writes any of a kind's marks is one, and must then have the kind's other fields.
The kinds of 解读回应 are not 法定主动公开内容 (an interpretation is not a
规范性文件): they are listed in their own column, and 信息类别 is optional for them.

`check_kind` holds the rules across fields, with the clerk's message for each:

- 图解 needs its images (`图解`), and images belong only to a 图解;
- 访谈 needs its 文字实录, which is the body, and may carry recordings (`音视频`);
- 回应关切 names the concern (来源, 日期, 内容); its body is the response, dated by 发布日期;
- 新闻发布会 names its day and its 发布人; its body is the 文字实录, published after it was held;
- 建议提案办理结果 is the reply to a deputy's 建议 or a member's 提案: its 类别, 编号 and 答复类别
  (A, B, C); its body is the reply or its summary.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from xxgk.model.schema import FIELDS_BY_NAME

TEXT, GRAPHIC, INTERVIEW = "文字", "图解", "访谈"  # 解读形式 (vocabularies.yml)


@dataclass(frozen=True)
class DocumentKind:
    name: str
    marks: tuple[str, ...]  # the front-matter fields any of which makes a document this kind
    required: tuple[str, ...] = ()  # the fields it must then have
    own_column: bool = False  # listed in 解读回应 instead of 法定主动公开内容; 信息类别 optional


INTERPRETATION = DocumentKind("政策解读", ("解读", "解读形式", "图解"), own_column=True)
CONCERN = DocumentKind(
    "回应关切", ("关切来源", "关切日期", "关切内容"), ("关切来源", "关切日期", "关切内容"), own_column=True
)
BRIEFING = DocumentKind("新闻发布会", ("发布会日期", "发布人"), ("发布会日期", "发布人"), own_column=True)
# A reply is 法定主动公开内容 as well (国办发〔2014〕46号 requires it published): it keeps its 信息类别.
PROPOSAL = DocumentKind(
    "建议提案办理结果", ("建议提案类别", "建议提案编号", "答复类别"), ("建议提案类别", "建议提案编号", "答复类别")
)
KINDS = (INTERPRETATION, CONCERN, BRIEFING, PROPOSAL)
RESPONSE_KINDS = KINDS  # the columns of 解读回应, in order
# What the 答复类别 mean, as replies are commonly classed (a county may add its own classes).
REPLY_CLASSES = {
    "A": "所提问题已经解决或者采纳",
    "B": "所提问题正在解决或者已列入计划逐步解决",
    "C": "因条件限制或其他原因需要以后解决，或留作参考",
}

Report = Callable[..., None]  # problem(field, message, *path)


def in_own_column(document) -> bool:
    """Whether a document is listed in a column of 解读回应 rather than in the four columns."""
    return document.kind in {kind.name for kind in KINDS if kind.own_column}


def kind_of_fields(data: Mapping, report: Report) -> DocumentKind | None:
    """The kind whose marks the front matter writes; a document with the marks of two is reported."""
    found = [kind for kind in KINDS if any(_written(data.get(mark)) for mark in kind.marks)]
    if len(found) > 1:
        marks = [next(mark for mark in kind.marks if _written(data.get(mark))) for kind in found]
        report(
            marks[1],
            f"一份文件只能是一种：写了 {marks[0]} 是{found[0].name}，写了 {marks[1]} 是{found[1].name}；请分成两份文件",
        )
    return found[0] if found else None


def _written(value: Any) -> bool:
    return value is not None and value != "" and value != []


def check_kind(kind: DocumentKind | None, values: dict[str, Any], data: Mapping, body: str, report: Report) -> None:
    """The rules across a kind's fields; `values` holds the fields that passed their own checks."""
    if kind is not None:
        for name in kind.required:
            if not _written(data.get(name)):
                hint = FIELDS_BY_NAME[name].help.removeprefix(f"{kind.name}：")
                report(name, f"{kind.name}缺少 {name}：{hint}")
    raised, published = values.get("concern_raised"), values.get("published")
    form = values.get("interpretation_form") or (TEXT if kind is INTERPRETATION else "")
    if kind is INTERPRETATION:
        values["interpretation_form"] = form
    if form == GRAPHIC and not _written(data.get("图解")):
        report(
            "解读形式",
            "图解缺少图片：请在 图解 中列出每张图，写明 图片、替代文本（一句话说明图片）和 文字（图片上的全部文字）",
        )
    if _written(data.get("图解")) and form != GRAPHIC:
        report("图解", "写了图解的图片，解读形式应为 图解：请写 解读形式: 图解")
    if form == INTERVIEW and not body.strip():
        report(
            "解读形式",
            "访谈没有文字实录：请在元数据之后的正文中写出访谈的全部问答，没有文字实录的访谈不能发布",
        )
    if kind is BRIEFING and not body.strip():
        report(
            "发布会日期",
            "新闻发布会没有文字实录：请在元数据之后的正文中写出发布会的全部发布词和问答，没有文字实录的发布会不能发布",
        )
    held = values.get("briefing_date")
    if held and published and held > published:
        report("发布会日期", f"发布会日期 {held} 晚于发布日期 {published}：文字实录不能在发布会召开前发布，请核对日期")
    if raised and published and raised > published:
        report("关切日期", f"关切日期 {raised} 晚于发布日期 {published}：回应不能早于关切提出，请核对日期")
    if _written(data.get("音视频")) and form != INTERVIEW and kind is not BRIEFING:
        report("音视频", "音视频只用于访谈和新闻发布会：访谈请写 解读形式: 访谈，并在正文中写文字实录")


def needs_transcript(kind: DocumentKind | None, data: Mapping) -> bool:
    """Whether the body is a 文字实录 that may not be empty (its own message replaces the empty-body one)."""
    return kind is BRIEFING or (kind is INTERPRETATION and data.get("解读形式") == INTERVIEW)
