"""Paired figures measured in turns, so both sides of a ratio see the same load.

On a shared machine the load changes within minutes; a ratio between two medians taken
one after the other measures the load as much as the code. Here each round runs every
side once, in alternating order (A B C, then C B A), and each side keeps its own runs.
"""
from __future__ import annotations

import sys
import traceback
from typing import Callable

from .measure import Figure, Unavailable

Side = Callable[[], dict[str, float]]  # one run: a value for each of its figure keys


def interleaved(sides: dict[tuple[str, ...], Side], times: int) -> dict[str, list[float] | Unavailable]:
    """``times`` rounds of every side; key -> its runs, or why the side could not be measured.

    A side that fails is left out of the rounds that follow (its figures become the reason),
    and the others go on.
    """
    order = list(sides)
    runs: dict[str, list[float]] = {key: [] for keys in order for key in keys}
    failed: dict[tuple[str, ...], Unavailable] = {}
    for number in range(max(1, times)):
        for keys in (order if number % 2 == 0 else order[::-1]):
            if keys in failed:
                continue
            try:
                got = sides[keys]()
            except Unavailable as exc:
                failed[keys] = exc
                continue
            except Exception as exc:  # noqa: BLE001 - one broken side must not lose the others
                traceback.print_exc(file=sys.stderr)
                failed[keys] = Unavailable(f"the measurement failed: {type(exc).__name__}: {exc}")
                continue
            for key in keys:
                runs[key].append(got[key])
    return {key: failed.get(keys) or runs[key] for keys in order for key in keys}


def figures(measured: dict[str, list[float] | Unavailable], notes: dict[str, str],
            units: dict[str, str] | None = None) -> dict[str, Figure | Unavailable]:
    """Runs into Figures with their notes; reasons stay reasons."""
    units = units or {}
    return {key: value if isinstance(value, Unavailable)
            else Figure(value, unit=units.get(key, "s"), note=notes.get(key, ""))
            for key, value in measured.items()}


def per_submission(figure: Figure | Unavailable, count: int, note: str) -> Figure | Unavailable:
    """A whole-class figure divided by the number of submissions, run by run."""
    if isinstance(figure, Unavailable):
        return figure
    return Figure([run / count for run in figure.runs], unit=figure.unit, note=note)
