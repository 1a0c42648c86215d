"""The checking engine: politeness, retries, redirects and verdicts for every target.

Rules, in the order a request meets them:

- **Slots.** A request first takes a slot of its host (never more than ``per_host`` in
  flight to one host), then one of the global ``concurrency`` slots, handed out to the
  host with the most links still to check, so the busiest host (the one that decides the
  wall time) is never starved by the many small ones. A host that answered 429 gets no
  new request before its ``Retry-After``.
- **Method.** HEAD first; GET (headers only, the body is never read) when HEAD is refused
  or mishandled: any 4xx other than 429, a 5xx, a reset. A host that answers 405 or 501 to
  HEAD is asked with GET from then on. A 404/410 to HEAD is confirmed by GET before a link
  is called broken.
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

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Policy:
    timeout: float = 10.0
    retries: int = 2
    concurrency: int = 32
    per_host: int = 2
    accept: tuple[int, ...] = ()
    max_retry_after: float = 30.0
    allow_private: bool = False
    exclude: tuple[re.Pattern[str], ...] = ()
    max_redirects: int = 10
    backoff: float = 0.5  # first retry waits about this long, then doubles
    user_agent: str = "listbot"


@dataclass(frozen=True)
class Endpoints:
    """Base URLs of the services the host strategies ask (overridable for tests)."""

    doi: str = "https://doi.org"
    arxiv: str = "https://arxiv.org"
    github_api: str = "https://api.github.com"
    github_token: str | None = None


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


class _Limiter:
    """A counting semaphore that wakes the waiter with the lowest priority value first."""

    def __init__(self, slots: int) -> None:
        self._free = slots
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    async def acquire(self, priority: int) -> None:
        if self._free > 0 and not self._waiters:
            self._free -= 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (priority, next(self._seq), future))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()
            raise

    def release(self) -> None:
        while self._waiters:
            _, _, future = heapq.heappop(self._waiters)
            if not future.done():
                future.set_result(None)
                return
        self._free += 1


@dataclass
class _Host:
    slots: asyncio.Semaphore
    remaining: int = 0
    not_before: float = 0.0
    head_ok: bool = True


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
        self._hosts: dict[str, _Host] = {}
        self._limiter = _Limiter(policy.concurrency)
        self._memo: dict[str, asyncio.Task[tuple[Verdict, Trace]]] = {}
        self.client: Client | None = None

    # -- public -------------------------------------------------------------------

    def run(self, targets: Sequence[Target], progress: Progress | None = None) -> list[LinkResult]:
        return asyncio.run(self.check_all(targets, progress))

    async def check_all(
        self, targets: Sequence[Target], progress: Progress | None = None
    ) -> list[LinkResult]:
        from listbot.links.hosts import strategy_for

        # state of one run, bound to this event loop
        self._hosts = {}
        self._memo = {}
        self._limiter = _Limiter(self.policy.concurrency)
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

    async def api(self, url: str, trace: Trace, headers: dict[str, str] | None = None) -> Hop:
        """GET a small JSON document (retried like any request; redirects not followed)."""
        return await self._hop(url, trace, method="GET", headers=headers, body_limit=1 << 20)

    # -- internals -------------------------------------------------------------------

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = _Host(asyncio.Semaphore(self.policy.per_host))
        return host

    async def _send(
        self,
        method: str | None,
        url: str,
        trace: Trace,
        headers: dict[str, str] | None,
        body_limit: int,
    ) -> tuple[str, Response]:
        """One request, holding a host slot and a global slot (``method`` None: HEAD if allowed).

        The method is chosen once the slot is held, so what an earlier request learned
        about the host (it refuses HEAD) already counts.
        """
        assert self.client is not None
        host = self._host(host_key(url))
        loop = asyncio.get_running_loop()
        async with host.slots:
            wait = host.not_before - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            await self._limiter.acquire(-host.remaining)
            use = method or ("HEAD" if host.head_ok else "GET")
            try:
                if trace.started is None:
                    trace.started = loop.time()
                trace.attempts += 1
                response = await self.client.request(
                    use, url, headers=headers, body_limit=body_limit
                )
                return use, response
            except FetchError as exc:
                exc.method = use
                raise
            finally:
                self._limiter.release()

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
    ) -> Hop:
        """One URL's answer: HEAD/GET fallback, then retries on transient failures."""
        policy = self.policy
        host = self._host(host_key(url))
        loop = asyncio.get_running_loop()
        use = method  # None: HEAD, unless the host is known to refuse it
        retry = 0
        while True:
            try:
                sent, response = await self._send(use, url, trace, headers, body_limit)
            except FetchError as exc:
                if exc.kind in ("blocked", "nxdomain", "tls", "protocol"):
                    return Hop(None, exc)
                if exc.method == "HEAD" and exc.kind == "reset":
                    use = "GET"  # some servers drop HEAD requests: ask again with GET
                    continue
                if retry >= policy.retries:
                    return Hop(None, exc)
                await asyncio.sleep(self._backoff(retry))
                retry += 1
                continue
            status = response.status
            if status in policy.accept:
                return Hop(response)
            if sent == "HEAD" and status >= 400 and status != 429:
                if status in (405, 501):
                    host.head_ok = False
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
