"""The public suites' examples for two modules, restated as otter-grader doctest cases.

One entry per public test, in the same order: ``(setup, checks)`` where ``setup`` is run
as is and each check is an expression that must be True. ``_raises(Error, word, f, *args)``
is the doctest form of ``checks.expect_error``. Only NumPy is needed, so otter's own
environment can grade them without the rest of the course's libraries.
"""
from __future__ import annotations

Case = tuple[str, tuple[str, ...]]

NUMPY_BASICS: dict[str, list[Case]] = {
    "describe": [
        ("", ("describe([1, 2, 3, 4]) == (4, (4,), 1)",
              "describe([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) == (9, (3, 3), 2)")),
        ("", ("describe(42) == (1, (), 0)",)),
    ],
    "zeros_with": [
        ("got = zeros_with((3, 4), {(0, 3): 42, (1, 1): 66})",
         ("type(got) is np.ndarray and got.dtype == np.uint32",
          "np.array_equal(got, [[0, 0, 0, 42], [0, 66, 0, 0], [0, 0, 0, 0]])")),
        ("got = zeros_with(3, {1: 2.5}, dtype='float64')",
         ("got.dtype == np.float64", "np.allclose(got, [0.0, 2.5, 0.0])")),
    ],
    "top_left": [
        ("a = np.arange(12).reshape((3, 4))\ngot = top_left(a, 2, 3)",
         ("np.array_equal(got, [[0, 1, 2], [4, 5, 6]])", "np.shares_memory(got, a)")),
    ],
    "every_other": [
        ("b = np.arange(12)\ngot = every_other(b)",
         ("np.array_equal(got, [0, 2, 4, 6, 8, 10])", "np.shares_memory(got, b)")),
    ],
    "reversed_view": [
        ("b = np.arange(12)\ngot = reversed_view(b)",
         ("np.array_equal(got, np.arange(11, -1, -1))", "np.shares_memory(got, b)")),
    ],
    "replace_block": [
        ("t = np.arange(24).reshape((4, 3, 2))\nblock = [[11, 22], [33, 44], [55, 66]]\n"
         "got = replace_block(t, 1, block)\nexpected = np.arange(24).reshape((4, 3, 2))\n"
         "expected[1] = block",
         ("np.array_equal(got, expected)", "np.array_equal(t, np.arange(24).reshape((4, 3, 2)))")),
    ],
    "as_order": [
        ("got = as_order(42, 5)", ("np.array_equal(got, np.full((1, 1, 1, 1, 1), 42))",
                                   "got.shape == (1, 1, 1, 1, 1)")),
    ],
    "bookshelf_word": [
        ("w = np.zeros((9, 9, 9, 9, 9))\nw[4, 1, 2, 0, 1] = 7.0",
         ("bookshelf_word(w, 5, 2, 3, 1, 2) == 7.0",)),
        ("w = np.zeros((9, 9, 9, 9, 9))",
         ("_raises(IndexError, 'page', bookshelf_word, w, 5, 2, 10, 1, 2)",)),
    ],
}

LINEAR_ALGEBRA: dict[str, list[Case]] = {
    "order": [
        ("", ("order(42) == 0", "order([1, 2, 3]) == 1", "order([[1, 2], [3, 4]]) == 2",
              "order(np.arange(36).reshape((3, 3, 4))) == 3",
              "order(np.array(42).reshape((1, 1, 1, 1, 1))) == 5")),
    ],
    "hadamard": [
        ("got = hadamard([[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]])",
         ("np.allclose(got, [[7, 16, 27], [40, 55, 72]])",)),
        ("", ("_raises(ValueError, 'shape', hadamard, np.ones((2, 3)), np.ones(3))",)),
    ],
    "inner": [
        ("", ("np.isclose(inner([1, 2, 3, 4], [5, 6, 7, 8]), 70.0)",)),
        ("", ("_raises(ValueError, 'length', inner, [1, 2, 3], [1, 2])",)),
    ],
    "outer": [
        ("got = outer([1, 2], [3, 4, 5])", ("np.allclose(got, [[3, 4, 5], [6, 8, 10]])",)),
    ],
    "matmul": [
        ("got = matmul([[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]])",
         ("np.allclose(got, [[58, 64], [139, 154]])", "got.dtype.kind == 'i'")),
        ("got = matmul([[1, 2]], [[0.5], [0.25]])",
         ("got.dtype == np.float64", "np.allclose(got, [[1.0]])")),
        ("", ("_raises(ValueError, '', matmul, np.ones((2, 3)), np.ones((2, 2)))",)),
    ],
    "affine": [
        ("got = affine([[1, 0], [0, 1], [1, 1]], [2, 3], [0, 0, 1])", ("np.allclose(got, [2, 3, 6])",)),
    ],
    "feedforward": [
        ("layers = [(np.array([[1, -1], [2, 0]]), np.array([0, -5])), "
         "(np.array([[1, 1]]), np.array([1]))]",
         ("np.allclose(feedforward([3, 1], layers), [4])",
          "np.allclose(feedforward([1, 3], layers), [1])")),
    ],
    "definiteness": [
        ("", ("definiteness([[2, 1], [1, 2]]) == 'positive definite'",
              "definiteness([[-2, 1], [1, -2]]) == 'negative definite'",
              "definiteness([[1, 1], [1, 1]]) == 'positive semidefinite'",
              "definiteness([[-1, -1], [-1, -1]]) == 'negative semidefinite'",
              "definiteness([[1, 0], [0, -1]]) == 'indefinite'")),
        ("", ("_raises(ValueError, 'symmetric', definiteness, [[1, 4], [0, 1]])",)),
    ],
    "is_eigenpair": [
        ("A = [[2, 1], [1, 2]]", ("is_eigenpair(A, [1, 1], 3) is True",
                                  "is_eigenpair(A, [1, 0], 2) is False",
                                  "is_eigenpair(A, [0, 0], 3) is False")),
    ],
    "lp_norm": [
        ("", ("np.isclose(lp_norm([3, -4], 1), 7.0)", "np.isclose(lp_norm([3, -4], 2), 5.0)",
              "np.isclose(lp_norm([3, -4], np.inf), 4.0)",
              "_raises(ValueError, 'p', lp_norm, [3, -4], 0.5)")),
        ("", ("np.isclose(lp_norm([3e200, 4e200], 2), 5e200, rtol=1e-12)",)),
    ],
    "distance": [
        ("", ("np.isclose(distance([1, 2], [4, 6]), 5.0)",
              "np.isclose(distance([1, 2], [4, 6], p=1), 7.0)")),
    ],
    "weight_decay": [
        ("weights = [np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, -0.5])]",
         ("np.isclose(weight_decay(weights, 0.5), 15.25)", "weight_decay([], 0.1) == 0.0")),
    ],
}

CASES: dict[str, dict[str, list[Case]]] = {
    "numpy_basics": NUMPY_BASICS,
    "linear_algebra": LINEAR_ALGEBRA,
}
