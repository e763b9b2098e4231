"""JUnit XML shaped like ``pytest --junitxml``, for CI test viewers; points ride along as properties."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..results import points_text, suite_label

# XML 1.0 cannot carry most control characters, and a submission's output may contain them.
_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A student's wrong answer is a "failure"; a crash is an "error", as pytest reports them.
_FAILURE_STATUSES = ("failed", "timeout", "forbidden")


def _clean(text: str) -> str:
    """Characters XML 1.0 cannot carry are dropped (ElementTree escapes the rest)."""
    return _ILLEGAL.sub("", text or "")


def _testcase(test) -> ET.Element:
    case = ET.Element("testcase", classname=_clean(test.module), name=_clean(test.name))
    properties = ET.SubElement(case, "properties")
    ET.SubElement(properties, "property", name="exercise", value=test.function)
    ET.SubElement(properties, "property", name="points", value=f"{test.score:g}")
    ET.SubElement(properties, "property", name="max_points", value=f"{test.max_score:g}")
    if test.status != "passed":
        tag = "failure" if test.status in _FAILURE_STATUSES else "error"
        text = _clean(test.output)
        if test.where and test.where not in text:
            text += f"\n(at {test.where})"
        first_line = text.strip().splitlines()[0] if text.strip() else test.status
        failure = ET.SubElement(case, tag, message=first_line, type=_clean(test.status))
        failure.text = text
    return case


def tree(result) -> ET.Element:
    """The ``<testsuites>`` element for a GradeResult."""
    failures = sum(t.status in _FAILURE_STATUSES for t in result.tests)
    errors = sum(t.status not in _FAILURE_STATUSES and t.status != "passed" for t in result.tests)
    suites = ET.Element("testsuites", name="autograder")
    suite = ET.SubElement(suites, "testsuite", name=f"autograder ({suite_label(result.meta)} suite)",
                          errors=str(errors), failures=str(failures), skipped="0",
                          tests=str(len(result.tests)), time=f"{float(result.meta.get('duration_s', 0.0)):.3f}")
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="score", value=points_text(result.score))
    ET.SubElement(properties, "property", name="max_score", value=points_text(result.max_score))
    if "seed" in result.meta:
        ET.SubElement(properties, "property", name="seed", value=str(result.meta["seed"]))
    for test in result.tests:
        suite.append(_testcase(test))
    return suites


def render(result) -> str:
    root = tree(result)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
