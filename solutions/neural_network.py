"""A neural network from scratch (course sections on the softmax layer, the loss, backpropagation
and the perceptron).

The course's digits network came ready-made from scikit-learn; here it is built from the
earlier modules' ideas only: an affine map per layer (``linear_algebra.affine``), the ReLU
and its derivative (``optimization.relu``, ``relu_grad``), the chain rule and gradient
descent. Batches are rows: ``x`` has shape ``(n, d)``; a layer is ``(W, b)`` with ``W`` of
shape ``(out, in)``, so it maps ``x`` to ``x Wᵀ + b``. The network has two layers:
``logits = relu(x W1ᵀ + b1) W2ᵀ + b2``; the softmax turns logits into class probabilities
and the cross-entropy scores them against the labels. Your module must stand alone: write
the small helpers you need (ReLU, one-hot) here rather than importing other exercises. Not
allowed anywhere in it: scikit-learn, torch, tensorflow, jax, autograd, and SciPy's
``softmax`` / ``log_softmax``; NumPy is all you need.
"""
import numpy as np


def softmax(z):
    """The softmax layer: each row of logits becomes a probability distribution.

    Level: ★★

    ``softmax(z)_j = exp(z_j) / Σ_l exp(z_l)``, row by row: every entry is in ``(0, 1]``
    and each row sums to 1, and a larger logit gets a larger probability. Written as it
    stands it overflows (``exp(1000)`` is ``inf``, and ``inf / inf`` is NaN); subtracting
    the row's maximum first changes nothing mathematically, because the factor
    ``exp(-max)`` cancels, but keeps every exponent ``≤ 0``:
    ``exp(z - max) / Σ exp(z - max)``.

    Contract: ``z`` (1-D: one row of ``k`` logits, or 2-D: ``n`` rows) is converted with
    ``np.asarray`` and never modified; any other number of dimensions or no columns:
    ``ValueError`` naming ``z``. Must not overflow for entries of 1e4. Returns a new
    float64 ``np.ndarray`` of ``z``'s shape, equal to ``scipy.special.softmax(z, axis=-1)``
    (which this module may not call).

    >>> softmax([0.0, np.log(3.0)]).round(6).tolist()
    [0.25, 0.75]
    >>> softmax([[1000.0, 1000.0], [1.0, 1.0]]).tolist()   # no overflow
    [[0.5, 0.5], [0.5, 0.5]]
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    if z.ndim not in (1, 2) or z.shape[-1] == 0:
        raise ValueError(f"z must be a 1-D row or a 2-D batch of logits with at least one column, "
                         f"got shape {z.shape}")
    shifted = np.exp(z - z.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)
    ### END SOLUTION


def cross_entropy(probs, labels, eps=1e-12):
    """The cross-entropy loss: the mean surprise ``-log p`` of the true class.

    Level: ★★

    Row ``i`` of ``probs`` is the network's distribution over ``k`` classes and
    ``labels[i]`` the true class; the loss is ``-mean_i log(probs[i, labels[i]])``. It is 0
    when every true class gets probability 1 and grows without bound as one gets 0, so
    the probability is clipped to ``[eps, 1]`` first: ``log(0)`` would be ``-inf``.

    Contract: ``probs`` (2-D ``(n, k)``, or 1-D: one row) and ``labels`` (``n`` integers in
    ``0..k-1``, a single integer for one row) are converted with ``np.asarray`` and
    never modified. A wrong number of labels, non-integer labels or labels out of
    range: ``ValueError`` naming ``labels``; ``probs`` not 1-D/2-D or empty:
    ``ValueError`` naming ``probs``. Returns a Python ``float``.

    >>> round(cross_entropy([[0.25, 0.75], [0.5, 0.5]], [1, 0]), 6)   # (ln 4/3 + ln 2) / 2
    0.490415
    >>> round(cross_entropy([[1.0, 0.0]], [1]), 4)    # clipped: -ln(1e-12)
    27.631
    """
    ### BEGIN SOLUTION
    probs = np.asarray(probs, dtype=np.float64)
    if probs.ndim == 1:
        probs = probs[None, :]
    if probs.ndim != 2 or probs.size == 0:
        raise ValueError(f"probs must be a 2-D (n, k) array of probabilities, got shape {probs.shape}")
    n, k = probs.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of probs ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    picked = probs[np.arange(probs.shape[0]), labels]
    return float(-np.mean(np.log(np.clip(picked, eps, 1.0))))
    ### END SOLUTION


def softmax_cross_entropy_grad(z, labels):
    """The gradient of ``cross_entropy(softmax(z), labels)`` with respect to the logits ``z``.

    Level: ★★

    The softmax's Jacobian and the logarithm's derivative cancel into something short:
    for one row, ``∂L/∂z_j = softmax(z)_j - [j = label]``, the predicted distribution
    minus the one-hot target. Because the loss is a MEAN over ``n`` rows, each row's
    gradient is divided by ``n``: ``(softmax(z) - one_hot(labels)) / n``. This is where
    backpropagation starts.

    Contract: ``z`` (2-D ``(n, k)``, or 1-D: one row, ``n = 1``) and ``labels`` (``n``
    integers in ``0..k-1``) are converted with ``np.asarray`` and never modified; labels
    that do not fit: ``ValueError`` naming ``labels``; ``z`` not 1-D/2-D or empty:
    ``ValueError`` naming ``z``. Returns a new float64 ``np.ndarray`` of ``z``'s shape.

    >>> softmax_cross_entropy_grad([[0.0, 0.0], [0.0, np.log(3.0)]], [0, 1]).round(6).tolist()
    [[-0.25, 0.25], [0.125, -0.125]]
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    if z.ndim not in (1, 2) or z.size == 0:
        raise ValueError(f"z must be a 1-D row or a 2-D batch of logits, got shape {z.shape}")
    rows = np.atleast_2d(z)
    n, k = rows.shape
    labels = np.atleast_1d(np.asarray(labels))
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"labels must hold one label per row of z ({n}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    grad = softmax(rows)
    grad[np.arange(n), labels] -= 1.0
    return (grad / n).reshape(z.shape)
    ### END SOLUTION


def init_network(n_in, n_hidden, n_out, seed=None):
    """The starting weights of a two-layer network (He initialisation).

    Level: ★★

    Weights must not start equal: identical hidden nodes get identical gradients and
    stay identical forever. He initialisation draws them from a normal distribution with
    standard deviation ``sqrt(2 / fan_in)``, so that a ReLU layer keeps its signals'
    variance neither exploding nor vanishing; biases start at zero.

    With ONE generator ``rng``, made by ``np.random.default_rng(seed)``: FIRST
    ``W1 = rng.normal(0, sqrt(2 / n_in), (n_hidden, n_in))``, THEN
    ``W2 = rng.normal(0, sqrt(2 / n_hidden), (n_out, n_hidden))`` (the order of the draws
    decides the numbers); ``b1 = zeros(n_hidden)``, ``b2 = zeros(n_out)``.

    Contract: the sizes are integers ``≥ 1``, else ``ValueError`` naming the size. Returns
    a list of two tuples ``[(W1, b1), (W2, b2)]`` of float64 ``np.ndarray``s; the same
    seed gives the same network.

    >>> layers = init_network(64, 16, 10, seed=0)
    >>> [(W.shape, b.shape) for W, b in layers]
    [((16, 64), (16,)), ((10, 16), (10,))]
    >>> float(layers[1][1].sum())
    0.0
    """
    ### BEGIN SOLUTION
    for name, size in (("n_in", n_in), ("n_hidden", n_hidden), ("n_out", n_out)):
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)) or size < 1:
            raise ValueError(f"size {name} must be an integer >= 1, got {size!r}")
    draws = np.random.default_rng(seed)  # one generator: W1's draws first, then W2's
    w1 = draws.normal(0.0, np.sqrt(2.0 / n_in), (n_hidden, n_in))
    w2 = draws.normal(0.0, np.sqrt(2.0 / n_hidden), (n_out, n_hidden))
    return [(w1, np.zeros(n_hidden)), (w2, np.zeros(n_out))]
    ### END SOLUTION


def forward(x, layers):
    """The forward pass: a batch of inputs to the logits of a two-layer ReLU network.

    Level: ★

    Each row of ``x`` goes through the hidden layer, ``h = relu(x W1ᵀ + b1)``, then the
    output layer, ``logits = h W2ᵀ + b2`` (no ReLU on the output: the softmax comes later,
    in the loss). Row ``i`` of the result is the network's score for each class.

    Contract: ``x`` (2-D ``(n, d)``) and ``layers`` (``[(W1, b1), (W2, b2)]`` with shapes
    ``(h, d)``, ``(h,)``, ``(k, h)``, ``(k,)``) are converted with ``np.asarray`` and never
    modified; ``x`` not 2-D or with the wrong number of columns: ``ValueError`` naming
    ``x``; layer shapes that do not chain: ``ValueError`` naming ``layers``. Returns a new
    float64 ``np.ndarray`` of shape ``(n, k)``.

    >>> layers = [(np.array([[1.0, -1.0], [0.5, 0.5]]), np.array([0.0, -1.0])),
    ...           (np.array([[1.0, 2.0]]), np.array([0.5]))]
    >>> forward([[2.0, 1.0], [1.0, 3.0]], layers).tolist()   # hidden: [1, 0.5], [0, 1]
    [[2.5], [2.5]]
    """
    ### BEGIN SOLUTION
    try:
        (w1, b1), (w2, b2) = layers
    except (TypeError, ValueError):
        raise ValueError("layers must be a list of two (W, b) pairs, [(W1, b1), (W2, b2)]") from None
    w1, b1, w2, b2 = (np.asarray(a, dtype=np.float64) for a in (w1, b1, w2, b2))
    if (w1.ndim != 2 or w2.ndim != 2 or b1.shape != (w1.shape[0],) or b2.shape != (w2.shape[0],)
            or w2.shape[1] != w1.shape[0]):
        raise ValueError(f"the shapes of layers do not fit: W1 {w1.shape}, b1 {b1.shape}, "
                         f"W2 {w2.shape}, b2 {b2.shape} (need (h, d), (h,), (k, h), (k,))")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != w1.shape[1]:
        raise ValueError(f"x must be a batch of rows of shape (n, {w1.shape[1]}) to fit W1 "
                         f"{w1.shape}, got shape {x.shape}")
    hidden = np.maximum(x @ w1.T + b1, 0.0)
    return hidden @ w2.T + b2
    ### END SOLUTION


def loss(x, labels, layers):
    """The network's loss on a batch: cross-entropy of the softmax of the logits.

    Level: ★

    ``loss = cross_entropy(softmax(forward(x, layers)), labels)``: the number that
    training makes small. A network that guesses uniformly among ``k`` classes scores
    ``ln k``, one that is sure and right scores near 0.

    Contract: as ``forward`` for ``x`` and ``layers``; ``labels`` (``n`` integers in
    ``0..k-1``) as ``cross_entropy``; none of them modified. Returns a Python ``float``.

    >>> layers = [(np.zeros((3, 2)), np.zeros(3)), (np.zeros((4, 3)), np.zeros(4))]
    >>> round(loss([[1.0, 2.0]], [2], layers), 6)   # uniform over 4 classes: ln 4
    1.386294
    """
    ### BEGIN SOLUTION
    return cross_entropy(softmax(forward(x, layers)), labels)
    ### END SOLUTION


def backward(x, labels, layers):
    """Backpropagation: the gradient of ``loss`` with respect to every weight and bias.

    Level: ★★★

    The chain rule, applied from the loss back to the input, reusing the forward pass's
    intermediate values: with ``z1 = x W1ᵀ + b1``, ``h = relu(z1)``, ``z2 = h W2ᵀ + b2``:
    ``dz2 = (softmax(z2) - one_hot(labels)) / n``; ``dW2 = dz2ᵀ h``, ``db2 = Σ_rows dz2``;
    ``dh = dz2 W2``; ``dz1 = dh · relu'(z1)`` (element-wise, 0 where ``z1 ≤ 0``, as in
    ``relu_grad``); ``dW1 = dz1ᵀ x``, ``db1 = Σ_rows dz1``. Each gradient has its
    parameter's shape. Check it against central differences of ``loss``: they agree to
    about 1e-6 wherever no ReLU input sits at 0.

    Contract: as ``loss``; inputs never modified. Returns ``[(dW1, db1), (dW2, db2)]``, a
    list of two tuples of new float64 ``np.ndarray``s with the shapes of ``layers``.

    >>> layers = [(np.array([[1.0, 0.0], [0.0, -1.0]]), np.zeros(2)),
    ...           (np.array([[1.0, 1.0], [0.0, 0.0]]), np.zeros(2))]
    >>> (dW1, db1), (dW2, db2) = backward([[1.0, 2.0]], [1], layers)
    >>> db2.round(4).tolist(), dW2.round(4).tolist()    # only hidden node 0 is active
    ([0.7311, -0.7311], [[0.7311, 0.0], [-0.7311, 0.0]])
    >>> dW1.round(4).tolist(), db1.round(4).tolist()
    ([[0.7311, 1.4621], [0.0, 0.0]], [0.7311, 0.0])
    """
    ### BEGIN SOLUTION
    forward(x, layers)  # checks the shapes of x and layers
    (w1, b1), (w2, b2) = [(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
                          for w, b in layers]
    x = np.asarray(x, dtype=np.float64)
    z1 = x @ w1.T + b1
    hidden = np.maximum(z1, 0.0)
    z2 = hidden @ w2.T + b2
    dz2 = softmax_cross_entropy_grad(z2, labels)
    dw2, db2 = dz2.T @ hidden, dz2.sum(axis=0)
    dz1 = (dz2 @ w2) * (z1 > 0)
    dw1, db1 = dz1.T @ x, dz1.sum(axis=0)
    return [(dw1, db1), (dw2, db2)]
    ### END SOLUTION


def train_network(x, labels, n_hidden=64, lr=0.5, epochs=100, seed=0):
    """Train the two-layer network by full-batch gradient descent.

    Level: ★★★

    Start from ``init_network(d, n_hidden, k, seed)`` with ``d`` the number of columns of
    ``x`` and ``k = max(labels) + 1`` classes; then, ``epochs`` times, compute
    ``backward`` on the whole batch and step every parameter against its gradient:
    ``W ← W - lr · dW``, ``b ← b - lr · db``. The seed fixes the starting weights, and
    nothing else is random, so the same seed trains the same network. On the course's
    digits (pixels scaled by 1/16, 200 images held out) the defaults reach a test
    accuracy of at least 0.90 in well under a second.

    Contract: ``x`` (2-D ``(n, d)``) and ``labels`` (``n`` integers ``≥ 0``) are converted
    with ``np.asarray`` and never modified; labels that do not fit: ``ValueError`` naming
    ``labels``; ``lr ≤ 0``: ``ValueError`` naming ``lr``; ``epochs`` not an integer
    ``≥ 0``: ``ValueError`` naming ``epochs``; ``n_hidden < 1``: ``ValueError`` naming
    ``n_hidden``. Returns the trained ``[(W1, b1), (W2, b2)]`` (list of tuples of float64
    ``np.ndarray``s); ``epochs = 0`` returns the initial network.

    >>> x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> layers = train_network(x, [0, 1, 1, 0], n_hidden=8, lr=0.5, epochs=500, seed=0)
    >>> forward(x, layers).argmax(axis=1).tolist()    # XOR: one hidden layer is enough
    [0, 1, 1, 0]
    """
    ### BEGIN SOLUTION
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"x must be a non-empty 2-D (n, d) batch, got shape {x.shape}")
    labels = np.asarray(labels)
    if labels.shape != (x.shape[0],):
        raise ValueError(f"labels must hold one label per row of x ({x.shape[0]}), got shape {labels.shape}")
    if labels.dtype.kind not in "iu" or labels.min() < 0:
        raise ValueError(f"labels must be integers >= 0, got {labels.dtype} values from {labels.min()}")
    k = int(labels.max()) + 1
    layers = init_network(x.shape[1], n_hidden, k, seed)
    for _ in range(epochs):
        grads = backward(x, labels, layers)
        layers = [(w - lr * dw, b - lr * db) for (w, b), (dw, db) in zip(layers, grads)]
    return layers
    ### END SOLUTION


def predict(x, layers):
    """The predicted class of each row: the index of its largest logit.

    Level: ★

    The softmax never changes which entry is largest, so the class with the highest
    probability is the arg-max of the logits themselves; no softmax needed.

    Contract: as ``forward``; inputs never modified. Returns a new integer
    ``np.ndarray`` of shape ``(n,)`` (ties go to the lower class, as ``np.argmax``).

    >>> layers = [(np.eye(2), np.zeros(2)), (np.array([[1.0, 0.0], [0.0, 1.0]]), np.zeros(2))]
    >>> predict([[3.0, 1.0], [0.0, 2.0]], layers).tolist()
    [0, 1]
    """
    ### BEGIN SOLUTION
    return np.argmax(forward(x, layers), axis=1)
    ### END SOLUTION


def perceptron_train(X, y, epochs=100, lr=1.0):
    """Rosenblatt's perceptron: one linear threshold unit trained by its mistakes.

    Level: ★★

    Start from ``w = 0`` (``d`` zeros) and ``b = 0.0``. Each epoch visits the rows in
    order; for row ``x`` with label ``y`` (0 or 1) predict ``1 if w·x + b > 0 else 0``
    (strictly greater: at 0 the unit says 0), then update ``w += lr (y - pred) x`` and
    ``b += lr (y - pred)``, which changes nothing when the prediction was right. Stop
    after the first epoch without a mistake: the data are then separated. A line can
    separate AND and OR, so the perceptron converges on them; it never converges on XOR,
    which no line separates (Minsky and Papert, 1969): that is what hidden layers are for.

    Contract: ``X`` (2-D ``(n, d)``) and ``y`` (``n`` labels in {0, 1}) are converted with
    ``np.asarray`` and never modified; shapes that do not fit: ``ValueError`` naming
    ``X`` or ``y``; other labels: ``ValueError`` naming ``y``; ``lr ≤ 0``: ``ValueError``
    naming ``lr``; ``epochs`` not an integer ``≥ 0``: ``ValueError`` naming ``epochs``.
    Returns ``(w, b, converged)``: a float64 ``np.ndarray`` of shape ``(d,)``, a Python
    ``float`` and a Python ``bool`` (``False`` when ``epochs`` ran out).

    >>> X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    >>> w, b, converged = perceptron_train(X, [0, 0, 0, 1])    # AND
    >>> w.tolist(), b, converged
    ([2.0, 1.0], -2.0, True)
    >>> perceptron_train(X, [0, 1, 1, 0])[2]                  # XOR
    False
    """
    ### BEGIN SOLUTION
    if not lr > 0:
        raise ValueError(f"learning rate lr must be positive, got {lr}")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D (n, d) array, got shape {X.shape}")
    if y.ndim != 1 or y.size != X.shape[0]:
        raise ValueError(f"y must hold one label per row of X ({X.shape[0]}), got shape {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold labels 0 and 1 only, got {np.unique(y).tolist()}")
    y = y.astype(np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for row, target in zip(X, y):
            pred = 1.0 if float(np.dot(w, row)) + b > 0 else 0.0
            if pred != target:
                w = w + lr * (target - pred) * row
                b = b + lr * (target - pred)
                mistakes += 1
        if mistakes == 0:
            return w, float(b), True
    return w, float(b), False
    ### END SOLUTION
