"""Subcommands: each module has ``add_arguments(parser)`` and ``run(args, ctx) -> int``.

Shared here: the ``Context`` (streams, environment, folder, date: what the CLI injects
so that tests drive commands through ``main([...])``) and the helpers every command
uses to find the list and choose an output format.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from listbot.config import Config, find_config, load_config
from listbot.entries import display_path
from listbot.errors import ConfigError, UsageError
from listbot.output import FORMATS, Format
from listbot.problems import plural

if TYPE_CHECKING:
    from listbot.project import ListState


__all__ = ["Context", "plural"]


@dataclass(frozen=True)
class Context:
    stdout: TextIO
    stderr: TextIO
    env: dict[str, str]
    cwd: Path
    today: date

    @property
    def in_actions(self) -> bool:
        return self.env.get("GITHUB_ACTIONS") == "true"


def use_color(ctx: Context, stream: TextIO) -> bool:
    """Colour only on a terminal: ``NO_COLOR`` (any value) turns it off, ``FORCE_COLOR`` on.

    As https://no-color.org and https://force-color.org describe; ``FORCE_COLOR=0`` counts
    as unset. ``TERM=dumb`` terminals get none either.
    """
    if ctx.env.get("NO_COLOR"):
        return False
    if ctx.env.get("FORCE_COLOR", "0") != "0":
        return True
    if ctx.env.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="output: text, github (workflow annotations; the default under GITHUB_ACTIONS=true)"
        " or json",
    )


def output_format(args: argparse.Namespace, ctx: Context) -> Format:
    chosen: Format | None = getattr(args, "format", None)
    if chosen is not None:
        return chosen
    return "github" if ctx.in_actions else "text"


def add_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="check every file again instead of reusing results for unchanged files",
    )


def scan_list(
    config: Config,
    ctx: Context,
    *,
    cache: bool = True,
    only: Iterable[str] | None = None,
    prefer: Iterable[str] = (),
) -> ListState:
    """``project.scan`` for a command: with the check cache when ``cache`` and it is safe.

    The cache lives in the checkout, so a pull request could commit one that calls its
    own bad entry fine. Its key therefore includes a secret of this machine
    (``cache_salt``), which a committed cache cannot know; and in GitHub Actions no
    cache is used at all: CI checks from scratch.
    """
    from listbot.project import cache_salt, scan

    salt = cache_salt(ctx.env) if cache and not ctx.in_actions else ""
    return scan(
        config,
        this_year=ctx.today.year,
        use_cache=bool(salt),
        salt=salt,
        only=only,
        prefer=prefer,
    )


def wanted_files(paths: list[Path], config: Config, ctx: Context) -> list[str] | None:
    """Display paths for the files named on the command line, or None for all."""
    if not paths:
        return None
    # realpath, not Path.resolve(): on Python < 3.13 the latter raises RuntimeError on a
    # symlink loop, and these names can come from a pull request's list of changed files.
    root = Path(os.path.realpath(config.root))
    entries = os.path.realpath(config.entries_path)
    shown = []
    for path in paths:
        given = ctx.cwd / path
        if not os.path.lexists(given):
            raise UsageError(f"{path}: no such file")
        real = os.path.realpath(given)
        if real == entries:  # the entries folder itself: all of them
            return None
        if os.path.dirname(real) != entries:
            folder = display_path(Path(entries), ctx.cwd)
            raise UsageError(f"{path}: not an entry file: entries are the files in {folder}/")
        shown.append(display_path(Path(real), root))
    return shown


def scan_for(args: argparse.Namespace, ctx: Context, config: Config) -> ListState:
    return scan_list(
        config,
        ctx,
        cache=not args.no_cache,
        only=wanted_files(getattr(args, "paths", []), config, ctx),
        prefer=new_files(args, ctx, config),
    )


def named_entries(paths: Sequence[Path], config: Config, ctx: Context, command: str) -> list[str]:
    """Display paths of the entry files named on the command line (``resolve``, ``verify``);
    UsageError naming the first that is not a file."""
    found = []
    for path in paths:
        full = ctx.cwd / path
        if not full.is_file():
            raise UsageError(f"{command}: {path}: no such entry file")
        found.append(display_path(full.resolve(), config.root.resolve()))
    return found


def stop_on_errors(ctx: Context, state: ListState, what: str) -> bool:
    """Print the list's errors and ``listbot: WHAT: fix the entries above first``; whether
    there were any (``export``, ``site``, ``render`` write nothing then)."""
    errors = [p for p in state.problems() if p.severity == "error"]
    for problem in errors:
        ctx.stderr.write(problem.text() + "\n")
    if errors:
        ctx.stderr.write(f"listbot: {what}: fix the entries above first\n")
    return bool(errors)


def add_base(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base",
        metavar="REF",
        help="git revision the change is compared with: a duplicate is reported on the file "
        "added or changed since REF, naming the one already in the list (default under "
        "GitHub Actions on a pull request: HEAD^1, the base side of the merge commit)",
    )


def new_files(args: argparse.Namespace, ctx: Context, config: Config) -> list[str]:
    """The entry files added or changed since ``--base`` (or, on a PR in Actions, HEAD^1)."""
    base = getattr(args, "base", None)
    automatic = (
        base is None
        and ctx.in_actions
        and ctx.env.get("GITHUB_EVENT_NAME")
        in (
            "pull_request",
            "pull_request_target",
        )
    )
    if base is None and not automatic:
        return []
    from listbot.gitrepo import changes_since  # git only when there is a base

    try:
        changes = changes_since(config.root, base or "HEAD^1", config.entries_dir)
    except UsageError:
        if automatic:  # not a merge commit, a shallow clone...: report as without a base
            return []
        raise
    return [c.path for c in changes if c.status != "removed"]


def line_reader(config: Config) -> Callable[[str, int], str | None]:
    """``(path, line) -> that line`` of a list file, for the caret under a syntax error."""
    from listbot.fsutil import read_limited
    from listbot.yamlsafe import MAX_BYTES

    def excerpt(path: str, line: int) -> str | None:
        try:
            text = read_limited(config.root / path, MAX_BYTES).decode("utf-8-sig", "replace")
        except OSError:
            return None
        lines = text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else None

    return excerpt


def config_for(args: argparse.Namespace, ctx: Context) -> Config:
    path = args.config if args.config is not None else find_config(ctx.cwd)
    if not path.is_absolute():
        path = ctx.cwd / path
    return load_config(path)


def trusted_config(args: argparse.Namespace, ctx: Context) -> Config:
    """The default branch's listbot.yml (for labels and the preview), or the defaults."""
    try:
        path = args.config if args.config is not None else find_config(ctx.cwd)
    except ConfigError:
        return Config(categories=())
    return load_config(path if path.is_absolute() else ctx.cwd / path)


def write_summary(ctx: Context, markdown: str) -> None:
    """Append to the Actions job summary, when there is one."""
    target = ctx.env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(markdown)
    except OSError as exc:
        ctx.stderr.write(f"listbot: warning: cannot write the job summary: {exc.strerror or exc}\n")


class Progress:
    """Work done so far on one line of stderr, rewritten in place, only on a terminal:
    ``resolving 12/40 Title`` step by step, or with ``bar`` a bar the caller updates
    (``checking links [#######.......] 812/2000``). Redrawn at most ten times a second;
    the last step always."""

    WIDTH = 30  # of the bar

    def __init__(
        self, ctx: Context, what: str, total: int = 0, *, bar: bool = False, note: str = ""
    ) -> None:
        self.stream = ctx.stderr
        self.what = what
        self.total = total
        self.done = 0
        self.bar = bar
        self.note = note  # after the count, e.g. " (+12 cached)"
        self.last = 0.0
        self.shown = _is_tty(self.stream) and (bar or total > 1)

    def step(self, label: str = "") -> None:
        self.update(self.done + 1, self.total, label)

    def __call__(self, done: int, total: int) -> None:
        self.update(done, total)

    def update(self, done: int, total: int, label: str = "") -> None:
        self.done, self.total = done, total
        if not self.shown:
            return
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        if self.bar:
            filled = self.WIDTH * done // total if total else self.WIDTH
            drawn = "#" * filled + "." * (self.WIDTH - filled)
            self.stream.write(f"\r{self.what} [{drawn}] {done}/{total}{self.note}")
        else:
            self.stream.write("\r" + f"{self.what} {done}/{total} {label}"[:78].ljust(78))
        self.stream.flush()

    def end(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
