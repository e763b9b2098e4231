"""The suites' contract: solutions score 100, stubs 0, every exercise carries points."""
from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from autograder.curriculum import MODULES, all_functions
from autograder.grading import grade

from .conftest import ROOT

SUITES = ROOT / "autograder" / "suites"


def _points(path):
    tree = ast.parse(path.read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "POINTS" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{path} has no POINTS")


@pytest.mark.parametrize("suite", ["public", "hidden"])
def test_every_exercise_has_points_in_every_suite(suite):
    for module, functions in MODULES.items():
        points = _points(SUITES / suite / f"test_{module}.py")
        assert set(points) == set(functions), f"{suite}/{module}: {set(points) ^ set(functions)}"
        assert all(p > 0 for p in points.values())


def test_hidden_points_add_up_to_100():
    total = sum(sum(_points(SUITES / "hidden" / f"test_{m}.py").values()) for m in MODULES)
    assert total == 100


@pytest.fixture(scope="module")
def graded_solutions():
    return grade(ROOT / "solutions", suite="hidden", seed=1)


def test_solutions_score_100_on_the_hidden_suite(graded_solutions):
    failures = [(t.function, t.name, t.output[:300]) for t in graded_solutions.failures()]
    assert failures == []
    assert graded_solutions.score == graded_solutions.max_score == 100
    assert {t.function for t in graded_solutions.tests} == set(all_functions())


def test_stubs_score_0_with_a_short_message_each():
    result = grade(ROOT / "exercises", suite="hidden", seed=1)
    assert result.score == 0 and result.max_score == 100
    for test in result.tests:
        assert "not implemented yet" in test.output, (test.function, test.name, test.output[:200])


@pytest.mark.parametrize("folder, ok", [("solutions", True), ("exercises", False)])
def test_public_suite_as_a_student_runs_it(folder, ok):
    """In-process, as `pytest` in a student's repository: green for solutions, short reds for stubs."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", str(SUITES / "public"), "--submission", str(ROOT / folder),
         "--inprocess", "-q", "-p", "no:cacheprovider", "--noconftest", "-c", str(SUITES / "pytest.ini"),
         "--rootdir", str(SUITES / "public")],
        capture_output=True, text=True, timeout=300)
    total = len(all_functions())
    if ok:
        assert run.returncode == 0, run.stdout[-3000:]
        assert f"{total} of {total} exercises pass every test here" in run.stdout
    else:
        assert f"0 of {total} exercises pass every test here" in run.stdout
        assert run.returncode == 1, run.stdout[-3000:]
        assert "Traceback" not in run.stdout
        assert run.stdout.count("is not implemented yet") >= len(all_functions())
