"""Public checks for numpy_basics: the course's examples and the obvious edge cases."""
import numpy as np
import pytest

from autograder.suites import checks

# pytest writes a traceback of each failure, re-parsing this file, before the plugin
# replaces it with the feedback block: hiding these frames skips that work.
__tracebackhide__ = True

POINTS = {
    "describe": 1, "zeros_with": 1, "top_left": 1.5, "every_other": 1,
    "reversed_view": 1, "replace_block": 1.5, "as_order": 1, "bookshelf_word": 2,
}


@pytest.mark.exercise("describe")
def test_describe_course_arrays(sub):
    assert sub.describe([1, 2, 3, 4]) == (4, (4,), 1), "describe([1, 2, 3, 4]) should be (4, (4,), 1)"
    got = sub.describe([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    assert got == (9, (3, 3), 2), f"describe of a 3x3 list of lists should be (9, (3, 3), 2), got {got}"


@pytest.mark.exercise("describe")
def test_describe_scalar(sub):
    got = sub.describe(42)
    assert got == (1, (), 0), f"describe(42) should be (1, (), 0): a scalar has order 0, got {got}"


@pytest.mark.exercise("zeros_with")
def test_zeros_with_course_example(sub):
    got = sub.zeros_with((3, 4), {(0, 3): 42, (1, 1): 66})
    expected = np.array([[0, 0, 0, 42], [0, 66, 0, 0], [0, 0, 0, 0]], dtype=np.uint32)
    checks.assert_close(got, expected, dtype=np.uint32,
                        what="zeros_with((3, 4), {(0, 3): 42, (1, 1): 66})")


@pytest.mark.exercise("zeros_with")
def test_zeros_with_given_dtype(sub):
    got = sub.zeros_with(3, {1: 2.5}, dtype="float64")
    checks.assert_close(got, [0.0, 2.5, 0.0], dtype=np.float64, what="zeros_with(3, {1: 2.5}, 'float64')")


@pytest.mark.exercise("top_left")
def test_top_left_course_example(sub):
    a = np.arange(12).reshape((3, 4))
    got, info = sub.inspect_call("top_left", a, 2, 3)
    checks.assert_close(got, [[0, 1, 2], [4, 5, 6]], what="top_left(arange(12).reshape(3, 4), 2, 3)")
    assert "arg0" in info.shares_memory, "top_left should return a view of a (a[:rows, :cols]), not a copy"


@pytest.mark.exercise("every_other")
def test_every_other_course_example(sub):
    b = np.arange(12)
    got, info = sub.inspect_call("every_other", b)
    checks.assert_close(got, [0, 2, 4, 6, 8, 10], what="every_other(arange(12))")
    assert "arg0" in info.shares_memory, "every_other should return a view of b (b[::2]), not a copy"


@pytest.mark.exercise("reversed_view")
def test_reversed_view_course_example(sub):
    b = np.arange(12)
    got, info = sub.inspect_call("reversed_view", b)
    checks.assert_close(got, np.arange(11, -1, -1), what="reversed_view(arange(12))")
    assert "arg0" in info.shares_memory, "reversed_view should return a view of b (b[::-1]), not a copy"


@pytest.mark.exercise("replace_block")
def test_replace_block_course_example(sub):
    t = np.arange(24).reshape((4, 3, 2))
    block = [[11, 22], [33, 44], [55, 66]]
    got, info = sub.inspect_call("replace_block", t, 1, block)
    expected = np.arange(24).reshape((4, 3, 2))
    expected[1] = block
    checks.assert_close(got, expected, what="replace_block(arange(24).reshape(4, 3, 2), 1, block)")
    assert not info.mutated, "replace_block must not modify t: work on a copy"


@pytest.mark.exercise("as_order")
def test_as_order_course_example(sub):
    got = sub.as_order(42, 5)
    checks.assert_close(got, np.full((1, 1, 1, 1, 1), 42), what="as_order(42, 5)")


@pytest.mark.exercise("bookshelf_word")
def test_bookshelf_course_example(sub):
    w = np.zeros((9, 9, 9, 9, 9))
    w[4, 1, 2, 0, 1] = 7.0
    got = sub.bookshelf_word(w, 5, 2, 3, 1, 2)
    checks.assert_scalar(got, 7.0, what="bookshelf_word(w, 5, 2, 3, 1, 2) (the course's w[4,1,2,0,1])")


@pytest.mark.exercise("bookshelf_word")
def test_bookshelf_out_of_range(sub):
    w = np.zeros((9, 9, 9, 9, 9))
    checks.expect_error(IndexError, sub.bookshelf_word, w, 5, 2, 10, 1, 2, mentions="page",
                        what="bookshelf_word(w, 5, 2, 10, 1, 2) with 9 pages per book")


# --- each clause of the contracts: types, dtypes, copies and errors ---------------------

@pytest.mark.exercise("describe")
def test_describe_returns_python_ints(sub):
    size, shape, ndim = got = sub.describe(np.zeros((2, 3)))
    assert type(got) is tuple and type(shape) is tuple, (
        f"describe(np.zeros((2, 3))) should return a tuple (size, shape, ndim) with shape a tuple, got {got!r}")
    checks.assert_scalar(size, 6, kind=int, what="size", inputs="np.zeros((2, 3))")
    checks.assert_scalar(ndim, 2, kind=int, what="ndim", inputs="np.zeros((2, 3))")
    assert all(type(n) is int for n in shape), f"shape should hold Python ints, got {shape!r}"


@pytest.mark.exercise("zeros_with")
def test_zeros_with_int_shape_and_no_entries(sub):
    checks.assert_close(sub.zeros_with(4, {}), np.zeros(4, np.uint32), dtype=np.uint32,
                        what="zeros_with(4, {}) (default dtype uint32)")


@pytest.mark.exercise("replace_block")
def test_replace_block_copy_keeps_dtype(sub):
    t = np.zeros((2, 2, 2), dtype=np.int64)
    got, info = sub.inspect_call("replace_block", t, 0, [[1, 2], [3, 4]])
    checks.assert_array(got, shape=(2, 2, 2), dtype=np.int64, what="replace_block of an int64 t")
    assert not info.shares_memory, "replace_block should return a copy of t, not a view of it"


@pytest.mark.exercise("as_order")
def test_as_order_keeps_dtype_and_checks_inputs(sub):
    checks.assert_array(sub.as_order(7, 2), shape=(1, 1), dtype=np.asarray(7).dtype,
                        what="as_order(7, 2) (an int stays an int)")
    checks.assert_array(sub.as_order(2.5, 0), shape=(), what="as_order(2.5, 0) (order 0: shape ())")
    checks.expect_error(ValueError, sub.as_order, [1, 2], 2, mentions="x")
    checks.expect_error(ValueError, sub.as_order, 1, -1, mentions="n")


@pytest.mark.exercise("bookshelf_word")
def test_bookshelf_names_each_position(sub):
    w = np.zeros((2, 3, 4, 5, 6))
    for args, name in (((0, 1, 1, 1, 1), "shelf"), ((1, 4, 1, 1, 1), "book"),
                       ((1, 1, 1, 6, 1), "line"), ((1, 1, 1, 1, 7), "word")):
        exc = checks.expect_error(IndexError, sub.bookshelf_word, w, *args, mentions=name,
                                  what=f"bookshelf_word(w, {', '.join(map(str, args))}) with w.shape (2, 3, 4, 5, 6)")
        others = [o for o in ("shelf", "book", "page", "line", "word") if o != name and o in str(exc)]
        assert not others, f"only {name!r} is out of range, but the message also names {others}: {exc}"


@pytest.mark.exercise("bookshelf_word")
def test_bookshelf_int_array_and_wrong_order(sub):
    w = np.arange(32).reshape((2, 2, 2, 2, 2))
    checks.assert_scalar(sub.bookshelf_word(w, 2, 2, 2, 2, 2), 31, kind=int,
                         what="bookshelf_word(np.arange(32).reshape((2, 2, 2, 2, 2)), 2, 2, 2, 2, 2)")
    checks.expect_error(ValueError, sub.bookshelf_word, np.zeros((2, 2, 2, 2)), 1, 1, 1, 1, 1,
                        what="bookshelf_word of an order-4 w")


@pytest.mark.exercise("zeros_with")
def test_zeros_with_tuple_shape_and_bad_index(sub):
    checks.assert_array(sub.zeros_with((2, 1, 3), {}), shape=(2, 1, 3), dtype=np.uint32,
                        what="zeros_with((2, 1, 3), {})")
    checks.expect_error(IndexError, sub.zeros_with, (2, 2), {(2, 0): 1}, what="zeros_with((2, 2), {(2, 0): 1})")


@pytest.mark.exercise("replace_block")
def test_replace_block_bad_i_and_block(sub):
    t = np.zeros((2, 2, 2))
    checks.expect_error(IndexError, sub.replace_block, t, 2, np.ones((2, 2)),
                        what="replace_block(t (2, 2, 2), i=2, ...)")
    checks.expect_error(ValueError, sub.replace_block, t, 0, np.ones((3, 3)),
                        what="replace_block(t (2, 2, 2), 0, a (3, 3) block)")
