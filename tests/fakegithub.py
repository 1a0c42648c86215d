"""A small, stateful fake of the GitHub REST endpoints listbot uses, on 127.0.0.1.

Real PyGithub talks to it through ``GITHUB_API_URL``. It keeps issues (pull requests
are issues too, as on GitHub), comments, labels, pull requests with their files
(``patch`` as GitHub sends it), and reviews with line comments, refused as GitHub
refuses them (a line outside the diff, a commit that is not the head's, dismissing a
review that only comments: 422); it paginates with
``Link`` headers; it checks the token; and it can be told to fail the next matching
requests (``fail(...)``) with any status and headers, e.g. a secondary rate limit::

    with FakeGitHub(token="t") as gh:
        gh.add_pull(7, head_sha="a" * 40)
        gh.fail("POST", "/comments", 403, {"Retry-After": "1"}, "secondary rate limit")
        ...
        assert [c["body"] for c in gh.comments_on(7)] == [...]
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

OWNER_REPO = "owner/repo"
BOT = "github-actions[bot]"


@dataclass
class Failure:
    method: str
    path_contains: str
    status: int
    headers: dict[str, str]
    message: str
    times: int = 1
    after: bool = False  # do the work, then answer with the failure (a lost response)


@dataclass
class State:
    token: str
    repo: str = OWNER_REPO
    login: str = BOT
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, dict[str, Any]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    log: list[tuple[str, str]] = field(default_factory=list)
    next_issue: int = 1
    next_comment: int = 1000
    reviews: dict[int, dict[str, Any]] = field(default_factory=dict)
    review_comments: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_review: int = 5000
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Called (unlocked) after a comment is created: lets a test make two runs race.
    after_create_comment: Any = None
    # Called (unlocked) after an issue is created, likewise.
    after_create_issue: Any = None
    # False: commits/{sha}/pulls does not list pull requests from forks.
    commit_lookup_sees_forks: bool = True
    # True: every page's "next" link points back at page 1 (a pagination loop).
    loop_pages: bool = False
    # Whether a branch exists (POST /pulls refuses a head that does not); None: all do.
    branch_exists: Any = None


class FakeGitHub:
    def __init__(self, token: str = "test-token") -> None:
        self.state = State(token=token)
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        handler.base = self.url  # type: ignore[attr-defined]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}
        )

    def __enter__(self) -> FakeGitHub:
        self.thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    # ---- arranging -----------------------------------------------------------------
    def add_pull(
        self,
        number: int,
        *,
        head_sha: str,
        fork: bool = False,
        state: str = "open",
        author: str = "contrib",
        files: list[dict[str, Any]] | None = None,
    ) -> None:
        """``files``: ``{"filename", "status", "patch"}`` items as ``pulls/{n}/files`` lists."""
        head_repo = f"{author}/repo" if fork else self.state.repo
        self.state.pulls[number] = {
            "number": number,
            "state": state,
            "title": f"PR {number}",
            "head": {"sha": head_sha, "ref": "patch-1", "repo": {"full_name": head_repo}},
            "base": {"sha": "b" * 40, "ref": "main", "repo": {"full_name": self.state.repo}},
            "user": {"login": author},
            "files": list(files or []),
            "commits": [head_sha],
        }
        self.state.issues[number] = {
            "number": number,
            "title": f"PR {number}",
            "body": "",
            "state": state,
            "labels": [],
            "user": {"login": author},
            "is_pull": True,
        }
        self.state.next_issue = max(self.state.next_issue, number + 1)

    def add_comment(self, number: int, body: str, *, user: str = BOT) -> int:
        with self.state.lock:
            cid = self.state.next_comment
            self.state.next_comment += 1
            self.state.comments[cid] = {
                "id": cid,
                "issue": number,
                "body": body,
                "user": {"login": user},
            }
            return cid

    def add_issue(self, title: str, body: str, labels: list[str], *, state: str = "open") -> int:
        with self.state.lock:
            n = self.state.next_issue
            self.state.next_issue += 1
            self.state.issues[n] = {
                "number": n,
                "title": title,
                "body": body,
                "state": state,
                "labels": list(labels),
                "user": {"login": self.state.login},
            }
            return n

    def fail(
        self,
        method: str,
        path_contains: str,
        status: int,
        headers: dict[str, str] | None = None,
        message: str = "failure",
        times: int = 1,
        *,
        after: bool = False,
    ) -> None:
        self.state.failures.append(
            Failure(method, path_contains, status, headers or {}, message, times, after)
        )

    def push(self, number: int, head_sha: str, files: list[dict[str, Any]]) -> None:
        """A new head commit on the pull request, with its files' patches."""
        pull = self.state.pulls[number]
        pull["head"]["sha"] = head_sha
        pull["files"] = list(files)
        pull["commits"].append(head_sha)

    # ---- inspecting ----------------------------------------------------------------
    def reviews_on(self, number: int) -> list[dict[str, Any]]:
        return sorted(
            (r for r in self.state.reviews.values() if r["pull"] == number), key=lambda r: r["id"]
        )

    def review_comments_on(self, number: int) -> list[dict[str, Any]]:
        return sorted(
            (c for c in self.state.review_comments.values() if c["pull"] == number),
            key=lambda c: c["id"],
        )

    def comments_on(self, number: int) -> list[dict[str, Any]]:
        return sorted(
            (c for c in self.state.comments.values() if c["issue"] == number), key=lambda c: c["id"]
        )

    def writes(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p in self.state.log if m != "GET"]

    def real_issues(self) -> list[dict[str, Any]]:
        return [i for i in self.state.issues.values() if not i.get("is_pull")]


class _Handler(BaseHTTPRequestHandler):
    state: State
    base: str
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def do_PUT(self) -> None:
        self._handle("PUT")

    # ---- plumbing ------------------------------------------------------------------
    _override: Failure | None = None

    def _send(
        self, status: int, payload: Any = None, headers: dict[str, str] | None = None
    ) -> None:
        failure, self._override = self._override, None
        if failure is not None:  # a response lost after the work was done
            status, headers = failure.status, failure.headers
            payload = {"message": failure.message}
        body = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw) if raw else {}

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        body = self._body() if method in ("POST", "PATCH", "PUT") else {}
        st = self.state
        with st.lock:
            st.log.append((method, path))
            for failure in st.failures:
                if failure.times > 0 and failure.method == method and failure.path_contains in path:
                    failure.times -= 1
                    if failure.after:
                        self._override = failure
                        break
                    self._send(
                        failure.status,
                        {
                            "message": failure.message,
                            "documentation_url": "https://docs.github.com/rest",
                        },
                        failure.headers,
                    )
                    return
        auth = self.headers.get("Authorization", "")
        if auth not in (f"token {st.token}", f"Bearer {st.token}"):
            self._send(
                401,
                {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"},
            )
            return
        prefix = f"/repos/{st.repo}"
        if path == "/user":
            self._send(200, self._user(st.login))
            return
        if not path.startswith(prefix):
            self._send(404, {"message": "Not Found"})
            return
        rest = path[len(prefix) :]
        for pattern, name in _ROUTES:
            match = re.fullmatch(pattern, rest)
            if match and name.startswith(method.lower() + "_"):
                getattr(self, name)(query, body, *[unquote(g) for g in match.groups()])
                return
        self._send(404, {"message": "Not Found"})

    def _paged(self, items: list[dict[str, Any]], query: dict[str, str]) -> None:
        per_page = int(query.get("per_page", "30"))
        page = int(query.get("page", "1"))
        chunk = items[(page - 1) * per_page : page * per_page]
        headers = {}
        if page * per_page < len(items) or self.state.loop_pages:
            after = 1 if self.state.loop_pages else page + 1
            q = dict(query, page=str(after), per_page=str(per_page))
            url = (
                self.base
                + urlsplit(self.path).path
                + "?"
                + "&".join(f"{k}={v}" for k, v in q.items())
            )
            headers["Link"] = f'<{url}>; rel="next"'
        self._send(200, chunk, headers)

    # ---- JSON shapes ---------------------------------------------------------------
    def _user(self, login: str) -> dict[str, Any]:
        return {
            "login": login,
            "id": abs(hash(login)) % 10**6,
            "type": "Bot" if "[bot]" in login else "User",
            "url": f"{self.base}/users/{login}",
        }

    def _repo_url(self) -> str:
        return f"{self.base}/repos/{self.state.repo}"

    def _label(self, name: str) -> dict[str, Any]:
        return {"name": name, "color": "ededed", "url": f"{self._repo_url()}/labels/{name}"}

    def _issue(self, issue: dict[str, Any]) -> dict[str, Any]:
        n = issue["number"]
        out = {
            "number": n,
            "id": n,
            "title": issue["title"],
            "body": issue["body"],
            "state": issue["state"],
            "labels": [self._label(name) for name in issue["labels"]],
            "user": self._user(issue["user"]["login"]),
            "url": f"{self._repo_url()}/issues/{n}",
            "html_url": f"https://github.invalid/{self.state.repo}/issues/{n}",
            "comments_url": f"{self._repo_url()}/issues/{n}/comments",
        }
        if issue.get("is_pull"):
            out["pull_request"] = {"url": f"{self._repo_url()}/pulls/{n}"}
        return out

    def _pull(self, pull: dict[str, Any]) -> dict[str, Any]:
        n = pull["number"]
        return {
            **{k: v for k, v in pull.items() if k not in ("files", "commits")},
            "id": n,
            "url": f"{self._repo_url()}/pulls/{n}",
            "issue_url": f"{self._repo_url()}/issues/{n}",
            "html_url": f"https://github.invalid/{self.state.repo}/pull/{n}",
        }

    def _comment(self, comment: dict[str, Any]) -> dict[str, Any]:
        cid = comment["id"]
        return {
            "id": cid,
            "body": comment["body"],
            "user": self._user(comment["user"]["login"]),
            "url": f"{self._repo_url()}/issues/comments/{cid}",
            "html_url": f"https://github.invalid/{self.state.repo}/issues/{comment['issue']}#issuecomment-{cid}",
            "issue_url": f"{self._repo_url()}/issues/{comment['issue']}",
        }

    def _review(self, review: dict[str, Any]) -> dict[str, Any]:
        rid, n = review["id"], review["pull"]
        return {
            "id": rid,
            "node_id": f"PRR_{rid}",
            "user": self._user(review["user"]),
            "body": review["body"],
            "state": review["state"],
            "commit_id": review["commit_id"],
            "author_association": "NONE",
            "submitted_at": "2026-11-28T12:00:00Z",
            "html_url": f"https://github.invalid/{self.state.repo}/pull/{n}#pullrequestreview-{rid}",
            "pull_request_url": f"{self._repo_url()}/pulls/{n}",
        }

    def _review_comment(self, comment: dict[str, Any]) -> dict[str, Any]:
        cid, n = comment["id"], comment["pull"]
        return {
            "id": cid,
            "node_id": f"PRRC_{cid}",
            "pull_request_review_id": comment["review"],
            "path": comment["path"],
            "line": comment["line"],
            "side": "RIGHT",
            "start_line": comment["start_line"],
            "start_side": "RIGHT" if comment["start_line"] is not None else None,
            "original_line": comment["line"],
            "commit_id": comment["commit_id"],
            "original_commit_id": comment["commit_id"],
            "body": comment["body"],
            "user": self._user(comment["user"]),
            "url": f"{self._repo_url()}/pulls/comments/{cid}",
            "html_url": f"https://github.invalid/{self.state.repo}/pull/{n}#discussion_r{cid}",
            "pull_request_url": f"{self._repo_url()}/pulls/{n}",
        }

    def _unprocessable(self, *errors: str) -> None:
        self._send(
            422,
            {
                "message": "Unprocessable Entity",
                "errors": list(errors),
                "documentation_url": "https://docs.github.com/rest/pulls/reviews",
                "status": "422",
            },
        )

    # ---- routes --------------------------------------------------------------------
    def get_commit(self, query: dict[str, str], body: Any, sha: str) -> None:
        known = {c for p in self.state.pulls.values() for c in p["commits"]}
        if sha not in known:
            self._unprocessable(f"No commit found for SHA: {sha}")
            return
        self._send(200, {"sha": sha, "url": f"{self._repo_url()}/commits/{sha}"})

    def get_pull_files(self, query: dict[str, str], body: Any, number: str) -> None:
        pull = self.state.pulls.get(int(number))
        if pull is None:
            self._send(404, {"message": "Not Found"})
            return
        files = [
            {
                "sha": "0" * 40,
                "filename": f["filename"],
                "status": f.get("status", "added"),
                "additions": 0,
                "deletions": 0,
                "changes": 0,
                "blob_url": f"https://github.invalid/{self.state.repo}/blob/x/{f['filename']}",
                "raw_url": f"https://github.invalid/{self.state.repo}/raw/x/{f['filename']}",
                "contents_url": f"{self._repo_url()}/contents/{f['filename']}",
                **({"patch": f["patch"]} if f.get("patch") is not None else {}),
            }
            for f in pull["files"]
        ]
        self._paged(files, query)

    def get_reviews(self, query: dict[str, str], body: Any, number: str) -> None:
        if int(number) not in self.state.pulls:
            self._send(404, {"message": "Not Found"})
            return
        found = [
            self._review(r)
            for r in sorted(self.state.reviews.values(), key=lambda r: r["id"])
            if r["pull"] == int(number)
        ]
        self._paged(found, query)

    def _diff_lines(self, pull: dict[str, Any], path: str) -> dict[int, int] | None:
        """Head line -> hunk number for the lines of ``path`` in the diff (as GitHub allows)."""
        patch = next((f.get("patch") for f in pull["files"] if f["filename"] == path), None)
        if patch is None:
            return None
        lines: dict[int, int] = {}
        hunk, number = -1, 0
        for raw in patch.split("\n"):
            match = re.match(r"^@@ -[0-9]+(?:,[0-9]+)? \+([0-9]+)(?:,[0-9]+)? @@", raw)
            if match:
                hunk, number = hunk + 1, int(match.group(1))
            elif hunk >= 0 and raw[:1] in (" ", "+"):
                lines[number] = hunk
                number += 1
        return lines

    def post_reviews(self, query: dict[str, str], body: Any, number: str) -> None:
        pull = self.state.pulls.get(int(number))
        if pull is None:
            self._send(404, {"message": "Not Found"})
            return
        event = body.get("event")
        if event not in (None, "APPROVE", "REQUEST_CHANGES", "COMMENT"):
            self._unprocessable(f"Unexpected event: {event}")
            return
        if event in ("REQUEST_CHANGES", "COMMENT") and not body.get("body"):
            self._unprocessable("Review body is required for this event")
            return
        commit = body.get("commit_id") or pull["head"]["sha"]
        if commit not in pull["commits"]:
            self._unprocessable("commit_id is not part of the pull request")
            return
        comments = body.get("comments", [])
        for item in comments:
            lines = self._diff_lines(pull, item.get("path", ""))
            line, start = item.get("line"), item.get("start_line")
            if lines is None or not isinstance(line, int) or line not in lines:
                self._unprocessable("Line could not be resolved")
                return
            if start is not None and (
                not isinstance(start, int)
                or start >= line
                or start not in lines
                or lines[start] != lines[line]
            ):
                self._unprocessable("start_line must precede line, in the same hunk")
                return
            if item.get("side", "RIGHT") != "RIGHT":
                self._unprocessable("Line could not be resolved")
                return
        with self.state.lock:
            rid = self.state.next_review
            self.state.next_review += 1
            state = {"APPROVE": "APPROVED", "REQUEST_CHANGES": "CHANGES_REQUESTED"}.get(
                event or "", "COMMENTED" if event else "PENDING"
            )
            review = {
                "id": rid,
                "pull": int(number),
                "user": self.state.login,
                "body": body.get("body", ""),
                "state": state,
                "commit_id": commit,
            }
            self.state.reviews[rid] = review
            for item in comments:
                cid = self.state.next_comment
                self.state.next_comment += 1
                self.state.review_comments[cid] = {
                    "id": cid,
                    "review": rid,
                    "pull": int(number),
                    "path": item["path"],
                    "line": item["line"],
                    "start_line": item.get("start_line"),
                    "body": item["body"],
                    "commit_id": commit,
                    "user": self.state.login,
                }
        self._send(200, self._review(review))

    def put_review(self, query: dict[str, str], body: Any, number: str, rid: str) -> None:
        review = self.state.reviews.get(int(rid))
        if review is None or review["pull"] != int(number):
            self._send(404, {"message": "Not Found"})
            return
        if not isinstance(body.get("body"), str):
            self._unprocessable("body is required")
            return
        review["body"] = body["body"]
        self._send(200, self._review(review))

    def put_dismissal(self, query: dict[str, str], body: Any, number: str, rid: str) -> None:
        review = self.state.reviews.get(int(rid))
        if review is None or review["pull"] != int(number):
            self._send(404, {"message": "Not Found"})
            return
        if review["state"] not in ("APPROVED", "CHANGES_REQUESTED"):
            # GitHub's words for a review that only comments (or is pending, or dismissed).
            self._unprocessable(f"Can not dismiss a {review['state'].lower()} pull request review")
            return
        review["state"] = "DISMISSED"
        self._send(200, self._review(review))

    def get_review_comments(self, query: dict[str, str], body: Any, number: str, rid: str) -> None:
        review = self.state.reviews.get(int(rid))
        if review is None or review["pull"] != int(number):
            self._send(404, {"message": "Not Found"})
            return
        found = [
            self._review_comment(c)
            for c in sorted(self.state.review_comments.values(), key=lambda c: c["id"])
            if c["review"] == int(rid)
        ]
        self._paged(found, query)

    def delete_review_comment(self, query: dict[str, str], body: Any, cid: str) -> None:
        if self.state.review_comments.pop(int(cid), None) is None:
            self._send(404, {"message": "Not Found"})
        else:
            self._send(204)

    def get_repo(self, query: dict[str, str], body: Any) -> None:
        self._send(
            200,
            {
                "full_name": self.state.repo,
                "name": self.state.repo.split("/")[1],
                "url": self._repo_url(),
                "default_branch": "main",
            },
        )

    def get_commit_pulls(self, query: dict[str, str], body: Any, sha: str) -> None:
        # Like GitHub: PRs whose commits include this one; here, whose head is it.
        found = [
            self._pull(p)
            for p in self.state.pulls.values()
            if p["head"]["sha"] == sha
            and (
                self.state.commit_lookup_sees_forks
                or p["head"]["repo"]["full_name"] == self.state.repo
            )
        ]
        self._paged(found, query)

    def get_pulls(self, query: dict[str, str], body: Any) -> None:
        state = query.get("state", "open")
        head = query.get("head")  # "owner:branch", as GitHub takes it
        found = [
            self._pull(p)
            for n, p in sorted(self.state.pulls.items())
            if (state == "all" or p["state"] == state)
            and (head is None or self._head_label(p) == head)
        ]
        self._paged(found, query)

    def _head_label(self, pull: dict[str, Any]) -> str:
        owner = pull["head"]["repo"]["full_name"].split("/")[0]
        return f"{owner}:{pull['head']['ref']}"

    def post_pulls(self, query: dict[str, str], body: Any) -> None:
        # Like GitHub: head is "branch" (this repository) or "owner:branch"; one open
        # pull request per head and base; an unknown head branch is a 422.
        head = str(body.get("head", ""))
        branch = head.split(":", 1)[1] if ":" in head else head
        owner = self.state.repo.split("/")[0]
        invalid = {"resource": "PullRequest", "field": "head", "code": "invalid"}
        exists = self.state.branch_exists
        if not branch or (exists is not None and not exists(branch)):
            self._send(422, {"message": "Validation Failed", "errors": [invalid]})
            return
        with self.state.lock:
            for pull in self.state.pulls.values():
                if pull["state"] == "open" and self._head_label(pull) == f"{owner}:{branch}":
                    message = f"A pull request already exists for {owner}:{branch}."
                    self._send(
                        422,
                        {
                            "message": "Validation Failed",
                            "errors": [
                                {"resource": "PullRequest", "code": "custom", "message": message}
                            ],
                        },
                    )
                    return
            n = self.state.next_issue
            self.state.next_issue += 1
            pull = {
                "number": n,
                "state": "open",
                "title": body["title"],
                "body": body.get("body", ""),
                "head": {"sha": "c" * 40, "ref": branch, "repo": {"full_name": self.state.repo}},
                "base": {
                    "sha": "b" * 40,
                    "ref": body.get("base", "main"),
                    "repo": {"full_name": self.state.repo},
                },
                "user": {"login": self.state.login},
            }
            self.state.pulls[n] = pull
            self.state.issues[n] = {
                "number": n,
                "title": body["title"],
                "body": body.get("body", ""),
                "state": "open",
                "labels": [],
                "user": {"login": self.state.login},
                "is_pull": True,
            }
        self._send(201, self._pull(pull))

    def patch_pull(self, query: dict[str, str], body: Any, number: str) -> None:
        pull = self.state.pulls.get(int(number))
        if pull is None:
            self._send(404, {"message": "Not Found"})
            return
        for key in ("title", "body", "state"):
            if key in body:
                pull[key] = body[key]
                self.state.issues[int(number)][key] = body[key]
        self._send(200, self._pull(pull))

    def get_pull(self, query: dict[str, str], body: Any, number: str) -> None:
        pull = self.state.pulls.get(int(number))
        if pull is None:
            self._send(404, {"message": "Not Found"})
        else:
            self._send(200, self._pull(pull))

    def get_issues(self, query: dict[str, str], body: Any) -> None:
        state = query.get("state", "open")
        labels = [x for x in query.get("labels", "").split(",") if x]
        found = [
            self._issue(i)
            for n, i in sorted(self.state.issues.items(), reverse=True)
            if (state == "all" or i["state"] == state)
            and all(lb in i["labels"] for lb in labels)
            and query.get("creator", i["user"]["login"]) == i["user"]["login"]
        ]
        self._paged(found, query)

    def post_issues(self, query: dict[str, str], body: Any) -> None:
        with self.state.lock:
            n = self.state.next_issue
            self.state.next_issue += 1
            issue = {
                "number": n,
                "title": body["title"],
                "body": body.get("body", ""),
                "state": "open",
                "labels": list(body.get("labels", [])),
                "user": {"login": self.state.login},
            }
            self.state.issues[n] = issue
        self._send(201, self._issue(issue))
        hook = self.state.after_create_issue
        if hook is not None:
            self.state.after_create_issue = None
            hook()

    def get_issue(self, query: dict[str, str], body: Any, number: str) -> None:
        issue = self.state.issues.get(int(number))
        if issue is None:
            self._send(404, {"message": "Not Found"})
        else:
            self._send(200, self._issue(issue))

    def patch_issue(self, query: dict[str, str], body: Any, number: str) -> None:
        issue = self.state.issues.get(int(number))
        if issue is None:
            self._send(404, {"message": "Not Found"})
            return
        for key in ("title", "body", "state"):
            if key in body:
                issue[key] = body[key]
        if "labels" in body:
            issue["labels"] = list(body["labels"])
        self._send(200, self._issue(issue))

    def get_comments(self, query: dict[str, str], body: Any, number: str) -> None:
        if int(number) not in self.state.issues:
            self._send(404, {"message": "Not Found"})
            return
        found = [
            self._comment(c)
            for c in sorted(self.state.comments.values(), key=lambda c: c["id"])
            if c["issue"] == int(number)
        ]
        self._paged(found, query)

    def post_comments(self, query: dict[str, str], body: Any, number: str) -> None:
        if int(number) not in self.state.issues:
            self._send(404, {"message": "Not Found"})
            return
        with self.state.lock:
            cid = self.state.next_comment
            self.state.next_comment += 1
            comment = {
                "id": cid,
                "issue": int(number),
                "body": body["body"],
                "user": {"login": self.state.login},
            }
            self.state.comments[cid] = comment
        self._send(201, self._comment(comment))
        hook = self.state.after_create_comment
        if hook is not None:
            self.state.after_create_comment = None
            hook(int(number))

    def patch_comment(self, query: dict[str, str], body: Any, cid: str) -> None:
        comment = self.state.comments.get(int(cid))
        if comment is None:
            self._send(404, {"message": "Not Found"})
            return
        comment["body"] = body["body"]
        self._send(200, self._comment(comment))

    def delete_comment(self, query: dict[str, str], body: Any, cid: str) -> None:
        if self.state.comments.pop(int(cid), None) is None:
            self._send(404, {"message": "Not Found"})
        else:
            self._send(204)

    def post_labels(self, query: dict[str, str], body: Any, number: str) -> None:
        issue = self.state.issues.get(int(number))
        if issue is None:
            self._send(404, {"message": "Not Found"})
            return
        wanted = body["labels"] if isinstance(body, dict) else body
        for name in wanted:
            if name not in issue["labels"]:
                issue["labels"].append(name)
        self._send(200, [self._label(n) for n in issue["labels"]])

    def delete_label(self, query: dict[str, str], body: Any, number: str, name: str) -> None:
        issue = self.state.issues.get(int(number))
        if issue is None or name not in issue["labels"]:
            self._send(404, {"message": "Label does not exist"})
            return
        issue["labels"].remove(name)
        self._send(200, [self._label(n) for n in issue["labels"]])


_ROUTES: list[tuple[str, str]] = [
    (r"", "get_repo"),
    (r"/commits/([0-9a-f]{7,40})/pulls", "get_commit_pulls"),
    (r"/pulls", "get_pulls"),
    (r"/pulls", "post_pulls"),
    (r"/pulls/([0-9]+)", "get_pull"),
    (r"/commits/([0-9a-f]{40})", "get_commit"),
    (r"/pulls/([0-9]+)/files", "get_pull_files"),
    (r"/pulls/([0-9]+)/reviews", "get_reviews"),
    (r"/pulls/([0-9]+)/reviews", "post_reviews"),
    (r"/pulls/([0-9]+)/reviews/([0-9]+)", "put_review"),
    (r"/pulls/([0-9]+)/reviews/([0-9]+)/dismissals", "put_dismissal"),
    (r"/pulls/([0-9]+)/reviews/([0-9]+)/comments", "get_review_comments"),
    (r"/pulls/comments/([0-9]+)", "delete_review_comment"),
    (r"/pulls/([0-9]+)", "patch_pull"),
    (r"/issues", "get_issues"),
    (r"/issues", "post_issues"),
    (r"/issues/([0-9]+)", "get_issue"),
    (r"/issues/([0-9]+)", "patch_issue"),
    (r"/issues/([0-9]+)/comments", "get_comments"),
    (r"/issues/([0-9]+)/comments", "post_comments"),
    (r"/issues/comments/([0-9]+)", "patch_comment"),
    (r"/issues/comments/([0-9]+)", "delete_comment"),
    (r"/issues/([0-9]+)/labels", "post_labels"),
    (r"/issues/([0-9]+)/labels/([^/]+)", "delete_label"),
]


def iter_bodies(fake: FakeGitHub, number: int) -> Iterator[str]:
    for comment in fake.comments_on(number):
        yield comment["body"]
