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

# Landlock is part of the confinement, in a module of its own; callers use it through here.
from .landlock import landlock_abi, readable_roots, restrict_filesystem  # noqa: F401

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


# ---------------------------------------------------------------- seccomp: nothing reaches another process

# A deny-list, not an allow-list: NumPy, SciPy, scikit-learn, matplotlib, OpenBLAS and the
# C library between them make a long, version-dependent set of ordinary calls (threads,
# futexes, memory maps, files, clocks, random numbers), and an allow-list that misses one
# breaks honest work in ways no test foresees. What must not happen is narrow and can be
# listed completely: a new process, a socket, a signal or a limit aimed at another
# process, tracing or reading another process, a namespace or mount, kernel interfaces an
# unprivileged exploit starts from. Every entry below is one of these; a system call newer
# than the table this list was reviewed against (up to number 469) answers ENOSYS, so a
# future kernel's additions are refused, not allowed, until reviewed.

_COMMON = {  # the numbers x86-64 and arm64 share (asm-generic from 403 on)
    "clone3": 435, "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
    "pidfd_open": 434, "pidfd_send_signal": 424, "pidfd_getfd": 438, "process_madvise": 440,
    "process_mrelease": 448, "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431,
    "fsmount": 432, "fspick": 433, "mount_setattr": 442, "open_tree_attr": 467, "quotactl_fd": 443,
}
_ARCH = {  # audit arch, the system call numbers the filter names, the first number not reviewed
    "x86_64": (0xC000003E, dict(_COMMON, **{
        "fork": 57, "vfork": 58, "clone": 56, "socket": 41, "socketpair": 53,
        "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "kcmp": 312,
        "unshare": 272, "setns": 308, "kill": 62, "tkill": 200, "tgkill": 234,
        "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297, "fcntl": 72, "ioctl": 16,
        "bpf": 321, "perf_event_open": 298, "userfaultfd": 323, "keyctl": 250, "add_key": 248,
        "request_key": 249, "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161,
        "kexec_load": 246, "kexec_file_load": 320, "init_module": 175, "finit_module": 313,
        "delete_module": 176, "reboot": 169, "swapon": 167, "swapoff": 168, "acct": 163,
        "syslog": 103, "name_to_handle_at": 303, "open_by_handle_at": 304, "fanotify_init": 300,
        "quotactl": 179, "prlimit64": 302, "sched_setaffinity": 203, "sched_setscheduler": 144,
        "sched_setparam": 142, "sched_setattr": 314, "setpriority": 141, "ioprio_set": 251,
        "migrate_pages": 256, "move_pages": 279, "settimeofday": 164, "clock_settime": 227,
        "clock_adjtime": 305, "sethostname": 170, "setdomainname": 171, "vhangup": 153,
        "lookup_dcookie": 212, "iopl": 172, "ioperm": 173, "uselib": 134, "nfsservctl": 180}), 470),
    "aarch64": (0xC00000B7, dict(_COMMON, **{
        "clone": 220, "socket": 198, "socketpair": 199,
        "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271, "kcmp": 272,
        "unshare": 97, "setns": 268, "kill": 129, "tkill": 130, "tgkill": 131,
        "rt_sigqueueinfo": 138, "rt_tgsigqueueinfo": 240, "fcntl": 25, "ioctl": 29,
        "bpf": 280, "perf_event_open": 241, "userfaultfd": 282, "keyctl": 219, "add_key": 217,
        "request_key": 218, "mount": 40, "umount2": 39, "pivot_root": 41, "chroot": 51,
        "kexec_load": 104, "kexec_file_load": 294, "init_module": 105, "finit_module": 273,
        "delete_module": 106, "reboot": 142, "swapon": 224, "swapoff": 225, "acct": 89,
        "syslog": 116, "name_to_handle_at": 264, "open_by_handle_at": 265, "fanotify_init": 262,
        "quotactl": 60, "prlimit64": 261, "sched_setaffinity": 122, "sched_setscheduler": 119,
        "sched_setparam": 118, "sched_setattr": 274, "setpriority": 140, "ioprio_set": 30,
        "migrate_pages": 238, "move_pages": 239, "settimeofday": 170, "clock_settime": 112,
        "clock_adjtime": 266, "sethostname": 161, "setdomainname": 162, "vhangup": 58,
        "lookup_dcookie": 18, "nfsservctl": 42}), 470),
}
# Refused outright (EPERM), by what they would reach.
DENIED = (
    # another process: create, trace, read or write its memory, steal its files
    "fork", "vfork", "ptrace", "process_vm_readv", "process_vm_writev", "process_madvise",
    "process_mrelease", "kcmp", "pidfd_open", "pidfd_send_signal", "pidfd_getfd",
    # sockets: UDP, raw and named Unix sockets are beyond Landlock; io_uring makes sockets
    # (IORING_OP_SOCKET) and runs every other request without passing this filter again
    "socket", "socketpair", "io_uring_setup", "io_uring_enter", "io_uring_register",
    # namespaces, mounts and files by handle, which would sidestep Landlock's paths
    "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "open_tree", "move_mount",
    "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr", "open_tree_attr",
    "name_to_handle_at", "open_by_handle_at",
    # kernel interfaces exploits start from, and the user's keyrings (shared by all its processes)
    "bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key", "fanotify_init",
    "syslog", "lookup_dcookie", "uselib", "nfsservctl",
    # the machine itself (root's capabilities are gone already; this is the second lock)
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot",
    "swapon", "swapoff", "acct", "quotactl", "quotactl_fd", "settimeofday", "clock_settime",
    "clock_adjtime", "sethostname", "setdomainname", "vhangup", "iopl", "ioperm",
)
# Allowed only when their first argument names the worker itself (or 0, itself): a signal,
# a CPU or memory limit (the kernel's SIGKILL at RLIMIT_CPU), a scheduling change.
SIGNALS = ("kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo")  # also -pid: its own group
SELF_ONLY = ("prlimit64", "sched_setaffinity", "sched_setscheduler", "sched_setparam", "sched_setattr",
             "migrate_pages", "move_pages")
# fcntl commands that aim SIGIO/SIGURG (or any signal, F_SETSIG) at a process or group.
F_SETOWN, F_SETSIG, F_SETOWN_EX = 8, 10, 15
# ioctls that do the same (FIOSETOWN, SIOCSPGRP), or act on a terminal another process reads.
IOCTLS = {"FIOSETOWN": 0x8901, "SIOCSPGRP": 0x8902, "TIOCSPGRP": 0x5410, "TIOCSTI": 0x5412,
          "TIOCSCTTY": 0x540E, "TIOCLINUX": 0x541C, "TIOCCONS": 0x541D}
_CLONE_THREAD = 0x00010000
_CLONE_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000
_PRIO_PROCESS, _IOPRIO_WHO_PROCESS = 0, 1
_RET_ALLOW = 0x7FFF0000
_LD_W, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_NR, _ARCH_FIELD = 0, 4  # offsets in struct seccomp_data (little-endian)


def _arg(n: int) -> int:
    """Offset of argument ``n``'s low 32 bits (pid_t, int commands and flags live there)."""
    return 16 + 8 * n


def _ret_errno(errno_value: int) -> int:
    return 0x00050000 | errno_value


_EPERM, _ENOSYS = _ret_errno(1), _ret_errno(38)


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


def _ret(value: int) -> tuple:
    return (_RET, None, None, value)


def _block(name: str, nr: int, body: list) -> list:
    """``body`` runs for system call ``nr`` and must return; other calls skip it (A keeps the number)."""
    return [(_JEQ, None, f"{name}.next", nr), *body, f"{name}.next"]


def _arg_in(name: str, arg: int, values: list[int]) -> list:
    """Allow when argument ``arg`` is one of ``values``, refuse otherwise."""
    return [(_LD_W, None, None, _arg(arg)),
            *[(_JEQ, f"{name}.ok", None, v) for v in values],
            _ret(_EPERM), f"{name}.ok", _ret(_RET_ALLOW)]


def _arg_not_in(name: str, arg: int, values: list[int]) -> list:
    """Refuse when argument ``arg`` is one of ``values``, allow otherwise."""
    return [(_LD_W, None, None, _arg(arg)),
            *[(_JEQ, f"{name}.no", None, v) for v in values],
            _ret(_RET_ALLOW), f"{name}.no", _ret(_EPERM)]


def seccomp_program(machine: str, pid: int) -> bytes | None:
    """The filter for a worker whose process id is ``pid``; None on an unknown architecture."""
    if machine not in _ARCH:
        return None
    arch, calls, first_unreviewed = _ARCH[machine]
    program = [(_LD_W, None, None, _ARCH_FIELD), (_JEQ, "arch.ok", None, arch), _ret(_EPERM),
               "arch.ok", (_LD_W, None, None, _NR)]
    if machine == "x86_64":
        program += [(_JGE, None, "x32.ok", 0x40000000), _ret(_EPERM), "x32.ok"]  # the x32 ABI
    program += [(_JGE, None, "new.ok", first_unreviewed), _ret(_ENOSYS), "new.ok"]
    for name in DENIED:
        if name in calls:
            program += _block(name, calls[name], [_ret(_EPERM)])
    program += _block("clone3", calls["clone3"], [_ret(_ENOSYS)])  # libc then falls back to clone
    program += _block("clone", calls["clone"], [  # a thread, never a process or a namespace
        (_LD_W, None, None, _arg(0)), (_JSET, None, "clone.no", _CLONE_THREAD),
        (_JSET, "clone.no", None, _CLONE_NAMESPACES), _ret(_RET_ALLOW), "clone.no", _ret(_EPERM)])
    for name in SIGNALS:
        program += _block(name, calls[name], _arg_in(name, 0, [pid, 0, -pid]))
    for name in SELF_ONLY:
        program += _block(name, calls[name], _arg_in(name, 0, [pid, 0]))
    for name, which in (("setpriority", _PRIO_PROCESS), ("ioprio_set", _IOPRIO_WHO_PROCESS)):
        program += _block(name, calls[name], [
            (_LD_W, None, None, _arg(0)), (_JEQ, None, f"{name}.no", which),
            *_arg_in(name, 1, [pid, 0]), f"{name}.no", _ret(_EPERM)])
    program += _block("fcntl", calls["fcntl"], _arg_not_in("fcntl", 1, [F_SETOWN, F_SETSIG, F_SETOWN_EX]))
    program += _block("ioctl", calls["ioctl"], _arg_not_in("ioctl", 1, sorted(IOCTLS.values())))
    program.append(_ret(_RET_ALLOW))
    return _assemble(program)


def forbid_new_processes() -> bool:
    """Install the seccomp filter: threads yes; processes, sockets, tracing, signals out no (EPERM)."""
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
