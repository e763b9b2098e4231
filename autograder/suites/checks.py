"""Assertions for suites: each failure says which property broke, on what, expected vs got.

Messages are the whole feedback a student sees for a hidden test, so they name the
property and show the (small) input, never the test's code.
"""
from __future__ import annotations

import functools

import numpy as np

# pytest leaves these frames out of a failure's traceback (a stub called through
# expect_error): the student's feedback never shows them, and re-reading this file for
# every failing stub was 0.3 s of a student's pytest of the stubs.
__tracebackhide__ = True


def oracle(name: str, compute):
    """``compute()``, a costly trusted answer that depends on the suite alone, computed once:
    when the suite's case table was built, or here if it has none (see ``case_tables``)."""
    import sys

    from .. import case_tables

    return case_tables.oracle(sys._getframe(1).f_globals["__file__"], name, compute)


@functools.cache
def _digits_once():
    from sklearn.datasets import load_digits

    loaded = load_digits()
    return loaded.data, loaded.target


def digits():
    """Copies of scikit-learn's 8x8 digits ``(data, target)``: a class grades many submissions
    in one process, and reading and parsing the file took 45 ms each time."""
    data, target = _digits_once()
    return data.copy(), target.copy()


_FORMATTED: dict[tuple, str] = {}  # in one process, a class formats the same inputs for every submission


def fmt(value, limit: int = 300) -> str:
    """A short, readable rendering of a test input or an answer."""
    if type(value) is np.ndarray and value.dtype.kind in "biufcU" and value.nbytes <= 1 << 16:
        key = (value.dtype.str, value.shape, value.tobytes(), limit)
        text = _FORMATTED.get(key)
        if text is None:
            if len(_FORMATTED) >= 20_000:
                _FORMATTED.clear()
            text = _FORMATTED[key] = _fmt(value, limit)
        return text
    return _fmt(value, limit)


def _fmt(value, limit: int) -> str:
    if isinstance(value, np.ndarray):
        text = np.array2string(value, threshold=40, edgeitems=3, precision=6)
        text = f"array({text}, dtype={value.dtype}, shape={value.shape})"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[:limit] + " ..."


def type_name(obj) -> str:
    """Dotted type name of an answer, whether it is local data or a handle into the worker."""
    remote = getattr(type(obj), "_autograder_handle", False)
    if remote:
        return obj.type_name
    t = type(obj)
    return f"{t.__module__}.{t.__qualname__}"


def _context(inputs) -> str:
    return f"\n  input: {inputs}" if inputs else ""


def assert_array(got, *, shape=None, dtype=None, what="result", inputs="") -> None:
    """``got`` is a plain ndarray, with the given shape and dtype when those are given."""
    if not (type(got) is np.ndarray):
        raise AssertionError(
            f"{what} should be a numpy ndarray, got {type_name(got)}{_context(inputs)}")
    if shape is not None:
        if not (got.shape == tuple(shape)):
            raise AssertionError(
                f"{what} should have shape {tuple(shape)}, got {got.shape}{_context(inputs)}")
    if dtype is not None:
        if not (got.dtype == np.dtype(dtype)):
            raise AssertionError(
                f"{what} should have dtype {np.dtype(dtype)}, got {got.dtype}{_context(inputs)}")


def assert_close(got, expected, *, rtol=1e-7, atol=1e-12, what="result", inputs="",
                 dtype=None) -> None:
    """An array answer equals the oracle's within ``rtol``/``atol`` (NaN equals NaN)."""
    expected = np.asarray(expected)
    assert_array(got, shape=expected.shape, dtype=dtype, what=what, inputs=inputs)
    if got.dtype.kind in "biufc" and expected.dtype.kind in "biufc":
        ok = np.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    else:
        ok = bool(np.array_equal(got, expected))
    if not ok:
        detail = ""
        if got.size and got.dtype.kind in "biufc":
            diff = np.abs(got.astype(complex) - expected.astype(complex))
            idx = np.unravel_index(int(np.nanargmax(diff)), diff.shape)
            detail = f"\n  largest difference {diff[idx]:.3g} at index {tuple(int(i) for i in idx)}"
        raise AssertionError(
            f"{what} is wrong{_context(inputs)}\n  expected: {fmt(expected)}\n  got:      {fmt(got)}"
            f"{detail}\n  (tolerance rtol={rtol:g}, atol={atol:g})")


def assert_scalar(got, expected, *, kind=float, rtol=1e-9, atol=1e-12, what="result",
                  inputs="") -> None:
    """A scalar answer has exactly the Python type ``kind`` and the oracle's value.

    For float, int and bool the type must be exactly that built-in: ``np.float64``
    subclasses ``float`` and would pass an ``isinstance`` check, but the contract promises
    Python scalars (they print, serialise and compare like Python numbers).
    """
    if kind in (float, int, bool):
        ok_type = type(got) is kind
    else:
        ok_type = isinstance(got, kind)
    if not (ok_type):
        raise AssertionError(
            f"{what} should be a {kind.__name__}, got {type_name(got)} {fmt(got)}{_context(inputs)}")
    if kind is float:
        same = (np.isnan(got) and np.isnan(expected)) or bool(
            np.isclose(got, expected, rtol=rtol, atol=atol))
    else:
        same = got == expected
    if not (same):
        raise AssertionError(
            f"{what} is wrong{_context(inputs)}\n  expected: {fmt(expected)}\n  got:      {fmt(got)}"
            + (f"\n  (tolerance rtol={rtol:g}, atol={atol:g})" if kind is float else ""))


def expect_error(error, call, *args, mentions: str | None = None, what: str = "", **kwargs):
    """``call(*args, **kwargs)`` raises ``error``; with ``mentions``, its message names that word."""
    label = what or f"{getattr(call, '__name__', 'the function')}{fmt(args)}"
    try:
        answer = call(*args, **kwargs)
    except error as exc:
        if mentions is not None:
            if not (mentions.lower() in str(exc).lower()):
                raise AssertionError(
                    f"{label} raised {error.__name__} as it should, but its message should say what "
                    f"was wrong (mention {mentions!r}); it said: {exc}")
        return exc
    except Exception as exc:  # noqa: BLE001 - the wrong kind of error is the finding
        raise AssertionError(
            f"{label} should raise {error.__name__}, raised {type(exc).__name__}: {exc}") from None
    raise AssertionError(f"{label} should raise {error.__name__}, returned {fmt(answer)}")


def assert_unchanged(before, after, what="input") -> None:
    """An input array was not modified by the call."""
    if not (np.array_equal(before, after, equal_nan=True)):
        raise AssertionError(
            f"the function modified its {what}: it was {fmt(before)}, afterwards {fmt(after)}")
