"""What an entry claims (title, venue, year, authors, DOI, arXiv id) against dblp, Crossref, arXiv.

``verify_entry`` returns warnings, never errors: a source can be wrong or late, and a
maintainer decides. The record an entry is checked against is the one ``Resolver.best``
accepts for its title (same threshold; any year, so that a wrong year shows), dblp first,
then Crossref. Its DOI is looked up on Crossref and its arXiv id on arXiv, and the title
found there must be the entry's. A source that is down checks nothing (``unchecked``
says which): verify never fails because of a source.

Codes (LB601-LB629):

    LB601  wrong year: "dblp lists this paper at NSDI 2019, the entry says NSDI 2018"
    LB602  venue differs
    LB603  title differs beyond case and punctuation
    LB604  authors differ (first author, or the number of authors)
    LB605  no source knows a paper with this title
    LB606  the DOI belongs to another title
    LB607  the DOI is not known to Crossref or doi.org
    LB608  the arXiv id belongs to another paper
    LB609  arXiv has no paper with this id
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from listbot.entries import Entry, ascii_fold
from listbot.paper.metadata import PaperMetadata, SourceError, match_venue
from listbot.paper.resolve import Resolver, title_similarity
from listbot.problems import Problem
from listbot.validate import normalize_title


@dataclass
class Verification:
    problems: list[Problem] = field(default_factory=list)
    unchecked: dict[str, str] = field(default_factory=dict)  # source -> why it was not asked
    checked: int = 0


def _name(name: str) -> str:
    return " ".join(ascii_fold(name).casefold().replace(".", " ").split())


def _published(entry: Entry, resolver: Resolver, result: Verification) -> PaperMetadata | None:
    """The record this entry is, by title: dblp first, then Crossref; None when none is sure."""
    for source in ("dblp", "Crossref"):
        try:
            hits = resolver.search(source, entry.title)
        except SourceError as exc:
            result.unchecked.setdefault(source, str(exc))
            continue
        published = [h for h in hits if not h.preprint]
        found = resolver.best(published, entry.title, None)
        if found is not None:
            return found
    return None


def verify_entry(entry: Entry, resolver: Resolver, result: Verification) -> None:
    """Add to ``result`` what the sources say differs from ``entry``."""
    config = resolver.config

    def warn(field_name: str, code: str, message: str, suggestion: str | None = None) -> None:
        line, col = entry.where(field_name)
        result.problems.append(
            Problem(entry.path, line, col, code, message, severity="warning", suggestion=suggestion)
        )

    result.checked += 1
    found = _published(entry, resolver, result)
    if found is not None:
        source = found.source
        venue = match_venue(found.venues, config).key
        said = f"{entry.venue} {entry.year}"
        there = f"{venue or (found.venues[0] if found.venues else '?')} {found.year}"
        if found.year is not None and found.year != entry.year:
            warn(
                "year",
                "LB601",
                f"{source} lists this paper at {there}, the entry says {said}",
                suggestion=f"year: {found.year}",
            )
        if venue is not None and venue != entry.venue and entry.venue != "arXiv":
            warn(
                "venue",
                "LB602",
                f"{source} lists this paper at {there}, the entry says {said}",
                suggestion=f"venue: {venue}",
            )
        if normalize_title(found.title) != normalize_title(entry.title):
            warn("title", "LB603", f"{source}'s title is '{found.title}'")
        if entry.authors and found.authors:
            if _name(entry.authors[0]) != _name(found.authors[0]):
                warn(
                    "authors",
                    "LB604",
                    f"{source} names '{found.authors[0]}' first, the entry '{entry.authors[0]}'",
                )
            elif len(entry.authors) != len(found.authors):
                warn(
                    "authors",
                    "LB604",
                    f"{source} lists {len(found.authors)} authors, the entry {len(entry.authors)}",
                )
    elif not {"dblp", "Crossref"} <= set(result.unchecked) and entry.venue != "arXiv":
        warn("title", "LB605", "neither dblp nor Crossref knows a paper with this title")
    if entry.doi:
        _check_id(entry, "doi", entry.doi, resolver, result, warn)
    if entry.arxiv:
        _check_id(entry, "arxiv", entry.arxiv, resolver, result, warn)


def _check_id(
    entry: Entry,
    kind: str,
    value: str,
    resolver: Resolver,
    result: Verification,
    warn: Callable[..., None],
) -> None:
    source = "Crossref" if kind == "doi" else "arXiv"
    try:
        record = resolver.by_id(kind, value)
    except SourceError as exc:
        result.unchecked.setdefault(source, str(exc))
        return
    if record is None:
        if kind == "doi":
            warn("doi", "LB607", f"DOI {value} is not known to Crossref or doi.org")
        else:
            warn("arxiv", "LB609", f"arXiv has no paper {value}")
        return
    if title_similarity(record.title, entry.title) < resolver.threshold:
        if kind == "doi":
            warn("doi", "LB606", f"DOI {value} is '{record.title}', not this paper")
        else:
            warn("arxiv", "LB608", f"arXiv {value} is '{record.title}', not this paper")


def verify(entries: Sequence[Entry], resolver: Resolver) -> Verification:
    result = Verification()
    for entry in entries:
        verify_entry(entry, resolver, result)
    return result
