"""pytest's own traceback of a public failure skips the suite's and the in-process sandbox's frames.

The plugin replaces that traceback with the student's feedback block, but pytest writes it
first, re-parsing the file of every frame it shows: for a run of the stubs that was most of
a student's ``pytest``. A probe plugin that runs inside the autograder's report hook reads
the traceback pytest wrote, in a released template run the way a student runs it.
"""
from __future__ import annotations

import json
import subprocess
import sys

from autograder.instructor.release import release

from .conftest import ROOT
from .released_env import released_env

RAW_TRACEBACKS = '''
import json
import pytest

SEEN = []


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        entries = report.longrepr.reprtraceback.reprentries
        SEEN.append([e.reprfileloc.path if e.reprfileloc else None for e in entries])
    return report


def pytest_unconfigure(config):
    with open("raw_tracebacks.json", "w") as f:
        json.dump(SEEN, f)
'''


def test_the_traceback_pytest_writes_for_a_public_failure_shows_no_suite_or_sandbox_frame(tmp_path):
    out = tmp_path / "repo"
    release(out, root=ROOT)
    (out / "raw_tracebacks.py").write_text(RAW_TRACEBACKS)
    suite = out / "tests" / "test_numpy_basics.py"
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "raw_tracebacks", str(suite)], cwd=out,
                          env=released_env(out, tmp_path), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    seen = json.loads((out / "raw_tracebacks.json").read_text())
    assert len(seen) == suite.read_text().count("\ndef test_")  # every stub failed and was seen
    shown = {path for paths in seen for path in paths if path}
    hidden = ("test_numpy_basics.py", "inprocess.py", "input_guard.py", "callinfo.py", "checks.py")
    assert not [path for path in shown if path.endswith(hidden)], shown
    # what the student reads is still the plugin's block: one line per stub
    assert "numpy_basics.describe is not implemented yet (exercises/numpy_basics.py:" in proc.stdout
