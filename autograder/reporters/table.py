"""The terminal view: a rich table per module, a total line, then what to fix first."""
from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..hints import level_of
from ..results import points_text, suite_label

_STYLE = {"passed": "green", "failed": "red", "error": "red", "timeout": "yellow",
          "forbidden": "magenta"}
MAX_FAILURES_SHOWN = 12


def render(result, width: int = 100, color: bool | None = None) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=color is False,
                      highlight=False)
    estimate = " (estimate from the public suite)" if suite_label(result.meta) == "public" else ""
    table = Table(title=f"Score {points_text(result.score)} / {points_text(result.max_score)}{estimate}",
                  title_justify="left")
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
        table.add_row(f"  {name}", level_of(total.function),
                      f"{points_text(total.score)} / {points_text(total.max_score)}",
                      f"{total.passed}/{total.total}", Text(total.status, style=_STYLE.get(total.status, "")))
    table.add_section()
    table.add_row(Text("total", style="bold"), "", f"{points_text(result.score)} / {points_text(result.max_score)}",
                  f"{sum(t.status == 'passed' for t in result.tests)}/{len(result.tests)}", "")
    console.print(table)
    feedback = result.feedback()  # attempted exercises first; a cap never hides one
    for test in feedback.attempted[:MAX_FAILURES_SHOWN]:
        console.print(Text(f"\n{test.function} — {test.name} [{test.status}]", style="bold " + _STYLE.get(test.status, "")))
        if test.where:
            console.print(Text(f"  at {test.where}"))
        console.print(Text("  " + test.output.replace("\n", "\n  ")))
    rest = feedback.attempted[MAX_FAILURES_SHOWN:]
    if rest:
        console.print(Text(f"\n... and {len(rest)} more failing exercises: "
                           + ", ".join(f"{t.function} ({t.where or t.status})" for t in rest)))
    if feedback.not_implemented:
        console.print(Text(f"\nnot implemented yet ({len(feedback.not_implemented)}): "
                           + ", ".join(t.function for t in feedback.not_implemented)))
    meta = result.meta
    if "seed" in meta:
        console.print(f"\nrun seed {meta['seed']} (replay with --seed {meta['seed']}); "
                      f"graded in {float(meta.get('duration_s', 0)):.2f} s")
    return buffer.getvalue()
