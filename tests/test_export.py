"""Exports: the Gradescope bundle grades in a fake /autograder tree; nbgrader accepts the notebooks."""
from __future__ import annotations

import ast
import json
import stat
import subprocess
import sys
import textwrap
import zipfile

import pytest

from autograder.curriculum import MODULES
from autograder.instructor.export.gradescope import export_gradescope
from autograder.instructor.export.notebook_cases import HIDDEN
from autograder.instructor.release import has_marker_lines, is_instructor_only
from autograder.instructor.stubs import expected_stubs

from .conftest import ROOT
from .released_env import released_env, run

SOLVED = "numpy_basics"


# --- Gradescope ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    return export_gradescope(tmp_path_factory.mktemp("gradescope") / "autograder.zip", ROOT)


def test_gradescope_bundle_contents(bundle, tmp_path):
    with zipfile.ZipFile(bundle) as archive:
        infos = {i.filename: i for i in archive.infolist()}
        names = set(infos)
        for name in ("setup.sh", "run_autograder"):
            assert stat.S_IMODE(infos[name].external_attr >> 16) == 0o755
        hidden = {f"autograder/suites/hidden/{p.name}" for p in (ROOT / "autograder/suites/hidden").glob("test_*.py")}
        assert hidden and hidden <= names
        for name in names:
            assert not name.startswith(("solutions/", "exercises/")) and "/mutants/" not in name, name
            if name.startswith("autograder/") and not name.startswith("autograder/suites/hidden/"):
                assert not is_instructor_only(name.removeprefix("autograder/")), name
            assert not has_marker_lines(archive.read(name)), name
            assert infos[name].date_time == (1980, 1, 1, 0, 0, 0)
    again = export_gradescope(tmp_path / "again.zip", ROOT)
    assert again.read_bytes() == bundle.read_bytes()


def _unpack(bundle, root):
    source = root / "source"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(source)
    (source / "run_autograder").chmod(0o755)
    (root / "submission").mkdir()
    return source


def test_gradescope_run_autograder_grades_a_submission(bundle, tmp_path):
    root = tmp_path / "autograder"
    source = _unpack(bundle, root)
    # The full hidden suites run on a released package in test_workflows; the plumbing is tested here.
    for suite in (source / "autograder" / "suites" / "hidden").glob("test_*.py"):
        if suite.stem not in (f"test_{SOLVED}", "test_linear_algebra"):
            suite.unlink()
    for name, text in expected_stubs(ROOT / "solutions").items():
        (root / "submission" / name).write_text(text)
    (root / "submission" / f"{SOLVED}.py").write_text((ROOT / "solutions" / f"{SOLVED}.py").read_text())
    env = released_env(source, tmp_path, AUTOGRADER_ROOT=str(root), PYTHON=sys.executable)
    proc = run(["bash", str(source / "run_autograder")], cwd=tmp_path, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads((root / "results" / "results.json").read_text())
    solved = [t for t in data["tests"] if t["name"].startswith(f"{SOLVED}.")]
    assert solved and all(t["status"] == "passed" for t in solved)
    assert 0 < data["score"] < 100
    assert data["score"] == pytest.approx(sum(t["score"] for t in data["tests"]), abs=0.005)  # two decimals
    assert {t["visibility"] for t in data["tests"]} == {"after_due_date"}


def test_gradescope_run_autograder_explains_an_empty_submission(bundle, tmp_path):
    root = tmp_path / "autograder"
    source = _unpack(bundle, root)
    (root / "submission" / "notes.txt").write_text("forgot the code")
    env = released_env(source, tmp_path, AUTOGRADER_ROOT=str(root), PYTHON=sys.executable)
    proc = run(["bash", str(source / "run_autograder")], cwd=tmp_path, env=env, timeout=120)
    assert proc.returncode == 0
    data = json.loads((root / "results" / "results.json").read_text())
    assert data["score"] == 0 and "No exercise modules" in data["output"]


# --- nbgrader -----------------------------------------------------------------------------

ASSIGNMENT = "dl-fundamentals"
_RUN_CELLS = textwrap.dedent('''
    import json, sys, nbformat
    outcome = {}
    for path in sys.argv[1:]:
        namespace = {}
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            try:
                exec(compile(cell.source, cell.metadata["nbgrader"]["grade_id"], "exec"), namespace)
                result = "ok"
            except BaseException as exc:
                result = type(exc).__name__
            if cell.metadata["nbgrader"]["grade"]:
                outcome[path.rsplit("/", 1)[-1] + ":" + cell.metadata["nbgrader"]["grade_id"]] = result
    print(json.dumps(outcome))
''')


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    from autograder.instructor.export.nbgrader import export_nbgrader

    root = tmp_path_factory.mktemp("course")
    export_nbgrader(root, ROOT)
    return root


def _solution_modules():
    return [m for m in MODULES if (ROOT / "solutions" / f"{m}.py").is_file()]


def _run_cells(notebooks, tmp_path) -> dict[str, str]:
    proc = subprocess.run([sys.executable, "-c", _RUN_CELLS, *map(str, notebooks)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300,
                          env={"MPLBACKEND": "Agg", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def _points(module):
    tree = ast.parse((ROOT / "autograder" / "suites" / "hidden" / f"test_{module}.py").read_text())
    return next(ast.literal_eval(n.value) for n in tree.body
                if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "POINTS")


def test_nbgrader_layout_and_metadata(course):
    import nbformat

    assert (course / "nbgrader_config.py").is_file()
    notebooks = sorted((course / "source" / ASSIGNMENT).glob("*.ipynb"))
    assert [p.stem for p in notebooks] == sorted(_solution_modules())
    allowed = {"grade", "grade_id", "locked", "schema_version", "solution", "points", "task"}
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        cells = notebook.cells
        metas = [c.metadata["nbgrader"] for c in cells]
        assert all(set(m) <= allowed and m["schema_version"] == 3 for m in metas)
        assert cells[0].cell_type == "markdown" and metas[0]["locked"]
        graded = {m["grade_id"]: m["points"] for m in metas if m["grade"]}
        assert graded == {f"test_{f}": float(p) for f, p in _points(path.stem).items()}
        for cell, meta in zip(cells, metas):
            if meta["grade"]:
                assert meta["locked"] and "### BEGIN HIDDEN TESTS" in cell.source
            if meta["solution"]:
                assert "### BEGIN SOLUTION" in cell.source and not meta["locked"]


def test_every_exercise_has_hidden_notebook_examples():
    functions = {f"{m}.{f}" for m in MODULES for f in MODULES[m]}
    assert set(HIDDEN) == functions


def test_source_notebooks_pass_on_the_reference(course, tmp_path):
    outcome = _run_cells(sorted((course / "source" / ASSIGNMENT).glob("*.ipynb")), tmp_path)
    assert len(outcome) == sum(len(MODULES[m]) for m in _solution_modules())
    assert {k: v for k, v in outcome.items() if v != "ok"} == {}


def test_export_is_reproducible(course, tmp_path):
    from autograder.instructor.export.nbgrader import export_nbgrader

    export_nbgrader(tmp_path, ROOT)
    for path in (course / "source" / ASSIGNMENT).glob("*.ipynb"):
        assert (tmp_path / "source" / ASSIGNMENT / path.name).read_bytes() == path.read_bytes()


def test_nbgrader_generate_assignment_strips_solutions_and_hidden_tests(course, tmp_path):
    pytest.importorskip("nbgrader")
    env = {"PATH": f"{sys.executable.rsplit('/', 1)[0]}:/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT, "--no-db"],
                          cwd=course, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    released = sorted((course / "release" / ASSIGNMENT).glob("*.ipynb"))
    assert [p.stem for p in released] == sorted(_solution_modules())
    hidden_calls = [call for calls in HIDDEN.values() for call in calls]
    for path in released:
        text = path.read_text()
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
        assert "raise NotImplementedError()" in text
        assert not [call for call in hidden_calls if json.dumps(call)[1:-1] in text]
    # the released notebooks' tests all fail until the student writes the code
    outcome = _run_cells(released, tmp_path)
    assert outcome and set(outcome.values()) <= {"NotImplementedError", "AssertionError"}
