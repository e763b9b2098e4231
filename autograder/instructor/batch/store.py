"""The output folder of a class run: one result file per submission, an append-only log, the run's settings.

A result is written to a temporary file and renamed into place, so a run killed at any
moment leaves each result either complete or absent; ``--resume`` grades the absent ones.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

# Statuses of a whole submission (a test's own statuses live in ``results.STATUSES``).
GRADED = "graded"          # the suite ran; its score stands, whatever it is
NO_MODULES = "no-modules"  # nothing to grade: score 0
TIMEOUT = "timeout"        # grading overran its deadline and the grace period, and was killed: score 0
ERROR = "error"            # the grader failed (not the student's fault): regraded by --resume
SUBMISSION_STATUSES = (GRADED, NO_MODULES, TIMEOUT, ERROR)

SETTINGS_FILE = "run.json"
LOG_FILE = "log.jsonl"
RESULTS_DIR = "results"


def write_json_atomic(path: Path, data) -> None:
    """Write JSON so that readers see the old file or the new one, never half of one."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class Store:
    """``OUTDIR/results/<student>.json``, ``OUTDIR/log.jsonl`` and ``OUTDIR/run.json``."""

    def __init__(self, outdir):
        self.outdir = Path(outdir)
        self.results_dir = self.outdir / RESULTS_DIR
        self.results_dir.mkdir(parents=True, exist_ok=True)

    def result_path(self, student: str) -> Path:
        return self.results_dir / f"{student}.json"

    def save(self, record: dict) -> None:
        """Keep one finished submission: its result file first, then its line in the log."""
        write_json_atomic(self.result_path(record["student"]), record)
        self.log("finished", student=record["student"], status=record["status"],
                 score=record["score"], duration_s=record["duration_s"])

    def log(self, event: str, **fields) -> None:
        line = json.dumps({"event": event, "time": round(time.time(), 3), **fields}, sort_keys=True)
        # One write() on an O_APPEND file: lines from a killed run are whole or missing.
        fd = os.open(self.outdir / LOG_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, (line + "\n").encode("utf-8"))
        finally:
            os.close(fd)

    def records(self) -> dict[str, dict]:
        """Every complete result in the folder, by student."""
        found = {}
        for path in sorted(self.results_dir.glob("*.json")):
            if path.name.startswith("."):
                continue
            record = json.loads(path.read_text(encoding="utf-8"))
            found[record["student"]] = record
        return found

    def settings(self) -> dict | None:
        path = self.outdir / SETTINGS_FILE
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None

    def save_settings(self, settings: dict) -> None:
        write_json_atomic(self.outdir / SETTINGS_FILE, settings)
