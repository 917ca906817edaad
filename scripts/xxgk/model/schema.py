"""The one declaration of a document's front matter.

The validator, the scaffolder (`xxgk new`), the field reference (`xxgk fields`,
README) and the page templates all read this list; add a field here and
nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from xxgk.model.keys import Keys
from xxgk.model.vocabulary import Vocabulary


class Kind(Enum):
    TEXT = "文本"
    DATE = "日期"
    UNIT = "单位"
    TERM = "词表"
    INDEX_NUMBER = "索引号"
    DOC_NUMBER = "发文字号"
    KEYWORDS = "主题词"
    RELATIONS = "索引号列表"
    ATTACHMENTS = "附件列表"
    EXEMPTIONS = "豁免列表"
    GRAPHICS = "图解列表"  # images beside the document, each with its text alternative and its full text
    MEDIA = "音视频列表"  # audio or video beside the document, each with optional WebVTT captions
    PEOPLE = "人员列表"  # officials named in their post: {姓名, 职务}
    FLAG = "是或否"


@dataclass(frozen=True)
class Field:
    name: str  # the Chinese key staff write in front matter
    attr: str  # the Document attribute that holds the normalised value
    kind: Kind
    required: bool
    help: str
    example: str = ""
    vocabulary: str | None = None  # for Kind.TERM: a key of the vocabularies
    max_length: int | None = None
    meaning: str = ""  # for the public (the open data's field list) where `help` speaks to staff

    @property
    def public_help(self) -> str:
        """What the field holds, as the open data explains it to citizens and developers."""
        return self.meaning or self.help


FIELDS: tuple[Field, ...] = (
    Field(
        "标题",
        "title",
        Kind.TEXT,
        True,
        "文件或信息的完整标题",
        "松岭县人民政府办公室关于印发松岭县2026年政务公开工作要点的通知",
        max_length=200,
    ),
    Field(
        "索引号",
        "index_number",
        Kind.INDEX_NUMBER,
        True,
        "前段码（发布机构的统一社会信用代码）/年份-五位流水号；一经生成永不改变，用 xxgk new 获取",
        '"112399010000120008/2026-00001"',
        meaning="本平台为每条信息编的唯一编号：发布机构的统一社会信用代码/年份-五位流水号，一经生成不再改变",
    ),
    Field(
        "发布机构",
        "unit",
        Kind.UNIT,
        True,
        "单位名册（content/单位.yml）中的单位名称或统一社会信用代码",
        "松岭县人民政府办公室",
        meaning="发布这条信息的机关或单位",
    ),
    Field(
        "成文日期",
        "written",
        Kind.DATE,
        True,
        "文件落款日期，格式 YYYY-MM-DD",
        "2026-03-02",
        meaning="文件的落款日期（YYYY-MM-DD）",
    ),
    Field(
        "发布日期",
        "published",
        Kind.DATE,
        True,
        "在本平台公开的日期，不早于成文日期；晚于构建日期的文件到期才发布",
        "2026-03-05",
        meaning="在本平台公开的日期（YYYY-MM-DD）",
    ),
    Field(
        "信息类别",
        "category",
        Kind.TERM,
        True,
        "条例第二十条的十五类、第二十一条的增列事项，或栏目 政府信息公开指南/政府信息公开制度/政府信息公开年报",
        "行政法规、规章和规范性文件",
        vocabulary="信息类别",
        meaning="按《政府信息公开条例》第二十条、第二十一条划分的类别，或政府信息公开指南、制度、年报栏目",
    ),
    Field("主题分类", "topic", Kind.TERM, True, "国家政策文件库的主题分类", "综合政务", vocabulary="主题分类"),
    Field(
        "发文字号",
        "doc_number",
        Kind.DOC_NUMBER,
        False,
        "机关代字〔年份〕序号号；也可输入 [ ]、【 】、( ) 括号，保存为〔〕",
        "松政办发〔2026〕3号",
        meaning="公文的发文字号，如 松政办发〔2026〕3号；没有则为空",
    ),
    Field("文种", "genre", Kind.TERM, False, "公文文种", "通知", vocabulary="文种"),
    Field(
        "有效性",
        "validity",
        Kind.TERM,
        False,
        "规章和规范性文件发布时的效力状态；此后的废止、修订和到期由网站按废止、修订、有效期至自动计算，"
        "只在失效或废止无文件记载时写 失效 或 废止",
        "有效",
        vocabulary="有效性",
        meaning="规章和规范性文件在数据生成日期的效力状态：有效、失效或废止；其他文件为空",
    ),
    Field(
        "有效期至",
        "valid_until",
        Kind.DATE,
        False,
        "规范性文件有效期的最后一天，格式 YYYY-MM-DD；次日起网站自动显示为失效",
        "2031-04-12",
        meaning="规范性文件有效期的最后一天（YYYY-MM-DD），次日起失效；没有规定则为空",
    ),
    Field(
        "发文机关",
        "issuer",
        Kind.TEXT,
        False,
        "署名机关；与发布机构不同时填写（如联合发文）",
        "松岭县人民政府办公室",
        meaning="署名机关，与发布机构不同时（如联合发文）才有",
    ),
    Field(
        "主送机关",
        "addressee",
        Kind.TEXT,
        False,
        "公文的主送机关（不含末尾冒号）",
        "各乡（镇）人民政府，县政府各部门",
        meaning="公文的主送机关",
    ),
    Field("抄送机关", "copied_to", Kind.TEXT, False, "版记中的抄送机关", "县委办，县人大办，县政协办"),
    Field("印发机关", "printed_by", Kind.TEXT, False, "版记中的印发机关", "松岭县人民政府办公室"),
    Field(
        "印发日期",
        "printed",
        Kind.DATE,
        False,
        "版记中的印发日期，格式 YYYY-MM-DD",
        "2026-03-04",
        meaning="版记中的印发日期（YYYY-MM-DD）",
    ),
    Field("主题词", "keywords", Kind.KEYWORDS, False, "关键词列表", "[政务公开, 工作要点]"),
    Field("内容概述", "summary", Kind.TEXT, False, "一句话概述，不超过100字", "", max_length=100, meaning="一句话概述"),
    Field(
        "信息来源", "origin", Kind.TEXT, False, "信息来源（默认为发布机构）", "", meaning="信息来源；为空时即发布机构"
    ),
    Field(
        "附件",
        "attachments",
        Kind.ATTACHMENTS,
        False,
        "与本文件放在同一文件夹中的附件文件名列表；可写成 {文件: 名称.pdf, 名称: 显示名}",
        "[附件1.pdf]",
        meaning="附件的文件名；每个附件的显示名、类型、大小、校验值和地址见下面的附件字段",
    ),
    Field("相关文件", "related", Kind.RELATIONS, False, "相关文件的索引号列表", ""),
    Field("解读", "interprets", Kind.RELATIONS, False, "本文件（政策解读）所解读的政策文件的索引号", ""),
    Field(
        "解读形式",
        "interpretation_form",
        Kind.TERM,
        False,
        "政策解读的形式：文字、图解或访谈（领导政务访谈）；写了 解读 而不写形式的为文字解读。"
        "图解要写 图解，访谈的正文是文字实录",
        "图解",
        vocabulary="解读形式",
    ),
    Field(
        "图解",
        "graphics",
        Kind.GRAPHICS,
        False,
        "图解的图片（.png、.jpg 或 .webp，宽不少于 640 像素），与本文件放在同一文件夹中；每张写明"
        " 图片、替代文本（一句话说明图片，读屏软件朗读它）和 文字（图片上的全部文字，显示在图片下方）",
        "[{图片: 图解1.png, 替代文本: 政府投资项目审批流程图, 文字: 项目建议书→可行性研究报告→初步设计}]",
    ),
    Field(
        "音视频",
        "media",
        Kind.MEDIA,
        False,
        "访谈或新闻发布会的录音、录像（.mp3 .m4a .ogg .wav 或 .mp4 .webm），与本文件放在同一文件夹中；"
        "可写 字幕（WebVTT 格式的 .vtt 文件）；文字实录写在正文中",
        "[{文件: 访谈.mp4, 字幕: 访谈.vtt}]",
    ),
    Field(
        "关切来源",
        "concern_source",
        Kind.TERM,
        False,
        "回应关切：社会关切从哪里来——12345热线、网民留言、媒体报道或代表委员；正文写回应，发布日期为回应日期",
        "12345热线",
        vocabulary="关切来源",
    ),
    Field(
        "关切日期", "concern_raised", Kind.DATE, False, "回应关切：关切提出（热线受理、留言、报道）的日期", "2026-03-02"
    ),
    Field(
        "关切内容",
        "concern",
        Kind.TEXT,
        False,
        "回应关切：群众或媒体关切的问题，一两句话，不写个人信息",
        "城区部分小区供热温度不达标",
        max_length=500,
    ),
    Field(
        "发布会日期",
        "briefing_date",
        Kind.DATE,
        False,
        "新闻发布会：召开的日期；正文写文字实录，发布的文件写在 相关文件 中",
        "2026-03-18",
    ),
    Field(
        "发布人",
        "speakers",
        Kind.PEOPLE,
        False,
        "新闻发布会：每位发布人的姓名和职务",
        "[{姓名: 周国栋, 职务: 县发展和改革局局长}]",
    ),
    Field(
        "建议提案类别",
        "proposal_type",
        Kind.TERM,
        False,
        "建议提案办理结果：答复的是人大代表建议还是政协提案；正文写答复全文或摘要，信息类别照常填写",
        "人大代表建议",
        vocabulary="建议提案类别",
    ),
    Field(
        "建议提案编号",
        "proposal_number",
        Kind.TEXT,
        False,
        "建议提案办理结果：建议或提案的编号，含会议届次，如 县十八届人大五次会议第12号",
        "县十八届人大五次会议第12号",
        max_length=60,
    ),
    Field(
        "答复类别",
        "reply_class",
        Kind.TERM,
        False,
        "建议提案办理结果：A（已解决或采纳）、B（正在解决或列入计划）或 C（以后解决或留作参考）",
        "A",
        vocabulary="答复类别",
    ),
    Field("废止", "repeals", Kind.RELATIONS, False, "本文件宣布废止的文件的索引号", ""),
    Field("修订", "amends", Kind.RELATIONS, False, "本文件修订或替代的旧版本文件的索引号", ""),
    Field(
        "征集开始",
        "consultation_opens",
        Kind.DATE,
        False,
        "意见征集：公开征求意见的第一天，格式 YYYY-MM-DD；与征集截止一起填写",
        "2026-11-01",
        meaning="意见征集：开始征求意见的日期（YYYY-MM-DD）",
    ),
    Field(
        "征集截止",
        "consultation_closes",
        Kind.DATE,
        False,
        "意见征集：接收意见的最后一天（含当天），格式 YYYY-MM-DD",
        "2026-11-30",
        meaning="意见征集：接收意见的最后一天（含当天，YYYY-MM-DD）",
    ),
    Field(
        "征集期限说明",
        "consultation_short_reason",
        Kind.TEXT,
        False,
        "意见征集期限短于站点配置的最短天数（默认30天）时，写明理由",
        "",
        max_length=200,
        meaning="意见征集：征集期限较短时说明的理由",
    ),
    Field("意见邮箱", "feedback_email", Kind.TEXT, False, "意见征集：接收意见的电子邮箱", "fgw@songling.gov.cn"),
    Field(
        "意见地址",
        "feedback_address",
        Kind.TEXT,
        False,
        "意见征集：邮寄或当面提交意见的地址（含邮政编码）",
        "松岭县人民路1号县发展改革局，邮编 123456",
    ),
    Field("意见电话", "feedback_phone", Kind.TEXT, False, "意见征集：咨询和提交意见的电话", "0000-1234567"),
    Field("意见征集", "feedback_of", Kind.RELATIONS, False, "本文件（意见采纳情况）所反馈的意见征集文件的索引号", ""),
    Field(
        "征求意见",
        "consulted_in",
        Kind.RELATIONS,
        False,
        "本文件（最终决策文件）出台前征求意见的意见征集文件的索引号",
        "",
    ),
    Field(
        "任务台账",
        "task_ledger",
        Kind.FLAG,
        False,
        "实施方案、工作要点等工作计划写 是：网站从正文各项任务末尾的（牵头单位：…；责任单位：…；完成时限：…）"
        "生成任务台账，各单位在 content/任务进展/ 中登记进展",
        "是",
        meaning="“是”表示本文件是工作计划（实施方案、工作要点等），其各项任务的分工和进展见任务台账",
    ),
    Field(
        "个人信息豁免",
        "personal_data_exemptions",
        Kind.EXEMPTIONS,
        False,
        "检查报告的号码确认不是个人信息时（如单位对公账号），逐个写明号码和理由；每次检查都会列出",
        '[{号码: "6228480012345678903", 理由: 本单位公开的对公收款账号}]',
    ),
)

FIELDS_BY_NAME = {field.name: field for field in FIELDS}
FIELD_KEYS = Keys("字段", {field.name: field.attr for field in FIELDS})
RELATION_FIELDS = tuple(field for field in FIELDS if field.kind is Kind.RELATIONS)

# How a relation reads from the other side: the policy lists its 解读, and so on.
INVERSE_RELATION_LABELS = {
    "related": "相关文件",
    "interprets": "政策解读",
    "repeals": "已被以下文件废止",
    "amends": "已被以下文件修订",
    "feedback_of": "意见采纳情况",
    "consulted_in": "征求意见后形成的文件",
}
RELATION_LABELS = {
    "related": "相关文件",
    "interprets": "解读的政策文件",
    "repeals": "本文件废止的文件",
    "amends": "本文件修订的文件",
    "feedback_of": "反馈的意见征集",
    "consulted_in": "出台前的意见征集",
}

# The body `xxgk new` writes for the clerk to replace; a document still holding it is not published.
PLACEHOLDER_BODY = "（在此处写正文。小标题“一、”用 ##，“（一）”用 ###。）"
# Either half of it left in a line (a clerk who replaced only the start) is still the placeholder.
PLACEHOLDER_MARKS = ("在此处写正文", "小标题“一、”用 ##")

# The columns besides 法定主动公开内容 are also valid 信息类别 values.
COLUMN_CATEGORIES = ("政府信息公开指南", "政府信息公开制度", "政府信息公开年报")


def allowed_values(vocabulary: str, vocabularies: Mapping[str, Vocabulary]) -> list[str]:
    """The values staff may write where this vocabulary applies: 信息类别 takes the three columns too."""
    names = vocabularies[vocabulary].names()
    return names + [c for c in COLUMN_CATEGORIES if c not in names] if vocabulary == "信息类别" else names


def field_reference() -> str:
    """The staff-facing table of fields, as Markdown (README and `xxgk fields`)."""
    rows = ["| 字段 | 必填 | 类型 | 说明 | 示例 |", "| --- | --- | --- | --- | --- |"]
    for field in FIELDS:
        required = "是" if field.required else "否"
        kind = f"词表：{field.vocabulary}" if field.vocabulary else field.kind.value
        example = f"`{field.example}`" if field.example else ""
        rows.append(f"| {field.name} | {required} | {kind} | {field.help} | {example} |")
    return "\n".join(rows) + "\n"
