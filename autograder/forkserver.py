"""The fork server: imports NumPy, SciPy, scikit-learn and matplotlib once, then forks workers.

A fresh worker costs a ``fork()`` (milliseconds) instead of a cold interpreter and its
imports (seconds). It is started with ``python -I`` and a clean environment, before any
suite is loaded, so a worker inherits no test, oracle or secret from the grader.

Control messages are JSON over a SOCK_SEQPACKET socket; a spawn request carries the
worker's end of its channel as a passed file descriptor.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import sys
from pathlib import Path

PRELOAD = (
    "numpy", "numpy.linalg", "scipy", "scipy.stats", "scipy.linalg", "scipy.special",
    "sklearn", "sklearn.neural_network", "sklearn.datasets", "sklearn.model_selection",
    "sklearn.metrics", "sklearn.preprocessing", "sklearn.decomposition",
    "matplotlib", "matplotlib.figure", "matplotlib.pyplot", "matplotlib.backends.backend_agg",
    "statistics", "math", "itertools", "functools", "collections", "random",
)


def preload() -> None:
    import importlib

    import matplotlib

    matplotlib.use("Agg")
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a missing optional library only slows its first use
            pass


def _exit_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        hint = {"SIGKILL": " (killed: time or memory limit)", "SIGXCPU": " (CPU time limit)",
                "SIGSEGV": " (segmentation fault)"}.get(name, "")
        return f"killed by {name}{hint}"
    if os.WIFEXITED(status):
        return f"exited with code {os.WEXITSTATUS(status)}"
    return f"status {status}"


def serve(ctl: socket.socket, config: dict) -> None:
    from . import confine, worker

    package = Path(__file__).resolve().parent
    excluded = [package] + [Path(p) for p in config.get("excluded", [])]
    if package.parent.name not in ("site-packages", "dist-packages"):
        excluded.append(package.parent)  # a source checkout: solutions/ sits beside the package
    readable = [str(p) for p in confine.readable_roots(excluded, [Path(p) for p in config.get("readable", [])])]
    abi = confine.landlock_abi()
    ctl.send(json.dumps({"ready": True, "landlock_abi": abi, "pid": os.getpid()}).encode())
    children: set[int] = set()
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(ctl, 1 << 20, 1)
        except OSError:
            break
        if not data:
            break
        msg = json.loads(data)
        if msg["op"] == "spawn":
            pid = os.fork()
            if pid == 0:
                status = 0
                try:
                    ctl.close()
                    import ctypes

                    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: die with us
                    options = dict(msg["options"], readable=readable)
                    worker.run(socket.socket(fileno=fds[0]), Path(msg["src"]), Path(msg["workdir"]),
                               options)
                except BaseException:  # noqa: BLE001 - whatever happens, never return into the server
                    status = 70
                finally:
                    os._exit(status)
            for fd in fds:
                os.close(fd)
            children.add(pid)
            ctl.send(json.dumps({"pid": pid}).encode())
        elif msg["op"] == "reap":
            pid = int(msg["pid"])
            if pid not in children:
                ctl.send(json.dumps({"status": "unknown worker"}).encode())
                continue
            for kill in (os.killpg, os.kill):  # the group, and the child itself if not yet a leader
                try:
                    kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            _, status = os.waitpid(pid, 0)
            children.discard(pid)
            ctl.send(json.dumps({"status": _exit_status(status)}).encode())
    for pid in children:
        try:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass


def main() -> None:
    import ctypes

    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # die when the grader dies
    fd = int(sys.argv[1])
    config = json.loads(sys.argv[2])
    preload()
    added = config.get("path")
    if added in sys.path:
        sys.path.remove(added)  # the package's own folder is not the workers' business
    serve(socket.socket(fileno=fd), config)


if __name__ == "__main__":
    main()
