"""``listbot add ID-OR-URL --category C``: a new entry from a DOI, arXiv id, dblp record or page.

    listbot add 10.1145/3190508.3190517 --category training
    listbot add https://arxiv.org/abs/1712.05889 -c training --dry-run
    listbot add https://www.usenix.org/conference/osdi18/presentation/moritz -c training

Sources: Crossref (DOIs; doi.org for DOIs Crossref does not register), arXiv (then dblp
or Crossref for where the preprint was published), dblp records, and any page with
``citation_*`` meta tags. Base URLs: ``LISTBOT_CROSSREF_URL``, ``LISTBOT_ARXIV_URL``,
``LISTBOT_DBLP_URL``, ``LISTBOT_DOI_URL``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from listbot.commands import Context, config_for, save_new_entry, scan_list
from listbot.commands.new import ask_category, interactive
from listbot.errors import InputError, UsageError

if TYPE_CHECKING:
    from listbot.paper.metadata import PaperMetadata, VenueMatch


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paper",
        metavar="ID-OR-URL",
        help="a DOI (10.1145/... or https://doi.org/...), an arXiv id or URL, a dblp record URL, "
        "or the paper's landing page",
    )
    parser.add_argument(
        "-c", "--category", help="category id from listbot.yml (asked on a terminal)"
    )
    parser.add_argument(
        "--venue",
        metavar="KEY",
        help="venue key to use instead of the sources' (e.g. when theirs is not in listbot.yml)",
    )
    parser.add_argument("--slug", help="file name without .yaml (default: e.g. ray-osdi18)")
    parser.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)"
    )
    parser.add_argument("--note", help="a one-line note shown in the README")
    parser.add_argument(
        "--dry-run", action="store_true", help="print the entry instead of writing it"
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.paper.metadata import (
        MAX_AUTHORS,
        SourceError,
        entry_data,
        identify,
        match_venue,
        merge,
    )
    from listbot.paper.newentry import (
        refuse_duplicate,
        resolve_category,
        resolve_venue,
    )
    from listbot.paper.sources import Endpoints, make_sources

    config = config_for(args, ctx)
    ident = identify(args.paper)
    category = resolve_category(args.category, config) if args.category else None
    if category is None and not interactive():
        names = ", ".join(c.id for c in config.categories)
        raise UsageError(f"add: --category is required when not on a terminal (one of: {names})")
    venue_key = resolve_venue(args.venue, config) if args.venue else None

    state = scan_list(config, ctx)
    entries = state.entries
    if ident.kind in ("doi", "arxiv"):
        refuse_duplicate({ident.kind: ident.value}, entries)  # no need to ask anyone

    sources = make_sources(
        endpoints=Endpoints.from_env(ctx.env),
        contact=config.contact,
        timeout=config.links.timeout,
        retries=config.links.retries,
        max_retry_after=config.links.max_retry_after,
    )
    try:
        meta: PaperMetadata = sources.fetch(ident)
        if meta.preprint or not meta.venues:
            try:
                published = sources.published_version(meta)
            except SourceError as exc:
                if venue_key is None:
                    raise SourceError(
                        f"{exc}; could not find where '{meta.title}' was published "
                        "(pass --venue to skip)"
                    ) from None
                published = None
            if published is not None:
                meta = merge(meta, published)
    finally:
        sources.close()

    if venue_key is None:
        found = match_venue(meta.venues, config, preprint=meta.preprint)
        if found.key is None:
            raise InputError(_venue_message(meta, found, ident.value))
        venue_key = found.key
    if meta.year is None:
        raise InputError(
            f"{meta.source} gives no year for '{meta.title}' ({ident.value}); use listbot new"
        )

    if category is None:
        ctx.stderr.write(f"{meta.title} ({venue_key} {meta.year})\n")
        category = ask_category(ctx, config)
    data = entry_data(meta, venue=venue_key, category=category)
    if len(meta.authors) > MAX_AUTHORS:
        ctx.stderr.write(
            f"listbot: warning: kept the first {MAX_AUTHORS} of {len(meta.authors)} authors "
            "(the most an entry holds)\n"
        )
    if args.tag:
        data["tags"] = list(dict.fromkeys(args.tag))
    if args.note:
        data["note"] = args.note
    done, shown = save_new_entry(
        ctx,
        config,
        data,
        entries,
        slug=args.slug,
        dry_run=args.dry_run,
        refusal="the entry above is not valid",
    )
    if done != "written":
        return 1 if done == "refused" else 0
    authors = len(data.get("authors", ()))
    ctx.stdout.write(
        f"wrote {shown}: {data['title']} ({venue_key} {data['year']}, "
        f"{authors} author{'s' if authors != 1 else ''}; from {meta.source})\n"
    )
    return 0


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
