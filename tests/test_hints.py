"""Levels and hints: one valid level and 1-3 hints per exercise, no hint that holds solving code,
``autograder hint`` in a released template, the hints columns of the class gradebook, and a
course map that names every exercise.

The per-exercise checks are parametrised by the contract (``MODULES``, and the tables of
CURRICULUM.md when a copy of it is found), so an exercise that lacks its level or hints
shows up as its own failing test.
"""
from __future__ import annotations

import ast
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.curriculum import all_functions
from autograder.hints import (LEVELS, MAX_HINTS, RELEASED, SOURCE_DIR, USED, decode_hints,
                              hints_used, level_lines, level_of, read_hint_source, suggestions)
from autograder.release import release

from .conftest import ROOT
from .released_env import released_env, run

HINTS = read_hint_source(ROOT / SOURCE_DIR)


def _contract_file() -> Path | None:
    """CURRICULUM.md: named by $AUTOGRADER_CURRICULUM, or a copy at the top or in docs/."""
    candidates = [os.environ.get("AUTOGRADER_CURRICULUM"), ROOT / "CURRICULUM.md",
                  ROOT / "docs" / "CURRICULUM.md"]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


def contract_functions(text: str) -> list[str]:
    """``module.function`` of every row of the contract's function tables, in order."""
    found, module = [], None
    for line in text.splitlines():
        heading = re.match(r"^##\s+\d+\.\s+`(\w+)`", line)
        if heading:
            module = heading.group(1)
            continue
        row = re.match(r"^\|\s*(`.*?)\s*\|", line)
        if module and row:  # a cell may name two functions: `relu(z) -> ...`, `relu_grad(z) -> ...`
            found += [f"{module}.{name}" for name in re.findall(r"`(\w+)\(", row.group(1))]
    return list(dict.fromkeys(found))


_CONTRACT = _contract_file()
CONTRACT = contract_functions(_CONTRACT.read_text(encoding="utf-8")) if _CONTRACT else []
EXERCISES = list(dict.fromkeys(all_functions() + CONTRACT))


def test_contract_tables_are_parsed():
    sample = ("## 8. `optimization` — derivatives\n| function | semantics |\n|---|---|\n"
              "| `derivative(f, x, h=1e-5) -> float` | central difference |\n"
              "| `relu(z) -> ndarray`, `relu_grad(z) -> ndarray` | element-wise |\n")
    assert contract_functions(sample) == ["optimization.derivative", "optimization.relu",
                                          "optimization.relu_grad"]
    if CONTRACT:  # the real contract lists at least what the code already has
        assert set(all_functions()) <= set(CONTRACT)


def _docstring_levels(dotted: str, folder: str) -> list[str]:
    module, name = dotted.split(".")
    path = ROOT / folder / f"{module}.py"
    assert path.is_file(), f"{folder}/{module}.py does not exist"
    lines = level_lines(path)
    assert name in lines, f"{folder}/{module}.py has no function {name}"
    return lines[name]


@pytest.mark.parametrize("dotted", EXERCISES)
def test_exactly_one_valid_level_in_solution_and_stub(dotted):
    for folder in ("solutions", "exercises"):
        found = _docstring_levels(dotted, folder)
        assert len(found) == 1 and found[0] in LEVELS, \
            f"{folder}: {dotted} needs exactly one docstring line 'Level: ★', '★★' or '★★★', found {found}"


@pytest.mark.parametrize("dotted", EXERCISES)
def test_one_to_three_hints(dotted):
    hints = HINTS.get(dotted)
    assert hints is not None, f"no hints for {dotted} in solutions/hints/{dotted.split('.')[0]}.json"
    assert 1 <= len(hints) <= MAX_HINTS, f"{dotted} has {len(hints)} hints"
    assert all(h.strip() for h in hints) and len(set(hints)) == len(hints)


def test_every_hint_belongs_to_an_exercise():
    assert sorted(set(HINTS) - set(EXERCISES)) == []


# --- no hint holds solving code -----------------------------------------------------------

class _Anonymous(ast.NodeTransformer):
    """Forget names and load/store contexts: ``return b[::2]`` and ``return x[::2]`` are one statement."""

    def visit_Name(self, node):
        return ast.Name(id="_")

    def visit_arg(self, node):
        return ast.arg(arg="_")

    def generic_visit(self, node):
        super().generic_visit(node)
        if hasattr(node, "ctx"):
            node.ctx = ast.Load()
        return node


def _shape(node: ast.AST) -> str:
    import copy

    return ast.dump(_Anonymous().visit(copy.deepcopy(node)), annotate_fields=False)


MIN_EXPRESSION_NODES = 6


def _trivial(node: ast.AST) -> bool:
    """An expression this small (``ddof``, ``np.inf``, ``2**n``, ``g(x)``) is notation, not solving code."""
    size = sum(not isinstance(n, ast.expr_context) for n in ast.walk(node))
    return size < MIN_EXPRESSION_NODES


def solution_shapes(dotted: str) -> set[str]:
    """Every statement of the solution region, and every value it returns, assigns or evaluates."""
    module, name = dotted.split(".")
    tree = ast.parse((ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8"))
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    shapes = set()
    for node in ast.walk(ast.Module(body=function.body[1:], type_ignores=[])):  # [0] is the docstring
        if isinstance(node, ast.stmt):
            shapes.add(_shape(node))
        if isinstance(node, (ast.Return, ast.Assign, ast.AugAssign, ast.Expr)) and node.value is not None:
            if not _trivial(node.value):
                shapes.add(_shape(ast.Expr(value=node.value)))
    return shapes


def code_fragments(hint: str) -> list[str]:
    """Every piece of a hint that could be code: backtick spans, and every run of whole words of a line."""
    pieces = re.findall(r"`([^`]+)`", hint)
    for line in hint.splitlines():
        words = line.replace("`", " ").split()
        pieces += [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]
    return list(dict.fromkeys(p.strip().rstrip(".,;:") for p in pieces if p.strip()))


def solving_fragments(dotted: str, hint: str) -> list[str]:
    shapes = solution_shapes(dotted)
    bad = []
    for fragment in code_fragments(hint):
        try:
            statements = ast.parse(fragment).body
        except SyntaxError:
            continue
        for statement in statements:
            if isinstance(statement, ast.Expr) and _trivial(statement.value):
                continue
            if _shape(statement) in shapes:
                bad.append(fragment)
    return bad


def test_the_solving_code_check_catches_solving_code():
    assert solving_fragments("numpy_basics.every_other", "Just write `return b[::2]`.")
    assert solving_fragments("numpy_basics.every_other", "the key idea: return x[::2]")
    assert solving_fragments("pca_svd.covariance", "`centered.T @ centered / (n - 1)`")
    assert solving_fragments("optimization.relu_grad", "Use np.asarray(z > 0, dtype=np.float64) here")
    assert solving_fragments("linear_algebra.matmul", "`for k in range(K): C[i, j] += A[i, k] * B[k, j]`")
    assert solving_fragments("linear_algebra.matmul", "write C[i, j] += A[i, k] * B[k, j] in a loop")
    assert not solving_fragments("numpy_basics.every_other", "Use a step of 2 and keep `b`, `np.inf`.")
    assert not solving_fragments("optimization.chain_rule", "Multiply f' at g(x) by g' at x.")


@pytest.mark.parametrize("dotted", sorted(HINTS))
def test_no_hint_compiles_to_the_solution(dotted):
    module, name = dotted.split(".")
    if name not in level_lines(ROOT / "solutions" / f"{module}.py"):
        pytest.fail(f"{dotted} has hints but no solution to check them against")
    for hint in HINTS[dotted]:
        assert not solving_fragments(dotted, hint), f"{dotted}: the hint {hint!r} holds solution code"


# --- levels, read without running anything --------------------------------------------------

def test_levels_are_read_without_importing(tmp_path):
    module = tmp_path / "hostile.py"
    module.write_text('import os\nos._exit(3)\n\ndef f():\n    """Do it.\n\n    Level: ★★\n    """\n\n'
                      'def g():\n    """Two levels.\n\n    Level: ★\n    Level: ★★★\n    """\n\n'
                      'def h():\n    """A bad one.\n\n    Level: 4\n    """\n', encoding="utf-8")
    assert level_lines(module) == {"f": ["★★"], "g": ["★", "★★★"], "h": ["4"]}
    assert level_of("hostile.f", [tmp_path]) == "★★"
    assert level_of("hostile.g", [tmp_path]) == level_of("hostile.h", [tmp_path]) == ""


def test_score_table_shows_each_level():
    from autograder.reporters import render
    from autograder.results import GradeResult, TestResult

    chosen = ["numpy_basics.describe", "t_tests.t_test", "linear_algebra.lp_norm"]
    result = GradeResult([TestResult(f"test_{d.split('.')[1]}", d.split(".")[0], d, 1.0, 1.0, "passed")
                          for d in chosen])
    text = render(result, "table")
    for dotted in chosen:
        level = _docstring_levels(dotted, "solutions")[0]
        row = next(line for line in text.splitlines() if f" {dotted.split('.')[1]} " in line)
        assert re.search(rf"[│|]\s*{level}\s*[│|]", row), row


# --- the hint command in a released template ------------------------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory):
    out = tmp_path_factory.mktemp("hint-template")
    release(out, root=ROOT)
    return out


def _hint(repo: Path, scratch: Path, name: str, cwd: Path | None = None):
    return run([sys.executable, "-m", "autograder.cli", "hint", name], cwd=cwd or repo,
               env=released_env(repo, scratch), timeout=60)


def test_released_hints_are_encoded_and_complete(template):
    content = (template / RELEASED).read_bytes()
    assert decode_hints(content) == HINTS
    text = content.decode("utf-8")
    assert not [h for hints in HINTS.values() for h in hints if h in text]  # no spoiler on open


def test_hint_command_shows_hints_in_order_and_counts_them(template, tmp_path):
    repo = tmp_path / "student"
    shutil.copytree(template, repo)
    name = "linear_algebra.lp_norm"
    expected = HINTS[name]
    for number, hint in enumerate(expected, 1):
        # each run is a fresh process, from a sub-folder: the count lives in the repository
        proc = _hint(repo, tmp_path, name, cwd=repo / "exercises")
        assert proc.returncode == 0, proc.stderr
        assert f"hint {number} of {len(expected)}" in proc.stdout and hint in proc.stdout
        assert not [h for h in expected if h != hint and h in proc.stdout]
        assert json.loads((repo / USED).read_text()) == {name: number}
    again = _hint(repo, tmp_path, name)
    assert again.returncode == 0 and "no more hints" in again.stdout
    assert json.loads((repo / USED).read_text()) == {name: len(expected)}
    other = _hint(repo, tmp_path, "numpy_basics.describe")
    assert HINTS["numpy_basics.describe"][0] in other.stdout
    assert json.loads((repo / USED).read_text()) == {name: len(expected), "numpy_basics.describe": 1}


@pytest.mark.parametrize("asked, suggested", [("lp_norm", "linear_algebra.lp_norm"),
                                               ("linear_algebra.lp_nrom", "linear_algebra.lp_norm"),
                                               ("numpy.top_left", "numpy_basics.top_left")])
def test_hint_for_an_unknown_exercise_suggests_close_names(template, tmp_path, asked, suggested):
    repo = tmp_path / "student"
    shutil.copytree(template, repo)
    proc = _hint(repo, tmp_path, asked)
    assert proc.returncode == 2 and f"no exercise named '{asked}'" in proc.stderr
    assert suggested in proc.stderr and "Traceback" not in proc.stderr
    assert not (repo / USED).exists()


def test_hint_outside_a_repository_is_a_clear_error(template, tmp_path):
    proc = run([sys.executable, "-m", "autograder.cli", "hint", "numpy_basics.describe"], cwd=tmp_path,
               env=released_env(template, tmp_path), timeout=60)
    assert proc.returncode == 2 and "no exercises/ folder" in proc.stderr


def test_a_damaged_hints_file_is_a_clear_error(template, tmp_path):
    repo = tmp_path / "student"
    shutil.copytree(template, repo)
    (repo / RELEASED).write_text('{"encoding": "base64", "hints": {"numpy_basics.describe": ["%%%"]}}')
    proc = _hint(repo, tmp_path, "numpy_basics.describe")
    assert proc.returncode == 2 and "is damaged" in proc.stderr and "Traceback" not in proc.stderr


def test_suggestions_without_a_close_name():
    assert suggestions("zzz.qqq", HINTS) == []


def test_the_count_file_is_committed_not_ignored(template, tmp_path):
    repo = tmp_path / "student"
    shutil.copytree(template, repo)
    assert _hint(repo, tmp_path, "numpy_basics.describe").returncode == 0
    git = ["git", "-c", "user.name=s", "-c", "user.email=s@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    ignored = subprocess.run([*git, "check-ignore", "-q", USED.as_posix()], cwd=repo)
    assert ignored.returncode == 1  # 1: not ignored
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    tracked = subprocess.run([*git, "ls-files"], cwd=repo, capture_output=True, text=True, check=True)
    assert USED.as_posix() in tracked.stdout.splitlines()


def test_asking_for_hints_is_not_tampering(template, tmp_path):
    from autograder.batch.tamper import tamper_paths

    repo = tmp_path / "student"
    shutil.copytree(template, repo)
    assert _hint(repo, tmp_path, "numpy_basics.describe").returncode == 0
    assert (repo / USED).is_file() and tamper_paths(repo, template) == []


# --- the gradebook -------------------------------------------------------------------------

def test_hints_used_reads_only_a_sane_count_file(tmp_path):
    assert hints_used(tmp_path) is None
    (tmp_path / ".autograder").mkdir()
    path = tmp_path / USED
    path.write_text(json.dumps({"linear_algebra.lp_norm": 2, "numpy_basics.describe": 99,
                                "no.such": 1, "t_tests.t_test": "3", "pca_svd.pca": -1,
                                "probability.bayes": True}))
    assert hints_used(tmp_path) == {"linear_algebra.lp_norm": 2, "numpy_basics.describe": MAX_HINTS}
    path.write_text("{not json")
    assert hints_used(tmp_path) == {}
    path.unlink()
    secret = tmp_path / "elsewhere.json"
    secret.write_text(json.dumps({"linear_algebra.lp_norm": 1}))
    path.symlink_to(secret)
    assert hints_used(tmp_path) is None  # a symlink is not followed
    path.unlink()
    os.mkfifo(path)
    assert hints_used(tmp_path) is None  # and a FIFO does not block the grader


@pytest.mark.slow
def test_grade_class_gradebook_has_hint_columns(template, tmp_path):
    """A real class run (one small public suite) over three repositories made from the template."""
    suite = tmp_path / "suite"
    suite.mkdir()
    shutil.copyfile(ROOT / "autograder" / "suites" / "public" / "test_numpy_basics.py",
                    suite / "test_numpy_basics.py")
    klass = tmp_path / "class"
    asked = {"ada": ["linear_algebra.lp_norm"] * 2 + ["numpy_basics.describe"], "bob": [], "cy": ["pca_svd.pca"]}
    for student, names in asked.items():
        shutil.copytree(template, klass / student)
        for name in names:
            assert _hint(klass / student, tmp_path, name).returncode == 0
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "autograder.cli", "grade-class", str(klass), "--out", str(out),
                           "--suite", str(suite), "--jobs", "1", "--timeout", "5"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert {s: rows[s]["hints_used"] for s in asked} == {"ada": "3", "bob": "0", "cy": "1"}
    per_exercise = list(csv.reader(io.StringIO((out / "hints.csv").read_text(encoding="utf-8"))))
    assert per_exercise[0] == ["student", "hints_used", "numpy_basics.describe", "linear_algebra.lp_norm",
                               "pca_svd.pca"]
    assert per_exercise[1:] == [["ada", "3", "1", "2", "0"], ["bob", "0", "0", "0", "0"],
                                ["cy", "1", "0", "0", "1"]]
    book = json.loads((out / "gradebook.json").read_text(encoding="utf-8"))
    assert {s["student"]: s["hints"] for s in book["students"]} == {
        "ada": {"linear_algebra.lp_norm": 2, "numpy_basics.describe": 1}, "bob": {}, "cy": {"pca_svd.pca": 1}}


# --- the course map ------------------------------------------------------------------------

COURSE_MAP = (ROOT / "docs" / "course-map.md").read_text(encoding="utf-8")
_MAPPED = re.findall(r"`(\w+)\.(\w+)`(?: (★+))?", COURSE_MAP)


@pytest.mark.parametrize("dotted", EXERCISES)
def test_course_map_names_every_exercise(dotted):
    assert f"`{dotted}`" in COURSE_MAP, f"docs/course-map.md does not map {dotted} to the course text"


def test_course_map_names_only_exercises_with_their_own_levels():
    modules = {d.split(".")[0] for d in EXERCISES}
    named = [(f"{m}.{f}", level) for m, f, level in _MAPPED if m in modules]
    unknown = sorted({d for d, _ in named if d not in EXERCISES})
    assert named and not unknown, f"docs/course-map.md names exercises the contract lacks: {unknown}"
    wrong = [(d, level, level_of(d, [ROOT / "solutions"])) for d, level in named
             if level and level_of(d, [ROOT / "solutions"]) not in ("", level)]
    assert not wrong, f"levels in docs/course-map.md that differ from the docstrings: {wrong}"


def test_course_map_covers_every_code_block_of_the_text():
    rows = re.findall(r"^\| (\d+) \|", COURSE_MAP, re.MULTILINE)
    assert sorted({int(n) for n in rows}) == list(range(1, 18))  # the text has 17 code blocks
