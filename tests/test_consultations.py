"""意见征集: a draft put to the public, its status from the build date, its feedback and decision,
the warnings `xxgk check` gives, and the Atom feed and calendar people subscribe to."""

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from built import page, plain
from xxgk.authoring.cli import main
from xxgk.checks.content import load_content
from xxgk.model.consultations import consultation_status

FIXTURE = Path(__file__).parent / "fixtures" / "county"
ROOT = Path(__file__).parent.parent
FINANCE = "11239901000013480E"
DRAFT = f"{FINANCE}/2026-00101"
ATOM = "{http://www.w3.org/2005/Atom}"


def write(content: Path, name: str, serial: str, published: str, body: str = "正文。", **fields) -> Path:
    lines = [
        f"标题: {name}",
        f'索引号: "{FINANCE}/{serial}"',
        "发布机构: 测试县财政局",
        f"成文日期: {published}",
        f"发布日期: {published}",
        "信息类别: 财政预算、决算信息",
        "主题分类: 财政、金融、审计",
    ] + [f"{key}: {value}" for key, value in fields.items()]
    path = content / "财政局" / f"{name}.md"
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body + "\n", encoding="utf-8")
    return path


def draft(content: Path, opens="2026-11-01", closes="2026-11-30", **fields) -> Path:
    return write(
        content,
        "测试县惠民资金管理办法（征求意见稿）",
        "2026-00101",
        opens,
        征集开始=opens,
        征集截止=closes,
        意见邮箱="czj@example.gov.cn",
        意见地址="测试县人民大街1号县财政局，邮编 155901",
        意见电话="0469-5820101",
        **fields,
    )


def check(day: str):
    result = CliRunner().invoke(main, ["check", "--date", day])
    return result.exit_code, [line for line in result.output.splitlines() if "年报" not in line]


@pytest.mark.parametrize(
    "day, status",
    [
        ("2026-10-31", "未开始"),
        ("2026-11-01", "征集中（剩余30天）"),
        ("2026-11-29", "征集中（剩余2天）"),
        ("2026-11-30", "征集中（今天截止）"),
        ("2026-12-01", "已结束"),
    ],
)
def test_the_status_follows_the_build_date_around_each_boundary(content, day, status):
    draft(content)
    loaded = load_content(content)
    document = next(d for d in loaded.documents if str(d.index_number) == DRAFT)
    assert consultation_status(document, dt.date.fromisoformat(day)).label == status


def test_a_deadline_before_the_start_or_a_missing_date_is_an_error(content):
    draft(content, opens="2026-11-10", closes="2026-11-09")
    code, lines = check("2026-11-27")
    assert code != 0
    assert "征集截止: 征集截止 2026-11-09 早于征集开始 2026-11-10" in "\n".join(lines)
    path = draft(content)
    path.write_text(path.read_text(encoding="utf-8").replace("征集截止: 2026-11-30\n", ""), encoding="utf-8")
    code, lines = check("2026-11-27")
    assert code != 0
    assert "征集截止: 写了征集开始却缺少征集截止：意见征集要同时写明开始和截止日期" in "\n".join(lines)


def test_a_short_period_without_a_reason_is_warned_about(content):
    draft(content, opens="2026-11-01", closes="2026-11-20")
    code, lines = check("2026-11-05")
    assert code == 0
    assert lines[0] == (
        "content/财政局/测试县惠民资金管理办法（征求意见稿）.md:10: 警告: 征集截止: 征集期限只有 20 天，少于 30 天："
        "公开征求意见的期限一般不少于 30 天，确需缩短的请在 征集期限说明 中写明理由"
    )
    draft(content, opens="2026-11-01", closes="2026-11-20", 征集期限说明="落实上级紧急部署，经县政府同意缩短")
    assert check("2026-11-05")[1][0].startswith("检查通过")


def test_a_closed_consultation_without_feedback_is_warned_about_after_the_configured_days(content):
    draft(content)
    assert check("2026-12-30")[1][0].startswith("检查通过"), "30 days after closing is still in time"
    assert check("2026-12-31")[1][0] == (
        "content/财政局/测试县惠民资金管理办法（征求意见稿）.md:10: 警告: 意见征集已于 2026-11-30 截止，31 天来还没有公布"
        f'意见采纳情况（期限 30 天）：请发布意见采纳情况，并在其中写 意见征集: ["{DRAFT}"]'
    )
    with (content / "站点.yml").open("a", encoding="utf-8") as config:
        config.write("意见征集:\n  反馈期限天数: 60\n  最短征集天数: 10\n")
    assert check("2026-12-31")[1][0].startswith("检查通过")
    write(content, "测试县惠民资金管理办法征求意见采纳情况", "2026-00102", "2026-12-20", 意见征集=f'["{DRAFT}"]')
    assert check("2027-03-01")[1][0].startswith("检查通过"), "the feedback was published"


def test_a_misconfigured_rule_names_the_key(content):
    with (content / "站点.yml").open("a", encoding="utf-8") as config:
        config.write("意见征集:\n  反馈期限: 60\n  最短征集天数: 三十\n")
    code, lines = check("2026-11-27")
    assert code != 0
    text = "\n".join(lines)
    assert "意见征集: 未知的配置项「反馈期限」" in text
    assert "意见征集: 最短征集天数应为 0 到 365 之间的整数（现为 '三十'）" in text


def test_feedback_must_name_a_consultation(content):
    write(content, "采纳情况", "2026-00102", "2026-12-20", 意见征集=f'["{FINANCE}/2026-00001"]')
    code, lines = check("2026-12-27")
    assert code != 0
    assert (
        f"意见征集: {FINANCE}/2026-00001（content/财政局/预算.md）不是意见征集：它没有征集开始和征集截止，请核对索引号"
        in "\n".join(lines)
    )


# -- the built site -------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """On 2026-11-27: one open consultation, one closed with feedback and a decision, one closed without, one to come."""
    from xxgk.adapters.mkdocs.build import build_site

    work = tmp_path_factory.mktemp("consultations")
    content = work / "content"
    shutil.copytree(FIXTURE, content)
    draft(content)  # open until 2026-11-30
    write(
        content,
        "测试县农机购置补贴实施方案（征求意见稿）",
        "2026-00103",
        "2026-08-01",
        征集开始="2026-08-01",
        征集截止="2026-08-31",
    )
    write(
        content,
        "测试县农机购置补贴实施方案征求意见采纳情况",
        "2026-00104",
        "2026-09-10",
        意见征集=f'["{FINANCE}/2026-00103"]',
        body="共收到意见12条，采纳8条；未采纳的4条及理由如下。",
    )
    write(content, "测试县农机购置补贴实施方案", "2026-00105", "2026-09-20", 征求意见=f'["{FINANCE}/2026-00103"]')
    write(
        content,
        "测试县殡葬管理办法（征求意见稿）",
        "2026-00106",
        "2026-10-01",
        征集开始="2026-10-01",
        征集截止="2026-10-31",
    )
    write(
        content,
        "测试县供水价格调整方案（征求意见稿）",
        "2026-00107",
        "2026-11-20",
        征集开始="2026-12-01",
        征集截止="2026-12-31",
    )
    build_site(content, work / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    return work / "site"


def section(html: str, heading: str) -> str:
    start = html.index(f"<h2>{heading}")
    return plain(html[start : html.index("</section>", start)])


def test_the_consultation_page_lists_open_ones_first(site):
    html = page(site, "yjzj/index.html")
    headings = re.findall(r"<h2>(\S+) <span", html)
    assert headings == ["征集中", "未开始", "已结束"]
    assert "测试县惠民资金管理办法（征求意见稿） 征集中（剩余4天）" in section(html, "征集中")
    assert "测试县供水价格调整方案（征求意见稿） 未开始" in section(html, "未开始")
    closed = section(html, "已结束")
    # newest closed first; one has its feedback, the other says it is still due
    assert closed.index("殡葬管理办法") < closed.index("农机购置补贴")
    assert "2026-10-31 意见采纳情况待公布" in closed
    assert "2026-08-31 意见采纳情况" in closed


def test_the_home_page_shows_only_open_consultations(site):
    home = section(page(site, "index.html"), "正在征求意见")
    assert "测试县惠民资金管理办法（征求意见稿）" in home
    assert "供水价格" not in home and "农机" not in home


def test_an_open_consultation_says_how_to_comment(site):
    html = page(site, f"doc/{DRAFT}/index.html")
    box = plain(html[html.index('<aside class="xxgk-consultation-box"') :])
    assert box.startswith("意见征集： 征集中（剩余4天） 征集期 2026-11-01 至 2026-11-30 （截止当天仍可提交）")
    assert "电子邮箱： czj@example.gov.cn" in box and "电话： 0469-5820101" in box
    assert "邮寄或当面提交：测试县人民大街1号县财政局，邮编 155901" in box
    assert 'href="mailto:czj@example.gov.cn"' in html


def test_consultation_feedback_and_decision_link_both_ways(site):
    consultation = page(site, f"doc/{FINANCE}/2026-00103/index.html")
    feedback = page(site, f"doc/{FINANCE}/2026-00104/index.html")
    decision = page(site, f"doc/{FINANCE}/2026-00105/index.html")
    box = plain(consultation[consultation.index('<aside class="xxgk-consultation-box"') :])
    assert "意见采纳情况： 测试县农机购置补贴实施方案征求意见采纳情况" in box
    assert "征求意见后形成的文件： 测试县农机购置补贴实施方案" in box
    assert "提交意见的方式" not in box, "a closed consultation no longer asks for comments"
    assert "../2026-00104/" in consultation and "../2026-00105/" in consultation
    assert "<h2>反馈的意见征集</h2>" in feedback and "../2026-00103/" in feedback
    assert "<h2>出台前的意见征集</h2>" in decision and "../2026-00103/" in decision


def test_the_atom_feed_lists_the_consultations(site):
    feed = ET.parse(site / "yjzj/atom.xml").getroot()
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == [
        "测试县供水价格调整方案（征求意见稿）",
        "测试县惠民资金管理办法（征求意见稿）",
        "测试县殡葬管理办法（征求意见稿）",
        "测试县农机购置补贴实施方案（征求意见稿）",
    ]
    assert 'href="atom.xml"' in page(site, "yjzj/index.html")


def test_the_calendar_holds_the_deadlines_still_to_come(site):
    calendar = icalendar.Calendar.from_ical((site / "yjzj/jiezhi.ics").read_bytes())
    events = {
        str(e["summary"]): (e.decoded("dtstart"), e.decoded("dtend"), str(e["url"])) for e in calendar.walk("VEVENT")
    }
    assert events == {
        "意见征集截止：测试县惠民资金管理办法（征求意见稿）": (
            dt.date(2026, 11, 30),
            dt.date(2026, 12, 1),
            f"https://xxgk.example.gov.cn/doc/{DRAFT}/",
        ),
        "意见征集截止：测试县供水价格调整方案（征求意见稿）": (
            dt.date(2026, 12, 31),
            dt.date(2027, 1, 1),
            f"https://xxgk.example.gov.cn/doc/{FINANCE}/2026-00107/",
        ),
    }
    assert 'href="jiezhi.ics"' in page(site, "yjzj/index.html")


def test_comments_can_be_written_on_a_printable_form_or_a_word_document(site):
    import docx

    from xxgk.site.sections.consultations import FEEDBACK_FORM

    html = page(site, "yjzj/fkb/index.html")
    labels = [name for _, name in re.findall(r'<label class="xxgk-form__label" for="([^"]+)">([^<]+)</label>', html)]
    assert labels == [f.label for section in FEEDBACK_FORM for f in section.fields]
    assert "打印意见反馈表" in html and 'href="意见反馈表.docx"' in html
    form = html[html.index('<form class="xxgk-form"') : html.index("</form>")]
    assert "action=" not in form, "the site stays static: nothing is sent anywhere"
    word = docx.Document(site / "yjzj" / "fkb" / "意见反馈表.docx")
    tags = [t.get(docx.oxml.ns.qn("w:val")) for t in word.element.body.iter(docx.oxml.ns.qn("w:tag"))]
    assert tags == labels, "a field to type into for each label"
    assert word.paragraphs[0].text == "测试县意见反馈表"
    assert (round(word.sections[0].page_width.mm), round(word.sections[0].page_height.mm)) == (210, 297)
    open_page = page(site, f"doc/{DRAFT}/index.html")
    assert 'href="../../../yjzj/fkb/"' in open_page
