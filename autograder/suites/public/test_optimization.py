"""Public checks for optimization: the docstring examples and the obvious edge cases."""
import math

import numpy as np
import pytest

from autograder.suites import checks

# pytest writes a traceback of each failure, re-parsing this file, before the plugin
# replaces it with the feedback block: hiding these frames skips that work.
__tracebackhide__ = True

POINTS = {
    "derivative": 1, "gradient": 0.5, "chain_rule": 0.5, "gd_step": 0.5, "gradient_descent": 1,
    "relu": 0.5, "relu_grad": 0.5, "relu_node": 1, "jacobian": 1, "hessian": 1,
    "max_stable_lr": 0.5, "lr_regime": 1, "steps_to_converge": 1,
}


@pytest.mark.exercise("derivative")
def test_derivative_cube(sub):
    checks.assert_scalar(sub.derivative(lambda x: x ** 3, 2.0), 12.0, rtol=1e-8,
                         what="derivative of x**3 at 2")


@pytest.mark.exercise("derivative")
def test_derivative_is_central(sub):
    # (f(x+h) - f(x-h)) / 2h of x**3 is exactly 3x² + h²; a forward difference gives 12.61
    checks.assert_scalar(sub.derivative(lambda x: x ** 3, 2.0, h=0.1), 12.01, rtol=1e-9,
                         what="central difference of x**3 at 2 with h=0.1")


@pytest.mark.exercise("derivative")
def test_derivative_rejects_zero_h(sub):
    checks.expect_error(ValueError, sub.derivative, math.exp, 1.0, h=0.0, mentions="h")


@pytest.mark.exercise("gradient")
def test_gradient_example(sub):
    got = sub.gradient(lambda v: v[0] ** 2 + 3 * v[1], [1.0, 2.0])
    checks.assert_close(got, [2.0, 3.0], rtol=1e-8, dtype=np.float64, what="gradient")


@pytest.mark.exercise("chain_rule")
def test_chain_rule_example(sub):
    got = sub.chain_rule(lambda u: 2 * u, lambda x: 3 * x + 1, lambda x: 3, 1.0)
    checks.assert_scalar(got, 24.0, what="d/dx (3x+1)² at x=1")


@pytest.mark.exercise("gd_step")
def test_gd_step_example(sub):
    checks.assert_close(sub.gd_step([1.0, 2.0], [0.5, -1.0], 0.1), [0.95, 2.1], rtol=1e-12,
                        what="gd_step([1, 2], [0.5, -1], 0.1)")


@pytest.mark.exercise("gd_step")
def test_gd_step_rejects_bad_lr(sub):
    checks.expect_error(ValueError, sub.gd_step, [1.0], [1.0], 0.0, mentions="lr")


@pytest.mark.exercise("gradient_descent")
def test_gradient_descent_halving(sub):
    w, history = sub.gradient_descent(lambda w: 2 * w, [1.0], 0.25, 3)
    checks.assert_close(w, [0.125], what="w_final")
    checks.assert_close(history, [[1.0], [0.5], [0.25], [0.125]], what="history (starts with w0)")


@pytest.mark.exercise("gradient_descent")
def test_gradient_descent_rejects_negative_steps(sub):
    checks.expect_error(ValueError, sub.gradient_descent, lambda w: w, [1.0], 0.1, -1,
                        mentions="n_steps")


@pytest.mark.exercise("relu")
def test_relu_example(sub):
    checks.assert_close(sub.relu([-2.0, 0.0, 3.0]), [0.0, 0.0, 3.0], what="relu([-2, 0, 3])")


@pytest.mark.exercise("relu_grad")
def test_relu_grad_example(sub):
    checks.assert_close(sub.relu_grad([-2.0, 0.0, 3.0]), [0.0, 0.0, 1.0],
                        what="relu_grad([-2, 0, 3]) (0 at z = 0)")


@pytest.mark.exercise("relu_node")
def test_relu_node_active(sub):
    y, dw, db = sub.relu_node([1.0, -2.0], [3.0, 1.0], 0.5)
    checks.assert_scalar(y, 1.5, what="y")
    checks.assert_close(dw, [3.0, 1.0], what="dy/dw")
    checks.assert_scalar(db, 1.0, what="dy/db")


@pytest.mark.exercise("relu_node")
def test_relu_node_inactive(sub):
    y, dw, db = sub.relu_node([1.0, -2.0], [3.0, 1.0], -2.0)
    checks.assert_scalar(y, 0.0, what="y")
    checks.assert_close(dw, [0.0, 0.0], what="dy/dw of an inactive node")
    checks.assert_scalar(db, 0.0, what="dy/db of an inactive node")


@pytest.mark.exercise("jacobian")
def test_jacobian_example(sub):
    got = sub.jacobian(lambda v: [v[0] * v[1], v[0] + v[1]], [2.0, 3.0])
    checks.assert_close(got, [[3.0, 2.0], [1.0, 1.0]], rtol=1e-8, atol=1e-8, what="jacobian")


@pytest.mark.exercise("hessian")
def test_hessian_example(sub):
    got = sub.hessian(lambda v: v[0] ** 2 * v[1] + v[1] ** 3, [1.0, 2.0])
    checks.assert_close(got, [[4.0, 2.0], [2.0, 12.0]], rtol=1e-5, atol=1e-5, what="hessian")
    assert np.array_equal(got, got.T), f"the hessian should be exactly symmetric, got {got}"


# --- learning rates on a quadratic: stable limit, regime, steps -------------------------

DIAGONAL_H = [[4.0, 0.0], [0.0, 1.0]]


@pytest.mark.exercise("max_stable_lr")
def test_max_stable_lr_diagonal(sub):
    checks.assert_scalar(sub.max_stable_lr(DIAGONAL_H), 0.5, rtol=1e-12,
                         inputs=DIAGONAL_H, what="max_stable_lr")


@pytest.mark.exercise("max_stable_lr")
def test_max_stable_lr_rejects_indefinite(sub):
    checks.expect_error(ValueError, sub.max_stable_lr, [[1.0, 0.0], [0.0, -1.0]],
                        mentions="positive definite")


@pytest.mark.exercise("lr_regime")
def test_lr_regime_docstring_examples(sub):
    for lr, expected in ((0.1, "converges"), (0.4, "oscillates"), (0.6, "diverges")):
        got = sub.lr_regime(DIAGONAL_H, lr)
        assert got == expected, f"lr_regime(H={DIAGONAL_H}, lr={lr}) should be {expected!r}, got {got!r}"


@pytest.mark.exercise("steps_to_converge")
def test_steps_to_converge_docstring_examples(sub):
    grad = lambda w: 2 * w  # noqa: E731 - the course's L(w) = w²
    for lr, expected in ((0.5, 1), (0.25, 21), (1.5, -1)):
        checks.assert_scalar(sub.steps_to_converge(grad, [1.0], lr), expected, kind=int,
                             inputs=f"grad 2w, w0=[1.0], lr={lr}", what="steps_to_converge")


@pytest.mark.exercise("steps_to_converge")
def test_steps_to_converge_rejects_bad_lr(sub):
    checks.expect_error(ValueError, sub.steps_to_converge, lambda w: 2 * w, [1.0], 0.0,
                        mentions="lr")


# --- each clause of the contracts: central differences, tolerances, types, errors ---------

@pytest.mark.exercise("gradient")
def test_gradient_checks_h_and_x(sub):
    checks.expect_error(ValueError, sub.gradient, lambda v: v[0], [1.0], h=-1e-5, mentions="h")
    checks.expect_error(ValueError, sub.gradient, lambda v: v[0], [[1.0]], what="gradient at a 2-D x")


@pytest.mark.exercise("gd_step")
def test_gd_step_types_and_shapes(sub):
    checks.assert_close(sub.gd_step([1, 2], [1, 1], 1), [0.0, 1.0], dtype=np.float64,
                        what="gd_step([1, 2], [1, 1], 1) (a float64 array, even for int inputs)")
    checks.expect_error(ValueError, sub.gd_step, [1.0, 2.0], [1.0], 0.1, what="gd_step of w (2,) and grad (1,)")


@pytest.mark.exercise("gradient_descent")
def test_gradient_descent_returns_a_tuple(sub):
    got = sub.gradient_descent(lambda w: 2 * w, [1.0, -1.0], 0.25, 0)
    assert type(got) is tuple and len(got) == 2, (
        f"gradient_descent should return a tuple (w_final, history), got a {checks.type_name(got)}")
    checks.assert_close(got[1], [[1.0, -1.0]], dtype=np.float64, what="history of 0 steps (just w0)")
    checks.expect_error(ValueError, sub.gradient_descent, lambda w: w, [1.0], 0.0, 3, mentions="lr")


@pytest.mark.exercise("relu")
def test_relu_returns_float_arrays(sub):
    checks.assert_close(sub.relu([-2, 0, 3]), [0.0, 0.0, 3.0], dtype=np.float64, what="relu([-2, 0, 3]) of ints")
    checks.assert_close(sub.relu(-1.5), np.array(0.0), dtype=np.float64, what="relu(-1.5) (a 0-d array)")


@pytest.mark.exercise("relu_grad")
def test_relu_grad_float_and_shape(sub):
    checks.assert_close(sub.relu_grad([[1, -1], [0, 2]]), [[1.0, 0.0], [0.0, 1.0]], dtype=np.float64,
                        what="relu_grad([[1, -1], [0, 2]])")


@pytest.mark.exercise("relu_node")
def test_relu_node_at_zero_and_checks(sub):
    y, dw, db = sub.relu_node([1.0, 0.0], [1.0, 1.0], -1.0)
    checks.assert_scalar(y, 0.0, what="y for w·x + b = 0")
    checks.assert_close(dw, [0.0, 0.0], what="dy/dw for w·x + b = 0 (the derivative is 0 where z ≤ 0)")
    checks.assert_scalar(db, 0.0, what="dy/db for w·x + b = 0")
    checks.expect_error(ValueError, sub.relu_node, [1.0, 2.0], [1.0], 0.0, what="relu_node of w (2,) and x (1,)")


@pytest.mark.exercise("jacobian")
def test_jacobian_is_central_and_scalar_f(sub):
    checks.assert_close(sub.jacobian(lambda v: [v[0] ** 3], [2.0], h=0.1), [[12.01]], rtol=1e-9,
                        what="jacobian of [x**3] at [2] with h=0.1 (central: 3x² + h²)")
    got = sub.jacobian(lambda v: v[0] + 2 * v[1], [1.0, 1.0])
    checks.assert_close(got, [[1.0, 2.0]], rtol=1e-8, dtype=np.float64,
                        what="jacobian of a scalar f (m = 1: shape (1, n))")
    checks.expect_error(ValueError, sub.jacobian, lambda v: v, [1.0], h=0.0, mentions="h")


@pytest.mark.exercise("hessian")
def test_hessian_uses_h(sub):
    checks.assert_close(sub.hessian(lambda v: v[0] ** 4, [1.0], h=0.1), [[12.08]], rtol=1e-9,
                        what="hessian of x**4 at 1 with h=0.1 ((f(x+2h) - 2f(x) + f(x-2h)) / 4h² = 12 + 8h²)")
    checks.expect_error(ValueError, sub.hessian, lambda v: v[0], [1.0], h=0.0, mentions="h")


@pytest.mark.exercise("max_stable_lr")
def test_max_stable_lr_rejects_semidefinite_and_asymmetric(sub):
    checks.expect_error(ValueError, sub.max_stable_lr, [[1.0, 0.0], [0.0, 0.0]], mentions="positive definite",
                        what="max_stable_lr([[1, 0], [0, 0]]) (semidefinite)")
    checks.expect_error(ValueError, sub.max_stable_lr, [[2.0, 1.0], [0.0, 2.0]], mentions="symmetric")


@pytest.mark.exercise("lr_regime")
def test_lr_regime_boundaries(sub):
    for lr, expected, why in ((0.25, "converges", "q = 1 exactly"), (0.5, "oscillates", "q = 2 exactly"),
                              (0.5 + 2.5e-13, "oscillates", "q = 2 + 1e-12, within tol")):
        got = sub.lr_regime(DIAGONAL_H, lr)
        assert got == expected, f"lr_regime(H={DIAGONAL_H}, lr={lr}) ({why}) should be {expected!r}, got {got!r}"
    checks.expect_error(ValueError, sub.lr_regime, DIAGONAL_H, -0.1, mentions="lr")
    checks.expect_error(ValueError, sub.lr_regime, DIAGONAL_H, 0.1, tol=0.0, mentions="tol")


@pytest.mark.exercise("steps_to_converge")
def test_steps_to_converge_l2_norm_and_start(sub):
    grad = lambda w: 2 * w  # noqa: E731
    checks.assert_scalar(sub.steps_to_converge(grad, [0.0], 0.5), 0, kind=int,
                         inputs="grad 2w, w0=[0.0] (already converged at w0)", what="steps_to_converge")
    checks.assert_scalar(sub.steps_to_converge(grad, [5e-7, 5e-7], 0.25), 1, kind=int, what="steps_to_converge",
                         inputs="grad 2w, w0=[5e-7, 5e-7], lr=0.25 (‖grad‖₂ = 1.41e-6 > tol at w0)")
    checks.expect_error(ValueError, sub.steps_to_converge, grad, [1.0], 0.1, tol=0.0, mentions="tol")
    checks.expect_error(ValueError, sub.steps_to_converge, grad, [1.0], 0.1, max_steps=-1, mentions="max_steps")


@pytest.mark.exercise("gd_step")
def test_gd_step_returns_a_new_array(sub):
    got, info = sub.inspect_call("gd_step", np.array([1.0, 2.0]), np.zeros(2), 0.1)
    checks.assert_close(got, [1.0, 2.0], what="gd_step(w, zeros, 0.1)")
    assert not info.shares_memory, "gd_step should put the update into a NEW array, not return w itself"


@pytest.mark.exercise("relu")
def test_relu_returns_a_new_array(sub):
    got, info = sub.inspect_call("relu", np.array([1.0, 2.0]))
    checks.assert_close(got, [1.0, 2.0], what="relu([1.0, 2.0])")
    assert not info.shares_memory, "relu should return a NEW array, not z itself"


@pytest.mark.exercise("gradient")
def test_gradient_returns_a_new_array(sub):
    got, info = sub.inspect_call("gradient", lambda v: float(v.sum()), np.array([1.0, 2.0]))
    checks.assert_close(got, [1.0, 1.0], rtol=1e-8, dtype=np.float64, what="gradient of sum(v)")
    assert not info.shares_memory, "gradient should return a new array, not a view of x"


@pytest.mark.exercise("relu_node")
def test_relu_node_types(sub):
    y, dw, db = sub.relu_node([1, 2], [3, 4], 0)
    checks.assert_scalar(y, 11.0, what="y of relu_node([1, 2], [3, 4], 0) (a Python float)")
    checks.assert_close(dw, [3.0, 4.0], dtype=np.float64, what="dy/dw (float64, even for int inputs)")


@pytest.mark.exercise("hessian")
def test_hessian_float64_shape(sub):
    got = sub.hessian(lambda v: v[0] * v[1], [1, 2])
    checks.assert_close(got, [[0.0, 1.0], [1.0, 0.0]], rtol=1e-6, atol=1e-6, dtype=np.float64,
                        what="hessian of x·y at int x = [1, 2]")
