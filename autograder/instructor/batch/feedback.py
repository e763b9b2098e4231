"""Per-student feedback: the score of each exercise and, for every failed property, what went wrong and where.

Markdown for the repository or an e-mail; HTML beside it, rendered with markdown-it (which
rich already brings). Only what the student may see: their results, never the class's.
"""
from __future__ import annotations

import re
from pathlib import Path

from ...results import GradeResult
from .store import GRADED

_STATUS_NOTE = {
    "no-modules": "No exercise modules were found in your submission, so nothing could be graded.",
    "timeout": "Grading your submission took too long and was stopped.",
    "error": "The grader itself failed on your submission; your instructor will regrade it.",
}


def render_feedback(record: dict, settings: dict) -> str:
    lines = [f"# Feedback for {record['student']}", "",
             f"**Score: {record['score']:.2f} / {record['max_score']:.2f}**", ""]
    if record["status"] != GRADED:
        lines += [_STATUS_NOTE.get(record["status"], record["status"]), ""]
    if record.get("reason"):
        lines += [f"Note: {record['reason']}", ""]
    if not record.get("result"):
        return "\n".join(lines)
    result = GradeResult.from_dict(record["result"])
    lines += ["## Score per exercise", "", "| exercise | score | tests passed | status |",
              "|---|---:|---:|---|"]
    totals = result.by_function()
    for total in totals:
        lines.append(f"| `{total.function}` | {total.score:.2f} / {total.max_score:.2f} "
                     f"| {total.passed} / {total.total} | {total.status} |")
    lines.append("")
    order = {total.function: i for i, total in enumerate(totals)}
    failures = sorted(result.failures(), key=lambda t: order[t.function])
    if failures:
        lines += ["## What failed", ""]
        current = None
        for test in failures:
            if test.function != current:
                current = test.function
                lines += [f"### `{current}`", ""]
            where = f" at `{test.where}`" if test.where else ""
            lines += [f"- **{test.name}**: {test.status}{where}", ""]
            if test.output:
                lines += [_fenced(test.output, indent="  "), ""]
    else:
        lines += ["Every test passed.", ""]
    seed = (record["result"].get("meta") or {}).get("seed", settings.get("seed"))
    suite = str(settings.get("suite"))
    suite = suite if suite in ("hidden", "public") else Path(suite).name  # no instructor paths
    lines += [f"_Graded with the {suite} suite, run seed {seed}._", ""]
    return "\n".join(lines)


def _fenced(text: str, indent: str = "") -> str:
    """A code block that no run of backticks inside ``text`` can close early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    body = "\n".join(indent + line for line in text.rstrip("\n").splitlines())
    return f"{indent}{fence}text\n{body}\n{indent}{fence}"


def _html(markdown: str, title: str) -> str | None:
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # pragma: no cover - rich depends on it
        return None
    from html import escape

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}"
            "pre{background:#f6f6f6;padding:.5em;overflow-x:auto}</style></head>\n"
            f"<body>\n{body}</body></html>\n")


def write_feedback(folder, records: dict[str, dict], settings: dict) -> list[Path]:
    """``<student>.md`` (and ``.html``) for every student; returns the Markdown files."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for student in sorted(records):
        text = render_feedback(records[student], settings)
        path = folder / f"{student}.md"
        path.write_text(text, encoding="utf-8")
        html = _html(text, f"Feedback for {student}")
        if html is not None:
            path.with_suffix(".html").write_text(html, encoding="utf-8")
        written.append(path)
    return written
