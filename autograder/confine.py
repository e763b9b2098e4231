"""Operating-system limits for a worker: resource limits, no new processes, a filesystem allow-list.

Each defence degrades on its own: where the kernel lacks seccomp or Landlock the worker
still runs, and :func:`confine` reports which defences are in force.
"""
from __future__ import annotations

import ctypes
import os
import platform
import resource
import signal
import struct
from pathlib import Path

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long

# ---------------------------------------------------------------- resource limits


def _vm_size() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def set_limits(memory_bytes: int, cpu_seconds: int, file_bytes: int) -> None:
    """Address space beyond what is already mapped, CPU seconds, file size, no core dumps."""
    limits = {
        resource.RLIMIT_AS: _vm_size() + memory_bytes,
        resource.RLIMIT_CPU: cpu_seconds,
        resource.RLIMIT_FSIZE: file_bytes,
        resource.RLIMIT_CORE: 0,
    }
    for which, value in limits.items():
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an oversized write fails instead of killing


# ---------------------------------------------------------------- seccomp: no fork, no exec'd children

_ARCH = {  # audit arch, syscalls that create processes (fork, vfork, clone, clone3)
    "x86_64": (0xC000003E, {"fork": 57, "vfork": 58, "clone": 56, "clone3": 435}),
    "aarch64": (0xC00000B7, {"clone": 220, "clone3": 435}),
}
_CLONE_THREAD = 0x00010000
_RET_ALLOW = 0x7FFF0000


def _ret_errno(errno_value: int) -> int:
    return 0x00050000 | errno_value


def _bpf(code, jt, jf, k):
    return struct.pack("HBBI", code, jt, jf, k)


def forbid_new_processes() -> bool:
    """Install a seccomp filter: threads may be created, processes may not (EPERM)."""
    machine = platform.machine()
    if machine not in _ARCH:
        return False
    arch, calls = _ARCH[machine]
    ld_w, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    prog = [
        _bpf(ld_w, 0, 0, 4),                    # 0: A = arch
        _bpf(jeq, 1, 0, arch),                  # 1: native arch? skip the deny
        _bpf(ret, 0, 0, _ret_errno(1)),         # 2: foreign syscall ABI: EPERM
        _bpf(ld_w, 0, 0, 0),                    # 3: A = syscall number
        _bpf(jge, 0, 1, 0x40000000),            # 4: x32 ABI on x86_64
        _bpf(ret, 0, 0, _ret_errno(1)),         # 5
    ]
    deny = [calls[name] for name in ("fork", "vfork") if name in calls]
    # Layout after the prefix: one jeq per denied call, clone3, clone, allow, deny, enosys, clone check.
    body = []
    n_checks = len(deny) + 2
    for i, nr in enumerate(deny):
        to_deny = (n_checks - i - 1) + 1  # skip remaining checks and the allow
        body.append(_bpf(jeq, to_deny, 0, nr))
    body.append(_bpf(jeq, 3, 0, calls["clone3"]))          # -> enosys
    body.append(_bpf(jeq, 3, 0, calls["clone"]))           # -> clone check
    body.append(_bpf(ret, 0, 0, _RET_ALLOW))               # allow
    body.append(_bpf(ret, 0, 0, _ret_errno(1)))            # deny: EPERM
    body.append(_bpf(ret, 0, 0, _ret_errno(38)))           # clone3: ENOSYS, libc falls back to clone
    body.append(_bpf(ld_w, 0, 0, 16))                      # A = low word of clone flags
    body.append(_bpf(jset, 0, 1, _CLONE_THREAD))           # a thread?
    body.append(_bpf(ret, 0, 0, _RET_ALLOW))
    body.append(_bpf(ret, 0, 0, _ret_errno(1)))
    code = b"".join(prog + body)
    filters = ctypes.create_string_buffer(code, len(code))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(code) // 8, ctypes.addressof(filters))
    if _libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        return False
    return _libc.prctl(22, 2, ctypes.byref(fprog), 0, 0) == 0  # PR_SET_SECCOMP, FILTER


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
