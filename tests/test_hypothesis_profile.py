"""The grader's hypothesis profile: applied whenever a suite uses hypothesis, never imported otherwise.

Each run is a fresh interpreter, so hypothesis is imported (or not) by the run itself: by a
suite's own ``from hypothesis import ...``, as the hidden suites do, after the plugin configured.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from .conftest import ROOT

# A suite like the hidden ones: hypothesis imported at the top, a ``settings`` object built at
# import time (it copies the defaults of that moment), and a test that reports what it ran with.
HYPOTHESIS_SUITE = '''
import json
import pytest
from hypothesis import Phase, given, settings, strategies as st

POINTS = {"double": 1}
AT_IMPORT = settings(max_examples=7)
SEEN = []


@pytest.mark.exercise("double")
@AT_IMPORT
@given(st.integers())
def test_double(sub, x):
    SEEN.append(x)
    assert sub.double(x) == 2 * x


def test_report():
    s = settings.default
    with open("profile.json", "w") as f:
        json.dump({"profile": settings.get_current_profile_name(), "derandomize": s.derandomize,
                   "database": repr(s.database), "max_examples": s.max_examples,
                   "deadline": repr(s.deadline), "shrink": Phase.shrink in s.phases,
                   "at_import": [AT_IMPORT.derandomize, repr(AT_IMPORT.database), AT_IMPORT.max_examples],
                   "examples": SEEN}, f)
'''

# Runs pytest in this interpreter, then tells whether hypothesis got imported and whether a
# finder of the plugin is still waiting on sys.meta_path.
AFTER_RUN = '''
import json, sys, pytest
code = pytest.main(sys.argv[1:])
waiting = [type(f).__name__ for f in sys.meta_path if type(f).__module__ == "autograder.hypothesis_profile"]
imported = "hypothesis" in sys.modules
from hypothesis import settings
print(json.dumps({"code": int(code), "imported": imported, "waiting": waiting,
                  "profile_after": settings.get_current_profile_name()}))
'''


def write_suite(tmp_path):
    (tmp_path / "submission").mkdir()
    (tmp_path / "submission" / "double.py").write_text("def double(x):\n    return 2 * x\n")
    (tmp_path / "test_double.py").write_text(HYPOTHESIS_SUITE)


def run_pytest(tmp_path, *args):
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                           "--submission", "submission", "--inprocess", *args],
                          cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return json.loads((tmp_path / "profile.json").read_text())


def test_a_suite_that_imports_hypothesis_runs_with_the_grader_profile(tmp_path):
    write_suite(tmp_path)
    first = run_pytest(tmp_path)
    assert first["profile"] == "autograder"
    assert first["derandomize"] is True and first["database"] == "None" and first["deadline"] == "None"
    assert first["max_examples"] == 25 and first["shrink"] is True
    # the settings object the suite built while it was imported inherited the profile too
    assert first["at_import"] == [True, "None", 7]
    assert len(first["examples"]) == 7
    again = run_pytest(tmp_path)
    assert again["examples"] == first["examples"]  # derandomized: the same inputs on every run


def test_no_shrink_drops_the_shrink_phase_and_an_explicit_profile_wins(tmp_path):
    write_suite(tmp_path)
    assert run_pytest(tmp_path, "--no-shrink")["shrink"] is False
    chosen = run_pytest(tmp_path, "--hypothesis-profile", "default")
    assert chosen["profile"] == "default" and chosen["derandomize"] is False


def test_a_public_run_never_imports_hypothesis_and_leaves_no_finder_behind(tmp_path):
    """As in the student template, whose configuration blocks hypothesis's own plugin (it
    imports hypothesis in its terminal summary)."""
    suite = ROOT / "autograder" / "suites" / "public" / "test_numpy_basics.py"
    proc = subprocess.run([sys.executable, "-c", AFTER_RUN, str(suite), "--submission", str(ROOT / "exercises"),
                           "--inprocess", "-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-q"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=240)
    after = json.loads(proc.stdout.strip().splitlines()[-1])
    assert after["code"] == 1  # the stubs fail, so the suite really ran
    assert after["imported"] is False
    assert after["waiting"] == []
    # a later import in the same process is not given the finished run's profile
    assert after["profile_after"] != "autograder"


def test_a_run_that_imports_hypothesis_leaves_no_finder_behind(tmp_path):
    write_suite(tmp_path)
    proc = subprocess.run([sys.executable, "-c", AFTER_RUN, "test_double.py", "--submission", "submission",
                           "--inprocess", "-p", "no:cacheprovider", "-q"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=240)
    after = json.loads(proc.stdout.strip().splitlines()[-1])
    assert after == {"code": 0, "imported": True, "waiting": [], "profile_after": "autograder"}, proc.stderr[-2000:]


def test_the_loader_hands_the_module_its_real_loader(tmp_path):
    """The wrapped import leaves hypothesis as a plain import would: its own loader and spec."""
    check = textwrap.dedent('''
        import sys
        from autograder.hypothesis_profile import register_when_imported
        register_when_imported(shrink=True, load=True)
        import hypothesis
        from hypothesis import settings
        loader = type(hypothesis.__loader__).__name__
        assert loader == type(hypothesis.__spec__.loader).__name__ == "SourceFileLoader", loader
        assert settings.get_current_profile_name() == "autograder"
        print("ok")
    ''')
    proc = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "ok", proc.stderr[-2000:]


def test_a_students_pytest_in_the_template_never_imports_hypothesis(tmp_path):
    """The whole public suite, run the way a student runs it: in the released template."""
    from autograder.instructor.release import release

    from .released_env import released_env

    out = tmp_path / "repo"
    release(out, root=ROOT)
    proc = subprocess.run([sys.executable, "-c", AFTER_RUN, "-q"], cwd=out, env=released_env(out, tmp_path),
                          capture_output=True, text=True, timeout=300)
    after = json.loads(proc.stdout.strip().splitlines()[-1])
    assert after["code"] == 1, proc.stderr[-2000:]  # the stubs fail: every public test ran
    assert after["imported"] is False and after["waiting"] == []
