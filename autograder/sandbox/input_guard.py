"""Every call a public test makes checks the contract's first clause: inputs stay unchanged.

The course's contract says functions never modify their inputs. The hidden suite checks it
for each function; the public suite did only for a few, so a ``median`` that sorted its
input in place passed every public test and lost its points in the hidden one. Wrapping
the ``sub`` fixture checks it on every call of every public test, without a list of
functions, so exercises added later are covered too.
"""
from __future__ import annotations

import copy

import numpy as np

from .callinfo import labelled
from ..suites.checks import fmt

# Hidden from pytest's traceback of a failure (the plugin replaces that text with the
# student's feedback): pytest re-parses the file of every frame it shows.
__tracebackhide__ = True

_DATA = (np.ndarray, list, dict)


def _ordinal(label: str) -> str:
    if label.startswith("arg") and label[3:].isdigit():
        n = int(label[3:]) + 1
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n if n < 20 else n % 10, "th")
        return f"its {n}{suffix} argument"
    return f"its argument {label}"


def _copy(value):
    """A copy of a data argument, to show it as it was before the call; others as they are."""
    if not isinstance(value, _DATA):
        return value
    try:
        return copy.deepcopy(value)
    except Exception:  # noqa: BLE001 - a handle inside a list cannot be copied: not data
        return None


def _as_array(value):
    """A list of numbers as the equivalent ndarray (the contract takes both), else None."""
    if type(value) is not list or not value:
        return None
    try:
        array = np.array(value)
    except (ValueError, TypeError):
        return None
    return array if array.dtype.kind in "biuf" and 0 < array.size <= 10_000 else None


class UnchangedInputs:
    """The submission module ``module`` (sandboxed or in-process) with the check on each call.

    Public tests mostly pass lists, which ``np.asarray`` copies, so an in-place sort would go
    unseen: the first call of each function is repeated once with its number lists given as
    ndarrays, and only whether that call changed them is checked.
    """

    def __init__(self, module, name: str, shadowed: set | None = None):
        self._module, self._name = module, name
        self._shadowed = shadowed if shadowed is not None else set()

    def with_timeout(self, seconds: float) -> "UnchangedInputs":
        return UnchangedInputs(self._module.with_timeout(seconds), self._name, self._shadowed)

    def inspect_call(self, name: str, *args, **kwargs):
        return self._module.inspect_call(name, *args, **kwargs)

    def __getattr__(self, name: str):
        attr = getattr(self._module, name)
        if name.startswith("_") or not callable(attr) or hasattr(type(self._module), name):
            return attr  # the proxy's own services (judge, ...) are the grader's, not the student's
        module, what = self._module, f"{self._name}.{name}"

        def call(*args, **kwargs):
            before = {label: _copy(value) for label, value in labelled(args, kwargs)}
            result, info = module.inspect_call(name, *args, **kwargs)
            changed = [label for label in info.mutated if isinstance(before.get(label), _DATA)]
            if changed:
                _refuse(what, changed, before)
            if name not in self._shadowed:
                self._shadowed.add(name)
                self._with_arrays(name, what, args, kwargs)
            return result

        call.__name__ = name
        call.__qualname__ = what
        return call

    def _with_arrays(self, name, what, args, kwargs) -> None:
        arrays = {label: _as_array(value) for label, value in labelled(args, kwargs)}
        arrays = {label: a for label, a in arrays.items() if a is not None}
        if not arrays:
            return
        shadow_args = [arrays.get(f"arg{i}", a) for i, a in enumerate(args)]
        shadow_kwargs = {k: arrays.get(k, v) for k, v in kwargs.items()}
        before = {label: a.copy() for label, a in arrays.items()}
        try:
            _, info = self._module.inspect_call(name, *shadow_args, **shadow_kwargs)
        except Exception:  # noqa: BLE001 - only the inputs are checked here, not the answer
            return
        changed = [label for label in info.mutated if label in arrays]
        if changed:
            _refuse(what, changed, before, "given as an ndarray ")


def _refuse(what: str, changed: list[str], before: dict, how: str = "") -> None:
    shown = ", ".join(fmt(before[label], 120) for label in changed)
    raise AssertionError(
        f"{what} modified {', '.join(map(_ordinal, changed))} {how}({shown}); inputs must "
        "never be changed: work on a copy, e.g. np.array(x, dtype=float)")
