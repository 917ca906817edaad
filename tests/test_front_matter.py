"""One front-matter reader: the document check, the personal-information gate, the 索引号 scan and
the importer agree on where front matter ends, and each document file is read from disk once."""

import builtins
from collections import Counter
from pathlib import Path, PurePath

import pytest

from counties import BUILD_DATE
from xxgk.authoring.scaffold import next_index_number, replace_fields
from xxgk.checks.content import document_files, load_content
from xxgk.model.documents import written_index_numbers
from xxgk.model.problems import errors
from xxgk.model.sources import SourceError, StaffFile, find_front_matter, split_front_matter
from xxgk.model.units import find_unit

SHOWN = PurePath("content/a.md")
FRONT = """---
标题: 测试县2026年预算公开说明
索引号: "11239901000013480E/2026-00009"
发布机构: 测试县财政局
成文日期: 2026-02-10
发布日期: 2026-02-20
信息类别: 财政预算、决算信息
主题分类: 财政、金融、审计
"""


def test_each_document_file_is_read_from_disk_once_per_load(content, monkeypatch):
    reads, inside = Counter(), []
    read_bytes, read_text, path_open, open_ = Path.read_bytes, Path.read_text, Path.open, builtins.open

    def counted(original):
        def read(path, *args, **kwargs):
            if str(path).endswith(".md") and not inside:  # read_bytes opens the file: one read
                reads[Path(path).resolve()] += 1
            inside.append(path)
            try:
                return original(path, *args, **kwargs)
            finally:
                inside.pop()

        return read

    monkeypatch.setattr(Path, "read_bytes", counted(read_bytes))
    monkeypatch.setattr(Path, "read_text", counted(read_text))
    monkeypatch.setattr(Path, "open", counted(path_open))
    monkeypatch.setattr(builtins, "open", counted(open_))
    loaded = load_content(content, as_of=BUILD_DATE)

    assert loaded.documents and not loaded.errors
    assert reads == {path.resolve(): 1 for path in document_files(content)}


@pytest.mark.parametrize(
    "text, body_line",
    [
        ("---\n标题: 通知\n---\n正文", 3),
        ("\ufeff---\n标题: 通知\n---\n正文".encode().decode("utf-8-sig"), 3),  # the BOM goes with decoding
        ("---\r\n标题: 通知\r\n---\r\n正文", 3),
        ("---\n标题: 通知\n----  \n正文", 3),  # three or more dashes, trailing spaces allowed
        ("---\n\n标题: 通知\n---\n\n正文", 5),
    ],
)
def test_front_matter_is_the_text_between_two_lines_of_dashes(text, body_line):
    front = split_front_matter(text, SHOWN)
    assert front.yaml.strip() == "标题: 通知"
    assert front.body.strip() == "正文" and front.body_line == body_line
    assert [key for key, _, _ in front.fields()] == ["标题"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("标题: 通知\n---\n正文", "缺少元数据"),
        ("---\n标题: 通知\n正文", "元数据没有结束"),
    ],
)
def test_a_document_without_both_lines_of_dashes_is_refused(text, message):
    with pytest.raises(SourceError, match=message):
        split_front_matter(text, SHOWN)
    assert find_front_matter(text).fields()[0][0] == "标题"  # the lenient reader still finds the fields


def test_a_blank_line_after_the_opening_dashes_keeps_line_numbers_right(content):
    (content / "财政局" / "说明.md").write_text(
        FRONT.replace("---\n", "---\n\n", 1).replace("主题分类: 财政、金融、审计", "主题分类: 财政") + "---\n正文\n",
        encoding="utf-8",
    )
    [problem] = [p for p in load_content(content).problems if p.path.name == "说明.md"]
    assert (problem.line, problem.field) == (9, "主题分类")  # it said 8: the blank line was lost


def test_the_gate_ends_the_front_matter_where_the_check_does(content):
    # The gate took only `---` as the closing line, so a body list after `----` counted as
    # part of 个人信息豁免 and its numbers were never reported.
    text = (
        FRONT
        + '个人信息豁免:\n  - {号码: "6228480012345678903", 理由: 本局对公账号}\n----\n- 张三 230522199001011238\n'
    )
    (content / "财政局" / "说明.md").write_text(text, encoding="utf-8")
    found = [p for p in errors(load_content(content).problems) if p.path.name == "说明.md"]
    assert [(p.line, p.field) for p in found] == [(12, "个人信息")]


def test_index_numbers_are_read_from_files_that_do_not_pass_their_checks(content):
    (content / "财政局" / "草稿.md").write_text(
        FRONT.replace("2026-00009", "2026-00041") + "标题: [\n", encoding="utf-8"
    )
    assert written_index_numbers(StaffFile.read(content / "财政局" / "草稿.md")) == ["11239901000013480E/2026-00041"]
    unit = find_unit(load_content(content).units, "测试县财政局")
    assert next_index_number(content, unit, 2026).serial == 42


def test_fields_are_replaced_in_place_up_to_the_closing_line():
    text = FRONT + "附件:\n  - 表.xlsx\n----\n正文\n"
    replaced = replace_fields(text, {"标题": "更正后的标题", "附件": [], "文种": "通知"})
    lines = replaced.splitlines()
    assert lines[1].startswith("标题: 更正后的标题  # 必填")
    assert lines[-3].startswith("附件:  # 选填") and lines[-2].startswith("文种: 通知  # 选填")
    assert lines[-1] == "----" and "正文" not in replaced
