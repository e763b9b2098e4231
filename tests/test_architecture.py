"""The package's shape, read from its source with ``ast``: no import cycle, no oversized module.

The import graph counts every ``import`` of an ``autograder`` module, at module level or inside
a function (a lazy import still ties the two modules together). The suites are test data (the
hidden suites and mutants are long on purpose) and are left out of the size rule.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "autograder"
MAX_LINES = 300


def module_name(path: Path) -> str:
    parts = ["autograder", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts}


def imported(path: Path, known: dict[str, Path]) -> set[str]:
    """The ``autograder`` modules one file imports (a name imported from a module counts as the module)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            targets = [f"{stem}.{alias.name}" for alias in node.names] + [stem]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    graph = {}
    for name, path in known.items():
        graph[name] = imported(path, known)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_cycle_finder_finds_a_planted_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_import_graph_sees_relative_and_lazy_imports():
    graph = import_graph()
    assert "autograder.sandbox.launcher" in graph["autograder.grading"]  # lazy, inside grade()
    assert "autograder.errors" in graph["autograder.instructor.export.gradescope"]  # ``from ...errors``
    assert "autograder.sandbox.codec" in graph["autograder.sandbox.worker"]  # ``from . import codec``


def test_the_package_has_no_import_cycle():
    assert find_cycle(import_graph()) is None


def test_the_student_part_never_imports_the_instructor_part():
    for name, targets in import_graph().items():
        if not name.startswith("autograder.instructor"):
            assert not {t for t in targets if t.startswith("autograder.instructor")}, name


@pytest.mark.parametrize("name", sorted(n for n in modules() if not n.startswith("autograder.suites")))
def test_no_module_is_too_long(name):
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it by job"
