"""The least a grading can cost: the same calls into the solutions, in-process, no test framework.

The calls are recorded once per benchmark run from a real ``grade()`` of the solutions with
the hidden suites (``record_calls``, in a subprocess of ours), then replayed as often as the
figures need (``replay_calls``, a fresh interpreter each time): ``limit_s`` is that
interpreter's wall time, ``calls_s`` the calls alone, timed inside it.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .measure import ROOT, CommandRun, Unavailable, run_command

RECORDER = ROOT / "benchmarks" / "record_calls.py"
REPLAYER = ROOT / "benchmarks" / "replay_calls.py"


@dataclass
class Recording:
    path: Path
    summary: dict                     # what record_calls printed
    last_replay: dict = field(default_factory=dict)

    def note(self) -> str:
        """How many requests were recorded, replayed, raised and left out (from the last replay)."""
        s, r = self.summary, self.last_replay
        ops = ", ".join(f"{n} {op}" for op, n in sorted(s["by_op"].items(), key=lambda kv: -kv[1]))
        text = (f"{s['recorded']} requests recorded from one grade of {len(s['modules'])} module(s) "
                f"({ops}); {r.get('replayed', 0)} replayed, {r.get('raised', 0)} raised as tests expect")
        if s["unpicklable"]:
            why = "; ".join(f"{n}: {w}" for w, n in s["unpicklable_why"].items())
            text += f"; {s['unpicklable']} not picklable, not replayed ({why[:200]})"
        skipped = sum(r.get("skipped", {}).values())
        if skipped and skipped != s["unpicklable"]:
            text += f"; {skipped} skipped in all"
        if s["requests"] != s["recorded"]:
            text += f"; the grading made {s['requests']} requests in all (the rest not recorded)"
        return text + "; BLAS single-threaded as in the workers"


def record_calls(solutions: Path, suite: str, workdir: Path) -> Recording:
    """One recorded grading of ``solutions`` with ``suite`` (the workload's hidden suites)."""
    out = workdir / "calls.pickle"
    done = run_command([sys.executable, RECORDER, solutions, suite, out])
    if done.returncode != 0 or not out.is_file():
        raise Unavailable(f"recording the grading's calls failed (exit {done.returncode}): {_tail(done)}")
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    if summary["score"] != 100:
        raise Unavailable(f"the recorded grading of the solutions scored {summary['score']}, not 100")
    return Recording(out, summary)


def replay_environment() -> dict[str, str]:
    """Ours, with the workers' thread limits and plot backend: the calls run as they would there."""
    from autograder.sandbox.environment import worker_environment

    env = dict(os.environ)
    env.update({k: v for k, v in worker_environment().items()
                if k.endswith("_NUM_THREADS") or k.startswith("MPL")})
    return env


def replay_once(recording: Recording, check: Path | None = None) -> tuple[CommandRun, dict]:
    argv = [sys.executable, REPLAYER, recording.path] + (["--check", check] if check else [])
    done = run_command(argv, env=replay_environment())
    if done.returncode != 0:
        raise Unavailable(f"replaying the recorded calls failed (exit {done.returncode}): {_tail(done)}")
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    recording.last_replay = summary
    return done, summary


def replay_side(recording: Recording, wall: str = "limit_s", calls: str = "calls_s"):
    """One run for ``rounds.interleaved``: the interpreter's wall time and the calls' own time."""
    def once() -> dict[str, float]:
        done, summary = replay_once(recording)
        values = {calls: summary["calls_s"]}
        if wall:
            values[wall] = done.seconds
        return values
    return once


def _tail(done: CommandRun) -> str:
    lines = (done.stderr or done.stdout).strip().splitlines()[-3:]
    return " | ".join(lines)[:300] or "no output"
