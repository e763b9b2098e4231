"""Hidden suite for numpy_basics: values against NumPy's own indexing, views vs copies, types.

Oracle: the NumPy expression each exercise names (``a[:rows, :cols]``, ``b[::2]``, ...),
compared exactly (indexing involves no rounding). Views and copies are judged through
``sub.inspect_call`` (``info.shares_memory`` / ``info.mutated``).
"""
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from autograder.suites import checks
from autograder.suites import strategies as S

# Weights: slicing one-liners 1 each; top_left and replace_block carry a view/copy
# contract on two axes (1.5); bookshelf_word has the 1-based off-by-one trap and five
# range checks (2).
POINTS = {
    "describe": 1, "zeros_with": 1, "top_left": 1.5, "every_other": 1,
    "reversed_view": 1, "replace_block": 1.5, "as_order": 1, "bookshelf_word": 2,
}


def any_arrays(min_dims=1, max_dims=3, min_side=0, max_side=5):
    """Arrays of a drawn dtype and shape."""
    shapes = hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side,
                              max_side=max_side)
    return S.numeric_dtypes().flatmap(lambda dt: S.arrays(shapes, dt, -50, 50))


def _py_ints(value) -> bool:
    return type(value) is int


# ---------------------------------------------------------------- describe

@pytest.mark.exercise("describe")
@settings(max_examples=25)
@given(a=any_arrays(min_dims=0, max_dims=4))
def test_describe_matches_numpy(sub, a):
    expected = (a.size, a.shape, a.ndim)
    for label, value in (("array", a), ("nested list", a.tolist())):
        if label == "nested list" and a.size == 0:
            continue  # [] loses the shape of an empty array
        got = sub.describe(value)
        assert type(got) is tuple and len(got) == 3, (
            f"describe should return a tuple (size, shape, ndim), got {checks.fmt(got)}")
        size, shape, ndim = got
        assert _py_ints(size) and _py_ints(ndim), (
            f"size and ndim should be Python ints, got {checks.type_name(size)} and "
            f"{checks.type_name(ndim)}\n  input: {label} {checks.fmt(value)}")
        assert type(shape) is tuple and all(_py_ints(n) for n in shape), (
            f"shape should be a tuple of Python ints, got {checks.fmt(shape)}")
        assert got == expected, (
            f"describe is wrong for the {label} {checks.fmt(value)}\n"
            f"  expected (size, shape, ndim) = {expected}\n  got:      {got}")


# ---------------------------------------------------------------- zeros_with

@st.composite
def shapes_and_entries(draw):
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5))
    index = st.tuples(*(st.integers(0, n - 1) for n in shape))
    entries = draw(st.dictionaries(index, st.integers(0, 1000), max_size=6))
    return shape, entries


@pytest.mark.exercise("zeros_with", weight=2)
@settings(max_examples=20)
@given(case=shapes_and_entries(), dtype=st.sampled_from(["uint32", "int64", "float64", None]))
def test_zeros_with_matches_numpy(sub, case, dtype):
    shape, entries = case
    expected = np.zeros(shape, dtype=dtype or "uint32")
    for index, value in entries.items():
        expected[index] = value
    if dtype is None:  # the course's default dtype
        got, info = sub.inspect_call("zeros_with", shape, entries)
    else:
        got, info = sub.inspect_call("zeros_with", shape, entries, dtype=dtype)
    checks.assert_close(got, expected, rtol=0, atol=0, dtype=expected.dtype,
                        what=f"zeros_with(shape, entries{'' if dtype is None else ', ' + repr(dtype)})",
                        inputs=f"shape={shape}, entries={entries}")
    assert not info.mutated, f"zeros_with must not modify its arguments; it changed {info.mutated}"


@pytest.mark.exercise("zeros_with")
def test_zeros_with_int_shape_and_default_dtype(sub):
    got = sub.zeros_with(4, {2: 7})
    checks.assert_close(got, np.array([0, 0, 7, 0], dtype=np.uint32), dtype=np.uint32,
                        what="zeros_with(4, {2: 7}) (the default dtype is the course's 'uint32')")


@pytest.mark.exercise("zeros_with")
def test_zeros_with_index_out_of_range(sub):
    checks.expect_error(IndexError, sub.zeros_with, (3, 4), {(3, 0): 1},
                        what="zeros_with((3, 4), {(3, 0): 1}) (row 3 of 3 rows)")


# ---------------------------------------------------------------- views

@st.composite
def array_and_counts(draw):
    a = draw(any_arrays(min_dims=2, max_dims=3, min_side=1, max_side=6))
    rows = draw(st.integers(0, a.shape[0] + 2))
    cols = draw(st.integers(0, a.shape[1] + 2))
    return a, rows, cols


@pytest.mark.exercise("top_left", weight=2)
@settings(max_examples=25)
@given(case=array_and_counts())
def test_top_left_is_a_view(sub, case):
    a, rows, cols = case
    got, info = sub.inspect_call("top_left", a, rows, cols)
    what = f"top_left(a, rows={rows}, cols={cols}) for a of shape {a.shape}"
    checks.assert_close(got, a[:rows, :cols], rtol=0, atol=0, dtype=a.dtype, what=what,
                        inputs=checks.fmt(a))
    if got.size:
        assert "arg0" in info.shares_memory, (
            f"{what} should be a view sharing a's memory (a[:rows, :cols]), not a copy")
    assert not info.mutated, f"top_left must not modify a; it changed {info.mutated}"


@pytest.mark.exercise("top_left")
def test_top_left_not_square(sub):
    a = np.arange(20).reshape((4, 5))
    got = sub.top_left(a, 3, 2)
    checks.assert_close(got, a[:3, :2], what="top_left(arange(20).reshape(4, 5), rows=3, cols=2) "
                        "(rows first, then columns)")


@pytest.mark.exercise("every_other", weight=2)
@settings(max_examples=25)
@given(b=any_arrays(min_dims=1, max_dims=2, min_side=1, max_side=9))
def test_every_other_is_a_view(sub, b):
    got, info = sub.inspect_call("every_other", b)
    checks.assert_close(got, b[::2], rtol=0, atol=0, dtype=b.dtype,
                        what="every_other(b) (b[::2], starting with the first element)",
                        inputs=checks.fmt(b))
    assert "arg0" in info.shares_memory, "every_other should be a view sharing b's memory, not a copy"
    assert not info.mutated, f"every_other must not modify b; it changed {info.mutated}"


@pytest.mark.exercise("every_other")
def test_every_other_odd_length(sub):
    got = sub.every_other(np.arange(7))
    checks.assert_close(got, [0, 2, 4, 6], what="every_other(arange(7)) (keeps the last element)")


@pytest.mark.exercise("reversed_view", weight=2)
@settings(max_examples=25)
@given(b=any_arrays(min_dims=1, max_dims=2, min_side=1, max_side=9))
def test_reversed_view_is_a_view(sub, b):
    got, info = sub.inspect_call("reversed_view", b)
    checks.assert_close(got, b[::-1], rtol=0, atol=0, dtype=b.dtype,
                        what="reversed_view(b) (b[::-1] along the first axis)", inputs=checks.fmt(b))
    assert "arg0" in info.shares_memory, (
        "reversed_view should be a view sharing b's memory (b[::-1]), not a copy")
    assert not info.mutated, f"reversed_view must not modify b; it changed {info.mutated}"


@pytest.mark.exercise("reversed_view")
def test_reversed_view_of_rows(sub):
    b = np.arange(6).reshape((3, 2))
    got = sub.reversed_view(b)
    checks.assert_close(got, [[4, 5], [2, 3], [0, 1]],
                        what="reversed_view of a 3x2 matrix (reverses the rows, keeps each row)")


# ---------------------------------------------------------------- replace_block

@st.composite
def stacks_and_blocks(draw):
    dtype = draw(S.numeric_dtypes())
    shape = draw(hnp.array_shapes(min_dims=3, max_dims=3, min_side=1, max_side=5))
    t = draw(S.arrays(shape, dtype, -50, 50))
    block = draw(S.arrays(shape[1:], dtype, -50, 50))
    i = draw(st.integers(-shape[0], shape[0] - 1))
    return t, i, block


@pytest.mark.exercise("replace_block", weight=3)
@settings(max_examples=25)
@given(case=stacks_and_blocks())
def test_replace_block_copy(sub, case):
    t, i, block = case
    expected = t.copy()
    expected[i, ...] = block
    got, info = sub.inspect_call("replace_block", t, i, block)
    what = f"replace_block(t, {i}, block) for t of shape {t.shape}"
    checks.assert_close(got, expected, rtol=0, atol=0, dtype=t.dtype, what=what,
                        inputs=f"t={checks.fmt(t)}, block={checks.fmt(block)}")
    assert not info.mutated, (
        f"replace_block must leave t and block unchanged (copy t first); it changed {info.mutated}")
    assert not info.shares_memory, (
        f"replace_block should return a new array, but it shares memory with {info.shares_memory}")


@pytest.mark.exercise("replace_block")
def test_replace_block_broadcast_and_index_error(sub):
    t = np.arange(24).reshape((4, 3, 2))
    got = sub.replace_block(t, 2, 99)
    expected = t.copy()
    expected[2, ...] = 99
    checks.assert_close(got, expected, what="replace_block(t, 2, 99) (the course's a[2,...] = 99)")
    checks.expect_error(IndexError, sub.replace_block, t, 4, np.zeros((3, 2)),
                        what="replace_block(t, 4, block) with t of shape (4, 3, 2)")


# ---------------------------------------------------------------- as_order

@pytest.mark.exercise("as_order", weight=2)
@settings(max_examples=20)
@given(x=st.one_of(st.integers(-10**6, 10**6), S.reals(), st.booleans()), n=st.integers(0, 7))
def test_as_order_shape_value_dtype(sub, x, n):
    got = sub.as_order(x, n)
    expected = np.array(x).reshape((1,) * n)
    checks.assert_close(got, expected, rtol=0, atol=0, dtype=expected.dtype,
                        what=f"as_order({x!r}, {n}) (shape (1,)*n, x's own dtype)")


@pytest.mark.exercise("as_order")
def test_as_order_bad_input(sub):
    checks.expect_error(ValueError, sub.as_order, 42, -1, what="as_order(42, -1) (negative order)")
    checks.expect_error(ValueError, sub.as_order, [1, 2], 3,
                        what="as_order([1, 2], 3) (x is not a scalar)")


# ---------------------------------------------------------------- bookshelf_word

NAMES = ("shelf", "book", "page", "line", "word")


@st.composite
def shelves_and_positions(draw):
    shape = draw(st.tuples(*(st.integers(1, 4) for _ in range(5))))
    w = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape) / 4
    positions = draw(st.tuples(*(st.integers(1, n) for n in shape)))
    return w, positions


@pytest.mark.exercise("bookshelf_word", weight=3)
@settings(max_examples=25)
@given(case=shelves_and_positions())
def test_bookshelf_word_one_based(sub, case):
    w, positions = case
    expected = float(w[tuple(p - 1 for p in positions)])
    got, info = sub.inspect_call("bookshelf_word", w, *positions)
    checks.assert_scalar(got, expected, rtol=0, atol=0,
                         what=f"bookshelf_word(w, {', '.join(map(str, positions))}) "
                              f"for w of shape {w.shape} (1-based: w[shelf-1, book-1, ...])")
    assert not info.mutated, f"bookshelf_word must not modify w; it changed {info.mutated}"


@pytest.mark.exercise("bookshelf_word")
def test_bookshelf_word_course_example_and_types(sub):
    w = np.zeros((9, 9, 9, 9, 9), dtype=np.int64)
    w[4, 1, 2, 0, 1] = 42
    checks.assert_scalar(sub.bookshelf_word(w, 5, 2, 3, 1, 2), 42, kind=int,
                         what="bookshelf_word(w, 5, 2, 3, 1, 2) for the course's w[4,1,2,0,1] "
                              "of an int array (a Python int)")
    words = np.full((1, 1, 1, 2, 3), "", dtype="<U8")
    words[0, 0, 0, 1, 2] = "tensor"
    got = sub.bookshelf_word(words, 1, 1, 1, 2, 3)
    assert type(got) is str and got == "tensor", (
        f"bookshelf_word on an array of words should return the word as a str; expected 'tensor', "
        f"got {checks.type_name(got)} {checks.fmt(got)}")


@pytest.mark.exercise("bookshelf_word", weight=3)
def test_bookshelf_word_out_of_range_names_position(sub):
    shape = (2, 3, 4, 5, 6)
    w = np.zeros(shape)
    for axis, name in enumerate(NAMES):
        for bad in (0, shape[axis] + 1):
            positions = [1, 1, 1, 1, 1]
            positions[axis] = bad
            label = (f"bookshelf_word(w, {', '.join(map(str, positions))}) for w of shape {shape} "
                     f"({name} {bad} is not in 1..{shape[axis]})")
            exc = checks.expect_error(IndexError, sub.bookshelf_word, w, *positions, mentions=name,
                                      what=label)
            others = [other for other in NAMES
                      if other != name and re.search(rf"\b{other}s?\b", str(exc), re.IGNORECASE)]
            assert not others, (
                f"{label} raised IndexError, but its message should name only the position that "
                f"is out of range ({name}), not also {others}; it said: {exc}")
