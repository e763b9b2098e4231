"""Public checks for t_tests: a worked example of two classes' test scores and the input checks."""
import pytest

from autograder.suites import checks

# pytest writes a traceback of each failure, re-parsing this file, before the plugin
# replaces it with the feedback block: hiding these frames skips that work.
__tracebackhide__ = True

POINTS = {
    "pooled_t_statistic": 1.5, "welch_t_statistic": 1.5, "welch_dof": 2, "t_test": 3,
    "same_process": 2,
}

A = [19.1, 21.4, 18.7, 22.0, 20.3]   # class A's scores
B = [23.5, 24.9, 22.1, 25.8]         # class B's scores
# Values from scipy.stats.ttest_ind(A, B) and ttest_ind(A, B, equal_var=False).
POOLED_T, POOLED_P = -3.7236550338177876, 0.007420335225756801
WELCH_T, WELCH_P, WELCH_DOF = -3.662647038695473, 0.010245215933171181, 6.099241756792124


@pytest.mark.exercise("pooled_t_statistic")
def test_pooled_statistic(sub):
    checks.assert_scalar(sub.pooled_t_statistic(A, B), POOLED_T, rtol=1e-10,
                         what="pooled_t_statistic(A, B)", inputs=f"A={A}, B={B}")


@pytest.mark.exercise("pooled_t_statistic")
def test_pooled_needs_two_values(sub):
    checks.expect_error(ValueError, sub.pooled_t_statistic, [1.0], B,
                        what="pooled_t_statistic([1.0], B) (one value cannot have a variance)")


@pytest.mark.exercise("welch_t_statistic")
def test_welch_statistic(sub):
    checks.assert_scalar(sub.welch_t_statistic(A, B), WELCH_T, rtol=1e-10,
                         what="welch_t_statistic(A, B)", inputs=f"A={A}, B={B}")


@pytest.mark.exercise("welch_dof")
def test_welch_dof(sub):
    checks.assert_scalar(sub.welch_dof(A, B), WELCH_DOF, rtol=1e-10,
                         what="welch_dof(A, B)", inputs=f"A={A}, B={B}")


@pytest.mark.exercise("t_test")
def test_t_test_both_kinds(sub):
    t, p = sub.t_test(A, B)
    checks.assert_scalar(t, POOLED_T, rtol=1e-10, what="t_test(A, B) statistic")
    checks.assert_scalar(p, POOLED_P, rtol=1e-10, what="t_test(A, B) two-sided p-value")
    t, p = sub.t_test(A, B, equal_var=False)
    checks.assert_scalar(t, WELCH_T, rtol=1e-10, what="t_test(A, B, equal_var=False) statistic")
    checks.assert_scalar(p, WELCH_P, rtol=1e-10, what="t_test(A, B, equal_var=False) p-value")


@pytest.mark.exercise("same_process")
def test_same_process_levels(sub):
    checks.assert_scalar(sub.same_process(A, B), False, kind=bool,
                         what="same_process(A, B) at alpha=0.05 (p = 0.0074)")
    checks.assert_scalar(sub.same_process(A, B, alpha=0.005), True, kind=bool,
                         what="same_process(A, B, alpha=0.005) (p = 0.0074)")


@pytest.mark.exercise("same_process")
def test_same_process_bad_alpha(sub):
    checks.expect_error(ValueError, sub.same_process, A, B, alpha=1.5, mentions="alpha",
                        what="same_process(A, B, alpha=1.5)")


# --- each clause of the contracts: sizes, both tails, equal_var passed on ----------------

@pytest.mark.exercise("welch_t_statistic")
def test_welch_needs_two_values(sub):
    checks.expect_error(ValueError, sub.welch_t_statistic, A, [2.0],
                        what="welch_t_statistic(A, [2.0]) (one value cannot have a variance)")


@pytest.mark.exercise("welch_dof")
def test_welch_dof_needs_two_values(sub):
    checks.expect_error(ValueError, sub.welch_dof, [1.0], B, what="welch_dof([1.0], B)")


@pytest.mark.exercise("t_test")
def test_t_test_returns_a_tuple_and_is_two_sided(sub):
    got = sub.t_test(B, A)
    assert type(got) is tuple and len(got) == 2, f"t_test should return a tuple (t, p), got {checks.fmt(got)}"
    checks.assert_scalar(got[0], -POOLED_T, rtol=1e-10, what="t_test(B, A) statistic (positive now)")
    checks.assert_scalar(got[1], POOLED_P, rtol=1e-10,
                         what="t_test(B, A) p-value (two-sided: the same as for t_test(A, B))")
    checks.expect_error(ValueError, sub.t_test, A, [1.0], what="t_test(A, [1.0])")


@pytest.mark.exercise("same_process")
def test_same_process_passes_equal_var_on(sub):
    checks.assert_scalar(sub.same_process(A, B, alpha=0.009, equal_var=False), True, kind=bool,
                         what="same_process(A, B, alpha=0.009, equal_var=False) (Welch p = 0.0102)")
    checks.assert_scalar(sub.same_process(A, B, alpha=0.009), False, kind=bool,
                         what="same_process(A, B, alpha=0.009) (pooled p = 0.0074)")


@pytest.mark.exercise("same_process")
def test_same_process_rejects_nan_alpha_and_small_samples(sub):
    checks.expect_error(ValueError, sub.same_process, A, B, alpha=float("nan"), mentions="alpha",
                        what="same_process(A, B, alpha=nan)")
    checks.expect_error(ValueError, sub.same_process, A, B, alpha=0.0, mentions="alpha",
                        what="same_process(A, B, alpha=0.0)")
    checks.expect_error(ValueError, sub.same_process, [1.0], B, what="same_process([1.0], B)")


@pytest.mark.exercise("pooled_t_statistic")
def test_pooled_statistic_large_offset(sub):
    a, b = [1e9 + 1, 1e9 + 2, 1e9 + 4], [1e9 + 2, 1e9 + 3, 1e9 + 5, 1e9 + 6]
    checks.assert_scalar(sub.pooled_t_statistic(a, b), -1.274117948216724, rtol=1e-6,
                         what="pooled_t_statistic", inputs="a=[1e9 + 1, 1e9 + 2, 1e9 + 4], "
                         "b=[1e9 + 2, 1e9 + 3, 1e9 + 5, 1e9 + 6] (centre before squaring)")
