"""The CI files run what CI runs here (.ci/run itself), and publish only what passed the check."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).parent.parent


def ci_commands() -> list[str]:
    """The commands of .ci/run, the script CI runs on every submission."""
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines
            if line.strip() and not line.lstrip().startswith(("#", "set ", "cd "))]


def load(path: str) -> dict:
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def test_ci_runs_the_test_suite():
    assert ci_commands()[-1] == "make test"


def test_github_checks_every_pull_request_like_ci_and_publishes_main_only_after_the_check():
    workflow = load(".github/workflows/publish.yml")
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    check = workflow["jobs"]["check"]
    assert check["container"].startswith("python:3")
    assert [step["run"] for step in check["steps"] if "run" in step] == ["make check", "bash .ci/run"]
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "check"
    assert "github.event_name != 'pull_request'" in publish["if"] and "refs/heads/main" in publish["if"]
    assert [step["run"] for step in publish["steps"] if "run" in step] == ["make site"]
    assert publish["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_gitlab_checks_every_merge_request_like_ci_and_publishes_the_default_branch_after_the_check():
    pipeline = load(".gitlab-ci.yml")
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in pipeline["workflow"]["rules"]
    assert pipeline["default"]["image"].startswith("python:3")
    assert pipeline["check"]["script"] == ["make check", "bash .ci/run"]
    pages = pipeline["pages"]
    assert pages["needs"] == ["check"]
    assert pipeline["stages"].index(pages["stage"]) > pipeline["stages"].index(pipeline["check"]["stage"])
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["script"] == ["make site", "mv site public"] and pages["artifacts"]["paths"] == ["public"]


def test_pre_commit_runs_the_same_check():
    (hook,) = load(".pre-commit-config.yaml")["repos"][0]["hooks"]
    assert hook["entry"] == "make check" and hook["pass_filenames"] is False


def test_every_make_target_the_ci_files_use_exists():
    targets = set(re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))
    assert {"check", "test", "site"} <= targets
