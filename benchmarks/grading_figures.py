"""The grader against its floor: plain in-process pytest vs. ``autograder grade`` end to end.

Every figure is a fresh subprocess, so interpreter start and imports count, as they do
for a person typing the command.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from .measure import CommandRun, Figure, autograder_command, time_command
from .workload import Workload

PYTEST_FLAGS = ["--inprocess", "-p", "no:cacheprovider", "--assert=plain", "-q"]
FLOOR_NOTE = "pytest, hidden suites, solutions in-process"
PUBLIC_NOTE = "pytest, public suites, stubs in-process"


def floor_argv(workload: Workload) -> list:
    """The hidden suites against the solutions imported into pytest itself: no sandbox at all."""
    return [sys.executable, "-m", "pytest", workload.hidden, "--submission", workload.solutions, *PYTEST_FLAGS]


def student_addopts() -> list[str]:
    """The pytest options of the released student template (its ``pyproject.toml``), which a
    student's ``pytest`` runs with: the plugins it turns off stay off here too."""
    import re
    import shlex

    from autograder.paths import PACKAGE_DIR

    template = PACKAGE_DIR / "instructor" / "templates" / "student_pyproject.toml"
    # a template with placeholders, not TOML yet: its one addopts line is read as it is
    found = re.search(r'^addopts = "([^"]*)"$', template.read_text(encoding="utf-8"), re.MULTILINE)
    return shlex.split(found[1]) if found else []


def public_argv(workload: Workload) -> list:
    """A student's own ``pytest`` on the public suites against the untouched stubs (all fail),
    with the template's options."""
    return [sys.executable, "-m", "pytest", workload.public, "--submission", workload.stubs, *PYTEST_FLAGS,
            *student_addopts()]


def command_side(key: str, argv: list, ok):
    """One run of ``argv`` for ``rounds.interleaved``, its wall time under ``key``."""
    return lambda: {key: time_command(argv, 1, ok=ok).runs[0]}


def grade_side(key: str, submission: Path, suite: str, *, expect: str, scores: list | None = None):
    """One ``autograder grade`` for ``rounds.interleaved`` (see ``grade``)."""
    return lambda: {key: grade(submission, suite, 1, expect=expect, scores=scores).runs[0]}


def grade(submission: Path, suite: str, times: int, *, expect: str, scores: list | None = None) -> Figure:
    """``autograder grade SUBMISSION --suite SUITE`` in a subprocess, checked against ``expect``.

    ``expect`` is ``full`` (100), ``zero`` (0) or ``partial`` (strictly between): a run
    that scored otherwise measured something else, so it is not reported.
    """
    scores = [] if scores is None else scores
    with tempfile.TemporaryDirectory(prefix="bench-grade-") as tmp:
        report = Path(tmp) / "result.json"
        argv = [*autograder_command(), "grade", submission, "--suite", suite,
                "--format", "json", "--output", report, "--seed", "0"]

        def ok(run: CommandRun) -> bool:
            if run.returncode != 0 or not report.is_file():
                return False
            score = json.loads(report.read_text())["score"]
            scores.append(score)
            return {"full": score == 100, "zero": score == 0, "partial": 0 < score < 100}[expect]

        figure = time_command(argv, times, ok=ok, note=f"autograder grade {submission.name}")
    figure.extra["score"] = scores[-1] if scores else None
    return figure
