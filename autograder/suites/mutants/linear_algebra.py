"""Plausible wrong answers for linear_algebra: each must lose points against the hidden suite."""
MUTANTS = {
    "order_counts_list_nesting": '''
def order(t):
    n = 0
    while isinstance(t, (list, tuple)):
        t = t[0]
        n += 1
    return n
''',
    "hadamard_broadcasts": '''
def hadamard(a, b):
    return np.asarray(np.asarray(a) * np.asarray(b))
''',
    "hadamard_checks_size_only": '''
def hadamard(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.size != b.size:
        raise ValueError(f"shapes differ: {a.shape} and {b.shape}")
    return np.asarray(a * b)
''',
    "hadamard_in_place": '''
def hadamard(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} and {b.shape}")
    np.multiply(a, b, out=a, casting="unsafe")
    return a
''',
    "inner_skips_last_element": '''
def inner(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if len(a) != len(b):
        raise ValueError("vectors differ in length")
    s = 0.0
    for i in range(len(a) - 1):
        s += float(a[i]) * float(b[i])
    return s
''',
    "inner_truncates_to_shorter": '''
def inner(a, b):
    s = 0.0
    for x, y in zip(np.asarray(a), np.asarray(b)):
        s += float(x) * float(y)
    return s
''',
    "inner_int_accumulator": '''
def inner(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if len(a) != len(b):
        raise ValueError("vectors differ in length")
    s = 0
    for i in range(len(a)):
        s += a[i] * b[i]
    return s
''',
    "outer_swapped_arguments": '''
def outer(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    result = np.zeros((len(b), len(a)), dtype=np.result_type(a, b))
    for i in range(len(b)):
        result[i, :] = b[i] * a
    return result
''',
    "outer_int_truncated": '''
def outer(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    result = np.zeros((len(a), len(b)), dtype=a.dtype)
    for i in range(len(a)):
        for j in range(len(b)):
            result[i, j] = a[i] * b[j]
    return result
''',
    "matmul_dtype_of_A": '''
def matmul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    I, K = A.shape
    if B.shape[0] != K:
        raise ValueError(f"inner sizes differ: {A.shape} and {B.shape}")
    J = B.shape[1]
    C = np.zeros((I, J), dtype=A.dtype)
    for i in range(I):
        for j in range(J):
            for k in range(K):
                C[i, j] += A[i, k] * B[k, j]
    return C
''',
    "matmul_float_result": '''
def matmul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    I, K = A.shape
    if B.shape[0] != K:
        raise ValueError(f"inner sizes differ: {A.shape} and {B.shape}")
    J = B.shape[1]
    C = np.zeros((I, J))
    for i in range(I):
        for j in range(J):
            for k in range(K):
                C[i, j] += A[i, k] * B[k, j]
    return C
''',
    "matmul_no_shape_check": '''
def matmul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    I, K = A.shape
    J = B.shape[1]
    C = np.zeros((I, J), dtype=np.result_type(A, B))
    for i in range(I):
        for j in range(J):
            for k in range(min(K, B.shape[0])):
                C[i, j] += A[i, k] * B[k, j]
    return C
''',
    "matmul_skips_last_k": '''
def matmul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    I, K = A.shape
    if B.shape[0] != K:
        raise ValueError(f"inner sizes differ: {A.shape} and {B.shape}")
    J = B.shape[1]
    C = np.zeros((I, J), dtype=np.result_type(A, B))
    for i in range(I):
        for j in range(J):
            for k in range(1, K):
                C[i, j] += A[i, k] * B[k, j]
    return C
''',
    "affine_broadcasts_bias": '''
def affine(A, x, b):
    return np.asarray(A) @ np.asarray(x) + np.asarray(b)
''',
    "affine_transposes_A": '''
def affine(A, x, b):
    A = np.asarray(A)
    x = np.asarray(x)
    b = np.asarray(b)
    if A.shape[0] != A.shape[1]:
        return A @ x + b
    if x.shape != (A.shape[1],) or b.shape != (A.shape[0],):
        raise ValueError("shapes do not match")
    return A.T @ x + b
''',
    "feedforward_relu_on_last_layer": '''
def feedforward(x, layers):
    h = np.array(x)
    for W, b in layers:
        h = np.maximum(affine(W, h, b), 0)
    return h
''',
    "feedforward_no_relu": '''
def feedforward(x, layers):
    h = np.array(x)
    for W, b in layers:
        h = affine(W, h, b)
    return h
''',
    "feedforward_relu_before_affine": '''
def feedforward(x, layers):
    h = np.array(x)
    for number, (W, b) in enumerate(layers):
        if number > 0:
            h = np.maximum(h, 0)
        h = affine(W, h, b)
        if number == 0:
            h = np.maximum(h, 0) if len(layers) == 1 else h
    return h
''',
    "definiteness_no_tolerance": '''
def definiteness(B, tol=1e-10):
    B = np.asarray(B, dtype=float)
    if B.ndim != 2 or B.shape[0] != B.shape[1]:
        raise ValueError("B must be square")
    if not np.allclose(B, B.T):
        raise ValueError("B must be symmetric")
    values = np.linalg.eigvalsh(B)
    if np.all(values > 0):
        return "positive definite"
    if np.all(values < 0):
        return "negative definite"
    if np.all(values >= 0):
        return "positive semidefinite"
    if np.all(values <= 0):
        return "negative semidefinite"
    return "indefinite"
''',
    "definiteness_semidefinite_first": '''
def definiteness(B, tol=1e-10):
    B = np.asarray(B, dtype=float)
    if B.ndim != 2 or B.shape[0] != B.shape[1]:
        raise ValueError("B must be square")
    if not np.allclose(B, B.T):
        raise ValueError("B must be symmetric")
    values = np.linalg.eigvalsh(B)
    if np.all(values >= -tol):
        return "positive semidefinite"
    if np.all(values <= tol):
        return "negative semidefinite"
    if np.all(values > tol):
        return "positive definite"
    if np.all(values < -tol):
        return "negative definite"
    return "indefinite"
''',
    "definiteness_diagonal_signs": '''
def definiteness(B, tol=1e-10):
    B = np.asarray(B, dtype=float)
    if B.ndim != 2 or B.shape[0] != B.shape[1]:
        raise ValueError("B must be square")
    if not np.allclose(B, B.T):
        raise ValueError("B must be symmetric")
    values = np.diag(B)
    if np.all(values > tol):
        return "positive definite"
    if np.all(values < -tol):
        return "negative definite"
    if np.all(values >= -tol):
        return "positive semidefinite"
    if np.all(values <= tol):
        return "negative semidefinite"
    return "indefinite"
''',
    "definiteness_accepts_non_symmetric": '''
def definiteness(B, tol=1e-10):
    B = np.asarray(B, dtype=float)
    if B.ndim != 2 or B.shape[0] != B.shape[1]:
        raise ValueError("B must be square")
    values = np.linalg.eigvals(B).real
    if np.all(values > tol):
        return "positive definite"
    if np.all(values < -tol):
        return "negative definite"
    if np.all(values >= -tol):
        return "positive semidefinite"
    if np.all(values <= tol):
        return "negative semidefinite"
    return "indefinite"
''',
    "is_eigenpair_accepts_zero_vector": '''
def is_eigenpair(A, v, lam, tol=1e-8):
    A = np.asarray(A)
    v = np.asarray(v)
    if v.shape != (A.shape[0],):
        raise ValueError("v does not match the size of A")
    return bool(np.all(np.abs(A @ v - lam * v) <= tol))
''',
    "is_eigenpair_uses_v_times_A": '''
def is_eigenpair(A, v, lam, tol=1e-8):
    A = np.asarray(A)
    v = np.asarray(v)
    if v.shape != (A.shape[0],):
        raise ValueError("v does not match the size of A")
    if not np.any(v != 0):
        return False
    return bool(np.all(np.abs(v @ A - lam * v) <= tol))
''',
    "is_eigenpair_exact_equality": '''
def is_eigenpair(A, v, lam, tol=1e-8):
    A = np.asarray(A)
    v = np.asarray(v)
    if v.shape != (A.shape[0],):
        raise ValueError("v does not match the size of A")
    if not np.any(v != 0):
        return False
    return bool(np.array_equal(A @ v, lam * v))
''',
    "is_eigenpair_ignores_tol": '''
def is_eigenpair(A, v, lam, tol=1e-8):
    A = np.asarray(A)
    v = np.asarray(v)
    if v.shape != (A.shape[0],):
        raise ValueError("v does not match the size of A")
    if not np.any(v != 0):
        return False
    return bool(np.allclose(A @ v, lam * v))
''',
    "lp_norm_no_abs": '''
def lp_norm(x, p):
    if not (p == np.inf or p >= 1):
        raise ValueError(f"p must be >= 1, got p={p}")
    x = np.asarray(x, dtype=float).ravel()
    if x.size == 0:
        return 0.0
    if p == np.inf:
        return float(np.abs(x).max())
    m = np.abs(x).max()
    if m == 0:
        return 0.0
    return float(m * ((x / m) ** p).sum() ** (1.0 / p))
''',
    "lp_norm_overflows": '''
def lp_norm(x, p):
    if not (p == np.inf or p >= 1):
        raise ValueError(f"p must be >= 1, got p={p}")
    x = np.abs(np.asarray(x, dtype=float))
    if p == np.inf:
        return float(x.max()) if x.size else 0.0
    with np.errstate(over="ignore", under="ignore"):
        return float((x ** p).sum() ** (1.0 / p))
''',
    "lp_norm_accepts_p_below_1": '''
def lp_norm(x, p):
    if p <= 0:
        raise ValueError(f"p must be positive, got p={p}")
    x = np.abs(np.asarray(x, dtype=float)).ravel()
    if x.size == 0 or x.max() == 0:
        return 0.0
    m = x.max()
    if p == np.inf:
        return float(m)
    return float(m * ((x / m) ** p).sum() ** (1.0 / p))
''',
    "lp_norm_missing_root": '''
def lp_norm(x, p):
    if not (p == np.inf or p >= 1):
        raise ValueError(f"p must be >= 1, got p={p}")
    x = np.abs(np.asarray(x, dtype=float)).ravel()
    if x.size == 0:
        return 0.0
    if p == np.inf:
        return float(x.max())
    with np.errstate(over="ignore"):
        return float((x ** p).sum())
''',
    "distance_ignores_p": '''
def distance(x, y, p=2):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.shape != y.shape:
        raise ValueError(f"shapes differ: {x.shape} and {y.shape}")
    return lp_norm(x - y, 2)
''',
    "distance_broadcasts": '''
def distance(x, y, p=2):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return lp_norm(x - y, p)
''',
    "distance_uint8_wraps": '''
def distance(x, y, p=2):
    x = np.asarray(x)
    y = np.asarray(y)
    if x.shape != y.shape:
        raise ValueError(f"shapes differ: {x.shape} and {y.shape}")
    return lp_norm(x - y, p)
''',
    "weight_decay_norm_not_squared": '''
def weight_decay(weights, lam):
    if lam < 0:
        raise ValueError(f"lam must be >= 0, got lam={lam}")
    return float(lam * sum(np.sqrt((np.asarray(W, dtype=float) ** 2).sum()) for W in weights))
''',
    "weight_decay_half_lambda": '''
def weight_decay(weights, lam):
    if lam < 0:
        raise ValueError(f"lam must be >= 0, got lam={lam}")
    return float(lam / 2 * sum((np.asarray(W, dtype=float) ** 2).sum() for W in weights))
''',
    "weight_decay_last_layer_only": '''
def weight_decay(weights, lam):
    if lam < 0:
        raise ValueError(f"lam must be >= 0, got lam={lam}")
    total = 0.0
    for W in weights:
        total = float((np.asarray(W, dtype=float) ** 2).sum())
    return lam * total
''',
    "cosine_similarity_unclipped": '''
def cosine_similarity(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.ndim != 1 or b.ndim != 1 or a.size != b.size:
        raise ValueError("a and b must be 1-D of the same length")
    if not np.any(a):
        raise ValueError("a is a zero vector")
    if not np.any(b):
        raise ValueError("b is a zero vector")
    return inner(a, b) / (lp_norm(a, 2) * lp_norm(b, 2))
''',
    "cosine_similarity_overflows": '''
def cosine_similarity(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.ndim != 1 or b.ndim != 1 or a.size != b.size:
        raise ValueError("a and b must be 1-D of the same length")
    if not np.any(a):
        raise ValueError("a is a zero vector")
    if not np.any(b):
        raise ValueError("b is a zero vector")
    with np.errstate(all="ignore"):
        cosine = inner(a, b) / np.sqrt(inner(a, a) * inner(b, b))
    return float(min(1.0, max(-1.0, cosine)))
''',
    "cosine_similarity_blames_both": '''
def cosine_similarity(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.ndim != 1 or b.ndim != 1 or a.size != b.size:
        raise ValueError("a and b must be 1-D of the same length")
    if not np.any(a) or not np.any(b):
        raise ValueError("a and b must not be zero vectors")
    a = a / np.abs(a).max()
    b = b / np.abs(b).max()
    cosine = inner(a, b) / np.sqrt(inner(a, a) * inner(b, b))
    return float(min(1.0, max(-1.0, cosine)))
''',
    "angle_unclipped": '''
def angle(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.ndim != 1 or b.ndim != 1 or a.size != b.size:
        raise ValueError("a and b must be 1-D of the same length")
    if not np.any(a) or not np.any(b):
        raise ValueError("zero vector")
    with np.errstate(invalid="ignore"):
        return float(np.arccos(inner(a, b) / (lp_norm(a, 2) * lp_norm(b, 2))))
''',
    "angle_in_degrees": '''
def angle(a, b):
    return float(np.degrees(np.arccos(cosine_similarity(a, b))))
''',
    "angle_numpy_scalar": '''
def angle(a, b):
    return np.arccos(cosine_similarity(a, b))
''',
    "inner_numpy_accumulator": '''
def inner(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError("inner needs two 1-D vectors")
    if len(a) != len(b):
        raise ValueError("vectors must have the same length")
    s = np.float64(0.0)
    for i in range(len(a)):
        s += np.float64(a[i]) * np.float64(b[i])
    return s
''',
    "is_eigenpair_numpy_bool": '''
def is_eigenpair(A, v, lam, tol=1e-8):
    A = np.asarray(A, dtype=float)
    v = np.asarray(v, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1] or v.shape != (A.shape[0],):
        raise ValueError("A must be square and v of matching length")
    if not np.any(v):
        return False
    return np.all(np.abs(A @ v - lam * v) <= tol)
''',
}
