"""Sharding a link check across runners, and joining the shards' reports into one.

``listbot links --shard K/N`` checks only the targets whose politeness host hashes to
shard K of N, so every host is still asked by one runner (its per-host limits hold),
and ``listbot links merge FILE...`` joins the N JSON reports into the report one run
would have written::

    mine = select(targets, endpoints, Shard(2, 4))
    results = merge_reports([("shard-1.json", raw1), ("shard-2.json", raw2)])

The hash is SHA-256 of the host name, so a host lands on the same shard on every runner,
every run and every Python (``hash()`` is salted per process).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from listbot.links.check import Endpoints
from listbot.links.model import LinkReport, LinkResult, LinksReportError, Target

_SPEC = re.compile(r"([1-9][0-9]{0,2})/([1-9][0-9]{0,2})")


class ShardError(ValueError):
    """A bad ``--shard`` value or an unreadable shard report; the text is for the user."""


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based, as written: --shard 1/4 ... 4/4
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        found = _SPEC.fullmatch(text.strip())
        if found is None or not 1 <= int(found.group(1)) <= int(found.group(2)):
            raise ShardError(f"--shard {text!r}: expected K/N with 1 <= K <= N <= 999, as 2/4")
        return cls(int(found.group(1)), int(found.group(2)))

    def holds(self, host: str) -> bool:
        return shard_of(host, self.count) == self.index


def shard_of(host: str, count: int) -> int:
    """The 1-based shard of ``host`` among ``count``: stable across runs and machines."""
    digest = hashlib.sha256(host.lower().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select(targets: Sequence[Target], endpoints: Endpoints, shard: Shard) -> list[Target]:
    """The targets of ``shard``: those whose host (as the engine will ask it) hashes there."""
    from listbot.links.hosts import strategy_for

    return [t for t in targets if shard.holds(strategy_for(t, endpoints).host(t, endpoints))]


def merge_reports(reports: Sequence[tuple[str, bytes]]) -> list[LinkResult]:
    """The results of several links reports, one per URL (raises ShardError).

    Each report is read through ``LinkReport.from_data`` (the one model of the links
    report, schema-checked). Reports of ``--shard`` runs must make up one whole split:
    every shard 1..N once, all of the same N (a shard job that failed and left no report
    would otherwise pass as a list with fewer links). A URL in two reports keeps the
    first verdict and every place it appears.
    """
    parsed: list[tuple[str, LinkReport]] = []
    for name, raw in reports:
        try:
            parsed.append((name, LinkReport.from_data(json.loads(raw))))
        except (ValueError, RecursionError) as exc:  # LinksReportError is a ValueError
            why = str(exc) if isinstance(exc, LinksReportError) else "not JSON"
            raise ShardError(f"{name}: {why}") from None
    _whole_split(parsed)
    merged: dict[str, LinkResult] = {}
    for _, report in parsed:
        for result in report.results:
            known = merged.get(result.url)
            if known is None:
                merged[result.url] = result
            else:
                places = known.locations + tuple(
                    loc for loc in result.locations if loc not in known.locations
                )
                merged[result.url] = replace(known, locations=places)
    return list(merged.values())


def _whole_split(reports: Sequence[tuple[str, LinkReport]]) -> None:
    """ShardError unless the shard reports among ``reports`` are shards 1..N of one split."""
    shards = [(name, r.shard) for name, r in reports if r.shard is not None]
    if not shards:
        return  # reports of whole runs: joined as they are
    plain = [name for name, r in reports if r.shard is None]
    if plain:
        raise ShardError(f"{plain[0]} is not the report of a --shard run; the others are")
    counts = {part[1] for _, part in shards}
    if len(counts) > 1:
        listed = ", ".join(f"{name} is {k}/{n}" for name, (k, n) in shards)
        raise ShardError(f"the reports are shards of different splits ({listed})")
    count = counts.pop()
    seen: dict[int, str] = {}
    for name, (index, _) in shards:
        if index in seen:
            raise ShardError(f"shard {index}/{count} is given twice ({seen[index]}, {name})")
        seen[index] = name
    missing = [k for k in range(1, count + 1) if k not in seen]
    if missing:
        which = ", ".join(f"{k}/{count}" for k in missing)
        raise ShardError(
            f"shard{'s' if len(missing) > 1 else ''} {which} missing: give all {count} "
            "shard reports (did a shard job fail before it wrote its report?)"
        )
