"""The worker: the only process that imports a submission; it answers calls over the codec.

It runs in a child of the fork server, confined (see ``confine``), with its own working
folder and its stdout/stderr sent to a file there, so nothing the student prints can reach
the grader's channel or its output.
"""
from __future__ import annotations

import builtins
import importlib.util
import itertools
import json
import os
import sys
import traceback
from pathlib import Path

from . import codec, confine, judges  # judges: the real classes, bound before any submission
from . import tripwires

_MESSAGE_LIMIT = 2000


class Worker:
    def __init__(self, sock, src: Path, forbidden: dict[str, list[str]]):
        self.sock = sock
        self.src = src
        self.tripwires = tripwires.for_worker(forbidden, str(src))
        self.modules: dict[str, object] = {}
        self.handles: dict[int, object] = {}
        self.ids = itertools.count(1)
        self.batched = False  # answering a batch: nobody reads a callback until it ends

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
        if self.batched:
            raise RuntimeError("a request in a batch cannot call back the grader")

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
            self.tripwires.install(self.tripwires.names(name))  # before: what it captures is wired
            before = tripwires.modules_marker()
            sys.modules[name] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                sys.modules.pop(name, None)
                raise
            self.tripwires.install(self.tripwires.names(name))  # libraries the module imported itself
            for loaded_name in tripwires.loaded_since(before):  # the module and the helpers it imported
                loaded = sys.modules.get(loaded_name)
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
        while True:
            try:
                msg = codec.recv_frame(self.sock)
            except (EOFError, OSError, codec.CodecError):
                return
            if msg.get("op") == "exit":
                return
            if msg.get("op") == "batch":
                self.batch(msg.get("requests"))
            else:
                self.send(self.answer(msg))

    def answer(self, msg: dict) -> dict:
        ops = {"import": self.op_import, "call": self.op_call, "getattr": self.op_getattr,
               "callh": self.op_callh, "len": self.op_len, "getitem": self.op_getitem,
               "list": self.op_list, "judge": self.op_judge}
        try:
            answer = ops[msg.get("op")](msg)
            value, info = answer if msg.get("op") == "call" else (answer, {})
            reply = {"op": "result", "value": self.encode_result(value), "info": info}
        except BaseException as exc:  # noqa: BLE001 - sys.exit and KeyboardInterrupt are answers too
            reply = self.describe(exc)
        flush_output()
        return reply

    def batch(self, requests) -> None:
        """Answer each request as if it had come alone, one reply frame each, sent as soon as it is ready.

        The grader reads the replies while later requests still run; a request that would
        need the grader during the batch (a batch, a callback) is refused on its own. The
        batch is the grader's message, read under the same frame cap as any.
        """
        requests = requests if type(requests) is list else [None]
        exhausted: set = set()  # functions out of memory: the grader never calls them again
        for index, msg in enumerate(requests):
            if type(msg) is not dict or msg.get("op") in ("batch", "exit") or index >= codec.MAX_BATCH:
                self.send(self.describe(ValueError("a batch holds single requests only")))
                continue
            if msg.get("op") == "call" and msg.get("func") in exhausted:
                # not run again: one memory blow-up per function and run, as on the live path
                self.send(self.describe(MemoryError("skipped: it ran out of memory earlier in this batch")))
                continue
            self.batched = True
            try:
                reply = self.answer(msg)
            finally:
                self.batched = False
            self.send(reply)
            if reply.get("base") == "MemoryError" and msg.get("op") == "call":
                exhausted.add(msg.get("func"))
            if codec.ends_batch(reply):
                return  # the grader reads no further (see prefetch): the rest would go unread

    def send(self, reply: dict) -> None:
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
