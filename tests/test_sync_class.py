"""sync-class end to end, against a local GitHub stand-in backed by real git repositories."""
from __future__ import annotations

import base64
import csv
import json
import os
import secrets
import shutil
import subprocess
import time
from pathlib import Path

import pytest

pytest.importorskip("github")

from autograder import cli  # noqa: E402

from .conftest import ROOT  # noqa: E402
from .fake_github import FakeGitHub, Fault  # noqa: E402

ORG = "dlf-course"
SOLVED = (ROOT / "solutions" / "numpy_basics.py").read_text()
STUB = (ROOT / "exercises" / "numpy_basics.py").read_text()
PARTIAL = SOLVED + "\n\ndef describe(values):\n    raise NotImplementedError('numpy_basics.describe')\n"
# A student who prints the environment the grader runs their code in.
SNOOPING = SOLVED + ("\n\ndef describe(values):\n    import os\n    print('environment:', dict(os.environ))\n"
                     "    raise NotImplementedError('numpy_basics.describe')\n")
GIT_ENV = {"GIT_AUTHOR_NAME": "Student", "GIT_AUTHOR_EMAIL": "s@example.invalid",
           "GIT_COMMITTER_NAME": "Student", "GIT_COMMITTER_EMAIL": "s@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(*args, cwd) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | GIT_ENV
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True, timeout=30).stdout.strip()


class Class:
    """Student repositories: a bare one served by the fake, and a working copy to commit in."""

    def __init__(self, root: Path, fake: FakeGitHub):
        self.root, self.fake = root, fake

    def repo(self, name: str, code: str | None) -> str | None:
        bare = self.fake.git_root / f"{name}.git"
        git("init", "--quiet", "--bare", "-b", "main", str(bare), cwd=self.root)
        self.fake.add_repo(name)
        work = self.root / "work" / name
        git("init", "--quiet", "-b", "main", str(work), cwd=self.root)
        sha = self.commit(name, code, "main") if code is not None else None
        self.fake.refresh(name)
        return sha

    def commit(self, name: str, code: str, ref: str, base: str | None = None) -> str:
        work = self.root / "work" / name
        if base:
            git("checkout", "--quiet", "-B", "tmp", base, cwd=work)
        (work / "exercises").mkdir(exist_ok=True)
        (work / "exercises" / "numpy_basics.py").write_text(code)
        (work / "README.md").write_text(f"{name} {time.time_ns()}\n")
        git("add", "-A", cwd=work)
        git("commit", "--quiet", "-m", f"work on {ref}", cwd=work)
        sha = git("rev-parse", "HEAD", cwd=work)
        target = f"refs/heads/{ref}" if "/" not in ref else ref
        git("push", "--quiet", "--force", str(self.fake.git_root / f"{name}.git"), f"HEAD:{target}", cwd=work)
        if base:
            git("checkout", "--quiet", "main", cwd=work)
        self.fake.refresh(name)
        return sha

    def point(self, name: str, ref: str, sha: str) -> None:
        git("update-ref", ref, sha, cwd=self.fake.git_root / f"{name}.git")
        self.fake.refresh(name)

    def pull(self, name: str, number: int, code: str, base: str) -> str:
        sha = self.commit(name, code, f"refs/pull/{number}/head", base=base)
        self.fake.pulls[name][number] = sha
        return sha


@pytest.fixture
def suite(tmp_path):
    folder = tmp_path / "suite"
    folder.mkdir()
    shutil.copy(ROOT / "autograder" / "suites" / "public" / "test_numpy_basics.py", folder)
    return folder


def _run(fake, out, suite, token, capfd, *extra) -> tuple[int, str, float]:
    os.environ["GITHUB_TOKEN"] = token
    try:
        started = time.perf_counter()
        code = cli.main(["sync-class", "--org", ORG, "--prefix", "dl", "--out", str(out), "--api", fake.api,
                         "--jobs", "2", "--suite", str(suite), "--max-wait", "5", *extra])
        elapsed = time.perf_counter() - started
    finally:
        del os.environ["GITHUB_TOKEN"]
    captured = capfd.readouterr()
    return code, captured.out + captured.err, elapsed


def _graded(out: Path) -> dict[tuple[str, str], dict]:
    return {(p.parent.name, p.stem): json.loads(p.read_text()) for p in (out / "commits").glob("*/*.json")}


def _assert_statuses(fake, graded):
    """Exactly one status per graded commit, with its score, success only at full marks."""
    posted = {}
    for status in fake.statuses:
        key = (status["repo"], status["sha"])
        assert key not in posted, f"second status for {key}"
        posted[key] = status
    assert set(posted) == set(graded)
    for key, record in graded.items():
        status = posted[key]
        assert status["context"] == "autograder"
        assert status["description"] == f"{record['score']:.2f} / 100"
        assert status["state"] == ("success" if record["score"] == 100 else "failure")


@pytest.mark.slow
def test_sync_class_end_to_end(tmp_path, suite, capfd):
    token = "ghp_" + secrets.token_hex(18)
    out = tmp_path / "synced"
    with FakeGitHub(ORG, tmp_path / "served") as fake:
        fake.git_root.mkdir()
        klass = Class(tmp_path, fake)
        heads = {"dl-alice": klass.repo("dl-alice", SOLVED), "dl-bob": klass.repo("dl-bob", STUB),
                 "dl-carol": klass.repo("dl-carol", PARTIAL), "dl-dave": klass.repo("dl-dave", None),
                 "dl-erin": klass.repo("dl-erin", SOLVED), "dl-frank": klass.repo("dl-frank", SNOOPING),
                 "dl-gina": klass.repo("dl-gina", SOLVED), "dl-hank": klass.repo("dl-hank", SOLVED),
                 "notes": klass.repo("notes", STUB), "dl-old": klass.repo("dl-old", STUB)}
        fake.repos["dl-old"]["archived"] = True  # last year's: left alone
        carol_pr = klass.pull("dl-carol", 1, SOLVED, base=heads["dl-carol"])
        klass.point("dl-frank", "refs/pull/2/head", heads["dl-frank"])  # Classroom's feedback PR:
        fake.pulls["dl-frank"][2] = heads["dl-frank"]                   # its head is main itself
        fake.unreachable.add("dl-hank")
        soon, later = str(int(time.time()) + 1), str(int(time.time()) + 3600)
        fake.faults += [
            Fault("GET", f"/api/v3/repos/{ORG}/dl-erin/branches/main", 403, times=1),  # no access (yet)
            Fault("GET", f"/api/v3/repos/{ORG}/dl-frank/pulls", 502),                  # retried at once
            Fault("GET", f"/api/v3/repos/{ORG}/dl-gina/branches/main", 403,
                  {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": soon}),      # waited for
            Fault("POST", f"/api/v3/repos/{ORG}/dl-alice/statuses/.*", 429, {"Retry-After": "1"}),
            Fault("POST", f"/api/v3/repos/{ORG}/dl-gina/statuses/.*", 403,          # too long: next run
                  {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": later}),
        ]

        code, log1, first_s = _run(fake, out, suite, token, capfd)
        assert code == 0, log1
        graded = _graded(out)
        assert set(graded) == {("dl-alice", heads["dl-alice"]), ("dl-bob", heads["dl-bob"]),
                               ("dl-carol", heads["dl-carol"]), ("dl-carol", carol_pr),
                               ("dl-frank", heads["dl-frank"]), ("dl-gina", heads["dl-gina"])}
        scores = {k[0] if k[1] != carol_pr else "carol-pr": r["score"] for k, r in graded.items()}
        assert scores["dl-alice"] == scores["dl-gina"] == scores["carol-pr"] == 100
        assert scores["dl-bob"] == 0 and 0 < scores["dl-carol"] == scores["dl-frank"] < 100
        for repo in ("dl-dave", "dl-erin", "dl-hank", "dl-gina"):
            assert f"  {repo}: " in log1 and "retried on the next run" in log1
        assert "empty repository" in log1 and "could not fetch" in log1
        touched = {r.path.split("/")[5 if r.path.startswith("/api/") else 2] for r in fake.requests
                   if r.path.startswith(("/api/v3/repos/", "/git/"))}
        assert not touched & {"notes", "notes.git", "dl-old", "dl-old.git"}
        _assert_statuses(fake, {k: v for k, v in graded.items() if k[0] != "dl-gina"})
        comments = {(c["repo"], c["number"]): c for c in fake.comments.values()}
        assert set(comments) == {("dl-carol", 1), ("dl-frank", 2)}
        assert all(c["body"].startswith("<!-- autograder -->") and c["edits"] == 0 for c in comments.values())
        assert "## Autograder score: 100.00 / 100" in comments[("dl-carol", 1)]["body"]
        problems = json.loads((out / "sync.json").read_text())["problems"]
        assert set(problems) == {"dl-dave", "dl-erin", "dl-gina", "dl-hank"}

        # Run 2: bob fixes his work, carol updates her pull request; erin and gina's status are retried.
        heads["dl-bob"] = klass.commit("dl-bob", SOLVED, "main")
        carol_pr2 = klass.pull("dl-carol", 1, STUB, base=heads["dl-carol"])
        before = len(fake.requests)
        code, log2, second_s = _run(fake, out, suite, token, capfd)
        assert code == 0, log2
        new = set(_graded(out)) - set(graded)
        assert new == {("dl-bob", heads["dl-bob"]), ("dl-carol", carol_pr2), ("dl-erin", heads["dl-erin"])}
        graded = _graded(out)
        assert all(r["posted_status"] for r in graded.values())
        assert set(json.loads((out / "sync.json").read_text())["comments"]) == {"dl-carol#1", "dl-frank#2"}
        _assert_statuses(fake, graded)
        comments = {(c["repo"], c["number"]): c for c in fake.comments.values()}
        assert len(fake.comments) == 2 and comments[("dl-carol", 1)]["edits"] == 1
        assert comments[("dl-frank", 2)]["edits"] == 0
        assert carol_pr2 in comments[("dl-carol", 1)]["body"]
        assert "## Autograder score: 0.00 / 100" in comments[("dl-carol", 1)]["body"]
        assert set(json.loads((out / "sync.json").read_text())["problems"]) == {"dl-dave", "dl-hank"}
        fetched = {r.path.split("/")[2] for r in fake.requests[before:] if r.path.startswith("/git/")}
        assert fetched == {"dl-bob.git", "dl-carol.git", "dl-erin.git", "dl-hank.git"}

        # Run 3: nothing new; with the Classroom CSV, carol's inflated score is the only one flagged.
        grades = tmp_path / "grades.csv"
        _classroom_csv(grades, {"dl-alice": (100, 100), "dl-bob": (100, 100), "dl-carol": (10, 10),
                                "dl-frank": (4, 5), "dl-erin": (0, 100)})
        before, statuses = len(fake.requests), len(fake.statuses)
        code, log3, third_s = _run(fake, out, suite, token, capfd, "--classroom-csv", str(grades))
        assert code == 0, log3
        assert "graded 0 new commit(s); posted 0 status(es) and 0 comment(s)" in log3
        assert len(fake.statuses) == statuses
        assert not [r for r in fake.requests[before:] if r.method != "GET"]
        warnings = [line for line in log3.splitlines() if line.startswith("warning:")]
        assert len(warnings) == 1 and "dl-carol" in warnings[0], warnings
        with open(out / "gradebook.csv", newline="") as handle:
            book = {row["student"]: row for row in csv.DictReader(handle)}
        assert set(book) == {"dl-alice", "dl-bob", "dl-carol", "dl-erin", "dl-frank", "dl-gina"}
        assert {s for s, row in book.items() if row["forged"] == "yes"} == {"dl-carol"}
        assert book["dl-bob"]["total"] == "100.00" and book["dl-gina"]["forged"] == ""

        # Run 4, its comment ids lost: our comments are found by their marker and edited, not re-posted.
        (out / "sync.json").unlink()
        edits = {k: c["edits"] for k, c in fake.comments.items()}
        code, log4, _ = _run(fake, out, suite, token, capfd)
        assert code == 0, log4
        assert "graded 0 new commit(s); posted 0 status(es) and 2 comment(s)" in log4
        assert len(fake.comments) == 2 and all(c["edits"] == edits[k] + 1 for k, c in fake.comments.items())

        # The token went only into headers: every request carried it, no file or log holds it.
        header = "Basic " + base64.b64encode(f"x-access-token:{token}".encode()).decode()
        git_requests = [r for r in fake.requests if r.path.startswith("/git/")]
        assert git_requests and all(r.auth == header for r in git_requests)
        assert all(r.auth and r.auth.endswith(token) for r in fake.requests if r.path.startswith("/api/"))
        for secret in (token, header.split()[1]):
            assert secret not in log1 + log2 + log3 + log4
            for path in out.rglob("*"):
                assert not path.is_file() or secret.encode() not in path.read_bytes(), path
        assert not (out / "work").exists()
        assert b"environment: {" in (out / "commits" / "dl-frank" / f"{heads['dl-frank']}.json").read_bytes()
    print(f"sync-class runs: {first_s:.1f} s (6 commits), {second_s:.1f} s (3 commits), {third_s:.1f} s (none); "
          f"{len(fake.requests)} requests")
    assert len(fake.requests) < 200


def _classroom_csv(path: Path, points: dict[str, tuple[float, float]]) -> None:
    columns = ["assignment_name", "assignment_url", "starter_code_url", "github_username",
               "roster_identifier", "student_repository_name", "student_repository_url",
               "submission_timestamp", "points_awarded", "points_available"]
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for repo, (awarded, available) in points.items():
            login = repo.removeprefix("dl-")
            writer.writerow({"assignment_name": "dl", "github_username": login, "roster_identifier": login,
                             "student_repository_name": repo,
                             "student_repository_url": f"https://github.com/{ORG}/{repo}",
                             "submission_timestamp": "2026-12-01 10:00:00 UTC",
                             "points_awarded": awarded, "points_available": available})


def test_backoff_honours_the_server_and_stays_bounded():
    from github.GithubException import GithubException

    from autograder.sync.backoff import Deferred, Policy, call

    waits = []
    policy = Policy(attempts=3, max_wait=30, sleep=waits.append, clock=lambda: 1000.0)

    def failing(*replies):
        replies = list(replies)

        def fn():
            if replies:
                status, headers = replies.pop(0)
                raise GithubException(status, {"message": "x"}, headers)
            return "ok"
        return fn

    assert call(failing((429, {"Retry-After": "7"}), (403, {"x-ratelimit-remaining": "0",
                                                             "x-ratelimit-reset": "1012"})), policy, "t") == "ok"
    assert waits == [7.0, 13.0]  # Retry-After as given; the reset time plus one second
    waits.clear()
    assert call(failing((502, {}), (500, {})), policy, "t") == "ok" and waits == [1.0, 2.0]
    waits.clear()
    with pytest.raises(Deferred, match="more than 30 s"):
        call(failing((403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "5000"})), policy, "t")
    with pytest.raises(Deferred, match="3 times"):
        call(failing(*[(503, {})] * 3), policy, "t")
    assert waits == [1.0, 2.0]  # a wait too long is not slept through, and the last try is not followed by one
    with pytest.raises(GithubException):  # a plain refusal is no rate limit: not retried
        call(failing((403, {})), policy, "t")
    with pytest.raises(GithubException):
        call(failing((404, {})), policy, "t")


def test_git_sees_the_token_only_in_its_environment(tmp_path):
    from autograder.sync.clone import CloneError, auth_header, fetch, git_env, redact

    token = "ghp_" + secrets.token_hex(8)
    env = git_env(token)
    assert [k for k, v in env.items() if token in v or auth_header(token) == v] == ["GIT_CONFIG_VALUE_0"]
    assert redact(f"x {token} y {auth_header(token)}", token) == "x *** y Authorization: Basic ***"
    with FakeGitHub(ORG, tmp_path) as fake:  # a clone that fails says why, without the token
        with pytest.raises(CloneError) as failure:
            fetch(f"{fake.url}/git/missing.git", tmp_path / "clone.git", {"refs/heads/main": "0" * 40}, token)
        assert token not in str(failure.value) and "git fetch failed" in str(failure.value)
        assert [r.auth for r in fake.requests] and all(r.auth == auth_header(token).split(": ")[1]
                                                       for r in fake.requests)


def test_a_student_comment_that_copies_the_marker_is_never_edited(tmp_path):
    """Only the token's own comments are ours: a student who posts the marker first keeps their text."""
    from autograder.sync.client import ClassAPI
    from autograder.sync.post import MARKER

    with FakeGitHub(ORG, tmp_path) as fake:
        fake.add_repo("dl-mallory")
        fake.pulls["dl-mallory"][1] = "0" * 40
        fake.comments[1] = {"repo": "dl-mallory", "number": 1, "body": f"{MARKER}\n100 / 100, trust me",
                            "edits": 0, "user": "mallory"}
        api = ClassAPI("t0ken", fake.api)
        try:
            first = api.upsert_comment(f"{ORG}/dl-mallory", 1, f"{MARKER}\nreal feedback", MARKER, None)
            again = api.upsert_comment(f"{ORG}/dl-mallory", 1, f"{MARKER}\nnewer feedback", MARKER, None)
        finally:
            api.close()
    assert fake.comments[1]["body"].endswith("trust me") and fake.comments[1]["edits"] == 0
    assert first == again != 1
    assert fake.comments[first]["body"].endswith("newer feedback") and fake.comments[first]["edits"] == 1
