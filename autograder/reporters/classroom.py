"""GitHub Classroom's grader output: base64 of the JSON that autograding-grading-reporter decodes.

One entry per exercise (function), not per test: the Actions log and the Classroom view
then read like the course. Scores are WHOLE points, because Classroom's grade CSV shows a
fractional score as 0: each exercise's share of the total is rounded to an integer with a
largest-remainder scheme (so the maxima add up to the total, 100), and the points an
exercise earned are rounded DOWN within its integer maximum, except that a fully passed
exercise gets all of it. A perfect submission therefore scores exactly 100, a stub 0, and
rounding never gives a point that was not earned.

``test_code`` is shown in the student-readable log, so it holds the exercise's name, never
test source; ``message`` holds the feedback of the exercise's first failing test.
"""
from __future__ import annotations

import base64
import json
import math
import re

MESSAGE_LIMIT = 1000
_WHERE = re.compile(r"^(?P<file>.+\.py):(?P<line>\d+)$")


def whole_points(shares: list[float], total: int) -> list[int]:
    """Integers proportional to ``shares`` that add up to ``total`` (largest remainder)."""
    whole = sum(shares)
    if not shares or whole <= 0:
        return [0] * len(shares)
    exact = [s * total / whole for s in shares]
    points = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - points[i]), i))
    for i in by_remainder[: total - sum(points)]:
        points[i] += 1
    return points


def earned_points(score: float, max_score: float, whole_max: int) -> int:
    """The exercise's score scaled to its integer maximum, rounded down; full marks stay full."""
    if max_score <= 0 or score <= 0:
        return 0
    if score >= max_score - 1e-9:
        return whole_max
    return min(whole_max, math.floor(score / max_score * whole_max + 1e-9))


def _status(total) -> str:
    if total.status == "passed":
        return "pass"
    return "error" if total.status in ("error", "timeout") else "fail"


def _location(test) -> tuple[str, int]:
    match = _WHERE.match(test.where or "")
    if match:
        return match["file"], int(match["line"])
    return f"exercises/{test.module}.py", 0


def payload(result) -> dict:
    """The JSON object before encoding (version 1, as the node graders write it)."""
    totals = result.by_function()
    whole_max = whole_points([t.max_score for t in totals], round(result.max_score))
    first_failure = {}
    for test in result.failures():
        first_failure.setdefault(test.function, test)
    tests = []
    for total, maximum in zip(totals, whole_max):
        failure = first_failure.get(total.function)
        filename, line = _location(failure) if failure else (f"exercises/{total.function.split('.')[0]}.py", 0)
        message = None
        if failure is not None:
            message = f"{failure.name}: {failure.output}"[:MESSAGE_LIMIT]
        tests.append({
            "name": total.function,
            "status": _status(total),
            "score": earned_points(total.score, total.max_score, maximum),
            "max_score": maximum,
            "message": message,
            "test_code": f"exercise {total.function} ({total.passed}/{total.total} checks passed)",
            "filename": filename,
            "line_no": line,
            "duration": 0,
        })
    if not tests:
        status = "error"
    elif all(t["status"] == "pass" for t in tests):
        status = "pass"
    else:
        status = "fail"
    return {"version": 1, "status": status, "max_score": sum(whole_max), "tests": tests}


def render(result) -> str:
    text = json.dumps(payload(result), separators=(",", ":"))
    return base64.b64encode(text.encode("utf-8")).decode("ascii")
