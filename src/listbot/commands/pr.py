"""``listbot pr --base REF``: the pull request's report (report.json), summary and outputs.

Runs in the read-only ``pull_request`` workflow. The entry files that differ between
REF and the working tree are the pull request's; ``--links`` takes the result of
``listbot links --changed-since REF --format json`` run just before, ``--verify`` the
findings of ``listbot verify --changed-since REF --format json -o FILE`` (warnings).
Writes the report (``-o``, default report.json), prints the problems (annotations under
Actions), adds a job summary and the step outputs ``errors``, ``warnings``, ``added``,
``changed``, ``removed``, ``broken-links`` and ``report``. Exit 1 when there are errors.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from listbot.bot.actions import event, pull_from_event, set_outputs
from listbot.bot.artifacts import read_links_report
from listbot.bot.prreport import PullInfo, build_report
from listbot.commands import (
    Context,
    add_cache,
    add_format,
    config_for,
    output_format,
    scan_list,
    write_summary,
)
from listbot.config import Config
from listbot.errors import ConfigError, UsageError
from listbot.fsutil import atomic_write
from listbot.gitrepo import Change, changes_since
from listbot.output import write
from listbot.project import ListState
from listbot.readme import read_readme

if TYPE_CHECKING:
    from listbot.bot.prreport import VerifyNote
    from listbot.paper.verifyreport import VerifyReport


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
        "--verify",
        type=Path,
        metavar="FILE",
        help="findings of 'listbot verify --changed-since REF --format json -o FILE',"
        " added as warnings",
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
    verified = _read_verify(args.verify, ctx) if args.verify is not None else None
    state = scan_list(config, ctx, cache=not args.no_cache)
    try:
        readme: str | None = read_readme(config)
    except ConfigError:
        readme = None
    sources = _unformatted_sources(config, state, changes)
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
        sources=sources,
        base_config=_base_config(config, args.base, ctx),
        findings=verified.problems if verified is not None else (),
        verify=_verify_note(args.verify, verified),
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
        from listbot.bot.comment import CommentTarget, render_comment

        target = CommentTarget(
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


def _read_verify(path: Path, ctx: Context) -> VerifyReport | None:
    """The verify report at ``path``; None (and a warning) when the file is missing."""
    from listbot.bot.artifacts import read_verify_report

    if not (ctx.cwd / path).exists():  # e.g. the verify step failed: say so, report the rest
        ctx.stderr.write(f"listbot: warning: {path} not found; entries not verified\n")
        return None
    report = read_verify_report(ctx.cwd / path)
    for source, why in report.unchecked:
        ctx.stderr.write(f"listbot: warning: verify could not ask {source}: {why}\n")
    return report


def _verify_note(path: Path | None, verified: VerifyReport | None) -> VerifyNote | None:
    """What the comment says about verify: nothing without --verify, else whether it ran."""
    from listbot.bot.prreport import VerifyNote

    if path is None:
        return None
    if verified is None:
        return VerifyNote(done=False)
    return VerifyNote(done=True, unchecked=tuple(source for source, _why in verified.unchecked))


def _unformatted_sources(config: Config, state: ListState, changes: list[Change]) -> dict[str, str]:
    """The text of the pull request's files that are not in canonical form (for their fixes)."""
    from listbot.bot.review import MAX_FIX_BYTES
    from listbot.fsutil import read_limited

    unformatted = {r.path for r in state.records if r.formatted is False}
    sources = {}
    for change in changes:
        if change.status == "removed" or change.path not in unformatted:
            continue
        try:
            raw = read_limited(config.root / change.path, MAX_FIX_BYTES)
            sources[change.path] = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError, ValueError):
            continue  # too large or unreadable: no suggestion, the problem stays listed
    return sources


def _base_config(config: Config, base: str, ctx: Context) -> Config | None:
    """listbot.yml as it was at ``base``, when the pull request changes it; else None.

    A pull request that changes only listbot.yml (say ``render.template``) changes every
    paper line after merge: the report then shows how the README's list changes.
    """
    from listbot.config import CONFIG_NAME, parse_config
    from listbot.gitrepo import file_changed, files_at

    path = config.root / CONFIG_NAME
    if not file_changed(config.root, base, CONFIG_NAME):
        return None
    raw = files_at(config.root, base, CONFIG_NAME, [CONFIG_NAME]).get(CONFIG_NAME)
    if raw is None:  # a new list: there was no listbot.yml to compare with
        return None
    try:
        return parse_config(raw, path)
    except ConfigError as exc:
        why = exc.lines[0] if exc.lines else str(exc)
        ctx.stderr.write(f"listbot: warning: {base}:{CONFIG_NAME} does not load: {why}\n")
        return None


def _is_sha(value: str) -> bool:
    return len(value) == 40 and all(c in "0123456789abcdef" for c in value)
