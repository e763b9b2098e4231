"""What every figure is measured on: one set of modules, their suites and three submissions.

The same workload feeds the floor, the grader and the peers, so their ratios compare like
with like. The full workload is every module that has a reference solution, with the
bundled suites; ``--quick`` narrows it to one small module so the whole run takes seconds.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from autograder.curriculum import MODULES
from autograder.instructor.mutants import apply_mutant, function_source
from autograder.instructor.stubs import stub_source

from .measure import ROOT

SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
SUITES = ROOT / "autograder" / "suites"
QUICK_MODULES = ("numpy_basics",)


@dataclass
class Workload:
    modules: list[str]          # in course order
    hidden: Path                # a folder of hidden suite files for these modules
    public: Path
    solutions: Path
    stubs: Path
    half: Path                  # solutions with every second module replaced by its stub
    stubbed: list[str]          # which modules (or functions) ``half`` has as stubs
    notes: list[str]

    def suite_arg(self, which: str) -> str:
        """What ``autograder grade --suite`` gets: the bundled name when nothing was narrowed."""
        folder = self.hidden if which == "hidden" else self.public
        return which if folder == SUITES / which else str(folder)


def solved_modules() -> list[str]:
    """Modules that have both a reference solution and a hidden suite, in course order."""
    return [m for m in MODULES
            if (SOLUTIONS / f"{m}.py").is_file() and (SUITES / "hidden" / f"test_{m}.py").is_file()]


def build(workdir: Path, quick: bool) -> Workload:
    """Lay out the workload's folders under ``workdir`` (the bundled ones are used as they are)."""
    available = solved_modules()
    if not available:
        raise RuntimeError("no module has both a solution and a hidden suite yet")
    notes = []
    if quick:
        modules = [m for m in QUICK_MODULES if m in available] or available[:1]
    else:
        modules = available
    # The bundled folders serve as they are only when they hold exactly these modules.
    present = {m for m in MODULES
               if (SOLUTIONS / f"{m}.py").is_file() or (SUITES / "hidden" / f"test_{m}.py").is_file()}
    narrowed = quick or present != set(modules)
    if narrowed:
        hidden = _suite_subset(workdir / "suites" / "hidden", "hidden", modules)
        public = _suite_subset(workdir / "suites" / "public", "public", modules)
        solutions = _copy_modules(workdir / "solutions", modules, SOLUTIONS)
    else:
        hidden, public, solutions = SUITES / "hidden", SUITES / "public", SOLUTIONS
    missing = sorted(set(MODULES) - set(modules))
    if missing and not quick:
        notes.append(f"not yet measurable (no solution or hidden suite): {', '.join(missing)}")
    stubs = _stubs(workdir / "stubs", modules, notes) if _needs_own_stubs(modules, narrowed) else EXERCISES
    half, stubbed = _half_right(workdir / "half", modules, stubs)
    return Workload(modules, hidden, public, solutions, stubs, half, stubbed, notes)


def _half_right(dest: Path, modules: list[str], stubs: Path) -> tuple[Path, list[str]]:
    """Solutions with every second module stubbed; with one module, every second function."""
    _copy_modules(dest, modules, SOLUTIONS)
    if len(modules) > 1:
        for module in modules[1::2]:
            shutil.copyfile(stubs / f"{module}.py", dest / f"{module}.py")
        return dest, modules[1::2]
    module = modules[0]
    source = (SOLUTIONS / f"{module}.py").read_text(encoding="utf-8")
    stub = (stubs / f"{module}.py").read_text(encoding="utf-8")
    stubbed = [f for f in MODULES[module] if f"def {f}(" in source][1::2]
    for function in stubbed:
        source = apply_mutant(source, function_source(stub, function))
    (dest / f"{module}.py").write_text(source, encoding="utf-8")
    return dest, [f"{module}.{f}" for f in stubbed]


def _needs_own_stubs(modules: list[str], narrowed: bool) -> bool:
    if narrowed:
        return True
    return not all((EXERCISES / f"{m}.py").is_file() for m in modules)


def _suite_subset(dest: Path, which: str, modules: list[str]) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for module in modules:
        source = SUITES / which / f"test_{module}.py"
        if source.is_file():
            shutil.copyfile(source, dest / source.name)
    return dest


def _copy_modules(dest: Path, modules: list[str], source: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for module in modules:
        shutil.copyfile(source / f"{module}.py", dest / f"{module}.py")
    return dest


def _stubs(dest: Path, modules: list[str], notes: list[str]) -> Path:
    """The committed stubs where they exist, else the generator's output for the same solution."""
    dest.mkdir(parents=True, exist_ok=True)
    generated = []
    for module in modules:
        committed = EXERCISES / f"{module}.py"
        if committed.is_file():
            shutil.copyfile(committed, dest / committed.name)
        else:
            text = (SOLUTIONS / f"{module}.py").read_text(encoding="utf-8")
            (dest / f"{module}.py").write_text(stub_source(text, module), encoding="utf-8")
            generated.append(module)
    if generated:
        notes.append(f"exercises/ lacks {', '.join(generated)}: stubs generated from solutions/")
    return dest
