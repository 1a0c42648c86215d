"""``listbot issue-form [--check]``: write the add-paper issue form from listbot.yml.

    listbot issue-form            # writes .github/ISSUE_TEMPLATE/add-paper.yml
    listbot issue-form --check    # exit 1 when the committed form is out of date

The form's category dropdown lists listbot.yml's categories; ``listbot check`` reports
LB801 when they have changed since the form was written. The ``add-paper`` workflow
reads submitted forms with ``listbot submission``.
"""

from __future__ import annotations

import argparse

from listbot.commands import Context, config_for
from listbot.errors import InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when the committed form differs from what would be written",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.bot.issueform import FORM_PATH, form_problems, issue_form
    from listbot.fsutil import atomic_write, holds

    config = config_for(args, ctx)
    path = config.root / FORM_PATH
    if args.check:
        if not path.exists():
            ctx.stderr.write(f"{FORM_PATH}: missing; run listbot issue-form\n")
            return 1
        problems = form_problems(config)
        for problem in problems:
            ctx.stderr.write(problem.text() + "\n")
        if not problems:
            ctx.stdout.write(f"{FORM_PATH} is up to date\n")
        return 1 if problems else 0
    text = issue_form(config)
    try:
        if holds(path, text.encode("utf-8")):
            ctx.stdout.write(f"{FORM_PATH} is up to date\n")
            return 0
        atomic_write(path, text)
    except OSError as exc:
        raise InputError(f"{FORM_PATH}: cannot write: {exc.strerror or exc}") from None
    ctx.stdout.write(f"wrote {FORM_PATH} ({len(config.categories)} categories)\n")
    return 0
