"""The plan's 六（一）、（二）: each unit names one leader answerable for its 政府信息公开 and an office
among its 内设机构 that does the work; both, and the county's 领导信息, are in the registry and on the
unit's 机构概况 and 指南."""

import pytest

from built import page, plain
from xxgk.checks.content import load_content

COUNTY = "112399010000120008"
MARKET = "11239901000015700M"


def test_a_unit_page_names_its_disclosure_leader_office_and_leaders(sample_site):
    text = plain(page(sample_site, f"dw/{COUNTY}/"))
    assert "政府信息公开工作负责人 刘建军（常务副县长） 政府信息公开工作机构 松岭县人民政府办公室政务公开股" in text
    assert "领导信息 赵振华 县长 主持县政府全面工作。 刘建军 常务副县长 负责县政府常务工作" in text
    market = plain(page(sample_site, f"dw/{MARKET}/"))
    assert "政府信息公开工作负责人 邓国华（副局长） 政府信息公开工作机构 办公室" in market
    assert "领导信息" not in market, "only where the registry lists leaders"


def test_the_guides_say_who_answers_for_disclosure(sample_site):
    assert "松岭县人民政府的政府信息公开工作由常务副县长刘建军负责，松岭县人民政府办公室政务公开股具体承办。" in plain(
        page(sample_site, "xxgk/zn/")
    )
    assert "松岭县市场监督管理局的政府信息公开工作由副局长邓国华负责，办公室具体承办。" in plain(
        page(sample_site, f"dw/{MARKET}/zn/")
    )


END = "    电子邮箱: czj@example.gov.cn\n  - 名称: 松林镇人民政府"  # the end of 测试县财政局's entry
REGISTRY = {
    "an office that is not one of the unit's": (
        "    信息公开工作机构: 综合股\n    内设机构: [办公室, 预算股, 国库股]\n",
        "content/单位.yml:33: 信息公开工作机构: 「综合股」不是本单位的内设机构：政府信息公开工作机构应在内设机构中指定；"
        "可选：办公室、预算股、国库股",
    ),
    "a leader without a post": (
        "    信息公开负责人: {姓名: 杨东升}\n",
        "content/单位.yml:33: 信息公开负责人: 缺少职务：应写成 {姓名: 张海峰, 职务: 县应急管理局局长}",
    ),
    "a leader written as a sentence": (
        "    领导: 局长杨东升\n",
        "content/单位.yml:33: 领导: 应写成 {姓名: 张海峰, 职务: 县应急管理局局长, 分工: …}",
    ),
}


@pytest.mark.parametrize("change,expected", REGISTRY.values(), ids=REGISTRY.keys())
def test_a_wrong_entry_is_refused_at_its_line(content, change, expected):
    registry = content / "单位.yml"
    text = registry.read_text(encoding="utf-8")
    assert END in text
    registry.write_text(text.replace(END, END.replace("\n", "\n" + change, 1), 1), encoding="utf-8")
    assert [str(p) for p in load_content(content).errors] == [expected]
