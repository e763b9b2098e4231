"""Run a command against a released copy of the ``autograder`` package, and only that copy.

PYTHONPATH puts the copy first, but an editable install of this repository adds an import
hook that would still find any module the copy lacks; a ``sitecustomize`` removes that hook,
so a file missing from a release makes the command fail as it would for a student.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_FORGET_EDITABLE_INSTALLS = '''\
import sys
sys.meta_path[:] = [f for f in sys.meta_path if not getattr(f, "__module__", "").startswith("__editable__")]
sys.path_hooks[:] = [h for h in sys.path_hooks if not getattr(h, "__module__", "").startswith("__editable__")]
'''


def released_env(package_parent: Path, scratch: Path, **extra: str) -> dict[str, str]:
    """Environment whose Python imports ``autograder`` from ``package_parent`` only."""
    hook = Path(scratch) / "isolate-autograder"
    hook.mkdir(parents=True, exist_ok=True)
    (hook / "sitecustomize.py").write_text(_FORGET_EDITABLE_INSTALLS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "GITHUB_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(package_parent), str(hook)])
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update(extra)
    return env


def run(args, *, cwd: Path, env: dict[str, str], timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
