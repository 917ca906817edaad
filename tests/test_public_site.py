"""What a citizen, a journalist and an auditor expect beyond the documents: the footer,
the 指南, 依申请公开, feeds, open data and the sitemap, in a build of the test county."""

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from xxgk.build import build_site

TESTS = Path(__file__).parent
ROOT = TESTS.parent
PLAN = "doc/11239901000012370G/2026-00001/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("public")
    shutil.copytree(TESTS / "fixtures" / "county", work / "content")
    build_site(work / "content", work / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    return work / "site"


def read(site: Path, page: str) -> str:
    return (site / page / "index.html" if not page.endswith((".html", ".xml", ".txt", ".json", ".csv"))
            else site / page).read_text(encoding="utf-8")


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def footer(html: str) -> str:
    return html[html.index('<footer class="md-footer xxgk-footer">'):html.index("</footer>")]


@pytest.mark.parametrize("page", ["", PLAN, "xxgk/fdzdgknr/lb/a20-07/", "nb/", "staff/"])
def test_every_page_has_the_footer_from_the_site_configuration(site, page):
    html = footer(read(site, page))
    shown = re.sub(r"<[^>]+>", "", html)
    for item in ("主办单位：测试县人民政府办公室", "联系电话：0469-5820001", "电子邮箱：xxgk@example.gov.cn",
                 "网站标识码：2399000002", "黑ICP备00000001号", "黑公网安备23990002000002号"):
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
