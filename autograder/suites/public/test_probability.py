"""Public checks for probability: three coins, two dice, and the sum, product and Bayes rules."""
import numpy as np
import pytest

from autograder.suites import checks

# pytest writes a traceback of each failure, re-parsing this file, before the plugin
# replaces it with the feedback block: hiding these frames skips that work.
__tracebackhide__ = True

POINTS = {
    "simulate_heads": 2, "exact_heads": 1.5, "dice_sum_distribution": 1.5, "union": 1,
    "joint": 1, "total_probability": 1, "bayes": 1, "chain_joint": 1,
}


@pytest.mark.exercise("simulate_heads")
def test_simulate_three_coins(sub):
    got = sub.with_timeout(5).simulate_heads(100_000, 3, seed=0)
    checks.assert_array(got, shape=(4,), dtype=np.float64, what="simulate_heads(100_000, 3, seed=0)")
    # the standard error of each fraction is at most 0.0016; allow 5 of them
    checks.assert_close(got, [1 / 8, 3 / 8, 3 / 8, 1 / 8], rtol=0, atol=0.008,
                        what="simulate_heads(100_000, 3, seed=0) (close to 1/8, 3/8, 3/8, 1/8)")


@pytest.mark.exercise("simulate_heads")
def test_simulate_same_seed_same_result(sub):
    first = sub.simulate_heads(1000, 3, seed=7)
    second = sub.simulate_heads(1000, 3, seed=7)
    checks.assert_close(second, first, rtol=0, atol=0,
                        what="simulate_heads(1000, 3, seed=7) called twice (same seed, same answer)")


@pytest.mark.exercise("exact_heads")
def test_exact_three_coins(sub):
    checks.assert_close(sub.exact_heads(3), [0.125, 0.375, 0.375, 0.125], dtype=np.float64,
                        what="exact_heads(3)")


@pytest.mark.exercise("dice_sum_distribution")
def test_two_dice(sub):
    got = sub.dice_sum_distribution(2, 6)
    expected = {s: (6 - abs(s - 7)) / 36 for s in range(2, 13)}
    assert list(got) == list(expected), (
        f"dice_sum_distribution(2, 6) should have the keys 2..12 in order, got {list(got)}")
    for s, p in expected.items():
        checks.assert_scalar(got[s], p, rtol=1e-12, what=f"P(sum = {s}) for two dice")


@pytest.mark.exercise("union")
def test_union(sub):
    checks.assert_scalar(sub.union(0.5, 0.25), 0.75, what="union(0.5, 0.25) (mutually exclusive)")
    checks.assert_scalar(sub.union(0.5, 0.5, 0.25), 0.75, what="union(0.5, 0.5, 0.25)")
    checks.expect_error(ValueError, sub.union, 0.5, 1.5, mentions="p_b", what="union(0.5, 1.5)")


@pytest.mark.exercise("joint")
def test_joint(sub):
    checks.assert_scalar(sub.joint(0.5, 0.5), 0.25, what="joint(0.5, 0.5)")
    checks.assert_scalar(sub.joint(0.2, 0.5), 0.1, what="joint(0.2, 0.5)")


@pytest.mark.exercise("total_probability")
def test_total_probability(sub):
    checks.assert_scalar(sub.total_probability(0.9, 0.5, 0.1), 0.5,
                         what="total_probability(0.9, 0.5, 0.1)")


@pytest.mark.exercise("bayes")
def test_bayes(sub):
    checks.assert_scalar(sub.bayes(0.9, 0.5, 0.5), 0.9, what="bayes(0.9, 0.5, 0.5)")
    # a rare condition (1%) and a good test: a positive result is still mostly a false alarm
    p_b = 0.99 * 0.01 + 0.05 * 0.99
    checks.assert_scalar(sub.bayes(0.99, 0.01, p_b), 0.0099 / p_b, rtol=1e-12,
                         what=f"bayes(0.99, 0.01, {p_b})")
    checks.expect_error(ValueError, sub.bayes, 0.5, 0.5, 0.0, mentions="p_b",
                        what="bayes(0.5, 0.5, 0.0) (B is impossible)")


# --- the chain rule of probability ------------------------------------------------------

@pytest.mark.exercise("chain_joint")
def test_chain_joint_docstring_examples(sub):
    checks.assert_scalar(sub.chain_joint([0.5, 0.5, 0.5]), 0.125, what="chain_joint",
                         inputs=[0.5, 0.5, 0.5])
    checks.assert_scalar(sub.chain_joint([4 / 52, 3 / 51, 2 / 50]), 24 / 132600, rtol=1e-12,
                         what="chain_joint (three aces)", inputs="[4/52, 3/51, 2/50]")


@pytest.mark.exercise("chain_joint")
def test_chain_joint_rejects_empty_and_bad_factor(sub):
    checks.expect_error(ValueError, sub.chain_joint, [], mentions="empty")
    checks.expect_error(ValueError, sub.chain_joint, [0.5, 1.5], mentions="probabilities[1]")


# --- each clause of the contracts: argument checks, shapes, exactness --------------------

@pytest.mark.exercise("simulate_heads")
def test_simulate_heads_shape_seeds_and_checks(sub):
    got = sub.simulate_heads(2, 20, seed=0)
    checks.assert_array(got, shape=(21,), dtype=np.float64,
                        what="simulate_heads(2, 20, seed=0) (a count that never occurs still gets its 0)")
    checks.assert_scalar(float(got.sum()), 1.0, what="the sum of simulate_heads(2, 20, seed=0)")
    first, second = sub.simulate_heads(1000, 3, seed=1), sub.simulate_heads(1000, 3, seed=2)
    assert not np.array_equal(first, second), (
        "simulate_heads(1000, 3, seed=1) and seed=2 gave the same answer: draw from np.random.default_rng(seed)")
    checks.expect_error(ValueError, sub.simulate_heads, 0, 3, mentions="n_trials")
    checks.expect_error(ValueError, sub.simulate_heads, 10, -1, mentions="n_coins")


@pytest.mark.exercise("exact_heads")
def test_exact_heads_many_coins_and_checks(sub):
    got = sub.exact_heads(1100)
    checks.assert_array(got, shape=(1101,), dtype=np.float64, what="exact_heads(1100)")
    checks.assert_scalar(float(np.sum(got)), 1.0, rtol=1e-9,
                         what="the sum of exact_heads(1100) (2.0**-1100 underflows, C(1100, 550) overflows a float)")
    checks.expect_error(ValueError, sub.exact_heads, -1, mentions="n_coins")


@pytest.mark.exercise("dice_sum_distribution")
def test_dice_many_dice_and_checks(sub):
    got = sub.dice_sum_distribution(30, 6)
    assert list(got) == list(range(30, 181)), "dice_sum_distribution(30, 6) should have the keys 30..180 in order"
    checks.assert_scalar(got[30], 6.0 ** -30, rtol=1e-9, atol=0,
                         what="P(sum = 30) for 30 dice (6**30 ways overflow int64)")
    checks.assert_scalar(float(sum(got.values())), 1.0, rtol=1e-9, what="the sum over 30 dice")
    checks.expect_error(ValueError, sub.dice_sum_distribution, 0, 6, mentions="n_dice")
    checks.expect_error(ValueError, sub.dice_sum_distribution, 2, 0, mentions="sides")


@pytest.mark.exercise("union")
def test_union_inconsistent_inputs(sub):
    checks.expect_error(ValueError, sub.union, 0.2, 0.5, 0.3, mentions="p_a_and_b",
                        what="union(0.2, 0.5, 0.3) (the intersection is larger than A)")
    checks.expect_error(ValueError, sub.union, 0.75, 0.75, mentions="union",
                        what="union(0.75, 0.75) (above 1)")
    checks.expect_error(ValueError, sub.union, float("nan"), 0.5, mentions="p_a", what="union(nan, 0.5)")


@pytest.mark.exercise("joint")
def test_joint_names_the_bad_probability(sub):
    checks.expect_error(ValueError, sub.joint, 1.5, 0.5, mentions="p_a", what="joint(1.5, 0.5)")
    exc = checks.expect_error(ValueError, sub.joint, 0.5, -0.1, mentions="p_b_given_a",
                              what="joint(0.5, -0.1)")
    assert "p_a " not in str(exc) and "p_a," not in str(exc), (
        f"joint(0.5, -0.1): only p_b_given_a is wrong, but the message also names p_a: {exc}")


@pytest.mark.exercise("total_probability")
def test_total_probability_uses_the_complement_and_checks(sub):
    checks.assert_scalar(sub.total_probability(0.5, 0.2, 0.25), 0.3,
                         what="total_probability(0.5, 0.2, 0.25) = 0.5·0.2 + 0.25·0.8")
    checks.expect_error(ValueError, sub.total_probability, 0.5, 1.2, 0.1, mentions="p_a",
                        what="total_probability(0.5, 1.2, 0.1)")


@pytest.mark.exercise("bayes")
def test_bayes_inconsistent_inputs(sub):
    checks.expect_error(ValueError, sub.bayes, 0.9, 0.5, 0.2,
                        what="bayes(0.9, 0.5, 0.2) (P(B|A)·P(A) = 0.45 is larger than P(B))")
    checks.expect_error(ValueError, sub.bayes, 0.5, 1.5, 0.5, mentions="p_a", what="bayes(0.5, 1.5, 0.5)")


@pytest.mark.exercise("simulate_heads")
def test_simulate_heads_is_vectorised(sub):
    import time

    started = time.perf_counter()
    sub.with_timeout(10).simulate_heads(1_000_000, 3, seed=0)
    took = time.perf_counter() - started
    assert took < 2.0, (f"simulate_heads(1_000_000, 3) took {took:.1f} s: draw all flips at once "
                        "(one array), not one trial per Python loop")
