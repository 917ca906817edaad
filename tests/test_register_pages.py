"""The registers on the site: a page per unit and one for the county, their downloads, and the
filter a citizen uses on a phone, at 3,000 rows; the 机构职能目录 and the 制度文件汇编 beside them."""

import csv
import datetime as dt
import html
import io
import re
import shutil
import time
from pathlib import Path

import openpyxl
import pytest

from built import page, plain
from test_registers import CHECK, PERMIT, POWERS_HEADER, write_csv, write_xlsx
from xxgk.adapters.mkdocs.build import build_site

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FINANCE, OFFICE, TOWN = "11239901000013480E", "11239901000012370G", "112399010000164400"
TYPES = [
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政征收",
    "行政给付",
    "行政检查",
    "行政确认",
    "行政奖励",
    "行政裁决",
    "其他行政权力",
    "公共服务",
]
MANY = 3000


def many_rows() -> list[list[str]]:
    """松林镇's 3,000 items: item n has type n mod 11 and says 第n项 in its name."""
    return [
        [
            str(n),
            f"ZX-{n:04d}",
            f"松林镇第{n}项{TYPES[n % 11]}事项",
            TYPES[n % 11],
            f"《中华人民共和国村民委员会组织法》第{n % 40 + 1}条",
            "松林镇人民政府",
            "党政综合办公室",
            "1.受理责任。\n2.审查责任。\n3.决定责任。",
            "不履行或不正确履行职责的，依法追究责任",
            "0469-5860001",
        ]
        for n in range(1, MANY + 1)
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("registers")
    content = work / "content"
    shutil.copytree(TESTS / "fixtures" / "county", content)
    write_csv(content / "权责清单" / "测试县财政局.csv", [POWERS_HEADER, PERMIT, CHECK])
    write_xlsx(
        content / "权责清单" / "测试县人民政府办公室.xlsx",
        [
            POWERS_HEADER,
            [
                "1",
                "GF-001",
                "政府信息公开申请答复",
                "公共服务",
                "《中华人民共和国政府信息公开条例》第三十三条",
                "测试县人民政府办公室",
                "政务公开办",
                "按期答复申请",
                "逾期不答复的，依法追究责任",
                "0469-5820001、12345",
            ],
        ],
    )
    write_csv(content / "权责清单" / "松林镇人民政府.csv", [POWERS_HEADER] + many_rows())
    (content / "标准目录").mkdir()
    (content / "标准目录" / "松林镇人民政府.yml").write_text(
        """\
- 领域: 社会救助
  一级事项: 临时救助
  二级事项: 临时救助审批结果
  公开内容（要素）: 救助对象、救助金额
  公开依据: 《社会救助暂行办法》
  公开时限: 信息形成或者变更之日起20个工作日内
  公开主体: 松林镇人民政府
  公开渠道和载体: 政府网站、社区/企事业单位/村公示栏（电子屏）
  公开对象: 全社会
  公开方式: 主动
  公开层级: 乡级
- 领域: 社会救助
  一级事项: 最低生活保障
  二级事项: 低保申请条件和程序
  公开内容（要素）: 申请条件、所需材料、办理流程
  公开依据: 《社会救助暂行办法》
  公开时限: 信息形成或者变更之日起20个工作日内
  公开主体: 松林镇人民政府
  公开渠道和载体: 政府网站、便民服务站
  公开对象: 特定群体
  公开方式: 主动、依申请
  公开层级: 县级、乡级
""",
        encoding="utf-8",
    )
    registry = (content / "单位.yml").read_text(encoding="utf-8")
    offices = (
        '    统一社会信用代码: "11239901000013480E"\n    内设机构:\n'
        "      - 名称: 办公室\n        职责: 负责机关日常运转和政务公开工作。\n      - 预算股\n"
    )
    (content / "单位.yml").write_text(
        registry.replace('    统一社会信用代码: "11239901000013480E"\n', offices), encoding="utf-8"
    )
    rules = content / "县政府办公室" / "2026" / "保密审查制度.md"
    rules.write_text(
        rules.read_text(encoding="utf-8") + "\n## 第二章 审查程序\n\n第二条 先审查、后公开。"
        "见[工作要点](工作要点.md)。<script>alert(1)</script>\n",
        encoding="utf-8",
    )
    build_site(content, work / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    return work / "site"


def cell_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment.replace("<br>", "\n"))).strip()


def table_rows(markup: str) -> list[dict[str, str]]:
    """Each row of a register table as {column: text}, the folded details included."""
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", markup[markup.index("<tbody>") :], re.S):
        values = {}
        for label, content in re.findall(r'<td data-label="([^"]+)"[^>]*>(.*?)</td>', row, re.S):
            summary = re.search(r"<summary>(.*?)</summary><dl>(.*?)</dl>", content, re.S)
            if summary:
                values[label] = cell_text(summary[1])
                pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", summary[2], re.S)
                values.update({cell_text(term): cell_text(text) for term, text in pairs})
            else:
                values[label] = "" if cell_text(content) == "—" else cell_text(content)
        del values["序号"]
        rows.append(values)
    return rows


def csv_dicts(raw: bytes) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    return [{key: value for key, value in zip(rows[0], row) if value} for row in rows[1:]]


def xlsx_dicts(path: Path) -> list[dict[str, str]]:
    rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))
    return [{key: value for key, value in zip(rows[0], row) if value} for row in rows[1:]]


# -- the pages and their downloads ------------------------------------------------------------


def test_a_unit_page_shows_its_items_and_the_county_page_everyone_s(site):
    finance = table_rows(page(site, f"qzqd/{FINANCE}"))
    assert [row["事项名称"] for row in finance] == ["政府采购代理机构备案", "会计信息质量检查"]
    assert finance[0]["责任事项"] == "1.受理责任：公示所需材料。\n2.审查责任：审查申请材料。"
    county = table_rows(page(site, "qzqd"))
    assert len(county) == MANY + 3
    # Units in the registry's order: the office, the finance bureau, then the town.
    assert [row["单位"] for row in county[:3]] == ["测试县人民政府办公室", "测试县财政局", "测试县财政局"]


@pytest.mark.parametrize(
    "address, name",
    [
        (f"qzqd/{FINANCE}", "测试县财政局权责清单"),
        (f"qzqd/{OFFICE}", "测试县人民政府办公室权责清单"),
        ("qzqd", "测试县权责清单"),
        (f"bzml/{TOWN}", "松林镇人民政府政务公开事项标准目录"),
        ("bzml", "测试县政务公开事项标准目录"),
    ],
)
def test_the_downloads_hold_exactly_what_the_page_shows(site, address, name):
    shown = table_rows(page(site, address))
    raw = (site / address / f"{name}.csv").read_bytes()
    downloaded = csv_dicts(raw)
    if "单位" not in shown[0]:  # a unit's page does not repeat the unit in every row
        downloaded = [{k: v for k, v in row.items() if k != "单位"} for row in downloaded]
    assert downloaded == [{k: v for k, v in row.items() if v} for row in shown]
    assert csv_dicts(raw) == xlsx_dicts(site / address / f"{name}.xlsx")
    assert f'href="{name}.xlsx" download' in page(site, address)


def test_phone_numbers_can_be_called(site):
    office = page(site, f"qzqd/{OFFICE}")
    assert '<a href="tel:0469-5820001">0469-5820001</a>、<a href="tel:12345">12345</a>' in office


def test_counts_per_type_are_on_the_page_without_javascript(site):
    markup = page(site, "qzqd")
    assert f"共 <strong>{MANY + 3}</strong> 项。" in markup
    counts = dict(part.rsplit(" ", 1) for part in re.search(r"<p>按事项类型：(.*?) 项</p>", markup)[1].split(" 项；"))
    town = {name: sum(1 for n in range(1, MANY + 1) if n % 11 == i) for i, name in enumerate(TYPES)}
    assert int(counts["行政许可"]) == town["行政许可"] + 1 and int(counts["行政检查"]) == town["行政检查"] + 1
    assert int(counts["公共服务"]) == town["公共服务"] + 1
    assert '<form class="xxgk-filter" role="search" aria-label="筛选权责清单" hidden>' in markup
    catalogue = page(site, "bzml")
    assert (
        "<p>按公开方式：主动 2 项；依申请 1 项</p>" in catalogue
        and "<p>按公开层级：县级 1 项；乡级 2 项</p>" in catalogue
    )


def test_the_registers_are_reached_from_the_units_and_the_section_page(site):
    unit = page(site, f"dw/{TOWN}")
    assert (
        f'<a href="../../qzqd/{TOWN}/">权责清单</a>' in unit
        and f'<a href="../../bzml/{TOWN}/">政务公开事项标准目录</a>' in unit
    )
    assert (
        "权责清单"
        not in re.sub(r"<nav.*?</nav>", "", page(site, "dw/112399010000120008"), flags=re.S).split("机构概况")[0]
    )
    hub = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page(site, "ml")))
    assert f"权责清单 3 个单位，{MANY + 3} 项" in hub and "政务公开事项标准目录 1 个单位，2 项" in hub


# -- 机构职能目录 and 制度文件汇编 ------------------------------------------------------------------


def test_each_register_says_which_units_have_not_published_it(site):
    """The county has three units besides the county government: all three published a 权责清单,
    only the 松林镇 a 标准目录, nobody a 办事指南, and the 县政府办公室 alone has 制度 documents."""
    assert "已发布 3 / 3 个单位。 权责清单完成情况" in plain(page(site, "qzqd/"))
    catalogue = page(site, "bzml/")
    assert "已发布 1 / 3 个单位，未发布：测试县人民政府办公室、测试县财政局。 政务公开事项标准目录完成情况" in plain(
        catalogue
    )
    assert '<a href="wcqk/">政务公开事项标准目录完成情况</a>' in catalogue
    assert "已发布 0 / 3 个单位，未发布：测试县人民政府办公室、测试县财政局、松林镇人民政府。" in plain(
        page(site, "bszn/")
    )
    assert "已发布 1 / 3 个单位，未发布：测试县财政局、松林镇人民政府。 制度文件汇编完成情况" in plain(
        page(site, "xxgk/zd/")
    )

    shown = plain(page(site, "bzml/wcqk/"))
    assert "应发布政务公开事项标准目录的 3 个单位中，已发布 1 个，未发布 2 个。测试县人民政府本级不单独计入。" in shown
    assert "未发布的单位（2 个） 测试县人民政府办公室 县政府部门 测试县财政局 县政府部门 已发布的单位（1 个）" in shown
    assert "松林镇人民政府政务公开事项标准目录 2 项" in shown
    html = page(site, "bzml/wcqk/")
    assert f'<a href="../../dw/{FINANCE}/">测试县财政局</a>' in html
    assert f'<a href="../{TOWN}/">松林镇人民政府政务公开事项标准目录</a>' in html
    assert "单位名册中的各单位均已发布权责清单。" in plain(page(site, "qzqd/wcqk/"))
    assert "尚无单位发布办事指南。" in plain(page(site, "bszn/wcqk/"))
    compilations = page(site, "zdhb/wcqk/")
    assert f'<a href="../{OFFICE}/">测试县人民政府办公室制度文件汇编</a>' in compilations
    hub = plain(page(site, "ml/"))
    assert "完成情况 ：已发布 1 / 3 个单位" in hub and "制度文件汇编 1 个单位" in hub


def test_a_unit_page_shows_its_internal_offices(site):
    unit = page(site, f"dw/{FINANCE}")
    assert "<h2>内设机构</h2>" in unit
    assert "<dt>办公室</dt><dd>负责机关日常运转和政务公开工作。</dd><dt>预算股</dt>" in unit


def test_the_county_directory_lists_every_unit_and_downloads(site):
    directory = page(site, "jgzn")
    names = re.findall(r'<td data-label="机构名称"[^>]*><a href="([^"]+)">([^<]+)</a>', directory)
    assert [name for _, name in names] == ["测试县人民政府", "测试县人民政府办公室", "测试县财政局", "松林镇人民政府"]
    assert names[2][0] == f"../dw/{FINANCE}/#jgzn"
    assert '<a href="tel:0469-5820000">0469-5820000</a>' in directory
    rows = csv_dicts((site / "jgzn" / "测试县机构职能目录.csv").read_bytes())
    assert rows[2]["内设机构"] == "办公室：负责机关日常运转和政务公开工作。\n预算股"
    assert rows == xlsx_dicts(site / "jgzn" / "测试县机构职能目录.xlsx")


def test_a_unit_s_rules_are_compiled_on_one_page(site):
    compilation = page(site, f"zdhb/{OFFICE}")
    assert "<h1>测试县人民政府办公室政府信息公开制度汇编</h1>" in compilation
    assert '<h2 id="doc-1">测试县政府信息公开保密审查制度</h2>' in compilation
    assert "第一条 为规范政府信息公开保密审查工作" in compilation
    assert ">第二章 审查程序</h3>" in compilation, "the document's own headings sit below its title"
    assert '<a href="../../doc/11239901000012370G/2026-00003/">查看原文页面</a>' in compilation
    assert '<a href="../../doc/11239901000012370G/2026-00001/">工作要点</a>' in compilation, "body links follow"
    assert "<script>" not in compilation.split("查看原文页面")[1].split("</article>")[0], "cleaned as documents are"
    assert f'<a href="../../zdhb/{OFFICE}/">制度文件汇编</a>' in page(site, f"dw/{OFFICE}")
    assert not (site / f"zdhb/{FINANCE}").exists(), "only units that have rules"


# -- in a phone's browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium(site):
    from browser import browser, chromium_path, serve

    chromium_path()
    with serve(site) as base, browser() as instance:
        yield base, instance


@pytest.fixture(scope="module")
def phone(chromium):
    base, instance = chromium
    context = instance.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    yield base, context.new_page()
    context.close()


def visible_rows(tab) -> int:
    return tab.eval_on_selector_all("tbody tr", "rows => rows.filter(r => !r.hidden).length")


def test_on_a_phone_the_filter_narrows_3000_rows_quickly(phone):
    base, tab = phone
    tab.goto(f"{base}qzqd/{TOWN}/")
    tab.wait_for_selector(".xxgk-filter:not([hidden])")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360, "nothing wider than the screen"
    assert tab.text_content(".xxgk-filter__status") == f"共 {MANY} 项"
    started = time.perf_counter()
    tab.fill("#xxgk-filter-q", "第12")
    tab.wait_for_selector(".xxgk-filter__status:text-matches('^显示')")
    elapsed = time.perf_counter() - started
    expected = sum(1 for n in range(1, MANY + 1) if "第12" in f"第{n}项" or "第12" in f"第{n % 40 + 1}条")
    assert tab.text_content(".xxgk-filter__status") == f"显示 {expected} 项（共 {MANY} 项）"
    assert visible_rows(tab) == expected
    assert elapsed < 3, f"filtering 3,000 rows took {elapsed:.1f} s"
    # The type buttons count what they would show; choosing one narrows further.
    permits = sum(
        1 for n in range(1, MANY + 1) if n % 11 == 0 and ("第12" in f"第{n}项" or "第12" in f"第{n % 40 + 1}条")
    )
    button = tab.locator("fieldset[data-name=事项类型] button[data-value=行政许可]")
    assert button.text_content() == f"行政许可 {permits}"
    button.click()
    assert visible_rows(tab) == permits and button.get_attribute("aria-pressed") == "true"
    assert "q=%E7%AC%AC12" in tab.url and "%E4%BA%8B%E9%A1%B9%E7%B1%BB%E5%9E%8B=" in tab.url


def test_a_filtered_address_opens_filtered(phone):
    base, tab = phone
    tab.goto(f"{base}qzqd/?q=第2999项")
    tab.wait_for_selector(".xxgk-filter:not([hidden])")
    assert visible_rows(tab) == 1
    assert tab.input_value("#xxgk-filter-q") == "第2999项"
    tab.fill("#xxgk-filter-q", "没有这个事项")
    tab.wait_for_selector(".xxgk-filter__none:not([hidden])")


def test_without_javascript_every_row_is_there(chromium):
    base, instance = chromium
    context = instance.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto(f"{base}qzqd/")
    assert visible_rows(tab) == MANY + 3
    assert not tab.is_visible(".xxgk-filter") and tab.is_visible(".xxgk-register__counts")
    context.close()


def test_the_site_search_finds_an_item_s_register(phone):
    base, tab = phone
    tab.goto(f"{base}search/?q=政府信息公开申请答复")
    tab.wait_for_selector(".xxgk-results__summary")
    titles = tab.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)")
    assert titles == ["测试县人民政府办公室权责清单"]
