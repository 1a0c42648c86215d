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

from listbot.adding import AddRequest, add_paper
from listbot.commands import Context, config_for
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
    if args.allow_private and ctx.in_actions:
        raise UsageError("add: --allow-private is refused under GITHUB_ACTIONS=true")
    request = AddRequest(
        args.paper,
        category=args.category,
        venue=args.venue,
        slug=args.slug,
        tags=args.tag,
        note=args.note,
        dry_run=args.dry_run,
        allow_private=args.allow_private,
    )
    return add_paper(request, ctx, config_for(args, ctx))
