"""Plausible wrong answers for t_tests: each must lose points against the hidden suite."""
MUTANTS = {
    "pooled_ddof0_variances": '''
def pooled_t_statistic(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.size < 2 or b.size < 2:
        raise ValueError("each sample needs at least 2 values")
    n_a, n_b = a.size, b.size
    pooled = (n_a * np.var(a) + n_b * np.var(b)) / (n_a + n_b)
    if pooled == 0:
        raise ValueError("both samples are constant")
    return float((a.mean() - b.mean()) / np.sqrt(pooled * (1 / n_a + 1 / n_b)))
''',
    "pooled_without_pooling": '''
def pooled_t_statistic(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.size < 2 or b.size < 2:
        raise ValueError("each sample needs at least 2 values")
    se2 = np.var(a, ddof=1) / a.size + np.var(b, ddof=1) / b.size
    if se2 == 0:
        raise ValueError("both samples are constant")
    return float((a.mean() - b.mean()) / np.sqrt(se2))
''',
    "pooled_naive_variance": '''
def pooled_t_statistic(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.size < 2 or b.size < 2:
        raise ValueError("each sample needs at least 2 values")
    n_a, n_b = a.size, b.size
    var_a = (np.sum(a * a) - n_a * a.mean() ** 2) / (n_a - 1)
    var_b = (np.sum(b * b) - n_b * b.mean() ** 2) / (n_b - 1)
    pooled = ((n_a - 1) * var_a + (n_b - 1) * var_b) / (n_a + n_b - 2)
    if pooled == 0:
        raise ValueError("both samples are constant")
    return float((a.mean() - b.mean()) / np.sqrt(pooled * (1 / n_a + 1 / n_b)))
''',
    "welch_no_size_check": '''
def welch_t_statistic(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    se2 = np.var(a, ddof=1) / a.size + np.var(b, ddof=1) / b.size
    return float((a.mean() - b.mean()) / np.sqrt(se2))
''',
    "welch_swaps_sizes": '''
def welch_t_statistic(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.size < 2 or b.size < 2:
        raise ValueError("each sample needs at least 2 values")
    se2 = np.var(a, ddof=1) / b.size + np.var(b, ddof=1) / a.size
    if se2 == 0:
        raise ValueError("both samples are constant")
    return float((a.mean() - b.mean()) / np.sqrt(se2))
''',
    "welch_dof_divides_by_n": '''
def welch_dof(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.size < 2 or b.size < 2:
        raise ValueError("each sample needs at least 2 values")
    v_a, v_b = np.var(a, ddof=1) / a.size, np.var(b, ddof=1) / b.size
    if v_a + v_b == 0:
        raise ValueError("both samples are constant")
    return float((v_a + v_b) ** 2 / (v_a ** 2 / a.size + v_b ** 2 / b.size))
''',
    "welch_dof_rounds_down": '''
def welch_dof(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.size < 2 or b.size < 2:
        raise ValueError("each sample needs at least 2 values")
    v_a, v_b = np.var(a, ddof=1) / a.size, np.var(b, ddof=1) / b.size
    if v_a + v_b == 0:
        raise ValueError("both samples are constant")
    return float(np.floor((v_a + v_b) ** 2 / (v_a ** 2 / (a.size - 1) + v_b ** 2 / (b.size - 1))))
''',
    "t_test_one_sided_p": '''
def t_test(a, b, equal_var=True):
    if equal_var:
        statistic = pooled_t_statistic(a, b)
        dof = len(a) + len(b) - 2
    else:
        statistic = welch_t_statistic(a, b)
        dof = welch_dof(a, b)
    return float(statistic), float(stats.t.sf(abs(statistic), dof))
''',
    "t_test_welch_with_pooled_dof": '''
def t_test(a, b, equal_var=True):
    statistic = pooled_t_statistic(a, b) if equal_var else welch_t_statistic(a, b)
    dof = len(a) + len(b) - 2
    return float(statistic), float(2 * stats.t.sf(abs(statistic), dof))
''',
    "t_test_normal_tails": '''
def t_test(a, b, equal_var=True):
    statistic = pooled_t_statistic(a, b) if equal_var else welch_t_statistic(a, b)
    return float(statistic), float(2 * stats.norm.sf(abs(statistic)))
''',
    "t_test_signed_tail": '''
def t_test(a, b, equal_var=True):
    if equal_var:
        statistic = pooled_t_statistic(a, b)
        dof = len(a) + len(b) - 2
    else:
        statistic = welch_t_statistic(a, b)
        dof = welch_dof(a, b)
    return float(statistic), float(2 * stats.t.sf(statistic, dof))
''',
    "same_process_ignores_equal_var": '''
def same_process(a, b, alpha=0.05, equal_var=True):
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    _, p_value = t_test(a, b)
    return bool(p_value >= alpha)
''',
    "same_process_no_alpha_check": '''
def same_process(a, b, alpha=0.05, equal_var=True):
    _, p_value = t_test(a, b, equal_var=equal_var)
    return bool(p_value >= alpha)
''',
    "same_process_inverted": '''
def same_process(a, b, alpha=0.05, equal_var=True):
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    _, p_value = t_test(a, b, equal_var=equal_var)
    return bool(p_value < alpha)
''',
    "same_process_alpha_check_lets_nan_through": '''
def same_process(a, b, alpha=0.05, equal_var=True):
    if alpha <= 0 or alpha >= 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    _, p_value = t_test(a, b, equal_var=equal_var)
    return bool(p_value >= alpha)
''',
}
