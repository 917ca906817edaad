"""A build of the small test county: the structure the national rules require."""

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from built import document_metadata
from built import page as read
from built import plain as text
from xxgk.adapters.mkdocs.build import build_site

FIXTURE = Path(__file__).parent / "fixtures" / "county"

ROOT = Path(__file__).parent.parent
PLAN = "doc/11239901000012370G/2026-00001/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("build")
    shutil.copytree(FIXTURE, work / "content")
    build_site(work / "content", work / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    return work / "site"


def test_the_disclosure_column_has_the_four_columns_in_order(site):
    html = read(site, "xxgk/index.html")
    columns = re.findall(r'class="xxgk-column" href="[^"]*"><strong>([^<]+)</strong>', html)
    assert columns == ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"]


def primary_nav(html: str) -> str:
    start = html.index('<nav class="md-nav md-nav--primary')
    return html[start : html.index('<div class="md-sidebar md-sidebar--secondary"', start)]


def test_the_navigation_leads_to_the_columns_and_not_to_documents(site):
    tabs = read(site, "xxgk/index.html")
    tabs = tabs[tabs.index('<nav class="md-tabs"') :]
    tabs = text(tabs[: tabs.index("</nav>")])
    assert tabs.split() == [
        "首页",
        "政府信息公开",
        "部门和乡镇",
        "解读回应",
        "文件库和清单",
        "意见征集",
        "检索",
        "网站地图",
    ]
    nav = primary_nav(read(site, PLAN))
    assert "政府信息公开指南" in nav and "政府信息公开年报" in nav
    assert "/doc/" not in nav and "2026-0" not in nav, "documents are not in the navigation"
    # so every page carries the same small navigation, however many documents there are
    other = primary_nav(read(site, "doc/11239901000013480E/2026-00001/index.html"))
    assert nav.count("md-nav__link") == other.count("md-nav__link") < 40
    assert '<html lang="zh"' in read(site, "index.html")


def test_a_document_page_shows_its_metadata(site):
    html = read(site, PLAN)
    shown = document_metadata(html)
    assert shown == {
        "索引号": "11239901000012370G/2026-00001",
        "发布机构": "测试县人民政府办公室",
        "发布日期": "2026-03-05",
        "成文日期": "2026-03-02",
        "发文字号": "测政办发〔2026〕3号",
        "主题分类": "综合政务",
        "文种": "通知",
        "信息来源": "测试县人民政府办公室",
        "公开方式": "主动公开",
        "信息类别": "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
        "主题词": "政务公开 工作要点",
        "标题": "测试县人民政府办公室关于印发测试县2026年政务公开工作要点的通知",
    }, "有效性 and 有效期至 have no value here and are left out"
    assert list(shown)[:3] == ["索引号", "发布机构", "发布日期"], "what a phone's first screen must show"
    assert '<h2 id="_1">一、加强政策解读</h2>' in html or "一、加强政策解读</h2>" in html


def test_attachments_download_from_beside_the_document(site):
    html = read(site, PLAN)
    assert '<a href="任务分解表.csv" download="任务分解表.csv" type="text/csv">任务分解表</a>' in html
    assert "CSV，88 B" in html, "the size of the file as published: 85 bytes and the UTF-8 mark Excel needs"
    published = (site / "doc/11239901000012370G/2026-00001/任务分解表.csv").read_bytes()
    assert published.startswith("\ufeff任务".encode())


def test_relations_show_on_both_sides(site):
    budget = read(site, "doc/11239901000013480E/2026-00001/index.html")
    assert "相关文件" in budget and "../../11239901000012370G/2026-00001/" in budget
    old = read(site, "doc/11239901000013480E/2025-00001/index.html")
    assert "已被以下文件废止" in old and "测试县县级财政专项资金管理办法" in old
    new = read(site, "doc/11239901000013480E/2026-00002/index.html")
    assert "本文件废止的文件" in new


def test_listings_are_paginated_newest_first(site):
    # Five documents at three a page; the two 政策解读 are in 解读回应, not counted here a second time.
    first = read(site, "xxgk/fdzdgknr/index.html")
    second = read(site, "xxgk/fdzdgknr/2/index.html")
    assert "共 5 条，第 1/2 页" in first and "共 5 条，第 2/2 页" in second
    dates = re.findall(r'<time datetime="([\d-]+)"', first[first.index("全部法定主动公开内容") :])
    dates += re.findall(r'<time datetime="([\d-]+)"', second)
    assert dates == sorted(dates, reverse=True) and len(dates) == 5
    assert not (site / "xxgk/fdzdgknr/3").exists()


def test_every_category_has_a_page_and_empty_ones_say_so(site):
    for code in [f"a20-{n:02d}" for n in range(1, 16)] + ["a21-shjz", "a21-tdzs", "a21-czcl"]:
        assert (site / f"xxgk/fdzdgknr/lb/{code}/index.html").is_file(), code
    assert "本栏目暂无公开信息。" in read(site, "xxgk/fdzdgknr/lb/a20-14/index.html")
    assert "松林镇2026年第一季度临时救助情况公示" in read(site, "xxgk/fdzdgknr/lb/a21-shjz/index.html")


def test_browse_by_year_and_by_unit(site):
    assert "测试县县级财政专项资金管理暂行办法" in read(site, "xxgk/fdzdgknr/nf/2025/index.html")
    unit = read(site, "dw/11239901000013480E/fdzdgknr/index.html")
    assert "测试县2026年县级一般公共预算" in unit and "松林镇" not in text(unit[unit.index("全部") :])


def test_each_unit_has_the_four_sub_columns_with_the_same_documents(site):
    html = read(site, "dw/11239901000012370G/index.html")
    columns = re.findall(r'class="xxgk-column" href="([^"]*)"><strong>([^<]+)</strong>', html)
    assert [name for _, name in columns] == [
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
    ]
    assert "测试县人民政府信息公开指南" in read(site, "dw/11239901000012370G/zn/index.html")
    assert "测试县人民政府信息公开指南" in read(site, "xxgk/zn/index.html")
    assert "0469-5820001" in html


def test_a_document_dated_after_the_build_date_is_not_published(site):
    assert not (site / "doc/11239901000012370G/2026-00004").exists()
    assert "春节假期值班安排" not in read(site, "xxgk/fdzdgknr/nf/2026/index.html")


def test_home_page_is_a_portal(site):
    html = read(site, "index.html")
    assert "测试县人民政府信息公开" in html
    assert 'name="q"' in html  # the search box
    assert "最新公开" in html and "部门和乡镇" in html
    assert html.index("测试县政府信息公开保密审查制度") > 0


def test_the_site_map_reaches_every_listing(site):
    html = read(site, "sitemap/index.html")
    assert "../xxgk/fdzdgknr/lb/a20-01/" in html and "../dw/112399010000164400/" in html


def test_the_address_of_a_document_comes_from_its_index_number(tmp_path):
    """Moving the file to another folder and retitling it keeps its address."""
    shutil.copytree(FIXTURE, tmp_path / "content")
    source = tmp_path / "content/县政府办公室/2026/工作要点.md"
    target = tmp_path / "content/归档/要点（修改后）.md"
    target.parent.mkdir()
    text_ = source.read_text(encoding="utf-8").replace("工作要点的通知", "工作要点的通知（更正）")
    target.write_text(text_, encoding="utf-8")
    shutil.move(source.with_name("任务分解表.csv"), target.with_name("任务分解表.csv"))
    source.unlink()
    build_site(tmp_path / "content", tmp_path / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    assert "工作要点的通知（更正）" in read(tmp_path / "site", PLAN)


def test_a_failed_build_leaves_the_published_site_as_it_was(tmp_path):
    from xxgk.model.problems import ContentError

    shutil.copytree(FIXTURE, tmp_path / "content")
    build_site(tmp_path / "content", tmp_path / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "site").rglob("*"))
    (tmp_path / "content/县政府办公室/2026/工作要点.md").write_text("---\n标题: [\n---\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build_site(tmp_path / "content", tmp_path / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "site").rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"], "no staging folder is left behind"


def test_without_javascript_every_document_is_reached_by_links_from_the_home_page(site):
    """Listing pages, unit pages and the site map reach every published document."""
    import posixpath
    from urllib.parse import unquote, urljoin

    seen, queue = set(), ["index.html"]
    while queue:
        page = queue.pop()
        if page in seen or not (site / page).is_file():
            continue
        seen.add(page)
        for href in re.findall(r'href="([^"#?]+)"', read(site, page)):
            if href.startswith(("http:", "https:", "mailto:", "tel:")):
                continue
            target = posixpath.normpath(unquote(urljoin("/" + page, href))).lstrip("/")
            if not target.endswith(".html") and (site / target).is_dir():
                target = posixpath.join(target, "index.html")
            if target.endswith(".html"):
                queue.append(target)
    documents = {p.relative_to(site).as_posix() for p in (site / "doc").rglob("index.html")}
    assert documents and documents <= seen


STAFF_PAGES = ("import", "add", "correct", "repeal", "interpretation", "registers", "errors", "publishing")


def test_the_staff_guide_is_built_but_linked_from_no_public_page(site):
    sitemap = read(site, "sitemap/index.html")
    assert "staff/" not in sitemap and "工作人员指南" not in sitemap
    for public in site.rglob("*.html"):
        if public.relative_to(site).parts[0] != "staff":
            assert 'staff/"' not in public.read_text(encoding="utf-8"), public
    guide = read(site, "staff/index.html")
    assert "<h1" in guide and "工作人员指南" in guide
    for page in STAFF_PAGES:
        assert f'href="{page}/"' in guide, page
        assert (site / "staff" / page / "index.html").is_file(), page
    assert "staff/" not in primary_nav(guide)


def test_the_staff_guide_names_only_commands_that_exist():
    from xxgk.authoring.cli import main

    for page in (ROOT / "docs" / "staff").glob("*.md"):
        for command in re.findall(r"xxgk (\w+)", page.read_text(encoding="utf-8")):
            assert command in main.commands, f"{page.name}: xxgk {command}"
