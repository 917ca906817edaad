"""办事指南 as units keep them (YAML, CSV or XLSX), checked cell by cell, kept current, and published
one printable page per service, in lists with a filter, and in the site search."""

import datetime as dt
import gzip
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from built import page, plain
from counties import SAMPLE
from test_registers import write_csv, write_xlsx
from xxgk.authoring.cli import main
from xxgk.checks.content import load_content
from xxgk.site.sections.service_guides import guide_key

FIXTURE = Path(__file__).parent / "fixtures" / "county"
ROOT = Path(__file__).parent.parent
HEADER = [
    "事项名称",
    "事项类型",
    "设定依据",
    "受理条件",
    "申请材料",
    "办理流程",
    "法定办结时限",
    "承诺办结时限",
    "收费标准",
    "办理地点",
    "办理时间",
    "咨询电话",
    "监督电话",
    "网上办理",
    "更新日期",
]
RELIEF = [
    "临时救助申请",
    "行政给付",
    "《社会救助暂行办法》第四十七条",
    "基本生活暂时出现严重困难的家庭",
    "临时救助申请书（原件1份）\n居民身份证（复印件1份）",
    "1. 申请\n2. 调查\n3. 审批",
    "10个工作日",
    "5个工作日",
    "不收费",
    "松林镇便民服务中心",
    "工作日 8:30—17:00",
    "0469-5826101",
    "0469-5826100",
    "",
    "2026-09-01",
]
SUBSIDY = [
    "耕地地力保护补贴发放",
    "行政给付",
    "《财政部 农业农村部关于实施农业支持保护补贴的通知》",
    "承包耕地的农户",
    "一卡通（复印件1份）",
    "1. 村级申报\n2. 镇级审核\n3. 县级发放",
    "30个工作日",
    "20个工作日",
    "不收费",
    "测试县财政局农财股",
    "工作日 8:30—17:00",
    "0469-5821305",
    "0469-5821300",
    "https://example.gov.cn/btcx",
    "2025-11-26",
]
YAML_GUIDE = """\
- 事项名称: 政府采购投诉处理
  事项类型: 行政裁决
  设定依据: 《中华人民共和国政府采购法》第五十六条
  受理条件: 对采购人、采购代理机构的质疑答复不满意的供应商
  申请材料: |
    投诉书（原件1份）
    质疑函和质疑答复（复印件各1份）
  办理流程: |
    1. 提交投诉书
    2. 受理
    3. 调查取证
    4. 作出处理决定
  法定办结时限: 30个工作日
  承诺办结时限: 25个工作日
  收费标准: 不收费
  办理地点: 测试县财政局政府采购股
  办理时间: 工作日 8:30—17:00
  咨询电话: "0469-5821301"
  监督电话: "0469-5821300"
  更新日期: 2026-06-30
"""


def check(day: str = "2026-11-27") -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--date", day])
    return result.exit_code, [line for line in result.output.splitlines() if "年报" not in line]


def guides(content: Path) -> dict[str, list[dict]]:
    loaded = load_content(content)
    assert loaded.errors == [], [str(p) for p in loaded.errors]
    return {r.unit.name: [row.values for row in r.rows] for r in loaded.registers if r.kind.name == "办事指南"}


def test_guides_are_read_from_yaml_csv_and_xlsx(content):
    folder = content / "办事指南"
    write_xlsx(folder / "松林镇人民政府.xlsx", [["序号"] + HEADER, ["1"] + RELIEF], title="松林镇办事指南")
    write_csv(folder / "测试县财政局.csv", [HEADER, SUBSIDY])
    (folder / "测试县人民政府办公室.yml").write_text(YAML_GUIDE, encoding="utf-8")
    found = guides(content)
    assert found["松林镇人民政府"][0]["申请材料"] == "临时救助申请书（原件1份）\n居民身份证（复印件1份）"
    assert found["测试县财政局"][0]["网上办理"] == "https://example.gov.cn/btcx"
    assert found["测试县人民政府办公室"][0]["更新日期"] == "2026-06-30", "a YAML date is kept as the date"
    assert found["测试县人民政府办公室"][0]["办理流程"].splitlines()[0] == "1. 提交投诉书"


def test_bad_rows_are_named_by_row_and_column(content):
    bad = list(SUBSIDY)
    bad[1], bad[4], bad[12], bad[14] = "行政补贴", "", 4695821300, "2026年3月"
    write_xlsx(content / "办事指南" / "测试县财政局.xlsx", [HEADER, RELIEF, bad])
    code, lines = check()
    assert code != 0
    path = "content/办事指南/测试县财政局.xlsx"
    assert lines == [
        f"{path}:3:B: 事项类型: 「行政补贴」不在事项类型词表中；相近的有：「行政许可」、「行政处罚」、「行政强制」；全部可选值：xxgk fields 事项类型",
        f"{path}:3:E: 申请材料: 必填，不能为空",
        f"{path}:3:M: 监督电话: 单元格是数字 4695821300，区号开头的 0 会丢失：请把这一列设为“文本”格式后重新输入，如 0469-5821001",
        f"{path}:3:O: 更新日期: 「2026年3月」不是有效日期：应写成 YYYY-MM-DD，如 2026-03-01",
        "Error: 发现 4 个错误",
    ], "every problem of the file at once, the good row 2 is not blamed"


def test_a_missing_column_and_a_repeated_name_are_errors(content):
    header = [name for name in HEADER if name != "受理条件"]
    write_csv(
        content / "办事指南" / "测试县财政局.csv", [header, [v for h, v in zip(HEADER, SUBSIDY) if h != "受理条件"]]
    )
    code, lines = check()
    assert code != 0 and any("缺少必填列「受理条件」" in line for line in lines)
    write_csv(content / "办事指南" / "测试县财政局.csv", [HEADER, SUBSIDY, SUBSIDY[:3] + ["另一种条件"] + SUBSIDY[4:]])
    code, lines = check()
    assert code != 0
    assert (
        "content/办事指南/测试县财政局.csv:3: 事项名称: 「耕地地力保护补贴发放」与第 2 行重名：同一单位的办事指南事项名称不能重复，"
        "请合并两行，或在名称中写明区别"
    ) in lines


def test_a_guide_not_updated_for_twelve_months_is_flagged(content):
    write_csv(content / "办事指南" / "测试县财政局.csv", [HEADER, SUBSIDY])  # 更新日期 2025-11-26
    assert check("2026-11-26")[1][0].startswith("检查通过"), "exactly twelve months is still current"
    code, lines = check("2026-11-27")
    assert code == 0, "a warning does not stop the build"
    assert lines[0] == (
        "content/办事指南/测试县财政局.csv:2: 警告: 更新日期: 「耕地地力保护补贴发放」的办事指南 2025-11-26 以来没有更新，"
        "已超过 12 个月：请核对依据、材料、时限和电话是否仍然准确，核对后把更新日期改为核对的日期"
    )


# -- the built site -------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from xxgk.adapters.mkdocs.build import build_site

    work = tmp_path_factory.mktemp("guides")
    content = work / "content"
    shutil.copytree(FIXTURE, content)
    write_xlsx(content / "办事指南" / "松林镇人民政府.xlsx", [HEADER, RELIEF])
    write_csv(content / "办事指南" / "测试县财政局.csv", [HEADER, SUBSIDY])
    (content / "办事指南" / "测试县人民政府办公室.yml").write_text(YAML_GUIDE, encoding="utf-8")
    build_site(content, work / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    return work / "site"


def test_each_guide_has_a_printable_page(site):
    url = f"bszn/11239901000013480E/{guide_key_of('耕地地力保护补贴发放')}/index.html"
    html = page(site, url)
    text = plain(html[html.index('<article class="xxgk-service-guide"') : html.index("</article>")])
    assert text.startswith(
        "耕地地力保护补贴发放 办事指南 行政给付 实施机关： 测试县财政局 更新日期： 2025-11-26 打印本指南"
    )
    for label in (
        "设定依据",
        "受理条件",
        "申请材料",
        "办理流程",
        "法定办结时限 30个工作日",
        "承诺办结时限 20个工作日",
        "收费标准 不收费",
        "办理地点 测试县财政局农财股",
        "监督电话 0469-5821300",
    ):
        assert label in text
    assert "1. 村级申报<br>2. 镇级审核" in html
    assert 'href="tel:0469-5821305"' in html and 'href="https://example.gov.cn/btcx"' in html
    assert "data-xxgk-print" in html


def guide_key_of(name: str) -> str:
    from xxgk.model.register_kinds import RegisterRow

    return guide_key(RegisterRow(0, {"事项名称": name}))


def test_the_county_list_links_every_guide_with_a_filter_by_type(site):
    html = page(site, "bszn/index.html")
    assert "测试县办事指南" in html
    for name in ("临时救助申请", "耕地地力保护补贴发放", "政府采购投诉处理"):
        assert f">{name}</a>" in html
    assert f'href="11239901000013480E/{guide_key_of("耕地地力保护补贴发放")}/"' in html
    assert re.search(r'<fieldset data-facet="0" data-name="事项类型">', html)
    units = html[html.index('<fieldset data-facet="1" data-name="单位">') :]
    units = units[: units.index("</fieldset>")]
    assert re.findall(r'data-value="([^"]*)"', units) == ["", "测试县人民政府办公室", "测试县财政局", "松林镇人民政府"]
    assert re.search(r'<tr id="r-[0-9a-f]{8}" data-f0="行政给付" data-f1="测试县财政局">', html), (
        "each row carries its unit for the filter"
    )
    assert 'id="xxgk-filter-q"' in html
    unit = page(site, "bszn/11239901000013480E/index.html")
    assert "耕地地力保护补贴发放" in unit and "临时救助申请" not in unit


def test_guides_are_found_by_the_site_search(site):
    fragments = (site / "pagefind" / "fragment").iterdir()
    text = b"".join(gzip.decompress(f.read_bytes()) for f in fragments).decode("utf-8", "replace")
    assert "耕地地力保护补贴发放办事指南" in text
    assert f"bszn/11239901000013480E/{guide_key_of('耕地地力保护补贴发放')}/" in text


def test_the_sample_county_has_a_dozen_guides_and_consultations_in_each_state():
    from xxgk.model.consultations import consultation_status, is_consultation

    loaded = load_content(SAMPLE, as_of=dt.date(2026, 11, 27))
    assert loaded.errors == []
    found = [r for r in loaded.registers if r.kind.name == "办事指南"]
    assert sum(len(r.rows) for r in found) == 12
    assert {r.path.suffix for r in found} == {".yml", ".csv", ".xlsx"}
    states = {consultation_status(d, dt.date(2026, 11, 27)).name for d in loaded.documents if is_consultation(d)}
    assert states == {"未开始", "征集中", "已结束"}


def test_each_material_shows_its_name_original_or_copy_and_number(site):
    html = page(site, f"bszn/112399010000164400/{guide_key_of('临时救助申请')}/index.html")
    table = html[html.index('<table class="xxgk-materials"') :]
    rows = [plain(row) for row in re.findall(r"<tr>(.*?)</tr>", table[: table.index("</table>")])]
    assert rows == ["材料名称 原件/复印件 份数 说明", "临时救助申请书 原件 1份", "居民身份证 复印件 1份"]
