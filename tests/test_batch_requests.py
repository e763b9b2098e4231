"""Prefetched batches against real workers: a batched test gets the answers, errors and charges a live one gets.

Each case runs the same steps twice on fresh submissions of the same folder, once live and
once after prefetching the calls a reference run recorded, and compares every outcome
(values with their dtypes, CallInfo, exceptions with their messages, ``where`` and limits).
Round trips are counted as the frames the grader sends to workers, never as seconds.
"""
from __future__ import annotations

import os
import re
import time

import numpy as np
import pytest

from autograder.errors import SubmissionProblem
from autograder.sandbox import codec
from autograder.sandbox.bounds import DEADLINE_PASSED, grading_deadline
from autograder.sandbox.callinfo import CallInfo
from autograder.sandbox.client import SandboxSubmission
from autograder.sandbox.inprocess import InProcessSubmission
from autograder.sandbox.remote import RemoteHandle

pytestmark = pytest.mark.timeout(120)

MODULE = "linear_algebra"  # its ``inner`` may not call numpy.dot: a Forbidden outcome to compare
SOURCE = '''
import os
import time

import numpy as np

MODE = {mode!r}


def sq(x):
    return x * x


def same(x):
    return x


def arr(n, dtype="float32"):
    return np.arange(n, dtype=dtype)


def stats(x, *, ddof=0):
    return float(np.mean(x)), np.float64(np.var(x, ddof=ddof)), [1, (2, 3)], {{"k": np.int16(4)}}


def double_inplace(x):
    x *= 2
    return x


def boom(x):
    raise ValueError(f"bad {{x}}")


def stub(x):
    raise NotImplementedError("fill me in")


def inner(a, b):
    return float(np.dot(a, b))


class Box:
    def __init__(self, items):
        self.items = list(items)

    def total(self):
        return sum(self.items)

    def explode(self):
        if MODE == "student":
            os._exit(4)
        return 0


def make_box(*items):
    return Box(items)


def unbox(box):
    return box.total()


def apply(f, x):
    return f(x)


def say(x):
    print("said", x)
    return x


def slow(x):
    time.sleep(0.25)
    return x


def hang(x):
    if MODE == "student":
        time.sleep(60)
    return x


def crash(x):
    if MODE == "student":
        os._exit(3)
    return x


def segfault(x):
    if MODE == "student":
        import ctypes
        ctypes.string_at(0)
    return x


def bomb(x):
    if MODE == "student":
        return np.ones(10**11)
    return x


def big(x):
    if MODE == "student":
        return "x" * (3 * 2**20)
    return x
'''


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """``reference``: every function answers; ``student``: the same file, with its hostile branches on."""
    made = {}
    for mode in ("reference", "student"):
        folder = tmp_path_factory.mktemp(mode)
        (folder / f"{MODULE}.py").write_text(SOURCE.format(mode=mode), encoding="utf-8")
        made[mode] = folder
    return made


class Sends:
    """Counts the requests the grader sends to workers: one per round trip, one per batch.

    A new worker's import and the answer to a callback are not the test's requests.
    """

    def __init__(self, monkeypatch):
        self.count = 0
        real = codec.send_payload

        def counting(sock, data):
            if not any(f'"op":"{op}"'.encode() in data for op in ("import", "return", "raise")):
                self.count += 1
            return real(sock, data)

        monkeypatch.setattr(codec, "send_payload", counting)


@pytest.fixture
def sends(monkeypatch):
    return Sends(monkeypatch)


def described(value):
    """A value as comparable plain data: arrays by dtype, shape and bytes, handles by type."""
    if isinstance(value, np.ndarray):
        return ("ndarray", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, np.generic):
        return (type(value).__name__, value.tobytes())
    if isinstance(value, RemoteHandle):
        return ("handle", value.type_name)
    if isinstance(value, CallInfo):
        return ("CallInfo", value.mutated, value.shares_memory)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [described(v) for v in value])
    if isinstance(value, dict):
        return ("dict", [(k, described(v)) for k, v in value.items()])
    if type(value) is float:
        return ("float", repr(value))  # NaN equals itself here
    return (type(value).__name__, value)


def outcome(step, module):
    try:
        return ("value", described(step(module)))
    except (Exception, SubmissionProblem) as exc:
        return ("raised", [c.__name__ for c in type(exc).__mro__][:3], str(exc), getattr(exc, "where", None),
                getattr(exc, "remote_traceback", None), getattr(exc, "limit", None),
                getattr(exc, "cause", None))


class Run:
    """One test's steps on a fresh submission: their outcomes, the frames they sent, what was printed."""

    def __init__(self, folder, steps, sends, *, requests=None, call_timeout=10.0, record=False):
        sub = SandboxSubmission(folder, call_timeout=call_timeout)
        try:
            module = sub.module(MODULE)
            module._start()  # the import is no part of the test
            sub.take_output()
            before = sends.count
            if requests is not None:
                sub.prefetch(requests)
            self.batch_sends = sends.count - before
            if record:
                sub.start_recording()
            before = sends.count
            self.outcomes = [outcome(step, module) for step in steps]
            self.sends = sends.count - before
            self.recorded = sub.stop_recording() if record else None
            self.queued = len(module._prefetched.queue)
            sub.end_prefetch()
            self.output = sub.take_output()
            self.budget = sub.budget
            self.generation = module._generation
        finally:
            sub.close()


def recorded(folder, steps, sends, **kwargs):
    return Run(folder, steps, sends, record=True, **kwargs).recorded


def live_and_batched(folders, steps, sends, *, reference="reference", student="student", same=repr,
                     **kwargs):
    """The steps run live and batched on ``student``, batched with the calls recorded on ``reference``.

    ``same`` maps an outcome to what must be equal (a measured time in a message is not).
    """
    requests = recorded(folders[reference], steps, sends, **kwargs)
    live = Run(folders[student], steps, sends, **kwargs)
    batched = Run(folders[student], steps, sends, requests=requests, **kwargs)
    assert [same(o) for o in batched.outcomes] == [same(o) for o in live.outcomes]
    return live, batched


# ---------------------------------------------------------------- the same answers, fewer round trips

PLAIN_STEPS = [
    lambda m: m.sq(3),
    lambda m: m.sq(2.5),
    lambda m: m.arr(4),
    lambda m: m.arr(3, dtype="int16"),
    lambda m: m.stats(np.array([1.0, 2.0, np.nan]), ddof=1),
    lambda m: m.stats([1.0, 2.0, 4.0]),
    lambda m: m.inspect_call("double_inplace", np.array([1.0, 2.0])),
    lambda m: m.boom(7),
    lambda m: m.inner(np.array([1.0, 2.0]), np.array([3.0, 4.0])),
    lambda m: m.with_timeout(5).sq(4),
    lambda m: m.sq(np.float32(1.5)),
    lambda m: m.stub(1),  # last: a stub ends a batch (test_a_batch_ends_at_a_stub)
]


def test_answers_from_a_batch_equal_live_answers(folders, sends):
    live, batched = live_and_batched(folders, PLAIN_STEPS, sends, reference="student")
    kinds = [o[1][0] if o[0] == "raised" else "value" for o in live.outcomes]
    assert kinds.count("value") == 9 and {"ValueError", "NotImplementedYet", "Forbidden"} <= set(kinds)
    assert live.outcomes[2][1] == ("ndarray", "<f4", (4,), np.arange(4, dtype="float32").tobytes())
    assert live.outcomes[6][1][1][1] == ("CallInfo", ("arg0",), ("arg0",))
    line = SOURCE.splitlines().index('    raise ValueError(f"bad {{x}}")') + 1
    assert live.outcomes[7][3] == f"{folders['student'].name}/{MODULE}.py:{line}"  # the student's line
    assert live.sends == len(PLAIN_STEPS)
    assert batched.batch_sends == 1 and batched.sends == 0 and batched.queued == 0
    assert batched.budget.received == live.budget.received  # the same replies, charged once each
    assert {k: v[0] for k, v in batched.budget.by_function.items()} == {
        k: v[0] for k, v in live.budget.by_function.items()}


def test_a_handle_from_a_batch_works_afterwards(folders, sends):
    steps = [
        lambda m: m.make_box(1, 2, 3),
        lambda m: m.sq(5),
    ]
    requests = recorded(folders["student"], steps, sends)
    sub = SandboxSubmission(folders["student"])
    try:
        module = sub.module(MODULE)
        sub.prefetch(requests)
        before = sends.count
        box = module.make_box(1, 2, 3)
        assert isinstance(box, RemoteHandle) and box.type_name == f"{MODULE}.Box"
        assert sends.count == before  # answered from the batch
        assert box.total() == 6  # handle requests (getattr, call) go live, to the same worker
        assert module.sq(5) == 25 and sends.count == before + 2  # the queue survived them
        assert module.unbox(box) == 6  # a call with a handle goes live
        assert len(sub.stop_recording()) == 0  # not recording
    finally:
        sub.close()


def test_a_batched_test_makes_one_round_trip_instead_of_one_per_call(folders, sends):
    steps = [lambda m, i=i: m.sq(i) for i in range(25)]
    live, batched = live_and_batched(folders, steps, sends)
    assert [o[1] for o in batched.outcomes] == [("int", i * i) for i in range(25)]
    assert live.sends == 25
    assert batched.batch_sends == 1 and batched.sends == 0


# ---------------------------------------------------------------- the test goes its own way

def test_a_different_call_drops_the_queue_and_the_rest_goes_live(folders, sends):
    requests = recorded(folders["student"], [lambda m, i=i: m.sq(i) for i in range(1, 5)], sends)
    steps = [lambda m: m.sq(1), lambda m: m.sq(5), lambda m: m.sq(3), lambda m: m.sq(4)]
    run = Run(folders["student"], steps, sends, requests=requests)
    assert [o[1] for o in run.outcomes] == [("int", 1), ("int", 25), ("int", 9), ("int", 16)]
    assert run.sends == 3  # sq(5) diverged: it and every later call went live


def test_a_call_with_another_timeout_does_not_match(folders, sends):
    requests = recorded(folders["student"], [lambda m: m.sq(2), lambda m: m.sq(3)], sends)
    run = Run(folders["student"], [lambda m: m.with_timeout(5).sq(2), lambda m: m.sq(3)], sends,
              requests=requests)
    assert [o[1] for o in run.outcomes] == [("int", 4), ("int", 9)]
    assert run.sends == 2


def test_a_request_that_cannot_be_batched_goes_live_and_leaves_the_queue(folders, sends):
    steps = [lambda m: m.sq(1), lambda m: m.apply(lambda x: x + 1, 2), lambda m: m.sq(2)]
    live, batched = live_and_batched(folders, steps, sends)
    assert [o[1] for o in batched.outcomes] == [("int", 1), ("int", 3), ("int", 4)]
    assert batched.sends == 1  # the callback call; sq(2) still came from the batch


def test_a_worker_restart_drops_the_queue(folders, sends):
    """A handle request crashes the worker: the answers read from it go, sq(2) runs in a new one."""
    steps = [lambda m: m.sq(1), lambda m: m.make_box(1).explode(), lambda m: m.sq(2)]
    live, batched = live_and_batched(folders, steps, sends)
    assert batched.outcomes[1][1][0] == "WorkerCrashed" and "exited with code 4" in batched.outcomes[1][2]
    assert batched.outcomes[2] == ("value", ("int", 4))
    assert batched.sends == 3 and batched.generation == 2  # getattr, its call, and sq(2)


# ---------------------------------------------------------------- failures inside a batch

def test_a_hang_is_waited_for_once_and_remembered(folders, sends):
    steps = [
        lambda m: m.sq(1),
        lambda m: m.hang(2),
        lambda m: m.hang(3),
        lambda m: m.sq(4),
    ]
    started = time.monotonic()
    live, batched = live_and_batched(folders, steps, sends, call_timeout=1.0)
    assert time.monotonic() - started < 30  # two runs, one wait each (not a timing: a bound on a hang)
    assert batched.outcomes[1][1][0] == "SubmissionTimeout" and batched.outcomes[1][5] == 1.0
    assert "did not finish within 1 s" in batched.outcomes[1][2]
    assert "timed out earlier in this run" in batched.outcomes[2][2]
    assert batched.outcomes[3] == ("value", ("int", 16))
    # sq(1) and the hang came from the batch; hang(3) failed at once; sq(4) started a new worker
    assert batched.batch_sends == 1 and batched.sends == 1 and batched.generation == 2
    assert batched.budget.spent_s < 2 * 1.0  # the hang was waited for once, in the batch


@pytest.mark.parametrize("function, status", [("crash", "exited with code 3"),
                                              ("segfault", "killed by SIGSEGV")])
def test_a_worker_that_dies_inside_a_batch(folders, sends, function, status):
    steps = [
        lambda m: m.sq(1),
        lambda m: getattr(m, function)(2),
        lambda m: m.sq(3),
        lambda m: getattr(m, function)(4),
    ]
    live, batched = live_and_batched(folders, steps, sends)
    assert batched.outcomes[1][1][0] == "WorkerCrashed" and status in batched.outcomes[1][2]
    assert batched.outcomes[2] == ("value", ("int", 9))
    assert batched.sends == 2  # the calls after the crash went live, in new workers


def test_a_memory_bomb_inside_a_batch(folders, sends):
    steps = [lambda m: m.bomb(1), lambda m: m.sq(2), lambda m: m.bomb(3), lambda m: m.sq(4)]
    live, batched = live_and_batched(folders, steps, sends)
    assert "MemoryError" in batched.outcomes[0][1]
    assert batched.outcomes[2][1][0] == "WorkerCrashed" and batched.outcomes[2][6] == "out_of_memory"
    assert batched.outcomes[3] == ("value", ("int", 16))
    assert batched.sends == 0  # the worker lived on; bomb(3) was refused without a request


def test_an_oversized_reply_inside_a_batch(folders, sends):
    steps = [lambda m: m.sq(1), lambda m: m.big(2), lambda m: m.sq(3)]
    live, batched = live_and_batched(folders, steps, sends)
    assert batched.outcomes[1][1][0] == "ProtocolError" and "larger than the limit" in batched.outcomes[1][2]
    assert batched.outcomes[2] == ("value", ("int", 9))
    assert batched.sends == 1 and batched.generation == 2


def test_a_handle_before_a_failure_is_not_taken_from_the_killed_worker(folders, sends):
    """Live, the box's worker is still running when the test uses it; so it must be here."""
    steps = [lambda m: m.make_box(1, 2), lambda m: m.make_box(3).total(), lambda m: m.crash(0),
             lambda m: m.sq(2)]
    live, batched = live_and_batched(folders, steps, sends)
    assert batched.outcomes[1] == ("value", ("int", 3))
    assert batched.outcomes[2][1][0] == "WorkerCrashed"


def test_a_handle_whose_worker_died_is_gone(folders, sends):
    sub = SandboxSubmission(folders["student"])
    try:
        module = sub.module(MODULE)
        box = module.make_box(1)
        with pytest.raises(SubmissionProblem, match="died"):
            module.crash(0)
        with pytest.raises(SubmissionProblem, match="lived in a worker that has stopped since"):
            box.total()
    finally:
        sub.close()


# ---------------------------------------------------------------- budget and output

def test_a_function_s_time_budget_runs_out_at_the_same_call(folders, sends):
    """Each slow call takes 0.25 s of a 2.5 s share (5 x 0.5 s): ten run, the rest are refused."""
    steps = [lambda m, i=i: m.slow(i) for i in range(12)] + [lambda m: m.sq(3)]
    live, batched = live_and_batched(folders, steps, sends, call_timeout=0.5,
                                     same=lambda o: re.sub(r"took [0-9.]+ s", "took ... s", repr(o)))
    answered = [o for o in batched.outcomes[:12] if o[0] == "value"]
    assert len(answered) == 10
    assert all("was not run: its calls in this grading already took" in o[2] for o in batched.outcomes[10:12])
    assert batched.outcomes[12] == ("value", ("int", 9)) and batched.sends == 0
    for run in (live, batched):
        assert run.budget.held == pytest.approx([0, 0.0], abs=1e-9)  # every held charge counts by now
    assert batched.budget.by_function["slow"][1] == pytest.approx(12 * 0.25, abs=0.5)  # it ran all twelve


def test_a_hang_cut_short_by_the_grading_s_deadline(folders, sends):
    steps = [lambda m: m.sq(1), lambda m: m.hang(2), lambda m: m.sq(3)]
    with grading_deadline(2.0):
        live, batched = live_and_batched(folders, steps, sends,
                                         same=lambda o: re.sub(r"after [0-9.]+ s", "after ... s", repr(o)))
    assert "was stopped after" in batched.outcomes[1][2] and DEADLINE_PASSED in batched.outcomes[1][2]
    assert batched.outcomes[1][5] is None  # not its own limit: the next test may call it again
    assert "was not run" in batched.outcomes[2][2]


def test_printed_output_appears_once(folders, sends):
    steps = [lambda m: m.say("a"), lambda m: m.sq(2), lambda m: m.say("b")]
    live, batched = live_and_batched(folders, steps, sends)
    assert live.output == batched.output == "said a\nsaid b\n"


# ---------------------------------------------------------------- recording

RECORDED_STEPS = [
    lambda m: m.sq(3),
    lambda m: m.stats(np.array([1.0, np.inf, np.nan]), ddof=1),
    lambda m: m.arr(2, dtype="int8"),
    lambda m: m.with_timeout(2.5).sq((1, [2.0, {"k": b"v"}])),
    lambda m: m.inspect_call("double_inplace", np.eye(2)),
    lambda m: m.apply(abs, -1),  # a callback: not listed
    lambda m: m.make_box(1),
    lambda m: m.unbox(m.make_box(2)),  # a handle argument: not listed, the make_box inside is
    lambda m: m.make_box(3).total(),  # a handle request: not listed
    lambda m: m.boom(1),
]


def test_recording_lists_only_prefetchable_calls_with_the_same_bytes_every_time(folders, sends):
    first = recorded(folders["student"], RECORDED_STEPS, sends)
    second = recorded(folders["student"], RECORDED_STEPS, sends)
    assert first == second
    assert [(module, codec.parse_frame(data)["func"], timeout) for module, data, timeout in first] == [
        (MODULE, "sq", None), (MODULE, "stats", None), (MODULE, "arr", None), (MODULE, "sq", 2.5),
        (MODULE, "double_inplace", None), (MODULE, "make_box", None), (MODULE, "make_box", None),
        (MODULE, "make_box", None), (MODULE, "boom", None)]
    assert all(type(data) is bytes and b'"$cb":' not in data and b'"$ref":' not in data for _, data, _ in first)
    message = {"op": "call", "args": [1], "module": MODULE}
    assert codec.frame_payload(message) == codec.frame_payload(dict(reversed(message.items())))


RECORD_IN_A_PROCESS = """
import sys
import numpy as np
from autograder.sandbox.client import SandboxSubmission

sub = SandboxSubmission(sys.argv[1])
module = sub.module(sys.argv[2])
sub.start_recording()
module.stats(np.linspace(0, 1, 7), ddof=1)
module.with_timeout(3).same({"b": (1.5, None), "a": [np.float32(2), b"x"]})
for _, data, _ in sub.stop_recording():
    sys.stdout.write(data.hex() + "\\n")
sub.close()
"""


def test_the_recorded_bytes_are_the_same_in_another_process(folders, sends):
    import subprocess
    import sys

    steps = [lambda m: m.stats(np.linspace(0, 1, 7), ddof=1),
             lambda m: m.with_timeout(3).same({"b": (1.5, None), "a": [np.float32(2), b"x"]})]
    here = [data.hex() for _, data, _ in recorded(folders["student"], steps, sends)]
    there = [subprocess.run([sys.executable, "-c", RECORD_IN_A_PROCESS, str(folders["student"]), MODULE],
                            capture_output=True, text=True, timeout=100, env={**os.environ, "PYTHONHASHSEED": seed})
             for seed in ("1", "2")]
    assert all(done.returncode == 0 for done in there), there[0].stderr[-2000:]
    assert [done.stdout.split() for done in there] == [here, here]


def test_prefetch_never_raises_for_what_it_is_given(folders, sends, tmp_path):
    (tmp_path / f"{MODULE}.py").write_text("raise RuntimeError('no import')\n", encoding="utf-8")
    good = recorded(folders["student"], [lambda m: m.sq(2)], sends)
    junk = [(MODULE, b"not json", None), (MODULE, b'{"op":"judge","h":1}', None),
            ("other_module", good[0][1], None), (MODULE, b'{"op":"call","func":"sq","args":[{"$cb":1}]}', None)]
    for folder in (tmp_path, folders["student"]):
        sub = SandboxSubmission(folder)
        try:
            sub.prefetch(junk + good)
            module = sub.module(MODULE)
            if folder == tmp_path:
                with pytest.raises(SubmissionProblem, match="importing linear_algebra.py failed"):
                    module.sq(2)
            else:
                assert len(module._prefetched.queue) == 1 and module.sq(2) == 4
        finally:
            sub.close()


def test_the_in_process_submission_has_the_same_face(folders):
    sub = InProcessSubmission(folders["reference"])
    sub.start_recording()
    assert sub.module(MODULE).sq(3) == 9
    assert sub.stop_recording() == []
    sub.prefetch([(MODULE, b"{}", None)])
    sub.end_prefetch()


# ---------------------------------------------------------------- the worker's side

def test_the_worker_refuses_a_batch_in_a_batch_and_a_callback(folders):
    sub = SandboxSubmission(folders["student"])
    try:
        module = sub.module(MODULE)
        module._start()
        call = {"op": "call", "module": MODULE, "func": "sq", "args": [3], "kwargs": {"$dict": []}}
        callback = dict(call, func="apply", args=[{"$cb": 1}, 2])
        codec.send_frame(module._sock, {"op": "batch", "requests": [call, {"op": "batch", "requests": [call]},
                                                                    callback, "junk", call]})
        replies = [codec.recv_frame(module._sock, time.monotonic() + 10) for _ in range(5)]
        assert [r["op"] for r in replies] == ["result", "error", "error", "error", "result"]
        assert replies[0]["value"] == replies[4]["value"] == 9
        assert "single requests only" in replies[1]["message"] == replies[3]["message"]
        assert "cannot call back the grader" in replies[2]["message"]
        assert module.sq(4) == 16  # and it serves single requests again
    finally:
        sub.close()


def test_the_worker_streams_each_reply_as_soon_as_it_is_ready(folders):
    sub = SandboxSubmission(folders["reference"])
    try:
        module = sub.module(MODULE)
        module._start()
        call = {"op": "call", "module": MODULE, "func": "sq", "args": [2], "kwargs": {"$dict": []}}
        slow = dict(call, func="slow")
        codec.send_frame(module._sock, {"op": "batch", "requests": [call] + [slow] * 8})
        first = codec.recv_frame(module._sock, time.monotonic() + 10)
        assert first["value"] == 4
        module._sock.setblocking(False)
        with pytest.raises(BlockingIOError):  # the slow ones are still running
            module._sock.recv(1)
    finally:
        sub.close()


def test_a_batch_ends_at_a_stub(folders, sends):
    """A stub's NotImplementedError ends the batch (the test stops there): the worker runs no
    further and the grader reads no further; a later call, if the test makes one, goes live."""
    steps = [lambda m: m.sq(2), lambda m: m.stub(1), lambda m: m.sq(3), lambda m: m.sq(4)]
    live, batched = live_and_batched(folders, steps, sends)
    assert batched.outcomes[1][0] == "raised" and "not implemented" in batched.outcomes[1][2]
    assert batched.batch_sends == 1 and batched.sends == 2  # sq(3) and sq(4) went live, in turn
    assert batched.queued == 0


def test_a_memory_blow_up_is_not_run_again_in_its_batch(folders, tmp_path):
    """After a function's first MemoryError the worker skips its later requests in the batch (the
    live path never sends them: the function is refused), so one bomb is not set off per example."""
    import socket

    from autograder.curriculum import forbidden_lists
    from autograder.sandbox.worker import Worker

    ours, theirs = socket.socketpair()
    worker = Worker(theirs, folders["student"].resolve(), forbidden_lists())
    worker.answer({"op": "import", "module": MODULE})
    calls = [codec.parse_frame(codec.frame_payload(  # as the worker receives them
        {"op": "call", "module": MODULE, "func": f, "args": codec.encode([x]), "kwargs": codec.encode({})}))
        for f, x in (("bomb", 1), ("sq", 2), ("bomb", 3), ("sq", 4))]
    worker.batch(calls)
    replies = [codec.recv_frame(ours, deadline=time.monotonic() + 10) for _ in calls]
    assert [r.get("base") for r in replies] == ["MemoryError", None, "MemoryError", None], replies
    assert "skipped" in replies[2]["message"] and "skipped" not in replies[0]["message"]
    ours.close()
    theirs.close()
