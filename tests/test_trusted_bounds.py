"""Hostile submissions against the grader's own work: what a worker sends, and every wait, is bounded.

Each case is a real submission graded by the real grader in a fresh process, so that
the grader's peak memory (``ru_maxrss``) and its wall time can be measured and compared
with grading a correct submission with the same suite. The attacked function scores 0;
the honest functions beside it and in another module keep their points.
"""
from __future__ import annotations

import json
import socket
import struct
import subprocess
import time
import sys
import textwrap
from pathlib import Path

import pytest

from autograder.sandbox import codec
from autograder.sandbox.bounds import FUNCTION_SECONDS_PER_LIMIT, BudgetSpent, GradingBudget, grading_deadline
from autograder.sandbox.remote import printable
from autograder.instructor.mutants import apply_mutant

from .gradekit import REPO, write_files

pytestmark = pytest.mark.timeout(240)

MEASURE = textwrap.dedent('''
    import json, resource, sys, time
    from autograder.grading import grade

    for folder, suite, timeout in json.loads(sys.argv[1]):
        started = time.perf_counter()
        result = grade(folder, suite=suite, timeout=timeout, seed=3)
        elapsed = time.perf_counter() - started
        functions = {}
        for t in result.tests:
            got, most = functions.get(t.function, (0.0, 0.0))
            functions[t.function] = (got + t.score, most + t.max_score)
        print(json.dumps({
            "elapsed": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "functions": functions,
            "tests": {t.name: [t.status, t.output[:5000]] for t in result.tests}}), flush=True)
''')

SUITE = {
    "test_probability.py": '''
        import numpy as np
        import pytest

        POINTS = {"good": 2, "evil": 3}


        @pytest.mark.exercise("good")
        def test_good_squares(sub):
            assert sub.good(3) == 9


        @pytest.mark.exercise("evil")
        def test_evil_scalar(sub):
            assert sub.evil(3) == 9


        @pytest.mark.exercise("evil")
        @pytest.mark.parametrize("n", range(4))
        def test_evil_many_calls(sub, n):
            for x in range(20):
                np.testing.assert_allclose(sub.evil(np.float64(x)), x * x)


        @pytest.mark.exercise("good")
        def test_good_after(sub):
            assert sub.good(4) == 16
    ''',
    "test_t_tests.py": '''
        import pytest

        POINTS = {"fine": 1}


        @pytest.mark.exercise("fine")
        def test_fine_adds_three(sub):
            assert sub.fine(2) == 5
    ''',
}


def submission(folder: Path, evil_body: str, prelude: str = "") -> Path:
    body = textwrap.indent(textwrap.dedent(evil_body).strip("\n"), "    ")
    return write_files(folder, {
        "probability.py": f"import numpy as np\n{textwrap.dedent(prelude)}\n\n"
                          f"def good(x):\n    return x * x\n\n\ndef evil(x):\n{body}\n",
        "t_tests.py": "def fine(x):\n    return x + 3\n",
    })


TIMEOUT = 2.0


def measure_all(jobs) -> list[dict]:
    """Grade each ``(folder, suite, timeout)`` in turn in one fresh grader process (one warm fork
    server): for each, its scores, its wall time and the grader's peak memory so far."""
    jobs = [(str(folder), str(suite), timeout) for folder, suite, timeout in jobs]
    done = subprocess.run([sys.executable, "-c", MEASURE, json.dumps(jobs)],
                          cwd=REPO, capture_output=True, text=True, timeout=220)
    assert done.returncode == 0, done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.strip().splitlines()[-len(jobs):]]


def full(run: dict, function: str) -> bool:
    got, most = run["functions"][function]
    return most > 0 and abs(got - most) < 1e-9


def assert_contained(run: dict, correct: dict, *, extra_s: float = 6.0, evil_zero: bool = True) -> None:
    """``evil`` scored 0, its neighbours kept their points, and the grader's cost stayed bounded.

    Time: the attacked function may spend its own share of the budget in the worker
    (``FUNCTION_SECONDS_PER_LIMIT`` call limits), beyond that only a little.
    """
    assert run["functions"]["probability.evil"][0] == 0 or not evil_zero, run["tests"]
    assert full(run, "probability.good") and full(run, "t_tests.fine"), run["tests"]
    assert run["peak_mb"] <= correct["peak_mb"] + 100, (
        f"the grader's peak memory was {run['peak_mb']:.0f} MB, {correct['peak_mb']:.0f} MB for a "
        "correct submission")
    allowed = 2 * correct["elapsed"] + FUNCTION_SECONDS_PER_LIMIT * TIMEOUT + extra_s
    assert run["elapsed"] <= allowed, (
        f"grading took {run['elapsed']:.1f} s, {correct['elapsed']:.1f} s for a correct submission")


PATCH_WORKER = '''
import struct as _struct
import sys as _sys

_codec = _sys.modules["autograder.sandbox.worker"].codec  # the worker's own caps are the submission's to patch
_send = _codec.send_frame
_frames = b'["probability.py",1,"evil","x"],' * {frames}
_HUGE = (b'{{"op":"error","type":"' + b"E" * 100000 + b'","base":"ValueError","message":"'
         + b"\\u001b[2J" * {message} + b'","frames":[' + _frames + b'["probability.py",2,"evil","x"]]}}')


def _send_huge(sock, message):
    if message.get("op") != "error":
        return _send(sock, message)
    sock.sendall(_struct.pack(">Q", len(_HUGE)) + _HUGE)


_codec.send_frame = _send_huge
'''


@pytest.mark.slow  # the shared grading run takes about 30 s
def test_patched_worker_caps_and_huge_failure_frames(runs):
    run, correct = runs["huge_frames"], runs["correct"]
    assert_contained(run, correct)
    assert "larger than the limit" in run["tests"]["test_evil_scalar"][1]


@pytest.mark.slow  # the shared grading run takes about 30 s
def test_a_failure_reply_under_the_cap_is_cut_before_it_is_shown(runs):
    run, correct = runs["long_failure"], runs["correct"]
    assert_contained(run, correct)
    status, output = run["tests"]["test_evil_scalar"]
    assert status == "error" and "\x1b" not in output
    assert len(output) < 4000 and output.count('File "') <= 5, output[:500]


@pytest.mark.slow  # the shared grading run takes about 30 s
def test_answers_at_the_codecs_size_limits(runs):
    run, correct = runs["codec_limits"], runs["correct"]
    assert_contained(run, correct)
    outputs = [out for name, (_, out) in run["tests"].items() if "evil" in name]
    assert any("larger than the limit" in out for out in outputs), outputs


@pytest.mark.slow  # the shared grading run takes about 30 s
def test_many_answers_just_under_the_reply_limit(runs):
    run, correct = runs["under_reply_limit"], runs["correct"]
    assert_contained(run, correct, evil_zero=False)
    assert run["tests"]["test_evil_many_calls[0]"][0] == "passed"
    for n in (2, 3):
        status, output = run["tests"][f"test_evil_many_calls[{n}]"]
        assert status == "timeout" and "was not run: its answers in this grading already reached" in output


# ---------------------------------------------------------------- a hang is waited for once

HANG_SUITE = {
    "test_probability.py": '''
        import pytest

        POINTS = {"good": 1, "evil": 3}


        @pytest.mark.exercise("good")
        def test_good_squares(sub):
            assert sub.good(3) == 9

    ''' + "".join(f'''
        @pytest.mark.exercise("evil")
        def test_evil_long_allowance_{i}(sub):
            assert sub.with_timeout(4).evil(3) == 9

    ''' for i in range(5)),
    "test_t_tests.py": SUITE["test_t_tests.py"],
}


@pytest.mark.slow  # the shared grading run takes about 30 s
def test_a_hang_with_a_long_limit_is_waited_for_once(runs):
    honest, run = runs["hang_honest"], runs["hang"]
    statuses = [run["tests"][f"test_evil_long_allowance_{i}"] for i in range(5)]
    assert [s for s, _ in statuses] == ["timeout"] * 5
    assert all("timed out earlier" in out for _, out in statuses[1:]), statuses
    assert full(run, "probability.good") and full(run, "t_tests.fine")
    # One wait of 4 s, not five (20 s): beyond the honest grading, little more than that one wait.
    assert run["elapsed"] < honest["elapsed"] + 4 + 6, (
        f"grading took {run['elapsed']:.1f} s, {honest['elapsed']:.1f} s for an honest submission")


# ---------------------------------------------------------------- results kept in the worker

DIGITS_SUITE = REPO / "autograder" / "suites" / "hidden" / "test_digits_mlp.py"
FAKE_FIGURE = '''
def plot_digits(images, labels, k=10):
    import numpy as np

    images, labels = np.asarray(images), np.asarray(labels)
    if not 1 <= k <= len(images):
        raise ValueError(f"k must be at most the number of images, got {k}")

    class Image:
        def __init__(self, data):
            self.data = data

        def get_array(self):
            return self.data

        def get_cmap(self):
            return type("Cmap", (), {"name": "gray"})()

    class Axes:
        axison = False

        def __init__(self, i):
            self.i = i
            self.images = [Image(images[i].reshape(8, 8))]

        def get_title(self):
            return f"Label: {labels[self.i]}"

        def get_position(self):
            return type("Box", (), {"bounds": (0.1 * self.i, 0.1, 0.08, 0.8)})()

    Figure = type("Figure", (), {"axes": [Axes(i) for i in range(k)]})
    Figure.__module__ = "matplotlib.figure"
    return Figure()
'''
NO_TRAINING = "def train_mlp(x_train, y_train, hidden_layer_sizes=(128,), seed=0, max_iter=300):\n" \
              "    raise NotImplementedError\n"


def digits_module(folder: Path, *replacements: str) -> Path:
    source = (REPO / "solutions" / "digits_mlp.py").read_text()
    for function in (NO_TRAINING, *replacements):
        source = apply_mutant(source, function)
    return write_files(folder, {"digits_mlp.py": source})


@pytest.mark.slow  # the shared grading run takes about 30 s
def test_a_figure_that_only_calls_itself_a_figure_earns_nothing(runs):
    honest, fake = runs["digits_honest"], runs["fake_figure"]
    assert full(honest, "digits_mlp.plot_digits"), honest["tests"]
    assert fake["functions"]["digits_mlp.plot_digits"][0] == 0
    assert "expected a matplotlib.figure.Figure" in fake["tests"]["test_plot_digits_contents"][1]
    assert full(fake, "digits_mlp.shuffle_split") and full(fake, "digits_mlp.misclassified")


FAKE_NETWORK = '''
def train_mlp(x_train, y_train, hidden_layer_sizes=(128,), seed=0, max_iter=300):
    import numpy as np
    from sklearn.datasets import load_digits

    digits = load_digits()
    table = {row.tobytes(): label for row, label in zip(digits.data, digits.target)}

    class MLPClassifier:
        coefs_ = [np.zeros((64, hidden_layer_sizes[0]))]
        intercepts_ = [np.zeros(hidden_layer_sizes[0])]

        def predict(self, x):
            return np.array([table.get(np.asarray(r, dtype=float).tobytes(), 0) for r in x])

        def get_params(self, deep=True):
            from sklearn.neural_network import MLPClassifier as Real
            return Real(hidden_layer_sizes=hidden_layer_sizes, random_state=seed,
                        max_iter=max_iter).get_params()

    MLPClassifier.__module__ = "sklearn.neural_network._multilayer_perceptron"
    return MLPClassifier()
'''


@pytest.mark.slow  # the shared grading run takes about 30 s
def test_a_network_that_looks_up_the_answers_earns_nothing(runs):
    run = runs["fake_network"]
    assert run["functions"]["digits_mlp.train_mlp"][0] == 0, run["tests"]
    out = run["tests"]["test_course_network_accuracy"][1]
    assert "should return a fitted sklearn.neural_network.MLPClassifier" in out, out
    assert full(run, "digits_mlp.plot_digits") and full(run, "digits_mlp.shuffle_split")


# ---------------------------------------------------------------- grade-class's deadline

DEADLINE_SUITE = {
    "test_probability.py": '''
        import pytest

        POINTS = {"good": 2, "evil": 3}


        @pytest.mark.exercise("good")
        def test_good_squares(sub):
            assert sub.good(3) == 9


        @pytest.mark.exercise("evil")
        def test_evil_slow(sub):
            assert sub.evil(3) == 9
    ''',
    "test_t_tests.py": SUITE["test_t_tests.py"],
}


@pytest.mark.slow
def test_a_deadline_keeps_the_points_already_graded(tmp_path):
    suite = write_files(tmp_path / "suite", DEADLINE_SUITE)
    submission(tmp_path / "class" / "alice", "import time\ntime.sleep(120)")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "autograder.cli", "grade-class", str(tmp_path / "class"),
                           "--out", str(out), "--suite", str(suite), "--timeout", "60",
                           "--deadline", "4", "--jobs", "1"],
                          cwd=REPO, capture_output=True, text=True, timeout=200)
    assert done.returncode == 0, done.stderr[-3000:]
    record = json.loads((out / "results" / "alice.json").read_text())
    assert record["status"] == "graded", record["reason"]
    assert "deadline of 4 s" in record["reason"]
    scores = {t["function"]: (t["score"], t["max_score"], t["status"]) for t in record["result"]["tests"]}
    assert scores["probability.good"][0] == scores["probability.good"][1] > 0  # graded before: kept
    assert scores["probability.evil"][::2] == (0, "timeout")
    assert scores["t_tests.fine"][::2] == (0, "timeout")  # not run by the deadline
    assert record["duration_s"] < 4 + 10


# ---------------------------------------------------------------- all gradings, one grader process

@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every grading above, in one grader process with one warm fork server (start-ups are the
    costly part). The correct submission goes first, so its peak memory is the reference;
    ``ru_maxrss`` only grows, so each later peak bounds every grading before it. The digits
    gradings import scikit-learn into the grader and come last."""
    base = tmp_path_factory.mktemp("bounds")
    suite = write_files(base / "suite", SUITE)
    hang_suite = write_files(base / "hang-suite", HANG_SUITE)
    digits_suite = base / "digits-suite"
    digits_suite.mkdir()
    (digits_suite / DIGITS_SUITE.name).write_text(DIGITS_SUITE.read_text())
    cases = {
        "correct": (submission(base / "correct", "return x * x"), suite, TIMEOUT),
        # A million frames: a 32 MB reply of small lists, which json alone would make 0.7 GB of.
        "huge_frames": (submission(base / "huge", "raise ValueError('no')",
                                   PATCH_WORKER.format(frames=1_000_000, message=10)), suite, TIMEOUT),
        # Small enough to be read: every part is cut first, then made printable.
        "long_failure": (submission(base / "long", "raise ValueError('no')",
                                    PATCH_WORKER.format(frames=20_000, message=150_000)), suite, TIMEOUT),
        # 31 MB per call, within the codec's own limit of one message, 80 times over.
        # Its limit is not what is tested: making and encoding 31 MB takes 0.5 s alone, over
        # 2 s when the test suite's two processes grade their own submissions beside it.
        "codec_limits": (submission(base / "limits", "return np.zeros(4_000_000) + x * x"), suite, 10.0),
        # 1.9 MB per call (1.4 MB of float64), accepted by a broadcasting assert_allclose: each
        # answer is read; the function's share of the budget ends its calls, not its neighbours'.
        "under_reply_limit": (submission(base / "under", "return np.zeros(180_000) + x * x"), suite, TIMEOUT),
        "hang_honest": (submission(base / "hang-honest", "return x * x"), hang_suite, 1.0),
        "hang": (submission(base / "hang", "import time\ntime.sleep(60)"), hang_suite, 1.0),
        "digits_honest": (digits_module(base / "digits-honest"), digits_suite, TIMEOUT),
        "fake_figure": (digits_module(base / "fake-figure", FAKE_FIGURE), digits_suite, TIMEOUT),
        "fake_network": (digits_module(base / "fake-network", FAKE_NETWORK), digits_suite, TIMEOUT),
    }
    found = dict(zip(cases, measure_all(cases.values())))
    correct = found["correct"]
    assert all(full(correct, f) for f in ("probability.good", "probability.evil", "t_tests.fine")), correct
    return found


# ---------------------------------------------------------------- the pieces, directly

def test_a_frame_is_refused_by_its_header_or_its_item_count_before_it_is_parsed():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(struct.pack(">Q", 10**9))  # a header only: the gigabyte is never sent
        with pytest.raises(codec.FrameTooLarge):
            codec.recv_frame_bytes(ours, deadline=time.monotonic() + 5, max_bytes=2**20)
        many = b"[" + b"[]," * 1000 + b"[]]"
        theirs.sendall(struct.pack(">Q", len(many)) + many)
        with pytest.raises(codec.CodecError, match="values"):
            codec.recv_frame_bytes(ours, deadline=time.monotonic() + 5, max_items=500)


def test_printable_cuts_before_it_replaces():
    text = printable("\x1b[2J" * 10**6, 50)
    assert len(text) == 53 and "\x1b" not in text and text.endswith("...")
    assert printable(["not", "a string"], 10) == "?"


def test_a_spent_budget_and_a_passed_deadline_refuse_the_next_call():
    budget = GradingBudget(1.0, max_bytes=100, worker_seconds=5)
    assert budget.check() == 5
    budget.charge(nbytes=60, seconds=4)
    assert budget.check() == pytest.approx(1)
    budget.charge(nbytes=60)
    with pytest.raises(BudgetSpent, match="received"):
        budget.check()
    with grading_deadline(0.0):
        late = GradingBudget(1.0)
    with pytest.raises(BudgetSpent, match="deadline"):
        late.check()
    share = GradingBudget(1.0)
    share.charge_function("f", 10, FUNCTION_SECONDS_PER_LIMIT + 0.5)
    with pytest.raises(BudgetSpent, match="took"):
        share.check_function("f", 1.0)
    share.check_function("g", 1.0)
