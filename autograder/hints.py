"""Levels and hints of the exercises, and ``autograder hint``: the next hint, counted in the student's repository.

A level is a docstring line ``Level: ★`` (to ``★★★``), read with ``ast`` so that no
student code is imported to find it. Hints live beside the solutions, in
``solutions/hints/<module>.json`` (the one source); the release ships them to the student
template as ``.autograder/hints.json``, each hint base64-encoded so that opening the file
does not spoil them all at once (it is not a secret: a hint is meant to be read). Each
hint asked for is counted in ``.autograder/hints-used.json``, a file the student commits
with their work, so the instructor's gradebook can show how many hints were used.
"""
from __future__ import annotations

import ast
import base64
import difflib
import json
import os
import re
import stat
import sys
from functools import lru_cache
from pathlib import Path

LEVELS = ("★", "★★", "★★★")
LEVEL_LINE = re.compile(r"^\s*Level:\s*(\S.*?)\s*$")
MAX_HINTS = 3
SOURCE_DIR = Path("solutions") / "hints"
RELEASED = Path(".autograder") / "hints.json"
USED = Path(".autograder") / "hints-used.json"
# A count file is written by the student's tools; the grader reads only this much of it.
MAX_USED_BYTES = 64 * 1024
_PACKAGE_PARENT = Path(__file__).resolve().parent.parent


class HintError(Exception):
    """An unknown exercise, a missing hints file or a repository that cannot be found."""


# --- levels -------------------------------------------------------------------------------

def level_lines(path) -> dict[str, list[str]]:
    """Function name -> the text after ``Level:`` of every such line in its docstring (for checking)."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"), str(path))
    found = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node) or ""
            found[node.name] = [m.group(1) for m in map(LEVEL_LINE.match, doc.splitlines()) if m]
    return found


def read_levels(path) -> dict[str, str]:
    """Function name -> its level, for every function of one module with exactly one valid level line."""
    return {name: marks[0] for name, marks in level_lines(path).items()
            if len(marks) == 1 and marks[0] in LEVELS}


def _reference_folders() -> list[Path]:
    """Where the exercises' docstrings are: the reference solutions, else the released stubs."""
    roots = [_PACKAGE_PARENT, Path.cwd()]
    return [root / name for name in ("solutions", "exercises") for root in roots
            if (root / name).is_dir()]


@lru_cache(maxsize=8)
def _levels_in(folders: tuple[Path, ...]) -> dict[str, str]:
    levels: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.py")):
            try:
                found = read_levels(path)
            except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
                continue  # a student's half-written module: its levels come from elsewhere or not at all
            for name, level in found.items():
                levels.setdefault(f"{path.stem}.{name}", level)
    return levels


def level_of(function: str, folders=None) -> str:
    """The level (``★``…``★★★``) of ``module.function``, or ``""`` when no docstring says."""
    chosen = tuple(Path(f).resolve() for f in (folders if folders is not None else _reference_folders()))
    return _levels_in(chosen).get(function, "")


# --- hints --------------------------------------------------------------------------------

def read_hint_source(folder) -> dict[str, list[str]]:
    """``module.function`` -> its hints, from every ``<module>.json`` in ``folder``."""
    hints = {}
    for path in sorted(Path(folder).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise HintError(f"{path}: expected an object of function name -> list of hints")
        for name, texts in data.items():
            if not (isinstance(texts, list) and all(isinstance(t, str) for t in texts)):
                raise HintError(f"{path}: the hints of {name} must be a list of strings")
            hints[f"{path.stem}.{name}"] = list(texts)
    return hints


def encode_hints(hints: dict[str, list[str]]) -> bytes:
    """The released form: stable JSON, every hint base64-encoded (a spoiler guard, not a secret)."""
    data = {"encoding": "base64",
            "note": "hints for `autograder hint MODULE.FUNCTION`; ask for them one at a time",
            "hints": {name: [base64.b64encode(t.encode("utf-8")).decode("ascii") for t in texts]
                      for name, texts in sorted(hints.items())}}
    return (json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def decode_hints(content: bytes) -> dict[str, list[str]]:
    data = json.loads(content.decode("utf-8"))
    if data.get("encoding") != "base64":
        raise HintError(f"unknown hint encoding {data.get('encoding')!r}")
    return {name: [base64.b64decode(t, validate=True).decode("utf-8") for t in texts]
            for name, texts in data["hints"].items()}


def find_repository(start=None) -> Path:
    """The folder (``start`` or one above it) that holds ``exercises/``: the student's repository."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises").is_dir():
            return folder
    raise HintError(f"no exercises/ folder in {here} or above it: run this inside your repository")


def available_hints(root) -> dict[str, list[str]]:
    """The hints a repository has: the released file (student) or the source beside the solutions."""
    root = Path(root)
    if (root / RELEASED).is_file():
        try:
            return decode_hints((root / RELEASED).read_bytes())
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise HintError(f"{RELEASED.as_posix()} is damaged ({type(exc).__name__}); restore it with "
                            f"`git checkout -- {RELEASED.as_posix()}`") from None
    if (root / SOURCE_DIR).is_dir():
        return read_hint_source(root / SOURCE_DIR)
    raise HintError(f"no hints in {root} (neither {RELEASED.as_posix()} nor {SOURCE_DIR.as_posix()}/)")


def parse_used(content: bytes) -> dict[str, int]:
    """The counts of a ``hints-used.json``, keeping only well-formed entries (the file is the student's)."""
    try:
        data = json.loads(content[:MAX_USED_BYTES].decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {name: min(count, MAX_HINTS) for name, count in sorted(data.items())
            if isinstance(name, str) and re.fullmatch(r"\w+\.\w+", name)
            and type(count) is int and count > 0}


def hints_used(submission) -> dict[str, int] | None:
    """``module.function`` -> hints asked for in one submission; ``None`` when it has no count file.

    Read without following a symlink, without blocking on a FIFO and only up to a size
    limit, because the trusted process reads it from an untrusted repository.
    """
    path = Path(submission) / USED
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        content = os.read(fd, MAX_USED_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    from .curriculum import all_functions

    known = set(all_functions())
    return {name: count for name, count in parse_used(content).items() if name in known}


def _write_used(root: Path, used: dict[str, int]) -> None:
    path = root / USED
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(dict(sorted(used.items())), indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def suggestions(name: str, known) -> list[str]:
    """Close names for a mistyped exercise; a bare or misspelt function name finds its module."""
    known = sorted(known)
    bare = name.split(".")[-1]
    close_bare = difflib.get_close_matches(bare, [k.split(".", 1)[1] for k in known], n=3, cutoff=0.75)
    close = [k for c in close_bare for k in known if k.split(".", 1)[1] == c]
    return close[:3] or difflib.get_close_matches(name, known, n=3, cutoff=0.75)


def next_hint(root, name: str) -> tuple[int, int, str | None]:
    """Show-and-count: ``(number, of, text)`` of the next hint, ``text`` None when none is left."""
    root = Path(root)
    hints = available_hints(root)
    if name not in hints:
        close = suggestions(name, hints)
        tip = f"; did you mean {' or '.join(close)}?" if close else " (write it as MODULE.FUNCTION)"
        raise HintError(f"no exercise named {name!r}{tip}")
    texts = hints[name]
    used = parse_used((root / USED).read_bytes()) if (root / USED).is_file() else {}
    seen = used.get(name, 0)
    if seen >= len(texts):
        return len(texts), len(texts), None
    used[name] = seen + 1
    _write_used(root, used)
    return seen + 1, len(texts), texts[seen]


def cli_hint(args) -> int:
    """``autograder hint MODULE.FUNCTION``: print the next hint and count it."""
    try:
        root = find_repository()
        number, total, text = next_hint(root, args.exercise)
    except HintError as exc:
        print(f"autograder hint: {exc}", file=sys.stderr)
        return 2
    level = level_of(args.exercise, [root / "exercises"]) or level_of(args.exercise)
    title = f"{args.exercise}{f' ({level})' if level else ''}"
    if text is None:
        print(f"{title}: no more hints; you have seen all {total}. "
              "Reread the docstring's contract and its example.")
        return 0
    print(f"{title}, hint {number} of {total}:\n  {text}")
    print(f"(counted in {USED.as_posix()}: commit it with your work; "
          + ("ask again for the next hint)" if number < total else "that was the last hint)"))
    return 0
