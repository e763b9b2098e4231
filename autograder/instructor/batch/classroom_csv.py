"""Forgery check: GitHub Classroom's "Download grades" CSV against the authoritative regrade.

A student who edits their workflow can make Classroom show any score. Classroom receives
whole points from our Classroom reporter, so the honest value for a regraded result is
exactly that reporter's total, scaled to the assignment's ``points_available``; a row
whose ``points_awarded`` is above it is flagged.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from ...errors import UsageError
from ...reporters import classroom
from ...results import GradeResult

TOLERANCE = 1e-6


def read_grades(path) -> list[dict]:
    """The CSV's rows, with the columns we use checked."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"no such Classroom grades file: {path}")
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    needed = {"points_awarded", "points_available"}
    names = set(rows[0]) if rows else needed
    if not needed <= names or not names & {"student_repository_name", "student_repository_url", "github_username"}:
        raise UsageError(f"{path} is not a GitHub Classroom grades CSV: it needs points_awarded, "
                         "points_available and student_repository_name (or github_username)")
    return rows


def _keys(row: dict) -> list[str]:
    keys = [row.get("student_repository_name") or "",
            (row.get("student_repository_url") or "").rstrip("/").rsplit("/", 1)[-1]]
    return [k for k in keys if k]


def row_for(student: str, rows: list[dict]) -> dict | None:
    """The row of a submission named after its repository (or, failing that, the student's login)."""
    for row in rows:
        if student in _keys(row):
            return row
    for row in rows:
        login = row.get("github_username") or ""
        if login and (student == login or student.endswith(f"-{login}")):
            return row
    return None


def honest_points(record: dict, available: float) -> float:
    """What Classroom would show for this regrade, on the assignment's scale."""
    if not record.get("result"):
        return 0.0
    data = classroom.payload(GradeResult.from_dict(record["result"]))
    total = sum(t["score"] for t in data["tests"])
    return total / data["max_score"] * available if data["max_score"] else 0.0


def _number(text) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def check(records: dict[str, dict], rows: list[dict]) -> dict[str, dict]:
    """student -> ``{"points", "available", "regrade", "forged"}`` for every student with a row."""
    found = {}
    for student, record in records.items():
        row = row_for(student, rows)
        if row is None:
            continue
        awarded, available = _number(row.get("points_awarded")), _number(row.get("points_available"))
        if awarded is None or not available:
            continue
        honest = honest_points(record, available)
        found[student] = {"points": awarded, "available": available, "regrade": round(honest, 6),
                          "forged": awarded > honest + TOLERANCE}
    return found


def flag(records: dict[str, dict], csv_path) -> dict[str, dict]:
    """Records with a ``classroom`` entry added (for the gradebook); prints a warning per forged score."""
    found = check(records, read_grades(csv_path))
    for student, entry in sorted(found.items()):
        if entry["forged"]:
            print(f"warning: {student}: GitHub Classroom shows {entry['points']:g} / {entry['available']:g}, "
                  f"but the authoritative regrade gives {entry['regrade']:g}: the score was forged "
                  "(or the CSV is of another commit)", file=sys.stderr)
    return {s: (dict(r, classroom=found[s]) if s in found else r) for s, r in records.items()}
