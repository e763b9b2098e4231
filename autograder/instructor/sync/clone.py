"""Fetch the commits to grade, with the token in an HTTP header that lives only in git's environment.

The token never appears in a URL, in git's argv, in a config file or in a log: git reads
``http.extraHeader`` from ``GIT_CONFIG_*`` variables (git 2.31 and later), and every line
of git's output that we keep passes through ``redact`` first.
"""
from __future__ import annotations

import base64
import io
import os
import subprocess
import tarfile
from pathlib import Path

GIT_TIMEOUT_S = 300


class CloneError(Exception):
    """A repository or commit could not be fetched (message already redacted)."""


def auth_header(token: str) -> str:
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode("ascii")
    return f"Authorization: Basic {basic}"


def redact(text: str, token: str) -> str:
    """``text`` without the token, raw or inside its Basic header."""
    if not token:
        return text
    for secret in (token, auth_header(token).split(" ", 2)[2]):
        text = text.replace(secret, "***")
    return text


def git_env(token: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("GIT_") and k not in ("GITHUB_TOKEN", "GH_TOKEN")}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_ASKPASS="true", GIT_CONFIG_NOSYSTEM="1",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_COUNT="2",
               GIT_CONFIG_KEY_0="http.extraHeader", GIT_CONFIG_VALUE_0=auth_header(token),
               GIT_CONFIG_KEY_1="credential.helper", GIT_CONFIG_VALUE_1="")
    return env


def _git(args: list[str], token: str, cwd: Path | None = None, stdout=subprocess.PIPE) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, env=git_env(token), stdout=stdout,
                              stderr=subprocess.PIPE, timeout=GIT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise CloneError(f"git {args[0]} took more than {GIT_TIMEOUT_S} s") from None
    if proc.returncode:
        message = redact(proc.stderr.decode("utf-8", "replace"), token).strip().splitlines()
        raise CloneError(f"git {args[0]} failed: {' / '.join(message[-3:]) or proc.returncode}")
    return proc.stdout or b""


def fetch(clone_url: str, dest: Path, refs: dict[str, str], token: str) -> None:
    """A bare repository at ``dest`` holding ``refs`` (remote ref -> the commit expected there).

    Refs are fetched by name, which every git server serves (a commit by id is not).
    """
    dest = Path(dest)
    if not (dest / "HEAD").is_file():
        _git(["init", "--quiet", "--bare", str(dest)], token)
    refspecs = [f"+{ref}:refs/grade/{i}" for i, ref in enumerate(sorted(refs))]
    _git(["fetch", "--quiet", "--no-tags", clone_url, *refspecs], token, cwd=dest)
    for sha in set(refs.values()):
        try:
            _git(["cat-file", "-e", f"{sha}^{{commit}}"], token, cwd=dest)
        except CloneError:
            raise CloneError(f"commit {sha[:12]} was not fetched (the branch moved meanwhile?)") from None


def export(repo: Path, sha: str, dest: Path, token: str = "") -> Path:
    """The files of commit ``sha`` in a new folder ``dest`` (no .git): what gets graded."""
    data = _git(["archive", "--format=tar", sha], token, cwd=repo)
    Path(dest).mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(dest, filter=_skip_unsafe)
        else:  # Python < 3.10.12: keep plain files and folders only
            archive.extractall(dest, members=[m for m in archive.getmembers() if m.isfile() or m.isdir()])
    return Path(dest)


def _skip_unsafe(member, path):
    """tarfile's "data" filter, except that a link out of the folder is left out, not fatal."""
    try:
        return tarfile.data_filter(member, path)
    except tarfile.FilterError:
        return None
