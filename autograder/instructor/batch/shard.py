"""Deterministic slices of a class, so that several machines can grade it and merge the results.

A student's slice comes from a stable hash of their name alone: two machines that list the
class differently (a clone that failed on one of them) still agree on every other
student's slice, so nobody is graded twice and the merge can name whoever is missing.
"""
from __future__ import annotations

import re
import zlib

from ...errors import UsageError


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """``"K/N"`` -> ``(K, N)`` with ``1 <= K <= N``; ``None`` stays ``None`` (the whole class)."""
    if text is None:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match:
        raise UsageError(f"--shard wants K/N, like 1/4; got {text!r}")
    k, n = int(match.group(1)), int(match.group(2))
    if not 1 <= k <= n:
        raise UsageError(f"--shard {text}: K must be between 1 and N")
    return k, n


def shard_of(student: str, n: int) -> int:
    """The slice (1..n) that ``student`` belongs to."""
    return zlib.crc32(student.encode("utf-8")) % n + 1


def select(students, shard: tuple[int, int] | None) -> list[str]:
    """The sorted names of the K-th of N slices (all of them without a shard)."""
    ordered = sorted(students)
    if shard is None:
        return ordered
    k, n = shard
    return [s for s in ordered if shard_of(s, n) == k]
