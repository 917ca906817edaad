"""权责清单 and 政务公开事项标准目录 as clerks keep them: spreadsheets checked cell by cell."""

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xxgk.authoring.cli import main
from xxgk.checks.content import load_content

POWERS_HEADER = [
    "序号",
    "事项编码",
    "事项名称",
    "事项类型",
    "实施依据",
    "实施主体",
    "承办机构",
    "责任事项",
    "追责情形",
    "监督电话",
]
PERMIT = [
    "1",
    "XK-001",
    "政府采购代理机构备案",
    "行政许可",
    "《中华人民共和国政府采购法》第十九条",
    "测试县财政局",
    "政府采购股",
    "1.受理责任：公示所需材料。\n2.审查责任：审查申请材料。",
    "对不符合条件的予以备案的，依法追究责任",
    "0469-5821301",
]
CHECK = [
    "2",
    "JC-001",
    "会计信息质量检查",
    "行政检查",
    "《中华人民共和国会计法》第三十二条",
    "测试县财政局",
    "会计股",
    "1.检查责任：依法开展检查。",
    "检查中滥用职权的，依法追究责任",
    "0469-5821302",
]


def check() -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--date", "2026-11-27"])
    return result.exit_code, [line for line in result.output.splitlines() if "年报" not in line]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list], title: str | None = None, merge: str | None = None) -> Path:
    """A workbook as Excel saves it: optionally a merged title row above the header, and merged cells."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def registers(content: Path):
    loaded = load_content(content)
    assert loaded.errors == [], [str(p) for p in loaded.errors]
    return {(r.kind.name, r.unit.name): r for r in loaded.registers}


# -- good files in each format ----------------------------------------------------------------


def test_a_csv_saved_by_excel_is_read_with_its_multiline_cells(content):
    write_csv(content / "权责清单" / "测试县财政局.csv", [POWERS_HEADER, PERMIT, CHECK])
    register = registers(content)[("权责清单", "测试县财政局")]
    assert [row.number for row in register.rows] == [2, 3]
    first = register.rows[0]
    assert first.get("事项名称") == "政府采购代理机构备案" and first.get("事项类型") == "行政许可"
    assert first.get("责任事项") == "1.受理责任：公示所需材料。\n2.审查责任：审查申请材料。"
    assert "序号" not in first.values


def test_an_xlsx_with_a_title_row_and_merged_cells_is_read_as_it_looks(content):
    rows = [POWERS_HEADER, [1, "XK-001", *PERMIT[2:]], [2, 1002, *CHECK[2:5], None, *CHECK[6:]]]
    write_xlsx(content / "权责清单" / "测试县财政局.xlsx", rows, title="测试县财政局权责清单", merge="F3:F4")
    register = registers(content)[("权责清单", "测试县财政局")]
    assert [row.number for row in register.rows] == [3, 4]
    assert [row.get("实施主体") for row in register.rows] == ["测试县财政局", "测试县财政局"], (
        "a merged cell fills its range"
    )
    assert register.rows[1].get("事项编码") == "1002"


def test_a_yaml_list_is_read_too(content):
    (content / "标准目录").mkdir()
    (content / "标准目录" / "松林镇人民政府.yml").write_text(
        """\
- 领域: 社会救助
  一级事项: 临时救助
  二级事项: 临时救助审批结果
  公开内容（要素）: 救助对象姓名（隐去身份证号码）、救助金额
  公开依据: 《社会救助暂行办法》
  公开时限: 信息形成或者变更之日起20个工作日内
  公开主体: 松林镇人民政府
  公开渠道和载体: [政府网站, 社区/企事业单位/村公示栏（电子屏）]
  公开对象: 全社会
  公开方式: 主动
  公开层级: 乡级
""",
        encoding="utf-8",
    )
    row = registers(content)[("政务公开事项标准目录", "松林镇人民政府")].rows[0]
    assert row.number == 1
    assert row.get("公开渠道和载体") == "政府网站、社区/企事业单位/村公示栏（电子屏）"
    assert row.terms("公开层级") == ["乡级"]


# -- bad rows: every problem, with file:row:column --------------------------------------------


def test_bad_cells_of_a_csv_are_named_by_row_and_column(content):
    bad = PERMIT[:3] + ["行政许诺"] + PERMIT[4:7] + [""] + PERMIT[8:]
    write_csv(content / "权责清单" / "测试县财政局.csv", [POWERS_HEADER, bad, CHECK, CHECK])
    assert check() == (
        1,
        [
            "content/权责清单/测试县财政局.csv:2:D: 事项类型: 「行政许诺」不在事项类型词表中；相近的有：「行政许可」；全部可选值：xxgk fields 事项类型",
            "content/权责清单/测试县财政局.csv:2:H: 责任事项: 必填，不能为空",
            "content/权责清单/测试县财政局.csv:4: 警告: 与第 3 行完全相同：是否重复粘贴？请删除其中一行",
            "Error: 发现 2 个错误",
        ],
    )


def test_bad_cells_of_an_xlsx_are_named_by_row_and_column(content):
    header = POWERS_HEADER[:3] + ["事项类别"] + POWERS_HEADER[4:8] + POWERS_HEADER[9:]
    rows = [
        header,
        [
            1,
            "XK-001",
            "政府采购代理机构备案",
            "行政许可",
            "《政府采购法》",
            "测试县财政局",
            "政府采购股",
            "受理、审查",
            4695821301,
        ],
        [
            2,
            "JC-001",
            "会计信息质量检查",
            "行政检查",
            "《会计法》",
            "测试县财政局",
            "会计股",
            "检查责任，联系人身份证 230522199001011238",
            "0469-5821302",
            "多余的内容",
        ],
    ]
    write_xlsx(content / "权责清单" / "测试县财政局.xlsx", rows)
    assert check() == (
        1,
        [
            "content/权责清单/测试县财政局.xlsx:1:D: 未知的列「事项类别」；是否应为「事项类型」？",
            "content/权责清单/测试县财政局.xlsx:1: 事项类型: 缺少必填列「事项类型」：请在表头加上这一列",
            "content/权责清单/测试县财政局.xlsx:1: 追责情形: 缺少必填列「追责情形」：请在表头加上这一列",
            "content/权责清单/测试县财政局.xlsx:2:I: 监督电话: 单元格是数字 4695821301，区号开头的 0 会丢失："
            "请把这一列设为“文本”格式后重新输入，如 0469-5821001",
            "content/权责清单/测试县财政局.xlsx:3:H: 责任事项: 含居民身份证号码 230522********1238：清单公开前必须删除个人信息",
            "content/权责清单/测试县财政局.xlsx:3:J: 这一列没有列名：请在表头补上列名，或删除这一列的内容",
            "Error: 发现 6 个错误",
        ],
    )


def test_bad_values_of_a_yaml_file_are_named_by_line(content):
    (content / "标准目录").mkdir()
    (content / "标准目录" / "松林镇人民政府.yml").write_text(
        """\
- 领域: 社会救助
  一级事项: 临时救助
  二级事项: 临时救助审批结果
  公开内容: 救助对象、救助金额
  公开依据: 《社会救助暂行办法》
  公开时限: 20
  公开主体: 松林镇人民政府
  公开渠道和载体: 政府网站、村公示栏
  公开对象: 全社会
  公开方式: 主动、主动
  公开层级: 镇级
""",
        encoding="utf-8",
    )
    assert check() == (
        1,
        [
            "content/标准目录/松林镇人民政府.yml:6: 公开时限: 应为文字，但 YAML 把它读成了 20：请给值加上引号",
            "content/标准目录/松林镇人民政府.yml:8: 公开渠道和载体: 「村公示栏」不在公开渠道词表中；相近的有：「社区/企事业单位/村公示栏（电子屏）」；全部可选值：xxgk fields 公开渠道",
            "content/标准目录/松林镇人民政府.yml:10: 公开方式: 「主动、主动」中有重复的值",
            "content/标准目录/松林镇人民政府.yml:11: 公开层级: 「镇级」不在公开层级词表中；可选值：县级、乡级",
            "Error: 发现 4 个错误",
        ],
    )


def test_a_file_must_be_named_after_a_unit_and_be_a_format_we_read(content):
    write_csv(content / "权责清单" / "财政局.csv", [POWERS_HEADER, PERMIT])
    (content / "权责清单" / "测试县人民政府办公室.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (content / "权责清单" / "~$测试县财政局.xlsx").write_bytes(b"Excel's lock file")
    assert check() == (
        1,
        [
            "content/权责清单/测试县人民政府办公室.xls: 不能读取 .xls 文件：请在 Excel 中另存为 .xlsx（Excel 工作簿）",
            "content/权责清单/财政局.csv: 文件名「财政局」不是单位名册中的单位：权责清单文件以发布单位的名称命名，"
            "如 测试县人民政府.csv；是否应为「测试县财政局」？",
            "Error: 发现 2 个错误",
        ],
    )


def test_a_csv_not_saved_as_utf8_says_how_to_save_it(content):
    write_csv(content / "权责清单" / "测试县财政局.csv", [POWERS_HEADER, PERMIT], encoding="gbk")
    code, lines = check()
    assert code == 1 and lines[0].startswith("content/权责清单/测试县财政局.csv:1: 文件不是 UTF-8 编码（检测为 GB")
    assert lines[0].endswith("在 Excel 中可选“另存为”→“CSV UTF-8（逗号分隔）”")


def test_a_sheet_without_a_header_row_is_refused(content):
    write_xlsx(content / "权责清单" / "测试县财政局.xlsx", [PERMIT, CHECK])
    assert check()[1][0] == (
        "content/权责清单/测试县财政局.xlsx: 找不到表头：前 10 行中没有一行是列名；"
        "表头应包含 事项名称、事项类型、实施依据、实施主体、责任事项、追责情形、监督电话"
    )


def test_one_file_per_unit(content):
    write_csv(content / "权责清单" / "测试县财政局.csv", [POWERS_HEADER, PERMIT])
    write_xlsx(content / "权责清单" / "11239901000013480E.xlsx", [POWERS_HEADER, CHECK])
    assert check()[1][0] == (
        "content/权责清单/测试县财政局.csv: 测试县财政局的权责清单已在 "
        "content/权责清单/11239901000013480E.xlsx 中：每个单位只保留一个文件，请删除或合并"
    )


def test_a_wrong_register_stops_the_build(content):
    from xxgk.adapters.mkdocs.build import build_site
    from xxgk.model.problems import ContentError

    write_csv(content / "权责清单" / "测试县财政局.csv", [POWERS_HEADER, PERMIT[:3] + [""] + PERMIT[4:]])
    with pytest.raises(ContentError):
        build_site(content, content.parent / "site", dt.date(2026, 11, 27), Path(__file__).parent.parent / "mkdocs.yml")
    assert not (content.parent / "site").exists()


# -- 机构职能目录: 内设机构 in the unit registry --------------------------------------------------


def test_internal_offices_are_names_or_name_and_duties(content):
    registry = (content / "单位.yml").read_text(encoding="utf-8")
    offices = (
        '    统一社会信用代码: "11239901000013480E"\n    内设机构:\n'
        "      - 名称: 办公室\n        职责: 负责机关日常运转。\n      - 预算股\n      - 名字: 国库股\n"
    )
    (content / "单位.yml").write_text(
        registry.replace('    统一社会信用代码: "11239901000013480E"\n', offices), encoding="utf-8"
    )
    assert check()[1][0] == "content/单位.yml:29: 内设机构: 第 3 项应为机构名称，或 {名称: …, 职责: …}"
    (content / "单位.yml").write_text(
        registry.replace('    统一社会信用代码: "11239901000013480E"\n', offices.replace("名字: 国库股", "国库股")),
        encoding="utf-8",
    )
    finance = next(unit for unit in load_content(content).units if unit.name == "测试县财政局")
    assert [(d.name, d.duties) for d in finance.departments] == [
        ("办公室", "负责机关日常运转。"),
        ("预算股", ""),
        ("国库股", ""),
    ]


def test_the_readme_and_the_staff_guide_list_every_column():
    from xxgk.model.register_kinds import KINDS, column_reference

    root = Path(__file__).parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    guide = "".join(
        (root / "docs" / "staff" / page).read_text(encoding="utf-8") for page in ("registers.md", "guide.md")
    )
    for kind in KINDS:
        assert column_reference(kind) in readme
        assert all(name in guide for name in kind.column_names), kind.name
