"""The class gradebook: one row per student, one column per exercise function, as CSV and JSON.

Beside the points, the hints each student asked for (``autograder hint``, counted in their
repository): a total column in the gradebook, and one column per exercise in ``hints.csv``.

Built from the stored results alone (no timings, no paths), so the same results give the
same bytes whether they came from one run, a resumed run or merged shards.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..curriculum import all_functions
from ..results import GradeResult


def exercise_columns(records: dict[str, dict]) -> list[tuple[str, float]]:
    """``(module.function, max points)`` of every graded exercise, in course order."""
    found: dict[str, float] = {}
    for record in records.values():
        if record.get("result"):
            for total in GradeResult.from_dict(record["result"]).by_function():
                found.setdefault(total.function, total.max_score)
    rank = {name: i for i, name in enumerate(all_functions())}
    return sorted(found.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))


def function_scores(record: dict) -> dict[str, float]:
    if not record.get("result"):
        return {}
    return {t.function: t.score for t in GradeResult.from_dict(record["result"]).by_function()}


def rows(records: dict[str, dict]) -> tuple[list[tuple[str, float]], list[dict]]:
    """The columns and one row per student, sorted by name."""
    columns = exercise_columns(records)
    table = []
    for student in sorted(records):
        record = records[student]
        scores = function_scores(record)
        tamper = record.get("tamper")
        hints = record.get("hints") or {}
        table.append({
            "student": student, "status": record["status"], "reason": record.get("reason", ""),
            "score": round(record["score"], 6),
            "functions": {name: round(scores.get(name, 0.0), 6) for name, _ in columns},
            "tampered": None if tamper is None else bool(tamper),
            "tamper_paths": list(tamper or ()),
            "hints_used": sum(hints.values()), "hints": dict(sorted(hints.items())),
            **({"classroom": record["classroom"]} if record.get("classroom") else {}),
        })
    return columns, table


def render_csv(records: dict[str, dict]) -> str:
    columns, table = rows(records)
    checked = any("classroom" in row for row in table)  # a Classroom grades CSV was given
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "status", *[name for name, _ in columns], "total", "hints_used",
                     "tampered", "tamper_paths", *(("classroom_points", "forged") if checked else ()),
                     "reason"])
    for row in table:
        flag = "" if row["tampered"] is None else ("yes" if row["tampered"] else "no")
        writer.writerow([row["student"], row["status"],
                         *[f"{row['functions'][name]:.2f}" for name, _ in columns],
                         f"{row['score']:.2f}", row["hints_used"], flag, "; ".join(row["tamper_paths"]),
                         *(_classroom_cells(row.get("classroom")) if checked else ()), row["reason"]])
    return out.getvalue()


def render_hints_csv(records: dict[str, dict]) -> str:
    """One row per student: total hints asked for, then the count per exercise anyone asked about."""
    _, table = rows(records)
    rank = {name: i for i, name in enumerate(all_functions())}
    asked = sorted({name for row in table for name in row["hints"]},
                   key=lambda name: (rank.get(name, len(rank)), name))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "hints_used", *asked])
    for row in table:
        writer.writerow([row["student"], row["hints_used"], *[row["hints"].get(name, 0) for name in asked]])
    return out.getvalue()


def _classroom_cells(entry: dict | None) -> tuple[str, str]:
    if not entry:
        return "", ""
    return f"{entry['points']:g}/{entry['available']:g}", "yes" if entry["forged"] else "no"


def render_json(records: dict[str, dict], settings: dict) -> str:
    columns, table = rows(records)
    data = {"suite": settings.get("suite"), "seed": settings.get("seed"), "max_score": 100.0,
            "functions": [{"function": name, "max_score": points} for name, points in columns],
            "students": table}
    return json.dumps(data, indent=1) + "\n"


def write_gradebook(outdir, records: dict[str, dict], settings: dict) -> list[Path]:
    outdir = Path(outdir)
    paths = [outdir / "gradebook.csv", outdir / "gradebook.json", outdir / "hints.csv"]
    paths[0].write_text(render_csv(records), encoding="utf-8")
    paths[1].write_text(render_json(records, settings), encoding="utf-8")
    paths[2].write_text(render_hints_csv(records), encoding="utf-8")
    return paths
