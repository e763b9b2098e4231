"""Operating-system limits for a worker: resource limits, no capabilities, seccomp, Landlock.

Each defence degrades on its own: where the kernel lacks seccomp or Landlock the worker
still runs (docs/security.md says what is then lost); :func:`landlock_abi` tells which
Landlock version a machine has.
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


# ---------------------------------------------------------------- capabilities

_CAPSET = {"x86_64": 126, "aarch64": 91}


def drop_capabilities() -> bool:
    """Give up every capability: under a grader run as root, the worker is root without root's powers.

    Without this, a root worker could raise its own limits (CAP_SYS_RESOURCE), change its
    user, renice, load modules or reboot. With no_new_privs set later, an exec cannot
    bring them back. Capabilities belong to a thread; the worker has only one here.
    """
    number = _CAPSET.get(platform.machine())
    if number is None:
        return False
    header = struct.pack("Ii", 0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this thread
    empty = bytes(24)                          # effective, permitted, inheritable: twice 32 bits
    return _libc.syscall(ctypes.c_long(number), header, empty) == 0


# ---------------------------------------------------------------- seccomp: no processes, sockets, signals out

_ARCH = {  # audit arch, then the system calls the filter looks at
    "x86_64": (0xC000003E, {
        "fork": 57, "vfork": 58, "clone": 56, "clone3": 435,
        "socket": 41, "socketpair": 53, "ptrace": 101, "process_vm_readv": 310,
        "process_vm_writev": 311, "pidfd_open": 434, "pidfd_send_signal": 424, "pidfd_getfd": 438,
        "unshare": 272, "setns": 308,
        "kill": 62, "tkill": 200, "tgkill": 234, "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297}),
    "aarch64": (0xC00000B7, {
        "clone": 220, "clone3": 435,
        "socket": 198, "socketpair": 199, "ptrace": 117, "process_vm_readv": 270,
        "process_vm_writev": 271, "pidfd_open": 434, "pidfd_send_signal": 424, "pidfd_getfd": 438,
        "unshare": 97, "setns": 268,
        "kill": 129, "tkill": 130, "tgkill": 131, "rt_sigqueueinfo": 138, "rt_tgsigqueueinfo": 240}),
}
# Refused outright: other processes, new sockets (UDP, raw, named Unix sockets such as a
# Docker socket are beyond Landlock's reach), tracing, and new namespaces.
_DENIED = ("fork", "vfork", "socket", "socketpair", "ptrace", "process_vm_readv",
           "process_vm_writev", "pidfd_open", "pidfd_send_signal", "pidfd_getfd", "unshare", "setns")
# Allowed only when the first argument is the worker itself, so signals stay inside even
# where Landlock cannot scope them (before ABI 6).
_SIGNALS = ("kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo")
_CLONE_THREAD = 0x00010000
_RET_ALLOW = 0x7FFF0000
_LD_W, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_NR, _ARCH_FIELD, _ARG0_LOW = 0, 4, 16  # offsets in struct seccomp_data (little-endian)


def _ret_errno(errno_value: int) -> int:
    return 0x00050000 | errno_value


def _assemble(program: list) -> bytes:
    """BPF from ``(code, true_label, false_label, k)`` rows and label strings; None = fall through."""
    rows = [row for row in program if not isinstance(row, str)]
    where, index = {}, 0
    for row in program:
        if isinstance(row, str):
            where[row] = index
        else:
            index += 1
    code = []
    for i, (op, true, false, k) in enumerate(rows):
        jt = 0 if true is None else where[true] - i - 1
        jf = 0 if false is None else where[false] - i - 1
        if not (0 <= jt < 256 and 0 <= jf < 256):
            raise ValueError(f"BPF row {i} jumps out of reach ({jt}, {jf})")
        code.append(struct.pack("HBBI", op, jt, jf, k & 0xFFFFFFFF))
    return b"".join(code)


def seccomp_program(machine: str, pid: int) -> bytes | None:
    """The filter for a worker whose process id is ``pid``; None on an unknown architecture."""
    if machine not in _ARCH:
        return None
    arch, calls = _ARCH[machine]
    program = [(_LD_W, None, None, _ARCH_FIELD), (_JEQ, None, "deny", arch),
               (_LD_W, None, None, _NR)]
    if machine == "x86_64":
        program.append((_JGE, "deny", None, 0x40000000))  # the x32 ABI
    program += [(_JEQ, "deny", None, calls[name]) for name in _DENIED if name in calls]
    program += [(_JEQ, "enosys", None, calls["clone3"]),   # libc then falls back to clone
                (_JEQ, "clone", None, calls["clone"])]
    program += [(_JEQ, "target", None, calls[name]) for name in _SIGNALS]
    program += [(_RET, None, None, _RET_ALLOW),
                "clone", (_LD_W, None, None, _ARG0_LOW),
                (_JSET, "allow", "deny", _CLONE_THREAD),          # a thread, not a process
                "target", (_LD_W, None, None, _ARG0_LOW),         # pid_t: the low 32 bits
                (_JEQ, "allow", None, pid), (_JEQ, "allow", None, 0), (_JEQ, "allow", "deny", -pid),
                "allow", (_RET, None, None, _RET_ALLOW),          # BPF jumps only forward: exits last
                "deny", (_RET, None, None, _ret_errno(1)),        # EPERM
                "enosys", (_RET, None, None, _ret_errno(38))]     # ENOSYS
    return _assemble(program)


def forbid_new_processes() -> bool:
    """Install the seccomp filter: threads yes; processes, sockets, tracing and signals out no (EPERM)."""
    code = seccomp_program(platform.machine(), os.getpid())
    if code is None:
        return False
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
