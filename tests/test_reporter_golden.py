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

from .test_reporters import sample_result

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("fmt", FORMATS)
def test_reporter_output_matches_its_golden_file(fmt, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # the table's width must not follow the terminal
    monkeypatch.setenv("NO_COLOR", "1")
    text = render(sample_result(), fmt)
    golden = GOLDEN / f"{fmt}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(text.encode("utf-8"))
    assert golden.is_file(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1 once"
    assert text == golden.read_bytes().decode("utf-8"), (
        f"{fmt} output changed; if wanted, rewrite with UPDATE_GOLDEN=1 and review the diff")
