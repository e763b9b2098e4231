"""Forbidden names found on a submission's source by its syntax tree, without running it.

The check fails closed: whatever it cannot resolve to a harmless name counts as forbidden.

* Names are followed through aliases (``from numpy import dot as d``, ``import numpy.linalg
  as la``, ``d = np.dot``), ``getattr`` with a constant, star imports, private paths
  (``numpy._core.multiarray.dot``) and every module-level binding a checked function reads:
  helpers, lambdas, classes, assigned values, ``for``/``with``/walrus targets, names a
  function declares ``global``, default arguments and decorators, the function's own name
  bound to a library function, and helper modules of the submission it imports.
* A forbidden name matches by its function name across the scientific packages
  (``numpy.median`` also forbids ``scipy.ndimage.median`` and ``statistics.median``), and by
  method spelling (``a.dot(b)``, ``x.var()``).
* Reflection (``getattr`` other than with a harmless constant, ``operator.attrgetter``,
  dunder attributes such as ``__getattribute__``/``__dict__``, ``vars``, ``globals``,
  ``importlib``, ``exec``, ``builtins``, ``inspect``, ``sys.modules``...) counts as forbidden
  in every checked function that reaches it: it could hide any forbidden name.
* Code that runs at import and can rebind anything (``exec``, ``setattr``, ``globals()[...]
  =``, ``np.x = ...``) counts against every checked function of the module.
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


class _Module:
    """One parsed source file of the submission, with its aliases and module-level bindings."""

    def __init__(self, source: str, filename: str):
        self.filename = filename
        self.tree = ast.parse(source)
        self.names = _aliases(self.tree)
        self.bindings = _bindings(self.tree, self.names)
        self.rebinding = _rebinding_lines(self.tree, self.names)


def _sibling(dotted: str, folder: Path | None) -> str | None:
    """The submission's own module that ``dotted`` starts with, if it is one (not a library)."""
    top = dotted.split(".")[0]
    if folder is None or _is_library(top) or not (folder / f"{top}.py").is_file():
        return None
    return top


class _Checker:
    """Walks everything one checked function reaches, across the submission's own modules."""

    def __init__(self, folder: Path | None, forbidden: tuple[str, ...], modules: dict, home: _Module):
        self.folder, self.forbidden, self.modules, self.home = folder, forbidden, modules, home
        self.uses: list[tuple[str, int]] = []
        self.reached: set[tuple[str, str | None]] = set()
        self.entered: set[str] = {home.filename}

    def load(self, name: str) -> _Module | None:
        if name not in self.modules:
            try:
                source = (self.folder / f"{name}.py").read_text(encoding="utf-8")
                self.modules[name] = _Module(source, f"{name}.py")
            except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
                self.modules[name] = None
        return self.modules[name]

    def known(self, dotted: str) -> bool:
        """An import the check understands: a known package, or a helper module it walks."""
        top = dotted.split(".")[0]
        return top in _KNOWN_IMPORTS or _sibling(dotted, self.folder) is not None

    def record(self, uses, where: _Module) -> None:
        suffix = "" if where is self.home else f" in {where.filename}"
        self.uses += [(f"{name}{suffix}", line) for name, line in uses]

    def sibling(self, dotted: str, line: int) -> None:
        """``helpers.name`` of a helper module of the submission: walk what that name reaches there."""
        parts = dotted.split(".")
        module = self.load(parts[0])
        if module is None:
            self.uses.append((f"import of {parts[0]}.py, which could not be checked", line))
            return
        if module.filename not in self.entered:  # its import-time code runs with the import
            self.entered.add(module.filename)
            self.record([(AT_IMPORT, n) for n in module.rebinding], module)
            for node in _module_level(module.tree):
                if isinstance(node, ast.ImportFrom) and node.module and any(a.name == "*" for a in node.names):
                    self.star(node, module)
        name = parts[1] if len(parts) > 1 and parts[1] in module.bindings else None
        if name and len(parts) > 2:  # helpers.np.dot: what the helper imported, reached through it
            self.walk(module, [_Imported(".".join([b.dotted] + parts[2:]), line)
                               for b in module.bindings[name] if isinstance(b, _Imported)], set())
        self.reach(module, name)

    def star(self, node: ast.ImportFrom, module: _Module) -> None:
        """A star import of a helper module may bind anything: all of that module is reachable."""
        sibling = _sibling(node.module, self.folder)
        if sibling:
            self.sibling(sibling, node.lineno)

    def reach(self, module: _Module, name: str | None) -> None:
        """Walk ``name``'s bindings in ``module`` (``None``: the whole module), once."""
        if (module.filename, name) in self.reached:
            return
        self.reached.add((module.filename, name))
        self.walk(module, [module.tree] if name is None else list(module.bindings.get(name, ())), {name})

    def walk(self, module: _Module, todo: list, seen: set) -> None:
        while todo:
            node = todo.pop()
            if isinstance(node, _Imported):
                if _sibling(node.dotted, self.folder):
                    self.sibling(node.dotted, node.line)
                elif _matches(node.dotted, self.forbidden):
                    self.record([(node.dotted, node.line)], module)
                elif _reflective(node.dotted):
                    self.record([(f"{node.dotted} ({REFLECTION})", node.line)], module)
                elif not self.known(node.dotted):
                    self.record([(f"{node.dotted} (an import the check cannot see into; {REFLECTION})",
                                  node.line)], module)
                continue
            self.record(_uses(node, module.names, self.forbidden, self.known), module)
            consumed: set[int] = set()
            for sub in ast.walk(node):
                if id(sub) in consumed:
                    continue
                if isinstance(sub, (ast.Attribute, ast.Name)):
                    dotted = _dotted(sub, module.names)
                    if dotted and _sibling(dotted, self.folder):
                        consumed.update(id(inner) for inner in ast.walk(sub))
                        self.sibling(dotted, sub.lineno)
                        continue
                if isinstance(sub, ast.Name) and sub.id in module.bindings and sub.id not in seen:
                    seen.add(sub.id)
                    todo.extend(module.bindings[sub.id])

    def function(self, function: str) -> list[tuple[str, int]]:
        for node in _module_level(self.home.tree):
            if isinstance(node, ast.ImportFrom) and node.module and any(a.name == "*" for a in node.names):
                self.star(node, self.home)
        self.reach(self.home, function)
        return self.uses


def forbidden_uses(source: str, module: str, folder=None) -> dict[str, list[tuple[str, int]]]:
    """For each checked function of ``module`` defined in ``source``: the forbidden names it uses.

    Everything the checked function can reach is searched: module-level bindings it reads
    (helpers, lambdas, classes, assigned values), its own binding when it is not a ``def``,
    and, when ``folder`` holds the submission, the helper modules it imports from there.
    Raises ``SyntaxError`` for unparsable source.
    """
    home = _Module(source, f"{module}.py")
    folder = Path(folder) if folder is not None else None
    modules = {module: home}
    result = {}
    for function in checked_functions(module, home.bindings):
        if function not in home.bindings and not home.rebinding:
            continue
        checker = _Checker(folder, forbidden_for(module, function), modules, home)
        uses = [(AT_IMPORT, line) for line in home.rebinding] + checker.function(function)
        if uses:
            result[function] = sorted(set(uses), key=lambda item: (item[1], item[0]))
    return result


def describe(function: str, uses: list[tuple[str, int]], filename: str) -> str:
    """The student's message: what was found, where, and what to write instead."""
    listed = ", ".join(f"{name} (line {line})" for name, line in uses)
    advice = []
    if any(REFLECTION in name or name.startswith("import of") for name, _ in uses):
        advice.append(_ADVICE_REFLECTION)
    if any(name == AT_IMPORT for name, _ in uses):
        advice.append("define your functions with plain def statements, without exec, setattr, "
                      "globals() or assignments into a library module")
    if any(REFLECTION not in name and name != AT_IMPORT and not name.startswith("import of")
           for name, _ in uses):
        advice.append(_ADVICE_NAME)
    return (f"{function} uses what this exercise asks you to build yourself, or something the "
            f"checker cannot see through: {listed} in {filename}. To earn its points, "
            + "; ".join(advice) + ".")


def forbidden_message(path, module: str, function: str, cache: dict, display: str) -> str | None:
    """Why ``module.function`` in the file ``path`` scores 0 for forbidden names, or None.

    ``cache`` keeps one analysis per module; an unreadable or unparsable file gives no
    verdict here, because importing it reports the problem with its line.
    """
    if module not in cache:
        path = Path(path)
        try:
            source = path.read_text(encoding="utf-8")
            cache[module] = forbidden_uses(source, module, path.parent)
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            cache[module] = {}
    uses = cache[module].get(function)
    return describe(f"{module}.{function}", uses, display) if uses else None
