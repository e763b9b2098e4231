"""The worker: the only process that imports a submission; it answers calls over the codec.

It runs in a child of the fork server, confined (see ``confine``), with its own working
folder and its stdout/stderr sent to a file there, so nothing the student prints can reach
the grader's channel or its output.
"""
from __future__ import annotations

import builtins
import contextlib
import importlib.util
import itertools
import json
import os
import sys
import traceback
import types
from pathlib import Path

from . import codec, confine, judges  # judges: the real classes, bound before any submission

_MESSAGE_LIMIT = 2000


class Worker:
    def __init__(self, sock, src: Path, forbidden: dict[str, list[str]]):
        self.sock = sock
        self.src = src
        self.tripwires = Tripwires(forbidden, str(src))
        self.modules: dict[str, object] = {}
        self.handles: dict[int, object] = {}
        self.ids = itertools.count(1)

    # ------------------------------------------------------------ encoding

    def handle_of(self, value) -> dict:
        key = next(self.ids)
        self.handles[key] = value
        t = type(value)
        return {"$h": [key, f"{t.__module__}.{t.__qualname__}"]}

    def encode_result(self, value):
        return codec.encode(value, reference=self.handle_of)

    def decode_args(self, data):
        return codec.decode(data, references={
            "$cb": self.callback,
            "$ref": lambda key: self.handles[int(key)],
        })

    def callback(self, key):
        def call_grader(*args, **kwargs):
            codec.send_frame(self.sock, {
                "op": "callback", "id": key,
                "args": codec.encode(list(args), reference=self.handle_of),
                "kwargs": codec.encode(kwargs, reference=self.handle_of)})
            reply = codec.recv_frame(self.sock)
            if reply.get("op") == "return":
                return self.decode_args(reply.get("value"))
            raise RuntimeError(f"the grader's function raised: {reply.get('message', '')}")

        call_grader.__name__ = f"callback_{key}"
        return call_grader

    # ------------------------------------------------------------ requests

    def module(self, name: str):
        if name not in self.modules:
            path = self.src / f"{name}.py"
            if not path.is_file():
                raise ModuleNotFoundError(f"{name}.py is missing from the submission")
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            self.tripwires.install(self.tripwires.names(name))  # before: what it captures is wired
            try:
                spec.loader.exec_module(module)
            except BaseException:
                sys.modules.pop(name, None)
                raise
            self.tripwires.install(self.tripwires.names(name))  # libraries the module imported itself
            for loaded in list(sys.modules.values()):  # the module and the helper modules it imported
                if str(getattr(loaded, "__file__", None) or "").startswith(str(self.src)):
                    self.tripwires.rewire(loaded)
            self.modules[name] = module
        return self.modules[name]

    def op_import(self, msg):
        self.module(msg["module"])
        return None

    def op_call(self, msg):
        module = self.module(msg["module"])
        function = getattr(module, msg["func"])
        if not callable(function):
            raise TypeError(f"{msg['module']}.{msg['func']} is not a function")
        args = self.decode_args(msg.get("args", []))
        kwargs = self.decode_args(msg.get("kwargs", {}))
        labels = [f"arg{i}" for i in range(len(args))] + list(kwargs)
        values = list(args) + list(kwargs.values())
        before = [self.snapshot(v) for v in values] if msg.get("inspect") else None
        with self.tripwires.watch(msg["module"], msg["func"]) as used:
            result = function(*args, **kwargs)
        info = {}
        if before is not None:
            import numpy as np

            info["mutated"] = [l for l, v, b in zip(labels, values, before) if self.snapshot(v) != b]
            info["shares"] = [l for l, v in zip(labels, values)
                              if type(result) is np.ndarray and type(v) is np.ndarray
                              and np.shares_memory(result, v)]
        if used:
            info["forbidden"] = sorted(set(used))
        return result, info

    def snapshot(self, value) -> str:
        return json.dumps(codec.encode(value, reference=lambda v: {"$obj": id(v)}), sort_keys=True)

    def op_getattr(self, msg):
        return getattr(self.handles[int(msg["h"])], str(msg["name"]))

    def op_callh(self, msg):
        target = self.handles[int(msg["h"])]
        return target(*self.decode_args(msg.get("args", [])), **self.decode_args(msg.get("kwargs", {})))

    def op_len(self, msg):
        return len(self.handles[int(msg["h"])])

    def op_getitem(self, msg):
        return self.handles[int(msg["h"])][self.decode_args(msg["key"])]

    def op_list(self, msg):
        return list(self.handles[int(msg["h"])])

    def op_judge(self, msg):
        return judges.judge(str(msg["kind"]), self.handles[int(msg["h"])],
                            self.decode_args(msg.get("params", {})))

    def serve(self) -> None:
        ops = {"import": self.op_import, "call": self.op_call, "getattr": self.op_getattr,
               "callh": self.op_callh, "len": self.op_len, "getitem": self.op_getitem,
               "list": self.op_list, "judge": self.op_judge}
        while True:
            try:
                msg = codec.recv_frame(self.sock)
            except (EOFError, OSError, codec.CodecError):
                return
            if msg.get("op") == "exit":
                return
            try:
                answer = ops[msg.get("op")](msg)
                value, info = answer if msg.get("op") == "call" else (answer, {})
                reply = {"op": "result", "value": self.encode_result(value), "info": info}
            except BaseException as exc:  # noqa: BLE001 - sys.exit and KeyboardInterrupt are answers too
                reply = self.describe(exc)
            flush_output()
            try:
                codec.send_frame(self.sock, reply)
            except codec.CodecError as exc:
                codec.send_frame(self.sock, {"op": "error", "type": "CodecError", "base": "ValueError",
                                             "message": str(exc), "frames": []})

    def describe(self, exc: BaseException) -> dict:
        base = next((c.__name__ for c in type(exc).__mro__
                     if getattr(builtins, c.__name__, None) is c), "BaseException")
        try:
            message = str(exc)[:_MESSAGE_LIMIT]
        except BaseException:  # noqa: BLE001 - a hostile __str__
            message = "<the exception's message could not be read>"
        if isinstance(exc, (codec.CodecError, RecursionError)) and not message.startswith("result"):
            message = f"the answer could not be sent back: {message}"
        frames = [[Path(f.filename).name, f.lineno, f.name, (f.line or "")[:200]]
                  for f in traceback.extract_tb(exc.__traceback__)
                  if Path(f.filename).parent == self.src]
        if isinstance(exc, SyntaxError) and exc.filename and Path(exc.filename).parent == self.src:
            frames.append([Path(exc.filename).name, exc.lineno or 0, "<module>", (exc.text or "").strip()[:200]])
        return {"op": "error", "type": str(type(exc).__name__)[:100], "base": base,
                "message": message, "frames": frames[-5:],
                "notimpl": isinstance(exc, NotImplementedError)}


class Tripwires:
    """Forbidden library functions that report when the submission calls them, however captured.

    They are installed before a submission module is imported and stay for the worker's
    life, in every loaded module that holds the function (``numpy.dot`` is also
    ``numpy._core.multiarray.dot``), so ``from numpy import dot``, ``_dot = np.dot`` or a
    default argument captures the tripwire. After the import, references the module took
    to an unwrapped original (a library imported by the submission itself) are swapped for
    tripwires in its globals, default arguments, closures, class attributes and containers.
    A tripwire records a call only while an exercise that forbids it runs, and only from
    the submission's files; it returns the real answer, and the grader scores the exercise
    as forbidden. The static check is the gate; this is the second look.
    """

    def __init__(self, forbidden: dict[str, list[str]], src_prefix: str):
        self.forbidden, self.src = forbidden, src_prefix
        self.active: frozenset[str] = frozenset()
        self.used: list[str] = []
        self.wrappers: dict[int, object] = {}  # id(original) -> its tripwire
        self.originals: dict[int, object] = {}  # keeps the originals alive (ids stay unique)
        self.entries: dict[int, set[str]] = {}  # id(tripwire) -> the forbidden entries it stands for

    def names(self, module: str, function: str | None = None) -> list[str]:
        """The entries of one exercise (with its module's ``module.*``), or of all of a module's."""
        if function is not None:
            return list(self.forbidden.get(f"{module}.{function}", ())) + list(self.forbidden.get(f"{module}.*", ()))
        return sorted({n for key, names in self.forbidden.items() if key.split(".", 1)[0] == module for n in names})

    def _tripwire(self, original, dotted: str, entry: str):
        if id(original) in self.entries:  # already a tripwire: it stands for one more entry
            self.entries[id(original)].add(entry)
            return original
        if id(original) in self.wrappers:
            wrapper = self.wrappers[id(original)]
            self.entries[id(wrapper)].add(entry)
            return wrapper
        watch, entries = self, {entry}

        def tripwire(*args, **kwargs):
            if watch.active and not entries.isdisjoint(watch.active):
                caller = sys._getframe(1).f_code.co_filename
                if caller.startswith(watch.src):
                    watch.used.append(dotted)
            return original(*args, **kwargs)

        for attr in ("__name__", "__qualname__", "__doc__", "__module__"):
            try:
                setattr(tripwire, attr, getattr(original, attr))
            except (AttributeError, TypeError):
                pass
        self.wrappers[id(original)] = tripwire
        self.originals[id(original)] = original
        self.entries[id(tripwire)] = entries
        return tripwire

    def install(self, names) -> None:
        """Wrap every named function (all public functions of a named module) wherever it is loaded."""
        for entry in names:
            parts = entry.split(".")
            target, owner = sys.modules.get(parts[0]), None
            for part in parts[1:]:
                owner, target = target, getattr(target, part, None)
                if target is None:
                    break
            if target is None:
                continue
            if isinstance(target, type(sys)):
                # its own functions only: statistics.sqrt is math.sqrt, which stays allowed
                public = getattr(target, "__all__", None) or [a for a in dir(target) if not a.startswith("_")]
                for attr in public:
                    value = getattr(target, str(attr), None)
                    home = str(getattr(value, "__module__", None) or "")
                    if _wrappable(value) and home.split(".")[0] == parts[0]:
                        self._tripwire(value, f"{entry}.{attr}", entry)
            elif owner is not None and _wrappable(target):
                self._tripwire(target, entry, entry)
        self._spread()

    def _spread(self) -> None:
        """Put the tripwires in every loaded module that holds one of the originals."""
        tops = {entry.split(".")[0] for entries in self.entries.values() for entry in entries}
        for name, module in list(sys.modules.items()):
            if module is None or name.split(".")[0] not in tops:
                continue
            try:
                items = list(vars(module).items())
            except TypeError:
                continue
            for attr, value in items:
                wrapper = self.wrappers.get(id(value))
                if wrapper is not None and self.originals.get(id(value)) is value:
                    try:
                        setattr(module, attr, wrapper)
                    except (AttributeError, TypeError):
                        pass

    def rewire(self, module) -> None:
        """Swap originals that ``module`` captured at import for their tripwires."""
        seen: set[int] = set()
        namespace = vars(module)
        for key, value in list(namespace.items()):
            namespace[key] = self._swap(value, seen, 3)

    def _swap(self, value, seen: set[int], depth: int):
        wrapper = self.wrappers.get(id(value))
        if wrapper is not None and self.originals.get(id(value)) is value:
            return wrapper
        if depth <= 0 or id(value) in seen:
            return value
        seen.add(id(value))
        try:
            if isinstance(value, types.FunctionType) and value.__code__.co_filename.startswith(self.src):
                if value.__defaults__:
                    value.__defaults__ = tuple(self._swap(v, seen, depth - 1) for v in value.__defaults__)
                if value.__kwdefaults__:
                    value.__kwdefaults__ = {k: self._swap(v, seen, depth - 1) for k, v in value.__kwdefaults__.items()}
                for cell in value.__closure__ or ():
                    try:
                        cell.cell_contents = self._swap(cell.cell_contents, seen, depth - 1)
                    except ValueError:  # an empty cell
                        pass
            elif isinstance(value, (staticmethod, classmethod)):
                inner = self._swap(value.__func__, seen, depth - 1)
                if inner is not value.__func__:
                    return type(value)(inner)
            elif isinstance(value, type) and self._ours(value):
                for key, item in list(vars(value).items()):
                    swapped = self._swap(item, seen, depth - 1)
                    if swapped is not item:
                        setattr(value, key, swapped)
            elif type(value) is dict:
                for key, item in list(value.items()):
                    value[key] = self._swap(item, seen, depth - 1)
            elif type(value) is list:
                value[:] = [self._swap(item, seen, depth - 1) for item in value]
            elif type(value) is tuple:
                swapped = tuple(self._swap(item, seen, depth - 1) for item in value)
                if any(a is not b for a, b in zip(swapped, value)):
                    return swapped
        except (AttributeError, TypeError):
            pass
        return value

    def _ours(self, cls: type) -> bool:
        """Whether a class was defined by the submission (library classes are left alone)."""
        home = sys.modules.get(getattr(cls, "__module__", None) or "")
        return str(getattr(home, "__file__", None) or "").startswith(self.src)

    @contextlib.contextmanager
    def watch(self, module: str, function: str):
        """For one call of ``module.function``: yields the forbidden names it called."""
        self.active, self.used = frozenset(self.names(module, function)), []
        try:
            yield self.used
        finally:
            self.active = frozenset()


def _wrappable(value) -> bool:
    """Functions and ufuncs, not classes: a wrapped class would break ``isinstance``."""
    return callable(value) and not isinstance(value, type)


def flush_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a student may have replaced or closed them
            pass


def run(sock, src: Path, workdir: Path, options: dict) -> None:
    """Child side of a fork: confine this process, then answer requests until told to stop."""
    os.setsid()
    os.chdir(workdir)
    out = os.open(workdir / "output.txt", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.close(out)
    sys.stdout = open(1, "w", buffering=1, closefd=False)
    sys.stderr = open(2, "w", buffering=1, closefd=False)
    os.environ.clear()
    os.environ.update({"PATH": "/usr/bin:/bin", "HOME": str(workdir), "TMPDIR": str(workdir),
                       "LANG": "C.UTF-8", "MPLBACKEND": "Agg"})
    confine.set_limits(options["memory_bytes"], options["cpu_seconds"], options["file_bytes"])
    confine.drop_capabilities()
    if options.get("landlock", True):
        confine.restrict_filesystem([Path(p) for p in options["readable"]] + [src], [workdir])
    if options.get("seccomp", True):
        confine.forbid_new_processes()
    sys.path.append(str(src))  # last: a numpy.py in the submission cannot shadow the real one
    sys.argv = ["worker"]
    Worker(sock, src, options.get("forbidden", {})).serve()
