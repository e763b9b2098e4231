"""The repository keeps its promises: one test command in README, CI and the workflow."""
from __future__ import annotations

import re

from .conftest import ROOT

TEST_COMMAND = "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[dev]' && python -m pytest -n 2 --dist loadfile"


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    assert TEST_COMMAND in blocks
    assert any(b.endswith("autograder grade solutions") and "pip install -e '.[dev]'" in b for b in blocks)


def test_ci_runs_the_readme_test_command():
    """.ci/run spells the same steps (fresh venv, editable install with dev extra, pytest)."""
    script = (ROOT / ".ci" / "run").read_text()
    for step in ("python3 -m venv .venv", ". .venv/bin/activate", "pip install --quiet -e '.[dev]'",
                 "python -m pytest -n 2 --dist loadfile"):
        assert step in script
    assert '"$code" -eq 5' in script  # "no tests ran" is a failure
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text()
    assert TEST_COMMAND in workflow
