"""``listbot export bibtex|json|csv [-o FILE]``: the list as data for reference managers.

    listbot export bibtex -o papers.bib
    listbot export json -o papers.json
    listbot export csv > papers.csv

Only a list without errors is exported (exit 1 otherwise, nothing written); ``-o``
replaces the file atomically, and leaves it untouched when nothing changed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from listbot.commands import Context, add_cache, config_for, plural, scan_list, stop_on_errors
from listbot.errors import InputError
from listbot.export import EXPORT_FORMATS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "kind", choices=EXPORT_FORMATS, metavar="|".join(EXPORT_FORMATS), help="output format"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output",
    )
    add_cache(parser)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.export import export
    from listbot.fsutil import atomic_write, holds

    config = config_for(args, ctx)
    state = scan_list(config, ctx, cache=not args.no_cache)
    target = args.output if args.output is not None else "the export"
    if stop_on_errors(ctx, state, f"{target} not written"):
        return 1
    text = export(args.kind, state.entries, config)
    if args.output is None:
        ctx.stdout.write(text)
        return 0
    path = args.output if args.output.is_absolute() else ctx.cwd / args.output
    count = len(state.entries)
    if holds(path, text.encode("utf-8")):
        ctx.stdout.write(f"{args.output} is up to date ({plural(count, 'paper')})\n")
        return 0
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise InputError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
    ctx.stdout.write(f"wrote {args.output} ({plural(count, 'paper')})\n")
    return 0
