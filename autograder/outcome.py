"""What the trusted side saw of one graded test, and the one place its outcome is decided.

The plugin fills a ``TestRecord`` from pytest's reports; ``TestRecord.result()`` turns it into
the ``TestResult`` every reporter shows. The helpers below word a failure for the student:
a short text, their own file and line, no grader paths.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .errors import Forbidden, NotImplementedYet, SubmissionProblem

if TYPE_CHECKING:
    from .results import TestResult


@dataclass
class TestRecord:
    """What the trusted side saw of one graded test."""

    nodeid: str
    name: str
    module: str
    function: str
    points: float
    phases: dict[str, str] = field(default_factory=dict)  # when -> passed/failed/skipped
    status: str = "error"
    cause: str | None = None  # why it earned nothing, one of errors.CAUSES
    output: str = ""
    where: str | None = None
    duration_s: float = 0.0

    def result(self) -> TestResult:
        """The test's result: the one place its final status, score and cause are decided.

        Passed only when setup, call and teardown all passed; anything else earns 0, and a
        record that says "passed" without all three phases becomes an error.
        """
        from .results import TestResult  # here: a student's own pytest never builds a result

        if self.passed:
            status, score, cause = "passed", self.points, None
            output = self.output if self.output.startswith("Your code printed") else ""
        else:
            status, score, cause = self.status, 0.0, self.cause or "no_report"
            output = self.output or "no result was reported for this test"
            if status == "passed":
                status = "error"
        return TestResult(name=self.name, module=self.module, function=f"{self.module}.{self.function}",
                          score=score, max_score=self.points, status=status, output=output,
                          where=self.where, cause=cause)

    @property
    def passed(self) -> bool:
        return (
            self.phases.get("setup") == "passed"
            and self.phases.get("call") == "passed"
            and self.phases.get("teardown") == "passed"
        )


FAILURE_LINES = 12


def short_failure(record: TestRecord) -> str:
    """The failure block pytest prints: exercise and finding first, the student's line last.

    Its first line is what pytest's one-line summary shows, so it names the exercise.
    """
    lines = (record.output or record.status).strip().splitlines() or [record.status]
    name = f"{record.module}.{record.function}"
    if not lines[0].startswith(name) and "is not implemented yet" not in lines[0]:
        lines[0] = f"{name}: {lines[0]}"
    if len(lines) > FAILURE_LINES:
        lines = lines[:FAILURE_LINES - 1] + [f"  ... ({len(lines) - FAILURE_LINES + 1} more lines)"]
    if record.where and record.where not in lines[0]:
        lines.append(f"  at {record.where}")
    return "\n".join(lines)


def _display(submission) -> str:
    """The submission folder as the student names it (``exercises``), never a scratch path."""
    return getattr(submission, "display", None) or Path(submission.folder).name


def scrub(submission, text: str) -> str:
    """Worker text with the grader's scratch copy and the folder's absolute path made relative."""
    display = _display(submission)
    for path, shown in ((getattr(submission, "src", None), display),
                        (getattr(submission, "scratch", None), "<scratch>"),
                        (getattr(submission, "folder", None), display)):
        if path:
            text = text.replace(str(path), shown)
    return _INSTALLED.sub("", text)


# "/opt/.../site-packages/sklearn/x.py" -> "sklearn/x.py": the grader machine's own paths
_INSTALLED = re.compile(r"""(?:[A-Za-z]:)?[^\s:"'()]*[/\\](?:site|dist)-packages[/\\]""")


def student_where(submission, record: TestRecord, excinfo) -> str | None:
    """Where the student's code went wrong, as ``exercises/module.py:line``.

    The worker's deepest frame in the student's module when it raised; in a student's own
    run, the deepest traceback entry in the submission folder; otherwise the ``def`` line of
    the function under test (a wrong answer has no frame of its own).
    """
    display = _display(submission)
    where = record.where
    if where is None and excinfo is not None:
        folder = Path(submission.folder).resolve()
        for entry in excinfo.traceback:
            path = Path(str(entry.path))
            if path.parent.resolve() == folder:
                where = f"{path.name}:{entry.lineno + 1}"
    if where is None:
        where = def_line(submission, record.module, record.function)
    if where and "/" not in where:
        where = f"{display}/{where}"
    return where


def def_line(submission, module: str, function: str) -> str | None:
    """``exercises/module.py:N``, the line of ``def function`` in the submission's file."""
    cache = submission.__dict__.setdefault("_autograder_def_lines", {})
    if module not in cache:
        source = Path(getattr(submission, "src", None) or submission.folder) / f"{module}.py"
        try:
            tree = ast.parse(source.read_text(encoding="utf-8"))
            cache[module] = {node.name: node.lineno for node in tree.body
                             if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            cache[module] = {}
    line = cache[module].get(function)
    return f"{_display(submission)}/{module}.py:{line}" if line else None


def cause_of(exc: BaseException) -> str:
    """Why a test earned nothing, in a word (one of ``errors.CAUSES``)."""
    if isinstance(exc, SubmissionProblem):
        return exc.cause
    if isinstance(exc, pytest.skip.Exception):
        return "skipped"
    return "wrong_answer" if isinstance(exc, AssertionError) else "raised"


def describe_failure(exc: BaseException) -> tuple[str, str, str | None]:
    """Status, feedback text and the student's own ``file:line`` for a failed test.

    Never the test's source: hidden tests state their property in the assertion message.
    """
    if isinstance(exc, SubmissionProblem):  # a forbidden name's message names its own line
        return exc.status, exc.message if isinstance(exc, Forbidden) else str(exc), exc.where
    where = getattr(exc, "where", None)
    if isinstance(exc, AssertionError):
        text = str(exc) or "assertion failed"
        # pytest's assertion rewriting (a student's own run) appends "assert <the test's code>"
        text = re.split(r"\nassert ", text, maxsplit=1)[0] if "\n" in text else text
    else:
        text = f"{type(exc).__name__}: {exc}"
        remote = getattr(exc, "remote_traceback", "")
        if remote:
            text += "\n" + remote
    notes = [n for n in getattr(exc, "__notes__", ()) if "Falsifying" in n or "example" in n.lower()]
    if notes:
        text += "\n" + "\n".join(notes)
    status = "failed" if isinstance(exc, (AssertionError, NotImplementedYet)) else "error"
    if type(exc).__module__.startswith("hypothesis"):
        status = "failed"
    return status, text, where
