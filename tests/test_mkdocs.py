"""`mkdocs build` and `mkdocs serve` work directly, through the xxgk plugin."""

import shutil
import subprocess
import sys
from pathlib import Path

from xxgk.mkdocs_plugin import XxgkPlugin

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "county"


def project(tmp_path: Path) -> Path:
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copyfile(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(FIXTURE, tmp_path / "content")
    return tmp_path


def mkdocs_build(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=folder,
                          capture_output=True, text=True)


def test_mkdocs_build_renders_the_content_folder(tmp_path):
    folder = project(tmp_path)
    result = mkdocs_build(folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "site/doc/11239901000012370G/2026-00001/index.html").is_file()
    assert "测试县人民政府信息公开" in (folder / "site/index.html").read_text(encoding="utf-8")


def test_mkdocs_build_with_bad_content_fails_before_touching_the_site(tmp_path):
    folder = project(tmp_path)
    assert mkdocs_build(folder).returncode == 0
    before = sorted((folder / "site").rglob("*"))
    plan = folder / "content/县政府办公室/2026/工作要点.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("主题分类: 综合政务", "主题分类: 综合"),
                    encoding="utf-8")
    result = mkdocs_build(folder)
    assert result.returncode == 1
    assert "content/县政府办公室/2026/工作要点.md:9: 主题分类: 「综合」不在主题分类词表中" in result.stderr
    assert sorted((folder / "site").rglob("*")) == before


def test_serve_reloads_when_content_changes(tmp_path):
    class Server:
        watched = []

        def watch(self, path):
            self.watched.append(path)

    class Config:
        config_file_path = str(tmp_path / "mkdocs.yml")

    plugin = XxgkPlugin()
    plugin.load_config({})
    plugin.on_serve(Server(), Config(), builder=None)
    assert Server.watched == [str(tmp_path / "content")]
