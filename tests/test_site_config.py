"""站点.yml: the footer's and the 指南's keys, each checked with file, line and a fix."""

from xxgk.checks.content import load_content

BAD = """网站名称: 测试县人民政府信息公开
网址: https://xxgk.example.gov.cn/
主办单位: 测试县人民政府办公室
网站标识码: 2399000001
ICP备案号: 黑ICP12345678号
公安机关备案号: 黑公网安备2399000200000号
电子邮箱: xxgk.example.gov.cn
党政机关网站标识: assets/badge.png
页脚链接:
  - {名称: 门户网站, 链接: /portal/}
政府信息公开工作机构:
  名称: 测试县人民政府办公室
  邮政编码: 155900
  电话: 0469-5820001
政府信息查阅场所: 县档案馆
"""


def test_a_bad_site_configuration_names_every_wrong_key_and_line(content):
    (content / "站点.yml").write_text(BAD, encoding="utf-8")
    problems = [str(p) for p in load_content(content).problems]
    assert problems == [
        "content/站点.yml:4: 网站标识码: 应为文字，YAML 把它读成了数字 2399000001：请给值加上引号",
        "content/站点.yml:5: ICP备案号: 「黑ICP12345678号」格式不对：应写成 省份简称ICP备数字号，如 黑ICP备12345678号 或 黑ICP备12345678号-1",
        "content/站点.yml:6: 公安机关备案号: 「黑公网安备2399000200000号」格式不对：应写成 省份简称公网安备14位数字号，如 黑公网安备23990002000001号",
        "content/站点.yml:7: 电子邮箱: 「xxgk.example.gov.cn」格式不对：应为电子邮箱地址，如 xxgk@example.gov.cn",
        "content/站点.yml:8: 党政机关网站标识: 应写成 {图片: docs/ 下的图片路径, 链接: 开办审核机关给出的网址}",
        "content/站点.yml:10: 页脚链接: 链接「/portal/」是以 / 开头的绝对路径：请写本站内的相对地址（如 sitemap/），或完整的 https:// 网址",
        "content/站点.yml:11: 政府信息公开工作机构: 缺少 办公地址、办公时间、联系电话、传真、电子邮箱："
        "县政府信息公开指南须写明受理申请的机构的办公地址、邮政编码、办公时间、联系电话、传真、电子邮箱（条例第十二条），请补上",
        "content/站点.yml:13: 政府信息公开工作机构: 邮政编码 应为文字，YAML 把它读成了数字 155900：请给值加上引号",
        "content/站点.yml:14: 政府信息公开工作机构: 未知的项「电话」；是否应为「联系电话」？",
        "content/站点.yml:15: 政府信息查阅场所: 应为列表，每项写一个查阅场所的名称和地址，如 [县档案馆（松林镇文化路8号）]",
    ]


def test_the_sample_configuration_fills_the_footer_and_the_guide():
    from counties import SAMPLE
    from xxgk.model.config import load_config

    config, problems = load_config(SAMPLE)
    assert problems == []
    identity = config.identity
    assert identity.host and identity.site_code == "2399000001" and identity.icp.startswith("黑ICP备")
    assert identity.police_record_number == "23990002000001"
    assert identity.badge.image == "assets/dzjg-placeholder.svg"
    assert config.office.postcode == "155900" and config.office.fax and config.reading_rooms
