"""What a clerk used to fix by hand after an import, now read right: attachment files named 附件1, 附件2
beside the notice, the 附注 （此件公开发布）, numbered sentences that are not headings, a 附件说明 over
several lines, and a 发文机关 that is not the unit the clerk imports for."""

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from xxgk.authoring.cli import main

UNIT = "测试县人民政府办公室"
FOLDER = Path("content") / UNIT / "2026"
TITLE = "测试县人民政府办公室关于做好防汛物资储备工作的通知"
PATH = FOLDER / f"00005-{TITLE}.md"


def run(*args):
    return CliRunner().invoke(main, list(args))


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---\n"))


def body(path):
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def notice(folder: Path, text: str, remark: str = "", signed: str = UNIT) -> Path:
    """A notice as Word's 另存为纯文本 writes it, with `text` between 主送机关 and the signature."""
    paper = folder / "通知.txt"
    paper.write_text(
        f"测试政办发〔2026〕30号\n{TITLE}\n各乡（镇）人民政府：\n{text}\n{signed}\n2026年5月12日\n{remark}\n",
        encoding="utf-8",
    )
    return paper


def imported(paper: Path):
    result = run("import", str(paper), "--unit", UNIT, "--date", "2026-05-13")
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


# -- 附件1.docx, 附件2.xlsx ------------------------------------------------------------------------


def test_files_named_by_their_number_are_attached_under_the_names_the_note_gives(content, tmp_path):
    paper = notice(tmp_path, "请做好储备。\n　　附件：1.防汛物资储备清单\n　　　　　2.防汛责任人名单")
    (tmp_path / "附件1.xlsx").write_bytes(b"xlsx")
    (tmp_path / "附件 2.docx").write_bytes(b"docx")
    lines = imported(paper)
    assert "  附件：00005-附件1.xlsx（防汛物资储备清单）" in lines
    assert "  附件：00005-附件 2.docx（防汛责任人名单）" in lines
    assert not any("没有找到" in line for line in lines)
    assert front_matter(PATH)["附件"] == [
        {"文件": "00005-附件1.xlsx", "名称": "防汛物资储备清单"},
        {"文件": "00005-附件 2.docx", "名称": "防汛责任人名单"},
    ]
    assert (FOLDER / "00005-附件1.xlsx").read_bytes() == b"xlsx"


def test_the_only_attachment_may_be_called_附件(content, tmp_path):
    paper = notice(tmp_path, "请做好储备。\n附件：防汛物资储备清单")
    (tmp_path / "附件.xlsx").write_bytes(b"xlsx")
    assert "  附件：00005-附件.xlsx（防汛物资储备清单）" in imported(paper)


def test_a_file_named_by_number_for_another_attachment_is_not_taken(content, tmp_path):
    paper = notice(tmp_path, "请做好储备。\n附件：1.防汛物资储备清单\n2.防汛责任人名单")
    (tmp_path / "附件1-车辆调度表.xlsx").write_bytes(b"xlsx")
    lines = imported(paper)
    assert not any(line.startswith("  附件：00005-") for line in lines)
    assert sum("没有找到这个文件" in line for line in lines) == 2


# -- the 附注 -----------------------------------------------------------------------------------


def test_the_publication_remark_is_read_and_left_out_of_the_body(content, tmp_path):
    lines = imported(notice(tmp_path, "请做好储备。", remark="（此件公开发布）"))
    assert "    附注：（此件公开发布），即主动公开；已从正文中移除" in lines
    assert body(PATH) == "\n请做好储备。\n"


@pytest.mark.parametrize("remark", ["（此件不公开）", "（此件不予公开）", "(此件依申请公开)"])
def test_a_document_marked_not_for_publication_is_refused(content, tmp_path, remark):
    paper = notice(tmp_path, "请做好储备。", remark=remark)
    result = run("import", str(paper), "--unit", UNIT)
    assert result.exit_code == 1
    written = remark.strip("（）()")
    assert result.stderr.splitlines()[0] == (
        f"Error: {paper}: 原件附注「（{written}）」：这份文件不主动公开，不在本平台发布，未导入"
    )
    assert not FOLDER.exists()


def test_a_document_to_be_published_after_cuts_says_so(content, tmp_path):
    lines = imported(notice(tmp_path, "请做好储备。", remark="（此件删减后公开）"))
    assert "  注意：原件附注「（此件删减后公开）」：请按要求删减后再发布" in lines
    assert "删减" not in body(PATH)


# -- numbered sentences -----------------------------------------------------------------------------


def test_only_numbered_titles_become_headings_and_numbered_sentences_stay_paragraphs(content, tmp_path):
    paper = notice(
        tmp_path,
        "一、总体要求\n"
        "（一）各乡镇要在5月底前完成防汛物资清点和补充工作。\n"
        "（二）加强组织领导，确保责任落实。\n"
        "（三）强化督促检查\n"
        "县政府办公室将适时开展督查。",
    )
    imported(paper)
    assert body(PATH) == (
        "\n## 一、总体要求\n\n"
        "（一）各乡镇要在5月底前完成防汛物资清点和补充工作。\n\n"
        "（二）加强组织领导，确保责任落实。\n\n"
        "### （三）强化督促检查\n\n"
        "县政府办公室将适时开展督查。\n"
    )


# -- a 附件说明 over several lines ---------------------------------------------------------------------


def test_an_attachment_note_whose_names_wrap_is_read_as_one_list(content, tmp_path):
    paper = notice(
        tmp_path,
        "请做好储备。\n"
        "附件：1.测试县人民政府办公室关于印发《测试县2026年防汛\n"
        "　　　　应急预案》的通知\n"
        "　　　2.防汛物资储备清单",
    )
    lines = imported(paper)
    assert [line for line in lines if "附件说明列出" in line] == [
        f"  附件说明列出「{name}」，但在 {tmp_path} 中没有找到这个文件：请把它放在本文件旁边，并在 附件 中列出"
        for name in ("测试县人民政府办公室关于印发《测试县2026年防汛应急预案》的通知", "防汛物资储备清单")
    ]
    assert body(PATH) == (
        "\n请做好储备。\n\n附件：\n\n1. 测试县人民政府办公室关于印发《测试县2026年防汛应急预案》的通知\n2. 防汛物资储备清单\n"
    )


def test_an_attachment_note_on_a_line_of_its_own_lists_the_lines_below(content, tmp_path):
    imported(notice(tmp_path, "请做好储备。\n附件：\n1.防汛物资储备清单\n2.防汛责任人名单"))
    assert body(PATH).endswith("\n附件：\n\n1. 防汛物资储备清单\n2. 防汛责任人名单\n")


# -- whose document it is ----------------------------------------------------------------------------


def test_a_document_signed_by_another_unit_is_imported_with_a_warning(content, tmp_path):
    lines = imported(notice(tmp_path, "请做好储备。", signed="测试县应急管理局"))
    assert (
        f"  注意：公文的发文机关是「测试县应急管理局」，与发布机构「{UNIT}」（--unit）不同："
        "如由本单位转发或代为公开，请确认无误；否则请用 --unit 指定发文机关"
    ) in lines


@pytest.mark.parametrize("signed", [UNIT, f"测试县应急管理局　　{UNIT}"])
def test_no_warning_when_the_unit_signed_the_document_alone_or_jointly(content, tmp_path, signed):
    lines = imported(notice(tmp_path, "请做好储备。", signed=signed))
    assert not any("发文机关是" in line for line in lines)
