"""Reading staff files: encoding, front matter and YAML with line numbers.

A document file is read from disk once (`StaffFile.read`); the document check,
the personal-information gate and the scan for 索引号 share its bytes. Front
matter is split here and nowhere else (`split_front_matter`, strict, for the
document check; `find_front_matter`, lenient, for files that may not pass it):
it is the text between a first line of three or more dashes and the next such
line, each allowed trailing spaces (and the \\r of a Windows line end); the
byte-order mark is gone with the decoding.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePath
from typing import Any

import yaml
from charset_normalizer import from_bytes

from xxgk.model.problems import Problem, shown_path
from xxgk.model.yaml_mistakes import explain_error, find_mistakes

# A line of three or more dashes, as python-frontmatter reads it (\s* may take the line end with it,
# so a body keeps the text exactly as documents have always had it).
_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)
# A top-level key of the front matter: at the start of its line, not a comment or a list item.
_TOP_LEVEL_KEY = re.compile(r"^([^\s#:-][^:#]*?)\s*:")


class SourceError(Exception):
    """A file that cannot be read as written: one problem, or one for each line with a mistake."""

    def __init__(self, problem: Problem | list[Problem]):
        self.problems = problem if isinstance(problem, list) else [problem]
        self.problem = self.problems[0]
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class YamlData:
    """Parsed YAML plus the line of every mapping key, by key path."""

    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, *path: Any) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


MAX_FILE_BYTES = 5 * 2**20  # a document far larger than any official text is a mistake
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class StaffFile:
    """A file staff wrote, read from disk once; every check of it uses these bytes."""

    path: Path
    raw: bytes

    @classmethod
    def read(cls, path: Path) -> StaffFile:
        return cls(path, path.read_bytes())

    @cached_property
    def shown(self) -> PurePath:
        return shown_path(self.path)

    @property
    def text(self) -> str:
        """The text as UTF-8; SourceError, naming the problem, for anything else."""
        return decode_staff_text(self.raw, self.shown)

    @cached_property
    def lenient_text(self) -> str:
        """The text whatever the encoding, undecodable bytes replaced: for scans that must not fail."""
        return self.raw.decode("utf-8-sig", errors="replace")


def read_text(path: Path, shown: PurePath) -> str:
    """Decode a staff file as UTF-8 (with or without BOM), naming any other encoding."""
    return decode_staff_text(path.read_bytes(), shown)


def decode_staff_text(raw: bytes, shown: PurePath) -> str:
    """A staff file's bytes as text: UTF-8 with or without BOM; empty, huge, binary or other encodings refused."""
    if not raw.strip():
        raise SourceError(Problem(shown, None, None, "文件是空的：请写入元数据和正文，或删除此文件"))
    if len(raw) > MAX_FILE_BYTES:
        raise SourceError(
            Problem(
                shown,
                None,
                None,
                f"文件有 {len(raw) / 2**20:.1f} MB，超过 {MAX_FILE_BYTES // 2**20} MB："
                "正文不应这么大，大的材料请作为附件",
            )
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(Problem(shown, 1, None, "文件是 UTF-16 编码：请在编辑器中以 UTF-8 编码另存此文件"))
    if b"\x00" in raw[:8192]:
        raise SourceError(
            Problem(
                shown,
                None,
                None,
                "这是二进制文件（如 Word、PDF 或图片），不是文本：文档请用 xxgk import 导入，其他文件请作为附件列出",
            )
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        guess = from_bytes(raw).best()
        detected = f"检测为 {guess.encoding.upper()}" if guess else "无法识别编码"
        raise SourceError(
            Problem(
                shown,
                line,
                None,
                f"文件不是 UTF-8 编码（{detected}）：请在编辑器中以 UTF-8 编码另存此文件",
            )
        ) from None


def check_text(text: str, shown: PurePath) -> list[Problem]:
    """Invisible control characters (errors) and mixed line endings (a warning), by line."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        found = _CONTROL.search(line)
        if found:
            problems.append(
                Problem(
                    shown,
                    number,
                    None,
                    f"第 {found.start() + 1} 个字符是不可见的控制字符"
                    f"（U+{ord(found.group()):04X}），常由复制粘贴带入：请删除它",
                )
            )
    crlf = text.count("\r\n")
    if crlf and crlf != text.count("\n"):
        problems.append(
            Problem(
                shown, None, None, "行尾混用了 Windows（CRLF）和 Unix（LF）换行：建议在编辑器中统一为 LF", warning=True
            )
        )
    return problems


def guess_text(raw: bytes) -> str | None:
    """Text of a file that may not be UTF-8 (an attachment saved as GBK on Windows), None if nothing reads it.

    UTF-16 and UTF-8 go by their marks and rules; then GB18030 (a superset of GBK, what
    Chinese Windows saves as "ANSI"), before any guess: on a short text a guesser can take
    GBK for a Korean code page.

    >>> guess_text("培训说明".encode("gbk"))
    '培训说明'
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(encoding)
    guess = from_bytes(raw).best()
    return str(guess).removeprefix("\ufeff") if guess else None


def decode_text(raw: bytes) -> str:
    """Text of a file that may not be UTF-8, read as well as it can be (guess_text)."""
    text = guess_text(raw)
    return text if text is not None else raw.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class FrontMatter:
    """A document's text and where its front matter and body are in it."""

    text: str
    start: int  # where the YAML starts: after the opening dashes, or 0 when the file has none
    end: int  # where it ends: at the closing dashes, or the end of the file when it has none
    body_start: int  # after the closing dashes (the end of the file when there are none)
    opened: bool  # the file starts with a line of dashes
    closed: bool  # and a second one ends the front matter

    @property
    def yaml(self) -> str:
        return self.text[self.start : self.end]

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def yaml_line(self) -> int:
        """The file's line the YAML text starts on, for parse_yaml's first_line."""
        return self.text.count("\n", 0, self.start) + 1

    @property
    def body_line(self) -> int:
        return self.text.count("\n", 0, self.body_start) + 1

    @property
    def closing_line(self) -> int:
        """The line of the closing dashes (the line after the last when there are none)."""
        return self.text.count("\n", 0, self.end) + 1 + (not self.closed and not self.text.endswith("\n"))

    def fields(self) -> list[tuple[str, int, int]]:
        """Each top-level key as written, with its first line and the line after its last, in file lines.

        Read from the text, not the YAML, so it works on front matter that does not parse.

        >>> find_front_matter("---\\n标题: 通知\\n附件:\\n  - 表.xlsx\\n---\\n正文").fields()
        [('标题', 2, 3), ('附件', 3, 5)]
        """
        lines = self.yaml.split("\n")
        starts = [
            (match[1], self.yaml_line + index)
            for index, line in enumerate(lines)
            if (match := _TOP_LEVEL_KEY.match(line))
        ]
        ends = [line for _, line in starts[1:]] + [self.closing_line]
        return [(key, start, end) for (key, start), end in zip(starts, ends)]


def find_front_matter(text: str) -> FrontMatter:
    """The front matter as far as it can be told, never failing: for files that may not pass the check.

    Without an opening line of dashes it runs from the top (the line was forgotten); without a
    closing one, to the end of the file.
    """
    opening = _BOUNDARY.match(text)
    start = opening.end() if opening else 0
    closing = _BOUNDARY.search(text, start)
    end, body_start = (closing.start(), closing.end()) if closing else (len(text), len(text))
    return FrontMatter(text, start, end, body_start, opened=opening is not None, closed=closing is not None)


def split_front_matter(text: str, shown: PurePath) -> FrontMatter:
    """The front matter of a document, which must open and close with a line of dashes."""
    front = find_front_matter(text)
    if not (front.opened and front.closed) and (dashes := _CHINESE_DASHES.search(text)):
        line = text.count("\n", 0, dashes.start()) + 1
        message = f"「{dashes[0].strip()}」是中文破折号：元数据前后的分隔线要用三个英文减号 ---"
        raise SourceError(Problem(shown, line, None, message))
    if not front.opened:
        raise SourceError(Problem(shown, 1, None, "缺少元数据：文件必须以 --- 开头，元数据写在两行 --- 之间"))
    if not front.closed:
        raise SourceError(Problem(shown, 1, None, "元数据没有结束：请在元数据后加一行 ---"))
    return front


# A separator line typed with a Chinese input method: ——— (em dashes), －－－ or ———— …
_CHINESE_DASHES = re.compile(r"^[-—－─━]*[—－─━][-—－─━]*[ \t]*$", re.MULTILINE)


# Far deeper than any staff file nests (a report is four levels); bounds the composer's recursion.
MAX_YAML_DEPTH = 20


class _Refused(Exception):
    """A YAML construct staff files never need, refused where it is written."""

    def __init__(self, mark: yaml.Mark, message: str):
        self.mark = mark
        self.message = message


class _Refusing:
    """A composer that refuses anchors, aliases and deep nesting.

    Anchors and aliases have no use in staff files, and nine nested aliases expand to
    billions of nodes (an alias bomb); nesting is capped before the composer recurses
    out of stack.
    """

    _depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, f"不能使用 YAML 别名（*{event.anchor}）：请把内容直接写出来")
        if getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, f"不能使用 YAML 锚点（&{event.anchor}）：请删除它，把内容直接写出来")
        if self._depth >= MAX_YAML_DEPTH:
            raise _Refused(event.start_mark, f"嵌套超过 {MAX_YAML_DEPTH} 层：请检查缩进和方括号、花括号是否成对")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Loader(_Refusing, yaml.SafeLoader):
    """SafeLoader refusing what `_Refusing` refuses, and keeping an impossible date as text.

    PyYAML raises a bare ValueError without a position for a date such as 2024-13-01;
    as text the field check can name the field and line.
    """


try:  # PyYAML's wheels carry libyaml; a build from source may not
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover
    CParser = None

if CParser is not None:

    class _FastLoader(
        _Refusing, yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver
    ):
        """`_Loader` with libyaml's scanner and parser under the same composer, constructors and resolver.

        Reading YAML was a fifth of a build at 10,000 documents, nearly all of it PyYAML's
        pure-Python scanner. Only well-formed text goes this way: any error is read again by
        `_Loader`, so a clerk's message is PyYAML's, explained (`explain_error`), as before.
        """

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode):
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
if CParser is not None:
    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def parse_yaml(text: str, shown: PurePath, first_line: int = 1) -> YamlData:
    """Parse YAML, recording key lines; a clerk's typing mistakes, syntax errors and duplicate keys are problems."""
    mistakes = find_mistakes(text)
    if mistakes:
        raise SourceError([Problem(shown, m.line + first_line, m.key, m.message) for m in mistakes])
    if CParser is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):  # libyaml's reader differs
        try:
            return _parse(_FastLoader(text), shown, first_line, text)
        except Exception:  # noqa: BLE001 - whatever it was, the pure-Python reading below says it as before
            pass
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + first_line
        raise SourceError(
            Problem(shown, line, None, f"含有 YAML 不接受的字符（U+{error.character:04X}）：请删除它")
        ) from None
    return _parse(loader, shown, first_line, text)


def _parse(loader, shown: PurePath, first_line: int, text: str) -> YamlData:
    """The loader's one document with its key lines; refusals and syntax errors become problems."""
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlData(None)
        lines: dict[tuple, int] = {(): node.start_mark.line + first_line}
        _record_lines(loader, node, (), lines, shown, first_line)
        return YamlData(loader.construct_document(node), lines)
    except _Refused as error:
        raise SourceError(Problem(shown, error.mark.line + first_line, None, error.message)) from None
    except yaml.MarkedYAMLError as error:
        line, message = explain_error(error, text)
        raise SourceError(Problem(shown, line + first_line, None, message)) from None
    finally:
        loader.dispose()


def _record_lines(loader, node, path, lines, shown, first_line):
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + first_line
            if key in seen:
                raise SourceError(
                    Problem(
                        shown,
                        line,
                        str(key),
                        f"重复的字段（第 {seen[key]} 行已写过）：请删除其中一个",
                    )
                )
            seen[key] = line
            lines[path + (key,)] = line
            _record_lines(loader, value_node, path + (key,), lines, shown, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + first_line
            _record_lines(loader, item, path + (index,), lines, shown, first_line)
