"""The address guard at connection time, for the ``requests`` session of ``listbot add``.

``sources.Client`` checks every URL's host before a request (it resolves the name and
asks the guard about each address), but requests resolves the name again when it
connects: a name that answers a public address to the check and a private one to the
connection (DNS rebinding) got through. Here the socket itself is checked once it is
connected, before a byte is sent: the address it reached must pass the same guard::

    guard_connections(session, address_problem, trusted=("https://api.crossref.org/",))
    ...
    except requests.RequestException as exc:
        refused = refusal(exc)  # an AddressRefused, or None for any other failure

The operator's API base URLs (``trusted``) are exempt by origin (host and port), as they
are from the check before the request. A request through a proxy is not covered (the
socket reaches the proxy); the check before the request still is.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

Guard = Callable[[str], "str | None"]
Conn = TypeVar("Conn", bound=HTTPConnection)
_DEFAULT_PORTS = {"http": 80, "https": 443}


class AddressRefused(NewConnectionError):
    """A connection reached an address the guard refuses; nothing was sent on it."""

    def __init__(self, conn: HTTPConnection, address: str, problem: str) -> None:
        self.host = conn.host
        self.address = address
        self.problem = problem
        super().__init__(conn, f"{conn.host} connected to {address}, which is {problem}")


def refusal(exc: BaseException) -> AddressRefused | None:
    """The AddressRefused inside what requests raised (ConnectionError, then urllib3's
    MaxRetryError and its ``reason``), or None when the failure was something else."""
    found: BaseException | None = exc
    while found is not None and not isinstance(found, AddressRefused):
        inner = getattr(found, "reason", None)
        if not isinstance(inner, BaseException) and found.args:
            inner = found.args[0]
        found = inner if isinstance(inner, BaseException) else None
    return found


def guard_connections(session: requests.Session, guard: Guard, trusted: Iterable[str]) -> None:
    """Mount adapters on ``session`` whose connections are refused unless ``guard``
    passes the address they reached (origins of ``trusted`` URLs excepted)."""
    origins = {_origin(url) for url in trusted}
    for scheme in ("http://", "https://"):
        session.mount(scheme, _GuardedAdapter(guard, origins))


def _origin(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return (parts.hostname or "").lower(), parts.port or _DEFAULT_PORTS.get(scheme, 0)


class _GuardedAdapter(HTTPAdapter):
    def __init__(self, guard: Guard, trusted: set[tuple[str, int]]) -> None:
        self._guard = guard
        self._trusted = trusted
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        guard, trusted = self._guard, self._trusted

        def checked(base: type[Conn]) -> type[Conn]:
            class Checked(base):  # type: ignore[valid-type,misc]
                def _new_conn(self) -> socket.socket:
                    sock: socket.socket = super()._new_conn()
                    port = self.port or self.default_port
                    if (self.host.lower(), port) in trusted:
                        return sock
                    address = str(sock.getpeername()[0])
                    problem = guard(address)
                    if problem is not None:
                        sock.close()
                        raise AddressRefused(self, address, problem)
                    return sock

            return cast("type[Conn]", Checked)

        class Pool(HTTPConnectionPool):
            ConnectionCls = checked(HTTPConnection)

        class TlsPool(HTTPSConnectionPool):
            ConnectionCls = checked(HTTPSConnection)

        self.poolmanager.pool_classes_by_scheme = {"http": Pool, "https": TlsPool}
