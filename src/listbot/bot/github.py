"""GitHub access: the only module that imports PyGithub.

What listbot needs from the REST API, with plain values in and out:

- find a pull request by its head SHA (``GET /repos/{o}/{r}/commits/{sha}/pulls``, then
  the open pull requests), since ``workflow_run.pull_requests`` is empty for forks;
- keep one sticky comment per pull request (found by a hidden marker and its author),
  written only when its text changes, and never two even when runs race;
- add and remove labels;
- keep one review with one-click ``suggestion`` comments per head commit (older ones are
  superseded: a review that only comments cannot be dismissed through the API, so its
  suggestions are deleted and its text says what replaced it);
- find, create, update, comment on and close the one link-rot issue.
- open a pull request from a bot branch (or update the one already open).

The client comes from ``GITHUB_API_URL`` (default https://api.github.com, so GitHub
Enterprise works) and ``GITHUB_TOKEN``; the token is never printed. Server errors and
rate limits (primary: ``x-ratelimit-reset``; secondary: ``Retry-After``) are retried
with a bounded total wait; ``sleep`` and the clocks are injected so tests do not wait.
401, 403 and 404 become one-line ``GitHubError`` messages naming the permission the
token lacks.

API answers are input too (a faulty proxy, a GitHub Enterprise server that misbehaves):
every answer is read with a size cap (``max_bytes``), every API call runs under a wall
deadline (``deadline``: a server that trickles bytes defeats per-read timeouts), listings
stop after ``max_items`` (a pagination loop ends), and an answer PyGithub cannot make
sense of (not JSON, wrong types, redirect loops) is a one-line ``GitHubError``.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

import requests
from github import Auth, Github, GithubException
from github.GithubException import BadAttributeException
from github.Requester import HTTPRequestsConnectionClass, HTTPSRequestsConnectionClass
from requests.exceptions import ConnectionError as RequestsConnectionError
from requests.exceptions import Timeout

from listbot.errors import ListbotError
from listbot.retry import parse_retry_after, seconds_until

if TYPE_CHECKING:
    from github.PullRequest import ReviewComment

DEFAULT_API_URL = "https://api.github.com"
BOT_LOGIN = "github-actions[bot]"
MAX_ATTEMPTS = 6
MAX_BYTES = 16 * 1024 * 1024  # one API page is a few hundred KiB at most
MAX_ITEMS = 3000  # comments, pull requests... listed before listbot gives up
T = TypeVar("T")


def _sleep(seconds: float) -> None:
    """The default wait between retries (tests replace it)."""
    time.sleep(seconds)


class GitHubError(ListbotError):
    """The GitHub API refused or failed; the message says what to fix (exit 2)."""


class _TooSlow(Exception):
    """An API call that outlived its deadline (the worker thread is left behind)."""


def _capped_read(max_bytes: int) -> Callable[..., requests.Response]:
    """A requests response hook: read the body here, at most ``max_bytes``, or refuse it.

    Hooks run before requests reads the body itself, so a gigabyte answer is never
    held in memory: the connection is closed as soon as the cap is passed.
    """

    def hook(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        if kwargs.get("stream"):
            return response
        declared = response.headers.get("Content-Length", "").strip()
        size = int(declared) if declared.isascii() and declared.isdigit() else 0
        chunks: list[bytes] = []
        if size <= max_bytes:
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    break
                chunks.append(chunk)
            else:
                response._content = b"".join(chunks)
                return response
        response.close()
        raise GitHubError(
            f"the GitHub API answered {response.request.method} {response.request.path_url} "
            f"with more than {max_bytes:,} bytes; refused"
        )

    return hook


def _bounded_connections(
    max_bytes: int,
) -> tuple[type[HTTPRequestsConnectionClass], type[HTTPSRequestsConnectionClass]]:
    """PyGithub's connection classes, with the size cap hooked into their session."""

    class Http(HTTPRequestsConnectionClass):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.session.hooks["response"].append(_capped_read(max_bytes))

    class Https(HTTPSRequestsConnectionClass):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.session.hooks["response"].append(_capped_read(max_bytes))

    return Http, Https


@dataclass(frozen=True)
class CommentResult:
    action: Literal["created", "updated", "unchanged", "skipped"]
    comment_id: int | None
    url: str | None = None
    removed_duplicates: int = 0


@dataclass(frozen=True)
class ReviewResult:
    """What ``sync_review`` did: the head's review created, already there, or not needed."""

    action: Literal["created", "unchanged", "none"]
    review_id: int | None
    superseded: int = 0  # older listbot reviews whose suggestions were withdrawn


@dataclass(frozen=True)
class PullInfo:
    number: int
    url: str
    action: Literal["created", "updated"]


@dataclass(frozen=True)
class IssueInfo:
    number: int
    title: str
    body: str
    state: str
    url: str | None = None


def _message(exc: GithubException) -> str:
    data = exc.data
    text = data.get("message") if isinstance(data, dict) else None
    text = str(text or exc.message or "").replace("\n", " ").strip()
    return text[:200]


def _header(exc: GithubException, name: str) -> str | None:
    for key, value in (exc.headers or {}).items():
        if key.lower() == name:
            return str(value)
    return None


class GitHub:
    """One repository's API, with retries; see the module docstring."""

    def __init__(
        self,
        repository: str,
        *,
        token: str,
        api_url: str = DEFAULT_API_URL,
        sleep: Callable[[float], None] | None = None,
        now: Callable[[], float] = time.time,
        max_wait: float = 300.0,
        timeout: int = 30,
        deadline: float = 120.0,
        max_bytes: int = MAX_BYTES,
        max_items: int = MAX_ITEMS,
    ) -> None:
        if "/" not in repository:
            raise GitHubError(f"repository must be OWNER/NAME, got {repository!r}")
        self.repository = repository
        self._sleep = sleep if sleep is not None else _sleep
        self._now = now
        self.max_wait = max_wait
        self.waited = 0.0
        self.deadline = deadline
        self.max_items = max_items
        self._gh = Github(
            auth=Auth.Token(token),
            base_url=api_url.rstrip("/"),
            timeout=timeout,
            user_agent="listbot",
            retry=None,  # retries are ours: bounded, and with an injectable sleep
            seconds_between_requests=None,
            seconds_between_writes=None,
            lazy=True,
        )
        # The size cap lives in the connection class PyGithub makes for each request.
        # It is a private attribute of PyGithub's Requester (tests/faults_github_test.py
        # fails if a PyGithub release renames it, rather than the cap silently vanishing).
        http, https = _bounded_connections(max_bytes)
        requester = self._gh.requester
        attribute = "_Requester__connectionClass"
        current = getattr(requester, attribute)
        setattr(
            requester,
            attribute,
            https if issubclass(current, HTTPSRequestsConnectionClass) else http,
        )
        self._repo = self._gh.get_repo(repository)  # lazy: no request until needed

    @classmethod
    def from_env(cls, repository: str, env: Mapping[str, str], **kwargs: Any) -> GitHub:
        token = env.get("GITHUB_TOKEN", "").strip()
        if not token:
            raise GitHubError(
                "GITHUB_TOKEN is not set: pass the workflow's token as env GITHUB_TOKEN "
                "(env: GITHUB_TOKEN: ${{ github.token }})"
            )
        api_url = env.get("GITHUB_API_URL", "").strip() or DEFAULT_API_URL
        return cls(repository, token=token, api_url=api_url, **kwargs)

    # ---- retries and errors ----------------------------------------------------------
    def _delay(self, exc: GithubException, attempt: int) -> float | None:
        """Seconds to wait before retrying ``exc``, or None when it is not worth retrying."""
        status = exc.status
        retry_after = _header(exc, "retry-after")
        remaining = _header(exc, "x-ratelimit-remaining")
        reset = _header(exc, "x-ratelimit-reset")
        limited = status == 429 or (
            status == 403
            and (
                retry_after is not None or remaining == "0" or "rate limit" in _message(exc).lower()
            )
        )
        if retry_after is not None and (limited or status >= 500):
            asked = parse_retry_after(retry_after, now=self._now())
            return 60.0 if asked is None else asked
        if limited:
            if remaining == "0" and reset is not None:
                until = seconds_until(reset, now=self._now())
                return 60.0 if until is None else until + 1.0
            return 60.0  # a secondary limit without Retry-After: GitHub asks for a minute
        if status >= 500:
            return float(min(2**attempt, 30))
        return None

    def _wait(self, seconds: float, why: str) -> None:
        if self.waited + seconds > self.max_wait:
            raise GitHubError(
                f"GitHub {why}: would have to wait {seconds:.0f} s more, over listbot's limit of "
                f"{self.max_wait:.0f} s in total; run the job again later"
            )
        self.waited += seconds
        self._sleep(seconds)

    def _within_deadline(self, what: str, fn: Callable[[], T]) -> T:
        """``fn()`` in a worker thread; GitHubError if it outlives ``deadline`` seconds.

        Per-read timeouts do not bound a server that sends one byte per second; this
        does. The late worker is a daemon thread: it dies with the process.
        """
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["value"] = fn()
            except BaseException as exc:  # handed to the caller's thread below
                box["error"] = exc

        worker = threading.Thread(target=work, name="listbot-github", daemon=True)
        worker.start()
        worker.join(self.deadline)
        if worker.is_alive():
            raise _TooSlow(f"cannot {what}: the GitHub API took longer than {self.deadline:g} s")
        if "error" in box:
            raise box["error"]
        value: T = box["value"]
        return value

    def _call(self, what: str, permission: str, fn: Callable[[], T]) -> T:
        """Run ``fn`` (one or more API requests), retrying what is worth retrying."""
        for attempt in range(MAX_ATTEMPTS):
            try:
                return self._within_deadline(what, fn)
            except _TooSlow as exc:
                raise GitHubError(str(exc)) from None
            except RecursionError:  # PyGithub follows a 301 by calling itself again
                raise GitHubError(f"cannot {what}: the GitHub API redirects in a loop") from None
            except RuntimeError as exc:  # PyGithub: a redirect to another host or scheme
                raise GitHubError(f"cannot {what}: {str(exc)[:200]}") from None
            except (
                ValueError,
                TypeError,
                KeyError,
                AttributeError,
                AssertionError,
                BadAttributeException,
            ) as exc:
                # Not JSON, or JSON of the wrong shape: PyGithub or our reading of it failed.
                raise GitHubError(
                    f"cannot {what}: the GitHub API sent an answer listbot cannot read "
                    f"({type(exc).__name__})"
                ) from None
            except GithubException as exc:
                delay = self._delay(exc, attempt)
                if delay is None or attempt == MAX_ATTEMPTS - 1:
                    raise self._error(exc, what, permission) from None
                why = (
                    "rate limit"
                    if exc.status in (403, 429)
                    else f"server error (HTTP {exc.status})"
                )
                self._wait(delay, why)
            except (
                RequestsConnectionError,
                Timeout,
                requests.exceptions.ChunkedEncodingError,
            ) as exc:
                if attempt >= 2:
                    raise GitHubError(
                        f"cannot {what}: GitHub API unreachable ({type(exc).__name__})"
                    ) from None
                self._wait(float(2**attempt), "API unreachable")
        raise AssertionError("unreachable")  # pragma: no cover

    def _error(self, exc: GithubException, what: str, permission: str) -> GitHubError:
        message = _message(exc)
        status = exc.status
        if status == 401:
            return GitHubError(
                f"GitHub rejected the token (HTTP 401: {message}): "
                "GITHUB_TOKEN is missing, expired or wrong"
            )
        if status == 403:
            if "rate limit" in message.lower():
                return GitHubError(
                    f"cannot {what}: GitHub rate limit ({message}); run the job again later"
                )
            return GitHubError(
                f"cannot {what} (HTTP 403: {message}): "
                f"the token lacks the '{permission}' permission; "
                f"add 'permissions: {permission}' to the workflow job"
            )
        if status == 404:
            return GitHubError(
                f"cannot {what} (HTTP 404: {message}): it does not exist in {self.repository}, "
                f"or the token cannot see it (it needs '{permission.split(':')[0]}: read' or more)"
            )
        return GitHubError(f"cannot {what} (HTTP {status}: {message})")

    def _first(self, items: Iterable[T]) -> list[T]:
        """The first ``max_items`` of a listing (so a pagination loop ends)."""
        return list(itertools.islice(items, self.max_items))

    # ---- pull requests ---------------------------------------------------------------
    def find_pull_by_head(self, sha: str) -> int | None:
        """The open pull request whose head commit is ``sha``, or None."""

        def by_commit() -> list[tuple[int, str, str]]:
            try:
                pulls = self._repo.get_commit(sha).get_pulls()
                return [(int(p.number), str(p.head.sha), str(p.state)) for p in self._first(pulls)]
            except GithubException as exc:
                if exc.status in (404, 422):  # commit unknown here (a fork's): ask the PR list
                    return []
                raise

        found = self._call(
            f"find the pull request of commit {sha[:12]}", "pull-requests: read", by_commit
        )
        for number, head, state in sorted(found):
            if head == sha and state == "open":
                return number

        def open_pulls() -> int | None:
            for i, pull in enumerate(
                self._repo.get_pulls(state="open", sort="updated", direction="desc")
            ):
                if pull.head.sha == sha:
                    return int(pull.number)
                if i >= 300:
                    break
            return None

        return self._call("list open pull requests", "pull-requests: read", open_pulls)

    def open_pull(self, *, head: str, base: str, title: str, body: str) -> PullInfo:
        """Open a pull request from branch ``head`` of this repository, or update the open one.

        A second run for the same branch (an edited issue, a retry) finds the pull request
        it opened before and gives it the new title and body instead of failing.
        """
        owner = self.repository.split("/", 1)[0]

        def existing() -> PullInfo | None:
            for pull in self._first(self._repo.get_pulls(state="open", head=f"{owner}:{head}")):
                if pull.head.ref == head:
                    return PullInfo(int(pull.number), str(pull.html_url), "updated")
            return None

        found = self._call(f"find the pull request of {head}", "pull-requests: read", existing)
        if found is not None:
            self._call(
                f"update pull request #{found.number}",
                "pull-requests: write",
                lambda: self._repo.get_pull(found.number).edit(title=title, body=body),
            )
            return found
        pull = self._call(
            f"open a pull request from {head}",
            "pull-requests: write",
            lambda: self._repo.create_pull(base=base, head=head, title=title, body=body),
        )
        return PullInfo(int(pull.number), str(pull.html_url), "created")

    # ---- the sticky comment ----------------------------------------------------------
    def _sticky(self, number: int, marker: str, bot_login: str) -> list[Any]:
        def listing() -> list[Any]:
            return [
                c
                for c in self._first(self._repo.get_issue(number).get_comments())
                if isinstance(c.body, str)
                and c.body.startswith(marker)
                and isinstance(c.id, int)
                and c.user is not None
                and isinstance(c.user.login, str)
                and c.user.login.lower() == bot_login.lower()
            ]

        found = self._call(f"read the comments of #{number}", "pull-requests: read", listing)
        # Once per id: a listing that repeats a page must not make our own comment look
        # like a duplicate of itself (and get deleted).
        unique = {c.id: c for c in reversed(found)}
        return sorted(unique.values(), key=lambda c: c.id)

    def _delete(self, comment: Any, number: int) -> bool:
        def delete() -> bool:
            try:
                comment.delete()
            except GithubException as exc:
                if exc.status == 404:  # another run removed it first
                    return False
                raise
            return True

        return self._call(
            f"delete a duplicate comment on #{number}", "pull-requests: write", delete
        )

    def _edit(self, comment: Any, body: str, number: int) -> None:
        self._call(
            f"edit the comment on #{number}", "pull-requests: write", lambda: comment.edit(body)
        )

    def upsert_comment(
        self,
        number: int,
        body: str,
        *,
        marker: str,
        bot_login: str = BOT_LOGIN,
        create: bool = True,
    ) -> CommentResult:
        """Create, edit or leave alone the one comment that starts with ``marker``.

        With ``create=False`` an existing comment is still updated, but none is created.
        Two runs that race may both create one; after creating, the comments are listed
        again, the oldest one is kept (and given this body) and newer ones are deleted.
        """
        mine = self._sticky(number, marker, bot_login)
        removed = 0
        if mine:
            keep = mine[0]
            removed = sum(self._delete(dup, number) for dup in mine[1:])
            if keep.body == body:
                return CommentResult("unchanged", keep.id, keep.html_url, removed)
            self._edit(keep, body, number)
            return CommentResult("updated", keep.id, keep.html_url, removed)
        if not create:
            return CommentResult("skipped", None)
        created = self._call(
            f"comment on #{number}",
            "pull-requests: write",
            lambda: self._repo.get_issue(number).create_comment(body),
        )
        again = self._sticky(number, marker, bot_login)
        if len(again) > 1 or (again and again[0].id != created.id):
            keep = again[0]
            removed = sum(self._delete(dup, number) for dup in again[1:])
            if keep.id != created.id:
                if keep.body != body:
                    self._edit(keep, body, number)
                return CommentResult("updated", keep.id, keep.html_url, removed)
        return CommentResult("created", created.id, created.html_url, removed)

    # ---- the review with suggestions -------------------------------------------------
    def pull_patches(self, number: int) -> dict[str, str | None]:
        """Each file of the pull request -> GitHub's ``patch`` of it (None: too large, binary)."""

        def listing() -> dict[str, str | None]:
            files = self._repo.get_pull(number).get_files()
            return {
                str(f.filename): f.patch if isinstance(f.patch, str) else None
                for f in self._first(files)
            }

        return self._call(f"list the files of #{number}", "pull-requests: read", listing)

    def _reviews(self, number: int, marker: str, bot_login: str) -> list[Any]:
        def listing() -> list[Any]:
            return [
                r
                for r in self._first(self._repo.get_pull(number).get_reviews())
                if isinstance(r.body, str)
                and r.body.startswith(marker)
                and isinstance(r.id, int)
                and r.user is not None
                and isinstance(r.user.login, str)
                and r.user.login.lower() == bot_login.lower()
            ]

        found = self._call(f"read the reviews of #{number}", "pull-requests: read", listing)
        return sorted({r.id: r for r in found}.values(), key=lambda r: r.id)

    def _supersede(self, review: Any, number: int, note: str) -> None:
        """Withdraw an older review's suggestions (delete its comments) and say why in its text."""
        pull = self._repo.get_pull(number)

        def withdraw() -> None:
            for comment in self._first(pull.get_single_review_comments(review.id)):
                try:
                    comment.delete()
                except GithubException as exc:
                    if exc.status != 404:  # already gone (another run, or by hand)
                        raise
            review.edit(note)

        self._call(f"withdraw an older review on #{number}", "pull-requests: write", withdraw)

    def sync_review(
        self,
        number: int,
        head_sha: str,
        body: str,
        comments: list[dict[str, Any]],
        *,
        marker: str,
        superseded: str,
        bot_login: str = BOT_LOGIN,
    ) -> ReviewResult:
        """One review (``event: COMMENT``) of ``comments`` on ``head_sha``; older ones withdrawn.

        ``body`` must start with ``marker``; a review of this head commit that already
        exists is left alone (a re-run posts nothing). Reviews of older commits get the
        ``superseded`` text (which also starts with ``marker``) and lose their comments.
        Two runs racing may both create one: the newer is then withdrawn.
        """
        mine = self._reviews(number, marker, bot_login)
        current = [r for r in mine if r.commit_id == head_sha and superseded not in r.body]
        action: Literal["created", "unchanged", "none"] = "unchanged" if current else "none"
        review_id = current[0].id if current else None
        if not current and comments:
            pull = self._repo.get_pull(number)

            def create() -> Any:
                commit = self._repo.get_commit(head_sha)
                items = cast("list[ReviewComment]", comments)  # the API's own item shape
                return pull.create_review(commit=commit, body=body, event="COMMENT", comments=items)

            created = self._call(f"post a review on #{number}", "pull-requests: write", create)
            action, review_id = "created", created.id
            again = [
                r
                for r in self._reviews(number, marker, bot_login)
                if r.commit_id == head_sha and superseded not in r.body
            ]
            if again and again[0].id != created.id:  # a racing run was first: keep its review
                self._supersede(created, number, superseded)
                action, review_id = "unchanged", again[0].id
        count = 0
        for review in mine:
            if review.commit_id != head_sha and superseded not in review.body:
                self._supersede(review, number, superseded)
                count += 1
        return ReviewResult(action, review_id, count)

    # ---- labels ----------------------------------------------------------------------
    def sync_labels(
        self, number: int, add: list[str], remove: list[str]
    ) -> tuple[list[str], list[str]]:
        """Add and remove labels on an issue or pull request; returns what actually changed."""
        issue = self._repo.get_issue(number)
        current = self._call(
            f"read the labels of #{number}",
            "issues: read",
            lambda: {lb.name for lb in issue.labels},
        )
        added = [name for name in dict.fromkeys(add) if name not in current]
        removed = [name for name in dict.fromkeys(remove) if name in current and name not in add]
        if added:
            self._call(f"label #{number}", "issues: write", lambda: issue.add_to_labels(*added))
        for name in removed:

            def unlabel(name: str = name) -> None:
                try:
                    issue.remove_from_labels(name)
                except GithubException as exc:
                    if exc.status != 404:
                        raise

            self._call(f"remove label {name!r} from #{number}", "issues: write", unlabel)
        return added, removed

    # ---- the link-rot issue ----------------------------------------------------------
    def find_issues(
        self,
        label: str,
        marker: str,
        *,
        state: Literal["open", "closed"],
        bot_login: str = BOT_LOGIN,
    ) -> list[IssueInfo]:
        """The bot's issues holding ``marker`` (open: oldest first; closed: recent first).

        Looked up by ``label`` first; when none carries it (a label can be removed by
        hand, or dropped by GitHub on creation), by author, so that a lost label never
        leads to a second issue.
        """

        def listing(by_label: bool) -> list[IssueInfo]:
            found = []
            issues = self._repo.get_issues(
                state=state,
                sort="updated" if state == "closed" else "created",
                direction="desc",
                **({"labels": [label]} if by_label else {"creator": bot_login}),
            )
            for i, issue in enumerate(issues):
                if i >= 100:
                    break
                author = issue.user.login if issue.user is not None else ""
                if (
                    issue.pull_request is None
                    and marker in (issue.body or "")
                    and author.lower() == bot_login.lower()
                ):
                    found.append(
                        IssueInfo(
                            issue.number, issue.title, issue.body or "", issue.state, issue.html_url
                        )
                    )
            return found

        what = f"list issues labelled {label!r}"
        found = self._call(what, "issues: read", lambda: listing(True))
        if not found:
            found = self._call(
                f"list issues by {bot_login}", "issues: read", lambda: listing(False)
            )
        return found if state == "closed" else sorted(found, key=lambda i: i.number)

    def create_issue(self, title: str, body: str, labels: list[str]) -> IssueInfo:
        issue = self._call(
            "open an issue",
            "issues: write",
            lambda: self._repo.create_issue(title=title, body=body, labels=labels),
        )
        return IssueInfo(issue.number, title, body, "open", issue.html_url)

    def update_issue(
        self,
        number: int,
        *,
        title: str | None = None,
        body: str | None = None,
        state: str | None = None,
    ) -> None:
        changes: dict[str, Any] = {
            k: v for k, v in (("title", title), ("body", body), ("state", state)) if v is not None
        }
        if not changes:
            return
        self._call(
            f"update issue #{number}",
            "issues: write",
            lambda: self._repo.get_issue(number).edit(**changes),
        )

    def comment_issue(self, number: int, body: str) -> None:
        self._call(
            f"comment on issue #{number}",
            "issues: write",
            lambda: self._repo.get_issue(number).create_comment(body),
        )
