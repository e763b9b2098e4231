"""Answers read ahead: a test's expected calls sent to their worker in one batch, used while the test follows them.

The grader knows the calls a test made when the reference solutions were graded. Sent in one
batch, they cost one round trip instead of one each; the worker answers them in turn and
streams a reply per call, each read under the bounds of a live call (its own timeout since
the previous reply, its size caps, the grading's budget). The test's own calls are then
answered from the queue while their bytes and timeout match, in order; the first that differs
drops the rest, and it and every later call go live as usual.
"""
from __future__ import annotations

import json
import time
from collections import deque
from dataclasses import dataclass

from . import bounds, codec
from ..errors import SubmissionProblem
from .reply import ReplyReader

_BATCH_HEAD, _BATCH_TAIL = b'{"op":"batch","requests":[', b"]}"


def prefetchable(data: bytes) -> bool:
    """A call that carries no callback and no handle: its answer depends on its bytes alone.

    In the codec's JSON a tag is the only object key that starts with ``$``, and a quote in a
    string is always escaped, so ``"$cb":`` appears exactly where a callback is sent.
    """
    return b'"$cb":' not in data and b'"$ref":' not in data


@dataclass
class Answer:
    """One prefetched call: its request, what it cost, and its reply or the error it ended in."""

    data: bytes | None  # None: a place kept for a call the test makes live
    timeout: float | None
    function: str
    nbytes: int = 0
    seconds: float = 0.0
    reply: dict | None = None
    error: BaseException | None = None
    handles: bool = False
    raw: bytes = b""  # the reply's bytes (``answer_key``)


class Prefetched:
    """The queue of one module's answers read ahead; ``RemoteModule.call`` consumes it."""

    def __init__(self, module):
        self.module = module
        self.queue: deque[Answer] = deque()

    def take(self, data: bytes, timeout: float | None) -> Answer | None:
        """The answer to this prefetchable call if it is the next one; otherwise the test went its own way.

        A place kept for a live call (one that carries an earlier answer, ``answer_guard``) is
        passed: that call goes live and the answers after it wait.
        """
        if self.queue and self.queue[0].data is None:
            self.queue.popleft()
            return None
        if self.queue and self.queue[0].data == data and self.queue[0].timeout == timeout:
            return self._pop()
        self.drop()
        return None

    def skip(self, function: str) -> None:
        """A call of ``function`` was refused before it was sent: the answer read for it goes too."""
        if self.queue and (self.queue[0].data is None or self.queue[0].function == function):
            self.queue.popleft() if self.queue[0].data is None else self._pop()

    def drop(self) -> None:
        while self.queue:
            if self.queue[0].data is None:
                self.queue.popleft()
            else:
                self._pop()

    def _pop(self) -> Answer:
        answer = self.queue.popleft()
        self.module._submission.budget.release(answer.function, answer.nbytes, answer.seconds)
        return answer

    # -- reading a batch

    def fetch(self, requests: list[tuple[bytes, float | None]]) -> None:
        """Send ``requests`` in one batch and read every reply; trouble only means fewer answers."""
        m = self.module
        self.drop()
        budget = m._submission.budget
        try:
            budget.check()
        except bounds.BudgetSpent:
            return
        calls = self._calls(requests)
        sent = [call for call in calls if call[0] is not None]
        if not sent:
            return
        try:
            m._start()
        except SubmissionProblem:  # the module's import failed: its live calls say so
            return
        answers = self._read(sent, _BATCH_HEAD + b",".join(data for data, _, _ in sent) + _BATCH_TAIL)
        m._collect_output()
        for answer in answers:
            budget.hold(answer.function, answer.nbytes, answer.seconds)
        read = iter(answers)
        left = len(answers)
        for data, timeout, name in calls:  # the places of live calls kept, up to the last answer read
            if data is None:
                self.queue.append(Answer(None, timeout, name))
            elif left:
                self.queue.append(next(read))
                left -= 1
            else:
                break

    def _calls(self, requests) -> list[tuple[bytes, float | None, str]]:
        """The requests worth sending: calls of this module the live path would run, as many as fit a frame."""
        m = self.module
        budget = m._submission.budget
        calls, size = [], len(_BATCH_HEAD) + len(_BATCH_TAIL)
        for data, timeout in requests:
            if data is None:  # a call to make live, in its place (it carries an earlier answer)
                calls.append((None, timeout, ""))
                continue
            try:
                message = json.loads(data)
            except ValueError:
                continue
            if (type(message) is not dict or message.get("op") != "call" or message.get("module") != m._name
                    or type(message.get("func")) is not str or not prefetchable(data)):
                continue  # not a call the test could be answered from the queue for
            name = message["func"]
            if name in m._timed_out or name in m._exhausted:
                continue  # refused without a request, so the queue stays in step without it
            try:
                budget.check_function(name, max(timeout or m._timeout, m._timeout))
            except bounds.BudgetSpent:
                continue
            size += len(data) + 1
            if size > codec.MAX_FRAME or len(calls) >= codec.MAX_BATCH:
                break  # the rest go live
            calls.append((data, timeout, name))
        return calls

    def _read(self, calls, frame: bytes) -> list[Answer]:
        """Each reply in turn, as a live call reads its own; the first failure ends the batch."""
        m = self.module
        budget = m._submission.budget
        answers: list[Answer] = []
        since = time.monotonic()
        for index, (data, own_timeout, name) in enumerate(calls):
            answer = Answer(data, own_timeout, name)
            what = f"{m._name}.{name}"
            try:
                left = budget.check()
            except bounds.BudgetSpent:  # the live call and all after it are refused: no one waits
                m._kill()
                return _before_handles(answers)
            timeout = own_timeout or m._timeout
            reader = ReplyReader(m._sock, budget, m._answer_callback)
            try:
                if index == 0:
                    m._sock.settimeout(min(timeout, left))
                    codec.send_payload(m._sock, frame)
                answer.reply = reader.read(since + min(timeout, left), bounds.reply_limit(len(data)))
            except (OSError, EOFError, codec.CodecError) as exc:
                answer.error = m._failure(exc, what, timeout, left, reader)
            arrived = time.monotonic()
            answer.nbytes, answer.seconds, answer.handles = reader.received, arrived - since, reader.handles
            answer.raw = reader.raw
            since = arrived
            budget.charge(answer.nbytes, answer.seconds)
            budget.charge_function(name, answer.nbytes, answer.seconds)
            answers.append(answer)
            if answer.error is not None:  # the worker is gone: nothing after this reply is read
                return _before_handles(answers)
            if type(answer.reply) is dict and codec.ends_batch(answer.reply):
                return answers  # the worker ends a batch there: what follows goes live if asked
        return answers


def _before_handles(answers: list[Answer]) -> list[Answer]:
    """The answers before the first that holds a handle: a handle from a worker killed early would be dead.

    Live, that worker would still be running when the test uses the handle; the call that
    returned it goes live again, in a new worker.
    """
    for index, answer in enumerate(answers):
        if answer.handles:
            return answers[:index]
    return answers
