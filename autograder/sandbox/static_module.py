"""The module level of a submission, as the static check sees it: bindings, imports, code run at import.

What a name is bound to at module level decides what a function's use of it means; code that
runs at import and can rebind any name makes every function of the module suspect.
"""
from __future__ import annotations

import ast

from .static_names import _dotted, _dunder, _REBINDING, _reflective, _REFLECTIVE_BUILTINS


class _Imported:
    """A module-level import binding a name, e.g. ``from numpy import dot as inner``."""

    def __init__(self, dotted: str, line: int):
        self.dotted, self.line = dotted, line


_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def _module_level(tree: ast.Module):
    """Statements that run at import: the module's, and those nested in if/try/with/for blocks."""
    todo = list(tree.body)
    while todo:
        node = todo.pop(0)
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for field in _BLOCKS:
                todo += [n for n in getattr(node, field, []) if isinstance(n, ast.AST)]


def _header(node: ast.AST) -> ast.AST:
    """A compound statement without its nested blocks (``for f in [np.dot]:`` -> its target and iter)."""
    if not any(getattr(node, field, None) for field in _BLOCKS) or isinstance(node, ast.ExceptHandler):
        return node
    parts = [value for field, value in ast.iter_fields(node) if field not in _BLOCKS]
    flat = [p for part in parts for p in (part if isinstance(part, list) else [part])
            if isinstance(part, (ast.AST, list))]
    return ast.Tuple(elts=[p for p in flat if isinstance(p, ast.AST)], ctx=ast.Load())


def _stored(node: ast.AST):
    """Names a statement (or header) binds, outside the functions and lambdas it holds."""
    todo = [node]
    while todo:
        current = todo.pop()
        if isinstance(current, ast.Name) and isinstance(current.ctx, ast.Store):
            yield current.id
        elif isinstance(current, ast.ExceptHandler) and current.name:
            yield current.name
        elif isinstance(current, (ast.MatchAs, ast.MatchStar)) and current.name:
            yield current.name
        for child in ast.iter_child_nodes(current):
            if not isinstance(child, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                todo.append(child)


def _bindings(tree: ast.Module, names: dict[str, str]) -> dict[str, list]:
    """Module-level name -> what it is bound to: defs, classes, assigned values, imports."""
    found: dict[str, list] = {}
    for node in _module_level(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.setdefault(node.name, []).append(node)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                dotted = names.get(local) or (f"{node.module}.{alias.name}" if isinstance(node, ast.ImportFrom)
                                              else alias.name)
                found.setdefault(local, []).append(_Imported(dotted, node.lineno))
        else:
            header = _header(node)
            for name in set(_stored(header)):
                found.setdefault(name, []).append(header)
    for node in ast.walk(tree):  # a function that declares a name global binds it too
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Global):
                    for name in sub.names:
                        found.setdefault(name, []).append(node)
    return found


def _import_time(tree: ast.Module) -> list:
    """Code that runs at import, without the bodies of functions and lambdas."""
    out, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            todo += node.decorator_list + node.args.defaults + [d for d in node.args.kw_defaults if d]
            continue
        if isinstance(node, ast.Lambda):
            todo += node.args.defaults + [d for d in node.args.kw_defaults if d]
            continue
        out.append(node)
        todo += list(ast.iter_child_nodes(node))
    return out


def _rebinding_lines(tree: ast.Module, names: dict[str, str]) -> list[int]:
    """Lines that can rebind any name: exec/setattr/globals() at import, and stores into a library.

    A store into an imported module or a lookup table (``np.helper = ...``,
    ``globals()["inner"] = ...``, ``sys.modules[...]``) counts wherever it is, since
    another function could read what it stored.
    """
    lines = []
    defined = {n.name for n in _module_level(tree)
               if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    for node in _import_time(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in _REBINDING and node.func.id not in names):
            lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            dotted = _dotted(node.func, names)
            if dotted and _reflective(dotted):
                lines.append(node.lineno)
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, (ast.Attribute, ast.Subscript)) and isinstance(sub.ctx, (ast.Store, ast.Del)):
                    root = sub.value
                    while isinstance(root, (ast.Attribute, ast.Subscript, ast.Call)):
                        root = root.func if isinstance(root, ast.Call) else root.value
                    if isinstance(root, ast.Name) and (root.id in names or root.id in _REFLECTIVE_BUILTINS
                                                       or root.id in defined):
                        lines.append(sub.lineno)
                    elif isinstance(sub, ast.Attribute) and _dunder(sub.attr):  # f.__code__ = ...
                        lines.append(sub.lineno)
    return sorted(set(lines))
