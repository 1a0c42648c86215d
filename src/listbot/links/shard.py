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
    report, schema-checked). A URL in two reports (a report given twice, shards of two
    different splits) keeps the first verdict and every place it appears.
    """
    merged: dict[str, LinkResult] = {}
    for name, raw in reports:
        try:
            report = LinkReport.from_data(json.loads(raw))
        except (ValueError, RecursionError) as exc:  # LinksReportError is a ValueError
            why = str(exc) if isinstance(exc, LinksReportError) else "not JSON"
            raise ShardError(f"{name}: {why}") from None
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
