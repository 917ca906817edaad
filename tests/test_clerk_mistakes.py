"""The mistakes a clerk makes, each with the exact message `xxgk check` prints and its line.

Each case edits one file of the fixture county (and may add files beside it), then
loads the county as of the fixed build date: the problems are exactly these.
Adding a mistake is adding a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from counties import BUILD_DATE
from xxgk.checks.content import load_content

BUDGET = "content/财政局/预算.md"  # 成文日期 on line 5, 信息类别 on line 7, 相关文件 on line 9
POLICY = "content/财政局/管理办法2026.md"  # 发文字号 on line 9, 废止 on line 12
PLAN = "content/县政府办公室/2026/工作要点.md"  # 附件 on line 12
REPORT = "content/年报/测试县财政局/2025.yml"
UNITS = "content/单位.yml"
OLD_POLICY = "content/财政局/管理办法2025.md"  # 发文字号 测财发〔2025〕1号
# A second document with the 发文字号 of OLD_POLICY (a correction saved as a new file).
CORRECTION = """---
标题: 测试县县级财政专项资金管理暂行办法（更正）
索引号: "11239901000013480E/2025-00009"
发布机构: 测试县财政局
成文日期: 2025-03-01
发布日期: 2025-03-05
信息类别: 财政预算、决算信息
主题分类: 财政、金融、审计
发文字号: 测财发〔2025〕1号
---
更正后的全文。
"""

POWERS = "content/权责清单/测试县财政局.csv"
POWERS_CSV = (
    "事项名称,事项类型,实施依据,实施主体,责任事项,追责情形,监督电话\n"
    "政府采购代理机构备案,行政许可,《中华人民共和国政府采购法》第十九条,测试县财政局,受理、审查、决定,依法追究责任,"
    "0469-5821301\n"
)
GUIDE = "content/办事指南/测试县财政局.yml"
GUIDE_YAML = """- 事项名称: 政府采购代理机构备案
  事项类型: 行政许可
  设定依据: 《中华人民共和国政府采购法》第十九条
  受理条件: 在本县从事政府采购代理业务的机构
  申请材料: 备案表、营业执照复印件
  办理流程: 受理、审查、备案
  法定办结时限: 20个工作日
  承诺办结时限: 5个工作日
  收费标准: 不收费
  办理地点: 测试县政务服务中心2号窗口
  办理时间: 工作日 8:30—17:00
  咨询电话: "0469-5821301"
  监督电话: "0469-5821302"
  更新日期: 2026-09-01
"""


@dataclass(frozen=True)
class Mistake:
    path: str  # the file the clerk edits
    old: str  # what the file says
    new: str  # what the clerk typed instead
    expected: list[str]  # every problem of the county afterwards, as printed
    files: dict[str, str] = field(default_factory=dict)  # files the clerk added, by path


MISTAKES = {
    "a value outside a vocabulary": Mistake(
        BUDGET,
        "信息类别: 财政预算、决算信息",
        "信息类别: 卫生健康",
        [
            f"{BUDGET}:7: 信息类别: 「卫生健康」不在信息类别词表中；"
            "相近的有：「环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况」；全部可选值：xxgk fields 信息类别"
        ],
    ),
    "a full-width colon": Mistake(
        BUDGET,
        "成文日期: 2026-02-10",
        "成文日期：2026-02-10",
        [f"{BUDGET}:5: 成文日期: 用了中文冒号「：」：请改成英文冒号加一个空格，写成 成文日期: 2026-02-10"],
    ),
    "no space after the colon": Mistake(
        BUDGET,
        "信息类别: 财政预算、决算信息",
        "信息类别:财政预算、决算信息",
        [f"{BUDGET}:7: 信息类别: 冒号后缺少空格：请在英文冒号后加一个空格，写成 信息类别: 财政预算、决算信息"],
    ),
    "a full-width space after the colon": Mistake(
        BUDGET,
        "信息类别: 财政预算、决算信息",
        "信息类别:\u3000财政预算、决算信息",
        [f"{BUDGET}:7: 信息类别: 冒号后是全角空格：请改成一个半角空格，写成 信息类别: 财政预算、决算信息"],
    ),
    "Chinese quotes around a value": Mistake(
        BUDGET,
        '索引号: "11239901000013480E/2026-00001"',
        "索引号: “11239901000013480E/2026-00001”",
        [
            f"{BUDGET}:3: 索引号: “11239901000013480E/2026-00001” 用的是中文引号，YAML 不把它当作引号："
            '请用英文引号，写成 "11239901000013480E/2026-00001"'
        ],
    ),
    "Chinese quotes in a relation list": Mistake(
        BUDGET,
        '相关文件: ["11239901000012370G/2026-00001"]',
        "相关文件: [“11239901000012370G/2026-00001”]",
        [
            f"{BUDGET}:9: 相关文件: “11239901000012370G/2026-00001” 用的是中文引号，YAML 不把它当作引号："
            '请用英文引号，写成 "11239901000012370G/2026-00001"'
        ],
    ),
    "Chinese quotes inside a title are text": Mistake(
        BUDGET,
        "标题: 测试县2026年县级一般公共预算",
        "标题: 测试县2026年“三保”支出预算",
        [],
    ),
    "a tab for indentation": Mistake(
        BUDGET,
        '相关文件: ["11239901000012370G/2026-00001"]',
        '相关文件:\n\t- "11239901000012370G/2026-00001"',
        [f"{BUDGET}:10: 行首用了制表符（Tab）：YAML 只能用半角空格缩进，请换成空格"],
    ),
    "several typing mistakes at once": Mistake(
        BUDGET,
        "成文日期: 2026-02-10\n发布日期: 2026-02-20\n信息类别: 财政预算、决算信息",
        "成文日期：2026-02-10\n发布日期: 2026-02-20\n信息类别:财政预算、决算信息",
        [
            f"{BUDGET}:5: 成文日期: 用了中文冒号「：」：请改成英文冒号加一个空格，写成 成文日期: 2026-02-10",
            f"{BUDGET}:7: 信息类别: 冒号后缺少空格：请在英文冒号后加一个空格，写成 信息类别: 财政预算、决算信息",
        ],
    ),
    "a full-width comma between relations": Mistake(
        BUDGET,
        '相关文件: ["11239901000012370G/2026-00001"]',
        '相关文件: ["11239901000012370G/2026-00001"，"11239901000013480E/2026-00002"]',
        [
            f"{BUDGET}:9: 相关文件: 用了中文逗号「，」分隔各项：请改成英文逗号，写成 "
            '相关文件: ["11239901000012370G/2026-00001", "11239901000013480E/2026-00002"]'
        ],
    ),
    "Chinese brackets around a list": Mistake(
        BUDGET,
        '相关文件: ["11239901000012370G/2026-00001"]',
        '相关文件: 【"11239901000012370G/2026-00001"】',
        [
            f'{BUDGET}:9: 相关文件: 用了中文方括号「【】」：列表要用英文方括号，写成 相关文件: ["11239901000012370G/2026-00001"]'
        ],
    ),
    "a full-width colon inside a report row": Mistake(
        REPORT,
        "行政复议: {结果维持: 1, 结果纠正: 0,",
        "行政复议: {结果维持：1, 结果纠正:0,",
        [
            f"{REPORT}:57: 行政复议: 冒号后缺少空格、用了中文冒号「：」：请改成英文冒号加一个空格，写成 "
            "行政复议: {结果维持: 1, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 1}"
        ],
    ),
    "a date written the Chinese way": Mistake(
        BUDGET,
        "成文日期: 2026-02-10",
        "成文日期: 2026年2月10日",
        [f"{BUDGET}:5: 成文日期: 「2026年2月10日」不是 YYYY-MM-DD 格式：请写成 2026-02-10"],
    ),
    "a date with slashes": Mistake(
        BUDGET,
        "成文日期: 2026-02-10",
        "成文日期: 2026/2/10",
        [f"{BUDGET}:5: 成文日期: 「2026/2/10」不是 YYYY-MM-DD 格式：请写成 2026-02-10"],
    ),
    "a date that does not exist": Mistake(
        BUDGET,
        "成文日期: 2026-02-10",
        "成文日期: 2026-02-30",
        [f"{BUDGET}:5: 成文日期: 「2026-02-30」不是有效日期：应写成 YYYY-MM-DD，如 2026-03-02"],
    ),
    "a full-width space inside a key": Mistake(
        BUDGET,
        "成文日期: 2026-02-10",
        "成文\u3000日期: 2026-02-10",
        [f"{BUDGET}:5: 成文\u3000日期: 字段名中有全角空格：请删除它，写成 成文日期: 2026-02-10"],
    ),
    "relations separated by 、 without a list": Mistake(
        BUDGET,
        '相关文件: ["11239901000012370G/2026-00001"]',
        '相关文件: "11239901000012370G/2026-00001"、"11239901000013480E/2026-00002"',
        [
            f"{BUDGET}:9: 几个值之间用了顿号或逗号：多个值要写成列表（英文方括号、英文逗号），写成 "
            '相关文件: ["11239901000012370G/2026-00001", "11239901000013480E/2026-00002"]'
        ],
    ),
    "Chinese dashes closing the front matter": Mistake(
        BUDGET,
        '相关文件: ["11239901000012370G/2026-00001"]\n---',
        '相关文件: ["11239901000012370G/2026-00001"]\n———',
        [f"{BUDGET}:10: 「———」是中文破折号：元数据前后的分隔线要用三个英文减号 ---"],
    ),
    "two attachments written as one name": Mistake(
        PLAN,
        "附件: [{文件: 任务分解表.csv, 名称: 任务分解表}]",
        "附件: 任务分解表.csv，附件2.pdf",
        [
            f"{PLAN}:12: 附件: 「任务分解表.csv，附件2.pdf」像是几个附件写在了一起：多个附件要写成列表，如 附件: [任务分解表.csv, 附件2.pdf]"
        ],
    ),
    "a report's text not indented": Mistake(
        REPORT,
        "一、总体情况: |\n  2025年，县财政局",
        "一、总体情况: |\n2025年：县财政局",
        [f"{REPORT}:10: 这一行是上面「一、总体情况: |」的文字，每行要比「一、总体情况」多缩进两个空格"],
    ),
    "a department's key with a full-width colon": Mistake(
        UNITS,
        "    电子邮箱: czj@example.gov.cn\n  - 名称: 松林镇人民政府",
        "    电子邮箱: czj@example.gov.cn\n    内设机构:\n      - 名称：预算股\n  - 名称: 松林镇人民政府",
        [f"{UNITS}:34: 内设机构: 第 1 项「名称：预算股」的冒号不对：请改成英文冒号加一个空格，写成 名称: 预算股"],
    ),
    "a broken unit registry is said once": Mistake(
        UNITS,
        "    电子邮箱: czj@example.gov.cn\n  - 名称: 松林镇人民政府",
        "    电子邮箱: czj@example.gov.cn\n    内设机构:\n      - 名称：预算股\n        职责: 编制预算\n  - 名称: 松林镇人民政府",
        [
            f"{UNITS}: 警告: 单位名册读不出来，其他文件都还没有检查：请先改正单位名册中的错误",
            f"{UNITS}:34: 用了中文冒号「：」：请改成英文冒号加一个空格，写成 名称: 预算股",
        ],
    ),
    "several relations run together": Mistake(
        BUDGET,
        '相关文件: ["11239901000012370G/2026-00001"]',
        "相关文件: [11239901000012370G/2026-00001，11239901000013480E/2026-00002]",
        [
            f"{BUDGET}:9: 相关文件: 「11239901000012370G/2026-00001，11239901000013480E/2026-00002」像是几个索引号写在了一起："
            '请用英文逗号分隔，写成 ["11239901000012370G/2026-00001", "11239901000013480E/2026-00002"]'
        ],
    ),
    "a term instead of its last day": Mistake(
        BUDGET,
        "主题分类: 财政、金融、审计",
        "主题分类: 财政、金融、审计\n有效期至: 长期",
        [f"{BUDGET}:9: 有效期至: 「长期」不是日期：写规范性文件有效期的最后一天，如 2031-04-12；没有期限的不写这一项"],
    ),
    "a line indented too far": Mistake(
        BUDGET,
        "主题分类: 财政、金融、审计",
        "主题分类: 财政、金融、审计\n  文种: 通知",
        [f"{BUDGET}:9: 这一行比上一行多了缩进：同一层的字段应左端对齐，请删除行首多余的空格"],
    ),
    "a line without a colon": Mistake(
        BUDGET,
        "发布日期: 2026-02-20",
        "发布日期 2026-02-20",
        [f"{BUDGET}:6: 这一行缺少英文冒号：应写成“字段: 值”，冒号后加一个空格"],
    ),
    "a quote left open": Mistake(
        BUDGET,
        '索引号: "11239901000013480E/2026-00001"',
        '索引号: "11239901000013480E/2026-00001',
        [f"{BUDGET}:3: 引号没有配对：这一行开始的引号一直没有结束，请补上结束的英文引号"],
    ),
    "a bracket left open": Mistake(
        BUDGET,
        '相关文件: ["11239901000012370G/2026-00001"]',
        '相关文件: ["11239901000012370G/2026-00001"\n信息来源: 县财政局',
        [f"{BUDGET}:9: [ 和 ] 没有配对，或其中的各项没有用英文逗号分隔：请检查这一行"],
    ),
    "a colon and space inside a value": Mistake(
        BUDGET,
        "标题: 测试县2026年县级一般公共预算",
        "标题: 测试县2026年县级一般公共预算: 说明",
        [f"{BUDGET}:2: 值中有英文冒号加空格「: 」：请给整个值加上英文双引号"],
    ),
    "a full-width colon in a report": Mistake(
        REPORT,
        "发布日期: 2026-01-20",
        "发布日期：2026-01-20",
        [f"{REPORT}:6: 发布日期: 用了中文冒号「：」：请改成英文冒号加一个空格，写成 发布日期: 2026-01-20"],
    ),
    "a colon inside a report's prose is text": Mistake(
        REPORT,
        "2025年，县财政局主动公开",
        "2025年：县财政局主动公开",
        [],
    ),
    "a relation written as its 发文字号": Mistake(
        POLICY,
        '废止: ["11239901000013480E/2025-00001"]',
        "废止: 测财发[2025]01号",
        [
            f"{POLICY}:12: 警告: 废止: 「测财发〔2025〕1号」是发文字号，已关联到用它的文件 {OLD_POLICY}："
            '关联文件请写索引号，改成 "11239901000013480E/2025-00001"'
        ],
    ),
    "a relation written as a 发文字号 nobody has": Mistake(
        POLICY,
        '废止: ["11239901000013480E/2025-00001"]',
        "废止: [测财发〔2025〕9号]",
        [
            f"{POLICY}:12: 废止: 没有发文字号为「测财发〔2025〕9号」的文件；"
            f'相近的有：「测财发〔2025〕1号」的 "11239901000013480E/2025-00001"（{OLD_POLICY}）：关联文件请写索引号'
        ],
    ),
    "a relation written as a 发文字号 two documents have": Mistake(
        POLICY,
        '废止: ["11239901000013480E/2025-00001"]',
        "废止: [测财发〔2025〕1号]",
        [
            f"{POLICY}:12: 废止: 「测财发〔2025〕1号」是发文字号，有 2 份文件用它："
            f'"11239901000013480E/2025-00001"（{OLD_POLICY}）、"11239901000013480E/2025-00009"（content/财政局/更正.md）：'
            "请写要关联的那一份的索引号"
        ],
        files={"content/财政局/更正.md": CORRECTION},
    ),
    "two missing attachments": Mistake(
        PLAN,
        "附件: [{文件: 任务分解表.csv, 名称: 任务分解表}]",
        "附件:\n  - 附件1.pdf\n  - {文件: 附件2.xlsx, 名称: 责任分工表}",
        [
            f"{PLAN}:13: 附件: 「附件1.pdf」不存在：应放在 content/县政府办公室/2026/附件1.pdf，或改正文件名",
            f"{PLAN}:14: 附件: 「附件2.xlsx」不存在：应放在 content/县政府办公室/2026/附件2.xlsx，或改正文件名",
        ],
    ),
    "an attachment named with the wrong extension": Mistake(
        PLAN,
        "附件: [{文件: 任务分解表.csv, 名称: 任务分解表}]",
        "附件: [任务分解表.xlsx]",
        [
            f"{PLAN}:12: 附件: 「任务分解表.xlsx」不存在：应放在 content/县政府办公室/2026/任务分解表.xlsx，"
            "或改正文件名；同一文件夹中有「任务分解表.csv」，是不是它？"
        ],
    ),
    "one wrong cell in an annual report": Mistake(
        REPORT,
        "（七）总计: {自然人: 5,",
        "（七）总计: {自然人: 6,",
        [
            f"{REPORT}:53: 表三 （七）总计 自然人: 填的是 6，但按本行各列之和、（一）至（六）各项之和、"
            "一+二=三（七）总计+四，这一格应为 5：请核对这一格"
        ],
    ),
    "a full-width digit in an annual report": Mistake(
        REPORT,
        "一、本年新收政府信息公开申请数量: {自然人: 5,",
        "一、本年新收政府信息公开申请数量: {自然人: ５,",
        [
            f"{REPORT}:25: 警告: 表三 一、本年新收政府信息公开申请数量 自然人: 「５」用了全角数字，已按「5」读取："
            "请改成半角数字（用英文输入法输入）"
        ],
    ),
    "a full-width date in an annual report": Mistake(
        REPORT,
        "发布日期: 2026-01-20",
        "发布日期: ２０２６-０１-２０",
        [
            f"{REPORT}:6: 发布日期: 「２０２６-０１-２０」用了全角数字：请改成半角数字（用英文输入法输入），写成 2026-01-20"
        ],
    ),
    "a full-width date": Mistake(
        BUDGET,
        "成文日期: 2026-02-10",
        "成文日期: ２０２６-０２-１０",
        [
            f"{BUDGET}:5: 成文日期: 「２０２６-０２-１０」用了全角数字：请改成半角数字（用英文输入法输入），写成 2026-02-10"
        ],
    ),
    "a 发文字号 with full-width digits": Mistake(
        POLICY,
        "发文字号: 测财发（2026）2号",
        "发文字号: 测财发〔２０２６〕２号",
        [
            f"{POLICY}:9: 警告: 发文字号: 「测财发〔２０２６〕２号」用了全角数字，已按「测财发〔2026〕2号」读取："
            "请改成半角数字（用英文输入法输入）"
        ],
    ),
    "an 索引号 with full-width digits": Mistake(
        BUDGET,
        '索引号: "11239901000013480E/2026-00001"',
        '索引号: "11239901000013480E/２０２６-00001"',
        [
            f"{BUDGET}:3: 索引号: 「11239901000013480E/２０２６-00001」用了全角数字：请改成半角数字（用英文输入法输入），"
            '写成 "11239901000013480E/2026-00001"'
        ],
    ),
    "a relation with full-width digits": Mistake(
        POLICY,
        '废止: ["11239901000013480E/2025-00001"]',
        '废止: ["11239901000013480E/２０２５-00001"]',
        [
            f"{POLICY}:12: 废止: 「11239901000013480E/２０２５-00001」用了全角数字：请改成半角数字（用英文输入法输入），"
            '写成 "11239901000013480E/2025-00001"'
        ],
    ),
    "a phone number that lost its leading 0 in a CSV register": Mistake(
        POWERS,
        "0469-5821301",
        "4695821301",
        [
            f"{POWERS}:2:G: 监督电话: 「4695821301」开头少了区号的 0（表格把电话存成数字时会去掉它）："
            "请写成 04695821301；在 Excel 中请先把这一列设为“文本”格式"
        ],
        files={POWERS: POWERS_CSV},
    ),
    "a phone number that lost its leading 0 in a YAML register": Mistake(
        GUIDE,
        '"0469-5821302"',
        '"4695821302"',
        [
            f"{GUIDE}:13: 监督电话: 「4695821302」开头少了区号的 0（表格把电话存成数字时会去掉它）："
            "请写成 04695821302；在 Excel 中请先把这一列设为“文本”格式"
        ],
        files={GUIDE: GUIDE_YAML},
    ),
    "a phone number with full-width digits": Mistake(
        POWERS,
        "0469-5821301",
        "０４６９-５８２１３０１",
        [
            f"{POWERS}:2:G: 警告: 监督电话: 「０４６９-５８２１３０１」用了全角数字，已按「0469-5821301」读取："
            "请改成半角数字（用英文输入法输入）"
        ],
        files={POWERS: POWERS_CSV},
    ),
    "a mobile and a service number keep no 0": Mistake(
        POWERS,
        "0469-5821301",
        "13912345678、4001234567",
        [],
        files={POWERS: POWERS_CSV},
    ),
    "the placeholder body of xxgk new": Mistake(
        BUDGET,
        "| 项目 | 金额（万元） |\n| --- | --- |\n| 一般公共预算收入 | 52,300 |",
        "（在此处写正文。小标题“一、”用 ##，“（一）”用 ###。）",
        [
            f"{BUDGET}:11: 正文还是 xxgk new 写的占位文字「（在此处写正文。小标题“一、”用 ##，“（一）”用 ###。）」："
            "请把这一行换成正文"
        ],
    ),
    "an empty 成文日期": Mistake(
        BUDGET,
        "成文日期: 2026-02-10",
        "成文日期:  # 必填：文件落款日期",
        [f"{BUDGET}:5: 成文日期: 必填字段为空：文件落款日期，格式 YYYY-MM-DD，如 2026-03-02"],
    ),
    "an empty 信息类别": Mistake(
        BUDGET,
        "信息类别: 财政预算、决算信息",
        "信息类别:",
        [f"{BUDGET}:7: 信息类别: 必填字段为空：从信息类别词表中选一项，全部可选值：xxgk fields 信息类别"],
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES.values(), ids=MISTAKES.keys())
def test_each_mistake_is_reported_where_it_is_with_the_fix(content, mistake):
    for name, added in mistake.files.items():
        (content.parent / name).parent.mkdir(parents=True, exist_ok=True)
        (content.parent / name).write_text(added, encoding="utf-8")
    path = content.parent / mistake.path
    text = path.read_text(encoding="utf-8-sig")
    assert mistake.old in text, "the fixture changed: pick another line"
    path.write_text(text.replace(mistake.old, mistake.new, 1), encoding="utf-8")

    problems = load_content(content, as_of=BUILD_DATE).problems

    assert [str(problem) for problem in problems] == mistake.expected


def test_the_fixture_county_has_no_problem_as_of_the_build_date(content):
    assert load_content(content, as_of=BUILD_DATE).problems == []
