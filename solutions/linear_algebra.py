"""Linear algebra (course section "Linear Algebra": tensors, products, affine maps, definiteness, norms).

A scalar is an order-0 tensor, a vector order 1, a matrix order 2; a feedforward network
is a chain of affine maps ``W x + b`` with an activation in between, and its weights are
kept small by weight decay, a penalty built from their L2 norms.
"""
import numpy as np


def order(t):
    """The order of a tensor: how many indices it takes to reach one entry.

    Level: ★

    A scalar has order 0, a vector order 1, a matrix order 2; the course's stack of
    3×4 images ``np.arange(36).reshape((3, 3, 4))`` has order 3, and the scalar 42
    reshaped to ``(1, 1, 1, 1, 1)`` has order 5. The order counts axes, not entries:
    the vector ``[1, 2, 3]`` lives in 3-dimensional space, but it is an order-1 tensor.

    Contract: ``t`` (a number, nested lists or an array) is converted with
    ``np.asarray`` and never modified. Returns a Python ``int`` (``ndim``).

    >>> order(42), order([1, 2, 3]), order([[1, 2], [3, 4]])
    (0, 1, 2)
    >>> order(np.array(42).reshape((1, 1, 1, 1, 1)))
    5
    """
    ### BEGIN SOLUTION
    return int(np.asarray(t).ndim)
    ### END SOLUTION


def hadamard(a, b):
    """The Hadamard product: element-wise multiplication of two tensors of the same shape.

    Level: ★

    ``c[i, j] = a[i, j] * b[i, j]`` (for any order). NumPy's ``a * b`` would also
    *broadcast* different shapes (a ``(2, 3)`` times a ``(3,)``), which is not a Hadamard
    product, so shapes must match exactly.

    Contract: ``a`` and ``b`` are converted with ``np.asarray`` and never modified;
    different shapes: ``ValueError`` (the message says "shape"). Returns a new
    ``np.ndarray`` of that shape and dtype ``np.result_type(a, b)``.

    >>> hadamard([[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]).tolist()
    [[7, 16, 27], [40, 55, 72]]
    """
    ### BEGIN SOLUTION
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape != b.shape:
        raise ValueError(
            f"the Hadamard product needs equal shapes (no broadcasting), got {a.shape} and {b.shape}")
    return np.asarray(a * b)
    ### END SOLUTION


def inner(a, b):
    """The inner (dot) product ``Σ a_i b_i`` of two vectors, with a loop as in the course.

    Level: ★

    Geometrically it is ``‖a‖ ‖b‖ cos θ``: 0 for perpendicular vectors. Accumulate in a
    Python float, starting from ``s = 0.0``, converting each entry with ``float``.

    Contract: forbidden: ``np.dot``, ``np.inner``, ``np.vdot``, ``np.matmul``,
    ``np.einsum`` and the ``@`` operator. ``a`` and ``b`` are 1-D (else ``ValueError``),
    converted with ``np.asarray`` and never modified; different lengths: ``ValueError``
    (the message says "length"). Returns a Python ``float`` (0.0 for empty vectors).

    >>> inner([1, 2, 3, 4], [5, 6, 7, 8])
    70.0
    """
    ### BEGIN SOLUTION
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(f"inner needs two 1-D vectors, got shapes {a.shape} and {b.shape}")
    if len(a) != len(b):
        raise ValueError(f"vectors must have the same length, got {len(a)} and {len(b)}")
    s = 0.0
    for i in range(len(a)):
        s += float(a[i]) * float(b[i])
    return s
    ### END SOLUTION


def outer(a, b):
    """The outer product of two vectors: the matrix ``C[i, j] = a[i] * b[j]``.

    Level: ★★

    Where the inner product collapses two vectors to one number, the outer product mixes
    every entry of one vector (an embedding, say) with every entry of the other. Build it
    with a loop over ``i`` (row ``i`` is ``a[i] * b``) or with broadcasting.

    Contract: forbidden: ``np.outer``, ``np.einsum``, ``np.multiply.outer``. ``a`` and
    ``b`` are 1-D (else ``ValueError``), converted with ``np.asarray`` and never modified.
    Returns a new ``np.ndarray`` of shape ``(len(a), len(b))``, dtype
    ``np.result_type(a, b)``.

    >>> outer([1, 2], [3, 4, 5]).tolist()
    [[3, 4, 5], [6, 8, 10]]
    """
    ### BEGIN SOLUTION
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(f"outer needs two 1-D vectors, got shapes {a.shape} and {b.shape}")
    result = np.zeros((len(a), len(b)), dtype=np.result_type(a, b))
    for i in range(len(a)):
        result[i, :] = a[i] * b
    return result
    ### END SOLUTION


def matmul(A, B):
    """The matrix product ``C = A B`` with the course's triple loop.

    Level: ★★

    ``C[i, j] = Σ_k A[i, k] B[k, j]``: entry ``(i, j)`` is the inner product of row ``i``
    of ``A`` and column ``j`` of ``B``, so ``A`` must have as many columns as ``B`` has
    rows (the inner sizes). The course allocates ``C`` with ``dtype=A.dtype``; that is a
    bug: an int ``A`` times a float ``B`` would be truncated to ints. Allocate ``C`` with
    ``np.result_type(A, B)`` instead (ints × ints stay ints, ints × floats are floats),
    which is what ``np.matmul`` does.

    Contract: forbidden: ``np.dot``, ``np.matmul``, ``np.einsum``, ``np.tensordot`` and
    the ``@`` operator. ``A`` ``(I, K)`` and ``B`` ``(K, J)`` are 2-D (else
    ``ValueError``), converted with ``np.asarray`` and never modified; inner sizes that
    differ: ``ValueError`` naming the shapes. Returns a new ``np.ndarray`` of shape
    ``(I, J)`` and dtype ``np.result_type(A, B)``.

    >>> matmul([[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]]).tolist()
    [[58, 64], [139, 154]]
    >>> matmul([[1, 2]], [[0.5], [0.25]]).tolist()
    [[1.0]]
    """
    ### BEGIN SOLUTION
    A = np.asarray(A)
    B = np.asarray(B)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError(f"matmul needs two 2-D matrices, got shapes {A.shape} and {B.shape}")
    I, K = A.shape
    if B.shape[0] != K:
        raise ValueError(
            f"inner sizes differ: A has shape {A.shape} ({K} columns) but B has shape "
            f"{B.shape} ({B.shape[0]} rows)")
    J = B.shape[1]
    C = np.zeros((I, J), dtype=np.result_type(A, B))
    for i in range(I):
        for j in range(J):
            for k in range(K):
                C[i, j] += A[i, k] * B[k, j]
    return C
    ### END SOLUTION


def affine(A, x, b):
    """The affine transformation ``y = A x + b``.

    Level: ★

    A linear map ``A x`` followed by a translation ``b``; points on a line stay on a
    line. With ``A`` of shape ``(m, n)`` it maps a point of n-D space into m-D space (a
    3×2 matrix maps 2-D points into 3-D). One layer of a feedforward network is exactly
    this, with ``A`` the weight matrix and ``b`` the bias vector (``@`` is allowed here).

    Contract: ``A`` ``(m, n)``, ``x`` ``(n,)`` and ``b`` ``(m,)`` are converted with
    ``np.asarray`` and never modified; any other shapes (no broadcasting of ``b``):
    ``ValueError`` (the message says "shape"). Returns a new ``np.ndarray`` of shape
    ``(m,)``.

    >>> affine([[1, 0], [0, 1], [1, 1]], [2, 3], [0, 0, 1]).tolist()
    [2, 3, 6]
    """
    ### BEGIN SOLUTION
    A = np.asarray(A)
    x = np.asarray(x)
    b = np.asarray(b)
    if A.ndim != 2:
        raise ValueError(f"A must be a 2-D matrix, got shape {A.shape}")
    m, n = A.shape
    if x.shape != (n,):
        raise ValueError(f"x must have shape ({n},) to match A of shape {A.shape}, got {x.shape}")
    if b.shape != (m,):
        raise ValueError(f"b must have shape ({m},) to match A of shape {A.shape}, got {b.shape}")
    return A @ x + b
    ### END SOLUTION


def feedforward(x, layers):
    """A feedforward network as a series of affine maps with ReLU in between.

    Level: ★★★

    ``layers`` is a list ``[(W1, b1), (W2, b2), ...]``; each layer computes
    ``h = W h + b`` (``W`` of shape ``(outputs, inputs)``, so ``W`` multiplies from the
    left), and ``ReLU(z) = max(z, 0)`` is applied after every layer but the last: the
    last layer's output (the scores) is returned as it is. Note that scikit-learn's
    ``coefs_`` store the transpose, ``(inputs, outputs)``.

    Contract: ``x`` ``(n,)`` and the layers are converted with ``np.asarray`` and never
    modified; shapes that do not chain: ``ValueError``. Returns a new ``np.ndarray``
    (``x`` itself, as a copy, when ``layers`` is empty).

    >>> layers = [([[1, -1], [2, 0]], [0, -5]), ([[1, 1]], [1])]
    >>> feedforward([3, 1], layers).tolist()  # hidden [2, 1] -> ReLU [2, 1] -> [4]
    [4]
    >>> feedforward([1, 3], layers).tolist()  # hidden [-2, -3] -> ReLU [0, 0] -> [1]
    [1]
    """
    ### BEGIN SOLUTION
    h = np.array(x)
    for number, (W, b) in enumerate(layers):
        h = affine(W, h, b)
        if number < len(layers) - 1:
            h = np.maximum(h, 0)
    return h
    ### END SOLUTION


def definiteness(B, tol=1e-10):
    """Classify a symmetric matrix by the signs of its eigenvalues.

    Level: ★★★

    ``B`` is positive definite when ``xᵀ B x > 0`` for every ``x ≠ 0``, positive
    semidefinite when ``xᵀ B x ≥ 0`` for every ``x``, negative (semi)definite likewise with
    ``<`` (``≤``), and indefinite otherwise. For a SYMMETRIC matrix this is decided by its
    (real) eigenvalues: all > 0 positive definite, all ≥ 0 positive semidefinite, and so
    on. For a non-symmetric matrix the eigenvalues do not decide it (``[[1, 4], [0, 1]]``
    has eigenvalues 1, 1 yet ``xᵀ B x = -2`` for ``x = (1, -1)``), so it is refused.

    Computed eigenvalues carry round-off, so an eigenvalue with ``|λ| ≤ tol`` counts as
    zero: positive means ``λ > tol``, negative means ``λ < -tol``. The answer is the first
    of ``"positive definite"``, ``"negative definite"``, ``"positive semidefinite"``,
    ``"negative semidefinite"``, ``"indefinite"`` that holds (the zero matrix is
    ``"positive semidefinite"``). ``np.linalg.eigvalsh`` is the tool for symmetric
    matrices.

    Contract: ``B`` is converted with ``np.asarray`` and never modified; not square, empty,
    or not symmetric (``np.allclose(B, B.T)`` fails): ``ValueError`` (the message says
    "square" or "symmetric"); ``tol < 0``: ``ValueError``. Returns a ``str``.

    >>> definiteness([[2, 1], [1, 2]])
    'positive definite'
    >>> definiteness([[1, 1], [1, 1]])
    'positive semidefinite'
    >>> definiteness([[1, 0], [0, -1]])
    'indefinite'
    """
    ### BEGIN SOLUTION
    B = np.asarray(B, dtype=np.float64)
    if B.ndim != 2 or B.shape[0] != B.shape[1] or B.size == 0:
        raise ValueError(f"B must be a non-empty square matrix, got shape {B.shape}")
    if not np.allclose(B, B.T):
        raise ValueError(
            "B must be symmetric: eigenvalues decide definiteness only for symmetric matrices")
    if tol < 0:
        raise ValueError(f"tol must be >= 0, got {tol}")
    values = np.linalg.eigvalsh(B)
    if np.all(values > tol):
        return "positive definite"
    if np.all(values < -tol):
        return "negative definite"
    if np.all(values >= -tol):
        return "positive semidefinite"
    if np.all(values <= tol):
        return "negative semidefinite"
    return "indefinite"
    ### END SOLUTION


def is_eigenpair(A, v, lam, tol=1e-8):
    """Is ``v`` an eigenvector of ``A`` with eigenvalue ``lam``, i.e. ``A v = λ v``?

    Level: ★★

    ``A`` maps its eigenvector ``v`` back onto a multiple of itself ("eigen" is German
    for "self"). The zero vector satisfies ``A 0 = λ 0`` for every ``λ``, so it is never an
    eigenvector. Computed eigenpairs carry round-off: compare with a tolerance, every
    entry of ``A v - λ v`` at most ``tol`` in absolute value.

    Contract: ``A`` is square ``(n, n)`` and ``v`` has shape ``(n,)`` (else
    ``ValueError``); both are converted with ``np.asarray`` and never modified. Returns a
    Python ``bool``: ``False`` for ``v = 0``.

    >>> is_eigenpair([[2, 1], [1, 2]], [1, 1], 3)
    True
    >>> is_eigenpair([[2, 1], [1, 2]], [1, 0], 2)
    False
    >>> is_eigenpair([[2, 1], [1, 2]], [0, 0], 3)
    False
    """
    ### BEGIN SOLUTION
    A = np.asarray(A)
    v = np.asarray(v)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be a square matrix, got shape {A.shape}")
    if v.shape != (A.shape[0],):
        raise ValueError(f"v must have shape ({A.shape[0]},) to match A, got {v.shape}")
    if not np.any(v != 0):
        return False
    return bool(np.all(np.abs(A @ v - lam * v) <= tol))
    ### END SOLUTION


def lp_norm(x, p):
    """The L_p norm ``‖x‖_p = (Σ |x_i|^p)^(1/p)``, and the maximum norm for ``p = ∞``.

    Level: ★★

    ``p = 1`` is the Manhattan norm (sum of absolute values), ``p = 2`` the Euclidean norm,
    ``p = np.inf`` the maximum norm ``max |x_i|``. For ``p < 1`` the formula is not a norm
    (the triangle inequality fails), so it is refused.

    Squaring (or raising to ``p``) entries like 1e200 overflows to ``inf`` even though the
    norm itself is finite: divide by ``m = max |x_i|`` first and use
    ``‖x‖_p = m · ‖x / m‖_p``. (``np.linalg.norm`` does not do this: it returns ``inf`` for
    ``[1e200, 1e200]``; here the answer is ``1.414...e200``.)

    Contract: forbidden: ``np.linalg.norm``, ``scipy.linalg.norm``. ``x`` (ints or floats;
    any shape is read as its flattened entries) is converted with ``np.asarray`` and never
    modified; ``p`` is a number ≥ 1 or ``np.inf``, else ``ValueError`` (the message names
    ``p``). Returns a Python ``float`` (0.0 for an empty or all-zero ``x``).

    >>> lp_norm([3, -4], 2), lp_norm([3, -4], 1), lp_norm([3, -4], np.inf)
    (5.0, 7.0, 4.0)
    >>> round(lp_norm([3e200, 4e200], 2) / 1e200, 12)  # 5e200, not inf
    5.0
    """
    ### BEGIN SOLUTION
    if not (p == np.inf or p >= 1):
        raise ValueError(f"p must be >= 1 or np.inf, got p={p}")
    magnitudes = np.abs(np.asarray(x, dtype=np.float64)).ravel()
    if magnitudes.size == 0:
        return 0.0
    biggest = magnitudes.max()
    if p == np.inf or biggest == 0 or not np.isfinite(biggest):
        return float(biggest)
    return float(biggest * ((magnitudes / biggest) ** p).sum() ** (1.0 / p))
    ### END SOLUTION


def distance(x, y, p=2):
    """The L_p distance ``‖x - y‖_p`` between two vectors (Euclidean for ``p = 2``).

    Level: ★

    Convert to float before subtracting: unsigned ints (uint8 pixels) would wrap around
    (``1 - 3`` is 254 in uint8).

    Contract: ``x`` and ``y`` are converted with ``np.asarray`` and never modified;
    different shapes (no broadcasting): ``ValueError`` (the message says "shape"); ``p``
    as in ``lp_norm``. Returns a Python ``float``.

    >>> distance([1, 2], [4, 6])
    5.0
    >>> distance([1, 2], [4, 6], p=1)
    7.0
    """
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same shape, got {x.shape} and {y.shape}")
    return lp_norm(x - y, p)
    ### END SOLUTION


def weight_decay(weights, lam):
    """The weight-decay (L2) regulariser ``lam · Σ ‖W‖²`` over a model's weight arrays.

    Level: ★

    Added to the loss, it penalises large weights. Each array contributes its squared
    L2 (Frobenius) norm, the sum of its squared entries; note the square: no square root.
    (Some texts use ``lam / 2``; here it is ``lam`` times the sum.)

    Contract: ``weights`` is a list of arrays of any shapes (e.g. ``clf.coefs_``), each
    converted with ``np.asarray`` and never modified; ``lam < 0``: ``ValueError`` (the
    message names ``lam``). Returns a Python ``float`` (0.0 for an empty list).

    >>> weight_decay([[[1, 2], [3, 4]], [0.5, -0.5]], 0.5)  # 0.5 * (30 + 0.5)
    15.25
    """
    ### BEGIN SOLUTION
    if lam < 0:
        raise ValueError(f"lam must be >= 0, got lam={lam}")
    total = 0.0
    for W in weights:
        W = np.asarray(W, dtype=np.float64)
        total += float((W * W).sum())
    return float(lam * total)
    ### END SOLUTION


def cosine_similarity(a, b):
    """The cosine of the angle between two vectors, ``a·b / (‖a‖ ‖b‖)``.

    Level: ★★

    The course's dot product read geometrically: ``a·b = ‖a‖ ‖b‖ cos θ``, so dividing by
    both lengths leaves ``cos θ``, 1 for vectors pointing the same way, 0 for
    perpendicular ones, -1 for opposite ones, whatever their lengths. Build it from your
    ``inner`` (``‖a‖² = a·a``, so the denominator is ``sqrt((a·a)(b·b))``). Two details
    matter in floating point: scale each vector by its largest magnitude first
    (``a / max|a|`` points the same way), so entries like 1e200 do not overflow when
    multiplied; and round-off can land just outside [-1, 1] (1.0000000000000002 for
    parallel vectors), so clip the result to [-1, 1].

    Contract: forbidden as for ``inner`` and ``lp_norm`` (``np.dot``, ``np.inner``,
    ``np.vdot``, ``np.matmul``, ``np.einsum``, ``@``, ``np.linalg.norm``,
    ``scipy.linalg.norm``). ``a`` and ``b`` are 1-D vectors of one length, converted with
    ``np.asarray`` and never modified; not 1-D or different lengths: ``ValueError`` (the
    message says "length" for a mismatch); a zero vector: ``ValueError`` naming the one
    that is zero (``a`` or ``b``), since it has no direction. Returns a Python ``float``
    in [-1, 1].

    >>> round(cosine_similarity([1, 0], [3, 3]), 12)   # 45°: 1/√2
    0.707106781187
    >>> cosine_similarity([1, 2], [-2, 1]), cosine_similarity([1, 2], [-2, -4])
    (0.0, -1.0)
    """
    ### BEGIN SOLUTION
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(f"a and b must be 1-D vectors, got shapes {a.shape} and {b.shape}")
    if a.size != b.size:
        raise ValueError(f"a and b must have the same length, got {a.size} and {b.size}")
    for name, v in (("a", a), ("b", b)):
        if not np.any(v):
            raise ValueError(f"{name} is a zero vector: it has no direction, so no angle")
    a = a / np.abs(a).max()
    b = b / np.abs(b).max()
    cosine = inner(a, b) / np.sqrt(inner(a, a) * inner(b, b))
    return float(min(1.0, max(-1.0, cosine)))
    ### END SOLUTION


def angle(a, b):
    """The angle between two vectors in radians, ``arccos(cosine_similarity(a, b))``.

    Level: ★

    0 for vectors pointing the same way, ``π/2`` for perpendicular ones (their inner
    product is 0), ``π`` for opposite ones. ``arccos`` is only defined on [-1, 1]: that
    is why ``cosine_similarity`` clips, and without the clip parallel vectors would give
    NaN instead of 0.

    Contract: as for ``cosine_similarity`` (same inputs, same ``ValueError``s). Returns
    a Python ``float`` in [0, π].

    >>> angle([1, 0], [0, 2]) == np.pi / 2
    True
    >>> angle([1, 1], [2, 2]), angle([1, 0], [-1, 0]) == np.pi
    (0.0, True)
    """
    ### BEGIN SOLUTION
    return float(np.arccos(cosine_similarity(a, b)))
    ### END SOLUTION
