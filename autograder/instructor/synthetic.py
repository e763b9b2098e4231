"""A synthetic class of student repositories with known outcomes, for tests and benchmarks.

Instructor-only: it reads the reference ``solutions/`` and the mutants. Every kind of
submission a class grader must survive is here: correct, stubs, half-done, plausible wrong
answers, a hang, crashes, a syntax error, a memory bomb, a tampered repository, two
near-copies and an empty folder. ``build_class`` returns what it made, so a test can
check each gradebook row against what the submission really is.
"""
from __future__ import annotations

import ast
import random
import shutil
from pathlib import Path

from ..curriculum import MODULES
from ..paths import REPO_ROOT
from .mutants import MUTANTS_DIR, apply_mutant, function_name, function_source, load_mutants
from .stubs import BEGIN, END, stub_source

SOLUTIONS_DIR = REPO_ROOT / "solutions"

# The first len(...) submissions, in this order; more are drawn from COMMON_KINDS.
PRIORITY_KINDS = ("correct", "stub", "partial", "mutant", "hang", "crash", "crash_import",
                  "syntax", "memory", "tampered", "near_copy_a", "near_copy_b", "empty")
COMMON_KINDS = ("correct", "partial", "mutant")

_HANG = "def {name}(*args, **kwargs):\n    while True:\n        pass\n"
_CRASH = "def {name}(*args, **kwargs):\n    import os\n    os._exit(3)\n"
_BOMB = ("def {name}(*args, **kwargs):\n    blocks = []\n    while True:\n"
         "        blocks.append(bytearray(1 << 26))\n")
_IMPORT_CRASH = "\nimport os as _os\n_os._exit(1)\n"
_SYNTAX_ERROR = "\ndef broken(:\n    pass\n"
# A conftest.py that would turn every failure into a pass if pytest ever loaded it.
_TAMPER_CONFTEST = '''import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    outcome.get_result().outcome = "passed"
'''


def build_class(dest, n: int, seed: int = 0, *, kinds=None, modules=None, solutions=None,
                mutants_dir=None, template=None) -> dict[str, dict]:
    """Write ``n`` submissions into ``dest`` (one repository each); returns name -> what it is.

    The first submissions are one of each kind in ``kinds`` (default ``PRIORITY_KINDS``),
    the rest are drawn from ``COMMON_KINDS``. ``modules`` limits the exercise modules
    (default: every module that has a solution);
    ``template`` is a released student template whose other files each repository gets.
    Each value of the returned dict has ``kind`` and the details a test needs (which
    function hangs, which module crashes, which mutant was applied, ...).
    """
    builder = _Builder(Path(solutions or SOLUTIONS_DIR), Path(mutants_dir or MUTANTS_DIR),
                       modules, random.Random(seed))
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    first = tuple(kinds) if kinds is not None else PRIORITY_KINDS
    kinds = list(first[:n]) + [builder.rng.choice(COMMON_KINDS) for _ in range(n - len(first))]
    manifest = {}
    for index, kind in enumerate(kinds):
        name = f"student-{index:03d}-{kind.replace('_', '-')}"
        files, detail = builder.make(kind)
        repo = dest / name
        repo.mkdir()
        if files is not None:
            if template is not None:
                _copy_template(Path(template), repo)
            (repo / "exercises").mkdir(exist_ok=True)
            for module, text in files.items():
                (repo / "exercises" / f"{module}.py").write_text(text, encoding="utf-8")
            for path, text in detail.get("added", {}).items():
                (repo / path).write_text(text, encoding="utf-8")
        manifest[name] = {"kind": kind, **{k: v for k, v in detail.items() if k != "added"}}
    return manifest


class _Builder:
    """Makes the modules of one submission of a given kind."""

    def __init__(self, solutions: Path, mutants_dir: Path, modules, rng: random.Random):
        self.rng = rng
        wanted = MODULES if modules is None else list(modules)
        self.solutions = {m: _without_markers((solutions / f"{m}.py").read_text(encoding="utf-8"))
                          for m in MODULES if m in wanted and (solutions / f"{m}.py").is_file()}
        if not self.solutions:
            raise FileNotFoundError(f"no solution modules in {solutions}")
        self.stubs = {m: stub_source((solutions / f"{m}.py").read_text(encoding="utf-8"), m)
                      for m in self.solutions}
        self.functions = {m: [f for f in MODULES[m] if _defines(src, f)]
                          for m, src in self.solutions.items()}
        mutants = {m: load_mutants(mutants_dir / f"{m}.py") for m in self.solutions
                   if (mutants_dir / f"{m}.py").is_file()}
        self.mutants = [(m, key, src) for m, table in sorted(mutants.items())
                        for key, src in sorted(table.items())
                        if _defines(self.solutions[m], function_name(src))]
        # The near-copies share wrong answers nobody else has: one reserved mutant per module.
        self.reserved = {}
        for module, key, src in self.rng.sample(self.mutants, len(self.mutants)):
            self.reserved.setdefault(module, (key, src))
        self.free_mutants = [t for t in self.mutants if self.reserved.get(t[0], (None,))[0] != t[1]]
        self.near_copy: dict[str, str] | None = None

    def pick_function(self) -> tuple[str, str]:
        module = self.rng.choice(sorted(self.solutions))
        return module, self.rng.choice(self.functions[module])

    def replaced(self, module: str, function_src: str) -> dict[str, str]:
        files = dict(self.solutions)
        files[module] = apply_mutant(files[module], function_src)
        return files

    def make(self, kind: str) -> tuple[dict[str, str] | None, dict]:
        return getattr(self, f"_{kind}")()

    def _correct(self):
        return dict(self.solutions), {}

    def _stub(self):
        return dict(self.stubs), {}

    def _partial(self):
        choices = [(m, f) for m in sorted(self.functions) for f in self.functions[m]]
        solved = set(self.rng.sample(choices, max(1, len(choices) // 2)))
        files = {}
        for module, source in self.solutions.items():
            for function in self.functions[module]:
                if (module, function) not in solved:
                    source = apply_mutant(source, function_source(self.stubs[module], function))
            files[module] = source
        return files, {"solved": sorted(f"{m}.{f}" for m, f in solved)}

    def _mutant(self):
        if not self.free_mutants:
            return self._correct()
        module, key, src = self.rng.choice(self.free_mutants)
        return self.replaced(module, src), {"mutant": f"{module}:{key}",
                                            "function": f"{module}.{function_name(src)}"}

    def _broken_function(self, template: str):
        module, function = self.pick_function()
        return self.replaced(module, template.format(name=function)), {"function": f"{module}.{function}"}

    def _hang(self):
        return self._broken_function(_HANG)

    def _crash(self):
        return self._broken_function(_CRASH)

    def _memory(self):
        return self._broken_function(_BOMB)

    def _crash_import(self):
        module = self.rng.choice(sorted(self.solutions))
        files = dict(self.solutions)
        files[module] += _IMPORT_CRASH
        return files, {"module": module}

    def _syntax(self):
        module = self.rng.choice(sorted(self.solutions))
        files = dict(self.solutions)
        files[module] += _SYNTAX_ERROR
        return files, {"module": module}

    def _tampered(self):
        return dict(self.solutions), {"added": {"conftest.py": _TAMPER_CONFTEST}, "paths": ["conftest.py"]}

    def _near_copy_a(self):
        files = dict(self.solutions)
        functions = []
        for module, (_, src) in sorted(self.reserved.items()):
            files[module] = apply_mutant(files[module], src)
            functions.append(f"{module}.{function_name(src)}")
        self.near_copy = files
        return files, {"functions": functions}

    def _near_copy_b(self):
        if self.near_copy is None:
            return self._near_copy_a()
        functions = [f"{m}.{function_name(src)}" for m, (_, src) in sorted(self.reserved.items())]
        return {m: rename_locals(src) for m, src in self.near_copy.items()}, {"functions": functions}

    def _empty(self):
        return None, {}


def rename_locals(source: str) -> str:
    """The module with every function's local variables renamed and the formatting redone.

    Arguments keep their names (callers pass them by keyword); comments are lost, as
    when a student retypes someone else's code.
    """
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _rename_in(node)
    return ast.unparse(tree) + "\n"


def _rename_in(function: ast.FunctionDef) -> None:
    arguments = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
    declared = {name for n in ast.walk(function) if isinstance(n, (ast.Global, ast.Nonlocal))
                for name in n.names}
    names = {n.id for n in ast.walk(function) if isinstance(n, ast.Name)}
    local = {n.id for n in ast.walk(function)
             if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)} - arguments - declared
    mapping = {}
    for name in sorted(local):
        new = f"{name}_value"
        while new in names:
            new += "_"
        mapping[name] = new
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and node.id in mapping:
            node.id = mapping[node.id]


def _defines(source: str, name: str) -> bool:
    return any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name
               for n in ast.parse(source).body)


def _without_markers(source: str) -> str:
    """What a student would hand in: the solution without nbgrader's region markers."""
    return "".join(line for line in source.splitlines(keepends=True)
                   if line.strip() not in (BEGIN, END))


def _copy_template(template: Path, repo: Path) -> None:
    for item in template.iterdir():
        if item.name in ("exercises", ".git"):
            continue
        if item.is_dir():
            shutil.copytree(item, repo / item.name, symlinks=True)
        else:
            shutil.copy2(item, repo / item.name)
