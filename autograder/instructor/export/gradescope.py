"""The Gradescope autograder bundle: setup.sh and run_autograder at the zip root, the grader beside them.

The grader is the student part of the package (all but its instructor folders) plus the hidden suites; no
solutions, no mutants, no instructor commands. The zip is reproducible: sorted entries,
a fixed date and fixed permissions.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ...errors import ExportError
from ..release import PACKAGE_DIR, TEMPLATES, student_package_files, student_pyproject

EXECUTABLE = ("run_autograder", "setup.sh")
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no build time leaks in


def bundle_files(root: Path) -> dict[str, bytes]:
    """Zip path -> content of every file in the bundle."""
    hidden = sorted((PACKAGE_DIR / "suites" / "hidden").glob("test_*.py"))
    if not hidden:
        raise ExportError(f"no hidden suites in {PACKAGE_DIR / 'suites' / 'hidden'}")
    files = {f"autograder/{name}": (PACKAGE_DIR / name).read_bytes() for name in student_package_files()}
    files.update({f"autograder/suites/hidden/{p.name}": p.read_bytes() for p in hidden})
    files["pyproject.toml"] = student_pyproject(root).encode("utf-8")
    for name in EXECUTABLE:
        files[name] = (TEMPLATES / "gradescope" / name).read_bytes()
    return dict(sorted(files.items()))


def write_zip(destination: Path, files: dict[str, bytes]) -> Path:
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            mode = 0o755 if name in EXECUTABLE else 0o644
            info.external_attr = (0o100000 | mode) << 16  # a regular file with these permissions
            archive.writestr(info, content)
    return destination


def export_gradescope(destination: Path, root: Path) -> Path:
    """Write the bundle for the checkout at ``root`` to ``destination`` (a .zip file)."""
    if Path(destination).suffix != ".zip":
        raise ExportError(f"the Gradescope bundle is a .zip file, got {destination}")
    return write_zip(destination, bundle_files(root))
