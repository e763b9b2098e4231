"""otter-grader as a peer: ``otter run`` (no containers) on the same examples as our public suites.

otter lives in its own virtual environment so that it cannot change the project's
dependencies; the benchmark finds it through ``$OTTER``, ``otter`` on ``PATH``, or
``$TMPDIR/otter-venv``. Its tests are generated here, one OK-format file per exercise,
from ``otter_cases`` (the public suites' examples of two NumPy-only modules), and the
baseline is ``autograder grade`` on exactly those modules with exactly those public tests.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from ..grading_figures import grade
from ..measure import Figure, Unavailable, run_command, time_command
from ..workload import SUITES, Workload
from .otter_cases import CASES, Case

INSTALL_HINT = ("python3 -m venv $TMPDIR/otter-venv && "
                "$TMPDIR/otter-venv/bin/pip install otter-grader ipykernel numpy")

_RAISES = (
    "def _raises(error, word, call, *args):\n"
    "    try:\n"
    "        call(*args)\n"
    "    except error as exc:\n"
    "        return word.lower() in str(exc).lower()\n"
    "    except Exception:\n"
    "        return False\n"
    "    return False"
)


def find_otter() -> Path:
    candidates = [os.environ.get("OTTER"), shutil.which("otter"),
                  str(Path(tempfile.gettempdir()) / "otter-venv" / "bin" / "otter")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise Unavailable(f"otter-grader is not installed (install it apart: {INSTALL_HINT})")


def doctest(lines: str, *, expect: str | None = None) -> str:
    """Source lines as one doctest example: ``>>>`` then ``...`` for continuation lines."""
    out = []
    for number, line in enumerate(lines.splitlines()):
        out.append(("... " if number else ">>> ") + line)
    if expect is not None:
        out.append(expect)
    return "\n".join(out)


def case_code(case: Case) -> str:
    setup, checks = case
    parts = ["import numpy as np", _RAISES, *setup.splitlines()]
    examples = [doctest(part) for part in parts if part]
    examples += [doctest(f"bool({check})", expect="True") for check in checks]
    return "\n".join(examples)


def question_file(name: str, cases: list[Case], points: float) -> str:
    """One otter question in OK format: every case must pass for its points."""
    test = {"name": name, "points": points, "all_or_nothing": True, "suites": [{
        "cases": [{"code": case_code(c), "hidden": False, "locked": False} for c in cases],
        "scored": True, "setup": "", "teardown": "", "type": "doctest"}]}
    return f"OK_FORMAT = True\n\ntest = {test!r}\n"


def write_tests(dest: Path, modules: list[str]) -> int:
    """One test file per exercise of ``modules``; returns how many cases were written."""
    dest.mkdir(parents=True, exist_ok=True)
    count = 0
    for module in modules:
        for function, cases in CASES[module].items():
            name = f"{module}__{function}"
            (dest / f"{name}.py").write_text(question_file(name, cases, 1.0), encoding="utf-8")
            count += len(cases)
    return count


def submission_script(solutions: Path, modules: list[str]) -> str:
    """The modules as one script, the way otter takes a submission (one notebook or file)."""
    return "\n\n".join((solutions / f"{m}.py").read_text(encoding="utf-8") for m in modules)


def measure(workload: Workload, times: int, workdir: Path, grade_figure=None) -> dict[str, Figure]:
    modules = [m for m in CASES if m in workload.modules]
    if not modules:
        raise Unavailable(f"otter cases cover {', '.join(CASES)}, none of which is in the workload")
    otter = find_otter()
    home = workdir / "otter"
    tests = home / "tests"
    cases = write_tests(tests, modules)
    script = home / "submission.py"
    script.write_text(submission_script(workload.solutions, modules), encoding="utf-8")
    zip_path = home / "autograder.zip"
    made = run_command([otter, "generate", "-t", tests, "-o", zip_path, "--no-requirements",
                        "--no-environment", "--no-config"], cwd=home)
    if made.returncode != 0 or not zip_path.is_file():
        raise Unavailable(f"otter generate failed: {(made.stderr or made.stdout).strip()[-300:]}")
    out = home / "out"
    questions = sum(len(CASES[m]) for m in modules)

    def graded_everything(run) -> bool:
        results = out / "results.json"
        if run.returncode != 0 or not results.is_file():
            return False
        scored = [t for t in json.loads(results.read_text())["tests"] if "max_score" in t]
        return len(scored) == questions and all(t["score"] == t["max_score"] for t in scored)

    runs = []
    for _ in range(max(1, times)):
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        runs += time_command([otter, "run", "-a", zip_path, "-o", out, "--no-logo", script], 1,
                             ok=graded_everything, cwd=home).runs
    covered = ", ".join(modules)
    figure = Figure(runs, note=f"{covered}: {questions} questions, {cases} cases from the public suites")
    figure.extra = {"modules": modules, "questions": questions, "cases": cases}
    return {"otter_s": figure, "otter_baseline_s": _baseline(modules, workload, home, times)}


def _baseline(modules: list[str], workload: Workload, home: Path, times: int) -> Figure:
    """``autograder grade`` on the same modules with the same public tests."""
    suite = home / "autograder-suite"
    submission = home / "autograder-submission"
    suite.mkdir()
    submission.mkdir()
    for module in modules:
        shutil.copyfile(SUITES / "public" / f"test_{module}.py", suite / f"test_{module}.py")
        shutil.copyfile(workload.solutions / f"{module}.py", submission / f"{module}.py")
    figure = grade(submission, str(suite), times, expect="full")
    figure.note = f"autograder grade, public suites of {', '.join(modules)}"
    return figure

