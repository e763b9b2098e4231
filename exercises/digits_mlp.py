"""A first neural network (course section "Intro", scikit-learn): an MLP on the 8×8 digits.

``sklearn.datasets.load_digits()`` holds 1,797 grayscale images of handwritten digits,
each 8×8 pixels flattened into a row of 64 numbers (0 to 16), with their labels 0..9.
The pipeline: hold out a random test set, train a multi-layer perceptron on the rest,
measure accuracy on the held-out images, look at the mistakes and at the learned
weight matrices.
"""
import numpy as np
from matplotlib.figure import Figure
from sklearn.neural_network import MLPClassifier


def shuffle_split(x, y, n_test, seed=None):
    """Shuffle the samples once and hold out the first ``n_test`` as the test set.

    Level: ★★

    Draw ONE permutation of the row indices, ``np.random.default_rng(seed).permutation(len(x))``,
    and index both ``x`` and ``y`` with it so that each image keeps its label. Its
    first ``n_test`` indices are the test set, the rest the training set. (The course
    shuffles with ``np.argsort(np.random.random(n))``: also a uniform shuffle, but not
    reproducible; a seeded generator gives the same split for the same seed.)

    Contract: ``x`` (n rows) and ``y`` (n labels) are converted with ``np.asarray`` and
    never modified; different lengths: ``ValueError``; ``n_test`` outside
    ``1 .. n - 1`` (both sets must be non-empty): ``ValueError`` naming ``n_test``.
    Returns ``(x_train, y_train, x_test, y_test)``, new ``np.ndarray``s; with ``p`` the
    permutation, ``x_test = x[p[:n_test]]`` and ``x_train = x[p[n_test:]]``.

    >>> x = np.arange(10).reshape(5, 2)
    >>> x_train, y_train, x_test, y_test = shuffle_split(x, [0, 1, 2, 3, 4], 2, seed=0)
    >>> x_train.shape, x_test.shape
    ((3, 2), (2, 2))
    >>> bool(np.all(x_test[:, 0] == 2 * y_test))   # rows keep their labels
    True
    """
    raise NotImplementedError("exercise digits_mlp.shuffle_split: replace this line with your code")


def train_mlp(x_train, y_train, hidden_layer_sizes=(128,), seed=0, max_iter=300):
    """Fit a multi-layer perceptron classifier to the training images.

    Level: ★

    ``MLPClassifier(hidden_layer_sizes=(128,))`` is the course's network: 64 inputs (one
    per pixel), one hidden layer of 128 neurons, and one output per class (the output
    size is deduced from ``y_train``). ``fit`` adjusts the weights and biases by
    backpropagation (the Adam optimiser) for at most ``max_iter`` passes over the data.
    ``random_state=seed`` fixes the random initial weights, so the same seed trains
    the same network.

    Contract: returns a fitted ``sklearn.neural_network.MLPClassifier`` built with
    exactly ``hidden_layer_sizes=hidden_layer_sizes, random_state=seed,
    max_iter=max_iter`` (all other settings left at their defaults). The inputs are
    not modified. With the defaults, the digits pipeline (``n_test=200``) reaches a
    test accuracy of at least 0.95.

    >>> from sklearn.datasets import load_digits
    >>> digits = load_digits()
    >>> clf = train_mlp(digits.data[:1000], digits.target[:1000], hidden_layer_sizes=(32,))
    >>> clf.coefs_[0].shape        # weights from 64 pixels to 32 hidden neurons
    (64, 32)
    >>> float(clf.score(digits.data[1000:], digits.target[1000:])) > 0.85
    True
    """
    raise NotImplementedError("exercise digits_mlp.train_mlp: replace this line with your code")


def misclassified(y_true, y_pred):
    """Where the predictions are wrong: the positions, the actual and the predicted labels.

    Level: ★

    The course's ``err = np.where(y_test != pred)[0]`` gives the positions of the
    mistakes in increasing order; indexing both label arrays with it shows what each
    mistaken digit really was and what the network said.

    Contract: ``y_true`` and ``y_pred`` are 1-D label arrays of the same length (ints or
    strings; converted with ``np.asarray``, never modified); different lengths:
    ``ValueError``. Returns ``(indices, actual, predicted)``, three ``np.ndarray`` of
    equal length: integer positions in increasing order, ``y_true[indices]`` and
    ``y_pred[indices]``. No mistakes gives three empty arrays.

    >>> idx, actual, predicted = misclassified([3, 1, 4, 1, 5], [3, 7, 4, 1, 6])
    >>> idx.tolist(), actual.tolist(), predicted.tolist()
    ([1, 4], [1, 5], [7, 6])
    """
    raise NotImplementedError("exercise digits_mlp.misclassified: replace this line with your code")


def layer_shapes(clf):
    """The shapes of the learned weights and biases of a fitted MLP, layer by layer.

    Level: ★

    A fitted ``MLPClassifier`` keeps one weight matrix per pair of consecutive layers in
    ``clf.coefs_`` (shape ``(units in, units out)``) and one bias vector per layer
    after the input in ``clf.intercepts_`` (shape ``(units out,)``). For the course's
    network on the digits: ``((64, 128), (128,))`` then ``((128, 10), (10,))``. (A
    two-class problem has ONE output unit, not two.)

    Contract: ``clf`` is a fitted MLP and is not modified. Returns a ``list`` with one
    ``(weights.shape, bias.shape)`` tuple of tuples of ints per layer, input to output.

    >>> from sklearn.datasets import load_digits
    >>> digits = load_digits()
    >>> clf = train_mlp(digits.data[:1000], digits.target[:1000], hidden_layer_sizes=(32,))
    >>> layer_shapes(clf)
    [((64, 32), (32,)), ((32, 10), (10,))]
    """
    raise NotImplementedError("exercise digits_mlp.layer_shapes: replace this line with your code")


def plot_digits(images, labels, k=10):
    """A figure with the first ``k`` digits in one row, each titled with its label.

    Level: ★★

    As in the course: axis ``i`` shows ``images[i]`` reshaped to 8×8 with the gray
    colormap, titled ``Label: {labels[i]}``, with the axis lines and ticks turned off.
    Build the figure with ``matplotlib.figure.Figure`` and ``fig.subplots`` rather than
    ``plt.figure``: it needs no window (works headless, e.g. on a grading server) and
    is not kept alive by pyplot. Show it in a notebook by leaving ``fig`` as the cell's
    last line, or save it with ``fig.savefig("digits.png")``.

    Contract: ``images`` has at least ``k`` rows of 64 values (or 8×8 images) and
    ``labels`` at least ``k`` entries; ``k`` must be in ``1 .. len(images)``, else
    ``ValueError`` naming ``k``. Inputs are not modified. Returns a
    ``matplotlib.figure.Figure`` with exactly ``k`` axes, left to right.

    >>> fig = plot_digits(np.zeros((5, 64)), [0, 1, 2, 3, 4], k=3)
    >>> len(fig.axes), fig.axes[2].get_title()
    (3, 'Label: 2')
    """
    raise NotImplementedError("exercise digits_mlp.plot_digits: replace this line with your code")


def accuracy(y_true, y_pred):
    """The accuracy: the fraction of positions where the prediction equals the label.

    Level: ★

    The course's score for the network on the held-out images (``clf.score`` computes
    the same number): count the digits it got right and divide by how many there are.
    Accuracy alone says little until it is compared with a baseline; see
    ``chance_accuracy``.

    Contract: ``y_true`` and ``y_pred`` are 1-D label sequences (ints or strings),
    converted with ``np.asarray`` and never modified. Different lengths: ``ValueError``
    (the message says "length"); empty: ``ValueError`` (the message says "empty").
    Returns a Python ``float`` in [0, 1].

    >>> accuracy([3, 1, 4, 1, 5], [3, 7, 4, 1, 6])
    0.6
    """
    raise NotImplementedError("exercise digits_mlp.accuracy: replace this line with your code")


def chance_accuracy(y):
    """The course's "if you were to guess" baseline: always answer the most common label.

    Level: ★★

    A classifier that ignores the image and always says the most frequent label of ``y``
    is right exactly as often as that label occurs, so its accuracy is the largest label
    count divided by ``len(y)``. For the ten balanced digit classes that is about 0.1;
    the MLP's 0.97 means something only against it. On a skewed data set (95% of one
    class) a useless model already scores 0.95. With a tie for the most common label
    any of them gives the same value.

    Contract: ``y`` is a 1-D label sequence (ints or strings), converted with
    ``np.asarray`` and never modified; empty: ``ValueError`` (the message says "empty").
    Returns a Python ``float`` in (0, 1].

    >>> chance_accuracy([7, 1, 7, 3, 7, 1])   # always answer 7: right 3 times out of 6
    0.5
    """
    raise NotImplementedError("exercise digits_mlp.chance_accuracy: replace this line with your code")
