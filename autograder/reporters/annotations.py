"""GitHub workflow commands that put each failing exercise's message on the student's own line.

Only failures whose ``where`` names a file and line (``exercises/linear_algebra.py:42``) get
one; the file path is relative to the repository root, as GitHub expects.
"""
from __future__ import annotations

import re

MAX_ANNOTATIONS = 10  # GitHub shows at most 10 error annotations per step
MESSAGE_LIMIT = 2000
_WHERE = re.compile(r"^(?P<file>[^:]+\.py):(?P<line>\d+)$")


def escape_data(text: str) -> str:
    """The message part of a workflow command: %, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): also ``:`` and ``,``, which would end the property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result) -> str:
    lines = []
    seen = set()
    for test in result.failures():
        match = _WHERE.match(test.where or "")
        if match is None or test.function in seen:
            continue
        seen.add(test.function)  # the first failure of an exercise is the one to fix
        title = f"{test.function}: {test.name} ({test.status})"
        message = (test.output or test.status).strip()[:MESSAGE_LIMIT]
        lines.append(f"::error file={escape_property(match['file'])},line={match['line']},"
                     f"title={escape_property(title)}::{escape_data(message)}")
        if len(lines) == MAX_ANNOTATIONS:
            break
    return "\n".join(lines) + ("\n" if lines else "")
