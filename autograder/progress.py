"""A live progress display for ``autograder grade`` in a terminal: one bar per module.

Grading takes 10 to 40 s; without it a terminal shows nothing until the table. It is a
pytest plugin that only counts reports (it never sees or shows test output), and it draws
on stderr, so stdout holds the report alone.
"""
from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .plugin import module_under_test


def wanted(fmt: str, output: str | None) -> bool:
    """Only the table, only when a person watches a terminal."""
    return fmt == "table" and sys.stderr.isatty() and (output is not None or sys.stdout.isatty())


class GradingProgress:
    """Advances a bar per module as each graded test finishes."""

    def __init__(self, stream=None):
        self.console = Console(file=stream or sys.stderr)
        self.progress = Progress(TextColumn("{task.description:<20}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=self.console, transient=True)
        self.tasks: dict[str, int] = {}
        self.module_of: dict[str, str] = {}

    def pytest_collection_finish(self, session):
        counts: dict[str, int] = {}
        for item in session.items:
            module = module_under_test(item) or "other"
            self.module_of[item.nodeid] = module
            counts[module] = counts.get(module, 0) + 1
        self.progress.start()
        for module, count in counts.items():
            self.tasks[module] = self.progress.add_task(module, total=count)

    def pytest_runtest_logreport(self, report):
        if report.when == "teardown" and report.nodeid in self.module_of:
            self.progress.advance(self.tasks[self.module_of[report.nodeid]])

    def pytest_sessionfinish(self, session):
        self.progress.stop()
