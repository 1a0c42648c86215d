"""``listbot check``: validate + fmt --check + render --check, in one pass over the files."""

from __future__ import annotations

import argparse
import hashlib

from listbot.bot.issueform import form_problems
from listbot.commands import (
    Context,
    add_base,
    add_cache,
    add_format,
    config_for,
    line_reader,
    new_files,
    output_format,
    scan_list,
    use_color,
    write_summary,
)
from listbot.config import Config
from listbot.output import markdown_summary, write
from listbot.problems import Problem, has_errors
from listbot.project import ListState, remember_readme
from listbot.readme import RenderFailed, read_readme, rendered
from listbot.render import marker_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-readme",
        action="store_true",
        help="skip the README comparison (render --check). Pull requests run this: "
        "contributors never edit README.md, the regenerate workflow renders it after merge",
    )
    add_base(parser)
    add_format(parser)
    add_cache(parser)


def readme_problems(config: Config, state: ListState) -> list[Problem]:
    """LB302 when the README's list differs from what render would write.

    The check cache remembers the digest of a README found up to date for this exact
    set of entries, so an unchanged list is not rendered again.
    """
    current = read_readme(config)
    digest = hashlib.blake2b(current.encode("utf-8"), digest_size=16).hexdigest()
    if state.cache_key and state.cache.get("readme") == digest:
        return []
    try:
        current, wanted = rendered(config, state, current)
    except RenderFailed as failed:
        return failed.problems
    if current == wanted:
        remember_readme(config, state, digest)
        return []
    return [
        Problem(
            config.readme,
            marker_line(current),
            1,
            "LB302",
            "the paper list is out of date",
            suggestion="run listbot render",
        )
    ]


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_for(args, ctx)
    state = scan_list(config, ctx, cache=not args.no_cache, prefer=new_files(args, ctx, config))
    problems = state.problems(fmt=True)
    problems.extend(form_problems(config))
    if not has_errors(problems) and not args.no_readme:
        problems.extend(readme_problems(config, state))
    write(
        problems,
        ctx.stdout,
        output_format(args, ctx),
        files=len(state.records),
        excerpt=line_reader(config),
        color=use_color(ctx, ctx.stdout),
    )
    if ctx.in_actions:
        write_summary(
            ctx, markdown_summary(problems, files=len(state.records), title="listbot check")
        )
    return 1 if has_errors(problems) else 0
