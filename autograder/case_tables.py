"""Case tables: the inputs a suite's tests were run with, drawn once, replayed at every grading.

The hidden suites draw their inputs with hypothesis, derandomized: a test gets the same
examples in every run, whatever the seed, so drawing them again for every submission is
work whose result is already known. An instructor builds the tables once from a grading of
the reference solutions (``autograder build-cases``); a grading then runs each test's body
on the recorded examples, smallest first, without the hypothesis engine, and sends the
requests the reference grading sent as one batch to the worker.

A table sits beside its suite (``cases/test_<module>.pickle.gz``), so it is as trusted, and
as hidden, as the suite itself: the sandbox keeps workers out of the suite's folder. A
table whose suite has changed since it was built is stale and not used: those tests draw
with hypothesis as before.
"""
from __future__ import annotations

import gzip
import hashlib
import math
import pickle
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 1
FOLDER = "cases"
# What a suite's examples depend on besides its own file: the shared strategies and checks.
_SHARED = ("strategies.py", "checks.py")

Request = tuple  # (module, request bytes, timeout or None), as the sandbox records them


@dataclass
class Example:
    """One recorded run of a test's body: its drawn arguments (pickled) and its requests."""

    kwargs: bytes | None  # pickle of the drawn keyword arguments; None for a test without @given
    requests: list = field(default_factory=list)

    def arguments(self) -> dict:
        """A fresh copy of the drawn arguments: a body that changes them changes no other run."""
        return pickle.loads(self.kwargs) if self.kwargs is not None else {}


def table_path(suite_file: Path) -> Path:
    suite_file = Path(suite_file)
    return suite_file.parent / FOLDER / f"{suite_file.stem}.pickle.gz"


def _inputs(suite_file: Path) -> list[Path]:
    from .paths import SUITES_DIR

    return [Path(suite_file), *(SUITES_DIR / name for name in _SHARED)]


def _stamps(files: list[Path]) -> tuple:
    stamps = []
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            stamps.append(None)
        else:
            stamps.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


_digests: dict[tuple, str] = {}


def suite_digest(suite_file: Path) -> str:
    """What a table is valid for: the suite file and the shared helpers its inputs come from.

    Hashed again only when one of those files changes: a grading asks once per test.
    """
    files = _inputs(suite_file)
    stamps = _stamps(files)
    if stamps not in _digests:
        digest = hashlib.sha256(files[0].read_bytes())
        for name, shared in zip(_SHARED, files[1:]):
            if shared.is_file():
                digest.update(name.encode() + b"\0" + shared.read_bytes())
        _digests[stamps] = digest.hexdigest()
    return _digests[stamps]


@dataclass
class Table:
    """A suite file's recorded examples (test name -> examples) and its oracles' answers."""

    tests: dict[str, list[Example]]
    oracles: dict[str, bytes] = field(default_factory=dict)  # name -> pickle of the answer
    answers: dict[str, str] = field(default_factory=dict)  # test name -> digest of the reference's replies


def save(suite_file: Path, table: Table) -> Path:
    """Write the table of ``suite_file``; examples are stored smallest first."""
    path = table_path(suite_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = {name: sorted(examples, key=_example_size) for name, examples in sorted(table.tests.items())}
    body = {"format": FORMAT, "digest": suite_digest(suite_file),
            "tests": {name: [(e.kwargs, e.requests) for e in examples] for name, examples in ordered.items()},
            "oracles": dict(sorted(table.oracles.items())),
            "answers": dict(sorted(table.answers.items()))}
    # mtime 0: the same table is the same bytes, so a rebuild that changes nothing changes no file
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        pickle.dump(body, out, protocol=4)
    return path


_loaded: dict[tuple[str, float, str], Table | None] = {}


def load(suite_file: Path) -> Table | None:
    """The fresh table of ``suite_file``, or None if it is missing or stale."""
    path = table_path(suite_file)
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    digest = suite_digest(suite_file)
    key = (str(path), stamp, digest)
    if key not in _loaded:
        _loaded[key] = _read(path, digest)
    return _loaded[key]


def _read(path: Path, digest: str) -> Table | None:
    try:
        with gzip.open(path, "rb") as raw:
            body = pickle.load(raw)
    except Exception:  # noqa: BLE001 - an unreadable table is a missing one: hypothesis draws
        return None
    if type(body) is not dict or body.get("format") != FORMAT or body.get("digest") != digest:
        return None
    return Table({name: [Example(kwargs, list(requests)) for kwargs, requests in examples]
                  for name, examples in body["tests"].items()}, dict(body.get("oracles", {})),
                 dict(body.get("answers", {})))


# ------------------------------------------------------------------ oracles computed once

RECORDING: dict[tuple[str, str], bytes] | None = None  # set while the tables are being built


def oracle(suite_file: str | Path, name: str, compute):
    """The answer of a costly trusted computation that depends on the suite alone (a reference
    network's predictions): from the table when it has it, else computed (and kept while the
    tables are built). The answer must be plain data that pickles."""
    table = load(Path(suite_file)) if RECORDING is None else None
    if table is not None and name in table.oracles:
        return pickle.loads(table.oracles[name])
    value = compute()
    if RECORDING is not None:
        RECORDING[(str(Path(suite_file).resolve()), name)] = pickle.dumps(value, protocol=4)
    return value


def status(suite_file: Path) -> str:
    """``fresh``, ``stale`` or ``missing``: what ``build-cases --check`` reports."""
    path = table_path(suite_file)
    if not path.is_file():
        return "missing"
    return "fresh" if load(suite_file) is not None else "stale"


# ------------------------------------------------------------------ the smallest example first


def _example_size(example: Example) -> tuple:
    """Smaller first: fewer elements, then smaller magnitudes (what shrinking would aim at)."""
    if example.kwargs is None:
        return (0, 0.0)
    count, magnitude = _size(example.arguments())
    return (count, magnitude)


def _size(value) -> tuple[int, float]:
    import numpy as np

    if isinstance(value, np.ndarray):
        if value.dtype.kind in "biuf" and value.size:
            finite = np.abs(value[np.isfinite(value)].astype(np.float64)) if value.dtype.kind == "f" else \
                np.abs(value.astype(np.float64))
            return value.size, float(np.minimum(finite, 1e12).sum())
        return value.size, 0.0
    if isinstance(value, (bool, np.bool_)):
        return 1, float(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        x = float(value)
        return 1, min(abs(x), 1e12) if math.isfinite(x) else 1e12
    if isinstance(value, (str, bytes)):
        return len(value), 0.0
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple, set, frozenset)):
        count, magnitude = 0, 0.0
        for item in value:
            c, m = _size(item)
            count, magnitude = count + c, magnitude + m
        return max(count, 1), magnitude
    return 1, 0.0
