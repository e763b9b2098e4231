"""A Markdown report for ``$GITHUB_STEP_SUMMARY`` and a pull-request comment: score, modules, what to fix."""
from __future__ import annotations

import re

from ..curriculum import MODULES
from ..results import points_text, suite_label

MAX_FAILURES_SHOWN = 10
OUTPUT_LIMIT = 1200  # characters of feedback per failure: a PR comment must stay readable
_MARK = {"passed": "✅", "failed": "❌", "error": "💥", "timeout": "⏱️", "forbidden": "🚫"}


def _code(text: str, table: bool = False) -> str:
    """Worker-chosen text as an inline code span: literal (no HTML, no emphasis), one line,
    delimited by more backticks than any run inside it; in a table row, pipes escaped too."""
    text = text.replace("\r", " ").replace("\n", " ")
    if table:
        text = text.replace("|", "\\|")
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _fenced(text: str) -> str:
    """A code block whose fence is longer than any run of backticks inside ``text``."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _modules(result) -> list[tuple[str, float, float, int, int]]:
    rows: dict[str, list] = {}
    for test in result.tests:
        row = rows.setdefault(test.module, [0.0, 0.0, 0, 0])
        row[0] += test.score
        row[1] += test.max_score
        row[2] += test.status == "passed"
        row[3] += 1
    order = list(MODULES)
    course_order = sorted(rows, key=lambda m: (order.index(m) if m in order else len(order), m))
    return [(name, *rows[name]) for name in course_order]


def render(result) -> str:
    suite = suite_label(result.meta)
    passed = sum(t.status == "passed" for t in result.tests)
    estimate = " (an estimate: the hidden suite decides)" if suite == "public" else ""
    lines = [f"## Autograder score: {points_text(result.score)} / {points_text(result.max_score)}{estimate}",
             "", f"{passed} of {len(result.tests)} checks passed ({suite} suite).", "",
             "| module | points | checks passed | |", "| --- | ---: | ---: | :---: |"]
    for module, score, maximum, ok, total in _modules(result):
        mark = "✅" if ok == total else ("❌" if ok == 0 else "🟡")
        lines.append(f"| {_code(module, table=True)} | {points_text(score)} / {points_text(maximum)} | {ok}/{total} | {mark} |")
    feedback = result.feedback()
    if feedback.attempted:  # every attempted exercise is listed; only the detail is capped
        lines += ["", "### What to fix first", ""]
        for index, test in enumerate(feedback.attempted):
            where = f" at {_code(test.where)}" if test.where else ""
            lines.append(f"- {_MARK.get(test.status, '❌')} **{test.function}** "
                         f"— {_code(test.name)} ({test.status}){where}")
            output = test.output.strip()
            if len(output) > OUTPUT_LIMIT:
                output = output[:OUTPUT_LIMIT] + " …"
            if output and index < MAX_FAILURES_SHOWN:
                lines += ["", "  " + _fenced(output).replace("\n", "\n  "), ""]
    if feedback.not_implemented:
        names = ", ".join(_code(t.function) for t in feedback.not_implemented)
        lines += ["", f"**Not implemented yet ({len(feedback.not_implemented)}):** {names}"]
    if not feedback.attempted and not feedback.not_implemented:
        lines += ["", "Every check passed. 🎉"]
    if "seed" in result.meta:
        lines += ["", f"<sub>run seed {int(result.meta['seed'])}; graded in "
                      f"{float(result.meta.get('duration_s', 0.0)):.2f} s</sub>"]
    return "\n".join(lines) + "\n"
