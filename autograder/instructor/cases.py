"""Build the suites' case tables: grade the reference solutions once, drawing with hypothesis,
and keep every example each test ran and every request it sent (``autograder build-cases``).

The grading that records runs with the tables off, so what is recorded is what hypothesis
draws; it must score 100, or the examples are those of a run that stopped early. A second
grading, with the new tables, keeps each test's answer key (``answer_key``): the digest of
the replies the solutions gave, for the tests whose every call was read ahead.
"""
from __future__ import annotations

import functools
import pickle
import sys
from pathlib import Path

import pytest

from .. import case_tables
from ..errors import GraderError, UsageError
from ..grading import grade, suite_path


class Recorder:
    """A pytest plugin that watches a grading: each test's examples and requests, in order."""

    def __init__(self):
        self.tests: dict[Path, dict[str, list[case_tables.Example]]] = {}

    @pytest.hookimpl(wrapper=True)
    def pytest_pyfunc_call(self, pyfuncitem):
        from ..plugin import RECORDS, _submission

        if pyfuncitem.nodeid not in pyfuncitem.config.stash[RECORDS]:
            return (yield)
        submission = _submission(pyfuncitem.config)
        examples: list[case_tables.Example] = []
        handle = getattr(pyfuncitem.obj, "hypothesis", None)
        if handle is None:
            submission.start_recording()
            try:
                result = yield
            finally:
                examples.append(case_tables.Example(None, submission.stop_recording()))
        else:
            original = handle.inner_test
            handle.inner_test = _recording(original, set(handle._given_kwargs), submission, examples)
            try:
                result = yield
            finally:
                handle.inner_test = original
        if "rng" in pyfuncitem.fixturenames:
            # inputs drawn from the run seed differ from run to run: nothing to batch
            for example in examples:
                example.requests = []
        self.tests.setdefault(Path(str(pyfuncitem.fspath)), {})[pyfuncitem.name] = examples
        return result


class KeyRecorder:
    """A pytest plugin that keeps, for each test that passed, the digest of the replies it got."""

    def __init__(self):
        self.answers: dict[Path, dict[str, str]] = {}

    @pytest.hookimpl(wrapper=True)
    def pytest_pyfunc_call(self, pyfuncitem):
        from ..replay import REPLIES_DIGEST

        result = yield  # a failing body raises here: no key for it
        replies = pyfuncitem.stash.get(REPLIES_DIGEST, None)
        if replies is not None:
            self.answers.setdefault(Path(str(pyfuncitem.fspath)), {})[pyfuncitem.name] = replies
        return result


def _recording(body, drawn_names: set[str], submission, examples: list):
    # functools.wraps: hypothesis seeds a derandomized test from its inner function's source
    # and signature, which it finds through __wrapped__, so the recording draws what a grading draws
    @functools.wraps(body)
    def record(*args, **kwargs):
        drawn = pickle.dumps({k: v for k, v in kwargs.items() if k in drawn_names}, protocol=4)
        submission.start_recording()
        try:
            result = body(*args, **kwargs)
        except BaseException:  # an assume() that rejected the example, or a failure: not kept
            submission.stop_recording()
            raise
        examples.append(case_tables.Example(drawn, submission.stop_recording()))
        return result
    return record


def build(suite: str = "hidden", solutions: str = "solutions") -> list[Path]:
    """Record every test of ``suite`` on ``solutions`` and write one table per suite file."""
    suite_dir = suite_path(suite)
    suite_arg = suite if suite in ("hidden", "public") else str(suite_dir)
    recorder = Recorder()
    case_tables.RECORDING = {}
    try:
        result = grade(solutions, suite=suite_arg, case_tables=False, observers=(recorder,), seed=0)
        oracles = case_tables.RECORDING
    finally:
        case_tables.RECORDING = None
    if result.score < result.max_score:
        failed = [f"{t.module}/{t.name}: {t.output[:300]}" for t in result.tests if t.status != "passed"]
        raise GraderError(f"the reference solutions scored {result.score:g}, not {result.max_score:g}: "
                          f"no table was written (failing: {', '.join(failed[:10])})")
    tables = {}
    for path, tests in sorted(recorder.tests.items()):
        kept = {name: answer for (file, name), answer in oracles.items() if file == str(path.resolve())}
        tables[path] = case_tables.Table(tests, kept)
        case_tables.save(path, tables[path])
    keys = KeyRecorder()
    keyed = grade(solutions, suite=suite_arg, observers=(keys,), seed=0)
    if keyed.score < keyed.max_score:
        failed = [f"{t.module}/{t.name}" for t in keyed.tests if t.status != "passed"]
        raise GraderError(f"the reference solutions scored {keyed.score:g} with the new tables: "
                          f"they were written without answer keys (failing: {', '.join(failed[:10])})")
    written = []
    for path, table in tables.items():
        table.answers = keys.answers.get(path, {})
        written.append(case_tables.save(path, table))
    return written


def check(suite: str = "hidden") -> dict[str, str]:
    """Each suite file of ``suite`` and the state of its table."""
    suite_dir = suite_path(suite)
    return {path.name: case_tables.status(path) for path in sorted(suite_dir.glob("test_*.py"))}


def cli_build_cases(args) -> int:
    if args.check:
        states = check(args.suite)
        for name, state in states.items():
            print(f"{state:8} {name}")
        bad = [name for name, state in states.items() if state != "fresh"]
        if bad:
            print(f"{len(bad)} suite file(s) without a fresh case table: run `autograder build-cases`",
                  file=sys.stderr)
        return 1 if bad else 0
    if not Path(args.solutions).is_dir():
        raise UsageError(f"no such folder: {args.solutions}")
    for path in build(args.suite, args.solutions):
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
    return 0
