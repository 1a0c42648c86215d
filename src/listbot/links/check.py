"""The checking engine: politeness, retries, redirects and verdicts for every target.

Rules, in the order a request meets them:

- **Slots.** A request first takes a slot of its host, then one of the global
  ``concurrency`` slots, handed out to the host with the most links still to check, so
  the busiest host (the one that decides the wall time) is never starved by the many
  small ones. A host's slots adapt (AIMD): it starts at ``per_host``, gains one slot each
  time it has answered that many requests fast (within ``fast`` seconds), never goes
  above ``max_per_host``, and drops back to 1 on a 429 or 503 (it may grow again only
  after as many fast answers as the ceiling, twice over). It grows only while its queue
  would otherwise end the run last (``Engine._worth_growing``). A host that answered 429 gets
  no new request before its ``Retry-After``. Within a host, first attempts go before
  retries, so a slow or failing link waits behind the host's other URLs instead of
  holding a slot for all its retries; for a global slot, a retry goes first.
- **Method.** HEAD first; GET (the page is read and dropped up to a small cap, so the
  connection is kept; a bigger page closes it) when HEAD is refused or mishandled: any
  4xx other than 429, a 5xx, a reset. A host that answers 405 or 501 to HEAD, or whose
  GET succeeds where HEAD failed, is asked with GET from then on. A 404/410 to HEAD is
  confirmed by GET before a link is called broken.
- **Retries.** Timeouts, resets, refused connections, 429 and 5xx are retried ``retries``
  times with exponential backoff and jitter; ``Retry-After`` is honoured up to
  ``max_retry_after`` (a longer wait ends the retries: the link is ``unreachable``).
- **Redirects.** Followed hop by hop (each hop is guarded and retried on its own), at most
  ``max_redirects``, loops detected. A chain that starts with permanent redirects
  (301/308) and ends well is ``redirected``, with the new URL to write in the entry.
- **Verdicts.** 2xx (and ``accept`` codes) ok; 404/410 and unknown host names broken;
  everything else that fails (timeouts, 5xx and 429 after retries, 401/403 refusals,
  TLS problems) unreachable, since none of them proves the link is gone.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import json
import random
import re
import ssl
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from listbot.config import LinkSettings
from listbot.links.collect import excluded, strip_fragment
from listbot.links.http import (
    AddressCheck,
    Client,
    FetchError,
    Resolver,
    Response,
    system_resolver,
)
from listbot.links.model import LinkResult, Status, Target
from listbot.retry import parse_retry_after, seconds_until

OnProgress = Callable[[int, int], None]  # (done, total); commands.Progress draws it


_SETTINGS = LinkSettings()
# How far off the estimates may be: a host whose queue is within 1/_MARGIN of the run's
# horizon grows anyway. Slow links, retries and 429 pauses are not in the estimate, and on
# the benchmark's farm they make the busiest hosts take twice as long as answer times say.
_MARGIN = 2.0


@dataclass(frozen=True)
class Policy:
    """How the engine checks: ``links:`` of listbot.yml (``links.run.policy_for``), whose
    defaults are declared once, in ``config.LinkSettings``, plus the engine's own knobs."""

    timeout: float = _SETTINGS.timeout
    retries: int = _SETTINGS.retries
    concurrency: int = _SETTINGS.concurrency
    per_host: int = _SETTINGS.per_host  # a host's slots at the start
    max_per_host: int = _SETTINGS.max_per_host  # the ceiling the adaptive slots never pass
    fast: float = 1.0  # an answer within this many seconds lets a host's slots grow
    accept: tuple[int, ...] = _SETTINGS.accept
    max_retry_after: float = _SETTINGS.max_retry_after
    allow_private: bool = False  # only the --allow-private flag sets it, never listbot.yml
    exclude: tuple[re.Pattern[str], ...] = ()
    max_redirects: int = 10
    backoff: float = 0.5  # first retry waits about this long, then doubles
    user_agent: str = "listbot"


@dataclass(frozen=True)
class Endpoints:
    """Base URLs of the services the host strategies ask (overridable for tests)."""

    doi: str = "https://doi.org"
    arxiv: str = "https://arxiv.org"
    arxiv_api: str | None = None  # /api/query?id_list=...; None: see arxiv_api_base
    arxiv_pause: float = 3.0  # the arXiv API's rule: one request every three seconds
    github_api: str = "https://api.github.com"
    github_graphql: str | None = None  # None: derived from github_api
    github_token: str | None = None

    @property
    def arxiv_api_base(self) -> str:
        """export.arxiv.org for arxiv.org; a mirror (or a test's stand-in) serves both."""
        if self.arxiv_api:
            return self.arxiv_api
        return "https://export.arxiv.org" if self.arxiv == Endpoints.arxiv else self.arxiv

    @property
    def github_graphql_url(self) -> str:
        """``/graphql`` beside the REST API (GitHub Enterprise: ``/api/v3`` -> ``/api/graphql``)."""
        if self.github_graphql:
            return self.github_graphql
        base = self.github_api.rstrip("/")
        if base.endswith("/api/v3"):
            return base[: -len("/v3")] + "/graphql"
        return base + "/graphql"


@dataclass
class Trace:
    """What one link's check has done so far."""

    attempts: int = 0
    started: float | None = None


@dataclass(frozen=True)
class Hop:
    """The final answer of one URL after method fallback and retries, or why there is none."""

    response: Response | None
    error: FetchError | None = None
    gave_up: str = ""  # set when retries ended early (Retry-After beyond the cap)


@dataclass(frozen=True)
class Verdict:
    status: Status
    http_status: int | None = None
    final_url: str | None = None
    message: str = ""
    archived: bool = False
    unresolved: bool = False  # broken because the host name did not resolve


class _Line:
    """Waiters for a slot, woken lowest priority value first (a first attempt before a
    retry); the subclass says when a slot is free and what a release does."""

    def __init__(self) -> None:
        self._waiters: list[tuple[tuple[int, int], int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    def release(self) -> None:
        raise NotImplementedError

    async def _wait(self, priority: tuple[int, int]) -> None:
        """Wait in line until ``_wake_next`` hands this waiter a slot."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (priority, next(self._seq), future))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()  # the slot was handed over as the waiter was cancelled
            raise

    def _wake_next(self) -> bool:
        """Hand a slot to the first waiter still waiting; False when there is none."""
        while self._waiters:
            _, _, future = heapq.heappop(self._waiters)
            if not future.done():
                future.set_result(None)
                return True
        return False


class _Limiter(_Line):
    """A counting semaphore that wakes the waiter with the lowest priority value first."""

    def __init__(self, slots: int) -> None:
        super().__init__()
        self._free = slots

    async def acquire(self, priority: tuple[int, int]) -> None:
        if self._free > 0 and not self._waiters:
            self._free -= 1
            return
        await self._wait(priority)

    def release(self) -> None:
        if not self._wake_next():
            self._free += 1


class _Host(_Line):
    """One host's adaptive slots (AIMD), its pause after a 429, what it taught us.

    ``acquire(priority)`` waits until fewer than ``limit`` requests are in flight to the
    host; waiters are woken lowest priority first (a first attempt before a retry).
    """

    def __init__(self, start: int, ceiling: int) -> None:
        super().__init__()
        self.ceiling = max(1, ceiling)
        self.limit = max(1, min(start, self.ceiling))
        self.in_flight = 0
        self.remaining = 0  # links of this host not yet checked
        self.not_before = 0.0  # loop time before which no request is sent (Retry-After)
        self.head_ok = True
        self.fast_answers = 0  # fast answers since the limit last changed
        self.hold = 0  # fast answers still needed after a 429/503 before growing again
        self.epoch = 0  # bumped by a 429/503: answers to requests sent before do not count
        self.latency: float | None = None  # seconds an answer takes (a moving average)

    async def acquire(self, priority: tuple[int, int]) -> None:
        if self.in_flight < self.limit and not self._waiters:
            self.in_flight += 1
            return
        await self._wait(priority)

    def release(self) -> None:
        self.in_flight -= 1
        # wake on the next turn of the loop: the URL that just got its answer may want
        # the host again at once (GET after a refused HEAD, the next redirect hop), and
        # with its earlier place in line it goes before URLs not yet started
        asyncio.get_running_loop().call_soon(self._wake)

    def _wake(self) -> None:
        while self.in_flight < self.limit and self._wake_next():
            self.in_flight += 1

    def answered(
        self,
        status: int | None,
        seconds: float,
        fast: float,
        epoch: int,
        worth_growing: Callable[[_Host], bool],
    ) -> None:
        """AIMD: grow by one after ``limit`` fast answers, if ``worth_growing`` says the
        host's queue needs it; back to 1 on a 429 or 503."""
        if status is not None:
            self.latency = seconds if self.latency is None else 0.8 * self.latency + 0.2 * seconds
        if status in (429, 503):
            self.limit = 1
            self.fast_answers = 0
            self.hold = 2 * self.ceiling
            self.epoch += 1
            return
        if epoch != self.epoch or status is None or status >= 500 or seconds > fast:
            return  # slow or failing: no reason to grow, none to shrink
        if self.hold > 0:
            self.hold -= 1
            return
        self.fast_answers += 1
        if self.fast_answers >= self.limit and self.limit < self.ceiling and worth_growing(self):
            self.limit += 1
            self.fast_answers = 0
            self._wake()


class Engine:
    """Checks targets with one HTTP client; strategies call ``follow`` and ``api``."""

    def __init__(
        self,
        policy: Policy,
        endpoints: Endpoints,
        *,
        resolver: Resolver = system_resolver,
        address_check: AddressCheck | None = None,
        ssl_context: ssl.SSLContext | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._ssl_context = ssl_context
        self.policy = policy
        self.endpoints = endpoints
        self._resolver = resolver
        self._address_check = address_check
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrets
        self._order = itertools.count()
        self._prepared: dict[str, Any] = {}
        self.client: Client | None = None
        self._new_run()

    def _new_run(self) -> None:
        """The state of one run, bound to its event loop: hosts, URLs asked, slots, and
        the run's horizon estimate."""
        self._hosts: dict[str, _Host] = {}
        self._memo: dict[str, asyncio.Task[tuple[Verdict, Trace]]] = {}
        self._limiter = _Limiter(self.policy.concurrency)
        self._horizon = 0.0  # what _run_horizon last said, until _horizon_until
        self._horizon_until = 0.0
        self._typical_latency = 0.1  # for hosts not heard from yet: the median host's

    # -- public -------------------------------------------------------------------

    def run(
        self, targets: Sequence[Target], progress: OnProgress | None = None
    ) -> list[LinkResult]:
        return asyncio.run(self.check_all(targets, progress))

    async def check_all(
        self, targets: Sequence[Target], progress: OnProgress | None = None
    ) -> list[LinkResult]:
        from listbot.links.hosts import strategy_for

        self._new_run()
        self.client = Client(
            user_agent=self.policy.user_agent,
            timeout=self.policy.timeout,
            allow_private=self.policy.allow_private,
            resolver=self._resolver,
            address_check=self._address_check,
            ssl_context=self._ssl_context,
        )
        plans = [(t, strategy_for(t, self.endpoints)) for t in targets]
        for target, strategy in plans:
            self._host(strategy.host(target, self.endpoints)).remaining += 1
        # strategies that ask in bulk see all their targets first (one query for many)
        self._prepared = {}
        for strategy in {id(s): s for _, s in plans}.values():
            prepare = getattr(strategy, "prepare", None)
            if prepare is not None:
                mine = [
                    t
                    for t, s in plans
                    if s is strategy and not excluded(t.url, self.policy.exclude)
                ]
                self._prepared[strategy.name] = prepare(mine, self)
        done = 0
        total = len(plans)
        if progress is not None:
            progress(0, total)

        async def one(target: Target, strategy: Any) -> LinkResult:
            nonlocal done
            result = await self._check_one(target, strategy)
            self._host(strategy.host(target, self.endpoints)).remaining -= 1
            done += 1
            if progress is not None:
                progress(done, total)
            return result

        try:
            return list(await asyncio.gather(*(one(t, s) for t, s in plans)))
        finally:
            await self.client.close()

    async def _check_one(self, target: Target, strategy: Any) -> LinkResult:
        loop = asyncio.get_running_loop()
        if excluded(target.url, self.policy.exclude):
            return LinkResult(
                target.url,
                Status.EXCLUDED,
                message="matches links.exclude",
                locations=target.locations,
            )
        trace = Trace()
        try:
            verdict = await strategy.check(target, self, trace)
        except FetchError as exc:  # a strategy's own request could not be made
            verdict = _error_verdict(exc)
        elapsed = 0 if trace.started is None else int((loop.time() - trace.started) * 1000)
        return LinkResult(
            url=target.url,
            status=verdict.status,
            http_status=verdict.http_status,
            final_url=verdict.final_url,
            attempts=trace.attempts,
            elapsed_ms=elapsed,
            message=verdict.message,
            locations=target.locations,
            archived=verdict.archived,
            unresolved=verdict.unresolved,
        )

    # -- for strategies --------------------------------------------------------------

    async def follow(self, url: str, trace: Trace) -> Verdict:
        """Check ``url`` (redirects, fallback, retries); the same URL is only checked once."""
        task = self._memo.get(url)
        if task is None:
            task = asyncio.ensure_future(self._follow(url))
            self._memo[url] = task
            verdict, inner = await asyncio.shield(task)
            trace.attempts += inner.attempts
            if inner.started is not None and trace.started is None:
                trace.started = inner.started
            return verdict
        verdict, _ = await asyncio.shield(task)
        return verdict

    async def api(
        self,
        url: str,
        trace: Trace,
        headers: dict[str, str] | None = None,
        *,
        post: bytes | None = None,
    ) -> Hop:
        """GET (or POST ``post``) for a small document (retried; redirects not followed)."""
        return await self._hop(
            url,
            trace,
            method="GET" if post is None else "POST",
            headers=headers,
            body_limit=1 << 20,
            post=post,
        )

    def prepared(self, name: str) -> Any:
        """What strategy ``name``'s ``prepare`` returned for this run (None if it has none)."""
        return self._prepared.get(name)

    # -- internals -------------------------------------------------------------------

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            policy = self.policy
            host = self._hosts[name] = _Host(
                policy.per_host, max(policy.per_host, policy.max_per_host)
            )
        return host

    def _worth_growing(self, host: _Host) -> bool:
        """Another slot for ``host`` only if, at the slots it has, it would finish last.

        A host's queue takes about ``remaining x latency / slots`` seconds. The run can
        end no sooner than the longest such queue at the ceiling, nor sooner than all the
        work spread over the global slots: a host that would finish before that gains
        nothing from another connection, and its server is spared one. So the busiest
        host grows to the ceiling and a host with a handful of links keeps one connection.
        The estimate leaves out timeouts and rate-limit pauses: a host within
        1/``_MARGIN`` of the horizon grows anyway.
        """
        now = asyncio.get_running_loop().time()
        if now >= self._horizon_until:  # an estimate: refreshed at most every 0.1 s
            self._horizon = self._run_horizon()
            self._horizon_until = now + 0.1
        return host.remaining * self._latency(host) / host.limit > self._horizon / _MARGIN

    def _latency(self, host: _Host) -> float:
        return host.latency if host.latency is not None else self._typical_latency

    def _run_horizon(self) -> float:
        """Seconds the run still needs at best: its longest host queue at the ceiling, or
        all its work over the global slots."""
        known = sorted(h.latency for h in self._hosts.values() if h.latency is not None)
        self._typical_latency = known[len(known) // 2] if known else 0.1
        longest = 0.0
        work = 0.0
        for host in self._hosts.values():
            queue = host.remaining * self._latency(host)
            work += queue
            longest = max(longest, queue / host.ceiling)
        return max(longest, work / max(1, self.policy.concurrency))

    async def _send(
        self,
        method: str | None,
        url: str,
        trace: Trace,
        headers: dict[str, str] | None,
        body_limit: int,
        priority: tuple[int, int] = (0, 0),
        post: bytes | None = None,
    ) -> tuple[str, Response]:
        """One request, holding a host slot and a global slot (``method`` None: HEAD if allowed).

        The method is chosen once the slot is held, so what an earlier request learned
        about the host (it refuses HEAD) already counts. ``priority`` is (retry, the
        URL's place in line): a GET fallback keeps the URL's place, a retry queues behind
        the host's first attempts.
        """
        assert self.client is not None
        host = self._host(host_key(url))
        loop = asyncio.get_running_loop()
        await host.acquire(priority)
        try:
            wait = host.not_before - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            # a retry goes first (its link has waited out a failure already and is the
            # longest job left), then the host with the most links still to check
            await self._limiter.acquire((-priority[0], -host.remaining))
            use = method or ("HEAD" if host.head_ok else "GET")
            sent = loop.time()
            epoch = host.epoch
            status: int | None = None
            try:
                if trace.started is None:
                    trace.started = sent
                trace.attempts += 1
                response = await self.client.request(
                    use, url, headers=headers, body_limit=body_limit, body=post
                )
                status = response.status
                return use, response
            except FetchError as exc:
                exc.method = use
                raise
            finally:
                self._limiter.release()
                host.answered(
                    status, loop.time() - sent, self.policy.fast, epoch, self._worth_growing
                )
        finally:
            host.release()

    def _backoff(self, retry: int) -> float:
        return self.policy.backoff * (2**retry) * self._rng.uniform(0.5, 1.5)

    async def _hop(
        self,
        url: str,
        trace: Trace,
        *,
        method: str | None = None,
        headers: dict[str, str] | None = None,
        body_limit: int = 0,
        post: bytes | None = None,
    ) -> Hop:
        """One URL's answer: HEAD/GET fallback, then retries on transient failures."""
        policy = self.policy
        host = self._host(host_key(url))
        loop = asyncio.get_running_loop()
        use = method  # None: HEAD, unless the host is known to refuse it
        retry = 0
        head_failed = False  # HEAD was refused, mishandled or dropped for this URL
        place = next(self._order)
        while True:
            try:
                sent, response = await self._send(
                    use, url, trace, headers, body_limit, (retry, place), post
                )
            except FetchError as exc:
                if exc.kind in ("blocked", "nxdomain", "tls", "protocol"):
                    return Hop(None, exc)
                if exc.method == "HEAD" and exc.kind == "reset":
                    use = "GET"  # some servers drop HEAD requests: ask again with GET
                    head_failed = True
                    continue
                if retry >= policy.retries:
                    return Hop(None, exc)
                await asyncio.sleep(self._backoff(retry))
                retry += 1
                continue
            status = response.status
            if head_failed and sent == "GET" and status < 400:
                host.head_ok = False  # GET works where HEAD did not: skip HEAD from now on
            if status in policy.accept:
                return Hop(response)
            if sent == "HEAD" and status >= 400 and status != 429:
                if status in (405, 501):
                    host.head_ok = False
                head_failed = status not in (404, 410) and status < 500
                use = "GET"  # refused, mishandled, or a 404/410 to confirm
                continue
            if status != 429 and status < 500:
                return Hop(response)
            # 429 or 5xx: transient, unless the server asks for a wait beyond the cap
            delay = retry_after(response, now=time.time())
            if delay is not None and delay > policy.max_retry_after:
                return Hop(
                    response,
                    gave_up=f"the server asks to wait {delay:.0f} s, more than "
                    f"links.max_retry_after ({policy.max_retry_after:g} s)",
                )
            if retry >= policy.retries:
                return Hop(response)
            wait = self._backoff(retry)
            if delay is not None:
                wait = max(wait, delay)
            if status == 429 or delay is not None:
                # a rate limit covers the host, not this URL: pause every request to it
                host.not_before = max(host.not_before, loop.time() + wait)
            await asyncio.sleep(wait)
            retry += 1

    async def _follow(self, url: str) -> tuple[Verdict, Trace]:
        trace = Trace()
        policy = self.policy
        current = url
        # Cookies a hop sets (some sites redirect to themselves until one is sent back),
        # by the host that set them: never sent to another host.
        cookies: dict[str, dict[str, str]] = {}
        seen = {(current, json.dumps(cookies))}
        chain = [current]
        suggested: str | None = None
        permanent_run = True
        for _ in range(policy.max_redirects + 1):
            jar = cookies.get(_cookie_host(current), {})
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else None
            hop = await self._hop(current, trace, headers=headers)
            if hop.response is None:
                assert hop.error is not None
                return _error_verdict(hop.error, after=chain), trace
            response = hop.response
            status = response.status
            location = response.header("location")
            if 300 <= status < 400 and status != 304 and location:
                for cookie in response.cookies:
                    name, _, value = cookie.partition("=")
                    if name:
                        cookies.setdefault(_cookie_host(current), {})[name] = value
                try:
                    target = strip_fragment(urljoin(current, location.strip()))
                    scheme = urlsplit(target).scheme.lower()
                except ValueError:  # "http://[::1", a bad port...: no browser could follow it
                    return Verdict(
                        Status.BROKEN,
                        status,
                        current,
                        f"redirects to a malformed URL: {location.strip()[:80]!r}",
                    ), trace
                if scheme not in ("http", "https"):
                    return Verdict(
                        Status.BLOCKED,
                        status,
                        target,
                        f"redirects to {target}; only http and https links are checked",
                    ), trace
                if status in (301, 308) and permanent_run:
                    suggested = target
                else:
                    permanent_run = False
                state = (target, json.dumps(cookies, sort_keys=True))
                chain.append(target)
                if state in seen:
                    return Verdict(
                        Status.BROKEN,
                        status,
                        target,
                        "redirect loop: " + " -> ".join(_short(chain)),
                    ), trace
                seen.add(state)
                current = target
                continue
            verdict = self._final(response, hop.gave_up, current)
            if verdict.status is Status.OK and suggested is not None:
                verdict = replace(
                    verdict,
                    status=Status.REDIRECTED,
                    message=f"moved permanently; update the link to {suggested}",
                )
            elif current != url and verdict.status is not Status.OK:
                verdict = replace(
                    verdict, message=f"{verdict.message} (after redirects to {current})"
                )
            return replace(verdict, final_url=current), trace
        return Verdict(
            Status.BROKEN,
            None,
            current,
            f"more than {policy.max_redirects} redirects: " + " -> ".join(_short(chain)),
        ), trace

    def _final(self, response: Response, gave_up: str, url: str) -> Verdict:
        status = response.status
        label = f"HTTP {status}" + (f" {response.reason}" if response.reason else "")
        if 200 <= status < 300 or status in self.policy.accept or 300 <= status < 400:
            return Verdict(Status.OK, status, url)
        if status in (404, 410):
            return Verdict(Status.BROKEN, status, url, label)
        retries = self.policy.retries
        tries = f"{retries} {'retry' if retries == 1 else 'retries'}"
        if status == 429:
            why = gave_up or f"still rate limited after {tries}"
            return Verdict(Status.UNREACHABLE, status, url, f"{label}: {why}")
        if status >= 500:
            why = gave_up or f"still failing after {tries}"
            return Verdict(Status.UNREACHABLE, status, url, f"{label}: {why}")
        if status in (401, 403, 451):
            return Verdict(
                Status.UNREACHABLE,
                status,
                url,
                f"{label}: the server refuses automated checks; check it in a browser",
            )
        return Verdict(Status.UNREACHABLE, status, url, label)


def _error_verdict(error: FetchError, after: Sequence[str] = ()) -> Verdict:
    where = f" (after redirects: {' -> '.join(_short(after))})" if len(after) > 1 else ""
    if error.kind == "blocked":
        return Verdict(Status.BLOCKED, None, None, f"{error}{where}")
    if error.kind == "nxdomain":
        return Verdict(Status.BROKEN, None, None, f"{error}{where}", unresolved=True)
    return Verdict(Status.UNREACHABLE, None, None, f"{error}{where}")


def _short(chain: Iterable[str]) -> list[str]:
    return [u if len(u) <= 80 else u[:77] + "..." for u in chain]


def host_key(url: str) -> str:
    """The politeness unit: the host name, whatever the scheme or port (``example.org``)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _cookie_host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def retry_after(response: Response, *, now: float) -> float | None:
    """Seconds asked by ``Retry-After`` (seconds or HTTP date), or GitHub's rate-limit reset."""
    value = response.header("retry-after")
    if value:
        return parse_retry_after(value, now=now)
    if response.header("x-ratelimit-remaining") == "0":
        return seconds_until(response.header("x-ratelimit-reset"), now=now)
    return None


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None
