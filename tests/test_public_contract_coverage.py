"""Every clause of a docstring contract has a public test (issue #12): errors, messages, types.

Read statically: the "Contract:" paragraph of each reference solution says which clauses
exist (a documented error, a message that names something, a Python scalar, an array, a
dtype), and the public test functions marked with that exercise must contain the matching
check. A public suite that drops a clause fails here, not only in a student's grade.
"""
from __future__ import annotations

import ast
import re

import pytest

from autograder.curriculum import MODULES

from .conftest import ROOT

PUBLIC = ROOT / "autograder" / "suites" / "public"

# clause -> (does the contract promise it?, does a test's source check it?)
CLAUSES = {
    "error": (lambda c: "Error" in c, lambda s: "expect_error" in s),
    "message": (lambda c: bool(re.search(r"nam(es|ing)|says|message", c)),
                lambda s: "mentions=" in s or "str(exc" in s),
    "scalar type": (lambda c: bool(re.search(r"Python ``(float|int|bool)``", c)),
                    lambda s: "assert_scalar" in s),
    "array type": (lambda c: "ndarray" in c, lambda s: bool(re.search(r"assert_(array|close)", s))),
    "dtype": (lambda c: bool(re.search(r"dtype|float64", c)), lambda s: "dtype" in s),
}

# Promised by the regex, but about something no test can observe from outside.
NOT_OBSERVABLE = {
    ("optimization", "steps_to_converge", "dtype"): "the float64 is what grad_fn receives",
}


def contracts(module: str) -> dict[str, str]:
    tree = ast.parse((ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            doc = ast.get_docstring(node) or ""
            out[node.name] = doc[doc.find("Contract"):].split(">>>")[0] if "Contract" in doc else ""
    return out


def public_sources(module: str) -> dict[str, str]:
    """The source of every public test of ``module``, joined per exercise."""
    tree = ast.parse((PUBLIC / f"test_{module}.py").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            for deco in node.decorator_list:
                if isinstance(deco, ast.Call) and getattr(deco.func, "attr", "") == "exercise":
                    name = deco.args[0].value
                    out[name] = out.get(name, "") + ast.unparse(node)
    return out


@pytest.mark.parametrize("module", list(MODULES))
def test_public_suite_checks_each_contract_clause(module):
    found, sources = contracts(module), public_sources(module)
    missing = []
    for function in MODULES[module]:
        contract, source = found.get(function, ""), sources.get(function, "")
        assert contract, f"{module}.{function} has no 'Contract:' paragraph in its docstring"
        for clause, (promised, checked) in CLAUSES.items():
            if promised(contract) and not checked(source) and (module, function, clause) not in NOT_OBSERVABLE:
                missing.append(f"{function}: {clause}")
    assert missing == [], f"public/test_{module}.py checks no {missing}"


def test_the_check_sees_a_missing_clause():
    """The detector is not vacuous: a promised clause without its check is reported."""
    promised, checked = CLAUSES["error"]
    assert promised("a negative n: ``ValueError``") and not checked("assert f(1) == 2")
    promised, checked = CLAUSES["scalar type"]
    assert promised("Returns a Python ``float``.") and checked("checks.assert_scalar(got, 1.0)")
