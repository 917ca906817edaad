"""Hostile and careless input, second round (issue 15, items 2–4): every input is bounded work,
every URL staff write is checked in one place, and no CSV or XLSX the site writes runs a formula.

Each case changes the small test county, then `xxgk check` and `xxgk build` must both refuse it with
the expected message, exit code 1, no traceback, nothing built, and in bounded time. The bad
documents (alias bomb, deep nesting, unclosed brackets, link schemes) are in tests/cases/invalid/.
"""

import csv
import io
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from counties import make_repository
from test_registers import PERMIT, POWERS_HEADER, write_csv, write_xlsx
from test_service_guides import HEADER as GUIDE_HEADER
from test_service_guides import RELIEF
from xxgk.authoring.cli import main
from xxgk.model.sources import MAX_YAML_DEPTH, SourceError, parse_yaml
from xxgk.model.spreadsheets import csv_bytes
from xxgk.model.web_addresses import address_problem, segment_problem

DATE = "2026-11-27"
ONLY_HTTP = "应为 http:// 或 https:// 开头的完整网址"
OR_RELATIVE = ONLY_HTTP + "，或本站内的相对地址（如 sitemap/）"


def edit(name: str, old: str, new: str):
    def change(content: Path):
        path = content / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def append(name: str, text: str):
    def change(content: Path):
        path = content / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return change


def guide_cell(column: str, value: str):
    def change(content: Path):
        row = list(RELIEF)
        row[GUIDE_HEADER.index(column)] = value
        write_csv(content / "办事指南" / "松林镇人民政府.csv", [GUIDE_HEADER, row])

    return change


def formula_register(content: Path):
    row = list(PERMIT)
    row[PERMIT.index("政府采购股")] = '=CONCATENATE("政府","采购股")'
    write_xlsx(content / "权责清单" / "测试县财政局.xlsx", [POWERS_HEADER, row])


SITE = "站点.yml"
NEW_UNIT = '  - 名称: {}\n    统一社会信用代码: "11239901000013480E"\n    类型: 县政府部门\n'
CASES = {
    # -- numbers --
    "attachment limit .inf": (
        append(SITE, "附件大小上限: .inf\n"),
        "content/站点.yml:19: 附件大小上限: 应为大于 0、不超过 1024 的数字，单位 MB（现为 inf）",
    ),
    "attachment limit .nan": (
        append(SITE, "附件大小上限: .nan\n"),
        "content/站点.yml:19: 附件大小上限: 应为大于 0、不超过 1024 的数字，单位 MB（现为 nan）",
    ),
    "attachment limit 1e400": (
        append(SITE, "附件大小上限: 1.0e+400\n"),
        "content/站点.yml:19: 附件大小上限: 应为大于 0、不超过 1024 的数字，单位 MB（现为 inf）",
    ),
    "attachment limit huge": (
        append(SITE, "附件大小上限: 99999999999999999999\n"),
        "content/站点.yml:19: 附件大小上限: 应为大于 0、不超过 1024 的数字，单位 MB（现为 99999999999999999999）",
    ),
    # -- YAML in every staff file --
    "anchor in 站点.yml": (
        edit(SITE, "县名: 测试县", "县名: &name 测试县"),
        "content/站点.yml:2: 不能使用 YAML 锚点（&name）：请删除它，把内容直接写出来",
    ),
    "alias bomb in 单位.yml": (
        append("单位.yml", "炸弹: &a [x, x, x, x, x, x, x, x, x]\n炸弹2: [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"),
        "content/单位.yml:38: 不能使用 YAML 锚点（&a）：请删除它，把内容直接写出来",
    ),
    "nesting in 站点.yml": (
        append(SITE, "指南说明: " + "[" * 500 + "]" * 500 + "\n"),
        f"content/站点.yml:19: 嵌套超过 {MAX_YAML_DEPTH} 层：请检查缩进和方括号、花括号是否成对",
    ),
    # -- URLs --
    "网址 javascript:": (
        edit(SITE, "网址: https://xxgk.example.gov.cn/", '网址: "javascript:alert(1)//"'),
        f"content/站点.yml:3: 网址: 「javascript:alert(1)//」使用了不允许的「javascript:」：{ONLY_HTTP}",
    ),
    "网址 relative": (
        edit(SITE, "网址: https://xxgk.example.gov.cn/", "网址: xxgk.example.gov.cn"),
        f"content/站点.yml:3: 网址: 「xxgk.example.gov.cn」{ONLY_HTTP}",
    ),
    "页脚链接 backslashes": (
        append(SITE, '页脚链接:\n  - {名称: 门户, 链接: "\\\\\\\\evil.example/phish"}\n'),
        "content/站点.yml:20: 页脚链接: 链接「\\\\evil.example/phish」含有反斜杠 \\"
        f"（浏览器会把它当作 /，可能指向别的网站）：{OR_RELATIVE}",
    ),
    "页脚链接 protocol-relative": (
        append(SITE, "页脚链接:\n  - {名称: 门户, 链接: //evil.example/phish}\n"),
        f"content/站点.yml:20: 页脚链接: 链接「//evil.example/phish」以 // 开头，会指向别的网站：{OR_RELATIVE}",
    ),
    "页脚链接 tab in scheme": (
        append(SITE, '页脚链接:\n  - {名称: 门户, 链接: "java\\tscript:alert(1)"}\n'),
        f"content/站点.yml:20: 页脚链接: 链接「java\tscript:alert(1)」含有空白或不可见字符（U+0009）：{OR_RELATIVE}",
    ),
    "页脚链接 out of the site": (
        append(SITE, "页脚链接:\n  - {名称: 门户, 链接: ../../etc/passwd}\n"),
        "content/站点.yml:20: 页脚链接: 链接「../../etc/passwd」含有 ..，会指向本站以外："
        "请写本站内的相对地址（如 sitemap/），或完整的 https:// 网址",
    ),
    "标识 链接 data:": (
        append(SITE, '党政机关网站标识: {图片: assets/xxgk.png, 链接: "data:text/html,<script>alert(1)</script>"}\n'),
        "content/站点.yml:19: 党政机关网站标识: 链接「data:text/html,<script>alert(1)</script>」"
        f"使用了不允许的「data:」：{ONLY_HTTP}",
    ),
    "网上办理 javascript:": (
        guide_cell("网上办理", "JaVaScRiPt:alert(1)"),
        f"content/办事指南/松林镇人民政府.csv:2:N: 网上办理: 「JaVaScRiPt:alert(1)」使用了不允许的「JaVaScRiPt:」：{ONLY_HTTP}",
    ),
    # -- path segments --
    "unit name climbing out": (
        append("单位.yml", NEW_UNIT.format("../../../../tmp/x")),
        "content/单位.yml:38: 名称: 「../../../../tmp/x」不能含有 / 或 \\：它会用作文件夹名",
    ),
    "unit name with a control character": (
        append("单位.yml", NEW_UNIT.format('"测试\\x1b局"')),
        "content/单位.yml:38: 名称: 「测试\x1b局」含有不可见字符（U+001B）：它会用作文件夹名，请删除该字符",
    ),
    # -- formulas --
    "register XLSX with a formula cell": (
        formula_register,
        "content/权责清单/测试县财政局.xlsx:2:G: 承办机构: "
        '此单元格是公式（=CONCATENATE("政府","采购股")）：请改为数值或文字（在 Excel 中复制后“选择性粘贴”→“值”）',
    ),
}


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    """The small test county in a repository with the project's mkdocs.yml, as the clerk's would be."""
    monkeypatch.chdir(tmp_path)
    return make_repository(tmp_path) / "content"


def run(command: str):
    return CliRunner().invoke(main, [command, "--date", DATE])


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_bad_input_gets_one_message_and_nothing_is_built(content, case):
    change, expected = case
    change(content)
    started = time.monotonic()
    checked, built = run("check"), run("build")
    assert time.monotonic() - started < 30, "bounded work (a generous guard; each takes about a second)"
    for result in (checked, built):
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        assert expected in result.output.splitlines(), result.output
    assert not (content.parent / "site").exists()


def test_a_unit_that_is_refused_gets_no_report_file(content):
    append("单位.yml", NEW_UNIT.format("../../../../tmp/xxgk-bounded"))(content)
    result = CliRunner().invoke(main, ["report", "new", "--unit", "../../../../tmp/xxgk-bounded", "--year", "2025"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert not Path("/tmp/xxgk-bounded").exists() and not list(content.parent.parent.rglob("xxgk-bounded"))


def test_a_site_folder_where_nothing_can_be_written_is_refused_with_a_message(content):
    result = CliRunner().invoke(main, ["build", "--site", "/proc/xxgk-site", "--date", DATE])
    assert result.exit_code == 2, result.output
    assert "--site /proc/xxgk-site: 无法在 /proc 中写入" in result.output, result.output


# -- the work is bounded by the structure, not by luck ----------------------------------------


def test_the_yaml_reader_stops_at_the_first_anchor_and_at_the_depth_cap():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join(['*a' if i == 1 else f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)
    )
    with pytest.raises(SourceError) as raised:
        parse_yaml(bomb, Path("x.yml"))
    assert raised.value.problem.line == 1
    deep = "k:\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 600))
    with pytest.raises(SourceError) as raised:
        parse_yaml(deep, Path("x.yml"))
    assert raised.value.problem.line == MAX_YAML_DEPTH
    assert parse_yaml("a: [[[[1]]]]\n", Path("x.yml")).data == {"a": [[[[1]]]]}


ADDRESSES = [
    ("https://www.example.gov.cn/a?b=1#c", True, ""),
    ("HTTPS://WWW.EXAMPLE.GOV.CN/", True, ""),
    ("sitemap/", True, ""),
    ("../2025/办法.md", True, ""),
    ("javascript:alert(1)", True, "「javascript:」"),
    ("JaVaScRiPt:alert(1)", True, "「JaVaScRiPt:」"),
    (" javascript:alert(1)", True, "U+0020"),
    ("java\tscript:alert(1)", True, "U+0009"),
    ("java\nscript:alert(1)", True, "U+000A"),
    ("java\u200bscript:alert(1)", True, "U+200B"),
    ("vbscript:msgbox(1)", True, "「vbscript:」"),
    ("data:text/html,x", True, "「data:」"),
    ("file:///etc/passwd", True, "「file:」"),
    ("//evil.example/", True, "以 // 开头"),
    ("\\\\evil.example\\x", True, "反斜杠"),
    ("/\\evil.example", True, "反斜杠"),
    ("https:evil.example", True, "不是完整的网址"),
    ("https://", True, "不是完整的网址"),
    ("https://www.example.gov.cn@evil.example/", True, "不是完整的网址"),
    ("sitemap/", False, ONLY_HTTP),
    ("mailto:xxgk@example.gov.cn", True, "「mailto:」"),
]


@pytest.mark.parametrize(("value", "relative", "expected"), ADDRESSES, ids=[repr(a[0]) for a in ADDRESSES])
def test_one_function_checks_every_address(value, relative, expected):
    reason = address_problem(value, relative=relative)
    assert (expected in reason) if expected else reason == ""


@pytest.mark.parametrize(
    ("name", "refused"),
    [("松岭县财政局", False), ("../x", True), ("a/b", True), ("a\\b", True), ("..", True), (".隐藏", True),
     ("局\x00", True), ("局\u202e", True), ("局:", True), ("县 局", False)],
)  # fmt: skip
def test_unit_names_are_single_path_segments(name, refused):
    assert bool(segment_problem(name)) == refused


# -- formula injection ------------------------------------------------------------------------

HOSTILE_CELLS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1"]


def test_csv_downloads_neutralise_formulas_and_leave_numbers_and_dashes():
    rows = [[cell] for cell in HOSTILE_CELLS] + [["-3"], ["+86"], ["0.5"], ["—"], ["-"], ["0469-5821301"], ["正文"]]
    read = list(csv.reader(io.StringIO(csv_bytes(["列"], rows).decode("utf-8-sig"), newline="")))
    assert [row[0] for row in read[1:]] == ["'" + cell for cell in HOSTILE_CELLS] + [
        "-3", "+86", "0.5", "—", "-", "0469-5821301", "正文",
    ]  # fmt: skip


def test_the_built_site_neutralises_every_csv_and_writes_xlsx_text_as_text(content):
    (content / "财政局" / "预算.md").write_text(
        (content / "财政局" / "预算.md")
        .read_text(encoding="utf-8")
        .replace("标题: 测试县2026年县级一般公共预算", "标题: \"=HYPERLINK('http://evil.example')预算\""),
        encoding="utf-8",
    )
    row = list(PERMIT)
    for column, value in zip(("事项名称", "实施依据", "承办机构", "责任事项", "追责情形"), HOSTILE_CELLS):
        row[POWERS_HEADER.index(column)] = value
    write_csv(content / "权责清单" / "测试县财政局.csv", [POWERS_HEADER, row])
    result = run("build")
    assert result.exit_code == 0, result.output
    site = content.parent / "site"

    documents = (site / "data" / "documents.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK('http://evil.example')预算" in documents
    # Every CSV the site writes (attachments under doc/ are the staff's own files, published as they are).
    written = [p for p in site.rglob("*.csv") if p.relative_to(site).parts[0] != "doc"]
    registers = [p for p in written if p.parent.parent.name == "qzqd" or p.parent.name == "qzqd"]
    assert len(registers) == 2, written
    for register_csv in registers:
        text = register_csv.read_text(encoding="utf-8-sig")
        for cell in ("'=cmd|' /C calc'!A0", "'+1+1", "'-2+3", "'@SUM(1,2)"):
            assert cell in text, (register_csv, cell)
    for path in written:
        for line in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")):
            assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in line), (path, line)
    # The page shows what the clerk wrote.
    pages = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "=cmd|&#39; /C calc&#39;!A0" in pages or "=cmd|' /C calc'!A0" in pages
    assert "&#39;=cmd" not in pages and "'=cmd" not in pages

    xlsx_files = list(site.rglob("*.xlsx"))
    assert xlsx_files
    for xlsx in xlsx_files:
        assert formula_cells(xlsx) == [], xlsx


def formula_cells(path: Path) -> list[str]:
    """The formula elements of every sheet (a string XlsxWriter turned into a formula)."""
    with zipfile.ZipFile(path) as archive:
        return [
            f"{name}: {element.text}"
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
            for element in ElementTree.fromstring(archive.read(name)).iter()
            if element.tag.endswith("}f")
        ]
