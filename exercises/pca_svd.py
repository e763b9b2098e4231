"""PCA and SVD (course section "Linear Algebra": covariance, PCA step by step, SVD, pseudoinverse).

Rows of ``X`` are samples (feature vectors) and columns are features, as in the course:
"assume each row of X is a feature vector".
"""
import numpy as np


def center(X):
    """Mean centering, PCA step 1: subtract each feature's mean from the data.

    Level: ★

    The mean is taken down the columns (over the samples), one value per feature, so
    every column of the result has mean 0.

    Contract: ``X`` is converted with ``np.asarray`` and never modified; it must be 2-D
    ``(n, d)`` with at least one row, else ``ValueError``. Returns ``(centered, mean)``:
    two new float64 ``np.ndarray`` of shapes ``(n, d)`` and ``(d,)``.

    >>> centered, mean = center([[1, 2], [3, 4], [5, 9]])
    >>> mean.tolist()
    [3.0, 5.0]
    >>> centered.tolist()
    [[-2.0, -3.0], [0.0, -1.0], [2.0, 4.0]]
    """
    raise NotImplementedError("exercise pca_svd.center: replace this line with your code")


def covariance(X):
    """The covariance matrix of the features, PCA step 2.

    Level: ★★

    With ``Xc`` the mean-centered data (``n`` samples), ``C = Xcᵀ Xc / (n - 1)``:
    ``C[i, i]`` is the variance of feature ``i`` and ``C[i, j]`` the covariance of
    features ``i`` and ``j``, i.e. the SUM of ``(x_i - mean_i)(x_j - mean_j)``
    over the ``n`` samples, divided by ``n - 1`` (ddof=1, the unbiased sample estimate;
    dividing by ``n`` instead would make it the plain mean of those products).
    Centre first: the one-pass formula ``(Σ x xᵀ - n m mᵀ) / (n - 1)`` loses all
    precision when the features have a large offset (e.g. 1e8).

    Contract: the result equals ``np.cov(X, rowvar=False)``; forbidden: ``np.cov``.
    ``X`` (2-D ``(n, d)``, ints or floats) is converted with ``np.asarray`` and never
    modified. Fewer than 2 rows or an ``X`` that is not 2-D: ``ValueError``.
    Returns a float64 ``np.ndarray`` of shape ``(d, d)``.

    >>> covariance([[1, 2], [2, 4], [3, 6]]).tolist()
    [[1.0, 2.0], [2.0, 4.0]]
    """
    raise NotImplementedError("exercise pca_svd.covariance: replace this line with your code")


def sorted_eigen(C):
    """Eigenvalues and eigenvectors of a symmetric matrix, sorted: PCA steps 3 and 4.

    Level: ★★★

    An eigenvector ``v`` of ``C`` satisfies ``C v = λ v``. A covariance matrix is
    symmetric, so its eigenvalues are real and its eigenvectors orthonormal:
    ``np.linalg.eigh`` is the right tool (the course's ``np.linalg.eig`` works but may
    return complex dtypes and unordered results). Sort the eigenvalues in decreasing
    order and reorder the eigenvector COLUMNS the same way (``vectors[:, i]`` belongs
    to ``values[i]``). Sort by the signed value: the course's ``np.abs(val)`` only hides
    round-off for a covariance matrix (its eigenvalues are ≥ 0) and would misorder an
    indefinite matrix.

    An eigenvector's sign is arbitrary (``-v`` is one too), so fix it: flip each column
    so that its entry of largest magnitude (the first such entry on a tie) is positive.

    Contract: ``C`` is converted with ``np.asarray`` and never modified; it must be a
    square, symmetric 2-D matrix, else ``ValueError``. Returns ``(values, vectors)``:
    float64 ``np.ndarray`` of shapes ``(d,)`` and ``(d, d)``.

    >>> values, vectors = sorted_eigen([[5, 2], [2, 2]])
    >>> values.round(6).tolist()
    [6.0, 1.0]
    >>> (vectors * 5 ** 0.5).round(6).tolist()  # columns [2, 1]/√5 and [-1, 2]/√5
    [[2.0, -1.0], [1.0, 2.0]]
    """
    raise NotImplementedError("exercise pca_svd.sorted_eigen: replace this line with your code")


def explained_variance_ratio(eigenvalues):
    """The fraction of the total variance along each principal component.

    Level: ★

    The eigenvalues of the covariance matrix are the variances along its eigenvectors,
    so each eigenvalue divided by their sum is the fraction of the scatter that
    component explains (the course's iris example: the first two explain about 98%).

    Contract: ``eigenvalues`` is a 1-D sequence of non-negative numbers with a positive
    sum, converted with ``np.asarray`` and never modified; otherwise ``ValueError``
    (empty, not 1-D, a negative value, or all zero). Returns a float64 ``np.ndarray``
    of the same length, in the same order, summing to 1.

    >>> explained_variance_ratio([3, 1]).tolist()
    [0.75, 0.25]
    """
    raise NotImplementedError("exercise pca_svd.explained_variance_ratio: replace this line with your code")


def pca(X, k):
    """Principal component analysis in the course's five steps, keeping ``k`` components.

    Level: ★★★

    1. subtract the mean (``center``); 2. compute the covariance matrix (``covariance``);
    3. eigen-decompose it and 4. sort by decreasing eigenvalue (``sorted_eigen``);
    5. project the centred data onto the first ``k`` eigenvectors:
    ``projected = Xc @ W.T`` where the rows of ``W`` (shape ``(k, d)``) are the
    components (the course's ``w = np.vstack((vec[:, idx[0]], vec[:, idx[1]]))``).
    The ratio is each kept eigenvalue over the sum of ALL ``d`` eigenvalues
    (round-off can make a zero eigenvalue slightly negative: clip it to 0).

    Up to the sign of each component this equals
    ``sklearn.decomposition.PCA(n_components=k)`` (``fit_transform``, ``components_``,
    ``explained_variance_ratio_``); here each component's largest-magnitude entry is
    positive. Forbidden: ``sklearn.decomposition``.

    Contract: ``X`` (2-D ``(n, d)``, at least 2 rows) is converted with ``np.asarray``
    and never modified; ``k`` must be an integer in ``1..d``, else ``ValueError``.
    Returns ``(projected, components, ratio)``: float64 ``np.ndarray`` of shapes
    ``(n, k)``, ``(k, d)`` and ``(k,)``.

    >>> from sklearn.datasets import load_iris
    >>> projected, components, ratio = pca(load_iris().data, 2)
    >>> projected.shape, components.shape
    ((150, 2), (2, 4))
    >>> ratio.round(4).tolist()
    [0.9246, 0.0531]
    """
    raise NotImplementedError("exercise pca_svd.pca: replace this line with your code")


def pseudoinverse(A, rcond=1e-15):
    """The Moore–Penrose pseudoinverse ``A⁺ = V Σ⁺ Uᵀ`` from the SVD ``A = U Σ Vᵀ``.

    Level: ★★★

    The singular values (the diagonal of Σ) are the square roots of the eigenvalues of
    ``A Aᵀ`` (equally of ``Aᵀ A``), taking the ``min(m, n)`` largest: a rank-deficient
    matrix has zero singular values too (the course's "positive eigenvalues" misses
    those). ``Σ⁺`` is ``Σ`` TRANSPOSED (shape ``(n, m)`` for an ``(m, n)`` matrix) with
    each non-zero singular value replaced by its reciprocal and each zero kept at zero.
    In floating point "zero" means ``s <= rcond * max(s)``: dividing by a round-off
    singular value like 1e-17 would blow up. With ``np.linalg.svd(A, full_matrices=False)``
    this is ``Vt.T @ (s⁺[:, None] * U.T)``. It works for any shape and rank, square or not.

    ``A⁺`` satisfies the four Moore–Penrose conditions ``A A⁺ A = A``, ``A⁺ A A⁺ = A⁺``
    and ``A A⁺``, ``A⁺ A`` symmetric, and equals ``np.linalg.pinv(A, rcond)``.
    Forbidden: ``np.linalg.pinv``, ``scipy.linalg.pinv``, ``np.linalg.lstsq``,
    ``np.linalg.inv``.

    Contract: ``A`` (a 2-D ``(m, n)`` matrix of ints or floats) is converted with
    ``np.asarray`` and never modified; not 2-D or a negative ``rcond``: ``ValueError``.
    Returns a float64 ``np.ndarray`` of shape ``(n, m)``.

    The course's example (singular values 5 and 3):

    >>> A = [[3, 2, 2], [2, 3, -2]]
    >>> (pseudoinverse(A) * 45).round(6).tolist()
    [[7.0, 2.0], [2.0, 7.0], [10.0, -10.0]]
    >>> (np.array(A) @ pseudoinverse(A) @ np.array(A)).round(6).tolist()
    [[3.0, 2.0, 2.0], [2.0, 3.0, -2.0]]
    """
    raise NotImplementedError("exercise pca_svd.pseudoinverse: replace this line with your code")


def low_rank_approximation(A, k):
    """The best rank-``k`` approximation of a matrix: its SVD cut after ``k`` terms.

    Level: ★★

    The SVD writes ``A = U Σ Vᵀ = Σ_i s_i u_i v_iᵀ``, a sum of rank-1 matrices weighted by
    the singular values ``s_1 ≥ s_2 ≥ …``. Keeping only the ``k`` largest terms,
    ``A_k = U[:, :k] diag(s[:k]) Vt[:k]``, gives the rank-``k`` matrix closest to ``A``
    in the Frobenius norm (the Eckart–Young theorem), and the error is exactly what was
    dropped: ``‖A - A_k‖_F = sqrt(s_{k+1}² + … + s_r²)``. This is how an image or a
    weight matrix is compressed: ``k (m + n + 1)`` numbers instead of ``m n``.

    Contract: ``A`` (a 2-D ``(m, n)`` matrix of ints or floats) is converted with
    ``np.asarray`` and never modified; not 2-D: ``ValueError``; ``k`` must be an integer
    in ``1..min(m, n)``, else ``ValueError`` naming ``k``. May use ``np.linalg.svd``;
    forbidden: ``sklearn``. Returns a float64 ``np.ndarray`` of shape ``(m, n)``
    (``k = min(m, n)`` gives ``A`` back up to round-off).

    >>> A = [[3, 2, 2], [2, 3, -2]]          # singular values 5 and 3
    >>> (low_rank_approximation(A, 1) * 2).round(6).tolist()
    [[5.0, 5.0, 0.0], [5.0, 5.0, 0.0]]
    >>> B = np.array(A) - low_rank_approximation(A, 1)
    >>> round(float(np.sqrt((B ** 2).sum())), 6)   # the dropped singular value
    3.0
    """
    raise NotImplementedError("exercise pca_svd.low_rank_approximation: replace this line with your code")


def pca_via_svd(X, k):
    """PCA from the SVD of the centred data, without a covariance matrix.

    Level: ★★★

    The course's second road to the same components. With ``Xc`` the centred data and
    its SVD ``Xc = U Σ Vᵀ``, the covariance is ``Xcᵀ Xc / (n - 1) = V (Σ² / (n - 1)) Vᵀ``:
    the right singular vectors (rows of ``Vt``) ARE the eigenvectors of the covariance,
    in decreasing order already, and ``s_i² / (n - 1)`` are its eigenvalues. So the
    components are the first ``k`` rows of ``Vt``, the ratio is ``s_i² / Σ s²``, and the
    projection is ``Xc @ components.T`` (equally ``U[:, :k] * s[:k]``). It never forms
    ``Xcᵀ Xc``, whose condition number is the square of that of ``Xc``. Apply ``pca``'s
    sign rule (each component's largest-magnitude entry positive, the first on a tie) so
    both roads give identical answers. With fewer samples than features, ask the SVD for
    the full ``V`` (``full_matrices=True``) so that every ``k`` up to ``d`` exists.

    Contract: as for ``pca``: ``X`` (2-D ``(n, d)``, at least 2 rows, not all rows equal)
    is converted with ``np.asarray`` and never modified; ``k`` must be an integer in
    ``1..d``; otherwise ``ValueError``. Forbidden: ``np.cov``, ``np.linalg.eig``,
    ``np.linalg.eigh``, ``sklearn.decomposition``. Returns ``(projected, components,
    ratio)``: float64 ``np.ndarray`` of shapes ``(n, k)``, ``(k, d)`` and ``(k,)``, equal
    to ``pca(X, k)`` up to round-off.

    >>> from sklearn.datasets import load_iris
    >>> X = load_iris().data
    >>> projected, components, ratio = pca_via_svd(X, 2)
    >>> ratio.round(4).tolist()
    [0.9246, 0.0531]
    >>> bool(np.allclose(components, pca(X, 2)[1]))
    True
    """
    raise NotImplementedError("exercise pca_svd.pca_via_svd: replace this line with your code")
