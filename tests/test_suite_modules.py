"""Suite modules kept between gradings in one process never stand in for another suite's files."""
from __future__ import annotations

import importlib.util
import sys

from autograder import suite_modules
from autograder.grading import grade


def _functions(result) -> list[str]:
    return sorted({t.function for t in result.tests})


def test_a_module_of_the_same_name_from_elsewhere_is_not_reused(tmp_path):
    fresh = grade("exercises", suite="public", seed=0)
    # another session of this process (not a grading) left its own test_probability.py behind
    stray = tmp_path / "test_probability.py"
    stray.write_text("import pytest\nPOINTS = {'union': 1}\n\n"
                     "@pytest.mark.exercise('union')\ndef test_only(sub):\n    pass\n")
    spec = importlib.util.spec_from_file_location("test_probability", stray)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["test_probability"] = module
    suite_modules._KEPT.pop("test_probability", None)
    again = grade("exercises", suite="public", seed=0)
    assert _functions(again) == _functions(fresh)
    assert sys.modules["test_probability"] is not module


def test_the_same_suite_is_kept_and_another_suite_is_not_reused():
    public = grade("exercises", suite="public", seed=0)
    kept = sys.modules.get("test_probability")
    assert kept is not None and "public" in kept.__file__
    hidden = grade("exercises", suite="hidden", seed=0)
    assert "hidden" in sys.modules["test_probability"].__file__
    assert round(sum(t.max_score for t in hidden.tests), 6) == round(sum(t.max_score for t in public.tests), 6) == 100
    assert _functions(grade("exercises", suite="public", seed=0)) == _functions(public)
