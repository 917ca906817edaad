"""Downloads that open cleanly: a clerk's GBK text file or UTF-8 CSV reaches a citizen as UTF-8 with a
byte-order mark, so a browser shows it right from any server and Excel on Windows reads its Chinese;
every CSV the site writes opens in Excel the same way. The clerk's own file is never changed."""

import codecs
import datetime as dt
import hashlib
import json
import urllib.request

import pytest

from browser import browser, serve
from counties import ROOT
from xxgk.adapters.mkdocs.build import build_site

BOM = codecs.BOM_UTF8
FOLDER = "doc/11239901000012370G/2026-00041/"
DOCUMENT = """---
标题: 测试县人民政府办公室关于公布培训名单的通知
索引号: "11239901000012370G/2026-00041"
发布机构: 测试县人民政府办公室
成文日期: 2026-05-06
发布日期: 2026-05-08
信息类别: 法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息
主题分类: 综合政务
内容概述: 培训名单
附件: [{names}]
---
培训名单见附件。
"""
NOTICE = "培训说明\r\n一、培训时间：2026年5月20日。\r\n二、培训地点：县政务服务中心三楼会议室。\r\n"
ROSTER = "序号,单位,人数\n1,县财政局,3\n2,松林镇人民政府,2\n"
# What the clerk saved, as Windows Notepad and Excel save it: GBK ("ANSI"), UTF-8 with and without
# the mark, UTF-16 ("Unicode").
SAVED = {
    "培训说明.txt": NOTICE.encode("gbk"),
    "名单.csv": ROSTER.encode("utf-8"),
    "名单BOM.csv": BOM + ROSTER.encode("utf-8"),
    "通知UTF16.txt": NOTICE.encode("utf-16"),
    "议程.txt": NOTICE.encode("utf-8"),
}
TEXT = {"培训说明.txt": NOTICE, "名单.csv": ROSTER, "名单BOM.csv": ROSTER, "通知UTF16.txt": NOTICE, "议程.txt": NOTICE}


@pytest.fixture
def site(content):
    folder = content / "县政府办公室" / "2026"
    for name, data in SAVED.items():
        (folder / name).write_bytes(data)
    (folder / "名单.md").write_text(DOCUMENT.format(names=", ".join(SAVED)), encoding="utf-8")
    built = content.parent / "site"
    build_site(content, built, dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    return built


def test_text_attachments_are_published_as_utf8_with_a_mark_and_the_clerks_files_stay_as_saved(site, content):
    for name, text in TEXT.items():
        assert (site / FOLDER / name).read_bytes() == BOM + text.encode("utf-8"), name
        assert (content / "县政府办公室" / "2026" / name).read_bytes() == SAVED[name], "content/ is never changed"
    # A UTF-8 file is published as it was saved, with the mark in front; line ends are kept.
    assert (site / FOLDER / "名单.csv").read_bytes() == BOM + SAVED["名单.csv"]


def test_the_size_and_checksum_shown_are_those_of_the_file_a_reader_downloads(site):
    record = json.loads((site / FOLDER / "index.json").read_text(encoding="utf-8"))
    page = (site / FOLDER / "index.html").read_text(encoding="utf-8")
    assert [a["文件"] for a in record["附件"]] == list(SAVED)
    for attachment in record["附件"]:
        published = (site / FOLDER / attachment["文件"]).read_bytes()
        assert attachment["字节数"] == len(published)
        assert attachment["SHA-256"] == hashlib.sha256(published).hexdigest()
        assert attachment["SHA-256"] in page


def test_headers_name_utf8_for_text_attachments_only(site):
    headers = (site / "_headers").read_text(encoding="utf-8")
    rules = {block.split("\n")[0]: block for block in headers.split("\n\n")}
    folder = "/" + urllib.request.quote(FOLDER)
    assert "  Content-Type: text/plain; charset=utf-8" in rules[folder + urllib.request.quote("培训说明.txt")]
    assert "  Content-Type: text/plain; charset=utf-8" in rules[folder + urllib.request.quote("通知UTF16.txt")]
    assert "  Content-Type: text/csv; charset=utf-8" in rules[folder + urllib.request.quote("名单.csv")]
    for address, rule in rules.items():
        if address.startswith("/doc/"):
            assert ("Content-Type:" in rule) == address.endswith((".txt", ".csv")), address


def test_a_browser_shows_the_chinese_of_a_text_attachment_from_a_server_that_names_no_charset(site, content):
    # The clerk's UTF-8 file as saved, beside the published one: Chromium does not guess UTF-8 over HTTP.
    (site / FOLDER / "原件.txt").write_bytes(SAVED["议程.txt"])
    shown = NOTICE.replace("\r\n", "\n").strip()
    with serve(site) as base, browser() as chromium:
        with urllib.request.urlopen(base + urllib.request.quote(FOLDER + "议程.txt")) as response:
            assert response.headers["Content-Type"] == "text/plain", "a server that names no charset"
        page = chromium.new_page()
        page.goto(base + FOLDER + "原件.txt")
        assert page.inner_text("body").strip() != shown, "the file as saved is garbled"
        for name in ("议程.txt", "培训说明.txt", "通知UTF16.txt"):
            page.goto(base + FOLDER + name)
            assert page.inner_text("body").strip() == shown, name


def test_every_csv_the_sample_site_offers_opens_in_excel_as_utf8(sample_site):
    found = sorted(sample_site.rglob("*.csv"))
    assert len(found) > 40, "open data, libraries, registers, reports and the sample's CSV attachments"
    for path in found:
        raw = path.read_bytes()
        assert raw.startswith(BOM), path.relative_to(sample_site)
        raw.decode("utf-8-sig")
