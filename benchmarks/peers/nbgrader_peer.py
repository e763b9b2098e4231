"""nbgrader as a peer: ``nbgrader autograde`` of the exported notebooks, one student and a class.

The notebooks come from ``autograder export nbgrader``, so nbgrader grades the same
exercises with the same tests. A temporary course gets them as its source, nbgrader
generates the assignment, the solution notebooks become each student's submission, and
only ``nbgrader autograde`` is timed (a kernel per notebook, as nbgrader always runs):
of one student (``nbgrader_s``), and of the whole class at once (``nbgrader_class_s``).
"""
from __future__ import annotations

import csv
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..grading_figures import grade
from ..measure import Figure, Unavailable, autograder_command, run_command
from ..workload import Workload

STUDENT = "student1"
CLASS_SIZE = 5  # students of the class figure, each handing in the solution notebooks
COURSE_CONFIG = """c = get_config()
c.CourseDirectory.course_id = "benchmark"
c.CourseDirectory.root = {root!r}
c.Execute.timeout = 300
"""


def find_nbgrader() -> Path:
    for candidate in (Path(sys.executable).parent / "nbgrader", shutil.which("nbgrader")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise Unavailable("nbgrader is not installed (pip install -e '.[nbgrader]')")


def _environment() -> dict[str, str]:
    """nbgrader calls ``alembic`` and starts kernels by name: its own bin folder goes first."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    return env


def exported_notebooks(export_dir: Path) -> tuple[str, list[Path]]:
    """The assignment name and its notebooks, as ``autograder export nbgrader`` laid them out."""
    sources = sorted(export_dir.glob("source/*/*.ipynb"))
    if sources:
        return sources[0].parent.name, [p for p in sources if p.parent == sources[0].parent]
    notebooks = sorted(p for p in export_dir.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not notebooks:
        raise Unavailable(f"autograder export nbgrader wrote no notebook into {export_dir}")
    return "exercises", notebooks


def _covered(notebooks: list[Path], modules: list[str]) -> dict[str, Path]:
    """module -> its notebook, for the workload's modules that have one."""
    found = {}
    for notebook in notebooks:
        for module in modules:
            if module in notebook.stem:
                found[module] = notebook
    return found


@dataclass
class Course:
    """A temporary nbgrader course: the exported notebooks as one assignment, handed in by each student."""

    nbgrader: Path
    root: Path
    assignment: str
    modules: list[str]            # the workload's modules the notebooks cover, in course order
    students: list[str]
    env: dict = field(default_factory=dict)

    def run(self, *args: str):
        return run_command([self.nbgrader, *args], cwd=self.root, env=self.env)

    def autograde(self, student: str | None = None) -> float:
        """Seconds of one ``nbgrader autograde`` of ``student``, or of every student."""
        chosen = ["--student", student] if student else []
        result = self.run("autograde", self.assignment, "--force", *chosen)
        if result.returncode != 0:
            raise Unavailable(f"nbgrader autograde failed: {_last_error(result)}")
        return result.seconds

    def scores(self) -> dict[str, tuple[float, float]]:
        """student -> (score, max score) of the assignment, from ``nbgrader export``."""
        out = self.root / "grades.csv"
        exported = self.run("export", "--to", str(out))
        if exported.returncode != 0:
            raise Unavailable(f"nbgrader export failed: {_last_error(exported)}")
        with open(out, newline="") as handle:
            return {r["student_id"]: (float(r["score"]), float(r["max_score"]))
                    for r in csv.DictReader(handle) if r["assignment"] == self.assignment}


def prepare(workload: Workload, workdir: Path, students: int = CLASS_SIZE) -> Course:
    """Export the notebooks, generate the assignment, hand the solutions in as ``students`` students."""
    nbgrader = find_nbgrader()
    export_dir = workdir / "nbgrader-export"
    exported = run_command([*autograder_command(), "export", "nbgrader", export_dir])
    if exported.returncode != 0:
        tail = (exported.stderr or exported.stdout).strip().splitlines()[-1:] or ["no output"]
        raise Unavailable(f"autograder export nbgrader exited {exported.returncode}: {tail[0][:200]}")
    assignment, notebooks = exported_notebooks(export_dir)
    covered = _covered(notebooks, workload.modules)
    if not covered:
        raise Unavailable(f"no exported notebook is named after a workload module ({', '.join(workload.modules)})")
    root = workdir / "nbgrader-course"
    source = root / "source" / assignment
    source.mkdir(parents=True)
    for notebook in covered.values():
        shutil.copyfile(notebook, source / notebook.name)
    for extra in export_dir.glob("source/*/*"):  # data files the notebooks read, if any
        if extra.is_file() and extra.suffix != ".ipynb":
            shutil.copyfile(extra, source / extra.name)
    (root / "nbgrader_config.py").write_text(COURSE_CONFIG.format(root=str(root)), encoding="utf-8")
    names = [STUDENT] + [f"student{n}" for n in range(2, students + 1)]
    course = Course(nbgrader, root, assignment, sorted(covered, key=workload.modules.index), names,
                    _environment())
    generated = course.run("generate_assignment", assignment, "--force")
    if generated.returncode != 0:
        raise Unavailable(f"nbgrader generate_assignment failed: {_last_error(generated)}")
    for student in names:  # the solutions, as each student hands them in
        submitted = root / "submitted" / student / assignment
        submitted.mkdir(parents=True)
        for notebook in covered.values():
            shutil.copyfile(notebook, submitted / notebook.name)
    return course


def measure(course: Course, workload: Workload, times: int, grade_figure: Figure | None = None) -> dict[str, Figure]:
    """``nbgrader_s``: autograde of one student, and ``autograder grade`` of the same modules."""
    runs = [course.autograde(STUDENT) for _ in range(max(1, times))]
    score, max_score = course.scores().get(STUDENT, (0.0, 0.0))
    if max_score <= 0:
        raise Unavailable("nbgrader graded no points: the exported notebooks have no grade cells")
    modules = course.modules
    note = f"{len(modules)} notebook(s): {', '.join(modules)}"
    if score != max_score:  # every cell still ran, so the time stands; the score is news
        lost = ", ".join(failed_cells(course.root / "autograded" / STUDENT / course.assignment))
        note += f"; the solutions scored {score:g}/{max_score:g} (zeroed: {lost})"
    figure = Figure(runs, note=note)
    figure.extra = {"modules": modules, "score": score, "max_score": max_score}
    return {"nbgrader_s": figure, "nbgrader_baseline_s": _baseline(modules, workload, grade_figure, times)}


def class_side(course: Course):
    """One ``nbgrader autograde`` of every student, for ``rounds.interleaved``; checked once."""
    checked = []

    def once() -> dict[str, float]:
        seconds = course.autograde()
        if not checked:
            graded = {s for s, (_, top) in course.scores().items() if top > 0}
            if graded != set(course.students):
                raise Unavailable(f"nbgrader graded {len(graded)} of {len(course.students)} students")
            checked.append(True)
        return {"nbgrader_class_s": seconds}
    return once


def _baseline(modules: list[str], workload: Workload, grade_figure: Figure | None, times: int) -> Figure:
    """``autograder grade`` on the same modules: the measured figure when they are the workload's."""
    if grade_figure is not None and modules == workload.modules:
        return Figure(list(grade_figure.runs), note="= grade_s (the same modules)")
    if modules == workload.modules:
        return grade(workload.solutions, workload.suite_arg("hidden"), times, expect="full")
    raise Unavailable(f"the export covers {', '.join(modules)} but the workload is "
                      f"{', '.join(workload.modules)}: no like-for-like baseline")


def failed_cells(autograded: Path) -> list[str]:
    """Grade cells nbgrader scores 0: an error, or anything written to stderr (a warning too)."""
    import nbformat

    failed = []
    for path in sorted(autograded.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type != "code" or not meta.get("grade"):
                continue
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error" or output.get("name") == "stderr":
                    what = output.get("ename") or "stderr: " + _warning_name(output.get("text", ""))
                    failed.append(f"{path.stem}/{meta.get('grade_id')} ({what})")
                    break
    return failed


def _warning_name(text: str) -> str:
    """``ConvergenceWarning`` out of a warning's stderr text, else its first line."""
    for word in text.replace(":", " ").split():
        if word.endswith(("Warning", "Error")):
            return word
    return (text.strip().splitlines() or ["(empty)"])[0][:80]


def _last_error(run) -> str:
    lines = [line for line in (run.stderr + run.stdout).splitlines() if "Error" in line or "error" in line]
    return (lines[-1] if lines else (run.stderr or run.stdout).strip()[-200:])[:300]
