"""The pytest plugin: the ``sub`` and ``rng`` fixtures, points per exercise, fail-closed results.

A suite module is named ``test_<module>.py``; it declares ``POINTS = {"function": points}``
and marks each test with ``@pytest.mark.exercise("function")``. The ``sub`` fixture is the
submission's module of that name: behind a sandboxed worker when grading, imported in this
process when a student runs ``pytest`` (``--inprocess``, the default without ``--submission``).

Only a test whose setup, call and teardown the trusted side saw pass earns its points:
a skip, an xfail, a crash or a missing report is worth 0.
"""
from __future__ import annotations

import re
import sys
import zlib
from pathlib import Path

import pytest

from . import collections_pause, suite_modules
from .errors import Forbidden, SubmissionProblem
from .outcome import TestRecord, _display, cause_of, describe_failure, scrub, short_failure, student_where
from .settings import settings_of

RECORDS = pytest.StashKey["dict[str, TestRecord]"]()
SUBMISSION = pytest.StashKey[object]()
RUN_SEED = pytest.StashKey[int]()
SUITE_MODULES = pytest.StashKey["set[str]"]()


def pytest_addoption(parser):
    group = parser.getgroup("autograder", "grading exercise submissions")
    group.addoption("--submission", metavar="DIR",
                    help="folder that holds the exercise modules (default: ./exercises)")
    group.addoption("--inprocess", action="store_true",
                    help="import the submission into pytest itself (for debugging; never used to grade)")
    group.addoption("--run-seed", type=int, metavar="N",
                    help="seed of this run; every test's seed derives from it and the test id")
    group.addoption("--call-timeout", type=float, default=10.0, metavar="SECONDS",
                    help="wall-clock limit of one call into the submission (sandbox only)")
    group.addoption("--no-shrink", action="store_true",
                    help="report hypothesis's first failing input without shrinking it (audits: "
                         "only whether a test fails matters)")
    group.addoption("--no-case-tables", action="store_true",
                    help="draw every input with hypothesis, not from the suites' case tables")


def pytest_configure(config):
    collections_pause.pause()  # the suites' imports: see ``collections_pause``
    config.addinivalue_line(
        "markers", "exercise(function, weight=1): the exercise whose points this test carries")
    config.stash[RECORDS] = {}
    settings = settings_of(config)
    config.stash[RUN_SEED] = settings.seed
    _hypothesis_profile(config)
    if settings.grading:
        if settings.suite_dir is not None:
            suite_modules.forget_all_but(settings.suite_dir)
        # Grading keeps its own feedback (TestRecord); pytest's default traceback of a failure
        # re-parses every source file in it, about 0.15 s per failed test, for nobody to read.
        config.option.tbstyle = "native"


def _hypothesis_profile(config) -> None:
    """Deterministic, database-free hypothesis runs: the same submission gets the same score.

    Registered when hypothesis is imported (a hidden suite), so a public run never imports it.
    """
    from .hypothesis_profile import register_when_imported

    forget = register_when_imported(shrink=settings_of(config).shrink,
                                    load=not config.getoption("hypothesis_profile", None))
    config.add_cleanup(forget)


def pytest_report_header(config):
    seed = config.stash[RUN_SEED]
    return f"autograder: run seed {seed} (replay with --run-seed {seed})"


def module_under_test(item) -> str | None:
    """``test_linear_algebra.py`` tests the module ``linear_algebra``."""
    stem = Path(str(item.fspath)).stem
    return stem[len("test_"):] if stem.startswith("test_") else None


def exercise_of(item) -> tuple[str, float] | None:
    marker = item.get_closest_marker("exercise")
    if marker is None:
        return None
    weight = float(marker.kwargs.get("weight", 1))
    return marker.args[0], weight


def pytest_collection_modifyitems(session, config, items):
    """Give every marked test its share of its exercise's points, scaled to a total of 100."""
    by_function: dict[tuple[str, str], list] = {}
    points: dict[tuple[str, str], float] = {}
    for item in items:
        found = exercise_of(item)
        module = module_under_test(item)
        if found is None or module is None:
            continue
        function, _ = found
        table = getattr(item.module, "POINTS", None)
        if not table or function not in table:
            raise pytest.UsageError(
                f"{item.nodeid}: exercise {function!r} has no entry in POINTS of {item.module.__name__}")
        by_function.setdefault((module, function), []).append(item)
        points[(module, function)] = float(table[function])
    total = sum(points.values())
    records = config.stash[RECORDS]
    config.stash[SUITE_MODULES] = {it.module.__name__ for group in by_function.values() for it in group}
    for key, group in by_function.items():
        weights = [exercise_of(it)[1] for it in group]
        share = points[key] * 100.0 / total if total else 0.0
        for item, w in zip(group, weights):
            if settings_of(config).grading:
                _no_traceback_text(item)
            records[item.nodeid] = TestRecord(
                nodeid=item.nodeid, name=item.name, module=key[0], function=key[1],
                points=share * w / sum(weights))


def _no_traceback_text(item) -> None:
    """A graded test's failure is worded from its record (``short_failure`` replaces the
    report's text): pytest's own traceback text, about 3 ms a failure, is never read."""
    placeholder = "see the test's record"
    item.repr_failure = lambda excinfo, style=None: placeholder
    item._repr_failure_py = lambda excinfo, style=None: placeholder


def _submission(config):
    if SUBMISSION not in config.stash:
        settings = settings_of(config)
        if not settings.sandboxed:
            from .sandbox.inprocess import InProcessSubmission
            config.stash[SUBMISSION] = InProcessSubmission(settings.submission)
        else:
            from .sandbox.client import SandboxSubmission
            config.stash[SUBMISSION] = SandboxSubmission(settings.submission, call_timeout=settings.call_timeout)
    return config.stash[SUBMISSION]


def pytest_collection_finish(session):
    collections_pause.freeze_and_resume()


def pytest_unconfigure(config):
    collections_pause.resume()
    submission = config.stash.get(SUBMISSION, None)
    if submission is not None:
        submission.close()
    if settings_of(config).grading:
        for name in config.stash.get(SUITE_MODULES, ()):
            if settings_of(config).suite_dir is not None:
                suite_modules.keep(name)  # checked by the next grade() of that suite
            else:  # a grading run from pytest's own command line: no grade() checks it later
                sys.modules.pop(name, None)


@pytest.fixture(scope="module")
def sub(request):
    """The submission's module under test, e.g. ``sub.lp_norm(x, 3)``.

    Module-scoped so that a costly answer (a trained network) can be shared by a module's tests.
    """
    module = module_under_test(request.node)
    if module is None:
        raise pytest.UsageError(f"{request.node.nodeid}: suite files are named test_<module>.py")
    found = _submission(request.config).module(module)
    if checks_inputs(request.module):
        from .sandbox.input_guard import UnchangedInputs

        return UnchangedInputs(found, module)
    return found


def checks_inputs(suite_module) -> bool:
    """Every call of a public test also checks that the inputs stay unchanged; the hidden
    suite checks that clause in tests of its own. ``CHECK_INPUTS_UNCHANGED`` overrides."""
    flag = getattr(suite_module, "CHECK_INPUTS_UNCHANGED", None)
    if flag is not None:
        return bool(flag)
    return Path(str(suite_module.__file__)).parent.name != "hidden"


def test_seed(config, nodeid: str) -> int:
    """A per-test seed from the run seed and the test id: replayable, different per test."""
    return (config.stash[RUN_SEED] * 1_000_003 + zlib.crc32(nodeid.encode())) % 2**63


@pytest.fixture
def rng(request):
    """A NumPy generator seeded for this test from the run seed."""
    import numpy as np

    return np.random.default_rng(test_seed(request.config, request.node.nodeid))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    """A forbidden name fails the exercise's test itself (not its setup): it is the student's
    finding, reported like a wrong answer, with the name and its line."""
    record = item.config.stash[RECORDS].get(item.nodeid)
    if record is None:
        return
    checker = getattr(_submission(item.config), "forbidden", None)
    problem = checker(record.module, record.function) if checker else None
    if problem:
        line = re.search(r"\(line (\d+)\)", problem)
        where = f"{_display(_submission(item.config))}/{record.module}.py:{line[1]}" if line else None
        raise Forbidden(problem, where)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """A graded test with a fresh case table runs its body on the recorded examples
    (``replay``), with no hypothesis engine; any other test runs as pytest would run it."""
    config = pyfuncitem.config
    if not settings_of(config).case_tables or pyfuncitem.nodeid not in config.stash[RECORDS]:
        return None
    from . import replay

    examples = replay.table_examples(pyfuncitem)
    if examples is None:
        return None
    replay.run(pyfuncitem, examples, _submission(config), replay.table_answer(pyfuncitem))
    return True


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    record = item.config.stash[RECORDS].get(item.nodeid)
    excinfo = call.excinfo
    if record is not None:
        if report.when == "call" and hasattr(report, "wasxfail"):
            outcome = "xfail"  # an expected failure earns nothing
        else:
            outcome = report.outcome
        record.phases[report.when] = outcome
        record.duration_s += report.duration
        if excinfo is not None and not record.output:
            record.status, record.output, record.where = describe_failure(excinfo.value)
            record.cause = cause_of(excinfo.value)
            if SUBMISSION in item.config.stash:
                submission = item.config.stash[SUBMISSION]
                raw = record.where
                record.where = student_where(submission, record, excinfo)
                record.output = scrub(submission, record.output)
                if raw and record.where != raw:  # "(linear_algebra.py:3)" -> "(exercises/...:3)"
                    record.output = record.output.replace(f"({raw})", f"({record.where})")
        elif outcome == "skipped" and not record.output:
            record.status, record.output = "error", "skipped: a graded test must run"
            record.cause = "skipped"
        if report.when == "call":
            printed = _submission(item.config).take_output() if SUBMISSION in item.config.stash else ""
            if printed:
                printed = scrub(item.config.stash[SUBMISSION], printed)
                record.output += ("\n" if record.output else "") + "Your code printed:\n" + printed
    if excinfo is not None and record is not None and report.failed:
        report.longrepr = short_failure(record)  # the student's finding, not the grader's code
    elif excinfo is not None and isinstance(excinfo.value, SubmissionProblem):
        report.longrepr = str(excinfo.value)  # one line for a stub, not a traceback
    return report


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """For a student's own run: which exercises are done, what to fix in each attempted one
    (first), and the stubs still open, on one line."""
    records = list(config.stash[RECORDS].values())
    if not records or not config.stash.get(SUBMISSION, None):
        return
    exercises: dict[str, list[TestRecord]] = {}
    for record in records:
        if record.phases:  # deselected or not reached: nothing to say
            exercises.setdefault(f"{record.module}.{record.function}", []).append(record)
    done = [name for name, tests in exercises.items() if all(t.passed for t in tests)]
    attempted, stubs = [], []
    for name, tests in exercises.items():
        failed = [t for t in tests if not t.passed]
        if not failed:
            continue
        real = [t for t in failed if "is not implemented yet" not in t.output.split("\n", 1)[0]]
        if real or len(failed) < len(tests):
            attempted.append((name, (real or failed)[0]))
        else:
            stubs.append(name)
    write = terminalreporter.write_line
    terminalreporter.section("exercises", sep="-")
    write(f"{len(done)} of {len(exercises)} exercises pass every test here")
    for name, first in attempted:  # never capped: an attempted exercise is what matters
        reason = first.output.strip().splitlines()[0][:100] if first.output.strip() else first.status
        write(f"  fix   {name}: {reason}" + (f" ({first.where})" if first.where and first.where not in reason else ""))
    if stubs:
        write(f"  todo  not implemented yet ({len(stubs)}): {', '.join(stubs)}")
