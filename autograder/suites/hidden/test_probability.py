"""Hidden suite for probability: simulation within stated statistical error, exact counts, the rules.

Oracles: ``scipy.stats.binom.pmf(h, n, 1/2)`` for coins (rtol 1e-9); brute-force enumeration
of all outcomes (``itertools.product``) for small dice and exact Python-integer counts for
many dice (rtol 1e-12); the rules' formulas themselves and ``math.prod`` for the chain rule
(rtol 1e-12). A simulated fraction
must lie within 5 standard errors ``sqrt(p(1-p)/N)`` of the exact probability: a correct
answer fails one entry with probability below 6e-7.
"""
import itertools
import math
import re
import time
from collections import Counter

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats

from autograder.suites import checks
from autograder.suites import strategies as S

# Weights: simulate_heads carries vectorisation, statistics and seeding (2); exact_heads and
# dice_sum_distribution are counting exercises with an overflow trap (1.5 each); union has three
# consistency checks, bayes two; joint, total_probability and chain_joint are one-liners with
# range checks (1 each).
POINTS = {
    "simulate_heads": 2, "exact_heads": 1.5, "dice_sum_distribution": 1.5, "union": 1,
    "joint": 1, "total_probability": 1, "bayes": 1, "chain_joint": 1,
}

BAD_PROBABILITIES = (-0.1, 1.1, float("nan"))


def assert_frequencies(got, n_trials, n_coins, what):
    exact = stats.binom.pmf(np.arange(n_coins + 1), n_coins, 0.5)
    checks.assert_array(got, shape=(n_coins + 1,), dtype=np.float64, what=what)
    counts = got * n_trials
    assert np.allclose(counts, np.round(counts), atol=1e-6), (
        f"{what} should be counts divided by n_trials = {n_trials}, got {checks.fmt(got)}")
    assert abs(got.sum() - 1.0) < 1e-9, f"{what} should sum to 1, got sum {got.sum()!r}"
    bound = 5 * np.sqrt(exact * (1 - exact) / n_trials) + 1e-12
    worst = int(np.argmax(np.abs(got - exact) - bound))
    assert np.all(np.abs(got - exact) <= bound), (
        f"{what} is too far from the exact binomial probabilities C(n, h)/2^n "
        f"(allowed: 5 standard errors sqrt(p(1-p)/N) each)\n"
        f"  at h = {worst} heads: expected {exact[worst]:.6f} ± {bound[worst]:.2g}, got {got[worst]:.6f}"
        f"\n  expected: {checks.fmt(exact)}\n  got:      {checks.fmt(got)}")


# ---------------------------------------------------------------- simulate_heads

@pytest.mark.exercise("simulate_heads", weight=3)
def test_simulate_million_trials_vectorised(sub):
    sub.simulate_heads(10, 3, seed=0)  # warm up: time the simulation, not starting a worker
    start = time.perf_counter()
    got = sub.with_timeout(2).simulate_heads(1_000_000, 3, seed=0)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0, (
        f"simulate_heads(1_000_000, 3, seed=0) took {elapsed:.1f} s; draw all flips at once "
        "(an (n_trials, n_coins) array) instead of looping over trials")
    assert_frequencies(got, 1_000_000, 3, "simulate_heads(1_000_000, 3, seed=0)")


@pytest.mark.exercise("simulate_heads", weight=2)
@pytest.mark.parametrize("n_coins,n_trials", [(1, 50_000), (5, 100_000), (10, 200_000)])
def test_simulate_matches_binomial(sub, rng, n_coins, n_trials):
    seed = int(rng.integers(2**31))
    got = sub.with_timeout(5).simulate_heads(n_trials, n_coins, seed=seed)
    assert_frequencies(got, n_trials, n_coins, f"simulate_heads({n_trials}, {n_coins}, seed={seed})")


@pytest.mark.exercise("simulate_heads")
def test_simulate_rare_counts_still_listed(sub):
    got = sub.simulate_heads(200, 20, seed=1)
    checks.assert_array(got, shape=(21,), dtype=np.float64,
                        what="simulate_heads(200, 20, seed=1) (one entry per count 0..20, "
                             "even counts that never occurred)")
    assert abs(got.sum() - 1) < 1e-9, f"simulate_heads(200, 20) should sum to 1, got {got.sum()!r}"


@pytest.mark.exercise("simulate_heads", weight=2)
def test_simulate_seeding(sub):
    first = sub.simulate_heads(10_000, 3, seed=123)
    again = sub.simulate_heads(10_000, 3, seed=123)
    other = sub.simulate_heads(10_000, 3, seed=124)
    checks.assert_close(again, first, rtol=0, atol=0,
                        what="simulate_heads(10_000, 3, seed=123) twice (same seed, same answer)")
    assert not np.array_equal(first, other), (
        "simulate_heads(10_000, 3) gave identical answers for seeds 123 and 124: "
        "draw from np.random.default_rng(seed)")
    fresh = [sub.simulate_heads(10_000, 3) for _ in range(2)]
    assert not np.array_equal(*fresh), (
        "simulate_heads(10_000, 3) without a seed gave the same answer twice: seed=None "
        "should draw fresh randomness")


@pytest.mark.exercise("simulate_heads")
def test_simulate_bad_input(sub):
    checks.expect_error(ValueError, sub.simulate_heads, 0, 3, mentions="n_trials",
                        what="simulate_heads(0, 3) (no trials: the fractions would be 0/0)")
    checks.expect_error(ValueError, sub.simulate_heads, 100, -1, mentions="n_coins",
                        what="simulate_heads(100, -1)")


# ---------------------------------------------------------------- exact_heads

@pytest.mark.exercise("exact_heads", weight=2)
@settings(max_examples=25)
@given(n=st.integers(0, 80))
def test_exact_heads_binomial(sub, n):
    got = sub.exact_heads(n)
    checks.assert_close(got, stats.binom.pmf(np.arange(n + 1), n, 0.5), rtol=1e-9, atol=0,
                        dtype=np.float64, what=f"exact_heads({n}) vs C({n}, h) / 2**{n}")


@pytest.mark.exercise("exact_heads")
def test_exact_heads_many_coins(sub):
    n = 1100  # 2**1100 overflows a float, C(1100, 550) too
    got = sub.exact_heads(n)
    expected = stats.binom.pmf(np.arange(n + 1), n, 0.5)
    checks.assert_close(got, expected, rtol=1e-9, atol=1e-300, dtype=np.float64,
                        what=f"exact_heads({n}) (2**{n} overflows a float: divide exact integers "
                             "or work in logarithms)")


@pytest.mark.exercise("exact_heads")
def test_exact_heads_bad_input(sub):
    checks.expect_error(ValueError, sub.exact_heads, -1, mentions="n_coins", what="exact_heads(-1)")


# ---------------------------------------------------------------- dice_sum_distribution

def enumerate_dice(n_dice, sides):
    counts = Counter(sum(roll) for roll in itertools.product(range(1, sides + 1), repeat=n_dice))
    total = sides ** n_dice
    return {s: counts[s] / total for s in sorted(counts)}


def exact_dice(n_dice, sides):
    ways = {0: 1}
    for _ in range(n_dice):
        nxt = Counter()
        for s, c in ways.items():
            for face in range(1, sides + 1):
                nxt[s + face] += c
        ways = nxt
    total = sides ** n_dice
    return {s: ways[s] / total for s in sorted(ways)}


def assert_distribution(got, expected, what):
    assert type(got) is dict, f"{what} should return a dict, got {checks.type_name(got)}"
    assert list(got) == list(expected), (
        f"{what} should have the possible sums {list(expected)[0]}..{list(expected)[-1]} as keys, "
        f"in increasing order; got keys {checks.fmt(list(got))}")
    assert all(type(k) is int for k in got), (
        f"{what}: keys should be Python ints, got {sorted({checks.type_name(k) for k in got})}")
    for s, p in expected.items():
        checks.assert_scalar(got[s], p, rtol=1e-12, atol=0, what=f"{what}: P(sum = {s})")


@pytest.mark.exercise("dice_sum_distribution", weight=3)
@settings(max_examples=25)
@given(n_dice=st.integers(1, 4), sides=st.integers(1, 8))
def test_dice_small_by_enumeration(sub, n_dice, sides):
    assert_distribution(sub.dice_sum_distribution(n_dice, sides), enumerate_dice(n_dice, sides),
                        f"dice_sum_distribution({n_dice}, {sides})")


@pytest.mark.exercise("dice_sum_distribution")
def test_dice_defaults_are_two_ordinary_dice(sub):
    assert_distribution(sub.dice_sum_distribution(), enumerate_dice(2, 6),
                        "dice_sum_distribution() (two six-sided dice)")


@pytest.mark.exercise("dice_sum_distribution", weight=2)
def test_dice_many_dice(sub):
    # 6**25 outcomes: more than an int64 can count
    assert_distribution(sub.with_timeout(10).dice_sum_distribution(25, 6), exact_dice(25, 6),
                        "dice_sum_distribution(25, 6) (6**25 overflows int64 counts)")


@pytest.mark.exercise("dice_sum_distribution")
def test_dice_bad_input(sub):
    checks.expect_error(ValueError, sub.dice_sum_distribution, 0, 6, mentions="n_dice",
                        what="dice_sum_distribution(0, 6)")
    checks.expect_error(ValueError, sub.dice_sum_distribution, 2, 0, mentions="sides",
                        what="dice_sum_distribution(2, 0)")


# ---------------------------------------------------------------- the rules

@st.composite
def consistent_events(draw):
    """``(P(A), P(B), P(A ∩ B))`` that some probability space realises."""
    p_a, p_b = draw(S.probabilities()), draw(S.probabilities())
    low, high = max(0.0, p_a + p_b - 1.0), min(p_a, p_b)
    assume(high - low >= 0)
    p_ab = low + (high - low) * draw(st.floats(0, 1))
    assume(low <= p_ab <= high)
    return p_a, p_b, p_ab


def names_only(message, arg, names):
    """The other argument names that ``message`` mentions (as whole words) besides ``arg``."""
    return [other for other in names
            if other != arg and re.search(rf"(?<![A-Za-z0-9_]){other}(?![A-Za-z0-9_])", message)]


def out_of_range_each(sub, name, good, names):
    """Each argument in turn out of range: a ValueError that names that one argument only."""
    for i, arg in enumerate(names):
        for bad in BAD_PROBABILITIES:
            args = list(good)
            args[i] = bad
            label = f"{name}{tuple(args)} ({arg} is not a probability)"
            exc = checks.expect_error(ValueError, getattr(sub, name), *args, mentions=arg,
                                      what=label)
            others = names_only(str(exc), arg, names)
            assert not others, (
                f"{label} raised ValueError, but its message should name only the offending "
                f"argument {arg!r}, not also {others}; it said: {exc}")


@pytest.mark.exercise("union", weight=2)
@settings(max_examples=30)
@given(case=consistent_events())
def test_union_sum_rule(sub, case):
    p_a, p_b, p_ab = case
    expected = p_a + p_b - p_ab
    assume(expected <= 1 - 1e-9)  # stay clear of the "union above 1" rounding edge
    checks.assert_scalar(sub.union(p_a, p_b, p_ab), expected, rtol=1e-12, atol=1e-15,
                         what=f"union({p_a!r}, {p_b!r}, {p_ab!r}) (P(A)+P(B)-P(A∩B))")


@pytest.mark.exercise("union")
def test_union_default_is_mutually_exclusive(sub):
    checks.assert_scalar(sub.union(0.2, 0.3), 0.5, rtol=1e-12,
                         what="union(0.2, 0.3) (mutually exclusive by default)")


@pytest.mark.exercise("union", weight=2)
def test_union_inconsistent_input(sub):
    out_of_range_each(sub, "union", (0.3, 0.4, 0.1), ("p_a", "p_b", "p_a_and_b"))
    checks.expect_error(ValueError, sub.union, 0.3, 0.4, 0.35, mentions="p_a_and_b",
                        what="union(0.3, 0.4, 0.35) (the intersection is larger than A)")
    checks.expect_error(ValueError, sub.union, 0.8, 0.7, 0.2, mentions="union",
                        what="union(0.8, 0.7, 0.2) (the union would be 1.3)")


@pytest.mark.exercise("joint", weight=2)
@settings(max_examples=25)
@given(p_a=S.probabilities(), p_b_given_a=S.probabilities())
def test_joint_product_rule(sub, p_a, p_b_given_a):
    checks.assert_scalar(sub.joint(p_a, p_b_given_a), p_a * p_b_given_a, rtol=1e-12, atol=0,
                         what=f"joint({p_a!r}, {p_b_given_a!r}) (P(A)·P(B|A))")


@pytest.mark.exercise("joint")
def test_joint_bad_input(sub):
    out_of_range_each(sub, "joint", (0.5, 0.5), ("p_a", "p_b_given_a"))


@pytest.mark.exercise("total_probability", weight=2)
@settings(max_examples=25)
@given(p_b_given_a=S.probabilities(), p_a=S.probabilities(), p_b_given_not_a=S.probabilities())
def test_total_probability_formula(sub, p_b_given_a, p_a, p_b_given_not_a):
    expected = p_b_given_a * p_a + p_b_given_not_a * (1 - p_a)
    checks.assert_scalar(sub.total_probability(p_b_given_a, p_a, p_b_given_not_a), expected,
                         rtol=1e-12, atol=1e-15,
                         what=f"total_probability({p_b_given_a!r}, {p_a!r}, {p_b_given_not_a!r}) "
                              "(P(B|A)P(A) + P(B|not A)(1 - P(A)))")


@pytest.mark.exercise("total_probability")
def test_total_probability_bad_input(sub):
    out_of_range_each(sub, "total_probability", (0.9, 0.5, 0.1),
                      ("p_b_given_a", "p_a", "p_b_given_not_a"))


@pytest.mark.exercise("bayes", weight=2)
@settings(max_examples=30)
@given(p_b_given_a=S.probabilities(), p_a=S.probabilities(), p_b_given_not_a=S.probabilities())
def test_bayes_rule(sub, p_b_given_a, p_a, p_b_given_not_a):
    p_b = p_b_given_a * p_a + p_b_given_not_a * (1 - p_a)
    assume(p_b > 1e-300)
    expected = p_b_given_a * p_a / p_b
    checks.assert_scalar(sub.bayes(p_b_given_a, p_a, p_b), expected, rtol=1e-12, atol=1e-15,
                         what=f"bayes({p_b_given_a!r}, {p_a!r}, {p_b!r}) (P(B|A)·P(A) / P(B))")


@pytest.mark.exercise("bayes", weight=2)
def test_bayes_bad_input(sub):
    out_of_range_each(sub, "bayes", (0.9, 0.5, 0.5), ("p_b_given_a", "p_a", "p_b"))
    checks.expect_error(ValueError, sub.bayes, 0.5, 0.5, 0.0, mentions="p_b",
                        what="bayes(0.5, 0.5, 0.0) (conditioning on an impossible B)")
    checks.expect_error(ValueError, sub.bayes, 0.9, 0.5, 0.3,
                        what="bayes(0.9, 0.5, 0.3) (P(A ∩ B) = 0.45 cannot exceed P(B) = 0.3)")


# ---------------------------------------------------------------- the chain rule

@pytest.mark.exercise("chain_joint", weight=2)
@settings(max_examples=25)
@given(factors=st.lists(S.probabilities(), min_size=1, max_size=12),
       container=st.sampled_from([list, tuple, np.array]))
def test_chain_joint_is_the_product(sub, factors, container):
    given_factors = container(factors)
    got, info = sub.inspect_call("chain_joint", given_factors)
    checks.assert_scalar(got, math.prod(factors), rtol=1e-12, atol=0,
                         what="chain_joint (P(A1)·P(A2|A1)·…)", inputs=checks.fmt(given_factors))
    assert not info.mutated, f"chain_joint must not modify its input; it changed {info.mutated}"


@pytest.mark.exercise("chain_joint")
def test_chain_joint_examples(sub):
    checks.assert_scalar(sub.chain_joint([0.3]), 0.3, rtol=1e-15, what="chain_joint([0.3])")
    checks.assert_scalar(sub.chain_joint([4 / 52, 3 / 51, 2 / 50]), 4 * 3 * 2 / (52 * 51 * 50),
                         rtol=1e-12, what="chain_joint of three aces drawn in a row")
    checks.assert_scalar(sub.chain_joint([0.9, 0.0, 0.7]), 0.0, atol=0,
                         what="chain_joint([0.9, 0.0, 0.7]) (an impossible step)")


@pytest.mark.exercise("chain_joint")
def test_chain_joint_bad_input(sub):
    checks.expect_error(ValueError, sub.chain_joint, [], mentions="empty")
    for bad in BAD_PROBABILITIES:
        factors = [0.5, 0.25, bad, 0.5]
        checks.expect_error(ValueError, sub.chain_joint, factors, mentions="[2]",
                            what=f"chain_joint({factors}) (factor 2 is not a probability; "
                                 "the message should name its position, probabilities[2])")
