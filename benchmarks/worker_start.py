"""How fast a sandboxed worker is ready: a fork of the preloaded server vs. a cold interpreter.

The fork server pays the NumPy/SciPy/scikit-learn/matplotlib imports once; a worker is a
``fork()``, its confinement, the submission module's import and one answer. The cold
figure is what every worker would cost without the server.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from .measure import Figure, Unavailable, exited, time_command

COLD_IMPORTS = "import numpy, scipy.stats, sklearn.neural_network, matplotlib.pyplot"
PROBE_MODULE = "numpy_basics"


def worker_start(submission: Path, spawns: int) -> Figure:
    """Spawn-to-first-answer latency of ``spawns`` fresh workers, in milliseconds.

    Each sample is a new worker: fork, confine, import ``numpy_basics.py``, answer
    ``describe([1, 2, 3])``. The server's own start (its preload) is reported apart.
    """
    if not (submission / f"{PROBE_MODULE}.py").is_file():
        raise Unavailable(f"{PROBE_MODULE}.py is not in the workload's solutions")
    from autograder.sandbox.client import SandboxSubmission
    from autograder.sandbox.remote_module import RemoteModule
    from autograder.sandbox.launcher import get_forkserver, shutdown_forkserver

    shutdown_forkserver()  # a server left by someone else would hide the preload's cost
    started = time.perf_counter()
    server = get_forkserver(excluded=[submission])
    server.ready()
    preload_s = time.perf_counter() - started
    sub = SandboxSubmission(submission, server=server)
    runs, starts, calls = [], [], []
    try:
        for _ in range(max(1, spawns)):
            module = RemoteModule(sub, PROBE_MODULE)
            begin = time.perf_counter()
            module._start()  # fork, confine, import the module: the worker is ready
            ready = time.perf_counter()
            answer = module.describe([1, 2, 3])
            end = time.perf_counter()
            module._stop()
            if answer != (3, (3,), 1):
                raise Unavailable(f"the probe worker answered {answer!r}, not (3, (3,), 1)")
            runs.append((end - begin) * 1000)
            starts.append((ready - begin) * 1000)
            calls.append((end - ready) * 1000)
    finally:
        sub.close()
        shutdown_forkserver()
    figure = Figure(runs, unit="ms", note=f"fork + confine + import {PROBE_MODULE}.py + one call")
    figure.extra = {"forkserver_ready_s": round(preload_s, 3),
                    "start_ms": round(statistics.median(starts), 2),
                    "first_call_ms": round(statistics.median(calls), 2)}
    return figure


def cold_import(times: int) -> Figure:
    """A fresh interpreter importing what the fork server preloads, in milliseconds."""
    # No warm-up run: the grading figures before this one have already read these
    # libraries into the page cache, as the fork server finds them too.
    argv = [sys.executable, "-c", COLD_IMPORTS]
    figure = time_command(argv, times, ok=exited(0), note=f'python -c "{COLD_IMPORTS}"')
    return Figure([s * 1000 for s in figure.runs], unit="ms", note=figure.note)
