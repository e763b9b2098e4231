"""What a pool process does for one submission: grade it, check its files, fingerprint its code.

The answer is a plain dict (the record stored in ``results/<student>.json``), so that
it crosses the pipe back to the parent and lands on disk unchanged.
"""
from __future__ import annotations

import time
import traceback
from pathlib import Path

from ..bounds import DEADLINE_PASSED, grading_deadline
from ..grading import GraderError, UsageError, grade, resolve_submission
from ..hints import hints_used
from .similarity import fingerprints
from .store import ERROR, GRADED, NO_MODULES
from .tamper import tamper_paths


def grade_submission(student: str, path: str, settings: dict) -> dict:
    """The record of one submission; never raises for anything the submission does."""
    started = time.perf_counter()
    record = _empty_record(student)
    try:
        record = inspect_submission(student, path, settings)
        try:
            resolve_submission(path)
        except UsageError:
            record.update(status=NO_MODULES, reason="no exercise modules: expected <module>.py files "
                          "in the folder or in its exercises/ folder")
            return _finish(record, started)
        # The deadline is kept here, inside the grading: the calls it leaves no time for fail
        # at once and the tests already run keep their points (the pool's kill is the backstop).
        with grading_deadline(settings.get("deadline")):
            result = grade(path, suite=settings["suite"], timeout=settings["timeout"], seed=settings["seed"])
    except GraderError as exc:
        record.update(status=ERROR, reason=f"the grader failed: {exc}"[:2000])
        return _finish(record, started)
    except Exception as exc:  # noqa: BLE001 - one broken grading must not end the class run
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        record.update(status=ERROR, reason=f"the grader failed: {detail}"[:2000])
        return _finish(record, started)
    reason = problems(result)
    if any(DEADLINE_PASSED in test.output for test in result.tests):
        reason = "; ".join(filter(None, [f"grading reached its deadline of {settings['deadline']:g} s: "
                                         "the tests not run by then score 0", reason]))
    record.update(score=result.score, max_score=result.max_score, result=result.to_dict(),
                  reason=reason)
    return _finish(record, started)


def _empty_record(student: str) -> dict:
    return {"student": student, "status": GRADED, "reason": "", "score": 0.0, "max_score": 100.0,
            "result": None, "tamper": None, "fingerprints": {}, "duration_s": 0.0}


def has_modules(path) -> bool:
    try:
        resolve_submission(path)
    except UsageError:
        return False
    return True


def inspect_submission(student: str, path: str, settings: dict) -> dict:
    """A record without a grade yet: the tamper check, the code fingerprints, the hints used (no code runs)."""
    record = _empty_record(student)
    record["hints"] = hints_used(path)
    template = settings.get("template")
    if template:
        record["tamper"] = tamper_paths(path, template)
    try:
        folder = resolve_submission(path)
    except UsageError:
        return record
    record["fingerprints"] = fingerprints(folder, Path(template) / "exercises" if template else None)
    return record


def _finish(record: dict, started: float) -> dict:
    record["duration_s"] = round(time.perf_counter() - started, 3)
    return record


def problems(result) -> str:
    """A one-line reason when a graded submission lacks a module, hung, crashed or could not be imported.

    Read from the statuses and the engine's own wording of the test outputs.
    """
    found: dict[str, list[str]] = {kind: [] for kind in
                                   ("missing", "could not import", "timed out in", "crashed in")}

    def note(kind: str, what: str) -> None:
        if what not in found[kind]:
            found[kind].append(what)

    for test in result.tests:
        if test.status == "timeout":
            note("timed out in", test.function)
        elif test.output.startswith("importing "):
            note("missing" if "is missing from the submission" in test.output else "could not import",
                 f"{test.module}.py")
        elif " died: " in test.output:
            note("crashed in", test.function)
    return "; ".join(f"{kind} {', '.join(items)}" for kind, items in found.items() if items)
