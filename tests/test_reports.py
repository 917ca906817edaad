"""Annual reports (政府信息公开工作年度报告): a clerk keeps one YAML file per unit and
year; the check enforces the national format's 勾稽关系, table 二 is compared with
the documents, and the site shows the tables as printed in 国办公开办函〔2021〕30号."""

import csv
import datetime as dt
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from built import page
from xxgk.adapters.mkdocs.build import build_site
from xxgk.adapters.mkdocs.plugin import THEME_CSS, THEME_DIR
from xxgk.authoring.cli import main
from xxgk.checks.content import load_content
from xxgk.model import report_format as fmt
from xxgk.model.problems import ContentError
from xxgk.model.report_norms import count_regulations
from xxgk.model.report_rules import check_deadlines
from xxgk.model.units import find_unit
from xxgk.search.records import search_text
from xxgk.site.sections.reports import report_search_records

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FIXTURE = TESTS / "fixtures" / "county"
REPORT = "content/年报/测试县财政局/2025.yml"  # balanced; table 二 matches the documents
REPORT_URL = "nb/11239901000013480E/2025/"


def problems(content: Path) -> list[str]:
    return [str(p) for p in load_content(content).problems]


def set_cell(path: Path, row_key: str, column: str, value: str) -> None:
    """Change one number, as a clerk would: the line of `row_key`, the cell of `column`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    [index] = [i for i, line in enumerate(lines) if line.strip().startswith(row_key + ":")]
    changed = re.sub(rf"([{{ ]){re.escape(column)}: [^,}}]*", rf"\g<1>{column}: {value}", lines[index], count=1)
    assert changed != lines[index], (row_key, column)
    lines[index] = changed
    path.write_text("\n".join(lines), encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# -- the checks -----------------------------------------------------------------------


def test_the_balanced_report_loads_and_publishes(content):
    loaded = load_content(content)
    assert loaded.problems == []
    [report] = loaded.reports
    assert (report.unit.name, report.year, report.url) == ("测试县财政局", 2025, REPORT_URL)
    assert report.title == "测试县财政局2025年政府信息公开工作年度报告"
    assert report.value(fmt.row("表三", fmt.NEW), "总计") == 8


NEW, CARRIED_IN = fmt.NEW, fmt.CARRIED_IN
BROKEN = [
    pytest.param(
        [(NEW, "自然人", "6"), (NEW, "总计", "9")],
        [
            f"{REPORT}:53: 表三 （七）总计 自然人: 一+二=7，三（七）总计+四=6，两者应相等（相差 1）",
            f"{REPORT}:53: 表三 （七）总计 总计: 一+二=10，三（七）总计+四=9，两者应相等（相差 1）",
        ],
        id="一+二 ≠ 三（七）总计+四",
    ),
    pytest.param(
        [("（一）予以公开", "自然人", "3"), ("（一）予以公开", "总计", "4")],
        [
            f"{REPORT}:53: 表三 （七）总计 自然人: （七）总计为 5，但（一）至（六）各项之和为 6（相差 1）",
            f"{REPORT}:53: 表三 （七）总计 总计: （七）总计为 8，但（一）至（六）各项之和为 9（相差 1）",
        ],
        id="（七）总计 ≠ its items",
    ),
    pytest.param(
        [(NEW, "自然人", "6"), (CARRIED_IN, "自然人", "0")],
        [
            f"{REPORT}:25: 表三 一、本年新收政府信息公开申请数量 总计: 总计为 8，但自然人与法人或其他组织各列之和为 9（相差 1）",
            f"{REPORT}:26: 表三 二、上年结转政府信息公开申请数量 总计: 总计为 1，但自然人与法人或其他组织各列之和为 0（相差 1）",
        ],
        id="总计 ≠ the applicant columns",
    ),
    pytest.param(
        [("7.属于行政执法案卷", "法律服务机构", "0")],
        [
            f"{REPORT}:37: 表三 （三）不予公开 7.属于行政执法案卷 法律服务机构: 填的是 0，"
            "但按本行各列之和、（一）至（六）各项之和，这一格应为 1：请核对这一格"
        ],
        id="one wrong cell breaks two rules: one message, with the number that fits",
    ),
    pytest.param(
        [("行政复议", "总计", "2")],
        [f"{REPORT}:57: 表四 行政复议 总计: 总计为 2，但结果维持、结果纠正、其他结果、尚未审结之和为 1（相差 1）"],
        id="表四 总计 ≠ its four parts",
    ),
    pytest.param(
        [("复议后起诉", "尚未审结", "1")],
        [
            f"{REPORT}:60: 表四 行政诉讼 复议后起诉 总计: 总计为 0，但结果维持、结果纠正、其他结果、尚未审结之和为 1（相差 1）"
        ],
        id="表四 行政诉讼 总计",
    ),
    pytest.param(
        [("行政许可", "本年处理决定数量", "-1")],
        [f"{REPORT}:17: 表二 行政许可 本年处理决定数量: 「-1」是负数：件数不能为负"],
        id="negative count",
    ),
    pytest.param(
        [("行政处罚", "本年处理决定数量", "2.5")],
        [f"{REPORT}:19: 表二 行政处罚 本年处理决定数量: 「2.5」不是整数：件数应为整数"],
        id="fractional count",
    ),
    pytest.param(
        [("行政强制", "本年处理决定数量", "若干")],
        [f"{REPORT}:20: 表二 行政强制 本年处理决定数量: 「若干」不是数字：件数应为整数，如 3，不写单位和千位分隔符"],
        id="text for a count",
    ),
    pytest.param(
        [("行政事业性收费", "本年收费金额（单位：万元）", "-3")],
        [f"{REPORT}:22: 表二 行政事业性收费 本年收费金额（单位：万元）: 「-3」是负数：金额不能为负"],
        id="negative amount",
    ),
    pytest.param(
        [("行政事业性收费", "本年收费金额（单位：万元）", "126.5万元")],
        [
            f"{REPORT}:22: 表二 行政事业性收费 本年收费金额（单位：万元）: 「126.5万元」不是金额：应为以万元为单位的数字，如 12.5，不写单位和千位分隔符"
        ],
        id="amount with its unit",
    ),
    pytest.param(
        [("4.保护第三方合法权益", "科研机构", "")],
        [f"{REPORT}:34: 表三 （三）不予公开 4.保护第三方合法权益 科研机构: 缺少数字：没有的请填 0"],
        id="empty cell",
    ),
]


@pytest.mark.parametrize("edits, expected", BROKEN)
def test_each_broken_rule_is_reported_where_it_is(content, edits, expected):
    for row_key, column, value in edits:
        set_cell(content.parent / REPORT, row_key, column, value)
    loaded = load_content(content)
    assert [str(p) for p in loaded.problems] == expected
    assert loaded.reports == [], "a report with an error is not published"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        pytest.param(
            "科研机构: 0, 社会公益组织: 0, 法律服务机构: 0, 其他: 0, 总计: 0}\n      2.其他",
            "社会公益组织: 0, 法律服务机构: 0, 其他: 0, 总计: 0}\n      2.其他",
            [f"{REPORT}:31: 表三 （三）不予公开 1.属于国家秘密: 缺少列「科研机构」：请补上，没有的填 0"],
            id="missing column",
        ),
        pytest.param(
            "3.危及“三安全一稳定”:",
            "3.危及三安全一稳定:",
            [
                f"{REPORT}:30: 表三 三、本年度办理结果 （三）不予公开: 缺少行「3.危及“三安全一稳定”」：请补上，没有的填 0",
                f"{REPORT}:33: 表三 三、本年度办理结果 （三）不予公开: 未知的行「3.危及三安全一稳定」；是否应为「3.危及“三安全一稳定”」？",
            ],
            id="misspelt row",
        ),
        pytest.param(
            "发布日期: 2026-01-20",
            "发布日期: 2025-12-30",
            [f"{REPORT}:6: 发布日期: 2025-12-30 不在报告年度 2025 年之后：年度报告在次年编制和公布"],
            id="published within the year",
        ),
        pytest.param(
            "  本年度未收取信息处理费。",
            "",
            [
                f"{REPORT}:67: 六、其他需要报告的事项: 此栏为空：请写其他需要报告的事项（如收取信息处理费的情况）；没有的写“无”"
            ],
            id="empty section",
        ),
        pytest.param(
            "成文日期: 2026-01-16",
            "成文日期: 2026-01-16\n备注: 无",
            [
                (
                    f"{REPORT}:6: 备注: 未知的栏目；可选：成文日期、发布日期、前言、一、总体情况、二、主动公开政府信息情况、"
                    "三、收到和处理政府信息公开申请情况、四、政府信息公开行政复议、行政诉讼情况、五、存在的主要问题及改进情况、六、其他需要报告的事项"
                )
            ],
            id="unknown section",
        ),
        pytest.param(
            "尚未审结: 0, 总计: 1}",
            "尚未审结: 0, 总计: 1",
            [f"{REPORT}:57: {{ 和 }} 没有配对，或其中的各项没有用英文逗号分隔：请检查这一行"],
            id="YAML syntax",
        ),
    ],
)
def test_structural_mistakes_are_reported_where_they_are(content, old, new, expected):
    replace(content.parent / REPORT, old, new)
    loaded = load_content(content)
    assert [str(p) for p in loaded.problems] == expected
    assert loaded.reports == []


def test_numbers_are_read_as_written(content):
    """Full-width digits from a Chinese input method count, with a warning; a leading 0 is not YAML's octal."""
    set_cell(content.parent / REPORT, NEW, "自然人", "５")
    set_cell(content.parent / REPORT, NEW, "总计", "008")
    loaded = load_content(content)
    assert [str(p) for p in loaded.problems] == [
        f"{REPORT}:25: 警告: 表三 一、本年新收政府信息公开申请数量 自然人: 「５」用了全角数字，已按「5」读取："
        "请改成半角数字（用英文输入法输入）"
    ]
    assert loaded.reports[0].value(fmt.row("表三", NEW), "总计") == 8


def test_the_file_must_sit_in_its_unit_and_year(content):
    folder = content / "年报"
    (folder / "测试县财政局").rename(folder / "测试县财政")
    (folder / "测试县财政" / "2025.yml").rename(folder / "测试县财政" / "2025年.yml")
    assert problems(content) == [
        "content/年报/测试县财政/2025年.yml: 文件夹「测试县财政」不是单位名册中的单位；是否应为「测试县财政局」？",
        "content/年报/测试县财政/2025年.yml: 文件名「2025年.yml」应为报告年度，如 2025.yml",
    ]


def test_the_unit_folder_may_be_the_units_code_but_only_one_report_per_year(content):
    copy = content / "年报" / "11239901000013480E" / "2025.yml"
    copy.parent.mkdir()
    shutil.copyfile(content / "年报" / "测试县财政局" / "2025.yml", copy)
    assert problems(content) == [
        (
            "content/年报/11239901000013480E/2025.yml: 测试县财政局 2025 年的年度报告也写在 content/年报/测试县财政局/2025.yml："
            "每个单位每年只能有一份，请删除其中一个"
        ),
        (
            "content/年报/测试县财政局/2025.yml: 测试县财政局 2025 年的年度报告也写在 content/年报/11239901000013480E/2025.yml："
            "每个单位每年只能有一份，请删除其中一个"
        ),
    ]


def test_a_failing_report_stops_the_build(content):
    set_cell(content.parent / REPORT, "行政复议", "总计", "2")
    with pytest.raises(ContentError):
        build_site(content, content.parent / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    assert not (content.parent / "site").exists()


def test_late_publication_is_a_warning_and_still_publishes(content):
    replace(content.parent / REPORT, "发布日期: 2026-01-20", "发布日期: 2026-02-10")
    loaded = load_content(content)
    assert [str(p) for p in loaded.problems] == [
        f"{REPORT}:6: 警告: 发布日期: 2026-02-10 晚于公布期限 2026-01-31（条例第四十九条：部门的年度报告应在1月31日前公布）",
    ]
    assert len(loaded.reports) == 1


def last_years_report(content: Path) -> Path:
    """The 2024 report of the same unit, balanced, with 四、结转下年度继续办理 of 2 natural persons."""
    path = content / "年报" / "测试县财政局" / "2024.yml"
    shutil.copyfile(content / "年报" / "测试县财政局" / "2025.yml", path)
    replace(path, "发布日期: 2026-01-20", "发布日期: 2025-01-20")
    replace(path, "成文日期: 2026-01-16", "成文日期: 2025-01-16")
    for row_key, column, value in [
        (NEW, "自然人", "6"),
        (NEW, "总计", "9"),
        (fmt.CARRIED_OUT, "自然人", "2"),
        (fmt.CARRIED_OUT, "总计", "2"),
        ("行政规范性文件", "本年制发件数", "0"),
        ("行政规范性文件", "现行有效件数", "0"),
    ]:
        set_cell(path, row_key, column, value)
    return path


def test_carry_over_from_last_year_is_compared(content):
    last_years_report(content)
    assert problems(content) == [
        (
            f"{REPORT}:26: 警告: 表三 二、上年结转政府信息公开申请数量 自然人: 为 1，但 2024 年报告"
            "（content/年报/测试县财政局/2024.yml:54）的 四、结转下年度继续办理 为 2：两者应相等"
        ),
        (
            f"{REPORT}:26: 警告: 表三 二、上年结转政府信息公开申请数量 总计: 为 1，但 2024 年报告"
            "（content/年报/测试县财政局/2024.yml:54）的 四、结转下年度继续办理 为 2：两者应相等"
        ),
    ]


# -- table 二 from the documents ----------------------------------------------------------


def test_table_two_is_counted_from_the_documents():
    """tests/fixtures/regulations: the office's documents, counted by hand.

    甲 2024 in force until 戊 replaced it (修订) on 2025-12-30; 乙 2024 repealed by
    丁 on 2025-06-01; 丙 2024 marked 失效 with no date; 丙解读 is an interpretation
    (文种 其他); 庚 2025 is an order, so a 规章; 辛 2025 is not a regulation; 己 2026.
    """
    loaded = load_content(TESTS / "fixtures" / "regulations")
    assert loaded.problems == []
    office = find_unit(loaded.units, "测试县人民政府办公室")
    serial = {str(d.index_number)[-10:]: name for name, d in ((d.path.stem.split("-")[0], d) for d in loaded.documents)}

    def counted(year):
        return {
            key: (
                [serial[str(d.index_number)[-10:]] for d in sorted(c.counted, key=lambda d: d.index_number)],
                [serial[str(d.index_number)[-10:]] for d in c.undated],
            )
            for key, c in count_regulations(loaded.documents, office, year).items()
        }

    assert counted(2024) == {
        ("规章", "本年制发件数"): ([], []),
        ("规章", "本年废止件数"): ([], []),
        ("规章", "现行有效件数"): ([], []),
        ("行政规范性文件", "本年制发件数"): (["甲", "乙", "丙"], []),
        ("行政规范性文件", "本年废止件数"): ([], []),
        ("行政规范性文件", "现行有效件数"): (["甲", "乙"], ["丙"]),
    }
    assert counted(2025) == {
        ("规章", "本年制发件数"): (["庚"], []),
        ("规章", "本年废止件数"): ([], []),
        ("规章", "现行有效件数"): (["庚"], []),
        ("行政规范性文件", "本年制发件数"): (["丁", "戊"], []),
        ("行政规范性文件", "本年废止件数"): (["甲", "乙"], []),
        ("行政规范性文件", "现行有效件数"): (["丁", "戊"], ["丙"]),
    }
    assert counted(2026)[("行政规范性文件", "现行有效件数")] == (["丁", "戊", "己"], ["丙"])
    assert counted(2026)[("规章", "现行有效件数")] == (["庚"], [])


def test_table_two_is_compared_with_the_documents(content):
    set_cell(content.parent / REPORT, "行政规范性文件", "本年制发件数", "2")
    set_cell(content.parent / REPORT, "规章", "现行有效件数", "1")
    assert problems(content) == [
        f"{REPORT}:14: 警告: 表二 规章 现行有效件数: 数据文件为 1，按 content/ 中本单位的文件计算为 0（数据文件多 1）",
        (
            f"{REPORT}:15: 警告: 表二 行政规范性文件 本年制发件数: 数据文件为 2，按 content/ 中本单位的文件计算为 1（数据文件多 1）；"
            "计入 测财发〔2025〕1号"
        ),
    ]


def test_a_document_ended_at_an_unknown_date_makes_a_range(tmp_path):
    shutil.copytree(TESTS / "fixtures" / "regulations", tmp_path / "content")
    result = CliRunner().invoke(
        main,
        [
            "report",
            "new",
            "--content",
            str(tmp_path / "content"),
            "--unit",
            "测试县人民政府办公室",
            "--year",
            "2024",
            "--date",
            "2025-01-10",
        ],
    )
    assert result.exit_code == 0, result.output
    text = Path(result.output.strip()).read_text(encoding="utf-8")
    assert "    行政规范性文件: {本年制发件数: 3, 本年废止件数: 0, 现行有效件数: 2}" in text
    assert (
        "    # 现行有效件数按本站文件计算为 2 到 3：计入 测政办发〔2024〕3号、测政办发〔2024〕6号；"
        "测政办发〔2024〕9号 已标为失效或废止，但没有文件记载何时失效或废止，是否计入由填报人确定"
    ) in text


# -- deadlines ------------------------------------------------------------------------------


def overdue(content: Path, day: str) -> list[str]:
    loaded = load_content(content)
    found = check_deadlines(content, loaded.units, loaded.reports, loaded.documents, dt.date.fromisoformat(day))
    return [p.path.parent.name for p in found]


def test_deadlines_departments_january_county_march(content):
    assert overdue(content, "2026-01-31") == []
    # 财政局 has its data file; the county's report is a 年报 document naming 2025 in its title.
    assert overdue(content, "2026-02-01") == ["测试县人民政府办公室", "松林镇人民政府"]
    (content / "县政府" / "年报2025.md").unlink()
    assert overdue(content, "2026-03-31") == ["测试县人民政府办公室", "松林镇人民政府"]
    assert overdue(content, "2026-04-01") == ["测试县人民政府", "测试县人民政府办公室", "松林镇人民政府"]


def test_a_report_with_errors_is_reported_by_its_errors_not_as_missing(content):
    set_cell(content.parent / REPORT, "行政复议", "总计", "2")
    assert overdue(content, "2026-02-01") == ["测试县人民政府办公室", "松林镇人民政府"]


def test_a_report_not_yet_published_is_still_overdue(content):
    replace(content.parent / REPORT, "发布日期: 2026-01-20", "发布日期: 2026-03-01")
    assert "测试县财政局" in overdue(content, "2026-02-15")
    assert "测试县财政局" not in overdue(content, "2026-03-01")


# -- the scaffold ---------------------------------------------------------------------------


def test_the_scaffold_round_trips(content):
    result = CliRunner().invoke(
        main, ["report", "new", "--unit", "测试县财政局", "--year", "2026", "--date", "2027-01-05"]
    )
    assert result.exit_code == 0, result.output
    path = Path(result.output.strip())
    assert path == Path("content/年报/测试县财政局/2026.yml")
    text = path.read_text(encoding="utf-8")
    assert all(f"{label}:" in text for label in fmt.SECTIONS)
    assert all(f"{declared.path[-1]}: {{" in text for declared in fmt.ROWS)
    # Only the prose is left to write: the numbers are zeros, or prefilled where they can be computed.
    # 一 and 五 are drafted from the site's figures, to be read and completed: a draft is not published.
    draft = "此栏是 xxgk report new 预填的草稿：请核对数字、补充说明后删除开头的【草稿】一行"
    assert problems(content) == [
        f"content/年报/测试县财政局/2026.yml:9: 一、总体情况: {draft}",
        f"content/年报/测试县财政局/2026.yml:69: 五、存在的主要问题及改进情况: {draft}",
        "content/年报/测试县财政局/2026.yml:75: 六、其他需要报告的事项: 此栏为空：请写其他需要报告的事项（如收取信息处理费的情况）；没有的写“无”",
    ]
    assert (
        "2026年，测试县财政局在本平台主动公开政府信息3件，其中自成文之日起20个工作日内公开3件，按时公开率100%。" in text
    )
    path.write_text(path.read_text(encoding="utf-8").replace(f"  {fmt.DRAFT_MARK}\n", ""), encoding="utf-8")
    replace(path, "六、其他需要报告的事项: |\n", "六、其他需要报告的事项: |\n  无。\n")
    loaded = load_content(content)
    assert loaded.problems == []
    report = next(r for r in loaded.reports if r.year == 2026)
    norms = fmt.row("表二", "第二十条第（一）项", "行政规范性文件")
    assert [report.value(norms, c) for c in fmt.REGULATION_COLUMNS] == [1, 1, 1]  # 2026: one issued, one repealed
    # From 2025's 四、结转下年度继续办理, and pending until the clerk records the outcome.
    assert (
        report.value(fmt.row("表三", CARRIED_IN), "自然人")
        == report.value(fmt.row("表三", fmt.CARRIED_OUT), "自然人")
        == 1
    )
    assert report.published == dt.date(2027, 1, 5)

    again = CliRunner().invoke(main, ["report", "new", "--unit", "测试县财政局", "--year", "2026"])
    assert again.exit_code == 1
    assert again.output == "Error: content/年报/测试县财政局/2026.yml 已存在，未作改动：请直接编辑它\n"
    assert "  无。" in path.read_text(encoding="utf-8")


def test_report_new_defaults_to_last_year_and_names_unknown_units(content):
    result = CliRunner().invoke(main, ["report", "new", "--unit", "松林镇人民政府", "--date", "2026-01-08"])
    assert result.output == "content/年报/松林镇人民政府/2025.yml\n"
    unknown = CliRunner().invoke(main, ["report", "new", "--unit", "松林"])
    assert unknown.exit_code == 1
    assert "Error: --unit: 「松林」不在单位名册中；是否应为「松林镇人民政府」？" in unknown.output


# -- the pages and downloads ----------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("reports")
    shutil.copytree(FIXTURE, work / "content")
    build_site(work / "content", work / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    return work / "site"


class Tables(HTMLParser):
    """The report tables of a page: for each, its rows of (tag, text, rowspan, colspan)."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: list[list[list[tuple[str, str, int, int]]]] = []
        self.cell = None
        self.inside = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "xxgk-report-grid" in (attrs.get("class") or ""):
            self.inside = True
            self.tables.append([])
        elif self.inside and tag == "tr":
            self.tables[-1].append([])
        elif self.inside and tag in ("th", "td"):
            self.cell = [tag, "", int(attrs.get("rowspan", 1)), int(attrs.get("colspan", 1))]

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.tables[-1][-1].append(tuple(self.cell))
            self.cell = None
        elif tag == "table":
            self.inside = False


def layout(rows) -> dict[tuple[int, int], tuple]:
    """Where each cell sits once row and column spans are applied, as a browser lays it out."""
    grid: dict[tuple[int, int], tuple] = {}
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in grid:
                c += 1
            for dr in range(cell[2]):
                for dc in range(cell[3]):
                    assert (r + dr, c + dc) not in grid, "cells overlap"
                    grid[(r + dr, c + dc)] = cell
            c += cell[3]
    return grid


def test_the_report_page_has_every_label_of_the_format(site):
    html = page(site, REPORT_URL)
    labels = set(fmt.SECTIONS) | {fmt.TABLE3_NOTE, fmt.APPLICANTS, fmt.ORGANISATIONS_GROUP, fmt.TABLE2_ITEM_HEADING}
    for declared in fmt.ROWS:
        labels |= set(declared.path) | set(declared.columns)
    missing = [label for label in labels if f">{label}<" not in html]
    assert missing == []
    assert "统计期限自2025年1月1日起至2025年12月31日止" in html
    assert "2025年，县财政局主动公开预算、决算和政府采购信息46条" in html


def test_the_tables_are_laid_out_as_in_the_national_format(site):
    two, three, four = Tables(page(site, REPORT_URL)).tables
    for rows, width, height in ((two, 4, 14), (three, 10, 28), (four, 15, 4)):
        cells = layout(rows)
        assert set(cells) == {(r, c) for r in range(height) for c in range(width)}, "every row fills the width"
    cells = layout(three)
    assert cells[(0, 0)][1:] == (fmt.TABLE3_NOTE, 3, 3)
    assert cells[(0, 3)][1:] == ("申请人情况", 1, 7)
    assert cells[(1, 4)][1:] == ("法人或其他组织", 1, 5)
    assert [cells[(2, c)][1] for c in range(4, 9)] == list(fmt.ORGANISATIONS)
    assert cells[(5, 0)][1:] == ("三、本年度办理结果", 22, 1)
    assert cells[(7, 1)][1:] == ("（三）不予公开", 8, 1)
    assert cells[(26, 1)][1:] == ("（七）总计", 1, 2)
    assert cells[(27, 0)][1:] == ("四、结转下年度继续办理", 1, 3)
    cells = layout(two)
    assert [cells[(r, 0)][1] for r in (0, 4, 7, 11)] == [g[0] for g in fmt.TABLE2_GROUPS]
    assert cells[(5, 1)][1:] == ("本年处理决定数量", 1, 3)
    assert cells[(13, 1)][1:] == ("126.50", 1, 3)
    cells = layout(four)
    assert cells[(0, 5)][1:] == ("行政诉讼", 1, 10)
    assert cells[(1, 0)][1:] == ("结果维持", 2, 1)
    assert cells[(1, 10)][1:] == ("复议后起诉", 1, 5)


def page_numbers(site: Path) -> list[str]:
    return [
        cell[1] for table in Tables(page(site, REPORT_URL)).tables for row in table for cell in row if cell[0] == "td"
    ]


def test_the_csv_holds_the_numbers_of_the_page(site):
    name = "测试县财政局2025年政府信息公开工作年度报告"
    assert f'href="{name}.csv" download="{name}.csv"' in page(site, REPORT_URL)
    raw = (site / REPORT_URL / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, for Excel"
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert lines[0] == ["单位", "年度", "表", "项目", "列", "数值"]
    assert [
        "测试县财政局",
        "2025",
        "表三",
        "三、本年度办理结果 （三）不予公开 7.属于行政执法案卷",
        "法人或其他组织 法律服务机构",
        "1",
    ] in lines
    assert [line[5] for line in lines[1:]] == page_numbers(site)
    everything = (site / "nb/全部年度报告表格数据.csv").read_bytes()
    assert everything == raw


def test_the_xlsx_holds_the_tables_of_the_page(site):
    name = "测试县财政局2025年政府信息公开工作年度报告"
    workbook = openpyxl.load_workbook(io.BytesIO((site / REPORT_URL / f"{name}.xlsx").read_bytes()))
    assert workbook.sheetnames == ["表二", "表三", "表四"]
    numbers = []
    for sheet in workbook:
        assert sheet["A1"].value == name
        numbers += [
            str(cell.value)
            for row in sheet.iter_rows(min_row=3)
            for cell in row
            if cell.value is not None and not isinstance(cell.value, str)
        ]
    assert [n if "." not in n else f"{float(n):.2f}" for n in numbers] == page_numbers(site)
    merged = {str(r) for r in workbook["表三"].merged_cells.ranges}
    assert {"A3:C5", "D3:J3", "E4:I4", "A8:A29"} <= merged
    assert workbook["表三"]["A8"].value == "三、本年度办理结果"


def test_the_column_lists_reports_by_year_with_the_report_documents(site):
    county = page(site, "xxgk/nb/")
    assert '<h2 id="2025">2025年度</h2>' in county or ">2025年度</h2>" in county
    assert "../../nb/11239901000013480E/2025/" in county
    assert "测试县人民政府2025年政府信息公开工作年度报告" in county  # the 年报 document
    unit = page(site, "dw/11239901000013480E/nb/")
    assert "测试县财政局2025年政府信息公开工作年度报告" in unit and "测试县人民政府2025年" not in unit
    root = page(site, "xxgk/")
    assert re.search(r"<strong>政府信息公开年报</strong><span>2 条</span>", root)


def test_the_index_lists_every_unit_and_year(site):
    html = page(site, "nb/")
    assert ">2025年度</th>" in html
    row = re.search(r"<tr><th scope=\"row\"><a [^>]*>测试县财政局</a></th>(.*?)</tr>", html)
    assert '<a href="11239901000013480E/2025/"' in row[1]
    row = re.search(r"<tr><th scope=\"row\"><a [^>]*>松林镇人民政府</a></th>(.*?)</tr>", html)
    assert row[1] == "<td>—</td>"
    sitemap = page(site, "sitemap/")
    assert "../nb/" in sitemap and "../nb/11239901000013480E/2025/" not in sitemap


def test_reports_are_in_the_site_search(content):
    [record] = report_search_records(load_content(content).reports)
    assert record.url == REPORT_URL and record.filters["category"] == ["政府信息公开年报"]
    assert search_text("政府采购信息") in record.content  # from 一、总体情况


def test_a_report_prints_on_a4():
    css = (THEME_DIR / "assets/xxgk-report.css").read_text(encoding="utf-8")
    assert "@page { size: A4 portrait" in css
    assert "assets/xxgk-report.css" in THEME_CSS
