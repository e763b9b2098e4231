"""The worker's kernel-level confinement, probed with real system calls from a confined worker.

Every case runs twice: under the full confinement, and with Landlock switched off
(``AUTOGRADER_NO_LANDLOCK=1``), as on a kernel before Landlock or before its ABI 6, where
the seccomp filter alone must keep sockets, processes and signals in. Each case checks
that the call is refused *and* that its effect did not happen (no signal arrived, no
datagram was heard, no limit changed), and where it can, that the same call outside the
sandbox is not refused, so the refusal is the filter's.
"""
from __future__ import annotations

import ctypes
import errno
import os
import platform
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.sandbox import confine
from autograder.sandbox.client import SandboxSubmission
from autograder.sandbox.environment import NO_LANDLOCK_VARIABLE
from autograder.sandbox.launcher import ForkServer

from .gradekit import watch_processes, write_files

pytestmark = [pytest.mark.timeout(120),
              pytest.mark.skipif(platform.machine() not in ("x86_64", "aarch64"),
                                 reason="the seccomp filter knows x86-64 and arm64")]

NR = confine._ARCH.get(platform.machine(), (0, {}, 0))[1]

PROBE = r'''
import ctypes, errno, os, signal, socket, struct, mmap, threading

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


def call(nr, *args):
    """errno of syscall(nr, *args), 0 when it succeeded (a returned fd is closed)."""
    ctypes.set_errno(0)
    result = libc.syscall(ctypes.c_long(nr), *[ctypes.c_long(a) if isinstance(a, int) else a for a in args])
    if result == -1:
        return ctypes.get_errno()
    return 0


def errnos(calls):
    return {name: call(nr, *args) for name, (nr, args) in calls.items()}


def identity():
    return {"pid": os.getpid(), "pgid": os.getpgid(0), "sid": os.getsid(0), "ppid": os.getppid()}


def fcntl_owner(command, value, use_setsig):
    """Aim a pipe's SIGIO at ``target`` (F_SETOWN / F_SETOWN_EX), then make it fire."""
    import fcntl
    read_end, write_end = os.pipe()
    done = {}
    try:
        if command == "F_SETOWN":
            fcntl.fcntl(read_end, 8, value)
        elif command == "F_SETOWN_EX":
            fcntl.fcntl(read_end, 15, struct.pack("ii", value[0], value[1]))
        done["owner"] = 0
    except OSError as exc:
        done["owner"] = exc.errno
    if use_setsig:
        try:
            fcntl.fcntl(read_end, 10, signal.SIGUSR1)
            done["setsig"] = 0
        except OSError as exc:
            done["setsig"] = exc.errno
    got = []
    old = signal.signal(signal.SIGIO, lambda *a: got.append("SIGIO"))
    try:
        flags = fcntl.fcntl(read_end, fcntl.F_GETFL)
        fcntl.fcntl(read_end, fcntl.F_SETFL, flags | os.O_ASYNC | os.O_NONBLOCK)
        done["async"] = bool(fcntl.fcntl(read_end, fcntl.F_GETFL) & os.O_ASYNC)
        os.write(write_end, b"x")
        os.read(read_end, 1)
    finally:
        signal.signal(signal.SIGIO, old)
        os.close(read_end), os.close(write_end)
    done["worker_got"] = got
    return done


def channel_owner(target):
    """Make the grader's channel socket signal ``target`` whenever the grader writes to it."""
    import fcntl
    fds = [fd for fd in range(3, 64) if _is_socket(fd)]
    done = {"sockets": len(fds)}
    for fd in fds:
        for name, request in (("FIOSETOWN", 0x8901), ("SIOCSPGRP", 0x8902)):
            buffer = ctypes.c_int(target)
            ctypes.set_errno(0)
            done[name] = 0 if libc.ioctl(fd, ctypes.c_ulong(request), ctypes.byref(buffer)) == 0 else ctypes.get_errno()
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_ASYNC)
    return done


def _is_socket(fd):
    import stat
    try:
        return stat.S_ISSOCK(os.fstat(fd).st_mode)
    except OSError:
        return False


def ioctls(requests):
    """errno of each ioctl on /dev/null: ENOTTY from the driver, EPERM from the filter."""
    fd = os.open("/dev/null", os.O_RDWR)
    try:
        out = {}
        for name, request in requests.items():
            buffer = ctypes.create_string_buffer(8)
            ctypes.set_errno(0)
            out[name] = 0 if libc.ioctl(fd, ctypes.c_ulong(request), buffer) == 0 else ctypes.get_errno()
        read_end, write_end = os.pipe()
        os.write(write_end, b"abc")
        count = ctypes.c_int(0)
        libc.ioctl(read_end, ctypes.c_ulong(0x541B), ctypes.byref(count))  # FIONREAD still works
        out["FIONREAD"] = count.value
        os.close(read_end), os.close(write_end)
        return out
    finally:
        os.close(fd)


def io_uring_socket(nr_setup, nr_enter, family, kind, address):
    """io_uring_setup, then an IORING_OP_SOCKET request; the socket it makes sends to ``address``."""
    params = ctypes.create_string_buffer(120)
    ctypes.set_errno(0)
    ring = libc.syscall(ctypes.c_long(nr_setup), ctypes.c_long(4), params)
    if ring < 0:
        return {"setup": ctypes.get_errno()}
    sq_entries, cq_entries = struct.unpack_from("II", params, 0)
    sq_off = struct.unpack_from("IIIIIII", params, 40)   # head tail mask entries flags dropped array
    cq_off = struct.unpack_from("IIIIII", params, 80)    # head tail mask entries overflow cqes
    sq = mmap.mmap(ring, sq_off[6] + 4 * sq_entries, offset=0)
    cq = mmap.mmap(ring, cq_off[5] + 16 * cq_entries, offset=0x8000000)
    sqes = mmap.mmap(ring, 64 * sq_entries, offset=0x10000000)
    sqe = bytearray(64)
    struct.pack_into("BBHi", sqe, 0, 45, 0, 0, family)   # IORING_OP_SOCKET, fd = domain
    struct.pack_into("Q", sqe, 8, kind)                  # off = type
    struct.pack_into("I", sqe, 24, 0)                    # len = protocol
    struct.pack_into("Q", sqe, 32, 7)                    # user_data
    sqes[0:64] = bytes(sqe)
    tail = struct.unpack_from("I", sq, sq_off[1])[0]
    mask = struct.unpack_from("I", sq, sq_off[2])[0]
    struct.pack_into("I", sq, sq_off[6] + 4 * (tail & mask), 0)
    struct.pack_into("I", sq, sq_off[1], tail + 1)
    ctypes.set_errno(0)
    entered = libc.syscall(ctypes.c_long(nr_enter), ctypes.c_long(ring), ctypes.c_long(1),
                           ctypes.c_long(1), ctypes.c_long(1), None, ctypes.c_long(0))
    out = {"setup": 0, "enter": 0 if entered >= 0 else ctypes.get_errno()}
    head = struct.unpack_from("I", cq, cq_off[0])[0]
    cmask = struct.unpack_from("I", cq, cq_off[2])[0]
    _user, fd, _flags = struct.unpack_from("QiI", cq, cq_off[5] + 16 * (head & cmask))
    out["fd"] = fd
    if fd >= 0:
        s = socket.socket(fileno=fd)
        try:
            s.sendto(b"stolen", tuple(address) if family == socket.AF_INET else address)
            out["sent"] = True
        except OSError as exc:
            out["sent"] = exc.errno
        s.close()
    os.close(ring)
    return out


def signal_calls(calls, sig):
    """kill-like calls aimed at another process; errno of each."""
    out = {}
    for name, (nr, args) in calls.items():
        if name.startswith("rt_"):
            info = ctypes.create_string_buffer(128)
            struct.pack_into("iii", info, 0, sig, 0, -1)  # si_code SI_QUEUE
            out[name] = call(nr, *args, sig, info)
        else:
            out[name] = call(nr, *args, sig)
    return out


def limits_and_scheduling(target):
    import resource
    out = {}
    try:
        resource.prlimit(target, resource.RLIMIT_NOFILE)
        out["prlimit_read"] = 0
    except OSError as exc:
        out["prlimit_read"] = exc.errno
    try:  # RLIMIT_CPU would let the kernel kill the target; RLIMIT_CORE shows the same door harmlessly
        resource.prlimit(target, resource.RLIMIT_CORE, (0, 0))
        out["prlimit_set"] = 0
    except OSError as exc:
        out["prlimit_set"] = exc.errno
    for name, attempt in (("renice", lambda: os.setpriority(os.PRIO_PROCESS, target, 19)),
                          ("renice_user", lambda: os.setpriority(os.PRIO_USER, os.getuid(), 19)),
                          ("renice_group", lambda: os.setpriority(os.PRIO_PGRP, os.getpgid(target), 19)),
                          ("affinity", lambda: os.sched_setaffinity(target, {0}))):
        try:
            attempt()
            out[name] = 0
        except OSError as exc:
            out[name] = exc.errno
    # the worker's own limits and priority are still its to lower
    resource.setrlimit(resource.RLIMIT_NOFILE, resource.getrlimit(resource.RLIMIT_NOFILE))
    os.setpriority(os.PRIO_PROCESS, 0, os.getpriority(os.PRIO_PROCESS, 0) + 1)
    out["own"] = "ok"
    return out


def read_files(paths):
    out = {}
    for path in paths:
        try:
            with open(path, "rb") as handle:
                out[path] = handle.read(4096).decode("utf-8", "replace")
        except OSError as exc:
            out[path] = "refused: " + errno.errorcode.get(exc.errno, str(exc.errno))
    return out


def honest_work():
    """What students' code really does still works: threads, BLAS, SciPy, scikit-learn, a figure."""
    import io
    import numpy as np
    import scipy.stats
    from sklearn.linear_model import LogisticRegression
    from sklearn.datasets import make_classification
    import matplotlib.pyplot as plt
    results = []
    thread = threading.Thread(target=lambda: results.append(sum(range(1000))))
    thread.start(), thread.join()
    x, y = make_classification(n_samples=200, n_features=5, random_state=0)
    accuracy = LogisticRegression().fit(x, y).score(x, y)
    figure, axes = plt.subplots()
    axes.plot(np.arange(10) ** 2)
    png = io.BytesIO()
    figure.savefig(png, format="png")
    plt.close(figure)
    return {"thread": results, "accuracy": float(accuracy), "png": png.getvalue()[:4],
            "t": float(scipy.stats.ttest_1samp(np.arange(10.0), 0).pvalue),
            "solve": np.linalg.solve(np.eye(50) * 2, np.ones(50)).tolist()[:2]}
'''


MODES = {"landlock": {}, "seccomp-only": {NO_LANDLOCK_VARIABLE: "1"}}


@pytest.fixture(scope="module", params=sorted(MODES))
def server(request):
    """A warm fork server per mode; it lives in the module, so both modes cost one start each."""
    with pytest.MonkeyPatch.context() as env:
        for name, value in MODES[request.param].items():
            env.setenv(name, value)
        server = ForkServer()
    info = server.ready()
    assert info["landlock"] == (request.param == "landlock")
    yield server
    server.close()


@pytest.fixture
def probe(server, tmp_path):
    """The probe module, loaded in a fresh confined worker of ``server``; closed afterwards."""
    folder = write_files(tmp_path / "submission", {"probe.py": PROBE})
    with watch_processes(ignore={server.process.pid}) as leftovers:
        submission = SandboxSubmission(folder, call_timeout=20, server=server)
        try:
            yield submission.module("probe")
        finally:
            submission.close()
    assert leftovers == [], f"processes left running: {leftovers}"


@pytest.fixture
def caught():
    """Signals this (the grading) process receives while the test runs; none may arrive."""
    got = []
    watched = (signal.SIGUSR1, signal.SIGUSR2, signal.SIGIO, signal.SIGURG, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda number, frame: got.append(signal.Signals(number).name))
                for s in watched}
    yield got
    time.sleep(0.05)  # a queued signal is handled before this returns
    for s, handler in previous.items():
        signal.signal(s, handler)


def io_uring_enabled() -> bool:
    """Whether this kernel lets an ordinary process use io_uring (the sysctl is 0 or absent)."""
    try:
        return Path("/proc/sys/kernel/io_uring_disabled").read_text().strip() == "0"
    except OSError:
        return True


def unconfined(nr, *args) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    ctypes.set_errno(0)
    result = libc.syscall(ctypes.c_long(nr), *[ctypes.c_long(a) for a in args])
    if result >= 0 and nr in (NR.get("socket"), NR.get("pidfd_open"), NR.get("io_uring_setup")):
        os.close(result)
    return ctypes.get_errno() if result == -1 else 0


# ---------------------------------------------------------------- processes, groups, sessions


def test_fork_server_and_worker_each_lead_a_session_of_their_own(server, probe):
    me = {"pgid": os.getpgrp(), "sid": os.getsid(0)}
    server_pid = server.info["pid"]
    assert os.getpgid(server_pid) == os.getsid(server_pid) == server_pid
    worker = probe.identity()
    assert worker["pgid"] == worker["sid"] == worker["pid"]
    assert worker["ppid"] == server_pid
    assert me["pgid"] not in (server_pid, worker["pid"]) and me["sid"] not in (server_pid, worker["pid"])


# ---------------------------------------------------------------- io_uring


@pytest.mark.parametrize("family", ["udp", "unix"])
def test_io_uring_cannot_make_a_socket(probe, tmp_path, family):
    if family == "udp":
        listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        listener.bind(("127.0.0.1", 0))
        target = list(listener.getsockname())
        args = (int(socket.AF_INET), int(socket.SOCK_DGRAM))
    else:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        target = "\0autograder-probe-%d" % os.getpid()  # abstract: no file for Landlock to guard
        listener.bind(target)
        args = (int(socket.AF_UNIX), int(socket.SOCK_DGRAM))
    listener.settimeout(0.2)
    try:
        done = probe.io_uring_socket(NR["io_uring_setup"], NR["io_uring_enter"], *args, target)
        try:
            heard = listener.recv(100)
        except OSError:
            heard = None
    finally:
        listener.close()
    assert heard is None, f"a datagram from the worker arrived: {done}"
    assert done == {"setup": errno.EPERM}, done


def test_io_uring_calls_are_refused_by_the_filter(probe):
    calls = {"io_uring_setup": (NR["io_uring_setup"], (0, 1)),
             "io_uring_enter": (NR["io_uring_enter"], (-1, 0, 0, 0, 0, 0)),
             "io_uring_register": (NR["io_uring_register"], (-1, 0, 0, 0))}
    assert probe.errnos({k: [nr, list(a)] for k, (nr, a) in calls.items()}) == dict.fromkeys(calls, errno.EPERM)
    for name, (nr, args) in calls.items():  # outside: the kernel's own answer, not EPERM
        if io_uring_enabled():
            assert unconfined(nr, *args) != errno.EPERM, name


# ---------------------------------------------------------------- signals through SIGIO


@pytest.mark.parametrize("form", ["pid", "group", "owner_ex_pid", "owner_ex_group"])
def test_a_pipe_cannot_aim_sigio_at_the_grader(caught, probe, form):
    me, group = os.getpid(), os.getpgrp()
    command, value = {"pid": ("F_SETOWN", me), "group": ("F_SETOWN", -group),
                      "owner_ex_pid": ("F_SETOWN_EX", [1, me]),             # F_OWNER_PID
                      "owner_ex_group": ("F_SETOWN_EX", [2, group])}[form]  # F_OWNER_PGRP
    done = probe.fcntl_owner(command, value, True)
    time.sleep(0.05)
    assert caught == [], f"the grader received {caught} ({done})"
    assert done["owner"] == errno.EPERM and done["setsig"] == errno.EPERM, done
    assert done["async"] is True  # O_ASYNC alone is allowed ...
    assert done["worker_got"] == []  # ... and harmless: with no owner, nobody is signalled


def test_o_async_without_an_owner_signals_nobody(caught, probe):
    done = probe.fcntl_owner(None, None, False)  # the owner defaults to nobody
    assert done["owner"] == 0 and done["async"] is True
    assert caught == [] and done["worker_got"] == []


def test_the_channel_socket_cannot_signal_the_grader(caught, probe):
    done = probe.channel_owner(os.getpid())
    assert done["sockets"] >= 1
    assert done["FIOSETOWN"] == errno.EPERM and done["SIOCSPGRP"] == errno.EPERM, done
    for _ in range(3):  # the grader writes to the channel: SIGIO would go to its owner
        probe.identity()
    time.sleep(0.05)
    assert caught == []


def test_terminal_and_owner_ioctls_are_refused_by_the_filter(probe):
    done = probe.ioctls(confine.IOCTLS)
    assert done.pop("FIONREAD") == 3  # ordinary ioctls still work
    assert done == dict.fromkeys(confine.IOCTLS, errno.EPERM)  # on /dev/null the driver says ENOTTY


def test_kill_family_reaches_no_other_process(caught, probe, server):
    me, group = os.getpid(), os.getpgrp()
    calls = {"kill": [NR["kill"], [me]], "kill_group": [NR["kill"], [-group]],
             "kill_everyone": [NR["kill"], [-1]], "tkill": [NR["tkill"], [me]],
             "tgkill": [NR["tgkill"], [me, me]], "rt_sigqueueinfo": [NR["rt_sigqueueinfo"], [me]],
             "rt_tgsigqueueinfo": [NR["rt_tgsigqueueinfo"], [me, me]],
             "kill_server": [NR["kill"], [server.info["pid"]]]}
    done = probe.signal_calls(calls, int(signal.SIGUSR1))
    time.sleep(0.05)
    assert caught == []
    assert done == dict.fromkeys(calls, errno.EPERM)
    assert server.process.poll() is None


# ---------------------------------------------------------------- limits and scheduling of others


def test_limits_priority_and_affinity_of_the_grader_are_out_of_reach(probe):
    me = os.getpid()
    before = (resource.prlimit(me, resource.RLIMIT_CORE), os.getpriority(os.PRIO_PROCESS, me),
              os.sched_getaffinity(me))
    done = probe.limits_and_scheduling(me)
    after = (resource.prlimit(me, resource.RLIMIT_CORE), os.getpriority(os.PRIO_PROCESS, me),
             os.sched_getaffinity(me))
    assert after == before
    own = done.pop("own")
    assert own == "ok"
    assert done == dict.fromkeys(done, errno.EPERM) and len(done) == 6, done


# ---------------------------------------------------------------- the rest of the syscall table


def _table() -> dict[str, tuple[int, tuple]]:
    """Harmless arguments (bad pointers, bad flags, no-ops) for every refused call."""
    bad = 1  # an address nobody maps
    args = {
        "ptrace": (-1, 0), "process_vm_readv": (os.getpid(), 0, 0, 0, 0, 0),
        "process_vm_writev": (os.getpid(), 0, 0, 0, 0, 0), "process_madvise": (-1, 0, 0, 0, 0),
        "process_mrelease": (-1, 0), "kcmp": (os.getpid(), os.getpid(), 0, 0, 0),
        "pidfd_open": (os.getpid(), 0xFFFF), "pidfd_send_signal": (-1, 0, 0, 0),
        "pidfd_getfd": (-1, 0, 0), "socket": (int(socket.AF_UNIX), 0xFFFF, 0),
        "socketpair": (-1, 0, 0, bad), "unshare": (0,), "setns": (-1, 0),
        "mount": (bad, bad, bad, 0, 0), "umount2": (bad, 0), "pivot_root": (bad, bad),
        "chroot": (bad,), "open_tree": (-1, bad, 0), "move_mount": (-1, bad, -1, bad, 0),
        "fsopen": (bad, 0), "fsconfig": (-1, 0, 0, 0, 0), "fsmount": (-1, 0, 0),
        "fspick": (-1, bad, 0), "mount_setattr": (-1, bad, 0, 0, 0), "open_tree_attr": (-1, bad, 0, 0, 0),
        "name_to_handle_at": (-1, bad, bad, bad, 0), "open_by_handle_at": (-1, bad, 0),
        "bpf": (9999, 0, 0), "perf_event_open": (bad, 0, -1, -1, 0), "userfaultfd": (0xFFFFFFFF,),
        "keyctl": (0, -4, 0), "add_key": (bad, bad, 0, 0, 0), "request_key": (bad, bad, 0, 0),
        "fanotify_init": (0xFFFFFFFF, 0), "syslog": (10, 0, 0), "kexec_load": (0, 0, 0, 0xDEAD0000),
        "kexec_file_load": (-1, -1, 0, 0, 0xDEAD0000), "init_module": (bad, 0, bad),
        "finit_module": (-1, bad, 0), "delete_module": (bad, 0), "reboot": (0, 0, 0, 0),
        "swapon": (bad, 0), "swapoff": (bad,), "acct": (bad,), "quotactl": (0, bad, 0, bad),
        "quotactl_fd": (-1, 0, 0, bad), "settimeofday": (bad, bad), "clock_settime": (0, bad),
        "clock_adjtime": (0, bad), "sethostname": (bad, 5), "setdomainname": (bad, 5),
        "iopl": (99,), "ioperm": (0x10000, 1, 1), "uselib": (bad,), "nfsservctl": (0, 0, 0),
        "lookup_dcookie": (0, 0, 0), "io_uring_setup": (0, bad), "vhangup": (),
    }
    return {name: (NR[name], args[name]) for name in confine.DENIED if name in NR and name in args}


def test_every_denied_call_is_refused_and_the_filter_is_why(probe):
    table = _table()
    assert set(table) >= set(confine.DENIED) & set(NR) - {"fork", "vfork", "io_uring_enter", "io_uring_register"}
    done = probe.errnos({k: [nr, list(a)] for k, (nr, a) in table.items()})
    assert done == dict.fromkeys(table, errno.EPERM), {k: v for k, v in done.items() if v != errno.EPERM}
    outside = {name: unconfined(nr, *args) for name, (nr, args) in table.items()
               if name not in ("reboot", "acct", "vhangup")}  # as root, not even with harmless arguments
    # calls an unprivileged process may make (mount, say, is EPERM anyway without root)
    for name in ("unshare", "setns", "keyctl", "kcmp", "pidfd_open", "socket", "process_vm_readv",
                 *(("io_uring_setup",) if io_uring_enabled() else ())):
        assert outside[name] != errno.EPERM, (name, outside[name])  # allowed here, refused there


def test_new_processes_and_namespaces_are_refused_threads_are_not(probe):
    clone_thread, sighand, vm = 0x00010000, 0x00000800, 0x00000100
    calls = {"clone3": [NR["clone3"], [0, 0]],
             "clone_newuser_thread": [NR["clone"], [clone_thread | sighand | vm | 0x10000000, 0, 0, 0, 0]],
             "clone_process_newuser": [NR["clone"], [0x10000000, 0, 0, 0, 0]],
             "unreviewed": [confine._ARCH[platform.machine()][2] + 5, []]}
    done = probe.errnos(calls)
    assert done == {"clone3": errno.ENOSYS, "clone_newuser_thread": errno.EPERM,
                    "clone_process_newuser": errno.EPERM, "unreviewed": errno.ENOSYS}
    assert unconfined(NR["clone3"], 0, 0) != errno.ENOSYS  # the kernel has clone3: ENOSYS is the filter's


def test_honest_libraries_still_run_under_the_filter(probe):
    done = probe.honest_work()
    assert done["thread"] == [499500]
    assert done["accuracy"] > 0.8
    assert done["png"] == b"\x89PNG"
    assert 0 < done["t"] < 1
    assert done["solve"] == [0.5, 0.5]


# ---------------------------------------------------------------- other processes' /proc files


def test_the_grader_and_fork_server_proc_files_are_closed_without_landlock(probe, server):
    me, forkserver = os.getpid(), server.info["pid"]
    paths = [f"/proc/{me}/environ", f"/proc/{me}/mem", f"/proc/{forkserver}/environ",
             f"/proc/{forkserver}/mem", f"/proc/{me}/cmdline"]
    done = probe.read_files(paths)
    for path in paths[:4]:
        assert done[path].startswith("refused"), (path, done[path][:80])


# ---------------------------------------------------------------- the watches can see an escape


@pytest.fixture
def unconfined_probe(server, tmp_path):
    """The probe in a worker without seccomp or Landlock: what the checks above would see."""
    folder = write_files(tmp_path / "submission", {"probe.py": PROBE})
    submission = SandboxSubmission(folder, call_timeout=20, server=server)
    submission.options.update(seccomp=False, landlock=False)
    try:
        yield submission.module("probe")
    finally:
        submission.close()


def test_the_checks_see_sigio_and_io_uring_from_an_unconfined_worker(caught, unconfined_probe, server):
    if server.info["landlock"]:
        pytest.skip("one mode is enough for the control")
    done = unconfined_probe.fcntl_owner("F_SETOWN", os.getpid(), True)
    time.sleep(0.05)
    assert done["owner"] == done["setsig"] == 0 and caught == ["SIGUSR1"]
    listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    listener.bind(("127.0.0.1", 0))
    listener.settimeout(2)
    try:
        sent = unconfined_probe.io_uring_socket(NR["io_uring_setup"], NR["io_uring_enter"],
                                                int(socket.AF_INET), int(socket.SOCK_DGRAM),
                                                list(listener.getsockname()))
        if sent["setup"] in (errno.ENOSYS, errno.EPERM):
            pytest.skip(f"this kernel refuses io_uring itself ({sent})")
        assert listener.recv(100) == b"stolen"
    finally:
        listener.close()
    # Not dumpable: even with no filter at all, the grader's /proc files stay closed.
    done = unconfined_probe.read_files([f"/proc/{os.getpid()}/environ", f"/proc/{os.getpid()}/mem"])
    assert all(v.startswith("refused") for v in done.values()), done


# ---------------------------------------------------------------- suites a worker may not read

SUITE_MARKER = "oracle-9137"
LEAKY_SUITE = {"test_t_tests.py": f'''
    import pytest

    POINTS = {{"fine": 1}}
    SUITE_SECRET = "{SUITE_MARKER}"


    @pytest.mark.exercise("fine")
    def test_fine_adds_three(sub):
        got = sub.fine(2)
        assert got == 5, f"fine(2) should be 5, got {{got!r}}"
'''}


def leaking_submission(folder: Path, target: Path) -> Path:
    """A t_tests.fine that reads ``target`` and returns (and prints) what it found."""
    return write_files(folder, {"t_tests.py": f'''
        def fine(x):
            try:
                with open({str(target)!r}) as handle:
                    found = handle.read()
            except OSError as exc:
                found = type(exc).__name__
            print(found)
            return found
    '''})


@pytest.fixture
def readable_place():
    """A fresh folder inside one a worker may read (matplotlib's config folder); removed after."""
    import shutil

    from autograder.sandbox.environment import mpl_config_dir

    place = mpl_config_dir() / f"course-{os.getpid()}-{time.monotonic_ns()}"
    place.mkdir()
    yield place
    shutil.rmtree(place, ignore_errors=True)


def test_a_running_worker_is_stopped_when_a_folder_it_could_read_is_excluded(server, probe, readable_place):
    from autograder.errors import WorkerCrashed

    secret = write_files(readable_place / "suite", LEAKY_SUITE) / "test_t_tests.py"
    probe.identity()  # the worker is running
    if server.info["landlock"]:  # the control: this place is readable until it is excluded
        assert SUITE_MARKER in probe.read_files([str(secret)])[str(secret)]
    server.exclude([secret.parent])
    with pytest.raises(WorkerCrashed):
        probe.identity()  # confined before the exclusion: stopped
    found = probe.read_files([str(secret)])[str(secret)]
    if server.info["landlock"]:
        assert found.startswith("refused"), found[:80]


def test_grade_keeps_its_suite_out_of_reach_of_a_server_started_before_it(tmp_path, readable_place):
    from autograder.grading import grade
    from autograder.sandbox.launcher import get_forkserver

    get_forkserver().ready()  # already running, told nothing about this suite
    suite = write_files(readable_place / "suite", LEAKY_SUITE)
    submission = leaking_submission(tmp_path / "submission", suite / "test_t_tests.py")
    result = grade(submission, suite=suite, timeout=5, seed=1)
    text = str(result.to_dict())
    assert SUITE_MARKER not in text
    assert "PermissionError" in text  # the attempt was made and refused


@pytest.mark.slow
def test_grade_class_with_a_custom_suite_never_lets_a_submission_read_it(tmp_path, readable_place):
    suite = write_files(readable_place / "suite", LEAKY_SUITE)
    klass = tmp_path / "class"
    leaking_submission(klass / "alice", suite / "test_t_tests.py")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "autograder.cli", "grade-class", str(klass), "--out", str(out),
                           "--suite", str(suite), "--jobs", "1", "--timeout", "5"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    written = {p: p.read_text(errors="replace") for p in out.rglob("*") if p.is_file()}
    feedback = [text for path, text in written.items() if "feedback" in path.parts]
    assert feedback and any("PermissionError" in text for text in feedback), sorted(written)
    assert not [p for p, text in written.items() if SUITE_MARKER in text]


# ---------------------------------------------------------------- the grader's own cleanup


@pytest.mark.slow
def test_ctrl_c_stops_the_grader_its_fork_server_and_a_hung_worker(tmp_path):
    """The terminal's Ctrl-C reaches the grader's group only; the grader still takes everything down."""
    from .gradekit import descendants

    suite = write_files(tmp_path / "suite", LEAKY_SUITE)
    submission = write_files(tmp_path / "submission", {"t_tests.py": "def fine(x):\n    while True:\n        pass\n"})
    with watch_processes() as leftovers:
        grader = subprocess.Popen([sys.executable, "-m", "autograder.cli", "grade", str(submission),
                                   "--suite", str(suite), "--timeout", "60"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  start_new_session=True)  # its own group, as a terminal's job
        deadline = time.monotonic() + 60
        while len(descendants(grader.pid)) < 2 and time.monotonic() < deadline:  # the server and a worker
            time.sleep(0.1)
        below = descendants(grader.pid)
        assert len(below) >= 2, "no worker started"
        time.sleep(0.5)  # the worker is in its loop
        os.killpg(grader.pid, signal.SIGINT)
        try:
            _, err = grader.communicate(timeout=15)
        finally:
            grader.kill()
        stopped_at = time.monotonic()
        while any(Path(f"/proc/{pid}").exists() and _alive(pid) for pid in below) and time.monotonic() < stopped_at + 5:
            time.sleep(0.1)
        still = [pid for pid in below if _alive(pid)]
    assert grader.returncode == 130 and "interrupted" in err, err[-2000:]  # not a score of 0
    assert still == [] and leftovers == []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


# ---------------------------------------------------------------- the tables themselves

HEADERS = {"x86_64": "/usr/include/x86_64-linux-gnu/asm/unistd_64.h", "aarch64": "/usr/include/asm-generic/unistd.h"}


@pytest.mark.parametrize("machine", sorted(confine._ARCH))
def test_the_filter_assembles_and_its_numbers_match_the_kernel_headers(machine):
    import re

    assert len(confine.seccomp_program(machine, 4321)) % 8 == 0
    header = Path(HEADERS[machine])
    if not header.is_file():
        pytest.skip(f"no {header} here to check the numbers against")
    known = {}
    for name, number in re.findall(r"#define __NR(?:3264)?_(\w+)\s+(\d+)", header.read_text()):
        known.setdefault(name, int(number))
    calls = confine._ARCH[machine][1]
    checked = {name: nr for name, nr in calls.items() if name in known}
    assert len(checked) > 0.8 * len(calls)  # the rest are newer than these headers
    assert {name: known[name] for name in checked} == checked
    assert max(known.values()) < confine._ARCH[machine][2]
