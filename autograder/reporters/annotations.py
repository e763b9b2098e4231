"""GitHub workflow commands that put each failing exercise's message on the student's own line.

Attempted exercises come first, as ``::error`` on the line where the student's code went
wrong; the stubs still open share one ``::warning`` (on the first stub's line). GitHub shows
at most 10 annotations of each level per step (50 per run), so when more than 10 attempted
exercises fail the tenth error names all the rest: a cap never hides an attempted exercise.
File paths are relative to the repository root, as GitHub expects.
"""
from __future__ import annotations

import re

MAX_PER_LEVEL = 10  # GitHub: 10 error, 10 warning and 10 notice annotations per step
MAX_ANNOTATIONS = MAX_PER_LEVEL  # kept for callers of the old name
MESSAGE_LIMIT = 2000
_WHERE = re.compile(r"^(?P<file>[^:]+\.py):(?P<line>\d+)$")


def escape_data(text: str) -> str:
    """The message part of a workflow command: %, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): also ``:`` and ``,``, which would end the property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, *, title: str, where: str | None = None) -> str:
    """One ``::level file=..,line=..,title=..::message`` line, every part escaped."""
    props = []
    match = _WHERE.match(where or "")
    if match:
        props += [f"file={escape_property(match['file'])}", f"line={match['line']}"]
    props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(message.strip()[:MESSAGE_LIMIT])}"


def render(result) -> str:
    feedback = result.feedback()
    lines = []
    attempted = feedback.attempted
    shown = attempted if len(attempted) <= MAX_PER_LEVEL else attempted[:MAX_PER_LEVEL - 1]
    for test in shown:
        lines.append(command("error", test.output or test.status, title=f"{test.function}: {test.name} ({test.status})",
                             where=test.where))
    rest = attempted[len(shown):]
    if rest:
        names = ", ".join(f"{t.function} ({t.where or t.status})" for t in rest)
        lines.append(command("error", f"{len(rest)} more exercises fail: {names}. "
                             "The run's summary shows what went wrong in each.",
                             title=f"{len(rest)} more failing exercises", where=rest[0].where))
    stubs = feedback.not_implemented
    if stubs:
        names = ", ".join(t.function for t in stubs)
        lines.append(command("warning", f"not implemented yet: {names}",
                             title=f"{len(stubs)} exercises not implemented yet", where=stubs[0].where))
    return "\n".join(lines) + ("\n" if lines else "")
