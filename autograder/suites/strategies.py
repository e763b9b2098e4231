"""Hypothesis strategies shared by every suite: one place for shapes, dtypes, ranks and ties.

Values stay in ranges where the oracles themselves are accurate; tolerances are stated by
each comparison, not hidden here.
"""
from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

FLOAT_DTYPES = (np.float64, np.float32)
INT_DTYPES = (np.int64, np.int32)


def reals(low: float = -1e3, high: float = 1e3) -> st.SearchStrategy[float]:
    """Finite floats in ``[low, high]``, no subnormals."""
    return st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def probabilities() -> st.SearchStrategy[float]:
    return st.floats(0.0, 1.0, allow_nan=False)


def arrays(shape, dtype=np.float64, low: float = -100, high: float = 100):
    """Arrays of ``shape`` (a tuple or a strategy of tuples) with ints or floats in a range."""
    dtype = np.dtype(dtype)
    if dtype.kind in "iu":
        elements = st.integers(int(max(low, np.iinfo(dtype).min)), int(min(high, np.iinfo(dtype).max)))
    else:
        elements = st.floats(low, high, allow_nan=False, allow_infinity=False,
                             allow_subnormal=False, width=dtype.itemsize * 8)
    return hnp.arrays(dtype, shape, elements=elements)


def numeric_dtypes() -> st.SearchStrategy[np.dtype]:
    return st.sampled_from((np.float64, np.int64, np.float32, np.int32)).map(np.dtype)


@st.composite
def vectors(draw, min_len: int = 1, max_len: int = 12, low=-100, high=100, dtype=None):
    """1-D arrays of ints or floats (the dtype drawn unless given)."""
    dtype = dtype or draw(numeric_dtypes())
    n = draw(st.integers(min_len, max_len))
    return draw(arrays((n,), dtype, low, high))


@st.composite
def vector_pairs(draw, min_len: int = 1, max_len: int = 12, low=-100, high=100):
    """Two 1-D arrays of the same length (each with its own dtype)."""
    n = draw(st.integers(min_len, max_len))
    a = draw(arrays((n,), draw(numeric_dtypes()), low, high))
    b = draw(arrays((n,), draw(numeric_dtypes()), low, high))
    return a, b


@st.composite
def matrices(draw, min_rows=1, max_rows=6, min_cols=1, max_cols=6, low=-10, high=10, dtype=None):
    dtype = dtype or draw(numeric_dtypes())
    shape = (draw(st.integers(min_rows, max_rows)), draw(st.integers(min_cols, max_cols)))
    return draw(arrays(shape, dtype, low, high))


@st.composite
def matmul_pairs(draw, max_dim=6, low=-10, high=10):
    """``(A, B)`` with A of shape (n, k) and B of shape (k, m), dtypes drawn independently."""
    n, k, m = (draw(st.integers(1, max_dim)) for _ in range(3))
    a = draw(arrays((n, k), draw(numeric_dtypes()), low, high))
    b = draw(arrays((k, m), draw(numeric_dtypes()), low, high))
    return a, b


@st.composite
def symmetric_matrices(draw, min_n=1, max_n=6, low=-10, high=10):
    a = draw(arrays((draw(st.integers(min_n, max_n)),) * 2, np.float64, low, high))
    return (a + a.T) / 2


@st.composite
def matrices_of_rank(draw, min_dim=1, max_dim=6):
    """A float matrix ``(n, m)`` of a drawn rank ``r ≤ min(n, m)``, built as ``U @ V``.

    Returns ``(matrix, rank)``; rank 0 gives the zero matrix.
    """
    n, m = draw(st.integers(min_dim, max_dim)), draw(st.integers(min_dim, max_dim))
    r = draw(st.integers(0, min(n, m)))
    seed = draw(st.integers(0, 2**32 - 1))
    g = np.random.default_rng(seed)
    u, v = g.standard_normal((n, r)), g.standard_normal((r, m))
    return u @ v, r


@st.composite
def samples(draw, min_len=2, max_len=30, low=-1e3, high=1e3, ties=None):
    """A 1-D float sample; with ``ties`` (or by chance) values drawn from a few levels."""
    n = draw(st.integers(min_len, max_len))
    with_ties = draw(st.booleans()) if ties is None else ties
    if with_ties:
        levels = draw(st.lists(reals(low, high), min_size=1, max_size=4))
        values = draw(st.lists(st.sampled_from(levels), min_size=n, max_size=n))
    else:
        values = draw(st.lists(reals(low, high), min_size=n, max_size=n))
    return np.array(values, dtype=np.float64)


@st.composite
def sample_pairs(draw, min_len=2, max_len=30, same_length=True, ties=None):
    a = draw(samples(min_len, max_len, ties=ties))
    b = draw(samples(len(a), len(a), ties=ties)) if same_length else draw(
        samples(min_len, max_len, ties=ties))
    return a, b


def positive_vectors(min_len=1, max_len=20, low=1e-3, high=1e6):
    return st.integers(min_len, max_len).flatmap(
        lambda n: arrays((n,), np.float64, low, high))
