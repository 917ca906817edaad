"""政务新媒体 as a register (国办发〔2018〕123号): every account a unit runs, on which platform, with
its QR code and whether it still runs, kept by the clerk in a small file and checked quarterly."""

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from browser import browser, serve
from built import page, plain
from xxgk.checks.content import load_content

ATOM = "{http://www.w3.org/2005/Atom}"
OFFICE = "11239901000012370G"  # 松岭县人民政府办公室, which runs 松岭发布


def search(base: str, tab, query: str) -> list[str]:
    tab.goto(f"{base}search/?q={query}")
    tab.wait_for_selector(".xxgk-results__summary")
    return tab.eval_on_selector_all(".xxgk-results .xxgk-list__title", "els => els.map(e => e.textContent)")


def test_the_county_lists_every_account_with_platform_qr_code_status_and_last_check(sample_site):
    html = page(sample_site, "zwxmt/")
    rows = re.findall(r"<tr id=\"(r-[0-9a-f]{8})\"[^>]*>(.*?)</tr>", html, re.S)
    assert len(rows) == 6
    cells = [plain(row) for _, row in rows]
    assert cells[0].startswith("1 松岭县人民政府办公室 松岭发布") and "微信公众号 songlingfabu" in cells[0]
    assert "松岭招生" in cells[4] and "关停 2026-03-02" in cells[4]
    qr = re.search(r'<img class="xxgk-register__picture" src="([^"]+)" alt="([^"]+)"', rows[0][1])
    assert qr[2] == "松岭发布（微信公众号）二维码"
    with Image.open(sample_site / "zwxmt" / qr[1]) as image:
        assert image.format == "PNG"
    assert "按平台：微信公众号 3 项；微博 2 项；抖音 1 项" in plain(html)
    assert "按状态：运行 5 项；关停 1 项" in plain(html)


def test_each_unit_has_its_own_list_linked_from_its_page(sample_site):
    own = plain(page(sample_site, f"zwxmt/{OFFICE}/"))
    assert "松岭县人民政府办公室政务新媒体" in own and "松岭应急" not in own
    assert f'href="../../zwxmt/{OFFICE}/">政务新媒体</a>' in page(sample_site, f"dw/{OFFICE}/")
    assert "政务新媒体" in plain(page(sample_site, "ml/"))
    category = page(sample_site, "xxgk/fdzdgknr/lb/a20-15/")
    assert '<a href="../../../../zwxmt/">政务新媒体</a>' in category


def test_the_accounts_have_a_feed_dated_by_their_last_check_and_open_data_rows(sample_site):
    feed = ET.parse(sample_site / "zwxmt/atom.xml").getroot()
    entries = [
        (e.findtext(f"{ATOM}title"), e.find(f"{ATOM}link").get("href"), e.findtext(f"{ATOM}published")[:10])
        for e in feed.iter(f"{ATOM}entry")
    ]
    assert entries[0][0] == "松岭县应急管理局：松岭应急" and entries[0][2] == "2026-10-15"
    assert len(entries) == 6
    html = page(sample_site, "zwxmt/")
    for _, link, _ in entries:
        assert f'id="{link.rsplit("#", 1)[1]}"' in html, "each item opens its row"
    table = (sample_site / "zwxmt/松岭县政务新媒体.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [row["账号名称"] for row in rows] == ["松岭发布", "松岭发布", "松岭发布", "松岭教育", "松岭招生", "松岭应急"]
    assert rows[4]["状态"] == "关停" and rows[0]["二维码"] == "二维码/松岭发布-微信.png"
    assert "松岭县政务新媒体.csv" in page(sample_site, "data/")


def test_search_finds_an_account_by_its_name_and_its_id(sample_site):
    with serve(sample_site) as base, browser() as chromium:
        tab = chromium.new_page()
        assert search(base, tab, "松岭招生") == ["松岭县教育局政务新媒体"]
        assert "松岭县应急管理局政务新媒体" in search(base, tab, "松岭应急")
        assert search(base, tab, "songlingjiaoyu") == ["松岭县教育局政务新媒体"]


# -- what the check refuses and warns about -----------------------------------------------------

ACCOUNT = """- 账号名称: 测试发布
  平台: {platform}
  账号: ceshifabu
  二维码: {qr}
  状态: {status}
  核查日期: {checked}
"""
REGISTER = "content/政务新媒体/测试县人民政府办公室.yml"

REFUSED = {
    "a status not in the vocabulary": (
        {"status": "暂停"},
        f"{REGISTER}:5: 状态: 「暂停」不在账号状态词表中；可选值：运行、关停",
    ),
    "a platform not in the vocabulary": (
        {"platform": "公众号"},
        f"{REGISTER}:2: 平台: 「公众号」不在新媒体平台词表中；相近的有：「微信公众号」；全部可选值：xxgk fields 新媒体平台",
    ),
    "a QR code that is not there": (
        {"qr": "二维码/没有.png"},
        f"{REGISTER}:4: 二维码: 「二维码/没有.png」不存在：请把图片放在 政务新媒体/ 文件夹中，或改正文件名",
    ),
    "a QR code outside the folder": (
        {"qr": "../单位.yml"},
        f"{REGISTER}:4: 二维码: 「../单位.yml」不是本文件夹中的文件：请把图片放在清单文件旁边（或其下的文件夹中），只写文件名",
    ),
    "a QR code that is a text file": (
        {"qr": "二维码/假的.png"},
        f"{REGISTER}:4: 二维码: 「二维码/假的.png」不是能打开的图片（文件已损坏或不是图片）：请重新导出",
    ),
    "a date that is no date": (
        {"checked": "2026-13-01"},
        f"{REGISTER}:6: 核查日期: 「2026-13-01」不是有效日期：应写成 YYYY-MM-DD，如 2026-03-01",
    ),
}


def write_register(content, **values) -> None:
    folder = content / "政务新媒体"
    (folder / "二维码").mkdir(parents=True, exist_ok=True)
    Image.new("1", (200, 200), 1).save(folder / "二维码" / "测试发布.png")
    (folder / "二维码" / "假的.png").write_text("不是图片", encoding="utf-8")
    fields = {"platform": "微信公众号", "qr": "二维码/测试发布.png", "status": "运行", "checked": "2026-10-12"}
    (folder / "测试县人民政府办公室.yml").write_text(ACCOUNT.format(**(fields | values)), encoding="utf-8")


@pytest.mark.parametrize("values,expected", REFUSED.values(), ids=REFUSED.keys())
def test_a_broken_account_is_refused_with_its_row_and_column(content, values, expected):
    write_register(content, **values)
    loaded = load_content(content)
    assert [str(p) for p in loaded.errors] == [expected]
    assert loaded.registers == [], "nothing half-published"


def test_a_running_account_unchecked_for_a_quarter_is_a_warning(content):
    write_register(content)
    assert [str(p) for p in load_content(content, as_of=dt.date(2026, 12, 31)).problems] == []
    assert [str(p) for p in load_content(content, as_of=dt.date(2027, 1, 13)).problems] == [
        f"{REGISTER}:1: 警告: 核查日期: 「测试发布」（微信公众号）上次核查是 2026-10-12，已 93 天："
        "政务新媒体每季度至少核查一次是否正常更新、能否打开；核查后更新核查日期，不再更新的账号请关停并把状态改为 关停"
    ]
    write_register(content, status="关停")
    assert load_content(content, as_of=dt.date(2027, 6, 1)).problems == [], "a closed account needs no check"
