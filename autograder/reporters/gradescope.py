"""Gradescope's ``results.json``: one entry per test, hidden-suite tests shown only after the due date."""
from __future__ import annotations

import json
from pathlib import Path

from ..curriculum import MODULES
from ..results import points_text, suite_label

HIDDEN_VISIBILITY = "after_due_date"
PUBLIC_VISIBILITY = "visible"


def suite_is_public(meta: dict) -> bool:
    """Only the public suite is safe to show before the due date; anything else counts as hidden."""
    suite = meta.get("suite")
    return suite is not None and Path(str(suite)).name == "public"


def _number(module: str, index: int) -> str:
    """``"6.3"``: the module's place in the course, then the test's place in its module."""
    order = list(MODULES)
    major = order.index(module) + 1 if module in order else len(order) + 1
    return f"{major}.{index}"


def _output(test) -> str:
    text = test.output or ""
    if test.status != "passed" and test.where and test.where not in text:
        text += f"\n(at {test.where})"
    return text.strip()


def results(result) -> dict:
    """The results.json object (a plain dict) for a GradeResult."""
    visibility = PUBLIC_VISIBILITY if suite_is_public(result.meta) else HIDDEN_VISIBILITY
    counters: dict[str, int] = {}
    tests = []
    for test in result.tests:
        counters[test.module] = counters.get(test.module, 0) + 1
        tests.append({
            "name": f"{test.function}: {test.name}",
            "number": _number(test.module, counters[test.module]),
            "score": round(test.score, 4),
            "max_score": round(test.max_score, 4),
            "status": "passed" if test.status == "passed" else "failed",
            "output": _output(test),
            "visibility": visibility,
        })
    passed = sum(t.status == "passed" for t in result.tests)
    estimate = " (an estimate: the hidden suite decides)" if suite_label(result.meta) == "public" else ""
    summary = (f"Score {points_text(result.score)} / {points_text(result.max_score)}{estimate}: "
               f"{passed} of {len(result.tests)} tests passed.")
    if "seed" in result.meta:
        summary += f" Run seed {result.meta['seed']}."
    return {
        "score": result.score,
        "execution_time": round(float(result.meta.get("duration_s", 0.0)), 3),
        "output": summary,
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def render(result) -> str:
    return json.dumps(results(result), indent=2)
