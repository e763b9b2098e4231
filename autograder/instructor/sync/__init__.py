"""``autograder sync-class``: authoritative grades on the students' own commits.

The instructor's side grades every new commit of the class's repositories (default branch
and open pull requests) with the hidden suites, then posts the score back as a commit
status and a pull-request comment. Hidden suites and tokens never enter a runner that a
student controls. Modules: ``client`` (GitHub REST calls), ``backoff`` (bounded retries),
``clone`` (fetching with the token in a header), ``state`` (what was graded and posted),
``post`` (what is posted), ``run`` (one run).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ...errors import UsageError
from ...grading import suite_path


def cli_sync_class(args) -> int:
    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise UsageError("set GITHUB_TOKEN to a token that can read the student repositories and "
                         "write commit statuses and pull-request comments (see docs/instructor.md)")
    suite_path(args.suite)
    try:
        from .backoff import Policy
        from .run import Options, report, sync_class
    except ModuleNotFoundError as exc:
        if exc.name not in ("github", "requests"):
            raise
        raise UsageError("sync-class needs PyGithub: pip install 'autograder[instructor]'") from None
    from ..batch import usable_cores
    from ..batch.shard import parse_shard
    from ..batch.classroom_csv import read_grades

    if args.classroom_csv:
        read_grades(args.classroom_csv)
    jobs = args.jobs if args.jobs is not None else usable_cores()
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    opts = Options(org=args.org, prefix=args.prefix, outdir=Path(args.out), token=token, api=args.api,
                   jobs=jobs, suite=args.suite, timeout=args.timeout,
                   policy=Policy(max_wait=args.max_wait), classroom_csv=args.classroom_csv,
                   shard=parse_shard(args.shard))
    try:
        summary = sync_class(opts)
    except Exception as exc:  # the listing itself failed: nothing could be done this run
        from github.GithubException import GithubException

        from .backoff import Deferred
        from .clone import redact

        if isinstance(exc, (Deferred, GithubException)):
            print(f"autograder sync-class: {redact(str(exc), token)}", file=sys.stderr)
            return 1
        raise
    report(summary)
    return 1 if summary.grader_errors else 0
