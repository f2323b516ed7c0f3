"""The GitHub workflows: valid YAML, the README's commands, and a publish build command that really works."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import MINI_SITE, ROOT, make_project

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    if True in data:  # YAML 1.1 reads the key `on` as true; GitHub reads it as "on"
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def normalise(command: str) -> str:
    """`python3 -m pip install -q -e ".[test]"` and `python -m pip install -e ".[test]"` are the same command."""
    words = [w for w in shlex.split(command) if w not in ("-q", "-qq")]
    if words and words[0] == "python3":
        words[0] = "python"
    return " ".join(words)


def python_commands(script: str) -> list[str]:
    out = []
    for line in script.splitlines():
        line = line.split("#", 1)[0] if not line.lstrip().startswith("python") else re.sub(r"\s+#.*$", "", line)
        for part in line.split("&&"):
            part = part.strip()
            if part.startswith(("python ", "python3 ")):
                out.append(normalise(part))
    return out


def readme_commands() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = set(python_commands("\n".join(re.findall(r"```sh\n(.*?)```", text, re.S))))
    found |= {normalise(c) for c in re.findall(r"`(python build\.py[^`]*)`", text)}
    return found


def documented(command: str, readme: set[str]) -> bool:
    """A command is documented when the README shows it, or shows it with fewer options."""
    return any(command == c or command.startswith(c + " ") for c in readme)


def test_workflows_are_valid_yaml_with_jobs() -> None:
    names = sorted(p.name for p in WORKFLOWS.glob("*.yml"))
    assert names == ["check.yml", "publish.yml"]
    for name in names:
        workflow = load(name)
        assert workflow["name"] and workflow["on"] and workflow["jobs"]
        for job in workflow["jobs"].values():
            assert job["runs-on"] == "ubuntu-latest"
            for step in job["steps"]:
                assert ("uses" in step) != ("run" in step), step


def test_every_python_command_in_ci_is_one_the_readme_documents() -> None:
    readme = readme_commands()
    assert {"python build.py check", "python -m pytest", "python -m pip install -e .[test]"} <= readme
    scripts = [step["run"] for name in ("check.yml", "publish.yml") for step in steps(load(name)) if "run" in step]
    scripts.append((ROOT / ".ci/run").read_text(encoding="utf-8"))
    used = [c for script in scripts for c in python_commands(script)]
    undocumented = [c for c in used if not documented(c, readme) and c != "python -m pip install -e ."]
    assert undocumented == []
    for needed in ("python build.py check", "python -m pytest", "python -m pip install -e .[test]"):
        assert needed in used, needed


def test_check_runs_on_pull_requests_with_content_check_and_the_full_tests() -> None:
    workflow = load("check.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    steps_ = workflow["jobs"]["content"]["steps"]
    check = next(s for s in steps_ if s.get("run", "").startswith("python build.py check"))
    # errors land on the pull request's changed files: the base commit is fetched and named (tests/test_blame.py)
    assert check["run"] == 'python build.py check --changed-since "$BASE"'
    assert check["env"]["BASE"] == "${{ github.event.pull_request.base.sha || 'HEAD' }}"
    assert steps_[0]["uses"].startswith("actions/checkout@") and steps_[0]["with"]["fetch-depth"] == 2
    assert "python -m pip install -e ." in [s.get("run", "") for s in steps_]  # contributors need no test extras
    tests = workflow["jobs"]["tests"]
    assert tests["container"].startswith("python:3.11-bookworm")  # Debian: apt's chromium is a real package
    assert [s["run"] for s in tests["steps"] if "run" in s] == ["bash .ci/run"]
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium" in ci
    assert "python3 -m pytest" in ci


def test_publish_builds_main_and_deploys_with_the_official_pages_actions() -> None:
    workflow = load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    build = workflow["jobs"]["build"]["steps"]
    uses = [s["uses"].split("@")[0] for s in build if "uses" in s]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/upload-pages-artifact"]
    assert build[0]["with"]["fetch-depth"] == 0  # full history for "Last updated"
    pages_step = next(s for s in build if s.get("uses", "").startswith("actions/configure-pages"))
    build_step = next(s for s in build if "build.py build" in s.get("run", ""))
    assert build_step["env"]["BASE_URL"] == "${{ steps." + pages_step["id"] + ".outputs.base_url }}"
    out = re.search(r"--out (\S+)", build_step["run"]).group(1)
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == out
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


@pytest.mark.parametrize("base_url", ["https://owner.github.io/repo", "https://libraries.example.org"])
def test_publish_build_command_works_as_written(tmp_path: Path, base_url: str) -> None:
    """Run the workflow's build line in a shell, with the base_url configure-pages gives (no trailing slash)."""
    build_step = next(s for s in steps(load("publish.yml")) if "build.py build" in s.get("run", ""))
    command = build_step["run"].replace("python build.py", f"{shlex.quote(sys.executable)} {shlex.quote(str(ROOT / 'build.py'))}")
    make_project(tmp_path, MINI_SITE)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | {"BASE_URL": base_url}
    result = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/stories/first-visit/index.html").read_text(encoding="utf-8")
    path = "/repo" if base_url.endswith("/repo") else ""
    assert f'href="{path}/partnerships/alpha-beta/"' in html
    assert f'<link rel="canonical" href="{base_url}/stories/first-visit/">' in html
