"""What a test's round trips cost: cheap calls answered live, one round trip each, or prefetched in one batch.

Both in this process, against the same worker: the live run sends every call and waits for
its answer; the batched run sends the calls the live run recorded in one batch (that batch is
part of its time), then makes the same calls and is answered from the queue.
"""
from __future__ import annotations

import time
from pathlib import Path

from .measure import Figure, Unavailable

PROBE_MODULE = "numpy_basics"
CALLS = 25


def calls(submission: Path, times: int, n: int = CALLS) -> dict[str, Figure]:
    """Milliseconds for ``n`` calls of ``describe``, live and batched; the round trips of each in ``extra``."""
    if not (submission / f"{PROBE_MODULE}.py").is_file():
        raise Unavailable(f"{PROBE_MODULE}.py is not in the workload's solutions")
    from autograder.sandbox import codec
    from autograder.sandbox.client import SandboxSubmission

    sub = SandboxSubmission(submission)
    sent = [0]
    real_send = codec.send_payload

    def counting(sock, data):
        sent[0] += 1
        return real_send(sock, data)

    def test(module):
        for i in range(n):
            if module.describe([1, 2, i]) != (3, (3,), 1):
                raise Unavailable("the probe worker answered describe wrongly")

    live, batched, trips = [], [], {}
    codec.send_payload = counting
    try:
        module = sub.module(PROBE_MODULE)
        sub.start_recording()
        test(module)  # also starts the worker: neither run pays for that
        requests = sub.stop_recording()
        for _ in range(max(1, times)):
            for runs, prefetch in ((live, None), (batched, requests)):
                before, started = sent[0], time.perf_counter()
                if prefetch:
                    sub.prefetch(prefetch)
                test(module)
                sub.end_prefetch()
                runs.append((time.perf_counter() - started) * 1000)
                trips["live" if prefetch is None else "batched"] = sent[0] - before
    finally:
        codec.send_payload = real_send
        sub.close()
    note = f"{n} calls of {PROBE_MODULE}.describe in one process"
    return {"calls_live_ms": Figure(live, unit="ms", note=f"{note}, {trips['live']} round trips",
                                    extra={"round_trips": trips["live"]}),
            "calls_batched_ms": Figure(batched, unit="ms", note=f"{note}, {trips['batched']} round trip(s)",
                                       extra={"round_trips": trips["batched"]})}
