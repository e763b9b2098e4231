"""Plausible wrong answers for digits_mlp: each must lose points against the hidden suite."""
MUTANTS = {
    "shuffle_split_course_argsort": '''
def shuffle_split(x, y, n_test, seed=None):
    x, y = np.asarray(x), np.asarray(y)
    if len(x) != len(y):
        raise ValueError("x and y must have the same length")
    if not 1 <= n_test <= len(x) - 1:
        raise ValueError(f"n_test must be between 1 and {len(x) - 1}, got {n_test}")
    rng = np.random.default_rng(seed)
    idx = np.argsort(rng.random(len(x)))
    return x[idx[n_test:]], y[idx[n_test:]], x[idx[:n_test]], y[idx[:n_test]]
''',
    "shuffle_split_test_at_the_end": '''
def shuffle_split(x, y, n_test, seed=None):
    x, y = np.asarray(x), np.asarray(y)
    if len(x) != len(y):
        raise ValueError("x and y must have the same length")
    if not 1 <= n_test <= len(x) - 1:
        raise ValueError(f"n_test must be between 1 and {len(x) - 1}, got {n_test}")
    idx = np.random.default_rng(seed).permutation(len(x))
    return x[idx[:-n_test]], y[idx[:-n_test]], x[idx[-n_test:]], y[idx[-n_test:]]
''',
    "shuffle_split_shuffles_in_place": '''
def shuffle_split(x, y, n_test, seed=None):
    x, y = np.asarray(x), np.asarray(y)
    if len(x) != len(y):
        raise ValueError("x and y must have the same length")
    if not 1 <= n_test <= len(x) - 1:
        raise ValueError(f"n_test must be between 1 and {len(x) - 1}, got {n_test}")
    idx = np.random.default_rng(seed).permutation(len(x))
    x[:] = x[idx]
    y[:] = y[idx]
    return x[n_test:], y[n_test:], x[:n_test], y[:n_test]
''',
    "shuffle_split_allows_empty_train": '''
def shuffle_split(x, y, n_test, seed=None):
    x, y = np.asarray(x), np.asarray(y)
    if len(x) != len(y):
        raise ValueError("x and y must have the same length")
    if not 0 < n_test <= len(x):
        raise ValueError(f"n_test must be between 1 and {len(x)}, got {n_test}")
    idx = np.random.default_rng(seed).permutation(len(x))
    return x[idx[n_test:]], y[idx[n_test:]], x[idx[:n_test]], y[idx[:n_test]]
''',
    "train_mlp_ignores_hidden_layer_sizes": '''
def train_mlp(x_train, y_train, hidden_layer_sizes=(128,), seed=0, max_iter=300):
    clf = MLPClassifier(hidden_layer_sizes=(128,), random_state=seed, max_iter=max_iter)
    return clf.fit(x_train, y_train)
''',
    "train_mlp_ignores_seed": '''
def train_mlp(x_train, y_train, hidden_layer_sizes=(128,), seed=0, max_iter=300):
    clf = MLPClassifier(hidden_layer_sizes=hidden_layer_sizes, max_iter=max_iter)
    return clf.fit(x_train, y_train)
''',
    "train_mlp_sklearn_default_max_iter": '''
def train_mlp(x_train, y_train, hidden_layer_sizes=(128,), seed=0, max_iter=300):
    clf = MLPClassifier(hidden_layer_sizes=hidden_layer_sizes, random_state=seed)
    return clf.fit(x_train, y_train)
''',
    "train_mlp_extra_early_stopping": '''
def train_mlp(x_train, y_train, hidden_layer_sizes=(128,), seed=0, max_iter=300):
    clf = MLPClassifier(hidden_layer_sizes=hidden_layer_sizes, random_state=seed,
                        max_iter=max_iter, early_stopping=True)
    return clf.fit(x_train, y_train)
''',
    "misclassified_swaps_actual_and_predicted": '''
def misclassified(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred must have the same length")
    err = np.where(y_true != y_pred)[0]
    return err, y_pred[err], y_true[err]
''',
    "misclassified_broadcasts_lengths": '''
def misclassified(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    err = np.where(y_true != y_pred)[0]
    return err, y_true[err], np.broadcast_to(y_pred, y_true.shape)[err]
''',
    "layer_shapes_from_settings": '''
def layer_shapes(clf):
    sizes = [clf.n_features_in_, *clf.hidden_layer_sizes, len(clf.classes_)]
    return [((sizes[i], sizes[i + 1]), (sizes[i + 1],)) for i in range(len(sizes) - 1)]
''',
    "layer_shapes_transposed": '''
def layer_shapes(clf):
    return [(w.T.shape, b.shape) for w, b in zip(clf.coefs_, clf.intercepts_)]
''',
    "layer_shapes_hidden_layers_only": '''
def layer_shapes(clf):
    return [(w.shape, b.shape) for w, b in zip(clf.coefs_[:-1], clf.intercepts_[:-1])]
''',
    "plot_digits_titles_with_index": '''
def plot_digits(images, labels, k=10):
    images = np.asarray(images)
    if k > len(images):
        raise ValueError(f"k must be at most {len(images)}, got {k}")
    fig = Figure(figsize=(k, 2))
    for i in range(k):
        ax = fig.add_subplot(1, k, i + 1)
        ax.imshow(images[i].reshape(8, 8), cmap="gray")
        ax.set_title(f"Label: {i}")
        ax.axis("off")
    return fig
''',
    "plot_digits_default_colormap": '''
def plot_digits(images, labels, k=10):
    images = np.asarray(images)
    if k > len(images):
        raise ValueError(f"k must be at most {len(images)}, got {k}")
    fig = Figure(figsize=(k, 2))
    for i in range(k):
        ax = fig.add_subplot(1, k, i + 1)
        ax.imshow(images[i].reshape(8, 8))
        ax.set_title(f"Label: {labels[i]}")
        ax.axis("off")
    return fig
''',
    "plot_digits_keeps_axes_on": '''
def plot_digits(images, labels, k=10):
    images = np.asarray(images)
    if k > len(images):
        raise ValueError(f"k must be at most {len(images)}, got {k}")
    fig = Figure(figsize=(k, 2))
    for i in range(k):
        ax = fig.add_subplot(1, k, i + 1)
        ax.imshow(images[i].reshape(8, 8), cmap="gray")
        ax.set_title(f"Label: {labels[i]}")
    return fig
''',
    "plot_digits_one_column": '''
def plot_digits(images, labels, k=10):
    images = np.asarray(images)
    if k > len(images):
        raise ValueError(f"k must be at most {len(images)}, got {k}")
    fig = Figure(figsize=(2, k))
    for i in range(k):
        ax = fig.add_subplot(k, 1, i + 1)
        ax.imshow(images[i].reshape(8, 8), cmap="gray")
        ax.set_title(f"Label: {labels[i]}")
        ax.axis("off")
    return fig
''',
    "plot_digits_no_k_check": '''
def plot_digits(images, labels, k=10):
    images = np.asarray(images)
    fig = Figure(figsize=(k, 2))
    for i in range(k):
        ax = fig.add_subplot(1, k, i + 1)
        ax.imshow(images[i].reshape(8, 8), cmap="gray")
        ax.set_title(f"Label: {labels[i]}")
        ax.axis("off")
    return fig
''',
    "accuracy_numpy_scalar": '''
def accuracy(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred differ in length")
    if y_true.size == 0:
        raise ValueError("empty")
    return np.mean(y_true == y_pred)
''',
    "accuracy_error_rate": '''
def accuracy(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred differ in length")
    if y_true.size == 0:
        raise ValueError("empty")
    return float(np.mean(y_true != y_pred))
''',
    "accuracy_zip_truncates": '''
def accuracy(y_true, y_pred):
    if len(y_true) == 0:
        raise ValueError("empty")
    right = sum(1 for a, b in zip(y_true, y_pred) if a == b)
    return right / min(len(y_true), len(y_pred))
''',
    "chance_accuracy_one_over_classes": '''
def chance_accuracy(y):
    y = np.asarray(y)
    if y.size == 0:
        raise ValueError("y is empty")
    return 1.0 / np.unique(y).size
''',
    "chance_accuracy_label_not_count": '''
def chance_accuracy(y):
    y = np.asarray(y)
    if y.size == 0:
        raise ValueError("y is empty")
    values, counts = np.unique(y, return_counts=True)
    return float(counts[0] / y.size)
''',
    "chance_accuracy_numpy_scalar": '''
def chance_accuracy(y):
    y = np.asarray(y)
    if y.size == 0:
        raise ValueError("y is empty")
    _, counts = np.unique(y, return_counts=True)
    return counts.max() / y.size
''',
    "layer_shapes_lists": '''
def layer_shapes(clf):
    return [[list(w.shape), list(b.shape)] for w, b in zip(clf.coefs_, clf.intercepts_)]
''',
    "layer_shapes_numpy_ints": '''
def layer_shapes(clf):
    return [(tuple(np.int64(n) for n in w.shape), tuple(np.int64(n) for n in b.shape))
            for w, b in zip(clf.coefs_, clf.intercepts_)]
''',
}
