"""Benchmark the grader: its floor and limit, its peers, worker start and a whole class, as one table.

    python benchmarks/run.py                 # every figure, median of 5 runs
    python benchmarks/run.py --quick         # one small module, 1-2 runs: a minute or two
    python benchmarks/run.py --json out.json --repeat 3 --skip-peers

Each figure is the median of several runs; ratios are taken between medians of runs taken
in turns (``rounds``), so both sides see the same load. The calls of one grading are
recorded once per run and replayed for the limit. A figure that cannot be measured here is
reported as null with the reason, never guessed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` and ``autograder`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "benchmarks"

from autograder import __version__  # noqa: E402

from . import grading_figures, limit_figures, paired_figures, prefetch_calls, worker_start  # noqa: E402
from .measure import Figure, Unavailable, machine_load  # noqa: E402
from .peers import nbgrader_peer, otter_peer  # noqa: E402
from .report import Results, class_caveats, markdown, print_table, to_json  # noqa: E402
from .workload import build  # noqa: E402

PUBLIC_KEYS = ("public_pytest_s", "public_import_s")
GRADING_KEYS = ("floor_s", "grade_s", "limit_s", "calls_s")
CLASS_KEYS = ("class_serial_s", "class_parallel_s", "class_per_submission_s", "class_calls_s",
              "nbgrader_class_s", "nbgrader_per_submission_s")
NBGRADER_CLASS_KEYS = ("nbgrader_class_s", "nbgrader_per_submission_s")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  python benchmarks/run.py --quick --json bench.json")
    parser.add_argument("--quick", action="store_true",
                        help="one small module, 1-2 runs, a class of 4: a smoke run of a minute or two")
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON here")
    parser.add_argument("--repeat", type=int, metavar="N",
                        help="runs per figure, the median is reported (default 5, --quick 1)")
    parser.add_argument("--markdown", metavar="OUT", help="also write the table as Markdown here")
    parser.add_argument("--skip-peers", action="store_true",
                        help="do not run nbgrader and otter-grader (reported as unavailable)")
    parser.add_argument("--class-size", type=int, metavar="N",
                        help="synthetic submissions for grade-class (default 50, --quick 4)")
    parser.add_argument("--class-repeat", type=int, metavar="N",
                        help="runs of each grade-class figure (default 1: one run grades the "
                             "whole class, minutes on two cores)")
    return parser


class Recorder:
    """Runs one measurement, files its figures or the reason it could not be taken."""

    def __init__(self):
        self.results = Results({}, {})

    def __call__(self, keys: str | tuple[str, ...], measure: Callable[[], Figure | dict]) -> None:
        """File what ``measure`` returns: a Figure, or key -> Figure or the Unavailable reason."""
        keys = (keys,) if isinstance(keys, str) else keys
        skipped = [k for k in keys if k in self.results.unavailable]
        keys = tuple(k for k in keys if k not in skipped)
        if not keys:
            return
        _say(f"measuring {', '.join(keys)} ...")
        started = time.perf_counter()
        found = self.attempt(keys, measure)
        if found is None:
            return
        found = found if isinstance(found, dict) else {keys[0]: found}
        for key, value in found.items():
            if isinstance(value, Unavailable):
                self.skip((key,), str(value))
            elif key not in skipped:
                self.results.figures[key] = value
        shown = ", ".join(f"{k} {f.median:.3g} {f.unit}" for k, f in found.items() if isinstance(f, Figure))
        _say(f"  {shown}  ({time.perf_counter() - started:.0f} s)")

    def attempt(self, keys: tuple[str, ...], work: Callable):
        """``work()``, or None with ``keys`` marked unavailable and why."""
        try:
            return work()
        except Unavailable as exc:
            self.skip(keys, str(exc))
        except Exception as exc:  # noqa: BLE001 - one broken figure must not lose the others
            traceback.print_exc(file=sys.stderr)
            self.skip(keys, f"the measurement failed: {type(exc).__name__}: {exc}")
        return None

    def skip(self, keys, reason: str) -> None:
        for key in keys:
            self.results.unavailable[key] = reason
        _say(f"  unavailable: {reason}")


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run(args) -> dict:
    quick = args.quick
    times = args.repeat or (1 if quick else 5)
    spawns = 5 if quick else 20
    class_size = args.class_size or (4 if quick else 50)
    class_times = args.class_repeat or 1
    load_before = machine_load()
    started = time.perf_counter()
    record = Recorder()
    with tempfile.TemporaryDirectory(prefix="autograder-bench-") as tmp:
        tmp = Path(tmp)
        work = build(tmp, quick)
        hidden = work.suite_arg("hidden")
        _say(f"workload: {', '.join(work.modules)}; {times} run(s) per figure")
        _say("recording the calls of one grading of the solutions ...")
        calls = record.attempt(("limit_s", "calls_s", "class_calls_s"),
                               lambda: limit_figures.record_calls(work.solutions, hidden, tmp))
        if calls is not None:
            _say(f"  {calls.summary['recorded']} requests recorded ({calls.summary['bytes'] // 1024} KiB)")
        record(PUBLIC_KEYS, lambda: paired_figures.public(work, tmp, times))
        record(GRADING_KEYS, lambda: paired_figures.grading(work, calls, times))
        record("grade_stub_s", lambda: grading_figures.grade(work.stubs, hidden, times, expect="zero"))
        record("grade_half_s", lambda: grading_figures.grade(work.half, hidden, times, expect="partial"))
        record("worker_start_ms", lambda: worker_start.worker_start(work.solutions, spawns))
        record("cold_import_ms", lambda: worker_start.cold_import(times if quick else max(2, times)))
        record(("calls_live_ms", "calls_batched_ms"),
               lambda: prefetch_calls.calls(work.solutions, 3 if quick else 4 * times))
        course = None
        if args.skip_peers:
            record.skip(("nbgrader_s", "nbgrader_baseline_s", "otter_s", "otter_baseline_s",
                         *NBGRADER_CLASS_KEYS), "skipped (--skip-peers)")
        else:
            course = record.attempt(("nbgrader_s", "nbgrader_baseline_s", *NBGRADER_CLASS_KEYS),
                                    lambda: nbgrader_peer.prepare(work, tmp))
            grade_s = record.results.figures.get("grade_s")
            if course is not None:
                record(("nbgrader_s", "nbgrader_baseline_s"),
                       lambda: nbgrader_peer.measure(course, work, times, grade_s))
            record(("otter_s", "otter_baseline_s"), lambda: otter_peer.measure(work, times, tmp, grade_s))
        record(CLASS_KEYS, lambda: paired_figures.klass(work, tmp / "class", class_size, class_times,
                                                        calls, course))
        record.results.caveats.update(class_caveats(class_size, os.cpu_count()))
    meta = {
        "quick": quick, "repeat": times, "worker_spawns": spawns, "class_size": class_size,
        "class_repeat": class_times, "modules": work.modules, "half_stubbed": work.stubbed,
        "workload_notes": work.notes, "grader_version": __version__,
        "python": platform.python_version(), "cpus": os.cpu_count(),
        "load_avg_before": load_before, "load_avg_after": machine_load(),
        "wall_s": round(time.perf_counter() - started, 1),
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    return to_json(record.results, meta)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    record = run(args)
    mode = "quick" if args.quick else "full"
    print_table(record, f"autograder benchmarks ({mode}: {', '.join(record['meta']['modules'])}; "
                        f"median of {record['meta']['repeat']}; load {record['meta']['load_avg_before']})")
    if args.json:
        Path(args.json).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        _say(f"wrote {args.json}")
    if args.markdown:
        Path(args.markdown).write_text(markdown(record), encoding="utf-8")
        _say(f"wrote {args.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
