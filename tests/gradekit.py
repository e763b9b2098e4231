"""Helpers for the engine's tests: tiny suites and submissions in a folder, and leftover processes.

A suite written here looks like the real ones in ``autograder/suites/hidden``: a
``test_<module>.py`` per module with ``POINTS`` and ``@pytest.mark.exercise`` tests that use
the ``sub`` fixture.
"""
from __future__ import annotations

import ctypes
import os
import signal
import textwrap
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_PR_SET_CHILD_SUBREAPER = 36


def write_files(folder: Path, files: dict[str, str]) -> Path:
    """Write ``{name: source}`` into ``folder`` (dedented, first blank line dropped); return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


def _parents() -> dict[int, int]:
    """pid -> parent pid for every process we can see in /proc (zombies included)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # the command name may hold spaces and ')'
        found[int(entry)] = int(fields[1])
    return found


def descendants(pid: int | None = None) -> set[int]:
    """Every process below ``pid`` (default: this one), however deep."""
    root = os.getpid() if pid is None else pid
    parents = _parents()
    below, frontier = set(), {root}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - below
        below |= frontier
    return below


@contextmanager
def watch_processes(ignore=()):
    """Yield a list that, after the block, holds the processes the block left running.

    This process becomes a child subreaper for the block, so a process that a worker
    managed to start and orphan would be re-parented here instead of escaping to init.
    Leftovers are killed and reaped before the list is filled, so a failing test cleans up.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    before = descendants()
    leftovers: list[int] = []
    try:
        yield leftovers
    finally:
        new = descendants() - before - set(ignore)
        for pid in new:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for pid in new:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        libc.prctl(_PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)
        leftovers.extend(sorted(new))
