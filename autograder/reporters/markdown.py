"""A Markdown report for ``$GITHUB_STEP_SUMMARY`` and a pull-request comment: score, modules, what to fix."""
from __future__ import annotations

import re

from ..curriculum import MODULES

MAX_FAILURES_SHOWN = 10
OUTPUT_LIMIT = 1200  # characters of feedback per failure: a PR comment must stay readable
NOT_IMPLEMENTED = "is not implemented yet"
_MARK = {"passed": "✅", "failed": "❌", "error": "💥", "timeout": "⏱️", "forbidden": "🚫"}


def _cell(text: str) -> str:
    """Text that cannot break a table row."""
    return text.replace("|", "\\|").replace("\n", " ")


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
    suite = result.meta.get("suite", "hidden")
    passed = sum(t.status == "passed" for t in result.tests)
    lines = [f"## Autograder score: {result.score:.2f} / {result.max_score:g}", "",
             f"{passed} of {len(result.tests)} checks passed ({suite} suite).", "",
             "| module | points | checks passed | |", "| --- | ---: | ---: | :---: |"]
    for module, score, maximum, ok, total in _modules(result):
        mark = "✅" if ok == total else ("❌" if ok == 0 else "🟡")
        lines.append(f"| `{_cell(module)}` | {score:.2f} / {maximum:.2f} | {ok}/{total} | {mark} |")
    first = {}
    for test in result.failures():
        first.setdefault(test.function, test)
    # A stub's failure says nothing new: list those exercises on one line, explain the rest.
    todo = [f for f, t in first.items() if NOT_IMPLEMENTED in t.output]
    first = {f: t for f, t in first.items() if f not in todo}
    if todo:
        names = ", ".join(f"`{_cell(f)}`" for f in todo)
        lines += ["", f"**Not implemented yet ({len(todo)}):** {names}"]
    if first:
        lines += ["", "### What to fix first", ""]
        for test in list(first.values())[:MAX_FAILURES_SHOWN]:
            where = f" at `{_cell(test.where)}`" if test.where else ""
            lines.append(f"- {_MARK.get(test.status, '❌')} **{_cell(test.function)}** "
                         f"— `{_cell(test.name)}` ({test.status}){where}")
            output = test.output.strip()
            if len(output) > OUTPUT_LIMIT:
                output = output[:OUTPUT_LIMIT] + " …"
            if output:
                lines += ["", "  " + _fenced(output).replace("\n", "\n  "), ""]
        if len(first) > MAX_FAILURES_SHOWN:
            lines.append(f"- … and {len(first) - MAX_FAILURES_SHOWN} more exercises with failures")
    if not todo and not first:
        lines += ["", "Every check passed. 🎉"]
    if "seed" in result.meta:
        lines += ["", f"<sub>run seed {result.meta['seed']}; graded in "
                      f"{float(result.meta.get('duration_s', 0.0)):.1f} s</sub>"]
    return "\n".join(lines) + "\n"
