"""Forbidden names found on a submission's source by its syntax tree, without running it.

Aliases are followed (``from numpy import dot as d``, ``import numpy.linalg as la``,
``d = np.dot``), as are ``getattr(np, "dot")``, the ``@`` operator (and ``__matmul__``,
``operator.matmul``), method spellings (``a.dot(b)``), private paths to the same function
(``numpy._core.multiarray.dot``) and every module-level binding the exercise refers to:
helper functions, lambdas, classes, assigned values, and the exercise's own name when it is
bound to a library function (``inner = np.dot``). A computed lookup (``getattr`` with a
computed name, ``eval``, ``__import__``) in a checked function counts as forbidden too, and
so does any at module level: it could hide any of the others.
"""
from __future__ import annotations

import ast

from .curriculum import FORBIDDEN

_DYNAMIC = {"eval", "exec", "__import__", "globals", "vars", "compile"}
_MATMUL_DUNDERS = {"__matmul__", "__rmatmul__", "__imatmul__"}
_MATMUL_OPERATORS = {"operator.matmul", "operator.imatmul", "operator.__matmul__", "operator.__imatmul__"}


def _aliases(tree: ast.AST) -> dict[str, str]:
    """Local name -> dotted origin, from imports and simple assignments anywhere in the module."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if alias.name == "*":  # the forbidden names that a star import brings in
                    names.update({n[len(node.module) + 1:]: n for listed in FORBIDDEN.values()
                                  for n in listed if n.startswith(node.module + ".")
                                  and "." not in n[len(node.module) + 1:]})
                else:
                    names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):  # second pass: d = np.dot
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            dotted = _dotted(node.value, names)
            if dotted:
                names[node.targets[0].id] = dotted
    return names


def _dotted(node: ast.AST, names: dict[str, str]) -> str | None:
    parts = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id == "getattr" and len(node.args) >= 2
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
            parts.append(node.args[1].value)
            node = node.args[0]
        else:
            break
    if isinstance(node, ast.Name) and node.id in names:
        return ".".join([names[node.id]] + parts[::-1])
    return None


def _matches(dotted: str, forbidden: tuple[str, ...]) -> str | None:
    """The forbidden name ``dotted`` is, lies under, or reaches by another path of its package."""
    top, last = dotted.split(".")[0], dotted.rsplit(".", 1)[-1]
    for name in forbidden:
        if dotted == name or dotted.startswith(name + "."):
            return name
        if "." in name and "." in dotted and top == name.split(".")[0] and last == name.rsplit(".", 1)[-1]:
            return name  # numpy._core.multiarray.dot is numpy.dot
    return None


def _uses(func: ast.AST, names: dict[str, str], forbidden: tuple[str, ...]) -> list[tuple[str, int]]:
    found = []
    methods = {name.rsplit(".", 1)[1] for name in forbidden if "." in name}
    for node in ast.walk(func):
        line = getattr(node, "lineno", 0)
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.MatMult):
            if "@" in forbidden:
                found.append(("@", line))
        elif "@" in forbidden and isinstance(node, ast.Attribute) and node.attr in _MATMUL_DUNDERS:
            found.append((f"@ (as .{node.attr})", line))
        elif isinstance(node, (ast.Attribute, ast.Name, ast.Call)):
            dotted = _dotted(node, names)
            hit = _matches(dotted, forbidden) if dotted else None
            if "@" in forbidden and dotted in _MATMUL_OPERATORS:
                found.append((f"@ (as {dotted})", line))
            elif hit:
                found.append((dotted, line))
            elif isinstance(node, ast.Attribute) and node.attr in methods:
                found.append((f".{node.attr}", line))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in _DYNAMIC or (
                        node.func.id == "getattr" and len(node.args) >= 2
                        and not isinstance(node.args[1], ast.Constant)):
                    found.append((f"{node.func.id}() (a computed lookup)", line))
        if isinstance(node, ast.Attribute) and node.attr == "__dict__":
            found.append(("__dict__ (a computed lookup)", line))
    unique = sorted(set(found), key=lambda item: (item[1], item[0]))
    return unique


class _Imported:
    """A module-level import binding a name, e.g. ``from numpy import dot as inner``."""

    def __init__(self, dotted: str, line: int):
        self.dotted, self.line = dotted, line


def _module_level(tree: ast.Module):
    """Statements that run at import: the module's, and those nested in if/try/with/for blocks."""
    todo = list(tree.body)
    while todo:
        node = todo.pop(0)
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for field in ("body", "orelse", "finalbody", "handlers"):
                todo += [n for n in getattr(node, field, []) if isinstance(n, ast.AST)]


def _bindings(tree: ast.Module, names: dict[str, str]) -> dict[str, list]:
    """Module-level name -> what it is bound to: defs, classes, assigned values, imports."""
    found: dict[str, list] = {}
    for node in _module_level(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.setdefault(node.name, []).append(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        found.setdefault(name.id, []).append(node.value)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                if local in names:
                    found.setdefault(local, []).append(_Imported(names[local], node.lineno))
    return found


def _dynamic_lines(tree: ast.Module) -> list[int]:
    """Lines where code that runs at import builds or rebinds code (exec, globals(), setattr)."""
    lines = []
    for statement in _module_level(tree):
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(statement):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in _DYNAMIC | {"setattr"}):
                lines.append(node.lineno)
    return lines


def forbidden_uses(source: str, module: str) -> dict[str, list[tuple[str, int]]]:
    """For each checked function of ``module`` defined in ``source``: the forbidden names it uses.

    Everything at module level that the checked function refers to by name is searched too
    (helpers, lambdas, classes, assigned values), so nothing can launder a forbidden call;
    so is the function's own binding when it is not a ``def``. Raises ``SyntaxError`` for
    unparsable source.
    """
    tree = ast.parse(source)
    names = _aliases(tree)
    bindings = _bindings(tree, names)
    dynamic = _dynamic_lines(tree)
    result = {}
    for key, forbidden in FORBIDDEN.items():
        mod, function = key.split(".", 1)
        if mod != module or (function not in bindings and not dynamic):
            continue
        uses = [("code built at import (exec, globals(), setattr)", line) for line in dynamic]
        seen, todo = {function}, list(bindings.get(function, ()))
        while todo:
            node = todo.pop()
            if isinstance(node, _Imported):
                if _matches(node.dotted, forbidden):
                    uses.append((node.dotted, node.line))
                continue
            uses += _uses(node, names, forbidden)
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and sub.id in bindings and sub.id not in seen:
                    seen.add(sub.id)
                    todo.extend(bindings[sub.id])
        if uses:
            result[function] = sorted(set(uses), key=lambda item: (item[1], item[0]))
    return result


def describe(function: str, uses: list[tuple[str, int]], filename: str) -> str:
    listed = ", ".join(f"{name} (line {line})" for name, line in uses)
    return (f"{function} uses what this exercise asks you to build yourself: {listed} in {filename}. "
            "Write it without them to earn its points.")


def forbidden_message(path, module: str, function: str, cache: dict, display: str) -> str | None:
    """Why ``module.function`` in the file ``path`` scores 0 for forbidden names, or None.

    ``cache`` keeps one analysis per module; an unreadable or unparsable file gives no
    verdict here, because importing it reports the problem with its line.
    """
    if module not in cache:
        try:
            with open(path, encoding="utf-8") as handle:
                cache[module] = forbidden_uses(handle.read(), module)
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            cache[module] = {}
    uses = cache[module].get(function)
    return describe(f"{module}.{function}", uses, display) if uses else None
