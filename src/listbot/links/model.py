"""The values link checking passes around: where a URL is, what was found, the verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


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

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "col": self.col, "field": self.field}


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

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract of ``listbot links --format json``, one result."""
        return {
            "url": self.url,
            "status": self.status.value,
            "http_status": self.http_status,
            "final_url": self.final_url,
            "entries": [loc.as_dict() for loc in self.locations],
            "attempts": self.attempts,
            "elapsed_ms": self.elapsed_ms,
            "message": self.message,
        }
