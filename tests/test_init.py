"""`xxgk init`: a new county repository goes from nothing to a built site with the four columns."""

import glob
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner

from built import page as read
from xxgk.authoring.cli import main
from xxgk.authoring.repository import TEMPLATE_DIR
from xxgk.model.config import THEME_DIR

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "scripts" / "xxgk"
COLUMNS = ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"]
EXAMPLE = "doc/11000000000000000U/2026-00001/"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("init") / "示例县"
    result = invoke("init", str(folder), "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    return folder, result.output


@pytest.fixture(scope="module")
def site(county, tmp_path_factory) -> Path:
    folder, _ = county
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = invoke(
            "build", "--content", "content", "--site", "site", "--config", "mkdocs.yml", "--date", "2026-11-27"
        )
    assert result.exit_code == 0, result.output
    return folder / "site"


def test_init_writes_a_county_repository_and_says_what_to_do_next(county):
    folder, output = county
    written = sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())
    assert output.startswith(f"已创建 {folder}：\n")
    assert [line.strip() for line in output.split("\n\n")[0].splitlines()[1:]] == written
    for path in (
        ".github/workflows/publish.yml",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
        ".gitignore",
        "Makefile",
        "README.md",
        "mkdocs.yml",
        "requirements.txt",
        "overrides/.gitkeep",
        "content/站点.yml",
        "content/单位.yml",
        "content/示例县人民政府/示例文件.md",
        "docs/staff/index.md",
    ):
        assert path in written, path
    assert not any(part.startswith("dot-") or part.endswith(".tmpl") for path in written for part in path.split("/"))
    assert "下一步：" in output and "make check" in output and "网址" in output
    assert "custom_dir: overrides" in (folder / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_generator_is_pinned_by_version_or_as_given(county, tmp_path):
    folder, _ = county
    lines = (folder / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [f"xxgk=={version('xxgk')}"]
    spec = "xxgk @ git+https://example.com/xxgk.git@v0.1.0"
    assert invoke("init", str(tmp_path / "git"), "--generator", spec).exit_code == 0
    assert (tmp_path / "git/requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == spec


def test_the_example_passes_the_check_dated_as_asked(county):
    folder, _ = county
    document = (folder / "content/示例县人民政府/示例文件.md").read_text(encoding="utf-8")
    assert "成文日期: 2026-11-27\n发布日期: 2026-11-27\n" in document
    assert '索引号: "11000000000000000U/2026-00001"' in document
    result = invoke("check", "--content", str(folder / "content"), "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert "检查通过：1 个单位，1 份文件" in result.output
    assert "错误" not in result.output


def test_the_built_site_has_the_four_columns_and_the_package_theme(site):
    columns = re.findall(r'class="xxgk-column" href="[^"]*"><strong>([^<]+)</strong>', read(site, "xxgk/"))
    assert columns == COLUMNS
    assert "示例县人民政府关于政府信息公开平台上线的公告" in read(site, EXAMPLE)
    assert "示例县人民政府信息公开" in read(site, "")
    for asset in ("xxgk.css", "xxgk-public.js", "xxgk-search.js", "emblem.svg"):
        assert (site / "assets" / asset).read_bytes() == (THEME_DIR / "assets" / asset).read_bytes()
    assert (site / "staff/index.html").is_file(), "the staff guide is built"
    assert not list(site.rglob(".git*"))


@pytest.mark.parametrize("existing", ["a file", "a folder with a file"])
def test_init_refuses_anything_but_a_new_or_empty_folder(tmp_path, existing):
    target = tmp_path / "县"
    if existing == "a file":
        target.write_text("不要覆盖\n", encoding="utf-8")
        kept = target
    else:
        target.mkdir()
        kept = target / "README.md"
        kept.write_text("不要覆盖\n", encoding="utf-8")
    result = invoke("init", str(target))
    assert result.exit_code == 2
    assert "未作任何改动：请指定一个新的或空的文件夹" in result.output
    assert kept.read_text(encoding="utf-8") == "不要覆盖\n"
    assert sorted(tmp_path.rglob("*")) == sorted({target, kept})


def test_init_into_an_empty_folder(tmp_path):
    result = invoke("init", str(tmp_path), "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "content/站点.yml").is_file()


def test_the_theme_and_the_template_ship_in_the_package():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["xxgk"]
    shipped = {path for pattern in patterns for path in glob.glob(pattern, root_dir=PACKAGE, recursive=True)}
    needed = {
        str(path.relative_to(PACKAGE))
        for folder in (THEME_DIR, TEMPLATE_DIR, PACKAGE / "site" / "templates")
        for path in folder.rglob("*")
        if path.is_file()
    }
    needed |= {str(path.relative_to(PACKAGE)) for path in (TEMPLATE_DIR / "docs/staff").iterdir()}
    assert needed and needed <= shipped
