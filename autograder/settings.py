"""The settings of one grading run, typed, and handed to the plugin through pytest's stash.

``grade()`` builds a ``GradeSettings`` and gives it to pytest as an object; a student's own
``pytest`` run has only command-line options, mapped here once (``from_options``). The run
seed is chosen in one place (``choose_seed``), so a run always reports the seed it used.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest


def choose_seed(seed: int | None = None) -> int:
    """``seed`` when given, else a fresh one: the only place a run seed is drawn."""
    return seed if seed is not None else random.randrange(2**32)


@dataclass(frozen=True)
class GradeSettings:
    """What the plugin needs to know about a run; never parsed back from argument strings."""

    submission: Path          # the folder of exercise modules
    seed: int
    sandboxed: bool = True    # False: import the submission into this process (a student's debug run)
    call_timeout: float = 10.0
    shrink: bool = True       # False for audits: only whether a test fails matters
    grading: bool = True      # False for a student's own pytest run (pytest's output stays as usual)
    case_tables: bool = True  # False: every input drawn by hypothesis (how the tables are built)
    suite_dir: Path | None = None  # the suite graded: its modules stay imported for the next grading

    @classmethod
    def from_options(cls, config) -> "GradeSettings":
        """The settings of a plain ``pytest`` run, from the plugin's command-line options."""
        folder = config.getoption("submission")
        return cls(submission=Path(folder) if folder else Path(config.rootpath) / "exercises",
                   seed=choose_seed(config.getoption("run_seed")),
                   sandboxed=bool(folder) and not config.getoption("inprocess"),
                   call_timeout=config.getoption("call_timeout"),
                   shrink=not config.getoption("no_shrink"), grading=bool(folder),
                   case_tables=not config.getoption("no_case_tables"))


SETTINGS = pytest.StashKey[GradeSettings]()


class HandSettings:
    """A pytest plugin object that puts ``settings`` in the stash before the plugin configures."""

    def __init__(self, settings: GradeSettings):
        self.settings = settings

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config):
        config.stash[SETTINGS] = self.settings


def settings_of(config) -> GradeSettings:
    """The run's settings: the ones ``grade()`` handed over, else the command line's (mapped once)."""
    if SETTINGS not in config.stash:
        config.stash[SETTINGS] = GradeSettings.from_options(config)
    return config.stash[SETTINGS]
