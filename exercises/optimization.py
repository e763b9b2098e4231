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
    At an extremum the derivative is zero; its sign points the way downhill.

    Contract: ``f`` maps a float to a number, ``x`` is a number, ``h`` must be > 0
    (else ``ValueError``). Calls ``f`` twice. Returns a Python ``float``.

    >>> round(derivative(lambda x: x ** 3, 2.0), 6)   # 3·2² = 12
    12.0
    >>> round(derivative(lambda x: x ** 3, 2.0, h=0.1), 6)  # central: exactly 3x² + h²
    12.01
    """
    raise NotImplementedError("exercise optimization.derivative: replace this line with your code")


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
    raise NotImplementedError("exercise optimization.gradient: replace this line with your code")


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
    raise NotImplementedError("exercise optimization.chain_rule: replace this line with your code")


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
    raise NotImplementedError("exercise optimization.gd_step: replace this line with your code")


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
    raise NotImplementedError("exercise optimization.gradient_descent: replace this line with your code")


def relu(z):
    """The rectified linear unit ``ReLU(z) = max(0, z)``, element-wise.

    Level: ★

    Contract: ``z`` (a number or an array of any shape) is converted with
    ``np.asarray`` and never modified. Returns a NEW float64 ``np.ndarray`` of ``z``'s
    shape.

    >>> relu([-2, 0, 3]).tolist()
    [0.0, 0.0, 3.0]
    """
    raise NotImplementedError("exercise optimization.relu: replace this line with your code")


def relu_grad(z):
    """The derivative of ReLU, element-wise: 1 where ``z > 0``, 0 where ``z <= 0``.

    Level: ★

    ReLU has no derivative at exactly 0; the convention (as in the deep-learning
    libraries) is 0 there, so an input of exactly 0 passes no gradient.

    Contract: ``z`` (a number or an array of any shape) is converted with
    ``np.asarray`` and never modified. Returns a float64 ``np.ndarray`` of ``z``'s
    shape holding 0.0 and 1.0.

    >>> relu_grad([-2, 0, 3]).tolist()
    [0.0, 0.0, 1.0]
    """
    raise NotImplementedError("exercise optimization.relu_grad: replace this line with your code")


def relu_node(w, x, b):
    """One hidden node ``y = ReLU(w·x + b)`` and its derivatives for backpropagation.

    Level: ★★

    With ``z = w·x + b``: ``dz/dw = x`` and ``dz/db = 1``; ``dy/dz = ReLU'(z)`` is 1 if
    ``z > 0`` and 0 otherwise. By the chain rule ``dy/dw = ReLU'(z) · x`` and
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
    raise NotImplementedError("exercise optimization.relu_node: replace this line with your code")


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
    raise NotImplementedError("exercise optimization.jacobian: replace this line with your code")


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
    raise NotImplementedError("exercise optimization.hessian: replace this line with your code")
