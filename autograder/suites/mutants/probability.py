"""Plausible wrong answers for probability: each must lose points against the hidden suite."""
MUTANTS = {
    "simulate_heads_course_loop": '''
def simulate_heads(n_trials, n_coins=3, seed=None):
    if n_trials < 1:
        raise ValueError(f"n_trials must be >= 1, got {n_trials}")
    if n_coins < 0:
        raise ValueError(f"n_coins must be >= 0, got {n_coins}")
    rng = np.random.default_rng(seed)
    heads = np.zeros(n_coins + 1)
    for _ in range(n_trials):
        flips = rng.integers(0, 2, n_coins)
        heads[int(flips.sum())] += 1
    return heads / n_trials
''',
    "simulate_heads_high_is_exclusive": '''
def simulate_heads(n_trials, n_coins=3, seed=None):
    if n_trials < 1:
        raise ValueError(f"n_trials must be >= 1, got {n_trials}")
    if n_coins < 0:
        raise ValueError(f"n_coins must be >= 0, got {n_coins}")
    rng = np.random.default_rng(seed)
    flips = rng.integers(0, 1, size=(n_trials, n_coins))
    return np.bincount(flips.sum(axis=1), minlength=n_coins + 1) / n_trials
''',
    "simulate_heads_without_minlength": '''
def simulate_heads(n_trials, n_coins=3, seed=None):
    if n_trials < 1:
        raise ValueError(f"n_trials must be >= 1, got {n_trials}")
    if n_coins < 0:
        raise ValueError(f"n_coins must be >= 0, got {n_coins}")
    rng = np.random.default_rng(seed)
    flips = rng.integers(0, 2, size=(n_trials, n_coins))
    return np.bincount(flips.sum(axis=1)) / n_trials
''',
    "simulate_heads_ignores_seed": '''
def simulate_heads(n_trials, n_coins=3, seed=None):
    if n_trials < 1:
        raise ValueError(f"n_trials must be >= 1, got {n_trials}")
    if n_coins < 0:
        raise ValueError(f"n_coins must be >= 0, got {n_coins}")
    flips = np.random.randint(0, 2, size=(n_trials, n_coins))
    return np.bincount(flips.sum(axis=1), minlength=n_coins + 1) / n_trials
''',
    "simulate_heads_biased_coin": '''
def simulate_heads(n_trials, n_coins=3, seed=None):
    if n_trials < 1:
        raise ValueError(f"n_trials must be >= 1, got {n_trials}")
    if n_coins < 0:
        raise ValueError(f"n_coins must be >= 0, got {n_coins}")
    rng = np.random.default_rng(seed)
    flips = rng.random((n_trials, n_coins)) <= 0.51
    return np.bincount(flips.sum(axis=1), minlength=n_coins + 1) / n_trials
''',
    "exact_heads_float_power_underflows": '''
def exact_heads(n_coins):
    if n_coins < 0:
        raise ValueError(f"n_coins must be >= 0, got {n_coins}")
    return np.array([math.comb(n_coins, h) * 0.5 ** n_coins for h in range(n_coins + 1)])
''',
    "exact_heads_float_comb_overflows": '''
def exact_heads(n_coins):
    if n_coins < 0:
        raise ValueError(f"n_coins must be >= 0, got {n_coins}")
    from scipy.special import comb
    return comb(n_coins, np.arange(n_coins + 1)) / 2.0 ** n_coins
''',
    "exact_heads_off_by_one": '''
def exact_heads(n_coins):
    if n_coins < 0:
        raise ValueError(f"n_coins must be >= 0, got {n_coins}")
    return np.array([math.comb(n_coins, h) / 2 ** n_coins for h in range(n_coins)], dtype=float)
''',
    "dice_faces_from_zero": '''
def dice_sum_distribution(n_dice=2, sides=6):
    if n_dice < 1:
        raise ValueError(f"n_dice must be >= 1, got {n_dice}")
    if sides < 1:
        raise ValueError(f"sides must be >= 1, got {sides}")
    ways = [1]
    for _ in range(n_dice):
        more = [0] * (len(ways) + sides - 1)
        for k, count in enumerate(ways):
            for face in range(sides):
                more[k + face] += count
        ways = more
    return {k: count / sides ** n_dice for k, count in enumerate(ways)}
''',
    "dice_int64_counts_overflow": '''
def dice_sum_distribution(n_dice=2, sides=6):
    if n_dice < 1:
        raise ValueError(f"n_dice must be >= 1, got {n_dice}")
    if sides < 1:
        raise ValueError(f"sides must be >= 1, got {sides}")
    ways = np.ones(1, dtype=np.int64)
    for _ in range(n_dice):
        ways = np.convolve(ways, np.ones(sides, dtype=np.int64))
    total = ways.sum()
    return {n_dice + k: float(c / total) for k, c in enumerate(ways)}
''',
    "dice_no_input_check": '''
def dice_sum_distribution(n_dice=2, sides=6):
    ways = [1]
    for _ in range(n_dice):
        more = [0] * (len(ways) + sides - 1)
        for k, count in enumerate(ways):
            for face in range(sides):
                more[k + face] += count
        ways = more
    return {n_dice + k: count / sides ** n_dice for k, count in enumerate(ways)}
''',
    "union_without_intersection_checks": '''
def union(p_a, p_b, p_a_and_b=0.0):
    for name, p in (("p_a", p_a), ("p_b", p_b), ("p_a_and_b", p_a_and_b)):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"{name} must be a probability in [0, 1], got {p}")
    return float(p_a + p_b - p_a_and_b)
''',
    "union_range_check_lets_nan_through": '''
def union(p_a, p_b, p_a_and_b=0.0):
    for name, p in (("p_a", p_a), ("p_b", p_b), ("p_a_and_b", p_a_and_b)):
        if p < 0 or p > 1:
            raise ValueError(f"{name} must be a probability in [0, 1], got {p}")
    if p_a_and_b > min(p_a, p_b):
        raise ValueError(f"p_a_and_b = {p_a_and_b} is larger than p_a or p_b")
    result = p_a + p_b - p_a_and_b
    if result > 1:
        raise ValueError(f"the union {result} is above 1")
    return float(result)
''',
    "joint_unchecked": '''
def joint(p_a, p_b_given_a):
    return float(p_a * p_b_given_a)
''',
    "total_probability_forgets_complement": '''
def total_probability(p_b_given_a, p_a, p_b_given_not_a):
    for name, p in (("p_b_given_a", p_b_given_a), ("p_a", p_a),
                    ("p_b_given_not_a", p_b_given_not_a)):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"{name} must be a probability in [0, 1], got {p}")
    return float(p_b_given_a * p_a + p_b_given_not_a * p_a)
''',
    "bayes_divides_by_p_a": '''
def bayes(p_b_given_a, p_a, p_b):
    for name, p in (("p_b_given_a", p_b_given_a), ("p_a", p_a), ("p_b", p_b)):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"{name} must be a probability in [0, 1], got {p}")
    if p_a == 0:
        raise ValueError("p_a is 0")
    return float(p_b_given_a * p_b / p_a)
''',
    "bayes_no_zero_check": '''
def bayes(p_b_given_a, p_a, p_b):
    for name, p in (("p_b_given_a", p_b_given_a), ("p_a", p_a), ("p_b", p_b)):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"{name} must be a probability in [0, 1], got {p}")
    return float(p_b_given_a * p_a / p_b)
''',
    "chain_joint_sums_factors": '''
def chain_joint(probabilities):
    factors = list(probabilities)
    if not factors:
        raise ValueError("probabilities is empty")
    for i, p in enumerate(factors):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"probabilities[{i}] must be in [0, 1], got {p}")
    return float(min(1.0, sum(factors)))
''',
    "chain_joint_no_range_check": '''
def chain_joint(probabilities):
    factors = list(probabilities)
    if not factors:
        raise ValueError("probabilities is empty")
    product = 1.0
    for p in factors:
        product *= float(p)
    return product
''',
    "chain_joint_empty_is_one": '''
def chain_joint(probabilities):
    product = 1.0
    for i, p in enumerate(probabilities):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"probabilities[{i}] must be in [0, 1], got {p}")
        product *= float(p)
    return product
''',
    "chain_joint_numpy_product": '''
def chain_joint(probabilities):
    factors = np.asarray(probabilities, dtype=float)
    if factors.size == 0:
        raise ValueError("probabilities is empty")
    for i, p in enumerate(factors):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"probabilities[{i}] must be in [0, 1], got {p}")
    return np.prod(factors)
''',
    "joint_blames_both_arguments": '''
def joint(p_a, p_b_given_a):
    if not (0.0 <= p_a <= 1.0 and 0.0 <= p_b_given_a <= 1.0):
        raise ValueError(f"p_a and p_b_given_a must be probabilities, got {p_a}, {p_b_given_a}")
    return float(p_a) * float(p_b_given_a)
''',
    "union_numpy_scalar": '''
def union(p_a, p_b, p_a_and_b=0.0):
    for name, p in (("p_a", p_a), ("p_b", p_b), ("p_a_and_b", p_a_and_b)):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"{name} must be a probability in [0, 1], got {p}")
    if p_a_and_b > min(p_a, p_b):
        raise ValueError(f"p_a_and_b = {p_a_and_b} is larger than an event it is part of")
    result = np.float64(p_a) + np.float64(p_b) - np.float64(p_a_and_b)
    if result > 1.0 + 1e-12:
        raise ValueError(f"the union {result} is above 1")
    return min(result, np.float64(1.0))
''',
}
