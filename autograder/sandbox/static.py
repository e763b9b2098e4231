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
from pathlib import Path

from .static_names import (_ADVICE_NAME, _ADVICE_REFLECTION, _aliases, AT_IMPORT, checked_functions,
                           _dotted, forbidden_for, _is_library, _KNOWN_IMPORTS, _matches, REFLECTION,
                           _reflective, _uses)
from .static_module import _bindings, _Imported, _module_level, _rebinding_lines


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

    def __init__(self, folder: Path | None, forbidden: tuple[str, ...], modules: dict, home: _Module,
                 sources: dict):
        self.folder, self.forbidden, self.modules, self.home = folder, forbidden, modules, home
        self.sources = sources  # the helper modules read, by name (None: unreadable)
        self.uses: list[tuple[str, int]] = []
        self.reached: set[tuple[str, str | None]] = set()
        self.entered: set[str] = {home.filename}

    def load(self, name: str) -> _Module | None:
        if name not in self.modules:
            self.sources[name] = None  # unreadable, until read
            try:
                source = (self.folder / f"{name}.py").read_text(encoding="utf-8")
                self.sources[name] = source
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


def forbidden_uses(source: str, module: str, folder=None, sources: dict | None = None
                   ) -> dict[str, list[tuple[str, int]]]:
    """For each checked function of ``module`` defined in ``source``: the forbidden names it uses.

    Everything the checked function can reach is searched: module-level bindings it reads
    (helpers, lambdas, classes, assigned values), its own binding when it is not a ``def``,
    and, when ``folder`` holds the submission, the helper modules it imports from there.
    Raises ``SyntaxError`` for unparsable source.
    """
    home = _Module(source, f"{module}.py")
    folder = Path(folder) if folder is not None else None
    modules = {module: home}
    sources = sources if sources is not None else {}  # filled with the helper modules read
    result = {}
    for function in checked_functions(module, home.bindings):
        if function not in home.bindings and not home.rebinding:
            continue
        checker = _Checker(folder, forbidden_for(module, function), modules, home, sources)
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
            cache[module] = _analysis(source, module, path.parent)
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            cache[module] = {}
    uses = cache[module].get(function)
    return describe(f"{module}.{function}", uses, display) if uses else None


# ------------------------------------------------------------------ one analysis per source, in a process

_ANALYSES: dict[tuple, list[tuple[dict[str, str | None], dict]]] = {}
_MAX_ANALYSES = 4096


def _analysis(source: str, module: str, folder: Path) -> dict[str, list[tuple[str, int]]]:
    """``forbidden_uses``, kept for the next submission with the same file in the same surroundings.

    A class hands in many copies of the same module (an untouched stub, a shared solution).
    The verdict depends on the source, on which helper modules exist beside it (an import of
    a missing one cannot be seen into) and on the text of those the check read, and on
    nothing else, so all three are compared before an earlier verdict is used again.
    """
    present = tuple(sorted(p.name for p in folder.glob("*.py") if p.is_file()))
    key = (module, source, present)
    for helpers, verdict in _ANALYSES.get(key, ()):
        if all(_text(folder / f"{name}.py") == text for name, text in helpers.items()):
            return verdict
    helpers: dict[str, str | None] = {}
    verdict = forbidden_uses(source, module, folder, helpers)
    if len(_ANALYSES) >= _MAX_ANALYSES:
        _ANALYSES.clear()
    _ANALYSES.setdefault(key, []).append((helpers, verdict))
    return verdict


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
