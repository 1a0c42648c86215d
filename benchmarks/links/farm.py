"""A farm of emulated web hosts on loopback: one asyncio server per 127.0.0.x address.

Every host answers after ``latency`` seconds; what it answers depends on the path::

    /ok/ID          200                      /missing/ID   404
    /gone/ID        410                      /flaky/ID     500 to the first request, then 200
    /perm/ID        301 -> /ok/ID-new        /chain/ID/N   302 -> /chain/ID/N-1 ... /chain/ID/0 200
    /loop/ID/a      302 -> /loop/ID/b -> /loop/ID/a (a loop)
    /rl/ID          429 (Retry-After: 1) to the first request, then 200; in strict mode 429
                    again to any request sooner than Retry-After after the last 429
    /slow/ID        answers after 8 s (beyond a 5 s timeout)
    /drop/ID        closes the connection without answering

Hosts in ``no_head`` answer 405 to every HEAD. A GET answer carries a small page
(``body`` bytes, like a landing page's first kilobytes), so a client that wants to keep
the connection has to read it. The farm counts TCP connections, requests per host and
method, and the most requests ever in flight to one host (from the request's arrival to
its answer, or to the client hanging up), which is what a server operator would see.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Stats:
    requests: Counter[str] = field(default_factory=Counter)  # per host
    connections: Counter[str] = field(default_factory=Counter)  # TCP connections per host
    methods: Counter[str] = field(default_factory=Counter)
    paths: Counter[str] = field(default_factory=Counter)  # "host/path" (fragments never arrive)
    in_flight: Counter[str] = field(default_factory=Counter)
    max_in_flight: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)  # at reset
    last_answer: dict[str, float] = field(default_factory=dict)  # per host, since started
    busy: dict[str, float] = field(default_factory=dict)  # request-seconds spent per host

    @property
    def total(self) -> int:
        return sum(self.requests.values())

    @property
    def total_connections(self) -> int:
        return sum(self.connections.values())

    @property
    def worst_host(self) -> int:
        return max(self.max_in_flight.values(), default=0)


class Farm:
    def __init__(
        self,
        hosts: list[str],
        port: int,
        *,
        latency: float = 0.05,
        slow: float = 8.0,
        body: int = 4096,
        no_head: frozenset[str] = frozenset(),
        retry_after: int = 1,
    ) -> None:
        self.hosts = hosts
        self.port = port
        self.latency = latency
        self.slow = slow
        self.page = b"<!doctype html>" + b"x" * max(0, body - 15)
        self.no_head = no_head
        self.retry_after = retry_after
        self.strict_429 = False
        self.stats = Stats()
        self._seen: Counter[str] = Counter()
        self._last_429: dict[str, float] = {}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._servers: list[asyncio.Server] = []
        self._lock = threading.Lock()

    def reset(self, *, strict_429: bool = False, retry_after: int = 1) -> None:
        with self._lock:
            self.retry_after = retry_after
            self.stats = Stats()
            self._seen.clear()
            self._last_429.clear()
            self.strict_429 = strict_429

    def start(self) -> None:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        future.result(10)

    async def _start(self) -> None:
        for host in self.hosts:
            handler = self._handler_for(host)
            server = await asyncio.start_server(handler, host, self.port, backlog=256)
            self._servers.append(server)

    def stop(self) -> None:
        async def close() -> None:
            for server in self._servers:
                server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _handler_for(self, host: str):  # type: ignore[no-untyped-def]
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            with self._lock:
                self.stats.connections[host] += 1
            try:
                while True:
                    try:
                        head = await reader.readuntil(b"\r\n\r\n")
                    except (
                        asyncio.IncompleteReadError,
                        asyncio.LimitOverrunError,
                        ConnectionError,
                    ):
                        return
                    line = head.split(b"\r\n", 1)[0].decode("latin-1")
                    method, _, rest = line.partition(" ")
                    path = rest.rsplit(" ", 1)[0]
                    keep = await self._answer(host, method, path, reader, writer)
                    if not keep:
                        return
            except (ConnectionError, asyncio.CancelledError):
                return
            finally:
                with contextlib.suppress(Exception):
                    writer.transport.abort()

        return handle

    async def _answer(
        self,
        host: str,
        method: str,
        path: str,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> bool:
        key = f"{host}{path}"
        with self._lock:
            stats = self.stats
            stats.requests[host] += 1
            stats.methods[method] += 1
            stats.paths[key] += 1
            stats.in_flight[host] += 1
            stats.max_in_flight[host] = max(stats.max_in_flight[host], stats.in_flight[host])
            self._seen[key] += 1
            count = self._seen[key]
        arrived = time.monotonic()
        try:
            await asyncio.sleep(self.latency)
            status, headers = self._route(host, method, path, key, count)
            if status == -1:
                # a slow page: answer after ``slow`` seconds, unless the client hangs up
                # first (as a real server notices, and stops counting the request)
                with contextlib.suppress(asyncio.TimeoutError):
                    if await asyncio.wait_for(reader.read(1), self.slow) == b"":
                        return False
                status, headers = 200, {}
            if status == 0:
                return False  # drop: close without a word
            body = self.page if status == 200 else f"status {status}\n".encode()
            lines = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}"]
            if method == "HEAD":
                body = b""
            lines += [f"{k}: {v}" for k, v in headers.items()]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            await writer.drain()
            return True
        finally:
            now = time.monotonic()
            with self._lock:
                stats.in_flight[host] -= 1
                stats.busy[host] = stats.busy.get(host, 0.0) + now - arrived
                stats.last_answer[host] = now - stats.started

    def _route(
        self, host: str, method: str, path: str, key: str, count: int
    ) -> tuple[int, dict[str, str]]:
        if method == "HEAD" and host in self.no_head:
            return 405, {"Allow": "GET"}
        parts = path.split("/")
        kind = parts[1] if len(parts) > 1 else ""
        ident = parts[2] if len(parts) > 2 else ""
        if kind == "ok":
            return 200, {}
        if kind == "missing":
            return 404, {}
        if kind == "gone":
            return 410, {}
        if kind == "flaky":
            return (500, {}) if count == 1 else (200, {})
        if kind == "perm":
            return 301, {"Location": f"/ok/{ident}-new"}
        if kind == "chain":
            n = int(parts[3])
            return (200, {}) if n == 0 else (302, {"Location": f"/chain/{ident}/{n - 1}"})
        if kind == "loop":
            other = "b" if parts[3] == "a" else "a"
            return 302, {"Location": f"/loop/{ident}/{other}"}
        if kind == "rl":
            now = time.monotonic()
            with self._lock:
                last = self._last_429.get(key)
                if last is None or (self.strict_429 and now - last < self.retry_after):
                    self._last_429[key] = now
                    return 429, {"Retry-After": str(self.retry_after)}
            return 200, {}
        if kind == "slow":
            return -1, {}
        if kind == "drop":
            return 0, {}
        return 404, {}
