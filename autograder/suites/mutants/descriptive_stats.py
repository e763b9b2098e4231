"""Plausible wrong answers for descriptive_stats: each must lose points against the hidden suite."""
MUTANTS = {
    "one_hot_first_seen_order": '''
def one_hot(labels):
    labels = np.asarray(labels)
    seen = list(dict.fromkeys(labels.tolist()))
    categories = np.array(seen)
    encoded = np.zeros((labels.size, len(seen)))
    for i, label in enumerate(labels.tolist()):
        encoded[i, seen.index(label)] = 1.0
    return categories, encoded
''',
    "one_hot_int_encoded": '''
def one_hot(labels):
    labels = np.asarray(labels)
    categories = np.unique(labels)
    encoded = np.zeros((len(labels), len(categories)), dtype=int)
    for i, label in enumerate(labels):
        encoded[i, np.where(categories == label)[0]] = 1
    return categories, encoded
''',
    "weighted_mean_divides_by_count": '''
def weighted_mean(x, w):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if x.shape != w.shape:
        raise ValueError("x and w differ in length")
    if np.any(w < 0):
        raise ValueError("negative weight")
    if w.sum() == 0:
        raise ValueError("weights sum to zero")
    return float((w * x).sum() / len(x))
''',
    "weighted_mean_allows_negative_weights": '''
def weighted_mean(x, w):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if x.shape != w.shape:
        raise ValueError("x and w differ in length")
    if w.sum() == 0:
        raise ValueError("weights sum to zero")
    return float((w * x).sum() / w.sum())
''',
    "geometric_mean_product_overflows": '''
def geometric_mean(x):
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("x is empty")
    if np.any(x <= 0):
        raise ValueError("values must be positive")
    return float(np.prod(x) ** (1.0 / x.size))
''',
    "geometric_mean_allows_zero": '''
def geometric_mean(x):
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("x is empty")
    if np.any(x < 0):
        raise ValueError("values must be positive")
    with np.errstate(divide="ignore"):
        return float(np.exp(np.log(x).mean()))
''',
    "harmonic_mean_mean_of_reciprocals": '''
def harmonic_mean(x):
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("x is empty")
    if np.any(x <= 0):
        raise ValueError("values must be positive")
    return float((1.0 / x).sum() / x.size)
''',
    "median_even_takes_upper": '''
def median(x):
    values = np.sort(np.asarray(x, dtype=float))
    if values.size == 0:
        raise ValueError("x is empty")
    return float(values[values.size // 2])
''',
    "median_sorts_in_place": '''
def median(x):
    values = np.asarray(x)
    if values.size == 0:
        raise ValueError("x is empty")
    values.sort()
    n = values.size
    if n % 2 == 1:
        return float(values[n // 2])
    return float(values[n // 2 - 1]) / 2 + float(values[n // 2]) / 2
''',
    "median_sum_overflows": '''
def median(x):
    values = np.sort(np.asarray(x))
    n = values.size
    if n == 0:
        raise ValueError("x is empty")
    if n % 2 == 1:
        return float(values[n // 2])
    with np.errstate(over="ignore"):
        return float((values[n // 2 - 1] + values[n // 2]) / 2)
''',
    "f1_arithmetic_mean": '''
def f1_score(precision, recall):
    p, r = float(precision), float(recall)
    if not 0 <= p <= 1:
        raise ValueError("precision must be in [0, 1]")
    if not 0 <= r <= 1:
        raise ValueError("recall must be in [0, 1]")
    return (p + r) / 2
''',
    "f1_no_zero_guard": '''
def f1_score(precision, recall):
    p, r = float(precision), float(recall)
    if not 0 <= p <= 1:
        raise ValueError("precision must be in [0, 1]")
    if not 0 <= r <= 1:
        raise ValueError("recall must be in [0, 1]")
    return 2 * p * r / (p + r)
''',
    "pearson_mixed_ddof": '''
def pearson(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.size != y.size:
        raise ValueError("x and y differ in length")
    if np.all(x == x[0]) or np.all(y == y[0]):
        raise ValueError("constant input")
    return float(np.cov(x, y)[0, 1] / (x.std() * y.std()))
''',
    "pearson_expected_value_formula": '''
def pearson(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.size != y.size:
        raise ValueError("x and y differ in length")
    if np.all(x == x[0]) or np.all(y == y[0]):
        raise ValueError("constant input")
    cov = (x * y).mean() - x.mean() * y.mean()
    sx = np.sqrt((x * x).mean() - x.mean() ** 2)
    sy = np.sqrt((y * y).mean() - y.mean() ** 2)
    return float(cov / (sx * sy))
''',
    "pearson_no_constant_check": '''
def pearson(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.size != y.size:
        raise ValueError("x and y differ in length")
    dx = x - x.mean()
    dy = y - y.mean()
    with np.errstate(invalid="ignore", divide="ignore"):
        return float((dx * dy).sum() / np.sqrt((dx * dx).sum() * (dy * dy).sum()))
''',
    "ranks_ties_by_order": '''
def ranks(x):
    x = np.asarray(x)
    result = np.empty(x.size, dtype=float)
    result[np.argsort(x, kind="stable")] = np.arange(1, x.size + 1)
    return result
''',
    "ranks_argsort_plus_one": '''
def ranks(x):
    x = np.asarray(x)
    order = np.argsort(x, kind="stable")
    result = (order + 1).astype(float)
    for value in np.unique(x):
        tied = x == value
        result[tied] = result[tied].mean()
    return result
''',
    "ranks_zero_based": '''
def ranks(x):
    x = np.asarray(x)
    n = x.size
    order = np.argsort(x, kind="stable")
    in_order = x[order]
    result = np.empty(n, dtype=float)
    start = 0
    while start < n:
        stop = start + 1
        while stop < n and in_order[stop] == in_order[start]:
            stop += 1
        result[order[start:stop]] = (start + stop - 1) / 2
        start = stop
    return result
''',
    "ranks_ties_get_min": '''
def ranks(x):
    x = np.asarray(x)
    in_order = np.sort(x)
    return (np.searchsorted(in_order, x, side="left") + 1).astype(float)
''',
    "spearman_classic_formula": '''
def spearman(x, y):
    x = np.asarray(x)
    y = np.asarray(y)
    if x.size != y.size:
        raise ValueError("x and y differ in length")
    if np.all(x == x[0]) or np.all(y == y[0]):
        raise ValueError("constant input")
    n = x.size
    d = ranks(x) - ranks(y)
    return float(1 - 6 * (d * d).sum() / (n * (n * n - 1)))
''',
    "spearman_ignores_ties": '''
def spearman(x, y):
    x = np.asarray(x)
    y = np.asarray(y)
    if x.size != y.size:
        raise ValueError("x and y differ in length")
    rx = np.empty(x.size)
    ry = np.empty(y.size)
    rx[np.argsort(x, kind="stable")] = np.arange(1, x.size + 1)
    ry[np.argsort(y, kind="stable")] = np.arange(1, y.size + 1)
    if np.all(x == x[0]) or np.all(y == y[0]):
        raise ValueError("constant input")
    return pearson(rx, ry)
''',
    "variance_one_pass": '''
def variance(x, ddof=0):
    x = np.asarray(x, dtype=float).ravel()
    n = x.size
    if n == 0:
        raise ValueError("x is empty")
    if not 0 <= ddof <= n - 1:
        raise ValueError(f"ddof must be in 0..{n - 1}")
    return float(((x * x).mean() - x.mean() ** 2) * n / (n - ddof))
''',
    "variance_ignores_ddof": '''
def variance(x, ddof=0):
    x = np.asarray(x, dtype=float).ravel()
    n = x.size
    if n == 0:
        raise ValueError("x is empty")
    if not 0 <= ddof <= n - 1:
        raise ValueError(f"ddof must be in 0..{n - 1}")
    d = x - x.mean()
    return float((d * d).sum() / n)
''',
    "variance_no_ddof_check": '''
def variance(x, ddof=0):
    x = np.asarray(x, dtype=float).ravel()
    n = x.size
    if n == 0:
        raise ValueError("x is empty")
    d = x - x.mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        return float((d * d).sum() / np.float64(n - ddof))
''',
    "standard_deviation_no_root": '''
def standard_deviation(x, ddof=0):
    return variance(x, ddof)
''',
    "standard_deviation_one_pass": '''
def standard_deviation(x, ddof=0):
    x = np.asarray(x, dtype=float).ravel()
    n = x.size
    if n == 0:
        raise ValueError("x is empty")
    if not 0 <= ddof <= n - 1:
        raise ValueError(f"ddof must be in 0..{n - 1}")
    return float(np.sqrt(max(0.0, ((x * x).mean() - x.mean() ** 2) * n / (n - ddof))))
''',
    "standard_deviation_numpy_scalar": '''
def standard_deviation(x, ddof=0):
    return np.sqrt(variance(x, ddof))
''',
    "weighted_mean_numpy_average": '''
def weighted_mean(x, w):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if x.shape != w.shape:
        raise ValueError("x and w differ in length")
    if np.any(w < 0):
        raise ValueError("negative weight")
    if w.sum() == 0:
        raise ValueError("weights sum to zero")
    return np.average(x, weights=w)
''',
    "one_hot_returns_a_list": '''
def one_hot(labels):
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError("labels must be 1-D")
    categories, index = np.unique(labels, return_inverse=True)
    encoded = np.zeros((labels.size, categories.size))
    encoded[np.arange(labels.size), index.reshape(-1)] = 1.0
    return [categories, encoded]
''',
}
