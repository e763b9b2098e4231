"""Where the package and the checkout around it are: the one place that derives them from ``__file__``.

Modules move between subpackages; a path computed from each module's own file would change
with every move, so every module asks here instead.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SUITES_DIR = PACKAGE_DIR / "suites"
TEMPLATES = PACKAGE_DIR / "instructor" / "templates"
# The folder holding the package: a source checkout's root (with solutions/ and exercises/),
# or site-packages for an installed copy.
PACKAGE_PARENT = PACKAGE_DIR.parent
REPO_ROOT = PACKAGE_PARENT


def is_source_checkout() -> bool:
    """Whether the package runs from a checkout (not from site-packages)."""
    return PACKAGE_PARENT.name not in ("site-packages", "dist-packages")
