"""The grader's side of the sandbox: a submission whose modules live in worker processes.

One worker per exercise module (a ``RemoteModule``), forked from the shared fork server, so a
module that crashes or hangs costs only its own tests. The folder is copied to a scratch
folder first and checked statically.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from . import bounds
from ..curriculum import FORBIDDEN
from .static import forbidden_message
from .environment import sweep_stale_scratch
from .remote import MAX_MODULE_BYTES, MAX_OUTPUT_CHARS
from .launcher import ForkServer, get_forkserver
from .remote_module import RemoteModule
from .submission import Submission


class SandboxSubmission(Submission):
    """A submission folder graded through workers: copied to a scratch folder, checked statically."""

    def __init__(self, folder: Path, *, call_timeout: float = 10.0, memory_mb: int = 2048,
                 cpu_seconds: int = 300, server: ForkServer | None = None):
        self.folder = Path(folder).resolve()
        if not self.folder.is_dir():
            raise FileNotFoundError(f"no such folder: {folder}")
        self.display = self.folder.name
        self.call_timeout = call_timeout
        self.server = server or get_forkserver()
        sweep_stale_scratch()
        self.scratch = Path(tempfile.mkdtemp(prefix=f"autograder-{os.getpid()}-"))
        self.src = self.scratch / "submission"
        self.src.mkdir()
        for path in sorted(self.folder.glob("*.py")):
            # A symlink would make the grader copy, with its own rights, a file the worker
            # may not read (a hidden suite, a key): the submission is its regular files only.
            if not path.is_symlink() and path.is_file() and path.stat().st_size <= MAX_MODULE_BYTES:
                shutil.copyfile(path, self.src / path.name, follow_symlinks=False)
        self.options = {"memory_bytes": memory_mb * 2**20, "cpu_seconds": cpu_seconds,
                        "file_bytes": 64 * 2**20,
                        "forbidden": {k: list(v) for k, v in FORBIDDEN.items()}}
        self.budget = bounds.GradingBudget(call_timeout)
        self.output: list[str] = []
        self._output_chars = 0
        self._modules: dict[str, RemoteModule] = {}
        self._static: dict[str, dict] = {}

    def module(self, name: str) -> RemoteModule:
        if name not in self._modules:
            self._modules[name] = RemoteModule(self, name)
        return self._modules[name]

    def forbidden(self, module: str, function: str) -> str | None:
        """Why ``module.function`` scores 0 for forbidden names, or None."""
        return forbidden_message(self.src / f"{module}.py", module, function, self._static,
                                 f"{self.display}/{module}.py")

    def take_output(self) -> str:
        text = "".join(self.output)
        self.output.clear()
        self._output_chars = 0
        return text if len(text) <= MAX_OUTPUT_CHARS else text[:MAX_OUTPUT_CHARS] + "\n... (cut)"

    def close(self) -> None:
        for module in self._modules.values():
            module._stop()
        shutil.rmtree(self.scratch, ignore_errors=True)
