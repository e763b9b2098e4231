"""Descriptive statistics (course section "Statistics": data types, one-hot, means, median, correlation).

A statistic is a number that characterizes a sample of data. Which statistics make sense
depends on the type of data: nominal data (colors) can only be counted or one-hot encoded,
ordinal data (rankings) can be ranked, and the geometric and harmonic means need ratio data
(a true zero, all values positive).
"""
import numpy as np


def one_hot(labels):
    """One-hot encode nominal (categorical) data, as the course does for colors.

    Level: ★★

    Each category becomes one column; a row has a single 1 in the column of its label
    and 0 elsewhere. The columns follow ``np.unique(labels)``, i.e. the categories in
    sorted order (``["blue", "green", "red"]`` for the course's colors), so row ``i`` is
    ``encoded[i, j] = 1.0`` where ``categories[j] == labels[i]``.

    Contract: ``labels`` is a 1-D sequence (strings or numbers), converted with
    ``np.asarray`` and never modified; not 1-D: ``ValueError``. Returns
    ``(categories, encoded)``: ``categories`` is the ``np.ndarray`` that ``np.unique``
    gives, ``encoded`` a float64 ``np.ndarray`` of shape ``(n, k)`` (``n`` labels,
    ``k`` categories) with exactly one 1.0 per row.

    >>> categories, encoded = one_hot(["red", "green", "blue", "red", "green", "green"])
    >>> categories.tolist()
    ['blue', 'green', 'red']
    >>> encoded.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0],
     [0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [0.0, 1.0, 0.0]]
    """
    raise NotImplementedError("exercise descriptive_stats.one_hot: replace this line with your code")


def weighted_mean(x, w):
    """The weighted mean ``Σ w_i x_i / Σ w_i``.

    Level: ★★

    Each value counts as much as its weight; with equal weights it is the plain mean.
    Only the ratios of the weights matter (``w`` and ``10 * w`` give the same mean).

    Contract: ``x`` and ``w`` (ints or floats) are converted with ``np.asarray`` and
    never modified. ``ValueError`` when they differ in length (the message says
    "length"), when a weight is negative (the message says "negative"), or when the
    weights sum to zero (the message says "zero"). Returns a Python ``float``.

    >>> weighted_mean([1, 2, 3], [3, 1, 0])
    1.25
    >>> weighted_mean([1, 2, 3], [1, 1, 1])
    2.0
    """
    raise NotImplementedError("exercise descriptive_stats.weighted_mean: replace this line with your code")


def geometric_mean(x):
    """The geometric mean ``(x_1 · x_2 · … · x_n) ** (1/n)`` of positive ratio data.

    Level: ★★★

    The right mean for growth factors and ratios. Multiplying 10,000 values of 1e300
    overflows to ``inf``, so work in logs: the log of the geometric mean is the plain
    mean of the logs, ``exp(mean(log(x)))``.

    Contract: ``x`` (ints or floats) is converted with ``np.asarray`` and never modified.
    ``ValueError`` when ``x`` is empty (message says "empty") or holds a value ≤ 0 (the
    message says "positive"). Returns a Python ``float``; equals
    ``scipy.stats.gmean(x)``.

    >>> geometric_mean([1, 4])
    2.0
    >>> round(geometric_mean([1e300] * 10_000) / 1e300, 9)
    1.0
    """
    raise NotImplementedError("exercise descriptive_stats.geometric_mean: replace this line with your code")


def harmonic_mean(x):
    """The harmonic mean ``n / Σ (1 / x_i)`` of positive ratio data.

    Level: ★

    The reciprocal of the mean of the reciprocals: the right mean for rates (average
    speed over equal distances). In deep learning it gives the F1 score.

    Contract: ``x`` (ints or floats) is converted with ``np.asarray`` and never modified.
    ``ValueError`` when ``x`` is empty (message says "empty") or holds a value ≤ 0 (the
    message says "positive"). Returns a Python ``float``; equals
    ``scipy.stats.hmean(x)``.

    >>> harmonic_mean([1, 4, 4])
    2.0
    """
    raise NotImplementedError("exercise descriptive_stats.harmonic_mean: replace this line with your code")


def variance(x, ddof=0):
    """The variance ``Σ (x_i - mean)² / (n - ddof)``: the mean squared distance from the mean.

    Level: ★★

    The spread of the data, in squared units. ``ddof=0`` divides by ``n`` (the variance
    of the data themselves, ``np.var``'s default); ``ddof=1`` divides by ``n - 1``, the
    unbiased estimate of the variance of the process that generated a sample (the one
    the t tests and the covariance matrix use).

    Work in two passes: first the mean, then the squared deviations from it. The
    one-pass shortcut ``E[x²] - E[x]²`` subtracts two huge, nearly equal numbers: for
    data like ``1e9 + small noise`` both are about 1e18, their last digits are round-off,
    and the difference is garbage (it can even come out negative).

    Contract: forbidden: ``np.var``, ``np.std``, ``statistics``. ``x`` (ints or floats;
    any shape is read as its flattened entries) is converted with ``np.asarray`` and never
    modified; empty: ``ValueError`` (the message says "empty"); ``ddof`` must be an
    integer in ``0..n-1``, else ``ValueError`` naming ``ddof``. Returns a Python
    ``float`` equal to ``np.var(x, ddof=ddof)`` to 1e-9 relative.

    >>> variance([1, 2, 3, 4])
    1.25
    >>> variance([2, 4, 4, 4, 5, 5, 7, 9], ddof=1)   # 32 / 7
    4.571428571428571
    >>> variance([1e9 + 1, 1e9 + 2, 1e9 + 3]) == variance([1, 2, 3])   # no cancellation
    True
    """
    raise NotImplementedError("exercise descriptive_stats.variance: replace this line with your code")


def standard_deviation(x, ddof=0):
    """The standard deviation: the square root of the variance, in the data's own units.

    Level: ★

    ``sqrt(variance(x, ddof))``; reuse your ``variance``, so the two-pass rule and the
    checks on ``ddof`` carry over.

    Contract: as for ``variance`` (forbidden: ``np.var``, ``np.std``, ``statistics``;
    empty ``x`` or ``ddof`` outside ``0..n-1``: ``ValueError`` naming the problem).
    Returns a Python ``float`` equal to ``np.std(x, ddof=ddof)`` to 1e-9 relative.

    >>> standard_deviation([2, 4, 4, 4, 5, 5, 7, 9])
    2.0
    """
    raise NotImplementedError("exercise descriptive_stats.standard_deviation: replace this line with your code")


def median(x):
    """The median: the middle value once the data are sorted.

    Level: ★★

    Sort the values; with an odd count the median is the middle one, with an even count
    the mean of the two middle ones (``[1, 2, 3, 4]`` has median 2.5). Half the data lie
    on either side, so unlike the mean it ignores how far out an outlier is.
    Average the two middle values as ``a/2 + b/2``: ``(a + b)/2`` overflows for values
    near 1e308 (and, in integer arithmetic, for large ints).

    Contract: by sorting; forbidden: ``np.median``, ``np.percentile``, ``np.quantile``,
    ``statistics``. ``x`` (ints or floats) is converted with ``np.asarray`` and never
    modified (sort a copy); empty ``x``: ``ValueError`` (message says "empty").
    Returns a Python ``float``.

    >>> median([3, 1, 2])
    2.0
    >>> median([4, 1, 3, 2])
    2.5
    """
    raise NotImplementedError("exercise descriptive_stats.median: replace this line with your code")


def f1_score(precision, recall):
    """The F1 score: the harmonic mean of precision and recall, ``2PR / (P + R)``.

    Level: ★

    Being a harmonic mean, it is dragged towards the smaller of the two: precision 1.0
    with recall 0.0 scores 0, not 0.5. When both are 0 the formula is 0/0; the score is
    defined as ``0.0`` there (a classifier that finds nothing scores nothing).

    Contract: ``precision`` and ``recall`` are numbers in [0, 1], else ``ValueError``
    naming which one. Returns a Python ``float``.

    >>> f1_score(0.5, 1.0)
    0.6666666666666666
    >>> f1_score(0.0, 0.0)
    0.0
    """
    raise NotImplementedError("exercise descriptive_stats.f1_score: replace this line with your code")


def pearson(x, y):
    """The Pearson correlation coefficient: the linear relationship between two variables.

    Level: ★★

    ``r = Σ (x_i - x̄)(y_i - ȳ) / sqrt(Σ (x_i - x̄)² · Σ (y_i - ȳ)²)``, from -1 (a perfect
    negative linear relationship) through 0 (no linear relationship) to 1 (a perfect
    positive one). Subtract the means first: the expected-value form
    ``(E[XY] - E[X]E[Y]) / (σ_X σ_Y)`` is the same on paper but loses all precision when
    the data have a large offset (values around 1e6 with spread 1). A constant variable
    has no spread (σ = 0), so r is 0/0: undefined.

    Contract: forbidden: ``np.corrcoef``, ``scipy.stats.pearsonr``. ``x`` and ``y`` are
    1-D, converted with ``np.asarray`` and never modified. ``ValueError`` when they differ
    in length ("length"), have fewer than 2 values, or one is constant (the message says
    "constant"). Returns a Python ``float`` in [-1, 1]; equals ``np.corrcoef(x, y)[0, 1]``.

    >>> pearson([1, 2, 3], [2, 4, 6])
    1.0
    >>> pearson([1, 2, 3], [3, 2, 1])
    -1.0
    """
    raise NotImplementedError("exercise descriptive_stats.pearson: replace this line with your code")


def ranks(x):
    """The 1-based ranks of ordinal data; tied values share their average rank.

    Level: ★★★

    The smallest value gets rank 1, the largest rank n. Tied values would occupy several
    consecutive ranks; each of them gets the average of those ranks: in
    ``[10, 20, 20, 30]`` the two 20s would be ranks 2 and 3, so both get 2.5.
    Note that ``np.argsort(x)`` is not the ranks (it lists the positions in sorted
    order); the rank of ``x[i]`` is where ``x[i]`` lands in the sorted order.

    Contract: ``x`` is 1-D (else ``ValueError``), converted with ``np.asarray`` and
    never modified. Returns a float64 ``np.ndarray`` of the same length, equal to
    ``scipy.stats.rankdata(x)`` (method "average").

    >>> ranks([10, 30, 20, 20]).tolist()
    [1.0, 4.0, 2.5, 2.5]
    >>> ranks([3.5, -1.0, 7.0]).tolist()
    [2.0, 1.0, 3.0]
    """
    raise NotImplementedError("exercise descriptive_stats.ranks: replace this line with your code")


def spearman(x, y):
    """The Spearman rank correlation: the Pearson correlation of the ranks.

    Level: ★★★

    Pearson looks for a linear relationship; Spearman looks for any monotonic one by
    correlating the ranks of the values (average ranks for ties) instead of the values:
    ``y = x**3`` is perfectly monotonic, so its Spearman correlation is 1 while its
    Pearson correlation is below 1.

    Contract: forbidden: ``scipy.stats.spearmanr``. ``x`` and ``y`` are 1-D, converted
    with ``np.asarray`` and never modified; the same ``ValueError`` cases as
    ``pearson`` (different lengths, fewer than 2 values, a constant input: the message
    says "constant"). Returns a Python ``float``; equals
    ``scipy.stats.spearmanr(x, y).statistic``, ties included.

    >>> spearman([1, 2, 3, 4], [1, 8, 27, 64])
    1.0
    >>> round(spearman([1, 2, 3, 4], [10, 20, 20, 5]), 6)  # y ranks as [2, 3.5, 3.5, 1]
    -0.316228
    """
    raise NotImplementedError("exercise descriptive_stats.spearman: replace this line with your code")
