"""Which files of a student repository that could sway grading differ from the released template.

The flag is for the instructor to look at; the grade is never touched, because the grader
does not run any of these files (its suites and settings are its own).
"""
from __future__ import annotations

import functools
import hashlib
import os
import stat
from pathlib import Path

IGNORED_PARTS = {".git", "__pycache__", ".pytest_cache", ".hypothesis", ".ipynb_checkpoints",
                 ".mypy_cache", ".ruff_cache", ".venv", "venv"}
# Files that change how Python or pytest start, wherever they are added.
SUSPICIOUS_NAMES = {"conftest.py", "sitecustomize.py", "usercustomize.py", "pytest.ini", ".pytest.ini",
                    "setup.cfg", "tox.ini", "setup.py", "pyproject.toml", "noxfile.py", "Makefile",
                    "requirements.txt", ".python-version", ".coveragerc"}
SUSPICIOUS_SUFFIXES = {".pth"}
# Documentation: editing it cannot change a grade.
FREE_SUFFIXES = {".md", ".rst", ".png", ".jpg", ".jpeg", ".gif", ".svg"}
EXERCISES = "exercises"


def tamper_paths(submission, template) -> list[str]:
    """``"path (added|changed|deleted|symlink)"`` for every file that could influence grading."""
    mine = snapshot(submission)
    if not (Path(submission) / EXERCISES).is_dir():
        # A bare folder of modules has no template to compare with; look for start-up hooks only.
        return sorted(f"{p} ({'symlink' if d.startswith('link:') else 'added'})"
                      for p, d in mine.items() if _suspicious(p) or d.startswith("link:"))
    theirs = _template_snapshot(str(Path(template).resolve()))
    flagged = []
    for path, digest in theirs.items():
        if _editable(path):
            continue
        if path not in mine:
            flagged.append(f"{path} (deleted)")
        elif mine[path] != digest:
            flagged.append(f"{path} ({'symlink' if mine[path].startswith('link:') else 'changed'})")
    for path, digest in mine.items():
        if path in theirs:
            if _editable(path) and digest.startswith("link:"):
                flagged.append(f"{path} (symlink)")
            continue
        if digest.startswith("link:"):
            flagged.append(f"{path} (symlink)")
        elif _suspicious(path) or _influential(path):
            flagged.append(f"{path} (added)")
    return sorted(flagged)


def _editable(path: str) -> bool:
    """The student's work (the exercise modules) and documentation may change freely."""
    first = path.split("/", 1)[0]
    return (first == EXERCISES and path.endswith(".py") and not _suspicious(path)) \
        or Path(path).suffix.lower() in FREE_SUFFIXES


def _suspicious(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name in SUSPICIOUS_NAMES or Path(name).suffix in SUSPICIOUS_SUFFIXES


def _influential(path: str) -> bool:
    """An added Python file outside exercises/ (a test, a shadowing module) or a new workflow."""
    return (path.endswith(".py") and not path.startswith(EXERCISES + "/")) or path.startswith(".github/")


@functools.lru_cache(maxsize=4)
def _template_snapshot(template: str) -> dict[str, str]:
    return snapshot(template)


def snapshot(root) -> dict[str, str]:
    """Relative path -> content digest of every file under ``root`` (symlinks are never followed)."""
    root = Path(root)
    found: dict[str, str] = {}
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in IGNORED_PARTS)
        here = Path(folder)
        for name in filenames + [d for d in dirnames if (here / d).is_symlink()]:
            path = here / name
            found[path.relative_to(root).as_posix()] = _digest(path)
    return found


def _digest(path: Path) -> str:
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return "link:" + os.readlink(path)
    if not stat.S_ISREG(info.st_mode):
        return "special"
    sha = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block.replace(b"\r\n", b"\n"))  # a Windows checkout is not a change
    except OSError:
        return "unreadable"
    return sha.hexdigest()
