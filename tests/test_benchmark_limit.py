"""The limit figures: a grading's calls recorded at the sandbox, replayed in-process, same answers.

Real gradings (a real sandbox) are recorded and replayed by the benchmark's own scripts; no
timing is asserted.
"""
from __future__ import annotations

import json
import pickle
import shutil
from collections import Counter

import pytest

from benchmarks import call_log, limit_figures
from benchmarks.workload import build

from .conftest import ROOT

DIGITS_SUITE = '''
import threading

import numpy as np
import pytest

POINTS = {"train_mlp": 1, "plot_digits": 1}


@pytest.fixture(scope="module")
def small():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 8))
    return x, (x[:, 0] > 0).astype(int)


@pytest.mark.exercise("train_mlp")
def test_network_stays_in_the_worker(sub, small):
    clf = sub.train_mlp(*small, hidden_layer_sizes=(4,), max_iter=20)
    facts = sub.judge("mlp", clf, x=small[0][:5])
    assert facts["shapes"] == [((8, 4), (4,)), ((4, 1), (1,))]
    assert sub.layer_shapes(clf) == facts["shapes"]          # a handle as an argument
    assert list(clf.predict(small[0][:5])) == list(facts["predictions"])  # getattr, then callh


@pytest.mark.exercise("plot_digits")
def test_figure_and_its_parts(sub):
    fig = sub.plot_digits(np.arange(3 * 64).reshape(3, 64), [7, 8, 9], k=3)
    assert sub.judge("figure", fig, width=3, height=1, dpi=20)["pixels"].shape == (20, 60, 3)
    images = fig.axes[1].images                                # a list of handles, then a handle
    assert len(images) == 1 and len(list(images)) == 1         # len, list
    assert images[0].get_size() == (8, 8)                       # getitem, getattr, callh
    with pytest.raises(ValueError):
        sub.plot_digits(np.zeros((2, 64)), [0, 1], k=5)
'''
OPTIMIZATION_SUITE = '''
import threading

import pytest

POINTS = {"derivative": 1}


@pytest.mark.exercise("derivative")
def test_callbacks(sub):
    a = 3.0
    assert sub.derivative(lambda t: a * t ** 2, 2.0) == pytest.approx(12.0)   # a closure
    lock = threading.Lock()
    assert sub.derivative(lambda t: t if lock else 0.0, 1.0) == pytest.approx(1.0)  # not picklable
    with pytest.raises(ValueError):
        sub.derivative(lambda t: t, 1.0, h=0.0)
'''


@pytest.fixture(scope="module")
def numpy_basics(tmp_path_factory):
    """One recorded grading of solutions/numpy_basics.py with its real hidden suite."""
    work = build(tmp_path_factory.mktemp("bench-limit"), quick=True)
    recording = limit_figures.record_calls(work.solutions, work.suite_arg("hidden"), work.solutions.parent)
    return work, recording


def _check(recording, tmp_path) -> dict:
    out = tmp_path / "check.json"
    limit_figures.replay_once(recording, check=out)
    return json.loads(out.read_text())


def test_replay_makes_every_recorded_call_with_the_same_answers(numpy_basics, tmp_path):
    work, recording = numpy_basics
    summary = recording.summary
    record = call_log.load(recording.path)
    assert summary["recorded"] == summary["requests"] == len(record.entries) > 50
    assert summary["unpicklable"] == 0 and record.modules == ["numpy_basics"]
    raised = sum(isinstance(pickle.loads(e.answer), call_log.Raised) for e in record.entries)
    checked = _check(recording, tmp_path)
    replay = recording.last_replay
    assert replay["replayed"] == summary["recorded"] and replay["skipped"] == {}
    assert replay["raised"] == raised > 0, "the suite checks errors: some calls raise, as in the grading"
    assert checked["compared"] == checked["same"] == summary["recorded"], checked["differ"][:3]
    assert replay["calls_s"] > 0


def test_replay_runs_the_solution_code_itself(numpy_basics, tmp_path):
    """Change one function of the recorded solution: exactly its answers differ in the replay."""
    work, recording = numpy_basics
    record = call_log.load(recording.path)
    name, count = Counter(e.name for e in record.entries).most_common(1)[0]
    changed = tmp_path / "changed"
    shutil.copytree(work.solutions, changed)
    with open(changed / "numpy_basics.py", "a", encoding="utf-8") as handle:
        handle.write(f"\n\ndef {name}(*args, **kwargs):\n    return 'changed'\n")
    record.solutions = str(changed)
    moved = limit_figures.Recording(tmp_path / "moved.pickle", recording.summary)
    call_log.dump(record, moved.path)
    differ = _check(moved, tmp_path)["differ"]
    assert {d["name"] for d in differ} == {name} and len(differ) == count


def test_handles_judges_and_callbacks_are_replayed(tmp_path):
    solutions, suite = tmp_path / "solutions", tmp_path / "hidden"
    solutions.mkdir(), suite.mkdir()
    for module in ("digits_mlp", "optimization"):
        shutil.copyfile(ROOT / "solutions" / f"{module}.py", solutions / f"{module}.py")
    (suite / "test_digits_mlp.py").write_text(DIGITS_SUITE, encoding="utf-8")
    (suite / "test_optimization.py").write_text(OPTIMIZATION_SUITE, encoding="utf-8")
    recording = limit_figures.record_calls(solutions, str(suite), tmp_path)
    ops = recording.summary["by_op"]
    assert set(ops) == set(call_log.OPS), ops
    assert recording.summary["unpicklable"] == 1 and "lock" in str(recording.summary["unpicklable_why"])
    record = call_log.load(recording.path)
    assert all(e.target is not None for e in record.entries if e.op not in ("call",))
    checked = _check(recording, tmp_path)
    replay = recording.last_replay
    assert replay["skipped"] == {"not picklable": 1}
    assert replay["replayed"] == recording.summary["recorded"] - 1 == checked["compared"]
    assert checked["same"] == checked["compared"], checked["differ"][:3]
    assert "1 not picklable, not replayed" in recording.note()


def test_the_recording_holds_the_calls_of_tests_the_answer_key_passes(tmp_path, monkeypatch):
    """A keyed test's calls still run in its worker; the recording must have them too."""
    from autograder import case_tables
    from benchmarks.record_calls import record

    from .test_case_tables import build_keyed_suite

    suite = build_keyed_suite(tmp_path, monkeypatch)
    table = case_tables.load(suite / "test_numpy_basics.py")
    assert len(table.answers) == 2  # both tests keyed: a grading runs neither body
    sent = sum(len(e.requests) for examples in table.tests.values() for e in examples)
    summary = record(ROOT / "solutions", str(suite), tmp_path / "record.pickle")
    assert summary["score"] == 100 and summary["recorded"] == sent > 5
