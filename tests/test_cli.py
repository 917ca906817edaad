"""What a clerk sees at the command line."""

from pathlib import Path

from click.testing import CliRunner

from xxgk.authoring.cli import main
from xxgk.model.schema import FIELDS, field_reference

ROOT = Path(__file__).parent.parent
# No annual report is overdue yet on this date, so `check` shows only the documents' problems.
BEFORE_REPORT_DEADLINES = "2026-01-20"


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_check_passes_on_good_content(content):
    result = run("check", "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    # Two units have not published their 2025 annual report: warnings, not errors.
    assert result.output.splitlines() == [
        "content/年报/松林镇人民政府/2025.yml: 警告: 年报: 松林镇人民政府 2025 年政府信息公开工作年度报告应于 2026-01-31 前公布，"
        "至 2026-11-27 仍未公布：用 xxgk report new --unit 松林镇人民政府 --year 2025 创建",
        "content/年报/测试县人民政府办公室/2025.yml: 警告: 年报: 测试县人民政府办公室 2025 年政府信息公开工作年度报告应于 2026-01-31 前公布，"
        "至 2026-11-27 仍未公布：用 xxgk report new --unit 测试县人民政府办公室 --year 2025 创建",
        "检查通过：4 个单位，11 份文件，其中 1 份发布日期在 2026-11-27 之后，到期发布",
    ]


def test_check_lists_every_error_and_fails(content):
    path = content / "财政局" / "预算.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("成文日期: 2026-02-10", "成文日期: 2026-02-30").replace(
            "主题分类: 财政、金融、审计", "主题分类: 财政"
        ),
        encoding="utf-8",
    )
    result = run("check", "--date", BEFORE_REPORT_DEADLINES)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "content/财政局/预算.md:5: 成文日期: 「2026-02-30」不是有效日期：应写成 YYYY-MM-DD，如 2026-03-02",
        "content/财政局/预算.md:8: 主题分类: 「财政」不在主题分类词表中；相近的有：「财政、金融、审计」；全部可选值：xxgk fields 主题分类",
        "Error: 发现 2 个错误",
    ]


def test_build_refuses_bad_content_and_says_the_site_is_untouched(content):
    (content / "坏文件.md").write_text("---\n标题: 坏\n", encoding="utf-8")
    result = run("build", "--config", str(ROOT / "mkdocs.yml"))
    assert result.exit_code == 1
    assert "content/坏文件.md:1: 元数据没有结束：请在元数据后加一行 ---" in result.output
    assert "网站未生成，site 保持原样" in result.output
    assert not (content.parent / "site").exists()


def test_new_scaffolds_the_next_free_index_number(content):
    result = run("new", "--unit", "测试县财政局", "--title", "测试县2026年县级部门决算公开说明", "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path == Path("content/测试县财政局/2026/00004-测试县2026年县级部门决算公开说明.md")
    text = path.read_text(encoding="utf-8")
    assert '索引号: "11239901000013480E/2026-00004"' in text
    # Both dates are the clerk's to write: a 发布日期 of today would be a guess.
    assert "\n成文日期:  # 必填" in text and "\n发布日期:  # 必填" in text
    assert all(f"\n{field.name}:" in text for field in FIELDS)

    # by code, and the number moves on
    again = run("new", "--unit", "11239901000013480E", "--title", "另一份", "--date", "2026-11-27")
    assert Path(again.stdout.strip()).name == "00005-另一份.md"


def test_a_new_document_fails_check_until_the_clerk_fills_it_in(content):
    path = Path(run("new", "--unit", "松林镇人民政府", "--title", "通知", "--date", "2026-11-27").stdout.strip())
    result = run("check", "--date", BEFORE_REPORT_DEADLINES)
    assert result.exit_code == 1
    assert [line.split(": ", 2)[1] for line in result.output.splitlines()[:-2]] == [
        "成文日期",
        "发布日期",
        "信息类别",
        "主题分类",
    ]
    text = path.read_text(encoding="utf-8")
    placeholder = "（在此处写正文。小标题“一、”用 ##，“（一）”用 ###。）"
    line = text.splitlines().index(placeholder) + 1  # the message names the placeholder's own line
    assert result.output.splitlines()[-2] == (
        f"{path.as_posix()}:{line}: 正文还是 xxgk new 写的占位文字「{placeholder}」：请把这一行换成正文"
    )
    filled = (
        text.replace("成文日期:", "成文日期: 2026-11-26", 1)
        .replace("发布日期:", "发布日期: 2026-11-27", 1)
        .replace("信息类别:", "信息类别: 社会救助", 1)
        .replace("主题分类:", "主题分类: 民政、扶贫、救灾", 1)
    )
    half_done = filled.replace("（在此处写正文。", "本镇社会救助工作安排如下。（")
    path.write_text(half_done, encoding="utf-8")
    assert run("check", "--date", BEFORE_REPORT_DEADLINES).exit_code == 1, (
        "the hint left behind is still the placeholder"
    )
    filled = filled.replace("（在此处写正文。小标题“一、”用 ##，“（一）”用 ###。）", "本镇社会救助工作安排如下。")
    path.write_text(filled, encoding="utf-8")
    assert run("check", "--date", BEFORE_REPORT_DEADLINES).exit_code == 0


def test_new_with_an_unknown_unit_suggests_one(content):
    result = run("new", "--unit", "测试县财政", "--title", "x")
    assert result.exit_code == 1
    assert "Error: --unit: 「测试县财政」不在单位名册中；是否应为「测试县财政局」？" in result.output
    assert not (content / "测试县财政").exists()


def test_new_counts_index_numbers_of_files_that_do_not_validate(content):
    broken = content / "草稿.md"
    broken.write_text('---\n索引号: "11239901000013480E/2026-00007"\n标题: [\n---\n', encoding="utf-8")
    result = run("new", "--unit", "测试县财政局", "--title", "x", "--date", "2026-11-27")
    assert Path(result.stdout.strip()).name == "00008-x.md"


def test_fields_lists_every_vocabulary_and_where_it_is_written(content):
    result = run("fields")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(field_reference())
    assert "| 信息类别 | 30 项 | 文件的 信息类别 |" in result.output
    assert "| 事项类型 | 11 项 | 权责清单的 事项类型、办事指南的 事项类型 |" in result.output


def test_fields_with_a_vocabulary_prints_the_values_the_check_accepts(content):
    (content / "站点.yml").write_text("网站名称: 测试县\n追加词表:\n  主题分类: [乡村振兴]\n", encoding="utf-8")
    result = run("fields", "主题分类")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "# 主题分类：22 项，用在文件的 主题分类。照原样写其中一项："
    assert lines[1] == "综合政务" and lines[-1] == "乡村振兴"
    category = run("fields", "信息类别").output.splitlines()
    assert category[1] == "行政法规、规章和规范性文件  # 第二十条第（一）项"  # a copied line is valid YAML
    assert category[-1] == "政府信息公开年报  # 栏目"


def test_fields_prints_every_vocabulary_by_its_name_or_its_column(content):
    overview = run("fields").output
    names = [line.split(" | ")[0].strip("| ") for line in overview.split("词表（")[1].splitlines()[4:]]
    assert names == ["信息类别", "主题分类", "文种", "有效性", "解读形式", "关切来源", "建议提案类别", "答复类别"] + [
        "单位类型",
        "事项类型",
        "公开渠道",
        "公开对象",
        "公开方式",
        "公开层级",
        "新媒体平台",
        "账号状态",
        "决策阶段",
        "公共企事业行业",
        "规则标准类别",
        "规则标准状态",
    ]
    for name in names + ["公开渠道和载体", "类型"]:
        result = run("fields", name)
        assert result.exit_code == 0 and len(result.output.splitlines()) >= 3, name
    assert run("fields", "成文日期").output == "成文日期 没有词表：文件落款日期，格式 YYYY-MM-DD，如 2026-03-02\n"
    unknown = run("fields", "卫生")
    assert unknown.exit_code == 1
    assert "Error: 「卫生」不是词表或字段的名称：词表有 信息类别、主题分类、文种" in unknown.output


def test_the_readme_documents_every_field():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert field_reference() in readme


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"xxgk {name}" in readme, name
        assert command.help, name


def test_every_staff_page_is_listed_in_the_guide_index():
    staff = ROOT / "docs" / "staff"
    index = (staff / "index.md").read_text(encoding="utf-8")
    for page in sorted(staff.glob("*.md")):
        assert page.name == "index.md" or f"]({page.name})" in index, page.name
    setup = (staff / "git.md").read_text(encoding="utf-8")
    for step in ("git config --global core.quotepath false", "py -m venv .venv", ".venv\\Scripts\\xxgk check"):
        assert step in setup, step
