"""Feeds, open data and the sitemap of the sample county, read back as a feed reader,
a search engine and an auditor would read them."""

import csv
import datetime as dt
import email.utils
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest

from built import document_metadata
from counties import SAMPLE
from xxgk.checks.content import load_content
from xxgk.model.document_kinds import RESPONSE_KINDS
from xxgk.model.register_kinds import KINDS
from xxgk.site.formats import FORMATS_BY_LABEL
from xxgk.site.outputs.open_data import list_item

ROOT = Path(__file__).parent.parent
BUILD_DATE = dt.date(2026, 11, 27)
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def sample():
    return load_content(SAMPLE)


@pytest.fixture(scope="module")
def site_url(sample):
    return sample.config.url


def page_of(site: Path, site_url: str, url: str) -> Path:
    """The built file an absolute address of the site points to (a row of a register: its page)."""
    assert url.startswith(site_url), url
    url = url.split("#")[0]
    path = site / unquote(url[len(site_url) :])
    return path / "index.html" if url.endswith("/") else path


def published_items(sample):
    documents = [(d.published, d.url, d.title) for d in sample.documents if d.published <= BUILD_DATE]
    reports = [(r.published, r.url, r.title) for r in sample.reports if r.published <= BUILD_DATE]
    return sorted(documents + reports, reverse=True)


def atom(site: Path, address: str) -> ET.Element:
    return ET.parse(site / address).getroot()


def check_atom(feed: ET.Element, site: Path, site_url: str):
    """The elements RFC 4287 requires, each once, with RFC 3339 dates; every link leads to a built page."""
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert page_of(site, site_url, self_link).is_file()
    dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        ids.append(entry.findtext(f"{ATOM}id"))
        assert page_of(site, site_url, entry.find(f"{ATOM}link").get("href")).is_file()
    assert len(ids) == len(set(ids))


def test_the_site_feed_has_the_newest_fifty_items_newest_first(sample_site, sample, site_url):
    feed = atom(sample_site, "atom.xml")
    check_atom(feed, sample_site, site_url)
    assert feed.findtext(f"{ATOM}id") == site_url
    expected = published_items(sample)[:50]
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [title for _, _, title in expected]
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [site_url + url for _, url, _ in expected]
    assert feed.findtext(f"{ATOM}updated") == f"{expected[0][0].isoformat()}T00:00:00+08:00"


def test_a_category_rss_feed_lists_exactly_that_category(sample_site, sample, site_url):
    name = "突发公共事件的应急预案、预警信息及应对情况"
    channel = ET.parse(sample_site / "xxgk/fdzdgknr/lb/a20-12/rss.xml").getroot().find("channel")
    assert channel.findtext("link") == site_url + "xxgk/fdzdgknr/lb/a20-12/"
    assert channel.findtext("title").endswith(name) and channel.findtext("description")
    items = channel.findall("item")
    expected = sorted(
        (d for d in sample.documents if d.category == name and d.published <= BUILD_DATE),
        key=lambda d: d.published,
        reverse=True,
    )
    assert [i.findtext("title") for i in items] == [d.title for d in expected] and items
    for item, document in zip(items, expected):
        assert item.find("guid").get("isPermaLink") == "true"
        assert item.findtext("guid") == item.findtext("link") == site_url + document.url
        assert email.utils.parsedate_to_datetime(item.findtext("pubDate")).date() == document.published
        assert item.findtext("category") == name


def test_a_unit_feed_has_its_documents_and_its_annual_reports(sample_site, sample, site_url):
    unit = next(u for u in sample.units if u.name == "松岭县财政局")
    feed = atom(sample_site, f"dw/{unit.code}/atom.xml")
    check_atom(feed, sample_site, site_url)
    titles = {e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")}
    assert titles == {d.title for d in sample.documents if d.unit == unit and d.published <= BUILD_DATE} | {
        r.title for r in sample.reports if r.unit == unit
    }
    assert {e.findtext(f"{ATOM}author/{ATOM}name") for e in feed.findall(f"{ATOM}entry")} == {unit.name}


def alternate_links(html: str) -> list[tuple[str, str]]:
    head = html[: html.index("</head>")]
    return re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)">', head)


@pytest.mark.parametrize(
    "page, feed",
    [
        ("", "atom.xml"),
        ("xxgk/fdzdgknr/", "xxgk/fdzdgknr/atom.xml"),
        ("xxgk/nb/", "xxgk/nb/rss.xml"),
        ("xxgk/fdzdgknr/lb/a20-07/", "xxgk/fdzdgknr/lb/a20-07/atom.xml"),
        ("dw/11239901000013480E/", "dw/11239901000013480E/rss.xml"),
    ],
)
def test_pages_with_a_feed_announce_it_for_autodiscovery(sample_site, page, feed):
    links = alternate_links((sample_site / page / "index.html").read_text(encoding="utf-8"))
    types = {"atom.xml": "application/atom+xml", "rss.xml": "application/rss+xml"}
    assert (types[feed.rsplit("/", 1)[-1]], feed[len(page) :]) in links
    assert (sample_site / feed).is_file()


def test_every_feed_on_the_data_page_is_a_well_formed_feed(sample_site, site_url):
    html = (sample_site / "data/index.html").read_text(encoding="utf-8")
    feeds = re.findall(r'href="\.\./([^"]*(?:atom|rss)\.xml)"', html)
    # the site, four columns, the columns of 解读回应, three 专题, the dated registers (政务新媒体), fifteen
    # units, 意见征集 and every 信息类别, in both formats
    dated = sum(1 for kind in KINDS if kind.date_column)
    assert len(feeds) == 2 * (1 + 4 + len(RESPONSE_KINDS) + 3 + dated + 15 + 1 + 27)
    for address in feeds:
        root = ET.parse(sample_site / address).getroot()
        if address.endswith("atom.xml"):
            check_atom(root, sample_site, site_url)
        else:
            assert root.tag == "rss" and root.get("version") == "2.0"


def test_the_sitemap_lists_every_page_with_the_documents_dates(sample_site, sample, site_url):
    urlset = ET.parse(sample_site / "sitemap.xml").getroot()
    entries = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in urlset}
    pages = {p.parent.relative_to(sample_site).as_posix() + "/" for p in sample_site.rglob("index.html")}
    # The staff guide and the web editor (admin/, where npm installed it) are not for the public.
    pages = {"" if p == "./" else p for p in pages if not p.startswith(("staff/", "pagefind/", "admin/"))}
    assert set(entries) == {site_url + p for p in pages}
    for document in sample.documents:
        if document.published <= BUILD_DATE:
            assert entries[site_url + document.url] == document.published.isoformat()
    assert entries[site_url + "xxgk/"] is None
    assert not (sample_site / "sitemap.xml.gz").exists(), "MkDocs' own sitemap is replaced, not doubled"


def test_robots_txt_points_to_the_sitemap(sample_site, site_url):
    robots = (sample_site / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines() == ["User-agent: *", "Allow: /", "", f"Sitemap: {site_url}sitemap.xml"]


@pytest.fixture(scope="module")
def open_data(sample_site):
    return json.loads((sample_site / "data/documents.json").read_text(encoding="utf-8"))


def test_the_open_data_holds_every_published_document_as_its_page_shows_it(sample_site, sample, open_data):
    published = [d for d in sample.documents if d.published <= BUILD_DATE]
    assert open_data["文件数"] == len(open_data["文件"]) == len(published)
    assert open_data["生成日期"] == BUILD_DATE.isoformat()
    for record in open_data["文件"]:
        page = page_of(sample_site, sample.config.url, record["地址"])
        shown = document_metadata(page.read_text(encoding="utf-8"))
        assert shown["索引号"] == record["索引号"] and shown["标题"] == record["标题"]
        assert shown["发布机构"] == record["发布机构"] and shown["主题分类"] == record["主题分类"]
        assert shown["成文日期"] == record["成文日期"] and shown["发布日期"] == record["发布日期"]
        if record["信息类别"]:
            assert shown["信息类别"] == record["信息类别"]
        else:  # the kinds of 解读回应 listed in their own column, 信息类别 optional for them
            assert shown["栏目"] in [kind.name for kind in RESPONSE_KINDS if kind.own_column]
        assert shown["信息来源"] == (record["信息来源"] or record["发布机构"])
        # A field with no value is left out of the page, not shown as —.
        assert shown.get("发文字号", "") == record["发文字号"]
        assert shown.get("主题词", "") == " ".join(record["主题词"])
        assert shown.get("有效期至", "") == record["有效期至"]
        beside = json.loads((page.parent / "index.json").read_text(encoding="utf-8"))
        assert beside == record


def test_the_csv_has_the_same_rows_as_the_json(sample_site, open_data):
    raw = (sample_site / "data/documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so Excel reads the Chinese text"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(open_data["文件"])
    for row, record in zip(rows, open_data["文件"]):
        for name, value in record.items():
            if name == "附件":
                assert row["附件"] == "；".join(f["文件"] for f in value)
                assert row["附件SHA-256"] == "；".join(f["SHA-256"] for f in value)
            else:
                assert row[name] == ("；".join(map(list_item, value)) if isinstance(value, list) else value), name


def test_each_attachments_checksum_matches_the_published_file_and_its_page(sample_site, sample, open_data):
    checked = 0
    for record in open_data["文件"]:
        page = page_of(sample_site, sample.config.url, record["地址"]).read_text(encoding="utf-8")
        for attachment in record["附件"]:
            published = page_of(sample_site, sample.config.url, attachment["地址"]).read_bytes()
            assert hashlib.sha256(published).hexdigest() == attachment["SHA-256"]
            assert len(published) == attachment["字节数"]
            assert f"SHA-256</abbr> 校验值：<code>{attachment['SHA-256']}</code>" in page
            checked += 1
    assert checked >= 3


# Words that belong to the staff's side: the tool, its folders and files, its jargon.
STAFF_WORDS = ("xxgk", "content/", ".yml", "站点配置", "构建日期", "单位名册", "前段码（", "请填写")


def test_the_open_data_page_speaks_to_citizens_and_developers(sample_site):
    tree = lxml.html.fromstring((sample_site / "data/index.html").read_bytes())
    text = tree.find(".//article").text_content()
    assert [word for word in STAFF_WORDS if word in text] == []
    # Each format in one Chinese line: what it is and how to open it.
    lines = {dt.get("id"): (dt.text_content(), dt.getnext().text_content()) for dt in tree.iter("dt")}
    for label in ("CSV", "XLSX", "JSON", "Atom", "RSS", ".ics", "SHA-256"):
        term, line = lines[FORMATS_BY_LABEL[label].anchor]
        assert term.startswith(label + "（") and re.search(r"[\u4e00-\u9fff]", term), term
        assert len(re.findall(r"[\u4e00-\u9fff]", line)) >= 15 and "\n" not in line.strip(), line
    assert "用 Excel" in lines["format-xlsx"][1] and "阅读器" in lines["format-atom"][1]
    assert "日历" in lines["format-ics"][1] and "原件" in lines["format-sha256"][1]


def test_no_public_page_shows_a_format_label_without_chinese(sample_site):
    """A link or abbreviation naming CSV, XLSX, JSON, Atom, RSS, .ics or SHA-256 says what it is."""
    labels = ("CSV", "XLSX", "JSON", "Atom", "RSS", ".ics", "SHA-256")
    seen = set()
    for path in sample_site.rglob("*.html"):
        if path.relative_to(sample_site).parts[0] == "staff":
            continue
        for element in lxml.html.fromstring(path.read_bytes()).iter("a", "abbr"):
            shown = element.text_content().strip()
            named = [label for label in labels if label in shown]
            if not named:
                continue
            seen.update(named)
            where = f"{path.relative_to(sample_site)}: {shown}"
            bare = not re.search(r"[\u4e00-\u9fff]", shown)
            # A bare label carries its format's line as its title; others may add one.
            if bare:
                assert element.get("title") == FORMATS_BY_LABEL[shown].note, where
            elif element.get("title"):
                assert element.get("title") in {f.note for f in FORMATS_BY_LABEL.values()}, where
    assert seen == set(labels)
