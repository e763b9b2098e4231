"""The record of one grading's calls into a submission, in the order they crossed the sandbox.

``record_calls`` writes it from the grader's side of a real ``grade()``; ``replay_calls``
reads it and makes the same calls in-process. Each entry's inputs are pickled at the moment
of the call (a later change by the grader or by the call itself cannot leak into them). An
object that stayed in the worker is pickled as a reference: the entry whose answer held it
and the path to it inside that answer, so the replay passes the real object that entry
returned. Standard library only: the replayer loads this before anything is timed.
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

# What the grader can ask of a worker about a submission (``RemoteModule.call``/``judge``
# and the operations of a ``RemoteHandle``).
OPS = ("call", "getattr", "callh", "getitem", "len", "list", "judge")
HANDLE_TAG = "handle"


@dataclass
class Entry:
    """One request the grading made: what, on which module or handle, with which inputs."""

    op: str
    module: str
    name: str = ""                 # the function (call), the attribute (getattr), the judge's kind
    target: tuple | None = None    # (entry, path) of the handle an op works on
    inputs: bytes | None = None    # pickled (args, kwargs); None when they could not be pickled
    unpicklable: str = ""          # why not, or why the entry cannot be replayed
    timeout: float | None = None
    inspect: bool = False
    answer: bytes | None = None    # pickled plain answer (handles as ``Handle``) or ``Raised``
    seconds: float = 0.0           # how long it took through the sandbox


@dataclass(frozen=True)
class Handle:
    """In an answer: an object that stayed in the worker; only its type's name crossed."""

    type_name: str


@dataclass(frozen=True)
class Raised:
    """In an answer: the call raised; ``base`` is the builtin exception class it is one of."""

    base: str


@dataclass
class Record:
    solutions: str                 # the folder the recorded submission was graded from
    modules: list[str]             # the modules the calls went to, in first-call order
    entries: list[Entry]
    meta: dict = field(default_factory=dict)


def dump(record: Record, path) -> None:
    with open(path, "wb") as handle:
        pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)


def load(path) -> Record:
    with open(path, "rb") as handle:
        return pickle.load(handle)


def walk_handles(value, is_handle: Callable[[Any], bool], path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, object) for every handle in ``value``'s exact lists, tuples and dict values.

    The codec carries exactly these containers as data and anything else as a handle, so
    the same path finds the same object in the real value the replay gets back.
    """
    if is_handle(value):
        yield path, value
        return
    t = type(value)
    if t is list or t is tuple:
        for i, item in enumerate(value):
            yield from walk_handles(item, is_handle, path + (i,))
    elif t is dict:
        for i, item in enumerate(value.values()):
            yield from walk_handles(item, is_handle, path + (i,))


def follow(value, path: tuple):
    """The object at ``path`` (from ``walk_handles``) inside ``value``."""
    for step in path:
        value = list(value.values())[step] if type(value) is dict else value[step]
    return value


def builtin_base(exc: BaseException) -> str:
    """The builtin exception class ``exc`` is one of (the sandbox keeps only that across)."""
    import builtins

    return next((c.__name__ for c in type(exc).__mro__ if getattr(builtins, c.__name__, None) is c),
                "BaseException")


def same(a, b) -> bool:
    """Equal answers: same types, same array dtypes and shapes, NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if type(a).__module__ == "numpy":
        import numpy as np

        a, b = np.asarray(a), np.asarray(b)
        return (a.dtype == b.dtype and a.shape == b.shape
                and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")))
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if type(a) is dict:
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if type(a) in (float, complex):
        return a == b or (a != a and b != b)
    return a == b
