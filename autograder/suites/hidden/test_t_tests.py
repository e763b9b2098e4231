"""Hidden suite for t_tests: every number against scipy.stats.ttest_ind, plus the input checks.

Oracle: ``scipy.stats.ttest_ind(a, b, equal_var=...)`` (its ``statistic``, ``pvalue`` and
``df``). Tolerance: rtol 1e-10 (atol 1e-10 for a statistic near 0, 1e-12 for a p-value) on
well-conditioned samples; rtol 1e-5 for data offset by 1e9, where only a cancellation-free
variance survives. Sample sizes differ on purpose: for equal sizes the pooled and the Welch
statistics coincide.
"""
import math
import warnings

import numpy as np
import pytest
from hypothesis import Phase, assume, given, settings
from hypothesis import strategies as st
from scipy import stats

from autograder.suites import checks
from autograder.suites import strategies as S

# Weights: the three statistics are formula exercises (1.5, 1.5, and 2 for the longer dof
# formula); t_test combines them with the t distribution and both variants (3);
# same_process adds the decision rule and the alpha check (2).
POINTS = {
    "pooled_t_statistic": 1.5, "welch_t_statistic": 1.5, "welch_dof": 2, "t_test": 3,
    "same_process": 2,
}

# Shrinking a p-value failure through scipy and an ``assume`` can take minutes; the failing
# input is printed in full by the assertion message instead.
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)


def oracle(a, b, equal_var=True):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return stats.ttest_ind(a, b, equal_var=equal_var)


def well_conditioned(a, b) -> bool:
    """Some spread relative to magnitude: else correct algorithms disagree in the last digits."""
    scale = max(np.abs(a).max(), np.abs(b).max(), 1.0)
    spread = math.sqrt((np.var(a, ddof=1) + np.var(b, ddof=1)) / 2)
    return spread > 1e-6 * scale


@st.composite
def pairs(draw):
    """Two samples of sizes 2..30 (often different), with or without ties, not both degenerate."""
    a, b = draw(S.sample_pairs(min_len=2, max_len=30, same_length=draw(st.booleans())))
    assume(well_conditioned(a, b))
    return a, b


def expect_size_error(call, *args, what, **kwargs):
    exc = checks.expect_error(ValueError, call, *args, what=what, **kwargs)
    words = ("2", "two", "sample", "size", "length", "len", "least", "observation", "value",
             "element", "few")
    assert any(w in str(exc).lower() for w in words), (
        f"{what} raised ValueError as it should, but its message should say what was wrong "
        f"(too few values in a sample); it said: {exc}")


def short_samples():
    return [([], [1.0, 2.0, 3.0]), ([1.0], [1.0, 2.0, 3.0]), ([1.0, 2.0, 3.0], [5.0])]


# ---------------------------------------------------------------- statistics vs scipy

@pytest.mark.exercise("pooled_t_statistic", weight=3)
@settings(max_examples=30)
@given(case=pairs())
def test_pooled_matches_scipy(sub, case):
    a, b = case
    got, info = sub.inspect_call("pooled_t_statistic", a, b)
    checks.assert_scalar(got, float(oracle(a, b).statistic), rtol=1e-10, atol=1e-10,
                         what="pooled_t_statistic(a, b) vs scipy.stats.ttest_ind(a, b).statistic",
                         inputs=f"a={checks.fmt(a)}, b={checks.fmt(b)}")
    assert not info.mutated, f"pooled_t_statistic must not modify its samples; it changed {info.mutated}"


@pytest.mark.exercise("welch_t_statistic", weight=3)
@settings(max_examples=30)
@given(case=pairs())
def test_welch_matches_scipy(sub, case):
    a, b = case
    got, info = sub.inspect_call("welch_t_statistic", a, b)
    checks.assert_scalar(got, float(oracle(a, b, False).statistic), rtol=1e-10, atol=1e-10,
                         what="welch_t_statistic(a, b) vs ttest_ind(a, b, equal_var=False).statistic",
                         inputs=f"a={checks.fmt(a)}, b={checks.fmt(b)}")
    assert not info.mutated, f"welch_t_statistic must not modify its samples; it changed {info.mutated}"


@pytest.mark.exercise("welch_dof", weight=3)
@settings(max_examples=30)
@given(case=pairs())
def test_welch_dof_matches_scipy(sub, case):
    a, b = case
    got, info = sub.inspect_call("welch_dof", a, b)
    checks.assert_scalar(got, float(oracle(a, b, False).df), rtol=1e-10,
                         what="welch_dof(a, b) vs ttest_ind(a, b, equal_var=False).df",
                         inputs=f"a={checks.fmt(a)}, b={checks.fmt(b)}")
    assert not info.mutated, f"welch_dof must not modify its samples; it changed {info.mutated}"


@pytest.mark.exercise("welch_dof")
def test_welch_dof_one_constant_sample(sub):
    a, b = [3.0, 3.0, 3.0, 3.0], [1.0, 2.5, 4.0, 0.5, 7.0, 2.0]
    checks.assert_scalar(sub.welch_dof(a, b), 5.0, rtol=1e-10,
                         what="welch_dof(a, b) when a has no spread (it is n_b - 1)",
                         inputs=f"a={a}, b={b}")


@pytest.mark.exercise("t_test", weight=4)
@settings(max_examples=30, phases=NO_SHRINK)
@given(case=pairs(), equal_var=st.booleans())
def test_t_test_matches_scipy(sub, case, equal_var):
    a, b = case
    got, info = sub.inspect_call("t_test", a, b, equal_var=equal_var)
    what = f"t_test(a, b, equal_var={equal_var})"
    inputs = f"a={checks.fmt(a)}, b={checks.fmt(b)}"
    assert type(got) is tuple and len(got) == 2, (
        f"{what} should return a tuple (statistic, p_value), got {checks.fmt(got)}")
    expected = oracle(a, b, equal_var)
    checks.assert_scalar(got[0], float(expected.statistic), rtol=1e-10, atol=1e-10,
                         what=f"{what} statistic vs scipy.stats.ttest_ind", inputs=inputs)
    checks.assert_scalar(got[1], float(expected.pvalue), rtol=1e-10, atol=1e-12,
                         what=f"{what} two-sided p-value vs scipy.stats.ttest_ind", inputs=inputs)
    assert not info.mutated, f"t_test must not modify its samples; it changed {info.mutated}"


@pytest.mark.exercise("t_test")
def test_t_test_defaults_to_pooled(sub):
    a, b = [19.1, 21.4, 18.7, 22.0, 20.3, 17.9], [23.5, 24.9, 22.1, 25.8]
    t, p = sub.t_test(a, b)
    expected = oracle(a, b)
    checks.assert_scalar(p, float(expected.pvalue), rtol=1e-10, atol=1e-12,
                         what="t_test(a, b) without equal_var (Student's pooled test by default)",
                         inputs=f"a={a}, b={b}")


@pytest.mark.exercise("t_test")
def test_t_test_p_value_is_two_sided(sub):
    a, b = [5.1, 4.9, 5.6, 5.8, 6.0, 5.2], [5.0, 4.4, 4.8, 5.3, 4.7]
    for x, y in ((a, b), (b, a)):
        t, p = sub.t_test(x, y)
        expected = oracle(x, y)
        checks.assert_scalar(p, float(expected.pvalue), rtol=1e-10, atol=1e-12,
                             what="t_test p-value (two-sided: both tails, for either sign of t)",
                             inputs=f"a={x}, b={y}")


# ---------------------------------------------------------------- numerics and dtypes

def _large_offset_samples(rng):
    a = 1e9 + rng.normal(0.0, 1.0, 25)
    b = 1e9 + rng.normal(0.8, 2.0, 17)
    return a, b


def _check_large_offset(sub, name, rng):
    a, b = _large_offset_samples(rng)
    inputs = "a = 1e9 + 25 draws of N(0, 1), b = 1e9 + 17 draws of N(0.8, 2)"
    if name == "t_test":
        for equal_var in (True, False):
            t, p = sub.t_test(a, b, equal_var=equal_var)
            expected = oracle(a, b, equal_var)
            checks.assert_scalar(t, float(expected.statistic), rtol=1e-5, atol=1e-5,
                                 what=f"t_test(a, b, equal_var={equal_var}) statistic for data far "
                                      "from 0 (centre before squaring)", inputs=inputs)
            checks.assert_scalar(p, float(expected.pvalue), rtol=1e-5, atol=1e-6,
                                 what=f"t_test(a, b, equal_var={equal_var}) p-value for data far "
                                      "from 0", inputs=inputs)
        return
    expected = oracle(a, b, name == "pooled_t_statistic")
    value = float(expected.df if name == "welch_dof" else expected.statistic)
    checks.assert_scalar(getattr(sub, name)(a, b), value, rtol=1e-5, atol=1e-5,
                         what=f"{name}(a, b) for data far from 0 (compute the variance from "
                              "x - mean, not as mean(x²) - mean(x)²)", inputs=inputs)


def _check_ints(sub, name):
    # int32 scores whose squares overflow int32: ints must be handled as floats
    a = np.array([40000, 41000, 39500, 42000, 40500, 39000], dtype=np.int32)
    b = np.array([43000, 42500, 44000, 41500], dtype=np.int32)
    inputs = f"a={checks.fmt(a)}, b={checks.fmt(b)}"
    for x, y in ((a, b), (a.astype(np.int64).tolist(), b.astype(np.int64).tolist())):
        if name == "t_test":
            for equal_var in (True, False):
                t, p = sub.t_test(x, y, equal_var=equal_var)
                expected = oracle(np.asarray(x, float), np.asarray(y, float), equal_var)
                checks.assert_scalar(t, float(expected.statistic), rtol=1e-10,
                                     what=f"t_test statistic on int samples (equal_var={equal_var})",
                                     inputs=inputs)
                checks.assert_scalar(p, float(expected.pvalue), rtol=1e-10, atol=1e-12,
                                     what=f"t_test p-value on int samples (equal_var={equal_var})",
                                     inputs=inputs)
            continue
        expected = oracle(np.asarray(x, float), np.asarray(y, float), name == "pooled_t_statistic")
        value = float(expected.df if name == "welch_dof" else expected.statistic)
        checks.assert_scalar(getattr(sub, name)(x, y), value, rtol=1e-10,
                             what=f"{name} on int samples (ints, lists and int32 arrays alike)",
                             inputs=inputs)


def _check_short(sub, name):
    for a, b in short_samples():
        expect_size_error(getattr(sub, name), a, b,
                          what=f"{name}({a}, {b}) (each sample needs at least 2 values)")


def _check_constant(sub, name):
    a, b = [2.0, 2.0, 2.0], [2.0, 2.0, 2.0, 2.0]
    checks.expect_error(ValueError, getattr(sub, name), a, b,
                        what=f"{name}({a}, {b}) (no spread at all: t is 0/0, never a silent NaN)")


@pytest.mark.exercise("pooled_t_statistic")
def test_pooled_large_offset(sub, rng):
    _check_large_offset(sub, "pooled_t_statistic", rng)


@pytest.mark.exercise("welch_t_statistic")
def test_welch_large_offset(sub, rng):
    _check_large_offset(sub, "welch_t_statistic", rng)


@pytest.mark.exercise("welch_dof")
def test_welch_dof_large_offset(sub, rng):
    _check_large_offset(sub, "welch_dof", rng)


@pytest.mark.exercise("t_test")
def test_t_test_large_offset(sub, rng):
    _check_large_offset(sub, "t_test", rng)


@pytest.mark.exercise("pooled_t_statistic")
def test_pooled_int_samples(sub):
    _check_ints(sub, "pooled_t_statistic")


@pytest.mark.exercise("welch_t_statistic")
def test_welch_int_samples(sub):
    _check_ints(sub, "welch_t_statistic")


@pytest.mark.exercise("welch_dof")
def test_welch_dof_int_samples(sub):
    _check_ints(sub, "welch_dof")


@pytest.mark.exercise("t_test")
def test_t_test_int_samples(sub):
    _check_ints(sub, "t_test")


@pytest.mark.exercise("pooled_t_statistic")
def test_pooled_bad_samples(sub):
    _check_short(sub, "pooled_t_statistic")
    _check_constant(sub, "pooled_t_statistic")


@pytest.mark.exercise("welch_t_statistic")
def test_welch_bad_samples(sub):
    _check_short(sub, "welch_t_statistic")
    _check_constant(sub, "welch_t_statistic")


@pytest.mark.exercise("welch_dof")
def test_welch_dof_bad_samples(sub):
    _check_short(sub, "welch_dof")
    _check_constant(sub, "welch_dof")


@pytest.mark.exercise("t_test")
def test_t_test_bad_samples(sub):
    for equal_var in (True, False):
        for a, b in short_samples():
            expect_size_error(sub.t_test, a, b, equal_var=equal_var,
                              what=f"t_test({a}, {b}, equal_var={equal_var}) "
                                   "(each sample needs at least 2 values)")


# ---------------------------------------------------------------- same_process

@pytest.mark.exercise("same_process", weight=3)
@settings(max_examples=30, phases=NO_SHRINK)
@given(case=pairs(), alpha=st.sampled_from([0.01, 0.05, 0.1, 0.5]), equal_var=st.booleans())
def test_same_process_decision(sub, case, alpha, equal_var):
    a, b = case
    p = float(oracle(a, b, equal_var).pvalue)
    assume(abs(p - alpha) > 1e-9)  # the boundary itself is a matter of convention
    got = sub.same_process(a, b, alpha=alpha, equal_var=equal_var)
    checks.assert_scalar(got, p >= alpha, kind=bool,
                         what=f"same_process(a, b, alpha={alpha}, equal_var={equal_var}) with "
                              f"p-value {p:.6g} (True unless p < alpha)",
                         inputs=f"a={checks.fmt(a)}, b={checks.fmt(b)}")


@pytest.mark.exercise("same_process")
def test_same_process_passes_equal_var_on(sub):
    a, b = [19.1, 21.4, 18.7, 22.0, 20.3], [23.5, 24.9, 22.1, 25.8]
    # pooled p = 0.00742, Welch p = 0.01025: alpha = 0.009 separates them
    checks.assert_scalar(sub.same_process(a, b, alpha=0.009), False, kind=bool,
                         what="same_process(a, b, alpha=0.009) (pooled p = 0.0074)",
                         inputs=f"a={a}, b={b}")
    checks.assert_scalar(sub.same_process(a, b, alpha=0.009, equal_var=False), True, kind=bool,
                         what="same_process(a, b, alpha=0.009, equal_var=False) (Welch p = 0.0102)",
                         inputs=f"a={a}, b={b}")


@pytest.mark.exercise("same_process", weight=2)
def test_same_process_bad_input(sub):
    a, b = [1.0, 2.0, 3.0], [2.0, 3.0, 5.0]
    for alpha in (0.0, 1.0, -0.1, 1.5, float("nan")):
        checks.expect_error(ValueError, sub.same_process, a, b, alpha=alpha, mentions="alpha",
                            what=f"same_process(a, b, alpha={alpha}) (alpha must be in (0, 1))")
    for x, y in short_samples():
        expect_size_error(sub.same_process, x, y,
                          what=f"same_process({x}, {y}) (each sample needs at least 2 values)")
