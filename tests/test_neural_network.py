"""The neural_network module's own promises: the whole module is closed to the libraries it rebuilds,
and the reference network meets its digits target with time to spare under the per-call limit."""
from __future__ import annotations

import textwrap
import time

import numpy as np
import pytest

from autograder.curriculum import FORBIDDEN
from autograder.sandbox.static import forbidden_uses

from .conftest import ROOT

CONTRACT_FORBIDDEN = ("sklearn", "torch", "tensorflow", "jax", "autograd",
                      "scipy.special.softmax", "scipy.special.log_softmax")
CALL_LIMIT_S = 10.0  # the grader's default wall-clock limit of one call


@pytest.mark.skipif("neural_network.*" not in FORBIDDEN,
                    reason="the module-wide FORBIDDEN entry for neural_network is not merged yet")
@pytest.mark.parametrize("name", CONTRACT_FORBIDDEN)
def test_every_function_of_the_module_is_closed_to_the_rebuilt_libraries(name):
    assert set(CONTRACT_FORBIDDEN) <= set(FORBIDDEN["neural_network.*"])
    package, _, attribute = name.rpartition(".")
    spelling = f"from {package} import {attribute}" if package else f"import {name}"
    source = textwrap.dedent(f"""
        {spelling}


        def predict(x, layers):
            return {attribute or name}
    """)
    found = forbidden_uses(source, "neural_network")
    assert "predict" in found, f"a predict that uses {name} was not flagged: {found}"


@pytest.mark.slow
def test_reference_network_reaches_the_digits_target_for_several_seeds(solutions):
    from sklearn.datasets import load_digits
    from threadpoolctl import threadpool_limits

    digits = load_digits()
    x, y = digits.data / 16.0, digits.target
    order = np.random.default_rng(0).permutation(len(x))
    train, test = order[200:], order[:200]
    nn = solutions["neural_network"]
    for seed in (0, 1):
        start = time.perf_counter()
        with threadpool_limits(1):
            layers = nn.train_network(x[train], y[train], seed=seed)
        elapsed = time.perf_counter() - start
        accuracy = float(np.mean(nn.predict(x[test], layers) == y[test]))
        assert accuracy >= 0.90, f"seed {seed}: test accuracy {accuracy:.3f}"
        assert elapsed < CALL_LIMIT_S / 2, f"seed {seed}: training took {elapsed:.2f} s"
