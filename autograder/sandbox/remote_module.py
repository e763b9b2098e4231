"""The grader's proxy for one exercise module living in a worker: start, request, decode, stop.

A call is encoded by the codec, answered by the worker and decoded here; a worker that dies
is replaced on the next call, and what it printed is collected for the report.
"""
from __future__ import annotations

import os
import signal
import socket
import time

from . import bounds, codec
from .callinfo import CallInfo
from .environment import read_worker_output
from ..errors import (Forbidden, NotImplementedYet, ProtocolError, SubmissionImportError,
                      SubmissionProblem, SubmissionTimeout, WorkerCrashed)
from .remote import MAX_OUTPUT_CHARS, RemoteHandle, _RemoteFunction, _Timed, printable, remote_exception


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
            self.request({"op": "import", "module": self._name}, what=f"importing {self._name}.py",
                          start=False)
        except (Exception, SubmissionProblem) as exc:  # the grader's own Ctrl-C is not the module's fault
            if isinstance(exc, SubmissionProblem):
                where = exc.where
                message = str(exc.message)
            else:
                where = getattr(exc, "where", None)
                message = f"{type(exc).__name__}: {exc}"
            self._stop()
            missing = not (self._submission.src / f"{self._name}.py").is_file()
            self._import_error = SubmissionImportError(
                f"importing {self._name}.py failed: {message}", where,
                cause="missing_module" if missing else None)
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

    def encode(self, value):
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

    def request(self, message: dict, *, what: str, generation: int | None = None,
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

    def call(self, name: str, args: tuple, kwargs: dict, *, timeout: float | None = None, inspect: bool = False):
        """Call ``name`` in the worker, within the run's budget; a hang or a memory blow-up is remembered."""
        m = self
        what = f"{m._name}.{name}"
        if name in m._timed_out:
            raise SubmissionTimeout(
                f"{what} timed out earlier in this run (it did not finish within "
                f"{m._timed_out[name]:g} s); it is not waited for again")
        if name in m._exhausted:
            raise WorkerCrashed(f"{what} ran out of memory earlier in this run; its remaining tests are not run",
                                cause="out_of_memory")
        budget = m._submission.budget
        limit = max(timeout or m._timeout, m._timeout)
        try:
            budget.check()
            budget.check_function(name, limit)
        except bounds.BudgetSpent as exc:
            raise SubmissionTimeout(f"{what} was not run: {exc}") from None
        m._start()
        received, started = budget.received, time.monotonic()
        try:
            return m.request({"op": "call", "module": m._name, "func": name, "args": m.encode(list(args)),
                              "kwargs": m.encode(kwargs), "inspect": inspect}, what=what, timeout=timeout)
        except SubmissionTimeout as exc:
            # A hang is waited for once per run, whatever the limit: a longer allowance (the
            # 120 s of a training) would otherwise be waited for again in every test. Only a
            # speed test, a limit shorter than the default, says nothing about the next call.
            limit = getattr(exc, "limit", None)
            if limit is not None and (timeout is None or timeout >= m._timeout):
                m._timed_out[name] = limit
            raise
        except MemoryError:
            m._exhausted.add(name)
            raise
        finally:
            budget.charge_function(name, budget.received - received, time.monotonic() - started)

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
            answer = {"op": "return", "value": self.encode(function(*args, **kwargs))}
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
        submission = self._submission
        room = MAX_OUTPUT_CHARS + 1 - submission._output_chars  # per test, across calls
        data, self._output_offset = read_worker_output(self._workdir / "output.txt", self._output_offset, room)
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
        return self.request({"op": "judge", "kind": kind, "h": value._key, "params": self.encode(params)},
                             what=f"checking the {value.type_name} object", generation=value._generation,
                             plain=True)
