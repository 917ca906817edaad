"""One check: whatever `xxgk build` refuses, `xxgk check` refuses first, with the same sorted list,
so a clerk who ran the check (or pre-commit) is never surprised by the publish."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from counties import BUILD_DATE, make_repository
from xxgk.authoring.cli import main
from xxgk.model.urls import GENERATED_ROOTS

CASES = Path(__file__).parent / "cases" / "invalid"
BADGE = '党政机关网站标识: {{图片: "{}", 链接: "https://bszs.conac.cn/sitename?method=show&id=1"}}\n'


def add_to_config(text: str):
    def change(repository: Path):
        config = repository / "content" / "站点.yml"
        config.write_text(config.read_text(encoding="utf-8") + text, encoding="utf-8")

    return change


def add_file(name: str, data: str = "x"):
    def change(repository: Path):
        (repository / name).parent.mkdir(parents=True, exist_ok=True)
        (repository / name).write_text(data, encoding="utf-8")

    return change


def replace_in(name: str, old: str, new: str):
    def change(repository: Path):
        path = repository / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def add_document(case: Path):
    def change(repository: Path):
        folder = repository / "content" / "cases"
        folder.mkdir()
        shutil.copyfile(case, folder / case.name)
        if case.with_suffix(".files").is_dir():
            shutil.copytree(case.with_suffix(".files"), folder, dirs_exist_ok=True)

    return change


# Inputs only the rendering step used to notice, then every bad document of tests/cases/invalid.
BAD_INPUTS = {
    "badge image outside docs": add_to_config(BADGE.format("../../secret.png")),
    "badge image missing": add_to_config(BADGE.format("assets/dzjg-missing.png")),
    "badge that is not an image": add_to_config(BADGE.format("assets/xxgk.js")),
    "emblem at an absolute path": add_to_config("徽标: /etc/hosts\n"),
    "a page in docs where the home page goes": add_file("docs/index.md", "# 首页\n"),
    "a file in docs where the open data goes": add_file("docs/data/documents.csv", "标题\n"),
    "a unit whose 指南 would promise a fax it lacks": replace_in("content/单位.yml", "    传真: 0469-5820102\n", ""),
    **{f"document {case.stem}": add_document(case) for case in sorted(CASES.glob("*.md"))},
}


@pytest.fixture
def repository(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_repository(tmp_path, build_date=BUILD_DATE)


def problems_printed(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("content/", "docs/"))]


def run(command: str):
    return CliRunner().invoke(main, [command, "--date", BUILD_DATE.isoformat()])


def test_the_fixture_county_passes_both(repository):
    checked, built = run("check"), run("build")
    assert checked.exit_code == 0 and built.exit_code == 0, checked.output + built.output
    assert problems_printed(checked.output) == problems_printed(built.output)


@pytest.mark.parametrize("change", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_check_refuses_what_build_refuses_and_says_the_same(repository, change):
    change(repository)
    checked = run("check")
    built = run("build")
    assert checked.exit_code == 1 and built.exit_code == 1, checked.output + built.output
    assert not (repository / "site").exists(), "nothing half-built"
    printed = problems_printed(checked.output)
    assert any(" 警告:" not in line for line in printed), checked.output
    assert printed == problems_printed(built.output), "the same problems, in the same order"
    assert "Traceback" not in built.output and "Aborted" not in built.output


def test_every_generated_address_is_reserved_against_docs(sample_site):
    roots = {path.relative_to(sample_site).parts[0] for path in sample_site.rglob("*")}
    theirs = {"assets", "404.html", "staff"}  # the theme's files and the project's own docs/
    assert roots - theirs <= GENERATED_ROOTS
    assert {"doc", "xxgk", "index.html", "data", "pagefind", "sitemap.xml"} <= roots


def test_mkdocs_serve_and_build_log_the_warnings_through_mkdocs(repository):
    """`make serve` runs MkDocs itself: the check's warnings show in its window."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=repository, check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING") and "年报" in line]
    assert warnings and all("mkdocs.plugins.xxgk" not in line for line in warnings)
    assert "content/年报/松林镇人民政府/2025.yml: 警告: 年报: 松林镇人民政府 2025 年" in "\n".join(warnings)
