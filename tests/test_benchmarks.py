"""The benchmark suite runs end to end and reports every figure, a number or null with a reason.

No test asserts a timing: the machine's speed is not the code's behaviour.
"""
from __future__ import annotations

import doctest
import json
import subprocess
import sys

import pytest

from benchmarks.measure import Figure
from benchmarks.peers import otter_cases, otter_peer
from benchmarks.report import KEYS, RATIOS, Results, to_json

from .conftest import ROOT, load_module

PEER_KEYS = {"nbgrader_s", "nbgrader_over_grade", "otter_s", "otter_over_grade"}


def test_quick_run_reports_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--quick", "--skip-peers", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-3000:]
    record = json.loads(out.read_text())
    for key in KEYS:
        assert key in record, f"{key} is missing from the JSON"
        value = record[key]
        assert value is None or (isinstance(value, (int, float)) and value >= 0), f"{key}: {value!r}"
    measured = set(KEYS) - PEER_KEYS
    missing = {k: record["unavailable"].get(k) for k in measured if record[k] is None}
    assert not missing, f"figures that should be measurable here were not: {missing}"
    for key in PEER_KEYS:
        assert record[key] is None and "--skip-peers" in record["unavailable"][key]
    assert record["grade_over_floor"] == pytest.approx(record["grade_s"] / record["floor_s"], rel=1e-3)
    assert record["meta"]["quick"] is True and record["meta"]["modules"]
    for label in ("autograder grade solutions", "grade / floor", "worker start", "grade-class --jobs 2"):
        assert label in done.stdout, f"the table lacks the row {label!r}"


def test_missing_figures_are_null_with_their_reason():
    results = Results({"grade_s": Figure([2.0, 4.0, 3.0]), "floor_s": Figure([1.5])},
                      {"nbgrader_s": "nbgrader is not installed", "class_serial_s": "no batch"})
    record = to_json(results, meta={})
    assert record["grade_s"] == 3.0 and record["grade_over_floor"] == 2.0
    assert record["nbgrader_s"] is None and record["unavailable"]["nbgrader_s"] == "nbgrader is not installed"
    assert "nbgrader is not installed" in record["unavailable"]["nbgrader_over_grade"]
    assert record["unavailable"]["class_parallel_over_serial"] == "no batch"
    assert record["targets"]["grade_over_floor"]["met"] is False
    assert set(RATIOS) <= set(KEYS)


@pytest.mark.parametrize("module", sorted(otter_cases.CASES))
def test_otter_cases_restate_the_public_suite(module):
    """At most one otter case per public test (the peer never does more work than our baseline),
    every case on an exercise the public suite tests, passing on the solution and failing on the stub."""
    public = (ROOT / "autograder" / "suites" / "public" / f"test_{module}.py").read_text()
    cases = otter_cases.CASES[module]
    assert 0 < sum(len(c) for c in cases.values()) <= public.count("\ndef test_")
    assert all(f'exercise("{function}")' in public for function in cases)
    solution = load_module(ROOT / "solutions" / f"{module}.py", f"_bench_{module}")
    from autograder.instructor.stubs import stub_source

    stub_globals: dict = {}
    exec(compile(stub_source((ROOT / "solutions" / f"{module}.py").read_text(), module),
                 f"{module}_stub.py", "exec"), stub_globals)
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for function, function_cases in cases.items():
        for number, case in enumerate(function_cases):
            code = otter_peer.case_code(case)
            passed = runner.run(parser.get_doctest(code, dict(vars(solution)), function, None, 0),
                                out=lambda _: None)
            assert passed.failed == 0, f"{module}.{function} case {number} fails on the solution"
            failed = runner.run(parser.get_doctest(code, dict(stub_globals), function, None, 0),
                                out=lambda _: None)
            assert failed.failed > 0, f"{module}.{function} case {number} passes on the stub"
