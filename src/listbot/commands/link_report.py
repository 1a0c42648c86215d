"""``listbot link-report --links links.json``: keep the one link-rot issue up to date.

Takes a full ``listbot links --all --format json`` result. When links fail, the issue
(found by the ``link-rot`` label and a hidden marker) is created, or updated with how
long each link has been failing; when all work, it is closed with a comment. A closed
issue is reopened when links break again, so the list keeps one thread; duplicates
(two runs that raced) are closed in favour of the oldest. ``--dry-run`` prints the
issue's text and calls no API.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from listbot.bot.actions import set_outputs
from listbot.bot.artifacts import read_links_report
from listbot.commands import Context, trusted_config, write_summary
from listbot.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--links",
        required=True,
        type=Path,
        metavar="FILE",
        help="result of 'listbot links --all --format json'",
    )
    parser.add_argument(
        "--repo", metavar="OWNER/NAME", help="repository (default: $GITHUB_REPOSITORY)"
    )
    parser.add_argument(
        "--label", metavar="NAME", help="the issue's label (default: bot.labels.link_rot)"
    )
    parser.add_argument(
        "--bot-login",
        default="github-actions[bot]",
        metavar="LOGIN",
        help="author of the bot's issue (default: github-actions[bot])",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the issue; call no API")


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.bot.linkrot import MARKER, all_clear, issue_text

    results = read_links_report(ctx.cwd / args.links).results
    config = trusted_config(args, ctx)
    label = args.label or config.bot.label_link_rot
    if args.dry_run:
        wanted = issue_text(results, None, ctx.today)
        ctx.stdout.write(
            wanted.title + "\n\n" + wanted.body if wanted else all_clear(results, ctx.today) + "\n"
        )
        return 0
    repo = args.repo or ctx.env.get("GITHUB_REPOSITORY")
    if not repo:
        raise UsageError("no repository: pass --repo OWNER/NAME or set GITHUB_REPOSITORY")

    from listbot.bot.github import GitHub

    client = GitHub.from_env(repo, ctx.env)
    open_issues = client.find_issues(label, MARKER, state="open", bot_login=args.bot_login)
    keep = open_issues[0] if open_issues else None
    for duplicate in open_issues[1:]:
        client.comment_issue(
            duplicate.number, f"Duplicate of #{keep.number}; closing." if keep else "Closing."
        )
        client.update_issue(duplicate.number, state="closed")
    wanted = issue_text(results, keep.body if keep else None, ctx.today)
    if wanted is not None and ctx.in_actions:  # every failing link, beyond the issue's budget
        full = issue_text(results, keep.body if keep else None, ctx.today, budget=None)
        if full is not None:
            write_summary(ctx, full.body.split("\n<!-- listbot:state", 1)[0] + "\n")
    action = "none"
    number: int | None = keep.number if keep else None
    if wanted is None:
        if keep is not None:
            client.comment_issue(keep.number, all_clear(results, ctx.today))
            client.update_issue(keep.number, state="closed")
            action = "closed"
            ctx.stdout.write(f"all links work; closed #{keep.number}\n")
        else:
            ctx.stdout.write("all links work; no issue open\n")
    elif keep is not None:
        if keep.body == wanted.body and keep.title == wanted.title:
            action = "unchanged"
        else:
            client.update_issue(keep.number, title=wanted.title, body=wanted.body)
            action = "updated"
        ctx.stdout.write(f"{wanted.failing} failing link(s); issue #{keep.number} {action}\n")
    else:
        closed = client.find_issues(label, MARKER, state="closed", bot_login=args.bot_login)
        if closed:
            number = closed[0].number
            client.update_issue(number, title=wanted.title, body=wanted.body, state="open")
            client.comment_issue(number, f"Links broke again: {wanted.failing} failing; reopening.")
            action = "reopened"
        else:
            created = client.create_issue(wanted.title, wanted.body, [label])
            number = created.number
            action = "created"
            client.sync_labels(number, [label], [])  # GitHub may drop labels on creation
            # Another run may have opened one at the same time: all keep the oldest.
            again = client.find_issues(label, MARKER, state="open", bot_login=args.bot_login)
            if again and again[0].number != number:
                number = again[0].number
                action = "updated"
                if again[0].body != wanted.body or again[0].title != wanted.title:
                    client.update_issue(number, title=wanted.title, body=wanted.body)
            for duplicate in again[1:]:
                client.comment_issue(duplicate.number, f"Duplicate of #{number}; closing.")
                client.update_issue(duplicate.number, state="closed")
        ctx.stdout.write(f"{wanted.failing} failing link(s); issue #{number} {action}\n")
    set_outputs(ctx.env, {"issue": number or "", "action": action})
    return 0
