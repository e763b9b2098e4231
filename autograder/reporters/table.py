"""The terminal view: a rich table per module, a total line, then what to fix first."""
from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..hints import level_of

_STYLE = {"passed": "green", "failed": "red", "error": "red", "timeout": "yellow",
          "forbidden": "magenta"}
MAX_FAILURES_SHOWN = 12


def render(result, width: int = 100, color: bool | None = None) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=color is False,
                      highlight=False)
    table = Table(title=f"Score {result.score:g} / {result.max_score:g}", title_justify="left")
    table.add_column("exercise")
    table.add_column("level")  # read from the exercises' docstrings
    table.add_column("points", justify="right")
    table.add_column("tests", justify="right")
    table.add_column("status")
    module = None
    for total in result.by_function():
        mod, name = total.function.split(".", 1)
        if mod != module:
            if module is not None:
                table.add_section()
            table.add_row(Text(mod, style="bold"), "", "", "", "")
            module = mod
        table.add_row(f"  {name}", level_of(total.function), f"{total.score:.2f} / {total.max_score:.2f}",
                      f"{total.passed}/{total.total}", Text(total.status, style=_STYLE.get(total.status, "")))
    table.add_section()
    table.add_row(Text("total", style="bold"), "", f"{result.score:.2f} / {result.max_score:.2f}",
                  f"{sum(t.status == 'passed' for t in result.tests)}/{len(result.tests)}", "")
    console.print(table)
    failures = result.failures()
    shown = {}
    for test in failures:  # one message per exercise: the first failure is the one to fix
        shown.setdefault(test.function, test)
    for test in list(shown.values())[:MAX_FAILURES_SHOWN]:
        console.print(Text(f"\n{test.function} — {test.name} [{test.status}]", style="bold " + _STYLE.get(test.status, "")))
        if test.where:
            console.print(f"  at {test.where}")
        console.print(Text("  " + test.output.replace("\n", "\n  ")))
    if len(shown) > MAX_FAILURES_SHOWN:
        console.print(f"\n... and {len(shown) - MAX_FAILURES_SHOWN} more exercises with failures")
    meta = result.meta
    if "seed" in meta:
        console.print(f"\nrun seed {meta['seed']} (replay with --seed {meta['seed']}); "
                      f"graded in {meta.get('duration_s', 0):.1f} s")
    return buffer.getvalue()
