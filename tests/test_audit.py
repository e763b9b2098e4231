"""The hidden suites catch every plausible wrong answer we keep, at least three per module."""
from __future__ import annotations

import pytest

from autograder.audit import audit, render
from autograder.curriculum import MODULES
from autograder.mutants import MUTANTS_DIR, load_mutants


def test_every_module_keeps_at_least_three_mutants():
    for module in MODULES:
        assert len(load_mutants(MUTANTS_DIR / f"{module}.py")) >= 3, module


@pytest.mark.slow
def test_every_mutant_loses_points():
    outcomes = audit()
    survivors = [(o.module, o.name, o.score) for o in outcomes if not o.killed]
    assert survivors == [], render(outcomes)
    assert {o.module for o in outcomes} == set(MODULES)
