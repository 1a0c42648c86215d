"""Known hosts done right: a small table of strategies, the first that matches a target wins.

- ``doi``: a ``doi:`` field or a doi.org link is asked of the DOI resolver's handle API
  (``/api/handles/<doi>``: responseCode 1 exists, 100 not found) instead of fetching a
  publisher page that rejects bots;
- ``arxiv``: an ``arxiv:`` id or an arxiv.org abs/pdf link is asked of the arXiv API in
  bulk (``/api/query?id_list=a,b,...``, up to ``ARXIV_BATCH`` ids a request, one request
  every ``Endpoints.arxiv_pause`` seconds, as arXiv asks); an id the feed does not list
  is broken. If the API fails, the id's abs page is checked instead;
- ``github``: a repository URL (``https://github.com/owner/repo``) goes to the GitHub
  GraphQL API when a token is given, up to ``GITHUB_BATCH`` repositories a query
  (``repository(owner:, name:)`` follows renames): renamed repositories are
  ``redirected``, archived ones reported, ``NOT_FOUND`` broken. A repository the query
  did not settle goes to the REST API, then to the page itself;
- ``http``: everything else, and the fallback of the others.

To add a host, write a class with ``name``, ``matches``, ``host`` and ``check`` and put
it in ``STRATEGIES`` before ``Http``. A strategy that asks in bulk also has
``prepare(targets, engine)``: the engine calls it once per run with all its targets,
and ``check`` finds what it returned with ``engine.prepared(name)``.
"""

from __future__ import annotations

import asyncio
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol
from urllib.parse import quote, urljoin, urlsplit

from listbot.links.check import Endpoints, Engine, Trace, Verdict, host_key, parse_json
from listbot.links.model import Status, Target

_ARXIV_ID = r"(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?"
_ARXIV_PATH = re.compile(rf"^/(?:abs|pdf)/({_ARXIV_ID})(?:\.pdf)?/?$", re.IGNORECASE)
_GITHUB_REPO = re.compile(r"^/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?$")
_VERSION = re.compile(r"v\d+$")
ARXIV_BATCH = 100  # ids per arXiv API request (the URL stays under 2 KB)
GITHUB_BATCH = 100  # repositories per GraphQL query (GitHub's node limit allows far more)
_ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass
class Batches:
    """One run's bulk lookups: key -> the batch it is in, each batch asked once, lazily.

    ``fetch(keys)`` returns what it learned per key (a key it leaves out: not settled,
    the strategy falls back to asking one by one).
    """

    fetch: Callable[[list[str]], Awaitable[dict[str, Any]]]
    of: dict[str, int] = field(default_factory=dict)
    groups: list[list[str]] = field(default_factory=list)
    tasks: dict[int, asyncio.Task[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def of_keys(
        cls, keys: Sequence[str], size: int, fetch: Callable[[list[str]], Awaitable[dict[str, Any]]]
    ) -> Batches:
        batches = cls(fetch)
        for key in dict.fromkeys(keys):
            if not batches.groups or len(batches.groups[-1]) >= size:
                batches.groups.append([])
            batches.of[key] = len(batches.groups) - 1
            batches.groups[-1].append(key)
        return batches

    async def get(self, key: str) -> Any:
        """What the batch of ``key`` learned about it, or None (not settled in bulk)."""
        index = self.of.get(key)
        if index is None:
            return None
        task = self.tasks.get(index)
        if task is None:
            task = self.tasks[index] = asyncio.ensure_future(self.fetch(self.groups[index]))
        return (await asyncio.shield(task)).get(key)


class Strategy(Protocol):
    name: str

    def matches(self, target: Target, endpoints: Endpoints) -> bool: ...

    def host(self, target: Target, endpoints: Endpoints) -> str: ...

    async def check(self, target: Target, engine: Engine, trace: Trace) -> Verdict: ...


class Http:
    name = "http"

    def matches(self, target: Target, endpoints: Endpoints) -> bool:
        return True

    def host(self, target: Target, endpoints: Endpoints) -> str:
        return host_key(target.url)

    async def check(self, target: Target, engine: Engine, trace: Trace) -> Verdict:
        return await engine.follow(target.url, trace)


class Doi:
    name = "doi"

    def matches(self, target: Target, endpoints: Endpoints) -> bool:
        return target.doi is not None

    def host(self, target: Target, endpoints: Endpoints) -> str:
        return host_key(endpoints.doi)

    async def check(self, target: Target, engine: Engine, trace: Trace) -> Verdict:
        assert target.doi is not None
        url = f"{engine.endpoints.doi.rstrip('/')}/api/handles/{quote(target.doi, safe='/')}"
        hop = await engine.api(url, trace)
        if hop.response is None:
            assert hop.error is not None
            raise hop.error
        response = hop.response
        data = parse_json(response.body)
        code = data.get("responseCode") if isinstance(data, dict) else None
        if code == 1:
            return Verdict(Status.OK, response.status, _doi_target(data), "DOI exists")
        if code == 100 or response.status == 404:
            return Verdict(
                Status.BROKEN,
                response.status,
                None,
                f"DOI {target.doi} does not exist (the DOI resolver does not know it)",
            )
        return Verdict(
            Status.UNREACHABLE,
            response.status,
            None,
            f"the DOI resolver did not answer clearly (HTTP {response.status}"
            + (f", responseCode {code})" if code is not None else ")")
            + (f": {hop.gave_up}" if hop.gave_up else ""),
        )


def _doi_target(data: dict[str, object]) -> str | None:
    values = data.get("values")
    if isinstance(values, list):
        for value in values:
            if isinstance(value, dict) and value.get("type") == "URL":
                inner = value.get("data")
                if isinstance(inner, dict) and isinstance(inner.get("value"), str):
                    return str(inner["value"])
    return None


def arxiv_id(target: Target) -> str | None:
    if target.arxiv:
        return target.arxiv
    parts = urlsplit(target.url)
    if (parts.hostname or "").lower() not in ("arxiv.org", "www.arxiv.org", "export.arxiv.org"):
        return None
    found = _ARXIV_PATH.match(parts.path)
    return found.group(1) if found else None


class Arxiv:
    name = "arxiv"

    def matches(self, target: Target, endpoints: Endpoints) -> bool:
        return arxiv_id(target) is not None

    def host(self, target: Target, endpoints: Endpoints) -> str:
        return host_key(endpoints.arxiv_api_base)

    def prepare(self, targets: Sequence[Target], engine: Engine) -> Batches:
        pace = _Pace(engine.endpoints.arxiv_pause)

        async def fetch(ids: list[str]) -> dict[str, Any]:
            return await _arxiv_query(ids, engine, pace)

        return Batches.of_keys([str(arxiv_id(t)) for t in targets], ARXIV_BATCH, fetch)

    async def check(self, target: Target, engine: Engine, trace: Trace) -> Verdict:
        ident = arxiv_id(target)
        assert ident is not None
        batches = engine.prepared(self.name)
        known = await batches.get(ident) if batches is not None else None
        if known is not None:
            trace.attempts += known["attempts"]
            if known["found"]:
                return Verdict(Status.OK, 200, target.url, f"arXiv {ident} exists")
            return Verdict(
                Status.BROKEN,
                200,
                None,
                f"arXiv has no paper {ident} (the arXiv API does not list it)",
            )
        return await self._abs_page(ident, target, engine, trace)

    async def _abs_page(self, ident: str, target: Target, engine: Engine, trace: Trace) -> Verdict:
        abs_url = f"{engine.endpoints.arxiv.rstrip('/')}/abs/{ident}"
        verdict = await engine.follow(abs_url, trace)
        if verdict.status is Status.REDIRECTED:  # the id exists; arXiv moved its own page
            return Verdict(
                Status.OK, verdict.http_status, verdict.final_url, f"arXiv {ident} exists"
            )
        if verdict.status is Status.BROKEN and not verdict.unresolved:
            return replace(verdict, message=f"arXiv has no paper {ident} ({verdict.message})")
        return verdict


class _Pace:
    """At most one request every ``gap`` seconds, one at a time (the arXiv API's rule)."""

    def __init__(self, gap: float) -> None:
        self.gap = gap
        self.lock = asyncio.Lock()
        self.last: float | None = None

    async def __aenter__(self) -> None:
        await self.lock.acquire()
        loop = asyncio.get_running_loop()
        if self.last is not None:
            wait = self.last + self.gap - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)

    async def __aexit__(self, *exc: object) -> None:
        self.last = asyncio.get_running_loop().time()
        self.lock.release()


async def _arxiv_query(ids: list[str], engine: Engine, pace: _Pace) -> dict[str, Any]:
    """{id: {"found": bool, "attempts": n}} from one id_list request; {} if it failed."""
    base = engine.endpoints.arxiv_api_base.rstrip("/")
    url = f"{base}/api/query?id_list={','.join(ids)}&max_results={len(ids)}"
    trace = Trace()
    async with pace:
        hop = await engine.api(url, trace)
    response = hop.response
    if response is None or response.status != 200:
        return {}
    try:
        feed = ET.fromstring(response.body)  # noqa: S314 - bounded body, expat without DTD loading
    except ET.ParseError:
        return {}  # "Rate exceeded." and other non-feeds: ask the abs pages instead
    if feed.tag != f"{_ATOM}feed":
        return {}
    listed: set[str] = set()
    for entry in feed.iter(f"{_ATOM}entry"):
        if (entry.findtext(f"{_ATOM}title") or "").strip() == "Error":
            return {}  # the API refused the query (a malformed id): settle nothing in bulk
        ident = (entry.findtext(f"{_ATOM}id") or "").strip()
        path = urlsplit(ident).path
        if path.startswith("/abs/"):
            found = path[len("/abs/") :]
            listed.add(found.lower())
            listed.add(_VERSION.sub("", found).lower())
    share = max(1, trace.attempts)
    return {
        i: {
            "found": i.lower() in listed or _VERSION.sub("", i).lower() in listed,
            # the one request is counted for the first id of the batch only
            "attempts": share if n == 0 else 0,
        }
        for n, i in enumerate(ids)
    }


class Github:
    name = "github"

    def matches(self, target: Target, endpoints: Endpoints) -> bool:
        return endpoints.github_token is not None and _repo(target.url) is not None

    def host(self, target: Target, endpoints: Endpoints) -> str:
        return host_key(endpoints.github_api)

    def prepare(self, targets: Sequence[Target], engine: Engine) -> Batches:
        async def fetch(repos: list[str]) -> dict[str, Any]:
            return await _graphql_repositories(repos, engine)

        keys = [f"{o}/{n}".lower() for o, n in (_repo(t.url) or ("", "") for t in targets)]
        return Batches.of_keys(keys, GITHUB_BATCH, fetch)

    async def check(self, target: Target, engine: Engine, trace: Trace) -> Verdict:
        repo = _repo(target.url)
        assert repo is not None
        owner, name = repo
        batches = engine.prepared(self.name)
        known = await batches.get(f"{owner}/{name}".lower()) if batches is not None else None
        if known is None:
            return await self._rest(target, engine, trace)
        trace.attempts += known["attempts"]
        if known["repository"] is None:
            return Verdict(Status.BROKEN, 200, None, f"GitHub has no repository {owner}/{name}")
        found = known["repository"]
        moved = str(found.get("nameWithOwner", "")).lower() != f"{owner}/{name}".lower()
        url = found.get("url") if isinstance(found.get("url"), str) else None
        return _repository_verdict(
            target.url,
            str(url) if moved and url else None,
            archived=found.get("isArchived") is True,
        )

    async def _rest(self, target: Target, engine: Engine, trace: Trace) -> Verdict:
        """One repository through the REST API (what the GraphQL query did not settle)."""
        repo = _repo(target.url)
        assert repo is not None and engine.endpoints.github_token is not None
        owner, name = repo
        headers = {
            "Authorization": f"Bearer {engine.endpoints.github_token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        }
        url = f"{engine.endpoints.github_api.rstrip('/')}/repos/{owner}/{name}"
        hop = await engine.api(url, trace, headers)
        api_host = host_key(engine.endpoints.github_api)
        for _ in range(3):  # a renamed repository answers 301 with its new API address
            response = hop.response
            location = None if response is None else response.header("location")
            if response is None or response.status not in (301, 302, 307, 308) or not location:
                break
            location = urljoin(url, location.strip())
            if host_key(location) != api_host:
                break  # the token goes to the API's own host only, never where a redirect says
            hop = await engine.api(location, trace, headers)
        response = hop.response
        if response is not None and response.status == 404:
            return Verdict(Status.BROKEN, 404, None, f"GitHub has no repository {owner}/{name}")
        data = parse_json(response.body) if response is not None else None
        if response is None or response.status != 200 or not isinstance(data, dict):
            # rate limited or down: the page itself still tells whether the link works
            return await engine.follow(target.url, trace)
        html_url = str(data.get("html_url") or target.url)
        moved = str(data.get("full_name", "")).lower() != f"{owner}/{name}".lower()
        return _repository_verdict(
            target.url, html_url if moved else None, archived=bool(data.get("archived"))
        )


def _repository_verdict(url: str, moved_to: str | None, *, archived: bool) -> Verdict:
    """What GitHub says of a repository link: moved (to ``moved_to``), archived, or fine."""
    note = "the repository is archived (read-only)" if archived else ""
    if moved_to is not None:
        message = f"the repository moved; update the link to {moved_to}"
        return Verdict(
            Status.REDIRECTED,
            301,
            moved_to,
            f"{message}; {note}" if note else message,
            archived=archived,
        )
    return Verdict(Status.OK, 200, url, note, archived=archived)


def _repo(url: str) -> tuple[str, str] | None:
    parts = urlsplit(url)
    if (parts.hostname or "").lower() not in ("github.com", "www.github.com") or parts.query:
        return None
    found = _GITHUB_REPO.match(parts.path)
    return (found.group(1), found.group(2)) if found else None


async def _graphql_repositories(repos: list[str], engine: Engine) -> dict[str, Any]:
    """{"owner/name": {"repository": {...} | None, "attempts": n}} from one GraphQL query.

    ``repository(owner:, name:)`` per repository under an alias (``r0``, ``r1``...); a
    ``null`` with a ``NOT_FOUND`` error on its alias means it does not exist. Anything
    else unsettled (rate limited, forbidden, no answer) is left out: asked one by one.
    """
    token = engine.endpoints.github_token
    assert token is not None
    fields = []
    for n, repo in enumerate(repos):
        owner, _, name = repo.partition("/")
        fields.append(
            f"r{n}: repository(owner: {json.dumps(owner)}, name: {json.dumps(name)}) "
            "{ nameWithOwner url isArchived }"
        )
    query = "query {\n  " + "\n  ".join(fields) + "\n}"
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    trace = Trace()
    hop = await engine.api(
        engine.endpoints.github_graphql_url,
        trace,
        headers,
        post=json.dumps({"query": query}).encode(),
    )
    response = hop.response
    data = parse_json(response.body) if response is not None and response.status == 200 else None
    if not isinstance(data, dict) or not isinstance(data.get("data"), dict):
        return {}
    answers = data["data"]
    missing: set[str] = set()
    errors = data.get("errors")
    for error in errors if isinstance(errors, list) else []:
        if not isinstance(error, dict):
            continue
        path = error.get("path")
        if error.get("type") == "NOT_FOUND" and isinstance(path, list) and len(path) == 1:
            missing.add(str(path[0]))
    settled: dict[str, Any] = {}
    for n, repo in enumerate(repos):
        alias = f"r{n}"
        value = answers.get(alias)
        attempts = max(1, trace.attempts) if not settled else 0  # one query, counted once
        if isinstance(value, dict):
            settled[repo] = {"repository": value, "attempts": attempts}
        elif value is None and alias in missing:
            settled[repo] = {"repository": None, "attempts": attempts}
    return settled


STRATEGIES: tuple[Strategy, ...] = (Doi(), Arxiv(), Github(), Http())


def strategy_for(target: Target, endpoints: Endpoints) -> Strategy:
    return next(s for s in STRATEGIES if s.matches(target, endpoints))
