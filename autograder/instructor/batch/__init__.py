"""Grading a whole class: ``autograder grade-class`` and ``autograder merge``.

A class is a folder with one sub-folder per submission. Each submission is graded by the
engine in a pool of processes (``runner``), its record stored as soon as it is done
(``store``), and the run's outputs are then made from the stored records alone: the
gradebook, per-student feedback, plots, similar pairs and the report. Because the outputs
depend only on the records, a resumed run and merged shards give the same gradebook as
one uninterrupted run.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from pathlib import Path

from ... import __version__
from ...errors import UsageError
from ...grading import suite_path
from .classroom_csv import flag as flag_forgeries, read_grades
from .feedback import write_feedback
from .gradebook import write_gradebook
from .plots import write_plots
from .progress import ClassProgress
from .report import write_report
from .runner import grade_all
from .shard import parse_shard, select
from .similarity import similar_pairs, write_pairs_csv
from .store import ERROR, Store, write_json_atomic
from .tamper import snapshot

# Settings that must agree between a run and its resumption, and between shards.
SAME_RUN = ("grader_version", "suite", "seed", "timeout", "template_digest")
MIN_DEADLINE_S = 120.0


def find_submissions(class_dir: Path, outdir: Path | None = None) -> dict[str, Path]:
    """Every sub-folder is a submission, named by its folder (not hidden ones, not OUTDIR itself)."""
    out = outdir.resolve() if outdir is not None else None
    return {p.name: p for p in sorted(Path(class_dir).iterdir())
            if p.is_dir() and not p.name.startswith(".") and p.name != "__pycache__"
            and p.resolve() != out}


def usable_cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def default_deadline(call_timeout: float) -> float:
    """Room for a few dozen calls that each run into the per-call limit, and never under two minutes."""
    return max(MIN_DEADLINE_S, 30 * call_timeout)


def template_digest(template: Path | None) -> str | None:
    if template is None:
        return None
    text = "\n".join(f"{path} {digest}" for path, digest in sorted(snapshot(template).items()))
    return hashlib.sha256(text.encode()).hexdigest()


def cli_grade_class(args) -> int:
    class_dir = Path(args.dir)
    if not class_dir.is_dir():
        raise UsageError(f"no such folder: {args.dir}")
    suite_path(args.suite)  # an unknown suite is a usage error before anything starts
    classroom_csv = getattr(args, "classroom_csv", None)
    if classroom_csv:
        read_grades(classroom_csv)  # likewise a missing or foreign CSV
    template = Path(args.template) if args.template else None
    if template is not None and not template.is_dir():
        raise UsageError(f"no such template folder: {args.template}")
    jobs = args.jobs if args.jobs is not None else usable_cores()
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    students = find_submissions(class_dir, Path(args.out))
    if not students:
        raise UsageError(f"no submission folders in {args.dir}")
    shard = parse_shard(args.shard)
    selected = select(list(students), shard)
    settings = {"grader_version": __version__, "suite": args.suite, "seed": args.seed,
                "timeout": args.timeout, "template": str(template.resolve()) if template else None,
                "template_digest": template_digest(template),
                "shard": f"{shard[0]}/{shard[1]}" if shard else None,
                "class": sorted(students), "students": selected}

    store = Store(args.out)
    existing = store.records()
    _check_resume(store.settings(), settings, bool(existing), args.resume, args.out)
    store.save_settings(settings)
    done = {s for s, r in existing.items() if r["status"] != ERROR} if args.resume else set()
    todo = [s for s in selected if s not in done]
    deadline = args.deadline or default_deadline(args.timeout)
    store.log("started", submissions=len(todo), resumed=bool(args.resume), jobs=jobs, shard=settings["shard"])

    started = time.monotonic()
    child_settings = {"suite": args.suite, "timeout": args.timeout, "seed": args.seed, "deadline": deadline,
                      "template": settings["template"],
                      "excluded": [str(p.resolve()) for p in (class_dir, Path(args.out), template) if p]}
    jobs_list = [(name, str(students[name])) for name in todo]
    with ClassProgress(len(selected), len(selected) - len(todo)) as progress, \
            contextlib.closing(grade_all(jobs_list, child_settings, processes=jobs, deadline=deadline,
                                         log_path=str(Path(args.out) / "grader.log"))) as results:
        for record in results:
            store.save(record)
            progress.finished(record)
    elapsed = time.monotonic() - started
    store.log("finished", submissions=len(todo), wall_s=round(elapsed, 3))

    wanted = set(selected)
    records = {s: r for s, r in store.records().items() if s in wanted}
    if classroom_csv:
        records = flag_forgeries(records, classroom_csv)
    publish(Path(args.out), records, settings)
    errors = sum(r["status"] == ERROR for r in records.values())
    print(f"graded {len(todo)} of {len(selected)} submissions in {elapsed:.1f} s with {jobs} "
          f"process{'es' if jobs > 1 else ''}; gradebook in {Path(args.out) / 'gradebook.csv'}",
          file=sys.stderr)
    if errors:
        print(f"the grader failed on {errors} submission(s); run again with --resume to retry them",
              file=sys.stderr)
    return 1 if errors else 0


def _check_resume(previous: dict | None, settings: dict, has_results: bool, resume: bool, out) -> None:
    if has_results and not resume:
        raise UsageError(f"{out} already holds results: add --resume to finish that run, "
                         "or choose another folder")
    if resume and previous:
        differ = [k for k in (*SAME_RUN, "shard") if previous.get(k) != settings.get(k)]
        if differ:
            raise UsageError(f"--resume: {out} was graded with other settings ({', '.join(differ)}); "
                             "use the same ones, or another folder")


def cli_merge(args) -> int:
    sources = [Path(d) for d in args.shards]
    settings_list = []
    for source in sources:
        if not (source / "run.json").is_file():
            raise UsageError(f"{source} is not an output folder of grade-class (no run.json)")
        settings_list.append(Store(source).settings())
    first = settings_list[0]
    for source, settings in zip(sources[1:], settings_list[1:]):
        differ = [k for k in SAME_RUN if settings.get(k) != first.get(k)]
        if differ:
            raise UsageError(f"{source} was graded with other settings than {sources[0]} "
                             f"({', '.join(differ)})")
    _check_shards(sources, settings_list)

    records: dict[str, dict] = {}
    for source, settings in zip(sources, settings_list):
        found = Store(source).records()
        missing = [s for s in settings["students"] if s not in found]
        if missing:
            raise UsageError(f"{source}: {len(missing)} submission(s) not graded yet (first: {missing[0]}); "
                             "finish that run with --resume")
        for student in settings["students"]:
            if student in records and records[student] != found[student]:
                raise UsageError(f"{student} was graded differently in two of the folders")
            records[student] = found[student]
    unseen = sorted(set().union(*(s.get("class", ()) for s in settings_list)) - set(records))
    if unseen:
        raise UsageError(f"{len(unseen)} submission(s) of the class are in none of the folders "
                         f"(first: {unseen[0]}); grade their shard, then merge again")

    out = Store(args.out)
    for record in records.values():
        target = out.result_path(record["student"])
        if not target.exists() or _read(target) != record:
            write_json_atomic(target, record)
    merged = dict(first, shard=None, students=sorted(records))
    out.save_settings(merged)
    out.log("merged", sources=[str(s) for s in sources], submissions=len(records))
    publish(Path(args.out), records, merged)
    print(f"merged {len(records)} submissions from {len(sources)} folders into "
          f"{Path(args.out) / 'gradebook.csv'}", file=sys.stderr)
    return 1 if any(r["status"] == ERROR for r in records.values()) else 0


def _read(path: Path) -> dict:
    import json

    return json.loads(path.read_text(encoding="utf-8"))


def _check_shards(sources: list[Path], settings_list: list[dict]) -> None:
    shards = [parse_shard(s.get("shard")) for s in settings_list]
    if not any(shards):
        return
    if not all(shards):
        raise UsageError("cannot merge a sharded run with an unsharded one")
    counts = {n for _, n in shards}
    if len(counts) != 1:
        raise UsageError("the folders come from different --shard K/N splits")
    n = counts.pop()
    ks = sorted(k for k, _ in shards)
    if ks != list(range(1, n + 1)):
        missing = sorted(set(range(1, n + 1)) - set(ks))
        raise UsageError(f"shards must be 1/{n} to {n}/{n}, each once"
                         + (f"; missing: {', '.join(f'{k}/{n}' for k in missing)}" if missing else ""))


def publish(outdir: Path, records: dict[str, dict], settings: dict) -> None:
    """Every output of a class run, made from the stored records alone."""
    write_gradebook(outdir, records, settings)
    write_feedback(outdir / "feedback", records, settings)
    pairs = similar_pairs({s: r.get("fingerprints") or {} for s, r in records.items()})
    write_pairs_csv(outdir / "similarity.csv", pairs)
    plots = write_plots(outdir / "plots", records)
    write_report(outdir / "report.md", records, pairs, plots, settings)
