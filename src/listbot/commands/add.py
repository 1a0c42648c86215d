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

from listbot.commands import Context, config_for, save_new_entry, scan_list
from listbot.commands.new import ask_category, interactive
from listbot.errors import UsageError


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
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="fetch pages on loopback and private addresses (a local mirror; refused under "
        "GITHUB_ACTIONS=true)",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.paper.metadata import MAX_AUTHORS, entry_data, identify
    from listbot.paper.newentry import (
        fetch_paper,
        refuse_duplicate,
        resolve_category,
        resolve_venue,
    )
    from listbot.paper.record import SourceError
    from listbot.paper.sources import Endpoints

    if args.allow_private and ctx.in_actions:
        raise UsageError("add: --allow-private is refused under GITHUB_ACTIONS=true")
    config = config_for(args, ctx)
    try:
        ident = identify(args.paper)
    except SourceError as exc:  # a title, most likely: new is the command for that
        raise SourceError(f"{exc} (for a paper without one: listbot new)") from None
    category = resolve_category(args.category, config) if args.category else None
    if category is None and not interactive():
        names = ", ".join(c.id for c in config.categories)
        raise UsageError(f"add: --category is required when not on a terminal (one of: {names})")
    venue_key = resolve_venue(args.venue, config) if args.venue else None

    state = scan_list(config, ctx)
    entries = state.entries
    if ident.kind in ("doi", "arxiv"):
        refuse_duplicate({ident.kind: ident.value}, entries)  # no need to ask anyone

    meta, venue_key = fetch_paper(
        ident,
        config,
        Endpoints.from_env(ctx.env),
        venue=venue_key,
        allow_private=args.allow_private,
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
