"""Hostile submissions against the grading engine: none may earn points it did not compute.

Each case puts one attacked function (``probability.evil``) beside a correct one in the
same module (``probability.good``) and a correct one in another module (``t_tests.fine``),
grades it with a small suite, and checks that the attack earned nothing, that the honest
functions kept their full points, and that no process or file outlived the run.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from autograder.sandbox import launcher
from autograder.grading import grade
from autograder.sandbox.client import SandboxSubmission
from autograder.sandbox.environment import NO_LANDLOCK_VARIABLE
from autograder.sandbox.launcher import ForkServer, get_forkserver, shutdown_forkserver

from .gradekit import REPO, watch_processes, write_files

TIMEOUT = 1.0
SECRET = "sekrit"
pytestmark = pytest.mark.timeout(60)  # a grader that hangs fails here instead of stalling the run

SUITE = {
    "test_probability.py": '''
        import numpy as np
        import pytest

        POINTS = {"good": 2, "evil": 3}


        @pytest.mark.exercise("good")
        def test_good_squares(sub):
            got = sub.good(3)
            assert type(got) is int and got == 9, f"good(3) should be 9, got {got!r}"


        @pytest.mark.exercise("evil")
        def test_evil_scalar(sub):
            got = sub.evil(3)
            assert got == 9, f"evil(3) should be 9, got {got!r}"


        @pytest.mark.exercise("evil")
        def test_evil_array(sub):
            got = sub.evil(np.arange(3.0))
            np.testing.assert_allclose(got, [0.0, 1.0, 4.0])
            assert np.all(got == np.array([0.0, 1.0, 4.0]))
    ''',
    "test_t_tests.py": '''
        import pytest

        POINTS = {"fine": 1}


        @pytest.mark.exercise("fine")
        def test_fine_adds_three(sub):
            assert sub.fine(2) == 5
    ''',
}

FINE = "def fine(x):\n    return x + 3\n"
HELPERS = """
def _is_socket(fd):
    import os, stat
    try:
        return stat.S_ISSOCK(os.fstat(fd).st_mode)
    except OSError:
        return False
"""


def probability(evil_body: str, prelude: str = "") -> str:
    """The attacked module: ``prelude`` at import, a correct ``good``, and ``evil``."""
    body = "\n".join("    " + line for line in evil_body.strip("\n").splitlines())
    return (f"import numpy as np\n{prelude}\n\n{HELPERS}\n"
            f"def good(x):\n    return x * x\n\n\n"
            f"def evil(x):\n{body}\n")


@pytest.fixture(scope="module")
def server():
    """One warm fork server for the module, started from an environment holding a secret.

    Every case then checks that the secret appears nowhere in its result.
    """
    with pytest.MonkeyPatch.context() as env:
        env.setenv("GITHUB_TOKEN", SECRET)
        env.setenv("AUTOGRADER_TEST_SECRET", SECRET)
        shutdown_forkserver()  # a server started earlier would not have seen the secret
        yield get_forkserver().ready()


@pytest.fixture(scope="module")
def seccomp_only_server(server):
    """A second warm fork server, with Landlock switched off: seccomp alone, as on older kernels."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv(NO_LANDLOCK_VARIABLE, "1")
        second = ForkServer()
    assert second.ready()["landlock"] is False
    yield second
    second.close()


@pytest.fixture
def mode(request, monkeypatch):
    """Which confinement grades the case: Landlock and seccomp, or (``both_modes``) seccomp alone."""
    chosen = getattr(request, "param", "landlock")
    if chosen == "seccomp-only":  # the process-wide server is swapped for the case's length
        monkeypatch.setattr(launcher, "_SERVER", request.getfixturevalue("seccomp_only_server"))
    return chosen


both_modes = pytest.mark.parametrize("mode", ["landlock", "seccomp-only"], indirect=True)


@pytest.fixture
def arena(tmp_path, monkeypatch, server, mode):
    """A private temp folder and working directory for the grader, checked after each run."""
    scratch = tmp_path / "tmp"
    cwd = tmp_path / "cwd"
    scratch.mkdir()
    cwd.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.chdir(cwd)
    return Arena(tmp_path, scratch, cwd)


class Arena:
    """Where one case writes its suite and submission, and the checks every grading run must pass."""

    def __init__(self, root: Path, scratch: Path, cwd: Path):
        self.root, self.scratch, self.cwd = root, scratch, cwd
        self.suite = write_files(root / "suite", SUITE)
        self.submission = root / "submission"
        self.marker = Path("/tmp") / f"evil-{os.getpid()}-{root.name}.txt"

    def grade(self, evil_body: str = "return x * x", *, prelude: str = "", files=None,
              timeout: float = TIMEOUT, suite=None):
        sources = {"probability.py": probability(evil_body, prelude), "t_tests.py": FINE}
        sources.update(files or {})
        write_files(self.submission, sources)
        before = set(os.listdir("/tmp"))
        server = get_forkserver()
        with watch_processes(ignore={server.process.pid}) as leftovers:
            result = grade(self.submission, suite=suite or self.suite, timeout=timeout, seed=7)
        assert leftovers == [], f"processes left running after grading: {leftovers}"
        assert not self.marker.exists(), f"the submission wrote {self.marker}"
        assert list(self.cwd.iterdir()) == [], "the submission wrote into the grader's folder"
        left = [p.name for p in self.scratch.iterdir() if not p.name.startswith("autograder-mpl")]
        assert left == [], f"scratch folders left behind: {left}"
        new_in_tmp = {n for n in set(os.listdir("/tmp")) - before if "evil" in n}
        assert not new_in_tmp, f"the submission wrote into /tmp: {new_in_tmp}"
        assert SECRET not in outputs(result)
        assert result.meta["duration_s"] < 10, "the grader was kept busy"
        return result


def points(result) -> dict[str, tuple[float, float]]:
    return {f.function: (f.score, f.max_score) for f in result.by_function()}


def assert_contained(result, *, sibling: bool = True) -> None:
    """``evil`` earned nothing; ``fine`` (other module) and, unless the module broke, ``good`` all."""
    got = points(result)
    assert got["probability.evil"][0] == 0, result.to_dict()
    assert got["t_tests.fine"][0] == got["t_tests.fine"][1] > 0, result.to_dict()
    if sibling:
        assert got["probability.good"][0] == got["probability.good"][1] > 0, result.to_dict()
    assert result.max_score == pytest.approx(100)


def outputs(result) -> str:
    return json.dumps(result.to_dict())


# ---------------------------------------------------------------- the control cases


def test_the_process_watch_catches_an_orphaned_grandchild():
    with watch_processes() as leftovers:
        subprocess.run(["sh", "-c", "sleep 30 & exit 0"], check=True)  # sleep outlives its parent
    assert len(leftovers) == 1


@both_modes
def test_an_honest_submission_earns_everything(arena):
    result = arena.grade("return x * x")
    assert result.score == pytest.approx(100)
    assert {t.status for t in result.tests} == {"passed"}


# ---------------------------------------------------------------- attacks inside a call

CALL_ATTACKS = {
    "sys_exit": "import sys\nsys.exit(0)",
    "os_exit": "import os\nos._exit(0)",
    "infinite_loop": "while True:\n    pass",
    "ignores_sigalrm_and_sigterm": (
        "import signal\n"
        "for s in (signal.SIGALRM, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):\n"
        "    signal.signal(s, signal.SIG_IGN)\n"
        "signal.setitimer(signal.ITIMER_REAL, 0)\n"
        "while True:\n    pass"),
    "memory_bomb_at_once": "junk = bytearray(8 * 2**30)\nreturn x * x",
    "memory_bomb_growing": "junk = []\nwhile True:\n    junk.append(np.ones(2**24))",
    "fork_bomb": (  # linear, not exponential: should the filter ever fail, the watch kills 20 sleepers
        "import os, time\n"
        "for _ in range(20):\n"
        "    if os.fork() == 0:\n"
        "        time.sleep(100)\n"
        "        os._exit(0)\n"
        "return x * x"),
    "popen_sleep": "import subprocess\nsubprocess.Popen(['sleep', '100'])\nreturn x * x",
    "os_system": "import os\nif os.system('sleep 100 &') != 0:\n    raise OSError('no shell')\nreturn x * x",
    "multiprocessing": (
        "import multiprocessing, time\n"
        "multiprocessing.Process(target=time.sleep, args=(100,)).start()\nreturn x * x"),
    "posix_spawn": "import os\nos.posix_spawn('/bin/sleep', ['sleep', '100'], {})\nreturn x * x",
    "eq_always_true": (
        "class Yes:\n"
        "    def __eq__(self, other): return True\n"
        "    def __ne__(self, other): return False\n"
        "    def __bool__(self): return True\n"
        "    def __array__(self, *a, **k): return np.array([0.0, 1.0, 4.0])\n"
        "return Yes()"),
    "ndarray_subclass_eq_true": (
        "class Liar(np.ndarray):\n"
        "    def __eq__(self, other): return np.ones(np.shape(other), bool)\n"
        "    def __array_finalize__(self, obj): pass\n"
        "return np.zeros(3).view(Liar) if np.ndim(x) else np.float64(0).view(Liar)"),
    "float_subclass_eq_true": (
        "class F(float):\n"
        "    def __eq__(self, other): return True\n"
        "    __hash__ = float.__hash__\n"
        "return F(0.0)"),
    "patch_numpy_testing": (
        "import numpy.testing\n"
        "numpy.testing.assert_allclose = lambda *a, **k: None\n"
        "numpy.testing.assert_array_equal = lambda *a, **k: None\n"
        "np.all = lambda *a, **k: True\n"
        "return 0"),
    "patch_pytest_internals": (
        "import _pytest.runner, _pytest.python, pytest\n"
        "_pytest.runner.pytest_runtest_call = lambda item: None\n"
        "_pytest.python.pytest_pyfunc_call = lambda pyfuncitem: True\n"
        "pytest.fail = lambda *a, **k: None\n"
        "return 0"),
    "patch_builtins": (
        "import builtins\n"
        "builtins.isinstance = lambda *a: True\n"
        "builtins.AssertionError = type('AssertionError', (Exception,), {})\n"
        "builtins.type = lambda *a: int\n"
        "return 0"),
    "keyboard_interrupt": "raise KeyboardInterrupt",
    "base_exception_subclass": "class Boom(BaseException):\n    pass\nraise Boom('no points for you')",
    "generator_exit": "raise GeneratorExit",
    "system_exit_subclass": "class Bye(SystemExit):\n    pass\nraise Bye(0)",
    "exception_with_hostile_str": (
        "class E(ValueError):\n    def __str__(self):\n        while True:\n            pass\n"
        "raise E()"),
    "huge_array": "return np.zeros(10**9, dtype=np.uint8)",
    "huge_broadcast_view": "return np.broadcast_to(np.float64(9.0), (10**9,))",
    "giant_string": "return 'x' * 10**8",
    "deep_nesting": "v = []\nfor _ in range(10000):\n    v = [v]\nreturn v",
    "self_referencing_list": "v = []\nv.append(v)\nreturn v",
    "huge_integer": "return 10 ** 100000",
    "hostile_getattr_and_len": (
        "class Trap:\n"
        "    def __getattr__(self, name):\n        while True:\n            pass\n"
        "    def __len__(self): return 10**15\n"
        "    def __getitem__(self, i): return 0.0\n"
        "return Trap()"),
    "handle_that_lies_as_sequence": (
        "class Seq:\n"
        "    def __len__(self): return 1\n"
        "    def __getitem__(self, i):\n"
        "        if i >= 1: raise IndexError(i)\n"
        "        return 9\n"
        "return Seq()"),
    "trickles_a_frame_to_the_grader": (  # a frame header, then one byte now and then, forever
        "import os, stat, struct, time\n"
        "socks = [fd for fd in range(3, 64) if _is_socket(fd)]\n"
        "for fd in socks:\n    os.write(fd, struct.pack('>Q', 1000))\n"
        "while True:\n"
        "    for fd in socks:\n        os.write(fd, b' ')\n"
        "    time.sleep(0.2)"),
    "thread_left_running": (
        "import threading\n"
        "threading.Thread(target=lambda: [None for _ in iter(int, 1)], daemon=True).start()\n"
        "return {'answer': 9}"),
}


# Attacks the seccomp filter alone must stop too: they run once more with Landlock off.
SECCOMP_ATTACKS = ("fork_bomb", "popen_sleep", "os_system", "multiprocessing", "posix_spawn",
                   "thread_left_running")
HANGS = {"infinite_loop", "ignores_sigalrm_and_sigterm", "exception_with_hostile_str",
         "trickles_a_frame_to_the_grader"}


@pytest.mark.parametrize("attack, mode", [pytest.param(a, "landlock", id=a) for a in sorted(CALL_ATTACKS)] + [
    pytest.param(a, "seccomp-only", id=f"{a}-seccomp-only") for a in SECCOMP_ATTACKS], indirect=["mode"])
def test_an_attack_inside_a_call_earns_nothing(arena, attack, mode):
    result = arena.grade(CALL_ATTACKS[attack])
    assert_contained(result)
    if attack in HANGS:
        evil = [t for t in result.tests if t.function == "probability.evil"]
        assert {t.status for t in evil} == {"timeout"}
        assert "earlier in this run" in evil[1].output  # a function that hung is not waited for twice
        assert result.meta["duration_s"] < 2 * TIMEOUT + 3


FAKE_OUTPUT = (
    "import os, sys\n"
    "line = '===== 3 passed in 0.01s =====\\n{\"score\": 100, \"max_score\": 100}\\n'\n"
    "print(line); print(line, file=sys.stderr)\n"
    "os.write(1, line.encode()); os.write(2, line.encode())\n"
    "print('\\x1b]0;owned\\x07\\x1b[2J')\n"
    "return {'score': 100}")


def test_printed_lines_reach_feedback_but_not_the_score(arena):
    result = arena.grade(FAKE_OUTPUT)
    assert_contained(result)
    evil = [t for t in result.tests if t.function == "probability.evil"]
    assert any("3 passed" in t.output for t in evil), "the student should see what they printed"
    assert not any("\x1b" in t.output for t in result.tests)  # no terminal escapes for the grader's screen


# ---------------------------------------------------------------- attacks at import


IMPORT_ATTACKS = {
    "sys_exit": "import sys\nsys.exit(0)",
    "os_exit": "import os\nos._exit(3)",
    "infinite_loop": "while True:\n    pass",
    "keyboard_interrupt": "raise KeyboardInterrupt",
    "memory_bomb": "junk = bytearray(8 * 2**30)",
}


@pytest.mark.parametrize("attack", sorted(IMPORT_ATTACKS))
def test_an_attack_at_import_costs_only_its_module(arena, attack):
    result = arena.grade("return x * x", prelude=IMPORT_ATTACKS[attack])
    assert_contained(result, sibling=False)
    broken = [t for t in result.tests if t.module == "probability"]
    assert all(t.score == 0 for t in broken)
    assert all("importing probability.py" in t.output for t in broken), [t.output for t in broken]


def test_a_syntax_error_costs_only_its_module(arena):
    result = arena.grade("return x * x", files={"t_tests.py": "def fine(x):\n    return x +\n"})
    got = points(result)
    assert got["t_tests.fine"][0] == 0
    assert got["probability.good"][0] == got["probability.good"][1]
    assert got["probability.evil"][0] == got["probability.evil"][1]
    (fine,) = [t for t in result.tests if t.module == "t_tests"]
    assert "SyntaxError" in fine.output and fine.where == "submission/t_tests.py:2", fine


# ---------------------------------------------------------------- secrets and files


@both_modes
def test_secrets_and_hidden_files_stay_out_of_reach(arena, mode):
    """Files are Landlock's to guard; the grader's environment and memory stay closed with seccomp alone."""
    assert os.environ["GITHUB_TOKEN"] == SECRET  # set by the server fixture, before the server started
    hidden = sorted((REPO / "autograder" / "suites" / "hidden").glob("test_*.py"))
    hidden_line = hidden[0].read_text().splitlines()[0]
    suite_file = arena.suite / "test_probability.py"
    with open(suite_file, "a") as handle:
        handle.write("\nSUITE_SECRET = 'sq-oracle-4417'\n")
    files = [str(p) for p in hidden] + [str(suite_file), str(REPO / "solutions" / "t_tests.py")]
    targets = (files if mode == "landlock" else []) + [
        f"/proc/{os.getpid()}/environ", "/proc/self/environ", f"/proc/{os.getppid()}/environ",
        f"/proc/{os.getpid()}/cmdline", f"/proc/{os.getpid()}/mem"]
    body = (
        "import os\n"
        "loot = [str(sorted(os.environ.items()))]\n"
        f"for path in {targets!r} + ['/proc/%d/environ' % os.getppid()]:\n"
        "    try:\n"
        "        with open(path, 'rb') as handle:\n"
        "            loot.append(handle.read(5000).decode('utf-8', 'replace'))\n"
        "    except OSError as exc:\n"
        "        loot.append(type(exc).__name__)\n"
        "print('\\n'.join(loot))\n"
        "return '\\n'.join(loot)")
    result = arena.grade(body)
    assert_contained(result)
    text = outputs(result)
    assert "PermissionError" in text  # the attempts were made and refused
    for secret in (SECRET, hidden_line, "sq-oracle-4417", "BEGIN SOLUTION"):
        assert secret not in text


def test_files_written_stay_in_the_scratch_folder(arena):
    targets = ["results.json", "junit.xml", str(arena.marker), str(arena.cwd / "results.json"),
               str(arena.submission / "results.json"), str(arena.suite / "test_zzz.py"),
               str(arena.root / "evil.txt"), os.path.expanduser("~/evil.txt"),
               str(REPO / "evil.txt")]
    body = (
        "import os\nmade = []\n"
        f"for path in {targets!r}:\n"
        "    try:\n"
        "        with open(path, 'w') as handle:\n"
        "            handle.write('{\"score\": 100}')\n"
        "        made.append(path)\n"
        "    except OSError:\n"
        "        pass\n"
        "return made")
    result = arena.grade(body)
    assert_contained(result)
    for path in targets[2:]:
        assert not Path(path).exists(), f"the submission wrote {path}"
    evil = [t for t in result.tests if t.name == "test_evil_scalar"][0]
    assert "results.json" in evil.output  # only its own scratch folder took the writes


def test_a_symlinked_module_does_not_smuggle_a_file_in(arena, tmp_path):
    secret = write_files(tmp_path / "elsewhere", {"test_secret.py": "ANSWER = 'oracle-5521'\n"})
    body = "import pathlib\nreturn pathlib.Path(__file__).with_name('helper.py').read_text()"
    sub = arena.submission
    sub.mkdir()
    (sub / "helper.py").symlink_to(secret / "test_secret.py")
    result = arena.grade(body)
    assert_contained(result)
    assert "oracle-5521" not in outputs(result)


def test_a_swapped_output_file_does_not_leak_what_it_points_to(arena, tmp_path):
    secret = write_files(tmp_path / "elsewhere", {"hidden.txt": "oracle-7731\n"})
    body = (
        "import os, sys\n"
        "os.remove('output.txt')\n"
        f"os.symlink({str(secret / 'hidden.txt')!r}, 'output.txt')\n"
        "print('hello')\n"
        "return 0")
    result = arena.grade(body)
    assert_contained(result)
    assert "oracle-7731" not in outputs(result)


@both_modes
def test_no_network_and_no_new_sockets(arena, tmp_path):
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    path = str(tmp_path / "grader.sock")
    listener.bind(path)
    listener.listen(1)
    listener.settimeout(0.1)
    tcp = socket.socket()
    tcp.bind(("127.0.0.1", 0))
    tcp.listen(1)
    tcp.settimeout(0.1)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    udp.settimeout(0.1)
    body = (
        "import socket\n"
        "reached = []\n"
        f"for family, kind, address in [(socket.AF_UNIX, socket.SOCK_STREAM, {path!r}),\n"
        f"        (socket.AF_INET, socket.SOCK_STREAM, {tcp.getsockname()!r}),\n"
        f"        (socket.AF_INET, socket.SOCK_DGRAM, {udp.getsockname()!r})]:\n"
        "    try:\n"
        "        s = socket.socket(family, kind)\n"
        "        s.connect(address)\n"
        "        s.send(b'stolen')\n"
        "        reached.append(address)\n"
        "    except OSError:\n"
        "        pass\n"
        "return reached")
    try:
        result = arena.grade(body)
        heard = []
        for server in (listener, tcp):
            try:
                heard.append(server.accept())
            except OSError:
                pass
        try:
            heard.append(udp.recv(100))
        except OSError:
            pass
    finally:
        listener.close(), tcp.close(), udp.close()
    assert_contained(result)
    assert heard == []


@both_modes
def test_signals_do_not_reach_the_grader_or_the_fork_server(arena):
    received = []
    previous = signal.signal(signal.SIGUSR1, lambda *a: received.append(1))
    body = (
        "import os, signal\n"
        f"for pid in ({os.getpid()}, os.getppid()):\n"
        "    for sig in (signal.SIGUSR1, signal.SIGKILL):\n"
        "        try:\n"
        "            os.kill(pid, sig)\n"
        "        except OSError:\n"
        "            pass\n"
        "return 0")
    try:
        result = arena.grade(body)
    finally:
        signal.signal(signal.SIGUSR1, previous)
    assert_contained(result)
    assert received == []
    assert get_forkserver().process.poll() is None


@both_modes
def test_limits_cannot_be_raised(arena):
    body = (
        "import resource\n"
        "for which in (resource.RLIMIT_AS, resource.RLIMIT_CPU, resource.RLIMIT_FSIZE):\n"
        "    try:\n"
        "        resource.setrlimit(which, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))\n"
        "    except (ValueError, OSError):\n"
        "        pass\n"
        "junk = bytearray(3 * 2**30)\n"
        "return x * x")
    assert_contained(arena.grade(body))


@both_modes
def test_no_privileges_even_for_root(arena):
    body = (
        "import os, socket\n"
        "done = []\n"
        "for name, attempt in [\n"
        "        ('renice', lambda: os.setpriority(os.PRIO_PROCESS, 0, -5)),\n"
        "        ('setuid', lambda: os.setuid(12345)),\n"
        "        ('chroot', lambda: os.chroot('.')),\n"
        "        ('raw socket', lambda: socket.socket(socket.AF_INET, socket.SOCK_RAW, 1)),\n"
        "        ('unshare', lambda: os.unshare(os.CLONE_NEWNS))]:\n"
        "    try:\n"
        "        attempt()\n"
        "        done.append(name)\n"
        "    except (OSError, AttributeError):\n"
        "        pass\n"
        "if done:\n"
        "    return x * x\n"
        "raise PermissionError('nothing worked')")
    assert_contained(arena.grade(body))


# ---------------------------------------------------------------- the submission's own files


def test_planted_numpy_sitecustomize_and_conftest_are_ignored(arena):
    planted = {
        "numpy.py": "raise SystemExit('fake numpy imported')\n",
        "sitecustomize.py": "import builtins\nbuiltins.print = None\n",
        "usercustomize.py": "import builtins\nbuiltins.print = None\n",
        "conftest.py": '''
            import pytest

            @pytest.hookimpl(wrapper=True)
            def pytest_runtest_makereport(item, call):
                report = yield
                report.outcome = "passed"
                return report
        ''',
        "pytest.ini": "[pytest]\naddopts = -p no:autograder\n",
        "test_probability.py": "def test_nothing():\n    pass\n",
    }
    result = arena.grade("return 0", files=planted)
    assert_contained(result)


def test_a_truthiness_check_is_not_fooled_by_a_remote_object(arena):
    suite = write_files(arena.root / "truth_suite", {
        "test_probability.py": '''
            import pytest

            POINTS = {"good": 1, "evil": 1}


            @pytest.mark.exercise("good")
            def test_good(sub):
                assert sub.good(3) == 9


            @pytest.mark.exercise("evil")
            def test_evil_says_yes(sub):
                assert sub.evil(4), "evil(4) should be truthy"
        ''',
        "test_t_tests.py": SUITE["test_t_tests.py"],
    })
    body = "class Yes:\n    def __len__(self): return 1\nreturn Yes()"
    assert_contained(arena.grade(body, suite=suite))


def test_without_landlock_seccomp_still_keeps_sockets_signals_and_processes_in(arena, tmp_path):
    """As on a kernel without Landlock (or before ABI 6, which scopes signals)."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    path = str(tmp_path / "grader.sock")
    listener.bind(path)
    listener.listen(1)
    received = []
    previous = signal.signal(signal.SIGUSR1, lambda *a: received.append(1))
    body = (
        "import os, signal, socket, subprocess\n"
        "done = []\n"
        "for name, attempt in [\n"
        f"        ('signal the grader', lambda: os.kill({os.getpid()}, signal.SIGUSR1)),\n"
        "        ('kill the fork server', lambda: os.kill(os.getppid(), signal.SIGKILL)),\n"
        f"        ('connect', lambda: socket.socket(socket.AF_UNIX).connect({path!r})),\n"
        "        ('spawn', lambda: subprocess.Popen(['sleep', '100'])),\n"
        "        ('fork', os.fork)]:\n"
        "    try:\n"
        "        attempt()\n"
        "        done.append(name)\n"
        "    except OSError:\n"
        "        pass\n"
        "return done")
    write_files(arena.submission, {"probability.py": probability(body), "t_tests.py": FINE})
    server = get_forkserver()
    try:
        with watch_processes(ignore={server.process.pid}) as leftovers:
            submission = SandboxSubmission(arena.submission, call_timeout=5)
            submission.options["landlock"] = False
            try:
                done = submission.module("probability").evil(0)
            finally:
                submission.close()
    finally:
        signal.signal(signal.SIGUSR1, previous)
        listener.close()
    assert done == [] and received == [] and leftovers == []
    assert server.process.poll() is None


def test_a_forbidden_name_in_disguise_scores_forbidden(arena):
    suite = write_files(arena.root / "la_suite", {
        **SUITE,
        "test_linear_algebra.py": '''
            import numpy as np
            import pytest

            POINTS = {"inner": 1}


            @pytest.mark.exercise("inner")
            def test_inner(sub):
                assert sub.inner(np.array([1.0, 2.0]), np.array([3.0, 4.0])) == 11.0
        ''',
    })
    disguised = "import numpy as np\n\n\nclass _Kit:\n    product = staticmethod(np.dot)\n\n\ninner = _Kit.product\n"
    result = arena.grade("return x * x", files={"linear_algebra.py": disguised}, suite=suite)
    (inner,) = [t for t in result.tests if t.module == "linear_algebra"]
    assert inner.status == "forbidden" and inner.score == 0
    assert "numpy.dot (line 5)" in inner.output
    got = points(result)
    assert got["probability.evil"][0] == got["probability.evil"][1] > 0  # honest here
    assert got["t_tests.fine"][0] == got["t_tests.fine"][1]


def test_a_stub_behind_a_shared_fixture_says_so_in_every_test(arena):
    suite = write_files(arena.root / "fixture_suite", {
        **SUITE,
        "test_probability.py": '''
            import pytest

            POINTS = {"good": 1, "evil": 1}


            @pytest.fixture(scope="module")
            def answer(sub):
                return sub.evil(3)  # one costly call shared by several tests


            @pytest.mark.exercise("good")
            def test_good(sub):
                assert sub.good(3) == 9


            @pytest.mark.exercise("evil")
            def test_evil_value(answer):
                assert answer == 9


            @pytest.mark.exercise("evil")
            def test_evil_type(answer):
                assert type(answer) is int
        ''',
    })
    result = arena.grade("raise NotImplementedError('evil')", suite=suite)
    assert_contained(result)
    evil = [t for t in result.tests if t.function == "probability.evil"]
    assert len(evil) == 2 and all("not implemented yet" in t.output for t in evil), evil
    assert {t.status for t in evil} == {"failed"}
