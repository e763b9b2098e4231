"""Reading one reply from a worker under its bounds: its own size cap, the grading's bytes, a deadline.

Shared by a live request and a prefetched batch, so both read every reply the same way.
"""
from __future__ import annotations

from . import bounds, codec


class ReplyReader:
    """Reads the reply to one request, answering the callbacks the worker makes meanwhile."""

    def __init__(self, sock, budget: bounds.GradingBudget, answer_callback):
        self.sock = sock
        self.budget = budget
        self.answer_callback = answer_callback
        self.received = 0
        self.cut_by_budget = False  # the last frame's cap was the grading's bytes, not the reply's own
        self.handles = False  # the reply holds an object that stays in the worker
        self.raw = b""  # the reply's own bytes, as they came (the answer key compares them)

    def read(self, deadline: float, limit: int) -> dict:
        while True:
            cap = min(limit, max(self.budget.bytes_room - self.received, 0))  # callbacks count too
            self.cut_by_budget = cap < limit
            data = codec.recv_frame_bytes(self.sock, deadline=deadline, max_bytes=cap,
                                          max_items=bounds.MAX_REPLY_ITEMS)
            self.received += len(data)
            reply = codec.parse_frame(data)
            if reply.get("op") != "callback":
                self.handles = b'"$h":' in data
                self.raw = data
                return reply
            self.answer_callback(reply)
