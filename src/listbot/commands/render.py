"""``listbot render [--check]``: regenerate the paper list between the README's markers."""

from __future__ import annotations

import argparse
import difflib

from listbot.commands import Context, add_cache, config_for, plural, scan_list, stop_on_errors
from listbot.config import Config
from listbot.fsutil import atomic_write, read_limited
from listbot.readme import MAX_README_BYTES, RenderFailed, rendered


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; print a diff and exit 1 when the README is out of date",
    )
    add_cache(parser)


def diff(config: Config, current: str, wanted: str) -> str:
    return "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True),
            wanted.splitlines(keepends=True),
            fromfile=f"{config.readme} (now)",
            tofile=f"{config.readme} (rendered)",
        )
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_for(args, ctx)
    state = scan_list(config, ctx, cache=not args.no_cache)
    if stop_on_errors(ctx, state, f"{config.readme} not changed"):
        return 1
    try:
        current, wanted = rendered(config, state)
    except RenderFailed as failed:
        for problem in failed.problems:
            ctx.stderr.write(problem.text() + "\n")
        ctx.stderr.write(f"listbot: {config.readme} not changed: see the entries above\n")
        return 1
    if current == wanted:
        ctx.stdout.write(f"{config.readme} is up to date ({plural(len(state.entries), 'paper')})\n")
        return 0
    if args.check:
        ctx.stdout.write(diff(config, current, wanted))
        ctx.stderr.write(f"listbot: {config.readme} is out of date; run listbot render\n")
        return 1
    # The README's own line ends: a CRLF file (saved on Windows) stays CRLF outside the markers.
    raw = read_limited(config.readme_path, MAX_README_BYTES)
    atomic_write(config.readme_path, wanted.replace("\n", "\r\n") if b"\r\n" in raw else wanted)
    ctx.stdout.write(f"{config.readme} updated ({plural(len(state.entries), 'paper')})\n")
    return 0
