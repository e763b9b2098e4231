"""Public checks for linear_algebra: the docstring examples and the obvious edge cases."""
import numpy as np
import pytest

from autograder.suites import checks

# pytest writes a traceback of each failure, re-parsing this file, before the plugin
# replaces it with the feedback block: hiding these frames skips that work.
__tracebackhide__ = True

POINTS = {
    "order": 0.5, "hadamard": 0.5, "inner": 1.0, "outer": 0.5, "matmul": 1.5, "affine": 0.5,
    "feedforward": 1.5, "definiteness": 2.0, "is_eigenpair": 1.0, "lp_norm": 2.0,
    "distance": 0.5, "weight_decay": 0.5, "cosine_similarity": 1.5, "angle": 0.5,
}


@pytest.mark.exercise("order")
def test_order_scalar_vector_matrix_tensor(sub):
    for t, expected, label in [
        (42, 0, "42"), ([1, 2, 3], 1, "[1, 2, 3]"), ([[1, 2], [3, 4]], 2, "[[1, 2], [3, 4]]"),
        (np.arange(36).reshape((3, 3, 4)), 3, "np.arange(36).reshape((3, 3, 4))"),
        (np.array(42).reshape((1, 1, 1, 1, 1)), 5, "np.array(42).reshape((1, 1, 1, 1, 1))"),
    ]:
        checks.assert_scalar(sub.order(t), expected, kind=int, inputs=label)


@pytest.mark.exercise("hadamard")
def test_hadamard_course_example(sub):
    a, b = [[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]
    checks.assert_close(sub.hadamard(a, b), [[7, 16, 27], [40, 55, 72]], inputs=f"a={a}, b={b}")


@pytest.mark.exercise("hadamard")
def test_hadamard_refuses_broadcasting(sub):
    checks.expect_error(ValueError, sub.hadamard, np.ones((2, 3)), np.ones(3), mentions="shape")


@pytest.mark.exercise("inner")
def test_inner_course_example(sub):
    checks.assert_scalar(sub.inner([1, 2, 3, 4], [5, 6, 7, 8]), 70.0,
                         inputs="a=[1, 2, 3, 4], b=[5, 6, 7, 8]")


@pytest.mark.exercise("inner")
def test_inner_length_mismatch(sub):
    checks.expect_error(ValueError, sub.inner, [1, 2, 3], [1, 2], mentions="length")


@pytest.mark.exercise("outer")
def test_outer_example(sub):
    checks.assert_close(sub.outer([1, 2], [3, 4, 5]), [[3, 4, 5], [6, 8, 10]],
                        inputs="a=[1, 2], b=[3, 4, 5]")


@pytest.mark.exercise("matmul")
def test_matmul_course_example(sub):
    A, B = [[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]]
    got = sub.matmul(A, B)
    checks.assert_close(got, [[58, 64], [139, 154]], inputs=f"A={A}, B={B}")
    assert got.dtype.kind == "i", f"ints times ints should stay ints, got dtype {got.dtype}"


@pytest.mark.exercise("matmul")
def test_matmul_int_times_float_is_float(sub):
    got = sub.matmul([[1, 2]], [[0.5], [0.25]])
    checks.assert_close(got, [[1.0]], dtype=np.float64, inputs="A=[[1, 2]], B=[[0.5], [0.25]]")


@pytest.mark.exercise("matmul")
def test_matmul_inner_sizes_differ(sub):
    checks.expect_error(ValueError, sub.matmul, np.ones((2, 3)), np.ones((2, 2)))


@pytest.mark.exercise("affine")
def test_affine_maps_2d_into_3d(sub):
    got = sub.affine([[1, 0], [0, 1], [1, 1]], [2, 3], [0, 0, 1])
    checks.assert_close(got, [2, 3, 6], inputs="A=[[1, 0], [0, 1], [1, 1]], x=[2, 3], b=[0, 0, 1]")


@pytest.mark.exercise("feedforward")
def test_feedforward_docstring_example(sub):
    layers = [(np.array([[1, -1], [2, 0]]), np.array([0, -5])), (np.array([[1, 1]]), np.array([1]))]
    checks.assert_close(sub.feedforward([3, 1], layers), [4], inputs="x=[3, 1] (see docstring)")
    checks.assert_close(sub.feedforward([1, 3], layers), [1], inputs="x=[1, 3] (see docstring)")


@pytest.mark.exercise("definiteness")
def test_definiteness_examples(sub):
    for B, expected in [
        ([[2, 1], [1, 2]], "positive definite"), ([[-2, 1], [1, -2]], "negative definite"),
        ([[1, 1], [1, 1]], "positive semidefinite"), ([[-1, -1], [-1, -1]], "negative semidefinite"),
        ([[1, 0], [0, -1]], "indefinite"),
    ]:
        got = sub.definiteness(B)
        assert got == expected, f"definiteness({B}) should be {expected!r}, got {got!r}"


@pytest.mark.exercise("definiteness")
def test_definiteness_refuses_non_symmetric(sub):
    checks.expect_error(ValueError, sub.definiteness, [[1, 4], [0, 1]], mentions="symmetric")


@pytest.mark.exercise("is_eigenpair")
def test_is_eigenpair_examples(sub):
    A = [[2, 1], [1, 2]]
    checks.assert_scalar(sub.is_eigenpair(A, [1, 1], 3), True, kind=bool, what="is_eigenpair",
                         inputs="A=[[2, 1], [1, 2]], v=[1, 1], lam=3")
    checks.assert_scalar(sub.is_eigenpair(A, [1, 0], 2), False, kind=bool, what="is_eigenpair",
                         inputs="A=[[2, 1], [1, 2]], v=[1, 0], lam=2")
    checks.assert_scalar(sub.is_eigenpair(A, [0, 0], 3), False, kind=bool, what="is_eigenpair",
                         inputs="A=[[2, 1], [1, 2]], v=[0, 0], lam=3 (the zero vector is never an eigenvector)")


@pytest.mark.exercise("lp_norm")
def test_lp_norm_examples(sub):
    for p, expected in [(1, 7.0), (2, 5.0), (np.inf, 4.0)]:
        checks.assert_scalar(sub.lp_norm([3, -4], p), expected, inputs=f"x=[3, -4], p={p}")
    checks.expect_error(ValueError, sub.lp_norm, [3, -4], 0.5, mentions="p")


@pytest.mark.exercise("lp_norm")
def test_lp_norm_large_entries(sub):
    checks.assert_scalar(sub.lp_norm([3e200, 4e200], 2), 5e200, rtol=1e-12,
                         inputs="x=[3e200, 4e200], p=2 (squaring overflows: scale by max|x|)")


@pytest.mark.exercise("distance")
def test_distance_examples(sub):
    checks.assert_scalar(sub.distance([1, 2], [4, 6]), 5.0, inputs="x=[1, 2], y=[4, 6]")
    checks.assert_scalar(sub.distance([1, 2], [4, 6], p=1), 7.0, inputs="x=[1, 2], y=[4, 6], p=1")


@pytest.mark.exercise("weight_decay")
def test_weight_decay_example(sub):
    weights = [np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, -0.5])]
    checks.assert_scalar(sub.weight_decay(weights, 0.5), 15.25,
                         inputs="weights=[[[1, 2], [3, 4]], [0.5, -0.5]], lam=0.5")
    checks.assert_scalar(sub.weight_decay([], 0.1), 0.0, inputs="weights=[], lam=0.1")


# --- cosine similarity and the angle between vectors ------------------------------------

@pytest.mark.exercise("cosine_similarity")
def test_cosine_similarity_docstring_examples(sub):
    checks.assert_scalar(sub.cosine_similarity([1, 0], [3, 3]), 2 ** -0.5, rtol=1e-12,
                         inputs="[1, 0], [3, 3]", what="cosine_similarity")
    checks.assert_scalar(sub.cosine_similarity([1, 2], [-2, 1]), 0.0, atol=1e-15,
                         inputs="[1, 2], [-2, 1]", what="cosine_similarity")
    checks.assert_scalar(sub.cosine_similarity([1, 2], [-2, -4]), -1.0, rtol=1e-12,
                         inputs="[1, 2], [-2, -4]", what="cosine_similarity")


@pytest.mark.exercise("cosine_similarity")
def test_cosine_similarity_rejects_zero_vector(sub):
    checks.expect_error(ValueError, sub.cosine_similarity, [1.0, 2.0], [0.0, 0.0], mentions="b")
    checks.expect_error(ValueError, sub.cosine_similarity, [1.0, 2.0], [1.0], mentions="length")


@pytest.mark.exercise("angle")
def test_angle_docstring_examples(sub):
    checks.assert_scalar(sub.angle([1, 0], [0, 2]), np.pi / 2, rtol=1e-12,
                         inputs="[1, 0], [0, 2]", what="angle")
    checks.assert_scalar(sub.angle([1, 0], [-1, 0]), np.pi, rtol=1e-12,
                         inputs="[1, 0], [-1, 0]", what="angle")


@pytest.mark.exercise("angle")
def test_angle_of_parallel_vectors_is_zero_not_nan(sub):
    got = sub.angle([1, 1], [2, 2])
    checks.assert_scalar(got, 0.0, atol=1e-7, inputs="[1, 1], [2, 2]", what="angle")


# --- each clause of the contracts: dtypes, shapes, tolerances, errors that name -----------

@pytest.mark.exercise("hadamard")
def test_hadamard_same_size_other_shape_and_dtype(sub):
    checks.expect_error(ValueError, sub.hadamard, np.ones((2, 3)), np.ones((3, 2)), mentions="shape",
                        what="hadamard of shapes (2, 3) and (3, 2) (same size, other shape)")
    checks.expect_error(ValueError, sub.hadamard, np.ones((1, 4)), np.ones((4, 1)), mentions="shape",
                        what="hadamard of shapes (1, 4) and (4, 1) (they would broadcast to (4, 4))")
    checks.assert_close(sub.hadamard([1, 2], [0.5, 0.5]), [0.5, 1.0], dtype=np.float64,
                        inputs="[1, 2], [0.5, 0.5] (dtype np.result_type(a, b))")


@pytest.mark.exercise("inner")
def test_inner_empty_and_2d(sub):
    checks.assert_scalar(sub.inner([], []), 0.0, inputs="[], []")
    checks.expect_error(ValueError, sub.inner, [[1, 2]], [[1, 2]], what="inner of two 2-D arrays")


@pytest.mark.exercise("outer")
def test_outer_dtype_and_2d(sub):
    checks.assert_close(sub.outer([1, 2], [0.5]), [[0.5], [1.0]], dtype=np.float64,
                        inputs="a=[1, 2], b=[0.5] (dtype np.result_type(a, b))")
    checks.expect_error(ValueError, sub.outer, [[1, 2]], [1, 2], what="outer of a 2-D a")


@pytest.mark.exercise("matmul")
def test_matmul_names_the_shapes_and_needs_2d(sub):
    checks.expect_error(ValueError, sub.matmul, np.ones((2, 3)), np.ones((2, 2)), mentions="(2, 3)",
                        what="matmul of shapes (2, 3) and (2, 2) (name the shapes)")
    checks.expect_error(ValueError, sub.matmul, [1, 2], [[1], [2]], what="matmul of a 1-D A")


@pytest.mark.exercise("affine")
def test_affine_refuses_broadcasting(sub):
    checks.expect_error(ValueError, sub.affine, [[1, 0], [0, 1]], [1, 2], [5], mentions="shape",
                        what="affine(A (2, 2), x (2,), b=[5]) (b must have shape (2,))")
    checks.expect_error(ValueError, sub.affine, [[1, 0], [0, 1]], [1, 2, 3], [0, 0], mentions="shape",
                        what="affine(A (2, 2), x (3,), b (2,))")


@pytest.mark.exercise("feedforward")
def test_feedforward_relu_placement(sub):
    identity = (np.eye(2), np.zeros(2))
    got = sub.feedforward([2.0, 1.0], [identity, (np.array([[-1.0, 0.0]]), np.array([0.0]))])
    checks.assert_close(got, [-2.0],
                        inputs="x=[2, 1], layers=[(I, 0), ([[-1, 0]], [0])] (no ReLU after the last layer)")
    got = sub.feedforward([-1.0, 2.0], [(np.array([[1.0, 1.0]]), np.array([0.0])), (np.eye(1), np.zeros(1))])
    checks.assert_close(got, [1.0],
                        inputs="x=[-1, 2], layers=[([[1, 1]], [0]), (I, 0)] (the ReLU comes after the affine map)")
    got = sub.feedforward([1.0], [(np.array([[-1.0]]), np.array([0.0]))])
    checks.assert_close(got, [-1.0], inputs="x=[1], layers=[([[-1]], [0])] (one layer: it is the last, no ReLU)")
    got, info = sub.inspect_call("feedforward", np.array([1.0, 2.0]), [])
    checks.assert_close(got, [1.0, 2.0], what="feedforward(x, []) (x itself)")
    assert not info.shares_memory, "feedforward(x, []) should return a copy of x, not x itself"


@pytest.mark.exercise("definiteness")
def test_definiteness_tolerance_and_checks(sub):
    B = [[1.0, 0.0], [0.0, 1e-12]]
    got = sub.definiteness(B)
    assert got == "positive semidefinite", (
        f"definiteness({B}) should be 'positive semidefinite' (1e-12 is 0 within tol=1e-10), got {got!r}")
    checks.expect_error(ValueError, sub.definiteness, [[1, 2, 3], [2, 1, 0]], mentions="square")
    checks.expect_error(ValueError, sub.definiteness, [[1, 0], [0, 1]], tol=-1.0, what="definiteness(I, tol=-1)")


@pytest.mark.exercise("is_eigenpair")
def test_is_eigenpair_av_with_tolerance(sub):
    checks.assert_scalar(sub.is_eigenpair([[2, 1], [0, 3]], [1, 0], 2), True, kind=bool, what="is_eigenpair",
                         inputs="A=[[2, 1], [0, 3]], v=[1, 0], lam=2 (A v, not v A)")
    checks.assert_scalar(sub.is_eigenpair([[0.1, 0.2], [0.2, 0.1]], [1, 1], 0.3), True, kind=bool,
                         what="is_eigenpair", inputs="A=[[0.1, 0.2], [0.2, 0.1]], v=[1, 1], lam=0.3 (≈, not ==)")
    checks.assert_scalar(sub.is_eigenpair([[2, 1], [1, 2]], [1, 1], 3.001, tol=0.01), True, kind=bool,
                         what="is_eigenpair", inputs="A=[[2, 1], [1, 2]], v=[1, 1], lam=3.001, tol=0.01")
    checks.expect_error(ValueError, sub.is_eigenpair, [[2, 1], [1, 2]], [1, 1, 1], 3,
                        what="is_eigenpair of a 2x2 A and a v of length 3")


@pytest.mark.exercise("lp_norm")
def test_lp_norm_empty_and_p3(sub):
    checks.assert_scalar(sub.lp_norm([], 2), 0.0, inputs="x=[], p=2")
    checks.assert_scalar(sub.lp_norm([1, -1, 2], 3), 10 ** (1 / 3), rtol=1e-12, inputs="x=[1, -1, 2], p=3")


@pytest.mark.exercise("distance")
def test_distance_shapes_and_unsigned(sub):
    checks.expect_error(ValueError, sub.distance, [[1, 2], [3, 4]], [1, 2], mentions="shape")
    x, y = np.array([0], dtype=np.uint8), np.array([255], dtype=np.uint8)
    checks.assert_scalar(sub.distance(x, y), 255.0, inputs="uint8 [0] and [255] (x - y wraps around in uint8)")
    checks.assert_scalar(sub.distance([0, 0], [1, 1], p=np.inf), 1.0, inputs="x=[0, 0], y=[1, 1], p=inf")


@pytest.mark.exercise("weight_decay")
def test_weight_decay_rejects_negative_lam(sub):
    checks.expect_error(ValueError, sub.weight_decay, [np.ones(2)], -0.1, mentions="lam")


@pytest.mark.exercise("cosine_similarity")
def test_cosine_similarity_clipped_large_and_names_the_zero_vector(sub):
    got = sub.cosine_similarity([1, 2, 3], [3, 6, 9])
    checks.assert_scalar(got, 1.0, inputs="[1, 2, 3], [3, 6, 9]", what="cosine_similarity")
    assert got <= 1.0, f"cosine_similarity([1, 2, 3], [3, 6, 9]) should be clipped to [-1, 1], got {got!r}"
    checks.assert_scalar(sub.cosine_similarity([1e200, 1e200], [1e200, 0.0]), 2 ** -0.5, rtol=1e-12,
                         inputs="[1e200, 1e200], [1e200, 0] (the squares overflow)", what="cosine_similarity")
    zero_a = checks.expect_error(ValueError, sub.cosine_similarity, [0.0, 0.0], [1.0, 2.0], mentions="a")
    zero_b = checks.expect_error(ValueError, sub.cosine_similarity, [1.0, 2.0], [0.0, 0.0], mentions="b")
    assert str(zero_a) != str(zero_b), (
        f"the message should name which vector is zero, a or b; both said: {zero_a}")


@pytest.mark.exercise("angle")
def test_angle_of_parallel_rounding_and_errors(sub):
    checks.assert_scalar(sub.angle([1, 2, 3], [3, 6, 9]), 0.0, atol=1e-7,
                         inputs="[1, 2, 3], [3, 6, 9] (clip the cosine: rounding makes it 1.0000000000000004)",
                         what="angle")
    checks.expect_error(ValueError, sub.angle, [1.0, 2.0], [0.0, 0.0], mentions="b")


@pytest.mark.exercise("outer")
def test_outer_returns_a_new_array(sub):
    got, info = sub.inspect_call("outer", np.array([1.0]), np.array([2.0]))
    checks.assert_close(got, [[2.0]], what="outer([1.0], [2.0])")
    assert not info.shares_memory, "outer should return a new array"


@pytest.mark.exercise("matmul")
def test_matmul_returns_a_new_array(sub):
    got, info = sub.inspect_call("matmul", np.eye(2), np.eye(2))
    checks.assert_close(got, np.eye(2), what="matmul(I, I)")
    assert not info.shares_memory, "matmul should return a new array, not one of its inputs"


@pytest.mark.exercise("affine")
def test_affine_returns_a_new_array(sub):
    got, info = sub.inspect_call("affine", np.zeros((2, 2)), np.ones(2), np.array([1.0, 2.0]))
    checks.assert_close(got, [1.0, 2.0], what="affine(zeros (2, 2), ones(2), b=[1, 2])")
    assert not info.shares_memory, "affine should return a new array, not b itself"


@pytest.mark.exercise("feedforward")
def test_feedforward_shapes_that_do_not_chain(sub):
    layers = [(np.ones((3, 2)), np.zeros(3)), (np.ones((1, 2)), np.zeros(1))]
    checks.expect_error(ValueError, sub.feedforward, [1.0, 1.0], layers,
                        what="feedforward through W1 (3, 2) then W2 (1, 2) (3 outputs cannot feed 2 inputs)")
