from __future__ import annotations

import json
from pathlib import Path

from listbot.links.cache import DAY, LinkCache
from listbot.links.model import LinkResult, Location, Status, Target

T = Target("https://a.org/x", (Location("entries/a.yaml", 3, 10, "links.paper"),))


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_ok_results_are_reused_until_too_old(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / ".listbot" / "links-cache.json"
    cache = LinkCache.load(path, max_age_days=7, clock=clock)
    assert cache.warning is None
    cache.update([LinkResult(T.url, Status.OK, 200, T.url, attempts=1)])
    cache.save()

    clock.now += 6 * DAY
    again = LinkCache.load(path, max_age_days=7, clock=clock)
    hits, misses = again.split([T])
    assert misses == []
    assert hits[0].cached and hits[0].status is Status.OK and hits[0].http_status == 200
    assert hits[0].locations == T.locations  # where it is now, not where it was

    clock.now += 2 * DAY
    hits, misses = LinkCache.load(path, max_age_days=7, clock=clock).split([T])
    assert (hits, misses) == ([], [T])


def test_failures_are_never_reused_and_a_new_failure_forgets_the_old_ok(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "cache.json"
    cache = LinkCache.load(path, max_age_days=7, clock=clock)
    other = Target("https://b.org/", ())
    cache.update(
        [
            LinkResult(T.url, Status.OK, 200),
            LinkResult(other.url, Status.BROKEN, 404),
        ]
    )
    cache.update([LinkResult(T.url, Status.UNREACHABLE, 503)])
    cache.save()
    assert json.loads(path.read_text())["results"] == {}
    hits, misses = LinkCache.load(path, max_age_days=7, clock=clock).split([T, other])
    assert hits == [] and misses == [T, other]


def test_corrupt_cache_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    for junk in (b"{not json", b"[]", b'{"version": 2, "key": "", "results": 3}', b"\xff\xfe"):
        path.write_bytes(junk)
        cache = LinkCache.load(path, max_age_days=7, clock=Clock())
        assert cache.warning is not None and "corrupt" in cache.warning
        assert cache.split([T]) == ([], [T])


def test_odd_entries_inside_a_valid_cache_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    path.write_text(
        json.dumps({"version": 1, "results": {T.url: {"status": "ok", "checked_at": "yesterday"}}})
    )
    assert LinkCache.load(path, max_age_days=7, clock=Clock()).split([T]) == ([], [T])
