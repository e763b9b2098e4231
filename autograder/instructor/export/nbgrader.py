"""nbgrader notebooks from solutions/: one per module, in ``OUTDIR/source/<assignment>/``.

Each exercise becomes a solution cell (the function with its ``### BEGIN SOLUTION``
region, which nbgrader replaces by a stub) followed by a locked, autograded test cell
worth the hidden suite's points. The tests run in the student's kernel, not in our
sandbox, so they are plain asserts: the docstring's doctest examples (visible) and the
examples of ``notebook_cases`` (inside ``### BEGIN HIDDEN TESTS``), whose expected values
are computed here with the reference solution.
"""
from __future__ import annotations

import ast
import doctest
import importlib.util
import math
import re
import warnings
from pathlib import Path

from ...curriculum import MODULES
from ...errors import ExportError
from ..release import PACKAGE_DIR, template
from .notebook_cases import HIDDEN

ASSIGNMENT = "dl-fundamentals"
SCHEMA_VERSION = 3
_EXPECTED_ERRORS = (ValueError, IndexError)  # what a contract promises to raise
_KERNEL = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
           "language_info": {"name": "python"}}


def _meta(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    data = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION,
            "solution": solution}
    if grade:
        data["points"] = points
    return {"nbgrader": data}


def _markdown(text: str) -> str:
    """Docstring reStructuredText literals as Markdown code."""
    return text.replace("``", "`")


def _literal(value, where: str) -> str:
    """Python source for a plain-data answer (arrays become lists, NumPy scalars Python ones)."""
    import numpy as np

    if isinstance(value, np.ndarray):
        return _literal(value.tolist(), where)
    if isinstance(value, np.generic):
        return _literal(value.item(), where)
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        items = [_literal(v, where) for v in value]
        if isinstance(value, tuple):
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
        return "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k, where)}: {_literal(v, where)}" for k, v in value.items()) + "}"
    raise ExportError(f"{where} returns a {type(value).__name__}; reduce it to plain data")


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def expect_value(expression: str, expected: str) -> list[str]:
    message = _short(f"{expression} should be {expected}")
    return [f"assert _close({expression}, {expected}), {message!r}"]


def expect_raise(expression: str, error: str) -> list[str]:
    return ["try:", f"    {expression}", f"except {error}:", "    pass", "else:",
            f"    raise AssertionError({_short(f'{expression} should raise {error}')!r})"]


def doctest_asserts(docstring: str, function: str) -> list[str]:
    """The docstring's examples as asserts (statements without output are kept as they are)."""
    lines = []
    for example in doctest.DocTestParser().get_examples(docstring or "", function):
        tree = ast.parse(example.source)
        source = ast.unparse(tree)  # drops comments such as doctest directives
        want = example.want.strip()
        printed = _printed_arguments(tree)
        if printed is not None and want:  # doctest compares the printed text, so do we
            text = " ".join(want.split())
            shown = f"' '.join(str(x) for x in ({printed},))"
            lines.append(f"assert ' '.join({shown}.split()) == {text!r}, "
                         f"{_short(f'{source} should print {text}')!r}")
        elif example.exc_msg is not None:
            error = re.search(r"^(\w+(?:\.\w+)*):", want.splitlines()[-1], re.MULTILINE)
            lines += expect_raise(source, error.group(1).rsplit(".", 1)[-1] if error else "Exception")
        elif not want:
            lines.append(source)
        else:
            try:
                ast.literal_eval(" ".join(want.split()))
                lines += expect_value(source, " ".join(want.split()))
            except (ValueError, SyntaxError):  # not a literal: compare what doctest compares
                lines.append(f"assert repr({source}) == {want!r}, {_short(f'{source} should show {want}')!r}")
    return lines


def _printed_arguments(tree: ast.Module) -> str | None:
    """The arguments of a lone ``print(...)`` call, as source; None for anything else."""
    if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
        call = tree.body[0].value
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "print" and not call.keywords:
            return ", ".join(ast.unparse(a) for a in call.args)
    return None


def hidden_asserts(function: str, namespace: dict) -> list[str]:
    """``notebook_cases`` for one exercise, with values from the reference solution."""
    lines = []
    for expression in HIDDEN.get(function, ()):
        where = f"notebook case {expression!r} of {function}"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = eval(expression, dict(namespace))  # noqa: S307 - instructor's own examples
        except _EXPECTED_ERRORS as exc:
            lines += expect_raise(expression, type(exc).__name__)
            continue
        except Exception as exc:  # noqa: BLE001 - a broken case must name itself
            raise ExportError(f"{where} fails on the reference solution: {type(exc).__name__}: {exc}") from exc
        lines += expect_value(expression, _literal(value, where))
    return lines


def suite_points(module: str) -> dict[str, float]:
    """``POINTS`` of the module's hidden suite, read without importing it."""
    path = PACKAGE_DIR / "suites" / "hidden" / f"test_{module}.py"
    if not path.is_file():
        return {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "POINTS" for t in node.targets):
            return {k: float(v) for k, v in ast.literal_eval(node.value).items()}
    return {}


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(f"_reference_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _segments(source: str) -> tuple[str, list[tuple[str | None, str]]]:
    """The module docstring, and its top-level code cut into ``(function name or None, source)``."""
    tree = ast.parse(source)
    lines = source.splitlines()
    body = tree.body
    docstring = ast.get_docstring(tree) or ""
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
        body = body[1:]
    starts = [min([n.lineno] + [d.lineno for d in getattr(n, "decorator_list", [])]) for n in body]
    segments = []
    for i, node in enumerate(body):
        end = starts[i + 1] - 1 if i + 1 < len(body) else len(lines)
        text = "\n".join(lines[starts[i] - 1:end]).strip("\n")
        name = node.name if isinstance(node, ast.FunctionDef) else None
        if name is None and segments and segments[-1][0] is None:
            segments[-1] = (None, segments[-1][1] + "\n" + text)  # imports and constants: one cell
        else:
            segments.append((name, text))
    return docstring, segments


def module_notebook(path: Path):
    """The nbgrader source notebook for one solution module."""
    import nbformat
    import nbformat.v4 as nbf

    module = path.stem
    exercises = MODULES.get(module, ())
    points = suite_points(module)
    namespace = vars(_load(path))
    docstring, segments = _segments(path.read_text(encoding="utf-8"))
    title, _, rest = docstring.partition("\n")
    cells = [
        nbf.new_markdown_cell(
            f"# `{module}`: {_markdown(title)}\n\n{_markdown(rest.strip())}\n\n"
            "Replace each `YOUR CODE HERE` with your implementation, then run the test cell below "
            "it. Hidden tests check the same contracts on more inputs when the notebook is graded.",
            metadata=_meta("intro", locked=True)),
        nbf.new_code_cell(template("nbgrader_checks.py").strip(), metadata=_meta("checks", locked=True)),
    ]
    for index, (name, text) in enumerate(segments):
        if name in exercises:
            function = getattr(namespace[name], "__doc__", "") or ""
            worth = points.get(name, 1.0)
            tests = [f"# Tests of {name}: {worth:g} point{'' if worth == 1 else 's'}"]
            tests += doctest_asserts(function, name)
            hidden = hidden_asserts(f"{module}.{name}", namespace)
            if hidden:
                tests += ["### BEGIN HIDDEN TESTS", *hidden, "### END HIDDEN TESTS"]
            cells += [
                nbf.new_markdown_cell(f"## `{name}`", metadata=_meta(f"{name}-title", locked=True)),
                nbf.new_code_cell(text, metadata=_meta(name, solution=True)),
                nbf.new_code_cell("\n".join(tests), metadata=_meta(
                    f"test_{name}", grade=True, locked=True, points=worth)),
            ]
        else:
            solution = "### BEGIN SOLUTION" in text
            cells.append(nbf.new_code_cell(text, metadata=_meta(
                f"code-{index}", solution=solution, locked=not solution)))
    for number, cell in enumerate(cells):  # stable ids: the same solutions give the same bytes
        cell["id"] = cell.metadata["nbgrader"]["grade_id"] or f"cell-{number}"
    notebook = nbf.new_notebook(cells=cells, metadata=_KERNEL)
    nbformat.validate(notebook)
    return notebook


def export_nbgrader(outdir: Path, root: Path) -> list[Path]:
    """Write ``OUTDIR/nbgrader_config.py`` and one source notebook per solution module."""
    import nbformat

    solutions = Path(root) / "solutions"
    paths = [solutions / f"{m}.py" for m in MODULES if (solutions / f"{m}.py").is_file()]
    if not paths:
        raise ExportError(f"no solution modules in {solutions}")
    target = Path(outdir) / "source" / ASSIGNMENT
    target.mkdir(parents=True, exist_ok=True)
    (Path(outdir) / "nbgrader_config.py").write_text(template("nbgrader_config.py"), encoding="utf-8")
    written = []
    for path in paths:
        notebook_path = target / f"{path.stem}.ipynb"
        notebook_path.write_text(nbformat.writes(module_notebook(path)) + "\n", encoding="utf-8")
        written.append(notebook_path)
    return written
