"""The student template: complete, reproducible, and free of anything students must not see."""
from __future__ import annotations

import ast
import re
import shutil
import sys

import pytest

from autograder.instructor.release import (ReleaseError, is_instructor_only, release, release_files,
                                student_package_files)

from .conftest import ROOT
from .released_env import released_env, run

PACKAGE = ROOT / "autograder"


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    out = tmp_path_factory.mktemp("student-template")
    release(out, root=ROOT)
    return out


def _files(folder):
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def _solution_lines() -> set[str]:
    """Distinctive lines of the reference solutions' marked regions (not shared with public code)."""
    lines = set()
    for path in (ROOT / "solutions").glob("*.py"):
        inside = False
        for line in path.read_text().splitlines():
            marker = line.strip()
            if marker in ("### BEGIN SOLUTION", "### END SOLUTION"):
                inside = marker == "### BEGIN SOLUTION"
            elif inside and len(marker) >= 25 and not marker.startswith("#"):
                lines.add(marker)
    public = "".join((PACKAGE / f).read_text() for f in student_package_files())
    return {line for line in lines if line not in public}


def _hidden_test_names() -> set[str]:
    names = set()
    for path in (PACKAGE / "suites" / "hidden").glob("test_*.py"):
        names |= {n.name for n in ast.parse(path.read_text()).body
                  if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}
    public = "".join(p.read_text() for p in (PACKAGE / "suites" / "public").glob("*.py"))
    return {n for n in names if not re.search(rf"\b{n}\b", public)}


def test_release_layout(released):
    files = _files(released)
    exercises = {f"exercises/{p.name}" for p in (ROOT / "exercises").glob("*.py")}
    public = {f"tests/{p.name}" for p in (PACKAGE / "suites" / "public").glob("test_*.py")}
    package = {f"autograder/{name}" for name in student_package_files()}
    extras = {"README.md", "pyproject.toml", ".gitignore", ".github/workflows/classroom.yml",
              ".autograder/hints.json"}
    assert set(files) == exercises | public | package | extras
    for name in exercises | package:
        source = ROOT / name
        assert files[name].read_bytes() == source.read_bytes(), f"{name} differs from {source}"
    assert (released / "autograder" / "suites" / "public").is_dir()
    readme = (released / "README.md").read_text()
    assert all(f"`{p.stem}`" in readme for p in (ROOT / "exercises").glob("*.py"))


def test_student_pyproject(released):
    tomllib = pytest.importorskip("tomllib")
    student = tomllib.loads((released / "pyproject.toml").read_text())
    ours = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert student["project"]["dependencies"] == ours["project"]["dependencies"]
    assert student["project"]["entry-points"]["pytest11"] == {"autograder": "autograder.plugin"}
    assert student["project"]["scripts"]["autograder"] == "autograder.cli:run"
    pytest_config = student["tool"]["pytest"]["ini_options"]
    assert pytest_config["testpaths"] == ["tests"]
    assert "-p no:cacheprovider" in pytest_config["addopts"]
    assert pytest_config["timeout"] > 0


def test_release_holds_no_solution_no_hidden_suite_no_instructor_file(released):
    solution_lines = _solution_lines()
    hidden_tests = _hidden_test_names()
    assert solution_lines and hidden_tests  # otherwise this test checks nothing
    for name, path in _files(released).items():
        text = path.read_text(encoding="utf-8")
        assert not (set(path.relative_to(released).parts) & {"hidden", "mutants", "solutions"}), name
        assert not is_instructor_only(name.removeprefix("autograder/")), name
        leaked = [line for line in solution_lines if line in text]
        assert not leaked, f"{name} holds solution code: {leaked[:3]}"
        names = [n for n in hidden_tests if re.search(rf"\b{n}\b", text)]
        assert not names, f"{name} mentions hidden tests: {names[:3]}"
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text, name


def test_release_is_reproducible(released, tmp_path):
    again = tmp_path / "again"
    release(again, root=ROOT)
    first, second = _files(released), _files(again)
    assert list(first) == list(second)
    for name in first:
        assert first[name].read_bytes() == second[name].read_bytes(), name
        assert first[name].stat().st_mode == second[name].stat().st_mode, name


def test_release_refuses_a_folder_in_use(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ReleaseError, match="not empty"):
        release(tmp_path, root=ROOT)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_release_refuses_stale_stubs(tmp_path):
    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    stub = next((tmp_path / "exercises").glob("*.py"))
    stub.write_text(stub.read_text() + "\n# edited by hand\n")
    with pytest.raises(ReleaseError, match="out of date"):
        release_files(tmp_path)


def test_released_pytest_fails_politely_on_stubs(tmp_path):
    out = tmp_path / "repo"
    release(out, root=ROOT)
    shutil.copy(ROOT / "solutions" / "numpy_basics.py", out / "exercises" / "numpy_basics.py")
    proc = run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly"], cwd=out,
               env=released_env(out, tmp_path))
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output[-3000:]
    summary = output.strip().splitlines()[-1]
    failed = int(re.search(r"(\d+) failed", summary).group(1))
    passed = int(re.search(r"(\d+) passed", summary).group(1))
    numpy_tests = (PACKAGE / "suites" / "public" / "test_numpy_basics.py").read_text().count("\ndef test_")
    assert passed >= numpy_tests > 0  # the solved module passes as it is
    # every failure is one short line naming the unwritten function, never a traceback
    reasons = re.findall(r"^_{3,} (test_\w+) _{3,}\n(.*)\n", output, re.MULTILINE)
    assert len(reasons) == failed
    assert all(re.fullmatch(r"\w+\.\w+ is not implemented yet \(exercises/\w+\.py:\d+\)", r) for _, r in reasons), reasons[:3]
    assert "Traceback" not in output and "numpy_basics" not in "".join(r for _, r in reasons)


@pytest.mark.parametrize("command", [["release", "x"], ["export", "gradescope", "x.zip"],
                                     ["sync-class", "--org", "o", "--prefix", "p", "--out", "x"]])
def test_instructor_commands_are_refused_in_the_student_package(released, tmp_path, command):
    proc = run([sys.executable, "-m", "autograder.cli", *command], cwd=tmp_path,
               env=released_env(released, tmp_path))
    assert proc.returncode == 2, proc.stderr
    assert "this command is for instructors" in proc.stderr
    assert "Traceback" not in proc.stderr
