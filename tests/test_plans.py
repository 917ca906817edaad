"""The task ledger (任务台账): a plan's tasks read from its text, and what each unit reports about them.

The plan in tests/fixtures/plans/ is written in a county plan's style — nested
"各乡（镇）", full- and half-width colons, a semicolon for a colon, spaces after
semicolons, tasks without 牵头单位 or 责任单位, open-ended and recurring deadlines —
and its expected table is beside it.
"""

import csv
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from counties import TESTS
from xxgk.authoring.cli import main
from xxgk.checks.content import load_content
from xxgk.model.plans import parse_deadline, parse_tasks

PLAN = TESTS / "fixtures" / "plans" / "2025年政务公开工作要点.txt"
EXPECTED = PLAN.with_suffix(".expected.csv")


def run(*args):
    return CliRunner().invoke(main, list(args))


def imported_plan(content: Path) -> Path:
    """The plan imported with `xxgk import` and the three fields the clerk fills in."""
    result = run("import", str(PLAN), "--unit", "测试县人民政府办公室")
    assert result.exit_code == 0, result.output
    assert "  任务台账：正文有 10 项任务（牵头单位、责任单位、完成时限），已写 任务台账: 是；" in result.output
    [path] = (content / "测试县人民政府办公室" / "2025").glob("*.md")
    text = path.read_text(encoding="utf-8")
    assert "\n任务台账: 是" in text
    filled = {
        "发布日期:": "发布日期: 2025-03-18",
        "信息类别:": "信息类别: 法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
        "主题分类:": "主题分类: 综合政务",
    }
    for empty, value in filled.items():
        text = text.replace(f"\n{empty} ", f"\n{value} ", 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_importing_the_plan_yields_its_table(content):
    imported_plan(content)
    loaded = load_content(content)
    assert loaded.errors == []
    [plan] = loaded.ledger.plans
    table = [
        {
            "序号": str(item.task.number),
            "位置": item.task.path,
            "牵头单位": "、".join(item.task.lead),
            "责任单位": "、".join(item.task.responsible),
            "完成时限": item.task.deadline.text,
            "截止日期": str(item.task.deadline.due or item.task.deadline.kind),
            "单位": "、".join(unit.name for unit in item.assignment.units),
            "不在名册": "、".join(item.assignment.unknown),
            "未指明": "、".join(item.assignment.unspecified),
        }
        for item in plan.tasks
    ]
    with EXPECTED.open(encoding="utf-8") as file:
        assert table == list(csv.DictReader(file))


def test_the_ledger_reads_the_plan_text_without_markdown_too():
    """The same tasks from the text as staff type it in Markdown, headings and all."""
    text = PLAN.read_text(encoding="utf-8").split("制定本要点。\n", 1)[1].split("  抄送", 1)[0]
    tasks = parse_tasks(text, 2025)
    with EXPECTED.open(encoding="utf-8") as file:
        expected = list(csv.DictReader(file))
    assert [(t.path, "、".join(t.lead), t.deadline.text) for t in tasks] == [
        (row["位置"], row["牵头单位"], row["完成时限"]) for row in expected
    ]
    assert tasks[0].heading == "更新公开权责清单" and tasks[0].text.startswith("更新公开权责清单。各单位要对照")
    assert tasks[1].text.startswith("各单位要更新机构职能") and tasks[1].line == 3


@pytest.mark.parametrize(
    "note, lead, responsible, deadline",
    [
        ("（牵头单位：县政府办公室；责任单位：县直各单位，各乡（镇）政府；完成时限：2020年底前）", "县政府办公室",
         "县直各单位|各乡（镇）政府", "2020-12-31"),
        ("（牵头单位:县政府办公室； 责任单位：各乡(镇)政府；完成时限:2020年11月底前）", "县政府办公室",
         "各乡(镇)政府", "2020-11-30"),
        ("（牵头单位：县政府办公室；责任单位：县直各单位，各乡（镇）政府；完成时限；2020年底前）", "县政府办公室",
         "县直各单位|各乡（镇）政府", "2020-12-31"),
        ("(责任单位: 县直各单位、各乡（镇）政府; 完成时限: 长期坚持)", "", "县直各单位|各乡（镇）政府", "长期"),
        ("（牵头单位：县卫生健康局、公安局；完成时限：持续推进）", "县卫生健康局|公安局", "", "长期"),
        ("（责任单位：县教体局、生态环境局、住建局等部门，各乡（镇）政府；完成时限：每季度）", "",
         "县教体局|生态环境局|住建局等部门|各乡（镇）政府", "定期"),
        ("（牵头单位：县司法局；责任单位：—；完成时限：—）", "县司法局", "", "未注明"),
        ("（牵头单位：县司法局；完成时限：尽快）", "县司法局", "", "无法识别"),
    ],
)  # fmt: skip
def test_a_note_is_read_as_people_type_it(note, lead, responsible, deadline):
    [task] = parse_tasks(f"## 一、总体要求\n\n做好这项工作。{note}\n", 2020)
    assert (task.path, task.text, task.note) == ("一", "做好这项工作。", note)
    assert "|".join(task.lead) == lead and "|".join(task.responsible) == responsible
    assert str(task.deadline.due or task.deadline.kind) == deadline


def test_brackets_that_are_no_note_are_part_of_the_text():
    [task] = parse_tasks(
        "按照《实施方案》（友政办发〔2020〕14号）要求编制目录。（责任单位：各乡（镇）政府；完成时限：2020年底前）"
    )
    assert task.text == "按照《实施方案》（友政办发〔2020〕14号）要求编制目录。"
    assert parse_tasks("按照《实施方案》（友政办发〔2020〕14号）要求编制目录。") == []


@pytest.mark.parametrize(
    "written, year, due",
    [
        ("2020年底前", None, dt.date(2020, 12, 31)),
        ("2020年11月底前", None, dt.date(2020, 11, 30)),
        ("2024年2月底前", None, dt.date(2024, 2, 29)),
        ("２０２６年６月３０日前", None, dt.date(2026, 6, 30)),
        ("2026年上半年", None, dt.date(2026, 6, 30)),
        ("2026年第三季度", None, dt.date(2026, 9, 30)),
        ("6月底前", 2026, dt.date(2026, 6, 30)),
        ("年底前", 2026, dt.date(2026, 12, 31)),
        ("11月底前完成初稿，年底前全面完成", 2026, dt.date(2026, 12, 31)),
        ("二〇二六年九月底前", None, dt.date(2026, 9, 30)),
    ],
)
def test_a_deadline_is_the_last_day_it_names(written, year, due):
    assert parse_deadline(written, year).due == due


def test_a_deadline_that_names_no_day_says_why():
    assert [parse_deadline(text).kind for text in ("长期坚持", "持续推进", "每季度", "按法定时限公开", "", "尽快")] == [
        "长期",
        "长期",
        "定期",
        "定期",
        "未注明",
        "无法识别",
    ]
    assert parse_deadline("2026年2月30日前").kind == "无法识别"


def test_a_plan_without_tasks_is_refused(content):
    path = content / "县政府办公室" / "2026" / "工作要点.md"
    path.write_text(path.read_text(encoding="utf-8").replace("文种: 通知\n", "文种: 通知\n任务台账: 是\n"), "utf-8")
    result = run("check", "--date", "2026-01-20")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "content/县政府办公室/2026/工作要点.md:11: 任务台账: 正文中没有找到任务：每项任务应以"
        "（牵头单位：…；责任单位：…；完成时限：…）结尾；不是工作计划的文件，请删除这一行"
    )
    path.write_text(path.read_text(encoding="utf-8").replace("任务台账: 是", "任务台账: 对"), "utf-8")
    assert "工作要点.md:11: 任务台账: 应写 是 或 否，现为「对」" in run("check", "--date", "2026-01-20").output


def without_reports(output: str) -> list[str]:
    """The lines of a check but the annual reports overdue on its date."""
    return [line for line in output.splitlines() if not line.startswith("content/年报/")]


def write_progress(content: Path, unit: str, text: str) -> None:
    folder = content / "任务进展"
    folder.mkdir(exist_ok=True)
    (folder / f"{unit}.yml").write_text(text, encoding="utf-8")


def test_progress_that_points_nowhere_is_named_by_file_and_line(content):
    imported_plan(content)
    write_progress(
        content,
        "测试县财政局",
        """- 计划: 松政办发[2025]8号
  任务: 1
  状态: 已完成
  日期: 2025-06-20
  文件: "11239901000013480E/2026-00001"
- 计划: 松政办发〔2025〕9号
  任务: 3
  状态: 进行中
- 计划: 松政办发〔2025〕8号
  任务: 一（一）
  状态: 已完成
- 计划: "11239901000012370G/2025-00001"
  任务: 11
  状态: 进行中
  文件: 11239901000013480E/2026-99999、第3号
- 计划: 松政办发〔2025〕8号
  任务: 1
  状态: 进行中
- 计划: 松政办发〔2025〕8号
  任务: 5
  状态: 进行中
""",
    )
    result = run("check", "--date", "2025-04-01")
    assert result.exit_code == 1
    shown = "content/任务进展/测试县财政局.yml"
    assert without_reports(result.output) == [
        f"{shown}:6: 计划: 「松政办发〔2025〕9号」不是任务台账文件的发文字号或索引号；是否应为「松政办发〔2025〕8号」？",
        f"{shown}:9: 任务: 「一（一）」下有 2 项任务（序号 1、2）：请写序号",
        f"{shown}:9: 日期: 状态为已完成时必须填写完成的日期（YYYY-MM-DD）",
        f"{shown}:12: 任务: 「11」：这份计划共有 10 项任务，序号应为 1 到 10",
        f"{shown}:12: 文件: 没有索引号为 11239901000013480E/2026-99999 的文件",
        f"{shown}:12: 文件: 「第3号」不是索引号：应为 统一社会信用代码/年份-五位流水号，多个用 、 分隔",
        f"{shown}:16: 任务: 第 1 行已登记了这项任务：每项任务只写一行，请合并",
        f"{shown}:19: 警告: 任务: 测试县财政局不是这项任务（二（二）1）的牵头单位或责任单位：请核对任务序号",
        "Error: 发现 7 个错误",
    ]


def test_a_spreadsheet_of_progress_is_checked_cell_by_cell(content):
    imported_plan(content)
    folder = content / "任务进展"
    folder.mkdir()
    (folder / "松林镇人民政府.csv").write_text(
        "计划,任务,状态,日期,说明\n松政办发〔2025〕8号,1,已完成,2025-06-31,已公开\n松政办发〔2025〕8号,3,完成了,,\n",
        encoding="utf-8",
    )
    result = run("check", "--date", "2025-04-01")
    assert without_reports(result.output) == [
        "content/任务进展/松林镇人民政府.csv:2:D: 日期: 「2025-06-31」不是有效日期：应写成 YYYY-MM-DD，如 2026-03-01",
        "content/任务进展/松林镇人民政府.csv:3:C: 状态: 「完成了」不在进展状态词表中；可选值：未开始、进行中、已完成",
        "Error: 发现 2 个错误",
    ]


def test_tasks_past_their_deadline_without_a_result_are_warned_about(content):
    path = imported_plan(content)
    done = "\n".join(
        f"- {{计划: 松政办发〔2025〕8号, 任务: {n}, 状态: 已完成, 日期: 2025-06-{20 + n}}}" for n in (1, 2, 3, 8, 10)
    )
    write_progress(content, "测试县人民政府办公室", done + "\n- {计划: 松政办发〔2025〕8号, 任务: 9, 状态: 进行中}\n")
    write_progress(content, "测试县财政局", done + "\n")
    write_progress(content, "松林镇人民政府", done.replace("任务: 10", "任务: 5").replace("任务: 8", "任务: 6") + "\n")
    lines = [line for line in run("check", "--date", "2026-02-01").output.splitlines() if "任务台账" in line]
    shown = path.relative_to(content.parent).as_posix()
    text = path.read_text(encoding="utf-8").splitlines()
    line_of = {n: next(i for i, line in enumerate(text, 1) if marker in line) for n, marker in ((8, "编制完成本单位"), (9, "组织开展政务公开专题培训"), (10, "按时发布政府信息公开"))}  # fmt: skip
    assert lines == [
        f"{shown}:{line_of[8]}: 警告: 任务台账: 任务 8（三（一））完成时限 2025-11-30（2025年11月底前）已过，"
        "松林镇人民政府尚未报送完成：请在 content/任务进展/<单位名称>.yml 中登记进展",
        f"{shown}:{line_of[9]}: 警告: 任务台账: 任务 9（三（二））完成时限 2025-12-31（年底前）已过，"
        "测试县人民政府办公室尚未报送完成：请在 content/任务进展/<单位名称>.yml 中登记进展",
        f"{shown}:{line_of[10]}: 警告: 任务台账: 任务 10（三（三））完成时限 2026-01-31（2026年1月31日前）已过，"
        "松林镇人民政府尚未报送完成：请在 content/任务进展/<单位名称>.yml 中登记进展",
    ]


def test_a_task_is_as_done_as_its_units_on_the_day_asked(content):
    imported_plan(content)
    write_progress(content, "测试县财政局", "- {计划: 松政办发〔2025〕8号, 任务: 1, 状态: 已完成, 日期: 2025-07-10}\n")
    write_progress(
        content, "测试县人民政府办公室", "- {计划: 松政办发〔2025〕8号, 任务: 1, 状态: 已完成, 日期: 2025-06-10}\n"
    )
    write_progress(
        content, "松林镇人民政府", "- {计划: 松政办发〔2025〕8号, 任务: 1, 状态: 进行中, 日期: 2025-05-01}\n"
    )
    task = load_content(content).ledger.plans[0].tasks[0]
    office, finance, town = task.units
    assert [task.status(dt.date(2025, day, 1)) for day in (4, 5, 7)] == ["未报送", "进行中", "进行中"]
    assert task.overdue(dt.date(2025, 7, 1)) and not task.overdue(dt.date(2025, 6, 30))
    assert [task.unit_overdue(unit, dt.date(2025, 8, 1)) for unit in (office, finance, town)] == [False, False, True]
    assert task.done_late(finance, dt.date(2025, 8, 1)) and not task.done_late(office, dt.date(2025, 8, 1))
    assert dict(task.counts(dt.date(2025, 8, 1))) == {"已完成": 2, "进行中": 1}
