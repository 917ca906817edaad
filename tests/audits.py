"""The audit tools from the npm registry (package.json, installed by `make test`): axe-core and
the Nu HTML checker (vnu-jar, run with the system's Java).

Tests that need them are skipped with a message when they are missing, except where
XXGK_REQUIRE_BROWSER is set (CI), where a missing tool fails them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _missing(message: str):
    if os.environ.get("XXGK_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


def axe_script() -> Path:
    if not AXE.is_file():
        _missing("axe-core not installed: run `make test` (it runs npm ci) or `npm ci --ignore-scripts`")
    return AXE


def vnu_command() -> list[str]:
    if not VNU.is_file():
        _missing("vnu-jar not installed: run `make test` (it runs npm ci) or `npm ci --ignore-scripts`")
    java = shutil.which("java")
    if not java:
        _missing("no Java found: install a Java runtime (apt-get install default-jre-headless) for the Nu HTML checker")
    return [java, "-jar", str(VNU)]


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """axe-core's violations of the page as loaded, at the given impacts: 'rule: target — message'."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{rule['id']}: {', '.join(map(str, node['target']))} — {node['failureSummary'].splitlines()[-1].strip()}"
        for rule in result["violations"]
        if rule["impact"] in impacts
        for node in rule["nodes"]
    ]


def vnu_errors(files: list[Path]) -> list[str]:
    """The Nu HTML checker's errors in these files: 'file:line: message'."""
    done = subprocess.run(
        [*vnu_command(), "--errors-only", "--format", "json", *map(str, files)], capture_output=True, text=True
    )
    output = done.stderr or done.stdout
    assert output, f"vnu printed nothing (exit {done.returncode})"
    # A file it could not read is a non-document-error: that fails too.
    return [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in json.loads(output)["messages"]
        if m["type"] in ("error", "non-document-error")
    ]
