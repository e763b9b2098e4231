"""Hidden suite for descriptive_stats: one-hot, the means, median, F1, Pearson, ranks, Spearman.

Oracles: np.unique, np.average, scipy.stats.gmean / hmean / rankdata / spearmanr,
np.median, np.corrcoef, np.var / np.std (also on 1e9 + noise, where E[x²] - E[x]² fails);
each comparison states its tolerance.
"""
import numpy as np
import pytest
import scipy.stats
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograder.suites import checks
from autograder.suites import strategies as S

# Budget 12. Weighted by difficulty and by how many contract clauses a function carries:
# ranks (average ties, inverse permutation) and pearson (centering, constant input) are the
# hardest; variance (two passes, ddof) next; the plain formulas (harmonic mean, F1) and the
# square root of the variance the easiest.
POINTS = {
    "one_hot": 1.0,
    "weighted_mean": 1.0,
    "geometric_mean": 1.0,
    "harmonic_mean": 0.5,
    "variance": 1.5,
    "standard_deviation": 0.5,
    "median": 1.0,
    "f1_score": 0.5,
    "pearson": 1.5,
    "ranks": 2.5,
    "spearman": 1.0,
}


# --- strategies -------------------------------------------------------------------------

@st.composite
def data_pairs(draw, min_len=3, max_len=25, ties=None):
    """Two non-constant samples of one length: ints, or scaled and shifted floats.

    Values are integers (exact) times a scale plus an offset, so the oracles are accurate;
    ``ties`` draws from 7 levels only, so many values repeat; without, all values differ.
    """
    n = draw(st.integers(min_len, max_len))
    with_ties = draw(st.booleans()) if ties is None else ties
    top = 3 if with_ties else 10**6
    xs = draw(st.lists(st.integers(-top, top), min_size=n, max_size=n, unique=not with_ties))
    ys = draw(st.lists(st.integers(-top, top), min_size=n, max_size=n, unique=not with_ties))
    assume(len(set(xs)) > 1 and len(set(ys)) > 1)
    if draw(st.booleans()):
        return np.array(xs, dtype=np.int64), np.array(ys, dtype=np.int64)
    scale = draw(st.sampled_from([1.0, 1e-3, 0.25, 1e3]))
    offset = draw(st.sampled_from([0.0, -50.0, 1e3]))
    return np.array(xs) * scale + offset, np.array(ys) * scale - offset


@st.composite
def weighted_data(draw):
    """``(x, w)``: values of either sign, weights ≥ 0 (some zero) with a positive total."""
    n = draw(st.integers(1, 15))
    x = draw(S.arrays((n,), draw(S.numeric_dtypes()), -100, 100))
    if draw(st.booleans()):
        w = draw(S.arrays((n,), np.int64, 0, 5))
    else:
        w = draw(S.arrays((n,), np.float64, 0, 10))
    assume(w.sum() > 0)
    return x, w


def positive_samples():
    floats = S.positive_vectors(1, 20, 1e-3, 1e6)
    ints = st.lists(st.integers(1, 10**6), min_size=1, max_size=20).map(
        lambda v: np.array(v, dtype=np.int64))
    return st.one_of(floats, ints)


def unmodified_call(sub, name, *args):
    """Call ``sub.name(*args)`` and fail when it modified an argument."""
    got, info = sub.inspect_call(name, *args)
    assert not info.mutated, (
        f"{name} modified its input ({', '.join(info.mutated)}); inputs must never be changed"
        f"\n  input: {', '.join(checks.fmt(a) for a in args)}")
    return got


# --- one_hot ----------------------------------------------------------------------------

@pytest.mark.exercise("one_hot")
def test_one_hot_course_colors(sub):
    colors = ["red", "green", "blue", "red", "green", "green"]
    categories, encoded = sub.one_hot(colors)
    checks.assert_array(categories, shape=(3,), what="categories", inputs=colors)
    assert categories.tolist() == ["blue", "green", "red"], (
        "categories must follow np.unique's (sorted) order"
        f"\n  input: {colors}\n  expected: ['blue', 'green', 'red']\n  got: {categories.tolist()}")
    expected = np.eye(3)[[2, 1, 0, 2, 1, 1]]
    checks.assert_close(encoded, expected, dtype=np.float64, what="encoded", inputs=colors)


@pytest.mark.exercise("one_hot", weight=2)
@given(labels=st.one_of(
    st.lists(st.integers(-5, 5), min_size=1, max_size=20).map(lambda v: np.array(v)),
    st.lists(st.sampled_from(["cat", "dog", "bird", "ant", "Zebra"]), min_size=1, max_size=20)
    .map(lambda v: np.array(v)),
))
@settings(max_examples=20)
def test_one_hot_matches_unique(sub, labels):
    categories, encoded = unmodified_call(sub, "one_hot", labels)
    expected_categories, index = np.unique(labels, return_inverse=True)
    checks.assert_close(categories, expected_categories, what="categories (np.unique order)",
                        inputs=checks.fmt(labels))
    expected = np.zeros((labels.size, expected_categories.size))
    expected[np.arange(labels.size), index.reshape(-1)] = 1.0
    checks.assert_close(encoded, expected, dtype=np.float64, rtol=0, atol=0,
                        what="encoded (float, shape (n, k), one 1 per row)", inputs=checks.fmt(labels))


# --- weighted_mean ----------------------------------------------------------------------

@pytest.mark.exercise("weighted_mean", weight=2)
@given(data=weighted_data())
@settings(max_examples=25)
def test_weighted_mean_matches_numpy_average(sub, data):
    x, w = data
    got = unmodified_call(sub, "weighted_mean", x, w)
    expected = float(np.average(x.astype(float), weights=w.astype(float)))
    checks.assert_scalar(got, expected, rtol=1e-9, atol=1e-9,
                         inputs=f"x={checks.fmt(x)}, w={checks.fmt(w)}", what="weighted_mean")


@pytest.mark.exercise("weighted_mean")
def test_weighted_mean_examples(sub):
    checks.assert_scalar(sub.weighted_mean([1, 2, 3], [3, 1, 0]), 1.25, what="weighted_mean",
                         inputs="x=[1, 2, 3], w=[3, 1, 0]")
    checks.assert_scalar(sub.weighted_mean([-2.0, 4.0], [0.5, 0.25]), 0.0, atol=1e-15,
                         what="weighted_mean", inputs="x=[-2.0, 4.0], w=[0.5, 0.25]")


@pytest.mark.exercise("weighted_mean")
def test_weighted_mean_rejects_negative_weight(sub):
    checks.expect_error(ValueError, sub.weighted_mean, [1.0, 2.0, 3.0], [2.0, -1.0, 1.0],
                        mentions="negative")


@pytest.mark.exercise("weighted_mean")
def test_weighted_mean_rejects_zero_total(sub):
    checks.expect_error(ValueError, sub.weighted_mean, [1.0, 2.0, 3.0], [0, 0, 0], mentions="zero")


@pytest.mark.exercise("weighted_mean")
def test_weighted_mean_rejects_length_mismatch(sub):
    checks.expect_error(ValueError, sub.weighted_mean, [1.0, 2.0, 3.0], [1.0, 1.0], mentions="length")
    checks.expect_error(ValueError, sub.weighted_mean, [1.0], [1.0, 1.0], mentions="length")


# --- geometric_mean ---------------------------------------------------------------------

@pytest.mark.exercise("geometric_mean", weight=2)
@given(x=positive_samples())
@settings(max_examples=20)
def test_geometric_mean_matches_scipy(sub, x):
    got = unmodified_call(sub, "geometric_mean", x)
    checks.assert_scalar(got, float(scipy.stats.gmean(x.astype(float))), rtol=1e-10,
                         inputs=checks.fmt(x), what="geometric_mean")


@pytest.mark.exercise("geometric_mean", weight=2)
def test_geometric_mean_huge_and_tiny_values(sub):
    checks.assert_scalar(sub.geometric_mean(np.full(10_000, 1e300)), 1e300, rtol=1e-12,
                         what="geometric_mean",
                         inputs="10,000 values of 1e300 (the product overflows: work in logs)")
    checks.assert_scalar(sub.geometric_mean(np.full(10_000, 1e-300)), 1e-300, rtol=1e-12,
                         what="geometric_mean",
                         inputs="10,000 values of 1e-300 (the product underflows: work in logs)")
    mixed = np.array([1e300, 1e-300] * 5000)
    checks.assert_scalar(sub.geometric_mean(mixed), 1.0, rtol=1e-9,
                         inputs="5,000 pairs (1e300, 1e-300)", what="geometric_mean")


@pytest.mark.exercise("geometric_mean")
def test_geometric_mean_rejects_non_positive(sub):
    checks.expect_error(ValueError, sub.geometric_mean, [2.0, 0.0, 8.0], mentions="positive")
    checks.expect_error(ValueError, sub.geometric_mean, [-2.0, -8.0], mentions="positive")
    checks.expect_error(ValueError, sub.geometric_mean, [], mentions="empty")


# --- harmonic_mean ----------------------------------------------------------------------

@pytest.mark.exercise("harmonic_mean", weight=2)
@given(x=positive_samples())
@settings(max_examples=20)
def test_harmonic_mean_matches_scipy(sub, x):
    got = unmodified_call(sub, "harmonic_mean", x)
    checks.assert_scalar(got, float(scipy.stats.hmean(x.astype(float))), rtol=1e-10,
                         inputs=checks.fmt(x), what="harmonic_mean")


@pytest.mark.exercise("harmonic_mean")
def test_harmonic_mean_examples(sub):
    checks.assert_scalar(sub.harmonic_mean([1, 4, 4]), 2.0, what="harmonic_mean", inputs=[1, 4, 4])
    checks.assert_scalar(sub.harmonic_mean([60.0, 40.0]), 48.0, what="harmonic_mean",
                         inputs="[60.0, 40.0] (average speed over equal distances)")


@pytest.mark.exercise("harmonic_mean")
def test_harmonic_mean_rejects_non_positive(sub):
    checks.expect_error(ValueError, sub.harmonic_mean, [1.0, 0.0], mentions="positive")
    checks.expect_error(ValueError, sub.harmonic_mean, [3.0, -1.0, 2.0], mentions="positive")
    checks.expect_error(ValueError, sub.harmonic_mean, [], mentions="empty")


# --- median -----------------------------------------------------------------------------

@pytest.mark.exercise("median", weight=3)
@given(x=st.one_of(S.samples(1, 30), S.vectors(1, 30, dtype=np.int64)))
@settings(max_examples=25)
def test_median_matches_numpy(sub, x):
    got = unmodified_call(sub, "median", x)
    checks.assert_scalar(got, float(np.median(x)), rtol=1e-12, atol=1e-12, what="median",
                         inputs=checks.fmt(x))


@pytest.mark.exercise("median")
def test_median_does_not_sort_the_input(sub):
    x = np.array([5.0, 1.0, 4.0, 2.0, 3.0])
    got, info = sub.inspect_call("median", x)
    assert not info.mutated, (
        f"median sorted its input in place: sort a copy (np.sort), not x itself\n  input: {checks.fmt(x)}")
    checks.assert_scalar(got, 3.0, inputs=checks.fmt(x), what="median")


@pytest.mark.exercise("median")
def test_median_large_magnitudes(sub):
    checks.assert_scalar(sub.median(np.array([1e308, 1e308, -1.0, 1.7e308])), 1e308, rtol=1e-12,
                         inputs="[1e308, 1e308, -1.0, 1.7e308] (averaging a + b overflows)", what="median")
    big = np.array([2**62, 2**62 + 2**11], dtype=np.int64)
    checks.assert_scalar(sub.median(big), float(2**62 + 2**10), rtol=1e-15,
                         inputs="int64 [2**62, 2**62 + 2**11] (the int sum overflows)", what="median")


@pytest.mark.exercise("median")
def test_median_odd_even_and_ties(sub):
    for x, expected in [([3, 1, 2], 2.0), ([4, 1, 3, 2], 2.5), ([7, -1, 7, 7], 7.0), ([5], 5.0),
                        ([-3.5, 10.0], 3.25)]:
        checks.assert_scalar(sub.median(x), expected, what="median", inputs=x)
    checks.expect_error(ValueError, sub.median, [], mentions="empty")


# --- f1_score ---------------------------------------------------------------------------

@pytest.mark.exercise("f1_score", weight=2)
@given(p=S.probabilities(), r=S.probabilities())
@settings(max_examples=25)
def test_f1_score_is_harmonic_mean(sub, p, r):
    assume(p + r > 0)
    expected = 2 * p * r / (p + r)
    checks.assert_scalar(sub.f1_score(p, r), expected, rtol=1e-12, atol=1e-300,
                         inputs=f"precision={p!r}, recall={r!r}", what="f1_score")


@pytest.mark.exercise("f1_score")
def test_f1_score_both_zero_is_zero(sub):
    checks.assert_scalar(sub.f1_score(0.0, 0.0), 0.0, inputs="precision=0.0, recall=0.0", what="f1_score")
    checks.assert_scalar(sub.f1_score(1.0, 0.0), 0.0, inputs="precision=1.0, recall=0.0", what="f1_score")


@pytest.mark.exercise("f1_score")
def test_f1_score_rejects_out_of_range(sub):
    checks.expect_error(ValueError, sub.f1_score, 1.5, 0.5, mentions="precision")
    checks.expect_error(ValueError, sub.f1_score, 0.5, -0.1, mentions="recall")


# --- pearson ----------------------------------------------------------------------------

@pytest.mark.exercise("pearson", weight=3)
@given(data=data_pairs())
@settings(max_examples=25)
def test_pearson_matches_corrcoef(sub, data):
    x, y = data
    got = unmodified_call(sub, "pearson", x, y)
    expected = float(np.corrcoef(x, y)[0, 1])
    checks.assert_scalar(got, expected, rtol=0, atol=1e-9,
                         inputs=f"x={checks.fmt(x)}, y={checks.fmt(y)}", what="pearson")


@pytest.mark.exercise("pearson", weight=2)
def test_pearson_large_offset(sub):
    g = np.random.default_rng(20240601)
    u = g.standard_normal(50)
    x = 1e6 + u
    y = 1e6 + 0.6 * u + 0.8 * g.standard_normal(50)
    expected = float(np.corrcoef(u, y - 1e6)[0, 1])
    checks.assert_scalar(sub.pearson(x, y), expected, rtol=0, atol=1e-7,
                         inputs="x = 1e6 + noise, y = 1e6 + correlated noise (subtract the means "
                                "first: E[XY] - E[X]E[Y] cancels catastrophically)", what="pearson")
    checks.assert_scalar(sub.pearson(x, -3 * x), -1.0, atol=1e-9, what="pearson",
                         inputs="x = 1e6 + noise, y = -3x")


@pytest.mark.exercise("pearson")
def test_pearson_rejects_constant(sub):
    checks.expect_error(ValueError, sub.pearson, [1.0, 2.0, 3.0], [0.1, 0.1, 0.1], mentions="constant")
    checks.expect_error(ValueError, sub.pearson, [7, 7, 7, 7], [1, 2, 3, 4], mentions="constant")


@pytest.mark.exercise("pearson")
def test_pearson_rejects_length_mismatch(sub):
    checks.expect_error(ValueError, sub.pearson, [1.0, 2.0, 3.0], [1.0, 2.0], mentions="length")


# --- ranks ------------------------------------------------------------------------------

@pytest.mark.exercise("ranks", weight=3)
@given(x=st.one_of(S.samples(1, 30, ties=True), S.samples(1, 30, ties=False),
                   S.vectors(1, 30, low=-5, high=5, dtype=np.int64)))
@settings(max_examples=30)
def test_ranks_match_rankdata(sub, x):
    got = unmodified_call(sub, "ranks", x)
    checks.assert_close(got, scipy.stats.rankdata(x), rtol=0, atol=1e-12, dtype=np.float64,
                        what="ranks (1-based, ties share their average rank)", inputs=checks.fmt(x))


@pytest.mark.exercise("ranks")
def test_ranks_without_ties_are_inverse_of_argsort(sub):
    x = [40, 10, 50, 30, 20]
    checks.assert_close(sub.ranks(x), [4.0, 1.0, 5.0, 3.0, 2.0], rtol=0, atol=0, inputs=x,
                        what="ranks (rank of x[i] = its place in sorted order; not np.argsort)")


@pytest.mark.exercise("ranks", weight=2)
def test_ranks_ties_average(sub):
    x = [2.0, 2.0, 2.0, 1.0, 9.0, 9.0]
    checks.assert_close(sub.ranks(x), [3.0, 3.0, 3.0, 1.0, 5.5, 5.5], rtol=0, atol=0, inputs=x,
                        what="ranks (tied values share their average rank)")
    checks.assert_close(sub.ranks([-4, -4, -4, -4]), [2.5, 2.5, 2.5, 2.5], rtol=0, atol=0,
                        inputs=[-4, -4, -4, -4], what="ranks of a constant sample")


# --- spearman ---------------------------------------------------------------------------

@pytest.mark.exercise("spearman", weight=3)
@given(data=data_pairs(ties=True))
@settings(max_examples=25)
def test_spearman_matches_scipy_with_ties(sub, data):
    x, y = data
    got = unmodified_call(sub, "spearman", x, y)
    expected = float(scipy.stats.spearmanr(x, y).statistic)
    checks.assert_scalar(got, expected, rtol=0, atol=1e-9,
                         inputs=f"x={checks.fmt(x)}, y={checks.fmt(y)}", what="spearman")


@pytest.mark.exercise("spearman")
@given(data=data_pairs(ties=False))
@settings(max_examples=15)
def test_spearman_matches_scipy(sub, data):
    x, y = data
    expected = float(scipy.stats.spearmanr(x, y).statistic)
    checks.assert_scalar(sub.spearman(x, y), expected, rtol=0, atol=1e-9,
                         inputs=f"x={checks.fmt(x)}, y={checks.fmt(y)}", what="spearman")


@pytest.mark.exercise("spearman")
def test_spearman_monotonic_and_constant(sub):
    x = np.array([-2.0, -1.0, 0.5, 3.0, 10.0])
    checks.assert_scalar(sub.spearman(x, x**3), 1.0, atol=1e-12, what="spearman",
                         inputs=f"x={x.tolist()}, y=x**3 (monotonic)")
    checks.assert_scalar(sub.spearman(x, np.exp(-x)), -1.0, atol=1e-12, what="spearman",
                         inputs=f"x={x.tolist()}, y=exp(-x) (decreasing)")
    checks.expect_error(ValueError, sub.spearman, [1, 2, 3], [4, 4, 4], mentions="constant")


# --- variance, standard_deviation ---------------------------------------------------------

@st.composite
def samples_and_ddof(draw):
    """A sample of ints or floats (offsets up to 1e3, some constant) and a valid ``ddof``."""
    x = draw(st.one_of(S.samples(1, 30), S.vectors(1, 30, dtype=np.int64),
                       st.integers(1, 8).map(lambda n: np.full(n, 0.1))))
    return x, draw(st.integers(0, x.size - 1))


def spread_call(sub, name, x, ddof, oracle):
    got, info = sub.inspect_call(name, x, ddof)
    inputs = f"x={checks.fmt(x)}, ddof={ddof}"
    scale = float(np.max(np.abs(x))) ** (2 if name == "variance" else 1)
    checks.assert_scalar(got, float(oracle(x, ddof=ddof)), rtol=1e-9, atol=1e-12 * max(scale, 1.0),
                         what=name, inputs=inputs)
    assert not info.mutated, f"{name} must not modify its input; it changed {info.mutated}"


@pytest.mark.exercise("variance", weight=2)
@given(case=samples_and_ddof())
@settings(max_examples=20)
def test_variance_matches_np_var(sub, case):
    spread_call(sub, "variance", *case, np.var)


@pytest.mark.exercise("variance", weight=2)
def test_variance_two_passes_on_a_large_offset(sub):
    # E[x²] - E[x]² subtracts two numbers near 1e18 whose round-off is ~100: garbage
    noise = np.random.default_rng(13).normal(0.0, 1.0, 1000)
    for offset in (1e9, -3e8):
        x = offset + noise
        for ddof in (0, 1):
            checks.assert_scalar(sub.variance(x, ddof), float(np.var(x, ddof=ddof)), rtol=1e-9,
                                 what="variance", inputs=f"{offset:g} + N(0, 1) noise (1000 values), "
                                                         f"ddof={ddof}")


@pytest.mark.exercise("variance")
def test_variance_examples_and_list_input(sub):
    checks.assert_scalar(sub.variance([1, 2, 3, 4]), 1.25, rtol=1e-15, what="variance",
                         inputs="[1, 2, 3, 4]")
    checks.assert_scalar(sub.variance([2, 4, 4, 4, 5, 5, 7, 9], ddof=1), 32 / 7, rtol=1e-14,
                         what="variance", inputs="[2, 4, 4, 4, 5, 5, 7, 9], ddof=1")
    checks.assert_scalar(sub.variance([5.0]), 0.0, atol=0, what="variance", inputs="[5.0]")


@pytest.mark.exercise("variance")
def test_variance_rejects_bad_ddof_and_empty(sub):
    for ddof in (3, 4, -1):
        checks.expect_error(ValueError, sub.variance, [1.0, 2.0, 4.0], ddof, mentions="ddof",
                            what=f"variance([1.0, 2.0, 4.0], ddof={ddof}) (ddof must be in 0..2)")
    checks.expect_error(ValueError, sub.variance, [], mentions="empty")


@pytest.mark.exercise("standard_deviation", weight=2)
@given(case=samples_and_ddof())
@settings(max_examples=12)
def test_standard_deviation_matches_np_std(sub, case):
    spread_call(sub, "standard_deviation", *case, np.std)


@pytest.mark.exercise("standard_deviation")
def test_standard_deviation_large_offset_and_errors(sub):
    x = 1e9 + np.random.default_rng(14).normal(0.0, 2.0, 500)
    checks.assert_scalar(sub.standard_deviation(x, 1), float(np.std(x, ddof=1)), rtol=1e-9,
                         what="standard_deviation", inputs="1e9 + N(0, 2) noise (500 values), ddof=1")
    checks.expect_error(ValueError, sub.standard_deviation, [1.0, 2.0], 2, mentions="ddof")
    checks.expect_error(ValueError, sub.standard_deviation, [], mentions="empty")


# --- containers the contract names --------------------------------------------------------

@pytest.mark.exercise("one_hot")
def test_one_hot_returns_a_tuple(sub):
    got = sub.one_hot([2, 1, 2])
    assert type(got) is tuple and len(got) == 2, (
        f"one_hot should return a tuple (categories, encoded), got {checks.type_name(got)} "
        f"{checks.fmt(got)}\n  input: [2, 1, 2]")
