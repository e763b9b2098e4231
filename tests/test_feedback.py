"""Feedback that points at the bug: a released template, a student with one wrong function.

Every output (the student's pytest, the workflow's Classroom payload, summary and
annotations, and the table, Gradescope and JUnit renderings of the same result) names the
wrong function with its input, expected and got, and the student's own ``file:line``; none
shows the grader's source or a scratch path.
"""
from __future__ import annotations

import ast
import base64
import json
import math
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from autograder.instructor.release import release
from autograder.reporters import render
from autograder.results import GradeResult
from autograder.results import TestResult as Outcome  # not "Test*": pytest would collect it

from . import classroom_reporter
from .conftest import ROOT
from .released_env import released_env, run

yaml = pytest.importorskip("yaml")

HIDDEN = ROOT / "autograder" / "suites" / "hidden"
WRONG_LP_NORM = '''    x = np.asarray(x, dtype=float)
    if p < 1:
        raise ValueError("p must be at least 1")
    return float(np.sqrt(np.sum(x * x)))  # the 2-norm, whatever p is
'''
STUB = re.compile(r'^    raise NotImplementedError\("exercise linear_algebra\.lp_norm[^\n]*\n', re.MULTILINE)
GRADER_LEAKS = ("checks.py", "autograder/suites", "grader-source", "/tmp/", "autograder-", "site-packages",
                "Traceback (most recent call last)")
MAX_BLOCK_LINES = 15


def def_line(path: Path, function: str) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return next(n.lineno for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function)


def write_wrong_lp_norm(repo: Path) -> str:
    """Fill in lp_norm, wrongly; every other stub stays open. Returns its ``file:line``."""
    path = repo / "exercises" / "linear_algebra.py"
    source, count = STUB.subn(WRONG_LP_NORM, path.read_text(encoding="utf-8"))
    assert count == 1
    path.write_text(source, encoding="utf-8")
    return f"exercises/linear_algebra.py:{def_line(path, 'lp_norm')}"


def no_grader_leaks(text: str, label: str) -> None:
    leaks = [leak for leak in GRADER_LEAKS if leak in text]
    assert not leaks, f"{label} shows {leaks}:\n{text[-3000:]}"


def failure_blocks(pytest_output: str) -> dict[str, list[str]]:
    """test name -> the lines pytest printed for its failure."""
    blocks, current = {}, None
    for line in pytest_output.splitlines():
        header = re.fullmatch(r"_{3,} (\S+) _{3,}", line)
        if header:
            current = blocks.setdefault(header[1], [])
        elif re.match(r"^(=|-){5,}", line):
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def _step(workflow, **match):
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    return next(s for s in steps if all(str(s.get(k, "")).startswith(v) for k, v in match.items()))


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    """A released template in a workspace laid out like the workflow's, lp_norm wrong."""
    tmp = tmp_path_factory.mktemp("feedback")
    workflow = yaml.safe_load((ROOT / "autograder" / "instructor" / "templates" / "classroom.yml").read_text())
    workspace = tmp / "workspace"
    repo = workspace / _step(workflow, name="Check out the submission")["with"]["path"]
    release(repo, root=ROOT)
    where = write_wrong_lp_norm(repo)
    return {"tmp": tmp, "workflow": workflow, "workspace": workspace, "repo": repo, "where": where}


@pytest.mark.slow
def test_student_pytest_names_the_wrong_function_in_a_short_block(student):
    repo = student["repo"]
    proc = run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "tests/test_linear_algebra.py"],
               cwd=repo, env=released_env(repo, student["tmp"], COLUMNS="160"))
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output[-3000:]
    blocks = failure_blocks(proc.stdout)
    lp_norm = {name: lines for name, lines in blocks.items() if "lp_norm" in name}
    assert lp_norm, output[-3000:]
    for name, lines in blocks.items():
        assert 0 < len(lines) <= MAX_BLOCK_LINES, (name, lines)
    first = next(iter(lp_norm.values()))
    text = "\n".join(first)
    assert first[0].startswith("linear_algebra.lp_norm: ")
    assert "input: x=[3, -4], p=1" in text and "expected: 7.0" in text and "got:      5.0" in text
    assert first[-1].strip() == f"at {student['where']}"
    assert "assert " not in text
    summary = [l for l in output.splitlines() if l.startswith("FAILED") and "lp_norm" in l]
    assert summary and all(" - linear_algebra.lp_norm" in l for l in summary)
    # the attempted exercise comes first in the closing summary; the stubs share one line
    closing = output.split(" exercises ", 1)[1].splitlines()
    assert closing[2].startswith("  fix   linear_algebra.lp_norm: ")
    assert any(l.startswith("  todo  not implemented yet (") for l in closing)
    no_grader_leaks(output.replace(str(repo), "<repo>"), "the student's pytest")


@pytest.mark.slow
def test_workflow_outputs_name_the_wrong_function(student, tmp_path):
    """Run the workflow's own grading step (hidden suites), then render the same result in
    every other format, and run GitHub Classroom's reporter on the payload."""
    workflow, workspace, repo = student["workflow"], student["workspace"], student["repo"]
    fetch = _step(workflow, name="Fetch the hidden suites")["with"]["path"]
    hidden = workspace / fetch / "autograder" / "suites" / "hidden"
    if not hidden.exists():
        shutil.copytree(HIDDEN, hidden)
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    output, summary = runner_temp / "output", runner_temp / "summary"
    env = released_env(repo, tmp_path, GITHUB_WORKSPACE=str(workspace), RUNNER_TEMP=str(runner_temp),
                       GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary))
    grade = _step(workflow, id="grade")
    for key, value in grade["env"].items():
        env[key] = value.replace("${{ github.workspace }}", str(workspace))
    proc = subprocess.run(["bash", "-e", "-c", grade["run"]], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=400)
    assert proc.returncode == 0, proc.stderr[-3000:]
    where = student["where"]
    result = GradeResult.from_dict(json.loads((runner_temp / "result.json").read_text()))
    wrong = [t for t in result.tests if t.function == "linear_algebra.lp_norm" and t.status != "passed"]
    assert wrong and all(t.where == where for t in wrong), [(t.name, t.where) for t in wrong]
    fix_first = result.feedback().attempted
    assert [t.function for t in fix_first] == ["linear_algebra.lp_norm"]

    payload_b64 = dict(l.split("=", 1) for l in output.read_text().splitlines())["result"]
    payload = json.loads(base64.b64decode(payload_b64))
    entry = next(t for t in payload["tests"] if t["name"] == "linear_algebra.lp_norm")
    outputs = {
        "annotations": re.sub(r"file=([^,]+),line=(\d+)", r"\1:\2", proc.stdout),
        "summary": summary.read_text(),
        "classroom": entry["message"] + f"\n{entry['filename']}:{entry['line_no']}",
        "table": render(result, "table"),
        "gradescope": "\n".join(t["output"] for t in json.loads(render(result, "gradescope"))["tests"]
                                if t["name"].startswith("linear_algebra.lp_norm")),
        "junit": "\n".join(f.text for f in ET.fromstring(render(result, "junit")).iter("failure")
                           if "lp_norm" in (f.text or "")),
    }
    for label, text in outputs.items():
        no_grader_leaks(text, label)
        assert "lp_norm" in text and where in text, (label, text[-2000:])
        for word in ("input", "expected", "got"):
            assert word in text, (label, word, text[-2000:])
    # the annotation of the wrong answer comes first, on the student's line
    first = proc.stdout.splitlines()[0]
    file, line = where.split(":")
    assert first.startswith(f"::error file={file},line={line},title=linear_algebra.lp_norm%3A")
    assert sum(l.startswith("::warning ") for l in proc.stdout.splitlines()) == 1  # the stubs, once
    no_grader_leaks(proc.stdout + proc.stderr.replace(str(runner_temp), "$RUNNER_TEMP"), "the grading step")
    reporter = classroom_reporter.install(tmp_path)
    shown = classroom_reporter.run(reporter, payload_b64)
    assert classroom_reporter.points(shown) == (math.floor(result.score), 100)


# --- every attempted exercise is named, whatever the caps --------------------------------

def _outcome(function, status, output, where=None, score=0.0):
    return Outcome(name=f"test_{function.split('.')[1]}", module=function.split(".")[0], function=function,
                   score=score, max_score=1.0, status=status, output=output, where=where)


def many_failures() -> GradeResult:
    tests = [_outcome(f"linear_algebra.f{i}", "failed", f"result is wrong\n  input: {i}",
                      f"exercises/linear_algebra.py:{10 + i}") for i in range(14)]
    tests += [_outcome(f"numpy_basics.s{i}", "failed", f"numpy_basics.s{i} is not implemented yet",
                       f"exercises/numpy_basics.py:{i + 1}") for i in range(40)]
    tests += [_outcome("probability.p", "timeout", "probability.p did not finish within 10 s",
                       "exercises/probability.py:3")]
    return GradeResult(tests, {"suite": "hidden", "seed": 1})


def test_a_cap_never_hides_an_attempted_exercise():
    result = many_failures()
    attempted = [f"linear_algebra.f{i}" for i in range(14)] + ["probability.p"]
    for fmt in ("table", "markdown", "annotations"):
        text = render(result, fmt)
        missing = [f for f in attempted if not re.search(rf"{re.escape(f)}\b", text)]
        assert not missing, (fmt, missing)
        first_stub = text.find("numpy_basics.s0")
        assert first_stub > max(text.find(f) for f in attempted), fmt  # stubs come last


def test_annotations_fit_githubs_limits_per_step():
    lines = render(many_failures(), "annotations").splitlines()
    levels = [l.split(" ", 1)[0] for l in lines]
    assert levels.count("::error") == 10 and levels.count("::warning") == 1 and len(lines) <= 50
    assert "6 more exercises fail" in lines[9]  # 15 attempted: 9 on their own, 6 named together


# --- escaping of worker-chosen text ------------------------------------------------------

HOSTILE = "x | y ``` <script>alert(1)</script> 100%, a:b\r\n# heading\x00\x1b[31m"


def hostile() -> GradeResult:
    return GradeResult([_outcome("linear_algebra.lp_norm", "failed", HOSTILE, "exercises/linear_algebra.py:5"),
                        _outcome("linear_algebra.inner", "error", "ZeroDivisionError: `|`",
                                 "exercises/linear_algebra.py:9")], {"suite": "hidden"})


def test_markdown_keeps_worker_text_inert():
    text = render(hostile(), "markdown")
    fences = re.findall(r"^ *(`{3,})text$", text, re.MULTILINE)
    assert fences and all(len(f) > 3 for f in fences[:1])  # longer than the ``` inside
    body = text.split(fences[0] + "text\n", 1)[1]
    assert body.split("\n  " + fences[0], 1)[0].strip().startswith("x | y ``` <script>")
    for line in text.splitlines():
        if line.startswith("|"):
            assert line.count("|") - line.count("\\|") == 5  # a table row stays one row of 4 cells


def test_annotations_escape_worker_text():
    line = render(hostile(), "annotations").splitlines()[0]
    assert "\r" not in line and "\n" not in line
    assert "100%25, a:b%0D%0A# heading" in line


def test_junit_drops_characters_xml_cannot_carry():
    text = render(hostile(), "junit")
    root = ET.fromstring(text)
    failure = root.find("testsuite/testcase/failure")
    assert "\x00" not in failure.text and "\x1b" not in failure.text
    assert "<script>" in failure.text  # as text: ElementTree escaped it in the XML


# --- the public suite -------------------------------------------------------------------

def _points(path: Path) -> dict:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "POINTS")
    return ast.literal_eval(node.value)


@pytest.mark.parametrize("public", sorted((ROOT / "autograder" / "suites" / "public").glob("test_*.py")),
                         ids=lambda p: p.stem)
def test_public_suite_weighs_exercises_as_the_hidden_suite(public):
    hidden = HIDDEN / public.name
    if not hidden.exists():
        pytest.skip(f"no hidden suite for {public.stem}")
    shared = _points(public).keys() & _points(hidden).keys()
    assert {k: _points(public)[k] for k in shared} == {k: _points(hidden)[k] for k in shared}
    assert _points(public).keys() == _points(hidden).keys()


MEDIAN_IN_PLACE = '''    values = np.asarray(x)
    if values.size == 0:
        raise ValueError("x is empty")
    values.sort()
    n = values.size
    return float(values[n // 2]) if n % 2 else float((values[n // 2 - 1] + values[n // 2]) / 2)
'''


@pytest.mark.slow
def test_public_suite_fails_a_median_that_sorts_its_input(tmp_path):
    """The contract's "inputs unchanged" is checked on every public call, sandboxed or not."""
    from autograder.grading import grade

    folder = tmp_path / "exercises"
    folder.mkdir()
    source = (ROOT / "solutions" / "descriptive_stats.py").read_text(encoding="utf-8")
    start = source.index("### BEGIN SOLUTION", source.index("def median"))
    end = source.index("    ### END SOLUTION", start)
    source = source[:start] + "### BEGIN SOLUTION\n" + MEDIAN_IN_PLACE + source[end:]
    (folder / "descriptive_stats.py").write_text(source, encoding="utf-8")
    suite = tmp_path / "public"
    suite.mkdir()
    shutil.copy(ROOT / "autograder" / "suites" / "public" / "test_descriptive_stats.py", suite)
    result = grade(tmp_path, suite=str(suite), seed=1)
    median = [t for t in result.tests if t.function == "descriptive_stats.median"]
    assert median and any(t.status == "failed" and "modified its 1st argument" in t.output for t in median)
    assert all(t.status == "passed" for t in result.tests if t.function != "descriptive_stats.median")


# --- forbidden names, and the student docs' example -------------------------------------

@pytest.mark.slow
def test_forbidden_name_fails_the_exercise_with_the_name_and_line(tmp_path):
    repo = tmp_path / "repo"
    release(repo, root=ROOT)
    path = repo / "exercises" / "linear_algebra.py"
    source, count = STUB.subn("    return float(np.linalg.norm(x, ord=p))\n", path.read_text(encoding="utf-8"))
    assert count == 1
    path.write_text(source, encoding="utf-8")
    line = next(i for i, l in enumerate(source.splitlines(), 1) if "np.linalg.norm(x, ord=p)" in l)
    proc = run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "tests/test_linear_algebra.py",
                "-k", "lp_norm"], cwd=repo, env=released_env(repo, tmp_path, COLUMNS="400"))
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1 and " error" not in output.splitlines()[-1], output[-3000:]
    summary = [l for l in output.splitlines() if l.startswith(("FAILED", "ERROR"))]
    assert summary and all(l.startswith("FAILED") for l in summary), summary
    assert all(f"numpy.linalg.norm (line {line})" in l for l in summary), summary
    for lines in failure_blocks(proc.stdout).values():
        assert len(lines) <= MAX_BLOCK_LINES and lines[-1].strip() == f"at exercises/linear_algebra.py:{line}"


STUDENT_DOC = ROOT / "docs" / "student.md"
_EXAMPLE = re.compile(r"(<!-- example: student pytest -->\n```text\n)(.*?)(\n```)", re.DOTALL)


@pytest.mark.slow
def test_student_doc_shows_the_tools_real_output(student):
    """The guide's example is the student's pytest, run here; UPDATE_DOCS=1 rewrites it."""
    import os

    repo = student["repo"]
    proc = run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "tests/test_linear_algebra.py",
                "-k", "lp_norm_examples or inner_course_example"],
               cwd=repo, env=released_env(repo, student["tmp"], COLUMNS="100"))
    lines = proc.stdout.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("_"))
    end = next(i for i, l in enumerate(lines) if "short test summary" in l)
    example = "\n".join(lines[start:end])
    doc = STUDENT_DOC.read_text(encoding="utf-8")
    if os.environ.get("UPDATE_DOCS") == "1":
        STUDENT_DOC.write_text(_EXAMPLE.sub(lambda m: m[1] + example + m[3], doc), encoding="utf-8")
        doc = STUDENT_DOC.read_text(encoding="utf-8")
    shown = _EXAMPLE.search(doc)
    assert shown, "docs/student.md lost its generated example block"
    assert shown[2] == example, ("docs/student.md's example is not the tool's output; "
                                 "rerun this test with UPDATE_DOCS=1 to regenerate it")
    # the prose around it, and the student README, quote the same lines
    stub = next(l for l in lines if "is not implemented yet (" in l)
    assert stub.split("yet ", 1)[1] in doc
    readme = (ROOT / "autograder" / "instructor" / "templates" / "student_README.md").read_text(encoding="utf-8")
    block = failure_blocks(proc.stdout)["test_lp_norm_examples"]
    assert "\n".join("    " + l for l in block) in readme, "student_README.md's example is not the tool's output"
    assert f"`{stub}`" in readme


@pytest.mark.slow
def test_public_suite_catches_an_in_place_change_even_when_its_tests_pass_lists(tmp_path):
    """The public lp_norm tests pass lists; the guard repeats the first call with ndarrays."""
    from autograder.grading import grade

    folder = tmp_path / "exercises"
    folder.mkdir()
    source = (ROOT / "solutions" / "linear_algebra.py").read_text(encoding="utf-8")
    start = source.index("### BEGIN SOLUTION", source.index("def lp_norm"))
    source = source[:start] + "### BEGIN SOLUTION\n    if isinstance(x, np.ndarray):\n        x.sort()\n    " + \
        source[start + len("### BEGIN SOLUTION\n    "):]
    (folder / "linear_algebra.py").write_text(source, encoding="utf-8")
    suite = tmp_path / "public"
    suite.mkdir()
    shutil.copy(ROOT / "autograder" / "suites" / "public" / "test_linear_algebra.py", suite)
    result = grade(tmp_path, suite=str(suite), seed=1)
    lp_norm = [t for t in result.tests if t.function == "linear_algebra.lp_norm"]
    assert any("modified its 1st argument given as an ndarray" in t.output for t in lp_norm), lp_norm
    others = [t for t in result.tests if t.function not in ("linear_algebra.lp_norm", "linear_algebra.distance")]
    assert all(t.status == "passed" for t in others), [t.name for t in others if t.status != "passed"]


# --- progress while grading --------------------------------------------------------------

def _this_checkout() -> dict[str, str]:
    """An environment whose Python imports this repository's ``autograder``."""
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _run_in_terminal(args: list[str], cwd: Path) -> str:
    """Run ``args`` with a pseudo-terminal as stdout and stderr; everything it wrote."""
    import os
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(args, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, close_fds=True,
                            env=_this_checkout())
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=300)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
def test_grade_shows_progress_per_module_in_a_terminal_only(tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    for module in ("numpy_basics", "linear_algebra"):
        shutil.copy(ROOT / "autograder" / "suites" / "public" / f"test_{module}.py", suite)
    grade = [sys.executable, "-m", "autograder.cli", "grade", str(ROOT / "solutions"), "--suite", str(suite),
             "--seed", "2"]
    shown = _run_in_terminal(grade, tmp_path)
    assert "Score 100.00 / 100.00" in shown
    bars = re.findall(r"(numpy_basics|linear_algebra) +\S*━", shown)
    assert {"numpy_basics", "linear_algebra"} <= set(bars), shown[:2000]
    piped = subprocess.run(grade, cwd=tmp_path, capture_output=True, text=True, timeout=300, env=_this_checkout())
    live = "\x1b[?25l"  # a live display hides the cursor while it draws
    assert live in shown and re.search(r"\x1b\[32m *\d+/\d+\x1b\[0m", shown)  # "done/total" per module
    assert live not in piped.stdout + piped.stderr and "\x1b[" not in piped.stdout + piped.stderr
    as_json = _run_in_terminal(grade + ["--format", "json"], tmp_path)
    assert live not in as_json and json.loads(as_json)["score"] == 100.0
