"""``listbot check``: validate + fmt --check + render --check, in one pass over the files."""

from __future__ import annotations

import argparse

from listbot.commands import (
    Context,
    add_cache,
    add_format,
    config_for,
    output_format,
    use_cache,
    write_summary,
)
from listbot.commands.render import rendered
from listbot.problems import Problem, has_errors
from listbot.project import scan
from listbot.render import marker_line
from listbot.report import markdown_summary, write


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_format(parser)
    add_cache(parser)


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_for(args, ctx)
    state = scan(config, this_year=ctx.today.year, use_cache=use_cache(args, ctx))
    problems = state.problems(fmt=True)
    if not has_errors(problems):
        current, wanted = rendered(config, state)
        if current != wanted:
            problems.append(
                Problem(
                    config.readme, marker_line(current), 1, "LB302",
                    "the paper list is out of date", suggestion="run listbot render",
                )
            )
    write(problems, ctx.stdout, output_format(args, ctx), files=len(state.records))
    if ctx.in_actions:
        write_summary(ctx, markdown_summary(problems, files=len(state.records), title="listbot check"))
    return 1 if has_errors(problems) else 0
