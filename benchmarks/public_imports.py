"""What a student's public ``pytest`` needs to import, taken from a real run, and its cold cost.

One public ``pytest`` of the stubs runs with a plugin (``sysmodules_dump``) that writes
``sys.modules`` at its end. What it needed is every third-party module there, less the
standard library and what a bare interpreter loads at start, the test harness (pytest and its
plugins, with what their distributions require) and the project's own code (autograder, the
suites, the stubs). ``public_import_s`` is a cold interpreter importing those modules, in
the order the run imported them.
"""
from __future__ import annotations

import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.machinery import PathFinder
from pathlib import Path

from .grading_figures import public_argv
from .measure import ROOT, Unavailable, exited, run_command
from .sysmodules_dump import OUT_VARIABLE
from .workload import Workload

HARNESS = {"pytest", "_pytest", "pluggy", "iniconfig", "packaging", "py", "xdist", "execnet"}
HARNESS_DISTRIBUTIONS = ("pytest", "pytest-xdist", "execnet")
PROJECT = {"autograder", "benchmarks"}
PROJECT_DISTRIBUTION = "autograder"
IMPORT_ALL = ("import importlib, sys, warnings\n"
              "warnings.simplefilter('ignore')\n"
              "failed = 0\n"
              "for name in open(sys.argv[1], encoding='utf-8').read().split():\n"
              "    try:\n"
              "        importlib.import_module(name)\n"
              "    except Exception:\n"
              "        failed += 1\n"
              "print(failed)\n")


@dataclass
class Needed:
    packages: list[str]                 # third-party top-level packages, in first-import order
    modules: list[str]                  # their modules the run had loaded, in import order
    left_out: dict[str, list[str]] = field(default_factory=dict)  # why -> top-level names
    failed: int | None = None           # how many would not import on their own (last run)

    def note(self) -> str:
        failed = f", {self.failed} of them not importable on their own" if self.failed else ""
        return (f"python -c 'import ...': {len(self.modules)} modules of {', '.join(self.packages)}"
                f"{failed} (sys.modules at the end of a public pytest of the stubs, less stdlib, "
                f"harness and project)")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def harness_packages() -> set[str]:
    """The fixed harness names, every pytest plugin's package, and what their distributions require."""
    from importlib import metadata

    from packaging.requirements import Requirement

    tops_of: dict[str, set[str]] = defaultdict(set)
    for top, dists in metadata.packages_distributions().items():
        for dist in dists:
            tops_of[_normal(dist)].add(top)
    names, todo = set(HARNESS), [_normal(d) for d in HARNESS_DISTRIBUTIONS]
    for plugin in metadata.entry_points(group="pytest11"):
        if plugin.dist is not None and _normal(plugin.dist.name) == PROJECT_DISTRIBUTION:
            continue
        names.add(plugin.value.split(":")[0].split(".")[0])
        if plugin.dist is not None:
            todo.append(_normal(plugin.dist.name))
    seen: set[str] = set()
    while todo:
        dist = todo.pop()
        if dist in seen or dist == PROJECT_DISTRIBUTION:
            continue
        seen.add(dist)
        try:
            requires = metadata.requires(dist) or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(_normal(requirement.name))
    for dist in seen:
        names |= tops_of.get(dist, set())
    return names


def startup_modules() -> set[str]:
    """What a bare interpreter has loaded before running anything (site hooks, editable finders)."""
    done = run_command([sys.executable, "-c", "import sys, json; print(json.dumps(list(sys.modules)))"])
    return set(json.loads(done.stdout)) if done.returncode == 0 else set()


def needed(dump: dict, project_dirs: list[Path], harness: set[str], startup: set[str]) -> Needed:
    """Classify every top-level name of ``dump`` (``sysmodules_dump``'s output); keep the needed ones."""
    project_dirs = [str(Path(d).resolve()) + os.sep for d in project_dirs]
    why: dict[str, str] = {}
    for name, file in dump["modules"]:
        top = name.partition(".")[0]
        if top in why:
            continue
        if (top in sys.stdlib_module_names or top in sys.builtin_module_names or top in startup
                or top.startswith("__") or top.startswith("_sysconfigdata")):
            why[top] = "stdlib or interpreter start"
        elif top in PROJECT or (file and str(Path(file).resolve()).startswith(tuple(project_dirs))):
            why[top] = "project"
        elif top in harness:
            why[top] = "harness"
        elif PathFinder.find_spec(top, dump["path"]) is None:
            why[top] = "not importable by name (registered by another module)"
        else:
            why[top] = "needed"
    packages = [top for top, reason in why.items() if reason == "needed"]
    modules = [name for name, _ in dump["modules"] if why[name.partition(".")[0]] == "needed"]
    left_out: dict[str, list[str]] = defaultdict(list)
    for top, reason in why.items():
        if reason not in ("needed", "stdlib or interpreter start"):
            left_out[reason].append(top)
    return Needed(packages, modules, dict(left_out))


def discover(workload: Workload, workdir: Path) -> Needed:
    """One public pytest of the stubs with the dump plugin (not timed), classified."""
    out = workdir / "public-modules.json"
    env = {**os.environ, OUT_VARIABLE: str(out)}
    done = run_command([*public_argv(workload), "-p", "benchmarks.sysmodules_dump"], env=env)
    if not exited(0, 1)(done) or not out.is_file():
        raise Unavailable(f"the public pytest with the module dump exited {done.returncode}")
    dump = json.loads(out.read_text(encoding="utf-8"))
    project = [ROOT / "autograder", ROOT / "benchmarks", workload.public, workload.stubs]
    found = needed(dump, project, harness_packages(), startup_modules())
    if not found.modules:
        raise Unavailable("the public pytest loaded no third-party module besides the harness")
    return found


def import_side(found: Needed, workdir: Path):
    """One run for ``rounds.interleaved``: a cold interpreter importing ``found.modules``."""
    listing = workdir / "public-imports.txt"
    listing.write_text("\n".join(found.modules) + "\n", encoding="utf-8")

    def once() -> dict[str, float]:
        done = run_command([sys.executable, "-c", IMPORT_ALL, listing])
        if done.returncode != 0:
            raise Unavailable(f"importing the public suites' modules exited {done.returncode}")
        found.failed = int(done.stdout.strip() or 0)
        return {"public_import_s": done.seconds}
    return once
