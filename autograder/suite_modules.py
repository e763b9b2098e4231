"""Suite modules kept imported between gradings in one process (a class, an audit).

The next grading of the same suite files skips their import, and what they compute once
(an oracle's drawing, a formatted input) is reused. pytest's importlib mode reuses a module
already in ``sys.modules``, so a kept module of another suite (same ``test_<module>.py``
name) or of an edited file is forgotten first: otherwise the next grading would run this
one's tests.
"""
from __future__ import annotations

import sys
from pathlib import Path

_KEPT: dict[str, tuple] = {}


def _stamp(file) -> tuple:
    try:
        stat = Path(file).stat()
    except (TypeError, OSError):
        return (None, None, None)
    return (str(Path(file).resolve().parent), stat.st_mtime_ns, stat.st_size)


def keep(name: str) -> None:
    """After a grading: leave the suite module ``name`` imported, noting which file it is."""
    module = sys.modules.get(name)
    if module is not None:
        _KEPT[name] = _stamp(getattr(module, "__file__", None))


def forget_all_but(suite_dir) -> None:
    """Before a grading of ``suite_dir``: a module named like one of its files stays only if it
    is that file, kept unedited by an earlier grading. Any other (another suite's, an edited
    file's, one that another session of this process left) is forgotten."""
    for path in Path(suite_dir).glob("test_*.py"):
        module = sys.modules.get(path.stem)
        if module is None:
            continue
        file = getattr(module, "__file__", None)
        if file is None or Path(file).resolve() != path.resolve() or _KEPT.get(path.stem) != _stamp(path):
            sys.modules.pop(path.stem, None)
            _KEPT.pop(path.stem, None)
