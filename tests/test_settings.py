"""GradeSettings: handed to the plugin as an object by ``grade()``, mapped once from a plain pytest run."""
from __future__ import annotations

import pytest

from autograder.grading import grade
from autograder.settings import GradeSettings, choose_seed

from .conftest import ROOT


def test_a_given_seed_is_kept_and_a_missing_one_is_drawn():
    assert choose_seed(7) == 7
    drawn = {choose_seed() for _ in range(5)}
    assert all(0 <= s < 2**32 for s in drawn) and len(drawn) > 1


def test_grade_hands_its_settings_to_the_plugin_and_reports_its_seed(tmp_path, monkeypatch):
    seen = []

    class Spy:
        @pytest.hookimpl(trylast=True)
        def pytest_configure(self, config):
            from autograder.settings import SETTINGS

            seen.append(config.stash[SETTINGS])

    result = grade(ROOT / "solutions", suite="public", seed=1234, timeout=7.5, observers=(Spy(),))
    assert result.meta["seed"] == 1234
    (settings,) = seen
    assert isinstance(settings, GradeSettings)
    assert settings.seed == 1234 and settings.call_timeout == 7.5 and settings.sandboxed
    assert settings.submission == (ROOT / "solutions").resolve()
