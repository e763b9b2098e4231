"""Run a test from its case table: its body on the recorded examples, smallest first.

What the hypothesis engine would do on a passing submission is known in advance (the
suites are derandomized), so a grading only runs the body: the examples come from the
table, and the requests the reference grading sent are batched to the worker first. The
first example that fails is reported, with hypothesis's own "Falsifying example" note; as
examples are tried smallest first, it is the smallest failing input of those tried. No
shrinking is done. A test whose replies are the reference's, byte for byte, passes without
its body (``answer_key``).
"""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from . import answer_key, case_tables

# The digest of the replies a test got (``answer_key``), kept for ``build-cases``.
REPLIES_DIGEST = pytest.StashKey[str | None]()


def table_examples(item) -> list[case_tables.Example] | None:
    """The recorded examples of ``item``, or None: no fresh table, or nothing to replay."""
    if getattr(item, "cls", None) is not None:  # suites are module-level functions
        return None
    table = case_tables.load(Path(str(item.fspath)))
    if table is None:
        return None
    examples = table.tests.get(item.name)
    if not examples:  # a hypothesis test with no example would pass on nothing: let it draw
        return None
    if (getattr(item.obj, "hypothesis", None) is None) != all(e.kwargs is None for e in examples):
        return None  # the table was recorded for a test of another kind
    return examples


def table_answer(item) -> str | None:
    """The digest of the reference's replies to ``item``'s calls, from its fresh table, if kept."""
    table = case_tables.load(Path(str(item.fspath)))
    return table.answers.get(item.name) if table is not None else None


def run(item, examples: list[case_tables.Example], submission, answer: str | None = None) -> None:
    """Call the test's body once per example; raise the first failure with its input.

    With ``answer`` (``table_answer``) and replies whose digest is that, the body is not run.
    """
    requests = [request for example in examples for request in example.requests]
    submission.prefetch(requests)
    replies = answer_key.digest(submission, requests)
    item.stash[REPLIES_DIGEST] = replies
    if answer is not None and replies == answer:
        submission.end_prefetch()
        return
    from hypothesis.errors import HypothesisDeprecationWarning, UnsatisfiedAssumption

    handle = getattr(item.obj, "hypothesis", None)
    body = handle.inner_test if handle is not None else item.obj
    fixtures = {name: item.funcargs[name] for name in item._fixtureinfo.argnames}
    tried = 0
    try:
        for example in examples:
            arguments = example.arguments()
            try:
                with warnings.catch_warnings():  # assume() outside hypothesis's engine warns
                    warnings.simplefilter("ignore", HypothesisDeprecationWarning)
                    body(**fixtures, **arguments)
            except UnsatisfiedAssumption:
                continue
            except BaseException as exc:
                if example.kwargs is not None and isinstance(exc, Exception) and "input:" not in str(exc):
                    # the suites' own messages show the input; anything else gets hypothesis's note
                    exc.add_note(falsifying_note(item.name, example.arguments()))
                raise
            tried += 1
    finally:
        submission.end_prefetch()
    if handle is not None and not tried:
        # fail closed: the reference satisfied these assumptions, so something is off
        raise AssertionError(f"{item.name}: no recorded example satisfied the test's assumptions")


def falsifying_note(test_name: str, arguments: dict) -> str:
    """The note hypothesis would add to a failure: which drawn input broke the test."""
    from .suites.checks import fmt

    lines = [f"Falsifying example: {test_name}("]
    lines += [f"    {name}={fmt(value)}," for name, value in arguments.items()]
    return "\n".join(lines + [")"])
