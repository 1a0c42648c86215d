"""The link-rot issue's text, from a full ``listbot links --format json`` run.

Pure: results and the issue's current body in, the new title and body out. The body
keeps, in a hidden block, the date each URL was first seen failing, so every run can
say how long a link has been broken::

    <!-- listbot:state {"first_seen": {"https://example.org/gone": "2026-10-03"}} -->

Only ``broken`` and ``unreachable`` links count; redirects, exclusions and sites that
block robots do not open an issue.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from listbot import __version__
from listbot.bot.comment import text
from listbot.links.model import LinkResult, Status

MARKER = "<!-- listbot:link-rot -->"
FAILING = (Status.BROKEN, Status.UNREACHABLE)
MAX_ROWS = 300
# GitHub refuses an issue body over 65,536 characters (and counts some characters
# differently than Python): the issue shows what fits, the job summary every row.
BUDGET = 60_000
_STATE = re.compile(r"<!-- listbot:state (\{.*?\}) -->", re.S)


@dataclass(frozen=True)
class IssueText:
    title: str
    body: str
    failing: int


def parse_state(body: str | None) -> dict[str, str]:
    """URL -> first-seen date (ISO) from an issue body; empty when absent or damaged."""
    if not body:
        return {}
    match = _STATE.search(body)
    if match is None:
        return {}
    try:
        raw = json.loads(match.group(1))
    except (ValueError, RecursionError):
        return {}
    seen = raw.get("first_seen") if isinstance(raw, dict) else None
    if not isinstance(seen, dict):
        return {}
    out = {}
    for url, day in seen.items():
        if isinstance(url, str) and isinstance(day, str):
            try:
                date.fromisoformat(day)
            except ValueError:
                continue
            out[url] = day
    return out


def _state_block(first_seen: Mapping[str, str]) -> str:
    raw = json.dumps(
        {"first_seen": dict(sorted(first_seen.items()))}, ensure_ascii=True, sort_keys=True
    )
    # Inside an HTML comment: "<" and ">" cannot appear raw (they only occur in strings).
    raw = raw.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"<!-- listbot:state {raw} -->"


def _detail(result: LinkResult) -> str:
    parts = [result.status.value]
    if result.http_status:
        parts.append(f"HTTP {result.http_status}")
    if result.message:
        parts.append(text(result.message, 120))
    return ", ".join(parts)


def _paths(result: LinkResult) -> list[str]:
    """The entry files that hold a result's target, each once, in order."""
    return list(dict.fromkeys(loc.path for loc in result.locations))


def _days(first: str, today: date) -> str:
    days = (today - date.fromisoformat(first)).days
    if days <= 0:
        return "new"
    return "1 day" if days == 1 else f"{days} days"


def issue_text(
    results: Sequence[LinkResult],
    previous_body: str | None,
    today: date,
    *,
    budget: int | None = BUDGET,
) -> IssueText | None:
    """The issue for these results, or None when no link is failing.

    Most useful first: broken links before unreachable ones, then the longest failing.
    Rows are added while the body (its hidden state included) stays within ``budget``
    characters; the rest are counted in an "… and N more" row. ``budget=None`` gives
    every row (for the job summary).
    """
    failing = sorted((r for r in results if r.status in FAILING), key=lambda r: r.url)
    if not failing:
        return None
    before = parse_state(previous_body)
    first_seen = {r.url: before.get(r.url, today.isoformat()) for r in failing}
    entries = {p for r in failing for p in _paths(r)}
    broken = sum(1 for r in failing if r.status is Status.BROKEN)
    noun = "link" if len(failing) == 1 else "links"
    lines = [
        MARKER,
        f"The scheduled link check found **{len(failing)} failing {noun}** "
        f"({broken} broken, {len(failing) - broken} unreachable) in {len(entries)} "
        f"{'entry' if len(entries) == 1 else 'entries'}. This issue is updated by every run "
        "and closed by the bot when all links work again.",
        "",
        "| link | result | entries | failing since |",
        "| --- | --- | --- | --- |",
    ]
    ordered = sorted(
        failing, key=lambda r: (r.status is not Status.BROKEN, first_seen[r.url], r.url)
    )
    tail = [
        "",
        "To fix one: update the URL in the entry file (or remove the link) in a pull request.",
        "",
        f"_Last checked {today.isoformat()} by listbot {__version__}._",
        "",
    ]
    more = "| … and {} more: the job summary and the links report list every one | | | |"
    # what is always there: the head, the tail, the "more" row and an empty state block
    used = sum(len(line) + 1 for line in (*lines, *tail, more.format(len(ordered)))) + 200
    shown: dict[str, str] = {}
    for result in ordered if budget is None else ordered[:MAX_ROWS]:
        url = result.url
        where = ", ".join(text(p, 200) for p in _paths(result)[:5]) or "?"
        since = first_seen[url]
        row = (
            f"| {text(url, 300)} | {_detail(result)} | {where} | {since} ({_days(since, today)}) |"
        )
        cost = len(row) + 1 + len(json.dumps({url: since}, ensure_ascii=True))
        if budget is not None and used + cost > budget:
            break
        used += cost
        lines.append(row)
        shown[url] = since
    if len(shown) < len(ordered):
        lines.append(more.format(len(ordered) - len(shown)))
    # The state remembers when the shown links started failing; one not shown this time
    # counts from its next appearance.
    lines += [*tail, _state_block(shown)]
    title = f"Link rot: {len(failing)} failing {noun}"
    return IssueText(title, "\n".join(lines) + "\n", len(failing))


def all_clear(results: Sequence[LinkResult], today: date) -> str:
    checked = sum(1 for r in results if r.status is not Status.EXCLUDED)
    day = today.isoformat()
    return f"All {checked} checked links work again ({day}); closing. listbot {__version__}"
