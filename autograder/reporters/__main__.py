"""Render a saved ``--format json`` result again in another format, without grading twice.

    python -m autograder.reporters result.json --format markdown

CI grades once and renders the Classroom payload, the summary and the annotations from
the same result, so every view shows the same score.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..results import GradeResult
from . import FORMATS, render


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m autograder.reporters", description=__doc__.splitlines()[0],
                                epilog="example:\n  python -m autograder.reporters result.json --format classroom",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("result", help="a file written by `autograder grade --format json --output FILE`")
    p.add_argument("--format", choices=FORMATS, default="table")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        data = json.loads(Path(args.result).read_text(encoding="utf-8"))
        result = GradeResult.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"python -m autograder.reporters: cannot read {args.result}: {exc}", file=sys.stderr)
        return 2
    text = render(result, args.format)
    sys.stdout.write(text if not text or text.endswith("\n") else text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
