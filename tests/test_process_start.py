"""What keeps a grading's processes quick to start and to leave, checked on the real processes.

The fork server freezes the objects of the libraries it preloads, so a worker's garbage
collections skip them (and leave the pages it shares with the server uncopied); the grading
process pauses collections while its first grading imports the suites, then freezes that.
"""
from __future__ import annotations

import gc

from autograder.grading import grade
from autograder.sandbox.client import SandboxSubmission

pytest_plugins = ["pytester"]

PROBE = ("import gc\n\n"
         "def describe(values):\n"
         "    return [gc.get_freeze_count(), gc.isenabled()]\n")


def answer_in_a_worker(folder, source):
    """What ``describe`` of a one-function submission answers in a real worker, and its scratch source folder."""
    (folder / "numpy_basics.py").write_text(source)
    sub = SandboxSubmission(folder)
    try:
        return sub.module("numpy_basics").describe([1, 2, 3]), str(sub.src)
    finally:
        sub.close()


def test_a_worker_starts_with_the_preloaded_libraries_frozen_and_collections_on(tmp_path):
    (frozen, enabled), _ = answer_in_a_worker(tmp_path, PROBE)
    assert enabled is True
    assert frozen > 100_000  # numpy, scipy, scikit-learn and matplotlib: hundreds of thousands


def test_a_grading_leaves_collections_on_with_its_start_frozen(tmp_path):
    (tmp_path / "numpy_basics.py").write_text("def describe(values):\n    raise NotImplementedError\n")
    gc.enable()
    grade(tmp_path, suite="public")
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


WIRES_PROBE = ("import sys\n\n"
               "def describe(values):\n"
               "    wires = sys.modules['autograder.sandbox.tripwires'].PREINSTALLED\n"
               "    return [wires is not None, wires.src if wires else '', len(wires.wrappers) if wires else 0]\n")


def test_a_worker_uses_the_tripwires_its_server_installed_for_its_own_submission(tmp_path):
    (preinstalled, src, wrapped), scratch = answer_in_a_worker(tmp_path, WIRES_PROBE)
    assert preinstalled and wrapped > 50  # every exercise's forbidden functions, made once
    assert src == scratch  # a tripwire reports the calls from this submission's files


def test_other_forbidden_lists_get_tripwires_of_their_own(monkeypatch):
    from autograder.sandbox import tripwires

    monkeypatch.setattr(tripwires, "PREINSTALLED", None)
    tripwires.preinstall({"m.f": ["no_such_library.f"]})
    assert tripwires.for_worker({"m.f": ["no_such_library.f"]}, "/x") is tripwires.PREINSTALLED
    other = tripwires.for_worker({"m.f": ["no_such_library.g"]}, "/x")
    assert other is not tripwires.PREINSTALLED and other.forbidden == {"m.f": ["no_such_library.g"]}


def test_a_students_pytest_runs_its_tests_with_the_imports_frozen_and_collections_on(pytester):
    """In a fresh pytest process (the plugin loaded as a student's run loads it), a test sees
    collections on and the collection phase's objects frozen."""
    pytester.makepyfile(test_probe="import gc\n\n"
                                   "def test_collections():\n"
                                   "    assert gc.isenabled()\n"
                                   "    assert gc.get_freeze_count() > 1000\n")
    result = pytester.runpytest_subprocess()  # the plugin loads by its entry point
    result.assert_outcomes(passed=1)


def test_the_modules_loaded_since_a_marker_are_read_from_the_end(monkeypatch):
    import sys
    import types

    from autograder.sandbox import tripwires

    marker = tripwires.modules_marker()
    for name in ("probe_first", "probe_second"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    assert tripwires.loaded_since(marker) == ["probe_second", "probe_first"]
    later = tripwires.modules_marker()
    assert tripwires.loaded_since(later) == []
    monkeypatch.delitem(sys.modules, "probe_first")  # any other change: every module, to be sure
    assert len(tripwires.loaded_since(later)) == len(sys.modules)
    monkeypatch.setitem(sys.modules, "probe_third", types.ModuleType("probe_third"))
    assert len(tripwires.loaded_since((len(sys.modules) - 1, "no_such_module"))) == len(sys.modules)


def test_an_entry_installed_once_is_not_wrapped_again():
    from autograder.sandbox import tripwires

    wires = tripwires.Tripwires({"linear_algebra.outer": ["numpy.multiply.outer", "numpy.outer"]}, "/x")
    wires.install(["numpy.multiply.outer", "numpy.outer"])
    made, marker = len(wires.wrappers), wires.marker
    wires.install(["numpy.multiply.outer", "numpy.outer"])  # a bound method is new at each lookup
    assert len(wires.wrappers) == made and wires.marker == marker
