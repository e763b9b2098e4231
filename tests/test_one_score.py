"""One score everywhere: every view shows the two-decimal total, Classroom shows its floor.

The whole-points case runs GitHub Classroom's own reporter (node) on our ``--format
classroom`` output, for the solutions, the stubs and partial submissions derived from a
real grading run of the solutions (exercises failed on purpose, some of them only partly).
"""
from __future__ import annotations

import base64
import copy
import json
import math
import random
import xml.etree.ElementTree as ET

import pytest

from autograder.grading import grade
from autograder.reporters import render
from autograder.results import GradeResult, points_text

from . import classroom_reporter
from .conftest import ROOT


@pytest.fixture(scope="module")
def graded() -> GradeResult:
    """The solutions, really graded (public suite: the hidden suite's weights, a few seconds)."""
    result = grade(ROOT / "solutions", suite="public", seed=5)
    assert result.score == 100.0
    return result


@pytest.fixture(scope="module")
def reporter(tmp_path_factory):
    return classroom_reporter.install(tmp_path_factory.mktemp("classroom"))


def _fail(test) -> None:
    test.score, test.status = 0.0, "failed"
    test.output = f"{test.function} is not implemented yet"


def partial(result: GradeResult, *, done=(), half=(), wrong=()) -> GradeResult:
    """``result`` with only the exercises in ``done`` passing, those in ``half`` failing their
    first test, and those in ``wrong`` failing a test with a wrong answer."""
    derived = copy.deepcopy(result)
    first_seen = set()
    for test in derived.tests:
        name = test.function
        if name in done:
            continue
        if name in half or name in wrong:
            if name not in first_seen:
                first_seen.add(name)
                test.score, test.status, test.output = 0.0, "failed", "result is wrong"
            continue
        _fail(test)
    return derived


def cases(result: GradeResult) -> dict[str, GradeResult]:
    functions = [t.function for t in result.by_function()]
    rng = random.Random(12)
    linear = [f for f in functions if f.startswith("linear_algebra.")]
    return {
        "solutions": result,
        "stubs": partial(result),
        "four functions": partial(result, done=functions[:4]),
        "linear_algebra with lp_norm wrong": partial(
            result, done=[f for f in linear if f != "linear_algebra.lp_norm"], wrong=["linear_algebra.lp_norm"]),
        "a third, at random": partial(result, done=rng.sample(functions, len(functions) // 3)),
        "most, some half done": partial(result, done=functions[: len(functions) * 2 // 3],
                                        half=functions[len(functions) * 2 // 3:]),
        "all but one": partial(result, done=functions[1:]),
        "only half-done exercises": partial(result, half=functions),
    }


def test_whole_points_add_up_to_the_floor_of_the_score(graded):
    for name, result in cases(graded).items():
        split = result.whole_points()
        assert sum(m for _, _, m in split) == 100, name
        assert sum(e for _, e, _ in split) == math.floor(result.score), name
        for total, earned, maximum in split:
            assert 0 <= earned <= maximum, name
            if total.score == 0:
                assert earned == 0, f"{name}: {total.function} earned nothing and got a point"


def test_classroom_reporter_prints_the_floor_of_the_score(graded, reporter):
    seen = set()
    for name, result in cases(graded).items():
        proc = classroom_reporter.run(reporter, render(result, "classroom"))
        assert classroom_reporter.points(proc) == (math.floor(result.score), 100), (name, proc.stdout[-2000:])
        seen.add(math.floor(result.score))
    assert {0, 100} <= seen and len(seen) >= 7  # solutions, stubs and distinct partial totals


def test_every_view_shows_the_same_two_decimal_total(graded):
    for name, result in cases(graded).items():
        shown = points_text(result.score)
        assert json.loads(render(result, "json"))["score"] == result.score == float(shown), name
        assert render(result, "markdown").startswith(f"## Autograder score: {shown} / 100.00"), name
        assert f"Score {shown} / 100.00" in render(result, "table"), name
        assert f"total" in render(result, "table") and f" {shown} / 100.00 " in render(result, "table")
        gradescope = json.loads(render(result, "gradescope"))
        assert gradescope["score"] == result.score and gradescope["output"].startswith(f"Score {shown} / 100.00")
        junit = ET.fromstring(render(result, "junit"))
        score = junit.find("testsuite/properties/property[@name='score']").get("value")
        assert score == shown, name
        classroom = json.loads(base64.b64decode(render(result, "classroom")))
        assert sum(t["score"] for t in classroom["tests"]) == math.floor(float(shown)), name


def test_the_score_is_rounded_once_to_two_decimals():
    from autograder.results import TestResult

    tests = [TestResult(f"t{i}", "m", "m.f", 100 / 3 if i < 2 else 0.0, 100 / 3, "passed" if i < 2 else "failed")
             for i in range(3)]
    result = GradeResult(tests, {})
    assert result.score == 66.67 and points_text(result.score) == "66.67"
    assert sum(e for _, e, _ in result.whole_points()) == 66
