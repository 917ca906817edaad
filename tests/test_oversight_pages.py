"""政务公开工作情况 and the 任务台账 as readers find them: the fixture county of test_measures built as of
2026-11-27, its pages, charts and open data."""

import csv
import io
import json
import re
import subprocess
import sys

import openpyxl
import pytest

from built import page, plain
from counties import BUILD_DATE, ROOT
from test_measures import OVERSIGHT
from xxgk.adapters.mkdocs.build import build_site
from xxgk.model.measures import DEFINITIONS

FINANCE = "11239901000013480E"
TOWN = "112399010000164400"
PLAN_LEDGER = "xxgk/gzqk/rwtz/112399010000120008/2026-00001/"


def squeezed(text: str) -> str:
    """Text without white space: where tags were is of no interest to a reader."""
    return re.sub(r"\s+", "", text)


class Text(str):
    """A page's text that finds a phrase however the tags around its parts fell."""

    def __contains__(self, phrase: str) -> bool:
        return squeezed(phrase) in squeezed(str(self))


def text_of(site, address: str) -> Text:
    return Text(plain(page(site, address)))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oversight") / "site"
    build_site(OVERSIGHT, folder, BUILD_DATE, ROOT / "mkdocs.yml")
    return folder


def test_the_dashboard_gives_each_measure_its_definition_and_numbers(site):
    text = text_of(site, "xxgk/gzqk/")
    assert "统计期：2026-01-01 至 2026-11-27（截至本站生成日期）" in text
    assert all(definition in text for definition in DEFINITIONS.values())
    assert "统计期内发布 17 件，按时 15 件，逾期 2 件，按时公开率 88.2%" in text
    assert "测试县2025年县级决算 测试县财政局 成文日期 2026-06-01 最迟应于 2026-06-30 发布日期 2026-07-15" in text
    assert "松林镇2026年第一季度低保公示 松林镇人民政府 成文日期 2026-05-06 最迟应于 2026-06-02" in text
    assert "统计期内发布规章和行政规范性文件 3 件，同步解读 1 件，滞后解读 1 件，未解读 1 件，解读率 66.7%" in text
    assert "测试县政府采购内部控制办法 测试县财政局 文件发布 2026-08-05 解读晚 5 天发布" in text
    assert "权责清单 2 个单位已公开，1 个待更新" in text
    assert "测试县财政局 2026-03-01 未注明日期 待更新 — 按名册生成 —" in text
    assert "按时发布 1 个单位，逾期发布 1 个，未发布 1 个" in text
    assert "测试县人民政府 2026-03-31 2026-04-10 逾期发布" in text
    assert "统计期内征集截止 2 次，已公布意见采纳情况 1 次，公布率 50%" in text
    assert "尚未公布意见采纳情况的征集 测试县政府债务管理办法（征求意见稿） 测试县财政局 征集截止 2026-11-09" in text
    assert "测试县县级财政专项资金管理办法" in text.split("即将到期的规范性文件", 1)[1]
    assert "全县工作计划共 4 项任务，已完成 1 项，进行中 2 项，未开始 0 项，未报送 1 项；其中逾期 1 项" in text


def test_each_unit_has_its_own_page(site):
    text = text_of(site, f"xxgk/gzqk/dw/{FINANCE}/")
    assert text.count("测试县财政局政务公开工作情况") >= 1
    assert "统计期内发布 10 件，按时 9 件，逾期 1 件，按时公开率 90%" in text
    assert "2025年度报告应于 2026-01-31 前发布：按时发布（2026-01-20 发布）" in text
    assert "政务公开事项标准目录 未注明日期 待更新" in text
    assert "本单位承担 4 项任务，已完成 1 项，进行中 1 项，未开始 0 项，未报送 2 项；其中逾期 1 项" in text
    town = text_of(site, f"xxgk/gzqk/dw/{TOWN}/")
    assert "统计期内发布规章和行政规范性文件 0 件，同步解读 0 件，滞后解读 0 件，未解读 0 件，解读率 —" in town


def charts_of(html: str) -> list[tuple[str, str, int, int]]:
    return [
        (src, alt, int(width), int(height))
        for src, alt, width, height in re.findall(
            r'<img src="([^"]+\.svg)" alt="([^"]+)" width="(\d+)" height="(\d+)"', html
        )
    ]


def test_charts_are_static_svg_with_a_title_a_description_and_their_numbers_in_a_table(site):
    html = page(site, "xxgk/gzqk/")
    charts = charts_of(html)
    assert [src for src, *_ in charts] == ["anshi.svg", "meiyue.svg", "jiedu.svg", "renwu.svg"]
    for src, alt, width, height in charts:
        svg = (site / "xxgk/gzqk" / src).read_text(encoding="utf-8")
        title, description = re.search(r"<title>(.*?)</title><desc>(.*?)</desc>", svg).groups()
        assert alt == f"{title}：{description}" and "数字见图旁的表格" in description
        assert (width, height) == tuple(map(int, re.search(r'width="(\d+)" height="(\d+)"', svg).groups()))
        assert width == 340, "drawn at a phone's width"
        assert "<script" not in svg and "foreignObject" not in svg and "href=" not in svg
    # The same numbers in the picture and in the table: the axis, the units, each unit's share, the title.
    labels = re.findall(r">([^<>]+)</text>", (site / "xxgk/gzqk/anshi.svg").read_text(encoding="utf-8"))
    assert labels == ["0%", "50%", "100%", "县人民政府", "财政局", "松林镇", "100%", "90%", "66.7%", "各单位按时公开率"]
    table = Text(plain(html.split('aria-label="各单位按时公开情况"', 1)[1].split("</table>", 1)[0]))
    assert "测试县人民政府 4 0 100% 测试县财政局 10 1 90% 松林镇人民政府 3 1 66.7%" in table
    months = Text(plain(html.split('aria-label="每月发布信息件数"', 1)[1].split("</table>", 1)[0]))
    assert "2025年12月 1 2026年1月 0 2026年2月 1 2026年3月 3" in months
    labels = re.findall(r">([^<>]+)</text>", (site / "xxgk/gzqk/meiyue.svg").read_text(encoding="utf-8"))
    assert labels[:13] == ["12", *map(str, range(1, 12)), "月份（2025年12月至2026年11月）"]
    assert labels[-13:-1] == ["1", "0", "1", "3", "2", "1", "2", "1", "2", "2", "2", "1"], "each month's count"


def test_a_second_build_in_another_process_gives_the_same_bytes(site, tmp_path):
    again = tmp_path / "site"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from xxgk.authoring.cli import main; main()",
            "build",
            "--content",
            str(OVERSIGHT),
            "--site",
            str(again),
            "--date",
            str(BUILD_DATE),
            "--config",
            str(ROOT / "mkdocs.yml"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    produced = sorted(p.relative_to(site) for p in (site / "xxgk/gzqk").rglob("*") if p.is_file())
    produced += [p.relative_to(site) for p in sorted((site / "data").glob("*")) if p.stem in ("gzqk", "rwtz")]
    assert len([p for p in produced if p.suffix == ".svg"]) >= 6
    assert [p for p in produced if (site / p).read_bytes() != (again / p).read_bytes()] == []


def test_the_plan_ledger_lists_each_task_with_its_units_and_what_they_reported(site):
    html = page(site, PLAN_LEDGER)
    text = Text(plain(html))
    assert "测试县人民政府关于印发测试县2026年政务公开工作要点的通知·任务台账" in text
    tasks = [Text(plain(part)) for part in html.split('<article class="xxgk-task"')[1:]]
    assert len(tasks) == 4
    assert html.split('<article class="xxgk-task"')[1].startswith(' id="rw1">')
    assert "任务 1 （一）更新公开权责清单 已完成" in tasks[0]
    assert "牵头单位 县财政局 责任单位 各乡（镇）政府 完成时限 2026年6月底前（2026-06-30）" in tasks[0]
    assert (
        "测试县财政局（牵头）：已完成 2026-06-20 权责清单已按新修订的法规调整并公开 测试县县级财政专项资金管理办法"
        in tasks[0]
    )
    assert "松林镇人民政府（责任）：已完成 2026-07-10 逾期完成" in tasks[0]
    assert "进行中 逾期" in tasks[1] and "完成时限 2026年9月底前（2026-09-30）" in tasks[1]
    assert (
        "测试县财政局（责任）：进行中 2026-08-01 逾期" in tasks[1] and "松林镇人民政府（责任）：未报送 逾期" in tasks[1]
    )
    assert "完成时限 长期坚持（长期）" in tasks[2] and "逾期" not in tasks[2]
    assert "未报送" in tasks[3] and "逾期" not in tasks[3]
    assert "<h2>一、加强权力配置信息公开</h2>" in html and "<h2>二、做好政策解读和年度报告</h2>" in html


def test_the_ledger_by_unit_and_by_status(site):
    index = text_of(site, "xxgk/gzqk/rwtz/")
    assert "4 项任务 已完成 1 项 逾期 1 项" in index
    assert "已完成 1 进行中 2 未开始 0 未报送 1 逾期 1" in index
    assert "测试县人民政府 2 项 测试县财政局 4 项 松林镇人民政府 3 项" in index
    town = text_of(site, f"xxgk/gzqk/rwtz/dw/{TOWN}/")
    assert "松林镇人民政府牵头或承担的任务共 3 项" in town
    assert "松林镇人民政府：未报送（逾期）" in town
    overdue = page(site, "xxgk/gzqk/rwtz/zt/yq/")
    assert overdue.count('<article class="xxgk-task"') == 1 and "任务 2" in plain(overdue)
    assert 'id="rw' not in overdue, "anchors only on the plan's page, where they are unique"


def test_the_pages_are_reached_from_the_column_the_units_and_the_plan(site):
    root = page(site, "xxgk/")
    assert 'href="gzqk/"' in root and 'href="gzqk/rwtz/"' in root
    unit = page(site, f"dw/{FINANCE}/")
    assert f'href="../../xxgk/gzqk/dw/{FINANCE}/">政务公开工作情况</a>' in unit
    assert f'href="../../xxgk/gzqk/rwtz/dw/{FINANCE}/">任务台账</a>' in unit
    plan = text_of(site, "doc/112399010000120008/2026-00001/")
    assert "任务台账：本文件部署 4 项任务，截至 2026-11-27 已完成 1 项，逾期 1 项。查看各项任务的分工和进展" in plan


def test_open_data_of_the_measures_and_the_ledger(site):
    rows = list(csv.DictReader(io.StringIO((site / "data/gzqk.csv").read_text(encoding="utf-8-sig"))))
    assert [row["单位"] for row in rows] == ["全县", "测试县人民政府", "测试县财政局", "松林镇人民政府"]
    finance = rows[2]
    assert (finance["发布信息数"], finance["逾期发布数"], finance["按时公开率"], finance["解读率"]) == (
        "10",
        "1",
        "90%",
        "66.7%",
    )
    assert (finance["权责清单更新日期"], finance["政务公开事项标准目录更新日期"], finance["待更新清单目录"]) == (
        "2026-03-01",
        "未注明",
        "政务公开事项标准目录",
    )
    assert (finance["年报情况"], finance["意见采纳情况公布率"], finance["逾期任务数"]) == ("按时发布", "50%", "1")
    data = json.loads((site / "data/gzqk.json").read_text(encoding="utf-8"))
    assert data["指标定义"] == DEFINITIONS and data["统计期"] == {"开始": "2026-01-01", "结束": "2026-11-27"}
    assert [row["单位"] for row in data["数据"]] == [row["单位"] for row in rows]
    sheet = openpyxl.load_workbook(site / "data/gzqk.xlsx").active
    assert [cell.value for cell in sheet[1]][:4] == ["单位", "统一社会信用代码", "发布信息数", "按时发布数"]
    assert sheet.max_row == 5
    ledger = list(csv.DictReader(io.StringIO((site / "data/rwtz.csv").read_text(encoding="utf-8-sig"))))
    assert [(row["序号"], row["单位"], row["分工"], row["状态"], row["逾期"]) for row in ledger] == [
        ("1", "测试县财政局", "牵头", "已完成", ""),
        ("1", "松林镇人民政府", "责任", "已完成", ""),
        ("2", "测试县财政局", "责任", "进行中", "是"),
        ("2", "松林镇人民政府", "责任", "未报送", "是"),
        ("3", "测试县人民政府", "牵头", "进行中", ""),
        ("3", "测试县财政局", "责任", "未报送", ""),
        ("4", "测试县人民政府", "牵头", "未报送", ""),
        ("4", "测试县财政局", "责任", "未报送", ""),
        ("4", "松林镇人民政府", "责任", "未报送", ""),
    ]
    assert ledger[0]["成果文件"] == "11239901000013480E/2026-00003" and ledger[0]["截止日期"] == "2026-06-30"
    data_page = text_of(site, "data/")
    assert "政务公开工作情况（逗号分隔的表格，CSV）" in data_page and "任务台账（Excel 表格，XLSX）" in data_page
    assert "逾期 截止日期已过" in data_page
