"""No reference solution modifies its inputs: a property test over every function with array inputs."""
from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograder.sandbox.callinfo import same_value
from autograder.suites import strategies as S


def _sample(draw, n_min=3, n_max=12):
    n = draw(st.integers(n_min, n_max))
    x = draw(S.arrays((n,), np.float64, -50, 50))
    return x + np.arange(n) * 1e-3  # never constant


def _positive(draw):
    return draw(S.arrays((draw(st.integers(1, 10)),), np.float64, 0.1, 100))


def _spd(draw, n):
    a = draw(S.arrays((n, n), np.float64, -3, 3))
    return a @ a.T + n * np.eye(n)


def _cube(x):
    return float(np.sum(np.asarray(x) ** 3))


def _square_map(x):
    return np.asarray(x) ** 2


def _network(draw):
    """Two float layers (3 inputs, 4 hidden units, 2 classes) as neural_network takes them."""
    return [(draw(S.arrays((4, 3), np.float64, -2, 2)), draw(S.arrays((4,), np.float64, -2, 2))),
            (draw(S.arrays((2, 4), np.float64, -2, 2)), draw(S.arrays((2,), np.float64, -2, 2)))]


# function -> draw(args, kwargs); only what a valid call needs, arrays wherever the contract allows.
CALLS = {
    "numpy_basics.describe": lambda d: ((d(S.matrices()),), {}),
    "numpy_basics.top_left": lambda d: ((d(S.matrices(2, 5, 2, 5)), 2, 2), {}),
    "numpy_basics.every_other": lambda d: ((d(S.vectors()),), {}),
    "numpy_basics.reversed_view": lambda d: ((d(S.vectors()),), {}),
    "numpy_basics.replace_block": lambda d: (
        (np.arange(24.0).reshape(2, 3, 4), 1, d(S.arrays((3, 4), np.float64))), {}),
    "numpy_basics.bookshelf_word": lambda d: ((np.arange(32).reshape(2, 2, 2, 2, 2), 1, 2, 1, 2, 1), {}),
    "t_tests.pooled_t_statistic": lambda d: ((_sample(d), _sample(d)), {}),
    "t_tests.welch_t_statistic": lambda d: ((_sample(d), _sample(d)), {}),
    "t_tests.welch_dof": lambda d: ((_sample(d), _sample(d)), {}),
    "t_tests.t_test": lambda d: ((_sample(d), _sample(d)), {"equal_var": d(st.booleans())}),
    "t_tests.same_process": lambda d: ((_sample(d), _sample(d)), {}),
    "digits_mlp.shuffle_split": lambda d: (
        (d(S.arrays((10, 3), np.float64)), np.arange(10), 3), {"seed": 0}),
    "digits_mlp.misclassified": lambda d: (
        (d(S.arrays((8,), np.int64, 0, 3)), d(S.arrays((8,), np.int64, 0, 3))), {}),
    "descriptive_stats.one_hot": lambda d: ((d(S.arrays((6,), np.int64, 0, 3)),), {}),
    "descriptive_stats.weighted_mean": lambda d: ((_sample(d, 4, 4), _positive(d)[:1].repeat(4)), {}),
    "descriptive_stats.geometric_mean": lambda d: ((_positive(d),), {}),
    "descriptive_stats.harmonic_mean": lambda d: ((_positive(d),), {}),
    "descriptive_stats.median": lambda d: ((_sample(d),), {}),
    "descriptive_stats.pearson": lambda d: ((_sample(d, 6, 6), _sample(d, 6, 6)), {}),
    "descriptive_stats.ranks": lambda d: ((d(S.samples()),), {}),
    "descriptive_stats.spearman": lambda d: ((_sample(d, 6, 6), _sample(d, 6, 6)), {}),
    "linear_algebra.order": lambda d: ((d(S.matrices()),), {}),
    "linear_algebra.hadamard": lambda d: ((np.ones((2, 3)), d(S.arrays((2, 3), np.float64))), {}),
    "linear_algebra.inner": lambda d: (d(S.vector_pairs()), {}),
    "linear_algebra.outer": lambda d: ((d(S.vectors()), d(S.vectors())), {}),
    "linear_algebra.matmul": lambda d: (d(S.matmul_pairs()), {}),
    "linear_algebra.affine": lambda d: (
        (d(S.arrays((2, 3), np.float64)), d(S.arrays((3,), np.float64)), d(S.arrays((2,), np.float64))), {}),
    "linear_algebra.feedforward": lambda d: (
        (d(S.arrays((3,), np.float64)),
         [(d(S.arrays((4, 3), np.float64)), d(S.arrays((4,), np.float64))),
          (d(S.arrays((2, 4), np.float64)), d(S.arrays((2,), np.float64)))]), {}),
    "linear_algebra.definiteness": lambda d: ((d(S.symmetric_matrices()),), {}),
    "linear_algebra.is_eigenpair": lambda d: ((np.diag([2.0, 3.0]), np.array([1.0, 0.0]), 2.0), {}),
    "linear_algebra.lp_norm": lambda d: ((d(S.vectors()), d(st.sampled_from([1, 2, 3, np.inf]))), {}),
    "linear_algebra.distance": lambda d: (d(S.vector_pairs()), {}),
    "linear_algebra.weight_decay": lambda d: (([d(S.matrices()), d(S.vectors())], 0.1), {}),
    "pca_svd.center": lambda d: ((d(S.matrices(2, 6, 1, 4)),), {}),
    "pca_svd.covariance": lambda d: ((d(S.matrices(2, 6, 1, 4)),), {}),
    "pca_svd.sorted_eigen": lambda d: ((_spd(d, 3),), {}),
    "pca_svd.explained_variance_ratio": lambda d: ((_positive(d),), {}),
    "pca_svd.pca": lambda d: ((d(S.arrays((8, 3), np.float64, -5, 5)) + np.eye(8, 3), 2), {}),
    "pca_svd.pseudoinverse": lambda d: ((d(S.matrices_of_rank())[0],), {}),
    "optimization.gradient": lambda d: ((_cube, d(S.arrays((3,), np.float64, -2, 2))), {}),
    "optimization.gd_step": lambda d: (
        (d(S.arrays((3,), np.float64)), d(S.arrays((3,), np.float64)), 0.1), {}),
    "optimization.gradient_descent": lambda d: (
        (lambda w: 2 * np.asarray(w), d(S.arrays((2,), np.float64)), 0.1, 3), {}),
    "optimization.relu": lambda d: ((d(S.vectors()),), {}),
    "optimization.relu_grad": lambda d: ((d(S.vectors()),), {}),
    "optimization.relu_node": lambda d: (
        (d(S.arrays((3,), np.float64)), d(S.arrays((3,), np.float64)), 0.5), {}),
    "optimization.jacobian": lambda d: ((_square_map, d(S.arrays((3,), np.float64, -2, 2))), {}),
    "optimization.hessian": lambda d: ((_cube, d(S.arrays((2,), np.float64, -2, 2))), {}),
    "digits_mlp.accuracy": lambda d: (
        (d(S.arrays((8,), np.int64, 0, 3)), d(S.arrays((8,), np.int64, 0, 3))), {}),
    "digits_mlp.chance_accuracy": lambda d: ((d(S.arrays((8,), np.int64, 0, 3)),), {}),
    "probability.chain_joint": lambda d: ((d(S.arrays((4,), np.float64, 0, 1)),), {}),
    "descriptive_stats.variance": lambda d: ((_sample(d),), {"ddof": 1}),
    "descriptive_stats.standard_deviation": lambda d: ((_sample(d),), {"ddof": 1}),
    "linear_algebra.cosine_similarity": lambda d: ((_sample(d, 4, 4), _sample(d, 4, 4)), {}),
    "linear_algebra.angle": lambda d: ((_sample(d, 4, 4), _sample(d, 4, 4)), {}),
    "pca_svd.low_rank_approximation": lambda d: ((d(S.matrices(2, 5, 2, 5)), 1), {}),
    "pca_svd.pca_via_svd": lambda d: ((d(S.arrays((8, 3), np.float64, -5, 5)) + np.eye(8, 3), 2), {}),
    "optimization.max_stable_lr": lambda d: ((_spd(d, 3),), {}),
    "optimization.lr_regime": lambda d: ((_spd(d, 3), 0.01), {}),
    "optimization.steps_to_converge": lambda d: (
        (lambda w: 2 * np.asarray(w), d(S.arrays((2,), np.float64)), 0.25), {}),
    "neural_network.softmax": lambda d: ((d(S.matrices(dtype=np.float64)),), {}),
    "neural_network.cross_entropy": lambda d: (
        (d(S.arrays((4, 3), np.float64, 0, 1)), np.array([0, 2, 1, 0])), {}),
    "neural_network.softmax_cross_entropy_grad": lambda d: (
        (d(S.arrays((4, 3), np.float64, -5, 5)), np.array([0, 2, 1, 0])), {}),
    "neural_network.forward": lambda d: ((d(S.arrays((4, 3), np.float64, -5, 5)), _network(d)), {}),
    "neural_network.loss": lambda d: (
        (d(S.arrays((4, 3), np.float64, -5, 5)), np.array([0, 1, 1, 0]), _network(d)), {}),
    "neural_network.backward": lambda d: (
        (d(S.arrays((4, 3), np.float64, -5, 5)), np.array([0, 1, 1, 0]), _network(d)), {}),
    "neural_network.train_network": lambda d: (
        (d(S.arrays((4, 3), np.float64, -5, 5)), np.array([0, 1, 1, 0])), {"n_hidden": 3, "epochs": 3}),
    "neural_network.predict": lambda d: ((d(S.arrays((4, 3), np.float64, -5, 5)), _network(d)), {}),
    "neural_network.perceptron_train": lambda d: (
        (d(S.arrays((4, 2), np.float64, -3, 3)), d(S.arrays((4,), np.int64, 0, 1))), {"epochs": 5}),
}


@pytest.mark.parametrize("dotted", sorted(CALLS))
@settings(max_examples=10, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@given(data=st.data())
def test_solution_leaves_inputs_unchanged(dotted, data, solutions):
    module, name = dotted.split(".")
    args, kwargs = CALLS[dotted](data.draw)
    before = copy.deepcopy((args, kwargs))
    getattr(solutions[module], name)(*args, **kwargs)
    for label, old, new in zip(range(len(args)), before[0], args):
        assert same_value(old, new), f"{dotted} modified argument {label}"
    for key in kwargs:
        assert same_value(before[1][key], kwargs[key]), f"{dotted} modified argument {key}"
