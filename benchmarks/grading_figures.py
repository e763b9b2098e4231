"""The grader against its floor: plain in-process pytest vs. ``autograder grade`` end to end.

Every figure is a fresh subprocess, so interpreter start and imports count, as they do
for a person typing the command.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from .measure import CommandRun, Figure, autograder_command, exited, time_command
from .workload import Workload

PYTEST_FLAGS = ["--inprocess", "-p", "no:cacheprovider", "--assert=plain", "-q"]


def floor(workload: Workload, times: int) -> Figure:
    """The hidden suites against the solutions imported into pytest itself: no sandbox at all."""
    argv = [sys.executable, "-m", "pytest", workload.hidden, "--submission", workload.solutions,
            *PYTEST_FLAGS]
    return time_command(argv, times, ok=exited(0), note="pytest, hidden suites, solutions in-process")


def public_pytest(workload: Workload, times: int) -> Figure:
    """A student's own ``pytest`` on the public suites against the untouched stubs (all fail)."""
    argv = [sys.executable, "-m", "pytest", workload.public, "--submission", workload.stubs,
            *PYTEST_FLAGS]
    return time_command(argv, times, ok=exited(0, 1), note="pytest, public suites, stubs in-process")


def grade(submission: Path, suite: str, times: int, *, expect: str) -> Figure:
    """``autograder grade SUBMISSION --suite SUITE`` in a subprocess, checked against ``expect``.

    ``expect`` is ``full`` (100), ``zero`` (0) or ``partial`` (strictly between): a run
    that scored otherwise measured something else, so it is not reported.
    """
    with tempfile.TemporaryDirectory(prefix="bench-grade-") as tmp:
        report = Path(tmp) / "result.json"
        argv = [*autograder_command(), "grade", submission, "--suite", suite,
                "--format", "json", "--output", report, "--seed", "0"]
        scores: list[float] = []

        def ok(run: CommandRun) -> bool:
            if run.returncode != 0 or not report.is_file():
                return False
            score = json.loads(report.read_text())["score"]
            scores.append(score)
            return {"full": score == 100, "zero": score == 0, "partial": 0 < score < 100}[expect]

        figure = time_command(argv, times, ok=ok, note=f"autograder grade {submission.name}")
    figure.extra["score"] = scores[-1] if scores else None
    return figure
