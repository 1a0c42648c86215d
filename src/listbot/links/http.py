"""A small HTTP/1.1 client for link checking, on asyncio streams, with the address guard.

Why not requests or an async library: a link check needs the status line and the headers,
never the body of a page (a GET fallback reads and drops a page of up to ``DRAIN_BYTES``
to keep the connection, and closes it rather than read a bigger one),
and it must connect to exactly the address the guard approved. Resolving the name once,
checking every address it resolves to, then opening the socket to that checked address
(TLS still verified against the host name) leaves no DNS-rebinding gap between the check
and the connection. The DOI and GitHub APIs need a small JSON body: ``body_limit`` reads
at most that many bytes (Content-Length or chunked).

Connections answered in full (HEAD, or a body read to its end) are kept for the next
request to the same host; a kept connection that turns out to be closed is replaced once,
transparently. A URL whose request broke a fresh connection too is sent on a fresh one
from then on, so its retries do not spend kept connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import re
import socket
import ssl
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

Resolver = Callable[[str, int], Awaitable[list[str]]]
AddressCheck = Callable[[str], "str | None"]

MAX_HEAD_BYTES = 256 * 1024
# A page this small is cheaper to read and drop than a new connection (and TLS handshake)
# for the next request to its host; a bigger one closes the connection instead.
DRAIN_BYTES = 64 * 1024
# ASCII digits only: str.isdigit() also accepts "²" (latin-1 0xB2), which int() refuses.
_STATUS = re.compile(r"[1-9][0-9]{2}")  # 100-999: "000" or "099" is no HTTP status
_LENGTH = re.compile(r"[0-9]{1,18}")
_CHUNK = re.compile(rb"[0-9A-Fa-f]{1,15}")


class FetchError(Exception):
    """A request that got no HTTP answer; ``kind`` says why (the engine decides what it means).

    Kinds: ``timeout``, ``reset`` (closed or reset before an answer), ``refused``,
    ``nxdomain`` (the name does not exist), ``dns`` (temporary resolver failure), ``tls``,
    ``blocked`` (the guard refused the address or scheme), ``protocol`` (not HTTP/1.x).
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.method = ""  # the method of the failed request, once known


@dataclass(frozen=True)
class Response:
    status: int
    reason: str
    headers: Mapping[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes = b""
    address: str = ""
    cookies: tuple[str, ...] = field(default=())  # "name=value" of each Set-Cookie

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _embedded(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address wraps: mapped, 6to4, Teredo, NAT64.

    Python before 3.13 calls ``2002:7f00:1::`` (6to4 around 127.0.0.1) global, and no
    version unwraps NAT64 (``64:ff9b::7f00:1``): the guard unwraps each itself.
    """
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [v4 for v4 in found if v4 is not None]


def address_problem(address: str) -> str | None:
    """Why the guard refuses ``address`` ("a loopback address"...), or None if it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded(ip)
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        else:
            for v4 in inner:
                problem = address_problem(str(v4))
                if problem is not None:
                    return f"{problem} (inside {address})"
    for test, what in (
        (ip.is_loopback, "a loopback"),
        (ip.is_link_local, "a link-local"),
        (ip.is_private, "a private"),
        (ip.is_multicast, "a multicast"),
        (ip.is_reserved, "a reserved"),
        (ip.is_unspecified, "an unspecified"),
        (not ip.is_global, "a non-public"),
    ):
        if test:
            return f"{what} address"
    return None


async def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        if exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5)):
            raise FetchError("nxdomain", f"host name {host} does not resolve") from None
        raise FetchError("dns", f"cannot resolve {host}: {exc.strerror or exc}") from None
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in seen:
            seen.append(address)
    return seen


@dataclass
class _Conn:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    address: str

    def usable(self) -> bool:
        return not self.writer.is_closing() and not self.reader.at_eof()

    def close(self) -> None:
        self.writer.transport.abort()


class Client:
    """One per run: name resolution cache, kept connections, the guard, the User-Agent."""

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float,
        allow_private: bool = False,
        resolver: Resolver = system_resolver,
        address_check: AddressCheck | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.user_agent = user_agent
        self._check = address_check or address_problem
        self.timeout = timeout
        self.allow_private = allow_private
        self._resolver = resolver
        self._ssl = ssl_context
        self._names: dict[tuple[str, int], asyncio.Future[list[str]]] = {}
        self._idle: dict[tuple[str, str, int], list[_Conn]] = {}
        # URLs whose request broke a fresh connection: the server drops them, so a later
        # attempt gets a fresh connection too, not a kept one to spend and then a new one
        self._breakers: set[str] = set()

    async def close(self) -> None:
        for conns in self._idle.values():
            for conn in conns:
                conn.close()
        self._idle.clear()
        await asyncio.sleep(0)  # let the transports finish closing

    def _ssl_context(self) -> ssl.SSLContext:
        if self._ssl is None:
            self._ssl = ssl.create_default_context()
        return self._ssl

    async def addresses(self, host: str, port: int) -> list[str]:
        """The checked addresses of ``host``: FetchError('blocked') if any of them is refused."""
        try:
            literal = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            literal = None
        if literal is not None:
            found = [str(literal)]
        else:
            key = (host, port)
            pending = self._names.get(key)
            if pending is None:
                pending = asyncio.ensure_future(self._resolver(host, port))
                self._names[key] = pending
            try:
                found = await asyncio.shield(pending)
            except FetchError as exc:
                if exc.kind != "nxdomain":
                    self._names.pop(key, None)  # a passing resolver hiccup: ask again next time
                raise
        if not self.allow_private:
            for address in found:
                problem = self._check(address)
                if problem is not None:
                    shown = host if literal is not None else f"{host} resolves to {address}, which"
                    raise FetchError("blocked", f"{shown} is {problem}; not checked")
        return found

    async def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        body_limit: int = 0,
        body: bytes | None = None,
    ) -> Response:
        """Send one request; return the status and headers (and up to ``body_limit`` bytes).

        ``body``: sent with its Content-Length (a POST to an API).
        """
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(
                "blocked", f"only http and https links are checked, not {scheme or 'this'}"
            )
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError:
            raise FetchError("protocol", f"bad port in {url}") from None
        raw_host = parts.hostname or ""
        if not raw_host:
            raise FetchError("protocol", f"no host in {url}")
        try:
            host = raw_host.encode("idna").decode("ascii")
        except UnicodeError:
            raise FetchError("nxdomain", f"host name {raw_host} is not valid") from None
        target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
        if parts.query:
            target += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
        default = 443 if scheme == "https" else 80
        bracketed = f"[{host}]" if ":" in host else host
        host_header = bracketed if port == default else f"{bracketed}:{port}"
        lines = [
            f"{method} {target} HTTP/1.1",
            f"Host: {host_header}",
            f"User-Agent: {self.user_agent}",
            "Accept: */*",
            "Accept-Encoding: identity",
        ]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if any(_LINE_BREAK.search(line) for line in lines):  # header injection
            raise FetchError("protocol", "refused to send a header with a line break in it")
        if body is not None:
            lines.append(f"Content-Length: {len(body)}")
        wire = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace") + (body or b"")
        key = (scheme, host, port)
        for _ in range(3):
            conn, reused = await self._connection(key, fresh=url in self._breakers)
            try:
                return await self._exchange(conn, key, method, wire, body_limit)
            except FetchError as exc:
                if not reused and exc.kind == "reset":
                    self._breakers.add(url)
                if not (reused and exc.kind in ("reset", "protocol")):
                    raise
                # a kept connection the server had closed meanwhile (or left junk on, such
                # as a body after a HEAD answer): try a fresh one
        raise FetchError("reset", "connection closed before an answer")

    async def _connection(
        self, key: tuple[str, str, int], *, fresh: bool = False
    ) -> tuple[_Conn, bool]:
        idle = None if fresh else self._idle.get(key)
        while idle:
            conn = idle.pop()
            if conn.usable():
                return conn, True
            conn.close()
        scheme, host, port = key
        addresses = await self.addresses(host, port)
        last: FetchError | None = None
        for address in addresses:
            try:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection(
                        address,
                        port,
                        ssl=self._ssl_context() if scheme == "https" else None,
                        server_hostname=host if scheme == "https" else None,
                        limit=MAX_HEAD_BYTES,
                    ),
                    self.timeout,
                )
            except asyncio.TimeoutError:
                last = FetchError(
                    "timeout", f"connecting to {host} timed out after {self.timeout:g} s"
                )
            except ssl.SSLCertVerificationError as exc:
                raise FetchError(
                    "tls", f"TLS certificate of {host}: {exc.verify_message}"
                ) from None
            except ssl.SSLError as exc:
                raise FetchError("tls", f"TLS with {host} failed: {exc.reason or exc}") from None
            except ConnectionRefusedError:
                last = FetchError("refused", f"{host} refused the connection")
            except OSError as exc:
                last = FetchError("reset", f"cannot connect to {host}: {exc.strerror or exc}")
            else:
                return _Conn(reader, writer, address), False
        assert last is not None
        raise last

    async def _exchange(
        self, conn: _Conn, key: tuple[str, str, int], method: str, wire: bytes, body_limit: int
    ) -> Response:
        keep = False
        try:
            conn.writer.write(wire)
            status, reason, headers, cookies, version = await asyncio.wait_for(
                self._read_head(conn.reader), self.timeout
            )
            body = b""
            length = headers.get("content-length")
            chunked = "chunked" in headers.get("transfer-encoding", "").lower()
            no_body = method == "HEAD" or status in (204, 304) or (length or "").strip() == "0"
            complete = no_body
            if not no_body and body_limit > 0:
                body, complete = await asyncio.wait_for(
                    _read_body(conn.reader, length, chunked, body_limit), self.timeout
                )
            elif not no_body and _drainable(length, chunked):
                # only to keep the connection: a page that stalls, breaks off or is not
                # well chunked still gave its answer; the connection is closed instead
                try:
                    _, complete = await asyncio.wait_for(
                        _read_body(conn.reader, length, chunked, DRAIN_BYTES), self.timeout
                    )
                except (
                    asyncio.TimeoutError,
                    asyncio.IncompleteReadError,
                    asyncio.LimitOverrunError,
                    ConnectionError,
                    ssl.SSLError,
                    FetchError,
                ):
                    complete = False
            keep = (
                complete
                and version == "HTTP/1.1"
                and "close" not in headers.get("connection", "").lower()
            )
            return Response(status, reason, headers, body, conn.address, tuple(cookies))
        except asyncio.TimeoutError:
            raise FetchError("timeout", f"no answer within {self.timeout:g} s") from None
        except (ConnectionError, asyncio.IncompleteReadError) as exc:
            raise FetchError(
                "reset", f"connection closed before an answer ({type(exc).__name__})"
            ) from None
        except asyncio.LimitOverrunError:
            raise FetchError("protocol", "response headers are too large") from None
        except ssl.SSLError as exc:
            raise FetchError("tls", f"TLS failed: {exc.reason or exc}") from None
        except OSError as exc:
            raise FetchError("reset", f"connection failed: {exc.strerror or exc}") from None
        finally:
            if keep:
                self._idle.setdefault(key, []).append(conn)
            else:
                conn.close()

    @staticmethod
    async def _read_head(
        reader: asyncio.StreamReader,
    ) -> tuple[int, str, dict[str, str], list[str], str]:
        while True:
            try:
                raw = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError as exc:
                if not exc.partial:
                    raise ConnectionResetError("closed") from None
                raise
            text = raw.decode("latin-1")
            status_line, _, rest = text.partition("\r\n")
            version, _, tail = status_line.partition(" ")
            code_text, _, reason = tail.partition(" ")
            if not version.startswith("HTTP/1.") or not _STATUS.fullmatch(code_text):
                raise FetchError("protocol", f"not an HTTP/1.x answer: {status_line[:60]!r}")
            status = int(code_text)
            if 100 <= status < 200 and status != 101:
                continue  # 100 Continue, 103 Early Hints: the real answer follows
            headers: dict[str, str] = {}
            cookies: list[str] = []
            for line in rest.split("\r\n"):
                name, sep, value = line.partition(":")
                if not sep:
                    continue
                name = name.strip().lower()
                value = value.strip()
                if name == "set-cookie":
                    pair = value.split(";", 1)[0].strip()
                    if not _LINE_BREAK.search(pair):  # a bare LF inside a header line
                        cookies.append(pair)
                headers[name] = f"{headers[name]}, {value}" if name in headers else value
            return status, reason.strip(), headers, cookies, version


_LINE_BREAK = re.compile(r"[\r\n\x00]")


def _drainable(length: str | None, chunked: bool) -> bool:
    """A body worth reading to keep the connection: chunked, or a length up to DRAIN_BYTES."""
    if chunked:
        return True  # read up to the cap; a longer one stops there and the connection closes
    text = (length or "").strip()
    return _LENGTH.fullmatch(text) is not None and int(text) <= DRAIN_BYTES


async def _read_body(
    reader: asyncio.StreamReader, length: str | None, chunked: bool, limit: int
) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes of the body; True when the whole body was read."""
    if chunked:
        parts: list[bytes] = []
        size = 0
        while True:
            line = await reader.readuntil(b"\r\n")
            size_text = line.split(b";", 1)[0].strip()
            if not _CHUNK.fullmatch(size_text):
                raise FetchError("protocol", f"bad chunk size in the answer: {size_text[:20]!r}")
            chunk = int(size_text, 16)
            if chunk == 0:
                with contextlib.suppress(asyncio.IncompleteReadError):
                    while (await reader.readuntil(b"\r\n")) != b"\r\n":
                        pass
                return b"".join(parts), True
            if size + chunk > limit:
                return b"".join(parts), False
            parts.append(await reader.readexactly(chunk))
            await reader.readexactly(2)
            size += chunk
    if length is not None and _LENGTH.fullmatch(length.strip()):
        n = int(length)
        if n > limit:
            return await reader.read(limit), False
        return await reader.readexactly(n), True
    return await reader.read(limit), False
