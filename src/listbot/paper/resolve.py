"""Facts a paper's entry leaves out (venue, year, authors, DOI, arXiv id), looked up by title.

``Resolver.resolve(title, have)`` asks dblp's title search first (venue and year as the
list writes them, and the arXiv id of the CoRR twin), then Crossref's bibliographic query
(DOI, authors), then arXiv's title search (for papers not placed yet or listed as arXiv
papers: it asks for three seconds between requests), each only while something is still
missing, and accepts a hit only
when it is the same paper: its normalized title is at least ``THRESHOLD`` similar and its
year agrees with the year the caller knows. It says which source gave each field. When no
source is sure, or all are down, the answer is a reason, never a guess.

Every answer is cached in ``.listbot/resolve-cache.json`` (by source and normalized
title), so a second run sends no request; errors are not cached. Fetching goes through
``Sources`` (one session, the sources' pacing, retries on 429/5xx).

    >>> title_similarity("Ray: A Distributed Framework", "RAY - a distributed framework.")
    1.0
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, NamedTuple

from listbot.config import Config
from listbot.paper.metadata import PaperMetadata, SourceError, match_venue
from listbot.paper.sources import Sources
from listbot.validate import normalize_title

# Titles at least this similar (difflib ratio of normalized titles) are the same paper.
# Measured by benchmarks/resolve_threshold.py: the same paper as lists write it (the seed
# list against the verified seed titles, and the corpus titles with the variants lists
# make: case, "&", a dropped article, a plural, a hyphen) scores 0.957-1.0 in 395 of 396
# pairs (the one below, 0.66, is a paper listed under another title: no title match
# should take it); different papers score at most 0.712 in 3,081 pairs. 0.9 sits between.
THRESHOLD = 0.9
FIELDS = ("venue", "year", "authors", "doi", "arxiv")
_FIELD_NAMES = {"doi": "DOI", "arxiv": "arXiv id"}
SOURCE_NAMES = ("dblp", "Crossref", "arXiv")
CACHE_MAX_AGE = 30 * 86400.0  # seconds; metadata of published papers rarely changes
# How Sources says "no such paper" (as opposed to "could not ask").
_NOT_FOUND = re.compile(r"is not known to|has no paper")


def title_similarity(a: str, b: str) -> float:
    """How alike two titles are once case, accents and punctuation are set aside (0..1)."""
    x, y = normalize_title(a), normalize_title(b)
    if x == y:
        return 1.0
    return SequenceMatcher(None, x, y, autojunk=False).ratio()


class Found(NamedTuple):
    """A confident match: the fields it fills, which source gave each, and the match itself."""

    fields: dict[str, Any]
    sources: dict[str, str]
    matches: dict[str, PaperMetadata]  # by source name: the record each field came from


class NotFound(NamedTuple):
    reason: str
    down: bool = False  # True when a source could not be asked (offline, refused, 5xx)


Resolution = Found | NotFound


@dataclass
class ResolveCache:
    """Search answers by source and normalized title, as JSON under ``.listbot/``."""

    path: Path | None
    clock: Callable[[], float] = time.time
    max_age: float = CACHE_MAX_AGE
    _data: dict[str, Any] = field(default_factory=dict)
    _dirty: bool = False

    @classmethod
    def load(cls, path: Path | None, clock: Callable[[], float] = time.time) -> ResolveCache:
        cache = cls(path, clock)
        if path is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            if isinstance(data, dict) and isinstance(data.get("searches"), dict):
                cache._data = data["searches"]
        return cache

    def get(self, key: str) -> list[PaperMetadata] | None:
        item = self._data.get(key)
        if not isinstance(item, dict) or not isinstance(item.get("hits"), list):
            return None
        if self.clock() - float(item.get("at", 0)) > self.max_age:
            return None
        try:
            return [_from_dict(hit) for hit in item["hits"]]
        except (TypeError, ValueError, KeyError):
            return None

    def put(self, key: str, hits: Sequence[PaperMetadata]) -> None:
        self._data[key] = {"at": self.clock(), "hits": [asdict(hit) for hit in hits]}
        self._dirty = True

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        from listbot.fsutil import atomic_write

        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, json.dumps({"version": 1, "searches": self._data}, indent=1))
        self._dirty = False


def _from_dict(data: Mapping[str, Any]) -> PaperMetadata:
    values = dict(data)
    values["authors"] = tuple(values.get("authors") or ())
    values["venues"] = tuple(values.get("venues") or ())
    return PaperMetadata(**values)


@dataclass
class Resolver:
    sources: Sources
    config: Config
    cache: ResolveCache
    threshold: float = THRESHOLD
    asked: int = 0  # searches sent to a source (not answered from the cache)
    # Sources that failed in this run (unreachable, refusing, nonsense): not asked again.
    down: dict[str, str] = field(default_factory=dict)

    def search(self, source: str, title: str) -> list[PaperMetadata]:
        """One source's hits for ``title``, from the cache when it has them."""
        key = f"{source}:{normalize_title(title)}"
        hits = self.cache.get(key)
        if hits is not None:
            return hits
        if source in self.down:
            raise SourceError(self.down[source])
        self.asked += 1
        try:
            if source == "dblp":
                hits = self.sources.dblp_search(title)
            elif source == "Crossref":
                hits = self.sources.crossref_search(title)
            else:
                hits = self.sources.arxiv_search(title)
        except SourceError as exc:
            self.down[source] = str(exc)
            raise
        self.cache.put(key, hits)
        return hits

    def by_id(self, kind: str, value: str) -> PaperMetadata | None:
        """The record of a DOI (Crossref, else doi.org) or an arXiv id; None when the
        source says there is no such paper. SourceError when it cannot be asked."""
        key = f"{kind}:{value.casefold()}"
        hits = self.cache.get(key)
        if hits is not None:
            return hits[0] if hits else None
        source = "Crossref" if kind == "doi" else "arXiv"
        if source in self.down:
            raise SourceError(self.down[source])
        self.asked += 1
        try:
            record = self.sources.doi(value) if kind == "doi" else self.sources.arxiv(value)
        except SourceError as exc:
            if _NOT_FOUND.search(str(exc)):
                self.cache.put(key, [])
                return None
            self.down[source] = str(exc)
            raise
        self.cache.put(key, [record])
        return record

    def best(
        self, hits: Sequence[PaperMetadata], title: str, year: int | None
    ) -> PaperMetadata | None:
        """The hit that is this paper: similar enough, its year consistent; published first."""
        ranked = []
        for hit in hits:
            score = title_similarity(title, hit.title)
            if score < self.threshold:
                continue
            if year is not None and hit.year is not None:
                # A preprint may come out a year or two before the paper; a published
                # record must say the same year.
                if hit.preprint and not 0 <= year - hit.year <= 2:
                    continue
                if not hit.preprint and hit.year != year:
                    continue
            ranked.append((not hit.preprint, score, hit))
        if not ranked:
            return None
        ranked.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return ranked[0][2]

    def resolve(self, title: str, have: Mapping[str, Any]) -> Resolution:
        """What ``have`` lacks of FIELDS, looked up by ``title`` (``have`` may hold a year)."""
        year = have.get("year") if isinstance(have.get("year"), int) else None
        missing = [f for f in FIELDS if not have.get(f)]
        if not missing:
            return Found({}, {}, {})
        fields: dict[str, Any] = {}
        sources: dict[str, str] = {}
        matches: dict[str, PaperMetadata] = {}
        errors: list[str] = []
        for source in SOURCE_NAMES:
            wanted = [f for f in missing if f not in fields]
            if not wanted:
                break
            if source == "arXiv" and not self._ask_arxiv(have, wanted):
                continue
            try:
                hits = self.search(source, title)
            except SourceError as exc:
                errors.append(str(exc))
                continue
            hit = self.best(hits, title, year if year is not None else fields.get("year"))
            if hit is None:
                continue
            matches[source] = hit
            values = self._fields(hit)
            if not values.get("arxiv"):  # dblp lists the arXiv version (CoRR) beside the paper
                twin = self.best([h for h in hits if h.preprint and h.arxiv], title, None)
                values["arxiv"] = twin.arxiv if twin is not None else None
            for name, value in values.items():
                if name in wanted and value:
                    fields[name] = value
                    sources[name] = source
        if not fields:
            if errors:
                return NotFound("; ".join(errors), down=True)
            if matches:  # found, but what it lacks no source has (a USENIX paper's DOI)
                lacks = " or ".join(_FIELD_NAMES.get(f, f) for f in missing)
                return NotFound(f"found in {' and '.join(matches)}, with no {lacks}")
            return NotFound("no source has a paper with this title and year")
        order = [f for f in FIELDS if f in fields]
        return Found({f: fields[f] for f in order}, {f: sources[f] for f in order}, matches)

    @staticmethod
    def _ask_arxiv(have: Mapping[str, Any], wanted: Sequence[str]) -> bool:
        """arXiv allows one request every three seconds: ask it only for a paper that is
        not placed yet (a preprint, maybe) or that the list calls an arXiv paper; it knows
        neither venue nor a publisher's DOI."""
        if "venue" in wanted or "year" in wanted:
            return True
        venue = str(have.get("venue") or "").casefold()
        return venue in ("arxiv", "corr") and bool({"arxiv", "authors"} & set(wanted))

    def _fields(self, hit: PaperMetadata) -> dict[str, Any]:
        values: dict[str, Any] = {"authors": list(hit.authors), "arxiv": hit.arxiv}
        if not hit.preprint:
            venue = match_venue(hit.venues, self.config).key
            values.update(venue=venue, year=hit.year, doi=hit.doi)
        return values

    def close(self) -> None:
        self.cache.save()
        self.sources.close()


RESOLVE_CACHE = ".listbot/resolve-cache.json"


def open_resolver(config: Config, env: Mapping[str, str], *, keep_cache: bool = True) -> Resolver:
    """The resolver behind ``import --resolve``, ``resolve`` and ``verify``: one polite
    session to dblp, Crossref and arXiv (``LISTBOT_*_URL`` overrides), and the answers
    cache under ``.listbot/`` (read always, written only when ``keep_cache``)."""
    from listbot.paper.sources import SourceEndpoints, make_sources

    sources = make_sources(
        endpoints=SourceEndpoints.from_env(env),
        contact=config.contact,
        timeout=config.links.timeout,
        retries=config.links.retries,
        max_retry_after=config.links.max_retry_after,
    )
    path = config.root / RESOLVE_CACHE
    cache = ResolveCache.load(path)
    if not keep_cache:
        cache.path = None
    return Resolver(sources, config, cache)
