"""Turn measured figures into the JSON record and the terminal table; nothing is measured here."""
from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from .measure import Figure, ratio

# key -> (label, unit); the order is the table's.
ROWS = {
    "public_pytest_s": ("student's public pytest (stubs, in-process)", "s"),
    "floor_s": ("floor: hidden suites, plain pytest in-process", "s"),
    "grade_s": ("autograder grade solutions", "s"),
    "grade_stub_s": ("autograder grade stubs", "s"),
    "grade_half_s": ("autograder grade half-right", "s"),
    "grade_over_floor": ("grade / floor", "x"),
    "worker_start_ms": ("worker start (fork server, to first answer)", "ms"),
    "cold_import_ms": ("cold interpreter + numpy/scipy/sklearn/mpl", "ms"),
    "calls_live_ms": ("25 cheap calls, one round trip each", "ms"),
    "calls_batched_ms": ("the same 25 calls prefetched in one batch", "ms"),
    "calls_batched_over_live": ("batched / live calls", "x"),
    "nbgrader_s": ("nbgrader autograde (one submission)", "s"),
    "nbgrader_over_grade": ("nbgrader / grade", "x"),
    "otter_s": ("otter run (one submission)", "s"),
    "otter_over_grade": ("otter / grade on the same tests", "x"),
    "class_serial_s": ("grade-class --jobs 1", "s"),
    "class_parallel_s": ("grade-class --jobs 2", "s"),
    "class_parallel_over_serial": ("grade-class jobs 2 / jobs 1", "x"),
}
KEYS = tuple(ROWS)

# key -> (comparison, bound): goals to check and report, never asserted.
TARGETS = {
    "grade_over_floor": ("<=", 1.25),
    "worker_start_ms": ("<=", 20.0),
    "nbgrader_over_grade": (">=", 10.0),
    "otter_over_grade": (">=", 10.0),
    "class_parallel_over_serial": ("<=", 0.6),
    "public_pytest_s": ("<=", 5.0),
}

# ratio key -> (numerator, denominator)
RATIOS = {
    "grade_over_floor": ("grade_s", "floor_s"),
    "nbgrader_over_grade": ("nbgrader_s", "nbgrader_baseline_s"),
    "otter_over_grade": ("otter_s", "otter_baseline_s"),
    "class_parallel_over_serial": ("class_parallel_s", "class_serial_s"),
    "calls_batched_over_live": ("calls_batched_ms", "calls_live_ms"),
}


@dataclass
class Results:
    """Figures by key, and for each missing one the reason it is missing."""

    figures: dict[str, Figure]
    unavailable: dict[str, str]

    def value(self, key: str) -> float | None:
        figure = self.figures.get(key)
        return figure.median if figure is not None else None


def ratios(results: Results) -> dict[str, float | None]:
    return {key: ratio(results.value(num), results.value(den)) for key, (num, den) in RATIOS.items()}


def target_status(key: str, value: float | None) -> bool | None:
    if key not in TARGETS or value is None:
        return None
    op, bound = TARGETS[key]
    return value <= bound if op == "<=" else value >= bound


def missing_reason(results: Results, key: str) -> str:
    if key in results.unavailable:
        return results.unavailable[key]
    if key in RATIOS:
        parts = [results.unavailable.get(k) for k in RATIOS[key] if results.value(k) is None]
        return "; ".join(p for p in parts if p) or "a side of the ratio is missing"
    return "not measured"


def to_json(results: Results, meta: dict) -> dict:
    """Every key of ``KEYS`` with a number or null, then the runs, reasons and targets."""
    computed = ratios(results)
    record: dict = {}
    for key in KEYS:
        value = computed[key] if key in RATIOS else results.value(key)
        record[key] = round(value, 4) if value is not None else None
    for key in ("nbgrader_baseline_s", "otter_baseline_s"):
        record[key] = round(results.value(key), 4) if results.value(key) is not None else None
    record["runs"] = {k: [round(r, 4) for r in f.runs] for k, f in results.figures.items()}
    record["notes"] = {k: f.note for k, f in results.figures.items() if f.note}
    record["details"] = {k: f.extra for k, f in results.figures.items() if f.extra}
    record["unavailable"] = {k: missing_reason(results, k) for k in KEYS if record[k] is None}
    record["targets"] = {k: {"target": f"{op} {bound:g}", "value": record[k],
                             "met": target_status(k, record[k])}
                         for k, (op, bound) in TARGETS.items()}
    record["meta"] = meta
    return record


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:.1f} ms" if unit == "ms" else f"{value:.2f} s"


def table(record: dict, title: str) -> Table:
    grid = Table(title=title, title_justify="left")
    for name, justify in (("figure", "left"), ("median", "right"), ("runs", "right"),
                          ("target", "center"), ("met", "center"), ("note", "left")):
        grid.add_column(name, justify=justify, overflow="fold")
    for key, (label, unit) in ROWS.items():
        value = record[key]
        runs = record["runs"].get(key, [])
        spread = f"{len(runs)}: {_number(min(runs), unit)}–{_number(max(runs), unit)}" if len(runs) > 1 else str(len(runs) or "")
        target = record["targets"].get(key)
        met = "" if target is None or target["met"] is None else ("yes" if target["met"] else "NO")
        note = record["unavailable"].get(key) or record["notes"].get(key, "")
        grid.add_row(label, _number(value, unit), spread, target["target"] if target else "", met, note)
    return grid


def markdown(record: dict) -> str:
    """The same table as Markdown, for docs/performance.md."""
    lines = ["| figure | median | runs (min–max) | target | met | note |", "|---|---:|---:|:---:|:---:|---|"]
    for key, (label, unit) in ROWS.items():
        runs = record["runs"].get(key, [])
        spread = f"{len(runs)}: {_number(min(runs), unit)}–{_number(max(runs), unit)}" if len(runs) > 1 else str(len(runs) or "")
        target = record["targets"].get(key)
        met = "" if target is None or target["met"] is None else ("yes" if target["met"] else "no")
        note = (record["unavailable"].get(key) or record["notes"].get(key, "")).replace("|", "/")
        lines.append(f"| {label} (`{key}`) | {_number(record[key], unit)} | {spread} | "
                     f"{target['target'] if target else ''} | {met} | {note} |")
    return "\n".join(lines) + "\n"


def print_table(record: dict, title: str) -> None:
    console = Console(width=160) if not Console().is_terminal else Console()
    console.print(table(record, title))
