"""Limits on the grader's own work for one submission: per reply, and for a whole grading.

The worker's limits (rlimits, the worker's own caps on what it sends) bind only what the
submission cannot patch; everything the worker sends is cut here, on the trusted side,
before it is stored, formatted or compared. And since each call may stay within its own
limit while a submission makes thousands of them, a grading also has a budget: bytes
received and seconds spent waiting for the submission, and, under ``grade-class``, a
deadline. A spent budget fails every later call at once, as a timeout, so the tests that
already ran keep their points.
"""
from __future__ import annotations

import time
from contextlib import contextmanager

REPLY_FLOOR_BYTES = 2 * 2**20   # any one reply may be this large ...
REPLY_GROWTH = 16               # ... or this many times its request (an outer product grows)
MAX_REPLY_BYTES = 32 * 2**20    # and never larger
MAX_REPLY_ITEMS = 250_000       # JSON values in one reply (lists of lists cost memory)
# A correct submission's hidden grading receives about 2 MB in some 3,100 replies (the
# largest 1.2 MB) and waits about 3 s for its workers on an idle machine, 40 s on a machine
# loaded eight times over: the budgets leave room for 100 times the bytes, 7 times the wait.
GRADING_BYTES = 256 * 2**20     # everything one grading receives from its workers
WORKER_SECONDS_PER_CALL_LIMIT = 30  # seconds waiting for the submission per grading, times the call limit
MIN_WORKER_SECONDS = 120.0
# One function's share, so that a hostile function spends its own points and not its neighbours':
FUNCTION_BYTES = 64 * 2**20
FUNCTION_SECONDS_PER_LIMIT = 5  # seconds in one function's calls, times its (longest) call limit

MAX_MESSAGE = 2000      # characters of an exception's message
MAX_TYPE_NAME = 100
MAX_FRAMES = 5          # frames of a remote traceback ...
MAX_FRAME_PART = 200    # ... and characters of each of their four parts
MAX_NAMES = 20          # forbidden names, labels of mutated arguments
MAX_NAME = 100

DEADLINE_PASSED = "the grading's deadline for this submission"  # in the message of every call it stops
_deadline_s: float | None = None


def reply_limit(request_bytes: int) -> int:
    """The largest reply the grader reads for a request of ``request_bytes``."""
    return min(MAX_REPLY_BYTES, max(REPLY_FLOOR_BYTES, REPLY_GROWTH * request_bytes))


def cut(value, limit: int) -> str:
    """A string or an int from the worker as at most ``limit`` characters; anything else is refused."""
    if type(value) is int:
        text = str(value) if -10**18 < value < 10**18 else "?"
    elif type(value) is str:
        text = value
    else:
        text = "?"
    return text if len(text) <= limit else text[:limit] + "..."


def names(values) -> tuple[str, ...]:
    """A short list of short names (forbidden functions, argument labels) from the worker."""
    if type(values) is not list:
        return ()
    return tuple(cut(v, MAX_NAME) for v in values[:MAX_NAMES])


@contextmanager
def grading_deadline(seconds: float | None):
    """Within the block, every grading started stops calling the submission after ``seconds``."""
    global _deadline_s
    saved, _deadline_s = _deadline_s, seconds
    try:
        yield
    finally:
        _deadline_s = saved


class BudgetSpent(Exception):
    """Why no more calls are made into this submission."""


class GradingBudget:
    """What one grading may still spend on its submission."""

    def __init__(self, call_timeout: float, *, deadline_s: float | None = None,
                 max_bytes: int = GRADING_BYTES, worker_seconds: float | None = None):
        self.bytes_left = max_bytes
        self.max_bytes = max_bytes
        self.worker_seconds = worker_seconds if worker_seconds is not None else max(
            MIN_WORKER_SECONDS, WORKER_SECONDS_PER_CALL_LIMIT * call_timeout)
        self.seconds_left = self.worker_seconds
        deadline_s = deadline_s if deadline_s is not None else _deadline_s
        self.deadline_s = deadline_s
        self.deadline = time.monotonic() + deadline_s if deadline_s is not None else None
        self.received = 0
        self.spent_s = 0.0
        self.by_function: dict[str, list] = {}  # name -> [bytes, seconds]
        # Answers of a prefetched batch are charged when read; until the test reaches them the
        # checks leave them out (and the deadline moves by their time), so a budget runs out
        # at the same call as without a batch.
        self.held = [0, 0.0]
        self.held_by_function: dict[str, list] = {}

    @property
    def bytes_room(self) -> int:
        """Bytes a reply may still bring, the held answers not counted."""
        return self.bytes_left + self.held[0]

    @property
    def seconds_room(self) -> float:
        return self.seconds_left + self.held[1]

    def hold(self, name: str, nbytes: int, seconds: float, sign: int = 1) -> None:
        """``nbytes`` and ``seconds``, already charged to ``name``, belong to an answer not yet reached."""
        for spent in (self.held, self.held_by_function.setdefault(name, [0, 0.0])):
            spent[0] += sign * nbytes
            spent[1] += sign * seconds

    def release(self, name: str, nbytes: int, seconds: float) -> None:
        """The test reached (or gave up) a held answer: from now on its charges count."""
        self.hold(name, nbytes, seconds, sign=-1)

    def check_function(self, name: str, limit: float) -> None:
        """Raises BudgetSpent when the function ``name`` has used up its own share."""
        nbytes, seconds = self.by_function.get(name, (0, 0.0))
        held_bytes, held_seconds = self.held_by_function.get(name, (0, 0.0))
        nbytes, seconds = nbytes - held_bytes, seconds - held_seconds
        if nbytes >= FUNCTION_BYTES:
            raise BudgetSpent(f"its answers in this grading already reached {FUNCTION_BYTES // 2**20} MB, "
                              "its limit")
        if seconds >= FUNCTION_SECONDS_PER_LIMIT * limit:
            raise BudgetSpent(f"its calls in this grading already took {seconds:.3g} s, its limit "
                              f"({FUNCTION_SECONDS_PER_LIMIT} x {limit:g} s)")

    def charge_function(self, name: str, nbytes: int, seconds: float) -> None:
        spent = self.by_function.setdefault(name, [0, 0.0])
        spent[0] += nbytes
        spent[1] += seconds

    def check(self) -> float:
        """Seconds the next call may take at most; raises BudgetSpent when nothing is left."""
        if self.bytes_room <= 0:
            raise BudgetSpent(f"this grading has already received {self.max_bytes // 2**20} MB from "
                              "the submission, its limit")
        if self.seconds_room <= 0:
            raise BudgetSpent(f"this grading has already spent {self.worker_seconds:g} s in the "
                              "submission's code, its limit")
        left = self.seconds_room
        if self.deadline is not None:
            remaining = self.deadline + self.held[1] - time.monotonic()  # held: not yet reached, so not yet spent
            if remaining <= 0:
                raise BudgetSpent(f"{DEADLINE_PASSED} ({self.deadline_s:g} s) has passed")
            left = min(left, remaining)
        return left

    def charge(self, nbytes: int = 0, seconds: float = 0.0) -> None:
        self.bytes_left -= nbytes
        self.received += nbytes
        self.seconds_left -= seconds
        self.spent_s += seconds
