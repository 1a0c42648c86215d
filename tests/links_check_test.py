"""The engine against real HTTP servers on 127.0.0.1: every verdict and politeness rule."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from links_helpers import Farm, Reply, Request, Route
from listbot.links.check import Endpoints, Engine, Policy, host_key, retry_after
from listbot.links.http import Response, address_problem
from listbot.links.model import LinkResult, Status, Target

FAST = Policy(timeout=0.5, retries=2, backoff=0.01, allow_private=True)


@pytest.fixture
def farm() -> Iterator[Farm]:
    with Farm() as f:
        yield f


def check(farm: Farm, *paths: str, policy: Policy = FAST) -> list[LinkResult]:
    return Engine(policy, Endpoints()).run([Target(farm.url(p), ()) for p in paths])


def one(farm: Farm, path: str, policy: Policy = FAST) -> LinkResult:
    return check(farm, path, policy=policy)[0]


def test_ok_uses_one_head_request(farm: Farm) -> None:
    farm.route("/ok", Reply())
    result = one(farm, "/ok")
    assert (result.status, result.http_status, result.attempts) == (Status.OK, 200, 1)
    assert farm.log == [("HEAD", "/ok")]


@pytest.mark.parametrize("code", [404, 410])
def test_404_and_410_are_broken_after_a_confirming_get(farm: Farm, code: int) -> None:
    farm.route("/gone", Reply(code))
    result = one(farm, "/gone")
    assert result.status is Status.BROKEN
    assert result.http_status == code
    assert farm.requests_to("/gone") == ["HEAD", "GET"]


def test_a_404_to_head_only_is_not_broken(farm: Farm) -> None:
    farm.route("/headless", lambda r: Reply(404) if r.method == "HEAD" else Reply())
    assert one(farm, "/headless").status is Status.OK


def test_500_is_retried_until_ok(farm: Farm) -> None:
    farm.route("/flaky", lambda r: Reply(500) if r.count <= 2 else Reply())
    result = one(farm, "/flaky")
    assert result.status is Status.OK
    assert farm.requests_to("/flaky") == ["HEAD", "GET", "GET"]


def test_500_that_never_recovers_is_unreachable_not_broken(farm: Farm) -> None:
    farm.route("/down", Reply(503))
    result = one(farm, "/down")
    assert result.status is Status.UNREACHABLE
    assert result.http_status == 503
    assert "after 2 retries" in result.message
    assert farm.requests_to("/down") == ["HEAD", "GET", "GET", "GET"]


def strict_rate_limit(wait: int) -> Route:
    """429 with Retry-After to the first request and to any retry sooner than ``wait``."""
    import time

    last: list[float] = []

    def route(request: Request) -> Reply:
        now = time.monotonic()
        if not last or now - last[-1] < wait:
            last.append(now)
            return Reply(429, {"Retry-After": str(wait)})
        return Reply()

    return route


def test_429_waits_as_long_as_retry_after_asks(farm: Farm) -> None:
    farm.route("/limited", strict_rate_limit(1))
    result = one(farm, "/limited")
    # a retry sooner than Retry-After would have earned another 429
    assert result.status is Status.OK
    assert farm.requests_to("/limited") == ["HEAD", "HEAD"]


def test_retry_after_beyond_the_cap_ends_retries(farm: Farm) -> None:
    farm.route("/limited", Reply(429, {"Retry-After": "3600"}))
    result = one(farm, "/limited", Policy(timeout=0.5, allow_private=True, max_retry_after=5))
    assert result.status is Status.UNREACHABLE
    assert "3600 s" in result.message and "max_retry_after" in result.message
    assert farm.requests_to("/limited") == ["HEAD"]


def test_head_405_falls_back_to_get_and_the_host_is_asked_with_get_afterwards(farm: Farm) -> None:
    for path in ("/a", "/b", "/c"):
        farm.route(path, lambda r: Reply(405) if r.method == "HEAD" else Reply())
    policy = Policy(timeout=0.5, per_host=1, allow_private=True)
    results = check(farm, "/a", "/b", "/c", policy=policy)
    assert [r.status for r in results] == [Status.OK] * 3
    assert [m for m, _ in farm.log].count("HEAD") == 1


def test_head_reset_falls_back_to_get(farm: Farm) -> None:
    farm.route("/nohead", lambda r: Reply(drop=True) if r.method == "HEAD" else Reply())
    assert one(farm, "/nohead").status is Status.OK
    assert farm.requests_to("/nohead")[-1] == "GET"


def test_temporary_redirect_chain_is_ok(farm: Farm) -> None:
    farm.route("/r1", Reply(302, {"Location": "/r2"}))
    farm.route("/r2", Reply(307, {"Location": farm.url("/r3")}))
    farm.route("/r3", Reply(303, {"Location": "/end#frag"}))
    farm.route("/end", Reply())
    result = one(farm, "/r1")
    assert result.status is Status.OK
    assert result.final_url == farm.url("/end")
    assert result.attempts == 4


def test_permanent_redirect_reports_the_new_url(farm: Farm) -> None:
    farm.route("/old", Reply(301, {"Location": "/new"}))
    farm.route("/new", Reply())
    result = one(farm, "/old")
    assert result.status is Status.REDIRECTED
    assert result.final_url == farm.url("/new")
    assert farm.url("/new") in result.message


def test_permanent_redirect_to_a_dead_page_is_broken(farm: Farm) -> None:
    farm.route("/old", Reply(308, {"Location": "/nothing"}))
    assert one(farm, "/old").status is Status.BROKEN


def test_redirect_loop_is_detected(farm: Farm) -> None:
    farm.route("/a", Reply(302, {"Location": "/b"}))
    farm.route("/b", Reply(302, {"Location": "/a"}))
    result = one(farm, "/a")
    assert result.status is Status.BROKEN
    assert "loop" in result.message
    assert len(farm.log) == 2


def test_too_many_redirects(farm: Farm) -> None:
    farm.route("/r", Reply(302, {"Location": "/r?1"}))
    for n in range(1, 20):
        farm.route(f"/r?{n}", Reply(302, {"Location": f"/r?{n + 1}"}))
    result = one(farm, "/r")
    assert result.status is Status.BROKEN
    assert "more than 10 redirects" in result.message
    assert len(farm.log) == 11


def test_redirect_loop_broken_by_a_cookie_is_followed(farm: Farm) -> None:
    def gate(r: Request) -> Reply:
        if "seen=1" in r.headers.get("cookie", ""):
            return Reply()
        return Reply(302, {"Location": "/gate", "Set-Cookie": "seen=1; Path=/"})

    farm.route("/gate", gate)
    assert one(farm, "/gate").status is Status.OK


def test_timeout_is_unreachable_after_retries(farm: Farm) -> None:
    farm.route("/slow", Reply(delay=1.0))
    result = one(farm, "/slow", Policy(timeout=0.2, retries=1, backoff=0.01, allow_private=True))
    assert result.status is Status.UNREACHABLE
    assert "0.2 s" in result.message
    assert result.attempts == 2


def test_dropped_connection_is_unreachable(farm: Farm) -> None:
    farm.route("/drop", Reply(drop=True))
    result = one(farm, "/drop")
    assert result.status is Status.UNREACHABLE
    assert "closed" in result.message


def test_refusals_are_not_called_broken(farm: Farm) -> None:
    farm.route("/forbidden", Reply(403))
    result = one(farm, "/forbidden")
    assert result.status is Status.UNREACHABLE
    assert "refuses automated checks" in result.message


def test_accepted_codes_count_as_ok(farm: Farm) -> None:
    farm.route("/teapot", Reply(418))
    policy = Policy(timeout=0.5, allow_private=True, accept=(418,))
    assert one(farm, "/teapot", policy).status is Status.OK


def test_per_host_slots_grow_to_the_ceiling_and_never_beyond(farm: Farm) -> None:
    paths = [f"/p{i}" for i in range(40)]
    for path in paths:
        farm.route(path, Reply(delay=0.02))
    policy = Policy(timeout=5, per_host=1, max_per_host=3, fast=5, allow_private=True)
    results = check(farm, *paths, policy=policy)
    assert all(r.status is Status.OK for r in results)
    assert farm.arrivals[0][1] == 1  # it started at per_host
    assert farm.max_in_flight == 3  # grew while fast, and stopped at the ceiling


def test_only_a_host_that_would_finish_last_gets_more_connections() -> None:
    # a busy host and a small one: the busy one decides when the run ends, so it grows to
    # the ceiling; more connections would not end the small one's few links any sooner
    with Farm("127.0.0.1") as busy, Farm("127.0.0.2") as small:
        for i in range(300):  # 300 x 0.01 s over 4 slots: 3x what the small host needs
            busy.route(f"/b{i}", Reply(delay=0.01))
        for i in range(12):
            small.route(f"/s{i}", Reply(delay=0.01))
        targets = [busy.url(f"/b{i}") for i in range(300)]
        targets += [small.url(f"/s{i}") for i in range(12)]
        policy = Policy(timeout=5, fast=5, allow_private=True)
        results = Engine(policy, Endpoints()).run([Target(u, ()) for u in targets])
    assert all(r.status is Status.OK for r in results)
    assert busy.max_in_flight == Policy().max_per_host == 4
    assert (small.max_in_flight, small.connections) == (1, 1)


def test_a_url_that_breaks_fresh_connections_spends_no_kept_one(farm: Farm) -> None:
    farm.route("/drop", Reply(drop=True))
    paths = [f"/p{i}" for i in range(6)]
    for path in paths:
        farm.route(path, Reply())
    policy = Policy(
        timeout=2, retries=2, backoff=0.01, per_host=1, max_per_host=1, allow_private=True
    )
    results = check(farm, "/drop", *paths, policy=policy)
    assert results[0].status is Status.UNREACHABLE
    # HEAD, its GET fallback, then (after the host's other URLs) two retries
    assert farm.requests_to("/drop") == ["HEAD", "GET", "GET", "GET"]
    # one connection for the six good URLs, kept; one for each /drop attempt. A retry on
    # the kept connection would have lost it and then asked again on a fresh one.
    assert farm.connections == 5


def test_default_ceiling_is_never_exceeded(farm: Farm) -> None:
    paths = [f"/p{i}" for i in range(60)]
    for path in paths:
        farm.route(path, Reply(delay=0.02))
    check(farm, *paths, policy=Policy(timeout=5, fast=5, allow_private=True))
    assert farm.max_in_flight <= Policy().max_per_host == 4


def test_slow_answers_do_not_grow_the_slots(farm: Farm) -> None:
    paths = [f"/p{i}" for i in range(8)]
    for path in paths:
        farm.route(path, Reply(delay=0.05))
    check(farm, *paths, policy=Policy(timeout=5, per_host=2, fast=0.001, allow_private=True))
    assert farm.max_in_flight == 2


def test_slots_go_back_to_one_after_a_429(farm: Farm) -> None:
    first = [f"/p{i}" for i in range(24)]
    after = [f"/q{i}" for i in range(12)]
    for path in first + after:
        farm.route(path, Reply(delay=0.02))
    farm.route("/limited", lambda r: Reply(429, {"Retry-After": "1"}) if r.count == 1 else Reply())
    policy = Policy(timeout=5, per_host=2, max_per_host=4, fast=5, allow_private=True)
    results = check(farm, *first, "/limited", *after, policy=policy)
    assert all(r.status is Status.OK for r in results)
    limited_at = [p for p, _ in farm.arrivals].index("/limited")
    assert max(n for _, n in farm.arrivals[:limited_at]) == 4  # it had grown to the ceiling
    later = [n for _, n in farm.arrivals[limited_at + 1 :]]
    # Up to 3 requests may have been sent beside /limited before its 429 came back; every
    # one sent after it went alone until the host had answered 8 (2 x ceiling) fast ones,
    # of which those stragglers can account for 3 at most.
    assert later[3:8] == [1] * 5
    assert max(later) > 1  # and then it grew again


def test_per_host_start_is_configurable(farm: Farm) -> None:
    paths = [f"/p{i}" for i in range(12)]
    for path in paths:
        farm.route(path, Reply(delay=0.05))
    check(farm, *paths, policy=Policy(timeout=1, per_host=3, max_per_host=3, allow_private=True))
    assert farm.max_in_flight == 3


def test_a_slow_link_waits_behind_the_hosts_other_urls_for_its_retry(farm: Farm) -> None:
    farm.route("/slow", Reply(delay=0.6))
    paths = [f"/p{i}" for i in range(6)]
    for path in paths:
        farm.route(path, Reply())
    policy = Policy(
        timeout=0.3, retries=1, backoff=0.01, per_host=1, max_per_host=1, allow_private=True
    )
    results = check(farm, "/slow", *paths, policy=policy)
    assert results[0].status is Status.UNREACHABLE
    order = [p for _, p in farm.log]
    # the timed-out first attempt, then every other URL of the host, then its retries
    assert order[0] == "/slow" and order[1:7] == paths
    assert set(order[7:]) == {"/slow"}


def test_get_keeps_the_connection_when_the_page_is_small(farm: Farm) -> None:
    paths = [f"/p{i}" for i in range(10)]
    for path in paths:
        farm.route(path, lambda r: Reply(405) if r.method == "HEAD" else Reply(body=b"x" * 5000))
    policy = Policy(timeout=2, per_host=1, max_per_host=1, allow_private=True)
    results = check(farm, *paths, policy=policy)
    assert all(r.status is Status.OK for r in results)
    assert farm.connections == 1  # ten GETs (and one HEAD) on one kept connection


def test_get_closes_the_connection_rather_than_read_a_big_page(farm: Farm) -> None:
    from listbot.links.http import DRAIN_BYTES

    for path in ("/a", "/b"):
        farm.route(
            path,
            lambda r: Reply(405) if r.method == "HEAD" else Reply(body=b"x" * (DRAIN_BYTES + 1)),
        )
    policy = Policy(timeout=2, per_host=1, max_per_host=1, allow_private=True)
    assert [r.status for r in check(farm, "/a", "/b", policy=policy)] == [Status.OK] * 2
    assert farm.connections == 2  # each big GET closed the connection it was sent on


def test_a_host_whose_head_fails_is_asked_with_get_afterwards(farm: Farm) -> None:
    paths = [f"/p{i}" for i in range(10)]
    for path in paths:
        farm.route(path, lambda r: Reply(403) if r.method == "HEAD" else Reply())
    policy = Policy(timeout=2, per_host=1, max_per_host=1, allow_private=True)
    assert all(r.status is Status.OK for r in check(farm, *paths, policy=policy))
    assert [m for m, _ in farm.log].count("HEAD") == 1


def test_head_refusal_is_remembered_at_any_concurrency(farm: Farm) -> None:
    paths = [f"/p{i}" for i in range(30)]
    for path in paths:
        farm.route(path, lambda r: Reply(405) if r.method == "HEAD" else Reply(delay=0.01))
    policy = Policy(timeout=2, per_host=2, max_per_host=4, fast=5, allow_private=True)
    assert all(r.status is Status.OK for r in check(farm, *paths, policy=policy))
    # only the requests already in flight before the first 405 came back were HEAD
    assert [m for m, _ in farm.log].count("HEAD") <= 2
    assert [m for m, _ in farm.log].count("GET") == 30


def test_a_url_is_requested_once_per_run(farm: Farm) -> None:
    farm.route("/x", Reply())
    engine = Engine(FAST, Endpoints())
    results = engine.run([Target(farm.url("/x"), ()), Target(farm.url("/x"), ())])
    assert [r.status for r in results] == [Status.OK, Status.OK]
    assert len(farm.log) == 1


def test_excluded_links_are_not_requested(farm: Farm) -> None:
    import re

    policy = Policy(timeout=0.5, allow_private=True, exclude=(re.compile("/private/"),))
    result = one(farm, "/private/x", policy)
    assert result.status is Status.EXCLUDED
    assert farm.log == []


# -- the guard -------------------------------------------------------------------------


def test_loopback_is_blocked_unless_allowed(farm: Farm) -> None:
    farm.route("/ok", Reply())
    result = one(farm, "/ok", Policy(timeout=0.5))
    assert result.status is Status.BLOCKED
    assert "loopback" in result.message
    assert farm.log == []


def test_redirect_to_a_private_address_is_blocked() -> None:
    # 127.0.0.1 plays a public server; 127.0.0.2 plays the metadata service
    with Farm("127.0.0.1") as public, Farm("127.0.0.2") as private:
        public.route("/go", Reply(302, {"Location": private.url("/latest/meta-data/")}))
        private.route("/latest/meta-data/", Reply())

        def guard(address: str) -> str | None:
            return None if address == "127.0.0.1" else "a private address"

        engine = Engine(Policy(timeout=0.5), Endpoints(), address_check=guard)
        (result,) = engine.run([Target(public.url("/go"), ())])
        assert result.status is Status.BLOCKED
        assert "127.0.0.2" in result.message
        assert public.log == [("HEAD", "/go")]
        assert private.log == []


def test_names_resolving_to_private_addresses_are_blocked_before_connecting() -> None:
    asked: list[str] = []

    async def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["93.184.216.34", "169.254.169.254"]  # one bad answer is enough

    engine = Engine(Policy(timeout=0.5), Endpoints(), resolver=resolver)
    (result,) = engine.run([Target("http://metadata.test/", ())])
    assert result.status is Status.BLOCKED
    assert "169.254.169.254" in result.message and "link-local" in result.message
    assert asked == ["metadata.test"]


def test_connection_goes_to_the_checked_address(farm: Farm) -> None:
    """The name is resolved once, by the guard's resolver; the socket opens to that address."""
    farm.route("/ok", Reply())

    async def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    engine = Engine(FAST, Endpoints(), resolver=resolver)
    (result,) = engine.run([Target(f"http://paper.test:{farm.port}/ok", ())])
    assert result.status is Status.OK
    assert farm.log == [("HEAD", "/ok")]


def test_unknown_host_name_is_broken() -> None:
    async def resolver(host: str, port: int) -> list[str]:
        from listbot.links.http import FetchError

        raise FetchError("nxdomain", f"host name {host} does not resolve")

    engine = Engine(FAST, Endpoints(), resolver=resolver)
    (result,) = engine.run([Target("https://no-such-host.test/", ())])
    assert result.status is Status.BROKEN
    assert "does not resolve" in result.message


def test_only_http_and_https(farm: Farm) -> None:
    farm.route("/ftp", Reply(301, {"Location": "ftp://files.example.org/x"}))
    assert one(farm, "/ftp").status is Status.BLOCKED
    (result,) = Engine(FAST, Endpoints()).run([Target("file:///etc/passwd", ())])
    assert result.status is Status.BLOCKED


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("127.0.0.1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("192.168.0.1", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("224.0.0.1", "a multicast address"),
        ("240.0.0.1", "a private address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("fe80::1", "a link-local address"),
        ("0.0.0.0", "a private address"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_problem(address: str, expected: str | None) -> None:
    assert address_problem(address) == expected


def test_retry_after_forms() -> None:
    def response(**headers: str) -> Response:
        return Response(429, "", {k.replace("_", "-"): v for k, v in headers.items()})

    assert retry_after(response(**{"retry_after": "7"}), now=0) == 7
    assert retry_after(response(retry_after="Thu, 01 Jan 1970 00:01:40 GMT"), now=40) == 60
    assert retry_after(response(x_ratelimit_remaining="0", x_ratelimit_reset="100"), now=90) == 10
    assert retry_after(response(), now=0) is None
    assert host_key("https://Example.org/x") == "example.org"
    assert host_key("http://example.org:8080/y") == "example.org"  # one server, one limit


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes"),
            *("-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_https_with_a_trusted_certificate(certificate: tuple[str, str]) -> None:
    import ssl

    cert, key = certificate
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)
    trusting = ssl.create_default_context(cafile=cert)
    with Farm(tls=server_side) as farm:
        farm.route("/ok", Reply())
        engine = Engine(FAST, Endpoints(), ssl_context=trusting)
        (result,) = engine.run([Target(farm.url("/ok"), ())])
        assert result.status is Status.OK
        assert farm.log == [("HEAD", "/ok")]


def test_https_with_an_untrusted_certificate_is_unreachable_not_broken(
    certificate: tuple[str, str],
) -> None:
    import ssl

    cert, key = certificate
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)
    with Farm(tls=server_side) as farm:
        (result,) = Engine(FAST, Endpoints()).run([Target(farm.url("/ok"), ())])
        assert result.status is Status.UNREACHABLE
        assert "TLS certificate" in result.message
        assert result.attempts == 1


def test_a_body_sent_after_a_head_answer_does_not_spoil_the_next_request(farm: Farm) -> None:
    farm.route("/rude", Reply(body=b"<html>junk</html>", body_on_head=True))
    farm.route("/next", Reply())
    results = check(
        farm, "/rude", "/next", policy=Policy(timeout=0.5, per_host=1, allow_private=True)
    )
    assert [r.status for r in results] == [Status.OK, Status.OK]


def test_global_concurrency_limit(farm: Farm) -> None:
    paths = [f"/p{i}" for i in range(10)]
    for path in paths:
        farm.route(path, Reply(delay=0.05))
    check(farm, *paths, policy=Policy(timeout=1, per_host=4, concurrency=2, allow_private=True))
    assert farm.max_in_flight == 2


def test_a_429_pauses_the_whole_host(farm: Farm) -> None:
    """The server answers 429 to any request sooner than Retry-After after its last 429."""
    import threading
    import time

    lock = threading.Lock()
    last: list[float] = []

    def route(request: Request) -> Reply:
        with lock:
            now = time.monotonic()
            if (request.path == "/a" and request.count == 1) or (last and now - last[-1] < 1):
                last.append(now)
                return Reply(429, {"Retry-After": "1"})
            return Reply()

    for path in ("/a", "/b", "/c"):
        farm.route(path, route)
    results = check(
        farm, "/a", "/b", "/c", policy=Policy(timeout=1, per_host=1, allow_private=True)
    )
    assert [r.status for r in results] == [Status.OK] * 3
    assert len(farm.log) == 4  # one 429, then every request waited for the pause


def test_limiter_wakes_retries_then_the_busiest_host_first() -> None:
    import asyncio

    from listbot.links.check import _Limiter

    async def scenario() -> list[str]:
        limiter = _Limiter(1)
        order: list[str] = []
        await limiter.acquire((0, 0))

        async def waiter(name: str, priority: tuple[int, int]) -> None:
            await limiter.acquire(priority)
            order.append(name)
            limiter.release()

        tasks = [
            asyncio.ensure_future(waiter(name, prio))
            for name, prio in (
                ("small", (0, -1)),
                ("busiest", (0, -500)),
                ("a retry on a small host", (-1, -2)),
                ("medium", (0, -20)),
            )
        ]
        await asyncio.sleep(0)
        limiter.release()
        await asyncio.gather(*tasks)
        return order

    assert asyncio.run(scenario()) == ["a retry on a small host", "busiest", "medium", "small"]


def _no_names(answering: set[str]):  # type: ignore[no-untyped-def]
    """A resolver for which only the hosts in ``answering`` exist (at 127.0.0.1)."""

    async def resolver(host: str, port: int) -> list[str]:
        from listbot.links.http import FetchError

        if host in answering:
            return ["127.0.0.1"]
        raise FetchError("nxdomain", f"host name {host} does not resolve")

    return resolver


def test_no_name_resolving_at_all_is_an_outage_not_rot() -> None:
    from listbot.links.run import resolver_outage

    engine = Engine(FAST, Endpoints(), resolver=_no_names(set()))
    results = resolver_outage(
        engine.run([Target("https://a.test/", ()), Target("https://b.test/x", ())])
    )
    assert [r.status for r in results] == [Status.UNREACHABLE, Status.UNREACHABLE]
    assert all("is the network down?" in r.message for r in results)


def test_one_dead_name_among_answering_hosts_stays_broken(farm: Farm) -> None:
    from listbot.links.run import resolver_outage

    farm.route("/ok", Reply())
    engine = Engine(FAST, Endpoints(), resolver=_no_names({"localhost"}))
    live = farm.url("/ok").replace("127.0.0.1", "localhost")
    results = resolver_outage(
        engine.run([Target(live, ()), Target("https://a.test/", ()), Target("https://b.test/", ())])
    )
    assert [r.status for r in results] == [Status.OK, Status.BROKEN, Status.BROKEN]


def test_a_page_that_stalls_after_its_headers_still_gives_its_answer() -> None:
    """Reading a small page to keep the connection never costs the verdict."""
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    data += conn.recv(4096)
                if data.startswith(b"HEAD"):
                    conn.sendall(b"HTTP/1.1 405 No\r\nContent-Length: 0\r\n\r\n")
                    continue
                # promises 1,000 bytes, sends 10, then stalls past the timeout
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789")
                stop.wait(1.5)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        policy = Policy(timeout=0.5, retries=0, allow_private=True)
        (result,) = Engine(policy, Endpoints()).run([Target(f"http://127.0.0.1:{port}/p", ())])
    finally:
        stop.set()
        thread.join(5)
        server.close()
    assert (result.status, result.http_status) == (Status.OK, 200)
