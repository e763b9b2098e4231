"""Hidden suite for linear_algebra: order, products, affine maps, definiteness, eigenpairs, norms.

Oracles: ndarray.ndim, ``*``, np.dot / np.outer / np.matmul / np.result_type, np.linalg.norm
(on inputs where it does not overflow; exact values where it does), eigenvalues chosen by
construction, np.arccos of the clipped np.dot / np.linalg.norm cosine; each comparison
states its tolerance.
"""
import re

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from autograder.suites import checks
from autograder.suites import strategies as S

# Budget 14. Weighted by difficulty: the triple-loop matmul (dtype, shape check),
# definiteness (eigenvalues, tolerance, symmetric only), lp_norm (p = inf, no overflow) and
# cosine_similarity (scaling, clipping, zero vectors) carry the most; order is one line, and
# hadamard, outer, affine, distance, weight_decay and angle are one idea each.
POINTS = {
    "order": 0.5,
    "hadamard": 0.5,
    "inner": 1.0,
    "outer": 0.5,
    "matmul": 1.5,
    "affine": 0.5,
    "feedforward": 1.5,
    "definiteness": 2.0,
    "is_eigenpair": 1.0,
    "lp_norm": 2.0,
    "distance": 0.5,
    "weight_decay": 0.5,
    "cosine_similarity": 1.5,
    "angle": 0.5,
}

CLASSES = ("positive definite", "negative definite", "positive semidefinite",
           "negative semidefinite", "indefinite")
SHAPE_WORDS = ("shape", "size", "dimension", "length", "inner", "column", "row", "match")


# --- strategies and helpers -------------------------------------------------------------

def random_orthogonal(n, seed):
    q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((n, n)))
    return q


@st.composite
def spectral_matrices(draw, levels=(-3.0, -1.0, 0.0, 0.5, 2.0), unique=False, min_n=1, max_n=5):
    """``(B, eigenvalues)``: a symmetric ``Q diag(λ) Qᵀ`` with λ chosen from ``levels``.

    Choosing the eigenvalues makes semidefinite matrices (exact zeros) as common as the
    others, and gives an exact expected answer.
    """
    n = draw(st.integers(min_n, max_n))
    eig = draw(st.lists(st.sampled_from(levels), min_size=n, max_size=n, unique=unique))
    q = random_orthogonal(n, draw(st.integers(0, 2**32 - 1)))
    B = (q * eig) @ q.T
    return (B + B.T) / 2, np.array(eig), q


def classify(eig, tol=0.0):
    eig = np.asarray(eig)
    if np.all(eig > tol):
        return "positive definite"
    if np.all(eig < -tol):
        return "negative definite"
    if np.all(eig >= -tol):
        return "positive semidefinite"
    if np.all(eig <= tol):
        return "negative semidefinite"
    return "indefinite"


def same_shape_pairs():
    shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)
    return shapes.flatmap(lambda shape: st.tuples(
        S.numeric_dtypes().flatmap(lambda dt: S.arrays(shape, dt, -50, 50)),
        S.numeric_dtypes().flatmap(lambda dt: S.arrays(shape, dt, -50, 50))))


def unmodified_call(sub, name, *args):
    """Call ``sub.name(*args)`` and fail when it modified an argument."""
    got, info = sub.inspect_call(name, *args)
    assert not info.mutated, (
        f"{name} modified its input ({', '.join(info.mutated)}); inputs must never be changed"
        f"\n  input: {', '.join(checks.fmt(a) for a in args)}")
    return got


def expect_shape_error(call, *args, what):
    """A ValueError whose message says something about the shapes/sizes."""
    exc = checks.expect_error(ValueError, call, *args, what=what)
    assert any(word in str(exc).lower() for word in SHAPE_WORDS), (
        f"{what} raised ValueError as it should, but its message should say which shapes or "
        f"sizes do not match; it said: {exc}")


# --- order ------------------------------------------------------------------------------

@pytest.mark.exercise("order")
def test_order_course_tensors(sub):
    for t, expected, label in [
        (42, 0, "42"), (np.float64(2.5), 0, "np.float64(2.5)"), ([1, 2, 3], 1, "[1, 2, 3]"),
        ([[1, 2], [3, 4]], 2, "[[1, 2], [3, 4]]"),
        (np.arange(36).reshape((3, 3, 4)), 3, "np.arange(36).reshape((3, 3, 4))"),
        (np.array(42).reshape((1, 1, 1, 1, 1)), 5, "np.array(42).reshape((1, 1, 1, 1, 1))"),
        (np.zeros((9, 9, 9, 9, 9)), 5, "np.zeros((9, 9, 9, 9, 9)) (the bookshelf)"),
        (np.zeros((2, 0, 3)), 3, "np.zeros((2, 0, 3))"),
    ]:
        checks.assert_scalar(sub.order(t), expected, kind=int, what="order", inputs=label)


@pytest.mark.exercise("order")
@given(t=hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=6, max_side=3)))
@settings(max_examples=15)
def test_order_is_number_of_axes(sub, t):
    checks.assert_scalar(sub.order(t), t.ndim, kind=int, what="order",
                         inputs=f"an array of shape {t.shape}")


# --- hadamard ---------------------------------------------------------------------------

@pytest.mark.exercise("hadamard", weight=2)
@given(pair=same_shape_pairs())
@settings(max_examples=25)
def test_hadamard_matches_elementwise_product(sub, pair):
    a, b = pair
    got = unmodified_call(sub, "hadamard", a, b)
    checks.assert_close(got, a * b, rtol=1e-6, atol=0, dtype=np.result_type(a, b),
                        what="hadamard(a, b) (values and dtype np.result_type(a, b))",
                        inputs=f"a={checks.fmt(a)}, b={checks.fmt(b)}")


@pytest.mark.exercise("hadamard")
def test_hadamard_refuses_broadcasting(sub):
    for sa, sb in [((2, 3), (3,)), ((3, 1), (1, 3)), ((1, 3), (3, 1)), ((2, 3), (3, 2)), ((4,), (1,))]:
        exc = checks.expect_error(ValueError, sub.hadamard, np.ones(sa), np.ones(sb), mentions="shape",
                                  what=f"hadamard of shapes {sa} and {sb} (no broadcasting)")
        assert exc is not None


@pytest.mark.exercise("hadamard")
def test_hadamard_leaves_inputs_alone(sub):
    a, b = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[2.0, 0.5], [-1.0, 0.0]])
    got, info = sub.inspect_call("hadamard", a, b)
    assert not info.mutated, f"hadamard modified its input ({', '.join(info.mutated)}): return a new array"
    assert not info.shares_memory, "hadamard must return a new array, not a view of an input"
    checks.assert_close(got, a * b, inputs=f"a={checks.fmt(a)}, b={checks.fmt(b)}")


# --- inner ------------------------------------------------------------------------------

@pytest.mark.exercise("inner")
def test_inner_course_example(sub):
    checks.assert_scalar(sub.inner(np.array([1, 2, 3, 4]), np.array([5, 6, 7, 8])), 70.0,
                         what="inner", inputs="a=[1, 2, 3, 4], b=[5, 6, 7, 8]")
    checks.assert_scalar(sub.inner([], []), 0.0, what="inner", inputs="two empty vectors")


@pytest.mark.exercise("inner", weight=2)
@given(pair=S.vector_pairs(0, 12))
@settings(max_examples=25)
def test_inner_matches_dot(sub, pair):
    a, b = pair
    got = unmodified_call(sub, "inner", a, b)
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    scale = float(np.abs(a64) @ np.abs(b64))
    checks.assert_scalar(got, float(a64 @ b64), rtol=1e-6, atol=1e-6 * scale + 1e-12, what="inner",
                         inputs=f"a={checks.fmt(a)}, b={checks.fmt(b)}")


@pytest.mark.exercise("inner")
def test_inner_rejects_length_mismatch(sub):
    checks.expect_error(ValueError, sub.inner, [1.0, 2.0, 3.0], [1.0, 2.0], mentions="length")
    checks.expect_error(ValueError, sub.inner, [1.0], [1.0, 2.0], mentions="length")


# --- outer ------------------------------------------------------------------------------

@pytest.mark.exercise("outer", weight=2)
@given(a=S.vectors(1, 7), b=S.vectors(1, 7))
@settings(max_examples=25)
def test_outer_matches_numpy(sub, a, b):
    got = unmodified_call(sub, "outer", a, b)
    checks.assert_close(got, np.outer(a.astype(float), b.astype(float)), rtol=1e-6, atol=0,
                        what="outer(a, b) (shape (len(a), len(b)), C[i, j] = a[i] * b[j])",
                        inputs=f"a={checks.fmt(a)}, b={checks.fmt(b)}")


@pytest.mark.exercise("outer")
def test_outer_example(sub):
    checks.assert_close(sub.outer([1, 2], [3, 4, 5]), [[3, 4, 5], [6, 8, 10]],
                        what="outer", inputs="a=[1, 2], b=[3, 4, 5]")
    checks.assert_close(sub.outer([1.5, -2.0, 0.0], [2.0]), [[3.0], [-4.0], [0.0]],
                        what="outer", inputs="a=[1.5, -2.0, 0.0], b=[2.0]")
    checks.assert_close(sub.outer(np.array([1, 2]), np.array([0.5, -0.25])), [[0.5, -0.25], [1.0, -0.5]],
                        what="outer of ints and floats (must not truncate to ints)",
                        inputs="a=[1, 2] (int), b=[0.5, -0.25]")


# --- matmul -----------------------------------------------------------------------------

@pytest.mark.exercise("matmul", weight=3)
@given(pair=S.matmul_pairs(max_dim=5))
@settings(max_examples=25)
def test_matmul_matches_numpy(sub, pair):
    A, B = pair
    got = unmodified_call(sub, "matmul", A, B)
    expected = np.matmul(A, B)
    low = np.float32 in (A.dtype, B.dtype) and expected.dtype == np.float32
    checks.assert_close(got, expected, rtol=1e-5 if low else 1e-12, atol=1e-3 if low else 1e-9,
                        dtype=np.result_type(A, B),
                        what="matmul(A, B) (values, and dtype np.result_type(A, B))",
                        inputs=f"A={checks.fmt(A)}, B={checks.fmt(B)}")


@pytest.mark.exercise("matmul", weight=2)
def test_matmul_dtype_follows_result_type(sub):
    A = np.array([[1, 2, 3], [4, 5, 6]])
    B = np.array([[7, 8], [9, 10], [11, 12]])
    checks.assert_close(sub.matmul(A, B), [[58, 64], [139, 154]], dtype=np.int64, rtol=0, atol=0,
                        what="matmul of two int64 matrices (stays int)", inputs="the course's A and B")
    Bf = np.array([[0.5], [0.25], [0.125]])
    checks.assert_close(sub.matmul(A, Bf), A @ Bf, dtype=np.float64, rtol=0, atol=0,
                        what="matmul of int A and float B (must not truncate to A's dtype)",
                        inputs=f"A={A.tolist()}, B={Bf.tolist()}")
    A32 = np.array([[1, 2], [3, 4]], dtype=np.int32)
    checks.assert_close(sub.matmul(A32, A32), A32 @ A32, dtype=np.int32, rtol=0, atol=0,
                        what="matmul of two int32 matrices", inputs=f"A=B={A32.tolist()} (int32)")
    checks.assert_close(sub.matmul(np.ones((2, 0)), np.ones((0, 3))), np.zeros((2, 3)),
                        what="matmul with inner size 0", inputs="A of shape (2, 0), B of shape (0, 3)")


@pytest.mark.exercise("matmul")
def test_matmul_rejects_inner_size_mismatch(sub):
    for sa, sb in [((2, 3), (2, 3)), ((2, 3), (4, 2)), ((1, 4), (3, 1))]:
        expect_shape_error(sub.matmul, np.ones(sa), np.ones(sb),
                           what=f"matmul of shapes {sa} and {sb} (inner sizes differ)")


# --- affine -----------------------------------------------------------------------------

@st.composite
def affine_inputs(draw):
    m, n = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    A = draw(S.arrays((m, n), draw(S.numeric_dtypes()), -10, 10))
    x = draw(S.arrays((n,), draw(S.numeric_dtypes()), -10, 10))
    b = draw(S.arrays((m,), draw(S.numeric_dtypes()), -10, 10))
    return A, x, b


@pytest.mark.exercise("affine", weight=2)
@given(data=affine_inputs())
@settings(max_examples=25)
def test_affine_matches_numpy(sub, data):
    A, x, b = data
    got = unmodified_call(sub, "affine", A, x, b)
    expected = A.astype(float) @ x.astype(float) + b.astype(float)
    checks.assert_close(got, expected, rtol=1e-5, atol=1e-3, what="affine(A, x, b) = A x + b",
                        inputs=f"A={checks.fmt(A)}, x={checks.fmt(x)}, b={checks.fmt(b)}")


@pytest.mark.exercise("affine")
def test_affine_rejects_bad_shapes(sub):
    A = np.arange(6.0).reshape(3, 2)
    expect_shape_error(sub.affine, A, np.ones(3), np.ones(3), what="affine with x of length 3 for A (3, 2)")
    expect_shape_error(sub.affine, A, np.ones(2), np.ones(2), what="affine with b of length 2 for A (3, 2)")
    expect_shape_error(sub.affine, A, np.ones(2), np.ones((3, 1)),
                       what="affine with b of shape (3, 1) for A (3, 2) (would broadcast to 3x3)")


# --- feedforward ------------------------------------------------------------------------

@st.composite
def networks(draw, min_layers=1, max_layers=4):
    sizes = draw(st.lists(st.integers(1, 5), min_size=min_layers + 1, max_size=max_layers + 1))
    g = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    layers = [(g.standard_normal((n_out, n_in)), g.standard_normal(n_out))
              for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return g.standard_normal(sizes[0]), layers


def reference_network(x, layers):
    h = np.asarray(x, dtype=float)
    for i, (W, b) in enumerate(layers):
        h = W @ h + b
        if i < len(layers) - 1:
            h = np.maximum(h, 0.0)
    return h


@pytest.mark.exercise("feedforward", weight=3)
@given(net=networks())
@settings(max_examples=25)
def test_feedforward_matches_reference(sub, net):
    x, layers = net
    got = unmodified_call(sub, "feedforward", x, layers)
    shapes = [W.shape for W, _ in layers]
    checks.assert_close(got, reference_network(x, layers), rtol=1e-9, atol=1e-9,
                        what="feedforward (affine per layer, ReLU after every layer but the last)",
                        inputs=f"x={checks.fmt(x)}, weight shapes {shapes}")


@pytest.mark.exercise("feedforward")
def test_feedforward_last_layer_has_no_relu(sub):
    layers = [(np.array([[1.0, -2.0]]), np.array([0.0]))]
    checks.assert_close(sub.feedforward(np.array([1.0, 1.0]), layers), [-1.0],
                        what="one-layer network (no ReLU on the output)",
                        inputs="x=[1, 1], W=[[1, -2]], b=[0]")
    layers = [(np.array([[1.0], [-1.0]]), np.array([0.0, 0.0])),
              (np.array([[1.0, 1.0]]), np.array([-5.0]))]
    checks.assert_close(sub.feedforward(np.array([2.0]), layers), [-3.0],
                        what="two-layer network: hidden [2, -2] -> ReLU [2, 0] -> output 2 - 5 = -3",
                        inputs="x=[2], W1=[[1], [-1]], b1=[0, 0], W2=[[1, 1]], b2=[-5]")


# --- definiteness -----------------------------------------------------------------------

@pytest.mark.exercise("definiteness", weight=3)
@given(data=spectral_matrices())
@settings(max_examples=30)
def test_definiteness_from_chosen_eigenvalues(sub, data):
    B, eig, _ = data
    got = unmodified_call(sub, "definiteness", B)
    expected = classify(eig)
    assert got == expected, (
        f"definiteness is wrong\n  input: B = Q diag({eig.tolist()}) Qᵀ with Q orthogonal, "
        f"B={checks.fmt(B)}\n  expected: {expected!r}\n  got:      {got!r}")


@pytest.mark.exercise("definiteness")
def test_definiteness_int_matrices(sub):
    for B, expected in [
        ([[2, 1], [1, 2]], "positive definite"), ([[-2, 1], [1, -2]], "negative definite"),
        ([[1, 1], [1, 1]], "positive semidefinite"), ([[-1, -1], [-1, -1]], "negative semidefinite"),
        ([[0, 1], [1, 0]], "indefinite"), ([[0, 0], [0, 0]], "positive semidefinite"),
        ([[1, 2], [2, 1]], "indefinite"), ([[5]], "positive definite"),
    ]:
        got = sub.definiteness(np.array(B))
        assert got == expected, f"definiteness({B}) should be {expected!r}, got {got!r}"


@pytest.mark.exercise("definiteness", weight=2)
def test_definiteness_tolerance_edge(sub):
    q = random_orthogonal(3, 7)
    tol = 1e-3
    for eig, expected in [
        ((1.0, 2.0, tol / 2), "positive semidefinite"), ((1.0, 2.0, -tol / 2), "positive semidefinite"),
        ((1.0, 2.0, 2 * tol), "positive definite"), ((1.0, 2.0, -2 * tol), "indefinite"),
        ((-1.0, -2.0, tol / 2), "negative semidefinite"), ((-1.0, -2.0, -2 * tol), "negative definite"),
        ((tol / 2, -tol / 2, 0.0), "positive semidefinite"),
    ]:
        B = (q * np.array(eig)) @ q.T
        B = (B + B.T) / 2
        got = sub.definiteness(B, tol=tol)
        assert got == expected, (
            f"definiteness with tol={tol}: eigenvalues with |λ| ≤ tol count as zero\n"
            f"  input: B = Q diag({list(eig)}) Qᵀ\n  expected: {expected!r}\n  got:      {got!r}")
    got = sub.definiteness(np.diag([2.0, 5e-11]))
    assert got == "positive semidefinite", (
        "definiteness with the default tol=1e-10: eigenvalue 5e-11 counts as zero\n"
        f"  input: diag([2.0, 5e-11])\n  expected: 'positive semidefinite'\n  got: {got!r}")
    got = sub.definiteness(np.diag([2.0, 2e-10]))
    assert got == "positive definite", (
        "definiteness with the default tol=1e-10: eigenvalue 2e-10 is positive\n"
        f"  input: diag([2.0, 2e-10])\n  expected: 'positive definite'\n  got: {got!r}")


@pytest.mark.exercise("definiteness")
def test_definiteness_refuses_non_symmetric(sub):
    for B in ([[1, 4], [0, 1]], [[1, 2], [3, 4]], [[2, -1], [1, 2]]):
        checks.expect_error(ValueError, sub.definiteness, np.array(B, float), mentions="symmetric",
                            what=f"definiteness({B}) (not symmetric)")
    checks.expect_error(ValueError, sub.definiteness, np.ones((2, 3)), mentions="square",
                        what="definiteness of a 2x3 matrix")


# --- is_eigenpair -----------------------------------------------------------------------

@pytest.mark.exercise("is_eigenpair", weight=3)
@given(data=spectral_matrices(levels=(-3.0, -1.0, 0.0, 0.5, 2.0, 4.0), unique=True, min_n=2),
       scale=st.sampled_from([1.0, -2.5, 10.0, 0.1]))
@settings(max_examples=25)
def test_is_eigenpair_symmetric(sub, data, scale):
    B, eig, q = data
    for i in range(len(eig)):
        v = scale * q[:, i]
        checks.assert_scalar(unmodified_call(sub, "is_eigenpair", B, v, float(eig[i])), True, kind=bool,
                             what="is_eigenpair (a true eigenpair, up to round-off)",
                             inputs=f"A={checks.fmt(B)}, v={checks.fmt(v)}, lam={eig[i]}")
        checks.assert_scalar(sub.is_eigenpair(B, v, float(eig[i]) + 0.5), False, kind=bool,
                             what="is_eigenpair (wrong eigenvalue)",
                             inputs=f"A={checks.fmt(B)}, v={checks.fmt(v)}, lam={eig[i] + 0.5}")
    v = q[:, 0] + q[:, 1]
    checks.assert_scalar(sub.is_eigenpair(B, v, float(eig[0])), False, kind=bool,
                         what="is_eigenpair (sum of eigenvectors of different eigenvalues)",
                         inputs=f"A={checks.fmt(B)}, v={checks.fmt(v)}, lam={eig[0]}")


@pytest.mark.exercise("is_eigenpair")
def test_is_eigenpair_non_symmetric(sub):
    A = np.array([[2.0, 1.0], [0.0, 3.0]])
    for v, lam, expected in [([1, 0], 2, True), ([1, 1], 3, True), ([-2, -2], 3, True),
                             ([1, 0], 3, False), ([1, 1], 2, False), ([0, 1], 3, False)]:
        checks.assert_scalar(sub.is_eigenpair(A, np.array(v, float), lam), expected, kind=bool,
                             what="is_eigenpair (A v = λ v, A on the left)",
                             inputs=f"A=[[2, 1], [0, 3]], v={v}, lam={lam}")


@pytest.mark.exercise("is_eigenpair")
def test_is_eigenpair_zero_vector_never(sub):
    for A, lam in [(np.eye(3), 1.0), (np.array([[2.0, 1.0], [1.0, 2.0]]), 3.0), (np.zeros((2, 2)), 0.0)]:
        checks.assert_scalar(sub.is_eigenpair(A, np.zeros(len(A)), lam), False, kind=bool,
                             what="is_eigenpair with v = 0 (the zero vector is never an eigenvector)",
                             inputs=f"A={A.tolist()}, v=0, lam={lam}")


@pytest.mark.exercise("is_eigenpair")
def test_is_eigenpair_uses_tol(sub):
    A = np.diag([1.0, 2.0])
    v = np.array([1.0, 1e-4])  # A v - 1 v = [0, 1e-4]
    checks.assert_scalar(sub.is_eigenpair(A, v, 1.0, tol=1e-3), True, kind=bool,
                         what="is_eigenpair: residual 1e-4 is within tol=1e-3",
                         inputs="A=diag(1, 2), v=[1, 1e-4], lam=1, tol=1e-3")
    checks.assert_scalar(sub.is_eigenpair(A, v, 1.0, tol=1e-6), False, kind=bool,
                         what="is_eigenpair: residual 1e-4 is beyond tol=1e-6",
                         inputs="A=diag(1, 2), v=[1, 1e-4], lam=1, tol=1e-6")
    expect_shape_error(sub.is_eigenpair, A, np.ones(3), 1.0,
                       what="is_eigenpair with v of length 3 for a 2x2 A")


# --- lp_norm ----------------------------------------------------------------------------

@pytest.mark.exercise("lp_norm", weight=3)
@given(x=S.vectors(1, 15), p=st.sampled_from([1, 1.5, 2, 3, 4.5, np.inf]))
@settings(max_examples=30)
def test_lp_norm_matches_numpy(sub, x, p):
    got = unmodified_call(sub, "lp_norm", x, p)
    rtol = 1e-6 if x.dtype == np.float32 else 1e-10  # float32 arithmetic is allowed for float32 input
    xf = x.astype(float)
    scale = float(np.abs(xf).max())  # scaled, so that |x|^p neither overflows nor underflows here
    expected = scale * float(np.linalg.norm(xf / scale, p)) if scale > 0 else 0.0
    checks.assert_scalar(got, expected, rtol=rtol, atol=1e-300,
                         what=f"lp_norm(x, p={p})", inputs=checks.fmt(x))


@pytest.mark.exercise("lp_norm", weight=2)
def test_lp_norm_large_and_tiny_entries(sub):
    for x, p, expected, label in [
        ([3e200, -4e200], 2, 5e200, "[3e200, -4e200], p=2"),
        ([1e200, 1e200, 1e200], 3, 3 ** (1 / 3) * 1e200, "[1e200, 1e200, 1e200], p=3"),
        ([1e300, -1e300], 1.5, 2 ** (1 / 1.5) * 1e300, "[1e300, -1e300], p=1.5"),
        ([3e-200, 4e-200], 2, 5e-200, "[3e-200, 4e-200], p=2 (squares underflow)"),
        ([-1e308, 1e307], np.inf, 1e308, "[-1e308, 1e307], p=inf"),
    ]:
        checks.assert_scalar(sub.lp_norm(np.array(x), p), expected, rtol=1e-12, what="lp_norm",
                             inputs=label + " (raising to p overflows: scale by max|x| first)")


@pytest.mark.exercise("lp_norm")
def test_lp_norm_rejects_p_below_one(sub):
    for p in (0.5, 0, -1, 0.999):
        checks.expect_error(ValueError, sub.lp_norm, [3.0, -4.0], p, mentions="p",
                            what=f"lp_norm([3, -4], p={p}) (not a norm for p < 1)")


@pytest.mark.exercise("lp_norm")
def test_lp_norm_zero_and_int_vectors(sub):
    for p in (1, 2, 3, np.inf):
        checks.assert_scalar(sub.lp_norm(np.zeros(4), p), 0.0, what="lp_norm of the zero vector",
                             inputs=f"x=[0, 0, 0, 0], p={p}")
    checks.assert_scalar(sub.lp_norm(np.array([-1, 2, -2], dtype=np.int32), 2), 3.0,
                         what="lp_norm of int32 entries", inputs="x=[-1, 2, -2] (int32), p=2")


# --- distance ---------------------------------------------------------------------------

@pytest.mark.exercise("distance", weight=2)
@given(pair=S.vector_pairs(1, 12), p=st.sampled_from([1, 2, 3, np.inf]))
@settings(max_examples=25)
def test_distance_matches_numpy(sub, pair, p):
    x, y = pair
    got = unmodified_call(sub, "distance", x, y, p)
    expected = float(np.linalg.norm(x.astype(float) - y.astype(float), p))
    rtol = 1e-6 if np.float32 in (x.dtype, y.dtype) else 1e-9
    checks.assert_scalar(got, expected, rtol=rtol, atol=1e-12, what=f"distance(x, y, p={p})",
                         inputs=f"x={checks.fmt(x)}, y={checks.fmt(y)}")


@pytest.mark.exercise("distance")
def test_distance_default_p_and_unsigned(sub):
    checks.assert_scalar(sub.distance([1, 2], [4, 6]), 5.0, what="distance with the default p=2",
                         inputs="x=[1, 2], y=[4, 6]")
    x, y = np.array([1, 200], dtype=np.uint8), np.array([3, 100], dtype=np.uint8)
    checks.assert_scalar(sub.distance(x, y), float(np.hypot(2, 100)), rtol=1e-12,
                         what="distance of uint8 pixels (convert before subtracting: 1 - 3 is 254 in uint8)",
                         inputs="x=[1, 200] (uint8), y=[3, 100] (uint8)")


@pytest.mark.exercise("distance")
def test_distance_rejects_shape_mismatch(sub):
    for sx, sy in [((3,), (2,)), ((3,), (1,)), ((2, 1), (2,))]:
        checks.expect_error(ValueError, sub.distance, np.ones(sx), np.zeros(sy), mentions="shape",
                            what=f"distance of shapes {sx} and {sy} (no broadcasting)")


# --- weight_decay -----------------------------------------------------------------------

@st.composite
def weight_lists(draw):
    count = draw(st.integers(0, 4))
    shapes = hnp.array_shapes(min_dims=1, max_dims=2, max_side=5)
    return [draw(S.arrays(draw(shapes), draw(S.numeric_dtypes()), -5, 5)) for _ in range(count)]


@pytest.mark.exercise("weight_decay", weight=2)
@given(weights=weight_lists(), lam=st.sampled_from([0.0, 1e-4, 0.01, 0.5, 3.0]))
@settings(max_examples=25)
def test_weight_decay_matches_sum_of_squares(sub, weights, lam):
    got = unmodified_call(sub, "weight_decay", weights, lam)
    expected = lam * sum(float(np.sum(np.asarray(W, dtype=float) ** 2)) for W in weights)
    rtol = 1e-6 if any(W.dtype == np.float32 for W in weights) else 1e-9
    checks.assert_scalar(got, expected, rtol=rtol, atol=1e-12,
                         what="weight_decay = lam * sum of squared Frobenius norms",
                         inputs=f"shapes {[W.shape for W in weights]}, lam={lam}, "
                                f"weights={[checks.fmt(W, 80) for W in weights]}")


@pytest.mark.exercise("weight_decay")
def test_weight_decay_example_and_bad_lam(sub):
    weights = [np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, -0.5])]
    checks.assert_scalar(sub.weight_decay(weights, 0.5), 15.25, what="weight_decay",
                         inputs="weights=[[[1, 2], [3, 4]], [0.5, -0.5]], lam=0.5 (0.5 * 30.5)")
    checks.expect_error(ValueError, sub.weight_decay, weights, -0.1, mentions="lam",
                        what="weight_decay with lam=-0.1")


# --- cosine_similarity, angle -----------------------------------------------------------

def cosine_oracle(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.clip(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)), -1.0, 1.0))


@st.composite
def direction_pairs(draw):
    """Two vectors of one length, each with an entry of magnitude ≥ 1 (no zero vector)."""
    a, b = draw(S.vector_pairs(1, 10, -50, 50))
    assume(np.abs(a).max() >= 1 and np.abs(b).max() >= 1)
    return a, b


def parallel_pairs(count=40, seed=11):
    """``(a, c·a)`` with ``c`` of either sign: round-off puts the raw cosine just past ±1."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        a = rng.normal(size=int(rng.integers(2, 8)))
        yield a, a * rng.choice([-1.0, 1.0]) * rng.uniform(0.1, 10.0)


@pytest.mark.exercise("cosine_similarity", weight=2)
@given(pair=direction_pairs())
@settings(max_examples=15)
def test_cosine_similarity_matches_numpy(sub, pair):
    a, b = pair
    got = unmodified_call(sub, "cosine_similarity", a, b)
    checks.assert_scalar(got, cosine_oracle(a, b), rtol=1e-9, atol=1e-12, what="cosine_similarity",
                         inputs=f"a={checks.fmt(a)}, b={checks.fmt(b)}")


@pytest.mark.exercise("cosine_similarity", weight=2)
def test_cosine_similarity_stays_in_range_for_parallel_vectors(sub):
    for a, b in parallel_pairs():
        got = sub.cosine_similarity(a, b)
        expected = float(np.sign(b[0] / a[0]))
        checks.assert_scalar(got, expected, rtol=1e-12, what="cosine_similarity of parallel vectors",
                             inputs=f"a={checks.fmt(a)}, b={checks.fmt(b)}")
        assert -1.0 <= got <= 1.0, (
            f"cosine_similarity must lie in [-1, 1] (clip the round-off), got {got!r}"
            f"\n  input: a={checks.fmt(a)}, b={checks.fmt(b)}")


@pytest.mark.exercise("cosine_similarity")
def test_cosine_similarity_huge_and_tiny_entries(sub):
    for a, b, expected, label in [
        ([1e200, 1e200], [1e200, 0.0], 2 ** -0.5, "[1e200, 1e200], [1e200, 0] (products overflow)"),
        ([3e-200, 4e-200], [4e-200, 3e-200], 0.96, "[3e-200, 4e-200], [4e-200, 3e-200] (squares underflow)"),
        ([1e300, -2e300], [-1.0, 2.0], -1.0, "[1e300, -2e300], [-1, 2]"),
    ]:
        checks.assert_scalar(sub.cosine_similarity(np.array(a), np.array(b)), expected, rtol=1e-12,
                             what="cosine_similarity", inputs=label + ": scale by max|x| first")


@pytest.mark.exercise("cosine_similarity")
def test_cosine_similarity_errors(sub):
    # "b" is no English word: a message that names b when only a is zero names both
    exc = checks.expect_error(ValueError, sub.cosine_similarity, [0.0, 0.0], [1.0, 2.0],
                              what="cosine_similarity([0, 0], [1, 2]) (a is a zero vector)")
    assert not re.search(r"\bb\b", str(exc)), (
        f"the message should name the one zero vector, a, not b too; it said: {exc}")
    exc = checks.expect_error(ValueError, sub.cosine_similarity, [1.0, 2.0], [0, 0],
                              what="cosine_similarity([1, 2], [0, 0]) (b is a zero vector)")
    assert re.search(r"\bb\b", str(exc)), f"the message should name the zero vector b; it said: {exc}"
    checks.expect_error(ValueError, sub.cosine_similarity, [1.0, 2.0, 3.0], [1.0, 2.0],
                        mentions="length")


@pytest.mark.exercise("angle", weight=2)
@given(pair=direction_pairs())
@settings(max_examples=12)
def test_angle_matches_arccos(sub, pair):
    a, b = pair
    got = unmodified_call(sub, "angle", a, b)
    checks.assert_scalar(got, float(np.arccos(cosine_oracle(a, b))), rtol=1e-7, atol=1e-7,
                         what="angle (radians)", inputs=f"a={checks.fmt(a)}, b={checks.fmt(b)}")


@pytest.mark.exercise("angle", weight=2)
def test_angle_of_parallel_vectors_is_zero_or_pi_not_nan(sub):
    for a, b in [([1.0, 0.0], [3.0, 0.0]), ([0, -2, 0], [0, -5, 0])]:
        checks.assert_scalar(sub.angle(a, b), 0.0, atol=0, what="angle of parallel vectors",
                             inputs=f"a={a}, b={b}")
    for a, b in parallel_pairs(seed=12):
        expected = 0.0 if b[0] / a[0] > 0 else np.pi
        checks.assert_scalar(sub.angle(a, b), expected, atol=1e-7,
                             what="angle of parallel vectors (clip before arccos: no NaN)",
                             inputs=f"a={checks.fmt(a)}, b={checks.fmt(b)}")


@pytest.mark.exercise("angle")
def test_angle_right_angle_and_errors(sub):
    checks.assert_scalar(sub.angle([1e200, 0.0], [0.0, 1e-200]), np.pi / 2, rtol=1e-15,
                         what="angle", inputs="[1e200, 0], [0, 1e-200]")
    checks.expect_error(ValueError, sub.angle, [1.0, 2.0], [0.0, 0.0])


# --- a rank-deficient covariance -----------------------------------------------------

@pytest.mark.exercise("definiteness")
def test_definiteness_of_rank_deficient_covariances(sub):
    # a feature that is the sum of two others: eigenvalue 0 up to round-off (~1e-15), and a
    # repeated eigenvalue, where np.linalg.eig may leave complex or unordered residue
    g = np.random.default_rng(31)
    x = g.standard_normal((30, 3))
    x = np.column_stack([x, x[:, 0] + x[:, 1]])
    C = np.cov(x, rowvar=False)
    q = random_orthogonal(4, 32)
    repeated = (q * np.array([2.0, 2.0, 0.0, 0.0])) @ q.T
    for B, label in ((C, "np.cov of 4 features, the last the sum of two others"),
                     (-C, "minus that covariance"),
                     ((repeated + repeated.T) / 2, "Q diag(2, 2, 0, 0) Qᵀ")):
        expected = "negative semidefinite" if label.startswith("minus") else "positive semidefinite"
        got = sub.definiteness(B)
        assert got == expected, (
            f"definiteness is wrong for {label}\n  expected: {expected!r}\n  got:      {got!r}")
