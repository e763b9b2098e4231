"""The answer key: a test whose replies are, byte for byte, the reference's replies passes as it did.

A graded test's body is a function of its recorded examples and of the replies its calls
get: its inputs come from the case table, its oracles from the inputs, and no test keeps
state for another. So when every call a test makes was read ahead in its batch and the
worker's replies are the very bytes the reference solutions' replies were when the tables
were built (``autograder build-cases`` keeps their SHA-256, ``Table.answers``), the body
would run the checks the reference passed on the same values, and pass. It is then not run:
in a class, most tests of most submissions are answered like that, and checking them again
was most of the grading process's work.

Anything else runs the body as before: one byte of difference (another rounding, another
message), a call that goes live, a reply that failed or was cut, a table without the key.
The replies include what the worker saw the call do (inputs changed, forbidden names used),
and the forbidden-name check and the output a test printed are handled outside the body,
so a skipped body loses no check. The key holds digests, not answers.
"""
from __future__ import annotations

import hashlib


def digest(submission, requests: list[tuple[str, bytes | None, float | None]]) -> str | None:
    """The digest of the replies read ahead for ``requests``, or None when any was not read ahead.

    ``requests`` are a test's recorded ``(module, request bytes, timeout)``; each module's
    read-ahead answers must be exactly those requests, in order, each with a whole reply.
    """
    if not requests:
        return None
    by_module: dict[str, list[tuple[bytes | None, float | None]]] = {}
    for module, data, timeout in requests:
        by_module.setdefault(module, []).append((data, timeout))
    key = hashlib.sha256()
    for module, calls in by_module.items():
        answers = submission.read_ahead(module)
        if len(answers) != len(calls):
            return None
        key.update(module.encode() + b"\0")
        for (data, timeout), answer in zip(calls, answers):
            if data is None or answer.data != data or answer.timeout != timeout \
                    or answer.error is not None or not answer.raw:
                return None
            key.update(len(answer.raw).to_bytes(8, "big") + answer.raw)
    return key.hexdigest()
