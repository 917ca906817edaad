"""One Chinese-key mapper: every mapping staff write names an unknown key the same way, on its line."""

from pathlib import PurePath

import pytest

from xxgk.checks.content import load_content
from xxgk.model.keys import Keys
from xxgk.model.personal_numbers import parse_exemption
from xxgk.model.site_identity import OFFICE_KEYS
from xxgk.model.sources import parse_yaml
from xxgk.site.sections.guide import office_rows

SHOWN = PurePath("content/站点.yml")
OFFICE = Keys("项", {"名称": "name", "联系电话": "phone", "电子邮箱": "email"})

YAML = """网站名称: 测试县
政府信息公开工作机构:
  名称: 测试县人民政府办公室
  电话: 0469-5820001
  邮件: xxgk@example.gov.cn
"""


def test_an_unknown_key_is_named_on_its_line_with_the_closest_key():
    parsed = parse_yaml(YAML, SHOWN)
    office = parsed.data["政府信息公开工作机构"]
    problems = OFFICE.check(office, SHOWN, parsed, "政府信息公开工作机构", section="政府信息公开工作机构")
    assert [str(p) for p in problems] == [
        "content/站点.yml:4: 政府信息公开工作机构: 未知的项「电话」；是否应为「联系电话」？",
        "content/站点.yml:5: 政府信息公开工作机构: 未知的项「邮件」；可选：名称、联系电话、电子邮箱",
    ]


def test_at_the_top_level_the_key_is_the_field_and_each_unknown_key_is_reported_once():
    parsed = parse_yaml("标题: 通知\n发布机关: 县政府\n附注: 无\n", SHOWN)
    keys = Keys("字段", {"标题": "title", "发文机关": "issuer"})
    assert [str(p) for p in keys.check(parsed.data, SHOWN, parsed)] == [
        "content/站点.yml:2: 发布机关: 未知的字段；是否应为「发文机关」？",
        "content/站点.yml:3: 附注: 未知的字段；可选：标题、发文机关",
    ]


def test_the_known_values_are_read_by_attribute_and_the_labels_come_back_in_order():
    parsed = parse_yaml(YAML, SHOWN)
    values, problems = OFFICE.read(
        parsed.data["政府信息公开工作机构"], SHOWN, parsed, "政府信息公开工作机构", section="政府信息公开工作机构"
    )
    assert values == {"name": "测试县人民政府办公室"}
    assert len(problems) == 2
    assert OFFICE.key("phone") == "联系电话"
    assert OFFICE.labels() == [("名称", "name"), ("联系电话", "phone"), ("电子邮箱", "email")]


def test_aliases_and_a_normalised_spelling_count_as_the_key():
    keys = Keys.named("列", ["监督电话"], aliases={"投诉电话": "监督电话"}, normalise=lambda text: str(text).strip())
    assert keys.canonical(" 投诉电话 ") == "监督电话"
    assert "监督电话 " in keys and "电话号码" not in keys
    assert keys.unknown_message(" 监督 电话", named=True) == "未知的列「 监督 电话」；是否应为「监督电话」？"


def test_the_guide_shows_the_office_in_the_order_and_words_of_its_declaration():
    rows = office_rows(type("Office", (), {attr: f"<{attr}>" for _, attr in OFFICE_KEYS.labels()})())
    assert [label for label, _ in rows] == ["名称", "办公地址", "邮政编码", "办公时间", "联系电话", "传真", "电子邮箱"]
    assert rows[4] == ("联系电话", "<phone>")


def test_every_section_of_the_site_configuration_says_did_you_mean_alike(content):
    # 党政机关网站标识 listed its two keys whatever was typed, where every other section suggests the closest.
    with (content / "站点.yml").open("a", encoding="utf-8") as file:
        file.write(
            "党政机关网站标识:\n  图片: assets/badge.png\n  链结: https://bszs.conac.cn/\n意见征集:\n  反馈期限: 30\n"
        )
    problems = [str(p) for p in load_content(content).problems if "未知的" in p.message]
    assert [p.split(": ", 1)[1] for p in problems] == [
        "党政机关网站标识: 未知的项「链结」；是否应为「链接」？",
        "意见征集: 未知的配置项「反馈期限」；是否应为「反馈期限天数」？",
    ]


def test_an_exemption_names_an_unknown_key_as_every_other_mapping_does():
    # It said 未知的键「号」：每一项只写 号码 和 理由, unlike every other unknown key.
    with pytest.raises(ValueError, match="^未知的键「号」；是否应为「号码」？$"):
        parse_exemption({"号": "6228480012345678903", "理由": "对公账号"})
