"""The fixed ``autograder grade`` contract: exit codes, the JSON fields, replay by seed, stubs."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .gradekit import watch_processes, write_files

SUITE = {
    "test_probability.py": '''
        import pytest

        POINTS = {"good": 3, "evil": 2, "noisy": 2}


        @pytest.mark.exercise("good")
        def test_good_squares(sub):
            assert sub.good(3) == 9


        @pytest.mark.exercise("good", weight=2)
        def test_good_squares_negatives(sub):
            assert sub.good(-4) == 16


        @pytest.mark.exercise("evil")
        def test_evil_squares(sub):
            got = sub.evil(3)
            assert got == 9, f"evil(3) should be 9, got {got!r}"


        @pytest.mark.exercise("noisy")
        def test_noisy_on_random_input(sub, rng):
            x = float(rng.normal())
            got = sub.noisy(x)
            assert got == x * x, f"noisy({x!r}) should be {x * x!r}, got {got!r}"
    ''',
    "test_t_tests.py": '''
        import pytest

        POINTS = {"fine": 1}


        @pytest.mark.exercise("fine")
        def test_fine_adds_three(sub):
            assert sub.fine(2) == 5
    ''',
}

SUBMISSION = {
    "probability.py": '''
        import os
        import sys


        def good(x):
            return x * x


        def evil(x):
            fake = '===== 4 passed in 0.01s =====\\n{"score": 100.0, "max_score": 100.0, "tests": []}\\n'
            print(fake)
            print(fake, file=sys.stderr)
            os.write(1, fake.encode())
            os.write(2, fake.encode())
            return {"score": 100}


        def noisy(x):
            return x * x + 1e-3  # wrong on purpose: the message then shows the seeded input
    ''',
    "t_tests.py": '''
        def fine(x):
            raise NotImplementedError("fine: add three")
    ''',
    # planted beside the modules, and the grader runs with this folder as its working directory
    "numpy.py": "raise SystemExit('a planted numpy.py was imported')\n",
    "sitecustomize.py": "raise SystemExit('a planted sitecustomize.py was imported')\n",
    "conftest.py": "import pytest\n\n@pytest.fixture(autouse=True)\ndef cheat():\n    pytest.skip('cheat')\n",
}


def autograder_command() -> list[str]:
    """The installed console script, as instructors and CI call it."""
    script = Path(sys.executable).with_name("autograder")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-I", "-m", "autograder.cli"]  # -I: the working folder is not importable


def run_cli(*args, cwd, env_extra=None, timeout=120):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    env.update(env_extra or {})
    return subprocess.run(autograder_command() + list(args), cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Two JSON runs with the same seed, each in a private temp folder, watched for leftovers."""
    root = tmp_path_factory.mktemp("cli")
    suite = write_files(root / "suite", SUITE)
    submission = write_files(root / "submission", SUBMISSION)
    runs = []
    for i in range(2):
        private_tmp = root / f"tmp{i}"
        private_tmp.mkdir()
        with watch_processes() as leftovers:
            done = run_cli("grade", str(submission), "--suite", str(suite), "--format", "json",
                           "--seed", "1234", "--timeout", "5", cwd=submission,
                           env_extra={"TMPDIR": str(private_tmp), "GITHUB_TOKEN": "sekrit"})
        left = [p.name for p in private_tmp.iterdir() if not p.name.startswith("autograder-mpl")]
        runs.append((done, leftovers, left))
    return runs


def test_grade_exits_0_and_prints_one_json_object(graded):
    for done, leftovers, left in graded:
        assert done.returncode == 0, done.stderr
        json.loads(done.stdout)  # the student's fake lines did not reach the grader's stdout
        assert "4 passed" not in done.stderr and "sekrit" not in done.stdout
        assert leftovers == [], "the grader left processes running"
        assert left == [], f"the grader left scratch files behind: {left}"


def test_json_has_the_documented_fields_and_adds_up_to_100(graded):
    data = json.loads(graded[0][0].stdout)
    assert {"score", "max_score", "tests", "meta"} <= set(data)
    assert {"grader_version", "seed", "duration_s"} <= set(data["meta"])
    assert data["meta"]["seed"] == 1234 and data["meta"]["duration_s"] > 0
    assert data["max_score"] == 100
    assert sum(t["max_score"] for t in data["tests"]) == pytest.approx(100)
    assert sum(t["score"] for t in data["tests"]) == pytest.approx(data["score"])
    fields = {"name", "module", "function", "score", "max_score", "status", "output"}
    for test in data["tests"]:
        assert fields <= set(test), test
        assert test["function"] == f"{test['module']}.{test['function'].split('.')[-1]}"
        assert test["status"] in {"passed", "failed", "error", "timeout", "forbidden"}
        assert (test["score"] == test["max_score"]) == (test["status"] == "passed")
    by_function = {}
    for test in data["tests"]:
        by_function[test["function"]] = by_function.get(test["function"], 0) + test["max_score"]
    # POINTS 3 + 2 + 2 and 1 scale to 100; good's weight-2 test carries twice the other's share
    assert by_function == pytest.approx({"probability.good": 37.5, "probability.evil": 25.0,
                                         "probability.noisy": 25.0, "t_tests.fine": 12.5})
    good = {t["name"]: t["max_score"] for t in data["tests"] if t["function"] == "probability.good"}
    assert good == pytest.approx({"test_good_squares": 12.5, "test_good_squares_negatives": 25.0})
    assert data["score"] == pytest.approx(37.5)


def test_the_same_seed_gives_the_same_json(graded):
    first, second = (json.loads(done.stdout) for done, _, _ in graded)
    for data in (first, second):
        data["meta"].pop("duration_s")
    assert first == second
    noisy = [t for t in first["tests"] if t["function"] == "probability.noisy"][0]
    assert "noisy(" in noisy["output"]  # the seeded input is part of what must repeat


def test_printed_text_is_feedback_only(graded):
    data = json.loads(graded[0][0].stdout)
    (evil,) = [t for t in data["tests"] if t["function"] == "probability.evil"]
    assert evil["status"] == "failed" and evil["score"] == 0
    assert "4 passed" in evil["output"]


def test_a_stub_scores_0_with_a_short_not_implemented_message(graded):
    data = json.loads(graded[0][0].stdout)
    (fine,) = [t for t in data["tests"] if t["function"] == "t_tests.fine"]
    assert fine["status"] == "failed" and fine["score"] == 0
    assert "not implemented yet" in fine["output"]
    assert "submission/t_tests.py:2" in fine["output"] and fine["where"] == "submission/t_tests.py:2"
    assert "\n" not in fine["output"].strip() and len(fine["output"]) < 200


def test_a_missing_folder_is_a_usage_error(tmp_path):
    done = run_cli("grade", str(tmp_path / "no" / "such" / "dir"), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "no such folder" in done.stderr


def test_a_folder_without_modules_is_a_usage_error(tmp_path):
    folder = write_files(tmp_path / "empty", {"notes.py": "x = 1\n", "README.md": "hi\n"})
    done = run_cli("grade", str(folder), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "no exercise modules" in done.stderr


def test_the_program_exit_skips_teardown_but_not_exit_handlers_or_buffered_output(tmp_path):
    """``cli.run`` leaves with ``os._exit``: the exit code, buffered output and atexit handlers survive."""
    script = ("import atexit, sys\n"
              "from autograder.cli import run\n"
              "atexit.register(lambda: print('handler ran', file=sys.stderr))\n"
              "print('buffered line', end='')\n"  # no newline: still in the buffer at exit
              f"sys.argv = ['autograder', 'grade', {str(tmp_path / 'missing')!r}]\n"
              "run()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stdout == "buffered line"
    assert "no such folder" in done.stderr and done.stderr.rstrip().endswith("handler ran")
