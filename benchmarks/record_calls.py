"""Record every call one grading makes into a submission, on the grader's side of the sandbox.

    python benchmarks/record_calls.py SUBMISSION SUITE OUT

Runs a real ``grade()`` in this (trusted) process with ``RemoteModule.call``,
``RemoteModule.judge`` and the operations of ``RemoteHandle`` wrapped, so the record holds
whatever the suites asked, however they made their inputs. Prints a JSON summary. The
wrapping slows this run; it is never timed.
"""
from __future__ import annotations

import io
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` and ``autograder`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "benchmarks"

from autograder import replay  # noqa: E402
from autograder.sandbox.remote import RemoteHandle  # noqa: E402
from autograder.sandbox.remote_module import RemoteModule  # noqa: E402

from .call_log import HANDLE_TAG, Entry, Handle, Raised, Record, builtin_base, dump, walk_handles  # noqa: E402

try:  # callbacks are often lambdas and closures of the suites: pickled by value
    import cloudpickle
    _Pickler = cloudpickle.Pickler
except ImportError:  # then only what plain pickle takes is replayed; the rest is counted
    cloudpickle = None
    _Pickler = pickle.Pickler


def _is_handle(value) -> bool:
    return isinstance(value, RemoteHandle)


def _plain(value):
    """The answer as the suite saw it, each handle replaced by its type's name."""
    if _is_handle(value):
        return Handle(value.type_name)
    if type(value) in (list, tuple):
        return type(value)(_plain(v) for v in value)
    if type(value) is dict:
        return {k: _plain(v) for k, v in value.items()}
    return value


class CallRecorder:
    """Wraps the grader's side of the sandbox; each request into a submission becomes an Entry."""

    def __init__(self, suite_dir: Path):
        self.suite_dir = str(Path(suite_dir).resolve())
        self.entries: list[Entry] = []
        self.modules: list[str] = []
        self.origins: dict[tuple, tuple] = {}  # (id(module), generation, key) -> (entry, path)
        self.alive: list = []  # the modules whose ids key ``origins``: kept, so no id is reused
        self.requests: Counter = Counter()
        self._seen_modules = 0
        self._saved: list[tuple[type, str, object]] = []

    # -- what a request is about

    def _origin(self, handle) -> tuple | None:
        return self.origins.get((id(handle._module), handle._generation, handle._key))

    def _pickle(self, value) -> bytes:
        self._by_value()
        buffer = io.BytesIO()
        pickler = _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        recorder = self

        def persistent_id(obj):
            if _is_handle(obj):
                origin = recorder._origin(obj)
                if origin is None:
                    raise pickle.PicklingError("a handle this record did not see returned")
                return (HANDLE_TAG, *origin)
            return None

        pickler.persistent_id = persistent_id
        pickler.dump(value)
        return buffer.getvalue()

    def _by_value(self) -> None:
        """The suites are imported by path, not by name: their functions go by value."""
        if cloudpickle is None or len(sys.modules) == self._seen_modules:
            return
        self._seen_modules = len(sys.modules)
        for module in list(sys.modules.values()):
            if str(getattr(module, "__file__", None) or "").startswith(self.suite_dir):
                try:
                    cloudpickle.register_pickle_by_value(module)
                except ValueError:
                    pass

    # -- one request

    def run(self, op: str, owner, name: str, args: tuple, kwargs: dict, send, *, timeout=None,
            inspect: bool = False):
        module = owner if isinstance(owner, RemoteModule) else owner._module
        entry = Entry(op, module._name, name, timeout=timeout, inspect=inspect)
        if module._name not in self.modules:
            self.modules.append(module._name)
        if not isinstance(owner, RemoteModule):
            entry.target = self._origin(owner)
            if entry.target is None:
                entry.unpicklable = "works on a handle this record did not see returned"
        try:
            entry.inputs = self._pickle((tuple(args), dict(kwargs)))
        except Exception as exc:  # noqa: BLE001 - a grader-side object pickle refuses: counted
            entry.unpicklable = entry.unpicklable or f"{type(exc).__name__}: {str(exc)[:200]}"
        index = len(self.entries)
        self.entries.append(entry)
        started = time.perf_counter()
        try:
            value = send()
        except Exception as exc:
            entry.seconds = time.perf_counter() - started
            entry.answer = pickle.dumps(Raised(builtin_base(exc)))
            raise
        entry.seconds = time.perf_counter() - started
        answer = value[0] if inspect and type(value) is tuple else value
        if module not in self.alive:
            self.alive.append(module)
        for path, handle in walk_handles(answer, _is_handle):
            self.origins[(id(handle._module), handle._generation, handle._key)] = (index, path)
        try:
            entry.answer = pickle.dumps(_plain(answer), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - the answer is only for checking a replay
            entry.answer = None
        return value

    # -- installing the wrappers

    def _patch(self, cls, name: str, wrapper) -> None:
        self._saved.append((cls, name, cls.__dict__[name]))
        setattr(cls, name, wrapper)

    def install(self) -> None:
        rec = self
        call, judge, request = RemoteModule.call, RemoteModule.judge, RemoteModule.request
        getattr_, call_h = RemoteHandle.__getattr__, RemoteHandle.__call__
        getitem, length, iterate = RemoteHandle.__getitem__, RemoteHandle.__len__, RemoteHandle.__iter__

        def wrapped_call(self, name, args, kwargs, *, timeout=None, inspect=False):
            return rec.run("call", self, name, args, kwargs,
                           lambda: call(self, name, args, kwargs, timeout=timeout, inspect=inspect),
                           timeout=timeout, inspect=inspect)

        def wrapped_judge(self, kind, value, **params):
            if not _is_handle(value) or value._module is not self:
                return judge(self, kind, value, **params)  # refused before any request
            return rec.run("judge", value, kind, (), params, lambda: judge(self, kind, value, **params))

        def counted_request(self, message, **kwargs):
            if message.get("op") != "import":
                rec.requests[message.get("op")] += 1
            return request(self, message, **kwargs)

        def wrapped_getattr(self, name):
            if name.startswith("__"):
                return getattr_(self, name)  # refused before any request
            return rec.run("getattr", self, name, (), {}, lambda: getattr_(self, name))

        self._patch(RemoteModule, "call", wrapped_call)
        self._patch(RemoteModule, "judge", wrapped_judge)
        self._patch(RemoteModule, "request", counted_request)
        self._patch(RemoteHandle, "__getattr__", wrapped_getattr)
        self._patch(RemoteHandle, "__call__", lambda self, *a, **k: rec.run(
            "callh", self, "", a, k, lambda: call_h(self, *a, **k)))
        self._patch(RemoteHandle, "__getitem__", lambda self, key: rec.run(
            "getitem", self, "", (key,), {}, lambda: getitem(self, key)))
        self._patch(RemoteHandle, "__len__", lambda self: rec.run("len", self, "", (), {}, lambda: length(self)))
        self._patch(RemoteHandle, "__iter__", lambda self: iter(rec.run(
            "list", self, "", (), {}, lambda: list(iterate(self)))))
        # The answer key off: a keyed test's calls still run in the worker (its batch is sent
        # all the same), but its body, which makes them on this side, would not.
        self._patch(replay, "table_answer", lambda item: None)

    def uninstall(self) -> None:
        while self._saved:
            cls, name, original = self._saved.pop()
            setattr(cls, name, original)


def record(submission: Path, suite: str, out: Path) -> dict:
    """Grade ``submission`` with ``suite`` (seed 0) under the recorder; write the record to ``out``."""
    from autograder.grading import grade, suite_path

    recorder = CallRecorder(suite_path(suite))
    recorder.install()
    started = time.perf_counter()
    try:
        result = grade(submission, suite=suite, seed=0)
    finally:
        recorder.uninstall()
    entries = recorder.entries
    meta = {"score": result.score, "tests": len(result.tests), "grade_s": round(time.perf_counter() - started, 3),
            "requests": sum(recorder.requests.values()), "requests_by_op": dict(recorder.requests),
            "pickler": "cloudpickle" if cloudpickle is not None else "pickle"}
    dump(Record(str(Path(submission).resolve()), recorder.modules, entries, meta), out)
    unpicklable = Counter(e.unpicklable for e in entries if e.unpicklable)
    return {**meta, "recorded": len(entries), "by_op": dict(Counter(e.op for e in entries)),
            "unpicklable": sum(unpicklable.values()), "unpicklable_why": dict(unpicklable.most_common(5)),
            "modules": recorder.modules, "bytes": out.stat().st_size}


def main(argv: list[str] | None = None) -> int:
    submission, suite, out = (argv if argv is not None else sys.argv[1:])
    print(json.dumps(record(Path(submission), suite, Path(out))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
