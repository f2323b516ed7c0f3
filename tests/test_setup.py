"""A fresh machine needs the README's two commands and one apt-get line, nothing more: .ci/run
does exactly that, no step installs anything from npm, and the vendored test tools are the
files their SOURCE.txt describes."""

from __future__ import annotations

import hashlib
import re
import shlex
from pathlib import Path

import pytest

from conftest import APT_INSTALL, PIP_INSTALL, ROOT, python_module, python_tool

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = (ROOT / ".ci/run").read_text(encoding="utf-8")


def commands(script: str) -> list[str]:
    """Each command of a shell script, comments dropped, `python3` read as `python`, `-q` ignored."""
    out = []
    for line in script.splitlines():
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        for part in filter(None, (p.strip() for p in line.split("&&"))):
            words = [w for w in shlex.split(part) if w not in ("-q", "-qq")]
            out.append(" ".join(["python" if w == "python3" else w for w in words]))
    return out


def readme_first_commands() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block, "the README starts with a sh block of commands"
    return commands(block.group(1))


def test_the_readme_starts_with_two_commands_that_ci_runs_in_order() -> None:
    first = readme_first_commands()
    assert first == ["python -m pip install -e .[test]", "python build.py", "python -m pytest"]
    assert f"{PIP_INSTALL} && python build.py" in README  # the command a failing test names
    ci = commands(CI_RUN)
    positions = [ci.index(c) for c in first]
    assert positions == sorted(positions), ci
    assert {"ruff check .", "ruff format --check .", "python build.py check"} <= set(ci)
    assert ci[-1] == "python -m pytest", "the tests run last, after ruff and check"


def test_the_readme_names_the_debian_packages_ci_installs() -> None:
    """One apt-get line in the README; .ci/run installs those packages and nothing else."""
    assert f"`{APT_INSTALL}`" in README
    packages = set(APT_INSTALL.split()[3:])
    assert packages == {"chromium", "default-jre-headless"}
    installs = [c for c in commands(CI_RUN) if c.startswith("apt-get install")]
    assert [set(w for w in c.split()[2:] if not w.startswith("-") and w != ">/dev/null") for c in installs] == [packages]


@pytest.mark.parametrize("path", ["README.md", ".ci/run", ".github/workflows/check.yml", ".github/workflows/publish.yml"])
def test_no_set_up_step_uses_npm(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    assert not re.search(r"\b(npm|npx|nodejs|node_modules)\b", text), path
    assert not (ROOT / "tests/.node").exists()


def source_hashes(source: Path) -> dict[str, str]:
    """`name -> sha256` from the `... -> NAME  SIZE bytes  sha256 HEX` lines of a SOURCE.txt."""
    return dict(re.findall(r"-> (\S+)\s+\d+ bytes\s+sha256 ([0-9a-f]{64})", source.read_text(encoding="utf-8")))


@pytest.mark.parametrize("folder", ["axe", "sitemap"])
def test_vendored_files_are_the_ones_their_source_names(folder: str) -> None:
    vendor = ROOT / "tests/vendor" / folder
    hashes = source_hashes(vendor / "SOURCE.txt")
    assert hashes, "SOURCE.txt lists each file with its sha256"
    for name, sha in hashes.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == sha, name
    files = {p.name for p in vendor.iterdir()} - {"SOURCE.txt"}
    assert files == set(hashes), "every vendored file is listed in SOURCE.txt"
    assert "licen" in (vendor / "SOURCE.txt").read_text(encoding="utf-8").lower()


def test_axe_is_the_pinned_version() -> None:
    header = (ROOT / "tests/vendor/axe/axe.min.js").read_bytes()[:40].decode()
    assert header.startswith("/*! axe v4.14.1")
    assert "Mozilla Public License" in (ROOT / "tests/vendor/axe/LICENSE").read_text(encoding="utf-8")


def test_a_missing_tool_fails_with_the_command_that_installs_it() -> None:
    for missing in (lambda: python_tool("no-such-tool-16"), lambda: python_module("no_such_module_16")):
        with pytest.raises(pytest.fail.Exception, match=re.escape(PIP_INSTALL)):
            missing()
