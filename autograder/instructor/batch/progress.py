"""The progress bar of a class run on stderr: done, rate, time left, and how many submissions had problems."""
from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from .store import GRADED


class ClassProgress:
    """``with ClassProgress(total, done) as bar: bar.finished(record)``."""

    def __init__(self, total: int, already_done: int = 0):
        self.total, self.done = total, already_done
        self.problems = 0
        self.graded_now = 0
        self.started = time.monotonic()
        self.console = Console(stderr=True)
        self.bar = Progress(
            TextColumn("grading"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), TextColumn("problems: {task.fields[problems]}"),
            console=self.console)
        self.task = self.bar.add_task("grading", total=total, completed=already_done,
                                      rate="", problems=0)

    def __enter__(self) -> "ClassProgress":
        self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.stop()

    def finished(self, record: dict) -> None:
        self.done += 1
        self.graded_now += 1
        if record["status"] != GRADED or record.get("reason"):
            self.problems += 1
        elapsed = time.monotonic() - self.started
        rate = f"{self.graded_now / elapsed * 60:.1f}/min" if elapsed > 0 else ""
        self.bar.update(self.task, completed=self.done, rate=rate, problems=self.problems)
