"""``report.md``: the instructor's summary of a class run: plots, problems, tampering, similar pairs."""
from __future__ import annotations

import statistics
from pathlib import Path

from .gradebook import rows
from .similarity import THRESHOLD, commonplace_limit
from .store import ERROR, GRADED, NO_MODULES, TIMEOUT

MAX_PAIRS_SHOWN = 50


def render_report(records: dict[str, dict], pairs: list[dict], plots: dict[str, Path],
                  settings: dict, outdir: Path) -> str:
    columns, table = rows(records)
    scores = [row["score"] for row in table]
    count = {s: sum(row["status"] == s for row in table) for s in (GRADED, NO_MODULES, TIMEOUT, ERROR)}
    link = {name: Path(path).relative_to(outdir).as_posix() for name, path in plots.items()}
    lines = ["# Class report", "",
             f"{len(table)} submissions graded with the `{settings.get('suite')}` suite "
             f"(run seed {settings.get('seed')}, {settings.get('timeout'):g} s per call). "
             "Per-student results: `gradebook.csv`, `gradebook.json`, `feedback/`.", "",
             "| submissions | graded | no modules | timed out | grader errors | mean score | median score |",
             "|---:|---:|---:|---:|---:|---:|---:|",
             f"| {len(table)} | {count[GRADED]} | {count[NO_MODULES]} | {count[TIMEOUT]} | {count[ERROR]} "
             f"| {_stat(statistics.fmean, scores)} | {_stat(statistics.median, scores)} |", "",
             f"![Score histogram]({link['scores']})", ""]
    lines += _exercises(columns, table, link)
    lines += _problems(table)
    lines += _tampering(table, settings)
    lines += _similarity(pairs, len(records))
    lines += _timing(records, link)
    return "\n".join(lines)


def _stat(function, values) -> str:
    return f"{function(values):.2f}" if values else "-"


def _exercises(columns, table, link) -> list[str]:
    graded = [row for row in table if row["status"] == GRADED]
    lines = ["## Exercises", "", f"![Pass rate per exercise]({link['pass_rate']})", ""]
    if not graded or not columns:
        return lines + ["No graded submissions.", ""]
    stats = []
    for name, points in columns:
        values = [row["functions"][name] for row in graded]
        full = sum(v >= points - 1e-9 for v in values) / len(values)
        stats.append((full, name, statistics.fmean(values), points))
    lines += ["Hardest first (share of graded submissions with full marks):", "",
              "| exercise | full marks | mean score |", "|---|---:|---:|"]
    for full, name, mean, points in sorted(stats)[:15]:
        lines.append(f"| `{name}` | {full:.0%} | {mean:.2f} / {points:.2f} |")
    return lines + [""]


def _problems(table) -> list[str]:
    flagged = [row for row in table if row["status"] != GRADED or row["reason"]]
    lines = ["## Submissions that need a look", ""]
    if not flagged:
        return lines + ["None: every submission was graded without hangs, crashes or import errors.", ""]
    lines += ["| student | status | score | reason |", "|---|---|---:|---|"]
    for row in flagged:
        lines.append(f"| {row['student']} | {row['status']} | {row['score']:.2f} | {_cell(row['reason'])} |")
    return lines + [""]


def _tampering(table, settings) -> list[str]:
    lines = ["## Tampering", ""]
    if not settings.get("template"):
        return lines + ["Not checked: run with `--template DIR` (the released template) to check.", ""]
    flagged = [row for row in table if row["tampered"]]
    if not flagged:
        return lines + ["No submission changed or added files that could influence grading.", ""]
    lines += ["Files that could influence grading were changed or added (the grades stand; "
              "the grader never runs them):", "", "| student | files |", "|---|---|"]
    for row in flagged:
        lines.append(f"| {row['student']} | {_cell('; '.join(row['tamper_paths']))} |")
    return lines + [""]


def _similarity(pairs, class_size) -> list[str]:
    lines = ["## Similar submissions", "",
             f"Exercise functions compared after removing names, literals, docstrings and layout; "
             f"identical or at least {THRESHOLD:.0%} alike (difflib). Ignored: stubs, the template's "
             f"code, very short functions, and shapes found in more than {commonplace_limit(class_size)} "
             "submissions (commonplace). All pairs: `similarity.csv`.", ""]
    if not pairs:
        return lines + ["No similar pairs.", ""]
    lines += ["| student | student | shared | similarity | functions |", "|---|---|---:|---:|---|"]
    for pair in pairs[:MAX_PAIRS_SHOWN]:
        lines.append(f"| {pair['student_a']} | {pair['student_b']} | {len(pair['functions'])} "
                     f"| {pair['similarity']:.2f} | {_cell(', '.join(pair['functions']))} |")
    if len(pairs) > MAX_PAIRS_SHOWN:
        lines.append(f"\n... and {len(pairs) - MAX_PAIRS_SHOWN} more in `similarity.csv`.")
    return lines + [""]


def _timing(records, link) -> list[str]:
    durations = [r["duration_s"] for r in records.values()]
    lines = ["## Grading time", "", f"![Grading time per submission]({link['time']})", ""]
    if durations:
        lines.append(f"Per submission: mean {statistics.fmean(durations):.1f} s, median "
                     f"{statistics.median(durations):.1f} s, slowest {max(durations):.1f} s; "
                     f"{sum(durations):.0f} s of grading in all.")
    return lines + [""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_report(path, records, pairs, plots, settings) -> Path:
    path = Path(path)
    path.write_text(render_report(records, pairs, plots, settings, path.parent), encoding="utf-8")
    return path
