"""Every error the grader raises, and the exit codes the CLI turns them into.

Two families. Errors of a command (``UsageError``, ``GraderError`` and their kin) are plain
``Exception``s that the CLI maps to an exit code in one place (``exit_code``). Outcomes of
calling a submission (``SubmissionProblem`` and its kin) are not the submission's own answer.
They are not ``Exception``s on purpose: a test's ``pytest.raises(Exception)`` or a
hypothesis search must not swallow them, so a stub, a hang or a crash fails the test at once.
They derive from pytest's ``OutcomeException`` (a ``BaseException``, like ``pytest.skip``'s)
because pytest caches only such outcomes and ``Exception``s raised by a fixture: any other
``BaseException`` from a module-scoped fixture breaks that fixture for every later test
(pytest's internal ``assert not self._finalizers`` fails, and the test says "assertion failed").
"""
from __future__ import annotations

from _pytest.outcomes import OutcomeException


class SubmissionProblem(OutcomeException):
    """Base class: the call did not produce an answer; ``status`` is the result status.

    ``cause`` says why in a word (one of CAUSES) for code that must not read the message text.
    """

    status = "error"
    cause = "error"

    def __init__(self, message: str, where: str | None = None, *, cause: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.where = where
        if cause is not None:
            self.cause = cause  # "exercises/linear_algebra.py:42" when the student's own line is known

    def __str__(self) -> str:
        return f"{self.message} ({self.where})" if self.where else self.message


class NotImplementedYet(SubmissionProblem):
    """The function still raises NotImplementedError: the stub has not been filled in."""

    status = "failed"
    cause = "not_implemented"


class SubmissionTimeout(SubmissionProblem):
    """The call ran past its wall-clock limit and the worker was killed."""

    status = "timeout"
    cause = "timeout"


class WorkerCrashed(SubmissionProblem):
    """The worker died during the call (exit, signal, memory limit)."""

    cause = "crashed"


class SubmissionImportError(SubmissionProblem):
    """The module could not be imported (syntax error, crash at import; ``missing_module``: no file)."""

    cause = "import_failed"


class ProtocolError(SubmissionProblem):
    """The worker sent something the codec refuses (too large, too deep, not plain data)."""

    cause = "protocol"


class Forbidden(SubmissionProblem):
    """The function uses a name the exercise forbids (found statically, before running)."""

    status = "forbidden"
    cause = "forbidden"


class RemoteError(Exception):
    """Mixin for exceptions re-raised from a submission; ``remote_traceback`` is the student's frames."""

    remote_traceback: str = ""
    where: str | None = None


# Why a test earned nothing, in a word: on every result that did not pass (``TestResult.cause``).
CAUSES = ("not_implemented", "wrong_answer", "raised", "timeout", "crashed", "import_failed", "missing_module",
          "out_of_memory", "protocol", "forbidden", "skipped", "error", "no_report")

EXIT_OK = 0
EXIT_GRADER_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """Bad input from the person running the grader (exit code 2)."""


class GraderError(Exception):
    """The grader itself failed (exit code 1): a broken suite, not a broken submission."""


class MarkerError(UsageError, ValueError):
    """A solution file whose ``### BEGIN/END SOLUTION`` markers do not pair up."""


class ReleaseError(UsageError):
    """The release would be wrong (stale stubs, a marker region left in a file, a busy folder)."""


class ExportError(UsageError):
    """The export cannot be made from this checkout (missing solutions, a broken example)."""


def exit_code(exc: BaseException) -> int:
    """The CLI's exit code for an exception that ends a command."""
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, (UsageError, FileNotFoundError, NotADirectoryError)):
        return EXIT_USAGE
    return EXIT_GRADER_FAILED
