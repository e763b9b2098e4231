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
    """Before a grading of ``suite_dir``: forget every kept module of another folder or an edited
    file, and any module of the same name that is not this suite's file (another session of this
    process, not a grading, may have left one)."""
    for name, stamp in list(_KEPT.items()):
        module = sys.modules.get(name)
        if (module is None or suite_dir is None or stamp[0] != str(suite_dir)
                or _stamp(getattr(module, "__file__", None)) != stamp):
            sys.modules.pop(name, None)
            del _KEPT[name]
    if suite_dir is None:
        return
    for path in Path(suite_dir).glob("test_*.py"):
        module = sys.modules.get(path.stem)
        file = getattr(module, "__file__", None) if module is not None else None
        if module is not None and (file is None or Path(file).resolve() != path.resolve()):
            sys.modules.pop(path.stem, None)
            _KEPT.pop(path.stem, None)
