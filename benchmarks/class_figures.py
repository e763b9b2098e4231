"""A whole class: ``autograder grade-class`` over synthetic submissions, one job vs. two.

The class comes from ``autograder.instructor.synthetic`` (correct, stub, partial, mutant, hang,
crash, ... submissions), restricted to the workload's modules, so its failure modes cost
what they cost in a real class.
"""
from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path

from .measure import Figure, Unavailable, autograder_command, exited, time_command
from .workload import Workload


def build_class(workload: Workload, dest: Path, size: int) -> dict:
    if importlib.util.find_spec("autograder.instructor.synthetic") is None:
        raise Unavailable("autograder/instructor/synthetic.py (the synthetic class builder) does not exist yet")
    from autograder.instructor.synthetic import build_class as build

    return build(dest, size, seed=0, modules=workload.modules)


def grade_class(workload: Workload, klass: Path, jobs: int, times: int) -> Figure:
    """Wall time of ``autograder grade-class KLASS --out OUT --jobs JOBS`` into a fresh folder."""
    if importlib.util.find_spec("autograder.instructor.batch") is None:
        raise Unavailable("autograder/instructor/batch/ (autograder grade-class) does not exist yet")
    runs = []
    for _ in range(max(1, times)):
        out = Path(tempfile.mkdtemp(prefix="bench-class-out-"))
        shutil.rmtree(out)  # grade-class makes its own folder; --resume is not what is measured
        try:
            argv = [*autograder_command(), "grade-class", klass, "--out", out, "--jobs", str(jobs),
                    "--suite", workload.suite_arg("hidden"), "--seed", "0"]
            runs.extend(time_command(argv, 1, ok=exited(0)).runs)
        finally:
            shutil.rmtree(out, ignore_errors=True)
    return Figure(runs, note=f"grade-class --jobs {jobs}")


def grade_class_side(workload: Workload, klass: Path, jobs: int, key: str):
    """One ``grade_class`` run for ``rounds.interleaved``."""
    return lambda: {key: grade_class(workload, klass, jobs, 1).runs[0]}
