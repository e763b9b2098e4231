"""Student stubs from the reference solutions: each marked region becomes one ``raise``.

Everything outside ``### BEGIN SOLUTION`` / ``### END SOLUTION`` (imports, docstrings)
is kept as written; the region is replaced at its own indentation by a line that names
the exercise. Nested or unterminated markers are refused with the file and line.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import MarkerError

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
_DEF = re.compile(r"^(\s*)(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(")


def _enclosing_function(lines: list[str], index: int, indent: int) -> str | None:
    for line in reversed(lines[:index]):
        match = _DEF.match(line)
        if match and len(match.group(1)) < indent:
            return match.group(2)
    return None


def stub_source(source: str, module: str, filename: str = "<source>") -> str:
    """The student version of one solution module's source."""
    lines = source.splitlines(keepends=True)
    out: list[str] = []
    start: int | None = None
    for number, line in enumerate(lines, 1):
        marker = line.strip()
        if marker == BEGIN:
            if start is not None:
                raise MarkerError(f"{filename}:{number}: {BEGIN} inside the region opened at line {start}")
            start = number
            indent = len(line) - len(line.lstrip())
            function = _enclosing_function(lines, number - 1, indent)
            if function is None:
                raise MarkerError(f"{filename}:{number}: {BEGIN} outside a function")
            out.append(
                f"{line[:indent]}raise NotImplementedError("
                f"\"exercise {module}.{function}: replace this line with your code\")\n")
        elif marker == END:
            if start is None:
                raise MarkerError(f"{filename}:{number}: {END} without a {BEGIN} before it")
            start = None
        elif start is None:
            out.append(line)
    if start is not None:
        raise MarkerError(f"{filename}:{start}: {BEGIN} is never closed by {END}")
    return "".join(out)


def expected_stubs(solutions: Path) -> dict[str, str]:
    """File name -> stub text for every module in ``solutions``."""
    return {
        path.name: stub_source(path.read_text(encoding="utf-8"), path.stem, str(path))
        for path in sorted(Path(solutions).glob("*.py"))
        if not path.name.startswith("_")
    }


def write_stubs(solutions: Path, exercises: Path) -> list[Path]:
    """Regenerate ``exercises`` from ``solutions``; returns the files that changed."""
    exercises = Path(exercises)
    exercises.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in expected_stubs(solutions).items():
        target = exercises / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(target)
    return changed


def stale_stubs(solutions: Path, exercises: Path) -> list[str]:
    """Names of stubs that differ from what the generator makes (missing ones included)."""
    stale = []
    for name, text in expected_stubs(solutions).items():
        target = Path(exercises) / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def cli_stubs(args) -> int:
    """``autograder stubs``: regenerate, or with ``--check`` only list, the stale stubs."""
    solutions, exercises = Path(args.solutions), Path(args.exercises)
    if args.check:
        stale = stale_stubs(solutions, exercises)
        for name in stale:
            print(f"stale: {exercises / name}")
        return 1 if stale else 0
    for path in write_stubs(solutions, exercises):
        print(f"wrote {path}")
    return 0
