"""Proxies for what lives in a worker: remote objects, functions with their timeout, remote exceptions.

They hold a ``RemoteModule`` and talk to it only through its public ``request``/``unpack``
methods, so the module's connection state stays its own.
"""
from __future__ import annotations

import builtins
import re

from . import bounds
from ..errors import NotImplementedYet, RemoteError


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


def error_of(reply: dict, display: str, what: str) -> BaseException:
    """The exception an ``error`` reply stands for: NotImplementedYet, or the remote exception with its frames."""
    frames = reply.get("frames")
    frames = frames[-bounds.MAX_FRAMES:] if type(frames) is list else []
    frames = [[printable(part, bounds.MAX_FRAME_PART) for part in frame[:4]] for frame in frames
              if type(frame) is list and len(frame) >= 4]
    where = None
    if frames:
        name, line = frames[-1][0], frames[-1][1]
        where = f"{display}/{name}:{line}"
    message = printable(reply.get("message", ""), bounds.MAX_MESSAGE)
    if reply.get("notimpl"):
        return NotImplementedYet(f"{what} is not implemented yet", where)
    exc = remote_exception(bounds.cut(reply.get("base"), 40),
                           printable(reply.get("type"), bounds.MAX_TYPE_NAME), message)
    exc.where = where
    exc.remote_traceback = "\n".join(
        f'  File "{display}/{f[0]}", line {f[1]}, in {f[2]}\n    {f[3]}' for f in frames)
    return exc


# ---------------------------------------------------------------- what stays in the worker


class RemoteHandle:
    """An object that stays in the worker (a fitted model, a figure); use it through its methods."""

    _autograder_handle = True

    def __init__(self, module: "RemoteModule", key: int, type_name: str, generation: int):
        object.__setattr__(self, "_module", module)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "_generation", generation)
        object.__setattr__(self, "type_name", printable(type_name, 200))

    def _op(self, op: str, **fields):
        return self._module.request({"op": op, "h": self._key, **fields},
                                     what=f"{self.type_name}", generation=self._generation)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return self._op("getattr", name=name)

    def __call__(self, *args, **kwargs):
        module = self._module
        return self._op("callh", args=module.encode(list(args)), kwargs=module.encode(kwargs))

    def __len__(self) -> int:
        n = self._op("len")
        if type(n) is not int:
            raise TypeError("len() of the submission's object is not an int")
        return n

    def __getitem__(self, key):
        return self._op("getitem", key=self._module.encode(key))

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


class _RemoteFunction:
    def __init__(self, module: RemoteModule, name: str, timeout: float | None):
        self.module, self.__name__, self.timeout = module, name, timeout

    def __call__(self, *args, _inspect: bool = False, **kwargs):
        return self.module.call(self.__name__, args, kwargs, timeout=self.timeout, inspect=_inspect)


class _Timed:
    def __init__(self, module: RemoteModule, seconds: float):
        self._module, self._seconds = module, seconds

    def __getattr__(self, name: str):
        return _RemoteFunction(self._module, name, self._seconds)

    def inspect_call(self, name: str, *args, **kwargs):
        return _RemoteFunction(self._module, name, self._seconds)(*args, _inspect=True, **kwargs)


