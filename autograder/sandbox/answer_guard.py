"""Which recorded calls carry an earlier call's answer, so that a batch never holds it.

A batch puts a test's later requests in the worker while its first call runs, where the
submission could read them. A later request may hold an earlier call's correct answer: the
reference's reply passed on (``forward(x, init_network(...))``), or the oracle's own value
of it given as an input. Such a request is recorded as a call to make live, sent only after
the earlier call has answered. Recognised: an answer's arrays and non-integral floats,
exactly or within a relative 1e-6; an answer transformed before it is passed on is not.
"""
from __future__ import annotations

import math

import numpy as np

_MAX_LEAVES = 2000  # per value: enough for any suite's arguments, bounded for a hostile answer


def leaves(value) -> list:
    """The arrays and non-integral floats inside ``value`` (lists, tuples, dicts followed)."""
    found: list = []
    stack = [(value, 0)]
    while stack and len(found) < _MAX_LEAVES:
        item, depth = stack.pop()
        if isinstance(item, np.ndarray):
            if item.size and item.dtype.kind in "biufc":
                found.append(item)
        elif isinstance(item, (float, np.floating)):
            x = float(item)
            if math.isfinite(x) and x != int(x):
                found.append(x)
        elif isinstance(item, (list, tuple)) and depth < 8:
            stack.extend((part, depth + 1) for part in item)
        elif isinstance(item, dict) and depth < 8:
            stack.extend((part, depth + 1) for part in item.values())
    return found


def carries(request_leaves: list, answer_leaves: list) -> bool:
    """Whether a request's arguments hold one of an answer's arrays or floats."""
    for a in request_leaves:
        for b in answer_leaves:
            if isinstance(a, float) and isinstance(b, float):
                if math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12):
                    return True
            elif isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape:
                with np.errstate(all="ignore"):
                    if np.allclose(a.astype(complex), b.astype(complex), rtol=1e-6, atol=1e-12, equal_nan=True):
                        return True
    return False


def mark_live(recorded: list) -> list[tuple[str, bytes | None, float | None]]:
    """``(module, bytes, timeout)`` per recorded call; ``None`` bytes where it carries an earlier answer."""
    answers: list[list] = []
    calls = []
    for module, data, timeout, request_leaves, answer_leaves in recorded:
        carried = any(carries(request_leaves, earlier) for earlier in answers)
        calls.append((module, None if carried else data, timeout))
        answers.append(answer_leaves)
    return calls
