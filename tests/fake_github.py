"""A stand-in for the GitHub REST API and git's "dumb" HTTP, on 127.0.0.1, for sync-class tests.

It serves the endpoints PyGithub calls for sync-class from plain dicts, serves bare git
repositories on disk as static files (``git update-server-info`` makes them fetchable),
records every request with its Authorization header, and replays injected faults (a
server error, a rate-limit reply) before answering normally.
"""
from __future__ import annotations

import json
import re
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

PAGE = 3  # repositories per page, whatever per_page asks: pagination is exercised
LOGIN = "instructor-bot"  # the account behind every token the fake is given


@dataclass
class Request:
    method: str
    path: str
    auth: str | None
    body: dict | None = None


@dataclass
class Fault:
    """Reply ``status`` with ``headers`` to the next ``times`` requests matching ``method path``."""
    method: str
    pattern: str
    status: int
    headers: dict = field(default_factory=dict)
    times: int = 1


class FakeGitHub:
    def __init__(self, org: str, git_root: Path):
        self.org, self.git_root = org, Path(git_root)
        self.repos: dict[str, dict] = {}          # name -> {"default_branch", "branches": {b: sha}}
        self.pulls: dict[str, dict[int, str]] = {}  # name -> {number: head sha}
        self.statuses: list[dict] = []
        self.comments: dict[int, dict] = {}       # id -> {"repo", "number", "body", "edits", "user"}
        self.requests: list[Request] = []
        self.faults: list[Fault] = []
        self.unreachable: set[str] = set()        # repositories whose git files answer 404
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def api(self) -> str:
        return f"{self.url}/api/v3"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # -- the class ---------------------------------------------------------------------------------
    def add_repo(self, name: str, default_branch: str = "main") -> None:
        self.repos[name] = {"default_branch": default_branch, "archived": False}
        self.pulls.setdefault(name, {})

    def refresh(self, name: str) -> None:
        """Re-read the branches and pull refs of the bare repository ``name`` (after a push)."""
        bare = self.git_root / f"{name}.git"
        if bare.is_dir():
            subprocess.run(["git", "update-server-info"], cwd=bare, check=True)

    def branch_sha(self, name: str, branch: str) -> str | None:
        bare = self.git_root / f"{name}.git"
        if not bare.is_dir():
            return None
        proc = subprocess.run(["git", "rev-parse", "--verify", "-q", f"refs/heads/{branch}"], cwd=bare,
                              capture_output=True, text=True)
        return proc.stdout.strip() or None

    def _repo_json(self, name: str) -> dict:
        full = f"{self.org}/{name}"
        return {"id": abs(hash(name)) % 10**6, "name": name, "full_name": full, "private": True,
                "owner": {"login": self.org}, "default_branch": self.repos[name]["default_branch"],
                "archived": self.repos[name]["archived"],
                "url": f"{self.api}/repos/{full}", "clone_url": f"{self.url}/git/{name}.git",
                "html_url": f"{self.url}/{full}"}

    # -- HTTP --------------------------------------------------------------------------------------
    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _reply(self, status, data=None, headers=None, raw: bytes | None = None):
                body = raw if raw is not None else (b"" if data is None else json.dumps(data).encode())
                self.send_response(status)
                self.send_header("Content-Type", "application/octet-stream" if raw is not None
                                 else "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def _handle(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw and raw[:1] == b"{" else None
                split = urlsplit(self.path)
                with fake.lock:
                    fake.requests.append(Request(method, split.path, self.headers.get("Authorization"), body))
                    for fault in fake.faults:
                        if fault.times > 0 and fault.method == method and re.fullmatch(fault.pattern, split.path):
                            fault.times -= 1
                            return self._reply(fault.status, {"message": "injected fault"}, fault.headers)
                    try:
                        status, data, headers, blob = fake.answer(method, split.path, parse_qs(split.query), body)
                    except KeyError:
                        status, data, headers, blob = 404, {"message": "Not Found"}, {}, None
                self._reply(status, data, headers, blob)

            def do_GET(self):
                self._handle("GET")

            def do_POST(self):
                self._handle("POST")

            def do_PATCH(self):
                self._handle("PATCH")

        return Handler

    def answer(self, method: str, path: str, query: dict, body: dict | None):
        if path.startswith("/git/"):
            file = (self.git_root / path[len("/git/"):]).resolve()
            if path.split("/")[2].removesuffix(".git") in self.unreachable:
                return 404, None, {}, b""
            if method != "GET" or self.git_root.resolve() not in file.parents or not file.is_file():
                return 404, None, {}, b""
            return 200, None, {}, file.read_bytes()
        parts = path.removeprefix("/api/v3").strip("/").split("/")
        if parts == ["user"] and method == "GET":
            return 200, {"login": LOGIN, "id": 1, "type": "User", "url": f"{self.api}/users/{LOGIN}"}, {}, None
        if parts[:1] == ["orgs"] and parts[2:] == ["repos"] and parts[1] == self.org and method == "GET":
            names = sorted(self.repos)
            page = int(query.get("page", ["1"])[0])
            chunk = names[(page - 1) * PAGE: page * PAGE]
            headers = {}
            if page * PAGE < len(names):
                headers["Link"] = f'<{self.api}/orgs/{self.org}/repos?per_page=100&page={page + 1}>; rel="next"'
            return 200, [self._repo_json(n) for n in chunk], headers, None
        if parts[:2] != ["repos", self.org] or parts[2] not in self.repos:
            return 404, {"message": "Not Found"}, {}, None
        name, rest = parts[2], parts[3:]
        full = f"{self.org}/{name}"
        if rest[:1] == ["branches"] and method == "GET":
            sha = self.branch_sha(name, rest[1])
            if sha is None:
                return 404, {"message": "Branch not found"}, {}, None
            return 200, {"name": rest[1], "commit": {"sha": sha, "url": f"{self.api}/repos/{full}/commits/{sha}"},
                         "protected": False}, {}, None
        if rest == ["pulls"] and method == "GET":
            assert query.get("state") == ["open"], query
            return 200, [{"number": n, "state": "open", "url": f"{self.api}/repos/{full}/pulls/{n}",
                          "issue_url": f"{self.api}/repos/{full}/issues/{n}",
                          "head": {"sha": sha, "ref": f"pr-{n}"}, "base": {"ref": "main"}}
                         for n, sha in sorted(self.pulls[name].items())], {}, None
        if rest[:1] == ["statuses"] and method == "POST":
            status = dict(body, repo=name, sha=rest[1])
            self.statuses.append(status)
            return 201, dict(body, id=len(self.statuses), url=f"{self.api}/repos/{full}/statuses/{rest[1]}"), {}, None
        if rest[:1] == ["issues"] and len(rest) == 3 and rest[2] == "comments":
            number = int(rest[1])
            if number not in self.pulls[name]:
                return 404, {"message": "Not Found"}, {}, None
            if method == "GET":
                return 200, [self._comment_json(full, i, c) for i, c in sorted(self.comments.items())
                             if c["repo"] == name and c["number"] == number], {}, None
            if method == "POST":
                cid = 1000 + len(self.comments)
                self.comments[cid] = {"repo": name, "number": number, "body": body["body"], "edits": 0,
                                      "user": LOGIN}
                return 201, self._comment_json(full, cid, self.comments[cid]), {}, None
        if rest[:2] == ["issues", "comments"] and method == "PATCH":
            comment = self.comments[int(rest[2])]
            comment["body"], comment["edits"] = body["body"], comment["edits"] + 1
            return 200, self._comment_json(full, int(rest[2]), comment), {}, None
        return 404, {"message": "Not Found"}, {}, None

    def _comment_json(self, full: str, cid: int, comment: dict) -> dict:
        return {"id": cid, "body": comment["body"], "user": {"login": comment.get("user", LOGIN)},
                "url": f"{self.api}/repos/{full}/issues/comments/{cid}"}
