"""Debug mode: import a submission in this very process, for a student's own pytest and debugger.

Grading never uses it: here the submission could change anything the tests rely on.
"""
from __future__ import annotations

import functools
import importlib.util
import sys
import traceback
from pathlib import Path
from types import ModuleType

from .callinfo import inspect
from ..errors import NotImplementedYet, SubmissionImportError
from .static import forbidden_message
from .submission import Submission

# Hidden from pytest's traceback of a failure (the plugin replaces that text with the
# student's feedback): pytest re-parses the file of every frame it shows.
__tracebackhide__ = True


def student_frame(tb, folder: Path) -> str | None:
    """The innermost frame of ``tb`` that lies in the submission folder, as ``file:line``.

    Walks the frames without reading their source lines: every stub a test calls gets here.
    """
    home = folder.resolve()
    where = None
    for frame, lineno in traceback.walk_tb(tb):
        path = Path(frame.f_code.co_filename)
        if path.parent.resolve() == home:
            where = f"{path.name}:{lineno}"
    return where


class InProcessModule:
    """Calls a submission module's functions directly; the same face as the sandboxed proxy."""

    def __init__(self, module: ModuleType, folder: Path):
        self._module = module
        self._folder = folder

    def with_timeout(self, seconds: float) -> "InProcessModule":
        return self  # pytest-timeout guards a student's own run

    def inspect_call(self, name: str, *args, **kwargs):
        """``(result, CallInfo)``: the answer and whether the call modified or aliased its inputs.

        A stub's failure leaves the frames below here behind: it names the stub and its line
        itself, and pytest would re-parse the files of those frames for every stub a run calls.
        """
        try:
            return inspect(getattr(self, name), args, kwargs)
        except NotImplementedYet as stub:
            raise stub.with_traceback(None)

    def judge(self, kind: str, value, **params):
        """The grader's check of a figure or a network, as in the sandbox (see ``judges``)."""
        from .judges import judge

        return judge(kind, value, params)

    def __getattr__(self, name: str):
        func = getattr(self._module, name)
        if not callable(func):
            return func

        @functools.wraps(func)
        def call(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except NotImplementedError as exc:
                where = student_frame(exc.__traceback__, self._folder)
                raise NotImplementedYet(
                    f"{self._module.__name__}.{name} is not implemented yet", where
                ) from None

        return call


class InProcessSubmission(Submission):
    """Imports the modules of one submission folder under private names, once each."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._modules: dict[str, InProcessModule | SubmissionImportError] = {}
        self._static: dict[str, dict] = {}

    def module(self, name: str) -> InProcessModule:
        if name not in self._modules:
            self._modules[name] = self._load(name)
        found = self._modules[name]
        if isinstance(found, SubmissionImportError):
            raise found
        return found

    def _load(self, name: str):
        path = self.folder / f"{name}.py"
        if not path.is_file():
            return SubmissionImportError(f"{path} does not exist", cause="missing_module")
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        added = str(self.folder) not in sys.path
        if added:  # let a module import a sibling helper, as it would in the student's repo
            sys.path.insert(0, str(self.folder))
        previous = sys.modules.get(name)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:  # noqa: BLE001 - any import failure is the submission's
            if previous is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = previous
            where = student_frame(exc.__traceback__, self.folder)
            return SubmissionImportError(
                f"importing {name}.py failed: {type(exc).__name__}: {exc}", where
            )
        finally:
            if added:
                sys.path.remove(str(self.folder))
        return InProcessModule(module, self.folder)

    def forbidden(self, module: str, function: str) -> str | None:
        """The same static check as grading, so a student hears of a forbidden name early."""
        return forbidden_message(self.folder / f"{module}.py", module, function, self._static,
                                 f"{self.folder.name}/{module}.py")

    def take_output(self) -> str:
        return ""  # pytest's own capture shows what the student printed

    # Calls in this process cost no round trip: nothing to record or prefetch.

    def start_recording(self) -> None:
        pass

    def stop_recording(self) -> list:
        return []

    def prefetch(self, requests) -> None:
        pass

    def read_ahead(self, module: str) -> list:
        return []

    def end_prefetch(self) -> None:
        pass

    def close(self) -> None:
        pass
