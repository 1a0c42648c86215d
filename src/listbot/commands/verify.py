"""``listbot verify [FILE ...] [--changed-since REF]``: what entries claim, against the sources.

Each entry's title, venue, year, authors, DOI and arXiv id are checked against dblp,
Crossref and arXiv (``listbot.paper.verify``); what differs is a warning with a code in
LB601-LB609 ("dblp lists this paper at NSDI 2019, the entry says NSDI 2018"). Answers are
cached in ``.listbot/resolve-cache.json``. A source that is down checks nothing and is
named at the end: verify never fails because of a source. Exit 0, or 1 with ``--strict``
when there are findings; 2 for usage errors.

``--format json`` is the verify report (``listbot.paper.verifyreport``, published as
``schema/verify.schema.json``); ``-o FILE`` writes it (or the chosen format) to FILE, which
is how pr-check hands the findings to ``listbot pr --verify FILE``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from listbot.commands import (
    Context,
    Progress,
    add_format,
    config_for,
    named_entries,
    output_format,
    scan_list,
    write_summary,
)
from listbot.entries import display_path
from listbot.errors import UsageError
from listbot.gitrepo import changed_entry_files
from listbot.output import markdown_summary, write

if TYPE_CHECKING:
    from listbot.paper.verify import Verification


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="FILE", help="entry files (default: all)"
    )
    parser.add_argument(
        "--changed-since",
        metavar="REF",
        help="only entries added or changed since the git ref REF (what a pull request runs)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a source disagrees with an entry"
    )
    add_format(parser)
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the findings to FILE (as JSON, the verify report, unless --format says)",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.paper.resolve import open_resolver
    from listbot.paper.verify import Verification, verify_entry

    config = config_for(args, ctx)
    if args.paths and args.changed_since:
        raise UsageError("verify: give entry files or --changed-since, not both")
    root = config.root
    if args.changed_since:
        changed = changed_entry_files(
            config.root, args.changed_since, config.entries_path, option="--changed-since"
        )
        paths = [path for path in changed if path.is_file()]
        only: list[str] | None = [display_path(p, root) for p in paths]
    elif args.paths:
        only = named_entries(args.paths, config, ctx, "verify")
    else:
        only = None
    state = scan_list(config, ctx, only=only)
    entries = [e for e in state.entries if only is None or e.path in only]
    result = Verification()
    if entries:
        resolver = open_resolver(config, ctx.env)
        progress = Progress(ctx, "verifying", len(entries))
        try:
            for entry in entries:
                progress.step(entry.path)
                verify_entry(entry, resolver, result)
        finally:
            progress.end()
            resolver.close()
    problems = sorted(result.problems, key=lambda p: p.sort_key())
    _output(args, ctx, result)
    for source, why in sorted(result.unchecked.items()):
        ctx.stderr.write(
            f"listbot: verify: {source} could not be asked, so it checked nothing: {why}\n"
        )
    if ctx.in_actions:
        write_summary(ctx, markdown_summary(problems, files=result.checked, title="listbot verify"))
    return 1 if args.strict and problems else 0


def _output(args: argparse.Namespace, ctx: Context, result: Verification) -> None:
    """The findings in the chosen format, to ``-o FILE`` (JSON unless --format says) or stdout."""
    import io
    import json

    from listbot.fsutil import atomic_write
    from listbot.output import footer
    from listbot.paper.verifyreport import VerifyReport

    fmt = "json" if args.output is not None and args.format is None else output_format(args, ctx)
    report = VerifyReport.of(result.problems, result.unchecked, files=result.checked)
    out = io.StringIO() if args.output is not None else ctx.stdout
    if fmt == "json":
        json.dump(report.to_data(), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        write(list(report.problems), out, fmt, files=result.checked)
    if isinstance(out, io.StringIO):
        try:
            atomic_write(ctx.cwd / args.output, out.getvalue())
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        ctx.stdout.write(footer(report.problems, files=result.checked))
