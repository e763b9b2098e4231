"""Turn measured figures into the JSON record and the terminal table; nothing is measured here."""
from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table

from .measure import Figure, ratio

# key -> (label, unit); the order is the table's.
ROWS = {
    "public_pytest_s": ("student's public pytest (stubs, in-process)", "s"),
    "public_import_s": ("cold import of what the public run loaded", "s"),
    "public_pytest_over_import": ("public pytest / its imports", "x"),
    "floor_s": ("floor: hidden suites, plain pytest in-process", "s"),
    "limit_s": ("limit: the grading's calls replayed in-process", "s"),
    "calls_s": ("the grading's calls alone (inside the replay)", "s"),
    "grade_s": ("autograder grade solutions", "s"),
    "grade_stub_s": ("autograder grade stubs", "s"),
    "grade_half_s": ("autograder grade half-right", "s"),
    "grade_over_floor": ("grade / floor", "x"),
    "grade_over_limit": ("grade / limit", "x"),
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
    "class_per_submission_s": ("grade-class --jobs 2, per submission", "s"),
    "class_calls_s": ("the grading's calls alone, beside the class", "s"),
    "class_per_submission_over_calls": ("class per submission / calls", "x"),
    "nbgrader_class_s": ("nbgrader autograde of a class", "s"),
    "nbgrader_per_submission_s": ("nbgrader autograde, per submission", "s"),
    "nbgrader_over_class": ("nbgrader / grade-class, per submission", "x"),
}
KEYS = tuple(ROWS)
CLASS_SIZE_TARGET = 50  # the class-figure targets are for a class of at least this many
CLASS_SIZED = ("class_per_submission_s", "class_per_submission_over_calls", "nbgrader_over_class")

# key -> (comparison, bound): goals to check and report, never asserted.
TARGETS = {
    "public_pytest_over_import": ("<=", 1.5),
    "grade_over_limit": ("<=", 2.0),
    "worker_start_ms": ("<=", 20.0),
    "otter_over_grade": (">=", 10.0),
    "class_parallel_over_serial": ("<=", 0.6),
    "class_per_submission_over_calls": ("<=", 2.0),
    "nbgrader_over_class": (">=", 10.0),
}

# ratio key -> (numerator, denominator), both medians of runs taken in the same rounds
RATIOS = {
    "public_pytest_over_import": ("public_pytest_s", "public_import_s"),
    "grade_over_floor": ("grade_s", "floor_s"),
    "grade_over_limit": ("grade_s", "limit_s"),
    "nbgrader_over_grade": ("nbgrader_s", "nbgrader_baseline_s"),
    "otter_over_grade": ("otter_s", "otter_baseline_s"),
    "class_parallel_over_serial": ("class_parallel_s", "class_serial_s"),
    "calls_batched_over_live": ("calls_batched_ms", "calls_live_ms"),
    "class_per_submission_over_calls": ("class_per_submission_s", "class_calls_s"),
    "nbgrader_over_class": ("nbgrader_per_submission_s", "class_per_submission_s"),
}


@dataclass
class Results:
    """Figures by key, and for each missing one the reason it is missing."""

    figures: dict[str, Figure]
    unavailable: dict[str, str]
    caveats: dict[str, str] = field(default_factory=dict)  # measured, but not as the target asks

    def value(self, key: str) -> float | None:
        figure = self.figures.get(key)
        return figure.median if figure is not None else None


def ratios(results: Results) -> dict[str, float | None]:
    return {key: ratio(results.value(num), results.value(den)) for key, (num, den) in RATIOS.items()}


def class_caveats(size: int, cpus: int | None) -> dict[str, str]:
    """The class targets are for a class of at least 50 on two cores: say so when this run is not."""
    caveats = {}
    if size < CLASS_SIZE_TARGET:
        caveats.update({k: f"a class of {size}: the target is for at least {CLASS_SIZE_TARGET}"
                        for k in CLASS_SIZED})
    if cpus != 2:
        caveats["class_parallel_over_serial"] = f"measured on {cpus} cores: the target is for two"
    return caveats


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
        return "; ".join(dict.fromkeys(p for p in parts if p)) or "a side of the ratio is missing"
    return "not measured"


def _round(value: float | None) -> float | None:
    """Four decimals, or four significant digits below one (a call of 0.8 ms is not 0.0008)."""
    if value is None:
        return None
    return round(value, 4) if abs(value) >= 1 else float(f"{value:.4g}")


def to_json(results: Results, meta: dict) -> dict:
    """Every key of ``KEYS`` with a number or null, then the runs, reasons and targets."""
    computed = ratios(results)
    record: dict = {}
    for key in KEYS:
        value = computed[key] if key in RATIOS else results.value(key)
        record[key] = _round(value)
    for key in ("nbgrader_baseline_s", "otter_baseline_s"):
        record[key] = _round(results.value(key))
    record["runs"] = {k: [_round(r) for r in f.runs] for k, f in results.figures.items()}
    record["notes"] = {k: f.note for k, f in results.figures.items() if f.note}
    record["details"] = {k: f.extra for k, f in results.figures.items() if f.extra}
    record["unavailable"] = {k: missing_reason(results, k) for k in KEYS if record[k] is None}
    record["caveats"] = dict(results.caveats)
    record["targets"] = {k: {"target": f"{op} {bound:g}", "value": record[k],
                             "met": None if k in results.caveats else target_status(k, record[k])}
                         for k, (op, bound) in TARGETS.items()}
    for key, why in results.caveats.items():
        if key in record["targets"]:
            record["targets"][key]["caveat"] = why
    record["meta"] = meta
    return record


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:.2f} s" if value >= 1 else f"{value:.3g} s"


def _cells(record: dict, key: str, unit: str, no: str) -> tuple[str, str, str, str, str]:
    """median, runs, target, met, note of one row; ``no`` is how a missed target is shown."""
    runs = record["runs"].get(key, [])
    spread = f"{len(runs)}: {_number(min(runs), unit)}–{_number(max(runs), unit)}" if len(runs) > 1 else str(len(runs) or "")
    target = record["targets"].get(key)
    caveat = record.get("caveats", {}).get(key)
    if target is None or target["met"] is None:
        met = "n/a" if target is not None and caveat and record[key] is not None else ""
    else:
        met = "yes" if target["met"] else no
    note = record["unavailable"].get(key) or record["notes"].get(key, "")
    if caveat and record[key] is not None:
        note = f"{caveat}; {note}" if note else caveat
    return _number(record[key], unit), spread, target["target"] if target else "", met, note


def table(record: dict, title: str) -> Table:
    grid = Table(title=title, title_justify="left")
    for name, justify in (("figure", "left"), ("median", "right"), ("runs", "right"),
                          ("target", "center"), ("met", "center"), ("note", "left")):
        grid.add_column(name, justify=justify, overflow="fold")
    for key, (label, unit) in ROWS.items():
        grid.add_row(label, *_cells(record, key, unit, "NO"))
    return grid


def markdown(record: dict) -> str:
    """The same table as Markdown, for docs/performance.md."""
    lines = ["| figure | median | runs (min–max) | target | met | note |", "|---|---:|---:|:---:|:---:|---|"]
    for key, (label, unit) in ROWS.items():
        median, spread, target, met, note = _cells(record, key, unit, "no")
        lines.append(f"| {label} (`{key}`) | {median} | {spread} | {target} | {met} | {note.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def print_table(record: dict, title: str) -> None:
    console = Console(width=160) if not Console().is_terminal else Console()
    console.print(table(record, title))
