"""``autograder export``: hand the same exercises to nbgrader or Gradescope (instructor-only)."""
from __future__ import annotations

import sys
from pathlib import Path

from ...errors import ExportError


def cli_export(args) -> int:
    root = Path.cwd()
    try:
        if args.target == "gradescope":
            from .gradescope import export_gradescope

            path = export_gradescope(Path(args.destination), root)
            print(f"wrote the Gradescope autograder bundle to {path}")
            print("next: upload it as the assignment's autograder (zip file), then test it with a solution")
        else:
            from .nbgrader import ASSIGNMENT, export_nbgrader

            notebooks = export_nbgrader(Path(args.destination), root)
            print(f"wrote {len(notebooks)} notebooks to {Path(args.destination) / 'source' / ASSIGNMENT}")
            print(f"next: cd {args.destination} && nbgrader generate_assignment {ASSIGNMENT}")
    except ExportError as exc:
        print(f"autograder export: {exc}", file=sys.stderr)
        return 2
    return 0
