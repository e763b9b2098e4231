"""The static forbidden-name check: every spelling of a forbidden call is found, with its line."""
from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.curriculum import FORBIDDEN, MODULES
from autograder.sandbox.static import AT_IMPORT, forbidden_message, forbidden_uses

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
    "a star import of another package": ("pca_svd", "pseudoinverse", """
        from scipy.linalg import *

        def pseudoinverse(a):
            return lstsq(a, a)[0]
    """, "scipy.linalg.lstsq", 4),
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


HELPER_USER = "import helpers\n\n\ndef inner(a, b):\n    return helpers.combine(a, b)\n"


def verdict_in(folder, helper: str | None) -> str | None:
    folder.mkdir(exist_ok=True)
    (folder / "linear_algebra.py").write_text(HELPER_USER)
    if helper is not None:
        (folder / "helpers.py").write_text(helper)
    return forbidden_message(folder / "linear_algebra.py", "linear_algebra", "inner", {}, "x")


def test_a_module_seen_before_is_judged_again_when_its_helpers_differ(tmp_path):
    """The same file in many submissions is analysed once, but never judged by another's helpers."""
    clean = "def combine(a, b):\n    return sum(x * y for x, y in zip(a, b))\n"
    dotted = "import numpy as np\n\n\ndef combine(a, b):\n    return np.dot(a, b)\n"
    assert verdict_in(tmp_path / "one", clean) is None
    assert verdict_in(tmp_path / "two", clean) is None
    assert "numpy.dot" in verdict_in(tmp_path / "three", dotted)
    assert "could not be checked" in verdict_in(tmp_path / "four", "def combine(:\n")
    assert "cannot see into" in verdict_in(tmp_path / "five", None)  # no helpers.py beside it
    assert verdict_in(tmp_path / "six", clean) is None


def test_unparsable_source_gives_no_verdict(tmp_path):
    path = tmp_path / "linear_algebra.py"
    path.write_text("def inner(a, b):\n    return a +\n")
    assert forbidden_message(path, "linear_algebra", "inner", {}, "x") is None


# ---------------------------------------------------------------- failing closed, without false alarms

REFLECTION_CASES = {
    "a module's __dict__": ("linear_algebra", "inner", "return np.__dict__['dot'](a, b)", ".__dict__ (reflection)"),
    "vars of a module": ("linear_algebra", "inner", "return vars(np)['dot'](a, b)", "vars (reflection)"),
    "eval": ("linear_algebra", "inner", "return eval('np.dot')(a, b)", "eval (reflection)"),
    "inspect": ("linear_algebra", "inner", "import inspect\nreturn dict(inspect.getmembers(np))['dot'](a, b)",
                "inspect.getmembers (reflection)"),
    "ctypes": ("linear_algebra", "inner", "import ctypes\nreturn ctypes.pythonapi", "ctypes.pythonapi (reflection)"),
    "__import__": ("linear_algebra", "inner", "return __import__('numpy').dot(a, b)", "__import__ (reflection)"),
    "getattr of a dunder": ("linear_algebra", "inner", "return getattr(np, '__dict__')['dot'](a, b)",
                            "getattr() with a name it cannot check (reflection)"),
    "getattr passed on": ("linear_algebra", "inner", "import functools\nreturn functools.partial(getattr, np)('dot')(a, b)",
                          "getattr() with a name it cannot check (reflection)"),
    "np.vecdot": ("linear_algebra", "inner", "return float(np.vecdot(a, b))", "numpy.vecdot"),
    "statistics by name": ("descriptive_stats", "median", "import statistics as s\nreturn s.median(x)", "statistics.median"),
    "string annotations evaluated": ("linear_algebra", "inner",
                                     "import typing\ndef f(x: 'np.dot'): pass\nreturn typing.get_type_hints(f)['x'](a, b)",
                                     "typing.get_type_hints (reflection)"),
    "pydoc.locate": ("linear_algebra", "inner", "import pydoc\nreturn pydoc.locate('numpy.dot')(a, b)",
                     "pydoc.locate (reflection)"),
    "timeit runs a string": ("linear_algebra", "inner", "import timeit\nreturn timeit.timeit('np.dot(a, b)', number=1)",
                             "timeit.timeit (reflection)"),
    "a frame's globals": ("linear_algebra", "inner", "import sys\nreturn sys._getframe().f_globals['np'].dot(a, b)",
                          "sys._getframe (reflection)"),
    "a traceback's frame": ("linear_algebra", "inner",
                            "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    t = e.__traceback__.tb_frame\nreturn 0.0",
                            ".tb_frame (reflection)"),
    "a pickle loaded by numpy": ("linear_algebra", "inner", "return np.load('f.npy', allow_pickle=True)[()](a, b)",
                                 "allow_pickle (reflection)"),
    "an import the check does not know": ("linear_algebra", "inner", "import numba\nreturn numba.njit(lambda: 0)()",
                                          "numba (an import the check cannot see into; reflection)"),
    "a method spelling of var": ("descriptive_stats", "variance", "return float(np.asarray(x).var(ddof=ddof))", ".var"),
}


@pytest.mark.parametrize("case", sorted(REFLECTION_CASES))
def test_reflection_and_close_relatives_count_as_forbidden(case):
    module, function, body, name = REFLECTION_CASES[case]
    args = {"inner": "a, b", "median": "x", "variance": "x, ddof=0"}[function]
    indented = "\n".join("    " + line for line in body.splitlines())
    found = forbidden_uses(f"import numpy as np\n\n\ndef {function}({args}):\n{indented}\n", module)
    assert name in [used for used, _ in found.get(function, [])], found


def test_a_star_import_of_a_helper_module_is_walked(tmp_path):
    (tmp_path / "kit.py").write_text("import numpy as np\n\n\ndef fast(a, b):\n    return np.dot(a, b)\n")
    found = forbidden_uses("from kit import *\n\n\ndef inner(a, b):\n    return fast(a, b)\n",
                           "linear_algebra", tmp_path)
    assert ("numpy.dot in kit.py", 5) in found["inner"]


def test_a_module_wide_entry_covers_every_function_of_its_module():
    source = ("import numpy as np\nfrom scipy.special import softmax as _sm\n\n\n"
              "def softmax(z):\n    return _sm(z, axis=-1)\n\n\n"
              "def forward(x, layers):\n    return softmax(np.asarray(x))\n\n\n"
              "def loss(x, labels, layers):\n    return float(np.mean(forward(x, layers)))\n")
    found = forbidden_uses(source, "neural_network")
    assert set(found) == {"softmax", "forward", "loss"}
    assert ("scipy.special.softmax", 2) in found["loss"]


def test_an_entry_for_a_function_not_written_yet_is_harmless():
    assert "linear_algebra.cosine_similarity" in FORBIDDEN
    assert forbidden_uses("import numpy as np\n", "linear_algebra") == {}
    found = forbidden_uses("import numpy as np\n\ndef cosine_similarity(a, b):\n    return np.dot(a, b)\n",
                           "linear_algebra")
    assert found == {"cosine_similarity": [("numpy.dot", 4)]}


def test_code_that_rebinds_names_at_import_counts_against_every_checked_function():
    source = "import numpy as np\nnp.helper = np.dot\n\n\ndef inner(a, b):\n    return np.helper(a, b)\n"
    found = forbidden_uses(source, "linear_algebra")
    assert found["inner"] == [(AT_IMPORT, 2)] and found["outer"] == [(AT_IMPORT, 2)]


# Honest spellings a student writes; none may be flagged in any checked function.
HONEST_LINES = [
    "total = 0.0",
    "x = np.asarray(x, dtype=float)",
    "n = x.shape[0] if x.ndim else 1",
    "s = float(np.sum(x * x))",
    "for i in range(len(x)):\n    total += float(x[i]) * 2.0",
    "squares = [v * v for v in x]",
    "pairs = {i: v for i, v in enumerate(x)}",
    "root = math.sqrt(abs(total) + 1.0)",
    "width = getattr(x, 'shape', (1,))",
    "kind = type(x).__name__",
    "ordered = np.sort(x)",
    "ordered = sorted(x.tolist())",
    "biggest = max(np.abs(x).max(), 1.0)",
    "middle = ordered[len(ordered) // 2]",
    "flat = x.reshape(-1).copy()",
    "mean = x.mean() if x.size else 0.0",
    "t = x.T",
    "eps = sys.float_info.epsilon",
    "u, sv, vt = np.linalg.svd(np.atleast_2d(x), full_matrices=False)",
    "mask = np.where(np.isfinite(x), x, 0.0)",
    "z = np.zeros((2, 2))\nz[0, 0] = 1.0",
    "if not np.all(np.isfinite(x)):\n    raise ValueError(f'x must be finite, got {x!r}')",
    "while total > 10:\n    total /= 2",
    "try:\n    q = 1 / total\nexcept ZeroDivisionError:\n    q = 0.0",
    "acc = SCALE * total",
    "helper = _square(2.0)",
]
HONEST_PRELUDE = ("import math\nimport sys\nfrom typing import Sequence\n\nimport numpy as np\n\n"
                  "SCALE = 1.0\n\n\ndef _square(v: float) -> float:\n    \"\"\"A helper.\"\"\"\n    return v * v\n\n\n"
                  "class Box:\n    def __init__(self, value):\n        self.value = value\n\n\n")
CHECKED = [(key.split(".")[0], key.split(".")[1]) for key in FORBIDDEN if not key.endswith(".*")]


def _honest_function(name: str, lines: list[str]) -> str:
    body = "\n".join("    " + line for chunk in lines for line in chunk.splitlines())
    return f"def {name}(x, *rest):\n{body}\n    return 0.0\n\n\n"


@pytest.mark.parametrize("line", HONEST_LINES)
def test_an_honest_line_is_not_flagged_anywhere(line):
    for module, function in CHECKED:
        source = HONEST_PRELUDE + _honest_function(function, [line])
        assert forbidden_uses(source, module) == {}, (module, function, line)


@given(st.lists(st.sampled_from(HONEST_LINES), min_size=1, max_size=8), st.sampled_from(CHECKED))
@settings(max_examples=60, deadline=None)
def test_honest_code_in_any_combination_is_not_flagged(lines, checked):
    module, function = checked
    source = HONEST_PRELUDE + _honest_function("_helper", lines[::-1]) + _honest_function(function, lines + ["helper = _helper(x)"])
    source += 'if __name__ == "__main__":\n    print(_helper(1.0))\n'
    assert forbidden_uses(source, module) == {}, source


def test_a_helper_module_is_followed_only_as_far_as_the_names_used(tmp_path):
    (tmp_path / "linear_algebra.py").write_text((REPO / "solutions" / "linear_algebra.py").read_text())
    honest = ("import numpy as np\nimport linear_algebra as la\nfrom linear_algebra import matmul\n\n\n"
              "def pca_via_svd(X, k):\n    return matmul(X, la.hadamard(X, X).T), None, None\n")
    assert forbidden_uses(honest, "pca_svd", tmp_path) == {}
    reaching = honest.replace("la.hadamard(X, X)", "la.definiteness(X)")  # it calls np.linalg.eigvalsh
    found = forbidden_uses(reaching, "pca_svd", tmp_path)["pca_via_svd"]
    assert [name for name, _ in found] == ["numpy.linalg.eigvalsh in linear_algebra.py"]


def test_the_solutions_as_helper_modules_of_a_module_wide_list_are_not_flagged(tmp_path):
    for module in MODULES:
        (tmp_path / f"{module}.py").write_text((REPO / "solutions" / f"{module}.py").read_text())
    imports = "\n".join(f"import {m}" for m in MODULES if m != "digits_mlp")
    uses = " + ".join(f"len(dir({m}))" for m in MODULES if m != "digits_mlp")
    source = f"import numpy as np\n{imports}\n\n\ndef softmax(z):\n    return {uses}\n"
    assert forbidden_uses(source, "neural_network", tmp_path) == {}


def test_a_library_reached_through_a_helper_module_is_resolved(tmp_path):
    (tmp_path / "kit.py").write_text("import numpy as np\n")
    found = forbidden_uses("import kit\n\n\ndef inner(a, b):\n    return kit.np.dot(a, b)\n", "linear_algebra", tmp_path)
    assert ("numpy.dot in kit.py", 5) in found["inner"]


@pytest.mark.parametrize("module, function, body, name", [
    ("linear_algebra", "matmul", "return np.asarray(np.asmatrix(a) * np.asmatrix(b))", "numpy.asmatrix"),
    ("descriptive_stats", "median", "from numpy.lib import _function_base_impl as f\nreturn f._median(x)",
     "numpy.lib._function_base_impl._median"),
    ("descriptive_stats", "pearson", "import pandas as pd\nreturn pd.Series(x).corr(pd.Series(x))", "pandas.Series"),
    ("linear_algebra", "inner", "match np:\n    case object(dot=f):\n        return f(a, b)",
     "case ...(dot=...) (reflection)"),
    ("linear_algebra", "inner", "from scipy.linalg import get_blas_funcs\nreturn get_blas_funcs('dot')(a, b)",
     "scipy.linalg.get_blas_funcs (reflection)"),
])
def test_more_spellings_of_the_same_function(module, function, body, name):
    indented = "\n".join("    " + line for line in body.splitlines())
    found = forbidden_uses(f"import numpy as np\n\n\ndef {function}(a, b=None, x=None):\n{indented}\n", module)
    assert name in [used for used, _ in found.get(function, [])], found


@pytest.mark.parametrize("source, line", [
    ("import numpy as np\n\ndef _h(a, b):\n    return np.dot(a, b)\n\ndef inner(a, b):\n    return 0.0\n\n"
     "inner.__code__ = _h.__code__\n", 9),
    ("import numpy as np\n\ndef inner(a, b):\n    return inner.f(a, b)\n\ndef outer(a, b):\n    inner.f = np.dot\n", 7),
])
def test_rewriting_a_function_from_outside_counts_against_every_checked_function(source, line):
    found = forbidden_uses(source, "linear_algebra")
    assert (AT_IMPORT, line) in found["inner"] and (AT_IMPORT, line) in found["matmul"]


def test_a_private_part_of_a_package_counts_whatever_its_name():
    source = "import numpy as np\n\ndef pca_via_svd(X, k):\n    return np.linalg._umath_linalg.eigh_lo(X)\n"
    found = forbidden_uses(source, "pca_svd")["pca_via_svd"]
    assert ("numpy.linalg._umath_linalg.eigh_lo (reflection)", 4) in found
