"""The name tables of the static check, and how a dotted name is resolved and matched against them.

``static.py`` walks a submission's syntax tree; this module says what each name it meets is:
a library function, a forbidden one, reflection, or harmless.
"""
from __future__ import annotations

import ast
import functools
import importlib.util
from pathlib import Path

from ..curriculum import FORBIDDEN, MODULES


# A forbidden function's name is forbidden wherever these packages offer it.
FAMILY = frozenset({"numpy", "scipy", "sklearn", "statistics", "math", "pandas", "torch",
                    "tensorflow", "jax", "autograd", "cupy"})
# Builtins that look names up, build code or reach the interpreter's tables.
_REFLECTIVE_BUILTINS = frozenset({
    "getattr", "setattr", "delattr", "eval", "exec", "compile", "__import__", "globals",
    "locals", "vars", "__builtins__", "__loader__", "__spec__", "breakpoint",
})
# Builtins whose use at import can rebind anything in the module.
_REBINDING = frozenset({"setattr", "delattr", "eval", "exec", "compile", "__import__",
                        "globals", "locals", "vars"})
# Modules whose every use is reflection.
_REFLECTIVE_MODULES = frozenset({
    "builtins", "importlib", "ctypes", "inspect", "types", "pickle", "marshal", "copyreg",
    "gc", "runpy", "pkgutil", "code", "codeop", "dill", "cloudpickle", "numexpr", "dis",
    "__main__", "_operator", "_ctypes", "_pickle", "imp", "zipimport", "shelve", "timeit",
    "doctest", "pdb", "bdb", "cProfile", "profile", "trace", "pydoc", "joblib", "cffi",
    "pkg_resources", "setuptools", "distutils", "multiprocessing", "annotationlib",
    "pickletools", "_frozen_importlib", "_imp", "_thread", "sysconfig", "site",
})
# Names inside otherwise harmless packages that look things up by a string or run code.
_REFLECTIVE_NAMES = frozenset({
    "operator.attrgetter", "operator.methodcaller", "pandas.eval", "pandas.read_pickle",
    "numpy.lib.utils", "numpy.testing.extbuild", "numpy.ctypeslib", "numpy.f2py",
    "string.Formatter", "typing.get_type_hints", "logging.config", "unittest.mock",
    "functools.singledispatch", "numpy.lib.format", "scipy.LowLevelCallable",
    "scipy.linalg.get_blas_funcs", "scipy.linalg.get_lapack_funcs",
})
# Attributes that lead from a value to the interpreter's tables (frames, code, globals).
_REFLECTIVE_ATTRS = frozenset({
    "f_globals", "f_locals", "f_builtins", "f_back", "f_code", "tb_frame", "tb_next",
    "gi_frame", "cr_frame", "ag_frame", "gi_code", "co_consts", "co_names", "func_globals",
})
# What a checked function may import and use; anything else is a module the check cannot see into.
_KNOWN_IMPORTS = frozenset({
    "numpy", "scipy", "sklearn", "pandas", "math", "cmath", "statistics", "numbers",
    "fractions", "decimal", "random", "itertools", "functools", "collections", "operator",
    "typing", "typing_extensions", "dataclasses", "enum", "abc", "heapq", "bisect", "copy",
    "warnings", "time", "re", "string", "textwrap", "sys", "os", "pathlib", "json", "csv",
    "logging", "array", "matplotlib", "contextlib", "__future__", "torch", "tensorflow",
    "jax", "autograd", "cupy",
})
_SYS_HARMLESS = frozenset({
    "float_info", "int_info", "maxsize", "version_info", "version", "hexversion", "platform",
    "byteorder", "getrecursionlimit", "setrecursionlimit", "stdout", "stderr", "exit",
    "argv", "implementation", "getsizeof", "float_repr_style",
})
_HARMLESS_DUNDERS = frozenset({
    "__name__", "__qualname__", "__doc__", "__module__", "__class__", "__init__", "__len__",
    "__iter__", "__next__", "__repr__", "__str__", "__eq__", "__ne__", "__lt__", "__le__",
    "__gt__", "__ge__", "__hash__", "__bool__", "__add__", "__sub__", "__mul__",
    "__truediv__", "__floordiv__", "__mod__", "__pow__", "__neg__", "__pos__", "__abs__",
    "__float__", "__int__", "__index__", "__contains__", "__getitem__", "__setitem__",
    "__enter__", "__exit__", "__file__", "__version__", "__all__", "__slots__",
})
_MATMUL_DUNDERS = {"__matmul__", "__rmatmul__", "__imatmul__"}
_MATMUL_OPERATORS = {"operator.matmul", "operator.imatmul", "operator.__matmul__",
                     "operator.__imatmul__", "_operator.matmul"}

REFLECTION = "reflection"
AT_IMPORT = "code run at import that can rebind any name (exec, setattr, globals(), np.x = ...)"
_ADVICE_NAME = ("call only what the exercise allows and write the rest yourself, with a loop "
                "or with element-wise arithmetic (+, *, np.sum, np.sqrt, np.abs, comparisons)")
_ADVICE_REFLECTION = ("call functions by their plain names (np.sum(a * b), x.shape, math.sqrt) "
                      "instead of looking them up by a string, through getattr, operator, "
                      "__dict__, vars(), globals(), importlib, exec or eval")


def forbidden_for(module: str, function: str) -> tuple[str, ...]:
    """The names ``module.function`` may not use: its own list and its module's (``module.*``)."""
    return FORBIDDEN.get(f"{module}.{function}", ()) + FORBIDDEN.get(f"{module}.*", ())


def checked_functions(module: str, defined=()) -> list[str]:
    """Functions of ``module`` that forbid names; a module-wide entry covers every exercise."""
    named = [key.split(".", 1)[1] for key in FORBIDDEN
             if key.split(".", 1)[0] == module and not key.endswith(".*")]
    if f"{module}.*" in FORBIDDEN:
        extra = MODULES.get(module) or [n for n in defined if not n.startswith("_")]
        named += [n for n in extra if n not in named]
    return named


@functools.lru_cache(maxsize=None)
def _is_library(top: str) -> bool:
    """Whether ``import top`` finds a real installed module (a submission cannot shadow one)."""
    try:
        return importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        return False


@functools.lru_cache(maxsize=None)
def _names_a_module(dotted: str) -> bool:
    """Whether a forbidden entry is a module (``scipy.stats.mstats``) rather than a function.

    Decided from the installed files, without importing anything: importing scipy's
    subpackages here would cost the grader seconds.
    """
    parts = dotted.split(".")
    if len(parts) == 1:
        return True
    try:
        spec = importlib.util.find_spec(parts[0])
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return True  # a package not installed here: its entries name its modules
    places = [Path(p) for p in (spec.submodule_search_locations or ())]
    for part in parts[1:]:
        found = []
        for place in places:
            if (place / part).is_dir():
                found.append(place / part)
            elif (place / f"{part}.py").is_file() or any(place.glob(f"{part}.*.so")):
                return part == parts[-1]
        if not found:
            return False
        places = found
    return True


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
                if alias.name == "*":  # what a star import may bring in that the check looks for
                    names.update({n.rsplit(".", 1)[-1]: f"{node.module}.{n.rsplit('.', 1)[-1]}"
                                  for listed in FORBIDDEN.values() for n in listed if n != "@"})
                    names.update({n: f"{node.module}.{n}" for n in
                                  ("attrgetter", "methodcaller", "getattr", "modules", "import_module")})
                else:
                    names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):  # second pass: d = np.dot, (d := np.dot)
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.NamedExpr):
            target, value = node.target, node.value
        else:
            continue
        dotted = _dotted(value, names)
        if dotted:
            names[target.id] = dotted
    return names


def _constant_name(node: ast.Call) -> str | None:
    """The attribute name of ``getattr(obj, "name"[, default])``, when it is a constant."""
    if (isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) in (2, 3)
            and not node.keywords and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)):
        return node.args[1].value
    return None


def _dotted(node: ast.AST, names: dict[str, str]) -> str | None:
    parts = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call) and _constant_name(node) is not None:
            parts.append(_constant_name(node))
            node = node.args[0]
        else:
            break
    if isinstance(node, ast.Name) and node.id in names:
        return ".".join([names[node.id]] + parts[::-1])
    return None


def _matches(dotted: str, forbidden: tuple[str, ...]) -> str | None:
    """The forbidden name ``dotted`` is, lies under, or shares a function name with in FAMILY."""
    top, last = dotted.split(".")[0], dotted.rsplit(".", 1)[-1]
    for name in forbidden:
        if name == "@":
            continue
        if dotted == name or dotted.startswith(name + "."):
            return name
        if ("." in name and "." in dotted and top in FAMILY and name.split(".")[0] in FAMILY
                and last.lstrip("_") == name.rsplit(".", 1)[-1] and not _names_a_module(name)):
            return name  # scipy.ndimage.median is numpy.median; numpy._core.multiarray.dot is numpy.dot
    return None


def _reflective(dotted: str) -> bool:
    """Lookups by name, code built from strings, or private parts of a package (unknown ground)."""
    parts = dotted.split(".")
    if parts[0] in FAMILY and any(p.startswith("_") and not _dunder(p) for p in parts[1:]):
        return True  # numpy.linalg._umath_linalg.eigh_lo: private, whatever its name
    if parts[0] in _REFLECTIVE_MODULES or any(dotted == n or dotted.startswith(n + ".")
                                              for n in _REFLECTIVE_NAMES):
        return True
    if parts[0] == "sys" and len(parts) > 1 and parts[1] not in _SYS_HARMLESS:
        return True
    return False


def _harmless_constant(call: ast.Call, names, forbidden, methods) -> bool:
    """``getattr(x, "shape")``: a constant that is no dunder, no forbidden or reflective name."""
    attr = _constant_name(call)
    if attr is None or not attr.isidentifier() or attr.startswith("__") or attr in methods:
        return False
    if attr in _REFLECTIVE_BUILTINS or attr in {"attrgetter", "methodcaller", "modules"}:
        return False
    dotted = _dotted(call, names)
    return not (dotted and (_matches(dotted, forbidden) or _reflective(dotted)))


def _methods(forbidden: tuple[str, ...]) -> set[str]:
    """Method spellings of forbidden functions: ``a.dot(b)`` for ``numpy.dot``."""
    return {n.rsplit(".", 1)[1] for n in forbidden if "." in n and not _names_a_module(n)}


def _uses(func: ast.AST, names: dict[str, str], forbidden: tuple[str, ...],
          known=lambda dotted: True) -> list[tuple[str, int]]:
    """Forbidden names and reflection in ``func``; ``known`` tells which imports may be used."""
    found = []
    methods = _methods(forbidden)
    resolved: set[int] = set()  # getattr names of calls with a harmless constant
    for node in ast.walk(func):
        line = getattr(node, "lineno", 0)
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.MatMult):
            if "@" in forbidden:
                found.append(("@", line))
        elif "@" in forbidden and isinstance(node, ast.Attribute) and node.attr in _MATMUL_DUNDERS:
            found.append((f"@ (as .{node.attr})", line))
        elif isinstance(node, (ast.Attribute, ast.Name, ast.Call, ast.MatchClass)):
            if isinstance(node, ast.Call) and _harmless_constant(node, names, forbidden, methods):
                resolved.add(id(node.func))
            dotted = _dotted(node, names)
            hit = _matches(dotted, forbidden) if dotted else None
            if "@" in forbidden and dotted in _MATMUL_OPERATORS:
                found.append((f"@ (as {dotted})", line))
            elif hit:
                found.append((dotted, line))
            elif dotted and _reflective(dotted):
                found.append((f"{dotted} ({REFLECTION})", line))
            elif isinstance(node, ast.Attribute) and node.attr in methods:
                found.append((f".{node.attr}", line))
            elif isinstance(node, ast.Attribute) and (node.attr in _REFLECTIVE_ATTRS or (
                    _dunder(node.attr) and node.attr not in _HARMLESS_DUNDERS)):
                found.append((f".{node.attr} ({REFLECTION})", line))
            elif isinstance(node, ast.MatchClass) and any(  # case object(dot=f): a lookup by name
                    a in methods or _dunder(a) or a in _REFLECTIVE_BUILTINS for a in node.kwd_attrs):
                found.append((f"case ...({', '.join(node.kwd_attrs)}=...) ({REFLECTION})", line))
            elif isinstance(node, ast.Call) and any(k.arg == "allow_pickle" for k in node.keywords):
                found.append((f"allow_pickle ({REFLECTION})", line))
            elif (isinstance(node, ast.Name) and node.id in names and not known(names[node.id])):
                found.append((f"{names[node.id]} (an import the check cannot see into; {REFLECTION})", line))
            elif (isinstance(node, ast.Name) and node.id in _REFLECTIVE_BUILTINS
                  and node.id not in names and id(node) not in resolved):
                what = "getattr() with a name it cannot check" if node.id == "getattr" else node.id
                found.append((f"{what} ({REFLECTION})", line))
    return sorted(set(found), key=lambda item: (item[1], item[0]))


def _dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__") and len(name) > 4
