"""A batch never holds an earlier call's answer: a submission that reads the batch gains nothing.

The attack is real: a submission's first call can find the rest of its batch in the worker's
memory (``gc.get_objects()``). Where a later request carries the answer of the call now running
(the test passes it on), that request must not be in the batch. Graded for real, with the
guard and, as the control, with the guard switched off.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from autograder import case_tables
from autograder.grading import grade
from autograder.instructor import cases
from autograder.sandbox import answer_guard

ROOT = Path(__file__).resolve().parent.parent

SUITE = '''
import numpy as np
import pytest
from autograder.suites import checks

POINTS = {"every_other": 1, "reversed_view": 1}


@pytest.mark.exercise("every_other")
def test_every_other_then_reversed(sub):
    b = np.arange(11.0) * 1.5
    half = sub.every_other(b)
    checks.assert_close(half, b[::2], inputs="b")
    checks.assert_close(sub.reversed_view(half), b[::2][::-1], inputs="half")


@pytest.mark.exercise("reversed_view")
def test_reversed(sub):
    checks.assert_close(sub.reversed_view(np.arange(4.0)), [3.0, 2.0, 1.0, 0.0], inputs="arange(4)")
'''

# Reads the batch while its first call runs: the later reversed_view request holds the answer.
LOOKS_AHEAD = '''
import gc
import sys

import numpy as np


def every_other(b):
    codec = sys.modules["autograder.sandbox.codec"]
    for found in gc.get_objects():
        if type(found) is dict and found.get("op") == "call" and found.get("func") == "reversed_view":
            return codec.decode(found["args"])[0]
    return np.zeros(1)


def reversed_view(b):
    return np.asarray(b)[::-1]
'''


@pytest.fixture
def suite(tmp_path):
    folder = tmp_path / "suite"
    folder.mkdir()
    (folder / "test_numpy_basics.py").write_text(SUITE)
    return folder


def hostile(tmp_path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "numpy_basics.py").write_text(LOOKS_AHEAD)
    return folder


def every_other_points(result) -> float:
    return sum(t.score for t in result.tests if t.function == "numpy_basics.every_other")


def test_a_call_that_carries_an_earlier_answer_is_recorded_live(suite):
    cases.build(str(suite), str(ROOT / "solutions"))
    [example] = case_tables.load(suite / "test_numpy_basics.py").tests["test_every_other_then_reversed"]
    assert [data is None for _, data, _ in example.requests] == [False, True]


def test_a_submission_reading_its_batch_finds_no_answer(suite, tmp_path):
    cases.build(str(suite), str(ROOT / "solutions"))
    result = grade(hostile(tmp_path), suite=str(suite), seed=0)
    assert every_other_points(result) == 0


def test_without_the_guard_the_same_submission_would_score(suite, tmp_path, monkeypatch):
    """The control: the attack works when the batch holds the answer, so the guard is what stops it."""
    monkeypatch.setattr(answer_guard, "carries", lambda *args: False)
    cases.build(str(suite), str(ROOT / "solutions"))
    result = grade(hostile(tmp_path), suite=str(suite), seed=0)
    assert every_other_points(result) > 0


def test_what_counts_as_carrying_an_answer():
    answer = answer_guard.leaves((np.array([0.5, 1.25]), {"mean": 0.3333333}, 3, "text"))
    assert answer_guard.carries(answer_guard.leaves([np.array([0.5, 1.25])]), answer)  # passed on
    assert answer_guard.carries(answer_guard.leaves({"m": 0.33333331}), answer)  # within 1e-6
    assert answer_guard.carries(answer_guard.leaves([[np.array([0.5, 1.25 + 1e-9])]]), answer)
    assert not answer_guard.carries(answer_guard.leaves([np.array([0.5, 1.5])]), answer)
    assert not answer_guard.carries(answer_guard.leaves([3, 1.0, "text"]), answer)  # ints: coincidences
    calls = answer_guard.mark_live([("m", b"a", None, [], answer),
                                    ("m", b"b", None, answer_guard.leaves([0.3333333]), []),
                                    ("m", b"c", None, answer_guard.leaves([7.5]), [])])
    assert calls == [("m", b"a", None), ("m", None, None), ("m", b"c", None)]
