"""Known hosts done right: a small table of strategies, the first that matches a target wins.

- ``doi``: a ``doi:`` field or a doi.org link is asked of the DOI resolver's handle API
  (``/api/handles/<doi>``: responseCode 1 exists, 100 not found) instead of fetching a
  publisher page that rejects bots;
- ``arxiv``: an ``arxiv:`` id or an arxiv.org abs/pdf link is checked as its abs page
  (so an entry's abs and pdf links cost one request);
- ``github``: a repository URL (``https://github.com/owner/repo``) goes to the GitHub API
  when a token is given: renamed repositories are ``redirected``, archived ones reported;
- ``http``: everything else, and the fallback of the others.

To add a host, write a class with ``name``, ``matches``, ``host`` and ``check`` and put
it in ``STRATEGIES`` before ``Http``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol
from urllib.parse import quote, urljoin, urlsplit

from listbot.links.check import Endpoints, Engine, Trace, Verdict, host_key, parse_json
from listbot.links.model import Status, Target

_ARXIV_ID = r"(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?"
_ARXIV_PATH = re.compile(rf"^/(?:abs|pdf)/({_ARXIV_ID})(?:\.pdf)?/?$", re.IGNORECASE)
_GITHUB_REPO = re.compile(r"^/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?$")


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
        return host_key(endpoints.arxiv)

    async def check(self, target: Target, engine: Engine, trace: Trace) -> Verdict:
        ident = arxiv_id(target)
        abs_url = f"{engine.endpoints.arxiv.rstrip('/')}/abs/{ident}"
        verdict = await engine.follow(abs_url, trace)
        if verdict.status is Status.REDIRECTED:  # the id exists; arXiv moved its own page
            return Verdict(
                Status.OK, verdict.http_status, verdict.final_url, f"arXiv {ident} exists"
            )
        if verdict.status is Status.BROKEN and not verdict.unresolved:
            return replace(verdict, message=f"arXiv has no paper {ident} ({verdict.message})")
        return verdict


class Github:
    name = "github"

    def matches(self, target: Target, endpoints: Endpoints) -> bool:
        return endpoints.github_token is not None and _repo(target.url) is not None

    def host(self, target: Target, endpoints: Endpoints) -> str:
        return host_key(endpoints.github_api)

    async def check(self, target: Target, engine: Engine, trace: Trace) -> Verdict:
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
        archived = bool(data.get("archived"))
        note = "the repository is archived (read-only)" if archived else ""
        moved = str(data.get("full_name", "")).lower() != f"{owner}/{name}".lower()
        if moved:
            message = f"the repository moved; update the link to {html_url}"
            return Verdict(
                Status.REDIRECTED,
                301,
                html_url,
                f"{message}; {note}" if note else message,
                archived=archived,
            )
        return Verdict(Status.OK, 200, target.url, note, archived=archived)


def _repo(url: str) -> tuple[str, str] | None:
    parts = urlsplit(url)
    if (parts.hostname or "").lower() not in ("github.com", "www.github.com") or parts.query:
        return None
    found = _GITHUB_REPO.match(parts.path)
    return (found.group(1), found.group(2)) if found else None


STRATEGIES: tuple[Strategy, ...] = (Doi(), Arxiv(), Github(), Http())


def strategy_for(target: Target, endpoints: Endpoints) -> Strategy:
    return next(s for s in STRATEGIES if s.matches(target, endpoints))
