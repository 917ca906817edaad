"""The sample county 松岭县 is what a new user sees first (content/ as the project ships it):
it must be valid and show every part of the site. The tests read its frozen copy in
tests/fixtures/sample; content/ belongs to whichever county runs the site, and only
test_the_county_content_checks reads it."""

import datetime as dt
from collections import Counter

import pytest
from click.testing import CliRunner

from counties import BUILD_DATE, ROOT, SAMPLE
from xxgk.adapters.mkdocs.build import build_site
from xxgk.authoring.cli import main
from xxgk.checks.content import load_content
from xxgk.model.report_format import REGULATION_COLUMNS, row
from xxgk.model.report_rules import check_deadlines
from xxgk.site.context import FDZDGKNR


@pytest.fixture(scope="module")
def sample():
    return load_content(SAMPLE)


def test_the_county_content_checks():
    """Whatever county is in content/, and whatever today is: no errors (warnings are the county's)."""
    result = CliRunner().invoke(
        main, ["check", "--content", str(ROOT / "content"), "--config", str(ROOT / "mkdocs.yml")]
    )
    assert result.exit_code == 0, result.output


def test_the_sample_is_valid(sample):
    assert sample.problems == []


def test_the_sample_is_a_realistic_county(sample):
    types = Counter(unit.type for unit in sample.units)
    assert len(sample.units) >= 10 and types["县人民政府"] == 1 and types["乡镇人民政府"] >= 3
    assert len(sample.documents) >= 40
    categories = {d.category for d in sample.documents}
    assert {"政府信息公开指南", "政府信息公开制度"} <= categories
    art20 = [t.name for t in sample.config.vocabularies["信息类别"].terms if t.clause.startswith("第二十条")]
    assert len(categories & set(art20)) >= 12
    assert any(d.interprets for d in sample.documents), "a 规范性文件 with its 解读"
    assert any(d.repeals for d in sample.documents) and {"失效", "废止"} <= {d.validity for d in sample.documents}
    assert any(d.attachments for d in sample.documents)
    assert any("应急预案" in d.title for d in sample.documents)


def test_the_sample_is_valid_on_the_build_date_too():
    """Interpretations on time, no 有效性 that is not yet true."""
    assert load_content(SAMPLE, as_of=BUILD_DATE).problems == []


def test_the_sample_has_every_register_and_a_full_lifecycle(sample):
    from xxgk.model.lifecycle import Lifecycle

    powers = [r for r in sample.registers if r.kind.name == "权责清单"]
    assert len(powers) >= 4 and sum(len(r.rows) for r in powers) >= 40
    assert {p.path.suffix for p in powers} == {".xlsx", ".csv", ".yml"}
    catalogue = [r for r in sample.registers if r.kind.name == "政务公开事项标准目录"]
    assert len({row.get("领域") for r in catalogue for row in r.rows}) >= 3
    assert sum(1 for unit in sample.units if unit.departments) >= 10
    lifecycle = Lifecycle(sample.documents)
    day = dt.date(2026, 11, 27)
    expired = [d for d in sample.documents if d.valid_until and lifecycle.status(d, day).name == "失效"]
    assert expired and all(d.validity == "有效" for d in expired), "expired by the date alone, nobody edited it"
    assert any(d.valid_until and lifecycle.status(d, day).in_force for d in sample.documents)
    assert {lifecycle.status(d, day).name for d in sample.documents if lifecycle.has_status(d)} == {
        "有效",
        "失效",
        "废止",
    }


def test_every_unit_has_its_annual_reports_and_none_is_overdue(sample):
    years = {(report.unit.name, report.year) for report in sample.reports}
    assert years == {(unit.name, year) for unit in sample.units for year in (2024, 2025)}
    assert check_deadlines(SAMPLE, sample.units, sample.reports, sample.documents, BUILD_DATE) == []
    # Table 二 is not all zeros: the sample's 规范性文件 are counted, issued, replaced and repealed.
    norms = row("表二", "第二十条第（一）项", "行政规范性文件")
    assert {r.value(norms, c) for r in sample.reports for c in REGULATION_COLUMNS} >= {0, 1, 2}


def test_the_sample_builds(sample, tmp_path):
    build_site(SAMPLE, tmp_path / "site", BUILD_DATE, ROOT / "mkdocs.yml")
    pages = {p.parent.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("index.html")}
    for document in sample.documents:
        assert document.url.rstrip("/") in pages
    for report in sample.reports:
        assert report.url.rstrip("/") in pages
    assert (
        sum(
            1
            for d in sample.documents
            if d.category not in ("政府信息公开指南", "政府信息公开制度", "政府信息公开年报")
        )
        > 20
    )
    assert "xxgk/fdzdgknr/2" in pages, f"{FDZDGKNR} needs a second page at 20 per page"


def test_the_samples_attachments_are_chinese_documents_matching_their_pages(sample):
    """Each 印发版 PDF is the document itself, printed: its title, 发文字号 and body, in Chinese."""
    import re

    import pypdf

    printed = [(d, a) for d in sample.documents for a in d.attachments if a.filename.endswith("（印发版）.pdf")]
    assert len(printed) >= 2
    for document, attachment in printed:
        reader = pypdf.PdfReader(attachment.source)
        # The page's text without its number (— 1 —) and line breaks: a sentence may run on the next page.
        text = "".join(re.sub(r"—\d+—$", "", "".join(page.extract_text().split())) for page in reader.pages)
        assert reader.metadata.title == document.title
        assert f"{document.issuer or document.unit.name}文件" in text and document.doc_number in text
        assert "".join(document.title.split()) in text
        for sentence in re.findall(r"[^\s#*|：]{12,}", document.body)[:40]:
            assert sentence.replace("**", "") in text, sentence
        assert re.findall(r"[A-Za-z]{3,}", text) == [], "no English placeholder text"
        assert attachment.size < 120_000, "fonts cut to the characters used"
