"""Public checks for digits_mlp: the split, a small network, the mistakes, the figure, and the
full pipeline's accuracy (this one trains the course's network once: a few seconds)."""
import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from autograder.suites import checks

# pytest writes a traceback of each failure, re-parsing this file, before the plugin
# replaces it with the feedback block: hiding these frames skips that work.
__tracebackhide__ = True

POINTS = {
    "shuffle_split": 2, "train_mlp": 3, "misclassified": 1.5, "layer_shapes": 1.5,
    "plot_digits": 2, "accuracy": 1, "chance_accuracy": 1,
}

pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")


@pytest.fixture(scope="module")
def digits():
    from sklearn.datasets import load_digits  # here, not at the top: it costs a student ~1 s per run

    d = load_digits()
    return d.data, d.target


@pytest.mark.exercise("shuffle_split")
def test_shuffle_split_one_permutation(sub):
    x = np.arange(20).reshape(10, 2)
    y = np.arange(10) * 10
    x_train, y_train, x_test, y_test = sub.shuffle_split(x, y, 3, seed=0)
    order = np.random.default_rng(0).permutation(10)
    checks.assert_close(x_test, x[order[:3]], what="x_test of shuffle_split(x, y, 3, seed=0) "
                        "(the first 3 rows of default_rng(0).permutation(10))")
    checks.assert_close(y_test, y[order[:3]], what="y_test of shuffle_split(x, y, 3, seed=0)")
    checks.assert_close(x_train, x[order[3:]], what="x_train of shuffle_split(x, y, 3, seed=0)")
    checks.assert_close(y_train, y[order[3:]], what="y_train of shuffle_split(x, y, 3, seed=0)")


@pytest.mark.exercise("shuffle_split")
def test_shuffle_split_bad_n_test(sub):
    checks.expect_error(ValueError, sub.shuffle_split, np.zeros((5, 2)), np.zeros(5), 5,
                        mentions="n_test", what="shuffle_split(x, y, n_test=5) with 5 rows")


@pytest.mark.exercise("train_mlp")
def test_train_small_network(sub, digits):
    x, y = digits
    clf = sub.with_timeout(60).train_mlp(x[:300], y[:300], hidden_layer_sizes=(16,), seed=1,
                                         max_iter=50)
    assert checks.type_name(clf).endswith("MLPClassifier"), (
        f"train_mlp should return a fitted MLPClassifier, got {checks.type_name(clf)}")
    assert tuple(clf.hidden_layer_sizes) == (16,) and clf.random_state == 1 and clf.max_iter == 50, (
        "train_mlp(..., hidden_layer_sizes=(16,), seed=1, max_iter=50) should build "
        "MLPClassifier(hidden_layer_sizes=(16,), random_state=1, max_iter=50); got "
        f"hidden_layer_sizes={clf.hidden_layer_sizes}, random_state={clf.random_state}, "
        f"max_iter={clf.max_iter}")
    from sklearn.neural_network import MLPClassifier

    defaults = MLPClassifier(hidden_layer_sizes=(16,), random_state=1, max_iter=50).get_params()
    params = sub.judge("mlp", clf)["params"]
    changed = sorted(name for name in defaults if name != "hidden_layer_sizes" and params.get(name) != defaults[name])
    assert not changed, (f"train_mlp should leave every other setting at its default; these differ: "
                         + ", ".join(f"{name}={params.get(name)!r}" for name in changed))


@pytest.mark.exercise("train_mlp")
def test_full_pipeline_accuracy(sub, digits):
    x, y = digits
    x_train, y_train, x_test, y_test = sub.shuffle_split(x, y, 200, seed=0)
    with threadpool_limits(1):  # BLAS threads only slow this small network down
        clf = sub.with_timeout(120).train_mlp(x_train, y_train)
    accuracy = float(np.mean(clf.predict(x_test) == y_test))
    assert accuracy >= 0.95, (
        f"the digits pipeline (n_test=200, seed=0, train_mlp defaults) should reach a test "
        f"accuracy of at least 0.95, got {accuracy:.3f}")


@pytest.mark.exercise("misclassified")
def test_misclassified_example(sub):
    idx, actual, predicted = sub.misclassified([3, 1, 4, 1, 5], [3, 7, 4, 1, 6])
    checks.assert_close(idx, [1, 4], what="indices of misclassified([3, 1, 4, 1, 5], [3, 7, 4, 1, 6])")
    checks.assert_close(actual, [1, 5], what="actual labels of the mistakes")
    checks.assert_close(predicted, [7, 6], what="predicted labels of the mistakes")


@pytest.mark.exercise("layer_shapes")
def test_layer_shapes_small_network(sub, digits):
    x, y = digits
    clf = sub.with_timeout(60).train_mlp(x[:300], y[:300], hidden_layer_sizes=(16,), max_iter=20)
    got = sub.layer_shapes(clf)
    expected = [((64, 16), (16,)), ((16, 10), (10,))]
    assert got == expected, (
        f"layer_shapes of a (16,)-hidden MLP on the digits should be {expected}, got {got}")


@pytest.mark.exercise("plot_digits")
def test_plot_digits_figure(sub, digits):
    x, y = digits
    images, labels = x[100:104], y[100:104]
    fig = sub.plot_digits(images, labels, k=4)
    assert checks.type_name(fig) == "matplotlib.figure.Figure", (
        f"plot_digits should return a matplotlib.figure.Figure, got {checks.type_name(fig)}")
    assert len(fig.axes) == 4, f"plot_digits(..., k=4) should have 4 axes, got {len(fig.axes)}"
    for i, ax in enumerate(fig.axes):
        title = ax.get_title()
        assert title == f"Label: {labels[i]}", (
            f"axis {i} should be titled 'Label: {labels[i]}', got {title!r}")


# --- accuracy and the chance baseline ---------------------------------------------------

@pytest.mark.exercise("accuracy")
def test_accuracy_docstring_example(sub):
    checks.assert_scalar(sub.accuracy([3, 1, 4, 1, 5], [3, 7, 4, 1, 6]), 0.6,
                         what="accuracy", inputs="[3, 1, 4, 1, 5] vs [3, 7, 4, 1, 6]")


@pytest.mark.exercise("accuracy")
def test_accuracy_rejects_length_mismatch_and_empty(sub):
    checks.expect_error(ValueError, sub.accuracy, [1, 2, 3], [1, 2], mentions="length")
    checks.expect_error(ValueError, sub.accuracy, [], [], mentions="empty")


@pytest.mark.exercise("chance_accuracy")
def test_chance_accuracy_docstring_example(sub):
    checks.assert_scalar(sub.chance_accuracy([7, 1, 7, 3, 7, 1]), 0.5,
                         what="chance_accuracy", inputs=[7, 1, 7, 3, 7, 1])


@pytest.mark.exercise("chance_accuracy")
def test_chance_accuracy_rejects_empty(sub):
    checks.expect_error(ValueError, sub.chance_accuracy, [], mentions="empty")


# --- each clause of the contracts: lengths, types, the figure's layout, k ----------------

@pytest.mark.exercise("shuffle_split")
def test_shuffle_split_lengths_and_n_test_zero(sub):
    checks.expect_error(ValueError, sub.shuffle_split, np.zeros((5, 2)), np.zeros(4), 2,
                        what="shuffle_split of 5 rows and 4 labels")
    checks.expect_error(ValueError, sub.shuffle_split, np.zeros((5, 2)), np.zeros(5), 0,
                        mentions="n_test", what="shuffle_split(x, y, n_test=0)")


@pytest.mark.exercise("misclassified")
def test_misclassified_lengths_and_no_mistakes(sub):
    checks.expect_error(ValueError, sub.misclassified, [1, 2, 3], [1], what="misclassified([1, 2, 3], [1])")
    idx, actual, predicted = sub.misclassified(["a", "b"], ["a", "b"])
    for got, what in ((idx, "indices"), (actual, "actual"), (predicted, "predicted")):
        checks.assert_array(got, shape=(0,), what=f"{what} when there is no mistake")


@pytest.mark.exercise("layer_shapes")
def test_layer_shapes_two_classes_and_python_ints(sub, digits):
    x, y = digits
    keep = y < 2
    clf = sub.with_timeout(60).train_mlp(x[keep][:100], y[keep][:100], hidden_layer_sizes=(5,), max_iter=10)
    got = sub.layer_shapes(clf)
    assert type(got) is list, f"layer_shapes should return a list, got a {checks.type_name(got)}"
    expected = [((64, 5), (5,)), ((5, 1), (1,))]
    assert got == expected, (
        f"layer_shapes of a 5-hidden MLP on 0s and 1s only should be {expected} (read the fitted "
        f"coefs_ and intercepts_: two classes need one output unit), got {got}")
    numbers = [n for w, b in got for n in (*w, *b)]
    assert all(type(n) is int for n in numbers), f"the shapes should hold Python ints, got {numbers!r}"


@pytest.mark.exercise("plot_digits")
def test_plot_digits_gray_axis_off_one_row(sub, digits):
    x, y = digits
    fig = sub.plot_digits(x[:3], y[:3], k=3)
    boxes = [tuple(ax.get_position().bounds) for ax in fig.axes]
    assert len(boxes) == 3 and all(b[1] == boxes[0][1] for b in boxes) and boxes[0][0] < boxes[1][0] < boxes[2][0], (
        f"the digits of plot_digits(..., k=3) should sit in one row, left to right; axes at {boxes}")
    for i, ax in enumerate(fig.axes):
        assert not ax.axison, f"axis {i} should be turned off (ax.axis('off'))"
        images = ax.images
        assert len(images) == 1, f"axis {i} should show one image (imshow), got {len(images)}"
        cmap = images[0].get_cmap().name
        assert cmap == "gray", f"axis {i} should show its digit in gray (cmap='gray'), got cmap {cmap!r}"
        shape = tuple(images[0].get_array().shape)
        assert shape == (8, 8), f"axis {i} should show images[{i}] as 8x8, got an image of shape {shape}"


@pytest.mark.exercise("plot_digits")
def test_plot_digits_k_too_large(sub):
    checks.expect_error(ValueError, sub.plot_digits, np.zeros((3, 64)), [0, 1, 2], k=4, mentions="k",
                        what="plot_digits(3 images, 3 labels, k=4)")


@pytest.mark.exercise("accuracy")
def test_accuracy_of_strings(sub):
    checks.assert_scalar(sub.accuracy(["cat", "dog"], ["cat", "cat"]), 0.5, what="accuracy",
                         inputs="['cat', 'dog'] vs ['cat', 'cat']")
