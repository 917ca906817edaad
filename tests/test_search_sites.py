"""联合检索: one county's 检索 page also searches other xxgk counties' sites; the setting in 站点.yml."""

import pytest
from click.testing import CliRunner

from xxgk.authoring.cli import main


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "联合检索: https://xxgk.qingshan.gov.cn/\n",
            "content/站点.yml:19: 联合检索: 应为列表，每项写成 {名称: 网站名称, 地址: https://其他网站的网址/}",
        ),
        (
            "联合检索:\n  - {名称: 青山县, 地址: http://xxgk.qingshan.gov.cn/}\n",
            "content/站点.yml:20: 联合检索: 地址「http://xxgk.qingshan.gov.cn/」不是 https:// 网址："
            "https 网页不能读取 http 网站的检索索引（本机试用时可写 http://localhost/）",
        ),
        (
            "联合检索:\n  - 名称: 青山县\n    地址: xxgk.qingshan.gov.cn\n",
            "content/站点.yml:21: 联合检索: 地址「xxgk.qingshan.gov.cn」应为 http:// 或 https:// 开头的完整网址",
        ),
        (
            "联合检索:\n  - 名称: 青山县\n    地址: https://xxgk.example.gov.cn\n",
            "content/站点.yml:21: 联合检索: 地址「https://xxgk.example.gov.cn」是本站的网址：联合检索只列其他网站",
        ),
        (
            "联合检索:\n  - 名称: 青山县\n    地址: https://xxgk.qingshan.gov.cn/?from=ceshi\n",
            "content/站点.yml:21: 联合检索: 地址「https://xxgk.qingshan.gov.cn/?from=ceshi」含有 ? 或 #："
            "应为对方网站的首页网址（它 站点.yml 中的 网址），如 https://xxgk.qingshan.gov.cn/",
        ),
        (
            "联合检索:\n  - 名称: 本站\n    地址: https://xxgk.qingshan.gov.cn/\n",
            "content/站点.yml:20: 联合检索: 名称「本站」是本站结果的标签：请写对方网站的名称，如 青山县",
        ),
        (
            "联合检索:\n  - 名称: 青山县\n    网址: https://xxgk.qingshan.gov.cn/\n",
            "content/站点.yml:21: 联合检索: 未知的项「网址」；是否应为「地址」？",
        ),
        (
            "联合检索:\n  - 名称: 青山县\n    网址: https://xxgk.qingshan.gov.cn/\n",
            "content/站点.yml:20: 联合检索: 缺少 地址",
        ),
        (
            "联合检索:\n  - {名称: 青山县, 地址: 'https://a.gov.cn/'}\n  - {名称: 青山县, 地址: 'https://b.gov.cn/'}\n",
            "content/站点.yml:21: 联合检索: 名称「青山县」重复：检索结果靠名称区分来源网站",
        ),
        (
            "联合检索:\n  - {名称: 青山县, 地址: 12}\n",
            "content/站点.yml:20: 联合检索: 地址应为非空文字（现为 12）",
        ),
    ],
)
def test_a_wrong_joint_search_setting_is_reported_on_its_line(content, written, message):
    settings = content / "站点.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + written, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--date", "2026-11-27"])
    assert result.exit_code == 1
    assert message in result.output.splitlines(), result.output
