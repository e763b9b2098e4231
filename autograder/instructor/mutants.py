"""Plausible wrong answers: load a module's MUTANTS and swap one top-level function for another.

A mutants file (``suites/mutants/<module>.py``) maps a name to the source of one
top-level function; that function replaces the function of the same name in the
reference solution. The swap goes by the AST's line numbers, so everything else in the
module (imports, helpers, comments) stays exactly as written.
"""
from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from ..paths import SUITES_DIR

MUTANTS_DIR = SUITES_DIR / "mutants"


def load_mutants(path: str | Path) -> dict[str, str]:
    """The ``MUTANTS`` dict of a mutants file, read as a literal (the file is never executed)."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"), str(path))
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "MUTANTS"):
            mutants = ast.literal_eval(node.value)
            if not isinstance(mutants, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in mutants.items()):
                raise ValueError(f"{path}: MUTANTS must map names to function sources")
            return mutants
    raise ValueError(f"{path}: no MUTANTS = {{...}} at the top level")


def function_name(function_source: str) -> str:
    """The name of the one top-level function that ``function_source`` defines."""
    tree = ast.parse(textwrap.dedent(function_source))
    defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if len(defs) != 1 or len(tree.body) != 1:
        raise ValueError("a mutant must be the source of exactly one top-level function")
    return defs[0].name


def function_span(source: str, name: str) -> tuple[int, int]:
    """0-based ``(first, end)`` line indices of the top-level function ``name``, decorators included."""
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            return first - 1, node.end_lineno
    raise KeyError(f"no top-level function {name!r} in the module")


def function_source(source: str, name: str) -> str:
    """The text of the top-level function ``name`` in ``source``."""
    first, end = function_span(source, name)
    return "".join(source.splitlines(keepends=True)[first:end])


def apply_mutant(source: str, function_source: str) -> str:
    """``source`` with its top-level function of the same name replaced by ``function_source``."""
    replacement = textwrap.dedent(function_source).strip("\n") + "\n"
    first, end = function_span(source, function_name(replacement))
    lines = source.splitlines(keepends=True)
    return "".join(lines[:first]) + replacement + "".join(lines[end:])
