"""Shared fixtures of the repository's own tests: where things are."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


def load_module(path: Path, name: str | None = None):
    """Import a solutions/ or exercises/ file under a private name (they are not a package)."""
    import importlib.util

    name = name or f"_{path.parent.name}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def solutions():
    """module name -> imported reference solution module."""
    from autograder.curriculum import MODULES

    return {m: load_module(ROOT / "solutions" / f"{m}.py") for m in MODULES}
