"""The plugin's scoring rules, run by pytester against real suites (as pytest-timeout tests itself).

Each test writes a tiny submission and a suite, runs pytest in-process with the plugin, and
reads what the trusted side recorded (``RECORDS``): only a test whose setup, call and teardown
passed earns its points; a skip, an xfail, a crash in setup or teardown is worth 0, and an
exercise without a POINTS entry stops the run.
"""
from __future__ import annotations

import itertools
import json

import numpy  # noqa: F401 - imported before pytester snapshots sys.modules: numpy loads once per process
import pytest

pytest_plugins = ["pytester"]

DUMP_RECORDS = '''
import json
import numpy  # noqa: F401 - imported before pytester snapshots sys.modules: numpy loads once per process
import pytest
from autograder.plugin import RECORDS

@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    records = session.config.stash.get(RECORDS, {})
    with open("records.json", "w") as f:
        json.dump({r.name: {"earned": r.points if r.passed else 0.0, "points": r.points,
                            "status": r.status, "cause": r.cause, "phases": r.phases} for r in records.values()}, f)
'''


_NAMES = itertools.count()


def run_suite(pytester, suite: str, module: str = "def double(x):\n    return 2 * x\n"):
    # The in-process mode loads a submission module once per process: a fresh name per run.
    name = f"rulemod{next(_NAMES)}"
    pytester.makepyfile(**{f"submission/{name}": module})
    pytester.makeconftest(DUMP_RECORDS)
    pytester.makepyfile(**{f"test_{name}": suite})
    result = pytester.runpytest_inprocess("--submission", "submission", "--inprocess", "-p", "no:randomly",
                                          "-p", "no:cacheprovider")
    path = pytester.path / "records.json"
    return result, (json.loads(path.read_text()) if path.is_file() else {})


HEAD = '''
import numpy  # noqa: F401 - imported before pytester snapshots sys.modules: numpy loads once per process
import pytest
POINTS = {"double": 4}
'''


def test_points_are_shared_by_weight_and_scaled_to_100(pytester):
    result, records = run_suite(pytester, HEAD + '''
@pytest.mark.exercise("double", weight=3)
def test_big(sub):
    assert sub.double(2) == 4

@pytest.mark.exercise("double")
def test_small(sub):
    assert sub.double(3) == 6
''')
    result.assert_outcomes(passed=2)
    assert records["test_big"]["earned"] == pytest.approx(75.0)
    assert records["test_small"]["earned"] == pytest.approx(25.0)


def test_a_failed_assertion_earns_nothing(pytester):
    result, records = run_suite(pytester, HEAD + '''
@pytest.mark.exercise("double")
def test_wrong(sub):
    assert sub.double(2) == 5
''')
    result.assert_outcomes(failed=1)
    assert records["test_wrong"]["earned"] == 0.0
    assert records["test_wrong"]["status"] == "failed"
    assert records["test_wrong"]["cause"] == "wrong_answer"


@pytest.mark.parametrize("decorator", ["@pytest.mark.skip(reason='later')", "@pytest.mark.xfail(reason='known')",
                                       "@pytest.mark.xfail(strict=False)"])
def test_skip_and_xfail_earn_nothing(pytester, decorator):
    result, records = run_suite(pytester, HEAD + f'''
@pytest.mark.exercise("double")
{decorator}
def test_dodged(sub):
    assert sub.double(2) == 5
''')
    assert records["test_dodged"]["earned"] == 0.0
    assert records["test_dodged"]["points"] == pytest.approx(100.0)


def test_an_xpass_earns_nothing(pytester):
    _, records = run_suite(pytester, HEAD + '''
@pytest.mark.exercise("double")
@pytest.mark.xfail(reason="claims to fail")
def test_xpass(sub):
    assert sub.double(2) == 4
''')
    assert records["test_xpass"]["earned"] == 0.0


def test_a_skip_inside_the_test_earns_nothing(pytester):
    _, records = run_suite(pytester, HEAD + '''
@pytest.mark.exercise("double")
def test_skips(sub):
    pytest.skip("not today")
''')
    assert records["test_skips"]["earned"] == 0.0
    assert records["test_skips"]["status"] == "error"
    assert records["test_skips"]["cause"] == "skipped"


@pytest.mark.parametrize("phase", ["setup", "teardown"])
def test_a_crash_in_setup_or_teardown_earns_nothing(pytester, phase):
    body = "    raise RuntimeError('boom')\n    yield\n" if phase == "setup" else "    yield\n    raise RuntimeError('boom')\n"
    result, records = run_suite(pytester, HEAD + f'''
@pytest.fixture
def broken():
{body}
@pytest.mark.exercise("double")
def test_with_fixture(sub, broken):
    assert sub.double(2) == 4
''')
    result.assert_outcomes(errors=1, passed=1 if phase == "teardown" else 0)
    assert records["test_with_fixture"]["earned"] == 0.0
    assert records["test_with_fixture"]["phases"][phase] == "failed"


def test_an_exercise_missing_from_points_stops_the_run(pytester):
    result, records = run_suite(pytester, HEAD + '''
@pytest.mark.exercise("triple")
def test_unknown(sub):
    assert True
''')
    assert result.ret != 0
    assert "exercise 'triple' has no entry in POINTS" in result.stdout.str() + result.stderr.str()
    assert not any(r["earned"] for r in records.values())


def test_a_stub_earns_nothing_and_says_so(pytester):
    result, records = run_suite(pytester, HEAD + '''
@pytest.mark.exercise("double")
def test_stub(sub):
    assert sub.double(2) == 4
''', module="def double(x):\n    raise NotImplementedError\n")
    result.assert_outcomes(failed=1)
    assert records["test_stub"]["earned"] == 0.0
    assert records["test_stub"]["status"] == "failed"
    assert records["test_stub"]["cause"] == "not_implemented"
