"""``listbot fmt [--check] [FILE ...]``: canonical key order and style, comments kept."""

from __future__ import annotations

import argparse
from pathlib import Path

from listbot.commands import Context, add_cache, config_for, plural, scan_for
from listbot.crash import file_problem, is_crash
from listbot.entries import display_path
from listbot.errors import InputError
from listbot.fmt import format_entry
from listbot.fsutil import atomic_write, read_limited
from listbot.project import format_problem
from listbot.validate import check_entry
from listbot.yamlsafe import MAX_BYTES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="FILE", help="entry files (default: all)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list the files that are not formatted and exit 1",
    )
    add_cache(parser)


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_for(args, ctx)
    state = scan_for(args, ctx, config)
    # A file listbot failed on (LB009, a bug) is reported and left alone; the others are
    # still formatted, and the exit code is 1.
    crashed = [p for r in state.records for p in r.problems if is_crash(p)]
    unreadable = [
        r for r in state.records if r.formatted is None and not any(map(is_crash, r.problems))
    ]
    todo = [r for r in state.records if r.formatted is False]
    if unreadable and not args.check:
        for record in unreadable:
            for problem in record.problems:
                ctx.stderr.write(problem.text() + "\n")
        ctx.stderr.write("listbot: no file changed: fix the files above first (listbot validate)\n")
        return 1
    if args.check:
        for record in todo:
            lb301 = format_problem(config, record.path, this_year=ctx.today.year)
            if lb301 is not None:
                ctx.stdout.write(lb301.text() + "\n")
            else:  # fmt would refuse it: what to fix first
                for other in record.problems:
                    ctx.stdout.write(other.text() + "\n")
        for problem in crashed + [p for r in unreadable for p in r.problems]:
            ctx.stdout.write(problem.text() + "\n")
        total = plural(len(state.records), "file")
        counts = [f"{len(todo)} of {total} would be reformatted"] if todo else []
        if crashed:
            counts.append(f"{plural(len(crashed), 'file')} could not be checked")
        if unreadable:  # not YAML that an entry can be: listbot validate says more
            counts.append(f"{plural(len(unreadable), 'file')} could not be read")
        ctx.stdout.write((", ".join(counts) or f"all {total} are formatted") + "\n")
        return 1 if todo or crashed or unreadable else 0
    # fmt fixes what it can (key order, quoting, a prefixed DOI, a venue alias); a file
    # that would still not be a valid entry is bad input: then no file is written.
    planned: list[tuple[Path, str]] = []
    refused = [(r, r.problems) for r in state.records if not r.valid and r.formatted is not False]
    for record in todo:
        path = config.root / record.path
        try:
            text = format_entry(read_limited(path, MAX_BYTES).decode("utf-8-sig"), config)
            result = check_entry(
                record.path, text.encode("utf-8"), config, this_year=ctx.today.year
            )
        except InputError:
            raise
        except Exception as exc:  # a bug: this file's problem; the others are formatted
            crashed.append(file_problem(record.path, exc, "formatting"))
            continue
        if result.entry is None:  # named where the file has them, less what fmt fixes
            left = {(p.code, p.message) for p in result.problems}
            still = tuple(p for p in record.problems if (p.code, p.message) in left)
            refused.append((record, still or record.problems))
        planned.append((path, text))
    if refused:
        for _record, problems in refused:
            for problem in problems:
                ctx.stderr.write(problem.text() + "\n")
        ctx.stderr.write(
            "listbot: no file changed: the files above would not be valid entries even "
            "when formatted (listbot validate)\n"
        )
        return 1
    for path, text in planned:
        atomic_write(path, text)
        ctx.stdout.write(f"formatted {display_path(path, config.root)}\n")
    for problem in crashed:
        ctx.stderr.write(problem.text() + "\n")
    failed = {p.path for p in crashed}
    unchanged = len({r.path for r in state.records} - {r.path for r in todo} - failed)
    ctx.stdout.write(
        f"{plural(len(planned), 'file')} reformatted, {unchanged} unchanged"
        + (f", {len(failed)} not processed (a bug in listbot)" if failed else "")
        + "\n"
    )
    return 1 if crashed else 0
