"""Probability (course section "Probability"): sample spaces, coin and dice counts, sum, product and Bayes rules.

A sample space lists every possible outcome; the probabilities of all outcomes sum to 1.
Counting works when outcomes are equally likely: P(event) = (ways it happens) / (all
outcomes). Simulation estimates the same numbers from frequencies, and the estimate
tightens like 1/sqrt(number of trials).

Every probability passed to these functions must lie in [0, 1] (NaN does not); a
violation raises ``ValueError`` whose message names the offending argument.
"""
import math

import numpy as np


def simulate_heads(n_trials, n_coins=3, seed=None):
    """Estimate P(0 heads), ..., P(n_coins heads) by flipping ``n_coins`` fair coins ``n_trials`` times.

    Level: ★★

    The course's loop flips ``M = 3`` coins a million times, one trial per Python
    iteration, which takes seconds. Vectorise instead: draw all flips at once as an
    ``(n_trials, n_coins)`` array of 0/1 from ``np.random.default_rng(seed)``, count
    the heads of each trial with one sum along axis 1, and tally the counts with
    ``np.bincount(..., minlength=n_coins + 1)`` (a count that never occurred must still
    get its 0). Divide by ``n_trials`` to turn counts into frequencies.

    Contract: ``n_trials`` is an int ``>= 1`` and ``n_coins`` an int ``>= 0``, else
    ``ValueError`` naming the argument. Returns a float64 ``np.ndarray`` of shape
    ``(n_coins + 1,)`` whose entry ``h`` is the fraction of trials with ``h`` heads; it
    sums to 1. The same ``seed`` gives the same result; ``seed=None`` draws fresh
    randomness. 1,000,000 trials of 3 coins take well under a second.

    >>> p = simulate_heads(1_000_000, 3, seed=0)
    >>> p.shape
    (4,)
    >>> bool(np.all(np.abs(p - [1/8, 3/8, 3/8, 1/8]) < 0.003))   # 6 standard errors
    True
    """
    ### BEGIN SOLUTION
    if int(n_trials) != n_trials or n_trials < 1:
        raise ValueError(f"n_trials must be an integer >= 1, got {n_trials}")
    if int(n_coins) != n_coins or n_coins < 0:
        raise ValueError(f"n_coins must be an integer >= 0, got {n_coins}")
    n_trials, n_coins = int(n_trials), int(n_coins)
    rng = np.random.default_rng(seed)
    flips = rng.integers(0, 2, size=(n_trials, n_coins), dtype=np.int8)  # 1 = heads
    heads = flips.sum(axis=1, dtype=np.int64)
    return np.bincount(heads, minlength=n_coins + 1) / n_trials
    ### END SOLUTION


def exact_heads(n_coins):
    """The exact distribution of the number of heads among ``n_coins`` fair coins.

    Level: ★

    There are ``2**n`` equally likely outcomes and ``C(n, h)`` of them ("n choose h")
    show exactly ``h`` heads, so ``P(h heads) = C(n, h) / 2**n`` (the binomial
    distribution with p = 1/2). For many coins both numbers overflow a float (``2**1100``
    does), so divide exact Python integers (``math.comb(n, h) / 2**n`` is correctly
    rounded) or work in logarithms.

    Contract: ``n_coins`` is an int ``>= 0``, else ``ValueError`` naming ``n_coins``.
    Returns a float64 ``np.ndarray`` of shape ``(n_coins + 1,)`` summing to 1 (up to
    rounding).

    >>> exact_heads(3).tolist()
    [0.125, 0.375, 0.375, 0.125]
    """
    ### BEGIN SOLUTION
    if int(n_coins) != n_coins or n_coins < 0:
        raise ValueError(f"n_coins must be an integer >= 0, got {n_coins}")
    n = int(n_coins)
    total = 2 ** n
    return np.array([math.comb(n, h) / total for h in range(n + 1)], dtype=np.float64)
    ### END SOLUTION


def dice_sum_distribution(n_dice=2, sides=6):
    """The exact probability of each possible sum of ``n_dice`` fair dice with ``sides`` faces.

    Level: ★★

    Faces are numbered 1..sides, so the sample space of the sum is
    ``n_dice .. n_dice * sides`` (2 through 12 for two ordinary dice, as in the
    course). Count the ways each sum happens and divide by the ``sides ** n_dice``
    equally likely outcomes: for two dice, 7 happens 6 ways out of 36. Listing all
    ``sides ** n_dice`` outcomes gets slow quickly; instead count dice one at a time:
    the ways to reach sum ``s`` with one more die are the ways to reach ``s - 1``,
    ..., ``s - sides`` without it. Keep the counts as exact Python integers (they
    outgrow int64 and float precision for 25 six-sided dice) and divide at the end.

    Contract: ``n_dice >= 1`` and ``sides >= 1`` are ints, else ``ValueError`` naming the
    argument. Returns a ``dict`` mapping each possible sum (a Python ``int``, keys in
    increasing order) to its probability (a Python ``float``, the exact fraction
    correctly rounded); the values sum to 1.

    >>> d = dice_sum_distribution()
    >>> list(d)[0], list(d)[-1]
    (2, 12)
    >>> d[7] == 6 / 36
    True
    """
    ### BEGIN SOLUTION
    if int(n_dice) != n_dice or n_dice < 1:
        raise ValueError(f"n_dice must be an integer >= 1, got {n_dice}")
    if int(sides) != sides or sides < 1:
        raise ValueError(f"sides must be an integer >= 1, got {sides}")
    n_dice, sides = int(n_dice), int(sides)
    ways = [1]  # ways[k]: outcomes of the dice so far whose faces, counted from 0, sum to k
    for _ in range(n_dice):
        more = [0] * (len(ways) + sides - 1)
        for k, count in enumerate(ways):
            for face in range(sides):
                more[k + face] += count
        ways = more
    total = sides ** n_dice
    # faces are 1..sides, not 0..sides-1: shift every sum by n_dice
    return {n_dice + k: count / total for k, count in enumerate(ways)}
    ### END SOLUTION


def union(p_a, p_b, p_a_and_b=0.0):
    """The sum rule: ``P(A ∪ B) = P(A) + P(B) - P(A ∩ B)``.

    Level: ★★

    Adding P(A) and P(B) counts the outcomes in both events twice, so subtract the
    intersection once. For mutually exclusive events ``P(A ∩ B) = 0`` (the default)
    and the rule is the plain sum.

    Contract: each argument must be a probability in [0, 1]; the intersection cannot
    be larger than either event (``p_a_and_b <= min(p_a, p_b)``); and the union
    cannot exceed 1. Each violation raises ``ValueError`` whose message names the
    problem: the argument (``"p_b must be in [0, 1], got 1.5"``), ``p_a_and_b`` for
    too large an intersection, ``"union"`` for a union above 1. Returns a Python
    ``float``.

    >>> union(0.5, 0.25)
    0.75
    >>> union(0.5, 0.5, 0.25)
    0.75
    """
    ### BEGIN SOLUTION
    for name, p in (("p_a", p_a), ("p_b", p_b), ("p_a_and_b", p_a_and_b)):
        if not 0.0 <= p <= 1.0:  # also rejects NaN
            raise ValueError(f"{name} must be a probability in [0, 1], got {p}")
    if p_a_and_b > min(p_a, p_b):
        raise ValueError(f"p_a_and_b = {p_a_and_b} is larger than an event it is part of "
                         f"(p_a = {p_a}, p_b = {p_b})")
    result = float(p_a) + float(p_b) - float(p_a_and_b)
    if result > 1.0 + 1e-12:
        raise ValueError(f"the union P(A) + P(B) - P(A and B) = {result} is above 1: "
                         f"these probabilities are inconsistent")
    return min(result, 1.0)
    ### END SOLUTION


def joint(p_a, p_b_given_a):
    """The product rule: ``P(A ∩ B) = P(A) · P(B | A)``.

    Level: ★

    For independent events ``P(B | A) = P(B)`` and the rule becomes the course's
    ``P(A)P(B)``; in general the second factor is the conditional probability of B
    once A is known to have happened.

    Contract: both arguments must be probabilities in [0, 1], else ``ValueError``
    naming the argument. Returns a Python ``float``.

    >>> joint(0.5, 0.5)
    0.25
    """
    ### BEGIN SOLUTION
    for name, p in (("p_a", p_a), ("p_b_given_a", p_b_given_a)):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"{name} must be a probability in [0, 1], got {p}")
    return float(p_a) * float(p_b_given_a)
    ### END SOLUTION


def total_probability(p_b_given_a, p_a, p_b_given_not_a):
    """The law of total probability: ``P(B) = P(B|A)·P(A) + P(B|¬A)·(1 - P(A))``.

    Level: ★

    A and "not A" split the sample space into two parts; B happens either together
    with A or together with not-A, and the product rule gives each part.

    Contract: all three arguments must be probabilities in [0, 1], else ``ValueError``
    naming the argument. Returns a Python ``float`` in [0, 1].

    >>> total_probability(0.9, 0.5, 0.1)
    0.5
    """
    ### BEGIN SOLUTION
    for name, p in (("p_b_given_a", p_b_given_a), ("p_a", p_a),
                    ("p_b_given_not_a", p_b_given_not_a)):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"{name} must be a probability in [0, 1], got {p}")
    p_a = float(p_a)
    return float(p_b_given_a) * p_a + float(p_b_given_not_a) * (1.0 - p_a)
    ### END SOLUTION


def bayes(p_b_given_a, p_a, p_b):
    """Bayes' rule: ``P(A | B) = P(B | A) · P(A) / P(B)``.

    Level: ★★

    Both ``P(A|B)·P(B)`` and ``P(B|A)·P(A)`` equal the joint probability ``P(A ∩ B)``;
    dividing by ``P(B)`` turns the probability of the evidence B given A into the
    probability of A given the evidence. (The course writes the same rule with the
    roles of A and B exchanged.)

    Contract: all three arguments must be probabilities in [0, 1], else ``ValueError``
    naming the argument; ``p_b = 0`` (conditioning on an impossible event) raises
    ``ValueError`` naming ``p_b``; so does ``P(B|A)·P(A) > P(B)``, an intersection
    A ∩ B larger than the event B. Returns a Python ``float`` in [0, 1].

    >>> bayes(0.9, 0.5, 0.5)
    0.9
    """
    ### BEGIN SOLUTION
    for name, p in (("p_b_given_a", p_b_given_a), ("p_a", p_a), ("p_b", p_b)):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"{name} must be a probability in [0, 1], got {p}")
    if p_b == 0:
        raise ValueError("p_b is 0: P(A | B) is undefined when B is impossible")
    both = float(p_b_given_a) * float(p_a)
    if both > float(p_b) * (1 + 1e-12):
        raise ValueError(f"P(B|A)·P(A) = {both} is the intersection of A and B and cannot "
                         f"exceed p_b = {p_b}: these probabilities are inconsistent")
    return min(both / float(p_b), 1.0)
    ### END SOLUTION


def chain_joint(probabilities):
    """The chain (general product) rule: ``P(A1, …, An) = P(A1)·P(A2|A1)·…·P(An|A1…An-1)``.

    Level: ★

    The product rule ``joint`` applied again and again: the probability that all events
    happen is the probability of the first, times that of the second once the first is
    known to have happened, and so on, each factor conditioned on ALL the events before
    it. Drawing three aces from a deck without putting cards back is
    ``4/52 · 3/51 · 2/50``. For independent events every factor is a plain ``P(Ai)``.

    Contract: ``probabilities`` is a non-empty sequence of the factors in that order,
    each a probability in [0, 1]; it is never modified. Empty: ``ValueError`` (the
    message says "empty"); a factor outside [0, 1] (or NaN): ``ValueError`` naming its
    position, e.g. ``"probabilities[2] must be a probability in [0, 1], got 1.5"``.
    Returns a Python ``float``.

    >>> chain_joint([0.5, 0.5, 0.5])
    0.125
    >>> round(chain_joint([4 / 52, 3 / 51, 2 / 50]), 8)   # three aces in a row
    0.000181
    """
    ### BEGIN SOLUTION
    factors = list(probabilities)
    if not factors:
        raise ValueError("probabilities is empty: the chain rule needs at least one factor")
    product = 1.0
    for i, p in enumerate(factors):
        if not 0.0 <= p <= 1.0:  # also rejects NaN
            raise ValueError(f"probabilities[{i}] must be a probability in [0, 1], got {p}")
        product *= float(p)
    return product
    ### END SOLUTION
