"""Every bad input a clerk can commit is reported with file, line, field and a fix,
and nothing is written to the site folder."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from xxgk.adapters.mkdocs.build import SITE_MARK, build_site
from xxgk.checks.content import load_content
from xxgk.model.problems import ContentError, errors

CASES = Path(__file__).parent / "cases" / "invalid"


@pytest.mark.parametrize("case", sorted(CASES.glob("*.md")), ids=lambda p: p.stem)
def test_each_bad_document_is_reported_and_nothing_is_written(case, content):
    folder = content / "cases"
    folder.mkdir()
    shutil.copyfile(case, folder / case.name)
    extra = case.with_suffix(".files")
    if extra.is_dir():
        shutil.copytree(extra, folder, dirs_exist_ok=True)
    site = content.parent / "site"
    site.mkdir()
    (site / "index.html").write_text("the published site", encoding="utf-8")
    (site / SITE_MARK).write_text("xxgk\n", encoding="utf-8")  # an earlier build's

    with pytest.raises(ContentError) as raised:
        build_site(content, site, dt.date(2026, 11, 27))

    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in errors(raised.value.problems)] == expected
    assert sorted(p.name for p in site.iterdir()) == [SITE_MARK, "index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the published site"
    assert not list(content.parent.glob(".site.*")), "no staging folder is left behind"


def test_the_test_county_is_valid(content):
    loaded = load_content(content)
    assert loaded.problems == []
    assert len(loaded.units) == 4
    assert len(loaded.documents) == 11


def test_values_are_normalised(content):
    documents = {str(d.index_number): d for d in load_content(content).documents}
    plan = documents["11239901000012370G/2026-00001"]
    assert plan.doc_number == "测政办发〔2026〕3号"  # typed as 测政办发[2026]03号
    assert plan.keywords == ("政务公开", "工作要点")  # typed as one line
    assert plan.written == dt.date(2026, 3, 2)
    assert plan.attachments[0].name == "任务分解表"
    assert documents["11239901000013480E/2026-00002"].doc_number == "测财发〔2026〕2号"  # typed with （）
    assert documents["112399010000164400/2026-00001"].title.startswith("松林镇")  # saved with a BOM


def test_an_attachment_symlinked_out_of_content_is_refused(content, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for publication", encoding="utf-8")
    folder = content / "县政府办公室" / "2026"
    (folder / "链接.txt").symlink_to(secret)
    path = folder / "工作要点.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "附件: [{文件: 任务分解表.csv, 名称: 任务分解表}]", "附件: [链接.txt]"
        ),
        encoding="utf-8",
    )
    problems = [str(p) for p in load_content(content).problems]
    assert problems == [
        "content/县政府办公室/2026/工作要点.md:12: 附件: "
        "「链接.txt」指向 content 文件夹之外：附件必须放在 content 文件夹内"
    ]


def test_every_problem_is_reported_at_once(content):
    for name in ("unknown-unit", "bad-date", "relation-missing"):
        (content / f"{name}.md").write_bytes((CASES / f"{name}.md").read_bytes())
    problems = load_content(content).problems
    assert [p.path.name for p in problems] == ["bad-date.md", "relation-missing.md", "unknown-unit.md"]


UNIT_CASES = {
    "bad check digit": (
        ('统一社会信用代码: "11239901000013480E"', '统一社会信用代码: "11239901000013480F"'),
        "content/单位.yml:24: 统一社会信用代码: 「11239901000013480F」不是有效的统一社会信用代码（18位，校验位不符或含非法字符）",
    ),
    "unknown type": (
        ("类型: 乡镇人民政府", "类型: 乡镇政府"),
        "content/单位.yml:35: 类型: 「乡镇政府」不在单位类型词表中；可选值：县人民政府、县政府部门、乡镇人民政府、其他单位",
    ),
    "unknown parent": (
        ("上级单位: 测试县人民政府\n    申请受理机构", "上级单位: 测试县政府\n    申请受理机构"),
        "content/单位.yml:36: 上级单位: 「测试县政府」不在名册中；是否应为「测试县人民政府」？",
    ),
    "duplicate name": (
        ("名称: 松林镇人民政府", "名称: 测试县财政局"),
        "content/单位.yml:33: 名称: 「测试县财政局」与第 23 行的单位重复",
    ),
    "unquoted code": (
        ('统一社会信用代码: "112399010000164400"', "统一社会信用代码: 112399010000164400"),
        "content/单位.yml:34: 统一社会信用代码: 应为文字，现为 112399010000164400：请给值加上引号",
    ),
}


@pytest.mark.parametrize("change,expected", UNIT_CASES.values(), ids=UNIT_CASES.keys())
def test_bad_unit_registry_entries(content, change, expected):
    registry = content / "单位.yml"
    text = registry.read_text(encoding="utf-8")
    assert change[0] in text
    registry.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    assert expected in [str(p) for p in load_content(content).problems]


def test_site_configuration_problems(content):
    (content / "站点.yml").write_text(
        "网站名称: 测试县\n每页条数: 0\n追加词表:\n  主题分类表: [乡村振兴]\n", encoding="utf-8"
    )
    assert [str(p) for p in load_content(content).problems] == [
        "content/站点.yml:2: 每页条数: 应为 1 到 500 之间的整数（现为 0）",
        "content/站点.yml:4: 追加词表: 未知的词表「主题分类表」；是否应为「主题分类」？",
    ]


def test_a_county_can_add_its_own_terms(content):
    (content / "站点.yml").write_text("网站名称: 测试县\n追加词表:\n  主题分类: [乡村振兴]\n", encoding="utf-8")
    path = content / "松林镇" / "临时救助.md"
    path.write_text(
        path.read_text(encoding="utf-8-sig").replace("主题分类: 民政、扶贫、救灾", "主题分类: 乡村振兴"),
        encoding="utf-8",
    )
    loaded = load_content(content)
    assert loaded.problems == []
    assert "乡村振兴" in loaded.config.vocabularies["主题分类"]


def test_an_attachment_over_the_configured_size_is_refused(content):
    (content / "站点.yml").write_text("网站名称: 测试县\n附件大小上限: 0.00005\n", encoding="utf-8")
    problems = [str(p) for p in load_content(content).problems]
    assert problems == [
        "content/县政府办公室/2026/工作要点.md:12: 附件: 「任务分解表.csv」有 85 B，超过上限 52 B"
        "（站点.yml 的 附件大小上限）：请压缩或拆分"
    ]
