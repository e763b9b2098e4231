"""Public checks for linear_algebra: the docstring examples and the obvious edge cases."""
import numpy as np
import pytest

from autograder.suites import checks

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
