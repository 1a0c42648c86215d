"""A scriptable HTTP server on 127.0.0.1 for the link checker's tests.

Each route is a function of the request (and of how many times that path was asked) that
returns a ``Reply``. The server counts requests per path and method, and the most that
were ever in flight at once, so politeness is measured where it matters: at the server.
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"ok"
    delay: float = 0.0
    drop: bool = False  # close the connection without answering
    body_on_head: bool = False  # misbehave: send the body after a HEAD answer too
    reason: str | None = None  # the status line's reason phrase (default: the standard one)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    count: int  # 1 for the first request to this path
    body: bytes = b""  # of a POST


Route = Callable[[Request], Reply]


class Farm:
    def __init__(self, host: str = "127.0.0.1", *, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, str]] = []
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.arrivals: list[tuple[str, int]] = []  # (path, requests in flight with it)
        self.connections = 0  # TCP connections accepted
        farm = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def setup(self) -> None:
                with farm.lock:
                    farm.connections += 1
                super().setup()

            def do_POST(self) -> None:
                farm._handle(self, "POST")

            def do_HEAD(self) -> None:
                farm._handle(self, "HEAD")

            def do_GET(self) -> None:
                farm._handle(self, "GET")

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.base = f"{'https' if tls else 'http'}://{host}:{self.port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, reply: Route | Reply) -> None:
        if isinstance(reply, Reply):
            fixed = reply

            def always(_request: Request) -> Reply:
                return fixed

            self.routes[path] = always
        else:
            self.routes[path] = reply

    def requests_to(self, path: str) -> list[str]:
        return [m for m, p in self.log if p == path]

    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        path = handler.path
        with self.lock:
            self.counts[path] += 1
            count = self.counts[path]
            self.log.append((method, path))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.arrivals.append((path, self.in_flight))
        try:
            route = self.routes.get(path) or self.routes.get(path.split("?", 1)[0])
            headers = {k.lower(): v for k, v in handler.headers.items()}
            body = b""
            if method == "POST":
                body = handler.rfile.read(int(headers.get("content-length") or 0))
            reply = (
                route(Request(method, path, headers, count, body))
                if route
                else Reply(404, body=b"no")
            )
            if reply.delay:
                time.sleep(reply.delay)
            if reply.drop:
                handler.close_connection = True
                handler.connection.shutdown(socket.SHUT_RDWR)
                return
            handler.send_response(reply.status, reply.reason)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(reply.body)))
            handler.end_headers()
            if method != "HEAD" or reply.body_on_head:
                handler.wfile.write(reply.body)
        except OSError:
            handler.close_connection = True
        finally:
            with self.lock:
                self.in_flight -= 1

    def __enter__(self) -> Farm:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def json_reply(data: object, status: int = 200) -> Reply:
    return Reply(status, {"Content-Type": "application/json"}, json.dumps(data).encode())


def treat_loopback_as_public(monkeypatch: Any) -> None:
    """An injected address policy, for tests that run as in Actions: there the CLI refuses
    ``--allow-private``, so the servers on 127.0.0.1 pass the guard this way instead."""
    import ipaddress

    import listbot.links.http as http

    original = http.address_problem

    def policy(address: str) -> str | None:
        if ipaddress.ip_address(address.split("%", 1)[0]).is_loopback:
            return None
        return original(address)

    monkeypatch.setattr(http, "address_problem", policy)


def write_list(root: Path, entries: dict[str, str], extra_config: str = "") -> None:
    """A throwaway paper list: listbot.yml, entries/*.yaml and a README with markers."""
    (root / "listbot.yml").write_text(
        "categories:\n  - id: training\n    name: Training\n" + extra_config, encoding="utf-8"
    )
    (root / "entries").mkdir(exist_ok=True)
    for name, text in entries.items():
        (root / "entries" / name).write_text(text, encoding="utf-8")
    (root / "README.md").write_text(
        "# List\n<!-- listbot:begin -->\n<!-- listbot:end -->\n", encoding="utf-8"
    )


def entry(title: str, **links: str) -> str:
    lines = [f'title: "{title}"', "venue: OSDI", "year: 2018", "category: training"]
    doi = links.pop("doi", None)
    arxiv = links.pop("arxiv", None)
    if links:
        lines.append("links:")
        lines += [f"  {kind}: {url}" for kind, url in links.items()]
    if doi:
        lines.append(f"doi: {doi}")
    if arxiv:
        lines.append(f'arxiv: "{arxiv}"')
    return "\n".join(lines) + "\n"


def iter_lines(text: str) -> Iterator[str]:
    yield from (line for line in text.splitlines() if line.strip())
