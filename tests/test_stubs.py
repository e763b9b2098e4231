"""The stub generator: markers become one raise, everything else stays, bad markers are refused."""
from __future__ import annotations

import textwrap

import pytest

from autograder.instructor.stubs import MarkerError, stale_stubs, stub_source

SOURCE = textwrap.dedent('''\
    import numpy as np


    def lp_norm(x, p):
        """Docstring stays."""
        ### BEGIN SOLUTION
        x = np.asarray(x)
        return float(np.sum(np.abs(x) ** p) ** (1 / p))
        ### END SOLUTION


    class Holder:
        def method(self):
            ### BEGIN SOLUTION
            return 1
            ### END SOLUTION
    ''')


def test_region_becomes_one_raise_naming_the_exercise():
    stub = stub_source(SOURCE, "linear_algebra")
    assert "np.sum" not in stub and "BEGIN SOLUTION" not in stub
    assert '    raise NotImplementedError("exercise linear_algebra.lp_norm: replace this line with your code")\n' in stub
    assert '"""Docstring stays."""' in stub and stub.startswith("import numpy as np\n")


def test_indentation_of_nested_bodies_is_kept():
    stub = stub_source(SOURCE, "m")
    assert '        raise NotImplementedError("exercise m.method:' in stub
    compile(stub, "stub", "exec")


@pytest.mark.parametrize("text, problem", [
    ("def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n    ### END SOLUTION\n", "x.py:3"),
    ("def f():\n    ### BEGIN SOLUTION\n    return 1\n", "never closed"),
    ("def f():\n    return 1\n    ### END SOLUTION\n", "x.py:3"),
    ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", "outside a function"),
])
def test_bad_markers_are_refused_with_file_and_line(text, problem):
    with pytest.raises(MarkerError, match=problem):
        stub_source(text, "m", "x.py")


def test_committed_exercises_match_the_generator(repo_root):
    stale = stale_stubs(repo_root / "solutions", repo_root / "exercises")
    assert stale == [], f"exercises/ is out of date for {stale}: run `autograder stubs`"


def test_check_mode_reports_drift(tmp_path, repo_root):
    from autograder.cli import main

    (tmp_path / "sol").mkdir()
    (tmp_path / "sol" / "m.py").write_text(SOURCE)
    assert main(["stubs", "--solutions", str(tmp_path / "sol"), "--exercises", str(tmp_path / "ex"), "--check"]) == 1
    assert main(["stubs", "--solutions", str(tmp_path / "sol"), "--exercises", str(tmp_path / "ex")]) == 0
    assert main(["stubs", "--solutions", str(tmp_path / "sol"), "--exercises", str(tmp_path / "ex"), "--check"]) == 0
