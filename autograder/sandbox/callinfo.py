"""What a call did besides returning: which arguments it modified, which it returned a view of."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class CallInfo:
    mutated: tuple[str, ...] = ()        # labels ("arg0", "w", ...) of arguments the call changed
    shares_memory: tuple[str, ...] = ()  # labels of array arguments the returned array is a view of


def labelled(args, kwargs) -> list[tuple[str, object]]:
    return [(f"arg{i}", a) for i, a in enumerate(args)] + list(kwargs.items())


def same_value(a, b) -> bool:
    """Structural equality that treats arrays by dtype, shape and bytes (NaN-safe)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype
                and a.shape == b.shape and a.tobytes() == b.tobytes())
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(same_value, a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    try:
        return bool(a == b) or (a != a and b != b)
    except Exception:  # noqa: BLE001 - incomparable means changed
        return False


def inspect(call, args, kwargs):
    """Run ``call`` and report mutation and memory sharing of its arguments."""
    import copy

    before = [(label, copy.deepcopy(value)) for label, value in labelled(args, kwargs)]
    result = call(*args, **kwargs)
    current = dict(labelled(args, kwargs))
    mutated = tuple(label for label, old in before if not same_value(old, current[label]))
    shares = ()
    if isinstance(result, np.ndarray):
        shares = tuple(label for label, value in current.items()
                       if isinstance(value, np.ndarray) and np.shares_memory(result, value))
    return result, CallInfo(mutated, shares)
