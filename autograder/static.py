"""Forbidden names found on a submission's source by its syntax tree, without running it.

Aliases are followed (``from numpy import dot as d``, ``import numpy.linalg as la``,
``d = np.dot``), as are ``getattr(np, "dot")``, the ``@`` operator, method spellings
(``a.dot(b)``) and module-level helpers that the exercise calls. A computed lookup
(``getattr`` with a computed name, ``eval``, ``__import__``) in a checked function counts
as forbidden too: it could hide any of the others.
"""
from __future__ import annotations

import ast

from .curriculum import FORBIDDEN

_DYNAMIC = {"eval", "exec", "__import__", "globals", "vars", "compile"}


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
    for name in forbidden:
        if dotted == name or dotted.startswith(name + "."):
            return name
    return None


def _uses(func: ast.AST, names: dict[str, str], forbidden: tuple[str, ...]) -> list[tuple[str, int]]:
    found = []
    methods = {name.rsplit(".", 1)[1] for name in forbidden if "." in name}
    for node in ast.walk(func):
        line = getattr(node, "lineno", 0)
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.MatMult):
            if "@" in forbidden:
                found.append(("@", line))
        elif isinstance(node, (ast.Attribute, ast.Name, ast.Call)):
            dotted = _dotted(node, names)
            hit = _matches(dotted, forbidden) if dotted else None
            if hit:
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


def forbidden_uses(source: str, module: str) -> dict[str, list[tuple[str, int]]]:
    """For each checked function of ``module`` defined in ``source``: the forbidden names it uses.

    Functions of the module that the checked one refers to by name are searched too, so
    a helper cannot launder a forbidden call. Raises ``SyntaxError`` for unparsable source.
    """
    tree = ast.parse(source)
    names = _aliases(tree)
    top = {node.name: node for node in tree.body
           if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    lambdas = {node.targets[0].id: node.value for node in tree.body
               if isinstance(node, ast.Assign) and len(node.targets) == 1
               and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Lambda)}
    helpers = {**lambdas, **top}
    result = {}
    for key, forbidden in FORBIDDEN.items():
        mod, function = key.split(".", 1)
        if mod != module or function not in top:
            continue
        seen, todo, uses = {function}, [top[function]], []
        while todo:
            node = todo.pop()
            uses += _uses(node, names, forbidden)
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and sub.id in helpers and sub.id not in seen:
                    seen.add(sub.id)
                    todo.append(helpers[sub.id])
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
