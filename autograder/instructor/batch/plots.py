"""The class at a glance as PNG files: score histogram, pass rate per exercise, grading time per submission.

Drawn with matplotlib's object API on the Agg canvas: no display, no pyplot state.
"""
from __future__ import annotations

from pathlib import Path

from .gradebook import rows
from .store import GRADED

PLOTS = {"scores": "scores.png", "pass_rate": "pass_rate.png", "time": "time.png"}


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _save(figure, path: Path) -> Path:
    figure.savefig(path, format="png", metadata={"Software": None})
    return path


def score_histogram(records: dict[str, dict], path: Path) -> Path:
    scores = [r["score"] for r in records.values()]
    figure = _figure(7, 4)
    ax = figure.add_subplot()
    ax.hist(scores, bins=[i * 5 for i in range(21)], range=(0, 100), color="#4878a8", edgecolor="white")
    ax.set(xlabel="total score (out of 100)", ylabel="students", xlim=(0, 100),
           title=f"Scores of {len(scores)} submissions")
    return _save(figure, path)


def pass_rate(records: dict[str, dict], path: Path) -> Path:
    """Share of graded submissions with full marks on each exercise."""
    columns, table = rows(records)
    graded = [row for row in table if row["status"] == GRADED]
    names = [name for name, _ in columns]
    rates = [sum(row["functions"][name] >= points - 1e-9 for row in graded) / len(graded) if graded else 0.0
             for name, points in columns]
    figure = _figure(7, max(2.5, 0.22 * len(names) + 1))
    ax = figure.add_subplot()
    ax.barh(range(len(names)), rates, color="#59a14f")
    ax.set_yticks(range(len(names)), names, fontsize=7)
    ax.set_ylim(len(names) - 0.5, -0.5)  # course order from the top, no empty margins
    ax.set(xlim=(0, 1), xlabel="share of graded submissions with full marks",
           title="Pass rate per exercise")
    return _save(figure, path)


def time_per_submission(records: dict[str, dict], path: Path) -> Path:
    durations = sorted(((r["duration_s"], s) for s, r in records.items()), reverse=True)
    figure = _figure(7, 4)
    ax = figure.add_subplot()
    ax.bar(range(len(durations)), [d for d, _ in durations], color="#e15759")
    if len(durations) <= 30:
        ax.set_xticks(range(len(durations)), [s for _, s in durations], rotation=90, fontsize=6)
    else:
        ax.set_xlabel("submissions, slowest first")
    ax.set(ylabel="seconds", title="Grading time per submission")
    return _save(figure, path)


def write_plots(folder, records: dict[str, dict]) -> dict[str, Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return {"scores": score_histogram(records, folder / PLOTS["scores"]),
            "pass_rate": pass_rate(records, folder / PLOTS["pass_rate"]),
            "time": time_per_submission(records, folder / PLOTS["time"])}
