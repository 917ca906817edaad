"""Publishing depends on the content only: `make check`, then `make site`. The project's own tests
run on changes to the code, never on a content-only change, and never stop publishing."""

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from xxgk.authoring.cli import main

ROOT = Path(__file__).parent.parent
CONTENT_CHANGES = ["content/站点.yml", "content/松岭县财政局/2026/预算.md", "content/年报/松岭县教育局/2025.yml"]
CODE_CHANGES = [
    "scripts/xxgk/cli.py",
    "scripts/xxgk/site/theme/main.html",
    "tests/test_cli.py",
    "pyproject.toml",
    "Makefile",
    ".ci/run",
    "package-lock.json",
    "mkdocs.yml",
    "docs/staff/add.md",
    ".github/workflows/publish.yml",
    ".gitlab-ci.yml",
]


def ci_commands() -> list[str]:
    """The commands of .ci/run, the script CI runs on every submission."""
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith(("#", "set ", "cd "))]


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def runs(job: dict, key: str = "steps") -> list[str]:
    return [step["run"] for step in job[key] if "run" in step]


def glob_matches(pattern: str, path: str) -> bool:
    """GitHub's `paths` and GitLab's `changes` globs: ** crosses folders, * does not."""
    regex = re.escape(pattern).replace(r"/\*\*/", "/(?:.*/)?").replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
    return re.fullmatch(regex, path) is not None


def cache_keys(job: dict) -> dict[str, str]:
    """Each cached path of a GitHub job with the key it is cached under."""
    keys = {}
    for step in job["steps"]:
        if step.get("uses", "").startswith("actions/cache@"):
            for path in step["with"]["path"].split():
                keys[path] = step["with"]["key"]
    return keys


def check_github_publishing(workflow: dict, requirements: str) -> None:
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"] == [{"cron": "5 16 * * *"}]  # 0:05 Beijing time
    assert workflow["env"]["TZ"] == "Asia/Shanghai"
    check, publish = workflow["jobs"]["check"], workflow["jobs"]["publish"]
    assert set(workflow["jobs"]) == {"check", "publish"}
    assert check["if"] == "github.event_name == 'pull_request'" and runs(check) == ["make check"]
    assert "needs" not in publish, "publishing waits for nothing but its own check and build"
    assert "github.event_name != 'pull_request'" in publish["if"] and "refs/heads/main" in publish["if"]
    assert runs(publish) == ["make check", "make site"]
    assert publish["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    for job in (check, publish):
        keys = cache_keys(job)
        assert set(keys) - {".cache/xxgk"} == {".venv", "~/.cache/pip"}
        assert f"hashFiles('{requirements}')" in keys[".venv"] and "python-version" in keys[".venv"]
    # The build cache goes from each publishing run to the next: saved under a key of its own every
    # run (a GitHub cache is never overwritten), the latest one restored.
    (build_cache,) = [step["with"] for step in publish["steps"] if step.get("with", {}).get("path") == ".cache/xxgk"]
    assert build_cache["key"] == "xxgk-build-${{ github.run_id }}" and build_cache["restore-keys"] == "xxgk-build-"
    assert ".cache/xxgk" not in cache_keys(check), "a pull request's check builds nothing"


def check_gitlab_publishing(pipeline: dict, requirements: str) -> None:
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in pipeline["workflow"]["rules"]
    assert pipeline["variables"]["TZ"] == "Asia/Shanghai"
    assert pipeline["default"]["image"].startswith("python:3")
    check, pages = pipeline["check"], pipeline["pages"]
    assert check["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert check["script"] == ["make check"]
    assert pages["needs"] == [], "publishing waits for nothing but its own check and build"
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["script"] == ["make check", "make site", "mv site public"] and pages["artifacts"]["paths"] == [
        "public"
    ]
    venv, build_cache = pages["cache"]
    for cache in (check["cache"], venv):
        assert cache["key"]["files"] == [requirements]
        assert set(cache["paths"]) == {".venv/", ".cache/pip/"}
    assert build_cache["paths"] == [".cache/xxgk/"]  # xxgk build's own: the next run redoes only what changed
    assert pipeline["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"


def test_ci_runs_the_test_suite():
    assert ci_commands()[-1] == "make test"


def test_github_publishes_when_the_content_passes_the_check_and_the_build():
    workflow = load(ROOT / ".github/workflows/publish.yml")
    check_github_publishing(workflow, "pyproject.toml")
    assert ".ci/run" not in (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")


def test_github_runs_the_project_tests_on_code_changes_only():
    workflow = load(ROOT / ".github/workflows/tests.yml")
    triggers = workflow[True]
    assert set(triggers) == {"pull_request", "push", "workflow_dispatch"}, "not on the daily schedule"
    for trigger in ("pull_request", "push"):
        paths = triggers[trigger]["paths"]
        for path in CONTENT_CHANGES:
            assert not any(glob_matches(pattern, path) for pattern in paths), path
        for path in CODE_CHANGES + [".github/workflows/tests.yml"]:
            assert any(glob_matches(pattern, path) for pattern in paths), path
    (job,) = workflow["jobs"].values()
    assert job["container"].startswith("python:3") and runs(job)[-1] == "bash .ci/run"
    keys = cache_keys(job)
    assert "hashFiles('pyproject.toml')" in keys[".venv"] and "hashFiles('package-lock.json')" in keys["~/.npm"]
    assert "/var/cache/apt/archives" in keys
    # Debian's images delete what apt downloaded; the cache would stay empty
    assert "rm -f /etc/apt/apt.conf.d/docker-clean" in runs(job)


def test_gitlab_publishes_when_the_content_passes_the_check_and_the_build():
    check_gitlab_publishing(load(ROOT / ".gitlab-ci.yml"), "pyproject.toml")


def test_gitlab_runs_the_project_tests_on_code_changes_only():
    pipeline = load(ROOT / ".gitlab-ci.yml")
    tests = pipeline["tests"]
    assert tests["script"] == ["bash .ci/run"]
    never, changed = tests["rules"]
    # GitLab counts `changes` as true in a scheduled pipeline: the schedule must be excluded first
    assert never == {"if": '$CI_PIPELINE_SOURCE == "schedule"', "when": "never"}
    for path in CONTENT_CHANGES:
        assert not any(glob_matches(pattern, path) for pattern in changed["changes"]), path
    for path in CODE_CHANGES:
        assert any(glob_matches(pattern, path) for pattern in changed["changes"]), path
    caches = {
        cache["key"]["prefix"] if isinstance(cache["key"], dict) else cache["key"]: cache for cache in tests["cache"]
    }
    assert caches["npm"]["key"]["files"] == ["package-lock.json"] and caches["npm"]["paths"] == [".cache/npm/"]
    assert caches["venv-test-python3.12"]["key"]["files"] == ["pyproject.toml"]
    assert caches["apt"]["paths"] == [".cache/apt/"]
    assert any("Dir::Cache::Archives" in line for line in tests["before_script"])
    assert pipeline["variables"]["npm_config_cache"] == "$CI_PROJECT_DIR/.cache/npm"


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("county") / "repo"
    result = CliRunner().invoke(main, ["init", str(folder), "--date", "2026-11-27"])
    assert result.exit_code == 0, result.output
    return folder


def test_a_new_county_publishes_the_same_way_without_the_project_tests(county):
    check_github_publishing(load(county / ".github/workflows/publish.yml"), "requirements.txt")
    check_gitlab_publishing(load(county / ".gitlab-ci.yml"), "requirements.txt")
    assert [path.name for path in (county / ".github/workflows").iterdir()] == ["publish.yml"]
    assert "tests" not in load(county / ".gitlab-ci.yml")


@pytest.mark.parametrize("folder", [ROOT, "county"])
def test_make_check_and_site_call_xxgk_check_and_build(folder, county):
    makefile = ((county if folder == "county" else folder) / "Makefile").read_text(encoding="utf-8")
    recipes = dict(re.findall(r"^([a-z]+):[^\n]*\n\t([^\n]+)", makefile, re.MULTILINE))
    assert recipes["check"] == "$(BIN)/xxgk check" and recipes["site"] == "$(BIN)/xxgk build"
    assert recipes["serve"] == "$(BIN)/mkdocs serve --dirty"


def test_site_and_check_install_the_generator_without_the_test_tools():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("site", "serve", "check"):
        # site also installs the web editor's Decap CMS where npm exists (NODE_STAMP), never the test tools.
        assert re.search(rf"^{target}: \$\(STAMP\)(?: \$\(NODE_STAMP\))?  ##", makefile, re.MULTILINE), target
    assert re.search(r"^test: \$\(TEST_STAMP\)", makefile, re.MULTILINE)
    assert "pip install --quiet -e .\n" in makefile


@pytest.mark.parametrize("folder", [ROOT, "county"])
def test_pre_commit_runs_the_same_check(folder, county):
    (hook,) = load((county if folder == "county" else folder) / ".pre-commit-config.yaml")["repos"][0]["hooks"]
    assert hook["entry"] == "make check" and hook["pass_filenames"] is False
    assert re.match(hook["files"], "content/站点.yml")
