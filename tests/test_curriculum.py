"""Every exercise of CURRICULUM.md exists as a solution and a stub with the same face."""
from __future__ import annotations

import doctest
import inspect

import pytest

from autograder.curriculum import MODULES, all_functions
from autograder.sandbox.static import forbidden_uses
from autograder.instructor.stubs import _enclosing_function, stub_source

from .conftest import ROOT, load_module

FUNCTIONS = all_functions()


@pytest.fixture(scope="module")
def stubs():
    return {m: load_module(ROOT / "exercises" / f"{m}.py") for m in MODULES}


@pytest.mark.parametrize("dotted", FUNCTIONS)
def test_solution_and_stub_share_signature_and_docstring(dotted, solutions, stubs):
    module, name = dotted.split(".")
    solution, stub = getattr(solutions[module], name), getattr(stubs[module], name)
    assert inspect.signature(solution) == inspect.signature(stub)
    assert solution.__doc__ and solution.__doc__ == stub.__doc__
    assert ">>>" in solution.__doc__, f"{dotted} has no doctest"


@pytest.mark.parametrize("dotted", FUNCTIONS)
def test_stub_raises_not_implemented_naming_the_exercise(dotted, stubs):
    module, name = dotted.split(".")
    function = getattr(stubs[module], name)
    required = [p for p in inspect.signature(function).parameters.values()
                if p.default is inspect.Parameter.empty]
    with pytest.raises(NotImplementedError, match=dotted):
        function(*[None] * len(required))


@pytest.mark.parametrize("module", MODULES)
def test_each_function_has_exactly_one_marked_region(module):
    """One BEGIN/END pair inside each exercise function (the generator checks pairing)."""
    source = (ROOT / "solutions" / f"{module}.py").read_text()
    lines = source.splitlines()
    regions: dict[str, int] = {}
    for index, line in enumerate(lines):
        if line.strip() == "### BEGIN SOLUTION":
            indent = len(line) - len(line.lstrip())
            owner = _enclosing_function(lines, index, indent)
            regions[owner] = regions.get(owner, 0) + 1
    assert regions == {name: 1 for name in MODULES[module]}
    stub_source(source, module)  # raises on nested or unterminated markers


@pytest.mark.parametrize("module", MODULES)
def test_doctests_of_solutions_pass(module, solutions):
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tested = set()
    for test in finder.find(solutions[module], module):
        if test.examples:
            tested.add(test.name.rsplit(".", 1)[-1])
            runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} doctest examples of solutions/{module}.py failed"
    assert set(MODULES[module]) <= tested, f"functions without doctest: {set(MODULES[module]) - tested}"


@pytest.mark.parametrize("module", MODULES)
def test_solutions_do_not_use_forbidden_names(module):
    source = (ROOT / "solutions" / f"{module}.py").read_text()
    assert forbidden_uses(source, module) == {}
