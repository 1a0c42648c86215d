"""Misbehaving servers on 127.0.0.1 for the fault tests: raw sockets, any bytes, any pace.

A ``FaultServer`` accepts connections, reads each request's head, and hands it to a
``Fault``: a function of ``(conn, request)`` that writes whatever it likes (or nothing)
and returns True to keep the connection for another request. Everything it sends is
produced lazily (a gigabyte body is a loop over one 64 KiB buffer that stops when the
client hangs up), and every wait ends when the server stops, so a test never outlives
its ``with`` block::

    with FaultServer(stall) as server:
        result = check(server.url("/x"))
    assert server.requests  # what the client asked, in order

The faults below are the ones the tests use; ``FAULTS`` lists the plain-HTTP ones by name
so a test can run every client against all of them.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

GIB = 1 << 30
_BLOCK = b"x" * 65536


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    head: bytes


Fault = Callable[[socket.socket, Request], bool]


class FaultServer:
    def __init__(self, fault: Fault | dict[str, Fault]) -> None:
        self.routes = fault if isinstance(fault, dict) else {"": fault}
        self.stopping = threading.Event()
        self.requests: list[Request] = []
        self.connections = 0
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.5)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stopping.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes accept() at once
        self._thread.join(timeout=5)
        with self._lock:
            for sock in self._socks:
                with contextlib.suppress(OSError):
                    sock.close()
        self._listener.close()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; False when the server is stopping (the fault should end)."""
        return not self.stopping.wait(seconds)

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            with self._lock:
                self._socks.append(conn)
                self.connections += 1
            threading.Thread(target=self._connection, args=(conn,), daemon=True).start()

    def _connection(self, conn: socket.socket) -> None:
        conn.settimeout(0.2)
        buffer = b""
        try:
            while not self.stopping.is_set():
                while b"\r\n\r\n" not in buffer:
                    try:
                        data = conn.recv(65536)
                    except TimeoutError:
                        if self.stopping.is_set():
                            return
                        continue
                    if not data:
                        return
                    buffer += data
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                line = head.split(b"\r\n", 1)[0].decode("latin-1")
                method, _, rest = line.partition(" ")
                path = rest.rpartition(" ")[0] or rest
                request = Request(method, path, head)
                with self._lock:
                    self.requests.append(request)
                length = _content_length(head)
                while len(buffer) < length:  # a request body (PATCH, POST): read and drop
                    data = conn.recv(65536)
                    if not data:
                        return
                    buffer += data
                buffer = buffer[length:]
                fault = self._route(path)
                conn.settimeout(None)
                keep = fault(conn, request)
                conn.settimeout(0.2)
                if not keep:
                    return
        except OSError:
            return
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def _route(self, path: str) -> Fault:
        best = max((p for p in self.routes if path.startswith(p)), key=len, default=None)
        if best is None:
            return not_found
        return self.routes[best]


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            return int(value.strip())
    return 0


def send(conn: socket.socket, data: bytes) -> bool:
    """Send ``data``; False once the client has gone (then the fault should stop)."""
    try:
        conn.sendall(data)
    except OSError:
        return False
    return True


def hold(conn: socket.socket, seconds: float = 60.0) -> None:
    """Keep the connection open and silent until the client hangs up or ``seconds`` pass."""
    conn.settimeout(0.1)
    waited = 0.0
    while waited < seconds:
        try:
            if conn.recv(65536) == b"":
                return  # the client closed: it gave up, as it should
        except TimeoutError:
            waited += 0.1
        except OSError:
            return


def reset(conn: socket.socket) -> None:
    """Close with a TCP reset instead of a clean FIN."""
    with contextlib.suppress(OSError):
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        conn.close()


def response(
    status: int = 200,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    reason: str = "OK",
) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}"]
    fields = {"Content-Length": str(len(body)), **(headers or {})}
    lines += [f"{k}: {v}" for k, v in fields.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


# ---- faults ------------------------------------------------------------------------


def not_found(conn: socket.socket, request: Request) -> bool:
    return send(conn, response(404, b"not here", reason="Not Found"))


def answer(
    status: int = 200,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    keep: bool = True,
) -> Fault:
    """A well-formed answer (for routes next to the faulty ones)."""

    def fault(conn: socket.socket, request: Request) -> bool:
        return send(conn, response(status, body, headers)) and keep

    return fault


def stall(conn: socket.socket, request: Request) -> bool:
    """Accept, read the request, never answer."""
    hold(conn)
    return False


def headers_then_stall(conn: socket.socket, request: Request) -> bool:
    """A 200 with a Content-Length, then no body at all."""
    send(conn, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
    hold(conn)
    return False


def half_body_then_stall(conn: socket.socket, request: Request) -> bool:
    send(conn, response(200, b'{"status": "ok", "message": {', {"Content-Length": "5000"}))
    hold(conn)
    return False


def drip_headers(conn: socket.socket, request: Request) -> bool:
    """Headers one byte at a time, forever (each byte well within any read timeout)."""
    if not send(conn, b"HTTP/1.1 200 OK\r\n"):
        return False
    for _ in range(100_000):
        if not send(conn, b"X"):
            return False
        hold(conn, 0.05)
    return False


def drip_body(conn: socket.socket, request: Request) -> bool:
    """A 200 whose declared 1 MiB body comes one byte at a time."""
    if not send(conn, b"HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\n\r\n"):
        return False
    for _ in range(1_048_576):
        if not send(conn, b"x"):
            return False
        hold(conn, 0.05)
    return False


def drop_before_answer(conn: socket.socket, request: Request) -> bool:
    reset(conn)
    return False


def drop_mid_headers(conn: socket.socket, request: Request) -> bool:
    send(conn, b"HTTP/1.1 200 OK\r\nContent-Type: text/ht")
    reset(conn)
    return False


def drop_mid_body(conn: socket.socket, request: Request) -> bool:
    send(conn, response(200, b'{"message": {"title": ["A', {"Content-Length": "4000"}))
    reset(conn)
    return False


def raw(data: bytes, keep_open: bool = False) -> Fault:
    """Send ``data`` verbatim, then close (or hold the connection open)."""

    def fault(conn: socket.socket, request: Request) -> bool:
        send(conn, data)
        if keep_open:
            hold(conn, 30)
        return False

    return fault


def huge_header_line(conn: socket.socket, request: Request) -> bool:
    """A header line that never ends (64 MiB, sent lazily)."""
    if not send(conn, b"HTTP/1.1 200 OK\r\nX-Huge: "):
        return False
    for _ in range(1024):
        if not send(conn, _BLOCK):
            return False
    return False


def endless_headers(conn: socket.socket, request: Request) -> bool:
    """Header after header (short lines), never the blank line."""
    if not send(conn, b"HTTP/1.1 200 OK\r\n"):
        return False
    block = b"".join(b"X-N%d: v\r\n" % i for i in range(4000))
    for _ in range(2000):
        if not send(conn, block):
            return False
    return False


def endless_continue(conn: socket.socket, request: Request) -> bool:
    """``100 Continue`` forever, never the final answer."""
    for _ in range(1_000_000):
        if not send(conn, b"HTTP/1.1 100 Continue\r\n\r\n"):
            return False
    return False


def gigabyte_body(conn: socket.socket, request: Request) -> bool:
    """A 200 with a declared 1 GiB body, streamed until the client hangs up."""
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {GIB}\r\n\r\n"
    if not send(conn, head.encode()) or request.method == "HEAD":
        return False
    for _ in range(GIB // len(_BLOCK)):
        if not send(conn, _BLOCK):
            return False
    return False


def gigabyte_chunked(conn: socket.socket, request: Request) -> bool:
    """A 200 with 1 GiB of chunked body and no Content-Length."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    if not send(conn, head) or request.method == "HEAD":
        return False
    chunk = b"%x\r\n" % len(_BLOCK) + _BLOCK + b"\r\n"
    for _ in range(GIB // len(_BLOCK)):
        if not send(conn, chunk):
            return False
    return False


def gigabyte_unframed(conn: socket.socket, request: Request) -> bool:
    """HTTP/1.0 style: no length, no chunks, the body ends when the connection does."""
    if not send(conn, b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>"):
        return False
    for _ in range(GIB // len(_BLOCK)):
        if not send(conn, _BLOCK):
            return False
    return False


def gzip_bomb(conn: socket.socket, request: Request) -> bool:
    """1 GiB of zeros, gzip-compressed on the fly (about 1 MiB on the wire)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    if not send(conn, head):
        return False
    zeros = b"\0" * (1 << 20)
    for _ in range(1024):
        data = compressor.compress(zeros)
        if data and not send(conn, b"%x\r\n" % len(data) + data + b"\r\n"):
            return False
    tail = compressor.flush()
    send(conn, b"%x\r\n" % len(tail) + tail + b"\r\n0\r\n\r\n")
    return False


def redirect_forever(conn: socket.socket, request: Request) -> bool:
    """Each answer redirects to a new URL (a counter), so no loop is ever seen."""
    path = request.path.split("?")[0].rstrip("/")
    base, _, n = path.rpartition("/")
    step = int(n) + 1 if n.isdigit() else 1
    target = f"{base if n.isdigit() else path}/{step}"
    return send(conn, response(302, b"", {"Location": target}, reason="Found"))


def redirect_forever_permanent(conn: socket.socket, request: Request) -> bool:
    path = request.path.split("?")[0].rstrip("/")
    base, _, n = path.rpartition("/")
    step = int(n) + 1 if n.isdigit() else 1
    target = f"{base if n.isdigit() else path}/{step}"
    return send(conn, response(301, b"", {"Location": target}, reason="Moved Permanently"))


# Malformed heads and framing: each is sent verbatim and the connection closed.
_OK = b"HTTP/1.1 200 OK\r\n"
_EMPTY = b"Content-Length: 0\r\n\r\n"
_CHUNKED = _OK + b"Transfer-Encoding: chunked\r\n\r\n"
MALFORMED: dict[str, bytes] = {
    "not-http": b"SSH-2.0-OpenSSH_9.6\r\n\r\n",
    "garbage": bytes(range(256)) * 4 + b"\r\n\r\n",
    "no-crlf": b"HTTP/1.1 200 OK\nContent-Length: 2\n\nok",
    "bare-status": b"HTTP/1.1 200\r\n\r\n",
    "no-reason-no-space": b"HTTP/1.1200 OK\r\n\r\n",
    "status-letters": b"HTTP/1.1 2x0 OK\r\n" + _EMPTY,
    "status-huge": b"HTTP/1.1 99999999999999999999 OK\r\n" + _EMPTY,
    "status-superscript": b"HTTP/1.1 \xb2\xb2\xb2 OK\r\n" + _EMPTY,
    "status-negative": b"HTTP/1.1 -200 OK\r\n" + _EMPTY,
    "status-zero": b"HTTP/1.1 000 OK\r\n" + _EMPTY,  # found by benchmarks/fuzz_sources.py
    "http-2-line": b"HTTP/2 200\r\n\r\n",
    "invalid-header-bytes": _OK + b"X-\xff\x00\x01: \x80\x81\xfe\r\nContent-Length: 2\r\n\r\nok",
    "header-no-colon": _OK + b"this is not a header\r\nContent-Length: 2\r\n\r\nok",
    "content-length-letters": _OK + b"Content-Length: abc\r\n\r\nok",
    "content-length-negative": _OK + b"Content-Length: -5\r\n\r\nok",
    "content-length-superscript": _OK + b"Content-Length: \xb9\xb2\r\n\r\nok",
    "content-length-huge": _OK + b"Content-Length: 99999999999999999999999\r\n\r\nok",
    "content-length-twice": _OK + b"Content-Length: 2\r\nContent-Length: 9\r\n\r\nok",
    "content-length-short": _OK + b'Content-Length: 50\r\n\r\n{"a": 1}',
    "chunked-garbage": _CHUNKED + b"zz\r\nhello\r\n0\r\n\r\n",
    "chunked-superscript": _CHUNKED + b"\xb2\r\nhi\r\n0\r\n\r\n",
    "chunked-negative": _CHUNKED + b"-5\r\nhello\r\n0\r\n\r\n",
    "chunked-huge": _CHUNKED + b"ffffffffffffffffffff\r\nhello",
    "chunked-no-end": _CHUNKED + b"5\r\nhello\r\n",
    "chunked-bad-trailer": _CHUNKED + b"2\r\nokXX0\r\n\r\n",
    "retry-after-superscript": b"HTTP/1.1 503 Busy\r\nRetry-After: \xb2\r\n" + _EMPTY,
    "retry-after-huge": b"HTTP/1.1 429 Slow\r\nRetry-After: 99999999999999999999999999\r\n"
    + _EMPTY,
    "retry-after-garbage-date": b"HTTP/1.1 503 Busy\r\n"
    b"Retry-After: Mon, 99 Foo 99999 99:99:99 GMT\r\n" + _EMPTY,
    "ratelimit-reset-superscript": b"HTTP/1.1 403 Limited\r\nX-RateLimit-Remaining: 0\r\n"
    b"X-RateLimit-Reset: \xb3\r\n" + _EMPTY,
    "location-garbage": b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\n" + _EMPTY,
    "location-bad-port": b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:99999/x\r\n" + _EMPTY,
    "location-empty": b"HTTP/1.1 301 Moved\r\nLocation: \r\n" + _EMPTY,
    "location-javascript": b"HTTP/1.1 302 Found\r\nLocation: javascript:alert(1)\r\n" + _EMPTY,
    "location-file": b"HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\n" + _EMPTY,
    "set-cookie-garbage": b"HTTP/1.1 302 Found\r\nSet-Cookie: =\xff;;;\r\nSet-Cookie: \r\n"
    b"Location: /ok\r\n" + _EMPTY,
}

# Every plain-HTTP fault by name, for tests that run a client against all of them.
FAULTS: dict[str, Fault] = {
    "stall": stall,
    "headers-then-stall": headers_then_stall,
    "half-body-then-stall": half_body_then_stall,
    "drip-headers": drip_headers,
    "drip-body": drip_body,
    "drop-before-answer": drop_before_answer,
    "drop-mid-headers": drop_mid_headers,
    "drop-mid-body": drop_mid_body,
    "huge-header-line": huge_header_line,
    "endless-headers": endless_headers,
    "endless-continue": endless_continue,
    "gigabyte-body": gigabyte_body,
    "gigabyte-chunked": gigabyte_chunked,
    "gigabyte-unframed": gigabyte_unframed,
    "gzip-bomb": gzip_bomb,
    "redirect-forever": redirect_forever,
    "redirect-forever-permanent": redirect_forever_permanent,
    **{f"malformed-{name}": raw(data) for name, data in MALFORMED.items()},
}
