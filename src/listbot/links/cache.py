"""The link cache: recent ``ok`` results are reused, failures are always checked again.

A JSON file (``links.cache``, default ``.listbot/links-cache.json``; keep it out of git and
restore it in CI with actions/cache)::

    {"version": 1, "results": {"https://...": {"status": "ok", "http_status": 200,
                                               "final_url": "https://...", "checked_at": 1.7e9}}}

Written atomically. A missing file is an empty cache; an unreadable or corrupt one is
ignored with a warning (``LinkCache.warning``), never a crash.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from listbot.fsutil import atomic_write
from listbot.links.model import LinkResult, Status, Target

FORMAT = 1
DAY = 86400.0


class LinkCache:
    def __init__(self, path: Path, *, max_age_days: float, clock: Callable[[], float]) -> None:
        self.path = path
        self.max_age = max_age_days * DAY
        self.clock = clock
        self.warning: str | None = None
        self._entries: dict[str, dict[str, Any]] = {}

    @classmethod
    def load(cls, path: Path, *, max_age_days: float, clock: Callable[[], float]) -> LinkCache:
        cache = cls(path, max_age_days=max_age_days, clock=clock)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cache
        except OSError as exc:
            cache.warning = (
                f"{path}: cannot read the link cache ({exc.strerror or exc}); checking every link"
            )
            return cache
        try:
            data = json.loads(raw)
            entries = data["results"] if data.get("version") == FORMAT else None
            if not isinstance(entries, dict):
                raise ValueError("no results")
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            cache.warning = (
                f"{path}: the link cache is corrupt; ignoring it and checking every link"
            )
            return cache
        cache._entries = {k: v for k, v in entries.items() if isinstance(v, dict)}
        return cache

    def fresh(self, target: Target) -> LinkResult | None:
        """The cached ok result of ``target``, if younger than the configured age."""
        hit = self._entries.get(target.url)
        if hit is None or hit.get("status") != Status.OK.value:
            return None
        checked = hit.get("checked_at")
        if not isinstance(checked, (int, float)) or not 0 <= self.clock() - checked < self.max_age:
            return None
        http_status = hit.get("http_status")
        final_url = hit.get("final_url")
        message = hit.get("message")
        return LinkResult(
            url=target.url,
            status=Status.OK,
            http_status=http_status if isinstance(http_status, int) else None,
            final_url=final_url if isinstance(final_url, str) else None,
            message=message if isinstance(message, str) else "",
            locations=target.locations,
            archived=hit.get("archived") is True,
            cached=True,
        )

    def split(self, targets: Iterable[Target]) -> tuple[list[LinkResult], list[Target]]:
        """(fresh cached results, targets to check)."""
        hits: list[LinkResult] = []
        misses: list[Target] = []
        for target in targets:
            hit = self.fresh(target)
            if hit is None:
                misses.append(target)
            else:
                hits.append(hit)
        return hits, misses

    def update(self, results: Sequence[LinkResult]) -> None:
        """Remember new ok results; forget links that now fail."""
        now = self.clock()
        for result in results:
            if result.cached:
                continue
            if result.status is Status.OK:
                self._entries[result.url] = {
                    "status": result.status.value,
                    "http_status": result.http_status,
                    "final_url": result.final_url,
                    "message": result.message,
                    "archived": result.archived,
                    "checked_at": now,
                }
            else:
                self._entries.pop(result.url, None)

    def save(self) -> None:
        """Write the cache atomically (raises OSError; the caller decides how loud to be)."""
        # drop entries too old to be reused, so the file does not grow forever
        now = self.clock()
        keep = {
            url: entry
            for url, entry in self._entries.items()
            if isinstance(entry.get("checked_at"), (int, float))
            and now - entry["checked_at"] < self.max_age
        }
        text = json.dumps({"version": FORMAT, "results": keep}, indent=0, sort_keys=True)
        atomic_write(self.path, text + "\n")
