"""Public checks for pca_svd: the docstring examples and the obvious edge cases."""
import numpy as np
import pytest

from autograder.suites import checks

# pytest writes a traceback of each failure, re-parsing this file, before the plugin
# replaces it with the feedback block: hiding these frames skips that work.
__tracebackhide__ = True

POINTS = {
    "center": 0.5, "covariance": 1.5, "sorted_eigen": 1.5, "explained_variance_ratio": 0.5,
    "pca": 2.5, "pseudoinverse": 2, "low_rank_approximation": 1.5, "pca_via_svd": 2,
}

COURSE_A = [[3, 2, 2], [2, 3, -2]]


@pytest.mark.exercise("center")
def test_center_example(sub):
    centered, mean = sub.center([[1, 2], [3, 4], [5, 9]])
    checks.assert_close(mean, [3.0, 5.0], what="mean", dtype=np.float64)
    checks.assert_close(centered, [[-2.0, -3.0], [0.0, -1.0], [2.0, 4.0]], what="centered data",
                        dtype=np.float64)


@pytest.mark.exercise("center")
def test_center_rejects_1d(sub):
    checks.expect_error(ValueError, sub.center, [1.0, 2.0, 3.0], mentions="2-D")


@pytest.mark.exercise("covariance")
def test_covariance_example(sub):
    X = [[1, 2], [2, 4], [3, 6]]
    checks.assert_close(sub.covariance(X), [[1.0, 2.0], [2.0, 4.0]], dtype=np.float64,
                        what="covariance (ddof=1)", inputs=X)


@pytest.mark.exercise("covariance")
def test_covariance_matches_np_cov(sub, rng):
    X = rng.normal(size=(20, 3))
    checks.assert_close(sub.covariance(X), np.cov(X, rowvar=False), rtol=1e-10,
                        what="covariance vs np.cov(X, rowvar=False)")


@pytest.mark.exercise("covariance")
def test_covariance_needs_two_samples(sub):
    checks.expect_error(ValueError, sub.covariance, [[1.0, 2.0]], mentions="2")


@pytest.mark.exercise("sorted_eigen")
def test_sorted_eigen_example(sub):
    values, vectors = sub.sorted_eigen([[5, 2], [2, 2]])
    checks.assert_close(values, [6.0, 1.0], rtol=1e-10, what="eigenvalues (decreasing)")
    expected = np.array([[2.0, -1.0], [1.0, 2.0]]) / np.sqrt(5)
    checks.assert_close(vectors, expected, rtol=1e-10, what="eigenvectors (columns, largest entry positive)")


@pytest.mark.exercise("explained_variance_ratio")
def test_explained_variance_ratio_example(sub):
    checks.assert_close(sub.explained_variance_ratio([3, 1]), [0.75, 0.25], dtype=np.float64,
                        what="explained_variance_ratio([3, 1])")


@pytest.mark.exercise("pca")
def test_pca_small_example(sub):
    X = np.array([[2.0, 0.0, 1.0], [4.0, 1.0, 0.0], [0.0, 3.0, 1.0], [5.0, 5.0, 2.0], [1.0, 1.0, 9.0]])
    projected, components, ratio = sub.pca(X, 2)
    checks.assert_array(projected, shape=(5, 2), what="projected")
    checks.assert_array(components, shape=(2, 3), what="components")
    values = np.sort(np.linalg.eigvalsh(np.cov(X, rowvar=False)))[::-1]
    checks.assert_close(ratio, values[:2] / values.sum(), rtol=1e-8,
                        what="explained ratio (largest eigenvalues over the sum of all)")
    checks.assert_close(projected, (X - X.mean(axis=0)) @ components.T, rtol=1e-8, atol=1e-10,
                        what="projected = centred X @ components.T")


@pytest.mark.exercise("pca")
def test_pca_rejects_bad_k(sub):
    X = np.arange(12.0).reshape(4, 3) ** 2
    checks.expect_error(ValueError, sub.pca, X, 0, mentions="k")
    checks.expect_error(ValueError, sub.pca, X, 4, mentions="k")


@pytest.mark.exercise("pseudoinverse")
def test_pseudoinverse_course_example(sub):
    expected = np.array([[7, 2], [2, 7], [10, -10]]) / 45
    checks.assert_close(sub.pseudoinverse(COURSE_A), expected, rtol=1e-10, atol=1e-12,
                        what="pseudoinverse", inputs=COURSE_A)


@pytest.mark.exercise("pseudoinverse")
def test_pseudoinverse_zero_matrix(sub):
    checks.assert_close(sub.pseudoinverse(np.zeros((2, 3))), np.zeros((3, 2)),
                        what="pseudoinverse of the 2x3 zero matrix")


# --- low-rank approximation and PCA by the SVD ------------------------------------------

@pytest.mark.exercise("low_rank_approximation")
def test_low_rank_approximation_course_matrix(sub):
    got = sub.low_rank_approximation(COURSE_A, 1)
    checks.assert_close(got, [[2.5, 2.5, 0.0], [2.5, 2.5, 0.0]], rtol=1e-10, atol=1e-12,
                        dtype=np.float64, what="rank-1 approximation", inputs=COURSE_A)
    checks.assert_close(sub.low_rank_approximation(COURSE_A, 2), np.array(COURSE_A, float),
                        rtol=1e-10, atol=1e-12, what="rank-2 approximation (A itself)",
                        inputs=COURSE_A)


@pytest.mark.exercise("low_rank_approximation")
def test_low_rank_approximation_rejects_bad_k(sub):
    checks.expect_error(ValueError, sub.low_rank_approximation, COURSE_A, 0, mentions="k")
    checks.expect_error(ValueError, sub.low_rank_approximation, COURSE_A, 3, mentions="k")


@pytest.mark.exercise("pca_via_svd")
def test_pca_via_svd_iris_ratio(sub):
    from sklearn.datasets import load_iris

    X = load_iris().data
    projected, components, ratio = sub.pca_via_svd(X, 2)
    checks.assert_array(projected, shape=(150, 2), what="projected", inputs="iris, k=2")
    checks.assert_array(components, shape=(2, 4), what="components", inputs="iris, k=2")
    checks.assert_close(ratio, [0.92461872, 0.05306648], rtol=1e-6, what="ratio",
                        inputs="iris, k=2")
    big = np.argmax(np.abs(components), axis=1)
    assert np.all(components[np.arange(2), big] > 0), (
        "each component's largest-magnitude entry should be positive (the sign rule of pca)"
        f"\n  got components {components}")


@pytest.mark.exercise("pca_via_svd")
def test_pca_via_svd_rejects_bad_k(sub):
    X = np.arange(12.0).reshape(4, 3) ** 2
    checks.expect_error(ValueError, sub.pca_via_svd, X, 0, mentions="k")
    checks.expect_error(ValueError, sub.pca_via_svd, X, 4, mentions="k")


# --- each clause of the contracts: orders, cut-offs, k bounds, tuples -------------------

SMALL_X = np.array([[2.0, 0.0, 1.0], [4.0, 1.0, 0.0], [0.0, 3.0, 1.0], [5.0, 5.0, 2.0], [1.0, 1.0, 9.0]])


def expected_components(X, k):
    """The oracle: top-k eigenvectors of the covariance as rows, largest entry positive."""
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    vectors = vectors[:, ::-1][:, :k].T
    big = np.argmax(np.abs(vectors), axis=1)
    return vectors * np.sign(vectors[np.arange(k), big])[:, None]


@pytest.mark.exercise("center")
def test_center_returns_a_tuple(sub):
    got = sub.center([[1.0, 2.0]])
    assert type(got) is tuple and len(got) == 2, (
        f"center should return a tuple (centered, mean), got a {checks.type_name(got)}")


@pytest.mark.exercise("covariance")
def test_covariance_large_offset(sub):
    X = [[1e9 + 1, 1.0], [1e9 + 2, 3.0], [1e9 + 3, 2.0]]
    checks.assert_close(sub.covariance(X), [[1.0, 0.5], [0.5, 1.0]], rtol=1e-6, atol=1e-6,
                        what="covariance", inputs="[[1e9 + 1, 1], [1e9 + 2, 3], [1e9 + 3, 2]] (centre first)")


@pytest.mark.exercise("sorted_eigen")
def test_sorted_eigen_negative_repeated_and_checks(sub):
    values, _ = sub.sorted_eigen([[1.0, 0.0], [0.0, -3.0]])
    checks.assert_close(values, [1.0, -3.0], what="eigenvalues of [[1, 0], [0, -3]] (decreasing, not by magnitude)")
    C = [[2.0, 1.0, 1.0], [1.0, 2.0, 1.0], [1.0, 1.0, 2.0]]
    values, vectors = sub.sorted_eigen(C)
    checks.assert_close(values, [4.0, 1.0, 1.0], rtol=1e-10, dtype=np.float64, what="eigenvalues", inputs=C)
    checks.assert_array(vectors, shape=(3, 3), dtype=np.float64, what="eigenvectors", inputs=C)
    checks.assert_close(vectors.T @ vectors, np.eye(3), rtol=0, atol=1e-10, inputs=C,
                        what="vectors.T @ vectors (orthonormal columns even for a repeated eigenvalue)")
    checks.expect_error(ValueError, sub.sorted_eigen, [[1.0, 2.0], [0.0, 1.0]], mentions="symmetric")
    checks.expect_error(ValueError, sub.sorted_eigen, [[1.0, 2.0, 3.0]], what="sorted_eigen of a (1, 3) C")


@pytest.mark.exercise("explained_variance_ratio")
def test_explained_variance_ratio_checks(sub):
    checks.expect_error(ValueError, sub.explained_variance_ratio, [])
    checks.expect_error(ValueError, sub.explained_variance_ratio, [2.0, -1.0])
    checks.expect_error(ValueError, sub.explained_variance_ratio, [0.0, 0.0])


@pytest.mark.exercise("pca")
def test_pca_components_are_rows_and_k_can_be_d(sub):
    projected, components, ratio = sub.pca(SMALL_X.astype(int), 3)
    checks.assert_array(projected, shape=(5, 3), dtype=np.float64, what="projected of pca(int X, 3)")
    checks.assert_array(ratio, shape=(3,), dtype=np.float64, what="ratio of pca(int X, 3)")
    checks.assert_close(components, expected_components(SMALL_X, 3), rtol=1e-8, atol=1e-10, dtype=np.float64,
                        what="components of pca(X, 3) (eigenvectors as ROWS, largest entry positive)")
    checks.assert_scalar(float(ratio.sum()), 1.0, what="the sum of ratio for k = d")


@pytest.mark.exercise("pseudoinverse")
def test_pseudoinverse_relative_cutoff(sub):
    checks.assert_close(sub.pseudoinverse(1e-20 * np.eye(2)), 1e20 * np.eye(2), rtol=1e-10,
                        what="pseudoinverse(1e-20 * I) (the cut-off is relative to max(s))")
    checks.assert_close(sub.pseudoinverse(np.diag([1.0, 1e-17])), np.diag([1.0, 0.0]), rtol=1e-10, atol=1e-12,
                        what="pseudoinverse(diag(1, 1e-17)) (1e-17 <= rcond·max(s) counts as 0)")
    checks.assert_close(sub.pseudoinverse(np.diag([1.0, 0.5]), rcond=0.5), np.diag([1.0, 0.0]),
                        rtol=1e-10, atol=1e-12, what="pseudoinverse(diag(1, 0.5), rcond=0.5) (≤, not <)")
    checks.expect_error(ValueError, sub.pseudoinverse, [1.0, 2.0], what="pseudoinverse of a 1-D A")
    checks.assert_close(sub.pseudoinverse([[2, 0]]), [[0.5], [0.0]], dtype=np.float64,
                        what="pseudoinverse([[2, 0]]) (float64, shape (n, m))")


@pytest.mark.exercise("low_rank_approximation")
def test_low_rank_approximation_integer_k(sub):
    checks.expect_error(ValueError, sub.low_rank_approximation, COURSE_A, 1.0, mentions="k",
                        what="low_rank_approximation(A, 1.0) (k is an integer)")


@pytest.mark.exercise("pca_via_svd")
def test_pca_via_svd_components_match_pca(sub):
    _, components, ratio = sub.pca_via_svd(SMALL_X, 2)
    checks.assert_array(ratio, shape=(2,), dtype=np.float64, what="ratio of pca_via_svd(X, 2)")
    checks.assert_close(components, expected_components(SMALL_X, 2), rtol=1e-8, atol=1e-10, dtype=np.float64,
                        what="components of pca_via_svd(X, 2) (right singular vectors, sign rule of pca)")
