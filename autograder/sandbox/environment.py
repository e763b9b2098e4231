"""The worker's surroundings: its environment variables, matplotlib's folder, Landlock, scratch sweeping.

Kept apart from the proxies: these decide what a worker process starts with, not how the
grader talks to it.
"""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path



NO_LANDLOCK_VARIABLE = "AUTOGRADER_NO_LANDLOCK"


def landlock_wanted() -> bool:
    """False when ``AUTOGRADER_NO_LANDLOCK`` is set (not to 0): grade with seccomp alone, as on old kernels."""
    return os.environ.get(NO_LANDLOCK_VARIABLE, "") in ("", "0")


def not_dumpable() -> None:
    """Keep workers out of this process's /proc/<pid>/environ and mem even without Landlock.

    The grading process holds the suites in memory and the caller's tokens in its
    environment; a non-dumpable process's /proc files are open only to holders of
    CAP_SYS_PTRACE, which a worker never has.
    """
    import ctypes

    ctypes.CDLL(None).prctl(4, 0)  # PR_SET_DUMPABLE


def sweep_stale_scratch() -> None:
    """Remove scratch folders of grader processes that were killed before they could clean up."""
    for folder in Path(tempfile.gettempdir()).glob("autograder-*-*"):
        pid = folder.name.split("-")[1]
        if not pid.isdigit() or Path(f"/proc/{pid}").exists():
            continue
        try:
            if folder.is_dir() and not folder.is_symlink() and folder.stat().st_uid == os.getuid():
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


def mpl_config_dir() -> Path:
    path = Path(tempfile.gettempdir()) / f"autograder-mpl-{os.getuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


# One thread of numerics: a worker shares its core with the grader, a class's grading
# process with the other processes of the pool; threads of their own would only spin.
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def worker_environment() -> dict[str, str]:
    """A clean environment: no tokens, no CI secrets, single-threaded BLAS, headless plots."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "MPLBACKEND": "Agg",
           "MPLCONFIGDIR": str(mpl_config_dir()), **ONE_THREAD, "PYTHONDONTWRITEBYTECODE": "1",
           "HOME": tempfile.gettempdir()}
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # some CPUs need these to run BLAS at all
        if name in os.environ:
            env[name] = os.environ[name]
    return env


# ---------------------------------------------------------------- proxies


def read_worker_output(path: Path, offset: int, room: int) -> tuple[bytes, int]:
    """What the worker printed since ``offset`` (at most ``room`` bytes), and the next offset.

    The worker may swap the file for a symlink to a file only the grader can read, or for a
    FIFO: only a regular file that is really there is read. What does not fit is skipped,
    not kept for the next call to read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return b"", offset
    with open(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return b"", offset
        handle.seek(offset)
        data = handle.read(room) if room > 0 else b""
        return data, max(handle.tell(), info.st_size)
