"""The link checker against servers that misbehave in every way we could think of.

Each fault runs twice: as a plain link (HEAD/GET, headers only) and as a DOI checked
through the resolver's JSON API (the one path that reads a body). Whatever the server
does, the check ends on its own timeouts, with bounded memory, and with a verdict whose
message is one line; nothing raises.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

import faultserver
from faultserver import FAULTS, FaultServer
from links_helpers import entry, write_list
from listbot.cli import main
from listbot.links.check import Endpoints, Engine, Policy
from listbot.links.model import LinkResult, Target

POLICY = Policy(timeout=0.3, retries=1, backoff=0.01, allow_private=True)
WALL = 30.0  # generous: each check here ends in well under a second on its own timeouts
MEMORY = 32 * 1024 * 1024

U, B, K, X = "unreachable", "broken", "ok", "blocked"
# fault -> (verdict as a plain link, verdict as a DOI through the resolver's API)
EXPECTED: dict[str, tuple[str, str]] = {
    "stall": (U, U),
    "headers-then-stall": (K, U),  # a link needs only the headers; the API needs the body
    "half-body-then-stall": (K, U),
    "drip-headers": (U, U),
    "drip-body": (K, U),
    "drop-before-answer": (U, U),
    "drop-mid-headers": (U, U),
    "drop-mid-body": (K, U),
    "huge-header-line": (U, U),
    "endless-headers": (U, U),
    "endless-continue": (U, U),
    "gigabyte-body": (K, U),
    "gigabyte-chunked": (K, U),
    "gigabyte-unframed": (K, U),
    "gzip-bomb": (K, U),  # we ask for identity encoding and never inflate anything
    "redirect-forever": (B, U),
    "redirect-forever-permanent": (B, U),
    "malformed-not-http": (U, U),
    "malformed-garbage": (U, U),
    "malformed-no-crlf": (U, U),
    "malformed-bare-status": (K, U),
    "malformed-no-reason-no-space": (U, U),
    "malformed-status-letters": (U, U),
    "malformed-status-huge": (U, U),
    "malformed-status-superscript": (U, U),
    "malformed-status-negative": (U, U),
    "malformed-status-zero": (U, U),
    "malformed-http-2-line": (U, U),
    "malformed-invalid-header-bytes": (K, U),
    "malformed-header-no-colon": (K, U),
    "malformed-content-length-letters": (K, U),
    "malformed-content-length-negative": (K, U),
    "malformed-content-length-superscript": (K, U),
    "malformed-content-length-huge": (K, U),
    "malformed-content-length-twice": (K, U),
    "malformed-content-length-short": (K, U),
    "malformed-chunked-garbage": (K, U),
    "malformed-chunked-superscript": (K, U),
    "malformed-chunked-negative": (K, U),
    "malformed-chunked-huge": (K, U),
    "malformed-chunked-no-end": (K, U),
    "malformed-chunked-bad-trailer": (K, U),
    "malformed-retry-after-superscript": (U, U),
    "malformed-retry-after-huge": (U, U),
    "malformed-retry-after-garbage-date": (U, U),
    "malformed-ratelimit-reset-superscript": (U, U),
    "malformed-location-garbage": (B, U),
    "malformed-location-bad-port": (U, U),
    "malformed-location-empty": (K, U),
    "malformed-location-javascript": (X, U),
    "malformed-location-file": (X, U),
    "malformed-set-cookie-garbage": (B, U),
}


def test_every_fault_has_an_expected_verdict() -> None:
    assert set(EXPECTED) == set(FAULTS)


def run_bounded(target: Target, endpoints: Endpoints) -> tuple[LinkResult, float, int]:
    tracemalloc.start()
    started = time.monotonic()
    try:
        (result,) = Engine(POLICY, endpoints).run([target])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, time.monotonic() - started, peak


def assert_clear(result: LinkResult) -> None:
    assert result.message == result.message.strip()
    assert "\n" not in result.message and "\r" not in result.message
    assert len(result.message) <= 1200  # a redirect chain names each hop, 80 characters at most
    assert "Traceback" not in result.message


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_plain_link_against_fault(name: str) -> None:
    with FaultServer(FAULTS[name]) as server:
        result, wall, peak = run_bounded(Target(server.url("/paper"), ()), Endpoints())
    assert result.status.value == EXPECTED[name][0], result
    assert wall < WALL and peak < MEMORY, (wall, peak)
    assert_clear(result)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_doi_api_against_fault(name: str) -> None:
    with FaultServer(FAULTS[name]) as server:
        target = Target("https://doi.org/10.1145/1", (), doi="10.1145/1")
        result, wall, peak = run_bounded(target, Endpoints(doi=server.url("")))
    assert result.status.value == EXPECTED[name][1], result
    assert wall < WALL and peak < MEMORY, (wall, peak)
    assert_clear(result)


def test_messages_name_what_went_wrong() -> None:
    cases = {
        "stall": "no answer within 0.3 s",
        "huge-header-line": "response headers are too large",
        "redirect-forever": "more than 10 redirects",
        "malformed-status-superscript": "not an HTTP/1.x answer",
        "malformed-status-zero": "not an HTTP/1.x answer",  # was "HTTP 0 OK"
        "malformed-location-garbage": "redirects to a malformed URL",
        "malformed-location-file": "only http and https links are checked",
    }
    for name, words in cases.items():
        with FaultServer(FAULTS[name]) as server:
            result, _, _ = run_bounded(Target(server.url("/p"), ()), Endpoints())
        assert words in result.message, (name, result.message)
    with FaultServer(FAULTS["malformed-chunked-garbage"]) as server:
        target = Target("https://doi.org/10.1/x", (), doi="10.1/x")
        result, _, _ = run_bounded(target, Endpoints(doi=server.url("")))
    assert "bad chunk size" in result.message


def test_a_stalled_server_does_not_hold_up_the_other_links() -> None:
    routes = {"/stall": faultserver.stall, "/ok": faultserver.answer(200, b"fine")}
    with FaultServer(routes) as server:
        targets = [Target(server.url("/stall"), ())] + [
            Target(server.url(f"/ok/{i}"), ()) for i in range(20)
        ]
        started = time.monotonic()
        results = Engine(POLICY, Endpoints()).run(targets)
    assert time.monotonic() - started < WALL
    assert [r.status.value for r in results] == ["unreachable"] + ["ok"] * 20


def test_cli_reports_faults_as_findings_not_crashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    routes = {
        "/stall": faultserver.stall,
        "/huge": faultserver.gigabyte_body,
        "/garbage": faultserver.raw(faultserver.MALFORMED["status-superscript"]),
        "/loop": faultserver.redirect_forever,
    }
    with FaultServer(routes) as server:
        write_list(
            tmp_path,
            {
                "a.yaml": entry("A", paper=server.url("/stall"), code=server.url("/huge")),
                "b.yaml": entry("B", paper=server.url("/garbage"), code=server.url("/loop")),
            },
            "links:\n  timeout: 0.3\n  retries: 0\n",
        )
        monkeypatch.chdir(tmp_path)
        code = main(["links", "--allow-private", "--no-cache"], env={})
    out, err = capsys.readouterr()
    assert code == 1  # the redirect loop is a broken link
    assert "Traceback" not in out + err and "internal error" not in err
    assert "more than 10 redirects" in out + err
    assert "no answer within 0.3 s" in out + err


def test_the_github_token_never_follows_a_redirect_to_another_host() -> None:
    async def loopback(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]  # github.com and every other name: this machine, nothing leaves

    with FaultServer(faultserver.answer(200, b"{}")) as thief:
        moved = faultserver.answer(301, b"", {"Location": f"http://localhost:{thief.port}/x"})
        with FaultServer({"/repos/": moved}) as api:
            endpoints = Endpoints(github_api=api.url(""), github_token="s3cret-token")
            engine = Engine(POLICY, endpoints, resolver=loopback)
            (result,) = engine.run([Target("https://github.com/owner/repo", ())])
        # the GraphQL query first (no such endpoint here), then the REST API
        assert [r.path for r in api.requests] == ["/graphql", "/repos/owner/repo"]
        assert all(b"s3cret-token" in r.head for r in api.requests)
    assert not any(b"s3cret-token" in r.head for r in thief.requests)
    assert result.status.value == "unreachable"  # github.com:443 here is refused
