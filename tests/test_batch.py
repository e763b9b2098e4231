"""``autograder grade-class`` and ``merge`` on a small synthetic class with known outcomes.

One uninterrupted run is the reference: its gradebook rows are checked against what each
submission really is, and a killed-then-resumed run and two merged shards must reproduce
its gradebook byte for byte. The class uses two exercise modules and their public suites
(copied into a suite folder) to stay fast.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.batch.shard import select
from autograder.batch.similarity import fingerprints, similar_pairs
from autograder.batch.tamper import tamper_paths
from autograder.mutants import apply_mutant, function_source, load_mutants, MUTANTS_DIR
from autograder.stubs import stub_source
from autograder.synthetic import build_class, rename_locals

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("t_tests", "descriptive_stats")
KINDS = ("correct", "stub", "mutant", "hang", "crash", "crash_import", "tampered",
         "near_copy_a", "near_copy_b", "empty")


def autograder(*args, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "autograder.cli", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def run_ok(*args) -> None:
    process = autograder(*args)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err[-3000:]


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """The template, the suite folder, the class and what each submission is."""
    base = tmp_path_factory.mktemp("class")
    template, suite = base / "template", base / "suite"
    for folder in (template / "exercises", template / "tests", template / ".github" / "workflows", suite):
        folder.mkdir(parents=True)
    for module in MODULES:
        solution = (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")
        (template / "exercises" / f"{module}.py").write_text(stub_source(solution, module), encoding="utf-8")
        for folder in (template / "tests", suite):
            shutil.copyfile(ROOT / "autograder" / "suites" / "public" / f"test_{module}.py",
                            folder / f"test_{module}.py")
    (template / ".github" / "workflows" / "classroom.yml").write_text("name: grade\non: push\n")
    (template / "pyproject.toml").write_text("[tool.pytest.ini_options]\ntestpaths = ['tests']\n")
    (template / "README.md").write_text("# Exercises\n")
    manifest = build_class(base / "submissions", len(KINDS), seed=0, kinds=KINDS, modules=MODULES,
                           template=template)
    by_kind = {info["kind"]: (name, info) for name, info in manifest.items()}
    return {"dir": base / "submissions", "template": template, "suite": suite,
            "manifest": manifest, "by_kind": by_kind, "base": base}


def grade_class_args(klass, out, *extra):
    return ("grade-class", klass["dir"], "--out", out, "--suite", klass["suite"], "--timeout", 2,
            "--template", klass["template"], *extra)


@pytest.fixture(scope="module")
def baseline(klass):
    """One uninterrupted run with two processes."""
    out = klass["base"] / "out-baseline"
    run_ok(*grade_class_args(klass, out, "--jobs", 2))
    return out


def gradebook_rows(out: Path) -> dict[str, dict]:
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def full_marks(out: Path) -> dict[str, float]:
    data = json.loads((out / "gradebook.json").read_text())
    return {f["function"]: f["max_score"] for f in data["functions"]}


def test_each_row_matches_what_the_submission_is(klass, baseline):
    rows, maximum = gradebook_rows(baseline), full_marks(baseline)
    assert sorted(rows) == sorted(klass["manifest"])
    assert set(maximum) == {f for f in maximum if f.split(".")[0] in MODULES} and len(maximum) >= 10

    def row(kind):
        return rows[klass["by_kind"][kind][0]]

    def full(r, module):
        return all(float(r[f]) == pytest.approx(maximum[f], abs=0.01) for f in maximum if f.startswith(module + "."))

    assert row("correct")["total"] == "100.00" and row("correct")["reason"] == ""
    assert row("stub")["status"] == "graded" and row("stub")["total"] == "0.00"

    _, mutant = klass["by_kind"]["mutant"]
    assert float(row("mutant")[mutant["function"]]) < maximum[mutant["function"]]
    assert 0 < float(row("mutant")["total"]) < 100

    for kind, verb in (("hang", "timed out in"), ("crash", "crashed in")):
        function = klass["by_kind"][kind][1]["function"]
        other = next(m for m in MODULES if m != function.split(".")[0])
        r = row(kind)
        assert r["status"] == "graded" and float(r[function]) == 0.0
        assert f"{verb} {function}" in r["reason"]
        assert full(r, other) and float(r["total"]) >= 50

    crashed = klass["by_kind"]["crash_import"][1]["module"]
    r = row("crash_import")
    assert r["reason"] == f"could not import {crashed}.py"
    assert all(float(r[f]) == 0.0 for f in maximum if f.startswith(crashed + "."))
    assert full(r, next(m for m in MODULES if m != crashed))

    assert row("empty")["status"] == "no-modules" and row("empty")["total"] == "0.00"
    assert "no exercise modules" in row("empty")["reason"]

    assert row("tampered")["tampered"] == "yes" and row("tampered")["tamper_paths"] == "conftest.py (added)"
    assert row("tampered")["total"] == "100.00"  # the flag never changes the grade
    assert {r["tampered"] for name, r in rows.items() if name != klass["by_kind"]["tampered"][0]} == {"no"}


def test_near_copies_are_paired_and_nothing_commonplace_is(klass, baseline):
    with open(baseline / "similarity.csv", newline="", encoding="utf-8") as handle:
        pairs = list(csv.DictReader(handle))
    (a, info), (b, _) = klass["by_kind"]["near_copy_a"], klass["by_kind"]["near_copy_b"]
    assert (pairs[0]["student_a"], pairs[0]["student_b"]) == (a, b)
    shared = pairs[0]["functions"].split("; ")
    assert shared and set(shared) <= set(info["functions"])
    correct, tampered = klass["by_kind"]["correct"][0], klass["by_kind"]["tampered"][0]
    assert not [p for p in pairs if {p["student_a"], p["student_b"]} == {correct, tampered}]
    assert a in (baseline / "report.md").read_text()


def test_feedback_points_at_the_students_own_line(klass, baseline):
    name, _ = klass["by_kind"]["stub"]
    text = (baseline / "feedback" / f"{name}.md").read_text()
    assert "0.00 / 100.00" in text and "not implemented" in text
    where = text.split("` at `", 1)[1].split("`", 1)[0]  # e.g. exercises/t_tests.py:42
    path, line = where.rsplit(":", 1)
    source = (klass["dir"] / name / path).read_text().splitlines()
    assert "NotImplementedError" in source[int(line) - 1]
    assert (baseline / "feedback" / f"{name}.html").read_text().startswith("<!DOCTYPE html>")


def test_plots_are_pngs_that_the_report_shows(baseline):
    report = (baseline / "report.md").read_text()
    for name in ("scores", "pass_rate", "time"):
        png = baseline / "plots" / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
        assert f"](plots/{name}.png)" in report


def test_resume_after_a_kill_gives_the_same_gradebook(klass, baseline):
    out = klass["base"] / "out-killed"
    process = autograder(*grade_class_args(klass, out, "--jobs", 2), start_new_session=True)
    deadline = time.monotonic() + 180
    while len(list((out / "results").glob("*.json"))) < 3:
        assert process.poll() is None and time.monotonic() < deadline, "the run ended before it was killed"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    kept = len(list((out / "results").glob("*.json")))
    assert kept < len(KINDS) and not (out / "gradebook.csv").exists()

    run_ok(*grade_class_args(klass, out, "--jobs", 2, "--resume"))
    for name in ("gradebook.csv", "gradebook.json"):
        assert (out / name).read_bytes() == (baseline / name).read_bytes()
    events = [json.loads(line) for line in (out / "log.jsonl").read_text().splitlines()]
    finished = [e["student"] for e in events if e["event"] == "finished" and "student" in e]
    assert len(finished) == len(set(finished))  # nothing graded twice
    resumed_at = max(i for i, e in enumerate(events) if e["event"] == "started")
    assert sum(e["event"] == "finished" and "student" in e for e in events[resumed_at:]) == len(KINDS) - kept


def test_resume_refuses_other_settings(klass, baseline):
    for extra in (("--resume", "--seed", 1), ()):
        process = autograder(*grade_class_args(klass, baseline, *extra))
        _, err = process.communicate(timeout=60)
        assert process.returncode == 2, err


def test_two_shards_merged_equal_one_run(klass, baseline):
    shards = [klass["base"] / f"out-shard{k}" for k in (1, 2)]
    running = [autograder(*grade_class_args(klass, out, "--jobs", 1, "--shard", f"{k}/2"))
               for k, out in zip((1, 2), shards)]
    for process in running:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-3000:]
    graded = [sorted(p.stem for p in (out / "results").glob("*.json")) for out in shards]
    assert sorted(graded[0] + graded[1]) == sorted(klass["manifest"]) and graded[0] and graded[1]

    lonely = autograder("merge", shards[0], "--out", klass["base"] / "out-lonely")
    assert lonely.wait(60) == 2  # shard 2/2 is missing: nothing is merged silently

    merged = klass["base"] / "out-merged"
    run_ok("merge", *shards, "--out", merged)
    for name in ("gradebook.csv", "gradebook.json", "similarity.csv"):
        assert (merged / name).read_bytes() == (baseline / name).read_bytes()
    # Graded by other processes after other submissions: the very same results.
    for path in (baseline / "results").glob("*.json"):
        assert _timeless(json.loads(path.read_text())) == _timeless(json.loads((merged / "results" / path.name).read_text()))


def _timeless(record: dict) -> dict:
    record.pop("duration_s")
    if record.get("result"):
        record["result"]["meta"].pop("duration_s")
    return record


# ---------------------------------------------------------------- the parts, without grading


def test_apply_mutant_swaps_one_function_and_keeps_the_rest():
    source = "import numpy as np\n\n\ndef f(x):\n    return x\n\n\n@decorate\ndef g(x):\n    return 2 * x\n# end\n"
    mutated = apply_mutant(source, "\ndef g(x):\n    return 3 * x\n")
    assert mutated == "import numpy as np\n\n\ndef f(x):\n    return x\n\n\ndef g(x):\n    return 3 * x\n# end\n"
    assert function_source(mutated, "f") == "def f(x):\n    return x\n"
    with pytest.raises(KeyError):
        apply_mutant(source, "def h():\n    pass\n")
    real = load_mutants(MUTANTS_DIR / "t_tests.py")
    assert real and all(isinstance(v, str) for v in real.values())


def test_shards_partition_the_class():
    names = [f"s{i:02d}" for i in range(11)]
    slices = [select(names[::-1], (k, 3)) for k in (1, 2, 3)]
    assert sorted(sum(slices, [])) == names and slices[0][:2] == ["s00", "s03"]


def test_tamper_flags_what_could_sway_grading_and_nothing_else(tmp_path):
    template = tmp_path / "template"
    for path, text in {"exercises/t_tests.py": "stub", "tests/test_t_tests.py": "tests",
                       ".github/workflows/classroom.yml": "ci", "pyproject.toml": "cfg", "README.md": "#"}.items():
        (template / path).parent.mkdir(parents=True, exist_ok=True)
        (template / path).write_text(text)
    student = tmp_path / "student"
    shutil.copytree(template, student)
    (student / "exercises" / "t_tests.py").write_text("my work")
    (student / "README.md").write_text("# my notes")
    (student / "exercises" / "__pycache__").mkdir()
    assert tamper_paths(student, template) == []
    (student / "tests" / "test_t_tests.py").write_text("assert True")
    (student / ".github" / "workflows" / "classroom.yml").unlink()
    (student / "exercises" / "sitecustomize.py").write_text("")
    (student / "evil.pth").write_text("")
    (student / "numpy.py").write_text("")
    assert tamper_paths(student, template) == [
        ".github/workflows/classroom.yml (deleted)", "evil.pth (added)",
        "exercises/sitecustomize.py (added)", "numpy.py (added)", "tests/test_t_tests.py (changed)"]


def test_fingerprints_ignore_names_and_layout_but_not_structure(tmp_path):
    solution = (ROOT / "solutions" / "t_tests.py").read_text()
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir(), (tmp_path / "stub").mkdir()
    (tmp_path / "a" / "t_tests.py").write_text(solution)
    (tmp_path / "b" / "t_tests.py").write_text(rename_locals(solution))
    (tmp_path / "stub" / "t_tests.py").write_text(stub_source(solution, "t_tests"))
    a, b = fingerprints(tmp_path / "a"), fingerprints(tmp_path / "b")
    assert a and a == b and fingerprints(tmp_path / "stub") == {}
    changed = dict(a)
    first = sorted(a)[0]
    changed[first] = {"hash": "other", "shape": a[first]["shape"] + " Return Name"}
    pairs = similar_pairs({"s1": a, "s2": b, "s3": changed})
    assert (pairs[0]["student_a"], pairs[0]["student_b"]) == ("s1", "s2")
    assert pairs[0]["functions"] == sorted(a) and pairs[0]["similarity"] == 1.0
    crowd = similar_pairs({f"s{i}": a for i in range(5)})  # everyone's code: commonplace
    assert crowd == []
