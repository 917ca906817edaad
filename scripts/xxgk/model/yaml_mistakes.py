"""The YAML mistakes clerks make, found on their own line before the parser, and PyYAML's errors in Chinese.

A clerk types with a Chinese input method: a full-width colon (`成文日期：2026-11-28`),
no space after the colon (`信息类别:公共服务`), Chinese quotes where YAML wants its own
(`废止: [“…”]`), a tab or a full-width space for indentation. PyYAML reports the first
of these on the following line, in English, or reads the quotes as part of the value;
`find_mistakes` names each on its own line with the corrected text. Whatever else
PyYAML refuses, `explain_error` says in Chinese, on the line to look at.

The scan is by line and conservative: text inside a block scalar (after `|` or `>`),
comments and list items written as free text are never reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# The opening and closing quotes a Chinese input method types instead of " and '.
_CHINESE_QUOTES = {"“": "”", "‘": "’", "＂": "＂", "＇": "＇"}
# A key as staff write one: no spaces, quotes, brackets or sentence punctuation, not a number or a time.
_KEY = r"[^\s\"'“”‘’\[\]{}#,，。、；;:：|>&*!%@`-][^\s\"'“”‘’\[\]{}#,，。、；;:：]{0,29}"
_FULL_WIDTH_COLON = re.compile(rf"({_KEY})\s*：\s*(.*)")
_NO_SPACE = re.compile(rf"({_KEY}):(?=[^ \t:/\\])(.*)")  # a full-width space is no space to YAML
_KEY_INDICATOR = re.compile(r":(?:[ \t]|$)")
_BLOCK_SCALAR = re.compile(r"(?:^|:[ \t]+|-[ \t]+)[|>][1-9+-]{0,2}[ \t]*(?:#.*)?$")
_COMMENT = re.compile(r"(?:^|[ \t])#.*$")


@dataclass(frozen=True)
class Mistake:
    line: int  # 0-based, in the text given
    key: str | None  # the field the line writes, when it can be told
    message: str


def find_mistakes(text: str) -> list[Mistake]:
    """Every line of `text` with a mistake a clerk makes in YAML, with the fix.

    >>> [m.message for m in find_mistakes("标题: 通知\\n成文日期：2026-11-28\\n")]
    ['用了中文冒号「：」：请改成英文冒号加一个空格，写成 成文日期: 2026-11-28']
    """
    mistakes: list[Mistake] = []
    block_indent: int | None = None  # the indentation of the line that opened a block scalar
    block_key, unindented = None, False  # that block's key; whether its text was found not indented
    key_indent, inline_value = -1, False  # the last key's column, and whether its value followed it
    for number, line in enumerate(text.split("\n")):
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue  # the text of a block scalar is anything, colons and quotes included
            if content[0] not in "#-" and not _KEY_INDICATOR.search(_COMMENT.sub("", content)):
                # Text below `key: |` not indented: YAML ends the block there and reads the text as keys.
                if not unindented:
                    message = f"这一行是上面「{block_key}: |」的文字，每行要比「{block_key}」多缩进两个空格"
                    mistakes.append(Mistake(number, None, message))
                unindented = True
                continue
            block_indent = None
        if not content.strip() or content.startswith("#"):
            continue
        if content[0] in "\t\u3000":
            what = "制表符（Tab）" if content[0] == "\t" else "全角空格"
            mistakes.append(Mistake(number, None, f"行首用了{what}：YAML 只能用半角空格缩进，请换成空格"))
            continue
        rest, item_indent = content, indent
        while rest.startswith("- ") or rest == "-":
            rest = rest[2:].lstrip(" ")
            item_indent = len(line) - len(rest)
        is_item = rest is not content
        written = _COMMENT.sub("", rest).rstrip()
        indicator = _KEY_INDICATOR.search(written)
        key = written[: indicator.start()].strip() if indicator else None
        mistakes += _chinese_quotes(number, written, key) + _flow_mistakes(number, written, key)
        if key and "\u3000" in key:
            fixed = f"{key.replace(chr(0x3000), '')}: {written[indicator.end() :].strip()}".rstrip()
            mistakes.append(Mistake(number, key, f"字段名中有全角空格：请删除它，写成 {fixed}"))
        if indicator:
            key_indent, inline_value = item_indent, bool(written[indicator.end() :].strip())
            if _BLOCK_SCALAR.search(written):
                block_indent, inline_value, block_key, unindented = indent, False, key, False
            continue
        if is_item or (inline_value and item_indent > key_indent):
            continue  # free text: a list item, or the next line of the value above
        if mistake := _colon_mistake(number, written):
            mistakes.append(mistake)
            key_indent, inline_value = item_indent, True
    return mistakes


def _colon_mistake(number: int, written: str) -> Mistake | None:
    if match := _FULL_WIDTH_COLON.fullmatch(written):
        fixed = f"{match[1]}: {match[2]}".rstrip()
        return Mistake(number, match[1], f"用了中文冒号「：」：请改成英文冒号加一个空格，写成 {fixed}")
    if match := _NO_SPACE.fullmatch(written):
        value = match[2]
        fixed = f"{match[1]}: {value.lstrip(chr(0x3000))}"
        if value.startswith("\u3000"):
            return Mistake(number, match[1], f"冒号后是全角空格：请改成一个半角空格，写成 {fixed}")
        return Mistake(number, match[1], f"冒号后缺少空格：请在英文冒号后加一个空格，写成 {fixed}")
    return None


# A value that starts with a Chinese quote, where YAML reads a value: after `key: `, `- `, `[`, `{` or `,`.
_QUOTED = re.compile(r"(?:^|:[ \t]+|-[ \t]+|[\[{,][ \t]*)([“‘＂＇])")


def _chinese_quotes(number: int, written: str, key: str | None) -> list[Mistake]:
    """Chinese quotes around a whole value: YAML keeps them as part of the text."""
    mistakes = []
    for match in _QUOTED.finditer(written):
        opening = match[1]
        closing = written.find(_CHINESE_QUOTES[opening], match.end())
        if closing < 0 or not re.match(r"[ \t]*(?:$|[,\]}])", written[closing + 1 :]):
            continue  # quotes inside the text (“十四五”规划), not around it
        inner = written[match.end() : closing]
        ascii_quote = '"' if opening in "“＂" else "'"
        mistakes.append(
            Mistake(
                number,
                key,
                f"{opening}{inner}{_CHINESE_QUOTES[opening]} 用的是中文引号，YAML 不把它当作引号："
                f"请用英文引号，写成 {ascii_quote}{inner}{ascii_quote}",
            )
        )
    return mistakes


_NEXT_KEY = re.compile(rf"[ \t]*{_KEY}[ \t]*[:：]")
_CHINESE_BRACKETS = re.compile(r"(?:^|:[ \t]+|-[ \t]+)([【［])(.*)([】］])$")


def _flow_mistakes(number: int, written: str, key: str | None) -> list[Mistake]:
    """In [ ] and { } on one line: a key's full-width or unspaced colon, a full-width comma between items,
    or Chinese brackets around a whole list. One message per kind, with the line as it should be."""
    if match := _CHINESE_BRACKETS.search(written):
        fixed = written[: match.start(1)] + "[" + match[2] + "]"
        return [Mistake(number, key, f"用了中文方括号「{match[1]}{match[3]}」：列表要用英文方括号，写成 {fixed}")]
    colons, commas = [], []  # (start, end) of what to replace by ": " and ", "
    stack: list[str] = []
    quote = None
    for position, char in enumerate(written):
        if quote:
            quote = None if char == quote else quote
            continue
        if char in "\"'" and (position == 0 or written[position - 1] in " \t[{,:"):
            quote = char
        elif char in "[{":
            stack.append(char)
        elif char in "]}" and stack:
            stack.pop()
        if not stack:
            continue
        if char in "{," and stack[-1] == "{" and (colon := _flow_item_colon(written, position + 1)) is not None:
            colons.append((colon, colon + 1))
        if char == "，":
            after = written[position + 1 :]
            between_keys = stack[-1] == "{" and _NEXT_KEY.match(after)
            between_quotes = stack[-1] == "[" and (
                written[position - 1 : position] in "\"'" or after.lstrip()[:1] in "\"'"
            )
            if between_keys or between_quotes:
                commas.append((position, position + 1))
    mistakes = []
    if colons:
        kinds = {"用了中文冒号「：」" if written[start] == "：" else "冒号后缺少空格" for start, _ in colons}
        fixed = _replaced(written, colons, ": ")
        mistakes.append(Mistake(number, key, f"{'、'.join(sorted(kinds))}：请改成英文冒号加一个空格，写成 {fixed}"))
    if commas:
        fixed = _replaced(written, commas, ", ")
        mistakes.append(Mistake(number, key, f"用了中文逗号「，」分隔各项：请改成英文逗号，写成 {fixed}"))
    return mistakes


def _flow_item_colon(written: str, start: int) -> int | None:
    """Where the item of a flow mapping starting at `start` has the colon YAML does not see, if it has one.

    Its last full-width colon (a key may hold one: （单位：万元）), or a colon with no space after it;
    none when the item already has YAML's colon and space.
    """
    item = re.split(r"[,}]", written[start:], maxsplit=1)[0]
    if _KEY_INDICATOR.search(item) or not item.strip() or item.strip()[0] in "\"'[{":
        return None
    at = item.rfind("：")
    if at < 0 and (bare := re.search(r":(?=[^ \t/])", item)):
        at = bare.start()
    return start + at if at > 0 and item[:at].strip() else None


def _replaced(text: str, spans: list[tuple[int, int]], by: str) -> str:
    for start, end in reversed(spans):
        text = text[:start] + by + text[end:].lstrip(" \t")
    return text


# -- PyYAML's errors, in Chinese ---------------------------------------------------------------


def explain_error(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The 0-based line to look at and what to do, for an error PyYAML raised on `text`."""
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else 0
    lines = text.split("\n")
    # A quote left open runs on to the next quote, lines below, where PyYAML then stops.
    if (opened := _unclosed_quote(lines, line)) is not None:
        return opened, "引号没有配对：这一行开始的引号一直没有结束，请补上结束的英文引号"
    if "could not find expected ':'" in problem and error.context_mark:
        return error.context_mark.line, "这一行缺少英文冒号：应写成“字段: 值”，冒号后加一个空格"
    if "mapping values are not allowed" in problem:
        return _misplaced_mapping(lines, line)
    if "cannot start any token" in problem:
        character = re.search(r"found character '(.+?)'", problem)
        shown = character[1] if character else "这个字符"
        return line, f"值不能以「{shown}」开头：请给整个值加上英文双引号"
    if context.startswith("while parsing a flow") and error.context_mark:
        pair = "[ 和 ]" if "sequence" in context else "{ 和 }"
        return error.context_mark.line, f"{pair} 没有配对，或其中的各项没有用英文逗号分隔：请检查这一行"
    if "expected <block end>" in problem:
        if "'-'" in problem or "block sequence start" in problem:
            return line, "这一行的缩进与上面不一致：同一列表的各项 - 应上下对齐"
        if "<scalar>" in problem:
            if fixed := _as_list(lines[line] if line < len(lines) else ""):
                return line, f"几个值之间用了顿号或逗号：多个值要写成列表（英文方括号、英文逗号），写成 {fixed}"
            return line, "引号之后还有文字：请把整个值放在一对英文引号内"
        return line, "这一行的缩进或括号不对：同一层的字段应左端对齐，括号应成对"
    if "could not determine a constructor" in problem:
        return line, "值不能以 ! 开头：请给整个值加上英文双引号"
    return line, "YAML 格式错误：请检查这一行的缩进、英文冒号后的空格和英文引号是否成对"


def _misplaced_mapping(lines: list[str], line: int) -> tuple[int, str]:
    """`key: value` where YAML takes none: a line indented too far, a colon in a value, or a colon missing above."""
    current = lines[line] if line < len(lines) else ""
    previous = next(
        (n for n in range(line - 1, -1, -1) if lines[n].strip() and not lines[n].lstrip().startswith("#")), None
    )
    indent = len(current) - len(current.lstrip(" "))
    if previous is not None:
        above = lines[previous]
        above_indent = len(above) - len(above.lstrip(" "))
        item = _COMMENT.sub("", above.strip().removeprefix("- ").strip()).rstrip()
        if not _KEY_INDICATOR.search(item) and (mistake := _colon_mistake(previous, item)):
            return previous, mistake.message  # a list item's key written with the wrong colon, the key below it
        if not _KEY_INDICATOR.search(_COMMENT.sub("", above)) and above_indent == indent:
            return previous, "这一行缺少英文冒号：应写成“字段: 值”，冒号后加一个空格"
        if indent > above_indent:
            return line, "这一行比上一行多了缩进：同一层的字段应左端对齐，请删除行首多余的空格"
    return line, "值中有英文冒号加空格「: 」：请给整个值加上英文双引号"


_OPENING_QUOTE = re.compile(r"""(?:^|:[ \t]+|-[ \t]+|[\[{,][ \t]*)(["'])""")


def _unclosed_quote(lines: list[str], last: int) -> int | None:
    """The first line up to `last` where a value opens a quote that the line does not close."""
    for number, line in enumerate(lines[: last + 1]):
        stripped = line.lstrip()
        if stripped.startswith("#"):
            continue
        for match in _OPENING_QUOTE.finditer(line):
            quote, rest = match[1], line[match.end() :]
            closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'", rest.replace("''", ""))
            if not closed:
                return number
    return None


_QUOTED_ITEMS = re.compile(r"""^(\s*[^:#]+:\s+)(["'][^"']*["'](?:\s*[、，,;；]\s*["'][^"']*["'])+)\s*$""")


def _as_list(line: str) -> str | None:
    """`key: "a"、"b"` as the list it was meant to be, or None."""
    match = _QUOTED_ITEMS.match(_COMMENT.sub("", line))
    if not match:
        return None
    items = re.split(r"""(?<=["'])\s*[、，,;；]\s*(?=["'])""", match[2])
    return f"{match[1].strip()} [{', '.join(items)}]"
