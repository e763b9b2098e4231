"""The grader's side of the sandbox: proxies that call a submission living in worker processes.

One worker per exercise module, forked from the shared fork server, so a module that
crashes or hangs costs only its own tests. Every answer is decoded by the codec here and
compared here; a worker that dies is replaced on the next call.
"""
from __future__ import annotations

import atexit
import builtins
import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import bounds, codec
from .callinfo import CallInfo
from ..curriculum import FORBIDDEN
from ..paths import PACKAGE_PARENT
from ..errors import (Forbidden, NotImplementedYet, ProtocolError, RemoteError,
                      SubmissionImportError, SubmissionProblem, SubmissionTimeout, WorkerCrashed)
from .static import forbidden_message

MAX_MODULE_BYTES = 1 << 20
MAX_OUTPUT_CHARS = 4000
_REMOTE_TYPES = ("ValueError", "IndexError", "TypeError", "KeyError", "ZeroDivisionError",
                 "OverflowError", "FloatingPointError", "ArithmeticError", "AttributeError",
                 "LookupError", "RuntimeError", "NameError", "MemoryError", "RecursionError",
                 "ImportError", "ModuleNotFoundError", "UnboundLocalError", "OSError")
_remote_classes: dict[str, type] = {}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str, limit: int | None = None) -> str:
    """Text from the submission, safe to show in a terminal or a CI log: no escape sequences.

    With ``limit``, cut first (to ``limit`` characters), so the work is bounded by the limit.
    """
    text = text if type(text) is str else bounds.cut(text, limit or bounds.MAX_MESSAGE)
    if limit is not None and len(text) > limit:
        text = text[:limit] + "..."
    return _CONTROL.sub("?", text.replace("\r\n", "\n"))


def remote_exception(base: str, type_name: str, message: str) -> Exception:
    """An exception for the trusted side: a builtin Exception type, never a BaseException one."""
    if base not in _REMOTE_TYPES:
        return type("StudentError", (RemoteError, Exception), {})(f"{type_name}: {message}")
    if base not in _remote_classes:
        _remote_classes[base] = type(base, (RemoteError, getattr(builtins, base)), {})
    text = message if type_name == base else f"{type_name}: {message}"
    return _remote_classes[base](text)


# ---------------------------------------------------------------- the fork server


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


def worker_environment() -> dict[str, str]:
    """A clean environment: no tokens, no CI secrets, single-threaded BLAS, headless plots."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "MPLBACKEND": "Agg",
           "MPLCONFIGDIR": str(mpl_config_dir()), "OPENBLAS_NUM_THREADS": "1",
           "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1",
           "HOME": tempfile.gettempdir()}
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # some CPUs need these to run BLAS at all
        if name in os.environ:
            env[name] = os.environ[name]
    return env


# ---------------------------------------------------------------- proxies


class RemoteHandle:
    """An object that stays in the worker (a fitted model, a figure); use it through its methods."""

    _autograder_handle = True

    def __init__(self, module: "RemoteModule", key: int, type_name: str, generation: int):
        object.__setattr__(self, "_module", module)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "_generation", generation)
        object.__setattr__(self, "type_name", printable(type_name, 200))

    def _op(self, op: str, **fields):
        return self._module._request({"op": op, "h": self._key, **fields},
                                     what=f"{self.type_name}", generation=self._generation)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return self._op("getattr", name=name)

    def __call__(self, *args, **kwargs):
        module = self._module
        return self._op("callh", args=module._encode(list(args)), kwargs=module._encode(kwargs))

    def __len__(self) -> int:
        n = self._op("len")
        if type(n) is not int:
            raise TypeError("len() of the submission's object is not an int")
        return n

    def __getitem__(self, key):
        return self._op("getitem", key=self._module._encode(key))

    def __iter__(self):
        # One request, under one call's time limit: item by item, an object claiming a
        # length of 10**15 would keep the grader busy forever (np.asarray iterates).
        items = self._op("list")
        if type(items) is not list:
            raise TypeError("the submission's object did not iterate to a list")
        return iter(items)

    def __bool__(self) -> bool:
        # Without this, truth would come from a remote __len__: `assert handle` must not pass.
        raise TypeError(f"the truth value of a {self.type_name} object is not plain data; "
                        "the function should return a plain value (bool, number, array)")

    def __repr__(self) -> str:
        return f"<{self.type_name} object in the submission's worker>"


class RemoteModule:
    """``sub`` in grading mode: each attribute is a function that runs in the module's worker."""

    def __init__(self, submission: "SandboxSubmission", name: str):
        self._submission = submission
        self._name = name
        self._pid: int | None = None
        self._sock: socket.socket | None = None
        self._generation = 0
        self._import_error: SubmissionImportError | None = None
        self._workdir = submission.scratch / f"work-{name}"
        self._output_offset = 0
        self._callbacks: dict[int, object] = {}
        self._timeout = submission.call_timeout
        self._timed_out: dict[str, float] = {}  # a function that hung once is not waited for again
        self._exhausted: set[str] = set()  # nor one that ran out of memory

    # -- worker lifecycle

    def _start(self) -> None:
        if self._import_error is not None:
            raise SubmissionImportError(self._import_error.message, self._import_error.where)
        if self._sock is not None:
            return
        self._workdir.mkdir(exist_ok=True)
        self._pid, self._sock = self._submission.server.spawn(
            self._submission.src, self._workdir, self._submission.options)
        self._generation += 1
        try:
            self._request({"op": "import", "module": self._name}, what=f"importing {self._name}.py",
                          start=False)
        except (Exception, SubmissionProblem) as exc:  # the grader's own Ctrl-C is not the module's fault
            if isinstance(exc, SubmissionProblem):
                where = exc.where
                message = str(exc.message)
            else:
                where = getattr(exc, "where", None)
                message = f"{type(exc).__name__}: {exc}"
            self._stop()
            self._import_error = SubmissionImportError(
                f"importing {self._name}.py failed: {message}", where)
            raise self._import_error from None

    def _stop(self) -> str:
        status = "not running"
        if self._sock is not None:
            try:
                self._sock.close()
            finally:
                self._sock = None
                status = self._submission.server.reap(self._pid)
                self._pid = None
        return status

    # -- requests

    def _encode(self, value):
        def reference(obj):
            if isinstance(obj, RemoteHandle):
                if obj._module is not self or obj._generation != self._generation:
                    raise codec.CodecError("that object belongs to another worker")
                return {"$ref": obj._key}
            if callable(obj):
                key = len(self._callbacks) + 1
                self._callbacks[key] = obj
                return {"$cb": key}
            raise codec.CodecError(f"cannot send a {type(obj).__name__} to the submission")

        return codec.encode(value, reference=reference)

    def _decode(self, value, plain: bool = False):
        if plain:
            return codec.decode(value)
        generation = self._generation

        def handle(body):
            key, type_name = body
            if type(key) is not int:
                raise codec.CodecError("malformed handle")
            return RemoteHandle(self, key, bounds.cut(type_name, 200), generation)

        return codec.decode(value, references={"$h": handle})

    def _request(self, message: dict, *, what: str, generation: int | None = None,
                 timeout: float | None = None, start: bool = True, plain: bool = False):
        if start:
            if generation is not None and generation != self._generation:
                raise WorkerCrashed(f"{what} lived in a worker that has stopped since; it is gone")
            self._start()
        budget = self._submission.budget
        try:
            left = budget.check()
        except bounds.BudgetSpent as exc:
            raise SubmissionTimeout(f"{what} was not run: {exc}") from None
        timeout = timeout or self._timeout
        cut_short = left < timeout  # the grading's budget ends before the call's own limit
        wait = min(timeout, left)
        started = time.monotonic()
        deadline = started + wait
        received, cap, limit = 0, 0, 0
        try:
            self._sock.settimeout(wait)  # sendall: a limit on the whole send
            limit = bounds.reply_limit(codec.send_frame(self._sock, message))
            while True:
                cap = min(limit, max(budget.bytes_left - received, 0))  # callbacks count too
                data = codec.recv_frame_bytes(self._sock, deadline=deadline, max_bytes=cap,
                                              max_items=bounds.MAX_REPLY_ITEMS)
                received += len(data)
                reply = codec.parse_frame(data)
                if reply.get("op") != "callback":
                    break
                self._answer_callback(reply)
        except (TimeoutError, socket.timeout):
            self._kill()
            self._collect_output()
            if cut_short:
                spent = ("its budget of time in the submission's code is spent" if wait == budget.seconds_left
                         else f"{bounds.DEADLINE_PASSED} has passed")
                raise SubmissionTimeout(f"{what} was stopped after {wait:.3g} s: {spent}") from None
            hung = SubmissionTimeout(f"{what} did not finish within {timeout:g} s")
            hung.limit = timeout  # its own limit, not the grading's budget, ran out
            raise hung from None
        except (EOFError, ConnectionError, OSError):
            status = self._stop()
            self._collect_output()
            raise WorkerCrashed(f"the worker running {what} died: {status}") from None
        except codec.CodecError as exc:
            self._kill()  # the rest of a refused frame is still in the channel
            if isinstance(exc, codec.FrameTooLarge) and cap < limit:
                raise SubmissionTimeout(f"{what} was stopped: the answer would pass the "
                                        f"{budget.max_bytes // 2**20} MB this grading may receive") from None
            raise ProtocolError(f"{what} sent back something the grader refuses: {exc}") from None
        finally:
            self._callbacks.clear()
            budget.charge(received, time.monotonic() - started)
        self._collect_output()
        return self._unpack(reply, what, plain)

    def _answer_callback(self, reply: dict) -> None:
        function = self._callbacks.get(reply.get("id"))
        try:
            if function is None:
                raise LookupError("no such callback")
            # Plain data only: with a handle, the grader's function would call back into the
            # worker in the middle of this call.
            args = codec.decode(reply.get("args", []))
            kwargs = codec.decode(reply.get("kwargs", {}))
            if type(args) is not list or type(kwargs) is not dict or not all(type(k) is str for k in kwargs):
                raise TypeError("malformed arguments")
            answer = {"op": "return", "value": self._encode(function(*args, **kwargs))}
        except Exception as exc:  # noqa: BLE001 - the worker is told, the grader carries on
            answer = {"op": "raise", "message": f"{type(exc).__name__}: {exc}"}
        codec.send_frame(self._sock, answer)

    def _unpack(self, reply: dict, what: str, plain: bool = False):
        """The answer of a reply, or its error raised; every string in it cut before use."""
        if reply.get("op") == "result":
            info = reply.get("info") or {}
            if type(info) is not dict:
                self._stop()
                raise ProtocolError(f"{what}: malformed reply")
            if info.get("forbidden"):
                names = ", ".join(printable(name, bounds.MAX_NAME) for name in bounds.names(info["forbidden"]))
                raise Forbidden(f"{what} called {names or 'a forbidden function'}, "
                                "which this exercise asks you to build yourself")
            try:
                value = self._decode(reply.get("value"), plain)
            except codec.CodecError as exc:
                self._stop()  # a worker that sends nonsense is not trusted with the next call
                raise ProtocolError(f"{what} sent back something the grader refuses: {exc}") from None
            if "mutated" in info:
                return value, CallInfo(bounds.names(info.get("mutated")), bounds.names(info.get("shares")))
            return value
        if reply.get("op") != "error":
            raise ProtocolError(f"{what}: unexpected reply")
        frames = reply.get("frames")
        frames = frames[-bounds.MAX_FRAMES:] if type(frames) is list else []
        frames = [[printable(part, bounds.MAX_FRAME_PART) for part in frame[:4]] for frame in frames
                  if type(frame) is list and len(frame) >= 4]
        where = None
        if frames:
            name, line = frames[-1][0], frames[-1][1]
            where = f"{self._submission.display}/{name}:{line}"
        message = printable(reply.get("message", ""), bounds.MAX_MESSAGE)
        if reply.get("notimpl"):
            raise NotImplementedYet(f"{what} is not implemented yet", where)
        exc = remote_exception(bounds.cut(reply.get("base"), 40),
                               printable(reply.get("type"), bounds.MAX_TYPE_NAME), message)
        exc.where = where
        exc.remote_traceback = "\n".join(
            f'  File "{self._submission.display}/{f[0]}", line {f[1]}, in {f[2]}\n    {f[3]}'
            for f in frames)
        raise exc

    def _kill(self) -> None:
        if self._pid is not None:
            try:
                os.killpg(self._pid, signal.SIGKILL)
            except OSError:
                pass
        self._stop()

    def _collect_output(self) -> None:
        path = self._workdir / "output.txt"
        try:
            # The worker may swap the file for a symlink to a file only the grader can read,
            # or for a FIFO: read only a regular file that is really there.
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            return
        submission = self._submission
        room = MAX_OUTPUT_CHARS + 1 - submission._output_chars  # per test, across calls
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return
            handle.seek(self._output_offset)
            data = handle.read(room) if room > 0 else b""
            # What does not fit is skipped, not kept for the next call to read.
            self._output_offset = max(handle.tell(), info.st_size)
        if data:
            text = printable(data.decode("utf-8", "replace"))
            submission._output_chars += len(text)
            submission.output.append(text)

    # -- the face tests use

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return _RemoteFunction(self, name, None)

    def with_timeout(self, seconds: float) -> "_Timed":
        return _Timed(self, seconds)

    def inspect_call(self, name: str, *args, **kwargs):
        return _RemoteFunction(self, name, None)(*args, _inspect=True, **kwargs)

    def judge(self, kind: str, value, **params):
        """Plain data about a result that stays in the worker, drawn by the grader's own routine.

        See ``judges``: the worker type-checks the object against the real class and computes
        the answer with the real class's code; the suite checks that answer itself.
        """
        if not isinstance(value, RemoteHandle):
            t = type(value)
            raise TypeError(f"expected an object that stays in the worker, got a {t.__module__}.{t.__qualname__}")
        if value._module is not self:
            raise TypeError("that object belongs to another module's worker")
        return self._request({"op": "judge", "kind": kind, "h": value._key, "params": self._encode(params)},
                             what=f"checking the {value.type_name} object", generation=value._generation,
                             plain=True)


class _RemoteFunction:
    def __init__(self, module: RemoteModule, name: str, timeout: float | None):
        self.module, self.__name__, self.timeout = module, name, timeout

    def __call__(self, *args, _inspect: bool = False, **kwargs):
        m = self.module
        what = f"{m._name}.{self.__name__}"
        if self.__name__ in m._timed_out:
            raise SubmissionTimeout(
                f"{what} timed out earlier in this run (it did not finish within "
                f"{m._timed_out[self.__name__]:g} s); it is not waited for again")
        if self.__name__ in m._exhausted:
            raise WorkerCrashed(f"{what} ran out of memory earlier in this run; its remaining tests are not run")
        budget = m._submission.budget
        limit = max(self.timeout or m._timeout, m._timeout)
        try:
            budget.check()
            budget.check_function(self.__name__, limit)
        except bounds.BudgetSpent as exc:
            raise SubmissionTimeout(f"{what} was not run: {exc}") from None
        m._start()
        received, started = budget.received, time.monotonic()
        try:
            return m._request(self._message(_inspect, args, kwargs), what=what, timeout=self.timeout)
        except SubmissionTimeout as exc:
            # A hang is waited for once per run, whatever the limit: a longer allowance (the
            # 120 s of a training) would otherwise be waited for again in every test. Only a
            # speed test, a limit shorter than the default, says nothing about the next call.
            limit = getattr(exc, "limit", None)
            if limit is not None and (self.timeout is None or self.timeout >= m._timeout):
                m._timed_out[self.__name__] = limit
            raise
        except MemoryError:
            m._exhausted.add(self.__name__)
            raise
        finally:
            budget.charge_function(self.__name__, budget.received - received, time.monotonic() - started)

    def _message(self, inspect, args, kwargs):
        m = self.module
        return {"op": "call", "module": m._name, "func": self.__name__,
                "args": m._encode(list(args)), "kwargs": m._encode(kwargs), "inspect": inspect}


class _Timed:
    def __init__(self, module: RemoteModule, seconds: float):
        self._module, self._seconds = module, seconds

    def __getattr__(self, name: str):
        return _RemoteFunction(self._module, name, self._seconds)

    def inspect_call(self, name: str, *args, **kwargs):
        return _RemoteFunction(self._module, name, self._seconds)(*args, _inspect=True, **kwargs)


class SandboxSubmission:
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
