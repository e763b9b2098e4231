"""Write the student template repository: stubs, public tests, the grader students may have, a workflow.

What ships of the ``autograder`` package is the whole package except its instructor folders
(``instructor/``, the hidden suites and the mutants): the package is laid out by who runs
it, so no list of modules and no import walk decides what a student gets. The output depends only
on its inputs: files are written in sorted order, with fixed modes and no timestamps.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from .. import __version__
from ..errors import ReleaseError
from ..paths import PACKAGE_DIR, TEMPLATES
from .stubs import stale_stubs


# Folders of the package a student never gets; everything else is the student part, copied whole.
INSTRUCTOR_DIRS = ("instructor", "suites/hidden", "suites/mutants")
# What the student's own workflow runs. ``public``: the public suite only, an estimate for
# GitHub Classroom; the grade is posted by ``sync-class`` from the instructor's side.
# ``hidden``: the workflow fetches the hidden suites with a token, so Classroom holds the
# hidden score, and a student who edits the workflow can read them (see docs/security.md).
STUDENT_CI = {"public": ("classroom_public.yml", "hand_in_public.md"),
              "hidden": ("classroom.yml", "hand_in_hidden.md")}


def is_instructor_only(path: str) -> bool:
    """Whether a package-relative path lies in an instructor-only folder."""
    return any(path == d or path.startswith(d + "/") for d in INSTRUCTOR_DIRS)


def student_package_files() -> list[str]:
    """Paths, relative to the package, of the student part: the package minus INSTRUCTOR_DIRS; sorted."""
    files = []
    for path in PACKAGE_DIR.rglob("*"):
        name = path.relative_to(PACKAGE_DIR).as_posix()
        if path.is_file() and "__pycache__" not in path.parts and not is_instructor_only(name):
            files.append(name)
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
    from ..curriculum import MODULES

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
    from ..hints import RELEASED, SOURCE_DIR, encode_hints, read_hint_source

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
