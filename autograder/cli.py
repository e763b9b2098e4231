"""The command line: parse, call one function, print. Exit 0 done, 1 grader failure, 2 usage error."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .reporters import FORMATS

EXAMPLES = {
    "grade": "autograder grade solutions\n  autograder grade my-repo --format json --output result.json",
    "grade-class": "autograder grade-class submissions/ --out graded/ --jobs 2",
    "sync-class": "GITHUB_TOKEN=... autograder sync-class --org my-course --prefix dl-fundamentals --out synced/",
    "merge": "autograder merge shard1/ shard2/ --out graded/",
    "release": "autograder release student-template/\n  autograder release student-template/ --student-ci hidden",
    "export": "autograder export nbgrader course/\n  autograder export gradescope autograder.zip",
    "audit": "autograder audit",
    "build-cases": "autograder build-cases           # after editing a hidden suite\n"
                   "  autograder build-cases --check   # fail when a table is stale",
    "hint": "autograder hint linear_algebra.lp_norm   # the next hint; ask again for the one after",
    "stubs": "autograder stubs           # regenerate exercises/ from solutions/\n"
             "  autograder stubs --check   # fail when exercises/ is out of date",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autograder", description="Grade Deep Learning Fundamentals exercises in a sandbox.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  autograder grade solutions")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, description=help_text,
                                   epilog=f"example:\n  {EXAMPLES[name]}",
                                   formatter_class=argparse.RawDescriptionHelpFormatter)

    grade = command("grade", "grade one submission (a folder of modules, or a repository with exercises/)")
    grade.add_argument("path", nargs="?", default="solutions",
                       help="the submission (default: solutions)")
    grade.add_argument("--suite", default="hidden",
                       help="hidden (default), public, or a folder of suite files")
    grade.add_argument("--format", choices=FORMATS, default="table")
    grade.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    grade.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                       help="wall-clock limit of one call into the submission (default 10)")
    grade.add_argument("--seed", type=int, help="run seed, to replay a run exactly")

    gc = command("grade-class", "grade every submission in a folder into a gradebook")
    gc.add_argument("dir", help="the class: one sub-folder per submission")
    gc.add_argument("--out", required=True, metavar="OUTDIR",
                    help="gradebook, results/, feedback/, plots/, report.md go here")
    gc.add_argument("--jobs", type=int, default=None, help="parallel submissions (default: all cores)")
    gc.add_argument("--resume", action="store_true", help="grade only what an earlier run left undone")
    gc.add_argument("--shard", metavar="K/N", help="grade the K-th of N deterministic slices")
    gc.add_argument("--suite", default="hidden",
                    help="hidden (default), public, or a folder of suite files")
    gc.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                    help="wall-clock limit of one call into a submission (default 10)")
    gc.add_argument("--template", metavar="DIR", help="released template to check tampering against")
    gc.add_argument("--seed", type=int, default=0, help="run seed (default 0: reruns give the same grades)")
    gc.add_argument("--deadline", type=float, metavar="SECONDS",
                    help="stop grading one submission after this long (default: 30 x --timeout, "
                         "at least 120)")
    gc.add_argument("--classroom-csv", metavar="FILE",
                    help="GitHub Classroom's grades CSV: flag every score above the authoritative regrade")

    sync = command("sync-class", "grade new commits of an organisation's student repositories; post "
                                 "statuses and pull-request comments (token from GITHUB_TOKEN)")
    sync.add_argument("--org", required=True, help="the GitHub Classroom organisation")
    sync.add_argument("--prefix", required=True, help="the assignment's repository prefix (<prefix>-<login>)")
    sync.add_argument("--out", required=True, metavar="OUTDIR",
                      help="state and gradebook; keep it between runs, so nothing is graded twice")
    sync.add_argument("--api", default="https://api.github.com", metavar="URL",
                      help="REST API root (GitHub Enterprise Server: https://HOST/api/v3)")
    sync.add_argument("--jobs", type=int, default=None, help="parallel gradings (default: all cores)")
    sync.add_argument("--classroom-csv", metavar="FILE",
                      help="GitHub Classroom's grades CSV: flag every score above the authoritative regrade")
    sync.add_argument("--shard", metavar="K/N",
                      help="only the K-th of N deterministic slices of the class (keep one OUTDIR per slice)")
    sync.add_argument("--suite", default="hidden",
                      help="hidden (default), public, or a folder of suite files")
    sync.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                      help="wall-clock limit of one call into a submission (default 10)")
    sync.add_argument("--max-wait", type=float, default=60.0, metavar="SECONDS",
                      help="longest wait for a rate limit; a longer one defers to the next run (default 60)")

    merge = command("merge", "merge the shards of one class into one gradebook")
    merge.add_argument("shards", nargs="+", metavar="OUTDIR")
    merge.add_argument("--out", required=True, metavar="OUTDIR")

    release = command("release", "write the student template repository")
    release.add_argument("outdir", help="an empty or new folder (a .git folder in it is kept)")
    release.add_argument("--student-ci", default="public", metavar="public|hidden",
                         help="public (default): the student workflow runs the public tests and holds "
                              "no token, grades come from sync-class; hidden: it fetches the hidden "
                              "suites with a token (Classroom then holds the hidden score)")

    export = command("export", "export to nbgrader or Gradescope")
    export.add_argument("target", choices=("nbgrader", "gradescope"))
    export.add_argument("destination", help="nbgrader: the course folder to write; "
                                            "gradescope: the .zip file to write")

    hint = command("hint", "show the next hint for one exercise (hints are counted for your instructor)")
    hint.add_argument("exercise", metavar="MODULE.FUNCTION", help="the exercise, e.g. linear_algebra.lp_norm")

    command("audit", "run the hidden suites against every kept mutant and print the kill rate")

    cases = command("build-cases", "record the suites' case tables from a grading of the solutions "
                                   "(gradings then replay them instead of drawing with hypothesis)")
    cases.add_argument("--suite", default="hidden", help="hidden (default), or a folder of suite files")
    cases.add_argument("--solutions", default="solutions", help="the reference solutions (default: solutions)")
    cases.add_argument("--check", action="store_true",
                       help="only report which suite files lack a fresh table (exit 1 if any)")

    stubs = command("stubs", "regenerate exercises/ from solutions/")
    stubs.add_argument("--solutions", default="solutions")
    stubs.add_argument("--exercises", default="exercises")
    stubs.add_argument("--check", action="store_true", help="only report stale stubs (exit 1 if any)")
    return parser


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def cmd_grade(args) -> int:
    from .grading import grade
    from .reporters import render

    from .progress import GradingProgress, wanted
    from .results import points_text

    observers = (GradingProgress(),) if wanted(args.format, args.output) else ()
    result = grade(args.path, suite=args.suite, timeout=args.timeout, seed=args.seed, observers=observers)
    _write(render(result, args.format), args.output)
    if args.format != "table" and args.output is None:
        return 0
    if args.output:
        print(f"score {points_text(result.score)} / {points_text(result.max_score)} written to {args.output}",
              file=sys.stderr)
    return 0


def cmd_hint(args) -> int:
    from .hints import cli_hint

    return cli_hint(args)


def _delegate(module: str, function: str):
    """A handler in ``autograder.instructor.<module>``; a student's copy has no ``instructor`` folder."""
    def run(args) -> int:
        from importlib import import_module
        from importlib.util import find_spec

        if find_spec("autograder.instructor") is None:
            print(f"autograder {args.command}: this command is for instructors; it is not part "
                  "of the student package (grade your work with `autograder grade . --suite public`)",
                  file=sys.stderr)
            return 2
        return int(getattr(import_module(f"autograder.instructor.{module}"), function)(args) or 0)
    return run


HANDLERS = {
    "grade": cmd_grade,
    "hint": cmd_hint,
    "stubs": _delegate("stubs", "cli_stubs"),
    "grade-class": _delegate("batch", "cli_grade_class"),
    "merge": _delegate("batch", "cli_merge"),
    "sync-class": _delegate("sync", "cli_sync_class"),
    "release": _delegate("release", "cli_release"),
    "export": _delegate("export", "cli_export"),
    "audit": _delegate("audit", "cli_audit"),
    "build-cases": _delegate("cases", "cli_build_cases"),
}


def main(argv: list[str] | None = None) -> int:
    from .errors import GraderError, UsageError, exit_code

    args = _parser().parse_args(argv)
    try:
        return HANDLERS[args.command](args)
    except (UsageError, FileNotFoundError, NotADirectoryError) as exc:
        print(f"autograder {args.command}: {exc}", file=sys.stderr)
        return exit_code(exc)
    except GraderError as exc:
        print(f"autograder {args.command}: the grader failed: {exc}", file=sys.stderr)
        return exit_code(exc)
    except KeyboardInterrupt as exc:
        print(f"autograder {args.command}: interrupted", file=sys.stderr)
        return exit_code(exc)


def run() -> None:
    """The ``autograder`` program: ``main()``, then an exit that skips the interpreter's teardown.

    A grading leaves numpy, scipy, scikit-learn, matplotlib and pytest imported, and Python's
    own teardown of them takes about a second and produces nothing. The exit handlers still
    run (the fork server is closed, a pool's workers joined) and the standard streams are
    flushed first. An exception that escapes ``main()`` takes the ordinary way out.
    """
    import atexit
    import os

    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (``| head``) or stream: nothing left to say
            pass
    os._exit(int(code or 0))


if __name__ == "__main__":
    run()
