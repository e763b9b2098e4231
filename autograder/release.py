"""Write the student template repository: stubs, public tests, the grader students may have, a workflow.

What ships of the ``autograder`` package is what grading imports, found by following the
package's own import statements from its entry points, plus the public suites and their
helpers. Hidden suites, mutants and instructor-only commands are never reached that way,
and a release that would reach one fails instead of shipping it. The output depends only
on its inputs: files are written in sorted order, with fixed modes and no timestamps.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from . import __version__
from .stubs import stale_stubs

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES = PACKAGE_DIR / "templates"

# Where grading starts: the CLI, the pytest plugin, the fork server (started by name) and
# the reporters (loaded by format name); everything they import comes along.
ENTRY_MODULES = ("cli", "plugin", "grading", "forkserver", "worker")
# Suite files students get besides the public suites themselves.
SUITE_FILES = ("suites/__init__.py", "suites/checks.py", "suites/strategies.py", "suites/pytest.ini")
# Modules only an instructor runs; the CLI tells a student so when one is missing.
INSTRUCTOR_ONLY = ("release", "export", "export_gradescope", "export_nbgrader", "notebook_cases",
                   "audit", "batch", "synthetic", "mutants", "stubs", "sync")
SECRET_DIRS = ("suites/hidden", "suites/mutants")
# What the student's own workflow runs. ``public``: the public suite only, an estimate for
# GitHub Classroom; the grade is posted by ``sync-class`` from the instructor's side.
# ``hidden``: the workflow fetches the hidden suites with a token, so Classroom holds the
# hidden score, and a student who edits the workflow can read them (see docs/security.md).
STUDENT_CI = {"public": ("classroom_public.yml", "hand_in_public.md"),
              "hidden": ("classroom.yml", "hand_in_hidden.md")}


class ReleaseError(Exception):
    """The release would be wrong (stale stubs, a secret reached by an import, a busy folder)."""


def is_instructor_only(path: str) -> bool:
    """Whether a package-relative path is an instructor command, module or secret suite."""
    parts = [p.removesuffix(".py") for p in Path(path).parts]
    return bool(set(parts) & set(INSTRUCTOR_ONLY)) or any(path.startswith(d + "/") for d in SECRET_DIRS)


def _imported_modules(path: Path, package: str) -> set[str]:
    """Dotted names (relative to the ``autograder`` package) that one module imports from it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = path.relative_to(PACKAGE_DIR).with_suffix("").parts
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: "here" ends with the module's own name (or __init__)
                base = list(here[: len(here) - node.level])
                prefix = base + (node.module.split(".") if node.module else [])
            elif node.module and (node.module == package or node.module.startswith(package + ".")):
                prefix = node.module.split(".")[1:]
            else:
                continue
            names.add(".".join(prefix))
            names.update(".".join(prefix + [alias.name]) for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(package + "."):
                    names.add(alias.name.split(".", 1)[1])
    return {n for n in names if n}


def _module_file(name: str) -> Path | None:
    candidate = PACKAGE_DIR.joinpath(*name.split("."))
    if candidate.with_suffix(".py").is_file():
        return candidate.with_suffix(".py")
    if (candidate / "__init__.py").is_file():
        return candidate / "__init__.py"
    return None  # a name imported from a module, not a module


def student_package_files() -> list[str]:
    """Paths, relative to the package, of every file the student package needs; sorted."""
    todo = list(ENTRY_MODULES)
    todo += [f"reporters.{p.stem}" for p in sorted((PACKAGE_DIR / "reporters").glob("*.py"))]
    seen: set[Path] = {PACKAGE_DIR / "__init__.py"}
    while todo:
        path = _module_file(todo.pop())
        if path is None or path in seen:
            continue
        seen.add(path)
        todo.extend(_imported_modules(path, "autograder"))
        # importing a subpackage's module runs the subpackage's __init__ too
        todo.extend(".".join(p.parts) for p in path.relative_to(PACKAGE_DIR).parents if p.parts)
    files = {p.relative_to(PACKAGE_DIR).as_posix() for p in seen}
    files.update(f for f in SUITE_FILES if (PACKAGE_DIR / f).is_file())
    files.update(p.relative_to(PACKAGE_DIR).as_posix()
                 for p in (PACKAGE_DIR / "suites" / "public").glob("*.py"))
    leaked = sorted(f for f in files if is_instructor_only(f))
    if leaked:
        raise ReleaseError(f"the student package would contain instructor-only files: {', '.join(leaked)}")
    return sorted(files)


def runtime_dependencies(root: Path) -> list[str]:
    """The package's own dependencies (no extras), from the checkout's pyproject.toml."""
    pyproject = Path(root) / "pyproject.toml"
    try:
        import tomllib

        return list(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"])
    except (ImportError, OSError, KeyError):  # Python 3.10 or an installed copy: read its metadata
        from importlib.metadata import requires

        return [r for r in requires("autograder") or [] if "extra ==" not in r]


def student_pyproject(root: Path) -> str:
    deps = "\n".join(f'    "{d}",' for d in runtime_dependencies(root))
    return (template("student_pyproject.toml").replace("{{VERSION}}", __version__)
            .replace("{{REQUIRES_PYTHON}}", ">=3.10").replace("{{DEPENDENCIES}}", deps))


def template(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _first_docstring_line(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def student_readme(exercises: list[Path], student_ci: str = "public") -> str:
    rows = "\n".join(f"| `{p.stem}` | {_first_docstring_line(p).replace('|', '/')} |" for p in exercises)
    hand_in = template(STUDENT_CI[student_ci][1])
    return template("student_README.md").replace("{{MODULES}}", rows).replace("{{HAND_IN}}", hand_in)


def _check_student_ci(student_ci: str) -> None:
    if student_ci not in STUDENT_CI:
        raise ReleaseError(f"--student-ci must be one of {', '.join(STUDENT_CI)}, not {student_ci!r}")


def _exercise_files(root: Path) -> list[Path]:
    from .curriculum import MODULES

    exercises = Path(root) / "exercises"
    solutions = Path(root) / "solutions"
    files = [exercises / f"{m}.py" for m in MODULES if (exercises / f"{m}.py").is_file()]
    if not files:
        raise ReleaseError(f"no exercise modules in {exercises}: run `autograder stubs` first")
    if solutions.is_dir():
        stale = stale_stubs(solutions, exercises)
        if stale:
            raise ReleaseError(f"exercises/ is out of date for {', '.join(stale)}: run `autograder stubs` first")
    return files


def release_files(root: Path, student_ci: str = "public") -> dict[str, bytes]:
    """Relative path -> content of every file of the student repository."""
    _check_student_ci(student_ci)
    root = Path(root)
    exercises = _exercise_files(root)
    files: dict[str, bytes] = {}
    for path in exercises:
        files[f"exercises/{path.name}"] = path.read_bytes()
    for name in (p for p in student_package_files() if p.startswith("suites/public/")):
        files[f"tests/{Path(name).name}"] = (PACKAGE_DIR / name).read_bytes()
    for name in student_package_files():
        files[f"autograder/{name}"] = (PACKAGE_DIR / name).read_bytes()
    files["README.md"] = student_readme(exercises, student_ci).encode("utf-8")
    files["pyproject.toml"] = student_pyproject(root).encode("utf-8")
    files[".gitignore"] = template("student_gitignore").encode("utf-8")
    files[".github/workflows/classroom.yml"] = template(STUDENT_CI[student_ci][0]).encode("utf-8")
    files.update(released_hints(root))
    marked = sorted(name for name, content in files.items() if has_marker_lines(content))
    if marked:  # the stub generator removes every region; this guards against a hand-made stub
        raise ReleaseError(f"solution or hidden-test regions in {', '.join(marked)}")
    return dict(sorted(files.items()))


def released_hints(root: Path) -> dict[str, bytes]:
    """The hints beside the solutions, encoded for the ``hint`` command (none when there are none)."""
    from .hints import RELEASED, SOURCE_DIR, encode_hints, read_hint_source

    source = Path(root) / SOURCE_DIR
    if not source.is_dir():
        return {}
    return {RELEASED.as_posix(): encode_hints(read_hint_source(source))}


_MARKER_LINE = re.compile(rb"^\s*###\s*(BEGIN|END)\s+(SOLUTION|HIDDEN TESTS)\s*$", re.MULTILINE)


def has_marker_lines(content: bytes) -> bool:
    """Whether ``content`` holds an nbgrader region marker on a line of its own."""
    return _MARKER_LINE.search(content) is not None


def write_tree(outdir: Path, files: dict[str, bytes], executable: tuple[str, ...] = ()) -> list[Path]:
    """Write ``files`` under ``outdir`` in sorted order with fixed modes (0644, 0755 for ``executable``)."""
    outdir = Path(outdir)
    busy = sorted(p.name for p in outdir.iterdir() if p.name != ".git") if outdir.is_dir() else []
    if busy:
        raise ReleaseError(f"{outdir} is not empty ({', '.join(busy[:5])}): give an empty or new folder")
    written = []
    for name, content in sorted(files.items()):
        target = outdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        target.chmod(0o755 if name in executable else 0o644)
        written.append(target)
    return written


def release(outdir: Path, root: Path | None = None, student_ci: str = "public") -> list[Path]:
    """Write the student repository made from the checkout at ``root`` (default: here) into ``outdir``."""
    return write_tree(Path(outdir), release_files(Path(root) if root else Path.cwd(), student_ci))


def cli_release(args) -> int:
    student_ci = getattr(args, "student_ci", "public")
    try:
        written = release(Path(args.outdir), student_ci=student_ci)
    except ReleaseError as exc:
        print(f"autograder release: {exc}", file=sys.stderr)
        return 2
    print(f"wrote the student template ({len(written)} files) to {args.outdir}")
    print("next: push it to a template repository and use it for the GitHub Classroom assignment")
    if student_ci == "public":
        print("the student workflow runs the public tests only: grade with `autograder sync-class` "
              "(see docs/instructor.md)")
    return 0
