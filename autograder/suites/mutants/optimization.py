"""Plausible wrong answers for optimization: each must lose points against the hidden suite."""
MUTANTS = {
    "derivative_forward_difference": '''
def derivative(f, x, h=1e-5):
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = float(x)
    return float((f(x + h) - f(x)) / h)
''',
    "derivative_forgets_the_2": '''
def derivative(f, x, h=1e-5):
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = float(x)
    return float((f(x + h) - f(x - h)) / h)
''',
    "derivative_ignores_h": '''
def derivative(f, x, h=1e-5):
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = float(x)
    step = 1e-5
    return float((f(x + step) - f(x - step)) / (2 * step))
''',
    "derivative_accepts_any_h": '''
def derivative(f, x, h=1e-5):
    x = float(x)
    h = abs(h) if h else 1e-5
    return float((f(x + h) - f(x - h)) / (2 * h))
''',
    "gradient_forward_difference": '''
def gradient(f, x, h=1e-5):
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = np.array(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"x must be a 1-D vector, got shape {x.shape}")
    fx = f(x)
    grad = np.empty(x.size)
    for i in range(x.size):
        step = np.zeros(x.size)
        step[i] = h
        grad[i] = (f(x + step) - fx) / h
    return grad
''',
    "chain_rule_f_prime_at_x": '''
def chain_rule(f_prime, g, g_prime, x):
    x = float(x)
    return float(f_prime(x) * g_prime(x))
''',
    "gd_step_updates_w_in_place": '''
def gd_step(w, grad, lr):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    w = np.asarray(w, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    if w.shape != grad.shape:
        raise ValueError(f"w and grad must have the same shape, got {w.shape} and {grad.shape}")
    w -= lr * grad
    return w
''',
    "gd_step_climbs_the_gradient": '''
def gd_step(w, grad, lr):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    w = np.asarray(w, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    if w.shape != grad.shape:
        raise ValueError(f"w and grad must have the same shape, got {w.shape} and {grad.shape}")
    return w + lr * grad
''',
    "gradient_descent_history_without_w0": '''
def gradient_descent(grad_fn, w0, lr, n_steps):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if n_steps < 0:
        raise ValueError(f"n_steps must be >= 0, got {n_steps}")
    w = np.atleast_1d(np.array(w0, dtype=np.float64))
    history = []
    for _ in range(n_steps):
        w = w - lr * np.asarray(grad_fn(w.copy()), dtype=np.float64)
        history.append(w)
    return w, np.array(history).reshape(n_steps, w.size)
''',
    "gradient_descent_history_aliases_w": '''
def gradient_descent(grad_fn, w0, lr, n_steps):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if n_steps < 0:
        raise ValueError(f"n_steps must be >= 0, got {n_steps}")
    w = np.atleast_1d(np.array(w0, dtype=np.float64))
    history = [w]
    for _ in range(n_steps):
        w -= lr * np.asarray(grad_fn(w.copy()), dtype=np.float64)
        history.append(w)
    return w, np.array(history)
''',
    "gradient_descent_accepts_negative_steps": '''
def gradient_descent(grad_fn, w0, lr, n_steps):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    w = np.atleast_1d(np.array(w0, dtype=np.float64))
    history = [w.copy()]
    for _ in range(n_steps):
        w = w - lr * np.asarray(grad_fn(w.copy()), dtype=np.float64)
        history.append(w.copy())
    return w, np.array(history)
''',
    "relu_in_place": '''
def relu(z):
    z = np.asarray(z, dtype=np.float64)
    z[z < 0] = 0.0
    return z
''',
    "relu_grad_one_at_zero": '''
def relu_grad(z):
    z = np.asarray(z, dtype=np.float64)
    return np.asarray(z >= 0, dtype=np.float64)
''',
    "relu_node_dy_dw_is_w": '''
def relu_node(w, x, b):
    w = np.asarray(w, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    if w.ndim != 1 or x.ndim != 1 or w.shape != x.shape:
        raise ValueError(f"w and x must be 1-D of the same length, got {w.shape} and {x.shape}")
    z = float(np.sum(w * x) + b)
    active = 1.0 if z > 0 else 0.0
    return max(z, 0.0), active * w, active
''',
    "relu_node_bias_gradient_always_one": '''
def relu_node(w, x, b):
    w = np.asarray(w, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    if w.ndim != 1 or x.ndim != 1 or w.shape != x.shape:
        raise ValueError(f"w and x must be 1-D of the same length, got {w.shape} and {x.shape}")
    z = float(np.sum(w * x) + b)
    active = 1.0 if z > 0 else 0.0
    return max(z, 0.0), active * x, 1.0
''',
    "relu_node_active_at_zero": '''
def relu_node(w, x, b):
    w = np.asarray(w, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    if w.ndim != 1 or x.ndim != 1 or w.shape != x.shape:
        raise ValueError(f"w and x must be 1-D of the same length, got {w.shape} and {x.shape}")
    z = float(np.sum(w * x) + b)
    active = 1.0 if z >= 0 else 0.0
    return max(z, 0.0), active * x, active
''',
    "jacobian_transposed": '''
def jacobian(f, x, h=1e-5):
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = np.array(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"x must be a 1-D vector, got shape {x.shape}")
    rows = []
    for j in range(x.size):
        step = np.zeros(x.size)
        step[j] = h
        up = np.asarray(f(x + step), dtype=np.float64).ravel()
        down = np.asarray(f(x - step), dtype=np.float64).ravel()
        rows.append((up - down) / (2 * h))
    return np.array(rows)
''',
    "jacobian_forward_difference": '''
def jacobian(f, x, h=1e-5):
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = np.array(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"x must be a 1-D vector, got shape {x.shape}")
    fx = np.asarray(f(x), dtype=np.float64).ravel()
    columns = []
    for j in range(x.size):
        step = np.zeros(x.size)
        step[j] = h
        columns.append((np.asarray(f(x + step), dtype=np.float64).ravel() - fx) / h)
    return np.stack(columns, axis=1)
''',
    "hessian_forward_difference": '''
def hessian(f, x, h=1e-4):
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = np.array(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"x must be a 1-D vector, got shape {x.shape}")
    n = x.size
    steps = np.eye(n) * h
    fx = f(x)
    H = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            value = (f(x + steps[i] + steps[j]) - f(x + steps[i]) - f(x + steps[j]) + fx) / (h * h)
            H[i, j] = H[j, i] = value
    return H
''',
    "hessian_forgets_the_4": '''
def hessian(f, x, h=1e-4):
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = np.array(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"x must be a 1-D vector, got shape {x.shape}")
    n = x.size
    steps = np.eye(n) * h
    H = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            ei, ej = steps[i], steps[j]
            value = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (h * h)
            H[i, j] = H[j, i] = value
    return H
''',
    "hessian_upper_triangle_not_mirrored": '''
def hessian(f, x, h=1e-4):
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = np.array(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"x must be a 1-D vector, got shape {x.shape}")
    n = x.size
    steps = np.eye(n) * h
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(i, n):
            ei, ej = steps[i], steps[j]
            H[i, j] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h * h)
    return H
''',
    "max_stable_lr_smallest_eigenvalue": '''
def max_stable_lr(H):
    H = np.asarray(H, dtype=float)
    if H.ndim != 2 or H.shape[0] != H.shape[1]:
        raise ValueError("H must be square")
    if not np.allclose(H, H.T):
        raise ValueError("H must be symmetric")
    eig = np.linalg.eigvalsh(H)
    if eig[0] <= 0:
        raise ValueError("H must be positive definite")
    return float(2.0 / eig[0])
''',
    "max_stable_lr_one_over_lambda": '''
def max_stable_lr(H):
    H = np.asarray(H, dtype=float)
    if H.ndim != 2 or H.shape[0] != H.shape[1]:
        raise ValueError("H must be square")
    if not np.allclose(H, H.T):
        raise ValueError("H must be symmetric")
    eig = np.linalg.eigvalsh(H)
    if eig[0] <= 0:
        raise ValueError("H must be positive definite")
    return float(1.0 / eig[-1])
''',
    "max_stable_lr_allows_semidefinite": '''
def max_stable_lr(H):
    H = np.asarray(H, dtype=float)
    if H.ndim != 2 or H.shape[0] != H.shape[1]:
        raise ValueError("H must be square")
    if not np.allclose(H, H.T):
        raise ValueError("H must be symmetric")
    eig = np.linalg.eigvalsh(H)
    if eig[0] < 0:
        raise ValueError("H must be positive definite")
    return float(2.0 / eig[-1])
''',
    "lr_regime_no_tolerance": '''
def lr_regime(H, lr, tol=1e-9):
    if not lr > 0:
        raise ValueError("lr must be positive")
    if not tol > 0:
        raise ValueError("tol must be positive")
    q = lr * (2.0 / max_stable_lr(H))
    if q > 2:
        return "diverges"
    if q > 1:
        return "oscillates"
    return "converges"
''',
    "lr_regime_oscillates_from_one": '''
def lr_regime(H, lr, tol=1e-9):
    if not lr > 0:
        raise ValueError("lr must be positive")
    if not tol > 0:
        raise ValueError("tol must be positive")
    q = lr * (2.0 / max_stable_lr(H))
    if q > 2 + tol:
        return "diverges"
    if q >= 1 - tol:
        return "oscillates"
    return "converges"
''',
    "lr_regime_smallest_eigenvalue": '''
def lr_regime(H, lr, tol=1e-9):
    if not lr > 0:
        raise ValueError("lr must be positive")
    if not tol > 0:
        raise ValueError("tol must be positive")
    max_stable_lr(H)
    q = lr * float(np.linalg.eigvalsh(np.asarray(H, dtype=float))[0])
    if q > 2 + tol:
        return "diverges"
    if q > 1 + tol:
        return "oscillates"
    return "converges"
''',
    "steps_to_converge_counts_evaluations": '''
def steps_to_converge(grad_fn, w0, lr, tol=1e-6, max_steps=10000):
    if not lr > 0:
        raise ValueError("lr must be positive")
    if not tol > 0:
        raise ValueError("tol must be positive")
    if not isinstance(max_steps, (int, np.integer)) or max_steps < 0:
        raise ValueError("max_steps must be an integer >= 0")
    w = np.atleast_1d(np.array(w0, dtype=float))
    with np.errstate(all="ignore"):
        for step in range(max_steps + 1):
            grad = np.asarray(grad_fn(w.copy()), dtype=float)
            if np.sqrt((grad * grad).sum()) <= tol:
                return step + 1
            w = w - lr * grad
    return -1
''',
    "steps_to_converge_max_norm": '''
def steps_to_converge(grad_fn, w0, lr, tol=1e-6, max_steps=10000):
    if not lr > 0:
        raise ValueError("lr must be positive")
    if not tol > 0:
        raise ValueError("tol must be positive")
    if not isinstance(max_steps, (int, np.integer)) or max_steps < 0:
        raise ValueError("max_steps must be an integer >= 0")
    w = np.atleast_1d(np.array(w0, dtype=float))
    with np.errstate(all="ignore"):
        for step in range(max_steps + 1):
            grad = np.asarray(grad_fn(w.copy()), dtype=float)
            if np.abs(grad).max() <= tol:
                return step
            w = w - lr * grad
    return -1
''',
    "steps_to_converge_updates_first": '''
def steps_to_converge(grad_fn, w0, lr, tol=1e-6, max_steps=10000):
    if not lr > 0:
        raise ValueError("lr must be positive")
    if not tol > 0:
        raise ValueError("tol must be positive")
    if not isinstance(max_steps, (int, np.integer)) or max_steps < 0:
        raise ValueError("max_steps must be an integer >= 0")
    w = np.atleast_1d(np.array(w0, dtype=float))
    with np.errstate(all="ignore"):
        for step in range(1, max_steps + 1):
            w = w - lr * np.asarray(grad_fn(w.copy()), dtype=float)
            grad = np.asarray(grad_fn(w.copy()), dtype=float)
            if np.sqrt((grad * grad).sum()) <= tol:
                return step
    return -1
''',
    "steps_to_converge_returns_max_steps": '''
def steps_to_converge(grad_fn, w0, lr, tol=1e-6, max_steps=10000):
    if not lr > 0:
        raise ValueError("lr must be positive")
    if not tol > 0:
        raise ValueError("tol must be positive")
    if not isinstance(max_steps, (int, np.integer)) or max_steps < 0:
        raise ValueError("max_steps must be an integer >= 0")
    w = np.atleast_1d(np.array(w0, dtype=float))
    with np.errstate(all="ignore"):
        for step in range(max_steps + 1):
            grad = np.asarray(grad_fn(w.copy()), dtype=float)
            if np.sqrt((grad * grad).sum()) <= tol:
                return step
            w = w - lr * grad
    return max_steps
''',
    "hessian_ignores_h": '''
def hessian(f, x, h=1e-4):
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = np.array(x, dtype=float)
    if x.ndim != 1:
        raise ValueError("x must be a 1-D vector")
    n = x.size
    step = 1e-4
    steps = np.eye(n) * step
    H = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            ei, ej = steps[i], steps[j]
            H[i, j] = H[j, i] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * step * step)
    return H
''',
    "relu_node_numpy_output": '''
def relu_node(w, x, b):
    w = np.asarray(w, dtype=float)
    x = np.asarray(x, dtype=float)
    if w.ndim != 1 or x.ndim != 1 or w.shape != x.shape:
        raise ValueError("w and x must be 1-D of the same length")
    z = np.sum(w * x) + b
    active = np.float64(1.0 if z > 0 else 0.0)
    return np.maximum(z, 0.0), active * x, active
''',
    "gradient_descent_returns_a_list": '''
def gradient_descent(grad_fn, w0, lr, n_steps):
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if not isinstance(n_steps, (int, np.integer)) or n_steps < 0:
        raise ValueError(f"n_steps must be an integer >= 0, got {n_steps}")
    w = np.atleast_1d(np.array(w0, dtype=float))
    history = [w.copy()]
    for _ in range(n_steps):
        w = w - lr * np.asarray(grad_fn(w.copy()), dtype=float).reshape(w.shape)
        history.append(w.copy())
    return [w.copy(), np.array(history)]
''',
}
