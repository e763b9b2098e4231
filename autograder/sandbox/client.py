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

from . import answer_guard, bounds
from ..curriculum import forbidden_lists
from .static import forbidden_message
from .environment import read_worker_output, sweep_stale_scratch
from .remote import MAX_MODULE_BYTES, MAX_OUTPUT_CHARS, printable
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
                        "forbidden": forbidden_lists()}
        self.budget = bounds.GradingBudget(call_timeout)
        self.output: list[str] = []
        self._output_chars = 0
        self._modules: dict[str, RemoteModule] = {}
        self._static: dict[str, dict] = {}
        self._recording: list[tuple] | None = None

    # -- a test's calls, recorded once and prefetched in one batch per module (see ``prefetch``)

    def start_recording(self) -> None:
        self._recording = []

    def stop_recording(self) -> list[tuple[str, bytes | None, float | None]]:
        """``(module, request bytes, timeout)`` of every prefetchable call since ``start_recording``;
        the bytes are None for a call that carries an earlier answer (``answer_guard``): made live."""
        recorded, self._recording = self._recording or [], None
        return answer_guard.mark_live(recorded)

    @property
    def recording(self) -> bool:
        return self._recording is not None

    def _record(self, module: str, data: bytes, timeout: float | None, arguments, answer) -> None:
        if self._recording is not None:
            self._recording.append((module, data, timeout, answer_guard.leaves(arguments),
                                    answer_guard.leaves(answer)))

    def prefetch(self, requests: list[tuple[str, bytes, float | None]]) -> None:
        """Send each module's share of ``requests`` to its worker in one batch; never raises for the submission."""
        by_module: dict[str, list[tuple[bytes, float | None]]] = {}
        for module, data, timeout in requests:
            by_module.setdefault(module, []).append((data, timeout))
        for module, calls in by_module.items():
            self.module(module)._prefetched.fetch(calls)

    def read_ahead(self, module: str) -> list:
        """The answers read ahead for ``module`` and not used yet, in order (``answer_key``)."""
        found = self._modules.get(module)
        return list(found._prefetched.queue) if found is not None else []

    def end_prefetch(self) -> None:
        """Drop the answers the test did not use (their cost is already charged)."""
        for module in self._modules.values():
            module._prefetched.drop()

    def module(self, name: str) -> RemoteModule:
        if name not in self._modules:
            self._modules[name] = RemoteModule(self, name)
        return self._modules[name]

    def forbidden(self, module: str, function: str) -> str | None:
        """Why ``module.function`` scores 0 for forbidden names, or None."""
        return forbidden_message(self.src / f"{module}.py", module, function, self._static,
                                 f"{self.display}/{module}.py")

    def add_output(self, path: Path, offset: int) -> int:
        """Add what a worker printed to ``path`` since ``offset`` to this test's output; the next offset."""
        room = MAX_OUTPUT_CHARS + 1 - self._output_chars  # per test, across calls
        data, offset = read_worker_output(path, offset, room)
        if data:
            text = printable(data.decode("utf-8", "replace"))
            self._output_chars += len(text)
            self.output.append(text)
        return offset

    def take_output(self) -> str:
        text = "".join(self.output)
        self.output.clear()
        self._output_chars = 0
        return text if len(text) <= MAX_OUTPUT_CHARS else text[:MAX_OUTPUT_CHARS] + "\n... (cut)"

    def close(self) -> None:
        for module in self._modules.values():
            module._stop()
        shutil.rmtree(self.scratch, ignore_errors=True)
