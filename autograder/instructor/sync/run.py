"""One sync-class run: list the class, grade the commits not graded before, post what is missing.

The steps are separate on purpose: anything that fails for one repository (an empty one,
a clone, an API error or a rate limit) is noted as a problem and left for the next run,
and the others carry on. Posting is driven by the stored records, not by the grading, so
a status or comment that could not be posted is posted by a later run without regrading.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from github.GithubException import GithubException

from ... import __version__
from ..batch import default_deadline, publish
from ..batch.classroom_csv import flag as flag_forgeries
from ..batch.runner import grade_all
from ..batch.shard import select
from ..batch.store import ERROR, Store, write_json_atomic
from ...errors import UsageError
from .backoff import Deferred, Policy
from .client import ClassAPI, Heads, StudentRepo
from .clone import CloneError, export, fetch, redact
from .post import MARKER, comment_body, status_of
from .state import SyncState

SAME_STATE = ("grader_version", "suite", "seed", "timeout", "org", "prefix", "shard")
WORK_DIR = "work"


@dataclass
class Options:
    org: str
    prefix: str
    outdir: Path
    token: str
    api: str
    jobs: int
    suite: str = "hidden"
    timeout: float = 10.0
    seed: int = 0
    policy: Policy = field(default_factory=Policy)
    classroom_csv: str | None = None
    shard: tuple[int, int] | None = None


@dataclass
class Summary:
    repos: int = 0
    graded: list[str] = field(default_factory=list)
    statuses: int = 0
    comments: int = 0
    problems: dict[str, str] = field(default_factory=dict)
    grader_errors: int = 0


def _api_problem(exc: Exception, token: str) -> str:
    if isinstance(exc, GithubException):
        message = exc.data.get("message") if isinstance(exc.data, dict) else exc.data
        return redact(f"GitHub API error {exc.status}: {message}", token)
    return redact(str(exc), token)


@contextlib.contextmanager
def _tokens_hidden():
    """Grading processes are spawned with this environment: keep the tokens out of it."""
    saved = {k: os.environ.pop(k) for k in ("GITHUB_TOKEN", "GH_TOKEN") if k in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


def _check_settings(store: Store, settings: dict) -> None:
    previous = store.settings()
    if previous:
        differ = [k for k in SAME_STATE if previous.get(k) != settings.get(k)]
        if differ:
            raise UsageError(f"{store.outdir} holds the state of a run with other settings "
                             f"({', '.join(differ)}): use the same ones, or another folder")


def sync_class(opts: Options) -> Summary:
    outdir = Path(opts.outdir)
    store, state, summary = Store(outdir), SyncState(outdir), Summary()
    settings = {"grader_version": __version__, "suite": opts.suite, "seed": opts.seed,
                "timeout": opts.timeout, "template": None, "template_digest": None,
                "org": opts.org, "prefix": opts.prefix,
                "shard": f"{opts.shard[0]}/{opts.shard[1]}" if opts.shard else None}
    _check_settings(store, settings)
    api = ClassAPI(opts.token, opts.api, opts.policy)
    try:
        repos = api.student_repos(opts.org, opts.prefix)
        mine = set(select([r.name for r in repos], opts.shard))
        repos = [r for r in repos if r.name in mine]
        summary.repos = len(repos)
        heads: dict[str, tuple[StudentRepo, Heads]] = {}
        for repo in repos:
            try:
                found = api.heads(repo)
            except (Deferred, GithubException) as exc:
                summary.problems[repo.name] = _api_problem(exc, opts.token)
                continue
            if found.branch_sha is None:
                summary.problems[repo.name] = "empty repository: no commit on its default branch yet"
            heads[repo.name] = (repo, found)
            state.heads[repo.name] = {"branch": found.branch, "sha": found.branch_sha,
                                      "pulls": {str(n): s for n, s in sorted(found.pulls.items())}}
        posted: set[str] = set()

        def post(name: str) -> None:
            posted.add(name)
            _post_repo(api, name, *heads[name], state, summary, opts.token)

        _grade_new(opts, heads, state, store, summary, on_repo_done=post)
        for name in sorted(set(heads) - posted):  # graded before, or not graded now (posting left over)
            post(name)
    finally:
        api.close()
    _publish(opts, heads, state, store, settings)
    state.problems = dict(sorted(summary.problems.items()))
    state.save()
    store.log("synced", repos=summary.repos, graded=summary.graded, statuses=summary.statuses,
              comments=summary.comments, problems=state.problems)
    return summary


def _wanted(heads: Heads) -> dict[str, str]:
    """Remote ref -> commit, for every commit of the repository that should have a grade."""
    refs = {f"refs/heads/{heads.branch}": heads.branch_sha} if heads.branch_sha else {}
    refs.update({f"refs/pull/{n}/head": sha for n, sha in heads.pulls.items()})
    return refs


def _grade_new(opts: Options, heads, state: SyncState, store: Store, summary: Summary,
               on_repo_done) -> None:
    """Grade every wanted commit without a record; ``on_repo_done(name)`` once a repository's are all in."""
    work = Path(opts.outdir) / WORK_DIR
    shutil.rmtree(work, ignore_errors=True)  # left by a killed run
    jobs, where = [], {}
    try:
        for name, (repo, found) in sorted(heads.items()):
            refs = {ref: sha for ref, sha in _wanted(found).items() if state.needs_grading(name, sha)}
            if not refs:
                continue
            try:
                fetch(repo.clone_url, work / "git" / f"{name}.git", refs, opts.token)
                for sha in sorted(set(refs.values())):
                    key = f"{name}@{sha}"
                    path = export(work / "git" / f"{name}.git", sha, work / "commits" / key)
                    jobs.append((key, str(path)))
                    where[key] = (name, sha)
            except CloneError as exc:
                summary.problems[name] = f"could not fetch: {exc}"
        if not jobs:
            return
        child = {"suite": opts.suite, "timeout": opts.timeout, "seed": opts.seed, "template": None,
                 "excluded": [str(Path(opts.outdir).resolve())]}
        started = time.monotonic()
        left = {name: sum(n == name for n, _ in where.values()) for name, _ in where.values()}
        with _tokens_hidden(), contextlib.closing(grade_all(
                jobs, child, processes=opts.jobs, deadline=default_deadline(opts.timeout),
                log_path=str(Path(opts.outdir) / "grader.log"))) as results:
            for record in results:
                name, sha = where[record["student"]]
                record.update(student=name, repo=name, sha=sha, posted_status=False)
                state.save_commit(record)
                store.log("graded", repo=name, sha=sha, status=record["status"], score=record["score"],
                          duration_s=record["duration_s"])
                summary.graded.append(f"{name}@{sha[:12]}")
                if record["status"] == ERROR:
                    summary.grader_errors += 1
                    summary.problems[name] = f"the grader failed on {sha[:12]}: {record['reason'][:300]}"
                left[name] -= 1
                if not left[name]:  # post now: a long first run shows grades as it goes
                    on_repo_done(name)
        store.log("graded-all", commits=len(jobs), wall_s=round(time.monotonic() - started, 3))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _post_repo(api: ClassAPI, name: str, repo: StudentRepo, found: Heads, state: SyncState,
               summary: Summary, token: str) -> None:
    """Post whatever this repository's graded commits still lack; idempotent."""
    try:
        for sha in sorted({s for s in [found.branch_sha, *found.pulls.values()] if s}):
            record = state.commit(name, sha)
            if record and record["status"] != ERROR and not record["posted_status"]:
                state_, description = status_of(record)
                api.post_status(repo.full_name, sha, state_, description)
                record["posted_status"] = True
                state.save_commit(record)
                summary.statuses += 1
        for number, sha in sorted(found.pulls.items()):
            key = f"{name}#{number}"
            record = state.commit(name, sha)
            shown = state.comments.get(key, {})
            if not record or record["status"] == ERROR or shown.get("sha") == sha:
                continue
            cid = api.upsert_comment(repo.full_name, number, comment_body(record), MARKER, shown.get("id"))
            state.comments[key] = {"id": cid, "sha": sha}
            state.save()  # at once: the next run edits this comment by its id
            summary.comments += 1
    except (Deferred, GithubException) as exc:
        summary.problems[name] = f"posting: {_api_problem(exc, token)}"


def _publish(opts: Options, heads, state: SyncState, store: Store, settings: dict) -> None:
    """The gradebook of the default branches' newest graded commits."""
    records = store.records()
    for name, (_, found) in heads.items():
        record = state.commit(name, found.branch_sha) if found.branch_sha else None
        if record and record["status"] != ERROR:
            keep = {k: v for k, v in record.items() if k != "posted_status"}
            if records.get(name) != keep:
                write_json_atomic(store.result_path(name), keep)
                records[name] = keep
    settings = dict(settings, students=sorted(records), **{"class": sorted(records)})
    store.save_settings(settings)
    if opts.classroom_csv:
        records = flag_forgeries(records, opts.classroom_csv)
    if records:
        publish(Path(opts.outdir), records, settings)


def report(summary: Summary, out=sys.stderr) -> None:
    print(f"sync-class: {summary.repos} repositories; graded {len(summary.graded)} new commit(s); "
          f"posted {summary.statuses} status(es) and {summary.comments} comment(s)", file=out)
    for name, problem in sorted(summary.problems.items()):
        print(f"  {name}: {problem} (retried on the next run)", file=out)
