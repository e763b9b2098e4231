"""Hidden suite for digits_mlp: the split, the trained network, the mistakes, the layer shapes, the figure.

Oracles: the split is ``np.random.default_rng(seed).permutation(n)`` (exact); the network is
a trusted ``MLPClassifier(hidden_layer_sizes=..., random_state=seed, max_iter=...)`` fitted on
the same data (same parameters, same predictions; weights within rtol 1e-6, atol 1e-9,
for BLAS rounding across processes); mistakes are ``np.flatnonzero(y_true != y_pred)``.
The course's network is trained once per submission (module-scoped fixture) on a fixed
split of the digits (seed 0, 200 test images) and must reach a test accuracy of 0.95.
A network and a figure stay in the worker; they are never judged by what they say about
themselves, only by plain data the grader's own routine draws from the real class
(``sub.judge``, see ``autograder.sandbox.judges``): the network's predictions on images it never
saw, its settings and weights; the figure's pixels, drawn by the Agg canvas at a fixed size
and compared with this side's own drawing of the expected figure.
"""
import functools
import warnings

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_limits

from autograder.suites import checks
from autograder.suites import strategies as S

# Weights: training is the heart of the module (3: accuracy, agreement with the oracle, the
# exact settings); the split and the figure each have several clauses (2); misclassified and
# layer_shapes are short (1.5); accuracy and its chance baseline are one idea each (1).
POINTS = {
    "shuffle_split": 2, "train_mlp": 3, "misclassified": 1.5, "layer_shapes": 1.5, "plot_digits": 2,
    "accuracy": 1, "chance_accuracy": 1,
}

pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")

SPLIT_SEED = 0
N_TEST = 200


@pytest.fixture(scope="module")
def digits():
    return checks.digits()


def trusted_split(x, y, n_test, seed):
    order = np.random.default_rng(seed).permutation(len(x))
    return x[order[n_test:]], y[order[n_test:]], x[order[:n_test]], y[order[:n_test]]


def trusted_fit(x, y, **params):
    with warnings.catch_warnings(), threadpool_limits(1):
        warnings.simplefilter("ignore", ConvergenceWarning)
        return MLPClassifier(**params).fit(x, y)


def student_fit(sub, *args, **kwargs):
    # in-process, BLAS threads fight over a small network; the sandbox sets its own limits
    with threadpool_limits(1):
        return sub.with_timeout(120).train_mlp(*args, **kwargs)


@pytest.fixture(scope="module")
def course_split(digits):
    return trusted_split(*digits, N_TEST, SPLIT_SEED)


def network_facts(sub, clf, x, weights=False):
    """Predictions on ``x``, settings and layer shapes of a real fitted MLPClassifier, else a failure."""
    try:
        return sub.judge("mlp", clf, x=x, weights=weights)
    except TypeError as exc:
        raise AssertionError(f"train_mlp should return a fitted "
                             f"sklearn.neural_network.MLPClassifier: {exc}") from None


@pytest.fixture(scope="module")
def course_network(sub, course_split):
    """The student's network with train_mlp's defaults, trained once, and its facts on the test set."""
    x_train, y_train, x_test, _ = course_split
    clf = student_fit(sub, x_train, y_train)
    return clf, network_facts(sub, clf, x_test)


@pytest.fixture(scope="module")
def course_oracle(course_split):
    """The reference network's settings and test predictions (computed once: ``checks.oracle``)."""
    def compute():
        x_train, y_train, x_test, _ = course_split
        clf = trusted_fit(x_train, y_train, hidden_layer_sizes=(128,), random_state=0, max_iter=300)
        return clf.get_params(deep=False), clf.predict(x_test)
    return checks.oracle("course_oracle", compute)


@pytest.fixture(scope="module")
def small_data(digits):
    x, y = digits
    return x[:300], y[:300]


# ---------------------------------------------------------------- shuffle_split

@st.composite
def datasets(draw):
    n = draw(st.integers(2, 40))
    x = draw(S.arrays((n, draw(st.integers(1, 4))), draw(S.numeric_dtypes()), -100, 100))
    y = draw(S.arrays((n,), np.int64, 0, 9))
    n_test = draw(st.integers(1, n - 1))
    seed = draw(st.integers(0, 2**32 - 1))
    return x, y, n_test, seed


def assert_split(got, expected, what, inputs=""):
    assert type(got) is tuple and len(got) == 4, (
        f"{what} should return a tuple (x_train, y_train, x_test, y_test), got {checks.fmt(got)}")
    for name, g, e in zip(("x_train", "y_train", "x_test", "y_test"), got, expected):
        checks.assert_close(g, e, rtol=0, atol=0, dtype=e.dtype, what=f"{name} of {what}",
                            inputs=inputs)


@pytest.mark.exercise("shuffle_split", weight=3)
@settings(max_examples=25)
@given(case=datasets())
def test_shuffle_split_matches_permutation(sub, case):
    x, y, n_test, seed = case
    got, info = sub.inspect_call("shuffle_split", x, y, n_test, seed=seed)
    what = (f"shuffle_split(x, y, n_test={n_test}, seed={seed}) (test = the first n_test "
            f"entries of np.random.default_rng(seed).permutation(len(x)))")
    assert_split(got, trusted_split(x, y, n_test, seed), what,
                 inputs=f"x={checks.fmt(x)}, y={checks.fmt(y)}")
    assert not info.mutated, f"shuffle_split must not modify x or y; it changed {info.mutated}"


@pytest.mark.exercise("shuffle_split")
def test_shuffle_split_course_digits(sub, digits):
    x, y = digits
    got = sub.shuffle_split(x, y, N_TEST, seed=SPLIT_SEED)
    assert_split(got, trusted_split(x, y, N_TEST, SPLIT_SEED),
                 "shuffle_split(digits, labels, 200, seed=0) on load_digits")


@pytest.mark.exercise("shuffle_split")
def test_shuffle_split_seeding_and_copies(sub):
    x = np.arange(100.0).reshape(50, 2)
    y = np.arange(50)
    (a, *_), info = sub.inspect_call("shuffle_split", x, y, 10, seed=5)
    assert not info.shares_memory, (
        f"shuffle_split should return new arrays, but its answer shares memory with {info.shares_memory}")
    b = sub.shuffle_split(x, y, 10, seed=5)[0]
    checks.assert_close(b, a, rtol=0, atol=0, what="x_train of shuffle_split(x, y, 10, seed=5) "
                        "called twice (same seed, same split)")
    fresh = [sub.shuffle_split(x, y, 10)[2] for _ in range(2)]
    assert not np.array_equal(*fresh), (
        "shuffle_split(x, y, 10) without a seed gave the same test set twice (50 rows): "
        "seed=None should give a fresh shuffle")


@pytest.mark.exercise("shuffle_split", weight=2)
def test_shuffle_split_bad_input(sub):
    x, y = np.zeros((6, 2)), np.arange(6)
    for n_test in (0, 6, -1, 9):
        checks.expect_error(ValueError, sub.shuffle_split, x, y, n_test, seed=0, mentions="n_test",
                            what=f"shuffle_split(x, y, n_test={n_test}) with 6 rows "
                                 "(both sets must be non-empty: 1 <= n_test <= 5)")
    checks.expect_error(ValueError, sub.shuffle_split, x, np.arange(5), 2, seed=0,
                        what="shuffle_split(x, y, 2) with 6 rows in x and 5 labels in y")


# ---------------------------------------------------------------- train_mlp

@pytest.mark.exercise("train_mlp", weight=3)
def test_course_network_accuracy(course_network, course_split):
    predictions = course_network[1]["predictions"]
    y_test = course_split[3]
    accuracy = float(np.mean(predictions == y_test))
    assert accuracy >= 0.95, (
        f"train_mlp with its defaults, trained on the digits split (n_test=200, seed=0), should "
        f"reach a test accuracy of at least 0.95; got {accuracy:.3f}")


@pytest.mark.exercise("train_mlp", weight=2)
def test_course_network_matches_oracle(course_network, course_oracle):
    facts = course_network[1]
    predictions, params = facts["predictions"], facts["params"]
    oracle_params, expected = course_oracle
    assert params == oracle_params, (
        "train_mlp(x_train, y_train) should build MLPClassifier(hidden_layer_sizes=(128,), "
        "random_state=0, max_iter=300) with every other setting at its default; "
        f"these differ: { {k: v for k, v in params.items() if oracle_params.get(k) != v} }")
    differ = int(np.sum(predictions != expected))
    assert differ == 0, (
        f"train_mlp's network predicts {differ} of the 200 test digits differently from "
        "MLPClassifier(hidden_layer_sizes=(128,), random_state=0, max_iter=300) fitted on the "
        "same training set (fit it on x_train, y_train as given)")


@pytest.mark.exercise("train_mlp", weight=2)
def test_train_mlp_passes_settings(sub, small_data):
    x, y = small_data
    clf = student_fit(sub, x, y, hidden_layer_sizes=(16, 8), seed=3, max_iter=50)
    facts = network_facts(sub, clf, x[:1], weights=True)
    params = facts["params"]
    got = (tuple(params["hidden_layer_sizes"]), params["random_state"], params["max_iter"])
    assert got == ((16, 8), 3, 50), (
        "train_mlp(x, y, hidden_layer_sizes=(16, 8), seed=3, max_iter=50) should build "
        "MLPClassifier(hidden_layer_sizes=(16, 8), random_state=3, max_iter=50); got "
        f"hidden_layer_sizes={got[0]}, random_state={got[1]}, max_iter={got[2]}")
    oracle_coefs = checks.oracle("coefs (16, 8) seed 3", lambda: trusted_fit(
        x, y, hidden_layer_sizes=(16, 8), random_state=3, max_iter=50).coefs_)
    weights = facts["coefs"]
    assert len(weights) == len(oracle_coefs), (
        f"the network should have {len(oracle_coefs)} weight matrices, got {len(weights)}")
    for i, (w, expected) in enumerate(zip(weights, oracle_coefs)):
        checks.assert_close(w, expected, rtol=1e-6, atol=1e-9,
                            what=f"learned weights coefs_[{i}] of train_mlp(x, y, (16, 8), seed=3, "
                                 "max_iter=50) vs the same MLPClassifier fitted on x, y "
                                 "(300 digits)")


@pytest.mark.exercise("train_mlp")
def test_train_mlp_accepts_lists(sub):
    x = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]] * 5
    y = [0, 1, 1, 0] * 5
    clf = student_fit(sub, x, y, hidden_layer_sizes=(4,), seed=0, max_iter=30)
    predictions = network_facts(sub, clf, np.array(x[:4]))["predictions"]
    assert predictions.shape == (4,), (
        f"train_mlp on lists of samples should give a network predicting one label per row, got "
        f"{checks.fmt(predictions)}")


# ---------------------------------------------------------------- misclassified

@st.composite
def label_pairs(draw):
    n = draw(st.integers(0, 30))
    y_true = draw(S.arrays((n,), np.int64, 0, 3))
    y_pred = draw(S.arrays((n,), np.int64, 0, 3))
    return y_true, y_pred


@pytest.mark.exercise("misclassified", weight=3)
@settings(max_examples=25)
@given(case=label_pairs())
def test_misclassified_matches_numpy(sub, case):
    y_true, y_pred = case
    got, info = sub.inspect_call("misclassified", y_true, y_pred)
    inputs = f"y_true={checks.fmt(y_true)}, y_pred={checks.fmt(y_pred)}"
    assert type(got) is tuple and len(got) == 3, (
        f"misclassified should return a tuple (indices, actual, predicted), got {checks.fmt(got)}")
    idx = np.flatnonzero(y_true != y_pred)
    indices, actual, predicted = got
    checks.assert_array(indices, what="indices of the mistakes", inputs=inputs)
    assert indices.dtype.kind in "iu", (
        f"indices should be integers, got dtype {indices.dtype}\n  input: {inputs}")
    checks.assert_close(indices, idx, rtol=0, atol=0, what="indices of the mistakes (in order)",
                        inputs=inputs)
    checks.assert_close(actual, y_true[idx], rtol=0, atol=0, what="actual labels (y_true[indices])",
                        inputs=inputs)
    checks.assert_close(predicted, y_pred[idx], rtol=0, atol=0,
                        what="predicted labels (y_pred[indices])", inputs=inputs)
    assert not info.mutated, f"misclassified must not modify its inputs; it changed {info.mutated}"


@pytest.mark.exercise("misclassified")
def test_misclassified_string_labels_and_lists(sub):
    y_true = ["cat", "dog", "dog", "bird"]
    y_pred = ["cat", "cat", "dog", "dog"]
    indices, actual, predicted = sub.misclassified(y_true, y_pred)
    inputs = f"y_true={y_true}, y_pred={y_pred}"
    checks.assert_close(indices, [1, 3], what="indices of the mistakes", inputs=inputs)
    checks.assert_close(actual, np.array(["dog", "bird"]), what="actual labels", inputs=inputs)
    checks.assert_close(predicted, np.array(["cat", "dog"]), what="predicted labels", inputs=inputs)


@pytest.mark.exercise("misclassified")
def test_misclassified_length_mismatch(sub):
    for y_pred in ([1], [1, 2, 3, 4]):
        checks.expect_error(ValueError, sub.misclassified, [1, 2, 3, 5, 5], y_pred,
                            what=f"misclassified([1, 2, 3, 5, 5], {y_pred}) (lengths differ)")


# ---------------------------------------------------------------- layer_shapes

def shapes_of(sub, clf):
    """Expected answer: the shapes of the real network's own arrays, read by the grader's routine."""
    return [(tuple(w), tuple(b)) for w, b in network_facts(sub, clf, None)["shapes"]]


def normalise(answer):
    try:
        return [(tuple(int(n) for n in w), tuple(int(n) for n in b)) for w, b in answer]
    except (TypeError, ValueError):
        return answer


def assert_layer_shapes(sub, clf, what):
    got = sub.layer_shapes(clf)
    expected = shapes_of(sub, clf)
    assert type(got) is list, f"layer_shapes should return a list, got {checks.type_name(got)}"
    assert normalise(got) == expected, (
        f"layer_shapes of {what} should be {expected} ((weights.shape, bias.shape) per layer, "
        f"input to output), got {checks.fmt(got)}")


@pytest.mark.exercise("layer_shapes")
def test_layer_shapes_course_network(sub, course_network):
    clf, _ = course_network
    assert_layer_shapes(sub, clf, "the course's network (64 pixels, 128 hidden, 10 digits)")


@pytest.mark.exercise("layer_shapes")
def test_layer_shapes_two_hidden_layers(sub, small_data):
    x, y = small_data
    clf = student_fit(sub, x, y, hidden_layer_sizes=(16, 8), seed=0, max_iter=10)
    assert_layer_shapes(sub, clf, "an MLP with hidden layers (16, 8) on the digits")


@pytest.mark.exercise("layer_shapes")
def test_layer_shapes_binary_problem(sub, digits):
    x, y = digits
    keep = y < 2
    clf = student_fit(sub, x[keep][:100], y[keep][:100], hidden_layer_sizes=(5,), seed=0,
                      max_iter=10)
    assert_layer_shapes(sub, clf, "an MLP with 5 hidden units on 0s and 1s only (two classes "
                        "need a single output unit)")


# ---------------------------------------------------------------- plot_digits

FIGURE_HEIGHT_IN, FIGURE_DPI = 2.0, 50  # both figures are drawn k x 2 inches, 50 dots per inch
PIXEL_TOLERANCE = 0.002  # share of pixels that may differ (by more than 8 of 255) in any channel


def expected_figure(images, labels, boxes):
    """The contract's figure, built and drawn on this side with the layout the student's had.

    The layout (``fig.subplots``, ``tight_layout``, a layout engine) is the student's to
    choose; the axes' contents are checked pixel by pixel: image, gray colormap, title,
    axis off. A box that lies only moves where the expected figure is drawn. Drawn once per
    layout in a process: a class mostly shares the default one.
    """
    images = np.asarray(images, dtype=float)[:len(boxes)]
    drawing = _expected_drawing(images.tobytes(), images.shape, tuple(labels[:len(boxes)]),
                                tuple(tuple(float(v) for v in box) for box in boxes))
    return drawing.copy()


@functools.lru_cache(maxsize=32)
def _expected_drawing(image_bytes, shape, labels, boxes):
    images = np.frombuffer(image_bytes, dtype=float).reshape(shape)
    fig = Figure()
    for i, box in enumerate(boxes):
        ax = fig.add_axes(box)
        ax.imshow(np.asarray(images[i]).reshape(8, 8), cmap="gray")
        ax.set_title(f"Label: {labels[i]}")
        ax.axis("off")
    return drawn(fig, len(boxes))


def drawn(fig, k):
    fig.set_size_inches(k, FIGURE_HEIGHT_IN)
    fig.set_dpi(FIGURE_DPI)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.array(canvas.buffer_rgba())[..., :3]


def assert_figure(sub, fig, images, labels, k, what):
    """``fig`` must be a real Figure whose pixels, drawn by the grader's routine, match the expected ones."""
    try:
        facts = sub.judge("figure", fig, width=k, height=FIGURE_HEIGHT_IN, dpi=FIGURE_DPI)
    except TypeError as exc:
        raise AssertionError(f"{what} should return a matplotlib.figure.Figure: {exc}") from None
    got, boxes = facts["pixels"], np.array(facts["boxes"], dtype=float).reshape(-1, 4)
    assert len(boxes) == k, f"{what} should have {k} axes, got {len(boxes)}"
    assert (np.all(np.isfinite(boxes)) and np.all(boxes[:, 2:] > 0) and np.allclose(boxes[:, 1], boxes[0, 1])
            and np.all(np.diff(boxes[:, 0]) > 0)), (
        f"the digits of {what} should sit in one row, left to right (fig.subplots(1, k)); axes "
        f"positions (x0, y0) were {[(round(b[0], 3), round(b[1], 3)) for b in boxes]}")
    expected = expected_figure(images, labels, boxes.tolist())
    assert type(got) is np.ndarray and got.shape == expected.shape and got.dtype == np.uint8, (
        f"{what}: the figure could not be drawn at {k}x{FIGURE_HEIGHT_IN:g} inches")
    differ = np.any(np.abs(got.astype(np.int16) - expected) > 8, axis=-1)
    columns = np.flatnonzero(differ.any(axis=0))
    where = ""
    if columns.size:
        x = columns[0] / expected.shape[1]
        first = int(np.searchsorted(boxes[:, 0], x, side="right")) - 1
        where = f"; the first difference is near axis {max(first, 0)}"
    assert differ.mean() <= PIXEL_TOLERANCE, (
        f"{what} does not look like the expected figure: {differ.mean():.1%} of its pixels differ"
        f"{where}. Expected axis i to show images[i] as 8x8 with imshow(..., cmap='gray'), titled "
        "'Label: {labels[i]}', with ax.axis('off'), and nothing else drawn")


@pytest.mark.exercise("plot_digits", weight=3)
def test_plot_digits_contents(sub, digits):
    x, y = digits
    images, labels, k = x[100:112], y[100:112], 7
    fig = sub.plot_digits(images, labels, k=k)
    assert_figure(sub, fig, images, labels, k, f"plot_digits(images, labels, k={k})")


@pytest.mark.exercise("plot_digits")
def test_plot_digits_one_row(sub, digits):
    x, y = digits
    fig = sub.plot_digits(x[:12], y[:12])
    assert_figure(sub, fig, x[:12], y[:12], 10, "plot_digits(images, labels) with the default k=10")


@pytest.mark.exercise("plot_digits")
def test_plot_digits_k_too_large(sub, digits):
    x, y = digits
    # Refusing a bad k is worth points only for a function that draws the figure for a good one.
    assert_figure(sub, sub.plot_digits(x[:5], y[:5], k=5), x[:5], y[:5], 5, "plot_digits(5 images, 5 labels, k=5)")
    checks.expect_error(ValueError, sub.plot_digits, x[:5], y[:5], k=6, mentions="k",
                        what="plot_digits(5 images, 5 labels, k=6)")


# ---------------------------------------------------------------- accuracy, chance_accuracy

@st.composite
def labels_and_predictions(draw):
    """``(y_true, y_pred)`` of one length ≥ 1: small ints (many agreements) or strings."""
    n = draw(st.integers(1, 40))
    if draw(st.booleans()):
        return draw(S.arrays((n,), np.int64, 0, 3)), draw(S.arrays((n,), np.int64, 0, 3))
    words = st.sampled_from(["cat", "dog", "bird"])
    return (np.array(draw(st.lists(words, min_size=n, max_size=n))),
            np.array(draw(st.lists(words, min_size=n, max_size=n))))


@pytest.mark.exercise("accuracy", weight=2)
@settings(max_examples=15)
@given(case=labels_and_predictions())
def test_accuracy_matches_mean_of_agreements(sub, case):
    y_true, y_pred = case
    got, info = sub.inspect_call("accuracy", y_true, y_pred)
    expected = sum(a == b for a, b in zip(y_true.tolist(), y_pred.tolist())) / len(y_true)
    checks.assert_scalar(got, expected, rtol=1e-15, atol=0, what="accuracy",
                         inputs=f"y_true={checks.fmt(y_true)}, y_pred={checks.fmt(y_pred)}")
    assert not info.mutated, f"accuracy must not modify its inputs; it changed {info.mutated}"


@pytest.mark.exercise("accuracy")
def test_accuracy_lists_all_right_all_wrong(sub):
    checks.assert_scalar(sub.accuracy([1, 2, 3], [1, 2, 3]), 1.0, what="accuracy",
                         inputs="[1, 2, 3] vs [1, 2, 3]")
    checks.assert_scalar(sub.accuracy(["a", "b"], ["b", "a"]), 0.0, what="accuracy",
                         inputs="['a', 'b'] vs ['b', 'a']")


@pytest.mark.exercise("accuracy")
def test_accuracy_errors(sub):
    checks.expect_error(ValueError, sub.accuracy, [1, 2, 3], [1, 2], mentions="length")
    checks.expect_error(ValueError, sub.accuracy, [1], [1, 1], mentions="length")
    checks.expect_error(ValueError, sub.accuracy, [], [], mentions="empty")


@pytest.mark.exercise("chance_accuracy", weight=2)
@settings(max_examples=15)
@given(case=labels_and_predictions())
def test_chance_accuracy_is_most_common_share(sub, case):
    from collections import Counter

    y = case[0]
    got, info = sub.inspect_call("chance_accuracy", y)
    expected = Counter(y.tolist()).most_common(1)[0][1] / len(y)
    checks.assert_scalar(got, expected, rtol=1e-15, atol=0, what="chance_accuracy",
                         inputs=checks.fmt(y))
    assert not info.mutated, f"chance_accuracy must not modify its input; it changed {info.mutated}"


@pytest.mark.exercise("chance_accuracy")
def test_chance_accuracy_skewed_and_digits(sub, digits):
    skewed = [0] * 19 + [1]
    checks.assert_scalar(sub.chance_accuracy(skewed), 0.95, rtol=1e-15, what="chance_accuracy",
                         inputs="19 zeros and one 1 (a useless model already scores 0.95)")
    checks.assert_scalar(sub.chance_accuracy(["b", "a", "b", "a"]), 0.5, rtol=1e-15,
                         what="chance_accuracy", inputs="['b', 'a', 'b', 'a'] (a tie)")
    y = digits[1]
    checks.assert_scalar(sub.chance_accuracy(y), float(np.bincount(y).max() / y.size), rtol=1e-15,
                         what="chance_accuracy", inputs="the 1,797 digit labels")


@pytest.mark.exercise("chance_accuracy")
def test_chance_accuracy_rejects_empty(sub):
    checks.expect_error(ValueError, sub.chance_accuracy, [], mentions="empty")


@pytest.mark.exercise("layer_shapes")
def test_layer_shapes_are_tuples_of_python_ints(sub, small_data):
    x, y = small_data
    clf = student_fit(sub, x, y, hidden_layer_sizes=(6,), seed=0, max_iter=5)
    got = sub.layer_shapes(clf)
    ok = type(got) is list and all(
        type(layer) is tuple and len(layer) == 2
        and all(type(shape) is tuple and all(type(n) is int for n in shape) for shape in layer)
        for layer in got)
    assert ok, ("layer_shapes should be a list of (weights.shape, bias.shape) TUPLES of tuples of "
                f"Python ints, got {checks.fmt(got)}")
