"""Reporters: each format parses with its consumer's rules and says what the result says."""
from __future__ import annotations

import base64
import json
import shutil
import xml.etree.ElementTree as ET

import pytest

from autograder import cli
from autograder.reporters import FORMATS, render
from autograder.reporters import __main__ as rerender
from autograder.reporters.annotations import escape_property
from autograder.reporters.classroom import whole_points
from autograder.reporters.markdown import _fenced
from autograder.results import GradeResult
from autograder.results import TestResult as Outcome  # not "Test*": pytest would try to collect it

from .conftest import ROOT

NASTY = "got 1,5: expected <2> & 100% `sure` | maybe\r\nline two\x07"


def _test(name, function, score, max_score, status, output="", where=None):
    module = function.split(".")[0]
    return Outcome(name=name, module=module, function=function, score=score, max_score=max_score,
                      status=status, output=output, where=where)


def sample_result() -> GradeResult:
    """Two modules, every status, feedback full of characters that each format must escape."""
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


@pytest.fixture
def result() -> GradeResult:
    return sample_result()


def _perfect(shares: list[float]) -> GradeResult:
    tests = [_test(f"test_{i}", f"numpy_basics.f{i}", s, s, "passed") for i, s in enumerate(shares)]
    return GradeResult(tests, {"suite": "hidden"})


def _classroom(result) -> dict:
    return json.loads(base64.b64decode(render(result, "classroom")))


def test_every_format_is_listed_and_offered_by_the_cli():
    choices = next(a for a in cli._parser()._subparsers._group_actions[0].choices["grade"]._actions
                   if a.dest == "format").choices
    assert "annotations" in FORMATS
    assert tuple(choices) == FORMATS


# --- Gradescope ---------------------------------------------------------------------------

def test_gradescope_results_json(result):
    data = json.loads(render(result, "gradescope"))
    assert data["score"] == pytest.approx(result.score) == 25.0
    assert data["execution_time"] == 1.25
    assert data["stdout_visibility"] == "hidden" and data["visibility"] == "visible"
    assert len(data["tests"]) == len(result.tests)
    assert sum(t["score"] for t in data["tests"]) == pytest.approx(data["score"])
    assert sum(t["max_score"] for t in data["tests"]) == pytest.approx(100)
    statuses = [t["status"] for t in data["tests"]]
    assert statuses == ["passed", "failed", "failed", "failed", "passed", "failed", "failed"]
    assert {t["visibility"] for t in data["tests"]} == {"after_due_date"}
    # numbered by the module's place in the course, then the test's place in its module
    numbers = [t["number"] for t in data["tests"]]
    assert numbers == ["6.1", "6.2", "6.3", "1.1", "1.2", "1.3", "1.4"]
    failed = data["tests"][1]
    assert failed["name"] == "linear_algebra.lp_norm: test_lp_norm_inf"
    assert NASTY.strip() in failed["output"] and "exercises/linear_algebra.py:42" in failed["output"]


@pytest.mark.parametrize("suite, visibility", [
    ("public", "visible"), ("hidden", "after_due_date"),
    ("/autograder/source/autograder/suites/hidden", "after_due_date"),
    ("/somewhere/suites/public", "visible"), (None, "after_due_date"),
])
def test_gradescope_hides_hidden_suite_tests_until_the_due_date(result, suite, visibility):
    result.meta["suite"] = suite
    tests = json.loads(render(result, "gradescope"))["tests"]
    assert {t["visibility"] for t in tests} == {visibility}


# --- GitHub Classroom ---------------------------------------------------------------------

def test_classroom_payload_has_one_entry_per_exercise(result):
    data = _classroom(result)
    assert data["version"] == 1 and data["status"] == "fail"
    assert [t["name"] for t in data["tests"]] == [
        "linear_algebra.lp_norm", "linear_algebra.inner", "numpy_basics.describe", "numpy_basics.top_left"]
    assert [t["status"] for t in data["tests"]] == ["fail", "fail", "fail", "error"]
    for entry in data["tests"]:
        assert set(entry) >= {"name", "status", "score", "message", "test_code", "filename", "line_no", "duration"}
        assert isinstance(entry["score"], int) and isinstance(entry["line_no"], int)
    lp_norm = data["tests"][0]
    assert (lp_norm["filename"], lp_norm["line_no"]) == ("exercises/linear_algebra.py", 42)
    assert lp_norm["message"].startswith("test_lp_norm_inf: got 1,5")


def test_classroom_test_code_names_the_exercise_not_test_source(result):
    for entry in _classroom(result)["tests"]:
        assert entry["name"] in entry["test_code"]
        assert "assert" not in entry["test_code"] and "def " not in entry["test_code"]
        assert not any(t.name in entry["test_code"] for t in result.tests)


def test_classroom_scores_are_whole_points_rounded_down(result):
    data = _classroom(result)
    assert data["max_score"] == 100 == sum(t["max_score"] for t in data["tests"])
    # lp_norm earned 10 of 20, top_left 15 of 35: whole points never exceed what was earned
    assert [t["score"] for t in data["tests"]] == [10, 0, 0, 15]
    assert sum(t["score"] for t in data["tests"]) <= result.score


@pytest.mark.parametrize("count", [3, 7, 11, 62])
def test_classroom_perfect_score_stays_100_and_stub_0(count):
    shares = [100 / count] * count
    perfect = _classroom(_perfect(shares))
    assert perfect["status"] == "pass"
    assert sum(t["score"] for t in perfect["tests"]) == 100 == perfect["max_score"]
    stub = _perfect(shares)
    for test in stub.tests:
        test.score, test.status = 0.0, "failed"
    assert sum(t["score"] for t in _classroom(stub)["tests"]) == 0


def test_largest_remainder_rounding():
    assert whole_points([1 / 3, 1 / 3, 1 / 3], 100) == [34, 33, 33]
    assert whole_points([2.5, 2.5, 95], 100) == [3, 2, 95]
    assert sum(whole_points([0.7] * 13 + [1.9] * 7, 100)) == 100


# --- JUnit --------------------------------------------------------------------------------

def test_junit_xml_parses_and_counts(result):
    root = ET.fromstring(render(result, "junit"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert int(suite.get("tests")) == len(cases) == len(result.tests)
    assert int(suite.get("failures")) == len(suite.findall("testcase/failure")) == 4
    assert int(suite.get("errors")) == len(suite.findall("testcase/error")) == 1
    assert [c.get("classname") for c in cases] == [t.module for t in result.tests]
    for case, test in zip(cases, result.tests):
        props = {p.get("name"): p.get("value") for p in case.findall("properties/property")}
        assert float(props["points"]) == test.score and float(props["max_points"]) == test.max_score
        assert props["exercise"] == test.function
    failure = cases[1].find("failure")
    assert failure.get("message").startswith("got 1,5: expected <2> & 100%")
    assert "line two" in failure.text and "\x07" not in failure.text


# --- Markdown -----------------------------------------------------------------------------

def test_markdown_summary(result):
    text = render(result, "markdown")
    assert text.startswith("## Autograder score: 25.00 / 100")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert [r.split("`")[1] for r in rows] == ["numpy_basics", "linear_algebra"]  # course order
    assert "| 15.00 / 60.00 | 1/4 |" in rows[0]
    assert "**Not implemented yet (1):** `numpy_basics.describe`" in text
    assert "**linear_algebra.lp_norm** — `test_lp_norm_inf` (failed) at `exercises/linear_algebra.py:42`" in text
    assert "**linear_algebra.inner**" in text and "**numpy_basics.top_left**" in text
    assert "```text\n  got 1,5" in text


def test_markdown_fence_outlasts_backticks_in_feedback():
    assert _fenced("a ``` b").startswith("````text\n") and _fenced("a ``` b").endswith("\n````")


def test_markdown_all_passed():
    assert "Every check passed" in render(_perfect([50, 50]), "markdown")


# --- Workflow annotations -----------------------------------------------------------------

def test_annotations_point_at_the_students_lines(result):
    lines = render(result, "annotations").splitlines()
    assert len(lines) == 4  # lp_norm, inner, top_left (first failure only), then the stub
    first = lines[0]
    assert first.startswith("::error file=exercises/linear_algebra.py,line=42,title=")
    properties, message = first[len("::error "):].split("::", 1)
    assert "title=linear_algebra.lp_norm%3A test_lp_norm_inf (failed)" in properties
    assert message == "got 1,5: expected <2> & 100%25 `sure` | maybe%0D%0Aline two\x07"
    assert lines[1].startswith("::error title=linear_algebra.inner%3A")  # no line known: no file
    assert lines[2].startswith("::error file=exercises/numpy_basics.py,line=77,")
    assert lines[3].startswith("::warning file=exercises/numpy_basics.py,line=30,title=1 exercises not")
    assert lines[3].endswith("::not implemented yet: numpy_basics.describe")


def test_annotation_property_escaping():
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


def test_no_failures_no_annotations():
    assert render(_perfect([100]), "annotations") == ""


# --- Rendering a saved result, and the CLI end to end -------------------------------------

def test_saved_json_renders_like_the_result(result, tmp_path, capsys):
    saved = tmp_path / "result.json"
    saved.write_text(render(result, "json"))
    for fmt in ("classroom", "markdown", "annotations"):
        assert rerender.main([str(saved), "--format", fmt]) == 0
        assert capsys.readouterr().out.strip() == render(result, fmt).strip()
    assert rerender.main([str(tmp_path / "missing.json"), "--format", "markdown"]) == 2


def _check_output(fmt: str, text: str) -> float | None:
    """Parse one format's output as its consumer would; the score it reports, when it has one."""
    if fmt == "json":
        return json.loads(text)["score"]
    if fmt == "gradescope":
        return json.loads(text)["score"]
    if fmt == "classroom":
        data = json.loads(base64.b64decode(text))
        return sum(t["score"] for t in data["tests"])
    if fmt == "junit":
        suite = ET.fromstring(text).find("testsuite")
        assert int(suite.get("failures")) + int(suite.get("errors")) == 0
        return float(suite.find("properties/property[@name='score']").get("value"))
    if fmt == "markdown":
        return float(text.split("score: ")[1].split(" /")[0])
    if fmt == "annotations":
        assert text.strip() == ""  # nothing failed, nothing to annotate
        return None
    assert "Score 100" in text  # table
    return None


@pytest.fixture(scope="module")
def small_public_suite(tmp_path_factory):
    """Two quick public suites: every format is exercised end to end in seconds."""
    folder = tmp_path_factory.mktemp("public")
    for module in ("numpy_basics", "linear_algebra"):
        shutil.copy(ROOT / "autograder" / "suites" / "public" / f"test_{module}.py", folder)
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_grade_solutions_in_every_format(fmt, small_public_suite, tmp_path):
    out = tmp_path / f"report.{fmt}"
    code = cli.main(["grade", str(ROOT / "solutions"), "--suite", str(small_public_suite), "--format", fmt,
                     "--output", str(out), "--seed", "3"])
    assert code == 0
    score = _check_output(fmt, out.read_text(encoding="utf-8"))
    assert score in (None, 100)
