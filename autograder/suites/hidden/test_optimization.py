"""Hidden suite for optimization: central differences, the chain rule, gradient descent and one
ReLU node against analytic derivatives and trusted finite-difference oracles; learning rates
on a quadratic against np.linalg.eigvalsh and a trusted re-run of gradient descent.

The callables passed to the submission run on the trusted side, so they behave like normal
Python functions; every oracle here is computed by this file, never by the submission.
"""
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograder.suites import checks
from autograder.suites import strategies as S

# Weighted by difficulty: the multi-variable finite differences (jacobian, hessian), the
# descent loop with its history, the ReLU node's backpropagation and the learning-rate
# exercises (a regime with tolerances, a counted descent) are worth most; the one-line rules
# (chain rule, one update, ReLU and its derivative, 2 / λ_max) least.
POINTS = {
    "derivative": 1,
    "gradient": 0.5,
    "chain_rule": 0.5,
    "gd_step": 0.5,
    "gradient_descent": 1,
    "relu": 0.5,
    "relu_grad": 0.5,
    "relu_node": 1,
    "jacobian": 1,
    "hessian": 1,
    "max_stable_lr": 0.5,
    "lr_regime": 1,
    "steps_to_converge": 1,
}

# At the default h = 1e-5 a central difference is off by ~h²·f''' ≈ 1e-10 (plus round-off
# ~1e-11), a forward or backward one by ~h·f''/2 ≈ 1e-5: this tolerance separates them.
CENTRAL_TOL = 1e-7


# --- test functions with known derivatives (all evaluated on the trusted side) ------------

SCALAR_FUNCTIONS = {
    "x**3": (lambda x: x ** 3, lambda x: 3 * x ** 2),
    "exp(x)": (math.exp, math.exp),
    "sin(3x)": (lambda x: math.sin(3 * x), lambda x: 3 * math.cos(3 * x)),
    "x**2 + 5x": (lambda x: x ** 2 + 5 * x, lambda x: 2 * x + 5),
}


def quartic(v):
    """f(v) = Σ v_i⁴/4 + v_0·v_{n-1} + exp(v_0): gradient and Hessian known in closed form."""
    v = np.asarray(v, dtype=float)
    return float(np.sum(v ** 4) / 4 + v[0] * v[-1] + np.exp(v[0]))


def quartic_grad(v):
    g = v ** 3
    g[0] += v[-1] + np.exp(v[0])
    g[-1] += v[0]
    return g


def quartic_hess(v):
    n = len(v)
    h = np.diag(3 * v ** 2)
    h[0, 0] += np.exp(v[0])
    if n > 1:
        h[0, -1] += 1
        h[-1, 0] += 1
    else:
        h[0, 0] += 2
    return h


def exp_ridge(a):
    """f(v) = exp(a·v): Hessian a aᵀ exp(a·v), third derivatives large enough that an O(h)
    formula misses by far more than an O(h²) one."""
    a = np.asarray(a, dtype=float)
    return lambda v: float(np.exp(np.dot(a, v)))


def curved_map(v):
    """g(v) = (v0·v1, sin v0 + v2², exp(v1 - v2)) from R³ to R³ (a non-square map is tested below)."""
    return np.array([v[0] * v[1], math.sin(v[0]) + v[2] ** 2, math.exp(v[1] - v[2])])


def curved_map_jac(v):
    return np.array([
        [v[1], v[0], 0.0],
        [math.cos(v[0]), 0.0, 2 * v[2]],
        [0.0, math.exp(v[1] - v[2]), -math.exp(v[1] - v[2])],
    ])


def points(n_min=1, n_max=5, low=-2.0, high=2.0):
    return st.integers(n_min, n_max).flatmap(
        lambda n: S.arrays((n,), np.float64, low, high))


# --- derivative ----------------------------------------------------------------------

@pytest.mark.exercise("derivative", weight=3)
@settings(max_examples=25)
@given(name=st.sampled_from(sorted(SCALAR_FUNCTIONS)), x=S.reals(-2.0, 2.0))
def test_derivative_central_accuracy(sub, name, x):
    f, f_prime = SCALAR_FUNCTIONS[name]
    got = sub.derivative(f, x)
    checks.assert_scalar(got, f_prime(x), rtol=CENTRAL_TOL, atol=CENTRAL_TOL,
                         what=f"derivative of {name} at the default h=1e-5 (a central difference "
                              "is accurate to ~h²; a forward difference only to ~h)",
                         inputs=f"x = {x!r}")


@pytest.mark.exercise("derivative")
def test_derivative_uses_h(sub):
    for x, h in ((2.0, 0.1), (-1.0, 0.5), (0.0, 1.0)):
        want = 3 * x ** 2 + h ** 2  # (x+h)³ - (x-h)³ over 2h, exactly
        checks.assert_scalar(sub.derivative(lambda t: t ** 3, x, h=h), want, rtol=1e-9,
                             atol=1e-12, what="central difference (f(x+h) - f(x-h)) / (2h) of x**3",
                             inputs=f"x = {x}, h = {h}")
    checks.assert_scalar(sub.derivative(lambda t: t ** 3, 3, h=0.5), 27.25, rtol=1e-9,
                         what="derivative at an int x", inputs="x = 3, h = 0.5")


@pytest.mark.exercise("derivative")
def test_derivative_bad_h(sub):
    for h in (0.0, -1e-5):
        checks.expect_error(ValueError, sub.derivative, math.exp, 1.0, h=h, mentions="h",
                            what=f"derivative with h={h}")


# --- gradient ------------------------------------------------------------------------

@pytest.mark.exercise("gradient", weight=3)
@settings(max_examples=20)
@given(x=points())
def test_gradient_central_accuracy(sub, x):
    expected = quartic_grad(x)
    got, info = sub.inspect_call("gradient", quartic, x.copy())
    assert not info.mutated, "gradient modified its input x (perturb a copy)"
    checks.assert_close(got, expected, rtol=CENTRAL_TOL, atol=CENTRAL_TOL, dtype=np.float64,
                        what="gradient at the default h=1e-5 (central differences, error ~h²)",
                        inputs=f"f(v) = Σv⁴/4 + v[0]·v[-1] + exp(v[0]), x = {checks.fmt(x)}")


@pytest.mark.exercise("gradient")
def test_gradient_uses_h_and_ints(sub):
    # central difference of v0³ + 2·v1³ with step h is exactly 3v² + h² per coordinate (× 2)
    got = sub.gradient(lambda v: v[0] ** 3 + 2 * v[1] ** 3, [1, 2], h=0.5)
    checks.assert_close(got, [3.25, 24.5], rtol=1e-9, dtype=np.float64,
                        what="gradient with h=0.5 of v0³ + 2v1³", inputs="x = [1, 2] (ints)")


@pytest.mark.exercise("gradient")
def test_gradient_bad_input(sub):
    checks.expect_error(ValueError, sub.gradient, quartic, [1.0, 2.0], h=0.0, mentions="h",
                        what="gradient with h=0")
    checks.expect_error(ValueError, sub.gradient, quartic, [[1.0, 2.0]], mentions="x",
                        what="gradient at a 2-D x")


# --- chain_rule ----------------------------------------------------------------------

@pytest.mark.exercise("chain_rule", weight=2)
@settings(max_examples=20)
@given(x=S.reals(-3.0, 3.0))
def test_chain_rule_sin_of_square(sub, x):
    got = sub.chain_rule(math.cos, lambda t: t * t + 1, lambda t: 2 * t, x)
    checks.assert_scalar(got, math.cos(x * x + 1) * 2 * x, rtol=1e-12, atol=1e-12,
                         what="d/dx sin(x² + 1) = cos(g(x))·g'(x): f' is evaluated at g(x)",
                         inputs=f"x = {x!r}")


@pytest.mark.exercise("chain_rule")
def test_chain_rule_returns_float(sub):
    got = sub.chain_rule(lambda u: 2 * u, lambda x: 3 * x + 1, lambda x: 3, 2)
    checks.assert_scalar(got, 42.0, what="d/dx (3x+1)² at the int x=2 (as a Python float)")


# --- gd_step -------------------------------------------------------------------------

@pytest.mark.exercise("gd_step", weight=2)
@settings(max_examples=20)
@given(pair=S.vector_pairs(max_len=8), lr=st.floats(1e-4, 2.0))
def test_gd_step_update(sub, pair, lr):
    w, grad = pair
    expected = w.astype(float) - lr * grad.astype(float)
    inputs = f"w = {checks.fmt(w)}, grad = {checks.fmt(grad)}, lr = {lr!r}"
    got, info = sub.inspect_call("gd_step", w.copy(), grad.copy(), lr)
    assert not info.mutated, (
        f"gd_step modified its input(s) {info.mutated}: return a NEW array (w - lr*grad), "
        f"do not update w in place\n  input: {inputs}")
    assert not info.shares_memory, f"gd_step returned (a view of) an input array\n  input: {inputs}"
    checks.assert_close(got, expected, rtol=1e-12, atol=1e-12, dtype=np.float64,
                        what="w - lr·grad", inputs=inputs)


@pytest.mark.exercise("gd_step")
def test_gd_step_errors(sub):
    for lr in (0.0, -0.1):
        checks.expect_error(ValueError, sub.gd_step, [1.0, 2.0], [1.0, 1.0], lr, mentions="lr",
                            what=f"gd_step with lr={lr}")
    checks.expect_error(ValueError, sub.gd_step, [1.0, 2.0], [1.0, 1.0, 1.0], 0.1,
                        mentions="shape", what="gd_step with w of length 2 and grad of length 3")


# --- gradient_descent ----------------------------------------------------------------

def descent_oracle(grad_fn, w0, lr, n_steps):
    w = np.atleast_1d(np.array(w0, dtype=float))
    history = [w.copy()]
    for _ in range(n_steps):
        w = w - lr * np.asarray(grad_fn(w.copy()), dtype=float)
        history.append(w.copy())
    return w, np.array(history)


@pytest.mark.exercise("gradient_descent", weight=3)
@settings(max_examples=20)
@given(center=S.vectors(min_len=1, max_len=4, low=-5, high=5, dtype=np.float64),
       lr=st.floats(0.01, 0.9), n_steps=st.integers(0, 12), seed=st.integers(0, 2**16))
def test_gradient_descent_matches_loop(sub, center, lr, n_steps, seed):
    w0 = np.random.default_rng(seed).uniform(-5, 5, size=center.size)
    scale = np.arange(1, center.size + 1, dtype=float)
    grad_fn = lambda w: scale * (w - center)  # noqa: E731 - L = Σ scale_i (w_i - c_i)² / 2
    want_w, want_h = descent_oracle(grad_fn, w0, lr, n_steps)
    (w, history), info = sub.inspect_call("gradient_descent", grad_fn, w0.copy(), lr, n_steps)
    assert not info.mutated, "gradient_descent modified its input w0"
    inputs = f"w0 = {checks.fmt(w0)}, lr = {lr!r}, n_steps = {n_steps}"
    checks.assert_close(history, want_h, rtol=1e-10, atol=1e-12, dtype=np.float64,
                        what="history: shape (n_steps + 1, d), row 0 is w0, row t after t updates",
                        inputs=inputs)
    checks.assert_close(w, want_w, rtol=1e-10, atol=1e-12, dtype=np.float64,
                        what="w_final (the last row of history)", inputs=inputs)


@pytest.mark.exercise("gradient_descent")
def test_gradient_descent_calls_and_scalar_w0(sub):
    calls = []

    def grad_fn(w):
        calls.append(np.array(w, dtype=float).copy())
        return 2 * np.asarray(w, dtype=float)

    w, history = sub.gradient_descent(grad_fn, 1.0, 0.25, 3)
    checks.assert_close(history, [[1.0], [0.5], [0.25], [0.125]],
                        what="history for a scalar w0 = 1.0 (d = 1), L = w², lr = 0.25")
    checks.assert_close(w, [0.125], what="w_final for a scalar w0")
    assert len(calls) == 3, f"grad_fn should be called once per step (3), was called {len(calls)} times"
    w, history = sub.gradient_descent(grad_fn, [3.0, -1.0], 0.5, 0)
    checks.assert_close(history, [[3.0, -1.0]], what="history with n_steps = 0 (just w0)")
    checks.assert_close(w, [3.0, -1.0], what="w_final with n_steps = 0 (w0)")


@pytest.mark.exercise("gradient_descent")
def test_gradient_descent_errors(sub):
    g = lambda w: w  # noqa: E731
    checks.expect_error(ValueError, sub.gradient_descent, g, [1.0], 0.1, -1, mentions="n_steps",
                        what="gradient_descent with n_steps=-1")
    for lr in (0.0, -0.5):
        checks.expect_error(ValueError, sub.gradient_descent, g, [1.0], lr, 5, mentions="lr",
                            what=f"gradient_descent with lr={lr}")


# --- relu and relu_grad --------------------------------------------------------------

@pytest.mark.exercise("relu", weight=2)
@settings(max_examples=20)
@given(z=S.arrays(st.tuples(st.integers(0, 4), st.integers(1, 4)), np.float64, -1e6, 1e6))
def test_relu_matches_maximum(sub, z):
    expected = np.maximum(z, 0.0)
    got, info = sub.inspect_call("relu", z.copy())
    assert not info.mutated, f"relu modified its input z (return a new array)\n  input: {checks.fmt(z)}"
    assert not info.shares_memory, "relu returned a view of its input: it must be a new array"
    checks.assert_close(got, expected, rtol=0, atol=0, dtype=np.float64,
                        what="relu(z) = max(0, z) element-wise, same shape", inputs=checks.fmt(z))


@pytest.mark.exercise("relu")
def test_relu_ints_and_negatives(sub):
    checks.assert_close(sub.relu([-3, 0, 2]), [0.0, 0.0, 2.0], what="relu of ints [-3, 0, 2]")
    checks.assert_close(sub.relu([[-1e300, 1e300]]), [[0.0, 1e300]], rtol=0,
                        what="relu of [[-1e300, 1e300]] (2-D, shape kept)")


@pytest.mark.exercise("relu_grad", weight=2)
@settings(max_examples=20)
@given(z=S.arrays(st.tuples(st.integers(0, 4), st.integers(1, 4)), np.float64, -5, 5))
def test_relu_grad_matches_step(sub, z):
    z = z.copy()
    z.flat[::3] = 0.0  # plenty of exact zeros: the derivative there is 0
    expected = (z > 0).astype(float)
    got, info = sub.inspect_call("relu_grad", z.copy())
    assert not info.mutated, "relu_grad modified its input z"
    checks.assert_close(got, expected, rtol=0, atol=0, dtype=np.float64,
                        what="relu_grad(z): 1.0 where z > 0, 0.0 where z <= 0 (z = 0 included)",
                        inputs=checks.fmt(z))


@pytest.mark.exercise("relu_grad")
def test_relu_grad_at_zero_and_ints(sub):
    checks.assert_close(sub.relu_grad([0.0]), [0.0], what="relu_grad at exactly 0")
    checks.assert_close(sub.relu_grad([-1, 0, 1]), [0.0, 0.0, 1.0], dtype=np.float64,
                        what="relu_grad of ints [-1, 0, 1]")


# --- relu_node -----------------------------------------------------------------------

def node_oracle(w, x, b, h=1e-6):
    """y and its derivatives by central differences on the trusted side."""
    w, x = np.asarray(w, float), np.asarray(x, float)
    y = lambda w_, b_: max(float(np.dot(w_, x) + b_), 0.0)  # noqa: E731
    dw = np.array([(y(w + h * e, b) - y(w - h * e, b)) / (2 * h) for e in np.eye(len(w))])
    db = (y(w, b + h) - y(w, b - h)) / (2 * h)
    return y(w, b), dw, db


@pytest.mark.exercise("relu_node", weight=3)
@settings(max_examples=25)
@given(pair=S.vector_pairs(min_len=1, max_len=6, low=-10, high=10), b=S.reals(-20, 20))
def test_relu_node_matches_finite_differences(sub, pair, b):
    w, x = pair
    z = float(np.dot(w.astype(float), x.astype(float)) + b)
    assume(abs(z) > 1e-3)  # away from the kink, where finite differences are exact for ReLU
    want_y, want_dw, want_db = node_oracle(w, x, b)
    inputs = f"w = {checks.fmt(w)}, x = {checks.fmt(x)}, b = {b!r} (z = {z:.6g})"
    (y, dw, db), info = sub.inspect_call("relu_node", w.copy(), x.copy(), b)
    assert not info.mutated, f"relu_node modified its input(s) {info.mutated}\n  input: {inputs}"
    checks.assert_scalar(y, want_y, rtol=1e-12, atol=1e-12, what="y = ReLU(w·x + b)", inputs=inputs)
    checks.assert_close(dw, want_dw, rtol=1e-6, atol=1e-6, dtype=np.float64,
                        what="dy/dw (x where z > 0, zeros where z <= 0)", inputs=inputs)
    checks.assert_scalar(db, want_db, rtol=1e-6, atol=1e-6, what="dy/db (1 where z > 0, else 0)",
                         inputs=inputs)


@pytest.mark.exercise("relu_node")
def test_relu_node_inactive_and_kink(sub):
    for w, x, b, label in (([1.0, 2.0], [-3.0, 1.0], 0.5, "z = -0.5 (inactive)"),
                           ([2.0, -1.0], [1.0, 2.0], 0.0, "z = 0 exactly (derivative 0 at the kink)")):
        y, dw, db = sub.relu_node(w, x, b)
        inputs = f"w = {w}, x = {x}, b = {b}: {label}"
        checks.assert_scalar(y, 0.0, what="y", inputs=inputs)
        checks.assert_close(dw, [0.0, 0.0], dtype=np.float64, what="dy/dw", inputs=inputs)
        checks.assert_scalar(db, 0.0, what="dy/db", inputs=inputs)


@pytest.mark.exercise("relu_node")
def test_relu_node_ints_and_mismatch(sub):
    y, dw, db = sub.relu_node([1, 2], [3, 4], 1)
    checks.assert_scalar(y, 12.0, what="y for ints w=[1, 2], x=[3, 4], b=1 (a Python float)")
    checks.assert_close(dw, [3.0, 4.0], dtype=np.float64, what="dy/dw for ints")
    checks.assert_scalar(db, 1.0, what="dy/db for ints (a Python float)")
    checks.expect_error(ValueError, sub.relu_node, [1.0, 2.0], [1.0, 2.0, 3.0], 0.0,
                        mentions="length", what="relu_node with len(w)=2, len(x)=3")


# --- jacobian ------------------------------------------------------------------------

@pytest.mark.exercise("jacobian", weight=3)
@settings(max_examples=20)
@given(x=S.arrays((3,), np.float64, -1.5, 1.5))
def test_jacobian_central_accuracy(sub, x):
    expected = curved_map_jac(x)
    got, info = sub.inspect_call("jacobian", curved_map, x.copy())
    assert not info.mutated, "jacobian modified its input x"
    checks.assert_close(got, expected, rtol=CENTRAL_TOL, atol=CENTRAL_TOL,
                        dtype=np.float64,
                        what="jacobian J[i, j] = ∂f_i/∂x_j by central differences (h=1e-5)",
                        inputs=f"f(v) = (v0·v1, sin v0 + v2², exp(v1 - v2)), x = {checks.fmt(x)}")


@pytest.mark.exercise("jacobian")
def test_jacobian_not_square(sub):
    # f: R² → R³, so J is 3x2 (rows are outputs); a transposed J would be 2x3
    f = lambda v: [v[0] ** 2, v[0] * v[1], 3 * v[1]]  # noqa: E731
    got = sub.jacobian(f, [1.0, 2.0])
    checks.assert_close(got, [[2.0, 0.0], [2.0, 1.0], [0.0, 3.0]], rtol=1e-8, atol=1e-8,
                        dtype=np.float64, what="jacobian of f(v) = (v0², v0·v1, 3v1) at (1, 2)")
    got = sub.jacobian(lambda v: [v[0] ** 3], [2], h=0.5)
    checks.assert_close(got, [[12.25]], rtol=1e-9, what="1x1 jacobian of v0³ at the int x=[2], h=0.5")


@pytest.mark.exercise("jacobian")
def test_jacobian_errors(sub):
    checks.expect_error(ValueError, sub.jacobian, curved_map, [1.0, 2.0, 3.0], h=-1.0,
                        mentions="h", what="jacobian with h=-1")


# --- hessian -------------------------------------------------------------------------

@pytest.mark.exercise("hessian", weight=3)
@settings(max_examples=15)
@given(x=points(1, 4, -1.5, 1.5))
def test_hessian_accuracy_and_symmetry(sub, x):
    expected = quartic_hess(x)
    inputs = f"f(v) = Σv⁴/4 + v[0]·v[-1] + exp(v[0]), x = {checks.fmt(x)}"
    got, info = sub.inspect_call("hessian", quartic, x.copy())
    assert not info.mutated, "hessian modified its input x"
    checks.assert_close(got, expected, rtol=1e-5, atol=1e-5, dtype=np.float64,
                        what="hessian by central second differences (default h=1e-4)",
                        inputs=inputs)
    assert np.array_equal(got, got.T), (
        f"the hessian should be exactly symmetric (compute i <= j and mirror, or average with"
        f" the transpose); largest |H - Hᵀ| = {np.abs(got - got.T).max():.3g}\n  input: {inputs}")


@pytest.mark.exercise("hessian", weight=2)
@settings(max_examples=10)
@given(x=S.arrays((3,), np.float64, -0.5, 0.5))
def test_hessian_is_second_order_accurate(sub, x):
    # exp(a·v) has large third derivatives: a one-sided (O(h)) formula is off by ~1e-3 here
    a = np.array([1.0, 2.0, -1.5])
    got = sub.hessian(exp_ridge(a), x.copy())
    want = np.outer(a, a) * np.exp(a @ x)
    checks.assert_close(got, want, rtol=2e-6, atol=2e-6,
                        what="hessian of exp(a·v), a = (1, 2, -1.5): central (error ~h²) "
                             "second differences", inputs=f"x = {checks.fmt(x)}")


@pytest.mark.exercise("hessian")
def test_hessian_uses_h(sub):
    # for the quadratic f = v0² + 3·v0·v1 the second differences are exact for any h
    got = sub.hessian(lambda v: v[0] ** 2 + 3 * v[0] * v[1], [1, -1], h=0.5)
    checks.assert_close(got, [[2.0, 3.0], [3.0, 0.0]], rtol=1e-9, atol=1e-9, dtype=np.float64,
                        what="hessian of v0² + 3·v0·v1 with h=0.5 at ints x=[1, -1]")
    checks.expect_error(ValueError, sub.hessian, quartic, [1.0], h=0.0, mentions="h",
                        what="hessian with h=0")


@pytest.mark.exercise("hessian", weight=2)
def test_hessian_step_matters_beyond_quadratics(sub):
    # For a quadratic every second difference is exact, whatever h; for v0⁴ + v0³·v1 + v1⁴/2
    # the central formulas are off by a known multiple of h², so an ignored h (or a one-sided
    # formula, off by ~h·f''') shows. The diagonal may use steps ±h or ±2h (both central).
    def f(v):
        return float(v[0] ** 4 + v[0] ** 3 * v[1] + v[1] ** 4 / 2)

    x, h = np.array([0.7, -1.3]), 0.1
    steps = np.eye(2) * h

    def cross(i, j):
        ei, ej = steps[i], steps[j]
        return (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h * h)

    wide = np.array([[cross(i, j) for j in range(2)] for i in range(2)])
    narrow = wide.copy()
    for i in range(2):
        narrow[i, i] = (f(x + steps[i]) - 2 * f(x) + f(x - steps[i])) / (h * h)
    got = sub.hessian(f, x.copy(), h=h)
    inputs = f"f(v) = v0⁴ + v0³·v1 + v1⁴/2, x = {x.tolist()}, h = {h}"
    checks.assert_array(got, shape=(2, 2), dtype=np.float64, what="hessian", inputs=inputs)
    if not np.allclose(got, narrow, rtol=1e-9, atol=1e-9):
        checks.assert_close(got, wide, rtol=1e-9, atol=1e-9,
                            what="hessian by central second differences with the given h "
                                 "(the exact Hessian differs from them by O(h²) here)",
                            inputs=inputs)


# --- max_stable_lr, lr_regime ----------------------------------------------------------

@st.composite
def spd_matrices(draw, min_n=1, max_n=5):
    """``(H, eigenvalues)``: ``Q diag(λ) Qᵀ`` with λ in [0.05, 50] (some repeated)."""
    n = draw(st.integers(min_n, max_n))
    eig = np.array(draw(st.lists(st.sampled_from([0.05, 0.3, 1.0, 2.5, 7.0, 50.0]) | st.floats(0.05, 50),
                                 min_size=n, max_size=n)))
    q, _ = np.linalg.qr(np.random.default_rng(draw(st.integers(0, 2**32 - 1))).standard_normal((n, n)))
    H = (q * eig) @ q.T
    return (H + H.T) / 2, eig


def regime_oracle(H, lr, tol=1e-9):
    q = lr * float(np.linalg.eigvalsh(H)[-1])
    return "diverges" if q > 2 + tol else "oscillates" if q > 1 + tol else "converges"


NOT_SPD = [
    ([[1.0, 0.0], [0.0, -1.0]], "positive definite", "indefinite"),
    ([[1.0, 1.0], [1.0, 1.0]], "positive definite", "semidefinite: a zero eigenvalue"),
    ([[-2.0, 0.0], [0.0, -1.0]], "positive definite", "negative definite"),
    ([[2.0, 1.0], [0.0, 2.0]], "symmetric", "not symmetric"),
]


@pytest.mark.exercise("max_stable_lr", weight=2)
@settings(max_examples=20)
@given(case=spd_matrices())
def test_max_stable_lr_is_two_over_largest_eigenvalue(sub, case):
    H, _ = case
    got, info = sub.inspect_call("max_stable_lr", H)
    assert not info.mutated, "max_stable_lr modified its input H"
    checks.assert_scalar(got, 2.0 / float(np.linalg.eigvalsh(H)[-1]), rtol=1e-9, what="max_stable_lr",
                         inputs=checks.fmt(H))


@pytest.mark.exercise("max_stable_lr")
def test_max_stable_lr_separates_shrinking_from_growing(sub):
    H = np.array([[3.0, 1.0, 0.0], [1.0, 2.0, 0.5], [0.0, 0.5, 0.2]])
    limit = sub.max_stable_lr(H)
    w0 = np.ones(3)
    for factor, shrinks in ((0.98, True), (1.02, False)):
        w = w0.copy()
        for _ in range(600):
            w = w - factor * limit * (H @ w)
        assert (np.linalg.norm(w) < 1) == shrinks, (
            f"gradient descent on ½wᵀHw at {factor} × max_stable_lr should "
            f"{'shrink' if shrinks else 'grow'}, but |w| = {np.linalg.norm(w):.3g} after 600 steps"
            f"\n  input: H = {H.tolist()}, max_stable_lr = {limit!r}")


@pytest.mark.exercise("max_stable_lr")
def test_max_stable_lr_rejects_non_spd(sub):
    for H, word, label in NOT_SPD:
        checks.expect_error(ValueError, sub.max_stable_lr, H, mentions=word,
                            what=f"max_stable_lr({H}) ({label})")
    checks.expect_error(ValueError, sub.max_stable_lr, np.ones((2, 3)),
                        what="max_stable_lr of a 2x3 matrix")


@pytest.mark.exercise("lr_regime", weight=2)
@settings(max_examples=25)
@given(case=spd_matrices(), q=st.floats(0.01, 4.0))
def test_lr_regime_matches_eigenvalues(sub, case, q):
    H, _ = case
    lam = float(np.linalg.eigvalsh(H)[-1])
    assume(min(abs(q - 1), abs(q - 2)) > 1e-6)
    lr = q / lam
    got = sub.lr_regime(H, lr)
    expected = regime_oracle(H, lr)
    assert got == expected, (
        f"lr_regime is wrong for q = lr·λ_max = {q:.6g}\n  input: H={checks.fmt(H)}, lr={lr!r}"
        f"\n  expected: {expected!r}\n  got:      {got!r}")


@pytest.mark.exercise("lr_regime", weight=2)
def test_lr_regime_boundaries_with_tol(sub):
    H = np.diag([4.0, 1.0])  # λ_max = 4 exactly, so q = 4·lr
    for q, tol, expected in [
        (1.0, 1e-9, "converges"), (1 + 5e-10, 1e-9, "converges"), (1 + 1e-8, 1e-9, "oscillates"),
        (2.0, 1e-9, "oscillates"), (2 + 5e-10, 1e-9, "oscillates"), (2 + 1e-8, 1e-9, "diverges"),
        (1.05, 0.1, "converges"), (1.2, 0.1, "oscillates"), (2.05, 0.1, "oscillates"),
        (2.2, 0.1, "diverges"), (0.3, 1e-9, "converges"),
    ]:
        got = sub.lr_regime(H, q / 4, tol=tol)
        assert got == expected, (
            f"lr_regime(diag(4, 1), lr={q / 4!r}, tol={tol:g}): q = lr·λ_max = {q!r} should be "
            f"{expected!r} ('diverges' when q > 2 + tol, 'oscillates' when 1 + tol < q ≤ 2 + tol),"
            f" got {got!r}")


@pytest.mark.exercise("lr_regime")
def test_lr_regime_errors(sub):
    H = [[2.0, 0.0], [0.0, 1.0]]
    for lr in (0.0, -0.1):
        checks.expect_error(ValueError, sub.lr_regime, H, lr, mentions="lr", what=f"lr_regime with lr={lr}")
    checks.expect_error(ValueError, sub.lr_regime, H, 0.1, 0.0, mentions="tol", what="lr_regime with tol=0")
    for bad, word, label in NOT_SPD:
        checks.expect_error(ValueError, sub.lr_regime, bad, 0.1, mentions=word,
                            what=f"lr_regime({bad}, 0.1) ({label})")


# --- steps_to_converge -----------------------------------------------------------------

def steps_oracle(grad_fn, w0, lr, tol, max_steps):
    w = np.atleast_1d(np.array(w0, dtype=float))
    for step in range(max_steps + 1):
        g = np.asarray(grad_fn(w.copy()), dtype=float)
        if not np.all(np.isfinite(g)):
            return -1
        if np.sqrt(np.sum(g * g)) <= tol:
            return step
        w = w - lr * g
    return -1


@pytest.mark.exercise("steps_to_converge", weight=3)
@settings(max_examples=15)
@given(d=st.integers(1, 3), q=st.floats(0.05, 2.2), tol=st.sampled_from([1e-2, 1e-4, 1e-6]),
       max_steps=st.integers(0, 120), seed=st.integers(0, 2**16))
def test_steps_to_converge_matches_a_trusted_run(sub, d, q, tol, max_steps, seed):
    g = np.random.default_rng(seed)
    scale = g.uniform(0.5, 3.0, size=d)
    scale[0] = 3.0  # λ_max
    center = g.uniform(-2, 2, size=d)
    w0 = g.uniform(-3, 3, size=d)
    lr = q / 3.0
    grad_fn = lambda w: scale * (w - center)  # noqa: E731 - L = Σ scale_i (w_i - c_i)² / 2
    expected = steps_oracle(grad_fn, w0, lr, tol, max_steps)
    got, info = sub.inspect_call("steps_to_converge", grad_fn, w0.copy(), lr, tol, max_steps)
    assert not info.mutated, "steps_to_converge modified its input w0"
    checks.assert_scalar(got, expected, kind=int, what="steps_to_converge",
                         inputs=f"grad = scale·(w - c), scale={checks.fmt(scale)}, w0={checks.fmt(w0)}, "
                                f"lr={lr!r}, tol={tol:g}, max_steps={max_steps}")


@pytest.mark.exercise("steps_to_converge")
def test_steps_to_converge_edges(sub):
    calls = []

    def grad_fn(w):
        calls.append(1)
        return 2 * np.asarray(w, dtype=float)

    cases = [
        ((grad_fn, [0.0], 0.1), {}, 0, "w0 at the minimum: 0 steps"),
        ((grad_fn, 5e-7, 0.1), {}, 0, "a scalar w0 whose gradient 1e-6 already meets tol=1e-6"),
        ((grad_fn, [1.0], 0.5), {}, 1, "lr = 0.5 jumps to the minimum in 1 step"),
        ((grad_fn, [1.0], 0.25), {}, 21, "lr = 0.25 halves w each step"),
        ((grad_fn, [1.0], 1e-3), {"max_steps": 50}, -1, "too small a learning rate: not within 50"),
        ((grad_fn, [1.0], 1.5), {"max_steps": 60}, -1, "too large a learning rate diverges"),
        ((grad_fn, [1.0], 0.25), {"max_steps": 0}, -1, "max_steps = 0 and not converged at w0"),
        ((grad_fn, [1.0], 0.25), {"tol": 0.5, "max_steps": 2}, 2, "tol = 0.5 met after exactly max_steps"),
    ]
    for args, kwargs, expected, label in cases:
        calls.clear()
        got = sub.steps_to_converge(*args, **kwargs)
        checks.assert_scalar(got, expected, kind=int, what="steps_to_converge",
                             inputs=f"L(w) = w², w0={args[1]!r}, lr={args[2]}, {kwargs} ({label})")
        limit = kwargs.get("max_steps", 10000) + 1
        assert len(calls) <= limit, (
            f"steps_to_converge should call grad_fn at most max_steps + 1 = {limit} times, "
            f"called it {len(calls)} times ({label})")
    # the 2-norm, neither the largest entry nor the sum: |(0.6e-6, 0.7e-6)| ≈ 0.92e-6 meets
    # tol = 1e-6, |(0.8e-6, 0.8e-6)| ≈ 1.13e-6 does not
    for w0, expected in (([0.3e-6, 0.35e-6], 0), ([0.4e-6, 0.4e-6], 1)):
        got = sub.steps_to_converge(grad_fn, w0, 0.5)
        checks.assert_scalar(got, expected, kind=int, what="steps_to_converge (‖grad‖₂ ≤ tol)",
                             inputs=f"L(w) = |w|², w0={w0}, lr=0.5, tol=1e-6")


@pytest.mark.exercise("steps_to_converge")
def test_steps_to_converge_errors(sub):
    g = lambda w: w  # noqa: E731
    for lr in (0.0, -0.5):
        checks.expect_error(ValueError, sub.steps_to_converge, g, [1.0], lr, mentions="lr",
                            what=f"steps_to_converge with lr={lr}")
    checks.expect_error(ValueError, sub.steps_to_converge, g, [1.0], 0.1, 0.0, mentions="tol",
                        what="steps_to_converge with tol=0")
    checks.expect_error(ValueError, sub.steps_to_converge, g, [1.0], 0.1, 1e-6, -1,
                        mentions="max_steps", what="steps_to_converge with max_steps=-1")
    checks.expect_error(ValueError, sub.steps_to_converge, g, [1.0], 0.1, 1e-6, 2.5,
                        mentions="max_steps", what="steps_to_converge with max_steps=2.5")


# --- containers and scalar types the contract names ----------------------------------

@pytest.mark.exercise("relu_node")
def test_relu_node_returns_a_tuple_of_python_floats(sub):
    got = sub.relu_node(np.array([1.0, -2.0]), np.array([3.0, 1.0]), np.float64(0.5))
    assert type(got) is tuple and len(got) == 3, (
        f"relu_node should return a tuple (y, dy_dw, dy_db), got {checks.type_name(got)} {checks.fmt(got)}")
    y, dw, db = got
    checks.assert_scalar(y, 1.5, rtol=1e-15, what="y", inputs="w=[1, -2], x=[3, 1], b=np.float64(0.5)")
    checks.assert_scalar(db, 1.0, rtol=0, what="dy/db", inputs="w=[1, -2], x=[3, 1], b=np.float64(0.5)")


@pytest.mark.exercise("gradient_descent")
def test_gradient_descent_returns_a_tuple(sub):
    got = sub.gradient_descent(lambda w: 2 * w, [1.0], 0.25, 2)
    assert type(got) is tuple and len(got) == 2, (
        f"gradient_descent should return a tuple (w_final, history), got {checks.type_name(got)}")
