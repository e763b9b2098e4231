"""What sync-class remembers between runs, all in the output folder, so a rerun grades nothing twice.

    OUTDIR/commits/<repo>/<sha>.json   one graded commit: the class-grading record, plus what
                                       whether its commit status was posted
    OUTDIR/sync.json                   the heads seen last run, our comment on each pull request
                                       (its id, the commit it shows), open problems
    OUTDIR/results/, run.json, ...     the gradebook of the default branches (``autograder.instructor.batch``)

Every file is written atomically, so a run killed at any moment resumes where it stopped:
a commit whose record exists is not graded again; one whose status is not marked posted
is posted by the next run; a pull request whose comment shows another commit is updated.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..batch.store import ERROR, write_json_atomic

COMMITS_DIR = "commits"
SYNC_FILE = "sync.json"
_SHA = re.compile(r"^[0-9a-f]{40,64}$")
_NAME = re.compile(r"^[A-Za-z0-9._-]+$")


def _checked(repo: str, sha: str) -> None:
    # Both come from the API; a path built from them must stay inside OUTDIR.
    if not _NAME.match(repo) or repo in (".", "..") or not _SHA.match(sha):
        raise ValueError(f"unexpected repository name or commit id: {repo!r} {sha!r}")


class SyncState:
    def __init__(self, outdir):
        self.outdir = Path(outdir)
        self.commits_dir = self.outdir / COMMITS_DIR
        self.commits_dir.mkdir(parents=True, exist_ok=True)
        path = self.outdir / SYNC_FILE
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        self.heads: dict[str, dict] = data.get("heads", {})
        # "<repo>#<pull request>" -> {"id": our comment, "sha": the commit it shows}
        self.comments: dict[str, dict] = data.get("comments", {})
        self.problems: dict[str, str] = data.get("problems", {})

    def save(self) -> None:
        write_json_atomic(self.outdir / SYNC_FILE, {"heads": self.heads, "comments": self.comments,
                                                     "problems": self.problems})

    def commit_path(self, repo: str, sha: str) -> Path:
        _checked(repo, sha)
        return self.commits_dir / repo / f"{sha}.json"

    def commit(self, repo: str, sha: str) -> dict | None:
        path = self.commit_path(repo, sha)
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None

    def needs_grading(self, repo: str, sha: str) -> bool:
        record = self.commit(repo, sha)
        return record is None or record["status"] == ERROR  # a grader failure is retried

    def save_commit(self, record: dict) -> None:
        path = self.commit_path(record["repo"], record["sha"])
        path.parent.mkdir(exist_ok=True)
        write_json_atomic(path, record)

    def graded_commits(self) -> list[dict]:
        return [json.loads(p.read_text(encoding="utf-8"))
                for p in sorted(self.commits_dir.glob("*/*.json")) if not p.name.startswith(".")]
