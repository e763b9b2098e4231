"""The one face of a submission under test, in the sandbox or in this process.

The plugin's fixtures and the suites use only this; ``SandboxSubmission`` (workers) and
``InProcessSubmission`` (the student's own quick check) both implement it.
"""
from __future__ import annotations

from typing import Any


class Submission:
    """A folder of exercise modules: ``module(name)`` gives a proxy whose attributes are its functions.

    A module proxy also has ``with_timeout(seconds)``, ``inspect_call(name, *args)`` (the call's
    result with what it did to its inputs) and ``judge(kind, value, **params)``.
    """

    def module(self, name: str) -> Any:
        raise NotImplementedError

    def forbidden(self, module: str, function: str) -> str | None:
        """Why ``module.function`` scores 0 for forbidden names, or None."""
        raise NotImplementedError

    def take_output(self) -> str:
        """What the submission printed since the last call, cut to a readable length."""
        raise NotImplementedError

    def start_recording(self) -> None:
        """Start listing the prefetchable calls sent (``stop_recording`` returns them)."""
        raise NotImplementedError

    def stop_recording(self) -> list[tuple[str, bytes, float | None]]:
        """``(module, request bytes, timeout)`` of each prefetchable call since ``start_recording``."""
        raise NotImplementedError

    def prefetch(self, requests: list[tuple[str, bytes, float | None]]) -> None:
        """Answer these calls ahead, one batch per module; the test's matching calls use the answers."""
        raise NotImplementedError

    def read_ahead(self, module: str) -> list:
        """The answers prefetched for ``module`` and not used yet, in order (``answer_key``)."""
        raise NotImplementedError

    def end_prefetch(self) -> None:
        """Drop the prefetched answers the test did not use."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError
