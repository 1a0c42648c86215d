"""The values link checking passes around: where a URL is, what was found, the verdict.

Also the links report (``listbot links --format json``), the artifact a link check
hands to ``listbot pr`` and ``listbot link-report``. ``LinkReport`` is its one model:
the writer calls ``to_data``, the readers ``from_data``, and both hold the data to
``schema/links.schema.json`` (version ``LINKS_REPORT_VERSION``)::

    {"version": 1, "summary": {"ok": 1, "broken": 1, ...}, "results": [
        {"url": "https://doi.org/10.1/x", "status": "broken", "http_status": 404,
         "final_url": null, "message": "...", "attempts": 1, "elapsed_ms": 30,
         "archived": false, "cached": false,
         "entries": [{"path": "entries/x.yaml", "line": 6, "col": 6, "field": "doi"}]}]}

A result names a *target*, the thing the checker checked (a link without its
``#fragment``, the DOI resolver's URL for a ``doi:`` field, the arXiv abs page for an
``arxiv:`` field); ``entries`` says where each target came from. Match results to
entries by those locations (path and field), never by the URL as the entry spells it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

LINKS_REPORT_VERSION = 1
MAX_LINKS_BYTES = 64 * 1024 * 1024  # what a reader of a links report (a CI artifact) accepts


class Status(str, Enum):
    """The verdict on one link."""

    OK = "ok"
    REDIRECTED = "redirected"  # permanent redirect: the entry should carry the new URL
    BROKEN = "broken"  # 404, 410, name does not resolve, redirect loop: an error
    UNREACHABLE = "unreachable"  # timeout, reset, 5xx/429 after retries, refused: a warning
    EXCLUDED = "excluded"  # matches links.exclude
    BLOCKED = "blocked"  # refused by the guard (private address, not http/https)


STATUS_ORDER: tuple[Status, ...] = tuple(Status)


@dataclass(frozen=True)
class Location:
    """One place a URL appears: the entry file, the line and column, the field."""

    path: str
    line: int
    col: int
    field: str  # "links.code", "doi", "arxiv"

    def to_data(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "col": self.col, "field": self.field}

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> Location:
        """From schema-valid data (see ``LinkReport.from_data``)."""
        return cls(raw["path"], raw["line"], raw["col"], raw["field"])


@dataclass(frozen=True)
class Target:
    """One URL to check (fragment removed) and every place it appears."""

    url: str
    locations: tuple[Location, ...]
    doi: str | None = None  # set for a `doi:` field or a doi.org link
    arxiv: str | None = None  # set for an `arxiv:` field


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: Status
    http_status: int | None = None
    final_url: str | None = None
    attempts: int = 0  # HTTP requests sent for this link (HEAD, GET fallback, hops, retries)
    elapsed_ms: int = 0
    message: str = ""
    locations: tuple[Location, ...] = field(default=(), compare=False)
    archived: bool = False  # a GitHub repository that is archived (read-only)
    cached: bool = False  # reused from the cache: no request sent
    unresolved: bool = field(default=False, compare=False)  # broken: the name did not resolve

    def to_data(self) -> dict[str, Any]:
        """One result of the links report (``schema/links.schema.json#/$defs/result``)."""
        return {
            "url": self.url,
            "status": self.status.value,
            "http_status": self.http_status,
            "final_url": self.final_url,
            "entries": [loc.to_data() for loc in self.locations],
            "attempts": self.attempts,
            "elapsed_ms": self.elapsed_ms,
            "message": self.message,
            "archived": self.archived,
            "cached": self.cached,
        }

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> LinkResult:
        """From schema-valid data (see ``LinkReport.from_data``)."""
        return cls(
            url=raw["url"],
            status=Status(raw["status"]),
            http_status=raw["http_status"],
            final_url=raw["final_url"],
            attempts=raw["attempts"],
            elapsed_ms=raw["elapsed_ms"],
            message=raw["message"],
            locations=tuple(Location.from_data(loc) for loc in raw["entries"]),
            archived=raw["archived"],
            cached=raw["cached"],
        )


def sort_results(results: Iterable[LinkResult]) -> list[LinkResult]:
    """By the first place each result appears (path, line, column), then by URL."""

    def key(result: LinkResult) -> tuple[str, int, int, str]:
        first = result.locations[0] if result.locations else None
        return (first.path, first.line, first.col, result.url) if first else ("", 0, 0, result.url)

    return sorted(results, key=key)


def summary(results: Iterable[LinkResult]) -> dict[str, int]:
    """How many results have each status, every status named (in ``STATUS_ORDER``)."""
    counts = Counter(r.status for r in results)
    return {status.value: counts.get(status, 0) for status in STATUS_ORDER}


class LinksReportError(ValueError):
    """Data that is not a links report this listbot writes; ``str()`` says why, in one line."""


@dataclass(frozen=True)
class LinkReport:
    """The links report: every result of one ``listbot links`` run."""

    results: tuple[LinkResult, ...]
    shard: tuple[int, int] | None = None  # (K, N) of a ``--shard K/N`` run

    @classmethod
    def of(cls, results: Sequence[LinkResult], shard: tuple[int, int] | None = None) -> LinkReport:
        return cls(tuple(sort_results(results)), shard)

    def to_data(self) -> dict[str, Any]:
        """The report as JSON data; raises RuntimeError (a bug) if it would fail its schema."""
        from listbot.schemacheck import checked_artifact

        data: dict[str, Any] = {
            "version": LINKS_REPORT_VERSION,
            "results": [r.to_data() for r in self.results],
            "summary": summary(self.results),
        }
        if self.shard is not None:
            data["shard"] = {"index": self.shard[0], "count": self.shard[1]}
        return checked_artifact("links", data, "links report")

    @classmethod
    def from_data(cls, data: Any) -> LinkReport:
        """A links report from untrusted JSON data; LinksReportError unless schema-valid."""
        from listbot.schemacheck import artifact_refusal

        hint = "; write it with 'listbot links --format json'"
        refusal = artifact_refusal("links", data, LINKS_REPORT_VERSION, "links report", hint)
        if refusal:
            raise LinksReportError(refusal)
        shard = data.get("shard")
        part = None if shard is None else (int(shard["index"]), int(shard["count"]))
        if part is not None and part[0] > part[1]:
            raise LinksReportError(f"not a listbot links report (shard {part[0]}/{part[1]})")
        return cls(tuple(LinkResult.from_data(r) for r in data["results"]), part)
