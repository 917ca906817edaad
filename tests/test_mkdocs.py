"""`mkdocs build` and `mkdocs serve` work directly, through the xxgk plugin."""

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from xxgk.adapters.mkdocs.plugin import THEME_CSS, THEME_DIR, XxgkPlugin, use_package_theme

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "county"


def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copyfile(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(FIXTURE, tmp_path / "content")
    return tmp_path


def mkdocs_build(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=folder, capture_output=True, text=True
    )


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
    plan.write_text(plan.read_text(encoding="utf-8").replace("主题分类: 综合政务", "主题分类: 综合"), encoding="utf-8")
    result = mkdocs_build(folder)
    assert result.returncode == 1
    assert "content/县政府办公室/2026/工作要点.md:9: 主题分类: 「综合」不在主题分类词表中" in result.stderr
    assert sorted((folder / "site").rglob("*")) == before


class ServeConfig:
    def __init__(self, folder: Path):
        self.config_file_path = str(folder / "mkdocs.yml")


def test_serve_rebuilds_as_soon_as_a_document_is_saved(tmp_path):
    (tmp_path / "content/县政府办公室").mkdir(parents=True)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    plugin = XxgkPlugin()
    plugin.load_config({})
    plugin.on_serve(server, ServeConfig(tmp_path), builder=None)
    try:
        assert not server._want_rebuild
        (tmp_path / "content/县政府办公室/通知.md").write_text("---\n标题: 通知\n---\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not server._want_rebuild:
            assert time.monotonic() < deadline, "the save was never noticed"
            time.sleep(0.05)
    finally:
        plugin.on_shutdown()
        server.server_close()


def test_serve_can_poll_the_content_folder_where_the_system_does_not_tell(tmp_path):
    class Server:
        watched = []

        def watch(self, path):
            self.watched.append(path)

    plugin = XxgkPlugin()
    plugin.load_config({"preview_polling": True})
    plugin.on_serve(Server(), ServeConfig(tmp_path), builder=None)
    assert Server.watched == [str(tmp_path / "content")]


def test_the_theme_ships_in_the_package_and_the_county_overrides_win(tmp_path):
    folder = project(tmp_path)
    (folder / "docs/assets").mkdir()
    (folder / "docs/assets/xxgk-public.js").write_text("// the county's own script\n", encoding="utf-8")
    (folder / "docs/assets/county.css").write_text(".county {}\n", encoding="utf-8")
    (folder / "overrides/partials").mkdir(parents=True)
    (folder / "overrides/partials/xxgk-footer.html").write_text("<p>本县自己的页脚</p>\n", encoding="utf-8")
    (folder / "overrides/.gitkeep").touch()
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  language: zh\n", "  language: zh\n  custom_dir: overrides\n")
    config += "extra_css:\n  - assets/xxgk-public.css\n  - assets/county.css\n"
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(folder)
    assert result.returncode == 0, result.stderr
    site = folder / "site"
    assert (site / "assets/xxgk-public.js").read_text(encoding="utf-8") == "// the county's own script\n"
    assert (site / "assets/xxgk.css").read_bytes() == (THEME_DIR / "assets/xxgk.css").read_bytes()
    assert (site / "assets/emblem.svg").is_file() and not (site / ".gitkeep").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<p>本县自己的页脚</p>" in home
    assert 'id="xxgk-main"' in home  # the package's main.html still renders the page
    links = re.findall(r'<link rel="stylesheet" href="(assets/(?:xxgk|county)[^"]*\.css)">', home)
    assert links == [*THEME_CSS, "assets/county.css"]


@pytest.mark.parametrize("custom_dir", [None, "overrides"])
def test_the_package_theme_comes_right_after_the_county_overrides(tmp_path, custom_dir):
    (tmp_path / "docs").mkdir()
    (tmp_path / "overrides").mkdir()
    theme = {"name": "material"} | ({"custom_dir": custom_dir} if custom_dir else {})
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "x", "theme": theme}), encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    use_package_theme(config)
    use_package_theme(config)  # `mkdocs serve` runs on_config on every rebuild
    expected = ([str(tmp_path / custom_dir)] if custom_dir else []) + [str(THEME_DIR)]
    assert config.theme.dirs[: len(expected)] == expected
    assert config.theme.dirs.count(str(THEME_DIR)) == 1
    assert config.extra_css == list(THEME_CSS)
