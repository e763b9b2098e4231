"""Hidden suite for neural_network: softmax, cross-entropy, backpropagation, training, the perceptron.

Oracles: ``scipy.special.softmax`` / ``log_softmax`` for the softmax and the loss; a trusted
forward pass and trusted backpropagation written here, checked in turn against central
differences of the trusted loss; ``np.random.default_rng(seed)`` draws for the initial
weights; a trusted re-implementation of Rosenblatt's rule for the perceptron's trajectory.
The trained network is graded by what it does (its test accuracy on the course's digits,
determinism, one step of gradient descent, a falling loss), never by matching one set of
weights bit for bit. Each comparison states its tolerance.
"""
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.special import log_softmax
from scipy.special import softmax as scipy_softmax
from threadpoolctl import threadpool_limits

from autograder.suites import checks
from autograder.suites import strategies as S

# Budget 10. Backpropagation and training are the heart of the module (2 each); the
# perceptron's rule with its stopping and the numerically stable softmax come next (1.5);
# the loss, its gradient and the initialisation are short but exact (1 / 0.75); the
# forward pass, the loss of a network and the arg-max are compositions (0.5 / 0.75).
POINTS = {
    "softmax": 1.25,
    "cross_entropy": 1,
    "softmax_cross_entropy_grad": 1,
    "init_network": 0.75,
    "forward": 0.75,
    "loss": 0.5,
    "backward": 2,
    "train_network": 1.5,
    "predict": 0.25,
    "perceptron_train": 1,
}

SPLIT_SEED = 0
N_TEST = 200
MIN_ACCURACY = 0.90


# --- trusted side ------------------------------------------------------------------------

def trusted_forward(x, layers):
    (w1, b1), (w2, b2) = layers
    z1 = x @ w1.T + b1
    return z1, np.maximum(z1, 0.0) @ w2.T + b2


def trusted_loss(x, labels, layers, eps=1e-12):
    _, logits = trusted_forward(x, layers)
    picked = np.exp(log_softmax(logits, axis=1)[np.arange(len(x)), labels])
    return float(-np.mean(np.log(np.clip(picked, eps, 1.0))))


def trusted_backward(x, labels, layers):
    (w1, _), (w2, _) = layers
    z1, logits = trusted_forward(x, layers)
    dz2 = scipy_softmax(logits, axis=1)
    dz2[np.arange(len(x)), labels] -= 1.0
    dz2 /= len(x)
    hidden = np.maximum(z1, 0.0)
    dz1 = (dz2 @ w2) * (z1 > 0)
    return [(dz1.T @ x, dz1.sum(axis=0)), (dz2.T @ hidden, dz2.sum(axis=0))]


def trusted_init(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    w1 = rng.normal(0.0, np.sqrt(2.0 / n_in), (n_hidden, n_in))
    w2 = rng.normal(0.0, np.sqrt(2.0 / n_hidden), (n_out, n_hidden))
    return [(w1, np.zeros(n_hidden)), (w2, np.zeros(n_out))]


def trusted_perceptron(X, y, epochs, lr):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for row, target in zip(X, y):
            pred = 1.0 if float(w @ row) + b > 0 else 0.0
            if pred != target:
                w, b, mistakes = w + lr * (target - pred) * row, b + lr * (target - pred), mistakes + 1
        if not mistakes:
            return w, b, True
    return w, b, False


def numeric_gradients(x, labels, layers, h=1e-5):
    """Central differences of the trusted loss for every parameter (error ~h², round-off ~1e-11)."""
    grads = []
    for index, (w, b) in enumerate(layers):
        pair = []
        for which, param in ((0, w), (1, b)):
            grad = np.empty_like(param)
            for pos in np.ndindex(param.shape):
                def shifted(delta):
                    copy = [(lw.copy(), lb.copy()) for lw, lb in layers]
                    copy[index][which][pos] += delta
                    return trusted_loss(x, labels, copy)
                grad[pos] = (shifted(h) - shifted(-h)) / (2 * h)
            pair.append(grad)
        grads.append(tuple(pair))
    return grads


@st.composite
def networks(draw, max_n=6, max_d=4, max_h=5, max_k=4, scale=1.0):
    """``(x, labels, layers)`` of a random two-layer network, shapes drawn, labels in range."""
    n, d = draw(st.integers(1, max_n)), draw(st.integers(1, max_d))
    h, k = draw(st.integers(1, max_h)), draw(st.integers(2, max_k))
    g = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    layers = [(g.normal(0, scale, (h, d)), g.normal(0, scale, h)),
              (g.normal(0, scale, (k, h)), g.normal(0, scale, k))]
    x = g.normal(0, 1.0, (n, d))
    labels = g.integers(0, k, n)
    return x, labels, layers


def assert_python_float(got, what, inputs=""):
    """Exactly ``float``: ``np.float64`` passes ``isinstance(x, float)`` but is not a Python float."""
    assert type(got) is float, (
        f"{what} should be a Python float (convert with float(...)), got {checks.type_name(got)}"
        + (f"\n  input: {inputs}" if inputs else ""))


def copy_layers(layers):
    return [(w.copy(), b.copy()) for w, b in layers]


def assert_layers(got, expected, what, inputs="", rtol=1e-9, atol=1e-12):
    """``got`` is ``[(W1, b1), (W2, b2)]``: a list of two tuples of float64 arrays near ``expected``."""
    assert type(got) is list and len(got) == 2 and all(type(p) is tuple and len(p) == 2 for p in got), (
        f"{what} should be a list of two (W, b) tuples, got {checks.fmt(got)}")
    for (gw, gb), (ew, eb), name in zip(got, expected, ("1", "2")):
        checks.assert_close(gw, ew, rtol=rtol, atol=atol, dtype=np.float64, what=f"W{name} of {what}",
                            inputs=inputs)
        checks.assert_close(gb, eb, rtol=rtol, atol=atol, dtype=np.float64, what=f"b{name} of {what}",
                            inputs=inputs)


def small_net(d=2, h=3, k=2):
    g = np.random.default_rng(7)
    return [(g.normal(size=(h, d)), g.normal(size=h)), (g.normal(size=(k, h)), g.normal(size=k))]


@pytest.fixture(scope="module")
def course_split():
    data, y = checks.digits()
    x = data / 16.0
    order = np.random.default_rng(SPLIT_SEED).permutation(len(x))
    return x[order[N_TEST:]], y[order[N_TEST:]], x[order[:N_TEST]], y[order[:N_TEST]]


# --- softmax -------------------------------------------------------------------------

logits = st.one_of(
    st.integers(1, 6).flatmap(lambda k: S.arrays((k,), np.float64, -50, 50)),
    st.tuples(st.integers(1, 5), st.integers(1, 6)).flatmap(lambda s: S.arrays(s, np.float64, -50, 50)))


@pytest.mark.exercise("softmax", weight=3)
@settings(max_examples=30)
@given(z=logits)
def test_softmax_matches_scipy(sub, z):
    got, info = sub.inspect_call("softmax", z.copy())
    inputs = checks.fmt(z)
    assert not info.mutated, f"softmax modified its input z\n  input: {inputs}"
    assert not info.shares_memory, f"softmax returned a view of its input z\n  input: {inputs}"
    checks.assert_close(got, scipy_softmax(z, axis=-1), rtol=1e-12, atol=1e-15, dtype=np.float64,
                        what="softmax(z): exp(z - max) / Σ exp(z - max) per row (the last axis), "
                             "shape of z", inputs=inputs)


@pytest.mark.exercise("softmax", weight=2)
def test_softmax_does_not_overflow(sub):
    for z in (np.array([[1e4, 1e4 - 1.0, -1e4], [-1e4, -1e4, -1e4 + 2.0]]), np.array([1e4, 0.0, 1e4])):
        got = sub.softmax(z)
        checks.assert_close(got, scipy_softmax(z, axis=-1), rtol=1e-12, atol=1e-15, dtype=np.float64,
                            what="softmax of entries near ±1e4 (subtract each row's maximum "
                                 "before exp, or exp overflows to inf and inf/inf is nan)",
                            inputs=checks.fmt(z))


@pytest.mark.exercise("softmax")
def test_softmax_ints_and_bad_shapes(sub):
    checks.assert_close(sub.softmax([[1, 1], [0, 2]]), scipy_softmax([[1.0, 1.0], [0.0, 2.0]], axis=-1),
                        rtol=1e-12, dtype=np.float64, what="softmax of ints [[1, 1], [0, 2]]")
    for z, label in ((np.zeros((2, 2, 2)), "a 3-D z"), (3.0, "a scalar z")):
        checks.expect_error(ValueError, sub.softmax, z, mentions="z", what=f"softmax of {label}")


# --- cross_entropy -------------------------------------------------------------------

@st.composite
def predictions(draw):
    n, k = draw(st.integers(1, 6)), draw(st.integers(2, 5))
    z = draw(S.arrays((n, k), np.float64, -8, 8))
    labels = np.asarray(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)), dtype=np.int64)
    return z, labels


@pytest.mark.exercise("cross_entropy", weight=3)
@settings(max_examples=30)
@given(case=predictions())
def test_cross_entropy_matches_log_softmax(sub, case):
    z, labels = case
    probs = scipy_softmax(z, axis=1)
    expected = float(-np.mean(log_softmax(z, axis=1)[np.arange(len(z)), labels]))
    inputs = f"probs = {checks.fmt(probs)}, labels = {checks.fmt(labels)}"
    got, info = sub.inspect_call("cross_entropy", probs.copy(), labels.copy())
    assert not info.mutated, f"cross_entropy modified its input(s) {info.mutated}\n  input: {inputs}"
    assert_python_float(got, "cross_entropy", inputs)
    checks.assert_scalar(got, expected, rtol=1e-9, atol=1e-12,
                         what="cross_entropy = -mean_i log(probs[i, labels[i]]) (a MEAN over rows, "
                              "a Python float)", inputs=inputs)


@pytest.mark.exercise("cross_entropy", weight=2)
def test_cross_entropy_clips(sub):
    probs = [[1.0, 0.0], [0.5, 0.5]]
    checks.assert_scalar(sub.cross_entropy(probs, [1, 0]), (-np.log(1e-12) + np.log(2)) / 2, rtol=1e-12,
                         what="cross_entropy with a zero probability on a true class (clip to "
                              "[eps, 1] before the log: no inf)", inputs=f"probs = {probs}, labels = [1, 0]")
    checks.assert_scalar(sub.cross_entropy([[0.0, 1.0]], [0], eps=1e-3), -np.log(1e-3), rtol=1e-12,
                         what="cross_entropy with eps=1e-3", inputs="probs = [[0.0, 1.0]], labels = [0]")
    checks.assert_scalar(sub.cross_entropy([[0.0, 1.0 + 1e-9]], [1]), 0.0, atol=1e-15,
                         what="cross_entropy of a probability just above 1 (clipped to 1: loss 0)",
                         inputs="probs = [[0.0, 1.000000001]], labels = [1]")


@pytest.mark.exercise("cross_entropy")
def test_cross_entropy_one_row(sub):
    checks.assert_scalar(sub.cross_entropy([0.2, 0.8], 1), -np.log(0.8), rtol=1e-12,
                         what="cross_entropy of a 1-D probs (one row) and one label",
                         inputs="probs = [0.2, 0.8], labels = 1")


@pytest.mark.exercise("cross_entropy")
def test_cross_entropy_bad_labels(sub):
    probs = [[0.5, 0.5], [0.1, 0.9]]
    for labels, why in (([0, 2], "a label equal to k = 2"), ([0, -1], "a negative label"),
                        ([0, 1, 1], "three labels for two rows"), ([0.5, 1.0], "a label 0.5")):
        checks.expect_error(ValueError, sub.cross_entropy, probs, labels, mentions="labels",
                            what=f"cross_entropy with {why} (labels = {labels})")


# --- softmax_cross_entropy_grad ------------------------------------------------------

def grad_oracle(z, labels):
    rows = np.atleast_2d(z)
    g = scipy_softmax(rows, axis=1)
    g[np.arange(len(rows)), np.atleast_1d(labels)] -= 1.0
    return (g / len(rows)).reshape(np.shape(z))


@pytest.mark.exercise("softmax_cross_entropy_grad", weight=3)
@settings(max_examples=30)
@given(case=predictions())
def test_softmax_cross_entropy_grad_matches_oracle(sub, case):
    z, labels = case
    inputs = f"z = {checks.fmt(z)}, labels = {checks.fmt(labels)}"
    got, info = sub.inspect_call("softmax_cross_entropy_grad", z.copy(), labels.copy())
    assert not info.mutated, f"softmax_cross_entropy_grad modified its input(s) {info.mutated}\n  input: {inputs}"
    checks.assert_close(got, grad_oracle(z, labels), rtol=1e-10, atol=1e-14, dtype=np.float64,
                        what="(softmax(z) - one_hot(labels)) / n (the loss is a mean over the n rows)",
                        inputs=inputs)


@pytest.mark.exercise("softmax_cross_entropy_grad")
def test_softmax_cross_entropy_grad_is_the_derivative(sub):
    z = np.array([[0.3, -1.2, 2.0], [1.0, 0.5, -0.5]])
    labels = np.array([2, 0])
    h = 1e-6
    numeric = np.empty_like(z)
    for pos in np.ndindex(z.shape):
        up, down = z.copy(), z.copy()
        up[pos] += h
        down[pos] -= h
        numeric[pos] = (-np.mean(log_softmax(up, axis=1)[[0, 1], labels])
                        + np.mean(log_softmax(down, axis=1)[[0, 1], labels])) / (2 * h)
    checks.assert_close(sub.softmax_cross_entropy_grad(z, labels), numeric, rtol=1e-6, atol=1e-8,
                        what="gradient against central differences of the mean cross-entropy",
                        inputs=f"z = {z.tolist()}, labels = [2, 0]")


@pytest.mark.exercise("softmax_cross_entropy_grad")
def test_softmax_cross_entropy_grad_one_row_and_large(sub):
    got = sub.softmax_cross_entropy_grad([0.0, np.log(3.0)], 0)
    checks.assert_close(got, [-0.75, 0.75], rtol=1e-12, dtype=np.float64,
                        what="gradient for a 1-D z (one row, n = 1): shape of z",
                        inputs="z = [0, ln 3], labels = 0")
    z = np.array([[1e4, -1e4, 0.0], [1e4, 1e4, 1e4]])
    checks.assert_close(sub.softmax_cross_entropy_grad(z, [1, 2]), grad_oracle(z, [1, 2]), rtol=1e-12,
                        atol=1e-15, what="gradient for logits of ±1e4 (a stable softmax: no nan)",
                        inputs=checks.fmt(z))


@pytest.mark.exercise("softmax_cross_entropy_grad")
def test_softmax_cross_entropy_grad_bad_labels(sub):
    for labels in ([0, 3], [1]):
        checks.expect_error(ValueError, sub.softmax_cross_entropy_grad, np.zeros((2, 3)), labels,
                            mentions="labels", what=f"softmax_cross_entropy_grad of a (2, 3) z with "
                                                    f"labels = {labels}")


# --- init_network --------------------------------------------------------------------

@pytest.mark.exercise("init_network", weight=3)
@settings(max_examples=20)
@given(sizes=st.tuples(st.integers(1, 9), st.integers(1, 9), st.integers(1, 9)),
       seed=st.integers(0, 2**32 - 1))
def test_init_network_draws(sub, sizes, seed):
    got = sub.init_network(*sizes, seed=seed)
    assert_layers(got, trusted_init(*sizes, seed), rtol=1e-12, atol=0,
                  what=f"init_network{sizes + (seed,)}: with rng = default_rng(seed), W1 = "
                       "rng.normal(0, sqrt(2/n_in), (n_hidden, n_in)) drawn FIRST, then W2 = "
                       "rng.normal(0, sqrt(2/n_hidden), (n_out, n_hidden)); zero biases")


@pytest.mark.exercise("init_network")
def test_init_network_seeding(sub):
    a, b = sub.init_network(4, 3, 2, seed=11), sub.init_network(4, 3, 2, seed=11)
    assert_layers(b, a, rtol=0, atol=0, what="init_network(4, 3, 2, seed=11) called twice")
    fresh = [sub.init_network(4, 3, 2)[0][0] for _ in range(2)]
    assert not np.array_equal(*fresh), "init_network without a seed gave the same W1 twice"


@pytest.mark.exercise("init_network")
def test_init_network_bad_sizes(sub):
    for args, name in (((0, 3, 2), "n_in"), ((4, 0, 2), "n_hidden"), ((4, 3, 0), "n_out"),
                       ((4, 2.5, 2), "n_hidden")):
        checks.expect_error(ValueError, sub.init_network, *args, mentions=name,
                            what=f"init_network{args}")


# --- forward -------------------------------------------------------------------------

@pytest.mark.exercise("forward", weight=3)
@settings(max_examples=30)
@given(case=networks())
def test_forward_matches_oracle(sub, case):
    x, _, layers = case
    inputs = f"x = {checks.fmt(x)}, layers = {checks.fmt(layers)}"
    got, info = sub.inspect_call("forward", x.copy(), copy_layers(layers))
    assert not info.mutated, f"forward modified its input(s) {info.mutated}\n  input: {inputs}"
    checks.assert_close(got, trusted_forward(x, layers)[1], rtol=1e-10, atol=1e-12, dtype=np.float64,
                        what="logits relu(x W1ᵀ + b1) W2ᵀ + b2, shape (n, k)", inputs=inputs)


@pytest.mark.exercise("forward")
def test_forward_bad_shapes(sub):
    layers = small_net(d=2, h=3, k=2)
    checks.expect_error(ValueError, sub.forward, np.ones((4, 3)), layers, mentions="x",
                        what="forward of x with 3 columns through W1 of shape (3, 2)")
    checks.expect_error(ValueError, sub.forward, np.ones(2), layers, mentions="x",
                        what="forward of a 1-D x (a batch has shape (n, d))")
    (w1, b1), (w2, b2) = layers
    checks.expect_error(ValueError, sub.forward, np.ones((4, 2)), [(w1, b1[:2]), (w2, b2)],
                        mentions="layers", what="forward with b1 of shape (2,) for W1 of shape (3, 2)")


# --- loss ----------------------------------------------------------------------------

@pytest.mark.exercise("loss", weight=3)
@settings(max_examples=25)
@given(case=networks())
def test_loss_matches_oracle(sub, case):
    x, labels, layers = case
    inputs = f"x = {checks.fmt(x)}, labels = {checks.fmt(labels)}, layers = {checks.fmt(layers)}"
    got, info = sub.inspect_call("loss", x.copy(), labels.copy(), copy_layers(layers))
    assert not info.mutated, f"loss modified its input(s) {info.mutated}\n  input: {inputs}"
    assert_python_float(got, "loss", inputs)
    checks.assert_scalar(got, trusted_loss(x, labels, layers), rtol=1e-9, atol=1e-12,
                         what="cross_entropy(softmax(forward(x, layers)), labels)", inputs=inputs)


@pytest.mark.exercise("loss")
def test_loss_large_logits_and_labels(sub):
    x = np.array([[1.0, -1.0], [0.5, 2.0]])
    layers = [(np.eye(2) * 3e3, np.zeros(2)), (np.array([[2.0, 0.0], [0.0, 2.0]]), np.zeros(2))]
    checks.assert_scalar(sub.loss(x, [0, 0], layers), trusted_loss(x, [0, 0], layers), rtol=1e-9,
                         what="loss with logits of the order of 1e4 (a stable softmax, clipped log)",
                         inputs=f"x = {x.tolist()}, labels = [0, 0], W1 = 3000·I")
    checks.expect_error(ValueError, sub.loss, x, [0, 2], layers, mentions="labels",
                        what="loss with a label 2 for a network of 2 classes")


# --- backward ------------------------------------------------------------------------

@pytest.mark.exercise("backward", weight=3)
@settings(max_examples=12)
@given(case=networks(max_n=4, max_d=3, max_h=4, max_k=3))
def test_backward_matches_central_differences(sub, case):
    x, labels, layers = case
    z1, _ = trusted_forward(x, layers)
    assume(np.abs(z1).min() > 1e-3)  # away from the ReLU's kink, where the loss is smooth
    inputs = f"x = {checks.fmt(x)}, labels = {checks.fmt(labels)}, layers = {checks.fmt(layers)}"
    got, info = sub.inspect_call("backward", x.copy(), labels.copy(), copy_layers(layers))
    assert not info.mutated, f"backward modified its input(s) {info.mutated}\n  input: {inputs}"
    assert_layers(got, numeric_gradients(x, labels, layers), rtol=1e-6, atol=1e-8,
                  what="backward: the gradients [(dW1, db1), (dW2, db2)] of loss, against central "
                       "differences of the loss", inputs=inputs)


@pytest.mark.exercise("backward", weight=2)
@settings(max_examples=25)
@given(case=networks(max_n=8, max_d=5, max_h=6, max_k=5))
def test_backward_matches_backpropagation(sub, case):
    x, labels, layers = case
    inputs = f"x = {checks.fmt(x)}, labels = {checks.fmt(labels)}, layers = {checks.fmt(layers)}"
    got = sub.backward(x, labels, layers)
    assert_layers(got, trusted_backward(x, labels, layers), rtol=1e-9, atol=1e-12,
                  what="backward (the chain rule from dz2 = (softmax - one_hot) / n back to dW1)",
                  inputs=inputs)


@pytest.mark.exercise("backward")
def test_backward_relu_kink_passes_no_gradient(sub):
    # row 0 is all zeros and b1 = 0, so every hidden input of row 0 is exactly 0
    x = np.array([[0.0, 0.0], [1.0, 2.0], [-0.5, 1.5]])
    layers = [(np.array([[1.0, -1.0], [0.5, 0.25], [-1.0, 0.3]]), np.zeros(3)),
              (np.array([[1.0, -2.0, 0.5], [0.3, 0.7, -1.1]]), np.array([0.1, -0.1]))]
    labels = np.array([1, 0, 1])
    assert_layers(sub.backward(x, labels, layers), trusted_backward(x, labels, layers), rtol=1e-9,
                  atol=1e-12, what="backward where some ReLU inputs are exactly 0 (derivative 0 "
                                   "there, as relu_grad)", inputs=f"x = {x.tolist()}, b1 = 0")


@pytest.mark.exercise("backward")
def test_backward_bad_input(sub):
    layers = small_net()
    checks.expect_error(ValueError, sub.backward, np.ones((2, 2)), [0, 5], layers, mentions="labels",
                        what="backward with a label 5 for a network of 2 classes")
    checks.expect_error(ValueError, sub.backward, np.ones((2, 4)), [0, 1], layers, mentions="x",
                        what="backward of x with 4 columns through W1 of shape (3, 2)")


# --- train_network -------------------------------------------------------------------

@pytest.fixture(scope="module")
def course_network(sub, course_split):
    x_train, y_train, _, _ = course_split
    with threadpool_limits(1):
        return sub.train_network(x_train, y_train)


@pytest.mark.exercise("train_network", weight=4)
def test_train_network_reaches_digits_accuracy(sub, course_split, course_network):
    _, _, x_test, y_test = course_split
    _, logits = trusted_forward(x_test, course_network)
    accuracy = float(np.mean(np.argmax(logits, axis=1) == y_test))
    assert accuracy >= MIN_ACCURACY, (
        f"train_network with its defaults on the digits (pixels / 16, shuffle_split n_test=200, "
        f"seed=0) should reach a test accuracy of at least {MIN_ACCURACY}, got {accuracy:.3f}")


@pytest.mark.exercise("train_network", weight=2)
def test_train_network_one_step_and_start(sub):
    g = np.random.default_rng(3)
    x, labels = g.normal(size=(12, 5)), np.array([0, 1, 2, 3] * 3)
    start = trusted_init(5, 6, 4, 9)
    assert_layers(sub.train_network(x, labels, n_hidden=6, lr=0.3, epochs=0, seed=9), start,
                  rtol=1e-12, atol=0, what="train_network(..., n_hidden=6, epochs=0, seed=9): "
                  "init_network(d, n_hidden, k = max(labels) + 1, seed)")
    grads = trusted_backward(x, labels, start)
    step = [(w - 0.3 * dw, b - 0.3 * db) for (w, b), (dw, db) in zip(start, grads)]
    assert_layers(sub.train_network(x, labels, n_hidden=6, lr=0.3, epochs=1, seed=9), step,
                  rtol=1e-9, atol=1e-12, what="train_network with epochs=1: one full-batch step "
                  "W - lr·dW, b - lr·db from the initial network")


@pytest.mark.exercise("train_network")
def test_train_network_learns_and_is_deterministic(sub):
    g = np.random.default_rng(5)
    x = g.normal(size=(40, 3))
    labels = (x[:, 0] + x[:, 1] > 0).astype(np.int64) + 2 * (x[:, 2] > 0.5)
    (x_before, y_before) = x.copy(), labels.copy()
    first, info = sub.inspect_call("train_network", x, labels, n_hidden=8, lr=0.5, epochs=60, seed=4)
    assert not info.mutated, f"train_network modified its input(s) {info.mutated}"
    checks.assert_unchanged(x_before, x, "x")
    checks.assert_unchanged(y_before, labels, "labels")
    assert first[1][0].shape == (int(labels.max()) + 1, 8), (
        f"the output layer should have k = max(labels) + 1 = {int(labels.max()) + 1} rows, "
        f"got W2 of shape {first[1][0].shape}")
    start = trusted_init(3, 8, int(labels.max()) + 1, 4)
    before, after = trusted_loss(x, labels, start), trusted_loss(x, labels, first)
    assert after < 0.7 * before, (
        f"60 epochs of gradient descent (lr=0.5) should lower the loss well below its start "
        f"{before:.4f}; got {after:.4f}")
    again = sub.train_network(x, labels, n_hidden=8, lr=0.5, epochs=60, seed=4)
    assert_layers(again, first, rtol=0, atol=0, what="train_network called twice with seed=4")
    other = sub.train_network(x, labels, n_hidden=8, lr=0.5, epochs=60, seed=5)
    assert not np.array_equal(other[0][0], first[0][0]), "seeds 4 and 5 trained the same W1"


@pytest.mark.exercise("train_network")
def test_train_network_errors(sub):
    x, labels = np.ones((4, 2)), [0, 1, 1, 0]
    for kwargs, name in (({"lr": 0.0}, "lr"), ({"lr": -0.5}, "lr"), ({"epochs": -1}, "epochs"),
                         ({"n_hidden": 0}, "n_hidden")):
        checks.expect_error(ValueError, sub.train_network, x, labels, mentions=name,
                            what=f"train_network(x, labels, {', '.join(f'{k}={v}' for k, v in kwargs.items())})",
                            **kwargs)
    checks.expect_error(ValueError, sub.train_network, x, [0, 1, 1], mentions="labels",
                        what="train_network with 3 labels for 4 rows")
    checks.expect_error(ValueError, sub.train_network, x, [0, -1, 1, 0], mentions="labels",
                        what="train_network with a negative label")


# --- predict -------------------------------------------------------------------------

@pytest.mark.exercise("predict", weight=2)
@settings(max_examples=25)
@given(case=networks(max_n=8))
def test_predict_is_argmax(sub, case):
    x, _, layers = case
    got, info = sub.inspect_call("predict", x.copy(), copy_layers(layers))
    assert not info.mutated, f"predict modified its input(s) {info.mutated}"
    checks.assert_array(got, shape=(len(x),), what="predict (one label per row)")
    assert got.dtype.kind in "iu", f"predict should return integer labels, got dtype {got.dtype}"
    checks.assert_close(got, np.argmax(trusted_forward(x, layers)[1], axis=1), rtol=0, atol=0,
                        what="the arg-max of the logits of each row",
                        inputs=f"x = {checks.fmt(x)}, layers = {checks.fmt(layers)}")


@pytest.mark.exercise("predict")
def test_predict_digits_network(sub, course_split, course_network):
    _, _, x_test, _ = course_split
    checks.assert_close(sub.predict(x_test, course_network),
                        np.argmax(trusted_forward(x_test, course_network)[1], axis=1), rtol=0, atol=0,
                        what="predict of the trained digits network on the 200 test images")


# --- perceptron_train ----------------------------------------------------------------

GATES = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "XOR": [0, 1, 1, 0]}
TRUTH_TABLE = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def assert_perceptron(got, expected, what, inputs=""):
    assert type(got) is tuple and len(got) == 3, f"{what} should return (w, b, converged), got {checks.fmt(got)}"
    w, b, converged = got
    checks.assert_close(w, expected[0], rtol=1e-12, atol=1e-12, dtype=np.float64, what=f"w of {what}",
                        inputs=inputs)
    assert_python_float(b, f"b of {what}", inputs)
    checks.assert_scalar(b, expected[1], rtol=1e-12, atol=1e-12, what=f"b of {what}", inputs=inputs)
    assert type(converged) is bool, (
        f"converged of {what} should be a Python bool, got {checks.type_name(converged)}")
    assert converged == expected[2], (
        f"converged of {what} should be {expected[2]}, got {converged}{chr(10)}  input: {inputs}")


@st.composite
def perceptron_cases(draw):
    n, d = draw(st.integers(1, 8)), draw(st.integers(1, 3))
    X = draw(S.arrays((n, d), np.int64, -3, 3))
    y = np.asarray(draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)), dtype=np.int64)
    return X, y, draw(st.integers(0, 15)), draw(st.sampled_from((0.5, 1.0, 2.0)))


@pytest.mark.exercise("perceptron_train", weight=3)
@settings(max_examples=40)
@given(case=perceptron_cases())
def test_perceptron_follows_the_rule(sub, case):
    X, y, epochs, lr = case
    inputs = f"X = {X.tolist()}, y = {y.tolist()}, epochs = {epochs}, lr = {lr}"
    got, info = sub.inspect_call("perceptron_train", X.copy(), y.copy(), epochs=epochs, lr=lr)
    assert not info.mutated, f"perceptron_train modified its input(s) {info.mutated}\n  input: {inputs}"
    assert_perceptron(got, trusted_perceptron(X, y, epochs, lr), inputs=inputs,
                      what="perceptron_train (w = 0, b = 0; rows in order; pred = 1 if w·x + b > 0 "
                           "else 0; w += lr(y - pred)x, b += lr(y - pred); stop after an epoch "
                           "without mistakes)")


@pytest.mark.exercise("perceptron_train", weight=2)
def test_perceptron_logic_gates(sub):
    for gate in ("AND", "OR"):
        w, b, converged = sub.perceptron_train(TRUTH_TABLE, GATES[gate])
        assert converged is True, f"the perceptron should converge on {gate} (it is linearly separable)"
        pred = (TRUTH_TABLE @ w + b > 0).astype(int)
        assert pred.tolist() == GATES[gate], (
            f"the converged perceptron should compute {gate} {GATES[gate]}, it gives {pred.tolist()}")
    for epochs in (100, 1000):
        w, b, converged = sub.perceptron_train(TRUTH_TABLE, GATES["XOR"], epochs=epochs)
        assert converged is False, (
            f"the perceptron can never converge on XOR (no line separates it), but with "
            f"epochs={epochs} it returned converged={converged!r}")


@pytest.mark.exercise("perceptron_train")
def test_perceptron_errors(sub):
    X = TRUTH_TABLE
    for kwargs, name in (({"lr": 0.0}, "lr"), ({"lr": -1.0}, "lr"), ({"epochs": -1}, "epochs")):
        checks.expect_error(ValueError, sub.perceptron_train, X, GATES["AND"], mentions=name,
                            what=f"perceptron_train with {kwargs}", **kwargs)
    checks.expect_error(ValueError, sub.perceptron_train, X, [0, 1, 2, 1], mentions="y",
                        what="perceptron_train with a label 2 (labels are 0 or 1)")
    checks.expect_error(ValueError, sub.perceptron_train, X, [0, 1, 1], mentions="y",
                        what="perceptron_train with 3 labels for 4 rows")
    checks.expect_error(ValueError, sub.perceptron_train, [0, 1, 1, 0], [0, 1, 1, 0], mentions="X",
                        what="perceptron_train with a 1-D X")
