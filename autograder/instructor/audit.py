"""How many plausible wrong answers the hidden suites catch: grade every kept mutant.

A mutant is ``solutions/`` with one function swapped for a wrong version from
``suites/mutants/<module>.py``. It is killed when its module's hidden suite gives it
less than full marks. Only that module's suite runs, so an audit takes seconds a mutant.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..curriculum import MODULES
from ..paths import REPO_ROOT, SUITES_DIR
from .mutants import MUTANTS_DIR, apply_mutant, function_name, load_mutants

REPO = REPO_ROOT


@dataclass
class MutantOutcome:
    module: str
    name: str
    score: float
    killed: bool


class ExerciseFirst:
    """Runs the tests of one exercise first: where a mutant is wrong, its own tests fail soonest.

    Only the order changes. The audit stops at the first failing test, and a mutant is killed
    when any test fails, so the verdict is the same as in file order; the tests before that
    failure are simply not run for nothing.
    """

    def __init__(self, function: str):
        self.function = function

    def pytest_collection_modifyitems(self, items):
        def own(item) -> bool:
            marker = item.get_closest_marker("exercise")
            return bool(marker and marker.args and marker.args[0] == self.function)
        items.sort(key=lambda item: not own(item))  # stable: file order within each group


def _grade_score(job: tuple[str, str, str]) -> float:
    from ..grading import grade

    submission, suite, function = job
    return grade(submission, suite=suite, seed=0, first_failure=True,
                 observers=(ExerciseFirst(function),)).score


def audit(solutions: Path = REPO / "solutions", modules=None, jobs: int | None = None,
          progress=None) -> list[MutantOutcome]:
    """Grade each mutant of ``modules`` (default: all) with its module's hidden suite.

    Mutants are graded in parallel by long-lived processes (fresh interpreters, so the
    grader's state is not forked), each reusing its sandbox fork server.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    outcomes = []
    with tempfile.TemporaryDirectory(prefix="autograder-audit-") as tmp:
        tmp = Path(tmp)
        work = []
        for module in modules or MODULES:
            suite = tmp / f"suite-{module}"
            suite.mkdir()
            shutil.copyfile(SUITES_DIR / "hidden" / f"test_{module}.py", suite / f"test_{module}.py")
            original = (solutions / f"{module}.py").read_text(encoding="utf-8")
            path = MUTANTS_DIR / f"{module}.py"
            for name, replacement in (load_mutants(path).items() if path.is_file() else ()):
                submission = tmp / f"{module}-{name}"
                submission.mkdir()
                (submission / f"{module}.py").write_text(apply_mutant(original, replacement), encoding="utf-8")
                work.append((module, name, (str(submission), str(suite), function_name(replacement))))
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1, mp_context=context) as pool:
            for (module, name, _), score in zip(work, pool.map(_grade_score, [w[2] for w in work])):
                outcome = MutantOutcome(module, name, score, score < 100)
                outcomes.append(outcome)
                if progress:
                    progress(outcome)
    return outcomes


def render(outcomes: list[MutantOutcome]) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    table = Table(title="Mutants killed by the hidden suites", title_justify="left")
    for column in ("module", "mutants", "killed", "kill rate"):
        table.add_column(column, justify="left" if column == "module" else "right")
    for module in MODULES:
        mine = [o for o in outcomes if o.module == module]
        if mine:
            killed = sum(o.killed for o in mine)
            table.add_row(module, str(len(mine)), str(killed), f"{100 * killed / len(mine):.0f} %")
    total = len(outcomes)
    killed = sum(o.killed for o in outcomes)
    table.add_section()
    table.add_row("total", str(total), str(killed), f"{100 * killed / total:.0f} %" if total else "-")
    buffer = StringIO()
    console = Console(file=buffer, width=100)
    console.print(table)
    for o in outcomes:
        if not o.killed:
            console.print(f"survived: {o.module} / {o.name} (score {o.score:g})")
    return buffer.getvalue()


def cli_audit(args) -> int:
    outcomes = audit(progress=lambda o: print(
        f"{'killed  ' if o.killed else 'SURVIVED'} {o.module}/{o.name} ({o.score:.1f})", file=sys.stderr))
    print(render(outcomes), end="")
    return 0
