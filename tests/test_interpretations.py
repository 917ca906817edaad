"""政策解读: 谁发布，谁解读, published together with the policy. What `xxgk check` tells a clerk."""

import re
from pathlib import Path

from click.testing import CliRunner

from xxgk.authoring.cli import main

FINANCE = "11239901000013480E"
POLICY = "content/财政局/管理办法2026.md"
INTERPRETATION = Path("content/财政局/管理办法2026解读.md")


def check(day: str = "2026-11-27"):
    result = CliRunner().invoke(main, ["check", "--date", day])
    return result.exit_code, [line for line in result.output.splitlines() if "年报" not in line]


def set_published(path: Path, day: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"发布日期: [\d-]+", f"发布日期: {day}", text), encoding="utf-8")


def configure(content: Path, rule: str) -> int:
    """Append `rule` to 站点.yml; returns the line its first line lands on."""
    first = len((content / "站点.yml").read_text(encoding="utf-8").splitlines()) + 1
    with (content / "站点.yml").open("a", encoding="utf-8") as config:
        config.write(rule)
    return first


def test_a_policy_published_without_an_interpretation_is_listed(content):
    (content / "财政局" / "管理办法2026解读.md").unlink()
    assert check() == (
        0,
        [
            f"{POLICY}:2: 警告: 这份规范性文件没有政策解读：按“谁发布，谁解读”，请与它同步发布解读，"
            f'并在解读文件中写 解读: ["{FINANCE}/2026-00002"]',
            "检查通过：4 个单位，10 份文件，其中 1 份发布日期在 2026-11-27 之后，到期发布",
        ],
    )


def test_only_published_policies_still_in_force_need_one(content):
    (content / "财政局" / "管理办法2026解读.md").unlink()
    (content / "财政局" / "管理办法2025解读.md").unlink()
    # The 2026 policy is not yet published on 2026-03-01; the repealed 2025 one is not listed on 2026-11-27.
    assert [line for line in check("2026-03-01")[1] if "没有政策解读" in line] == [
        f"content/财政局/管理办法2025.md:2: 警告: 这份规范性文件没有政策解读：按“谁发布，谁解读”，请与它同步发布解读，"
        f'并在解读文件中写 解读: ["{FINANCE}/2025-00001"]'
    ]
    assert [line.split(":")[0] for line in check()[1] if "没有政策解读" in line] == [POLICY]


def test_an_interpretation_published_days_after_its_policy_is_late(content):
    set_published(content.parent / INTERPRETATION, "2026-04-07")
    assert check()[1][0] == (
        f"{INTERPRETATION.as_posix()}:10: 警告: 解读: 发布日期 2026-04-07 比所解读的 {POLICY}（发布日期 2026-04-03）"
        "晚 4 天，超过 3 天：政策解读应与政策文件同步发布"
    )
    set_published(content.parent / INTERPRETATION, "2026-04-06")
    assert check()[1][0].startswith("检查通过"), "three days late is on time by default"


def test_an_interpretation_cannot_come_before_its_policy(content):
    set_published(content.parent / INTERPRETATION, "2026-04-02")
    assert check()[1][0] == (
        f"{INTERPRETATION.as_posix()}:10: 警告: 解读: 发布日期 2026-04-02 早于所解读的 {POLICY}（发布日期 2026-04-03）："
        "解读不能先于政策文件公开，请与政策文件同日发布"
    )


def test_the_site_can_make_them_errors_and_set_the_number_of_days(content):
    configure(content, "政策解读:\n  期限天数: 0\n  级别: 错误\n")
    set_published(content.parent / INTERPRETATION, "2026-04-04")
    code, lines = check()
    assert code == 1
    assert lines == [
        f"{INTERPRETATION.as_posix()}:10: 解读: 发布日期 2026-04-04 比所解读的 {POLICY}（发布日期 2026-04-03）"
        "晚 1 天，超过 0 天：政策解读应与政策文件同步发布",
        "Error: 发现 1 个错误",
    ]
    result = CliRunner().invoke(
        main, ["build", "--date", "2026-11-27", "--config", str(Path(__file__).parent.parent / "mkdocs.yml")]
    )
    assert result.exit_code == 1 and not (content.parent / "site").exists()


def test_a_wrong_setting_is_named(content):
    line = configure(content, "政策解读:\n  期限天数: 三天\n  级别: 严重\n  时限: 3\n")
    assert check()[1][:3] == [
        f"content/站点.yml:{line + 1}: 政策解读: 期限天数应为 0 到 365 之间的整数（现为 '三天'）",
        f"content/站点.yml:{line + 2}: 政策解读: 级别应为 警告 或 错误（现为 '严重'）",
        f"content/站点.yml:{line + 3}: 政策解读: 未知的配置项「时限」；可选：期限天数、级别",
    ]
