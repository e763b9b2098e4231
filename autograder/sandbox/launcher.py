"""The grader's handle on the fork server (``forkserver.py`` is the server itself).

One server per grading process, started on first use; it forks the workers and keeps the
folders they must never read.
"""
from __future__ import annotations

import atexit
import json
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from ..paths import PACKAGE_PARENT
from .environment import landlock_wanted, mpl_config_dir, not_dumpable, worker_environment


class ForkServer:
    """A preloaded interpreter that forks confined workers on request.

    It runs in a session and process group of its own (and each worker in its own again),
    so no group-addressed signal from below reaches the grader, and the terminal's Ctrl-C
    reaches only the grader, which then closes the server.
    """

    def __init__(self, excluded: list[Path] = ()):
        not_dumpable()
        self.ctl, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        package_parent = str(PACKAGE_PARENT)
        self.excluded: list[str] = []
        self._add_excluded(excluded)
        config = {"excluded": list(self.excluded), "path": package_parent,
                  "readable": [str(mpl_config_dir())], "landlock": landlock_wanted()}
        code = (f"import sys; sys.path.insert(0, {package_parent!r}); "
                "from autograder.sandbox.forkserver import main; main()")
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-c", code, str(theirs.fileno()), json.dumps(config)],
            pass_fds=[theirs.fileno()], env=worker_environment(), cwd=tempfile.gettempdir(),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        theirs.close()
        self.info: dict | None = None

    def _add_excluded(self, paths) -> bool:
        new = [str(Path(p).resolve()) for p in paths]
        new = [p for p in dict.fromkeys(new) if p not in self.excluded]
        self.excluded += new
        return bool(new)

    def exclude(self, paths) -> None:
        """Folders no worker of this server may read from now on (a grading's suite and submission).

        A server that is already up is told at once (it stops workers confined without
        them); one still starting learns them with its first spawn request.
        """
        if self._add_excluded(paths) and self.info is not None:
            try:
                self.ctl.send(json.dumps({"op": "exclude", "excluded": self.excluded}).encode())
                self.ctl.recv(1 << 16)
            except OSError:
                pass  # a server that died spawns nothing; every spawn request carries the list anyway

    def ready(self, timeout: float = 120) -> dict:
        if self.info is None:
            self.ctl.settimeout(timeout)
            try:
                data = self.ctl.recv(1 << 16)
            except OSError as exc:
                raise RuntimeError(f"the fork server did not start: {exc}") from None
            if not data:
                raise RuntimeError("the fork server exited while starting (is the package installed?)")
            self.info = json.loads(data)
            self.ctl.settimeout(None)
        return self.info

    def spawn(self, src: Path, workdir: Path, options: dict) -> tuple[int, socket.socket]:
        self.ready()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        request = {"op": "spawn", "src": str(src), "workdir": str(workdir), "options": options,
                   "excluded": self.excluded}
        socket.send_fds(self.ctl, [json.dumps(request).encode()], [theirs.fileno()])
        theirs.close()
        reply = json.loads(self.ctl.recv(1 << 16))
        return int(reply["pid"]), ours

    def reap(self, pid: int) -> str:
        """Kill the worker's whole process group and collect its exit status."""
        try:
            self.ctl.send(json.dumps({"op": "reap", "pid": pid}).encode())
            return json.loads(self.ctl.recv(1 << 16))["status"]
        except (OSError, ValueError):
            return "unknown"

    def close(self) -> None:
        try:
            self.ctl.close()
        finally:
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_SERVER: ForkServer | None = None


def get_forkserver(excluded: list[Path] = ()) -> ForkServer:
    """The process-wide fork server, started on first use (it starts in the background).

    ``excluded`` are folders its workers must never read; a running server adds them to
    the ones it already keeps out (a server that died is replaced, keeping them all).
    """
    global _SERVER
    if _SERVER is None or _SERVER.process.poll() is not None:
        earlier = _SERVER.excluded if _SERVER is not None else []
        _SERVER = ForkServer([*earlier, *excluded])
        atexit.register(shutdown_forkserver)
    else:
        _SERVER.exclude(excluded)
    return _SERVER


def shutdown_forkserver() -> None:
    global _SERVER
    if _SERVER is not None:
        _SERVER.close()
        _SERVER = None


