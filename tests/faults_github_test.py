"""The GitHub adapter, through real PyGithub, against broken transports and hostile answers.

Two kinds of trouble: the connection itself (every fault of ``faultserver``), which must
end in bounded time and memory as one ``GitHubError`` line (or a plain "not found");
and answers that are well-formed HTTP but hostile as data (our marker in somebody
else's comment, endless or looping listings, JSON of the wrong shape), where the bot
must never edit or delete a comment that is not its own.
"""

from __future__ import annotations

import json
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest

import faultserver
from bot_cli_test import NEW, TOKEN, open_pr, repo, run_comment, run_pr  # noqa: F401 (repo)
from fakegithub import BOT, FakeGitHub
from faultserver import FAULTS, FaultServer
from listbot.bot.github import GitHub, GitHubError

MARKER = "<!-- listbot:comment -->"
SHA = "a" * 40
WALL = 30.0
MEMORY = 48 * 1024 * 1024


def client(url: str, **kwargs: Any) -> GitHub:
    options: dict[str, Any] = {
        "token": TOKEN,
        "api_url": url,
        "sleep": lambda seconds: None,
        "timeout": 1,
        "deadline": 0.6,
        "max_bytes": 1 << 20,
    }
    return GitHub("owner/repo", **(options | kwargs))


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub(token=TOKEN) as server:
        yield server


# ---- the transport ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_transport_fault_is_one_line_error(name: str) -> None:
    with FaultServer(FAULTS[name]) as server:
        gh = client(server.url(""))
        tracemalloc.start()
        started = time.monotonic()
        try:
            found: int | None = gh.find_pull_by_head(SHA)
            message = ""
        except GitHubError as exc:
            found, message = None, str(exc)
        finally:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    assert time.monotonic() - started < WALL and peak < MEMORY
    assert found is None  # no fault can make up a pull request
    assert "\n" not in message and len(message) <= 400
    assert TOKEN not in message


def test_gigabyte_answer_is_refused_without_reading_it() -> None:
    with FaultServer(faultserver.gigabyte_body) as server:
        with pytest.raises(GitHubError, match=r"with more than 1,048,576 bytes; refused"):
            client(server.url("")).find_pull_by_head(SHA)
        assert server.connections <= 3


def test_a_server_that_trickles_bytes_is_cut_off_by_the_deadline() -> None:
    with FaultServer(faultserver.drip_body) as server:
        started = time.monotonic()
        with pytest.raises(GitHubError, match=r"took longer than 1\.5 s"):
            client(server.url(""), deadline=1.5).find_pull_by_head(SHA)
    assert time.monotonic() - started < 10


def test_a_redirect_loop_is_a_clear_error() -> None:
    def bounce(conn: Any, request: faultserver.Request) -> bool:
        target = "/b" if request.path.startswith("/repos") else "/repos/x"
        return faultserver.send(
            conn, faultserver.response(301, b"", {"Location": target}, reason="Moved")
        )

    with FaultServer(bounce) as server, pytest.raises(GitHubError, match="redirect"):
        client(server.url("")).find_pull_by_head(SHA)


def test_the_size_cap_is_installed_in_pygithub() -> None:
    # A PyGithub release that renames its private connection-class attribute must fail
    # here, not silently drop the cap.
    gh = client("http://127.0.0.1:9")
    cls = gh._gh.requester._Requester__connectionClass  # type: ignore[attr-defined]
    assert cls.__qualname__.startswith("_bounded_connections")


# ---- hostile answers -------------------------------------------------------------------


def test_our_marker_in_other_users_comments_is_never_touched(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    forged = {
        fake.add_comment(7, MARKER + "\nforged", user="mallory"): "mallory",
        fake.add_comment(7, MARKER + "\nlook-alike", user="github-actions[bot]x"): "x",
        fake.add_comment(7, MARKER, user="github-actions"): "no [bot]",
        fake.add_comment(7, " " + MARKER + "\nours, but not at the start", user=BOT): "bot",
    }
    before = {c["id"]: c["body"] for c in fake.comments_on(7)}
    gh = client(fake.url)
    first = gh.upsert_comment(7, MARKER + "\none", marker=MARKER)
    second = gh.upsert_comment(7, MARKER + "\ntwo", marker=MARKER)
    assert (first.action, second.action) == ("created", "updated")
    after = {c["id"]: c["body"] for c in fake.comments_on(7)}
    for cid in forged:
        assert after[cid] == before[cid]
    edits = [p for m, p in fake.writes() if m in ("PATCH", "DELETE")]
    assert edits == [f"/repos/owner/repo/issues/comments/{first.comment_id}"]


def test_a_pagination_loop_ends_and_our_comment_survives(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    ours = fake.add_comment(7, MARKER + "\nold")
    for i in range(40):
        fake.add_comment(7, f"chatter {i}", user="someone")
    fake.state.loop_pages = True  # page 1 says: next is page 1
    started = time.monotonic()
    result = client(fake.url, max_items=200).upsert_comment(7, MARKER + "\nnew", marker=MARKER)
    assert time.monotonic() - started < WALL
    assert (result.action, result.comment_id, result.removed_duplicates) == ("updated", ours, 0)
    assert fake.state.comments[ours]["body"] == MARKER + "\nnew"
    assert not [m for m, _ in fake.writes() if m == "DELETE"]


def test_a_huge_listing_is_read_only_up_to_the_cap(fake: FakeGitHub) -> None:
    fake.add_pull(7, head_sha=SHA)
    for i in range(500):
        fake.add_comment(7, f"{MARKER}\nspam {i}", user="spammer")
    gh = client(fake.url, max_items=120)
    result = gh.upsert_comment(7, MARKER + "\nours", marker=MARKER)
    assert result.action == "created"
    reads = [p for m, p in fake.state.log if m == "GET" and p.endswith("/comments")]
    assert len(reads) <= 2 * (120 // 30 + 2)  # the listing before and after creating
    assert sum(c["user"]["login"] == "spammer" for c in fake.comments_on(7)) == 500


def json_route(payload: Any, status: int = 200) -> faultserver.Fault:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return faultserver.answer(status, body, {"Content-Type": "application/json"})


def comment(cid: Any, body: Any, login: Any) -> dict[str, Any]:
    return {"id": cid, "body": body, "user": {"login": login}, "url": "x", "html_url": "y"}


@pytest.mark.parametrize(
    "listing",
    [
        b"this is not json",
        b'{"message": "a dict, not a list"}',
        b"[1, 2, 3]",
        json.dumps([comment("12", MARKER, BOT)]).encode(),
        json.dumps([comment(5, {"a": 1}, BOT), comment(6, None, BOT)]).encode(),
        json.dumps([comment(5, MARKER, None), comment(6, MARKER, 42)]).encode(),
        json.dumps([comment(5, MARKER, BOT) | {"user": "github-actions[bot]"}]).encode(),
        b"[" * 5000 + b"]" * 5000,
    ],
    ids=[
        "not-json",
        "object",
        "numbers",
        "string-id",
        "body-types",
        "login-types",
        "user-string",
        "deep",
    ],
)
def test_comment_listings_of_the_wrong_shape_never_lead_to_an_edit(listing: bytes) -> None:
    routes = {
        "/repos/owner/repo/issues/7/comments": json_route(listing),
        "/repos/owner/repo/issues/comments/": json_route({"message": "must not be called"}, 500),
    }
    with FaultServer(routes) as server:
        try:
            result = client(server.url("")).upsert_comment(7, MARKER + "\nx", marker=MARKER)
        except GitHubError as exc:
            assert "\n" not in str(exc)
        else:
            assert result.action in ("created", "skipped")
        edits = [r for r in server.requests if r.method in ("PATCH", "DELETE")]
    assert edits == []


def test_comment_command_leaves_forged_sticky_comments_alone(
    request: pytest.FixtureRequest,
    tmp_path: Any,
    fake: FakeGitHub,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = request.getfixturevalue("repo")  # bot_cli_test's: a git checkout of a small list
    sha = open_pr(root, {"pipe-osdi20.yaml": NEW})
    assert run_pr(root, tmp_path, sha, 12) == 0
    fake.add_pull(12, head_sha=sha)
    forged = fake.add_comment(12, MARKER + "\n### listbot\nAll good, merge me!", user="mallory")
    assert run_comment(tmp_path, fake, sha) == 0
    assert run_comment(tmp_path, fake, sha) == 0  # the second run finds its own comment
    out = capsys.readouterr().out
    assert "comment created on #12" in out and "comment unchanged on #12" in out
    comments = fake.comments_on(12)
    assert comments[0] == {
        "id": forged,
        "issue": 12,
        "body": MARKER + "\n### listbot\nAll good, merge me!",
        "user": {"login": "mallory"},
    }
    assert [c["user"]["login"] for c in comments] == ["mallory", BOT]
    assert not [p for m, p in fake.writes() if m in ("PATCH", "DELETE") and str(forged) in p]
