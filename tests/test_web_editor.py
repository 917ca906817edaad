"""The web editor at admin/: a clerk opens it, fills the form of a new document and saves; the
file the editor writes passes `xxgk check` and is published by the next build.

The browser test runs Decap CMS as the site ships it, against its local backend: `decap-server`
(from package.json) in git mode, writing to a fixture county's repository in tmp_path, where
saving opens a branch as a merge request would on GitHub or GitLab.
"""

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from browser import browser, free_port, serve
from counties import BUILD_DATE, ROOT, make_repository
from xxgk.adapters.mkdocs.build import build_site
from xxgk.authoring.cli import main
from xxgk.model.schema import FIELDS, Kind

DECAP = ROOT / "node_modules" / "decap-cms"
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
EDITOR = "网页编辑器:\n  平台: github\n  仓库: ceshi/xxgk\n  分支: main\n"


def _missing(message: str):
    if os.environ.get("XXGK_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


def county(folder: Path, editor: str | None = EDITOR, decap: bool = True) -> Path:
    """The fixture county as a git repository with the editor set up in 站点.yml and Decap CMS installed."""
    repository = make_repository(folder)
    if editor:
        settings = repository / "content" / "站点.yml"
        settings.write_text(settings.read_text(encoding="utf-8") + editor, encoding="utf-8")
    if decap:
        if not (DECAP / "dist" / "decap-cms.js").is_file():
            _missing("decap-cms not installed: run `make test` (it runs npm ci) or `npm ci --ignore-scripts`")
        (repository / "node_modules").mkdir()
        (repository / "node_modules" / "decap-cms").symlink_to(DECAP)
    return repository


def build(repository: Path, date: dt.date = BUILD_DATE) -> Path:
    site = repository / "site"
    build_site(repository / "content", site, date, repository / "mkdocs.yml")
    return site


def git(repository: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repository), "-c", "core.quotepath=false", *args], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def committed(repository: Path) -> Path:
    git(repository, "init", "-q", "-b", "main")
    (repository / ".gitignore").write_text("site/\nnode_modules/\n", encoding="utf-8")
    git(repository, "add", "-A")
    git(repository, "-c", "user.name=测试", "-c", "user.email=test@example.gov.cn", "commit", "-q", "-m", "县级仓库")
    return repository


@pytest.fixture
def built(tmp_path):
    repository = county(tmp_path / "county")
    return repository, build(repository)


def config_of(site: Path) -> dict:
    return yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))


def test_the_form_of_a_document_is_the_schema_with_chinese_labels_selects_and_date_pickers(built):
    repository, site = built
    config = config_of(site)
    assert config["backend"] == config["backend"] | {"name": "github", "repo": "ceshi/xxgk", "branch": "main"}
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "zh_Hans"
    documents = [c for c in config["collections"] if "folder" in c]
    # The folders the content keeps documents in, then a folder for each unit that has none yet.
    assert [c["label"] for c in documents] == [
        "县政府",
        "县政府办公室",
        "松林镇",
        "财政局",
        "测试县人民政府",
        "测试县人民政府办公室",
        "测试县财政局",
        "松林镇人民政府",
    ]
    finance = next(c for c in documents if c["label"] == "财政局")
    assert finance["folder"] == "content/财政局"
    assert finance["path"] == "{{year}}/{{slug}}"  # like xxgk new: <folder>/<year>/<title>.md
    assert (finance["media_folder"], finance["public_folder"]) == ("", "")  # uploads beside the document
    fields = {f["name"]: f for f in finance["fields"]}
    assert list(fields) == [f.name for f in FIELDS] + ["body"]
    for field in FIELDS:
        form = fields[field.name]
        assert (form["label"], form["required"]) == (field.name, field.required)
        if field.kind is Kind.DATE:
            assert form | {"widget": "datetime", "date_format": "YYYY-MM-DD", "time_format": False} == form
        if field.kind is Kind.TERM:
            assert form["widget"] == "select" and form["options"], field.name
    assert "财政预算、决算信息" in fields["信息类别"]["options"]
    assert "政府信息公开指南" in fields["信息类别"]["options"]
    assert fields["发布机构"]["options"] == ["测试县人民政府", "测试县人民政府办公室", "测试县财政局", "松林镇人民政府"]
    assert fields["发布机构"]["default"] == "测试县财政局"  # most documents of 财政局/ are its
    assert fields["附件"]["field"]["widget"] == "file"
    assert fields["索引号"]["widget"] == "xxgk-index-number"
    registry = next(c for c in config["collections"] if "files" in c)["files"][0]
    assert registry["file"] == "content/单位.yml"
    assert [f["name"] for f in registry["fields"][0]["fields"]][:3] == ["名称", "统一社会信用代码", "类型"]


def test_the_form_offers_the_pictures_recordings_and_people_of_解读回应_and_the_registry(built):
    _, site = built
    config = config_of(site)
    fields = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert [(f["name"], f["widget"]) for f in fields["图解"]["fields"]] == [
        ("图片", "image"),
        ("替代文本", "string"),
        ("文字", "markdown"),
    ]
    assert [f["name"] for f in fields["音视频"]["fields"]] == ["文件", "字幕", "名称"]
    assert [f["name"] for f in fields["发布人"]["fields"]] == ["姓名", "职务"]
    assert fields["解读形式"]["options"] == ["文字", "图解", "访谈"]
    registry = {
        f["name"]: f for f in next(c for c in config["collections"] if "files" in c)["files"][0]["fields"][0]["fields"]
    }
    assert registry["信息公开负责人"]["widget"] == "object"
    assert [f["name"] for f in registry["领导"]["fields"]] == ["姓名", "职务", "分工"]


def test_terms_a_county_adds_in_站点yml_are_offered(tmp_path):
    repository = county(tmp_path / "county", editor=EDITOR + "追加词表:\n  主题分类: [乡村振兴]\n")
    fields = {f["name"]: f for f in config_of(build(repository))["collections"][0]["fields"]}
    assert fields["主题分类"]["options"][-1] == "乡村振兴"


def test_the_editor_knows_the_last_index_number_each_unit_used_each_year(built):
    _, site = built
    numbers = json.loads((site / "admin" / "index-numbers.json").read_text(encoding="utf-8"))
    assert numbers["单位"]["测试县财政局"] == "11239901000013480E"
    # 2026-00004 of 县政府办公室 is published only after the build date; its number is taken all the same.
    assert numbers["已用"]["11239901000012370G"] == {"2026": 4}


def test_the_admin_page_has_its_own_policy_and_is_kept_out_of_the_public_site(built):
    _, site = built
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'" in page
    assert "https://api.github.com" in page
    assert (site / "admin" / "decap-cms.js").is_file() and (site / "admin" / "xxgk-cms.js").is_file()
    for html in site.rglob("*.html"):
        if html.is_relative_to(site / "admin") or html.is_relative_to(site / "staff"):  # the staff guide tells
            continue
        text = html.read_text(encoding="utf-8")
        assert "'unsafe-eval'" not in text, html
        assert not re.search(r"""(?:href|src)=["'][^"']*admin/""", text), f"{html} links the editor"
    assert "admin" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "\n/admin/*\n  Content-Security-Policy: frame-ancestors 'none'\n" in (site / "_headers").read_text(
        encoding="utf-8"
    )
    pagefind = "".join(p.name for p in (site / "pagefind").rglob("*"))
    assert "admin" not in pagefind


def test_without_npm_the_site_is_built_without_the_editor_and_says_why(tmp_path, caplog):
    repository = county(tmp_path / "county", decap=False)
    site = build(repository)
    assert (site / "index.html").is_file() and not (site / "admin").exists()
    assert any("没有找到 Decap CMS" in r.getMessage() and "npm ci" in r.getMessage() for r in caplog.records)


def test_a_county_without_the_editor_setting_gets_no_admin_page(tmp_path):
    repository = county(tmp_path / "county", editor=None)
    assert not (build(repository) / "admin").exists()


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "网页编辑器:\n  平台: gitea\n  仓库: a/b\n",
            "content/站点.yml:20: 网页编辑器: 平台应为 github 或 gitlab（现为 'gitea'）",
        ),
        (
            "网页编辑器:\n  平台: github\n  仓库: xxgk\n",
            "content/站点.yml:21: 网页编辑器: 仓库「xxgk」应写成 所有者/仓库名，如 songling/xxgk",
        ),
        (
            "网页编辑器:\n  平台: github\n  仓库: a/b\n  分支: -main\n",
            "content/站点.yml:22: 网页编辑器: 分支「-main」不是有效的分支名：应写成如 main",
        ),
        (
            "网页编辑器:\n  平台: gitlab\n  仓库: a/b\n  登录地址: git.example.gov.cn\n",
            "content/站点.yml:22: 网页编辑器: 登录地址「git.example.gov.cn」应为 http:// 或 https:// 开头的完整网址",
        ),
        (
            "网页编辑器:\n  平台: github\n  仓库: a/b\n  仓库名: c\n",
            "content/站点.yml:22: 网页编辑器: 未知的项「仓库名」；是否应为「仓库」？",
        ),
        (
            "网页编辑器: github\n",
            "content/站点.yml:19: 网页编辑器: 应写成 平台: github（或 gitlab）、仓库: 所有者/仓库名 等几行",
        ),
    ],
)
def test_a_wrong_editor_setting_is_reported_on_its_line(content, written, message):
    settings = content / "站点.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + written, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--date", "2026-11-27"])
    assert result.exit_code == 1
    assert message in result.output.splitlines(), result.output


def decap_server(repository: Path, port: int) -> subprocess.Popen:
    node = shutil.which("node")
    if not node or not DECAP_SERVER.is_file():
        _missing("node or decap-server not installed: run `make test` (it runs npm ci) or `npm ci --ignore-scripts`")
    env = os.environ | {
        "MODE": "git",  # the editorial workflow: each saved document is a branch, as a merge request is
        "GIT_REPO_DIRECTORY": str(repository),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "GIT_AUTHOR_NAME": "测试",
        "GIT_AUTHOR_EMAIL": "test@example.gov.cn",
        "GIT_COMMITTER_NAME": "测试",
        "GIT_COMMITTER_EMAIL": "test@example.gov.cn",
    }
    server = subprocess.Popen(
        [node, str(DECAP_SERVER)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v1",
                data=b'{"action":"info"}',
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=2) as response:
                if json.load(response).get("type") == "local_git":
                    return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    server.kill()
    pytest.fail(f"decap-server did not start: {server.communicate()[0]}")


def test_a_clerk_creates_a_document_in_the_browser_and_the_next_build_publishes_it(tmp_path, monkeypatch):
    repository = committed(county(tmp_path / "county"))
    site = build(repository)
    port = free_port()
    server = decap_server(repository, port)
    try:
        with serve(site) as base, browser() as chromium:
            page = chromium.new_page(viewport={"width": 1280, "height": 1000})
            page.clock.set_fixed_time(dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
            # The editor looks for the local backend at its default port; this test's server has its own.
            page.route(
                "http://localhost:8081/**",
                lambda route: route.fulfill(
                    response=route.fetch(url=route.request.url.replace("localhost:8081", f"127.0.0.1:{port}"))
                ),
            )
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(base + "admin/")
            page.get_by_role("button", name="登录").click(timeout=60_000)
            page.get_by_role("link", name="财政局", exact=True).click()
            page.locator('a[href$="/new"]').first.click()
            page.locator('[id^="标题-field"]').fill("测试县财政局关于2026年惠民补贴资金发放情况的公告")
            # The 索引号 is the unit's next free one for the year, as xxgk new would give it.
            number = page.locator('[id^="索引号-field"]')
            page.wait_for_function("e => e.value", arg=number.element_handle())
            assert number.input_value() == "11239901000013480E/2026-00004"
            page.locator('[id^="成文日期-field"]').fill("2026-11-20")
            page.locator('[id^="发布日期-field"]').fill("2026-11-25")
            for field, typed in (("信息类别", "财政预算"), ("主题分类", "财政、金融")):
                page.locator(f'[id^="{field}-field"]').fill(typed)
                page.keyboard.press("Enter")
            # An attachment is uploaded through the media library and kept beside the document.
            upload = tmp_path / "补贴发放说明.txt"
            upload.write_text("补贴按季度发放，名单在乡镇政务公开栏公示。\n", encoding="utf-8")
            page.get_by_role("button", name="新增附件").click()
            page.get_by_role("button", name="选择文件").first.click()
            page.locator("input[type=file]").first.set_input_files(upload)
            page.get_by_role("button", name="选用已选中项目").click()
            page.locator('[data-slate-editor="true"]').first.click()
            page.keyboard.type("本年度共发放惠民补贴资金120万元，惠及群众3200户。")
            page.get_by_role("button", name="保存").click()
            page.wait_for_url("**/entries/**", timeout=30_000)  # the editor opens the saved entry
            assert errors == []
            deadline = time.monotonic() + 15
            while not git(repository, "branch", "--list", "cms/*") and time.monotonic() < deadline:
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)

    # Saving opened a branch with one commit, as the editorial workflow opens a merge request.
    branches = git(repository, "branch", "--list", "cms/*").split()
    assert branches == ["cms/wj-folder-4/2026/测试县财政局关于2026年惠民补贴资金发放情况的公告"]
    git(repository, "checkout", "-q", branches[0])
    written = repository / "content" / "财政局" / "2026" / "测试县财政局关于2026年惠民补贴资金发放情况的公告.md"
    text = written.read_text(encoding="utf-8")
    assert text.startswith(
        "---\n标题: 测试县财政局关于2026年惠民补贴资金发放情况的公告\n索引号: 11239901000013480E/2026-00004\n"
        "发布机构: 测试县财政局\n成文日期: 2026-11-20\n发布日期: 2026-11-25\n信息类别: 财政预算、决算信息\n"
        "主题分类: 财政、金融、审计\n"
    ), text
    assert "\n附件:\n  - 补贴发放说明.txt\n" in text
    assert (written.parent / "补贴发放说明.txt").read_text(encoding="utf-8").startswith("补贴按季度发放")

    # CI checks the merge request, and on merge the site is built with the new document.
    monkeypatch.chdir(repository)
    result = CliRunner().invoke(main, ["check", "--date", BUILD_DATE.isoformat()])
    assert result.exit_code == 0, result.output
    assert "12 份文件" in result.output.splitlines()[-1]
    page = build(repository) / "doc" / "11239901000013480E" / "2026-00004" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "测试县财政局关于2026年惠民补贴资金发放情况的公告" in html
    assert "本年度共发放惠民补贴资金120万元" in html
    assert (page.parent / "补贴发放说明.txt").is_file()


def test_a_new_county_installs_the_same_pinned_decap_cms():
    ours = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["decap-cms"]
    template = ROOT / "scripts" / "xxgk" / "authoring" / "county_template"
    county_pin = json.loads((template / "package.json").read_text(encoding="utf-8"))["dependencies"]["decap-cms"]
    assert county_pin == ours and ours[0].isdigit(), "an exact version, the same in both"
    assert "npm install" in (template / "Makefile").read_text(encoding="utf-8")
    assert "/node_modules/" in (template / "dot-gitignore").read_text(encoding="utf-8").splitlines()
