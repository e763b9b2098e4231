"""Plausible wrong answers for pca_svd: each must lose points against the hidden suite."""
MUTANTS = {
    "center_mean_of_each_row": '''
def center(X):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] < 1:
        raise ValueError(f"X must be 2-D with at least one row, got shape {X.shape}")
    mean = X.mean(axis=1)
    return X - mean[:, None], mean
''',
    "center_in_place": '''
def center(X):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] < 1:
        raise ValueError(f"X must be 2-D with at least one row, got shape {X.shape}")
    mean = X.mean(axis=0)
    X -= mean
    return X, mean
''',
    "covariance_ddof_0": '''
def covariance(X):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError(f"X must be 2-D with at least 2 rows, got shape {X.shape}")
    centered = X - X.mean(axis=0)
    return centered.T @ centered / X.shape[0]
''',
    "covariance_one_pass_formula": '''
def covariance(X):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError(f"X must be 2-D with at least 2 rows, got shape {X.shape}")
    n = X.shape[0]
    m = X.mean(axis=0)
    return (X.T @ X - n * m[:, None] * m[None, :]) / (n - 1)
''',
    "covariance_rows_as_features": '''
def covariance(X):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError(f"X must be 2-D with at least 2 rows, got shape {X.shape}")
    centered = X - X.mean(axis=1, keepdims=True)
    return centered @ centered.T / (X.shape[1] - 1 if X.shape[1] > 1 else 1)
''',
    "sorted_eigen_vectors_not_reordered": '''
def sorted_eigen(C):
    C = np.asarray(C, dtype=np.float64)
    if C.ndim != 2 or C.shape[0] != C.shape[1]:
        raise ValueError(f"C must be a square matrix, got shape {C.shape}")
    if not np.allclose(C, C.T):
        raise ValueError("C must be symmetric")
    values, vectors = np.linalg.eigh(C)
    values = np.sort(values)[::-1]
    biggest = np.argmax(np.abs(vectors), axis=0)
    signs = np.where(vectors[biggest, np.arange(vectors.shape[1])] < 0, -1.0, 1.0)
    return values, vectors * signs
''',
    "sorted_eigen_by_magnitude_like_the_course": '''
def sorted_eigen(C):
    C = np.asarray(C, dtype=np.float64)
    if C.ndim != 2 or C.shape[0] != C.shape[1]:
        raise ValueError(f"C must be a square matrix, got shape {C.shape}")
    if not np.allclose(C, C.T):
        raise ValueError("C must be symmetric")
    values, vectors = np.linalg.eig(C)
    values = np.abs(values.real)
    vectors = vectors.real
    order = np.argsort(values)[::-1]
    values, vectors = values[order], vectors[:, order]
    biggest = np.argmax(np.abs(vectors), axis=0)
    signs = np.where(vectors[biggest, np.arange(vectors.shape[1])] < 0, -1.0, 1.0)
    return values, vectors * signs
''',
    "sorted_eigen_no_sign_fix": '''
def sorted_eigen(C):
    C = np.asarray(C, dtype=np.float64)
    if C.ndim != 2 or C.shape[0] != C.shape[1]:
        raise ValueError(f"C must be a square matrix, got shape {C.shape}")
    if not np.allclose(C, C.T):
        raise ValueError("C must be symmetric")
    values, vectors = np.linalg.eigh(C)
    order = np.argsort(values)[::-1]
    return values[order], vectors[:, order]
''',
    "sorted_eigen_vectors_as_rows": '''
def sorted_eigen(C):
    C = np.asarray(C, dtype=np.float64)
    if C.ndim != 2 or C.shape[0] != C.shape[1]:
        raise ValueError(f"C must be a square matrix, got shape {C.shape}")
    if not np.allclose(C, C.T):
        raise ValueError("C must be symmetric")
    values, vectors = np.linalg.eigh(C)
    order = np.argsort(values)[::-1]
    rows = vectors[:, order].T
    biggest = np.argmax(np.abs(rows), axis=1)
    signs = np.where(rows[np.arange(rows.shape[0]), biggest] < 0, -1.0, 1.0)
    return values[order], rows * signs[:, None]
''',
    "sorted_eigen_no_checks": '''
def sorted_eigen(C):
    C = np.asarray(C, dtype=np.float64)
    values, vectors = np.linalg.eigh(C)
    order = np.argsort(values)[::-1]
    values, vectors = values[order], vectors[:, order]
    biggest = np.argmax(np.abs(vectors), axis=0)
    signs = np.where(vectors[biggest, np.arange(vectors.shape[1])] < 0, -1.0, 1.0)
    return values, vectors * signs
''',
    "explained_variance_ratio_no_checks": '''
def explained_variance_ratio(eigenvalues):
    values = np.asarray(eigenvalues, dtype=np.float64)
    return values / values.sum()
''',
    "pca_projects_uncentered_data": '''
def pca(X, k):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {X.shape}")
    d = X.shape[1]
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= d:
        raise ValueError(f"k must be an integer in 1..{d}, got {k!r}")
    values, vectors = sorted_eigen(covariance(X))
    ratio = explained_variance_ratio(np.maximum(values, 0.0))
    components = vectors[:, :k].T.copy()
    return X @ components.T, components, ratio[:k]
''',
    "pca_ratio_over_kept_components": '''
def pca(X, k):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {X.shape}")
    d = X.shape[1]
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= d:
        raise ValueError(f"k must be an integer in 1..{d}, got {k!r}")
    centered, _ = center(X)
    values, vectors = sorted_eigen(covariance(X))
    kept = np.maximum(values[:k], 0.0)
    components = vectors[:, :k].T.copy()
    return centered @ components.T, components, kept / kept.sum()
''',
    "pca_eigenvector_rows_as_components": '''
def pca(X, k):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {X.shape}")
    d = X.shape[1]
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= d:
        raise ValueError(f"k must be an integer in 1..{d}, got {k!r}")
    centered, _ = center(X)
    values, vectors = sorted_eigen(covariance(X))
    ratio = explained_variance_ratio(np.maximum(values, 0.0))
    components = vectors[:k, :].copy()
    return centered @ components.T, components, ratio[:k]
''',
    "pca_rejects_k_equal_d": '''
def pca(X, k):
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {X.shape}")
    d = X.shape[1]
    if not isinstance(k, (int, np.integer)) or not 1 <= k < d:
        raise ValueError(f"k must be an integer in 1..{d - 1}, got {k!r}")
    centered, _ = center(X)
    values, vectors = sorted_eigen(covariance(X))
    ratio = explained_variance_ratio(np.maximum(values, 0.0))
    components = vectors[:, :k].T.copy()
    return centered @ components.T, components, ratio[:k]
''',
    "pseudoinverse_absolute_cutoff": '''
def pseudoinverse(A, rcond=1e-15):
    A = np.asarray(A, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError(f"A must be a 2-D matrix, got shape {A.shape}")
    if rcond < 0:
        raise ValueError(f"rcond must be non-negative, got {rcond}")
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    s_plus = np.zeros_like(s)
    keep = s > rcond
    s_plus[keep] = 1.0 / s[keep]
    return vt.T @ (s_plus[:, None] * u.T)
''',
    "pseudoinverse_without_cutoff": '''
def pseudoinverse(A, rcond=1e-15):
    A = np.asarray(A, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError(f"A must be a 2-D matrix, got shape {A.shape}")
    if rcond < 0:
        raise ValueError(f"rcond must be non-negative, got {rcond}")
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    with np.errstate(divide="ignore", invalid="ignore"):
        s_plus = np.where(s > 0, 1.0 / s, 0.0)
    return vt.T @ (s_plus[:, None] * u.T)
''',
    "pseudoinverse_keeps_value_at_cutoff": '''
def pseudoinverse(A, rcond=1e-15):
    A = np.asarray(A, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError(f"A must be a 2-D matrix, got shape {A.shape}")
    if rcond < 0:
        raise ValueError(f"rcond must be non-negative, got {rcond}")
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    s_plus = np.zeros_like(s)
    keep = (s >= rcond * s.max()) & (s > 0)
    s_plus[keep] = 1.0 / s[keep]
    return vt.T @ (s_plus[:, None] * u.T)
''',
    "pseudoinverse_forgets_to_transpose_vt": '''
def pseudoinverse(A, rcond=1e-15):
    A = np.asarray(A, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError(f"A must be a 2-D matrix, got shape {A.shape}")
    if rcond < 0:
        raise ValueError(f"rcond must be non-negative, got {rcond}")
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    s_plus = np.zeros_like(s)
    keep = s > rcond * s.max()
    s_plus[keep] = 1.0 / s[keep]
    return vt @ np.diag(s_plus) @ u.T
''',
    "low_rank_keeps_smallest": '''
def low_rank_approximation(A, k):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError("A must be 2-D")
    if not 1 <= k <= min(A.shape):
        raise ValueError(f"k must be in 1..{min(A.shape)}")
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    return (u[:, -k:] * s[-k:]) @ vt[-k:]
''',
    "low_rank_drops_singular_values": '''
def low_rank_approximation(A, k):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError("A must be 2-D")
    if not 1 <= k <= min(A.shape):
        raise ValueError(f"k must be in 1..{min(A.shape)}")
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    return u[:, :k] @ vt[:k]
''',
    "low_rank_accepts_float_k": '''
def low_rank_approximation(A, k):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError("A must be 2-D")
    if not 1 <= k <= min(A.shape):
        raise ValueError(f"k must be in 1..{min(A.shape)}")
    k = int(k)
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    return (u[:, :k] * s[:k]) @ vt[:k]
''',
    "pca_via_svd_no_sign_rule": '''
def pca_via_svd(X, k):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    n, d = X.shape
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= d:
        raise ValueError(f"k must be in 1..{d}")
    if n < 2:
        raise ValueError("need 2 samples")
    centered = X - X.mean(axis=0)
    _, s, vt = np.linalg.svd(centered, full_matrices=n < d)
    components = vt[:k].copy()
    ratio = np.zeros(k)
    kept = min(k, s.size)
    ratio[:kept] = s[:kept] ** 2 / (s ** 2).sum()
    return centered @ components.T, components, ratio
''',
    "pca_via_svd_left_vectors": '''
def pca_via_svd(X, k):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    n, d = X.shape
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= d:
        raise ValueError(f"k must be in 1..{d}")
    centered = X - X.mean(axis=0)
    u, s, vt = np.linalg.svd(centered, full_matrices=True)
    components = u[:d, :k].T.copy()
    biggest = np.argmax(np.abs(components), axis=1)
    components *= np.where(components[np.arange(k), biggest] < 0, -1.0, 1.0)[:, None]
    return centered @ components.T, components, (s[:k] ** 2 / (s ** 2).sum())
''',
    "pca_via_svd_ratio_of_singular_values": '''
def pca_via_svd(X, k):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    n, d = X.shape
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= d:
        raise ValueError(f"k must be in 1..{d}")
    if n < 2:
        raise ValueError("need 2 samples")
    centered = X - X.mean(axis=0)
    _, s, vt = np.linalg.svd(centered, full_matrices=n < d)
    components = vt[:k].copy()
    biggest = np.argmax(np.abs(components), axis=1)
    components *= np.where(components[np.arange(k), biggest] < 0, -1.0, 1.0)[:, None]
    ratio = np.zeros(k)
    kept = min(k, s.size)
    ratio[:kept] = s[:kept] / s.sum()
    return centered @ components.T, components, ratio
''',
    "pca_via_svd_uncentred": '''
def pca_via_svd(X, k):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    n, d = X.shape
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= d:
        raise ValueError(f"k must be in 1..{d}")
    if n < 2:
        raise ValueError("need 2 samples")
    _, s, vt = np.linalg.svd(X, full_matrices=n < d)
    components = vt[:k].copy()
    biggest = np.argmax(np.abs(components), axis=1)
    components *= np.where(components[np.arange(k), biggest] < 0, -1.0, 1.0)[:, None]
    ratio = np.zeros(k)
    kept = min(k, s.size)
    ratio[:kept] = s[:kept] ** 2 / (s ** 2).sum()
    return (X - X.mean(axis=0)) @ components.T, components, ratio
''',
    "sorted_eigen_general_eig": '''
def sorted_eigen(C):
    C = np.asarray(C, dtype=float)
    if C.ndim != 2 or C.shape[0] != C.shape[1]:
        raise ValueError("C must be a square matrix")
    if not np.allclose(C, C.T):
        raise ValueError("C must be symmetric")
    values, vectors = np.linalg.eig(C)
    values, vectors = values.real, vectors.real
    order = np.argsort(values)[::-1]
    values, vectors = values[order], vectors[:, order]
    biggest = np.argmax(np.abs(vectors), axis=0)
    signs = np.where(vectors[biggest, np.arange(vectors.shape[1])] < 0, -1.0, 1.0)
    return values.copy(), vectors * signs
''',
    "center_returns_a_list": '''
def center(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    if X.shape[0] < 1:
        raise ValueError("X must have at least one row")
    mean = X.mean(axis=0)
    return [X - mean, mean]
''',
}
