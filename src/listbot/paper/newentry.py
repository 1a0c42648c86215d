"""A new entry file, shared by ``listbot add`` and ``listbot new``: text, slug, duplicates, checks.

The file is written in exactly the form ``listbot fmt`` produces, headed by the line
that lets editors autocomplete from the schema::

    # yaml-language-server: $schema=../schema/entry.schema.json
    title: 'Ray: A Distributed Framework for Emerging AI Applications'
    ...
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from listbot.config import Config
from listbot.entries import SLUG, Entry, display_path, slug_for, unique_slug
from listbot.errors import InputError, UsageError
from listbot.fsutil import write_new
from listbot.problems import Problem
from listbot.suggest import did_you_mean
from listbot.validate import (
    check_entry,
    list_problems,
    normalize_arxiv,
    normalize_doi,
    normalize_title,
)

if TYPE_CHECKING:
    from listbot.paper.metadata import Identifier, PaperMetadata, VenueMatch
    from listbot.paper.sources import SourceEndpoints


def find_duplicate(data: Mapping[str, Any], entries: Sequence[Entry]) -> tuple[Entry, str] | None:
    """The entry already in the list with the same DOI, arXiv id or title, and which one."""
    checks = (
        ("doi", "DOI", normalize_doi),
        ("arxiv", "arXiv id", normalize_arxiv),
        ("title", "title", normalize_title),
    )
    for name, label, normalize in checks:
        value = data.get(name)
        if not isinstance(value, str) or not normalize(value):
            continue
        key = normalize(value)
        for entry in entries:
            other = getattr(entry, name)
            if other and normalize(other) == key:
                return entry, label
    return None


def refuse_duplicate(data: Mapping[str, Any], entries: Sequence[Entry]) -> None:
    found = find_duplicate(data, entries)
    if found is not None:
        entry, label = found
        raise InputError(
            f"the list already has this paper: {entry.path} has the same {label} ('{entry.title}')"
        )


def resolve_category(given: str, config: Config) -> str:
    if config.category(given) is not None:
        return given
    by_name = {c.name.casefold(): c.id for c in config.categories}
    if given.casefold() in by_name:
        return by_name[given.casefold()]
    names = [c.id for c in config.categories]
    hint = did_you_mean(given, names) or "use one of: " + ", ".join(names)
    raise UsageError(f"unknown category '{given}' ({hint})")


def resolve_venue(given: str, config: Config) -> str:
    key = config.normalize_venue(given)
    if key is not None:
        return key
    guess = config.suggest_venue(given)
    hint = (
        f"did you mean '{guess}'?"
        if guess
        else "use one of: " + ", ".join(v.key for v in config.venues)
    )
    raise UsageError(
        f"unknown venue '{given}' ({hint}; a new venue: add it under venues: in listbot.yml)"
    )


def choose_path(config: Config, data: Mapping[str, Any], slug: str | None) -> Path:
    """``entries/<slug>.yaml``: the given slug (must be free), or a fresh one from the title."""
    folder = config.entries_path
    if slug is not None:
        if not SLUG.match(slug):
            raise UsageError(f"--slug '{slug}' is not a kebab-case name such as ray-osdi18")
        path = folder / f"{slug}.yaml"
        if path.exists() or (folder / f"{slug}.yml").exists():
            raise InputError(
                f"{display_path(path, config.root)} already exists; choose another --slug"
            )
        return path
    try:
        taken = {p.stem for p in folder.iterdir()}
    except OSError:
        taken = set()
    base = slug_for(data["title"], data["venue"], data["year"])
    return folder / f"{unique_slug(base, taken)}.yaml"


def check_new(
    path: Path, text: str, config: Config, entries: Sequence[Entry], *, this_year: int
) -> list[Problem]:
    """Every problem the new file would have, alone and beside the list's entries."""
    shown = display_path(path, config.root)
    result = check_entry(shown, text.encode("utf-8"), config, this_year=this_year)
    problems = list(result.problems)
    if result.entry is not None:
        # the new file's own problems, and warnings on others that name it (near duplicates)
        problems.extend(
            p
            for p in list_problems([*entries, result.entry])
            if p.path == shown or shown in p.message
        )
    return problems


def write_entry(path: Path, text: str, config: Config) -> None:
    if not write_new(path, text):
        raise InputError(f"{display_path(path, config.root)} already exists; nothing written")


def fetch_paper(
    ident: Identifier,
    config: Config,
    endpoints: SourceEndpoints,
    *,
    venue: str | None,
    allow_private: bool = False,
) -> tuple[PaperMetadata, str]:
    """A paper's metadata from the sources (``add``, ``submission``) and its venue key.

    A preprint, or a record without a venue, is looked up again for where it was
    published. ``venue`` (a key of listbot.yml) overrides the sources' venue. Raises
    SourceError when the sources fail, InputError when the venue or year is missing.
    """
    from listbot.paper.metadata import SourceError, match_venue, merge
    from listbot.paper.sources import make_sources

    sources = make_sources(
        endpoints=endpoints,
        contact=config.contact,
        timeout=config.links.timeout,
        retries=config.links.retries,
        max_retry_after=config.links.max_retry_after,
        allow_private=allow_private,
    )
    try:
        meta: PaperMetadata = sources.fetch(ident)
        if meta.preprint or not meta.venues:
            try:
                published = sources.published_version(meta)
            except SourceError as exc:
                if venue is None:
                    raise SourceError(
                        f"{exc}; could not find where '{meta.title}' was published "
                        "(pass --venue to skip)"
                    ) from None
                published = None
            if published is not None:
                meta = merge(meta, published)
    finally:
        sources.close()

    if venue is None:
        found = match_venue(meta.venues, config, preprint=meta.preprint)
        if found.key is None:
            raise InputError(_venue_message(meta, found, ident.value))
        venue = found.key
    if meta.year is None:
        raise InputError(
            f"{meta.source} gives no year for '{meta.title}' ({ident.value}); use listbot new"
        )
    return meta, venue


def _venue_message(meta: PaperMetadata, match: VenueMatch, given: str) -> str:
    if not match.found:
        return (
            f"{meta.source} gives no venue for '{meta.title}' ({given}) "
            "and no published version was found; pass --venue KEY"
        )
    names = " / ".join(f"'{name}'" for name in match.found[:3])
    if match.satellite:
        return (
            f"venue {names} (from {meta.source}) is a workshop or companion volume, not the "
            f"main {match.suggestion} track; pass --venue {match.suggestion} if it belongs "
            "there, or add the workshop to listbot.yml and pass --venue KEY"
        )
    hint = f"did you mean --venue {match.suggestion}? " if match.suggestion else ""
    return (
        f"venue {names} (from {meta.source}) is not a venue of listbot.yml; "
        f"{hint}add it or an alias under 'venues', or pass --venue KEY"
    )
