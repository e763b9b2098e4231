"""Hidden suite for pca_svd: covariance, sorted eigenpairs, PCA and the pseudoinverse against
NumPy and scikit-learn oracles, on random inputs, with every contract clause: the truncated
np.linalg.svd and Eckart–Young's error for the low-rank approximation, eigh of np.cov with
pca's sign rule (and sklearn up to sign) for PCA by the SVD.
"""
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograder.suites import checks
from autograder.suites import strategies as S

# Weighted by difficulty: PCA (five steps, sign conventions), the pseudoinverse (SVD,
# cutoff, any shape and rank) and PCA by the SVD (the same answers by the other road) are
# the hard ones; eigen-sorting, covariance and the low-rank approximation come next;
# centering and the variance ratio are one-liners.
POINTS = {
    "center": 0.5,
    "covariance": 1.5,
    "sorted_eigen": 1.5,
    "explained_variance_ratio": 0.5,
    "pca": 2.5,
    "pseudoinverse": 2,
    "low_rank_approximation": 1.5,
    "pca_via_svd": 2,
}

COURSE_A = [[3, 2, 2], [2, 3, -2]]


# --- strategies and oracles of this module -------------------------------------------

def _orthogonal(g, n):
    q, r = np.linalg.qr(g.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


@st.composite
def separated_symmetric(draw, min_n=1, max_n=6, nonneg=False):
    """A symmetric ``(n, n)`` matrix whose eigenvalues are at least 0.5 apart (eigenvectors
    are then unique up to sign), indefinite unless ``nonneg``."""
    n = draw(st.integers(min_n, max_n))
    g = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    start = draw(st.floats(0.0 if nonneg else -10.0, 10.0))
    gaps = g.uniform(0.5, 4.0, size=n)
    values = start + np.cumsum(gaps) - gaps[0]
    q = _orthogonal(g, n)
    c = (q * values) @ q.T
    return (c + c.T) / 2


@st.composite
def pca_data(draw):
    """``(X, k)``: ``n > d`` samples with distinct variances along random directions,
    an offset, and a ``k`` in ``1..d``."""
    d = draw(st.integers(1, 5))
    n = draw(st.integers(d + 2, 40))
    g = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scales = 3.0 ** np.arange(d)[::-1] * draw(st.floats(0.1, 10.0))
    x = (g.standard_normal((n, d)) * scales) @ _orthogonal(g, d).T
    x = x + g.uniform(-50, 50, size=d)
    k = draw(st.integers(1, d))
    return x, k


def eigen_oracle(c):
    values, vectors = np.linalg.eigh(np.asarray(c, dtype=float))
    order = np.argsort(values)[::-1]
    values, vectors = values[order], vectors[:, order]
    for j in range(vectors.shape[1]):
        i = np.argmax(np.abs(vectors[:, j]))
        if vectors[i, j] < 0:
            vectors[:, j] *= -1
    return values, vectors


def sklearn_pca(x, k):
    from sklearn.decomposition import PCA

    model = PCA(n_components=k, svd_solver="full")
    projected = model.fit_transform(x)
    return projected, model.components_, model.explained_variance_ratio_


# --- center ------------------------------------------------------------------------

@pytest.mark.exercise("center", weight=2)
@settings(max_examples=20)
@given(X=S.matrices(min_rows=1, max_rows=8, max_cols=5, low=-1000, high=1000))
def test_center_matches_numpy(sub, X):
    expected_mean = X.astype(np.float64).mean(axis=0)
    centered, mean = sub.center(X.copy())
    checks.assert_close(mean, expected_mean, rtol=1e-10, atol=1e-9, dtype=np.float64,
                        what="mean (one per feature = column)", inputs=checks.fmt(X))
    checks.assert_close(centered, X.astype(np.float64) - expected_mean, rtol=1e-10, atol=1e-9,
                        dtype=np.float64, what="centered data X - mean", inputs=checks.fmt(X))


@pytest.mark.exercise("center")
def test_center_leaves_input_alone(sub, rng):
    X = rng.normal(size=(5, 3))
    (centered, mean), info = sub.inspect_call("center", X)
    assert not info.mutated, "center modified its input X: centre a copy (X - mean), not X in place"
    assert abs(centered.mean(axis=0)).max() < 1e-12, (
        f"each column of the centered data should have mean 0, got means {centered.mean(axis=0)}")


@pytest.mark.exercise("center")
def test_center_rejects_bad_shapes(sub):
    checks.expect_error(ValueError, sub.center, [1.0, 2.0, 3.0], mentions="X",
                        what="center of a 1-D X")
    checks.expect_error(ValueError, sub.center, np.zeros((2, 2, 2)), mentions="X",
                        what="center of a 3-D X")
    checks.expect_error(ValueError, sub.center, np.zeros((0, 3)), mentions="X",
                        what="center of an X with no rows")


# --- covariance --------------------------------------------------------------------

@pytest.mark.exercise("covariance", weight=3)
@settings(max_examples=25)
@given(X=S.matrices(min_rows=2, max_rows=10, max_cols=5, low=-100, high=100))
def test_covariance_matches_np_cov(sub, X):
    expected = np.atleast_2d(np.cov(X, rowvar=False))
    got = sub.covariance(X.copy())
    scale = max(1.0, float(np.abs(expected).max()))
    checks.assert_close(got, expected, rtol=1e-9, atol=1e-9 * scale, dtype=np.float64,
                        what="covariance vs np.cov(X, rowvar=False) (ddof=1, rows are samples)",
                        inputs=checks.fmt(X))


@pytest.mark.exercise("covariance")
def test_covariance_of_ints_is_float(sub):
    X = np.array([[1, 2], [2, 4], [3, 7]], dtype=np.int64)
    checks.assert_close(sub.covariance(X), np.cov(X, rowvar=False), rtol=1e-12, dtype=np.float64,
                        what="covariance of an int matrix", inputs=X.tolist())


@pytest.mark.exercise("covariance")
def test_covariance_large_offset(sub, rng):
    # features near 1e8 with spread ~1: the one-pass formula Σxxᵀ - n·m·mᵀ cancels to noise
    X = 1e8 + rng.normal(size=(50, 3)) * [1.0, 2.0, 0.5]
    checks.assert_close(sub.covariance(X), np.cov(X, rowvar=False), rtol=1e-6, atol=1e-6,
                        what="covariance of data with an offset of 1e8 (centre first)")


@pytest.mark.exercise("covariance")
def test_covariance_leaves_input_alone(sub, rng):
    X = rng.normal(size=(6, 2))
    _, info = sub.inspect_call("covariance", X)
    assert not info.mutated, "covariance modified its input X (centre a copy)"


@pytest.mark.exercise("covariance")
def test_covariance_errors(sub):
    checks.expect_error(ValueError, sub.covariance, [[1.0, 2.0, 3.0]], mentions="2",
                        what="covariance of a single sample (ddof=1 needs 2)")
    checks.expect_error(ValueError, sub.covariance, [1.0, 2.0, 3.0], mentions="X",
                        what="covariance of a 1-D X")


# --- sorted_eigen ------------------------------------------------------------------

@pytest.mark.exercise("sorted_eigen", weight=3)
@settings(max_examples=25)
@given(C=separated_symmetric())
def test_sorted_eigen_matches_eigh(sub, C):
    want_values, want_vectors = eigen_oracle(C)
    values, vectors = sub.sorted_eigen(C.copy())
    n = C.shape[0]
    checks.assert_close(values, want_values, rtol=1e-9, atol=1e-9, dtype=np.float64,
                        what="eigenvalues, in decreasing order (signed, not by magnitude)",
                        inputs=checks.fmt(C))
    checks.assert_array(vectors, shape=(n, n), dtype=np.float64, what="eigenvectors")
    for j in range(n):
        residual = np.abs(C @ vectors[:, j] - values[j] * vectors[:, j]).max()
        assert residual < 1e-8, (
            f"column {j} of the eigenvectors is not an eigenvector of C for eigenvalue {values[j]}"
            f" (|C v - λ v| = {residual:.3g}); eigenvectors are the COLUMNS, reordered with the"
            f" eigenvalues\n  input: {checks.fmt(C)}")
    checks.assert_close(vectors, want_vectors, rtol=1e-8, atol=1e-8,
                        what="eigenvectors (columns, each with its largest-magnitude entry positive)",
                        inputs=checks.fmt(C))


@pytest.mark.exercise("sorted_eigen")
def test_sorted_eigen_sign_convention(sub):
    q = np.array([[1, 2, -4], [2, 1, 1], [6, -9, -3]], dtype=float).T  # orthogonal columns
    q /= np.linalg.norm(q, axis=0)
    C = (q * [3.0, 2.0, 1.0]) @ q.T
    _, vectors = sub.sorted_eigen(C)
    expected = q * [-1, 1, -1]  # each column flipped so its largest-magnitude entry is positive
    checks.assert_close(vectors, expected, rtol=1e-9, atol=1e-9,
                        what="eigenvectors with their largest-magnitude entry positive",
                        inputs=np.round(C, 6).tolist())


@pytest.mark.exercise("sorted_eigen")
def test_sorted_eigen_ints_and_input(sub):
    C = np.array([[5, 2], [2, 2]], dtype=np.int64)
    (values, vectors), info = sub.inspect_call("sorted_eigen", C)
    assert not info.mutated, "sorted_eigen modified its input C"
    checks.assert_close(values, [6.0, 1.0], rtol=1e-10, dtype=np.float64,
                        what="eigenvalues of the int matrix [[5, 2], [2, 2]]")
    checks.assert_close(vectors, np.array([[2.0, -1.0], [1.0, 2.0]]) / np.sqrt(5), rtol=1e-10,
                        dtype=np.float64, what="eigenvectors of [[5, 2], [2, 2]]")
    Cf = np.array([[2.0, 1.0], [1.0, 3.0]])
    _, info = sub.inspect_call("sorted_eigen", Cf)
    assert not info.mutated, "sorted_eigen modified its input C"


@pytest.mark.exercise("sorted_eigen")
def test_sorted_eigen_errors(sub):
    checks.expect_error(ValueError, sub.sorted_eigen, np.ones((2, 3)), mentions="square",
                        what="sorted_eigen of a 2x3 matrix")
    checks.expect_error(ValueError, sub.sorted_eigen, [[1.0, 2.0], [0.0, 1.0]],
                        mentions="symmetric", what="sorted_eigen of a non-symmetric matrix")


# --- explained_variance_ratio ------------------------------------------------------

@pytest.mark.exercise("explained_variance_ratio", weight=2)
@settings(max_examples=20)
@given(v=S.positive_vectors(max_len=10, low=1e-6, high=1e6))
def test_ratio_matches_numpy(sub, v):
    expected = v / v.sum()
    (got, info) = sub.inspect_call("explained_variance_ratio", v.copy())
    assert not info.mutated, "explained_variance_ratio modified its input"
    checks.assert_close(got, expected, rtol=1e-12, atol=1e-15, dtype=np.float64,
                        what="eigenvalues / their sum", inputs=checks.fmt(v))
    assert abs(got.sum() - 1.0) < 1e-12, f"the ratios should sum to 1, got {got.sum()!r}"


@pytest.mark.exercise("explained_variance_ratio")
def test_ratio_ints_and_zeros(sub):
    checks.assert_close(sub.explained_variance_ratio([2, 0, 2]), [0.5, 0.0, 0.5],
                        dtype=np.float64, what="explained_variance_ratio([2, 0, 2])")


@pytest.mark.exercise("explained_variance_ratio")
def test_ratio_errors(sub):
    checks.expect_error(ValueError, sub.explained_variance_ratio, [0.0, 0.0],
                        mentions="eigenvalues", what="ratio of all-zero eigenvalues")
    checks.expect_error(ValueError, sub.explained_variance_ratio, [3.0, -1.0],
                        mentions="eigenvalues", what="ratio with a negative eigenvalue")
    checks.expect_error(ValueError, sub.explained_variance_ratio, [],
                        mentions="eigenvalues", what="ratio of no eigenvalues")


# --- pca ---------------------------------------------------------------------------

def _compare_with_sklearn(got, x, k):
    projected, components, ratio = got
    want_p, want_c, want_r = sklearn_pca(x, k)
    n, d = x.shape
    inputs = f"X of shape {x.shape}, k={k}"
    checks.assert_array(projected, shape=(n, k), dtype=np.float64, what="projected", inputs=inputs)
    checks.assert_array(components, shape=(k, d), dtype=np.float64, what="components",
                        inputs=inputs)
    checks.assert_close(ratio, want_r, rtol=1e-7, atol=1e-10, dtype=np.float64,
                        what="explained variance ratio (over the sum of ALL eigenvalues)",
                        inputs=inputs)
    signs = np.where(np.sum(components * want_c, axis=1) < 0, -1.0, 1.0)
    checks.assert_close(components * signs[:, None], want_c, rtol=1e-6, atol=1e-7,
                        what="components (rows; compared up to the sign of each)", inputs=inputs)
    scale = max(1.0, float(np.abs(want_p).max()))
    checks.assert_close(projected * signs, want_p, rtol=1e-6, atol=1e-7 * scale,
                        what="projected data (centred X times the components; up to sign)",
                        inputs=inputs)


@pytest.mark.exercise("pca", weight=4)
@settings(max_examples=25)
@given(data=pca_data())
def test_pca_matches_sklearn(sub, data):
    x, k = data
    _compare_with_sklearn(sub.pca(x.copy(), k), x, k)


@pytest.mark.exercise("pca")
def test_pca_iris_all_components(sub):
    from sklearn.datasets import load_iris

    x = load_iris().data
    for k in (2, 4):
        _compare_with_sklearn(sub.pca(x.copy(), k), x, k)


@pytest.mark.exercise("pca")
def test_pca_component_signs(sub, rng):
    x = rng.normal(size=(30, 4)) * [5.0, 3.0, 2.0, 1.0] @ _orthogonal(rng, 4).T
    _, components, _ = sub.pca(x, 3)
    top = components[np.arange(3), np.argmax(np.abs(components), axis=1)]
    assert np.all(top > 0), (
        f"each component's largest-magnitude entry should be positive, got components\n"
        f"{np.round(components, 4)}")
    gram = components @ components.T
    assert np.allclose(gram, np.eye(3), atol=1e-10), (
        f"components should be orthonormal rows, got components @ components.T =\n{gram}")


@pytest.mark.exercise("pca")
def test_pca_ints_and_input(sub):
    X = np.array([[2, 0, 1], [4, 1, 0], [0, 3, 1], [5, 5, 2], [1, 1, 9]], dtype=np.int64)
    got, info = sub.inspect_call("pca", X, 2)
    assert not info.mutated, "pca modified its input X (centre a copy)"
    _compare_with_sklearn(got, X.astype(float), 2)
    Xf = X.astype(np.float64)
    _, info = sub.inspect_call("pca", Xf, 3)
    assert not info.mutated, "pca modified its float input X (centre a copy, not X -= mean)"


@pytest.mark.exercise("pca")
def test_pca_bad_k(sub):
    X = np.arange(15.0).reshape(5, 3) ** 1.5
    for k in (0, -1, 4):
        checks.expect_error(ValueError, sub.pca, X, k, mentions="k",
                            what=f"pca with k={k} on 3 features (k must be in 1..3)")
    projected, components, ratio = sub.pca(X, 3)  # k = d is allowed
    checks.assert_array(components, shape=(3, 3), what="components for k = d")


# --- pseudoinverse -----------------------------------------------------------------

def _pinv_inputs(a, rcond=None):
    return f"A = {checks.fmt(np.round(a, 6))}" + (f", rcond={rcond}" if rcond is not None else "")


@pytest.mark.exercise("pseudoinverse")
def test_pinv_course_example(sub):
    got = sub.pseudoinverse(COURSE_A)
    checks.assert_close(got, np.linalg.pinv(np.array(COURSE_A, dtype=float)), rtol=1e-10,
                        atol=1e-12, dtype=np.float64, what="pseudoinverse of the course's A",
                        inputs=COURSE_A)


@pytest.mark.exercise("pseudoinverse", weight=3)
@settings(max_examples=30)
@given(pair=S.matrices_of_rank(max_dim=6))
def test_pinv_rank_deficient_matches_numpy(sub, pair):
    a, _ = pair
    # rcond=1e-10 sits between the genuine singular values and round-off ones (~1e-15)
    want = np.linalg.pinv(a, rcond=1e-10)
    got = sub.pseudoinverse(a.copy(), rcond=1e-10)
    scale = max(1.0, float(np.abs(want).max()))
    checks.assert_close(got, want, rtol=1e-7, atol=1e-8 * scale, dtype=np.float64,
                        what="pseudoinverse vs np.linalg.pinv (tall, wide, rank-deficient)",
                        inputs=_pinv_inputs(a, 1e-10))


@pytest.mark.exercise("pseudoinverse", weight=2)
@settings(max_examples=25)
@given(pair=S.matrices_of_rank(max_dim=6))
def test_pinv_moore_penrose_conditions(sub, pair):
    a, _ = pair
    p = sub.pseudoinverse(a.copy(), rcond=1e-10)
    checks.assert_array(p, shape=a.shape[::-1], what="pseudoinverse", inputs=_pinv_inputs(a))
    scale = max(1.0, float(np.abs(a).max()), float(np.abs(p).max())) ** 3
    conditions = {
        "A A+ A = A": (a @ p @ a, a),
        "A+ A A+ = A+": (p @ a @ p, p),
        "A A+ symmetric": (a @ p, (a @ p).T),
        "A+ A symmetric": (p @ a, (p @ a).T),
    }
    for name, (left, right) in conditions.items():
        assert np.allclose(left, right, rtol=1e-7, atol=1e-8 * scale), (
            f"the Moore–Penrose condition {name} fails\n  input: {_pinv_inputs(a)}\n"
            f"  largest violation {np.abs(left - right).max():.3g}")


@pytest.mark.exercise("pseudoinverse")
@settings(max_examples=15)
@given(shape=st.tuples(st.integers(1, 6), st.integers(1, 6)), seed=st.integers(0, 2**32 - 1))
def test_pinv_full_rank_default_rcond(sub, shape, seed):
    g = np.random.default_rng(seed)
    a = g.standard_normal(shape) + 3 * np.eye(*shape)  # full rank, well conditioned
    got = sub.pseudoinverse(a.copy())
    checks.assert_close(got, np.linalg.pinv(a), rtol=1e-9, atol=1e-11, dtype=np.float64,
                        what="pseudoinverse (default rcond) vs np.linalg.pinv",
                        inputs=_pinv_inputs(a))


@pytest.mark.exercise("pseudoinverse")
def test_pinv_zero_matrices(sub):
    for shape in ((1, 1), (2, 3), (3, 2), (4, 4)):
        checks.assert_close(sub.pseudoinverse(np.zeros(shape)), np.zeros(shape[::-1]),
                            dtype=np.float64,
                            what=f"pseudoinverse of the {shape[0]}x{shape[1]} zero matrix "
                                 "(1/0 singular values must become 0, not inf or nan)")


@pytest.mark.exercise("pseudoinverse")
def test_pinv_rcond_cutoff_is_relative(sub):
    a = np.diag([2.0, 1.0])
    checks.assert_close(sub.pseudoinverse(a, rcond=0.5), [[0.5, 0.0], [0.0, 0.0]],
                        what="singular value 1 <= 0.5·max(s) = 1 is treated as zero",
                        inputs="A = diag(2, 1), rcond=0.5")
    checks.assert_close(sub.pseudoinverse(a, rcond=0.49), [[0.5, 0.0], [0.0, 1.0]],
                        what="singular value 1 > 0.49·2 is kept", inputs="A = diag(2, 1), rcond=0.49")
    tiny = 1e-20 * np.array([[1.0, 2.0], [3.0, 4.0]])  # full rank, but every s < 1e-15
    checks.assert_close(sub.pseudoinverse(tiny), np.linalg.pinv(tiny), rtol=1e-9,
                        what="pseudoinverse of 1e-20·[[1, 2], [3, 4]] (cutoff is rcond·max(s), "
                             "relative, not absolute)")


@pytest.mark.exercise("pseudoinverse")
def test_pinv_ints_and_input(sub):
    A = np.array(COURSE_A, dtype=np.int64)
    got, info = sub.inspect_call("pseudoinverse", A)
    assert not info.mutated, "pseudoinverse modified its input A"
    checks.assert_close(got, np.array([[7, 2], [2, 7], [10, -10]]) / 45, rtol=1e-10,
                        dtype=np.float64, what="pseudoinverse of an int matrix")
    Af = np.array([[1.0, 2.0], [2.0, 4.0], [0.0, 1.0]])
    _, info = sub.inspect_call("pseudoinverse", Af)
    assert not info.mutated, "pseudoinverse modified its input A"


@pytest.mark.exercise("pseudoinverse")
def test_pinv_errors(sub):
    checks.expect_error(ValueError, sub.pseudoinverse, [1.0, 2.0], mentions="A",
                        what="pseudoinverse of a 1-D A")
    checks.expect_error(ValueError, sub.pseudoinverse, [[1.0, 2.0]], rcond=-1.0,
                        mentions="rcond", what="pseudoinverse with rcond=-1")


# --- repeated and zero eigenvalues (a rank-deficient covariance) ---------------------

def rank_deficient_data(seed, n=25):
    """Data with 4 features of which the last is the sum of the first two (rank 3)."""
    g = np.random.default_rng(seed)
    x = g.standard_normal((n, 3)) * [4.0, 2.0, 1.0]
    return np.column_stack([x, x[:, 0] + x[:, 1]]) + [10.0, -5.0, 0.0, 3.0]


def assert_orthonormal_eigenpairs(values, vectors, C, what):
    n = C.shape[0]
    checks.assert_array(values, shape=(n,), dtype=np.float64, what=f"eigenvalues of {what}")
    checks.assert_array(vectors, shape=(n, n), dtype=np.float64, what=f"eigenvectors of {what}")
    checks.assert_close(values, np.sort(np.linalg.eigvalsh(C))[::-1], rtol=1e-9, atol=1e-9,
                        what=f"eigenvalues of {what} (real, decreasing)")
    gram = vectors.T @ vectors
    assert np.allclose(gram, np.eye(n), atol=1e-9), (
        f"the eigenvectors of {what} should be orthonormal columns (np.linalg.eig does not "
        f"promise that for a repeated eigenvalue; eigh does), got vectors.T @ vectors =\n"
        f"{np.round(gram, 6)}")
    residual = np.abs(C @ vectors - vectors * values).max()
    assert residual < 1e-8, f"the columns are not eigenvectors of {what}: |C V - V Λ| = {residual:.3g}"
    top = vectors[np.argmax(np.abs(vectors), axis=0), np.arange(n)]
    assert np.all(top > 0), f"each eigenvector's largest-magnitude entry should be positive ({what})"


@pytest.mark.exercise("sorted_eigen")
def test_sorted_eigen_repeated_and_zero_eigenvalues(sub):
    q = _orthogonal(np.random.default_rng(21), 4)
    for eig in ([3.0, 3.0, 1.0, 0.0], [2.0, 2.0, 2.0, 0.0], [0.0, 0.0, 5.0, 0.0]):
        C = (q * eig) @ q.T
        C = (C + C.T) / 2
        values, vectors = sub.sorted_eigen(C)
        assert_orthonormal_eigenpairs(values, vectors, C, f"Q diag({eig}) Qᵀ")
    C = np.cov(rank_deficient_data(22), rowvar=False)
    values, vectors = sub.sorted_eigen(C)
    assert_orthonormal_eigenpairs(values, vectors, C, "a rank-3 covariance of 4 features")


@pytest.mark.exercise("pca")
def test_pca_rank_deficient_data(sub):
    x = rank_deficient_data(23)
    got = sub.pca(x, 4)
    assert type(got) is tuple and len(got) == 3, (
        f"pca should return a tuple (projected, components, ratio), got {checks.type_name(got)}")
    projected, components, ratio = got
    checks.assert_array(ratio, shape=(4,), dtype=np.float64, what="ratio (rank-deficient X)")
    assert np.all(ratio >= 0) and abs(ratio[3]) < 1e-12, (
        f"the ratio of a zero-variance direction is 0, never negative (clip round-off), got {ratio}"
        "\n  input: 25 samples, feature 4 = feature 1 + feature 2")
    gram = components @ components.T
    assert np.allclose(gram, np.eye(4), atol=1e-9), (
        f"components should be orthonormal rows even for a zero eigenvalue, got\n{np.round(gram, 6)}")
    _compare_with_sklearn(sub.pca(x, 3), x, 3)


# --- low_rank_approximation ----------------------------------------------------------

def truncated_svd(a, k):
    u, s, vt = np.linalg.svd(np.asarray(a, dtype=float), full_matrices=False)
    return (u[:, :k] * s[:k]) @ vt[:k], s


@st.composite
def matrices_and_ranks(draw):
    """``(A, k)`` with a gap between the k-th and (k+1)-th singular values (a unique answer)."""
    a = draw(S.matrices(min_rows=1, max_rows=6, min_cols=1, max_cols=6, low=-10, high=10))
    k = draw(st.integers(1, min(a.shape)))
    s = np.linalg.svd(a.astype(float), compute_uv=False)
    assume(k == s.size or s[k - 1] - s[k] > 1e-6 * max(s[0], 1.0))
    return a, k


@pytest.mark.exercise("low_rank_approximation", weight=3)
@settings(max_examples=25)
@given(case=matrices_and_ranks())
def test_low_rank_approximation_is_eckart_young(sub, case):
    a, k = case
    got, info = sub.inspect_call("low_rank_approximation", a, k)
    inputs = f"A={checks.fmt(a)}, k={k}"
    assert not info.mutated, f"low_rank_approximation modified its input A\n  input: {inputs}"
    want, s = truncated_svd(a, k)
    scale = max(1.0, float(s[0]))
    checks.assert_close(got, want, rtol=1e-7, atol=1e-9 * scale, dtype=np.float64,
                        what="the SVD truncated to its k largest singular values", inputs=inputs)
    error = float(np.sqrt(((a - got) ** 2).sum()))
    dropped = float(np.sqrt((s[k:] ** 2).sum()))
    assert abs(error - dropped) <= 1e-7 * scale, (
        f"‖A - A_k‖_F should be sqrt(sum of the dropped squared singular values) = {dropped:.10g}"
        f" (Eckart–Young), got {error:.10g}\n  input: {inputs}")


@pytest.mark.exercise("low_rank_approximation")
def test_low_rank_approximation_examples(sub):
    checks.assert_close(sub.low_rank_approximation(COURSE_A, 1), [[2.5, 2.5, 0.0], [2.5, 2.5, 0.0]],
                        rtol=1e-12, atol=1e-12, what="rank-1 approximation of the course's A",
                        inputs=COURSE_A)
    tall = np.arange(12, dtype=np.int64).reshape(4, 3)  # rank 2
    checks.assert_close(sub.low_rank_approximation(tall, 2), tall.astype(float), rtol=1e-10,
                        atol=1e-10, dtype=np.float64, what="rank-2 approximation of a rank-2 matrix",
                        inputs=tall.tolist())


@pytest.mark.exercise("low_rank_approximation")
def test_low_rank_approximation_bad_k(sub):
    for k in (0, -1, 3, 1.0, True):
        checks.expect_error(ValueError, sub.low_rank_approximation, COURSE_A, k, mentions="k",
                            what=f"low_rank_approximation(A of shape (2, 3), k={k!r}) (k in 1..2)")
    checks.expect_error(ValueError, sub.low_rank_approximation, [1.0, 2.0], 1,
                        what="low_rank_approximation of a 1-D array")


# --- pca_via_svd ---------------------------------------------------------------------

def trusted_pca(x, k):
    """The reference path: eigh of np.cov, sorted, the sign rule (as in ``pca``)."""
    centered = x - x.mean(axis=0)
    values, vectors = eigen_oracle(np.cov(x, rowvar=False).reshape(x.shape[1], x.shape[1]))
    components = vectors[:, :k].T
    ratio = np.maximum(values, 0.0) / np.maximum(values, 0.0).sum()
    return centered @ components.T, components, ratio[:k]


@pytest.mark.exercise("pca_via_svd", weight=3)
@settings(max_examples=25)
@given(data=pca_data())
def test_pca_via_svd_matches_the_eigen_road(sub, data):
    x, k = data
    got, info = sub.inspect_call("pca_via_svd", x, k)
    inputs = f"X of shape {x.shape}, k={k}"
    assert not info.mutated, f"pca_via_svd modified its input X\n  input: {inputs}"
    assert type(got) is tuple and len(got) == 3, (
        f"pca_via_svd should return a tuple (projected, components, ratio), got {checks.type_name(got)}")
    _compare_with_sklearn(got, x, k)
    projected, components, ratio = got
    want_p, want_c, want_r = trusted_pca(x, k)
    checks.assert_close(components, want_c, rtol=1e-6, atol=1e-7,
                        what="components with pca's sign rule (largest-magnitude entry positive)",
                        inputs=inputs)
    checks.assert_close(projected, want_p, rtol=1e-6, atol=1e-7 * max(1.0, float(np.abs(want_p).max())),
                        what="projected data (same signs as pca)", inputs=inputs)


@pytest.mark.exercise("pca_via_svd")
def test_pca_via_svd_iris_and_fewer_samples_than_features(sub):
    from sklearn.datasets import load_iris

    x = load_iris().data
    _compare_with_sklearn(sub.pca_via_svd(x, 4), x, 4)
    wide = np.random.default_rng(24).normal(size=(3, 5)) * [5.0, 4.0, 3.0, 2.0, 1.0]
    projected, components, ratio = sub.pca_via_svd(wide, 5)
    inputs = "X of shape (3, 5) (fewer samples than features), k=5"
    checks.assert_array(projected, shape=(3, 5), dtype=np.float64, what="projected", inputs=inputs)
    checks.assert_array(components, shape=(5, 5), dtype=np.float64, what="components", inputs=inputs)
    checks.assert_close(ratio[:2], trusted_pca(wide, 2)[2], rtol=1e-7, atol=1e-12,
                        what="ratio of the first two components", inputs=inputs)
    assert np.all(ratio >= 0) and np.all(np.abs(ratio[2:]) < 1e-12), (
        f"only 2 directions have variance; the other ratios are 0, got {ratio}\n  input: {inputs}")
    assert np.allclose(components @ components.T, np.eye(5), atol=1e-9), (
        f"components should be orthonormal rows\n  input: {inputs}")


@pytest.mark.exercise("pca_via_svd")
def test_pca_via_svd_bad_input(sub):
    X = np.arange(15.0).reshape(5, 3) ** 1.5
    for k in (0, -1, 4):
        checks.expect_error(ValueError, sub.pca_via_svd, X, k, mentions="k",
                            what=f"pca_via_svd with k={k} on 3 features (k must be in 1..3)")
    checks.expect_error(ValueError, sub.pca_via_svd, np.ones((1, 3)), 1,
                        what="pca_via_svd of a single sample")
    checks.expect_error(ValueError, sub.pca_via_svd, [1.0, 2.0, 3.0], 1,
                        what="pca_via_svd of a 1-D X")


# --- containers the contract names ---------------------------------------------------

@pytest.mark.exercise("center")
def test_center_returns_a_tuple(sub):
    got = sub.center([[1, 2], [3, 4]])
    assert type(got) is tuple and len(got) == 2, (
        f"center should return a tuple (centered, mean), got {checks.type_name(got)}")


@pytest.mark.exercise("sorted_eigen")
def test_sorted_eigen_returns_a_tuple(sub):
    got = sub.sorted_eigen([[2.0, 1.0], [1.0, 2.0]])
    assert type(got) is tuple and len(got) == 2, (
        f"sorted_eigen should return a tuple (values, vectors), got {checks.type_name(got)}")
