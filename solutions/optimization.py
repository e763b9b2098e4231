"""Derivatives and optimization (course sections on the chain rule, gradient descent and one ReLU node).

Derivatives are estimated numerically with CENTRAL differences,
``(f(x + h) - f(x - h)) / (2h)``, whose error shrinks like ``h²``; the forward
difference ``(f(x + h) - f(x)) / h`` is only accurate to about ``h``.
"""
import numpy as np


def derivative(f, x, h=1e-5):
    """The derivative ``f'(x)`` of a scalar function by a central difference.

    Level: ★

    ``f'(x) ≈ (f(x + h) - f(x - h)) / (2h)``. Taylor expansion shows the error is about
    ``h² f'''(x) / 6``, where the forward difference's is about ``h f''(x) / 2``: at the
    default ``h = 1e-5`` that is ~1e-10 against ~1e-5. (A much smaller ``h`` is not
    better: round-off in ``f(x + h) - f(x - h)`` grows like ``1e-16 / h``.)
    The sign of ``f'(x)`` points UPHILL: ``f`` increases in that direction, so the way
    downhill is ``-f'(x)``, which is why gradient descent subtracts it. At an extremum
    of a smooth ``f`` the derivative is zero, but not conversely: ``x³`` has derivative
    0 at 0 and no extremum there (it keeps rising on both sides); a zero derivative
    only marks a candidate, a stationary point.

    Contract: ``f`` maps a float to a number, ``x`` is a number, ``h`` must be > 0
    (else ``ValueError``). Calls ``f`` twice. Returns a Python ``float``.

    >>> round(derivative(lambda x: x ** 3, 2.0), 6)   # 3·2² = 12
    12.0
    >>> round(derivative(lambda x: x ** 3, 2.0, h=0.1), 6)  # central: exactly 3x² + h²
    12.01
    """
    ### BEGIN SOLUTION
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = float(x)
    return float((f(x + h) - f(x - h)) / (2 * h))
    ### END SOLUTION


def gradient(f, x, h=1e-5):
    """The gradient ``∇f(x)`` of a scalar function of a vector, by central differences.

    Level: ★★

    Component ``i`` is the partial derivative along the unit vector ``e_i``:
    ``(f(x + h e_i) - f(x - h e_i)) / (2h)``. The gradient points in the direction of
    the greatest increase of ``f``; gradient descent steps against it.

    Contract: ``x`` (a 1-D sequence of numbers) is converted with ``np.asarray`` and
    never modified (perturb a float copy); ``f`` receives a float64 1-D array and
    returns a number; ``h`` must be > 0 (else ``ValueError``); ``x`` not 1-D:
    ``ValueError``. Calls ``f`` ``2·len(x)`` times. Returns a float64 ``np.ndarray``
    of shape ``(len(x),)``.

    >>> gradient(lambda v: v[0] ** 2 + 3 * v[1], [1.0, 2.0]).round(6).tolist()
    [2.0, 3.0]
    """
    ### BEGIN SOLUTION
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = np.array(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"x must be a 1-D vector, got shape {x.shape}")
    grad = np.empty(x.size)
    for i in range(x.size):
        step = np.zeros(x.size)
        step[i] = h
        grad[i] = (f(x + step) - f(x - step)) / (2 * h)
    return grad
    ### END SOLUTION


def chain_rule(f_prime, g, g_prime, x):
    """The derivative of the composite ``y = f(g(x))`` by the chain rule.

    Level: ★

    With ``u = g(x)``: ``dy/dx = dy/du · du/dx = f'(g(x)) · g'(x)``. Note that ``f'`` is
    evaluated at ``u = g(x)``, not at ``x``. Backpropagation applies this rule layer
    by layer.

    Contract: ``f_prime``, ``g`` and ``g_prime`` map a number to a number; ``x`` is a
    number. Returns a Python ``float``.

    >>> chain_rule(lambda u: 2 * u, lambda x: 3 * x + 1, lambda x: 3, 1.0)  # (3x+1)²
    24.0
    """
    ### BEGIN SOLUTION
    x = float(x)
    return float(f_prime(g(x)) * g_prime(x))
    ### END SOLUTION


def gd_step(w, grad, lr):
    """One gradient-descent update ``w_{t+1} = w_t - α ∇L``.

    Level: ★

    ``α`` (``lr``) is the learning rate: too large and the weights oscillate or diverge,
    too small and they take long to converge.

    Contract: ``w`` and ``grad`` (same shape, numbers) are converted with
    ``np.asarray`` and never modified: the update goes into a NEW array. ``lr`` must
    be > 0 and the shapes must match, else ``ValueError``. Returns a float64
    ``np.ndarray`` of ``w``'s shape.

    >>> gd_step([1.0, 2.0], [0.5, -1.0], 0.1).tolist()
    [0.95, 2.1]
    """
    ### BEGIN SOLUTION
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    w = np.asarray(w, dtype=np.float64)
    grad = np.asarray(grad, dtype=np.float64)
    if w.shape != grad.shape:
        raise ValueError(f"w and grad must have the same shape, got {w.shape} and {grad.shape}")
    return w - lr * grad
    ### END SOLUTION


def gradient_descent(grad_fn, w0, lr, n_steps):
    """Gradient descent: ``n_steps`` updates ``w ← w - lr · grad_fn(w)`` from ``w0``.

    Level: ★★

    Contract: ``w0`` (a number or a 1-D sequence of ``d`` numbers) is converted with
    ``np.asarray`` and never modified; ``grad_fn`` receives the current weights as a
    float64 array of shape ``(d,)`` and returns the gradient of the loss there, of
    the same shape. ``lr`` must be > 0 and ``n_steps`` an integer ≥ 0, else
    ``ValueError``. Calls ``grad_fn`` exactly ``n_steps`` times.

    Returns ``(w_final, history)``: float64 ``np.ndarray`` of shapes ``(d,)`` and
    ``(n_steps + 1, d)``; ``history[0]`` is ``w0``, ``history[t]`` the weights after
    ``t`` updates and ``w_final`` equals ``history[-1]``.

    Minimising ``L(w) = w²`` (gradient ``2w``) with ``lr = 0.25`` halves ``w`` each step:

    >>> w, history = gradient_descent(lambda w: 2 * w, [1.0], 0.25, 3)
    >>> w.tolist(), history.tolist()
    ([0.125], [[1.0], [0.5], [0.25], [0.125]])
    """
    ### BEGIN SOLUTION
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(n_steps, (bool, np.bool_)) or not isinstance(n_steps, (int, np.integer)):
        raise ValueError(f"n_steps must be an integer, got {n_steps!r}")
    if n_steps < 0:
        raise ValueError(f"n_steps must be >= 0, got {n_steps}")
    w = np.atleast_1d(np.array(w0, dtype=np.float64))
    if w.ndim != 1:
        raise ValueError(f"w0 must be a number or a 1-D vector, got shape {w.shape}")
    history = np.empty((n_steps + 1, w.size))
    history[0] = w
    for t in range(1, n_steps + 1):
        grad = np.asarray(grad_fn(w.copy()), dtype=np.float64).reshape(w.shape)
        w = w - lr * grad
        history[t] = w
    return w.copy(), history
    ### END SOLUTION


def relu(z):
    """The rectified linear unit ``ReLU(z) = max(0, z)``, element-wise.

    Level: ★

    Contract: ``z`` (a number or an array of any shape) is converted with
    ``np.asarray`` and never modified. Returns a NEW float64 ``np.ndarray`` of ``z``'s
    shape.

    >>> relu([-2, 0, 3]).tolist()
    [0.0, 0.0, 3.0]
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    return np.asarray(np.maximum(z, 0.0))  # a 0-d array, not a NumPy scalar, for a scalar z
    ### END SOLUTION


def relu_grad(z):
    """The derivative of ReLU, element-wise: 1 where ``z > 0``, 0 where ``z <= 0``.

    Level: ★

    ReLU has a kink at 0: coming from the left the slope is 0, from the right 1, so it
    has no derivative there. ``ReLU′(0) := 0`` is a CONVENTION (the one the deep-learning
    libraries use), not a fact of calculus: an input of exactly 0 passes no gradient.

    Contract: ``z`` (a number or an array of any shape) is converted with
    ``np.asarray`` and never modified. Returns a float64 ``np.ndarray`` of ``z``'s
    shape holding 0.0 and 1.0.

    >>> relu_grad([-2, 0, 3]).tolist()
    [0.0, 0.0, 1.0]
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    return np.asarray(z > 0, dtype=np.float64)
    ### END SOLUTION


def relu_node(w, x, b):
    """One hidden node ``y = ReLU(w·x + b)`` and its derivatives for backpropagation.

    Level: ★★

    With ``z = w·x + b``: ``dz/dw = x`` and ``dz/db = 1``; ``dy/dz = ReLU'(z)`` is 1 if
    ``z > 0`` and 0 otherwise (at the kink ``z = 0`` by the convention
    ``ReLU′(0) := 0``). By the chain rule ``dy/dw = ReLU'(z) · x`` and
    ``dy/db = ReLU'(z)``: an inactive node (``z <= 0``) passes no gradient at all.

    Contract: ``w`` and ``x`` (1-D, same length) are converted with ``np.asarray`` and
    never modified; ``b`` is a number; different lengths or not 1-D: ``ValueError``.
    Returns ``(y, dy_dw, dy_db)``: a Python ``float``, a float64 ``np.ndarray`` of
    shape ``(len(w),)`` and a Python ``float``.

    >>> y, dy_dw, dy_db = relu_node([1.0, -2.0], [3.0, 1.0], 0.5)   # z = 1.5
    >>> y, dy_dw.tolist(), dy_db
    (1.5, [3.0, 1.0], 1.0)
    >>> y, dy_dw, dy_db = relu_node([1.0, -2.0], [3.0, 1.0], -2.0)  # z = -1, inactive
    >>> y, dy_dw.tolist(), dy_db
    (0.0, [0.0, 0.0], 0.0)
    """
    ### BEGIN SOLUTION
    w = np.asarray(w, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    if w.ndim != 1 or x.ndim != 1 or w.shape != x.shape:
        raise ValueError(f"w and x must be 1-D of the same length, got shapes {w.shape} and {x.shape}")
    z = float(np.sum(w * x) + b)
    active = 1.0 if z > 0 else 0.0
    return max(z, 0.0), active * x, active
    ### END SOLUTION


def jacobian(f, x, h=1e-5):
    """The Jacobian of ``f: Rⁿ → Rᵐ`` at ``x``, by central differences.

    Level: ★★★

    ``J[i, j] = ∂f_i/∂x_j``: row ``i`` is the gradient of output ``i``, column ``j`` is
    ``(f(x + h e_j) - f(x - h e_j)) / (2h)``. For ``m = 1`` it is the gradient as a row.

    Contract: ``x`` (1-D, ``n`` numbers) is converted with ``np.asarray`` and never
    modified; ``f`` receives a float64 array of shape ``(n,)`` and returns ``m`` numbers
    (a sequence or an array; a single number counts as ``m = 1``); ``h`` must be > 0
    and ``x`` 1-D, else ``ValueError``. Returns a float64 ``np.ndarray`` of shape
    ``(m, n)``.

    >>> jacobian(lambda v: [v[0] * v[1], v[0] + v[1]], [2.0, 3.0]).round(6).tolist()
    [[3.0, 2.0], [1.0, 1.0]]
    """
    ### BEGIN SOLUTION
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h}")
    x = np.array(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"x must be a 1-D vector, got shape {x.shape}")
    columns = []
    for j in range(x.size):
        step = np.zeros(x.size)
        step[j] = h
        up = np.asarray(f(x + step), dtype=np.float64).ravel()
        down = np.asarray(f(x - step), dtype=np.float64).ravel()
        columns.append((up - down) / (2 * h))
    if not columns:
        m = np.asarray(f(x), dtype=np.float64).size
        return np.zeros((m, 0))
    return np.stack(columns, axis=1)
    ### END SOLUTION


def hessian(f, x, h=1e-4):
    """The Hessian (matrix of second derivatives) of a scalar ``f`` at ``x``.

    Level: ★★★

    ``H[i, j] = ∂²f/∂x_i∂x_j``, estimated by the central second difference
    ``(f(x+he_i+he_j) - f(x+he_i-he_j) - f(x-he_i+he_j) + f(x-he_i-he_j)) / (4h²)``
    (for ``i = j`` this is ``(f(x+2he_i) - 2f(x) + f(x-2he_i)) / (4h²)``), accurate to
    about ``h²``. For a smooth ``f`` the true Hessian is symmetric; make the estimate
    EXACTLY symmetric too: compute ``i <= j`` and mirror (or average ``H`` and ``Hᵀ``).
    A larger default ``h`` than for first derivatives, because round-off now grows like
    ``1e-16 / h²``.

    Contract: ``x`` (1-D, ``n`` numbers) is converted with ``np.asarray`` and never
    modified; ``f`` receives a float64 array of shape ``(n,)`` and returns a number;
    ``h`` must be > 0 and ``x`` 1-D, else ``ValueError``. Returns a float64
    ``np.ndarray`` of shape ``(n, n)``.

    >>> H = hessian(lambda v: v[0] ** 2 * v[1] + v[1] ** 3, [1.0, 2.0])
    >>> H.round(4).tolist()   # [[2y, 2x], [2x, 6y]]
    [[4.0, 2.0], [2.0, 12.0]]
    """
    ### BEGIN SOLUTION
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
            value = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h * h)
            H[i, j] = H[j, i] = value
    return H
    ### END SOLUTION


def max_stable_lr(H):
    """The largest learning rate at which gradient descent on ``½ wᵀHw`` does not diverge.

    Level: ★★

    The gradient of ``f(w) = ½ wᵀHw`` is ``Hw``, so one step is ``w ← (I - lr H) w``.
    Along an eigenvector of ``H`` with eigenvalue ``λ`` the weight is multiplied by
    ``1 - lr λ`` every step: it shrinks when ``|1 - lr λ| < 1``, i.e. ``0 < lr < 2/λ``.
    The stiffest direction (the largest eigenvalue, the highest curvature) sets the
    limit: ``2 / λ_max(H)``. Above it that direction grows without bound, however tame
    the others are: the course's "too large a learning rate" made exact.

    Contract: ``H`` (a square matrix, converted with ``np.asarray``, never modified) must
    be symmetric and positive definite, else ``ValueError`` (the message says
    "symmetric" or "positive definite"). Use ``np.linalg.eigvalsh``. Returns a Python
    ``float``.

    >>> max_stable_lr([[4.0, 0.0], [0.0, 1.0]])
    0.5
    """
    ### BEGIN SOLUTION
    H = np.asarray(H, dtype=np.float64)
    if H.ndim != 2 or H.shape[0] != H.shape[1] or H.size == 0:
        raise ValueError(f"H must be a non-empty square matrix, got shape {H.shape}")
    if not np.all(np.isfinite(H)) or not np.allclose(H, H.T):
        raise ValueError("H must be symmetric (a Hessian of a smooth function is)")
    eigenvalues = np.linalg.eigvalsh(H)
    if eigenvalues[0] <= 0:
        raise ValueError(f"H must be positive definite, but it has the eigenvalue {eigenvalues[0]:g}")
    return float(2.0 / eigenvalues[-1])
    ### END SOLUTION


def lr_regime(H, lr, tol=1e-9):
    """What gradient descent on ``½ wᵀHw`` does at learning rate ``lr``.

    Level: ★★

    With ``q = lr · λ_max(H)`` the stiffest direction is multiplied by ``1 - q`` per step
    (see ``max_stable_lr``): for ``q ≤ 1`` every factor ``1 - lr λ`` lies in [0, 1), so
    every direction shrinks monotonically, ``"converges"``; for ``1 < q ≤ 2`` the stiffest
    factor is negative, the weights flip sign every step and zig-zag across the valley,
    ``"oscillates"`` (at ``q = 2`` exactly they bounce for ever without shrinking); for
    ``q > 2`` the zig-zag grows, ``"diverges"``. The boundaries are compared with a
    tolerance because ``q`` is computed in floating point: ``"diverges"`` when
    ``q > 2 + tol``, ``"oscillates"`` when ``1 + tol < q ≤ 2 + tol``, else ``"converges"``.

    Contract: ``H`` as in ``max_stable_lr`` (symmetric positive definite, else
    ``ValueError``); ``lr`` and ``tol`` must be > 0, else ``ValueError`` naming the
    argument. Returns one of the strings ``"converges"``, ``"oscillates"``,
    ``"diverges"``. (``λ_max`` is ``2 / max_stable_lr(H)``: reuse it.)

    >>> H = [[4.0, 0.0], [0.0, 1.0]]
    >>> lr_regime(H, 0.1), lr_regime(H, 0.4), lr_regime(H, 0.6)
    ('converges', 'oscillates', 'diverges')
    """
    ### BEGIN SOLUTION
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if not tol > 0:
        raise ValueError(f"tol must be positive, got {tol}")
    q = lr * (2.0 / max_stable_lr(H))   # lr · λ_max
    if q > 2 + tol:
        return "diverges"
    if q > 1 + tol:
        return "oscillates"
    return "converges"
    ### END SOLUTION


def steps_to_converge(grad_fn, w0, lr, tol=1e-6, max_steps=10000):
    """How many gradient-descent steps from ``w0`` until the gradient is small.

    Level: ★★

    Run ``w ← w - lr · grad_fn(w)`` and count the updates until ``‖grad_fn(w)‖₂ ≤ tol``
    first holds: 0 when it already holds at ``w0``, ``-1`` when it still does not after
    ``max_steps`` updates. On ``L(w) = w²`` a tiny learning rate needs thousands of
    steps, a good one a handful, and one past the stable limit never arrives (the
    weights blow up; once they are not finite, stop and answer ``-1``).

    Contract: ``w0`` (a number or a 1-D sequence) is converted with ``np.asarray`` and
    never modified; ``grad_fn`` receives a float64 array of shape ``(d,)`` and returns
    the gradient there, same shape. ``lr`` and ``tol`` must be > 0 and ``max_steps`` an
    integer ≥ 0, else ``ValueError`` naming the argument. Calls ``grad_fn`` at most
    ``max_steps + 1`` times. Returns a Python ``int``.

    >>> grad = lambda w: 2 * w                      # L(w) = w², minimum at 0
    >>> steps_to_converge(grad, [1.0], 0.5)         # jumps straight to 0
    1
    >>> steps_to_converge(grad, [1.0], 0.25), steps_to_converge(grad, [1.0], 0.001)
    (21, 7248)
    >>> steps_to_converge(grad, [1.0], 1.5)         # too large: diverges
    -1
    """
    ### BEGIN SOLUTION
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if not tol > 0:
        raise ValueError(f"tol must be positive, got {tol}")
    if isinstance(max_steps, (bool, np.bool_)) or not isinstance(max_steps, (int, np.integer)):
        raise ValueError(f"max_steps must be an integer, got {max_steps!r}")
    if max_steps < 0:
        raise ValueError(f"max_steps must be >= 0, got {max_steps}")
    w = np.atleast_1d(np.array(w0, dtype=np.float64))
    if w.ndim != 1:
        raise ValueError(f"w0 must be a number or a 1-D vector, got shape {w.shape}")
    with np.errstate(over="ignore", invalid="ignore"):   # a diverging run overflows
        for step in range(int(max_steps) + 1):
            grad = np.asarray(grad_fn(w.copy()), dtype=np.float64).reshape(w.shape)
            if not np.all(np.isfinite(grad)):
                return -1
            if np.sqrt((grad * grad).sum()) <= tol:
                return step
            if step < max_steps:
                w = w - lr * grad
    return -1
    ### END SOLUTION
