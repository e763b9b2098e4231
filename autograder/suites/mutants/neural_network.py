"""Plausible wrong answers for neural_network: each must lose points against the hidden suite."""
MUTANTS = {
    "softmax_without_max_subtraction": '''
def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim not in (1, 2) or z.shape[-1] == 0:
        raise ValueError(f"z must be a 1-D row or a 2-D batch of logits with at least one column, "
                         f"got shape {z.shape}")
    shifted = np.exp(z)
    return shifted / shifted.sum(axis=-1, keepdims=True)
''',
    "softmax_over_the_wrong_axis": '''
def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim not in (1, 2) or z.shape[-1] == 0:
        raise ValueError(f"z must be a 1-D row or a 2-D batch of logits with at least one column, "
                         f"got shape {z.shape}")
    shifted = np.exp(z - z.max(axis=0, keepdims=True))
    return shifted / shifted.sum(axis=0, keepdims=True)
''',
    "softmax_global_normalisation": '''
def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim not in (1, 2) or z.shape[-1] == 0:
        raise ValueError(f"z must be a 1-D row or a 2-D batch of logits with at least one column, "
                         f"got shape {z.shape}")
    shifted = np.exp(z - z.max(axis=-1, keepdims=True))
    return shifted / shifted.sum()
''',
    "softmax_in_place": '''
def softmax(z):
    z = np.asarray(z)
    if z.dtype != np.float64:
        z = z.astype(np.float64)
    if z.ndim not in (1, 2) or z.shape[-1] == 0:
        raise ValueError(f"z must be a 1-D row or a 2-D batch of logits with at least one column, "
                         f"got shape {z.shape}")
    z -= z.max(axis=-1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=-1, keepdims=True)
    return z
''',
    "softmax_accepts_any_shape": '''
def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim == 0:
        z = z.reshape(1)
    if False:
        raise ValueError(f"z must be a 1-D row or a 2-D batch of logits with at least one column, "
                         f"got shape {z.shape}")
    shifted = np.exp(z - z.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)
''',
    "cross_entropy_without_clip": '''
def cross_entropy(probs, labels, eps=1e-12):
    probs = np.asarray(probs, dtype=np.float64)
    if probs.ndim == 1:
        probs = probs[None, :]
    if probs.ndim != 2 or probs.size == 0:
        raise ValueError(f"probs must be a 2-D (n, k) array of probabilities, got shape {probs.shape}")
    n, k = probs.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of probs ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    picked = probs[np.arange(probs.shape[0]), labels]
    return float(-np.mean(np.log(picked)))
''',
    "cross_entropy_sum_not_mean": '''
def cross_entropy(probs, labels, eps=1e-12):
    probs = np.asarray(probs, dtype=np.float64)
    if probs.ndim == 1:
        probs = probs[None, :]
    if probs.ndim != 2 or probs.size == 0:
        raise ValueError(f"probs must be a 2-D (n, k) array of probabilities, got shape {probs.shape}")
    n, k = probs.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of probs ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    picked = probs[np.arange(probs.shape[0]), labels]
    return float(-np.sum(np.log(np.clip(picked, eps, 1.0))))
''',
    "cross_entropy_clips_at_zero_only": '''
def cross_entropy(probs, labels, eps=1e-12):
    probs = np.asarray(probs, dtype=np.float64)
    if probs.ndim == 1:
        probs = probs[None, :]
    if probs.ndim != 2 or probs.size == 0:
        raise ValueError(f"probs must be a 2-D (n, k) array of probabilities, got shape {probs.shape}")
    n, k = probs.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of probs ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    picked = probs[np.arange(probs.shape[0]), labels]
    return float(-np.mean(np.log(np.maximum(picked, eps))))
''',
    "cross_entropy_negative_labels_index_from_the_end": '''
def cross_entropy(probs, labels, eps=1e-12):
    probs = np.asarray(probs, dtype=np.float64)
    if probs.ndim == 1:
        probs = probs[None, :]
    if probs.ndim != 2 or probs.size == 0:
        raise ValueError(f"probs must be a 2-D (n, k) array of probabilities, got shape {probs.shape}")
    n, k = probs.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of probs ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    picked = probs[np.arange(probs.shape[0]), labels]
    return float(-np.mean(np.log(np.clip(picked, eps, 1.0))))
''',
    "cross_entropy_returns_numpy_float": '''
def cross_entropy(probs, labels, eps=1e-12):
    probs = np.asarray(probs, dtype=np.float64)
    if probs.ndim == 1:
        probs = probs[None, :]
    if probs.ndim != 2 or probs.size == 0:
        raise ValueError(f"probs must be a 2-D (n, k) array of probabilities, got shape {probs.shape}")
    n, k = probs.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of probs ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    picked = probs[np.arange(probs.shape[0]), labels]
    return (-np.mean(np.log(np.clip(picked, eps, 1.0))))
''',
    "cross_entropy_mean_of_all_log_probs": '''
def cross_entropy(probs, labels, eps=1e-12):
    probs = np.asarray(probs, dtype=np.float64)
    if probs.ndim == 1:
        probs = probs[None, :]
    if probs.ndim != 2 or probs.size == 0:
        raise ValueError(f"probs must be a 2-D (n, k) array of probabilities, got shape {probs.shape}")
    n, k = probs.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of probs ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    picked = probs[np.arange(probs.shape[0]), labels]
    return float(-np.mean(np.log(np.clip(probs, eps, 1.0))))
''',
    "grad_not_divided_by_n": '''
def softmax_cross_entropy_grad(z, labels):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim not in (1, 2) or z.size == 0:
        raise ValueError(f"z must be a 1-D row or a 2-D batch of logits, got shape {z.shape}")
    rows = np.atleast_2d(z)
    n, k = rows.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of z ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    grad = softmax(rows)
    grad[np.arange(n), labels] -= 1.0
    return grad.reshape(z.shape)
''',
    "grad_target_minus_prediction": '''
def softmax_cross_entropy_grad(z, labels):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim not in (1, 2) or z.size == 0:
        raise ValueError(f"z must be a 1-D row or a 2-D batch of logits, got shape {z.shape}")
    rows = np.atleast_2d(z)
    n, k = rows.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of z ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    grad = softmax(rows)
    grad[np.arange(n), labels] -= 1.0
    return (-grad / n).reshape(z.shape)
''',
    "grad_divided_by_k": '''
def softmax_cross_entropy_grad(z, labels):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim not in (1, 2) or z.size == 0:
        raise ValueError(f"z must be a 1-D row or a 2-D batch of logits, got shape {z.shape}")
    rows = np.atleast_2d(z)
    n, k = rows.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of z ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    grad = softmax(rows)
    grad[np.arange(n), labels] -= 1.0
    return (grad / k).reshape(z.shape)
''',
    "grad_unstable_softmax": '''
def softmax_cross_entropy_grad(z, labels):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim not in (1, 2) or z.size == 0:
        raise ValueError(f"z must be a 1-D row or a 2-D batch of logits, got shape {z.shape}")
    rows = np.atleast_2d(z)
    n, k = rows.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of z ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    grad = np.exp(rows) / np.exp(rows).sum(axis=1, keepdims=True)
    grad[np.arange(n), labels] -= 1.0
    return (grad / n).reshape(z.shape)
''',
    "grad_always_a_batch": '''
def softmax_cross_entropy_grad(z, labels):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim not in (1, 2) or z.size == 0:
        raise ValueError(f"z must be a 1-D row or a 2-D batch of logits, got shape {z.shape}")
    rows = np.atleast_2d(z)
    n, k = rows.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of z ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    grad = softmax(rows)
    grad[np.arange(n), labels] -= 1.0
    return grad / n
''',
    "init_network_draws_w2_first": '''
def init_network(n_in, n_hidden, n_out, seed=None):
    for name, size in (("n_in", n_in), ("n_hidden", n_hidden), ("n_out", n_out)):
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)) or size < 1:
            raise ValueError(f"size {name} must be an integer >= 1, got {size!r}")
    draws = np.random.default_rng(seed)
    w2 = draws.normal(0.0, np.sqrt(2.0 / n_hidden), (n_out, n_hidden))
    w1 = draws.normal(0.0, np.sqrt(2.0 / n_in), (n_hidden, n_in))
    return [(w1, np.zeros(n_hidden)), (w2, np.zeros(n_out))]
''',
    "init_network_variance_not_std": '''
def init_network(n_in, n_hidden, n_out, seed=None):
    for name, size in (("n_in", n_in), ("n_hidden", n_hidden), ("n_out", n_out)):
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)) or size < 1:
            raise ValueError(f"size {name} must be an integer >= 1, got {size!r}")
    draws = np.random.default_rng(seed)
    w1 = draws.normal(0.0, 2.0 / n_in, (n_hidden, n_in))
    w2 = draws.normal(0.0, 2.0 / n_hidden, (n_out, n_hidden))
    return [(w1, np.zeros(n_hidden)), (w2, np.zeros(n_out))]
''',
    "init_network_fan_out": '''
def init_network(n_in, n_hidden, n_out, seed=None):
    for name, size in (("n_in", n_in), ("n_hidden", n_hidden), ("n_out", n_out)):
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)) or size < 1:
            raise ValueError(f"size {name} must be an integer >= 1, got {size!r}")
    draws = np.random.default_rng(seed)
    w1 = draws.normal(0.0, np.sqrt(2.0 / n_hidden), (n_hidden, n_in))
    w2 = draws.normal(0.0, np.sqrt(2.0 / n_out), (n_out, n_hidden))
    return [(w1, np.zeros(n_hidden)), (w2, np.zeros(n_out))]
''',
    "init_network_random_biases": '''
def init_network(n_in, n_hidden, n_out, seed=None):
    for name, size in (("n_in", n_in), ("n_hidden", n_hidden), ("n_out", n_out)):
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)) or size < 1:
            raise ValueError(f"size {name} must be an integer >= 1, got {size!r}")
    draws = np.random.default_rng(seed)
    w1 = draws.normal(0.0, np.sqrt(2.0 / n_in), (n_hidden, n_in))
    w2 = draws.normal(0.0, np.sqrt(2.0 / n_hidden), (n_out, n_hidden))
    return [(w1, draws.normal(0.0, 0.01, n_hidden)), (w2, draws.normal(0.0, 0.01, n_out))]
''',
    "init_network_transposed_weights": '''
def init_network(n_in, n_hidden, n_out, seed=None):
    for name, size in (("n_in", n_in), ("n_hidden", n_hidden), ("n_out", n_out)):
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)) or size < 1:
            raise ValueError(f"size {name} must be an integer >= 1, got {size!r}")
    draws = np.random.default_rng(seed)
    w1 = draws.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_hidden)).T
    w2 = draws.normal(0.0, np.sqrt(2.0 / n_hidden), (n_hidden, n_out)).T
    return [(w1, np.zeros(n_hidden)), (w2, np.zeros(n_out))]
''',
    "init_network_accepts_zero": '''
def init_network(n_in, n_hidden, n_out, seed=None):
    for name, size in (("n_in", n_in), ("n_hidden", n_hidden), ("n_out", n_out)):
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)) or size < 0:
            raise ValueError(f"size {name} must be an integer >= 1, got {size!r}")
    draws = np.random.default_rng(seed)
    w1 = draws.normal(0.0, np.sqrt(2.0 / n_in), (n_hidden, n_in))
    w2 = draws.normal(0.0, np.sqrt(2.0 / n_hidden), (n_out, n_hidden))
    return [(w1, np.zeros(n_hidden)), (w2, np.zeros(n_out))]
''',
    "forward_relu_on_the_output_too": '''
def forward(x, layers):
    try:
        (w1, b1), (w2, b2) = layers
    except (TypeError, ValueError):
        raise ValueError("layers must be a list of two (W, b) pairs, [(W1, b1), (W2, b2)]") from None
    w1, b1, w2, b2 = (np.asarray(a, dtype=np.float64) for a in (w1, b1, w2, b2))
    if (w1.ndim != 2 or w2.ndim != 2 or b1.shape != (w1.shape[0],) or b2.shape != (w2.shape[0],)
            or w2.shape[1] != w1.shape[0]):
        raise ValueError(f"the shapes of layers do not fit: W1 {w1.shape}, b1 {b1.shape}, "
                         f"W2 {w2.shape}, b2 {b2.shape} (need (h, d), (h,), (k, h), (k,))")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != w1.shape[1]:
        raise ValueError(f"x must be a batch of rows of shape (n, {w1.shape[1]}) to fit W1 "
                         f"{w1.shape}, got shape {x.shape}")
    hidden = np.maximum(x @ w1.T + b1, 0.0)
    return np.maximum(hidden @ w2.T + b2, 0.0)
''',
    "forward_without_relu": '''
def forward(x, layers):
    try:
        (w1, b1), (w2, b2) = layers
    except (TypeError, ValueError):
        raise ValueError("layers must be a list of two (W, b) pairs, [(W1, b1), (W2, b2)]") from None
    w1, b1, w2, b2 = (np.asarray(a, dtype=np.float64) for a in (w1, b1, w2, b2))
    if (w1.ndim != 2 or w2.ndim != 2 or b1.shape != (w1.shape[0],) or b2.shape != (w2.shape[0],)
            or w2.shape[1] != w1.shape[0]):
        raise ValueError(f"the shapes of layers do not fit: W1 {w1.shape}, b1 {b1.shape}, "
                         f"W2 {w2.shape}, b2 {b2.shape} (need (h, d), (h,), (k, h), (k,))")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != w1.shape[1]:
        raise ValueError(f"x must be a batch of rows of shape (n, {w1.shape[1]}) to fit W1 "
                         f"{w1.shape}, got shape {x.shape}")
    hidden = x @ w1.T + b1
    return hidden @ w2.T + b2
''',
    "forward_w_not_transposed": '''
def forward(x, layers):
    try:
        (w1, b1), (w2, b2) = layers
    except (TypeError, ValueError):
        raise ValueError("layers must be a list of two (W, b) pairs, [(W1, b1), (W2, b2)]") from None
    w1, b1, w2, b2 = (np.asarray(a, dtype=np.float64) for a in (w1, b1, w2, b2))
    if (w1.ndim != 2 or w2.ndim != 2 or b1.shape != (w1.shape[0],) or b2.shape != (w2.shape[0],)
            or w2.shape[1] != w1.shape[0]):
        raise ValueError(f"the shapes of layers do not fit: W1 {w1.shape}, b1 {b1.shape}, "
                         f"W2 {w2.shape}, b2 {b2.shape} (need (h, d), (h,), (k, h), (k,))")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != w1.shape[1]:
        raise ValueError(f"x must be a batch of rows of shape (n, {w1.shape[1]}) to fit W1 "
                         f"{w1.shape}, got shape {x.shape}")
    hidden = np.maximum(x @ w1.reshape(w1.shape[1], w1.shape[0]) + b1, 0.0)
    return hidden @ w2.reshape(w2.shape[1], w2.shape[0]) + b2
''',
    "forward_bias_before_relu_forgotten": '''
def forward(x, layers):
    try:
        (w1, b1), (w2, b2) = layers
    except (TypeError, ValueError):
        raise ValueError("layers must be a list of two (W, b) pairs, [(W1, b1), (W2, b2)]") from None
    w1, b1, w2, b2 = (np.asarray(a, dtype=np.float64) for a in (w1, b1, w2, b2))
    if (w1.ndim != 2 or w2.ndim != 2 or b1.shape != (w1.shape[0],) or b2.shape != (w2.shape[0],)
            or w2.shape[1] != w1.shape[0]):
        raise ValueError(f"the shapes of layers do not fit: W1 {w1.shape}, b1 {b1.shape}, "
                         f"W2 {w2.shape}, b2 {b2.shape} (need (h, d), (h,), (k, h), (k,))")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != w1.shape[1]:
        raise ValueError(f"x must be a batch of rows of shape (n, {w1.shape[1]}) to fit W1 "
                         f"{w1.shape}, got shape {x.shape}")
    hidden = np.maximum(x @ w1.T, 0.0) + b1
    return hidden @ w2.T + b2
''',
    "forward_unchecked_shapes": '''
def forward(x, layers):
    try:
        (w1, b1), (w2, b2) = layers
    except (TypeError, ValueError):
        raise ValueError("layers must be a list of two (W, b) pairs, [(W1, b1), (W2, b2)]") from None
    w1, b1, w2, b2 = (np.asarray(a, dtype=np.float64) for a in (w1, b1, w2, b2))
    if False and (w1.ndim != 2 or w2.ndim != 2 or b1.shape != (w1.shape[0],) or b2.shape != (w2.shape[0],)
            or w2.shape[1] != w1.shape[0]):
        raise ValueError(f"the shapes of layers do not fit: W1 {w1.shape}, b1 {b1.shape}, "
                         f"W2 {w2.shape}, b2 {b2.shape} (need (h, d), (h,), (k, h), (k,))")
    x = np.asarray(x, dtype=np.float64)
    x = np.atleast_2d(x)
    if False:
        raise ValueError(f"x must be a batch of rows of shape (n, {w1.shape[1]}) to fit W1 "
                         f"{w1.shape}, got shape {x.shape}")
    hidden = np.maximum(x @ w1.T + b1, 0.0)
    return hidden @ w2.T + b2
''',
    "loss_sums_over_rows": '''
def loss(x, labels, layers):
    return cross_entropy(softmax(forward(x, layers)), labels) * len(np.asarray(x))
''',
    "loss_of_the_logits": '''
def loss(x, labels, layers):
    return cross_entropy(np.clip(forward(x, layers), 0.0, None), labels)
''',
    "loss_unstable_softmax": '''
def loss(x, labels, layers):
    z = forward(x, layers)
    return cross_entropy(np.exp(z) / np.exp(z).sum(axis=1, keepdims=True), labels)
''',
    "backward_gradient_not_divided_by_n": '''
def backward(x, labels, layers):
    forward(x, layers)  # checks the shapes of x and layers
    (w1, b1), (w2, b2) = [(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
                          for w, b in layers]
    x = np.asarray(x, dtype=np.float64)
    z1 = x @ w1.T + b1
    hidden = np.maximum(z1, 0.0)
    z2 = hidden @ w2.T + b2
    dz2 = softmax_cross_entropy_grad(z2, labels) * len(x)
    dw2, db2 = dz2.T @ hidden, dz2.sum(axis=0)
    dz1 = (dz2 @ w2) * (z1 > 0)
    dw1, db1 = dz1.T @ x, dz1.sum(axis=0)
    return [(dw1, db1), (dw2, db2)]
''',
    "backward_relu_grad_one_at_zero": '''
def backward(x, labels, layers):
    forward(x, layers)  # checks the shapes of x and layers
    (w1, b1), (w2, b2) = [(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
                          for w, b in layers]
    x = np.asarray(x, dtype=np.float64)
    z1 = x @ w1.T + b1
    hidden = np.maximum(z1, 0.0)
    z2 = hidden @ w2.T + b2
    dz2 = softmax_cross_entropy_grad(z2, labels)
    dw2, db2 = dz2.T @ hidden, dz2.sum(axis=0)
    dz1 = (dz2 @ w2) * (z1 >= 0)
    dw1, db1 = dz1.T @ x, dz1.sum(axis=0)
    return [(dw1, db1), (dw2, db2)]
''',
    "backward_relu_grad_where_negative": '''
def backward(x, labels, layers):
    forward(x, layers)  # checks the shapes of x and layers
    (w1, b1), (w2, b2) = [(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
                          for w, b in layers]
    x = np.asarray(x, dtype=np.float64)
    z1 = x @ w1.T + b1
    hidden = np.maximum(z1, 0.0)
    z2 = hidden @ w2.T + b2
    dz2 = softmax_cross_entropy_grad(z2, labels)
    dw2, db2 = dz2.T @ hidden, dz2.sum(axis=0)
    dz1 = (dz2 @ w2) * (z1 < 0)
    dw1, db1 = dz1.T @ x, dz1.sum(axis=0)
    return [(dw1, db1), (dw2, db2)]
''',
    "backward_relu_grad_of_the_output": '''
def backward(x, labels, layers):
    forward(x, layers)  # checks the shapes of x and layers
    (w1, b1), (w2, b2) = [(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
                          for w, b in layers]
    x = np.asarray(x, dtype=np.float64)
    z1 = x @ w1.T + b1
    hidden = np.maximum(z1, 0.0)
    z2 = hidden @ w2.T + b2
    dz2 = softmax_cross_entropy_grad(z2, labels)
    dw2, db2 = dz2.T @ hidden, dz2.sum(axis=0)
    dz1 = (dz2 @ w2) * (hidden > 0) * hidden
    dw1, db1 = dz1.T @ x, dz1.sum(axis=0)
    return [(dw1, db1), (dw2, db2)]
''',
    "backward_w2_not_transposed": '''
def backward(x, labels, layers):
    forward(x, layers)  # checks the shapes of x and layers
    (w1, b1), (w2, b2) = [(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
                          for w, b in layers]
    x = np.asarray(x, dtype=np.float64)
    z1 = x @ w1.T + b1
    hidden = np.maximum(z1, 0.0)
    z2 = hidden @ w2.T + b2
    dz2 = softmax_cross_entropy_grad(z2, labels)
    dw2, db2 = dz2.T @ hidden, dz2.sum(axis=0)
    dz1 = (dz2 @ w2[::-1]) * (z1 > 0)
    dw1, db1 = dz1.T @ x, dz1.sum(axis=0)
    return [(dw1, db1), (dw2, db2)]
''',
    "backward_forgets_the_relu": '''
def backward(x, labels, layers):
    forward(x, layers)  # checks the shapes of x and layers
    (w1, b1), (w2, b2) = [(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
                          for w, b in layers]
    x = np.asarray(x, dtype=np.float64)
    z1 = x @ w1.T + b1
    hidden = np.maximum(z1, 0.0)
    z2 = hidden @ w2.T + b2
    dz2 = softmax_cross_entropy_grad(z2, labels)
    dw2, db2 = dz2.T @ hidden, dz2.sum(axis=0)
    dz1 = dz2 @ w2
    dw1, db1 = dz1.T @ x, dz1.sum(axis=0)
    return [(dw1, db1), (dw2, db2)]
''',
    "backward_bias_gradient_is_mean": '''
def backward(x, labels, layers):
    forward(x, layers)  # checks the shapes of x and layers
    (w1, b1), (w2, b2) = [(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
                          for w, b in layers]
    x = np.asarray(x, dtype=np.float64)
    z1 = x @ w1.T + b1
    hidden = np.maximum(z1, 0.0)
    z2 = hidden @ w2.T + b2
    dz2 = softmax_cross_entropy_grad(z2, labels)
    dw2, db2 = dz2.T @ hidden, dz2.sum(axis=0)
    dz1 = (dz2 @ w2) * (z1 > 0)
    dw1, db1 = dz1.T @ x, dz1.mean(axis=0)
    return [(dw1, db1), (dw2, db2)]
''',
    "backward_returns_lists": '''
def backward(x, labels, layers):
    forward(x, layers)  # checks the shapes of x and layers
    (w1, b1), (w2, b2) = [(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
                          for w, b in layers]
    x = np.asarray(x, dtype=np.float64)
    z1 = x @ w1.T + b1
    hidden = np.maximum(z1, 0.0)
    z2 = hidden @ w2.T + b2
    dz2 = softmax_cross_entropy_grad(z2, labels)
    dw2, db2 = dz2.T @ hidden, dz2.sum(axis=0)
    dz1 = (dz2 @ w2) * (z1 > 0)
    dw1, db1 = dz1.T @ x, dz1.sum(axis=0)
    return [[dw1, db1], [dw2, db2]]
''',
    "train_network_climbs_the_gradient": '''
def train_network(x, labels, n_hidden=64, lr=0.5, epochs=100, seed=0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"x must be a non-empty 2-D (n, d) batch, got shape {x.shape}")
    labels = np.asarray(labels)
    if labels.shape != (x.shape[0],):
        raise ValueError(f"labels must hold one label per row of x ({x.shape[0]}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu" or labels.min() < 0:
        raise ValueError(f"labels must be integers >= 0, got {labels.dtype} values from {labels.min()}")
    k = int(labels.max()) + 1
    layers = init_network(x.shape[1], n_hidden, k, seed)
    for _ in range(epochs):
        grads = backward(x, labels, layers)
        layers = [(w + lr * dw, b + lr * db) for (w, b), (dw, db) in zip(layers, grads)]
    return layers
''',
    "train_network_weights_only": '''
def train_network(x, labels, n_hidden=64, lr=0.5, epochs=100, seed=0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"x must be a non-empty 2-D (n, d) batch, got shape {x.shape}")
    labels = np.asarray(labels)
    if labels.shape != (x.shape[0],):
        raise ValueError(f"labels must hold one label per row of x ({x.shape[0]}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu" or labels.min() < 0:
        raise ValueError(f"labels must be integers >= 0, got {labels.dtype} values from {labels.min()}")
    k = int(labels.max()) + 1
    layers = init_network(x.shape[1], n_hidden, k, seed)
    for _ in range(epochs):
        grads = backward(x, labels, layers)
        layers = [(w - lr * dw, b) for (w, b), (dw, db) in zip(layers, grads)]
    return layers
''',
    "train_network_one_class_short": '''
def train_network(x, labels, n_hidden=64, lr=0.5, epochs=100, seed=0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"x must be a non-empty 2-D (n, d) batch, got shape {x.shape}")
    labels = np.asarray(labels)
    if labels.shape != (x.shape[0],):
        raise ValueError(f"labels must hold one label per row of x ({x.shape[0]}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu" or labels.min() < 0:
        raise ValueError(f"labels must be integers >= 0, got {labels.dtype} values from {labels.min()}")
    k = max(int(labels.max()), 2)
    layers = init_network(x.shape[1], n_hidden, k, seed)
    for _ in range(epochs):
        grads = backward(x, labels, layers)
        layers = [(w - lr * dw, b - lr * db) for (w, b), (dw, db) in zip(layers, grads)]
    return layers
''',
    "train_network_ignores_seed": '''
def train_network(x, labels, n_hidden=64, lr=0.5, epochs=100, seed=0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"x must be a non-empty 2-D (n, d) batch, got shape {x.shape}")
    labels = np.asarray(labels)
    if labels.shape != (x.shape[0],):
        raise ValueError(f"labels must hold one label per row of x ({x.shape[0]}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu" or labels.min() < 0:
        raise ValueError(f"labels must be integers >= 0, got {labels.dtype} values from {labels.min()}")
    k = int(labels.max()) + 1
    layers = init_network(x.shape[1], n_hidden, k, 0)
    for _ in range(epochs):
        grads = backward(x, labels, layers)
        layers = [(w - lr * dw, b - lr * db) for (w, b), (dw, db) in zip(layers, grads)]
    return layers
''',
    "train_network_one_extra_step": '''
def train_network(x, labels, n_hidden=64, lr=0.5, epochs=100, seed=0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"x must be a non-empty 2-D (n, d) batch, got shape {x.shape}")
    labels = np.asarray(labels)
    if labels.shape != (x.shape[0],):
        raise ValueError(f"labels must hold one label per row of x ({x.shape[0]}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu" or labels.min() < 0:
        raise ValueError(f"labels must be integers >= 0, got {labels.dtype} values from {labels.min()}")
    k = int(labels.max()) + 1
    layers = init_network(x.shape[1], n_hidden, k, seed)
    for _ in range(epochs + 1):
        grads = backward(x, labels, layers)
        layers = [(w - lr * dw, b - lr * db) for (w, b), (dw, db) in zip(layers, grads)]
    return layers
''',
    "train_network_accepts_zero_lr": '''
def train_network(x, labels, n_hidden=64, lr=0.5, epochs=100, seed=0):
    if lr < 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"x must be a non-empty 2-D (n, d) batch, got shape {x.shape}")
    labels = np.asarray(labels)
    if labels.shape != (x.shape[0],):
        raise ValueError(f"labels must hold one label per row of x ({x.shape[0]}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu" or labels.min() < 0:
        raise ValueError(f"labels must be integers >= 0, got {labels.dtype} values from {labels.min()}")
    k = int(labels.max()) + 1
    layers = init_network(x.shape[1], n_hidden, k, seed)
    for _ in range(epochs):
        grads = backward(x, labels, layers)
        layers = [(w - lr * dw, b - lr * db) for (w, b), (dw, db) in zip(layers, grads)]
    return layers
''',
    "train_network_too_few_epochs": '''
def train_network(x, labels, n_hidden=64, lr=0.5, epochs=100, seed=0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"x must be a non-empty 2-D (n, d) batch, got shape {x.shape}")
    labels = np.asarray(labels)
    if labels.shape != (x.shape[0],):
        raise ValueError(f"labels must hold one label per row of x ({x.shape[0]}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu" or labels.min() < 0:
        raise ValueError(f"labels must be integers >= 0, got {labels.dtype} values from {labels.min()}")
    k = int(labels.max()) + 1
    layers = init_network(x.shape[1], n_hidden, k, seed)
    for _ in range(epochs // 20):
        grads = backward(x, labels, layers)
        layers = [(w - lr * dw, b - lr * db) for (w, b), (dw, db) in zip(layers, grads)]
    return layers
''',
    "predict_argmax_over_rows": '''
def predict(x, layers):
    return np.argmax(forward(x, layers), axis=0)
''',
    "predict_argmin": '''
def predict(x, layers):
    return np.argmin(forward(x, layers), axis=1)
''',
    "predict_float_labels": '''
def predict(x, layers):
    return np.argmax(forward(x, layers), axis=1).astype(np.float64)
''',
    "predict_hidden_layer": '''
def predict(x, layers):
    (w1, b1), _ = layers
    return np.argmax(np.asarray(x, dtype=float) @ np.asarray(w1).T + b1, axis=1)
''',
    "perceptron_fires_at_zero": '''
def perceptron_train(X, y, epochs=100, lr=1.0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D (n, d) array, got shape {X.shape}")
    if y.ndim != 1 or y.size != X.shape[0]:
        raise ValueError(f"y must hold one label per row of X ({X.shape[0]}), got shape {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold labels 0 and 1 only, got {np.unique(y).tolist()}")
    y = y.astype(np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for row, target in zip(X, y):
            pred = 1.0 if float(np.dot(w, row)) + b >= 0 else 0.0
            if pred != target:
                w = w + lr * (target - pred) * row
                b = b + lr * (target - pred)
                mistakes += 1
        if mistakes == 0:
            return w, float(b), True
    return w, float(b), False
''',
    "perceptron_never_updates_b": '''
def perceptron_train(X, y, epochs=100, lr=1.0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D (n, d) array, got shape {X.shape}")
    if y.ndim != 1 or y.size != X.shape[0]:
        raise ValueError(f"y must hold one label per row of X ({X.shape[0]}), got shape {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold labels 0 and 1 only, got {np.unique(y).tolist()}")
    y = y.astype(np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for row, target in zip(X, y):
            pred = 1.0 if float(np.dot(w, row)) + b > 0 else 0.0
            if pred != target:
                w = w + lr * (target - pred) * row
                b = b
                mistakes += 1
        if mistakes == 0:
            return w, float(b), True
    return w, float(b), False
''',
    "perceptron_converged_numpy_bool": '''
def perceptron_train(X, y, epochs=100, lr=1.0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D (n, d) array, got shape {X.shape}")
    if y.ndim != 1 or y.size != X.shape[0]:
        raise ValueError(f"y must hold one label per row of X ({X.shape[0]}), got shape {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold labels 0 and 1 only, got {np.unique(y).tolist()}")
    y = y.astype(np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for row, target in zip(X, y):
            pred = 1.0 if float(np.dot(w, row)) + b > 0 else 0.0
            if pred != target:
                w = w + lr * (target - pred) * row
                b = b + lr * (target - pred)
                mistakes += 1
        if mistakes == 0:
            return w, float(b), np.bool_(True)
    return w, float(b), np.bool_(False)
''',
    "perceptron_b_numpy_float": '''
def perceptron_train(X, y, epochs=100, lr=1.0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D (n, d) array, got shape {X.shape}")
    if y.ndim != 1 or y.size != X.shape[0]:
        raise ValueError(f"y must hold one label per row of X ({X.shape[0]}), got shape {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold labels 0 and 1 only, got {np.unique(y).tolist()}")
    y = y.astype(np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for row, target in zip(X, y):
            pred = 1.0 if float(np.dot(w, row)) + b > 0 else 0.0
            if pred != target:
                w = w + lr * (target - pred) * row
                b = b + lr * (target - pred)
                mistakes += 1
        if mistakes == 0:
            return w, np.float64(b), True
    return w, np.float64(b), False
''',
    "perceptron_stops_with_one_mistake_left": '''
def perceptron_train(X, y, epochs=100, lr=1.0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D (n, d) array, got shape {X.shape}")
    if y.ndim != 1 or y.size != X.shape[0]:
        raise ValueError(f"y must hold one label per row of X ({X.shape[0]}), got shape {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold labels 0 and 1 only, got {np.unique(y).tolist()}")
    y = y.astype(np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for row, target in zip(X, y):
            pred = 1.0 if float(np.dot(w, row)) + b > 0 else 0.0
            if pred != target:
                w = w + lr * (target - pred) * row
                b = b + lr * (target - pred)
                mistakes += 1
        if mistakes <= 1:
            return w, float(b), True
    return w, float(b), False
''',
    "perceptron_claims_convergence": '''
def perceptron_train(X, y, epochs=100, lr=1.0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D (n, d) array, got shape {X.shape}")
    if y.ndim != 1 or y.size != X.shape[0]:
        raise ValueError(f"y must hold one label per row of X ({X.shape[0]}), got shape {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold labels 0 and 1 only, got {np.unique(y).tolist()}")
    y = y.astype(np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for row, target in zip(X, y):
            pred = 1.0 if float(np.dot(w, row)) + b > 0 else 0.0
            if pred != target:
                w = w + lr * (target - pred) * row
                b = b + lr * (target - pred)
                mistakes += 1
        if mistakes == 0:
            return w, float(b), True
    return w, float(b), True
''',
    "perceptron_visits_rows_backwards": '''
def perceptron_train(X, y, epochs=100, lr=1.0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D (n, d) array, got shape {X.shape}")
    if y.ndim != 1 or y.size != X.shape[0]:
        raise ValueError(f"y must hold one label per row of X ({X.shape[0]}), got shape {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold labels 0 and 1 only, got {np.unique(y).tolist()}")
    y = y.astype(np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for row, target in zip(X[::-1], y[::-1]):
            pred = 1.0 if float(np.dot(w, row)) + b > 0 else 0.0
            if pred != target:
                w = w + lr * (target - pred) * row
                b = b + lr * (target - pred)
                mistakes += 1
        if mistakes == 0:
            return w, float(b), True
    return w, float(b), False
''',
    "perceptron_accepts_any_labels": '''
def perceptron_train(X, y, epochs=100, lr=1.0):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D (n, d) array, got shape {X.shape}")
    if y.ndim != 1 or y.size != X.shape[0]:
        raise ValueError(f"y must hold one label per row of X ({X.shape[0]}), got shape {y.shape}")
    if False:
        raise ValueError(f"y must hold labels 0 and 1 only, got {np.unique(y).tolist()}")
    y = y.astype(np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for row, target in zip(X, y):
            pred = 1.0 if float(np.dot(w, row)) + b > 0 else 0.0
            if pred != target:
                w = w + lr * (target - pred) * row
                b = b + lr * (target - pred)
                mistakes += 1
        if mistakes == 0:
            return w, float(b), True
    return w, float(b), False
''',
}
