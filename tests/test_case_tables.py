"""Case tables: built from a real grading of the solutions, replayed by real gradings.

A tiny suite (one hypothesis test with an ``assume``, one plain test, one oracle) is built
and graded through the real sandbox; the committed tables of the hidden suites must be
fresh, so an edited suite without a rebuild fails here.
"""
from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from autograder import case_tables
from autograder.grading import grade
from autograder.instructor import cases
from autograder.paths import SUITES_DIR

ROOT = Path(__file__).resolve().parent.parent

SUITE = '''
import os
import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st
from autograder.suites import checks

POINTS = {"every_other": 1}


@pytest.fixture(scope="module")
def expected_lengths():
    def compute():
        with open(os.environ["ORACLE_LOG"], "a") as log:
            log.write("computed\\n")
        return {n: (n + 1) // 2 for n in range(41)}
    return checks.oracle("lengths", compute)


@pytest.mark.exercise("every_other", weight=3)
@given(n=st.integers(0, 40))
@settings(max_examples=20)
def test_every_other_of_a_range(sub, n, expected_lengths):
    assume(n != 7)
    b = np.arange(n)
    got = sub.every_other(b)
    assert len(got) == expected_lengths[n], f"wrong length\\n  input: b=np.arange({n})"
    checks.assert_close(got, b[::2], inputs=f"b=np.arange({n})")


@pytest.mark.exercise("every_other")
def test_every_other_example(sub):
    checks.assert_close(sub.every_other(np.arange(6)), [0, 2, 4], inputs="np.arange(6)")
'''

WRONG_FROM_FIVE = '''
import numpy as np

def every_other(b):
    b = np.asarray(b)
    return b[::2] if len(b) < 5 else b[::3]
'''


def write_suite(tmp_path, name: str, text: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "test_numpy_basics.py").write_text(text)
    return folder


@pytest.fixture
def suite(tmp_path, monkeypatch):
    monkeypatch.setenv("ORACLE_LOG", str(tmp_path / "oracle.log"))
    return write_suite(tmp_path, "suite", SUITE)


def submission(tmp_path, source: str | None) -> Path:
    folder = tmp_path / "submission"
    folder.mkdir(exist_ok=True)
    text = source if source is not None else (ROOT / "solutions" / "numpy_basics.py").read_text()
    (folder / "numpy_basics.py").write_text(text)
    return folder


def oracle_runs(tmp_path) -> int:
    log = tmp_path / "oracle.log"
    return len(log.read_text().splitlines()) if log.is_file() else 0


def refuse_hypothesis_engine(monkeypatch):
    """From here on, any run of hypothesis's engine raises: replay must not need it."""
    from hypothesis import core

    def refuse(*args, **kwargs):
        raise RuntimeError("the hypothesis engine ran")

    monkeypatch.setattr(core.StateForActualGivenExecution, "run_engine", refuse)


def test_a_built_table_holds_what_hypothesis_drew_smallest_first(suite, tmp_path):
    [path] = cases.build(str(suite), str(ROOT / "solutions"))
    assert path == suite / "cases" / "test_numpy_basics.pickle.gz"
    table = case_tables.load(suite / "test_numpy_basics.py")
    drawn = [e.arguments()["n"] for e in table.tests["test_every_other_of_a_range"]]
    assert 7 not in drawn and 10 <= len(drawn) <= 20  # the assume()'s rejections are not kept
    assert drawn == sorted(drawn)  # one element each: smaller values first
    [plain] = table.tests["test_every_other_example"]
    assert plain.kwargs is None
    assert oracle_runs(tmp_path) == 1 and "lengths" in table.oracles


def test_a_rebuild_writes_the_same_bytes(suite):
    [path] = cases.build(str(suite), str(ROOT / "solutions"))
    first = path.read_bytes()
    cases.build(str(suite), str(ROOT / "solutions"))
    assert path.read_bytes() == first
    assert gzip.decompress(first)  # a plain gzip file


def test_replay_grades_without_the_hypothesis_engine(suite, tmp_path, monkeypatch):
    cases.build(str(suite), str(ROOT / "solutions"))
    refuse_hypothesis_engine(monkeypatch)
    folder = submission(tmp_path, None)
    before = oracle_runs(tmp_path)
    result = grade(folder, suite=str(suite), seed=3)
    assert result.score == 100, [t.output for t in result.tests]
    assert oracle_runs(tmp_path) == before  # the oracle's answer came from the table
    drawing = grade(folder, suite=str(suite), seed=3, case_tables=False)
    assert drawing.score < 100  # the same grading drawing its inputs needs the refused engine


def test_a_failure_reports_the_smallest_failing_example_tried(suite, tmp_path):
    cases.build(str(suite), str(ROOT / "solutions"))
    drawn = [e.arguments()["n"] for e in case_tables.load(suite / "test_numpy_basics.py")
             .tests["test_every_other_of_a_range"]]
    smallest = min(n for n in drawn if n >= 5 and (n + 1) // 2 != len(range(0, n, 3)))
    result = grade(submission(tmp_path, WRONG_FROM_FIVE), suite=str(suite), seed=0)
    failed = {t.name: t for t in result.tests if t.status != "passed"}
    assert set(failed) == {"test_every_other_of_a_range", "test_every_other_example"}
    output = failed["test_every_other_of_a_range"].output
    assert f"np.arange({smallest})" in output, output
    assert failed["test_every_other_of_a_range"].where.endswith("numpy_basics.py:4")  # its def line


def test_an_edited_suite_falls_back_to_hypothesis(suite, tmp_path, monkeypatch):
    cases.build(str(suite), str(ROOT / "solutions"))
    assert case_tables.status(suite / "test_numpy_basics.py") == "fresh"
    with open(suite / "test_numpy_basics.py", "a") as f:
        f.write("\n# edited after the table was built\n")
    assert case_tables.status(suite / "test_numpy_basics.py") == "stale"
    assert grade(submission(tmp_path, None), suite=str(suite), seed=0).score == 100
    refuse_hypothesis_engine(monkeypatch)  # ... and that grading drew its inputs with hypothesis:
    assert grade(submission(tmp_path, None), suite=str(suite), seed=0).score < 100
    check = subprocess.run([sys.executable, "-m", "autograder.cli", "build-cases", "--check",
                            "--suite", str(suite)], capture_output=True, text=True)
    assert check.returncode == 1 and "stale" in check.stdout


def test_an_unreadable_table_is_a_missing_one(suite, tmp_path):
    path = case_tables.table_path(suite / "test_numpy_basics.py")
    path.parent.mkdir()
    path.write_bytes(b"not a table")
    assert case_tables.load(suite / "test_numpy_basics.py") is None
    assert grade(submission(tmp_path, None), suite=str(suite), seed=0).score == 100


def test_the_reference_must_pass_for_a_table_to_be_written(suite, tmp_path):
    with pytest.raises(Exception, match="reference solutions scored"):
        cases.build(str(suite), str(submission(tmp_path, WRONG_FROM_FIVE)))
    assert not case_tables.table_path(suite / "test_numpy_basics.py").exists()


def test_the_hidden_suites_tables_are_fresh():
    """Edit a hidden suite, then run ``autograder build-cases``: the tables follow the suites."""
    states = cases.check("hidden")
    assert states and all(state == "fresh" for state in states.values()), states
    for suite_file in sorted((SUITES_DIR / "hidden").glob("test_*.py")):
        table = case_tables.load(suite_file)
        given = [line for line in suite_file.read_text().splitlines() if line.startswith("@given")]
        with_examples = [n for n, ex in table.tests.items() if ex and ex[0].kwargs is not None]
        assert len(with_examples) >= len(given), suite_file.name


# ------------------------------------------------------------------ the answer key

KEYED_SUITE = '''
import os
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from autograder.suites import checks

POINTS = {"every_other": 1}
CHECK_INPUTS_UNCHANGED = False  # as in the hidden suites: only the test below inspects the call


def ran(name):
    with open(os.environ["BODY_LOG"], "a") as log:
        log.write(name + "\\n")


@pytest.mark.exercise("every_other", weight=3)
@given(n=st.integers(0, 30))
@settings(max_examples=10)
def test_every_other_of_a_range(sub, n):
    ran("range")
    checks.assert_close(sub.every_other(np.arange(n)), np.arange(n)[::2], inputs=f"b=np.arange({n})")


@pytest.mark.exercise("every_other")
def test_every_other_keeps_its_input(sub):
    ran("input")
    b = np.arange(6)
    got, info = sub.inspect_call("every_other", b)
    assert not info.mutated, "every_other changed its input"
    checks.assert_close(got, [0, 2, 4], inputs="np.arange(6)")
'''

OTHER_BYTES = '''
import numpy as np

def every_other(b):
    return np.asarray(b)[::2].astype(np.int32)  # the same values, other bytes
'''

CHANGES_ITS_INPUT = '''
import numpy as np

def every_other(b):
    b = np.asarray(b)
    if len(b) == 6:
        b[1] = 99  # not in the answer, which is the reference's
    return b[::2]
'''


def build_keyed_suite(tmp_path, monkeypatch) -> Path:
    """The keyed suite with its table built from the solutions; its body log starts empty."""
    folder = write_suite(tmp_path, "keyed", KEYED_SUITE)
    monkeypatch.setenv("BODY_LOG", str(tmp_path / "body.log"))
    cases.build(str(folder), str(ROOT / "solutions"))
    (tmp_path / "body.log").unlink()
    return folder


@pytest.fixture
def keyed_suite(tmp_path, monkeypatch):
    return build_keyed_suite(tmp_path, monkeypatch)


def bodies_run(tmp_path) -> list[str]:
    log = tmp_path / "body.log"
    return log.read_text().split() if log.is_file() else []


def test_the_table_keeps_a_key_for_each_test_whose_calls_were_read_ahead(keyed_suite):
    table = case_tables.load(keyed_suite / "test_numpy_basics.py")
    assert set(table.answers) == {"test_every_other_of_a_range", "test_every_other_keeps_its_input"}
    assert all(len(key) == 64 for key in table.answers.values())  # digests, not answers


def test_the_reference_replies_pass_without_running_the_bodies(keyed_suite, tmp_path):
    result = grade(submission(tmp_path, None), suite=str(keyed_suite), seed=0)
    assert result.score == 100
    assert bodies_run(tmp_path) == []


def test_other_replies_run_the_body_which_still_passes_a_right_answer(keyed_suite, tmp_path):
    result = grade(submission(tmp_path, OTHER_BYTES), suite=str(keyed_suite), seed=0)
    assert result.score == 100, [t.output for t in result.tests]
    assert "range" in bodies_run(tmp_path) and "input" in bodies_run(tmp_path)


def test_a_reply_that_differs_only_in_what_the_call_did_is_checked(keyed_suite, tmp_path):
    result = grade(submission(tmp_path, CHANGES_ITS_INPUT), suite=str(keyed_suite), seed=0)
    failed = {t.name: t.output for t in result.tests if t.status != "passed"}
    assert list(failed) == ["test_every_other_keeps_its_input"], failed
    assert "changed its input" in failed["test_every_other_keeps_its_input"]
    assert bodies_run(tmp_path) == ["input"]  # the other test's replies were the reference's


def test_a_wrong_answer_on_one_example_fails_with_that_example(keyed_suite, tmp_path):
    result = grade(submission(tmp_path, WRONG_FROM_FIVE), suite=str(keyed_suite), seed=0)
    failed = {t.name: t.output for t in result.tests if t.status != "passed"}
    assert set(failed) == {"test_every_other_of_a_range", "test_every_other_keeps_its_input"}
    assert "np.arange(" in failed["test_every_other_of_a_range"]
