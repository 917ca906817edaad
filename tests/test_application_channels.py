"""条例 art. 12: every unit's 指南 tells applicants where to send a request, by post, fax and e-mail,
so every unit of the registry has these itself or names the office that receives its requests;
`xxgk check` refuses a unit whose 指南 would promise a channel it lacks."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from built import page, plain
from counties import BUILD_DATE, SAMPLE, make_repository
from xxgk.authoring.cli import main
from xxgk.checks.content import load_content
from xxgk.model.site_identity import OFFICE_KEYS

AFTER = "或在 申请受理机构 写明代为受理申请的单位或机构"


def edit_registry(content: Path, old: str, new: str) -> None:
    registry = content / "单位.yml"
    text = registry.read_text(encoding="utf-8")
    assert old in text
    registry.write_text(text.replace(old, new, 1), encoding="utf-8")


def check() -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--date", BUILD_DATE.isoformat()])
    assert "Traceback" not in result.output
    # The sample's plans have tasks past their date on the build date: warnings of their own, not about channels.
    lines = [line for line in result.output.splitlines() if line.startswith("content/")]
    return result.exit_code, [line for line in lines if " 警告: 任务台账: " not in line]


@pytest.fixture
def sample(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_repository(tmp_path, SAMPLE) / "content"


def test_the_sample_county_passes(sample):
    code, problems = check()
    assert code == 0 and not [line for line in problems if " 警告:" not in line]


def test_a_unit_whose_fax_and_email_are_removed_is_refused(sample):
    edit_registry(sample, "    传真: 0469-5824307\n    电子邮箱: czj@songling.gov.cn\n", "")
    code, problems = check()
    assert code == 1
    assert problems == [
        "content/单位.yml:131: 传真: 松岭县财政局的政府信息公开指南告诉申请人可以传真申请，名册中却没有传真号码"
        f"（条例第十二条）：请填写 传真，{AFTER}",
        "content/单位.yml:131: 电子邮箱: 松岭县财政局的政府信息公开指南告诉申请人可以通过电子邮件申请，"
        f"名册中却没有电子邮箱（条例第十二条）：请填写 电子邮箱，{AFTER}",
    ]


def test_a_fax_left_empty_is_reported_at_its_own_line(sample):
    edit_registry(sample, "    传真: 0469-5824307\n", '    传真: ""\n')
    code, problems = check()
    assert code == 1 and [line.split(": ")[0:2] for line in problems] == [["content/单位.yml:139", "传真"]]


def test_naming_the_county_office_instead_passes(sample):
    edit_registry(
        sample,
        "    传真: 0469-5824307\n    电子邮箱: czj@songling.gov.cn\n",
        "    申请受理机构: 松岭县人民政府办公室政务公开股\n",
    )
    code, problems = check()
    assert code == 0 and all(" 警告:" in line for line in problems)


def test_a_unit_with_no_channel_at_all_gets_one_message(content):
    edit_registry(content, "    申请受理机构: 测试县人民政府办公室\n", "")
    assert [str(p) for p in load_content(content).errors] == [
        "content/单位.yml:33: 申请受理机构: 松林镇人民政府没有受理政府信息公开申请的渠道（条例第十二条）："
        "请写明本单位的办公地址、邮政编码、办公时间、联系电话、传真、电子邮箱，或在 申请受理机构 写明代为受理申请的单位或机构"
    ]


RECEIVERS = {
    "an office nobody knows": (
        "测试县政府办公室",
        "content/单位.yml:37: 申请受理机构: 「测试县政府办公室」既不是单位名册中的单位，也不是站点.yml 的政府信息公开工作机构；"
        "是否应为「测试县人民政府办公室」？",
    ),
    "the unit itself": (
        "松林镇人民政府",
        "content/单位.yml:37: 申请受理机构: 「松林镇人民政府」是本单位自己：本单位受理申请的，删去 申请受理机构，"
        "写明本单位的办公地址、邮政编码、办公时间、联系电话、传真和电子邮箱",
    ),
}


@pytest.mark.parametrize("receiver, expected", RECEIVERS.values(), ids=RECEIVERS.keys())
def test_the_receiving_office_must_exist(content, receiver, expected):
    edit_registry(content, "申请受理机构: 测试县人民政府办公室", f"申请受理机构: {receiver}")
    assert [str(p) for p in load_content(content).errors] == [expected]


def test_a_receiving_unit_that_passes_requests_on_again_is_refused(content):
    # The 财政局 hands its requests to the 松林镇, which hands its own to the 县政府办公室.
    edit_registry(content, "    传真: 0469-5820102\n", "    传真: 0469-5820102\n    申请受理机构: 松林镇人民政府\n")
    assert [str(p) for p in load_content(content).errors] == [
        "content/单位.yml:32: 申请受理机构: 「松林镇人民政府」的申请也由「测试县人民政府办公室」代为受理："
        "请直接写「测试县人民政府办公室」"
    ]


def test_a_unit_may_name_another_unit_of_the_registry(content):
    edit_registry(content, "申请受理机构: 测试县人民政府办公室", "申请受理机构: 测试县财政局")
    assert load_content(content).errors == []


def test_postcode_and_email_have_their_form(content):
    edit_registry(content, '邮政编码: "155901"\n    办公时间', '邮政编码: "15590"\n    办公时间')
    edit_registry(content, "电子邮箱: czj@example.gov.cn", "电子邮箱: czj.example.gov.cn")
    assert [str(p) for p in load_content(content).errors] == [
        'content/单位.yml:6: 邮政编码: 「15590」格式不对：应为6位数字，并加引号，如 "155900"',
        "content/单位.yml:32: 电子邮箱: 「czj.example.gov.cn」格式不对：应为电子邮箱地址，如 xxgk@example.gov.cn",
    ]


def test_the_county_guide_needs_an_office(content):
    config = content / "站点.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("政府信息公开工作机构:")], encoding="utf-8")
    edit_registry(content, "    类型: 县人民政府\n", "    类型: 其他单位\n")
    assert [str(p) for p in load_content(content).errors] == [
        "content/站点.yml: 政府信息公开工作机构: 县政府信息公开指南没有受理申请的机构（条例第十二条）："
        "请在站点.yml 写明 政府信息公开工作机构，或在单位名册中列出类型为 县人民政府 的单位"
    ]


def test_every_unit_guide_of_the_sample_gives_a_complete_channel(sample_site):
    units = load_content(SAMPLE).units
    receivers = {}
    for unit in units:
        html = page(sample_site, f"dw/{unit.code}/zn/")
        table = html[html.index('<table class="xxgk-meta xxgk-meta--office">') :]
        rows = dict(re.findall(r'<th scope="row">([^<]+)</th><td>([^<]*)</td>', table[: table.index("</table>")]))
        assert list(rows) == [label for label, _ in OFFICE_KEYS.labels()], unit.name
        assert "—" not in rows.values() and all(rows.values()), unit.name
        assert "申请人可以当面提交、邮寄、传真或者通过电子邮件提交书面申请" in plain(html), unit.name
        if "代为受理" in plain(html):
            receivers[unit.name] = rows["名称"]
    assert receivers == {
        "松岭县人民政府": "松岭县人民政府办公室政务公开股",
        "清河乡人民政府": "松岭县人民政府办公室政务公开股",
    }
