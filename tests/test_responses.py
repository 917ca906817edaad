"""解读回应 beyond the interpretations, as a reader meets it: 回应关切 — what was asked, where,
when, and who answered when — and 新闻发布会 — when, on what, who spoke, every word said, and the
documents announced — each with its listing, feed, open data and search."""

import json
import re
import xml.etree.ElementTree as ET

from browser import browser, serve
from built import page, plain

ATOM = "{http://www.w3.org/2005/Atom}"
HEATING = "doc/11239901000014590C/2025-00003/"  # 12345热线 → 县住房和城乡建设局
LABELS = "doc/11239901000015700M/2026-00003/"  # 媒体报道 → 县市场监督管理局
PROJECTS = "doc/11239901000012370G/2026-00004/"  # 2026年重点建设项目计划新闻发布会
PLAN = "doc/112399010000127404/2026-00001/"  # the plan the conference announced
PIPES = "doc/11239901000014590C/2026-00003/"  # the reply to 人大代表建议 第12号
BUSES = "doc/112399010000131106/2026-00013/"  # the reply to 政协提案 第35号


def search(base: str, tab, query: str) -> list[str]:
    tab.goto(f"{base}search/?q={query}")
    tab.wait_for_selector(".xxgk-results__summary")
    return tab.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)")


def test_a_response_says_what_was_raised_where_and_when_and_when_it_was_answered(sample_site):
    text = plain(page(sample_site, LABELS))
    assert "社会关切 来源 媒体报道 提出日期 2026-09-03 关切内容 县融媒体中心9月3日报道" in text
    assert "回应 松岭县市场监督管理局于 2026-09-05 回应，距关切提出 2 天。" in text
    assert "一、检查情况" in text[text.index("社会关切 来源") :], "the concern, then the answer"
    assert "首页 › 解读回应 › 回应关切 › 来自媒体报道的关切 ›" in text


def test_the_responses_are_listed_by_source_and_by_unit_and_not_in_the_four_columns(sample_site):
    column = page(sample_site, "jdhy/hygq/")
    sources = dict(re.findall(r'<a href="(?:rx|ly|mt|dbwy)/">(\S+)</a> <span class="xxgk-count">(\d+)</span>', column))
    assert sources == {"12345热线": "1", "网民留言": "1", "媒体报道": "1", "代表委员": "0"}
    titles = re.findall(
        r'class="xxgk-list__title" href="[^"]*">([^<]+)</a> <span class="xxgk-tag">(\S+)</span>', column
    )
    assert titles == [
        ("关于媒体报道部分超市散装食品标签不规范问题的回应", "媒体报道"),
        ("关于网民反映义务教育阶段学区划分问题的回应", "网民留言"),
        ("关于城区部分小区供热温度不达标问题的回应", "12345热线"),
    ]
    assert "关于城区部分小区供热温度不达标问题的回应" in plain(page(sample_site, "jdhy/hygq/rx/"))
    unit = page(sample_site, "dw/11239901000014590C/")
    assert 'href="../../jdhy/hygq/dw/11239901000014590C/">回应关切</a>' in unit
    assert "供热温度不达标" not in plain(page(sample_site, "dw/11239901000014590C/fdzdgknr/"))
    assert "回应关切" in plain(page(sample_site, "jdhy/")) and "回应关切" in plain(page(sample_site, ""))


def test_responses_have_a_feed_and_open_data(sample_site):
    feed = ET.parse(sample_site / "jdhy/hygq/atom.xml").getroot()
    assert len(list(feed.iter(f"{ATOM}entry"))) == 3
    assert (
        '<link rel="alternate" type="application/atom+xml" title="松岭县人民政府信息公开 · 回应关切（Atom 订阅源）" href="atom.xml">'
        in (page(sample_site, "jdhy/hygq/"))
    )
    records = json.loads((sample_site / "data/documents.json").read_text(encoding="utf-8"))["文件"]
    heating = next(r for r in records if r["索引号"] == "11239901000014590C/2025-00003")
    assert (heating["关切来源"], heating["关切日期"], heating["发布日期"]) == ("12345热线", "2025-12-15", "2025-12-18")
    assert heating["关切内容"].startswith("12月以来，12345热线集中接到")


def test_the_annual_report_counts_the_responses(sample_site):
    assert "回应关切 1" in plain(page(sample_site, "nb/11239901000014590C/2025/"))


def test_search_finds_a_response_by_the_concern_and_by_the_answer(sample_site):
    with serve(sample_site) as base, browser() as chromium:
        tab = chromium.new_page()
        assert search(base, tab, "北山家园") == ["关于城区部分小区供热温度不达标问题的回应"]
        assert search(base, tab, "锦绣家园") == ["关于网民反映义务教育阶段学区划分问题的回应"]


def test_a_press_conference_shows_when_what_who_and_every_word_with_the_documents_it_announced(sample_site):
    html = page(sample_site, PROJECTS)
    text = plain(html)
    assert "发布会信息 时间 2026-03-18 主题 松岭县2026年重点建设项目计划新闻发布会" in text
    assert "发布人 周国栋 县发展和改革局局长 陈志远 县财政局局长" in text
    transcript = text[text.index("文字实录 时间：") :]
    assert transcript.index("周国栋： 各位记者朋友") < transcript.index("谢谢大家。") < transcript.index("相关文件")
    assert 'href="../../112399010000127404/2026-00001/"' in html
    plan = page(sample_site, PLAN)
    assert "松岭县2026年重点建设项目计划新闻发布会" in plan, "the announced document links back"
    assert "首页 › 解读回应 › 新闻发布会 ›" in text


def test_press_conferences_have_their_column_feed_open_data_and_report_count(sample_site):
    titles = re.findall(r'class="xxgk-list__title" href="[^"]*">([^<]+)</a>', page(sample_site, "jdhy/xwfbh/"))
    assert titles == ["松岭县2026年重点建设项目计划新闻发布会", "《松岭县突发事件总体应急预案》新闻发布会"]
    feed = ET.parse(sample_site / "jdhy/xwfbh/atom.xml").getroot()
    assert [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")] == titles
    records = json.loads((sample_site / "data/documents.json").read_text(encoding="utf-8"))["文件"]
    record = next(r for r in records if r["索引号"] == "11239901000012370G/2026-00004")
    assert record["发布会日期"] == "2026-03-18" and record["相关文件"] == ["112399010000127404/2026-00001"]
    assert record["发布人"] == [
        {"姓名": "周国栋", "职务": "县发展和改革局局长"},
        {"姓名": "陈志远", "职务": "县财政局局长"},
    ]
    assert "周国栋（县发展和改革局局长）；陈志远（县财政局局长）" in (sample_site / "data/documents.csv").read_text(
        encoding="utf-8-sig"
    )
    assert "新闻发布会 1" in plain(page(sample_site, "nb/11239901000012370G/2025/"))


def test_search_finds_a_press_conference_by_its_transcript_and_its_speakers(sample_site):
    with serve(sample_site) as base, browser() as chromium:
        tab = chromium.new_page()
        assert search(base, tab, "应急广播") == ["《松岭县突发事件总体应急预案》新闻发布会"]
        assert "松岭县2026年重点建设项目计划新闻发布会" in search(base, tab, "陈志远")


def test_a_reply_to_a_proposal_shows_its_number_class_and_meaning_and_stays_in_its_category(sample_site):
    text = plain(page(sample_site, BUSES))
    assert "建议提案 类别 政协提案 编号 县政协十届五次会议第35号 承办单位 松岭县教育局" in text
    assert "答复类别 B类（所提问题正在解决或者已列入计划逐步解决）" in text
    assert "答复 您提出的《关于完善农村学生上下学交通保障的提案》收悉" in text
    assert 'href="../../../xxgk/fdzdgknr/lb/a20-15/">法律、法规、规章和国家有关规定' in page(sample_site, BUSES)
    column = page(sample_site, "jdhy/jyta/")
    kinds = dict(re.findall(r'<a href="(?:rddb|zxta)/">(\S+)</a> <span class="xxgk-count">(\d+)</span>', column))
    assert kinds == {"人大代表建议": "1", "政协提案": "1"}
    # 国办发〔2014〕46号 makes replies 法定主动公开内容: they are in their category too.
    other = page(sample_site, "xxgk/fdzdgknr/lb/a20-15/")
    assert "对县十八届人大五次会议第12号建议的答复" in other and "对县政协十届五次会议第35号提案的答复" in other


def test_replies_have_a_feed_open_data_search_and_report_count(sample_site):
    feed = ET.parse(sample_site / "jdhy/jyta/atom.xml").getroot()
    assert [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")] == [
        "对县政协十届五次会议第35号提案的答复",
        "对县十八届人大五次会议第12号建议的答复",
    ]
    records = json.loads((sample_site / "data/documents.json").read_text(encoding="utf-8"))["文件"]
    pipes = next(r for r in records if r["索引号"] == "11239901000014590C/2026-00003")
    assert (pipes["建议提案类别"], pipes["建议提案编号"], pipes["答复类别"]) == (
        "人大代表建议",
        "县十八届人大五次会议第12号",
        "A",
    )
    assert "建议提案办理结果" in plain(page(sample_site, "dw/11239901000014590C/"))
    with serve(sample_site) as base, browser() as chromium:
        tab = chromium.new_page()
        assert search(base, tab, "校车线路") == ["对县政协十届五次会议第35号提案的答复"]
