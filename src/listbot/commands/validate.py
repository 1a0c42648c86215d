"""``listbot validate [FILE ...]``: schema and list rules, every problem at once."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from listbot.commands import (
    Context,
    add_base,
    add_cache,
    add_format,
    config_for,
    line_reader,
    new_files,
    output_format,
    scan_list,
    use_color,
    write_summary,
)
from listbot.config import Config
from listbot.entries import display_path
from listbot.errors import UsageError
from listbot.problems import has_errors
from listbot.project import ListState
from listbot.report import markdown_summary, write


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


def wanted(paths: list[Path], config: Config, ctx: Context) -> list[str] | None:
    """Display paths for the files named on the command line, or None for all."""
    if not paths:
        return None
    # realpath, not Path.resolve(): on Python < 3.13 the latter raises RuntimeError on a
    # symlink loop, and these names can come from a pull request's list of changed files.
    root = Path(os.path.realpath(config.root))
    entries = os.path.realpath(config.entries_path)
    shown = []
    for path in paths:
        given = ctx.cwd / path
        if not os.path.lexists(given):
            raise UsageError(f"{path}: no such file")
        real = os.path.realpath(given)
        if real == entries:  # the entries folder itself: all of them
            return None
        if os.path.dirname(real) != entries:
            folder = display_path(Path(entries), ctx.cwd)
            raise UsageError(f"{path}: not an entry file: entries are the files in {folder}/")
        shown.append(display_path(Path(real), root))
    return shown


def scan_for(args: argparse.Namespace, ctx: Context, config: Config) -> ListState:
    return scan_list(
        config,
        ctx,
        cache=not args.no_cache,
        only=wanted(getattr(args, "paths", []), config, ctx),
        prefer=new_files(args, ctx, config),
    )


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
