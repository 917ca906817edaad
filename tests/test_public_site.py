"""What a citizen, a journalist and an auditor expect beyond the documents: the footer,
the 指南, 依申请公开, feeds, open data and the sitemap, in a build of the test county."""

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from built import page as read
from built import plain as text
from xxgk.adapters.mkdocs.build import build_site

TESTS = Path(__file__).parent
ROOT = TESTS.parent
PLAN = "doc/11239901000012370G/2026-00001/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("public")
    shutil.copytree(TESTS / "fixtures" / "county", work / "content")
    build_site(work / "content", work / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    return work / "site"


def footer(html: str) -> str:
    return html[html.index('<footer class="md-footer xxgk-footer">') : html.index("</footer>")]


@pytest.mark.parametrize("page", ["", PLAN, "xxgk/fdzdgknr/lb/a20-07/", "nb/", "staff/"])
def test_every_page_has_the_footer_from_the_site_configuration(site, page):
    html = footer(read(site, page))
    shown = re.sub(r"<[^>]+>", "", html)
    for item in (
        "主办单位：测试县人民政府办公室",
        "联系电话：0469-5820001",
        "电子邮箱：xxgk@example.gov.cn",
        "网站标识码：2399000002",
        "黑ICP备00000001号",
        "黑公网安备23990002000002号",
    ):
        assert item in shown, item
    assert '<a href="https://beian.miit.gov.cn/">黑ICP备00000001号</a>' in html
    assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=23990002000002"' in html
    for label in ("政府信息公开指南", "依申请公开", "开放数据和订阅", "网站地图"):
        assert f">{label}</a>" in html
    assert "Material for MkDocs" not in html
    assert "传真" not in shown, "an item not configured is left out"


def test_the_badge_slot_shows_the_configured_image(tmp_path):
    shutil.copytree(TESTS / "fixtures" / "county", tmp_path / "content")
    with (tmp_path / "content" / "站点.yml").open("a", encoding="utf-8") as config:
        config.write("党政机关网站标识: {图片: assets/dzjg-placeholder.svg, 链接: 'https://bszs.conac.cn/'}\n")
    build_site(tmp_path / "content", tmp_path / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    html = footer(read(tmp_path / "site", "xxgk/"))
    assert '<a href="https://bszs.conac.cn/"><img src="../assets/dzjg-placeholder.svg" alt="党政机关网站标识"' in html


def test_the_county_guide_gives_what_article_12_requires(site):
    html = read(site, "xxgk/zn/")
    shown = text(html)
    # the classification and arrangement of the information: the four columns, every category
    for column in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"):
        assert f">{column}</a>" in html
    assert 'href="../fdzdgknr/lb/a20-15/"' in html and 'href="../fdzdgknr/lb/a21-czcl/"' in html
    # how to obtain it, and the deadlines
    assert "https://xxgk.example.gov.cn/" in shown and "20个工作日" in shown
    assert 'href="../../ysqgk/sqb/"' in html and 'href="../../ysqgk/政府信息公开申请表.docx"' in html
    # the disclosure office, as 站点.yml names it
    office = " " + text(html[html.index('<table class="xxgk-meta xxgk-meta--office">') :]) + " "
    for label, value in [
        ("名称", "测试县人民政府办公室"),
        ("办公地址", "测试县人民大街1号"),
        ("邮政编码", "155901"),
        ("办公时间", "工作日 8:30—11:30，13:30—17:00"),
        ("联系电话", "0469-5820001"),
        ("传真", "0469-5820009"),
        ("电子邮箱", "xxgk@example.gov.cn"),
    ]:
        assert f" {label} {value} " in office, label
    # the 指南 documents staff published are still listed below it
    assert "测试县人民政府信息公开指南" in shown


def test_a_unit_guide_names_its_own_office_from_the_registry(site):
    html = read(site, "dw/112399010000120008/zn/")
    assert "<h1>测试县人民政府 · 政府信息公开指南</h1>" in html
    office = " " + text(html[html.index('<table class="xxgk-meta xxgk-meta--office">') : html.index("</table>")]) + " "
    assert " 名称 测试县人民政府 " in office and " 办公地址 测试县人民大街1号 " in office
    assert " 联系电话 0469-5820000 " in office and " 传真 0469-5820008 " in office
    assert " 邮政编码 155901 " in office and " 电子邮箱 xzf@example.gov.cn " in office
    assert "申请人可以当面提交、邮寄、传真或者通过电子邮件提交书面申请" in text(html)
    assert "代为受理" not in text(html)
    assert 'href="../fdzdgknr/"' in html and 'href="../atom.xml"' in html


def test_a_unit_whose_requests_another_office_receives_says_so_and_gives_that_office(site):
    html = read(site, "dw/112399010000164400/zn/")
    assert "松林镇人民政府的政府信息公开申请由 测试县人民政府办公室 代为受理，转松林镇人民政府办理并答复" in text(html)
    office = " " + text(html[html.index('<table class="xxgk-meta xxgk-meta--office">') : html.index("</table>")]) + " "
    assert " 名称 测试县人民政府办公室 " in office and " 传真 0469-5820009 " in office
    assert " 电子邮箱 xxgk@example.gov.cn " in office and " 邮政编码 155901 " in office
    shown = text(read(site, "ysqgk/"))
    assert "松林镇人民政府 由测试县人民政府办公室代为受理： 地址 测试县人民大街1号（邮编 155901）" in shown


def test_staff_prose_is_added_to_the_county_guide(tmp_path):
    shutil.copytree(TESTS / "fixtures" / "county", tmp_path / "content")
    with (tmp_path / "content" / "站点.yml").open("a", encoding="utf-8") as config:
        config.write("指南说明: |\n  本指南每年**一月**更新。\n")
    build_site(tmp_path / "content", tmp_path / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    html = read(tmp_path / "site", "xxgk/zn/")
    assert "四、其他说明" in html and "<p>本指南每年<strong>一月</strong>更新。</p>" in html
    assert "四、其他说明" not in read(tmp_path / "site", "dw/112399010000120008/zn/")


def test_the_application_page_explains_deadlines_replies_and_where_to_send(site):
    shown = text(read(site, "ysqgk/"))
    assert "20个工作日 内予以答复" in shown and "不超过20个工作日" in shown
    assert "告知该信息不存在" in shown and "不予重复处理" in shown  # the reply types of art. 36
    for unit in ("测试县人民政府", "测试县人民政府办公室", "测试县财政局", "松林镇人民政府"):
        assert f"{unit} " in shown
    assert "测试县人民政府办公室（县政府政府信息公开工作机构）" in shown and "155901" in shown


def test_the_application_form_has_the_fields_the_regulation_asks_for(site):
    from xxgk.site.outputs.application_form import FORM

    html = read(site, "ysqgk/sqb/")
    labels = re.findall(r'<label class="xxgk-form__label" for="([^"]+)">([^<]+)</label>', html)
    ids = re.findall(r'<(?:input|textarea) id="(sqb-[^"]+)"', html)
    assert [i for i, _ in labels] == ids, "every text field has its label"
    names = {name for _, name in labels}
    assert {
        "姓名",
        "证件号码",
        "联系电话",
        "名称",
        "统一社会信用代码",
        "政府信息的名称",
        "文件编号（文号）",
        "其他特征性描述",
        "受理机关",
    } <= names
    assert re.findall(r'value="([^"]+)"', html)[:3] == ["纸质文本", "电子文本", "其他"]
    form = html[html.index('<form class="xxgk-form"') : html.index("</form>", html.index('<form class="xxgk-form"'))]
    assert "action=" not in form and 'type="submit"' not in form, "nothing is sent anywhere"
    assert len(ids) + 2 == sum(len(section.fields) for section in FORM)  # two groups of tick boxes


def test_the_form_downloads_as_a_fillable_word_document(site):
    import docx

    from xxgk.site.outputs.application_form import FORM

    word = docx.Document(site / "ysqgk" / "政府信息公开申请表.docx")
    tags = [t.get(docx.oxml.ns.qn("w:val")) for t in word.element.body.iter(docx.oxml.ns.qn("w:tag"))]
    fields = [f for section in FORM for f in section.fields]
    expected = [choice for f in fields for choice in (f.choices or (f.label,))]
    assert tags == expected, "a content control to type into for each field, a check box for each choice"
    labels = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert {f.label for f in fields} <= set(labels)
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert word.paragraphs[0].text == "测试县政府信息公开申请表"
