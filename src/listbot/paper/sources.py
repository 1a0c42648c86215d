"""Fetching paper metadata: one polite HTTP client and the four sources behind ``listbot add``.

``Client`` owns the one ``requests`` session: a listbot User-Agent (with the list's
contact address, which puts Crossref requests in its "polite pool"), timeouts, a size
cap on every response, retries on 429 and 5xx that honour ``Retry-After`` up to a cap,
and a minimum interval per host (arXiv asks for one request every three seconds). The
clock and ``sleep`` are injected, so tests never wait.

``Sources`` knows the APIs: Crossref's works API (and doi.org content negotiation for
DOIs that Crossref does not register), arXiv's export API, dblp's record and search
APIs, and any landing page with ``citation_*`` meta tags. Base URLs come from
``SourceEndpoints`` (the CLI fills them from ``LISTBOT_*_URL``). Every failure is a
``SourceError`` whose message is one line naming the source and the paper.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote, urlsplit

from listbot import __version__
from listbot.paper.metadata import (
    Identifier,
    PaperMetadata,
    SourceError,
    parse_arxiv,
    parse_arxiv_search,
    parse_crossref,
    parse_crossref_search,
    parse_csl_json,
    parse_dblp_hits,
    parse_dblp_xml,
    parse_html,
)
from listbot.retry import parse_retry_after
from listbot.validate import normalize_title

if TYPE_CHECKING:
    import requests

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 10
MAX_BYTES = 5 * 1024 * 1024  # no metadata record or landing page head is bigger
ARXIV_INTERVAL = 3.0  # https://info.arxiv.org/help/api/tou.html: one request every three seconds
# dblp asks for restraint and answers bursts with 429 and Retry-After (which Client honours);
# one search a second keeps a 2,000-paper import well clear of that.
DBLP_INTERVAL = 1.0
# Crossref's public pool allows a few requests a second per client.
CROSSREF_INTERVAL = 0.2


@dataclass(frozen=True)
class SourceEndpoints:
    crossref: str = "https://api.crossref.org"
    arxiv: str = "https://export.arxiv.org/api"
    dblp: str = "https://dblp.org"
    doi: str = "https://doi.org"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SourceEndpoints:
        """Defaults, overridden by ``LISTBOT_CROSSREF_URL`` and friends (mirrors, tests)."""
        base = cls()
        return cls(
            crossref=env.get("LISTBOT_CROSSREF_URL") or base.crossref,
            arxiv=env.get("LISTBOT_ARXIV_URL") or base.arxiv,
            dblp=env.get("LISTBOT_DBLP_URL") or base.dblp,
            doi=env.get("LISTBOT_DOI_URL") or base.doi,
        )


class Reply(NamedTuple):
    status: int
    body: bytes
    url: str
    content_type: str
    retry_after: str | None = None


def user_agent(contact: str | None) -> str:
    """``listbot/1.0.0 (mailto:you@example.org)``: what Crossref's etiquette asks for."""
    return f"listbot/{__version__}" + (f" (mailto:{contact})" if contact else "")


def make_session(contact: str | None) -> requests.Session:
    import requests

    session = requests.Session()
    session.headers["User-Agent"] = user_agent(contact)
    return session


# the end of both refusals: of a URL whose host resolves to, or a connection that reaches,
# an address the guard refuses
PUBLIC_ONLY = "listbot add fetches only public addresses (--allow-private for a local mirror)"


@dataclass
class Client:
    session: requests.Session
    timeout: float = 10.0
    retries: int = 2
    max_retry_after: float = 30.0
    max_bytes: int = MAX_BYTES
    # URL prefix (an API's base URL) -> minimum seconds between two requests to it
    intervals: Mapping[str, float] = field(default_factory=dict)
    # Wall time for one request, headers and body (default: three timeouts). Per-read
    # timeouts alone never end a server that sends one byte per second.
    deadline: float | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    wall: Callable[[], float] = time.time
    # The link checker's address guard (``links.http.address_problem``) for every URL and
    # redirect hop outside ``trusted`` (the API base URLs the operator set); None: off
    # (``listbot add --allow-private``).
    guard: Callable[[str], str | None] | None = None
    trusted: tuple[str, ...] = ()
    _last: dict[str, float] = field(default_factory=dict)

    def get(
        self,
        url: str,
        *,
        source: str,
        params: Mapping[str, str] | None = None,
        accept: str | None = None,
    ) -> Reply:
        """GET with pacing and retries; the final reply whatever its status, or SourceError."""
        import requests

        attempt = 0
        while True:
            self._pace(url)
            try:
                reply = self._bounded(url, params, accept)
            except _TooSlow as exc:
                raise SourceError(
                    f"{source} took longer than {exc.seconds:g} s to answer ({url})"
                ) from None
            except requests.Timeout:
                raise SourceError(
                    f"{source} did not answer within {self.timeout:g} s ({url})"
                ) from None
            except requests.RequestException as exc:
                from listbot.paper.connguard import refusal

                refused = refusal(exc)  # the connection reached an address the guard refuses
                if refused is not None:
                    raise SourceError(
                        f"refused {url}: {refused.host} connected to {refused.address}, "
                        f"which is {refused.problem}; {PUBLIC_ONLY}"
                    ) from None
                raise SourceError(f"{source} cannot be reached ({url}): {_reason(exc)}") from None
            except (ValueError, http.client.HTTPException) as exc:
                # requests and urllib3 let some malformed answers through as plain errors:
                # a negative chunk size, a Location header that is no URL ("http://[::1").
                raise SourceError(
                    f"{source} sent a malformed HTTP answer ({url}): {type(exc).__name__}"
                ) from None
            if reply.status not in RETRY_STATUSES:
                return reply
            if attempt >= self.retries:
                raise SourceError(
                    f"{source} answered HTTP {reply.status} {attempt + 1} time(s); "
                    f"try again later ({url})"
                )
            wait = self._retry_after(reply, attempt)
            if wait > self.max_retry_after:
                raise SourceError(
                    f"{source} answered HTTP {reply.status} and asks to wait {wait:.0f} s "
                    f"(more than {self.max_retry_after:g} s); try again later ({url})"
                )
            self.sleep(wait)
            attempt += 1

    def _pace(self, url: str) -> None:
        # A URL belongs to one API: the longest base URL it starts with (two APIs may share
        # a host, and one base URL may be a prefix of another's).
        matching = [prefix for prefix in self.intervals if url.startswith(prefix)]
        if not matching:
            return
        prefix = max(matching, key=len)
        last = self._last.get(prefix)
        if last is not None:
            wait = last + self.intervals[prefix] - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[prefix] = self.clock()

    def _bounded(self, url: str, params: Mapping[str, str] | None, accept: str | None) -> Reply:
        """``_once`` in a daemon worker, given up (and its connection closed) at the deadline."""
        deadline = self.deadline if self.deadline is not None else 3 * self.timeout
        box: dict[str, object] = {}
        opened: list[requests.Response] = []

        def work() -> None:
            try:
                box["reply"] = self._once(url, params, accept, opened)
            except BaseException as exc:  # handed to the caller's thread below
                box["error"] = exc

        worker = threading.Thread(target=work, name="listbot-fetch", daemon=True)
        worker.start()
        worker.join(deadline)
        if worker.is_alive():
            for response in opened:  # a body trickling in: ending the socket ends the worker
                _abort(response)
            raise _TooSlow(deadline)
        error = box.get("error")
        if isinstance(error, BaseException):
            raise error
        reply = box["reply"]
        assert isinstance(reply, Reply)
        return reply

    def _once(
        self,
        url: str,
        params: Mapping[str, str] | None,
        accept: str | None,
        opened: list[requests.Response],
    ) -> Reply:
        from urllib.parse import urljoin

        headers = {"Accept": accept} if accept else {}
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_address(current)
            with self.session.get(
                current,
                params=params,
                headers=headers,
                timeout=self.timeout,
                stream=True,
                allow_redirects=False,  # followed here, each hop through the guard
            ) as response:
                opened.append(response)
                if not response.is_redirect:
                    return self._read(response, url)
                current = urljoin(response.url, response.headers["location"])
                params = None  # already part of response.url
        raise SourceError(f"too many redirects (more than {MAX_REDIRECTS}) from {url}")

    def _check_address(self, url: str) -> None:
        """SourceError unless ``url``'s host resolves only to public addresses (see guard)."""
        if self.guard is None or url.startswith(self.trusted):
            return
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            raise SourceError(f"refused {url}: only http and https are fetched")
        host = parts.hostname or ""
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (ValueError, OSError, UnicodeError):
            return  # requests reports the bad URL or the unknown name in its own words
        for info in infos:
            problem = self.guard(str(info[4][0]))
            if problem is not None:
                raise SourceError(f"refused {url}: {host} is {problem}; {PUBLIC_ONLY}")

    def _read(self, response: requests.Response, url: str) -> Reply:
        declared = response.headers.get("Content-Length", "").strip()
        if declared.isascii() and declared.isdigit() and int(declared) > self.max_bytes:
            raise SourceError(f"the answer from {url} is larger than {self.max_bytes:,} bytes")
        chunks = []
        size = 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > self.max_bytes:
                raise SourceError(f"the answer from {url} is larger than {self.max_bytes:,} bytes")
            chunks.append(chunk)
        return Reply(
            response.status_code,
            b"".join(chunks),
            response.url,
            response.headers.get("Content-Type", ""),
            response.headers.get("Retry-After"),
        )

    def _retry_after(self, reply: Reply, attempt: int) -> float:
        asked = parse_retry_after(reply.retry_after, now=self.wall())
        if asked is not None:
            return asked
        return float(min(2**attempt, self.max_retry_after))


def _abort(response: requests.Response) -> None:
    """Shut the response's socket from another thread (close() would wait for the reader)."""
    sock = getattr(getattr(response.raw, "connection", None), "sock", None)
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class _TooSlow(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def _reason(exc: Exception) -> str:
    if type(exc).__name__ == "TooManyRedirects":
        return "too many redirects"
    text = str(exc)
    for pattern in (
        r"Connection refused",
        r"Name or service not known",
        r"timed out",
        r"certificate",
    ):
        if re.search(pattern, text, re.IGNORECASE):
            return pattern.lower()
    return type(exc).__name__


def _charset(content_type: str, body: bytes) -> str:
    """The header's charset, else the page's own ``<meta charset>``, else UTF-8."""
    for text in (content_type, body[:4096].decode("ascii", errors="replace")):
        match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._-]+)", text, re.IGNORECASE)
        if match:
            return match.group(1)
    return "utf-8"


@dataclass
class Sources:
    client: Client
    endpoints: SourceEndpoints = field(default_factory=SourceEndpoints)
    contact: str | None = None

    def close(self) -> None:
        self.client.session.close()

    def fetch(self, ident: Identifier) -> PaperMetadata:
        if ident.kind == "doi":
            return self.doi(ident.value)
        if ident.kind == "arxiv":
            return self.arxiv(ident.value)
        if ident.kind == "dblp":
            return self.dblp_record(ident.value)
        return self.page(ident.value)

    def doi(self, doi: str) -> PaperMetadata:
        """Crossref's works API; DOIs Crossref does not register go to doi.org (CSL JSON)."""
        url = f"{self.endpoints.crossref.rstrip('/')}/works/{quote(doi, safe='/:;()')}"
        params = {"mailto": self.contact} if self.contact else None
        reply = self.client.get(url, source="Crossref", params=params, accept="application/json")
        if reply.status == 200:
            return parse_crossref(reply.body)
        if reply.status != 404:
            raise SourceError(f"Crossref answered HTTP {reply.status} for DOI {doi}")
        url = f"{self.endpoints.doi.rstrip('/')}/{quote(doi, safe='/:;()')}"
        reply = self.client.get(
            url, source="doi.org", accept="application/vnd.citationstyles.csl+json"
        )
        if reply.status == 404:
            raise SourceError(f"DOI {doi} is not known to Crossref or doi.org")
        if reply.status != 200:
            raise SourceError(f"doi.org answered HTTP {reply.status} for DOI {doi}")
        return parse_csl_json(reply.body)

    def arxiv(self, arxiv_id: str) -> PaperMetadata:
        url = f"{self.endpoints.arxiv.rstrip('/')}/query"
        reply = self.client.get(
            url,
            source="arXiv",
            params={"id_list": arxiv_id, "max_results": "1"},
            accept="application/atom+xml",
        )
        if reply.status != 200:
            raise SourceError(f"arXiv answered HTTP {reply.status} for {arxiv_id}")
        return parse_arxiv(reply.body, arxiv_id)

    def dblp_record(self, key: str) -> PaperMetadata:
        url = f"{self.endpoints.dblp.rstrip('/')}/rec/{quote(key, safe='/')}.xml"
        reply = self.client.get(url, source="dblp", accept="application/xml")
        if reply.status == 404:
            raise SourceError(f"dblp has no record {key}")
        if reply.status != 200:
            raise SourceError(f"dblp answered HTTP {reply.status} for {key}")
        return parse_dblp_xml(reply.body, key)

    def dblp_search(self, title: str) -> list[PaperMetadata]:
        url = f"{self.endpoints.dblp.rstrip('/')}/search/publ/api"
        # Words only: dblp reads "field:" prefixes, "|" and "$" in queries as syntax.
        words = " ".join(re.sub(r"[^\w\s]", " ", title).split())
        reply = self.client.get(
            url,
            source="dblp",
            params={"q": words, "format": "json", "h": "20"},
            accept="application/json",
        )
        if reply.status != 200:
            raise SourceError(f"dblp search answered HTTP {reply.status}")
        return parse_dblp_hits(reply.body)

    def crossref_search(self, title: str) -> list[PaperMetadata]:
        """Crossref's bibliographic query: the works whose metadata best fit ``title``."""
        url = f"{self.endpoints.crossref.rstrip('/')}/works"
        params = {"query.bibliographic": title, "rows": "5"}
        if self.contact:
            params["mailto"] = self.contact
        reply = self.client.get(url, source="Crossref", params=params, accept="application/json")
        if reply.status != 200:
            raise SourceError(f"Crossref search answered HTTP {reply.status}")
        return parse_crossref_search(reply.body)

    def arxiv_search(self, title: str) -> list[PaperMetadata]:
        """arXiv's title search (``ti:``), words only: its query syntax reads quotes and colons."""
        url = f"{self.endpoints.arxiv.rstrip('/')}/query"
        words = " ".join(re.sub(r"[^\w\s]", " ", title).split())
        reply = self.client.get(
            url,
            source="arXiv",
            params={"search_query": f'ti:"{words}"', "max_results": "5"},
            accept="application/atom+xml",
        )
        if reply.status != 200:
            raise SourceError(f"arXiv search answered HTTP {reply.status}")
        return parse_arxiv_search(reply.body)

    def page(self, url: str) -> PaperMetadata:
        reply = self.client.get(
            url, source=urlsplit(url).netloc, accept="text/html,application/xhtml+xml"
        )
        if reply.status != 200:
            raise SourceError(
                f"{url} answered HTTP {reply.status}; try the paper's DOI or arXiv id instead"
            )
        kind = reply.content_type.split(";")[0].strip().lower()
        if kind and kind not in ("text/html", "application/xhtml+xml", "text/plain"):
            raise SourceError(
                f"{url} is not a web page ({kind}); pass the paper's DOI or landing page"
            )
        try:
            text = reply.body.decode(_charset(reply.content_type, reply.body), errors="replace")
        except LookupError:
            text = reply.body.decode("utf-8", errors="replace")
        return parse_html(text, url)

    def published_version(self, preprint: PaperMetadata) -> PaperMetadata | None:
        """Where a preprint was published: its DOI on Crossref, else dblp by exact title."""
        if preprint.doi and preprint.source not in ("Crossref", "doi.org"):  # not asked yet
            try:
                found = self.doi(preprint.doi)
            except SourceError:
                found = None
            if found is not None and not found.preprint and found.venues:
                return found
        wanted = normalize_title(preprint.title)
        hits = [
            hit
            for hit in self.dblp_search(preprint.title)
            if normalize_title(hit.title) == wanted and not hit.preprint and hit.venues
        ]
        return hits[0] if hits else None


def make_sources(
    *,
    endpoints: SourceEndpoints,
    contact: str | None,
    timeout: float,
    retries: int,
    max_retry_after: float,
    session: requests.Session | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    allow_private: bool = False,
) -> Sources:
    from listbot.links.http import address_problem

    guard = None if allow_private else address_problem
    trusted = tuple(
        base.rstrip("/") + "/"
        for base in (endpoints.crossref, endpoints.arxiv, endpoints.dblp, endpoints.doi)
    )
    session = session or make_session(contact)
    if guard is not None:
        from listbot.paper.connguard import guard_connections

        guard_connections(session, guard, trusted)  # the address a connection reaches, too
    client = Client(
        session=session,
        timeout=timeout,
        retries=retries,
        max_retry_after=max_retry_after,
        intervals={
            endpoints.arxiv.rstrip("/") + "/": ARXIV_INTERVAL,
            endpoints.dblp.rstrip("/") + "/": DBLP_INTERVAL,
            endpoints.crossref.rstrip("/") + "/": CROSSREF_INTERVAL,
        },
        clock=clock,
        sleep=sleep,
        guard=guard,
        trusted=trusted,
    )
    return Sources(client, endpoints, contact)
