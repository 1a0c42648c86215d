"""``listbot pr --base REF``: the pull request's report (report.json), summary and outputs.

Runs in the read-only ``pull_request`` workflow. The entry files that differ between
REF and the working tree are the pull request's; ``--links`` takes the result of
``listbot links --changed-since REF --format json`` run just before. Writes the report
(``-o``, default report.json), prints the problems (annotations under Actions), adds a
job summary and the step outputs ``errors``, ``warnings``, ``added``, ``changed``,
``removed``, ``broken-links`` and ``report``. Exit 1 when there are errors.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

from listbot.actions import event, pull_from_event, set_outputs
from listbot.commands import (
    Context,
    add_cache,
    add_format,
    config_for,
    output_format,
    read_links_report,
    scan_list,
    write_summary,
)
from listbot.errors import UsageError
from listbot.fsutil import atomic_write
from listbot.prreport import Change, PullInfo, build_report, parse_name_status
from listbot.report import write


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base",
        required=True,
        metavar="REF",
        help="git revision to compare with (e.g. origin/main)",
    )
    parser.add_argument(
        "--links",
        type=Path,
        metavar="FILE",
        help="link results from 'listbot links --changed-since REF --format json'",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("report.json"),
        metavar="FILE",
        help="where to write the report (default: report.json)",
    )
    parser.add_argument(
        "--pr", type=int, metavar="N", help="pull request number (default: from the event)"
    )
    parser.add_argument(
        "--head-sha", metavar="SHA", help="the PR's head commit (default: from the event)"
    )
    parser.add_argument(
        "--repo", metavar="OWNER/NAME", help="repository (default: $GITHUB_REPOSITORY)"
    )
    add_format(parser)
    add_cache(parser)


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise UsageError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} took too long") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
    return done.stdout


def changes_since(root: Path, base: str, entries_dir: str) -> list[Change]:
    """Entry files added, changed or removed between ``base`` and the working tree."""
    if base.startswith("-"):
        raise UsageError(f"--base {base!r} is not a git revision")
    git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    listing = git(
        root, "diff", "--name-status", "-z", "--no-renames", "--relative", base, "--", entries_dir
    )
    found = parse_name_status(listing, entries_dir)
    # New files not yet committed (a local run before `git add`) are added files too.
    untracked = git(root, "ls-files", "-z", "--others", "--exclude-standard", "--", entries_dir)
    known = {path for path, _ in found}
    for path in untracked.decode("utf-8", "surrogateescape").split("\0"):
        if path and path not in known:
            found.append((path, "added"))
    found.sort()
    wanted = [path for path, status in found if status != "added"]
    before: dict[str, bytes | None] = {}
    if wanted:
        prefix = git(root, "rev-parse", "--show-prefix").decode().strip()
        request = "".join(f"{base}:{prefix}{path}\n" for path in wanted).encode()
        before = dict(
            zip(
                wanted,
                _cat_file_batch(git(root, "cat-file", "--batch", stdin=request)),
                strict=True,
            )
        )
    return [Change(path, status, before.get(path)) for path, status in found]


def _cat_file_batch(output: bytes) -> list[bytes | None]:
    """Split ``git cat-file --batch`` output into the objects' contents (None: missing)."""
    contents: list[bytes | None] = []
    at = 0
    while at < len(output):
        end = output.index(b"\n", at)
        header = output[at:end].split()
        at = end + 1
        if len(header) == 2 and header[1] == b"missing":
            contents.append(None)
            continue
        size = int(header[2])
        contents.append(output[at : at + size])
        at += size + 1
    return contents


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_for(args, ctx)
    root = config.root
    changes = changes_since(root, args.base, config.entries_dir)
    links = None
    if args.links is not None:
        if (ctx.cwd / args.links).exists():
            links = read_links_report(ctx.cwd / args.links).results
        else:  # e.g. the link step failed: report without link results, and say so
            ctx.stderr.write(f"listbot: warning: {args.links} not found; links not checked\n")
    state = scan_list(config, ctx, cache=not args.no_cache)
    try:
        readme: str | None = config.readme_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        readme = None
    number, sha = pull_from_event(event(ctx.env))
    pull = PullInfo(
        repository=args.repo or ctx.env.get("GITHUB_REPOSITORY") or None,
        pr=args.pr if args.pr is not None else number,
        head_sha=(args.head_sha or sha or None),
        base=args.base,
    )
    if pull.head_sha is not None and not _is_sha(pull.head_sha):
        raise UsageError(f"--head-sha {pull.head_sha!r} is not a full commit SHA")
    report = build_report(
        config=config,
        state=state,
        changes=changes,
        pull=pull,
        this_year=ctx.today.year,
        link_results=links,
        readme=readme,
    )
    output = ctx.cwd / args.output
    atomic_write(output, json.dumps(report.to_data(), indent=2, ensure_ascii=False) + "\n")
    fmt = output_format(args, ctx)
    write(report.problems(), ctx.stdout, fmt, files=len(report.files))
    counts = report.counts
    (ctx.stderr if fmt == "json" else ctx.stdout).write(
        f"{counts.added} added, {counts.changed} changed, {counts.removed} removed; "
        f"report written to {args.output}\n"
    )
    if ctx.in_actions:
        from listbot.comment import Target, render_comment

        target = Target(
            pull.repository or "",
            pull.head_sha or "",
            ctx.env.get("GITHUB_SERVER_URL") or "https://github.com",
        )
        write_summary(ctx, render_comment(report, target, config) + "\n")
    set_outputs(
        ctx.env,
        {
            "errors": counts.errors,
            "warnings": counts.warnings,
            "added": counts.added,
            "changed": counts.changed,
            "removed": counts.removed,
            "broken-links": counts.broken_links,
            "report": str(args.output),
        },
    )
    return 1 if counts.errors else 0


def _is_sha(value: str) -> bool:
    return len(value) == 40 and all(c in "0123456789abcdef" for c in value)
