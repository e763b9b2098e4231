"""The fork server: imports NumPy, SciPy, scikit-learn and matplotlib once, then forks workers.

A fresh worker costs a ``fork()`` (milliseconds) instead of a cold interpreter and its
imports (seconds). It is started with ``python -I`` and a clean environment, before any
suite is loaded, so a worker inherits no test, oracle or secret from the grader.

Control messages are JSON over a SOCK_SEQPACKET socket; a spawn request carries the
worker's end of its channel as a passed file descriptor.
"""
from __future__ import annotations

import gc
import json
import os
import signal
import socket
import sys
from pathlib import Path

from ..paths import PACKAGE_DIR

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


class Confinement:
    """What workers may read: every folder any grading through this server named stays unreadable.

    The set of excluded folders only grows. When a new one changes what a worker could read,
    the workers already running (confined under the old set) are stopped, so no worker can
    read the suite or submission of any grading this server has been told about.
    """

    def __init__(self, config: dict):
        package = PACKAGE_DIR
        self.excluded = {package} | {Path(p) for p in config.get("excluded", [])}
        if package.parent.name not in ("site-packages", "dist-packages"):
            self.excluded.add(package.parent)  # a source checkout: solutions/ sits beside the package
        self.extra = [Path(p) for p in config.get("readable", [])]
        self.landlock = bool(config.get("landlock", True))
        self.readable = self._roots()

    def _roots(self) -> list[str]:
        from . import confine

        return [str(p) for p in confine.readable_roots(sorted(self.excluded), self.extra)]

    def exclude(self, paths) -> bool:
        """Add ``paths``; True when that took something away from what workers could read."""
        new = {Path(p) for p in paths or ()} - self.excluded
        if not new:
            return False
        self.excluded |= new
        before, self.readable = self.readable, self._roots()
        return self.readable != before

    def options(self, requested: dict) -> dict:
        options = dict(requested, readable=self.readable)
        if not self.landlock:
            options["landlock"] = False
        return options


def _stop_workers(children: set[int]) -> None:
    for pid in list(children):
        for kill in (os.killpg, os.kill):  # the group, and the child itself if not yet a leader
            try:
                kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            os.waitpid(pid, 0)
        except OSError:
            pass
        children.discard(pid)


def serve(ctl: socket.socket, config: dict) -> None:
    from . import confine, worker

    confinement = Confinement(config)
    abi = confine.landlock_abi() if confinement.landlock else 0
    ctl.send(json.dumps({"ready": True, "landlock_abi": abi, "landlock": confinement.landlock,
                         "pid": os.getpid()}).encode())
    children: set[int] = set()
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(ctl, 1 << 20, 1)
        except OSError:
            break
        if not data:
            break
        msg = json.loads(data)
        if msg["op"] in ("spawn", "exclude") and confinement.exclude(msg.get("excluded")):
            _stop_workers(children)  # confined before these folders were named
        if msg["op"] == "exclude":
            ctl.send(json.dumps({"excluded": len(confinement.excluded)}).encode())
            continue
        if msg["op"] == "spawn":
            pid = os.fork()
            if pid == 0:
                status = 0
                try:
                    ctl.close()
                    import ctypes

                    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: die with us
                    options = confinement.options(msg["options"])
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
    _stop_workers(children)


def main() -> None:
    import ctypes

    libc = ctypes.CDLL(None)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: die when the grader dies
    libc.prctl(4, 0)  # PR_SET_DUMPABLE 0: a worker (a fork inherits this) cannot open our /proc/<pid>/mem
    fd = int(sys.argv[1])
    config = json.loads(sys.argv[2])
    # No collections while the libraries load (their objects live as long as the server),
    # then freeze them: a worker's own collections skip them, and do not touch (and so copy)
    # the pages it shares with the server. Each fresh worker otherwise paid about 0.15 s for
    # its first full collection.
    gc.disable()
    preload()
    from ..curriculum import forbidden_lists
    from .tripwires import preinstall

    preinstall(forbidden_lists())  # the lists every ``SandboxSubmission`` sends
    gc.freeze()
    gc.enable()
    added = config.get("path")
    if added in sys.path:
        sys.path.remove(added)  # the package's own folder is not the workers' business
    serve(socket.socket(fileno=fd), config)
    # Its workers are reaped; tearing down the preloaded libraries would only keep the
    # grader waiting in ``ForkServer.close`` (0.7 s).
    os._exit(0)


if __name__ == "__main__":
    main()
