"""``listbot comment --report report.json``: post or update the one sticky PR comment.

Runs in the trusted ``workflow_run`` workflow, with a write token, on a report made by
the pull request's own code: so the report is data to check, not to believe.

- at most ``--max-bytes`` (1 MiB) and valid against ``report.schema.json``;
- its head SHA must be the run's (``workflow_run.head_sha`` from the event, or
  ``--head-sha``), and its repository the one we post to;
- the pull request is looked up through the API by that SHA (the event's PR list is
  empty for forks), and a report that names another PR is refused (exit 1);
- the comment is rendered here, by trusted code, from the report's data;
- each file's ``fix`` (what ``listbot fmt`` would write) is believed only when this
  listbot, with the default branch's listbot.yml, writes exactly that text for the
  file's original and the result is a valid entry; its differing lines become one review
  (``event: COMMENT``) of ``suggestion`` comments on the head commit, each kept only
  when the lines it replaces are in the pull request's diff with the text claimed. One
  review per head commit; older listbot reviews are withdrawn (their suggestions
  deleted: the API cannot dismiss a review that only comments). ``--no-review`` skips it.

Repository, PR and SHA default to the Actions environment (``GITHUB_REPOSITORY``,
``GITHUB_EVENT_PATH``); ``--dry-run`` prints the comment and touches no API.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from listbot.bot.actions import event, pull_from_event, run_from_event, set_outputs
from listbot.bot.artifacts import MAX_REPORT_BYTES, read_report
from listbot.commands import Context, plural, trusted_config
from listbot.config import Config
from listbot.errors import InputError, UsageError

if TYPE_CHECKING:
    from listbot.bot.prreport import PrReport
    from listbot.bot.review import Fix, Suggestion


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--report", required=True, type=Path, metavar="FILE", help="report.json from listbot pr"
    )
    parser.add_argument(
        "--repo", metavar="OWNER/NAME", help="repository (default: $GITHUB_REPOSITORY)"
    )
    parser.add_argument(
        "--pr", type=int, metavar="N", help="expected pull request number (checked by head SHA)"
    )
    parser.add_argument(
        "--head-sha",
        metavar="SHA",
        help="the commit the report must be for (default: workflow_run.head_sha of the event)",
    )
    parser.add_argument(
        "--bot-login",
        default="github-actions[bot]",
        metavar="LOGIN",
        help="author of the bot's comment (default: github-actions[bot])",
    )
    parser.add_argument("--no-labels", action="store_true", help="do not add or remove labels")
    parser.add_argument(
        "--no-review",
        action="store_true",
        help="do not post one-click suggestions as a review (they stay in the comment as text)",
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_REPORT_BYTES,
        metavar="N",
        help=f"refuse larger reports (default: {MAX_REPORT_BYTES})",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the comment; call no API")


Fixes = list[tuple["Fix", list["Suggestion"]]]


def trusted_fixes(report: PrReport, config: Config, this_year: int) -> Fixes:
    """The report's fixes that trusted code agrees with, each with its suggestions."""
    from listbot.bot.review import suggestions, verified_fix

    found: Fixes = []
    for file in report.files:
        if file.status == "removed" or file.fix is None:
            continue
        fix = verified_fix(file.path, file.fix.to_data(), config, this_year=this_year)
        if fix is not None:
            found.append((fix, suggestions(fix)))
    return found


def in_pull_diff(fixes: Fixes, patches: dict[str, str | None]) -> Fixes:
    """The fixes whose every suggestion replaces lines of the diff, as they read there."""
    from listbot.bot.review import in_diff, right_side_lines

    kept: Fixes = []
    for fix, suggestions in fixes:
        patch = patches.get(fix.path)
        if patch is None:
            continue
        lines = right_side_lines(patch)
        if suggestions and all(in_diff(s, lines) for s in suggestions):
            kept.append((fix, suggestions))
    return kept


def fixed_codes(fixes: Fixes) -> dict[str, frozenset[str]]:
    """Per file, the problems the suggestions fix: ``LB301`` and ``CODE:line`` keys."""
    return {
        fix.path: frozenset({"LB301", *(f"{p.code}:{p.line}" for p in fix.resolves)})
        for fix, _ in fixes
    }


def review_body(fixes: Fixes) -> str:
    from listbot.bot.review import REVIEW_MARKER

    files = len(fixes)
    return (
        f"{REVIEW_MARKER}\nlistbot can fix {'this file' if files == 1 else f'{files} files'} "
        "itself: press **Commit suggestion** on each suggestion below (or add them to a "
        "batch and commit once). The other problems, if any, are in listbot's comment."
    )


def superseded_body(head_sha: str) -> str:
    from listbot.bot.review import REVIEW_MARKER, SUPERSEDED

    return (
        f"{REVIEW_MARKER}{SUPERSEDED}\n_Outdated: listbot checked a newer commit "
        f"({head_sha[:7]}); its suggestions, if any, are in its newest review._"
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.bot.comment import MARKER, CommentTarget, labels_for, render_comment
    from listbot.bot.review import REVIEW_MARKER

    report = read_report(ctx.cwd / args.report, args.max_bytes)
    config = trusted_config(args, ctx)
    payload = event(ctx.env)
    run_sha, listed = run_from_event(payload)
    _, pull_sha = pull_from_event(payload)
    head_sha = args.head_sha or run_sha or pull_sha
    repo = args.repo or ctx.env.get("GITHUB_REPOSITORY")
    if not repo:
        raise UsageError("no repository: pass --repo OWNER/NAME or set GITHUB_REPOSITORY")
    if not head_sha:
        raise UsageError("no head commit: pass --head-sha or run from a workflow_run event")
    if report.head_sha is not None and report.head_sha != head_sha:
        raise InputError(
            f"report refused: it is for commit {report.head_sha[:12]}, "
            f"but this run is for {head_sha[:12]}"
        )
    if report.repository is not None and report.repository.lower() != repo.lower():
        raise InputError(f"report refused: it is for {report.repository}, not {repo}")
    target = CommentTarget(repo, head_sha, ctx.env.get("GITHUB_SERVER_URL") or "https://github.com")
    fixes = [] if args.no_review else trusted_fixes(report, config, ctx.today.year)
    if args.dry_run:
        ctx.stdout.write(render_comment(report, target, config, fixed=fixed_codes(fixes)) + "\n")
        for _fix, suggestions in fixes:
            for suggestion in suggestions:
                ctx.stdout.write(
                    f"\n--- review comment on {suggestion.path} "
                    f"lines {suggestion.start_line}-{suggestion.line}\n{suggestion.body()}\n"
                )
        return 0

    from listbot.bot.github import GitHub

    client = GitHub.from_env(repo, ctx.env)
    number = client.find_pull_by_head(head_sha)
    if number is None:
        ctx.stdout.write(
            f"no open pull request has head commit {head_sha[:12]} "
            "(closed, or pushed again since); "
            "nothing posted\n"
        )
        return 0
    claimed = {n for n in (report.pr, args.pr) if n is not None}
    if claimed - {number}:
        raise InputError(
            f"report refused: it names PR #{min(claimed - {number})}, but commit {head_sha[:12]} "
            f"is the head of PR #{number}"
        )
    if listed and number not in listed:
        ctx.stderr.write(
            f"listbot: warning: the event lists PR(s) {listed}, the API says #{number}\n"
        )
    fixes = in_pull_diff(fixes, client.pull_patches(number)) if fixes else []
    review = client.sync_review(
        number,
        head_sha,
        review_body(fixes),
        [s.as_api() for _fix, suggestions in fixes for s in suggestions],
        marker=REVIEW_MARKER,
        superseded=superseded_body(head_sha),
        bot_login=args.bot_login,
    )
    if review.action == "created":
        count = sum(len(suggestions) for _fix, suggestions in fixes)
        ctx.stdout.write(f"review with {plural(count, 'suggestion')} posted on #{number}\n")
    if review.superseded:
        ctx.stdout.write(f"withdrew {plural(review.superseded, 'older review')}\n")
    body = render_comment(report, target, config, fixed=fixed_codes(fixes))
    # A pull request that touches no entry and not listbot.yml gets no comment (an old one
    # is still updated).
    relevant = bool(report.files or report.other_problems or report.readme_diff is not None)
    result = client.upsert_comment(
        number, body, marker=MARKER, bot_login=args.bot_login, create=relevant
    )
    if result.action == "skipped":
        ctx.stdout.write(f"#{number} changes no entry; no comment\n")
        set_outputs(ctx.env, {"pr": number, "action": "skipped"})
        return 0
    ctx.stdout.write(
        f"comment {result.action} on #{number}" + (f": {result.url}" if result.url else "") + "\n"
    )
    if result.removed_duplicates:
        ctx.stdout.write(f"removed {plural(result.removed_duplicates, 'duplicate comment')}\n")
    labels_changed = ""
    if not args.no_labels:
        add, remove = labels_for(report, config)
        added, removed = client.sync_labels(number, add, remove)
        if added or removed:
            labels_changed = ", ".join([*(f"+{a}" for a in added), *(f"-{r}" for r in removed)])
            ctx.stdout.write(f"labels: {labels_changed}\n")
    set_outputs(
        ctx.env, {"pr": number, "comment-id": result.comment_id or "", "action": result.action}
    )
    return 0
