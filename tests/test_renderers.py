"""ProperDocs, the maintained fork of MkDocs 1.6, builds the same site as MkDocs.

MkDocs 1.x gets no releases and Material reaches end of life in May 2027, so a county must be able
to switch (README: Switching the renderer). A process has one renderer: ProperDocs answers the
`mkdocs.*` imports only of a process that has not loaded MkDocs yet, so its builds run in their own.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from counties import BUILD_DATE, FIXTURE, ROOT, SAMPLE
from xxgk.adapters.mkdocs import build as renderer_build
from xxgk.authoring.cli import main

# The one legitimate difference: Material's generator tag names the renderer and its version,
# `mkdocs-1.6.1` under MkDocs and `mkdocs-ProperDocs 1.6.7` under ProperDocs. Only that value is
# blanked; the tests count the tags, so nothing else can hide behind the pattern.
GENERATOR = re.compile(rb'(<meta name="generator" content="mkdocs-)([^,"]*)(, mkdocs-material-)')


def in_own_process(*command: str, cwd: Path, renderer: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("XXGK_RENDERER", None)
    if renderer:
        env["XXGK_RENDERER"] = renderer
    return subprocess.run([sys.executable, *command], check=False, cwd=cwd, env=env, capture_output=True, text=True)


def built_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def renderer_named(page: bytes) -> str:
    return GENERATOR.search(page)[2].decode()


def test_properdocs_builds_the_sample_county_as_mkdocs_does(sample_site, tmp_path):
    site = tmp_path / "site"
    result = in_own_process(
        "-m",
        "xxgk.authoring.cli",
        "build",
        "--content",
        str(SAMPLE),
        "--site",
        str(site),
        "--date",
        BUILD_DATE.isoformat(),
        "--config",
        str(ROOT / "mkdocs.yml"),
        cwd=tmp_path,
        renderer="properdocs",
    )
    assert result.returncode == 0, result.stderr
    by_mkdocs, by_properdocs = built_files(sample_site), built_files(site)
    assert renderer_named(by_mkdocs["index.html"]).startswith("1.")
    assert renderer_named(by_properdocs["index.html"]).startswith("ProperDocs ")

    assert sorted(by_properdocs) == sorted(by_mkdocs)
    differing, tags = [], 0
    for path, page in by_mkdocs.items():
        normalised, count = GENERATOR.subn(rb"\1RENDERER\3", page)
        normalised_too, count_too = GENERATOR.subn(rb"\1RENDERER\3", by_properdocs[path])
        assert count == count_too <= 1, path
        tags += count
        if normalised != normalised_too:
            differing.append(path)
    assert differing == []
    assert len(by_mkdocs) > 300 and tags > 300, "the sample county's pages, each with its generator tag"


def test_properdocs_builds_a_county_repository_directly(tmp_path):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copyfile(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(FIXTURE, tmp_path / "content")
    # `-f mkdocs.yml`: ProperDocs reads it without, but says the fallback will go; xxgk reads mkdocs.yml.
    result = in_own_process("-m", "properdocs", "build", "-f", "mkdocs.yml", "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/doc/11239901000012370G/2026-00001/index.html").is_file()
    assert renderer_named((tmp_path / "site/index.html").read_bytes()).startswith("ProperDocs ")


def build(*args: str):
    return CliRunner().invoke(main, ["build", "--date", BUILD_DATE.isoformat(), *args])


def test_an_unknown_renderer_is_refused_before_anything_is_written(content, monkeypatch):
    monkeypatch.setenv("XXGK_RENDERER", "hugo")
    result = build()
    assert result.exit_code == 1
    assert (
        result.output
        == "Error: 生成失败，site 保持原样：XXGK_RENDERER=hugo: 不是可用的渲染器：应为 mkdocs 或 properdocs\n"
    )
    assert not (content.parent / "site").exists()


def test_properdocs_cannot_take_over_a_process_that_runs_mkdocs(content, monkeypatch):
    assert renderer_build.loaded_renderer() == "mkdocs"
    monkeypatch.setenv("XXGK_RENDERER", "properdocs")
    result = build()
    assert result.exit_code == 1
    assert result.output == (
        "Error: 生成失败，site 保持原样：XXGK_RENDERER=properdocs: 本进程已经载入 mkdocs，"
        "不能再换用 properdocs：请在新的进程中运行 xxgk build\n"
    )


def test_properdocs_not_installed_says_how_to_install_it(content, monkeypatch):
    monkeypatch.setenv("XXGK_RENDERER", "properdocs")
    monkeypatch.setattr(renderer_build, "find_spec", lambda name: None)
    result = build()
    assert result.exit_code == 1
    assert result.output == (
        "Error: 生成失败，site 保持原样：XXGK_RENDERER=properdocs: 没有安装 ProperDocs："
        "请在 requirements.txt 中写 xxgk[properdocs]，或运行 pip install properdocs\n"
    )


def test_mkdocs_may_be_named(content, monkeypatch):
    monkeypatch.setenv("XXGK_RENDERER", "mkdocs")
    assert build("--config", str(ROOT / "mkdocs.yml")).exit_code == 0
    assert renderer_named((content.parent / "site/index.html").read_bytes()).startswith("1.")
