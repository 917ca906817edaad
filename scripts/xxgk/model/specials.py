"""专题: topics the county gathers documents under, declared in 站点.yml.

The county plan organises its work by theme — "六稳""六保", 优化营商环境, 突发事件应对
和公共卫生 — and portals give each a 专题 page. A 专题 names what it gathers, any
of three ways, and a document belongs when one of them matches:

```yaml
专题:
  - 名称: 优化营商环境
    代码: yshj              # its address: ztzl/yshj/; never change it once published
    说明: 贯彻落实……         # one paragraph on its page
    主题词: [营商环境, 政府投资]
    信息类别: [办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果]
    索引号: ["112399010000127404/2026-00001"]
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from xxgk.model.identifiers import parse_index_number
from xxgk.model.keys import Keys
from xxgk.model.problems import Problem
from xxgk.model.vocabulary import Vocabulary

SPECIAL_KEYS = Keys(
    "项",
    {
        "名称": "name",
        "代码": "code",
        "说明": "description",
        "主题词": "keywords",
        "信息类别": "categories",
        "索引号": "index_numbers",
    },
)
CRITERIA = ("主题词", "信息类别", "索引号")
_CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,29}")


@dataclass(frozen=True)
class Special:
    name: str
    code: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    index_numbers: tuple[str, ...] = ()
    line: int | None = None  # of its entry in 站点.yml, for the checks across documents

    def gathers(self, document: Any) -> bool:
        """Whether a document (documents.Document: config.py cannot import it) belongs to this 专题."""
        return (
            str(document.index_number) in self.index_numbers
            or document.category in self.categories
            or any(word in self.keywords for word in document.keywords)
        )


def read_specials(value, categories: Vocabulary, line, problem) -> tuple[Special, ...]:
    """The 专题 of 站点.yml; an entry with a problem is reported at its line and left out."""
    if not isinstance(value, list):
        problem("专题", "应写成列表，每项一个专题：- 名称: …、代码: …，以及 主题词、信息类别、索引号 中的至少一项")
        return ()
    specials, names, codes = [], set(), set()
    for index, entry in enumerate(value):
        found = _special(entry, index, categories, line, problem)
        if found is None:
            continue
        for seen, text, key in ((names, found.name, "名称"), (codes, found.code, "代码")):
            if text in seen:
                problem("专题", f"第 {index + 1} 个专题的{key}「{text}」与前面的专题重复", index, key)
                found = None
                break
            seen.add(text)
        if found:
            specials.append(found)
    return tuple(specials)


def _special(entry, index: int, categories: Vocabulary, line, problem) -> Special | None:
    number = f"第 {index + 1} 个专题"
    if not isinstance(entry, dict):
        problem("专题", f"{number}应写成 名称: …、代码: … 等几行", index)
        return None
    errors = []

    def wrong(message: str, *path) -> None:
        errors.append(message)
        problem("专题", f"{number}：{message}", index, *path)

    for key in entry:
        if key not in SPECIAL_KEYS:
            wrong(SPECIAL_KEYS.unknown_message(key, named=True), key)
    values = {}
    for key in ("名称", "代码", "说明"):
        text = entry.get(key)
        if text is None or text == "":
            if key != "说明":
                wrong(
                    f"缺少{key}"
                    + ("：写几个小写英文字母或拼音首字母，如 yshj，它决定专题的网址" if key == "代码" else "")
                )
            continue
        if not isinstance(text, str):
            wrong(f"{key}应为文字，现为 {text!r}：请给值加上引号", key)
            continue
        values[SPECIAL_KEYS.attr(key)] = text.strip()
    if "code" in values and not _CODE.fullmatch(values["code"]):
        wrong(f"代码「{values['code']}」只能用小写英文字母、数字和 -，不超过 30 个，如 yshj", "代码")
    for key in CRITERIA:
        items = entry.get(key)
        if items is None:
            continue
        if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
            wrong(f"{key}应写成列表，如 [营商环境, 政府投资]" if key != "索引号" else "索引号应写成带引号的列表", key)
            continue
        items = [item.strip() for item in items]
        if key == "信息类别":
            for item in items:
                if item not in categories:
                    # staff type a word of a long category: name the one category containing it
                    containing = [name for name in categories.names() if item in name]
                    hint = f"是否应为「{containing[0]}」？" if len(containing) == 1 else categories.suggest(item)
                    wrong(f"「{item}」不在信息类别词表中；{hint}", key)
        if key == "索引号":
            for item in items:
                if parse_index_number(item) is None:
                    wrong(f"「{item}」不是索引号：应为带引号的 统一社会信用代码/年份-五位流水号", key)
            items = [str(parse_index_number(item)) for item in items if parse_index_number(item)]
        values[SPECIAL_KEYS.attr(key)] = tuple(items)
    if not any(entry.get(key) for key in CRITERIA):
        wrong("没有写收录哪些文件：请写 主题词、信息类别、索引号 中的至少一项")
    if errors:
        return None
    return Special(line=line(index), **values)


def check_special_documents(specials: tuple[Special, ...], documents: list, shown) -> list[Problem]:
    """An 索引号 a 专题 lists that no document has is an error at the 专题's line."""
    known = {str(document.index_number) for document in documents}
    return [
        Problem(
            shown, special.line, "专题", f"专题「{special.name}」列出的索引号 {number} 不是任何文件的索引号：请核对"
        )
        for special in specials
        for number in special.index_numbers
        if number not in known
    ]
