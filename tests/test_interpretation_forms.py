"""政策解读 in the three forms the county plan names — 文字, 图解, 领导政务访谈 — as a reader and a
clerk meet them: a column of their own, pictures a phone can load with their full text below,
an interview the browser plays with its 文字实录, and counts the annual report no longer types."""

import json
import re
import struct
import wave
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from browser import browser, serve
from built import page, plain
from xxgk.checks.content import load_content

GRAPHIC = "doc/112399010000120008/2025-00006/"  # 一图读懂《松岭县政府投资项目管理办法》
INTERVIEW = "doc/112399010000120008/2026-00008/"  # 领导政务访谈 on 临时救助
POLICY = "doc/112399010000120008/2025-00004/"  # the 办法 both the text and the 图解 explain
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_interpretations_have_their_column_by_form_and_not_under_the_policies(sample_site):
    column = page(sample_site, "jdhy/zcjd/")
    forms = dict(re.findall(r'<a href="(?:wz|tj|ft)/">(\S+)</a> <span class="xxgk-count">(\d+)</span>', column))
    assert forms == {"文字": "4", "图解": "1", "访谈": "1"}
    assert "一图读懂《松岭县政府投资项目管理办法》" in plain(page(sample_site, "jdhy/zcjd/tj/"))
    assert "领导政务访谈" in plain(page(sample_site, "jdhy/zcjd/ft/"))
    # 行政法规、规章和规范性文件 lists the 规范性文件 and nothing else: as many as the two libraries hold.
    category = page(sample_site, "xxgk/fdzdgknr/lb/a20-01/")
    listed = re.findall(r'class="xxgk-list__title" href="[^"]*">([^<]+)</a>', category)
    libraries = [page(sample_site, "gfxwj/xxyx/"), page(sample_site, "gfxwj/fzsx/")]
    in_libraries = sum(len(re.findall(r'class="xxgk-list__title"', html)) for html in libraries)
    assert len(listed) == in_libraries and not any("解读" in title or "一图读懂" in title for title in listed)
    assert '<a href="../../../../jdhy/zcjd/">政策解读</a>' in category, "the category points to its interpretations"
    assert "解读回应" in plain(page(sample_site, "")) and "政策解读" in plain(page(sample_site, "jdhy/"))


def test_a_policy_links_each_of_its_interpretations_by_form(sample_site):
    policy = page(sample_site, POLICY)
    assert "一图读懂《松岭县政府投资项目管理办法》" in policy and "《松岭县政府投资项目管理办法》政策解读" in policy
    listing = page(sample_site, "xxgk/fdzdgknr/lb/a20-01/")
    assert ">政策解读（图解）</a>" in listing and ">政策解读</a>" in listing


def test_a_graphic_shows_each_picture_for_phones_with_its_text_alternative_and_full_text(sample_site):
    html = page(sample_site, GRAPHIC)
    figures = re.findall(r'<figure class="xxgk-graphic" id="tu\d">(.*?)</figure>', html, re.S)
    assert len(figures) == 3
    for figure in figures:
        webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', figure)[1]
        fallback = re.search(r'<img src="([^"]+)" srcset="([^"]+)"', figure)
        alt = re.search(r'alt="([^"]+)"', figure)[1]
        assert alt.startswith("图解")
        for srcset in (webp, fallback[2]):
            candidates = [item.split() for item in srcset.split(", ")]
            assert [width for _, width in candidates] == ["640w", "1080w"]
            for address, width in candidates:
                with Image.open(sample_site / GRAPHIC / address) as image:
                    assert image.width == int(width[:-1])
                    assert image.format == ("WEBP" if address.endswith(".webp") else "PNG")
        assert (sample_site / GRAPHIC / fallback[1]).stat().st_size < 60_000, "a phone downloads a small copy"
        original = re.search(r'<a href="([^"]+)" type="image/png">查看原图</a>', figure)[1]
        assert (sample_site / GRAPHIC / original).is_file()
    text = plain(html)
    # Each picture is followed by everything it says.
    assert text.index("图1文字版") < text.index("政府债券资金") < text.index("图2文字版") < text.index("逐项报批")
    assert text.index("图3文字版") < text.index("依法对项目进行审计监督")


def test_an_interview_plays_in_the_browser_with_captions_and_its_transcript(sample_site):
    html = page(sample_site, INTERVIEW)
    audio = re.search(r'<audio controls="" preload="metadata" src="([^"]+)"><track kind="captions" src="([^"]+)"', html)
    assert (sample_site / INTERVIEW / audio[1]).read_bytes()[8:12] == b"WAVE"
    assert (sample_site / INTERVIEW / audio[2]).read_text(encoding="utf-8").startswith("WEBVTT")
    text = plain(html)
    assert text.index("文字实录") < text.index("主持人： 各位听众") < text.index("感谢您的解读")
    assert "解读形式 访谈" in text
    assert '<a href="../../../jdhy/zcjd/">政策解读</a>' in html, "its column, in place of a 信息类别"


def test_the_feed_and_the_open_data_carry_the_forms(sample_site):
    feed = ET.parse(sample_site / "jdhy/zcjd/atom.xml").getroot()
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles[:2] == [
        "《松岭县县级财政专项资金管理办法》政策解读",
        "领导政务访谈：县民政局负责同志谈《松岭县城乡居民临时救助实施办法》",
    ]
    assert "一图读懂《松岭县政府投资项目管理办法》" in titles
    records = json.loads((sample_site / "data/documents.json").read_text(encoding="utf-8"))["文件"]
    graphic = next(r for r in records if r["索引号"] == "112399010000120008/2025-00006")
    assert graphic["解读形式"] == "图解" and graphic["解读"] == ["112399010000120008/2025-00004"]
    assert [g["图片"] for g in graphic["图解"]] == [f"政府投资项目管理办法图解{n}.png" for n in (1, 2, 3)]
    assert all(g["替代文本"] and g["文字"] and g["地址"].startswith("https://") for g in graphic["图解"])
    interview = next(r for r in records if r["索引号"] == "112399010000120008/2026-00008")
    assert interview["音视频"][0]["文件"] == "临时救助政策访谈录音.wav" and interview["音视频"][0]["字幕"]
    assert "政府投资项目管理办法图解1.png" in (sample_site / "data/documents.csv").read_text(encoding="utf-8-sig")


def test_the_annual_report_counts_interpretations_by_form_from_the_content(sample_site):
    report = plain(page(sample_site, "nb/112399010000120008/2025/"))
    assert "2025年在本平台发布的解读回应" in report
    assert "政策解读 2 其中：文字 1 其中：图解 1 其中：访谈 0" in report
    assert "19篇" not in report and "11篇" not in report, "no count typed by hand"


def search(base: str, tab, query: str) -> list[str]:
    tab.goto(f"{base}search/?q={query}")
    tab.wait_for_selector(".xxgk-results__summary")
    return tab.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)")


def test_search_finds_a_graphic_by_the_text_of_its_pictures_and_an_interview_by_its_transcript(sample_site):
    with serve(sample_site) as base, browser() as chromium:
        tab = chromium.new_page()
        assert search(base, tab, "逐项报批") == ["一图读懂《松岭县政府投资项目管理办法》"]
        assert search(base, tab, "政策面对面") == ["领导政务访谈：县民政局负责同志谈《松岭县城乡居民临时救助实施办法》"]


# -- what the check refuses -----------------------------------------------------------------


def picture(path, width=720):
    Image.new("RGB", (width, 40), "#1d4e89").save(path, "PNG")  # whatever the name says


def chime(path):
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(struct.pack("B", 128) * 400)


HEAD = """---
标题: 一图读懂测试县县级财政专项资金管理办法
索引号: "11239901000013480E/2026-00030"
发布机构: 测试县财政局
成文日期: 2026-05-06
发布日期: 2026-05-08
主题分类: 财政、金融、审计
"""
GRAPHIC_ITEM = "  - 图片: {name}\n    替代文本: 专项资金拨付流程图\n    文字: 申报、审核、拨付\n"

REFUSED = {
    "a picture too narrow for a phone": (
        "解读形式: 图解\n图解:\n" + GRAPHIC_ITEM.format(name="窄图.png"),
        "content/财政局/图解.md:10: 图解: 「窄图.png」宽 300 像素，在手机上会看不清：请提供宽度不少于 640 像素的原图",
    ),
    "a picture whose extension lies": (
        "解读形式: 图解\n图解:\n" + GRAPHIC_ITEM.format(name="图.jpg"),
        "content/财政局/图解.md:10: 图解: 「图.jpg」的内容是 PNG 图片，扩展名与内容不符：请改正扩展名或重新另存",
    ),
    "a picture that is not there": (
        "解读形式: 图解\n图解:\n" + GRAPHIC_ITEM.format(name="没有.png"),
        "content/财政局/图解.md:10: 图解: 「没有.png」不存在：应放在 content/财政局/没有.png，或改正文件名；同一文件夹中有「图.png」，是不是它？",
    ),
    "a picture named by its file alone": (
        "解读形式: 图解\n图解: [图.png]\n",
        "content/财政局/图解.md:9: 图解: 第 1 张图只写了文件名：每张图要写成 {图片: 图.png, 替代文本: 一句话说明图片, "
        "文字: 图片上的全部文字}",
    ),
    "a 图解 without pictures": (
        "解读形式: 图解\n",
        "content/财政局/图解.md:8: 解读形式: 图解缺少图片：请在 图解 中列出每张图，写明 图片、替代文本（一句话说明图片）"
        "和 文字（图片上的全部文字）",
    ),
    "pictures in a text interpretation": (
        "图解:\n" + GRAPHIC_ITEM.format(name="图.png"),
        "content/财政局/图解.md:8: 图解: 写了图解的图片，解读形式应为 图解：请写 解读形式: 图解",
    ),
    "a form not in the vocabulary": (
        "解读形式: 视频\n",
        "content/财政局/图解.md:8: 解读形式: 「视频」不在解读形式词表中；可选值：文字、图解、访谈",
    ),
    "a recording that is not audio": (
        "解读形式: 访谈\n音视频: [假的.mp3]\n",
        "content/财政局/图解.md:9: 音视频: 「假的.mp3」的内容不是 MP3 音频，扩展名与内容不符：请用原来的软件导出为 MP3 音频",
    ),
    "a format the browser cannot play": (
        "解读形式: 访谈\n音视频: [访谈.avi]\n",
        "content/财政局/图解.md:9: 音视频: 「访谈.avi」不是网页能直接播放的音视频格式：请转换为 "
        "音频 .mp3 .m4a .ogg .opus .wav，视频 .mp4 .m4v .webm",
    ),
    "captions that are not WebVTT": (
        "解读形式: 访谈\n音视频:\n  - 文件: 访谈.wav\n    字幕: 字幕.vtt\n",
        "content/财政局/图解.md:11: 音视频: 字幕「字幕.vtt」不是 WebVTT 文件：第一行应为 WEBVTT（可用字幕软件另存为 .vtt）",
    ),
    "a recording in a text interpretation": (
        '解读: ["11239901000013480E/2026-00002"]\n音视频: [访谈.wav]\n',
        "content/财政局/图解.md:9: 音视频: 音视频只用于访谈和新闻发布会：访谈请写 解读形式: 访谈，并在正文中写文字实录",
    ),
}


@pytest.mark.parametrize("fields,expected", REFUSED.values(), ids=REFUSED.keys())
def test_a_broken_graphic_or_interview_is_refused_with_its_place(content, fields, expected):
    folder = content / "财政局"
    picture(folder / "窄图.png", width=300)
    picture(folder / "图.png")
    picture(folder / "图.jpg")
    chime(folder / "访谈.wav")
    (folder / "假的.mp3").write_text("不是音频", encoding="utf-8")
    (folder / "访谈.avi").write_bytes(b"RIFF\0\0\0\0AVI ")
    (folder / "字幕.vtt").write_text("1\n00:00:00,000 --> 00:00:01,000\n字幕\n", encoding="utf-8")
    (folder / "图解.md").write_text(HEAD + fields + "---\n正文。\n", encoding="utf-8")
    assert [str(p) for p in load_content(content).errors] == [expected]


def test_a_valid_graphic_and_interview_load(content):
    folder = content / "财政局"
    picture(folder / "图.png")
    chime(folder / "访谈.wav")
    (folder / "图解.md").write_text(
        HEAD + "解读形式: 图解\n图解:\n" + GRAPHIC_ITEM.format(name="图.png") + "---\n正文。\n", encoding="utf-8"
    )
    interview = (
        HEAD.replace("2026-00030", "2026-00031") + "解读形式: 访谈\n音视频: [访谈.wav]\n---\n**主持人：** 您好。\n"
    )
    (folder / "访谈.md").write_text(interview, encoding="utf-8")
    loaded = load_content(content)
    assert loaded.errors == []
    found = {d.interpretation_form: d for d in loaded.documents if d.kind == "政策解读"}
    assert found["图解"].graphics[0].width == 720 and found["图解"].graphics[0].alt == "专项资金拨付流程图"
    assert found["访谈"].media[0].type.element == "audio" and not found["访谈"].category
