"""The figures that are sides of a ratio, measured in interleaved rounds (see ``rounds``).

- public: the student's public ``pytest`` and a cold import of what it needed;
- grading: the floor, ``autograder grade`` of the solutions and the replay of its calls;
- class: ``grade-class`` with one and two jobs, the replayed calls and nbgrader's class.
"""
from __future__ import annotations

from pathlib import Path

from . import class_figures, grading_figures, limit_figures, public_imports
from .measure import Figure, Unavailable, exited
from .peers import nbgrader_peer
from .rounds import figures, interleaved, per_submission
from .workload import Workload

CALLS_NOTE = "the recorded calls alone, timed inside the replaying interpreter"


def public(work: Workload, workdir: Path, times: int) -> dict[str, Figure | Unavailable]:
    sides = {("public_pytest_s",): grading_figures.command_side(
        "public_pytest_s", grading_figures.public_argv(work), exited(0, 1))}
    try:
        found = public_imports.discover(work, workdir)
    except Unavailable as exc:
        found, missing = None, exc
    else:
        sides[("public_import_s",)] = public_imports.import_side(found, workdir)
    measured = interleaved(sides, times)
    if found is None:
        measured["public_import_s"] = missing
    notes = {"public_pytest_s": grading_figures.PUBLIC_NOTE, "public_import_s": found.note() if found else ""}
    result = figures(measured, notes)
    if isinstance(result.get("public_import_s"), Figure):
        result["public_import_s"].extra = {"packages": found.packages, "modules": len(found.modules),
                                           "failed_imports": found.failed, "left_out": found.left_out}
    return result


def grading(work: Workload, recording: limit_figures.Recording | None, times: int) -> dict[str, Figure | Unavailable]:
    scores: list[float] = []
    sides = {("floor_s",): grading_figures.command_side("floor_s", grading_figures.floor_argv(work), exited(0)),
             ("grade_s",): grading_figures.grade_side("grade_s", work.solutions, work.suite_arg("hidden"),
                                                      expect="full", scores=scores)}
    if recording is not None:
        sides[("limit_s", "calls_s")] = limit_figures.replay_side(recording)
    measured = interleaved(sides, times)
    notes = {"floor_s": grading_figures.FLOOR_NOTE, "grade_s": f"autograder grade {work.solutions.name}"}
    if recording is not None:
        notes.update(limit_s="python benchmarks/replay_calls.py: " + recording.note(), calls_s=CALLS_NOTE)
    result = figures(measured, notes)
    if isinstance(result["grade_s"], Figure):
        result["grade_s"].extra["score"] = scores[-1] if scores else None
    if recording is not None and isinstance(result.get("limit_s"), Figure):
        result["limit_s"].extra = {"record": recording.summary, "last_replay": recording.last_replay}
    return result


def klass(work: Workload, folder: Path, size: int, times: int, recording: limit_figures.Recording | None,
          course: nbgrader_peer.Course | None) -> dict[str, Figure | Unavailable]:
    """The class rounds: grade-class --jobs 1 and 2, the replayed calls, nbgrader's whole class."""
    manifest = class_figures.build_class(work, folder, size)
    size = len(manifest)
    sides = {("class_serial_s",): class_figures.grade_class_side(work, folder, 1, "class_serial_s"),
             ("class_parallel_s",): class_figures.grade_class_side(work, folder, 2, "class_parallel_s")}
    if recording is not None:
        sides[("class_calls_s",)] = limit_figures.replay_side(recording, wall="", calls="class_calls_s")
    if course is not None:
        sides[("nbgrader_class_s",)] = nbgrader_peer.class_side(course)
    measured = interleaved(sides, times)
    students = len(course.students) if course is not None else 0
    notes = {"class_serial_s": f"{size} synthetic submissions, grade-class --jobs 1",
             "class_parallel_s": f"{size} synthetic submissions, grade-class --jobs 2",
             "class_calls_s": CALLS_NOTE + ", in the rounds of the class figures",
             "nbgrader_class_s": f"one nbgrader autograde of {students} students, each handing in "
                                 f"the solution notebooks ({', '.join(course.modules) if course else ''})"}
    result = figures(measured, notes)
    result["class_per_submission_s"] = per_submission(result["class_parallel_s"], size,
                                                      f"class_parallel_s / {size}")
    if course is not None:
        result["nbgrader_per_submission_s"] = per_submission(result["nbgrader_class_s"], students,
                                                             f"nbgrader_class_s / {students}")
    return result
