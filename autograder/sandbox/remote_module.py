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
from ..errors import (Forbidden, ProtocolError, SubmissionImportError, SubmissionProblem, SubmissionTimeout,
                      WorkerCrashed)
from .prefetch import Prefetched, prefetchable
from .remote import RemoteHandle, _RemoteFunction, _Timed, error_of, printable
from .reply import ReplyReader


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
        self._prefetched = Prefetched(self)  # answers read ahead in one batch, see ``prefetch``

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
        self._prefetched.drop()  # read from the worker before; this one has not run them
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
        self._prefetched.drop()  # the next call runs in a new worker, as it would without them
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
                timeout: float | None = None, start: bool = True, plain: bool = False,
                payload: bytes | None = None):
        """One round trip: ``message`` (sent as ``payload`` when given) and its reply, under every bound."""
        if start:
            if generation is not None and (generation != self._generation or self._sock is None):
                raise WorkerCrashed(f"{what} lived in a worker that has stopped since; it is gone")
            self._start()
        budget = self._submission.budget
        try:
            left = budget.check()
        except bounds.BudgetSpent as exc:
            raise SubmissionTimeout(f"{what} was not run: {exc}") from None
        timeout = timeout or self._timeout
        started = time.monotonic()
        reader = ReplyReader(self._sock, budget, self._answer_callback)
        try:
            self._sock.settimeout(min(timeout, left))  # sendall: a limit on the whole send
            limit = bounds.reply_limit(codec.send_payload(self._sock, payload or codec.frame_payload(message)))
            reply = reader.read(started + min(timeout, left), limit)
        except (OSError, EOFError, codec.CodecError) as exc:
            raise self._failure(exc, what, timeout, left, reader) from None
        finally:
            self._callbacks.clear()
            budget.charge(reader.received, time.monotonic() - started)
        self._collect_output()
        return self._unpack(reply, what, plain)

    def _failure(self, exc: Exception, what: str, timeout: float, left: float,
                 reader: ReplyReader) -> SubmissionProblem:
        """What a request that got no usable reply raises; its worker is killed, or reaped if it died."""
        budget = self._submission.budget
        wait = min(timeout, left)
        if isinstance(exc, (TimeoutError, socket.timeout)):
            self._kill()
            self._collect_output()
            if left < timeout:  # the grading's budget ended before the call's own limit
                spent = ("its budget of time in the submission's code is spent" if wait == budget.seconds_room
                         else f"{bounds.DEADLINE_PASSED} has passed")
                return SubmissionTimeout(f"{what} was stopped after {wait:.3g} s: {spent}")
            hung = SubmissionTimeout(f"{what} did not finish within {timeout:g} s")
            hung.limit = timeout  # its own limit, not the grading's budget, ran out
            return hung
        if isinstance(exc, codec.CodecError):
            self._kill()  # the rest of a refused frame is still in the channel
            if isinstance(exc, codec.FrameTooLarge) and reader.cut_by_budget:
                return SubmissionTimeout(f"{what} was stopped: the answer would pass the "
                                         f"{budget.max_bytes // 2**20} MB this grading may receive")
            return ProtocolError(f"{what} sent back something the grader refuses: {exc}")
        status = self._stop()  # EOFError, ConnectionError, OSError: the worker died
        self._collect_output()
        return WorkerCrashed(f"the worker running {what} died: {status}")

    def call(self, name: str, args: tuple, kwargs: dict, *, timeout: float | None = None, inspect: bool = False):
        """Call ``name`` in the worker, within the run's budget; a hang or a memory blow-up is remembered.

        An answer prefetched for the very same request (bytes and timeout) stands in for the round trip.
        """
        m = self
        what = f"{m._name}.{name}"
        budget = m._submission.budget
        refusal = None
        if name in m._timed_out:
            refusal = SubmissionTimeout(
                f"{what} timed out earlier in this run (it did not finish within "
                f"{m._timed_out[name]:g} s); it is not waited for again")
        elif name in m._exhausted:
            refusal = WorkerCrashed(f"{what} ran out of memory earlier in this run; its remaining tests "
                                    "are not run", cause="out_of_memory")
        else:
            try:
                budget.check()
                budget.check_function(name, max(timeout or m._timeout, m._timeout))
            except bounds.BudgetSpent as exc:
                refusal = SubmissionTimeout(f"{what} was not run: {exc}")
        if refusal is not None:
            m._prefetched.skip(name)  # the answer read ahead for this call is passed over with it
            raise refusal
        if not m._prefetched.queue:  # answers waiting: the module was imported
            m._start()
        message = {"op": "call", "module": m._name, "func": name, "args": m.encode(list(args)),
                   "kwargs": m.encode(kwargs), "inspect": inspect}
        data = codec.frame_payload(message)
        batchable = prefetchable(data)
        answer = m._prefetched.take(data, timeout) if batchable else None
        received, started = budget.received, time.monotonic()
        value = None
        try:
            if answer is None:
                value = m.request(message, what=what, timeout=timeout, payload=data)
            elif answer.error is not None:
                raise answer.error
            else:
                value = m._unpack(answer.reply, what)
            return value
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
            if answer is None:  # a prefetched answer was charged when its batch was read
                budget.charge_function(name, budget.received - received, time.monotonic() - started)
            if batchable and m._submission.recording:
                m._submission._record(m._name, data, timeout, (args, kwargs), value)

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
        raise error_of(reply, self._submission.display, what)

    def _kill(self) -> None:
        if self._pid is not None:
            try:
                os.killpg(self._pid, signal.SIGKILL)
            except OSError:
                pass
        self._stop()

    def _collect_output(self) -> None:
        self._output_offset = self._submission.add_output(self._workdir / "output.txt", self._output_offset)

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
