"""The static forbidden-name check: every spelling of a forbidden call is found, with its line."""
from __future__ import annotations

import textwrap

import pytest

from autograder.curriculum import FORBIDDEN, MODULES
from autograder.static import AT_IMPORT, forbidden_message, forbidden_uses

from .gradekit import REPO

# name -> (module, function, source, the forbidden name reported, its line)
CASES = {
    "from-import alias": ("linear_algebra", "inner", """
        from numpy import dot as d

        def inner(a, b):
            return d(a, b)
    """, "numpy.dot", 4),
    "module alias": ("linear_algebra", "lp_norm", """
        import numpy.linalg as la

        def lp_norm(x, p):
            return la.norm(x, p)
    """, "numpy.linalg.norm", 4),
    "getattr with a constant": ("linear_algebra", "inner", """
        import numpy as np

        def inner(a, b):
            return getattr(np, "dot")(a, b)
    """, "numpy.dot", 4),
    "the @ operator": ("linear_algebra", "matmul", """
        def matmul(a, b):
            c = a
            c @= b
            return c
    """, "@", 3),
    "method spelling": ("linear_algebra", "inner", """
        def inner(a, b):
            return a.dot(b)
    """, ".dot", 2),
    "module-level helper": ("linear_algebra", "inner", """
        import numpy as np

        def _helper(a, b):
            return np.dot(a, b)

        def inner(a, b):
            return _helper(a, b)
    """, "numpy.dot", 4),
    "lambda alias": ("linear_algebra", "inner", """
        import numpy as np
        product = lambda a, b: np.dot(a, b)

        def inner(a, b):
            return product(a, b)
    """, "numpy.dot", 2),
    "assigned alias": ("pca_svd", "pseudoinverse", """
        import numpy as np
        solve = np.linalg.pinv

        def pseudoinverse(a):
            return solve(a)
    """, "numpy.linalg.pinv", 5),
    "the exercise bound to the library": ("linear_algebra", "inner", """
        import numpy as np
        inner = np.dot
    """, "numpy.dot", 2),
    "the exercise imported from the library": ("linear_algebra", "inner", """
        from numpy import dot as inner
    """, "numpy.dot", 1),
    "a clean def rebound afterwards": ("linear_algebra", "inner", """
        import numpy as np

        def inner(a, b):
            return sum(x * y for x, y in zip(a, b))

        inner = np.dot
    """, "numpy.dot", 6),
    "a class attribute": ("linear_algebra", "inner", """
        import numpy as np

        class Ops:
            product = staticmethod(np.dot)

        def inner(a, b):
            return Ops.product(a, b)
    """, "numpy.dot", 4),
    "a dict of functions": ("linear_algebra", "outer", """
        import numpy as np
        TABLE = {"outer": np.outer}

        def outer(a, b):
            return TABLE["outer"](a, b)
    """, "numpy.outer", 2),
    "a private path to the same function": ("linear_algebra", "inner", """
        from numpy._core.multiarray import dot

        def inner(a, b):
            return dot(a, b)
    """, "numpy._core.multiarray.dot", 4),
    "a star import": ("linear_algebra", "inner", """
        from numpy import *

        def inner(a, b):
            return dot(a, b)
    """, "numpy.dot", 4),
    "operator.matmul": ("linear_algebra", "matmul", """
        import operator

        def matmul(a, b):
            return operator.matmul(a, b)
    """, "@ (as operator.matmul)", 4),
    "__matmul__": ("linear_algebra", "inner", """
        def inner(a, b):
            return a.__matmul__(b)
    """, "@ (as .__matmul__)", 2),
    "computed getattr": ("linear_algebra", "inner", """
        import numpy as np

        def inner(a, b):
            name = "d" + "ot"
            return getattr(np, name)(a, b)
    """, "getattr() with a name it cannot check (reflection)", 5),
    "exec at import": ("linear_algebra", "inner", """
        exec("def inner(a, b):\\n    return a @ b")
    """, AT_IMPORT, 1),
    "a whole forbidden module": ("descriptive_stats", "median", """
        import statistics

        def median(x):
            return statistics.median(x)
    """, "statistics.median", 4),
    "scipy under another name": ("t_tests", "t_test", """
        from scipy import stats as st

        def t_test(a, b, equal_var=True):
            return st.ttest_ind(a, b, equal_var=equal_var)
    """, "scipy.stats.ttest_ind", 4),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_forbidden_spelling_is_flagged_with_its_line(case):
    module, function, source, name, line = CASES[case]
    found = forbidden_uses(textwrap.dedent(source).lstrip("\n"), module)
    assert (name, line) in found.get(function, []), found


def test_a_clean_loop_implementation_is_not_flagged():
    source = textwrap.dedent("""
        import numpy as np

        EPS = 0.0

        def _pairs(a, b):
            return zip(np.asarray(a, dtype=float), np.asarray(b, dtype=float))

        def inner(a, b):
            total = 0.0
            for x, y in _pairs(a, b):
                total += x * y
            return total + EPS

        def matmul(a, b):
            a, b = np.asarray(a, float), np.asarray(b, float)
            out = np.zeros((a.shape[0], b.shape[1]))
            for i in range(a.shape[0]):
                for j in range(b.shape[1]):
                    out[i, j] = inner(a[i, :], b[:, j])
            return out

        def lp_norm(x, p):
            return float(np.sum(np.abs(np.asarray(x, float)) ** p) ** (1 / p))
    """)
    assert forbidden_uses(source, "linear_algebra") == {}


def test_a_forbidden_name_in_one_function_does_not_taint_another():
    source = "import numpy as np\n\ndef hadamard(a, b):\n    return np.dot(a, b)\n\ndef inner(a, b):\n    return sum(x * y for x, y in zip(a, b))\n"
    assert forbidden_uses(source, "linear_algebra") == {}  # hadamard may use np.dot


def test_no_reference_solution_is_flagged():
    checked = {key.split(".")[0] for key in FORBIDDEN}
    for module in sorted(checked & set(MODULES)):
        path = REPO / "solutions" / f"{module}.py"
        if path.is_file():
            assert forbidden_uses(path.read_text(encoding="utf-8"), module) == {}, module


def test_the_message_names_the_function_the_name_and_the_line(tmp_path):
    path = tmp_path / "linear_algebra.py"
    path.write_text("import numpy as np\n\n\ndef inner(a, b):\n    return np.dot(a, b)\n")
    message = forbidden_message(path, "linear_algebra", "inner", {}, "exercises/linear_algebra.py")
    assert "linear_algebra.inner" in message
    assert "numpy.dot (line 5)" in message and "exercises/linear_algebra.py" in message
    assert forbidden_message(path, "linear_algebra", "outer", {}, "x") is None


def test_unparsable_source_gives_no_verdict(tmp_path):
    path = tmp_path / "linear_algebra.py"
    path.write_text("def inner(a, b):\n    return a +\n")
    assert forbidden_message(path, "linear_algebra", "inner", {}, "x") is None
