"""The GitHub adapter against a fake REST server that real PyGithub talks to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fakegithub import BOT, FakeGitHub
from listbot.bot.github import GitHub, GitHubError

MARKER = "<!-- listbot:comment -->"
SHA = "a" * 40
TOKEN = "s3cret-token-value"


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub(token=TOKEN) as server:
        yield server


class Sleeper:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def client(fake: FakeGitHub, sleeper: Sleeper | None = None, **kwargs: object) -> GitHub:
    env = {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": fake.url}
    return GitHub.from_env(
        "owner/repo", env, sleep=sleeper or Sleeper(), now=lambda: 1000.0, **kwargs
    )


def test_first_run_creates_then_edits_then_leaves_alone(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    gh = client(fake)
    first = gh.upsert_comment(7, MARKER + "\none", marker=MARKER)
    assert first.action == "created"
    second = gh.upsert_comment(7, MARKER + "\ntwo", marker=MARKER)
    assert second.action == "updated" and second.comment_id == first.comment_id
    writes_before = len(fake.writes())
    third = gh.upsert_comment(7, MARKER + "\ntwo", marker=MARKER)
    assert third.action == "unchanged"
    assert len(fake.writes()) == writes_before  # no write at all
    assert [c["body"] for c in fake.comments_on(7)] == [MARKER + "\ntwo"]


def test_comments_by_others_with_the_marker_are_not_ours(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    fake.add_comment(7, MARKER + "\nforged by a user", user="mallory")
    result = client(fake).upsert_comment(7, MARKER + "\nreal", marker=MARKER)
    assert result.action == "created"
    bodies = [(c["user"]["login"], c["body"]) for c in fake.comments_on(7)]
    assert bodies == [("mallory", MARKER + "\nforged by a user"), (BOT, MARKER + "\nreal")]


def test_racing_runs_leave_one_comment(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    # Another run's comment appears right after ours is created (both saw none before).
    fake.state.after_create_comment = lambda n: fake.add_comment(n, MARKER + "\nother run")
    result = client(fake).upsert_comment(7, MARKER + "\nthis run", marker=MARKER)
    comments = fake.comments_on(7)
    assert len(comments) == 1
    assert comments[0]["id"] == result.comment_id
    # Then the other run re-lists, finds one, and edits it: still one.
    client(fake).upsert_comment(7, MARKER + "\nother run", marker=MARKER)
    assert [c["body"] for c in fake.comments_on(7)] == [MARKER + "\nother run"]


def test_older_duplicates_are_cleaned_up(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    keep = fake.add_comment(7, MARKER + "\nold")
    fake.add_comment(7, MARKER + "\nduplicate")
    result = client(fake).upsert_comment(7, MARKER + "\nnew", marker=MARKER)
    assert (result.action, result.comment_id, result.removed_duplicates) == ("updated", keep, 1)
    assert [c["body"] for c in fake.comments_on(7)] == [MARKER + "\nnew"]


def test_many_comments_are_paginated(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    for i in range(65):
        fake.add_comment(7, f"chatter {i}", user="someone")
    ours = fake.add_comment(7, MARKER + "\nold")
    result = client(fake).upsert_comment(7, MARKER + "\nnew", marker=MARKER)
    assert (result.action, result.comment_id) == ("updated", ours)


def test_pull_found_by_head_sha_for_a_fork(fake: FakeGitHub) -> None:
    fake.add_pull(3, head_sha="c" * 40)
    fake.add_pull(9, head_sha=SHA, fork=True)
    assert client(fake).find_pull_by_head(SHA) == 9
    assert client(fake).find_pull_by_head("d" * 40) is None


def test_pull_found_in_open_pulls_when_commit_lookup_is_empty(fake: FakeGitHub) -> None:
    fake.state.commit_lookup_sees_forks = False  # as GitHub may answer for a fork's commit
    fake.add_pull(9, head_sha=SHA, fork=True)
    assert client(fake).find_pull_by_head(SHA) == 9
    assert ("GET", "/repos/owner/repo/pulls") in fake.state.log


def test_pull_found_when_commit_lookup_fails_with_422(fake: FakeGitHub) -> None:
    fake.add_pull(9, head_sha=SHA, fork=True)
    fake.fail("GET", f"/commits/{SHA}/pulls", 422, message="No commit found for SHA")
    assert client(fake).find_pull_by_head(SHA) == 9


def test_closed_pull_is_not_found(fake: FakeGitHub) -> None:
    fake.add_pull(9, head_sha=SHA, state="closed")
    assert client(fake).find_pull_by_head(SHA) is None


def test_secondary_rate_limit_then_success(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    fake.fail(
        "POST", "/comments", 403, {"Retry-After": "7"}, "You have exceeded a secondary rate limit"
    )
    sleeper = Sleeper()
    result = client(fake, sleeper).upsert_comment(7, MARKER + "\nx", marker=MARKER)
    assert result.action == "created"
    assert sleeper.calls == [7.0]
    assert len(fake.comments_on(7)) == 1


def test_primary_rate_limit_waits_until_reset(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    fake.fail(
        "GET",
        "/comments",
        403,
        {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1030"},
        "API rate limit exceeded",
    )
    sleeper = Sleeper()
    client(fake, sleeper).upsert_comment(7, MARKER + "\nx", marker=MARKER)
    assert sleeper.calls == [31.0]  # reset (1030) - now (1000) + 1


def test_server_error_then_success(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    fake.fail("GET", "/comments", 500, message="boom", times=2)
    sleeper = Sleeper()
    result = client(fake, sleeper).upsert_comment(7, MARKER + "\nx", marker=MARKER)
    assert result.action == "created"
    assert sleeper.calls == [1.0, 2.0]


def test_lost_response_after_create_still_leaves_one_comment(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    fake.fail("POST", "/comments", 502, message="bad gateway", after=True)  # created, then 502
    result = client(fake).upsert_comment(7, MARKER + "\nx", marker=MARKER)
    comments = fake.comments_on(7)
    assert len(comments) == 1 and comments[0]["id"] == result.comment_id
    assert result.removed_duplicates == 1


def test_total_wait_is_bounded(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    fake.fail("GET", "/comments", 429, {"Retry-After": "200"}, "slow down", times=5)
    sleeper = Sleeper()
    with pytest.raises(GitHubError, match="over listbot's limit of 300 s"):
        client(fake, sleeper).upsert_comment(7, MARKER + "\nx", marker=MARKER)
    assert sleeper.calls == [200.0]


def test_persistent_server_errors_give_up(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    fake.fail("GET", "/comments", 502, message="bad gateway", times=100)
    with pytest.raises(GitHubError, match=r"HTTP 502: bad gateway"):
        client(fake).upsert_comment(7, MARKER + "\nx", marker=MARKER)


def test_401_is_one_line_and_never_shows_the_token(fake: FakeGitHub) -> None:
    gh = GitHub("owner/repo", token="wrong-token", api_url=fake.url, sleep=Sleeper())
    with pytest.raises(GitHubError) as info:
        gh.find_pull_by_head(SHA)
    message = str(info.value)
    assert "401" in message and "GITHUB_TOKEN" in message
    assert "\n" not in message and "wrong-token" not in message


def test_403_names_the_missing_permission(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    fake.fail("POST", "/comments", 403, message="Resource not accessible by integration")
    with pytest.raises(GitHubError, match="lacks the 'pull-requests: write' permission"):
        client(fake).upsert_comment(7, MARKER + "\nx", marker=MARKER)


def test_404_says_what_was_not_found(fake: FakeGitHub) -> None:
    with pytest.raises(GitHubError, match=r"cannot read the comments of #404 \(HTTP 404"):
        client(fake).upsert_comment(404, MARKER, marker=MARKER)


def test_missing_token_is_a_clear_error() -> None:
    with pytest.raises(GitHubError, match="GITHUB_TOKEN is not set"):
        GitHub.from_env("owner/repo", {})


def test_labels_added_and_removed_only_when_needed(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    fake.state.issues[7]["labels"] = ["needs-changes", "keep-me"]
    gh = client(fake)
    assert gh.sync_labels(7, ["new-paper"], ["needs-changes"]) == (["new-paper"], ["needs-changes"])
    assert sorted(fake.state.issues[7]["labels"]) == ["keep-me", "new-paper"]
    writes = len(fake.writes())
    assert gh.sync_labels(7, ["new-paper"], ["needs-changes"]) == ([], [])
    assert len(fake.writes()) == writes


def test_issue_find_create_update_close(fake: FakeGitHub) -> None:
    gh = client(fake)
    assert gh.find_issues("link-rot", "<!-- m -->", state="open") == []
    made = gh.create_issue("Broken", "<!-- m -->\nbody", ["link-rot"])
    found = gh.find_issues("link-rot", "<!-- m -->", state="open")
    assert [(i.number, i.title) for i in found] == [(made.number, "Broken")]
    gh.update_issue(made.number, body="<!-- m -->\nnew", state="closed")
    assert gh.find_issues("link-rot", "<!-- m -->", state="open") == []
    assert [i.body for i in gh.find_issues("link-rot", "<!-- m -->", state="closed")] == [
        "<!-- m -->\nnew"
    ]


def test_unreachable_api_is_retried_then_one_line() -> None:
    sleeper = Sleeper()
    gh = GitHub("owner/repo", token=TOKEN, api_url="http://127.0.0.1:9", sleep=sleeper, timeout=2)
    with pytest.raises(GitHubError, match="GitHub API unreachable") as info:
        gh.find_pull_by_head(SHA)
    assert sleeper.calls == [1.0, 2.0]
    assert TOKEN not in str(info.value)


def test_issue_found_by_author_when_its_label_is_gone(fake: FakeGitHub) -> None:
    number = fake.add_issue("Link rot", "<!-- m -->", [])
    fake.add_issue("Someone else's", "<!-- m -->", ["link-rot"])
    fake.state.issues[number + 1]["user"] = {"login": "mallory"}
    found = client(fake).find_issues("link-rot", "<!-- m -->", state="open")
    assert [i.number for i in found] == [number]
