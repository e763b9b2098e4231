"""GitHub Classroom's grader output: base64 of the JSON that autograding-grading-reporter decodes.

One entry per exercise (function), not per test: the Actions log and the Classroom view
then read like the course. Scores are WHOLE points, because Classroom's grade CSV shows a
fractional score as 0; ``GradeResult.whole_points`` splits them so that the entries add up
to ``floor(score)`` of the two-decimal total ("Points 83/100" for 83.79): a perfect
submission scores exactly 100, a stub 0, and rounding never gives a point that was not earned.
The reporter's own log table counts passed entries instead (passed/total x max); that
number is the reporter's, and the docs say so.

``test_code`` is shown in the student-readable log, so it holds the exercise's name, never
test source; ``message`` holds the feedback of the exercise's first failing test.
"""
from __future__ import annotations

import base64
import json
import re

from ..results import largest_remainder

MESSAGE_LIMIT = 1000
_WHERE = re.compile(r"^(?P<file>.+\.py):(?P<line>\d+)$")


def whole_points(shares: list[float], total: int) -> list[int]:
    """Integers proportional to ``shares`` that add up to ``total`` (largest remainder)."""
    return largest_remainder(shares, total)


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
    feedback = {t.function: t for t in result.feedback().all}
    tests = []
    for total, earned, maximum in result.whole_points():
        failure = feedback.get(total.function)
        filename, line = _location(failure) if failure else (f"exercises/{total.function.split('.')[0]}.py", 0)
        message = None
        if failure is not None:
            where = f" (at {failure.where})" if failure.where and failure.where not in failure.output else ""
            message = f"{failure.name}: {failure.output}{where}"[:MESSAGE_LIMIT]
        tests.append({
            "name": total.function,
            "status": _status(total),
            "score": earned,
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
    return {"version": 1, "status": status, "max_score": sum(t["max_score"] for t in tests), "tests": tests}


def render(result) -> str:
    text = json.dumps(payload(result), separators=(",", ":"))
    return base64.b64encode(text.encode("utf-8")).decode("ascii")
