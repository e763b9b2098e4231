"""The few GitHub REST calls that sync-class makes, through PyGithub, each with bounded retries.

The API URL is configurable, so GitHub Enterprise Server (``https://HOST/api/v3``) works
the same way. Objects are lazy: a commit status or a comment edit is one request, with no
preliminary GET of the repository or the commit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from github import Auth, Github
from github.GithubException import GithubException, UnknownObjectException

from .backoff import Policy, call

DEFAULT_API = "https://api.github.com"
STATUS_CONTEXT = "autograder"


@dataclass(frozen=True)
class StudentRepo:
    name: str
    full_name: str
    default_branch: str
    clone_url: str


@dataclass
class Heads:
    """The commits to grade in one repository: its default branch and every open pull request."""
    branch: str
    branch_sha: str | None                                # None: an empty repository
    pulls: dict[int, str] = field(default_factory=dict)   # pull-request number -> head commit


class ClassAPI:
    def __init__(self, token: str, api_url: str = DEFAULT_API, policy: Policy | None = None,
                 timeout: float = 30):
        self.policy = policy or Policy()
        # Retries are ours (bounded, honouring the server's wait); PyGithub's own are off.
        self.github = Github(base_url=api_url.rstrip("/"), auth=Auth.Token(token), per_page=100,
                             timeout=int(timeout), retry=None, lazy=True)
        self._login: str | None = None

    def login(self) -> str:
        """The token's own account: only its comments are ours to edit (a student can copy the marker)."""
        if self._login is None:
            self._login = call(lambda: self.github.get_user().login, self.policy, "reading the token's account")
        return self._login

    def close(self) -> None:
        self.github.close()

    def student_repos(self, org: str, prefix: str) -> list[StudentRepo]:
        """The organisation's repositories named ``<prefix>-…`` (GitHub Classroom's naming), sorted.

        Archived ones are left out: nothing can change there, and GitHub refuses statuses on them.
        """
        def listing():
            return [StudentRepo(r.name, r.full_name, r.default_branch or "main", r.clone_url)
                    for r in self.github.get_organization(org).get_repos(type="all") if not r.archived]
        repos = call(listing, self.policy, f"listing the repositories of {org}")
        return sorted((r for r in repos if r.name.startswith(f"{prefix}-")), key=lambda r: r.name)

    def heads(self, repo: StudentRepo) -> Heads:
        handle = self.github.get_repo(repo.full_name)

        def branch_sha():
            try:
                return handle.get_branch(repo.default_branch).commit.sha
            except UnknownObjectException:
                return None  # no commit yet: GitHub has no branch to show
            except GithubException as exc:
                if exc.status == 409:  # "Git Repository is empty"
                    return None
                raise

        sha = call(branch_sha, self.policy, f"{repo.name}: reading branch {repo.default_branch}")
        pulls = call(lambda: {p.number: p.head.sha for p in handle.get_pulls(state="open")},
                     self.policy, f"{repo.name}: listing open pull requests")
        return Heads(repo.default_branch, sha, pulls)

    def post_status(self, full_name: str, sha: str, state: str, description: str,
                    target_url: str | None = None) -> None:
        commit = self.github.get_repo(full_name).get_commit(sha)
        extra = {"target_url": target_url} if target_url else {}
        call(lambda: commit.create_status(state=state, description=description,
                                          context=STATUS_CONTEXT, **extra),
             self.policy, f"{full_name}: status of {sha[:12]}")

    def upsert_comment(self, full_name: str, number: int, body: str, marker: str,
                       known_id: int | None) -> int:
        """Edit our comment on the pull request (by id, else by ``marker`` among the token's own), or post it; its id."""
        issue = self.github.get_repo(full_name).get_issue(number)
        what = f"{full_name}#{number}: feedback comment"
        if known_id is not None:
            try:
                call(lambda: issue.get_comment(known_id).edit(body), self.policy, what)
                return known_id
            except UnknownObjectException:
                pass  # deleted by someone: look for another, or post anew
        me = self.login()
        ours = call(lambda: [c for c in issue.get_comments()
                             if marker in (c.body or "") and c.user is not None and c.user.login == me],
                    self.policy, what)
        if ours:
            call(lambda: ours[0].edit(body), self.policy, what)
            return ours[0].id
        return call(lambda: issue.create_comment(body), self.policy, what).id
