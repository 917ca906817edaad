"""Links staff write in bodies: to other documents' files and to attachments."""

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from xxgk.adapters.mkdocs.build import build_site
from xxgk.authoring.cli import main
from xxgk.checks.content import load_content

ROOT = Path(__file__).parent.parent
BUDGET = Path("财政局") / "预算.md"


def add_to_body(content: Path, text: str) -> None:
    path = content / BUDGET
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def test_a_link_to_another_documents_file_points_to_its_permanent_address(content):
    add_to_body(
        content, "依据《管理办法》（[全文](管理办法2026.md#第一条)）和[工作要点](../县政府办公室/2026/工作要点.md)。"
    )
    assert load_content(content).problems == []
    build_site(content, content.parent / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    page = (content.parent / "site/doc/11239901000013480E/2026-00001/index.html").read_text(encoding="utf-8")
    assert 'href="../2026-00002/#第一条"' in page
    assert 'href="../../11239901000012370G/2026-00001/"' in page


def test_a_link_that_points_to_nothing_is_an_error_with_its_line(content):
    add_to_body(content, "见[旧办法](../2019/旧办法.md)。")
    (content / "财政局" / "草稿.txt").write_text("草稿", encoding="utf-8")
    add_to_body(content, "另见[草稿](草稿.txt)与[栏目](/xxgk/zn/)。")
    assert [str(p) for p in load_content(content).problems] == [
        "content/财政局/预算.md:15: 链接「../2019/旧办法.md」指向的文件不存在：请链接到另一份文件的 .md 文件或本文件的附件",
        "content/财政局/预算.md:17: 链接「草稿.txt」指向的文件没有列入本文件的附件：请把它加入 附件",
        "content/财政局/预算.md:17: 链接「/xxgk/zn/」是绝对路径：请写到另一份文件（如 ../2025/办法.md）或附件的相对路径",
    ]


def test_check_lists_external_links_without_visiting_them(content):
    add_to_body(
        content, '详见[财政部网站](https://www.mof.gov.cn/)，来信请寄 <a href="mailto:czj@example.gov.cn">邮箱</a>。'
    )
    result = CliRunner().invoke(main, ["check", "--links", "--date", "2026-01-20"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "content/财政局/预算.md:15: https://www.mof.gov.cn/",
        "content/财政局/预算.md:15: mailto:czj@example.gov.cn",
    ]
