"""The link cache: recent ``ok`` results are reused, failures are always checked again.

A JSON file (``links.cache``, default ``.listbot/links-cache.json``; keep it out of git and
restore it in CI with actions/cache)::

    {"version": 2, "key": "<sha256>",
     "results": {"https://...": {"status": "ok", "http_status": 200,
                                 "final_url": "https://...", "checked_at": 1.7e9}}}

The file sits in the checkout, where a pull request can commit one that calls its own
dead links fine. So, like the check cache, it is used only under the ``key`` it was
written with, made from a secret of the user's machine (``cache_key(salt)``); a file
with another key is an empty cache. Read bounded (``MAX_BYTES``), written atomically.
A missing file is an empty cache; an unreadable or corrupt one is ignored with a warning
(``LinkCache.warning``), never a crash.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from listbot.fsutil import atomic_write, read_limited
from listbot.links.model import LinkResult, Status, Target

FORMAT = 2
DAY = 86400.0
MAX_BYTES = 64 * 1024 * 1024  # about 300 bytes a link: room for far more than 100,000


def cache_key(salt: str, *, private: bool = False) -> str:
    """The key a link cache is written under: a committed cache cannot know ``salt``.

    ``private``: the run allowed private addresses (``--allow-private``). Such a run's
    verdicts are its own cache: a loopback link it found ok must not read as ok, from the
    cache, in a run where the address guard blocks it.
    """
    mode = "\0private" if private else ""
    return hashlib.sha256(f"listbot-links\0{FORMAT}\0{salt}{mode}".encode()).hexdigest()


def _seconds(value: Any) -> float | None:
    """A finite number of seconds, or None (a huge integer would overflow the clock's maths)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        seconds = float(value)
    except OverflowError:
        return None
    return seconds if math.isfinite(seconds) else None


class LinkCache:
    def __init__(
        self, path: Path, *, key: str = "", max_age_days: float, clock: Callable[[], float]
    ) -> None:
        self.path = path
        self.key = key
        self.max_age = max_age_days * DAY
        self.clock = clock
        self.warning: str | None = None
        self._entries: dict[str, dict[str, Any]] = {}

    @classmethod
    def load(
        cls, path: Path, *, key: str = "", max_age_days: float, clock: Callable[[], float]
    ) -> LinkCache:
        cache = cls(path, key=key, max_age_days=max_age_days, clock=clock)
        try:
            raw = read_limited(path, MAX_BYTES)
        except FileNotFoundError:
            return cache
        except OSError as exc:
            cache.warning = (
                f"{path}: cannot read the link cache ({exc.strerror or exc}); checking every link"
            )
            return cache
        try:
            data = json.loads(raw)
            if data.get("version") != FORMAT or data.get("key") != key:
                return cache  # an older format, or not written here: nothing to reuse
            entries = data["results"]
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
        checked = _seconds(hit.get("checked_at"))
        if checked is None or not 0 <= self.clock() - checked < self.max_age:
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
        keep = {}
        for url, entry in self._entries.items():
            checked = _seconds(entry.get("checked_at"))
            if checked is not None and now - checked < self.max_age:
                keep[url] = entry
        payload = {"version": FORMAT, "key": self.key, "results": keep}
        text = json.dumps(payload, indent=0, sort_keys=True)
        atomic_write(self.path, text + "\n")
