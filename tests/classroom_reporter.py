"""Run GitHub Classroom's own grading reporter (vendored JavaScript source) with node.

Its two npm dependencies are installed from the npm registry into a temporary folder,
pinned to the versions of the reporter's own lock file.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

VENDORED = Path(__file__).resolve().parent / "vendor" / "autograding_grading_reporter"
DEPENDENCIES = ("@actions/core@1.10.1", "cli-table3@0.6.3")
_POINTS = re.compile(r"^::notice title=Autograding complete::Points (\d+)/(\d+)$", re.MULTILINE)


def install(folder: Path) -> Path:
    """The reporter, ready to run, in ``folder``; skips the test when node or npm is missing."""
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("node and npm are needed to run GitHub Classroom's reporter")
    target = folder / "reporter"
    shutil.copytree(VENDORED, target)
    (target / "package.json").write_text('{"name": "reporter", "private": true}\n', encoding="utf-8")
    proc = subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error",
                           *DEPENDENCIES], cwd=target, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"npm install failed:\n{proc.stderr[-2000:]}"
    return target


def run(reporter: Path, payload_b64: str, runner: str = "grade") -> subprocess.CompletedProcess:
    """What the reporter step prints for one runner's ``--format classroom`` output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    env.update({"INPUT_RUNNERS": runner, f"{runner.upper()}_RESULTS": payload_b64})
    return subprocess.run(["node", str(reporter / "src" / "main.js")], env=env, capture_output=True,
                          text=True, timeout=120)


def points(proc: subprocess.CompletedProcess) -> tuple[int, int]:
    """``(N, max)`` of the ``Points N/max`` notice that GitHub Classroom reads."""
    found = _POINTS.findall(proc.stdout)
    assert len(found) == 1, f"no single Points notice in the reporter's output:\n{proc.stdout[-3000:]}"
    return int(found[0][0]), int(found[0][1])
