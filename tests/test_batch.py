"""``autograder grade-class`` and ``merge`` on a small synthetic class with known outcomes.

One uninterrupted run is the reference: its gradebook rows are checked against what each
submission really is, and a killed-then-resumed run and two merged shards must reproduce
its gradebook byte for byte (the shards also show that a submission's result does not
depend on what its grading process graded before). A run with a short whole-submission
deadline must stop the hang and go on. The class uses two exercise modules and their
public suites (copied into a suite folder) to stay fast; the runs start together so that
their start-ups overlap.
"""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from autograder.instructor.batch.shard import parse_shard, select
from autograder.instructor.batch.similarity import fingerprints, similar_pairs
from autograder.instructor.batch.tamper import tamper_paths
from autograder.instructor.mutants import MUTANTS_DIR, apply_mutant, function_source, load_mutants
from autograder.instructor.stubs import stub_source
from autograder.instructor.synthetic import build_class, rename_locals

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("t_tests", "descriptive_stats")
KINDS = ("correct", "stub", "mutant", "hang", "crash", "crash_import", "tampered",
         "near_copy_a", "near_copy_b", "empty")


def autograder(*args, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "autograder.cli", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def finished(process: subprocess.Popen) -> None:
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err[-3000:]


def run_ok(*args) -> None:
    finished(autograder(*args))


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
def runs(klass):
    """Start the independent runs together: on two cores they overlap each other's start-up.

    An uninterrupted run (the reference), the two shards, a run that a thread kills with
    SIGKILL, process group and all, once three results are on disk, and a run with a
    short whole-submission deadline.
    """
    base = klass["base"]
    started = {
        "baseline": autograder(*grade_class_args(klass, base / "out-baseline", "--jobs", 2)),
        **{f"shard{k}": autograder(*grade_class_args(klass, base / f"out-shard{k}", "--jobs", 1,
                                                     "--shard", f"{k}/2")) for k in (1, 2)},
        "killed": autograder(*grade_class_args(klass, base / "out-killed", "--jobs", 1),
                             start_new_session=True),
        # A slice with the hang first: calls may take 60 s, the whole submission only 8. The
        # deadline must stop the hang, and the same process grade the rest.
        "deadline": autograder("grade-class", klass["dir"], "--out", base / "out-deadline",
                               "--suite", klass["suite"], "--timeout", 60, "--deadline", 8,
                               "--template", klass["template"], "--jobs", 1,
                               "--shard", slice_led_by(klass["by_kind"]["hang"][0], klass["manifest"])),
    }
    kill = {}
    resume = grade_class_args(klass, base / "out-killed", "--jobs", 1, "--resume")
    killer = threading.Thread(target=_kill_after,
                              args=(started["killed"], base / "out-killed", 3, resume, kill))
    killer.start()
    yield {"processes": started, "kill": kill, "killer": killer}
    killer.join()
    for process in [*started.values(), *([kill["resumed"]] if "resumed" in kill else [])]:
        if process.poll() is None:
            process.kill()
        process.communicate()


def slice_led_by(student: str, names) -> str:
    """A small ``--shard K/N`` whose first submission is ``student``."""
    for n in range(2, 10):
        for k in range(1, n + 1):
            part = select(names, (k, n))
            if 2 <= len(part) <= 3 and part[0] == student:
                return f"{k}/{n}"
    raise AssertionError(f"no small slice starts with {student}")


def _kill_after(process: subprocess.Popen, out: Path, results: int, resume: tuple, report: dict) -> None:
    """SIGKILL the run once ``results`` results exist, note what it kept, then start the resumption."""
    deadline = time.monotonic() + 240
    while len(list((out / "results").glob("*.json"))) < results:
        if process.poll() is not None or time.monotonic() > deadline:
            report["kept"] = None  # it ended (or stalled) before it could be killed part way
            return
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    report["kept"] = len(list((out / "results").glob("*.json")))
    report["published"] = (out / "gradebook.csv").exists()
    report["resumed"] = autograder(*resume)


@pytest.fixture(scope="module")
def baseline(klass, runs):
    finished(runs["processes"]["baseline"])
    return klass["base"] / "out-baseline"


def gradebook_rows(out: Path) -> dict[str, dict]:
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def full_marks(out: Path) -> dict[str, float]:
    data = json.loads((out / "gradebook.json").read_text())
    return {f["function"]: f["max_score"] for f in data["functions"]}


def test_each_row_matches_what_the_submission_is(klass, baseline):
    rows, maximum = gradebook_rows(baseline), full_marks(baseline)
    assert sorted(rows) == sorted(klass["manifest"])
    assert {f.split(".")[0] for f in maximum} == set(MODULES)

    def row(kind):
        return rows[klass["by_kind"][kind][0]]

    def full(r, module):
        return all(float(r[f]) == pytest.approx(maximum[f], abs=0.01)
                   for f in maximum if f.startswith(module + "."))

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
    path, line = re.search(r" at `([^`]+):(\d+)`", text).groups()  # e.g. exercises/t_tests.py:42
    source = (klass["dir"] / name / path).read_text().splitlines()
    assert "NotImplementedError" in source[int(line) - 1]
    assert (baseline / "feedback" / f"{name}.html").read_text().startswith("<!DOCTYPE html>")


def test_plots_are_pngs_that_the_report_shows(baseline):
    report = (baseline / "report.md").read_text()
    for name in ("scores", "pass_rate", "time"):
        png = baseline / "plots" / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
        assert f"](plots/{name}.png)" in report


def test_resume_after_a_kill_gives_the_same_gradebook(klass, runs, baseline):
    out = klass["base"] / "out-killed"
    runs["killer"].join()
    kept = runs["kill"]["kept"]
    assert kept is not None and 3 <= kept < len(KINDS), "the run was not killed part way"
    assert not runs["kill"]["published"]
    finished(runs["kill"]["resumed"])
    for name in ("gradebook.csv", "gradebook.json"):
        assert (out / name).read_bytes() == (baseline / name).read_bytes()
    events = [json.loads(line) for line in (out / "log.jsonl").read_text().splitlines()]
    done = [e["student"] for e in events if e["event"] == "finished" and "student" in e]
    assert len(done) == len(set(done))  # nothing graded twice
    resumed_at = max(i for i, e in enumerate(events) if e["event"] == "started")
    assert sum(e["event"] == "finished" and "student" in e for e in events[resumed_at:]) == len(KINDS) - kept


def test_a_submission_past_the_deadline_is_stopped_and_the_run_goes_on(klass, runs, baseline):
    finished(runs["processes"]["deadline"])
    rows = gradebook_rows(klass["base"] / "out-deadline")
    hang = klass["by_kind"]["hang"][0]
    others = [name for name in rows if name != hang]
    assert sorted(rows) == select(klass["manifest"], parse_shard(slice_led_by(hang, klass["manifest"])))
    # The deadline is kept inside the grading: what ran before it keeps its points.
    assert rows[hang]["status"] == "graded", rows[hang]
    assert "deadline of 8 s" in rows[hang]["reason"] and rows[hang]["tampered"] == "no"
    reference = gradebook_rows(baseline)
    assert others and all(rows[name] == reference[name] for name in others)


def test_resume_refuses_other_settings(klass, baseline):
    for extra in (("--resume", "--seed", 1), ()):
        process = autograder(*grade_class_args(klass, baseline, *extra))
        _, err = process.communicate(timeout=60)
        assert process.returncode == 2, err


def test_two_shards_merged_equal_one_run(klass, runs, baseline):
    shards = [klass["base"] / f"out-shard{k}" for k in (1, 2)]
    for k in (1, 2):
        finished(runs["processes"][f"shard{k}"])
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
        again = merged / "results" / path.name
        assert _timeless(json.loads(path.read_text())) == _timeless(json.loads(again.read_text()))


def _timeless(record: dict) -> dict:
    record.pop("duration_s")
    if record.get("result"):
        record["result"]["meta"].pop("duration_s")
    return record


# ---------------------------------------------------------------- the parts, without grading


def test_apply_mutant_swaps_one_function_and_keeps_the_rest():
    head = "import numpy as np\n\n\ndef f(x):\n    return x\n\n\n"
    source = head + "@decorate\ndef g(x):\n    return 2 * x\n# end\n"
    mutated = apply_mutant(source, "\ndef g(x):\n    return 3 * x\n")
    assert mutated == head + "def g(x):\n    return 3 * x\n# end\n"
    assert function_source(mutated, "f") == "def f(x):\n    return x\n"
    with pytest.raises(KeyError):
        apply_mutant(source, "def h():\n    pass\n")
    real = load_mutants(MUTANTS_DIR / "t_tests.py")
    assert real and all(isinstance(v, str) for v in real.values())


def test_shards_partition_the_class_whatever_else_is_in_it():
    names = [f"student-{i:03d}" for i in range(60)]
    slices = [select(names[::-1], (k, 4)) for k in (1, 2, 3, 4)]
    assert sorted(sum(slices, [])) == names and all(len(part) >= 5 for part in slices)
    fewer = [select(names[1:] + ["newcomer"], (k, 4)) for k in (1, 2, 3, 4)]
    assert [[s for s in part if s in names] for part in fewer] == [[s for s in part if s != names[0]]
                                                                   for part in slices]


def test_tamper_flags_what_could_sway_grading_and_nothing_else(tmp_path):
    template = tmp_path / "template"
    files = {"exercises/t_tests.py": "stub", "tests/test_t_tests.py": "tests", "README.md": "#",
             ".github/workflows/classroom.yml": "ci", "pyproject.toml": "cfg"}
    for path, text in files.items():
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


def _blas_threads(queue):
    from autograder.instructor.batch.runner import one_thread_each

    one_thread_each()
    import numpy  # noqa: F401 - loads OpenBLAS
    from threadpoolctl import threadpool_info

    queue.put(sorted({pool["num_threads"] for pool in threadpool_info()}))


def test_a_pool_process_runs_its_own_numerics_on_one_thread():
    from autograder.instructor.batch.runner import _CONTEXT

    queue = _CONTEXT.Queue()
    process = _CONTEXT.Process(target=_blas_threads, args=(queue,))
    process.start()
    threads = queue.get(timeout=60)
    process.join(30)
    assert threads == [1]
