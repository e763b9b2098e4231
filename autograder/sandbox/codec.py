"""The narrow codec between the grader and a worker: JSON structure, arrays as raw bytes.

Never pickle. A decoded array is a plain ``ndarray`` rebuilt from a checked dtype, shape and bytes;
anything that is not plain data crosses as a reference (a handle to an object that stays
in the worker, or a callback answered by the grader). Frames are length-prefixed and
capped, and decoding is bounded in depth and size, so a hostile worker can send nothing
but data.
"""
from __future__ import annotations

import base64
import json
import math
import re
import struct
import time

import numpy as np

MAX_FRAME = 64 * 2**20   # bytes of one message
MAX_DEPTH = 64           # nesting of lists/tuples/dicts
MAX_NODES = 2_000_000    # values in one message
MAX_BATCH = 10_000       # requests in one batch (the batch itself is one message)
_HEADER = struct.Struct(">Q")


class CodecError(ValueError):
    """A value that the codec refuses to carry, or a frame it refuses to read."""


class FrameTooLarge(CodecError):
    """A frame refused by its length alone: its bytes were never read (the channel is unusable)."""


# ---------------------------------------------------------------- framing

def frame_payload(message: dict) -> bytes:
    """The bytes a message is sent as: compact JSON with sorted keys.

    Deterministic, so the same call with the same arguments gives the same bytes in every
    process and every run (a test's recorded requests are matched against them).
    """
    return json.dumps(message, separators=(",", ":"), allow_nan=False, sort_keys=True).encode()


def send_payload(sock, data: bytes) -> int:
    """Send the bytes of one message (see ``frame_payload``); returns its size in bytes."""
    if len(data) > MAX_FRAME:
        raise CodecError(f"message of {len(data)} bytes is larger than the limit of {MAX_FRAME}")
    sock.sendall(_HEADER.pack(len(data)) + data)
    return len(data)


def send_frame(sock, message: dict) -> int:
    """Send one message; returns its size in bytes."""
    return send_payload(sock, frame_payload(message))


def _recv_exact(sock, n: int, deadline: float | None) -> bytes:
    chunks, got = [], 0
    while got < n:
        if deadline is not None:
            # Per read, a socket timeout restarts with every byte: a worker trickling one
            # byte at a time would hold the grader forever. The deadline is for the whole frame.
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the other side did not send a whole message in time")
            sock.settimeout(remaining)
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the channel")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def recv_frame_bytes(sock, deadline: float | None = None, *, max_bytes: int = MAX_FRAME,
                     max_items: int | None = None) -> bytes:
    """The raw bytes of the next message; with ``deadline`` (a ``time.monotonic()`` value), all by then.

    ``max_bytes`` refuses a frame by its header, before reading it; ``max_items`` refuses
    one whose JSON would build more than that many lists, objects and values, counted on
    the raw bytes (a C-speed count) before ``json.loads`` spends memory on them.
    """
    (size,) = _HEADER.unpack(_recv_exact(sock, _HEADER.size, deadline))
    if size > max_bytes:
        raise FrameTooLarge(f"a message of {size} bytes is larger than the limit of {max_bytes}")
    data = _recv_exact(sock, size, deadline)
    if max_items is not None:
        items = data.count(b",") + data.count(b"[") + data.count(b"{")
        if items > max_items:
            raise CodecError(f"a message of about {items} values is more than the limit of {max_items}")
    return data


def parse_frame(data: bytes) -> dict:
    try:
        message = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise CodecError(f"unreadable message: {str(exc)[:200]}") from None
    if not isinstance(message, dict):
        raise CodecError("a message must be a JSON object")
    return message


def recv_frame(sock, deadline: float | None = None) -> dict:
    """The next message; with ``deadline`` (a ``time.monotonic()`` value), all of it by then."""
    return parse_frame(recv_frame_bytes(sock, deadline))


def ends_batch(reply: dict) -> bool:
    """A stub's reply ends a batch: its test stops there, the rest would be run for nothing."""
    return bool(reply.get("notimpl"))


# ---------------------------------------------------------------- values

_DTYPE = re.compile(r"^[<>|=]?[biufcUSmM]\d{1,3}(\[[a-zA-Z]{1,2}\])?$")


def _npy(array: np.ndarray):
    """An array as [dtype, shape, base64 of its bytes]: no header to parse, nothing to unpickle."""
    if array.dtype.hasobject or not _DTYPE.match(array.dtype.str):
        raise CodecError(f"arrays of dtype {array.dtype} cannot be sent; use a numeric or text dtype")
    if array.nbytes > MAX_FRAME // 2:
        raise CodecError(f"an array of {array.nbytes} bytes is too large to send")
    data = np.ascontiguousarray(array).tobytes()
    return [array.dtype.str, list(array.shape), base64.b64encode(data).decode("ascii")]


def _from_npy(body) -> np.ndarray:
    if (not isinstance(body, list) or len(body) != 3 or not isinstance(body[0], str)
            or not isinstance(body[1], list) or not isinstance(body[2], str)):
        raise CodecError("malformed array")
    dtype_text, shape, payload = body
    if not _DTYPE.match(dtype_text) or not all(type(n) is int and 0 <= n for n in shape) or len(shape) > 32:
        raise CodecError("malformed array: bad dtype or shape")
    try:
        dtype = np.dtype(dtype_text)
        data = base64.b64decode(payload, validate=True)
    except (TypeError, ValueError) as exc:
        raise CodecError(f"malformed array: {exc}") from None
    count = math.prod(shape)
    if dtype.itemsize == 0 or len(data) != count * dtype.itemsize:
        raise CodecError("malformed array: size does not match shape")
    return np.frombuffer(data, dtype=dtype, count=count).reshape(shape).copy()


def _float(x: float):
    if math.isfinite(x):
        return x
    return {"$float": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


def encode(value, *, reference=None, depth: int = 0):
    """Plain data to JSON-ready structure; ``reference(value)`` encodes anything else.

    Exact types only: a subclass of ``float`` or ``ndarray`` is not plain data, because its
    methods (``__eq__``, ``__array_finalize__``) would be code from the other side.
    """
    if depth > MAX_DEPTH:
        raise CodecError(f"value nested deeper than {MAX_DEPTH} levels")
    t = type(value)
    if value is None or t is bool or t is str:
        return value
    if t is int:
        if value.bit_length() > 4096:
            raise CodecError("integer too large to send")
        return value
    if t is float:
        return _float(value)
    if t is complex:
        return {"$complex": [_float(value.real), _float(value.imag)]}
    if t is bytes:
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if t is np.ndarray:
        return {"$nd": _npy(value)}
    if isinstance(value, np.generic) and t.__module__ == "numpy" and not isinstance(value, np.object_):
        return {"$np": _npy(np.asarray(value))}
    if t is list or t is tuple:
        items = [encode(v, reference=reference, depth=depth + 1) for v in value]
        return items if t is list else {"$tuple": items}
    if t is dict:
        return {"$dict": [[encode(k, reference=reference, depth=depth + 1),
                           encode(v, reference=reference, depth=depth + 1)] for k, v in value.items()]}
    if reference is not None:
        return reference(value)
    raise CodecError(f"cannot send a {t.__module__}.{t.__qualname__}")


_TAGS = {"$float", "$complex", "$bytes", "$nd", "$np", "$tuple", "$dict"}


def decode(data, *, references=None):
    """The inverse of :func:`encode`; ``references`` maps the other tags ("$h", "$cb", "$ref")."""
    count = [0]

    def walk(node, depth):
        count[0] += 1
        if count[0] > MAX_NODES:
            raise CodecError(f"more than {MAX_NODES} values in one message")
        if depth > MAX_DEPTH:
            raise CodecError(f"value nested deeper than {MAX_DEPTH} levels")
        if node is None or isinstance(node, (bool, int, float, str)):
            return node
        if isinstance(node, list):
            return [walk(v, depth + 1) for v in node]
        if not isinstance(node, dict) or len(node) != 1:
            raise CodecError("malformed value")
        ((tag, body),) = node.items()
        if tag == "$float":
            if body not in ("nan", "inf", "-inf"):
                raise CodecError("malformed float")
            return float(body)
        if tag == "$complex":
            if not isinstance(body, list) or len(body) != 2:
                raise CodecError("malformed complex")
            re_, im = (walk(v, depth + 1) for v in body)
            if not all(type(part) in (int, float) for part in (re_, im)):
                raise CodecError("malformed complex")
            return complex(re_, im)
        if tag == "$bytes":
            if not isinstance(body, str):
                raise CodecError("malformed bytes")
            return base64.b64decode(body, validate=True)
        if tag == "$nd":
            return _from_npy(body)
        if tag == "$np":
            array = _from_npy(body)
            if array.shape != ():
                raise CodecError("malformed scalar")
            return array[()]
        if tag == "$tuple":
            if not isinstance(body, list):
                raise CodecError("malformed tuple")
            return tuple(walk(v, depth + 1) for v in body)
        if tag == "$dict":
            if not isinstance(body, list):
                raise CodecError("malformed dict")
            out = {}
            for pair in body:
                if not isinstance(pair, list) or len(pair) != 2:
                    raise CodecError("malformed dict")
                key = walk(pair[0], depth + 1)
                try:
                    out[key] = walk(pair[1], depth + 1)
                except TypeError:
                    raise CodecError("unhashable dict key") from None
            return out
        if references is not None and tag in references:
            return references[tag](body)
        raise CodecError(f"unknown tag {tag!r}")

    try:
        return walk(data, 0)
    except RecursionError:
        raise CodecError("value nested too deeply") from None
    except CodecError:
        raise
    except (TypeError, ValueError, OverflowError, MemoryError) as exc:  # a malformed body in a known tag
        raise CodecError(f"malformed value: {type(exc).__name__}: {exc}") from None
