"""Public checks for descriptive_stats: the docstring examples and the obvious edge cases."""
import numpy as np
import pytest

from autograder.suites import checks

# pytest writes a traceback of each failure, re-parsing this file, before the plugin
# replaces it with the feedback block: hiding these frames skips that work.
__tracebackhide__ = True

POINTS = {
    "one_hot": 1.0, "weighted_mean": 1.0, "geometric_mean": 1.0, "harmonic_mean": 0.5,
    "variance": 1.5, "standard_deviation": 0.5, "median": 1.0, "f1_score": 0.5, "pearson": 1.5,
    "ranks": 2.5, "spearman": 1.0,
}

COLORS = ["red", "green", "blue", "red", "green", "green"]


@pytest.mark.exercise("one_hot")
def test_one_hot_course_colors(sub):
    categories, encoded = sub.one_hot(COLORS)
    checks.assert_array(categories, shape=(3,), what="categories", inputs=COLORS)
    assert categories.tolist() == ["blue", "green", "red"], (
        f"categories should be in np.unique order ['blue', 'green', 'red'], got {categories.tolist()}")
    expected = [[0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 0]]
    checks.assert_close(encoded, np.array(expected, float), dtype=np.float64,
                        what="encoded", inputs=COLORS)


@pytest.mark.exercise("one_hot")
def test_one_hot_numbers(sub):
    categories, encoded = sub.one_hot([3, 1, 3])
    assert categories.tolist() == [1, 3], f"categories of [3, 1, 3] should be [1, 3], got {categories.tolist()}"
    checks.assert_close(encoded, [[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]], what="encoded",
                        inputs=[3, 1, 3])


@pytest.mark.exercise("weighted_mean")
def test_weighted_mean_examples(sub):
    checks.assert_scalar(sub.weighted_mean([1, 2, 3], [3, 1, 0]), 1.25, inputs="x=[1, 2, 3], w=[3, 1, 0]")
    checks.assert_scalar(sub.weighted_mean([1, 2, 3], [1, 1, 1]), 2.0, inputs="x=[1, 2, 3], w=[1, 1, 1]")


@pytest.mark.exercise("weighted_mean")
def test_weighted_mean_bad_weights(sub):
    checks.expect_error(ValueError, sub.weighted_mean, [1, 2], [1, -1], mentions="negative")
    checks.expect_error(ValueError, sub.weighted_mean, [1, 2], [0, 0], mentions="zero")
    checks.expect_error(ValueError, sub.weighted_mean, [1, 2, 3], [1, 1], mentions="length")


@pytest.mark.exercise("geometric_mean")
def test_geometric_mean_examples(sub):
    checks.assert_scalar(sub.geometric_mean([1, 4]), 2.0, inputs=[1, 4])
    checks.assert_scalar(sub.geometric_mean([2, 8, 4]), 4.0, inputs=[2, 8, 4])
    checks.expect_error(ValueError, sub.geometric_mean, [1, 0, 2], mentions="positive")


@pytest.mark.exercise("geometric_mean")
def test_geometric_mean_does_not_overflow(sub):
    got = sub.geometric_mean(np.full(10_000, 1e300))
    checks.assert_scalar(got, 1e300, rtol=1e-12, inputs="10,000 values of 1e300 (work in logs)")


@pytest.mark.exercise("harmonic_mean")
def test_harmonic_mean_examples(sub):
    checks.assert_scalar(sub.harmonic_mean([1, 4, 4]), 2.0, inputs=[1, 4, 4])
    checks.expect_error(ValueError, sub.harmonic_mean, [1, -2], mentions="positive")


@pytest.mark.exercise("median")
def test_median_odd_and_even(sub):
    checks.assert_scalar(sub.median([3, 1, 2]), 2.0, inputs=[3, 1, 2])
    checks.assert_scalar(sub.median([4, 1, 3, 2]), 2.5, inputs=[4, 1, 3, 2])
    # an array argument: sorting it in place would change the caller's data
    checks.assert_scalar(sub.median(np.array([4.0, 1.0, 3.0, 2.0])), 2.5, inputs="np.array([4.0, 1.0, 3.0, 2.0])")
    checks.expect_error(ValueError, sub.median, [], mentions="empty")


@pytest.mark.exercise("f1_score")
def test_f1_score_examples(sub):
    checks.assert_scalar(sub.f1_score(0.5, 1.0), 2 / 3, inputs="precision=0.5, recall=1.0")
    checks.assert_scalar(sub.f1_score(0.0, 0.0), 0.0, inputs="precision=0.0, recall=0.0")


@pytest.mark.exercise("pearson")
def test_pearson_perfect_lines(sub):
    checks.assert_scalar(sub.pearson([1, 2, 3], [2, 4, 6]), 1.0, inputs="x=[1, 2, 3], y=[2, 4, 6]")
    checks.assert_scalar(sub.pearson([1, 2, 3], [3, 2, 1]), -1.0, inputs="x=[1, 2, 3], y=[3, 2, 1]")


@pytest.mark.exercise("pearson")
def test_pearson_constant_input(sub):
    checks.expect_error(ValueError, sub.pearson, [1, 2, 3], [5, 5, 5], mentions="constant")


@pytest.mark.exercise("ranks")
def test_ranks_with_ties(sub):
    checks.assert_close(sub.ranks([10, 30, 20, 20]), [1.0, 4.0, 2.5, 2.5], dtype=np.float64,
                        inputs=[10, 30, 20, 20])
    checks.assert_close(sub.ranks([3.5, -1.0, 7.0]), [2.0, 1.0, 3.0], inputs=[3.5, -1.0, 7.0])


@pytest.mark.exercise("spearman")
def test_spearman_monotonic(sub):
    checks.assert_scalar(sub.spearman([1, 2, 3, 4], [1, 8, 27, 64]), 1.0,
                         inputs="x=[1, 2, 3, 4], y=[1, 8, 27, 64]")
    checks.assert_scalar(sub.spearman([1, 2, 3, 4], [10, 20, 20, 5]), -0.316227766016838,
                         inputs="x=[1, 2, 3, 4], y=[10, 20, 20, 5]")


# --- variance and standard deviation ----------------------------------------------------

@pytest.mark.exercise("variance")
def test_variance_docstring_examples(sub):
    checks.assert_scalar(sub.variance([1, 2, 3, 4]), 1.25, inputs=[1, 2, 3, 4], what="variance")
    checks.assert_scalar(sub.variance([2, 4, 4, 4, 5, 5, 7, 9], ddof=1), 32 / 7,
                         inputs="[2, 4, 4, 4, 5, 5, 7, 9], ddof=1", what="variance")


@pytest.mark.exercise("variance")
def test_variance_large_offset(sub):
    # E[x²] - E[x]² cancels catastrophically here; two passes give 2/3
    checks.assert_scalar(sub.variance([1e9 + 1, 1e9 + 2, 1e9 + 3]), 2 / 3, rtol=1e-9,
                         inputs="[1e9 + 1, 1e9 + 2, 1e9 + 3]", what="variance")


@pytest.mark.exercise("variance")
def test_variance_rejects_bad_ddof(sub):
    checks.expect_error(ValueError, sub.variance, [1.0, 2.0], ddof=2, mentions="ddof")


@pytest.mark.exercise("standard_deviation")
def test_standard_deviation_docstring_example(sub):
    checks.assert_scalar(sub.standard_deviation([2, 4, 4, 4, 5, 5, 7, 9]), 2.0,
                         inputs=[2, 4, 4, 4, 5, 5, 7, 9], what="standard_deviation")
    checks.assert_scalar(sub.standard_deviation([1, 2, 3, 4], ddof=1), float(np.std([1, 2, 3, 4], ddof=1)),
                         inputs="[1, 2, 3, 4], ddof=1", what="standard_deviation")


# --- each clause of the contracts: error cases, ties, numerics, types --------------------

@pytest.mark.exercise("one_hot")
def test_one_hot_rejects_2d_labels(sub):
    checks.expect_error(ValueError, sub.one_hot, [[1, 2], [3, 4]], what="one_hot of 2-D labels")


@pytest.mark.exercise("weighted_mean")
def test_weighted_mean_divides_by_the_total_weight(sub):
    checks.assert_scalar(sub.weighted_mean([2, 4], [1, 3]), 3.5, inputs="x=[2, 4], w=[1, 3] (Σwx / Σw)")


@pytest.mark.exercise("geometric_mean")
def test_geometric_mean_rejects_empty(sub):
    checks.expect_error(ValueError, sub.geometric_mean, [], mentions="empty")


@pytest.mark.exercise("harmonic_mean")
def test_harmonic_mean_rejects_empty_and_zero(sub):
    checks.expect_error(ValueError, sub.harmonic_mean, [], mentions="empty")
    checks.expect_error(ValueError, sub.harmonic_mean, [1.0, 0.0], mentions="positive")


@pytest.mark.exercise("variance")
def test_variance_rejects_empty_and_negative_ddof(sub):
    checks.expect_error(ValueError, sub.variance, [], mentions="empty")
    checks.expect_error(ValueError, sub.variance, [1.0, 2.0, 3.0], ddof=-1, mentions="ddof")


@pytest.mark.exercise("standard_deviation")
def test_standard_deviation_large_offset_and_checks(sub):
    checks.assert_scalar(sub.standard_deviation([1e9 + 1, 1e9 + 2, 1e9 + 3]), (2 / 3) ** 0.5, rtol=1e-9,
                         inputs="[1e9 + 1, 1e9 + 2, 1e9 + 3] (two passes, as in variance)",
                         what="standard_deviation")
    checks.expect_error(ValueError, sub.standard_deviation, [1.0, 2.0], ddof=2, mentions="ddof")
    checks.expect_error(ValueError, sub.standard_deviation, [], mentions="empty")


@pytest.mark.exercise("median")
def test_median_of_huge_values(sub):
    checks.assert_scalar(sub.median([1e308, 1.5e308]), 1.25e308, rtol=1e-12,
                         inputs="[1e308, 1.5e308] (adding the middle two overflows)")


@pytest.mark.exercise("f1_score")
def test_f1_score_names_the_bad_argument(sub):
    checks.assert_scalar(sub.f1_score(1.0, 0.0), 0.0, inputs="precision=1.0, recall=0.0")
    checks.expect_error(ValueError, sub.f1_score, 1.5, 0.5, mentions="precision")
    checks.expect_error(ValueError, sub.f1_score, 0.5, -0.5, mentions="recall")


@pytest.mark.exercise("pearson")
def test_pearson_partial_correlation_and_checks(sub):
    y = [1, 3, 2, 4]
    checks.assert_scalar(sub.pearson([1, 2, 3, 4], y), 0.8, rtol=1e-12, inputs="x=[1, 2, 3, 4], y=[1, 3, 2, 4]")
    checks.expect_error(ValueError, sub.pearson, [1, 2, 3], [1, 2], mentions="length")
    checks.expect_error(ValueError, sub.pearson, [7, 7, 7], [1, 2, 3], mentions="constant")


@pytest.mark.exercise("ranks")
def test_ranks_are_not_the_sorting_order(sub):
    checks.assert_close(sub.ranks([30, 10, 20]), [3.0, 1.0, 2.0], dtype=np.float64, inputs=[30, 10, 20])
    checks.assert_close(sub.ranks([5, 5, 5]), [2.0, 2.0, 2.0], inputs="[5, 5, 5] (all tied)")
    checks.expect_error(ValueError, sub.ranks, [[1, 2], [3, 4]], what="ranks of a 2-D x")


@pytest.mark.exercise("spearman")
def test_spearman_checks_its_inputs(sub):
    checks.expect_error(ValueError, sub.spearman, [1, 2, 3], [1, 2], mentions="length")
    checks.expect_error(ValueError, sub.spearman, [1, 2, 3], [4, 4, 4], mentions="constant")


@pytest.mark.exercise("one_hot")
def test_one_hot_returns_a_tuple(sub):
    got = sub.one_hot(["b", "a"])
    assert type(got) is tuple and len(got) == 2, (
        f"one_hot should return a tuple (categories, encoded), got a {checks.type_name(got)}")


@pytest.mark.exercise("pearson")
def test_pearson_large_offset(sub):
    checks.assert_scalar(sub.pearson([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4], [1, 3, 2, 4]), 0.8, rtol=1e-6,
                         inputs="x=[1e9 + 1, ..., 1e9 + 4], y=[1, 3, 2, 4] (centre first: E[xy] - E[x]E[y] cancels)")
