"""Landlock for a worker: the folders it may read and the ones it may write, nothing else.

Part of the worker's confinement (``confine``); apart because it is its own kernel interface.
Where the kernel lacks Landlock the worker still runs; :func:`landlock_abi` tells which
version a machine has.
"""
from __future__ import annotations

import ctypes
import os
import struct
from pathlib import Path

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long

# ---------------------------------------------------------------- Landlock: what may be read and written

_SYS_CREATE, _SYS_ADD_RULE, _SYS_RESTRICT = 444, 445, 446
_READ = (1 << 0) | (1 << 2) | (1 << 3)          # execute, read file, read dir
_FILE_RIGHTS = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 14) | (1 << 15)


def landlock_abi() -> int:
    abi = _libc.syscall(_SYS_CREATE, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(int(abi), 0)


def _fs_rights(abi: int) -> int:
    rights = (1 << 13) - 1
    if abi >= 2:
        rights |= 1 << 13  # refer
    if abi >= 3:
        rights |= 1 << 14  # truncate
    if abi >= 5:
        rights |= 1 << 15  # ioctl on devices
    return rights


def readable_roots(excluded: list[Path], extra: list[Path]) -> list[Path]:
    """Folders a worker may read: Python and its libraries, system folders, minus ``excluded``.

    Landlock only allows, it cannot deny below an allowed folder, so a root that contains
    an excluded path is opened up child by child around it.
    """
    import sys

    excluded = [p.resolve() for p in excluded if p.exists()]
    candidates = {Path(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    candidates |= {Path(p) for p in sys.path if p.endswith(("site-packages", "dist-packages"))}
    candidates |= {Path(p) for p in ("/usr", "/lib", "/lib64", "/etc", "/bin", "/opt")}
    candidates |= set(extra)
    out: list[Path] = []

    def allow(root: Path) -> None:
        blocked = [e for e in excluded if e == root or root in e.parents]
        if not blocked:
            out.append(root)
            return
        if root in blocked:
            return
        try:
            children = list(root.iterdir())
        except OSError:
            return
        for child in children:
            allow(child)

    for root in sorted(candidates):
        root = root.resolve() if root.exists() else root
        if root.exists():
            allow(root)
    return out


def restrict_filesystem(readable: list[Path], writable: list[Path]) -> int:
    """Apply Landlock: read ``readable``, read and write ``writable``, no TCP, no signals out.

    Returns the ABI in force (0: not available, nothing restricted).
    """
    abi = landlock_abi()
    if abi < 1:
        return 0
    handled = _fs_rights(abi)
    fields = [handled]
    if abi >= 4:
        fields.append(0b11)      # bind and connect TCP: handled, never allowed
    if abi >= 6:
        fields.append(0b11)      # scoped: abstract unix sockets and signals stay inside
    attr = struct.pack(f"{len(fields)}Q", *fields)
    fd = _libc.syscall(_SYS_CREATE, attr, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0))
    if fd < 0:
        return 0
    try:
        def add(path: Path, rights: int) -> None:
            try:
                pfd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                return
            try:
                if not path.is_dir():
                    rights &= _FILE_RIGHTS
                rule = struct.pack("=Qi", rights & handled, pfd)
                _libc.syscall(_SYS_ADD_RULE, ctypes.c_int(fd), ctypes.c_int(1), rule, ctypes.c_uint32(0))
            finally:
                os.close(pfd)

        for path in readable:
            add(path, _READ)
        for path in writable:
            add(path, handled)
        add(Path("/dev/null"), (1 << 1) | (1 << 2))
        add(Path("/dev/urandom"), 1 << 2)
        if _libc.prctl(38, 1, 0, 0, 0) != 0:
            return 0
        if _libc.syscall(_SYS_RESTRICT, ctypes.c_int(fd), ctypes.c_uint32(0)) != 0:
            return 0
    finally:
        os.close(fd)
    return abi
