"""Every reporter's output for one fixed result, held by a golden file (as otter-grader does).

A change of output shows up as a diff of ``tests/golden/<format>.txt``. After checking that
the change is wanted, rewrite the files with ``UPDATE_GOLDEN=1 python -m pytest
tests/test_reporter_golden.py`` and commit them with the change.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from autograder.reporters import FORMATS, render
from autograder.results import GradeResult

from .test_reporters import NASTY, _test

GOLDEN = Path(__file__).resolve().parent / "golden"


def fixed_result() -> GradeResult:
    """Two modules, every status, and feedback that each format must escape."""
    return GradeResult([
        _test("test_lp_norm_examples", "linear_algebra.lp_norm", 10.0, 10.0, "passed"),
        _test("test_lp_norm_inf", "linear_algebra.lp_norm", 0.0, 10.0, "failed", NASTY,
              "exercises/linear_algebra.py:42"),
        _test("test_inner_loop", "linear_algebra.inner", 0.0, 20.0, "forbidden",
              "linear_algebra.inner called numpy.dot, which this exercise asks you to build yourself"),
        _test("test_describe_scalar", "numpy_basics.describe", 0.0, 25.0, "failed",
              "numpy_basics.describe is not implemented yet (exercises/numpy_basics.py:30)",
              "exercises/numpy_basics.py:30"),
        _test("test_top_left_view", "numpy_basics.top_left", 15.0, 15.0, "passed"),
        _test("test_top_left_hangs", "numpy_basics.top_left", 0.0, 10.0, "timeout",
              "numpy_basics.top_left ran longer than 10 s", "exercises/numpy_basics.py:77"),
        _test("test_top_left_crash", "numpy_basics.top_left", 0.0, 10.0, "error",
              "ZeroDivisionError: division by zero", "exercises/numpy_basics.py:80"),
    ], {"grader_version": "0.1.0", "seed": 7, "suite": "hidden", "duration_s": 1.25})


@pytest.mark.parametrize("fmt", FORMATS)
def test_reporter_output_matches_its_golden_file(fmt, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # the table's width must not follow the terminal
    monkeypatch.setenv("NO_COLOR", "1")
    text = render(fixed_result(), fmt)
    golden = GOLDEN / f"{fmt}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(text.encode("utf-8"))
    assert golden.is_file(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1 once"
    assert text == golden.read_bytes().decode("utf-8"), (
        f"{fmt} output changed; if wanted, rewrite with UPDATE_GOLDEN=1 and review the diff")
