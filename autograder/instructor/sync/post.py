"""What is posted for a graded commit: a commit status and the pull-request comment's text."""
from __future__ import annotations

from ..batch.store import GRADED, NO_MODULES, TIMEOUT
from ...reporters import markdown
from ...results import GradeResult

MARKER = "<!-- autograder -->"
DESCRIPTION_LIMIT = 140  # GitHub cuts a status description there


def status_of(record: dict) -> tuple[str, str]:
    """``(state, description)``: success only at full marks, failure otherwise."""
    score, maximum = record["score"], record["max_score"]
    full = record["status"] == GRADED and maximum > 0 and score >= maximum - 1e-9
    description = f"{score:.2f} / {maximum:g}"
    if record["status"] == NO_MODULES:
        description += " (no exercise modules found)"
    elif record["status"] == TIMEOUT:
        description += " (grading ran out of time)"
    return ("success" if full else "failure"), description[:DESCRIPTION_LIMIT]


def comment_body(record: dict) -> str:
    """The Markdown feedback of the commit, marked so that the next run finds and edits it."""
    head = f"{MARKER}\n<sub>Authoritative grade of commit {record['sha']}, graded by the instructor's autograder.</sub>\n\n"
    if record.get("result"):
        return head + markdown.render(GradeResult.from_dict(record["result"]))
    reason = record.get("reason") or record["status"]
    return head + f"## Autograder score: {record['score']:.2f} / {record['max_score']:g}\n\n{reason}\n"
