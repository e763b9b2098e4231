"""Grade one submission: run a suite under pytest with the sandbox, and build the result.

pytest runs in this (trusted) process with the suite; the submission runs only in workers.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from . import __version__
from .curriculum import MODULES
from .errors import GraderError, UsageError  # noqa: F401 - raised here, and importers still name them here
from .paths import SUITES_DIR
from .outcome import TestRecord
from .plugin import RECORDS, RUN_SEED
from .results import GradeResult
from .settings import GradeSettings, HandSettings, choose_seed



def resolve_submission(path: str | os.PathLike) -> Path:
    """The folder that holds the exercise modules: ``PATH`` itself or ``PATH/exercises``."""
    folder = Path(path)
    if not folder.exists():
        raise UsageError(f"no such folder: {path}")
    if not folder.is_dir():
        raise UsageError(f"not a folder: {path}")
    for candidate in (folder / "exercises", folder):
        if candidate.is_dir() and any((candidate / f"{m}.py").is_file() for m in MODULES):
            return candidate
    raise UsageError(
        f"no exercise modules in {path}: expected files like linear_algebra.py there or in "
        f"{Path(path) / 'exercises'}")


def suite_path(suite: str | os.PathLike) -> Path:
    """``hidden`` and ``public`` name the bundled suites; anything else is a folder of suites."""
    path = SUITES_DIR / str(suite) if str(suite) in ("hidden", "public") else Path(suite)
    if str(suite) == "hidden" and not path.is_dir():
        raise UsageError("the hidden suites are not part of this installation: pass the folder that "
                         "holds them with --suite, or grade with --suite public")
    if not path.is_dir():
        raise UsageError(f"no such suite folder: {suite}")
    return path


class _Collector:
    """Reads the plugin's records at the end of the session; notes collection errors."""

    def __init__(self):
        self.records: dict[str, TestRecord] = {}
        self.errors: list[str] = []
        self.seed: int | None = None

    def pytest_collectreport(self, report):
        if report.failed:
            self.errors.append(f"{report.nodeid}: {report.longreprtext[-2000:]}")

    def pytest_sessionfinish(self, session):
        self.records = session.config.stash[RECORDS]
        self.seed = session.config.stash[RUN_SEED]


def grade(path, *, suite: str = "hidden", timeout: float = 10.0, seed: int | None = None,
          quiet: bool = True, first_failure: bool = False, observers: tuple = (),
          case_tables: bool = True) -> GradeResult:
    """Grade the submission at ``path`` with a suite; raises UsageError or GraderError.

    ``first_failure`` stops at the first failing test, unshrunk (the tests not run score 0,
    fail-closed): for audits, which only ask whether a submission loses points.
    ``observers`` are extra pytest plugins that only watch the run (the progress display).
    ``case_tables=False`` draws every input with hypothesis (see ``case_tables``).
    """
    from .sandbox.launcher import get_forkserver

    started = time.perf_counter()
    folder = resolve_submission(path)
    suite_dir = suite_path(suite)
    get_forkserver(excluded=[suite_dir, folder])  # starts its imports while pytest collects
    settings = GradeSettings(submission=folder, seed=choose_seed(seed), call_timeout=timeout,
                             shrink=not first_failure, case_tables=case_tables,
                             suite_dir=suite_dir.resolve())
    collector = _Collector()
    from . import plugin

    # The plugin is registered here, not left to the pytest11 entry point, so grading works
    # with plugin autoloading disabled or from an uninstalled copy.
    args = ["-p", "no:autograder", str(suite_dir), "--assert=plain", "--noconftest", "--import-mode=importlib",
            "-p", "no:cacheprovider", "-p", "no:randomly", "-c", str(SUITES_DIR / "pytest.ini"),
            "--rootdir", str(suite_dir), "-W", "ignore",
            # these two end every session with rounds of gc.collect() (0.1-0.4 s) to report
            # exceptions nobody reads here: the trusted side's records are the whole result
            "-p", "no:unraisableexception", "-p", "no:threadexception"]
    if first_failure:
        args += ["--exitfirst"]
    if quiet:
        args += ["-p", "no:terminal"]
    else:
        args += ["-q"]
    saved = {k: os.environ.pop(k) for k in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS") if k in os.environ}
    try:
        code = pytest.main(args, plugins=[HandSettings(settings), plugin, collector, *observers])
    finally:
        os.environ.update(saved)
    if code == pytest.ExitCode.INTERRUPTED:  # pytest turns the grader's own Ctrl-C into a result
        raise KeyboardInterrupt
    if collector.errors:
        raise GraderError("the suite could not be collected:\n" + "\n".join(collector.errors))
    if not collector.records:
        raise GraderError(f"the suite in {suite_dir} has no graded tests (pytest exit code {int(code)})")
    tests = [record.result() for record in collector.records.values()]
    meta = {"grader_version": __version__, "seed": collector.seed, "suite": str(suite),
            "submission": str(folder), "duration_s": round(time.perf_counter() - started, 3)}
    return GradeResult(tests, meta)
