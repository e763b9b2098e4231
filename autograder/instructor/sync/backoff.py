"""Bounded retries of GitHub API calls: wait as long as the server asks, but never unboundedly.

GitHub says how long to wait in ``Retry-After`` (secondary limits, 429) or, for the
primary limit, in ``X-RateLimit-Reset`` with ``X-RateLimit-Remaining: 0``. A wait longer
than ``max_wait`` is not slept through: the call fails with ``Deferred`` and the run moves
on; the next scheduled run retries it. Server errors (5xx) get a short exponential backoff.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, TypeVar

import requests
from github.GithubException import GithubException

T = TypeVar("T")


class Deferred(Exception):
    """A call that could not be made now (rate limit, server error): retried on the next run."""


@dataclass(frozen=True)
class Policy:
    attempts: int = 4          # calls in all, the first one included
    max_wait: float = 60.0     # longest single wait, in seconds
    base_delay: float = 1.0    # first backoff after a server error
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time


def _header(headers, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name.lower():
            return value
    return None


def rate_limit_wait(exc: GithubException, now: float) -> float | None:
    """Seconds the server asked us to wait, or None when this is no rate-limit reply."""
    if exc.status not in (403, 429):
        return None
    retry_after = _header(exc.headers, "Retry-After")
    if retry_after is not None:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            return None
    if _header(exc.headers, "X-RateLimit-Remaining") == "0":
        reset = _header(exc.headers, "X-RateLimit-Reset")
        try:
            return max(0.0, float(reset) - now) + 1.0  # the reset second itself may still be limited
        except (TypeError, ValueError):
            return None
    return 60.0 if exc.status == 429 else None  # a 403 without these headers is a real refusal


def call(fn: Callable[[], T], policy: Policy, what: str) -> T:
    """``fn()``, retried on rate limits and server errors within ``policy``; raises Deferred when out of tries."""
    delay = policy.base_delay
    for attempt in range(1, policy.attempts + 1):
        try:
            return fn()
        except GithubException as exc:
            wait = rate_limit_wait(exc, policy.clock())
            if wait is None and exc.status is not None and exc.status >= 500:
                wait, delay = delay, delay * 2
            if wait is None:
                raise
            reason = f"{what}: HTTP {exc.status}" + (" (rate limited)" if exc.status in (403, 429) else "")
            if wait > policy.max_wait:
                raise Deferred(f"{reason}; the server asks to wait {wait:.0f} s, more than "
                               f"{policy.max_wait:g} s: retried on the next run") from None
            if attempt == policy.attempts:
                raise Deferred(f"{reason}, {policy.attempts} times: retried on the next run") from None
            policy.sleep(wait)
        except requests.RequestException as exc:  # connection refused, reset, timed out
            if attempt == policy.attempts:
                raise Deferred(f"{what}: {type(exc).__name__}, {policy.attempts} times: "
                               "retried on the next run") from None
            policy.sleep(min(delay, policy.max_wait))
            delay *= 2
    raise AssertionError("unreachable")
