"""No garbage collections while a process's first pytest session imports the suites and their libraries.

What those imports make (NumPy, SciPy, scikit-learn, matplotlib, hypothesis, the suites)
lives as long as the process; collecting it over and over while it grows cost a cold grading
about 0.7 s (579 collections). After the collection phase it is frozen: later collections
skip it. Later sessions of the same process (a class, pytester) change nothing.
"""
from __future__ import annotations

import gc

_FROZEN = False


def pause() -> None:
    if not _FROZEN:
        gc.disable()


def freeze_and_resume() -> None:
    """After collection: freeze what the imports made, once per process, and collect again."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.freeze()
    gc.enable()


def resume() -> None:
    """A session that ended before its collection did: collections on again, nothing frozen."""
    gc.enable()
