"""Forbidden functions in disguise, graded for real: each disguised exercise scores 0, the rest keep theirs.

Every disguise is a real call of a forbidden function that computes the right answer. The
reference solutions are copied into a submission folder and one disguised definition per
exercise is appended to its module (the later ``def`` wins at import), so a grading round
holds many disguises at once; the rounds are graded once per module of tests.
"""
from __future__ import annotations

import textwrap

import pytest

from autograder.grading import grade
from autograder.sandbox.static import forbidden_message, forbidden_uses

from .gradekit import REPO, write_files

pytestmark = pytest.mark.timeout(120)

# (name, module, function, source appended to the module); every one calls a forbidden function.
DISGUISES = [
    ("getattr aliased", "linear_algebra", "inner", """
        _g = getattr

        def inner(a, b):
            return float(_g(np, "vdot")(a, b))
    """),
    ("operator.attrgetter", "linear_algebra", "matmul", """
        import operator

        def matmul(A, B):
            return operator.attrgetter("dot")(np)(np.asarray(A), np.asarray(B))
    """),
    ("operator.methodcaller", "linear_algebra", "inner", """
        import operator as _op

        def inner(a, b):
            return float(_op.methodcaller("dot", np.asarray(b, float))(np.asarray(a, float)))
    """),
    ("np.__getattribute__", "linear_algebra", "outer", """
        def outer(a, b):
            return np.__getattribute__("outer")(a, b)
    """),
    ("getattr bound by for", "linear_algebra", "lp_norm", """
        for _look in (getattr,):
            pass

        def lp_norm(x, p):
            return float(_look(np.linalg, "norm")(np.asarray(x, float), p))
    """),
    ("getattr bound by walrus", "descriptive_stats", "pearson", """
        def pearson(x, y):
            return float((g := getattr)(np, "corrcoef")(x, y)[0, 1])
    """),
    ("builtins.getattr", "descriptive_stats", "median", """
        import builtins

        def median(x):
            return float(builtins.getattr(np, "median")(x))
    """),
    ("exec aliased", "pca_svd", "covariance", """
        _run = exec

        def covariance(X):
            scope = {"np": np, "X": np.asarray(X, float)}
            _run("out = np.cov(X, rowvar=False)", scope)
            return scope["out"]
    """),
    ("scipy.linalg.lstsq for np.linalg.lstsq", "pca_svd", "pseudoinverse", """
        import scipy.linalg

        def pseudoinverse(A, rcond=1e-15):
            A = np.asarray(A, float)
            return scipy.linalg.lstsq(A, np.eye(A.shape[0]))[0]
    """),
    ("scipy.ndimage.median for np.median", "descriptive_stats", "median", """
        from scipy import ndimage

        def median(x):
            return float(ndimage.median(np.asarray(x, float)))
    """),
    ("np.linalg.multi_dot", "linear_algebra", "matmul", """
        def matmul(A, B):
            return np.linalg.multi_dot([np.asarray(A), np.asarray(B)])
    """),
    ("np.linalg.vector_norm", "linear_algebra", "lp_norm", """
        def lp_norm(x, p):
            return float(np.linalg.vector_norm(np.asarray(x, float), ord=p))
    """),
    ("captured at import", "linear_algebra", "inner", """
        _dot = np.dot

        def inner(a, b):
            return float(_dot(a, b))
    """),
    ("a default argument", "linear_algebra", "inner", """
        def inner(a, b, _f=np.dot):
            return float(_f(a, b))
    """),
    ("sys.modules", "descriptive_stats", "pearson", """
        import sys

        def pearson(x, y):
            return float(sys.modules["numpy"].corrcoef(x, y)[0, 1])
    """),
    ("importlib", "t_tests", "t_test", """
        import importlib

        def t_test(a, b, equal_var=True):
            r = importlib.import_module("scipy.stats").ttest_ind(a, b, equal_var=equal_var)
            return float(r.statistic), float(r.pvalue)
    """),
    ("functools.reduce over names", "pca_svd", "pseudoinverse", """
        import functools

        def pseudoinverse(A, rcond=1e-15):
            return functools.reduce(getattr, ["linalg", "pinv"], np)(np.asarray(A, float))
    """),
    ("a decorator", "pca_svd", "covariance", """
        def _using(f):
            def wrap(g):
                return lambda X: f(np.asarray(X, float), rowvar=False)
            return wrap

        @_using(np.cov)
        def covariance(X):
            raise NotImplementedError
    """),
    ("a lambda's default at import", "descriptive_stats", "median", """
        median = lambda x, _m=np.median: float(_m(x))
    """),
    ("a library attribute set at import", "linear_algebra", "outer", """
        np.my_outer = np.outer

        def outer(a, b):
            return np.my_outer(a, b)
    """),
    ("vars of a module", "descriptive_stats", "spearman", """
        import scipy.stats

        def spearman(x, y):
            return float(vars(scipy.stats)["spearmanr"](x, y)[0])
    """),
    ("a computed name", "t_tests", "t_test", """
        from scipy import stats

        def t_test(a, b, equal_var=True):
            r = getattr(stats, "".join(["ttest", "_ind"]))(a, b, equal_var=equal_var)
            return float(r.statistic), float(r.pvalue)
    """),
    ("an unbound method", "linear_algebra", "inner", """
        def inner(a, b):
            return float(np.ndarray.dot(np.asarray(a, float), np.asarray(b, float)))
    """),
    ("np.linalg.matmul", "linear_algebra", "matmul", """
        def matmul(A, B):
            return np.linalg.matmul(np.asarray(A), np.asarray(B))
    """),
    ("a helper module of the submission", "pca_svd", "covariance", """
        from _kit import fast_cov

        def covariance(X):
            return fast_cov(X)
    """),
    ("globals()", "descriptive_stats", "spearman", """
        import scipy.stats as _st

        def spearman(x, y):
            return float(globals()["_st"].spearmanr(x, y)[0])
    """),
]
HELPER_MODULE = "import numpy as np\n\n\ndef fast_cov(X):\n    return np.cov(np.asarray(X, float), rowvar=False)\n"

SUITE = {
    "test_linear_algebra.py": '''
        import numpy as np
        import pytest

        POINTS = {"inner": 1, "outer": 1, "matmul": 1, "lp_norm": 1, "hadamard": 1}


        @pytest.mark.exercise("inner")
        def test_inner(sub):
            assert sub.inner([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]) == pytest.approx(32.0)


        @pytest.mark.exercise("outer")
        def test_outer(sub):
            np.testing.assert_allclose(sub.outer([1.0, 2.0], [3.0, 4.0, 5.0]), [[3, 4, 5], [6, 8, 10]])


        @pytest.mark.exercise("matmul")
        def test_matmul(sub):
            np.testing.assert_allclose(sub.matmul([[1.0, 2.0], [3.0, 4.0]], [[5.0], [6.0]]), [[17.0], [39.0]])


        @pytest.mark.exercise("lp_norm")
        def test_lp_norm(sub):
            assert sub.lp_norm([3.0, -4.0], 2) == pytest.approx(5.0)


        @pytest.mark.exercise("hadamard")
        def test_hadamard(sub):
            np.testing.assert_allclose(sub.hadamard([1.0, 2.0], [3.0, 4.0]), [3.0, 8.0])
    ''',
    "test_descriptive_stats.py": '''
        import pytest

        POINTS = {"median": 1, "pearson": 1, "spearman": 1, "weighted_mean": 1}


        @pytest.mark.exercise("median")
        def test_median(sub):
            assert sub.median([3.0, 1.0, 2.0, 10.0]) == pytest.approx(2.5)


        @pytest.mark.exercise("pearson")
        def test_pearson(sub):
            assert sub.pearson([1.0, 2.0, 3.0], [2.0, 4.0, 7.0]) == pytest.approx(0.9933992677987828)


        @pytest.mark.exercise("spearman")
        def test_spearman(sub):
            assert sub.spearman([1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 2.0, 4.0]) == pytest.approx(0.8)


        @pytest.mark.exercise("weighted_mean")
        def test_weighted_mean(sub):
            assert sub.weighted_mean([1.0, 3.0], [1.0, 1.0]) == pytest.approx(2.0)
    ''',
    "test_pca_svd.py": '''
        import numpy as np
        import pytest

        POINTS = {"covariance": 1, "pseudoinverse": 1, "center": 1}
        X = np.array([[1.0, 2.0], [2.0, 1.0], [4.0, 5.0]])


        @pytest.mark.exercise("covariance")
        def test_covariance(sub):
            np.testing.assert_allclose(sub.covariance(X), np.cov(X, rowvar=False))


        @pytest.mark.exercise("pseudoinverse")
        def test_pseudoinverse(sub):
            A = np.array([[1.0, 2.0], [3.0, 4.0]])
            np.testing.assert_allclose(sub.pseudoinverse(A), np.linalg.inv(A), atol=1e-9)


        @pytest.mark.exercise("center")
        def test_center(sub):
            centered, mean = sub.center(X)
            np.testing.assert_allclose(mean, X.mean(axis=0))
    ''',
    "test_t_tests.py": '''
        import pytest
        from scipy import stats

        POINTS = {"t_test": 1, "welch_dof": 1}
        A, B = [1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 9.0]


        @pytest.mark.exercise("t_test")
        def test_t_test(sub):
            expected = stats.ttest_ind(A, B)
            assert sub.t_test(A, B) == pytest.approx((expected.statistic, expected.pvalue))


        @pytest.mark.exercise("welch_dof")
        def test_welch_dof(sub):
            assert sub.welch_dof(A, B) > 0
    ''',
}
MODULES = ("linear_algebra", "descriptive_stats", "pca_svd", "t_tests")


def rounds() -> list[dict[str, tuple[str, str, str]]]:
    """The disguises split into gradings that hold at most one per exercise."""
    out: list[dict] = []
    for name, module, function, source in DISGUISES:
        for chosen in out:
            if f"{module}.{function}" not in chosen:
                break
        else:
            chosen = {}
            out.append(chosen)
        chosen[f"{module}.{function}"] = (name, module, textwrap.dedent(source))
    return out


def submission(folder, chosen) -> None:
    folder.mkdir(parents=True)
    for module in MODULES:
        source = (REPO / "solutions" / f"{module}.py").read_text(encoding="utf-8")
        extra = [f"\n\n# disguise: {name}\n{code}" for name, mod, code in chosen.values() if mod == module]
        (folder / f"{module}.py").write_text(source + "".join(extra), encoding="utf-8")
    (folder / "_kit.py").write_text(HELPER_MODULE, encoding="utf-8")


def _grade(root, name, chosen):
    folder = root / name
    submission(folder, chosen)
    return _points(grade(folder, suite=root / "suite", seed=3))


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("disguises")
    write_files(root / "suite", SUITE)
    return root


@pytest.fixture(scope="module")
def graded(root):
    """Every round graded once by the real grader: [(disguised exercises, result by function)]."""
    return [(chosen, _grade(root, f"round{n}", chosen)) for n, chosen in enumerate(rounds())]


def _points(result):
    by_function = {f.function: (f.score, f.max_score) for f in result.by_function()}
    statuses = {t.function: (t.status, t.output) for t in result.tests}
    return by_function, statuses


def test_the_honest_copy_earns_every_point(root):
    points, statuses = _grade(root, "honest", {})
    assert all(score == top > 0 for score, top in points.values()), statuses
    assert len(points) == 14


@pytest.mark.slow
@pytest.mark.parametrize("name", [d[0] for d in DISGUISES])
def test_a_disguised_forbidden_call_scores_zero_and_nothing_else_is_lost(graded, name):
    for chosen, (points, statuses) in graded:
        key = next((k for k, (n, _, _) in chosen.items() if n == name), None)
        if key is None:
            continue
        assert points[key][0] == 0, (name, statuses[key])
        status, output = statuses[key]
        assert status == "forbidden", (name, status, output)
        assert "To earn its points" in output
        clean = [k for k in points if k not in chosen]
        assert clean and all(points[k][0] == points[k][1] > 0 for k in clean), (name, statuses)
        return
    pytest.fail(f"{name} was not graded")


def test_every_disguise_is_seen_by_the_static_check_alone(tmp_path):
    """The same disguises, checked on their source: none slips through, each names a line."""
    (tmp_path / "_kit.py").write_text(HELPER_MODULE, encoding="utf-8")
    for name, module, function, source in DISGUISES:
        code = "import numpy as np\n" + textwrap.dedent(source)
        found = forbidden_uses(code, module, tmp_path)
        assert found.get(function), name
        assert all(line > 0 for _, line in found[function]), (name, found)


# ------------------------------------------------------------------ what the student reads

def _message(tmp_path, module, function, source):
    path = tmp_path / f"{module}.py"
    path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    return forbidden_message(path, module, function, {}, f"exercises/{module}.py")


def test_a_reflection_message_says_what_to_write_instead(tmp_path):
    message = _message(tmp_path, "linear_algebra", "inner", """
        import numpy as np
        _g = getattr

        def inner(a, b):
            return _g(np, "vdot")(a, b)
    """)
    assert "linear_algebra.inner" in message and "(line 2)" in message
    assert "plain names" in message and "np.sum(a * b)" in message


def test_a_forbidden_name_message_says_what_to_write_instead(tmp_path):
    message = _message(tmp_path, "descriptive_stats", "median", """
        from scipy import ndimage

        def median(x):
            return ndimage.median(x)
    """)
    assert "scipy.ndimage.median (line 4)" in message
    assert "with a loop" in message and "reflection" not in message


def test_a_helper_module_is_named_in_the_message(tmp_path):
    (tmp_path / "_kit.py").write_text(HELPER_MODULE, encoding="utf-8")
    message = _message(tmp_path, "pca_svd", "covariance", """
        from _kit import fast_cov

        def covariance(X):
            return fast_cov(X)
    """)
    assert "numpy.cov in _kit.py (line 5)" in message


def test_an_unparsable_helper_module_counts_as_forbidden(tmp_path):
    (tmp_path / "_kit.py").write_text("def fast_cov(X:\n", encoding="utf-8")
    message = _message(tmp_path, "pca_svd", "covariance", """
        from _kit import fast_cov

        def covariance(X):
            return fast_cov(X)
    """)
    assert "could not be checked" in message



# ------------------------------------------------------------------ the run-time second look

CAPTURED = '''
import functools

import numpy as np
from numpy import vdot
from numpy._core.multiarray import dot as private_dot

_dot = np.dot
TABLE = {"dot": np.dot}


def _using(f):
    def wrap(g):
        return lambda a, b: f(a, b)
    return wrap


class Kit:
    product = staticmethod(np.inner)


def hadamard(a, b):
    return np.asarray(_dot(np.diag(a), b))  # np.dot is allowed here


def inner(a, b, how="plain"):
    if how == "plain":
        return float(sum(x * y for x, y in zip(a, b)))
    if how == "library":
        return float(np.linalg.norm(np.asarray(a)) * 0 + sum(x * y for x, y in zip(a, b)))
    return float(CHOICES[how](a, b))


def _default(a, b, f=np.dot):
    return f(a, b)


CHOICES = {
    "module global": lambda a, b: _dot(a, b),
    "from-import": lambda a, b: vdot(a, b),
    "private path": lambda a, b: private_dot(a, b),
    "a dict": lambda a, b: TABLE["dot"](a, b),
    "a default": _default,
    "a closure": _using(np.dot)(None),
    "a class attribute": lambda a, b: Kit.product(a, b),
    "partial of reduce": lambda a, b: functools.reduce(np.dot, [a, b]),
}
'''


@pytest.fixture(scope="module")
def captured(tmp_path_factory):
    """The module above in a real worker, behind the sandbox (which the static check is not part of)."""
    from autograder.sandbox.client import SandboxSubmission

    folder = tmp_path_factory.mktemp("captured")
    (folder / "linear_algebra.py").write_text(CAPTURED, encoding="utf-8")
    submission = SandboxSubmission(folder)
    yield submission.module("linear_algebra")
    submission.close()


@pytest.mark.parametrize("how", ["module global", "from-import", "private path", "a dict", "a default",
                                 "a closure", "a class attribute", "partial of reduce"])
def test_a_function_captured_at_import_trips_the_run_time_check(captured, how):
    from autograder.errors import Forbidden

    with pytest.raises(Forbidden, match="called numpy"):
        captured.inner([1.0, 2.0], [3.0, 4.0], how)


def test_the_run_time_check_leaves_honest_calls_and_other_exercises_alone(captured):
    assert captured.inner([1.0, 2.0], [3.0, 4.0]) == 11.0
    assert captured.inner([1.0, 2.0], [3.0, 4.0], "library") == 11.0  # norm calls dot inside numpy
    assert captured.hadamard([1.0, 2.0], [[1.0, 0.0], [0.0, 1.0]]).tolist() == [[1.0, 0.0], [0.0, 2.0]]


def test_a_module_wide_tripwire_spares_what_the_module_merely_re_exports(tmp_path):
    """statistics imports math.sqrt; median may still call math.sqrt, not statistics.median."""
    from autograder.errors import Forbidden
    from autograder.sandbox.client import SandboxSubmission

    (tmp_path / "descriptive_stats.py").write_text(
        "import statistics\nfrom math import sqrt\n\n\n"
        "def median(x, how='honest'):\n"
        "    if how == 'honest':\n        return sqrt(4.0) * 0 + sorted(x)[len(x) // 2]\n"
        "    return CAPTURED(x)\n\n\n"
        "CAPTURED = statistics.median\n", encoding="utf-8")
    submission = SandboxSubmission(tmp_path)
    try:
        module = submission.module("descriptive_stats")
        assert module.median([3.0, 1.0, 2.0]) == 2.0
        with pytest.raises(Forbidden, match="statistics.median"):
            module.median([3.0, 1.0, 2.0], "captured")
    finally:
        submission.close()


def test_a_helper_module_s_captures_are_rewired_too(tmp_path):
    from autograder.errors import Forbidden
    from autograder.sandbox.client import SandboxSubmission

    (tmp_path / "_stats_kit.py").write_text("from statistics import median as middle\n", encoding="utf-8")
    (tmp_path / "descriptive_stats.py").write_text(
        "import _stats_kit\n\n\ndef median(x):\n    return _stats_kit.middle(x)\n", encoding="utf-8")
    submission = SandboxSubmission(tmp_path)
    try:
        with pytest.raises(Forbidden, match="statistics.median"):
            submission.module("descriptive_stats").median([3.0, 1.0, 2.0])
    finally:
        submission.close()
