"""``listbot site -o DIR``: a static, searchable site of the list, with an Atom feed.

    listbot site -o _site
    listbot site -o _site --base-url https://example.github.io/papers/
    python3 -m http.server -d _site     # then open http://127.0.0.1:8000/

Writes ``index.html``, ``site.css``, ``site.js``, ``papers.json``, ``papers.bib`` and
``feed.xml`` into DIR (other files there are left alone). The feed lists papers in the
order they were added: the first commit that added each entry file, from git (a
shallow clone knows only its last commit: check out with full history); outside git,
file-name order, dated today. Only a list without errors is published (exit 1
otherwise, nothing written).
"""

from __future__ import annotations

import argparse
import subprocess
from datetime import datetime, time, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from listbot.commands import Context, add_cache, config_for, scan_list, stop_on_errors
from listbot.errors import InputError, UsageError

if TYPE_CHECKING:
    from listbot.site import Added


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        required=True,
        help="folder to write the site to",
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="the site's public address (http or https): gives the feed its self link and "
        "each paper a link to its place on the page",
    )
    parser.add_argument(
        "--feed-limit",
        type=int,
        default=100,
        metavar="N",
        help="how many of the papers added last the feed holds (default: 100)",
    )
    add_cache(parser)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.fsutil import atomic_write
    from listbot.site import build_site

    if args.base_url is not None and not args.base_url.lower().startswith(("http://", "https://")):
        raise UsageError(f"site: --base-url must be an http(s) URL, not '{args.base_url}'")
    if args.feed_limit < 0:
        raise UsageError("site: --feed-limit must be 0 or more")
    config = config_for(args, ctx)
    folder = args.output if args.output.is_absolute() else ctx.cwd / args.output
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"site: -o {args.output} is a file, not a folder")
    entries = config.entries_path.resolve()
    if folder.resolve() == entries or entries in folder.resolve().parents:
        raise UsageError(f"site: -o {args.output} is inside the entries folder; use e.g. _site")
    state = scan_list(config, ctx, cache=not args.no_cache)
    if stop_on_errors(ctx, state, f"{args.output} not written"):
        return 1
    today = datetime.combine(ctx.today, time(), tzinfo=timezone.utc)
    added = added_order(config.root, config.entries_dir, fallback=today)
    files = build_site(
        state.entries,
        config,
        added=added,
        updated=today,
        base_url=args.base_url,
        feed_limit=args.feed_limit,
    )
    try:
        for name, text in files.items():
            atomic_write(folder / name, text)
    except OSError as exc:
        raise InputError(f"{args.output}: cannot write the site: {exc.strerror or exc}") from None
    ctx.stdout.write(
        f"wrote {args.output}/ ({len(state.entries)} papers; {', '.join(sorted(files))})\n"
    )
    return 0


def added_order(root: Path, entries_dir: str, *, fallback: datetime) -> list[Added]:
    """Entry files in the order they joined the list, each with the date it joined.

    The first commit that added each path (git log, oldest first, renames counted as
    additions). Outside a git repository, or when git fails: [] (the feed then uses
    file-name order and ``fallback`` as the date).
    """
    from listbot.site import Added

    try:
        done = subprocess.run(
            [
                "git",
                "-c",
                "core.quotepath=off",
                "log",
                "--diff-filter=A",
                "--no-renames",
                "--format=%x01%cI",
                "-z",
                "--name-only",
                "--relative",
                "--reverse",
                "--",
                entries_dir,
            ],
            cwd=root,
            capture_output=True,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode != 0:
        return []
    found: dict[str, datetime] = {}
    for record in done.stdout.decode("utf-8", "surrogateescape").split("\x01")[1:]:
        stamp, *names = record.split("\x00")
        try:
            when = datetime.fromisoformat(stamp.strip())
        except ValueError:
            when = fallback
        for name in names:
            name = name.strip("\n")
            if name and name not in found:
                found[name] = when
    return [Added(path, when) for path, when in found.items()]
