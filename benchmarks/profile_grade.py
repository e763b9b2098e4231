"""Where the time of ``autograder grade solutions`` goes, next to the same suites in plain pytest.

    python benchmarks/profile_grade.py            # needs pyinstrument (pip install pyinstrument)
    python benchmarks/profile_grade.py --json profile.json

Each side runs in a fresh interpreter under pyinstrument (wall-clock sampling, so time
spent waiting on a worker counts). Every sample is charged to the innermost category
on its stack (an import inside a hypothesis test is an import); starting a worker and
waiting for the fork server keep everything beneath them. The grading side also times
every call into the sandbox by exercise, which shows what runs in the workers (an MLP
fit, a long loop) apart from the cost of the round trip itself.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "benchmarks"

from .measure import ROOT  # noqa: E402

# (category, test on (function, file)); the first that matches a frame names it.
STICKY = {"fork server start (waiting for its preload)", "worker start (fork + import submission)"}
RULES = (
    ("fork server start (waiting for its preload)",
     lambda fn, path: fn == "ready" and path.endswith("autograder/sandbox/launcher.py")),
    ("worker start (fork + import submission)",
     lambda fn, path: fn == "_start" and path.endswith("autograder/sandbox/remote_module.py")),
    ("round trips to workers (IPC, codec, worker compute)",
     lambda fn, path: fn == "request" and path.endswith("autograder/sandbox/remote_module.py")),
    ("imports", lambda fn, path: fn in ("_find_and_load", "_call_with_frames_removed")
     and "importlib" in path),
    ("hypothesis engine", lambda fn, path: "/hypothesis/" in path),
    ("pytest + grading plugin", lambda fn, path: "/_pytest/" in path or "/pluggy/" in path
     or path.endswith("autograder/plugin.py")),
    ("submission in-process (floor only)", lambda fn, path: "/solutions/" in path),
)
DEFAULT = "suites + oracles (numpy/scipy in the trusted process)"


def categorise(root) -> dict[str, float]:
    """Seconds per category: each frame's self time goes to its innermost category."""
    totals: dict[str, float] = defaultdict(float)
    stack = [(root, "startup + CLI + reporting")]
    while stack:
        frame, inherited = stack.pop()
        category = inherited
        if inherited not in STICKY:
            for name, test in RULES:
                if test(frame.function or "", frame.file_path or ""):
                    category = name
                    break
        children = frame.children
        totals[category] += max(0.0, frame.time - sum(c.time for c in children))
        stack.extend((child, category) for child in children)
    return dict(totals)


def _timed_requests(calls: dict[str, list[float]]) -> None:
    """Record the wall time of every request into the sandbox, by what it asked for."""
    from autograder.sandbox import remote_module as sandbox

    original = sandbox.RemoteModule.request

    def timed(self, message, *, what, **kwargs):
        started = time.perf_counter()
        try:
            return original(self, message, what=what, **kwargs)
        finally:
            label = what if message.get("op") in ("call", "import") else f"{what}.{message.get('op')}"
            calls[label].append(time.perf_counter() - started)

    sandbox.RemoteModule.request = timed


def _timed_inprocess_calls(calls: dict[str, list[float]]) -> None:
    """The same timing for the floor, where the submission's functions run in this process."""
    from autograder.sandbox import inprocess

    original = inprocess.InProcessModule.__getattr__

    def timed_getattr(self, name):
        function = original(self, name)
        if not callable(function):
            return function
        label = f"{self._module.__name__}.{name}"

        def call(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                calls[label].append(time.perf_counter() - started)
        return call

    inprocess.InProcessModule.__getattr__ = timed_getattr


def _run_side(side: str) -> str:
    if side == "grade":
        from autograder.grading import grade

        result = grade(ROOT / "solutions", seed=0)
        return f"score {result.score:g}/{result.max_score:g}, {len(result.tests)} tests"
    import pytest

    code = pytest.main([str(ROOT / "autograder" / "suites" / "hidden"), "--submission",
                        str(ROOT / "solutions"), "--inprocess", "-p", "no:cacheprovider",
                        "--assert=plain", "-p", "no:terminal", "--run-seed", "0"])
    return f"pytest exit code {int(code)}"


def profile_one(side: str, out: Path, *, sampled: bool) -> None:
    """One side in this (fresh) interpreter: sampled by pyinstrument, or only its calls timed.

    The sampler slows Python code (the codec, hypothesis) but not waiting, so per-call
    times are taken in a run without it.
    """
    calls: dict[str, list[float]] = defaultdict(list)
    profiler = None
    if sampled:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    else:
        (_timed_requests if side == "grade" else _timed_inprocess_calls)(calls)
    started = time.perf_counter()
    outcome = _run_side(side)
    wall = time.perf_counter() - started
    record = {"side": side, "wall_s": wall, "outcome": outcome}
    if profiler is not None:
        record["categories"] = categorise(profiler.stop().root_frame())
    else:
        record["calls"] = {k: {"n": len(v), "total_s": sum(v), "median_ms": statistics.median(v) * 1000}
                           for k, v in calls.items()}
    out.write_text(json.dumps(record, indent=1), encoding="utf-8")


def echo_latency(samples: int = 200) -> float:
    """Median milliseconds of one trivial call to a warm worker: the bare cost of a round trip."""
    from autograder.sandbox.client import SandboxSubmission
    from autograder.sandbox.launcher import shutdown_forkserver

    sub = SandboxSubmission(ROOT / "solutions")
    try:
        module = sub.module("numpy_basics")
        module.describe([1])
        times = []
        for _ in range(samples):
            started = time.perf_counter()
            module.describe([1])
            times.append(time.perf_counter() - started)
    finally:
        sub.close()
        shutdown_forkserver()
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="OUT", help="write the breakdown here too")
    parser.add_argument("--one", choices=("grade", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--sampled", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        profile_one(args.one, Path(args.out), sampled=args.sampled)
        return 0
    report = {}
    with tempfile.TemporaryDirectory() as tmp:
        for side in ("floor", "grade"):
            for sampled in (True, False):
                out = Path(tmp) / f"{side}-{sampled}.json"
                subprocess.run([sys.executable, __file__, "--one", side, "--out", str(out)]
                               + (["--sampled"] if sampled else []),
                               cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
                report[f"{side}_{'sampled' if sampled else 'calls'}"] = json.loads(out.read_text())
    report["round_trip_ms"] = echo_latency()
    _print(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


def call_overhead(report: dict) -> list[tuple[str, int, float, float]]:
    """(exercise, calls, seconds through the sandbox, seconds in-process) per exercise."""
    sandbox = report["grade_calls"]["calls"]
    inproc = report["floor_calls"]["calls"]
    rows = []
    for label, c in sandbox.items():
        rows.append((label, c["n"], c["total_s"], inproc.get(label, {}).get("total_s", 0.0)))
    return sorted(rows, key=lambda r: -r[2])


def _print(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    floor, grade = report["floor_sampled"]["categories"], report["grade_sampled"]["categories"]
    table = Table(title=f"where the time goes (sampled, so Python-heavy parts are inflated): "
                        f"grade {report['grade_sampled']['wall_s']:.1f} s vs floor "
                        f"{report['floor_sampled']['wall_s']:.1f} s")
    for name in ("category", "floor s", "grade s", "grade - floor"):
        table.add_column(name, justify="left" if name == "category" else "right")
    for category in sorted(set(floor) | set(grade), key=lambda c: -grade.get(c, 0)):
        f, g = floor.get(category, 0.0), grade.get(category, 0.0)
        table.add_row(category, f"{f:.2f}", f"{g:.2f}", f"{g - f:+.2f}")
    rows = call_overhead(report)
    n = sum(r[1] for r in rows)
    through, inside = sum(r[2] for r in rows), sum(r[3] for r in rows)
    calls = Table(title=f"calls into the submission (unsampled runs: grade {report['grade_calls']['wall_s']:.1f} s, "
                        f"floor {report['floor_calls']['wall_s']:.1f} s): {n} requests, {through:.2f} s through "
                        f"the sandbox vs {inside:.2f} s in-process; a bare round trip "
                        f"{report['round_trip_ms']:.2f} ms")
    for name in ("request", "n", "sandbox s", "in-process s", "median ms"):
        calls.add_column(name, justify="left" if name == "request" else "right")
    for label, count, total, local in rows[:15]:
        median = report["grade_calls"]["calls"][label]["median_ms"]
        calls.add_row(label, str(count), f"{total:.2f}", f"{local:.2f}", f"{median:.2f}")
    console = Console(width=130)
    console.print(table)
    console.print(calls)


if __name__ == "__main__":
    sys.exit(main())
