"""Public checks for neural_network: the docstring examples, each clause of the contracts (shapes,
types, errors and what they name, inputs left alone), and the digits network's accuracy (it
trains once, in well under a second)."""
import numpy as np
import pytest

from autograder.suites import checks

# pytest writes a traceback of each failure, re-parsing this file, before the plugin
# replaces it with the feedback block: hiding these frames skips that work.
__tracebackhide__ = True

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

X_BATCH = np.array([[2.0, 1.0], [1.0, 3.0]])
TRUTH_TABLE = [[0, 0], [0, 1], [1, 0], [1, 1]]


def example_layers():
    """The forward docstring's network: hidden [1, 0.5] and [0, 1] for X_BATCH, logits 2.5."""
    return [(np.array([[1.0, -1.0], [0.5, 0.5]]), np.array([0.0, -1.0])),
            (np.array([[1.0, 2.0], [-1.0, 0.0]]), np.array([0.5, 0.0]))]


def copies(layers):
    return [(w.copy(), b.copy()) for w, b in layers]


def assert_same_layers(got, expected, what):
    for (gw, gb), (ew, eb) in zip(got, expected):
        checks.assert_unchanged(ew, gw, f"{what} (a weight matrix)")
        checks.assert_unchanged(eb, gb, f"{what} (a bias vector)")


@pytest.fixture(scope="module")
def digits_split():
    from sklearn.datasets import load_digits  # here, not at the top: it costs ~1 s per run

    d = load_digits()
    x, y = d.data / 16.0, d.target
    order = np.random.default_rng(0).permutation(len(x))
    return x[order[200:]], y[order[200:]], x[order[:200]], y[order[:200]]


# --- softmax -------------------------------------------------------------------------

@pytest.mark.exercise("softmax")
def test_softmax_examples(sub):
    checks.assert_close(sub.softmax([0.0, np.log(3.0)]), [0.25, 0.75], rtol=1e-12, dtype=np.float64,
                        what="softmax([0, ln 3]) (a 1-D z is one row)")
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    want = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    checks.assert_close(sub.softmax(z), want, rtol=1e-12, dtype=np.float64,
                        what="softmax of a (2, 3) batch: each ROW sums to 1", inputs=z.tolist())


@pytest.mark.exercise("softmax")
def test_softmax_large_logits(sub):
    got = sub.softmax([[1e4, 1e4], [1.0, 1.0]])
    checks.assert_close(got, [[0.5, 0.5], [0.5, 0.5]], rtol=1e-12,
                        what="softmax([[1e4, 1e4], [1, 1]]): subtract the row maximum, or exp overflows")


@pytest.mark.exercise("softmax")
def test_softmax_leaves_z_alone_and_checks_it(sub):
    z = np.array([[3.0, -1.0, 0.5]])
    got, info = sub.inspect_call("softmax", z)
    assert not info.mutated and not info.shares_memory, "softmax must return a new array and keep z"
    checks.assert_array(got, shape=(1, 3), dtype=np.float64, what="softmax of a (1, 3) z")
    checks.expect_error(ValueError, sub.softmax, np.zeros((2, 2, 2)), mentions="z",
                        what="softmax of a 3-D z")


# --- cross_entropy -------------------------------------------------------------------

@pytest.mark.exercise("cross_entropy")
def test_cross_entropy_example(sub):
    got = sub.cross_entropy([[0.25, 0.75], [0.5, 0.5]], [1, 0])
    checks.assert_scalar(got, (np.log(4 / 3) + np.log(2)) / 2, rtol=1e-12,
                         what="cross_entropy([[0.25, 0.75], [0.5, 0.5]], [1, 0]): the MEAN of -log p")


@pytest.mark.exercise("cross_entropy")
def test_cross_entropy_clips_and_one_row(sub):
    checks.assert_scalar(sub.cross_entropy([[1.0, 0.0]], [1]), -np.log(1e-12), rtol=1e-12,
                         what="cross_entropy of probability 0 on the true class (clipped to eps=1e-12)")
    checks.assert_scalar(sub.cross_entropy([0.2, 0.8], 1), -np.log(0.8), rtol=1e-12,
                         what="cross_entropy([0.2, 0.8], 1) (a 1-D probs is one row)")


@pytest.mark.exercise("cross_entropy")
def test_cross_entropy_bad_labels(sub):
    for labels in ([0, 2], [0, -1], [0]):
        checks.expect_error(ValueError, sub.cross_entropy, [[0.5, 0.5], [0.1, 0.9]], labels,
                            mentions="labels", what=f"cross_entropy of 2 rows, 2 classes, labels={labels}")


# --- softmax_cross_entropy_grad ------------------------------------------------------

@pytest.mark.exercise("softmax_cross_entropy_grad")
def test_softmax_cross_entropy_grad_example(sub):
    z, labels = np.array([[0.0, 0.0], [0.0, np.log(3.0)]]), np.array([0, 1])
    got, info = sub.inspect_call("softmax_cross_entropy_grad", z, labels)
    assert not info.mutated, f"softmax_cross_entropy_grad modified its input(s) {info.mutated}"
    checks.assert_close(got, [[-0.25, 0.25], [0.125, -0.125]], rtol=1e-12, dtype=np.float64,
                        what="(softmax(z) - one_hot(labels)) / n for z = [[0, 0], [0, ln 3]], labels = [0, 1]")
    checks.assert_close(sub.softmax_cross_entropy_grad([0.0, np.log(3.0)], 1), [0.25, -0.25],
                        rtol=1e-12, what="the gradient for a 1-D z (one row, n = 1, shape of z)")


@pytest.mark.exercise("softmax_cross_entropy_grad")
def test_softmax_cross_entropy_grad_bad_labels(sub):
    checks.expect_error(ValueError, sub.softmax_cross_entropy_grad, np.zeros((2, 3)), [0, 3],
                        mentions="labels", what="softmax_cross_entropy_grad with a label 3 of 3 classes")


# --- init_network --------------------------------------------------------------------

@pytest.mark.exercise("init_network")
def test_init_network_he_draws(sub):
    layers = sub.init_network(5, 4, 3, seed=0)
    assert type(layers) is list and len(layers) == 2 and all(type(p) is tuple for p in layers), (
        f"init_network should return a list of two (W, b) tuples, got {checks.fmt(layers)}")
    rng = np.random.default_rng(0)
    w1 = rng.normal(0, np.sqrt(2 / 5), (4, 5))
    w2 = rng.normal(0, np.sqrt(2 / 4), (3, 4))
    (gw1, gb1), (gw2, gb2) = layers
    checks.assert_close(gw1, w1, rtol=1e-12, dtype=np.float64,
                        what="W1 of init_network(5, 4, 3, seed=0): drawn FIRST, shape (n_hidden, n_in)")
    checks.assert_close(gw2, w2, rtol=1e-12, dtype=np.float64,
                        what="W2 of init_network(5, 4, 3, seed=0): drawn second, shape (n_out, n_hidden)")
    checks.assert_close(gb1, np.zeros(4), dtype=np.float64, what="b1 (zeros)")
    checks.assert_close(gb2, np.zeros(3), dtype=np.float64, what="b2 (zeros)")


@pytest.mark.exercise("init_network")
def test_init_network_bad_sizes(sub):
    for args, name in (((0, 4, 3), "n_in"), ((5, 0, 3), "n_hidden"), ((5, 4, 0), "n_out")):
        checks.expect_error(ValueError, sub.init_network, *args, mentions=name, what=f"init_network{args}")


# --- forward, loss, predict ----------------------------------------------------------

@pytest.mark.exercise("forward")
def test_forward_example(sub):
    layers = example_layers()
    got, info = sub.inspect_call("forward", X_BATCH.copy(), copies(layers))
    assert not info.mutated, f"forward modified its input(s) {info.mutated}"
    checks.assert_close(got, [[2.5, -1.0], [2.5, 0.0]], rtol=1e-12, dtype=np.float64,
                        what="forward: relu(x W1ᵀ + b1) W2ᵀ + b2, shape (n, k)", inputs=X_BATCH.tolist())


@pytest.mark.exercise("forward")
def test_forward_bad_shapes(sub):
    checks.expect_error(ValueError, sub.forward, np.ones((2, 3)), example_layers(), mentions="x",
                        what="forward of x with 3 columns through W1 of shape (2, 2)")
    (w1, b1), (w2, _) = example_layers()
    checks.expect_error(ValueError, sub.forward, X_BATCH, [(w1, b1), (w2, np.zeros(3))], mentions="layers",
                        what="forward with b2 of shape (3,) for W2 of shape (2, 2)")


@pytest.mark.exercise("loss")
def test_loss_of_a_uniform_network(sub):
    layers = [(np.zeros((3, 2)), np.zeros(3)), (np.zeros((4, 3)), np.zeros(4))]
    checks.assert_scalar(sub.loss([[1.0, 2.0]], [2], layers), np.log(4), rtol=1e-12,
                         what="loss of an all-zero network over 4 classes (uniform: ln 4)")
    checks.expect_error(ValueError, sub.loss, [[1.0, 2.0]], [4], layers, mentions="labels",
                        what="loss with a label 4 of 4 classes")


@pytest.mark.exercise("predict")
def test_predict_example(sub):
    layers = [(np.eye(2), np.zeros(2)), (np.eye(2), np.zeros(2))]
    got = sub.predict([[3.0, 1.0], [0.0, 2.0]], layers)
    checks.assert_close(got, [0, 1], what="predict: the arg-max of each row's logits")
    assert got.dtype.kind in "iu", f"predict should return integer labels, got dtype {got.dtype}"


# --- backward ------------------------------------------------------------------------

@pytest.mark.exercise("backward")
def test_backward_example(sub):
    layers = [(np.array([[1.0, 0.0], [0.0, -1.0]]), np.zeros(2)),
              (np.array([[1.0, 1.0], [0.0, 0.0]]), np.zeros(2))]
    got, info = sub.inspect_call("backward", [[1.0, 2.0]], [1], copies(layers))
    assert not info.mutated, f"backward modified its input(s) {info.mutated}"
    assert type(got) is list and len(got) == 2 and all(type(p) is tuple for p in got), (
        f"backward should return [(dW1, db1), (dW2, db2)], a list of two tuples; got {checks.fmt(got)}")
    s = 1 / (1 + np.exp(-1.0))  # softmax([1, 0])[0]
    (dw1, db1), (dw2, db2) = got
    checks.assert_close(db2, [s, -s], rtol=1e-12, dtype=np.float64, what="db2 = softmax - one_hot")
    checks.assert_close(dw2, [[s, 0.0], [-s, 0.0]], rtol=1e-12, dtype=np.float64,
                        what="dW2 = dz2ᵀ h (hidden node 1 is inactive)")
    checks.assert_close(dw1, [[s, 2 * s], [0.0, 0.0]], rtol=1e-12, dtype=np.float64,
                        what="dW1 = dz1ᵀ x (no gradient through the inactive ReLU)")
    checks.assert_close(db1, [s, 0.0], rtol=1e-12, dtype=np.float64, what="db1")


@pytest.mark.exercise("backward")
def test_backward_agrees_with_central_differences(sub):
    g = np.random.default_rng(1)
    x, labels = g.normal(size=(4, 3)), np.array([0, 2, 1, 2])
    layers = [(g.normal(size=(5, 3)), g.normal(size=5)), (g.normal(size=(3, 5)), g.normal(size=3))]
    grads = sub.backward(x, labels, layers)
    h = 1e-5
    for i, name in ((0, "1"), (1, "2")):
        for j, kind in ((0, "W"), (1, "b")):
            numeric = np.zeros_like(layers[i][j])
            for pos in np.ndindex(numeric.shape):
                up, down = copies(layers), copies(layers)
                up[i][j][pos] += h
                down[i][j][pos] -= h
                numeric[pos] = (sub.loss(x, labels, up) - sub.loss(x, labels, down)) / (2 * h)
            checks.assert_close(grads[i][j], numeric, rtol=1e-5, atol=1e-7,
                                what=f"d{kind}{name} against central differences of your loss")


@pytest.mark.exercise("backward")
def test_backward_bad_labels(sub):
    checks.expect_error(ValueError, sub.backward, X_BATCH, [0, 2], example_layers(), mentions="labels",
                        what="backward with a label 2 for a network of 2 classes")


# --- train_network -------------------------------------------------------------------

@pytest.mark.exercise("train_network")
def test_train_network_digits(sub, digits_split):
    x_train, y_train, x_test, y_test = digits_split
    before = x_train.copy()
    layers = sub.train_network(x_train, y_train)
    checks.assert_unchanged(before, x_train, "x")
    assert [(w.shape, b.shape) for w, b in layers] == [((64, 64), (64,)), ((10, 64), (10,))], (
        "train_network(x (n, 64), labels 0..9) with n_hidden=64 should return layers of shapes "
        f"[((64, 64), (64,)), ((10, 64), (10,))], got {[(w.shape, b.shape) for w, b in layers]}")
    accuracy = float(np.mean(sub.predict(x_test, layers) == y_test))
    assert accuracy >= 0.90, (
        f"train_network with its defaults on the digits (pixels / 16, 200 held out with seed 0) "
        f"should reach a test accuracy of at least 0.90, got {accuracy:.3f}")


@pytest.mark.exercise("train_network")
def test_train_network_starts_from_init_network(sub):
    x, labels = X_BATCH, [0, 2]
    got = sub.train_network(x, labels, n_hidden=3, epochs=0, seed=4)
    assert_same_layers(got, sub.init_network(2, 3, 3, seed=4),
                       "train_network(x, labels, n_hidden=3, epochs=0, seed=4) vs init_network(2, 3, 3, 4)")
    a = sub.train_network(x, labels, n_hidden=3, epochs=5, seed=4)
    assert_same_layers(a, sub.train_network(x, labels, n_hidden=3, epochs=5, seed=4),
                       "train_network called twice with the same seed")


@pytest.mark.exercise("train_network")
def test_train_network_errors(sub):
    for kwargs, name in (({"lr": 0.0}, "lr"), ({"epochs": -1}, "epochs"), ({"n_hidden": 0}, "n_hidden")):
        checks.expect_error(ValueError, sub.train_network, X_BATCH, [0, 1], mentions=name,
                            what=f"train_network with {kwargs}", **kwargs)


# --- perceptron_train ----------------------------------------------------------------

@pytest.mark.exercise("perceptron_train")
def test_perceptron_and_gate(sub):
    X = np.array(TRUTH_TABLE)
    got, info = sub.inspect_call("perceptron_train", X, np.array([0, 0, 0, 1]))
    assert not info.mutated, f"perceptron_train modified its input(s) {info.mutated}"
    w, b, converged = got
    checks.assert_close(w, [2.0, 1.0], dtype=np.float64, what="w after learning AND")
    checks.assert_scalar(b, -2.0, what="b after learning AND (a Python float)")
    assert converged is True, f"converged should be the Python bool True on AND, got {converged!r}"


@pytest.mark.exercise("perceptron_train")
def test_perceptron_or_and_xor(sub):
    assert sub.perceptron_train(TRUTH_TABLE, [0, 1, 1, 1])[2] is True, "the perceptron should converge on OR"
    converged = sub.perceptron_train(TRUTH_TABLE, [0, 1, 1, 0])[2]
    assert converged is False, f"the perceptron never converges on XOR; got converged={converged!r}"


@pytest.mark.exercise("perceptron_train")
def test_perceptron_errors(sub):
    for kwargs, name in (({"lr": 0.0}, "lr"), ({"epochs": -1}, "epochs")):
        checks.expect_error(ValueError, sub.perceptron_train, TRUTH_TABLE, [0, 0, 0, 1], mentions=name,
                            what=f"perceptron_train with {kwargs}", **kwargs)
    checks.expect_error(ValueError, sub.perceptron_train, TRUTH_TABLE, [0, 0, 2, 1], mentions="y",
                        what="perceptron_train with a label 2")


# --- each clause of the contracts not checked above: clipping, stability, ReLU at 0, one step ---

@pytest.mark.exercise("cross_entropy")
def test_cross_entropy_clips_at_one_too(sub):
    checks.assert_scalar(sub.cross_entropy([[0.0, 2.0]], [1]), 0.0, atol=1e-15,
                         what="cross_entropy([[0, 2]], [1]) (clip(p, eps, 1): a 'probability' of 2 counts as 1)")


@pytest.mark.exercise("softmax_cross_entropy_grad")
def test_softmax_cross_entropy_grad_large_logits(sub):
    checks.assert_close(sub.softmax_cross_entropy_grad([[1e4, 0.0]], [0]), [[0.0, 0.0]], rtol=0, atol=1e-12,
                        what="softmax_cross_entropy_grad([[1e4, 0]], [0]) (a stable softmax: subtract the max)")


@pytest.mark.exercise("loss")
def test_loss_large_logits(sub):
    layers = [(np.eye(2), np.zeros(2)), (1e4 * np.eye(2), np.zeros(2))]
    checks.assert_scalar(sub.loss([[1.0, 0.0]], [0], layers), 0.0, atol=1e-12,
                         what="loss with logits [1e4, 0] and the right label (a stable softmax: subtract the max)")


@pytest.mark.exercise("backward")
def test_backward_relu_at_exactly_zero(sub):
    layers = [(np.array([[1.0, -1.0]]), np.zeros(1)), (np.array([[1.0], [0.0]]), np.zeros(2))]
    (dw1, db1), _ = sub.backward([[1.0, 1.0]], [1], layers)
    checks.assert_close(dw1, [[0.0, 0.0]], what="dW1 when the hidden input x W1ᵀ + b1 is exactly 0 "
                        "(the ReLU's derivative is 0 there, as in relu_grad)")
    checks.assert_close(db1, [0.0], what="db1 when the hidden input is exactly 0")


@pytest.mark.exercise("train_network")
def test_train_network_one_epoch_is_one_step(sub):
    x, labels = X_BATCH, np.array([0, 1])
    start = sub.init_network(2, 3, 2, seed=0)
    grads = sub.backward(x, labels, start)
    expected = [(w - 0.5 * dw, b - 0.5 * db) for (w, b), (dw, db) in zip(start, grads)]
    got = sub.train_network(x, labels, n_hidden=3, lr=0.5, epochs=1, seed=0)
    assert type(got) is list and len(got) == 2 and all(type(p) is tuple for p in got), (
        f"train_network should return [(W1, b1), (W2, b2)], a list of two tuples; got {checks.fmt(got)}")
    for (gw, gb), (ew, eb), name in zip(got, expected, ("1", "2")):
        checks.assert_close(gw, ew, rtol=1e-12, atol=1e-15, dtype=np.float64,
                            what=f"W{name} after one epoch (w - lr·dW, from init_network)")
        checks.assert_close(gb, eb, rtol=1e-12, atol=1e-15,
                            what=f"b{name} after one epoch (b - lr·db: biases learn too)")


@pytest.mark.exercise("train_network")
def test_train_network_bad_labels(sub):
    checks.expect_error(ValueError, sub.train_network, X_BATCH, [0, -1], mentions="labels",
                        what="train_network with a label -1")
