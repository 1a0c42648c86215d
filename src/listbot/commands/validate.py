"""``listbot validate [FILE ...]``: schema and list rules, every problem at once."""

from __future__ import annotations

import argparse
from pathlib import Path

from listbot.commands import (
    Context,
    add_base,
    add_cache,
    add_format,
    config_for,
    line_reader,
    output_format,
    scan_for,
    use_color,
    write_summary,
)
from listbot.output import markdown_summary, write
from listbot.problems import has_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="entry files to report on (default: all); duplicates are sought in the whole list",
    )
    add_base(parser)
    add_format(parser)
    add_cache(parser)


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_for(args, ctx)
    state = scan_for(args, ctx, config)
    problems = state.problems()
    fmt = output_format(args, ctx)
    write(
        problems,
        ctx.stdout,
        fmt,
        files=len(state.records),
        excerpt=line_reader(config),
        color=use_color(ctx, ctx.stdout),
    )
    if ctx.in_actions:
        write_summary(
            ctx, markdown_summary(problems, files=len(state.records), title="listbot validate")
        )
    return 1 if has_errors(problems) else 0
