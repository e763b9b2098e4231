"""Pairs of submissions whose exercise functions look alike once names, literals and layout are gone.

Each function is reduced to the shape of its syntax tree: identifiers, literal values,
docstrings and formatting removed, so renaming variables or reformatting changes nothing.
Two submissions are paired on a function when the shapes are identical, or nearly so
(difflib ratio at or above the threshold) and neither is just a variant of what much of the
class wrote. As in MOSS, a shape shared by many submissions is commonplace, not evidence;
stubs, the template's own code and very short functions are never compared.
"""
from __future__ import annotations

import ast
import functools
import hashlib
import math
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path

from ...curriculum import MODULES

THRESHOLD = 0.9
MIN_NODES = 25  # shorter functions (``return b[::2]``) look the same in every correct answer
MAX_SOURCE_BYTES = 1 << 20


def commonplace_limit(class_size: int) -> int:
    """A shape in more submissions than this is what the class writes, not a copy."""
    return max(3, math.ceil(class_size / 10))


# ---------------------------------------------------------------- fingerprints of one submission


def fingerprints(folder, template_exercises=None) -> dict[str, dict]:
    """``module.function`` -> ``{"hash", "shape"}`` for the functions worth comparing in ``folder``."""
    skip = _template_hashes(str(template_exercises)) if template_exercises else {}
    found = {}
    for function, node in _exercise_functions(Path(folder)):
        try:
            shape = normalised_shape(node)
        except RecursionError:  # absurdly deep code: nothing to compare it with anyway
            continue
        if shape is None or len(shape) < MIN_NODES:
            continue
        digest = hashlib.sha256(" ".join(shape).encode()).hexdigest()[:20]
        if skip.get(function) == digest:
            continue
        found[function] = {"hash": digest, "shape": " ".join(shape)}
    return found


@functools.lru_cache(maxsize=4)
def _template_hashes(folder: str) -> dict[str, str]:
    hashes = {}
    for function, node in _exercise_functions(Path(folder)):
        try:
            shape = normalised_shape(node)
        except RecursionError:
            continue
        if shape is not None:
            hashes[function] = hashlib.sha256(" ".join(shape).encode()).hexdigest()[:20]
    return hashes


def _exercise_functions(folder: Path):
    for module, names in MODULES.items():
        path = folder / f"{module}.py"
        if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_SOURCE_BYTES:
            continue  # the grader does not run these either
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in names:
                yield f"{module}.{node.name}", node


def normalised_shape(function: ast.AST) -> list[str] | None:
    """The function's tree as a token list (node types, attribute names); None for a stub."""
    body = _without_docstring(function.body)
    if _is_stub(body):
        return None
    tokens: list[str] = []
    for statement in body:
        _walk(statement, tokens)
    return tokens


def _without_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        return body[1:]
    return body


def _is_stub(body: list[ast.stmt]) -> bool:
    """Empty, ``pass``/``...``, or ``raise NotImplementedError(...)`` alone."""
    if not body:
        return True
    if len(body) != 1:
        return False
    (statement,) = body
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return True
    if isinstance(statement, ast.Raise) and statement.exc is not None:
        target = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
        return isinstance(target, ast.Name) and target.id == "NotImplementedError"
    return False


def _walk(node: ast.AST, tokens: list[str]) -> None:
    """Pre-order tokens: names and values dropped, attribute and keyword names kept (they are the API)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        tokens.append(type(node).__name__)
        node_body = _without_docstring(node.body)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt) and child not in node_body:
                continue
            _walk(child, tokens)
        return
    if isinstance(node, (ast.expr_context,)):
        return
    label = type(node).__name__
    if isinstance(node, ast.Attribute):
        label += "." + node.attr
    elif isinstance(node, ast.keyword):
        label += "." + str(node.arg)
    tokens.append(label)
    for child in ast.iter_child_nodes(node):
        _walk(child, tokens)


# ---------------------------------------------------------------- pairs across the class


def similar_pairs(prints: dict[str, dict[str, dict]], threshold: float = THRESHOLD) -> list[dict]:
    """Pairs of students with the functions they share, most shared first.

    ``prints`` maps student -> their ``fingerprints``. Each pair lists ``functions`` and
    ``similarity`` (mean ratio over those functions, 1.0 when all are identical).
    """
    limit = commonplace_limit(len(prints))
    by_function: dict[str, dict[str, list[str]]] = {}
    shapes: dict[str, list[str]] = {}
    for student in sorted(prints):
        for function, mark in prints[student].items():
            by_function.setdefault(function, {}).setdefault(mark["hash"], []).append(student)
            shapes[mark["hash"]] = mark["shape"].split()
    shared: dict[tuple[str, str], dict[str, float]] = {}
    for function in sorted(by_function):
        forms = by_function[function]
        common = [h for h, who in forms.items() if len(who) > limit]
        rare = sorted(h for h, who in forms.items() if len(who) <= limit)
        for digest in rare:
            for a, b in combinations(forms[digest], 2):
                shared.setdefault((a, b), {})[function] = 1.0
        # Near matches only between shapes that are not variants of a commonplace one.
        unusual = [h for h in rare if not any(_ratio(shapes[h], shapes[c], threshold) for c in common)]
        for h1, h2 in combinations(unusual, 2):
            ratio = _ratio(shapes[h1], shapes[h2], threshold)
            if ratio:
                for a in forms[h1]:
                    for b in forms[h2]:
                        found = shared.setdefault(tuple(sorted((a, b))), {})
                        found[function] = max(ratio, found.get(function, 0.0))
    pairs = [{"student_a": a, "student_b": b, "functions": sorted(found),
              "similarity": round(sum(found.values()) / len(found), 4)}
             for (a, b), found in shared.items()]
    pairs.sort(key=lambda p: (-len(p["functions"]), -p["similarity"], p["student_a"], p["student_b"]))
    return pairs


def _ratio(a: list[str], b: list[str], threshold: float) -> float | None:
    """difflib's ratio when it reaches ``threshold`` (cheap upper bounds first), else None."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return None
    ratio = matcher.ratio()
    return round(ratio, 4) if ratio >= threshold else None


def write_pairs_csv(path, pairs: list[dict]) -> Path:
    import csv

    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["student_a", "student_b", "shared", "similarity", "functions"])
        for pair in pairs:
            writer.writerow([pair["student_a"], pair["student_b"], len(pair["functions"]),
                             f"{pair['similarity']:.4f}", "; ".join(pair["functions"])])
    return path
