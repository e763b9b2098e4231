"""The codec between grader and worker: plain data round-trips exactly, everything else is refused."""
from __future__ import annotations

import base64
import builtins
import io
import json
import pickle
import socket
import warnings

import numpy as np
import pytest

from autograder.sandbox import codec
from autograder.sandbox.codec import CodecError


def wire(value, **kwargs):
    """Encode, cross a real frame on a socket pair, decode: what the other side gets."""
    left, right = socket.socketpair()
    with left, right:
        codec.send_frame(left, {"value": codec.encode(value, **kwargs)})
        return codec.decode(codec.recv_frame(right)["value"])


def identical(a, b) -> bool:
    """Same type all the way down and the same value (NaN equals NaN, arrays by dtype and bytes)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
    if isinstance(a, np.generic):
        return a.dtype == b.dtype and a.tobytes() == b.tobytes()
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(map(identical, a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(identical(a[k], b[k]) for k in a)
    if isinstance(a, float):
        return repr(a) == repr(b)  # keeps -0.0 apart from 0.0, and nan equal to nan
    if isinstance(a, complex):
        return identical(a.real, b.real) and identical(a.imag, b.imag)
    return a == b


PLAIN = {
    "none": None, "bools": [True, False], "int": -7, "big int": 2**200, "float": 0.1,
    "nan": float("nan"), "inf": float("inf"), "-inf": float("-inf"), "-0.0": -0.0,
    "complex": complex(1.5, -2), "complex nan inf": complex(float("nan"), float("inf")),
    "text": "naïve ✓ \x00 text", "bytes": b"\x00\xff bytes", "empty list": [],
    "nested": [1, [2.5, ["three"]]], "tuple": (1, (2, 3), ()),
    "dict with int keys": {1: "one", -2: [2.0], 3: {4: (5,)}},
    "dict with tuple keys": {(1, 2): "pair", "s": None},
    "numpy scalars": [np.float64(1.25), np.float32("nan"), np.int8(-3), np.uint64(2**63),
                      np.bool_(True), np.complex128(1 - 2j), np.datetime64("2024-01-02")],
    "float array": np.arange(6.0).reshape(2, 3),
    "special floats": np.array([np.nan, np.inf, -np.inf, -0.0]),
    "int arrays": [np.array([1, -2], dtype=np.int32), np.array([2**40], dtype=np.int64),
                   np.array([255], dtype=np.uint8)],
    "bool array": np.array([[True], [False]]),
    "complex array": np.array([1 + 2j, np.nan * 1j]),
    "str array": np.array(["a", "bcd", "ë"]),
    "bytes array": np.array([b"ab", b"c"]),
    "empty array": np.zeros((0, 3)),
    "0-d array": np.array(4.5),
    "big-endian": np.array([1.0, 2.0], dtype=">f8"),
    "fortran order": np.asfortranarray(np.arange(6).reshape(2, 3)),
    "strided view": np.arange(10)[::3],
}


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_plain_data_round_trips_exactly(name):
    value = PLAIN[name]
    got = wire(value)
    assert identical(got, value), (value, got)


def test_a_decoded_array_is_a_fresh_writable_plain_ndarray():
    got = wire(np.arange(4.0)[::2])
    assert type(got) is np.ndarray and got.flags.writeable and got.flags.owndata
    np.testing.assert_array_equal(got, [0.0, 2.0])


def test_object_arrays_are_refused_even_with_a_reference_hook():
    refs = []
    for value in (np.array([1, "a"], dtype=object), np.array([(1, None)], dtype=[("a", int), ("b", object)])):
        with pytest.raises(CodecError):
            codec.encode(value)
        with pytest.raises(CodecError):
            codec.encode(value, reference=lambda v: refs.append(v) or {"$h": [1, "x"]})
    assert refs == []  # data that is not plain is refused, not smuggled as a reference


with warnings.catch_warnings():
    warnings.simplefilter("ignore", PendingDeprecationWarning)
    MATRIX = np.matrix([[1.0, 2.0]])


class Liar(np.ndarray):
    def __eq__(self, other):
        return True


class Float(float):
    def __eq__(self, other):
        return True


@pytest.mark.parametrize("value", [
    MATRIX, np.arange(3.0).view(Liar), np.ma.masked_array([1.0, 2.0]),
    Float(1.0), np.random.default_rng(0), object(), lambda x: x], ids=lambda v: type(v).__name__)
def test_anything_else_becomes_a_reference_not_data(value):
    seen = []

    def reference(obj):
        seen.append(obj)
        return {"$h": [len(seen), type(obj).__name__]}

    encoded = codec.encode([value], reference=reference)
    assert seen == [value] or seen[0] is value
    assert encoded == [{"$h": [1, type(value).__name__]}]
    with pytest.raises(CodecError):
        codec.encode(value)  # and without a hook it is refused outright


def test_references_decode_only_through_the_hooks_given():
    data = {"$h": [3, "Model"]}
    assert codec.decode(data, references={"$h": lambda body: ("handle", *body)}) == ("handle", 3, "Model")
    with pytest.raises(CodecError, match="unknown tag"):
        codec.decode(data)


def test_oversized_frames_are_refused_on_both_sides():
    left, right = socket.socketpair()
    with left, right:
        with pytest.raises(CodecError):
            codec.send_frame(left, {"x": "y" * (codec.MAX_FRAME + 1)})
        left.sendall(codec._HEADER.pack(codec.MAX_FRAME + 1))  # a header that promises too much
        with pytest.raises(CodecError, match="larger than the limit"):
            codec.recv_frame(right)
    with pytest.raises(CodecError, match="too large"):
        codec.encode(np.zeros(codec.MAX_FRAME // 2 + 1, dtype=np.uint8))
    with pytest.raises(CodecError, match="too large"):
        codec.encode(np.broadcast_to(0.0, (10**9,)))  # no memory of its own, 8 GB as data


def test_unreadable_frames_are_refused():
    for body in (b"{not json", b"[1, 2]", b"\"text\"", b"[" * 100_000 + b"]" * 100_000):
        left, right = socket.socketpair()
        with left, right:
            left.sendall(codec._HEADER.pack(len(body)) + body)
            with pytest.raises(CodecError):
                codec.recv_frame(right)
    left, right = socket.socketpair()
    with right:
        left.sendall(codec._HEADER.pack(10) + b"{}")
        left.close()
        with pytest.raises(EOFError):
            codec.recv_frame(right)


def test_a_trickled_frame_is_cut_off_at_the_deadline():
    import threading
    import time

    left, right = socket.socketpair()
    stop = threading.Event()

    def trickle():
        left.sendall(codec._HEADER.pack(1000))
        while not stop.is_set():
            left.sendall(b" ")  # every byte would restart a plain socket timeout
            time.sleep(0.05)

    sender = threading.Thread(target=trickle)
    sender.start()
    started = time.monotonic()
    try:
        with pytest.raises(TimeoutError):
            codec.recv_frame(right, deadline=time.monotonic() + 0.5)
    finally:
        stop.set()
        sender.join()
        left.close(), right.close()
    assert time.monotonic() - started < 1.0


def nested(depth: int):
    value = []
    for _ in range(depth):
        value = [value]
    return value


def test_too_deep_nesting_is_refused_both_ways():
    assert wire(nested(codec.MAX_DEPTH - 1)) == nested(codec.MAX_DEPTH - 1)
    for depth in (codec.MAX_DEPTH + 2, 10_000):
        with pytest.raises(CodecError, match="deeper"):
            codec.encode(nested(depth))
    with pytest.raises(CodecError):
        codec.decode(json.loads("[" * 900 + "]" * 900))
    looped = []
    looped.append(looped)
    with pytest.raises(CodecError):
        codec.encode(looped)


def test_too_many_values_are_refused(monkeypatch):
    monkeypatch.setattr(codec, "MAX_NODES", 1000)
    assert len(codec.decode(list(range(999)))) == 999
    with pytest.raises(CodecError, match="more than 1000 values"):
        codec.decode(list(range(1000)))


def array_body(dtype: str, shape, data: bytes):
    return {"$nd": [dtype, shape, base64.b64encode(data).decode()]}


@pytest.mark.parametrize("body", [
    array_body("|O", [1], b"\x00" * 8),                 # objects: pointers from the other side
    array_body("object", [1], b"\x00" * 8),
    array_body("V8", [1], b"\x00" * 8),                 # raw void
    array_body("[('a', '<f8')]", [1], b"\x00" * 8),     # structured
    array_body("<f8", [2], b"\x00" * 8),                # fewer bytes than the shape needs
    array_body("<f8", [1], b"\x00" * 9),                # more
    array_body("<f8", [-1], b"\x00" * 8),               # negative dimension
    array_body("<f8", [1.0], b"\x00" * 8),              # non-integer dimension
    array_body("<f8", [True], b"\x00" * 8),
    array_body("<f8", [1] * 33, b"\x00" * 8),           # too many dimensions
    array_body("<U0", [10**12], b""),                   # zero-byte items: 10**12 of them for free
    array_body("S0", [10**6, 10**6], b""),
    array_body("<f8", [0, 10**30], b""),                # an impossible empty shape
    array_body("<M8[xyz]", [1], b"\x00" * 8),           # not a datetime unit
    {"$nd": ["<f8", [1], "not base64!"]},
    {"$nd": ["<f8", [1]]},
    {"$nd": "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgfQ=="},
    {"$np": ["<f8", [2], base64.b64encode(b"\x00" * 16).decode()]},  # a scalar must be 0-d
], ids=lambda b: json.dumps(b)[:40])
def test_malformed_array_payloads_are_refused(body):
    with pytest.raises(CodecError):
        codec.decode(body)


def pickled_npy() -> bytes:
    """A .npy file whose payload is a pickle that, if ever loaded, would run code."""

    class Payload:
        def __reduce__(self):
            return exec, ("import builtins; builtins.AUTOGRADER_PICKLE_RAN = True",)

    buffer = io.BytesIO()
    np.save(buffer, np.array([Payload()], dtype=object), allow_pickle=True)
    return buffer.getvalue()


def test_a_pickle_inside_an_npy_payload_is_never_loaded():
    raw = pickled_npy()
    assert b"AUTOGRADER_PICKLE_RAN" in raw and pickle.PROTO in raw  # it really carries a pickle
    with pytest.raises(ValueError):
        np.load(io.BytesIO(raw), allow_pickle=False)  # numpy's own guard, for the record
    b64 = base64.b64encode(raw).decode()
    for body in ({"$nd": b64}, {"$nd": ["|O", [1], b64]}, {"$np": ["|O", [], b64]}):
        with pytest.raises(CodecError):
            codec.decode(body)
    as_bytes = codec.decode({"$bytes": b64})
    as_array = codec.decode(array_body("|u1", [len(raw)], raw))
    assert as_bytes == raw and as_array.tobytes() == raw  # inert data at most
    assert not hasattr(builtins, "AUTOGRADER_PICKLE_RAN")


@pytest.mark.parametrize("data", [
    {"$complex": ["1", "2"]}, {"$complex": [1]}, {"$complex": "12"}, {"$float": "1.5"},
    {"$bytes": 12}, {"$bytes": "%%%"}, {"$tuple": "ab"}, {"$dict": [[[1], 2]]}, {"$dict": [[1]]},
    {"$dict": "x"}, {"$a": 1, "$b": 2}, {"$unknown": 1}, {"$h": [1, "x"]},
], ids=lambda d: json.dumps(d))
def test_malformed_values_raise_only_codec_errors(data):
    with pytest.raises(CodecError):
        codec.decode(data)
