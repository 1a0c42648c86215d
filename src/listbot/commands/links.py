"""``listbot links [--all | --changed-since REF | FILE ...] [--shard K/N]``: check the links.

``listbot links merge REPORT... [-o OUT]`` joins the JSON reports of ``--shard`` runs into
the one report (and output, and exit code) a single run would have given.

The edge of link checking: reads the environment (``GITHUB_TOKEN``, and the base URLs
``LISTBOT_DOI_URL``, ``LISTBOT_ARXIV_URL``, ``LISTBOT_ARXIV_API_URL``, ``GITHUB_API_URL``,
``GITHUB_GRAPHQL_URL`` that tests point at local servers), runs git for
``--changed-since``, draws the progress bar on a terminal, and turns the results into
output and an exit code: 1 when a link is broken (``--strict``: also unreachable or
blocked), 2 for usage or configuration errors, 4 when no host name could be resolved at
all (no network: nothing was really checked; one summary line instead of a line per link).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

from listbot import __version__
from listbot.commands import Context, Progress, config_for, plural, write_summary
from listbot.config import Config
from listbot.entries import discover, display_path, read_entry
from listbot.errors import UsageError
from listbot.fsutil import atomic_write
from listbot.gitrepo import changed_entry_files
from listbot.links.output import LINK_FORMATS

if TYPE_CHECKING:
    from listbot.links.model import LinkResult

EXIT_OFFLINE = 4  # no host name resolved: the links were not checked


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="entry files whose links to check (default: all entries); after 'merge': "
        "the JSON reports of --shard runs to join",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="check every entry's links (the default)")
    which.add_argument(
        "--changed-since",
        metavar="REF",
        help="only entries added or changed since the git ref REF (what a pull request check runs)",
    )
    parser.add_argument(
        "--format",
        choices=LINK_FORMATS,
        default=None,
        help="output: text, github (the default under GITHUB_ACTIONS=true), json or markdown",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the report to FILE"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also fail (exit 1) on unreachable or blocked links, not only on broken ones",
    )
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="allow links to loopback and private addresses (for tests and local mirrors; "
        "refused under GITHUB_ACTIONS=true, and listbot.yml cannot set it)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="neither reuse nor update the link cache"
    )
    parser.add_argument(
        "--cache-restored",
        action="store_true",
        help="in GitHub Actions, read the link cache: the workflow restored it (and the "
        "salt in ~/.cache/listbot) from the default branch's cache; without this flag a "
        "cache in the checkout is never read there",
    )
    parser.add_argument(
        "--shard",
        metavar="K/N",
        help="check only the hosts that hash to shard K of N (one job of a matrix; "
        "join the reports with 'listbot links merge')",
    )
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="connect and read timeout")
    parser.add_argument(
        "--retries", type=int, metavar="N", help="retries after a transient failure"
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.links.check import Endpoints
    from listbot.links.collect import collect
    from listbot.links.run import check_links, policy_for
    from listbot.links.shard import Shard, ShardError, select

    if args.paths and args.paths[0] == Path("merge"):
        return _merge(args, ctx)
    if args.paths and (args.all or args.changed_since):
        raise UsageError("links: give entry files, --all or --changed-since, not several")
    if args.timeout is not None and not 0 < args.timeout <= 600:
        raise UsageError("links: --timeout must be between 0 and 600 seconds")
    if args.retries is not None and not 0 <= args.retries <= 10:
        raise UsageError("links: --retries must be between 0 and 10")
    if args.allow_private and ctx.in_actions:
        raise UsageError(
            "links: --allow-private is refused under GITHUB_ACTIONS=true: a runner's "
            "private network (and its metadata address) is never checked"
        )
    shard = None
    if args.shard is not None:
        try:
            shard = Shard.parse(args.shard)
        except ShardError as exc:
            raise UsageError(f"links: {exc}") from None
    config = config_for(args, ctx)
    if config.links.allow_private:
        ctx.stderr.write(
            "listbot: warning: links.allow_private in listbot.yml is ignored; only "
            "--allow-private on the command line allows private addresses\n"
        )
    unreadable: list[str] = []
    targets = collect(_files(args, ctx, config), unreadable)
    for path in unreadable:  # never skipped in silence
        ctx.stderr.write(
            f"listbot: warning: {path} cannot be read as an entry: its links were not "
            "checked (listbot validate says why)\n"
        )
    policy = policy_for(
        config,
        user_agent=_user_agent(config),
        timeout=args.timeout,
        retries=args.retries,
        allow_private=args.allow_private,
    )
    env = ctx.env
    endpoints = Endpoints(
        doi=env.get("LISTBOT_DOI_URL") or Endpoints.doi,
        arxiv=env.get("LISTBOT_ARXIV_URL") or Endpoints.arxiv,
        arxiv_api=env.get("LISTBOT_ARXIV_API_URL") or None,
        github_api=env.get("GITHUB_API_URL") or Endpoints.github_api,
        github_graphql=env.get("GITHUB_GRAPHQL_URL") or None,
        github_token=env.get("GITHUB_TOKEN") or None,
    )
    if shard is not None:
        targets = select(targets, endpoints, shard)
    bar: Progress | None = None

    def progress(cached: int) -> Progress | None:
        nonlocal bar
        note = f" (+{cached} cached)" if cached else ""
        bar = Progress(ctx, "checking links", bar=True, note=note)
        return bar if bar.shown else None

    outcome = check_links(
        targets,
        config,
        policy,
        endpoints,
        clock=time.time,
        cache_key=_cache_key(args, ctx),
        # A pull request's links are always checked live: no cache vouches for them. In
        # Actions, the checkout is untrusted; only a cache the workflow restored is read.
        reuse=not args.changed_since and (args.cache_restored or not ctx.in_actions),
        progress=progress,
    )
    if bar is not None:
        bar.end()
    for warning in outcome.warnings:
        ctx.stderr.write(f"listbot: warning: {warning}\n")
    part = None if shard is None else (shard.index, shard.count)
    return _output(outcome.results, args, ctx, shard=part)


def _output(
    results: list[LinkResult],
    args: argparse.Namespace,
    ctx: Context,
    *,
    to_file: str = "",
    shard: tuple[int, int] | None = None,
) -> int:
    """The report in the chosen format (to ``-o`` or stdout), the job summary, the exit code.

    ``to_file``: the format of ``-o FILE`` when ``--format`` is not given; ``shard``: the
    (K, N) of a ``--shard`` run, recorded in a JSON report for ``links merge``.
    """
    from listbot.links import output

    fallback = to_file if to_file and args.output is not None else ""
    fmt = cast(
        "output.LinkFormat", args.format or fallback or ("github" if ctx.in_actions else "text")
    )
    offline = _offline(results)
    quiet = False
    if offline and fmt in ("text", "github"):  # not findings: one summary line instead
        results = [r for r in results if r not in offline]
        quiet = not results
    if args.output is not None:
        import io

        buffer = io.StringIO()
        output.write(results, buffer, fmt, shard=shard)
        try:
            atomic_write(ctx.cwd / args.output, buffer.getvalue())
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        ctx.stdout.write(output.footer(results))
    elif not quiet:
        output.write(results, ctx.stdout, fmt, shard=shard)
    if ctx.in_actions:
        write_summary(ctx, output.markdown(results))
    if offline:
        hosts = len({urlsplit(r.url).hostname for r in offline})
        ctx.stderr.write(
            f"listbot: no host could be resolved ({plural(len(offline), 'link')} on "
            f"{plural(hosts, 'host')} not checked): is the network down?\n"
        )
        return EXIT_OFFLINE
    return output.exit_code(results, strict=args.strict)


def _offline(results: list[LinkResult]) -> list[LinkResult]:
    """The links not checked because no name resolved at all, or [] when some did.

    Only when every link checked in this run (not from the cache) failed at name
    resolution, on two or more hosts: one dead domain is a finding, all of them at
    once is a machine without network.
    """
    fresh = [r for r in results if not r.cached and r.status.value not in ("excluded", "blocked")]
    unresolved = [
        r
        for r in fresh
        if r.http_status is None and (r.unresolved or r.message.startswith("cannot resolve"))
    ]
    hosts = {urlsplit(r.url).hostname for r in unresolved}
    return unresolved if fresh and len(unresolved) == len(fresh) and len(hosts) >= 2 else []


def _cache_key(args: argparse.Namespace, ctx: Context) -> str | None:
    """The link cache's key, from this machine's secret salt; None: no cache at all."""
    from listbot.links.cache import cache_key
    from listbot.project import cache_salt

    if args.no_cache:
        return None
    salt = cache_salt(ctx.env)
    return cache_key(salt, private=args.allow_private) if salt else None


def _merge(args: argparse.Namespace, ctx: Context) -> int:
    """``listbot links merge REPORT...``: the shards' reports as the report of one run."""
    from listbot.fsutil import read_limited
    from listbot.links.model import MAX_LINKS_BYTES
    from listbot.links.shard import ShardError, merge_reports

    names = args.paths[1:]
    if not names:
        raise UsageError("links merge: give the JSON reports of the shards to join")
    if args.all or args.changed_since or args.shard:
        raise UsageError("links merge: takes reports only, not --all/--changed-since/--shard")
    reports: list[tuple[str, bytes]] = []
    for name in names:
        try:
            reports.append((str(name), read_limited(ctx.cwd / name, MAX_LINKS_BYTES)))
        except OSError as exc:
            raise UsageError(f"links merge: {name}: {exc.strerror or exc}") from None
    try:
        results = merge_reports(reports)
    except ShardError as exc:
        raise UsageError(f"links merge: {exc}") from None
    return _output(results, args, ctx, to_file="json")  # -o OUT: the joined links report


def _user_agent(config: Config) -> str:
    contact = f"; {config.contact}" if config.contact else ""
    return f"listbot/{__version__} (paper list link checker{contact})"


def _files(args: argparse.Namespace, ctx: Context, config: Config) -> list[tuple[str, bytes]]:
    """(display path, bytes) of the entry files to check."""
    root = config.root
    entries_dir = config.entries_path
    if args.paths:
        paths = [(ctx.cwd / p) for p in args.paths]
        for path in paths:
            if not path.is_file():
                raise UsageError(f"links: {display_path(path, root)}: no such entry file")
    elif args.changed_since:
        paths = changed_entry_files(root, args.changed_since, entries_dir, option="--changed-since")
    else:
        paths, _ = discover(entries_dir, root)
    found: list[tuple[str, bytes]] = []
    for path in paths:
        loaded = read_entry(path, entries_dir, root)
        if loaded.raw is not None:
            found.append((loaded.path, loaded.raw))
        elif loaded.problem is not None:
            ctx.stderr.write(f"listbot: warning: {loaded.problem.text()}\n")
    return found
