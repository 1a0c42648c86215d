"""``listbot render [--check]``: regenerate the paper list between the README's markers."""

from __future__ import annotations

import argparse
import difflib

from listbot.commands import (
    MAX_README_BYTES,
    Context,
    add_cache,
    config_for,
    plural,
    read_readme,
    scan_list,
)
from listbot.config import Config
from listbot.crash import file_problem
from listbot.errors import ConfigError, InputError
from listbot.fsutil import atomic_write, read_limited
from listbot.problems import Problem, has_errors
from listbot.project import ListState
from listbot.render import MarkerError, paper_line, render_list, splice


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; print a diff and exit 1 when the README is out of date",
    )
    add_cache(parser)


class RenderFailed(InputError):
    """Some entries could not be rendered (a bug in listbot): ``problems`` holds an LB009
    on each, and the README is left as it is."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].text() if problems else "the list could not be rendered")
        self.problems = problems


def _render_list(config: Config, state: ListState) -> str:
    """``render_list``; when it fails, RenderFailed naming each entry it fails on."""
    try:
        return render_list(state.entries, config)
    except Exception:
        failed = []
        for entry in state.entries:
            try:
                paper_line(entry, config)
            except Exception as exc:
                failed.append(file_problem(entry.path, exc, "rendering"))
        if not failed:  # not one entry's fault: a bug in the list as a whole (exit 3)
            raise
        raise RenderFailed(failed) from None


def rendered(config: Config, state: ListState, current: str | None = None) -> tuple[str, str]:
    """The README as it is (read unless given) and as it should be; ConfigError when its
    markers are broken, RenderFailed when an entry cannot be rendered."""
    if current is None:
        current = read_readme(config)
    try:
        return current, splice(current, _render_list(config, state))
    except MarkerError as exc:
        raise ConfigError(
            f"{config.readme}: {exc}; put <!-- listbot:begin --> and <!-- listbot:end --> "
            "on their own lines where the list goes"
        ) from None


def diff(config: Config, current: str, wanted: str) -> str:
    return "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True),
            wanted.splitlines(keepends=True),
            fromfile=f"{config.readme} (now)",
            tofile=f"{config.readme} (rendered)",
        )
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = config_for(args, ctx)
    state = scan_list(config, ctx, cache=not args.no_cache)
    problems = [p for p in state.problems() if p.severity == "error"]
    if has_errors(problems):
        for problem in problems:
            ctx.stderr.write(problem.text() + "\n")
        ctx.stderr.write(f"listbot: {config.readme} not changed: fix the entries above first\n")
        return 1
    try:
        current, wanted = rendered(config, state)
    except RenderFailed as failed:
        for problem in failed.problems:
            ctx.stderr.write(problem.text() + "\n")
        ctx.stderr.write(f"listbot: {config.readme} not changed: see the entries above\n")
        return 1
    if current == wanted:
        ctx.stdout.write(f"{config.readme} is up to date ({plural(len(state.entries), 'paper')})\n")
        return 0
    if args.check:
        ctx.stdout.write(diff(config, current, wanted))
        ctx.stderr.write(f"listbot: {config.readme} is out of date; run listbot render\n")
        return 1
    # The README's own line ends: a CRLF file (saved on Windows) stays CRLF outside the markers.
    raw = read_limited(config.readme_path, MAX_README_BYTES)
    atomic_write(config.readme_path, wanted.replace("\n", "\r\n") if b"\r\n" in raw else wanted)
    ctx.stdout.write(f"{config.readme} updated ({plural(len(state.entries), 'paper')})\n")
    return 0
