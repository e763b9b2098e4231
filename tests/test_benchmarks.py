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

PEER_KEYS = {"nbgrader_s", "nbgrader_over_grade", "otter_s", "otter_over_grade",
             "nbgrader_class_s", "nbgrader_per_submission_s", "nbgrader_over_class"}


def test_quick_run_reports_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--quick", "--skip-peers", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
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
    for key, (numerator, denominator) in RATIOS.items():
        if record[key] is not None:
            assert record[key] == pytest.approx(record[numerator] / record[denominator], rel=2e-3), key
    size = record["meta"]["class_size"]
    assert record["class_per_submission_s"] == pytest.approx(record["class_parallel_s"] / size, rel=1e-3)
    assert size < 50 and record["targets"]["class_per_submission_over_calls"]["met"] is None
    assert "at least 50" in record["targets"]["class_per_submission_over_calls"]["caveat"]
    replay = record["details"]["limit_s"]
    assert replay["last_replay"]["replayed"] == replay["record"]["recorded"] > 0
    assert f"{replay['record']['recorded']} requests recorded" in record["notes"]["limit_s"]
    assert "numpy" in record["details"]["public_import_s"]["packages"]
    assert record["meta"]["quick"] is True and record["meta"]["modules"]
    for label in ("autograder grade solutions", "grade / limit", "worker start", "grade-class --jobs 2",
                  "public pytest / its imports", "class per submission / calls"):
        assert label in done.stdout, f"the table lacks the row {label!r}"


def test_missing_figures_are_null_with_their_reason():
    results = Results({"grade_s": Figure([2.0, 4.0, 3.0]), "floor_s": Figure([1.5]), "limit_s": Figure([1.0])},
                      {"nbgrader_s": "nbgrader is not installed", "class_serial_s": "no batch"})
    record = to_json(results, meta={})
    assert record["grade_s"] == 3.0 and record["grade_over_floor"] == 2.0
    assert record["nbgrader_s"] is None and record["unavailable"]["nbgrader_s"] == "nbgrader is not installed"
    assert "nbgrader is not installed" in record["unavailable"]["nbgrader_over_grade"]
    assert record["unavailable"]["class_parallel_over_serial"] == "no batch"
    assert record["targets"]["grade_over_limit"]["met"] is False  # 3.0 > 2
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


def test_new_ratios_are_taken_between_medians_and_the_class_size_is_checked():
    from benchmarks.report import TARGETS, class_caveats
    from benchmarks.rounds import per_submission

    parallel = Figure([100.0, 300.0, 200.0])
    figures = {"grade_s": Figure([9.0, 12.0, 10.0]), "limit_s": Figure([4.0, 6.0, 5.0]),
               "public_pytest_s": Figure([3.0]), "public_import_s": Figure([2.5, 1.5, 2.0]),
               "class_parallel_s": parallel, "class_per_submission_s": per_submission(parallel, 50, ""),
               "class_calls_s": Figure([1.0, 2.0, 3.0]),
               "nbgrader_per_submission_s": per_submission(Figure([200.0, 250.0, 150.0]), 5, "")}
    record = to_json(Results(figures, {}, class_caveats(50, 2)), meta={})
    assert record["grade_over_limit"] == 2.0 and record["public_pytest_over_import"] == 1.5
    assert record["class_per_submission_s"] == 4.0 and record["class_per_submission_over_calls"] == 2.0
    assert record["nbgrader_per_submission_s"] == 40.0 and record["nbgrader_over_class"] == 10.0
    assert {k: record["targets"][k]["met"] for k in ("grade_over_limit", "public_pytest_over_import",
            "class_per_submission_over_calls", "nbgrader_over_class")} == dict.fromkeys(
        ("grade_over_limit", "class_per_submission_over_calls", "nbgrader_over_class"), True) | {
        "public_pytest_over_import": True}
    assert TARGETS["class_parallel_over_serial"] == ("<=", 0.6)
    assert "grade_over_floor" not in TARGETS and "public_pytest_s" not in TARGETS
    small = to_json(Results(figures, {}, class_caveats(4, 2)), meta={})
    assert small["class_per_submission_over_calls"] == 2.0  # still reported ...
    assert small["targets"]["class_per_submission_over_calls"]["met"] is None  # ... but not judged
    assert "a class of 4" in small["targets"]["nbgrader_over_class"]["caveat"]
    assert small["targets"]["grade_over_limit"]["met"] is True


def test_rounds_alternate_and_a_failed_side_does_not_stop_the_others():
    from benchmarks.measure import Unavailable
    from benchmarks.rounds import interleaved

    order = []

    def side(name, value):
        def once():
            order.append(name)
            if name == "c" and len(order) > 3:
                raise Unavailable("c broke")
            return {f"{name}_s": value}
        return once

    measured = interleaved({("a_s",): side("a", 1.0), ("b_s",): side("b", 2.0), ("c_s",): side("c", 3.0)}, 3)
    assert order == ["a", "b", "c", "c", "b", "a", "a", "b"]
    assert measured["a_s"] == [1.0, 1.0, 1.0] and measured["b_s"] == [2.0, 2.0, 2.0]
    assert isinstance(measured["c_s"], Unavailable) and str(measured["c_s"]) == "c broke"


def test_public_imports_come_from_a_real_run_without_harness_or_project(tmp_path):
    from benchmarks import public_imports
    from benchmarks.workload import build

    work = build(tmp_path, quick=True)
    found = public_imports.discover(work, tmp_path)
    harness = public_imports.harness_packages()
    assert {"pytest", "_pytest", "pluggy", "xdist", "execnet", "pytest_timeout", "hypothesis",
            "pygments"} <= harness
    assert not {"numpy", "scipy", "sklearn", "matplotlib", "autograder", "rich"} & harness
    assert "numpy" in found.packages
    assert not set(found.packages) & (harness | {"autograder", "benchmarks", *work.modules})
    assert not set(found.packages) & set(sys.stdlib_module_names)
    assert "pytest" in found.left_out["harness"]
    # a student's run, with the template's options, never loads hypothesis at all
    assert "hypothesis" not in found.left_out["harness"] and "hypothesis" not in found.packages
    assert {"autograder", *work.modules} <= set(found.left_out["project"])
    assert all(m.partition(".")[0] in found.packages for m in found.modules)
    assert len(found.modules) > len(found.packages)  # the submodules the run loaded, not just the tops
    once = public_imports.import_side(found, tmp_path)
    assert once()["public_import_s"] > 0 and found.failed == 0
