"""Timing helpers: run something several times, keep every run, report the median.

A figure that cannot be measured here (a peer that is not installed, a command that is
not built yet) is not an error of the benchmark: it becomes ``Unavailable`` with the
reason, and the report shows null and that reason instead of a number.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent


class Unavailable(Exception):
    """This figure cannot be measured on this machine; the message says why."""


@dataclass
class Figure:
    """One measured quantity: the runs, their median, and what was measured."""

    runs: list[float]
    unit: str = "s"
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def median_of(runs: Sequence[float]) -> float:
    return statistics.median(runs)


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator``, or None when either side is missing."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def repeat(measure_once: Callable[[], float], times: int, *, unit: str = "s", note: str = "",
           warmup: Callable[[], object] | None = None) -> Figure:
    """Call ``measure_once`` ``times`` times; each call returns one duration."""
    if warmup is not None:
        warmup()
    return Figure([measure_once() for _ in range(max(1, times))], unit=unit, note=note)


@dataclass
class CommandRun:
    seconds: float
    returncode: int
    stdout: str
    stderr: str


def run_command(argv: Sequence[str], *, cwd: Path = ROOT, env: dict | None = None,
                timeout: float = 1800) -> CommandRun:
    """Run a command to its end; the time includes process start and interpreter exit."""
    started = time.perf_counter()
    try:
        done = subprocess.run(list(map(str, argv)), cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except FileNotFoundError as exc:
        raise Unavailable(f"{argv[0]} is not installed: {exc}") from None
    except subprocess.TimeoutExpired:
        raise Unavailable(f"{' '.join(map(str, argv[:3]))} ... took longer than {timeout:g} s") from None
    return CommandRun(time.perf_counter() - started, done.returncode, done.stdout, done.stderr)


def time_command(argv: Sequence[str], times: int, *, ok: Callable[[CommandRun], bool] | None = None,
                 cwd: Path = ROOT, env: dict | None = None, note: str = "",
                 timeout: float = 1800) -> Figure:
    """Median wall time of a command; a run that ``ok`` rejects makes the figure unavailable.

    A benchmark of a run that failed half-way would flatter it, so a wrong exit code or
    output is never timed.
    """
    runs = []
    for _ in range(max(1, times)):
        result = run_command(argv, cwd=cwd, env=env, timeout=timeout)
        if ok is not None and not ok(result):
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            raise Unavailable(f"`{' '.join(map(str, argv[:4]))} ...` exited {result.returncode}: "
                              + " | ".join(tail)[:300])
        runs.append(result.seconds)
    return Figure(runs, note=note)


def exited(*codes: int) -> Callable[[CommandRun], bool]:
    return lambda result: result.returncode in codes


def autograder_command() -> list[str]:
    """The installed ``autograder`` script beside this interpreter, else ``python -m autograder.cli``."""
    script = Path(sys.executable).parent / "autograder"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "autograder.cli"]


def machine_load() -> float | None:
    """The one-minute load average: timings taken on a busy machine are slower, and say so."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None
