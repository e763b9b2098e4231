"""Grade many submissions in parallel: a pool of long-lived grading processes and a deadline for each.

Each pool process is a fresh interpreter (the "spawn" start method: nothing of this
process's state is inherited) that calls ``grade()`` again and again, so its sandbox
fork server, with NumPy, SciPy and scikit-learn preloaded, is started once and reused.
A process takes work once its fork server is ready, so a deadline counts grading only.
The engine limits every call into a submission, and the grading itself keeps the
whole-submission deadline (``settings["deadline"]``): past it, every call fails at once and
the tests already run keep their points. The pool's deadline is the backstop, a grace
period later: a pool process that passes it is killed (its fork server and workers die
with it), the submission is recorded as a timeout with score 0, and a new process takes
its place.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from multiprocessing.connection import wait
from typing import Iterator

from ...errors import GraderError
from .store import ERROR, TIMEOUT
from .task import grade_submission, has_modules, inspect_submission

_CONTEXT = multiprocessing.get_context("spawn")


def grade_all(jobs: list[tuple[str, str]], settings: dict, *, processes: int, deadline: float,
              log_path: str | None = None, on_start=None) -> Iterator[dict]:
    """Yield the record of each ``(student, path)`` job as soon as it is finished.

    ``settings`` holds ``suite``, ``timeout``, ``seed``, ``template`` and ``excluded``
    (folders the sandbox must never let a submission read). Stopping the iteration early
    (an interrupt) stops every pool process.
    """
    from ...sandbox.environment import not_dumpable

    not_dumpable()  # this process's environment (tokens) is no worker's to read, Landlock or not
    pending = deque()
    for student, path in jobs:
        if has_modules(path):
            pending.append((student, path))
        else:  # nothing to run: no process needed
            yield grade_submission(student, path, settings)
    if not pending:
        return
    pool = [_PoolProcess(settings, log_path) for _ in range(max(1, min(processes, len(pending))))]
    try:
        while pending or any(p.job for p in pool):
            for process in pool:
                if process.ready and process.job is None and pending:
                    process.assign(pending.popleft(), deadline)
                    if on_start:
                        on_start(process.job[0])
            waiting = [p for p in pool if p.job or not p.ready]
            deadlines = [p.deadline for p in waiting if p.job]
            wait([p.conn for p in waiting] + [p.process.sentinel for p in waiting],
                 timeout=max(0.0, min(deadlines) - time.monotonic()) if deadlines else None)
            for process in list(pool):
                if not process.ready:
                    process.check_started(log_path)
                    continue
                if process.job is None:
                    continue
                record = process.collect(settings)
                if record is None:
                    continue
                if process.job is not None:  # it died or overran: replace it if work remains
                    process.stop(kill=True)
                    pool.remove(process)
                    if pending:
                        pool.append(_PoolProcess(settings, log_path))
                yield record
    finally:
        for process in pool:
            process.stop(kill=bool(process.job) or not process.ready)


def backstop_grace(deadline: float) -> float:
    """Time after the deadline for a grading to finish its tests that fail at once, before the kill."""
    return max(15.0, 0.25 * deadline)


class _PoolProcess:
    """One grading process and the job it is working on."""

    def __init__(self, settings: dict, log_path: str | None):
        self.conn, theirs = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(theirs, settings, log_path),
                                        name="autograder-grading", daemon=True)
        self.process.start()
        theirs.close()
        self.ready = False  # until its fork server has loaded NumPy and friends
        self.job: tuple[str, str] | None = None
        self.started = 0.0
        self.deadline = float("inf")
        self.limit = 0.0

    def check_started(self, log_path: str | None) -> None:
        """Note the process's "ready"; a process that dies while starting means a broken setup."""
        message = None
        if self.conn.poll():
            try:
                message = self.conn.recv()
            except (EOFError, OSError):
                self.process.join(5)
        if message == "ready":
            self.ready = True
        elif not self.process.is_alive():
            where = f"; see {log_path}" if log_path else ""
            raise GraderError(f"a grading process could not start (exit code {self.process.exitcode}){where}")

    def assign(self, job: tuple[str, str], deadline: float) -> None:
        self.job, self.started = job, time.monotonic()
        self.limit = deadline
        self.deadline = self.started + deadline + backstop_grace(deadline)
        self.conn.send(job)

    def collect(self, settings: dict) -> dict | None:
        """The finished job's record, a record saying why it failed, or None while it runs.

        After a normal answer ``self.job`` is cleared; otherwise the process must be replaced.
        """
        student, path = self.job
        died = False
        if self.conn.poll():
            try:
                record = self.conn.recv()
            except (EOFError, OSError):
                died = True
            else:
                self.job = None
                return record
        elif self.process.is_alive() and time.monotonic() < self.deadline:
            return None
        record = inspect_submission(student, path, settings)
        record["duration_s"] = round(time.monotonic() - self.started, 3)
        if died or not self.process.is_alive():
            self.process.join(5)
            record.update(status=ERROR, reason="the grading process stopped unexpectedly "
                          f"(exit code {self.process.exitcode})")
        else:
            record.update(status=TIMEOUT, reason=f"grading did not finish within "
                          f"{self.deadline - self.started:g} s (its deadline of {self.limit:g} s "
                          "and a grace period) and was stopped")
        return record

    def stop(self, kill: bool) -> None:
        if not kill and self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(10)
        self.conn.close()


def one_thread_each() -> None:
    """Before NumPy loads: the pool's processes already share the cores, one each, so BLAS and
    OpenMP threads of a grading process's own would only spin against the others (about 0.1 s
    of CPU a grading, taken from the other process's workers)."""
    from ...sandbox.environment import ONE_THREAD

    os.environ.update(ONE_THREAD)


def _serve(conn, settings: dict, log_path: str | None) -> None:
    """The pool process: grade each submission it is sent, until it is sent ``None``."""
    one_thread_each()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt stops
    if log_path:
        # Whatever pytest or a library prints must not scramble the parent's progress bar.
        fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)
    from pathlib import Path

    from ...grading import suite_path
    from ...sandbox.launcher import get_forkserver

    # Deadlines count grading only: the preloading fork server is started before any job,
    # already keeping out the suite every job uses (grade() adds each submission).
    excluded = [Path(p) for p in settings.get("excluded", ())] + [suite_path(settings["suite"])]
    get_forkserver(excluded=excluded).ready()
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(grade_submission(job[0], job[1], settings))
