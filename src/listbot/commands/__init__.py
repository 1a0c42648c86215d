"""Subcommands: each module has ``add_arguments(parser)`` and ``run(args, ctx) -> int``.

Shared here: the ``Context`` (streams, environment, folder, date: what the CLI injects
so that tests drive commands through ``main([...])``) and the helpers every command
uses to find the list and choose an output format.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from listbot.config import Config, find_config, load_config
from listbot.report import FORMATS, Format


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


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=FORMATS, default=None,
        help="output: text, github (workflow annotations; the default under GITHUB_ACTIONS=true) or json",
    )


def output_format(args: argparse.Namespace, ctx: Context) -> Format:
    chosen: Format | None = getattr(args, "format", None)
    if chosen is not None:
        return chosen
    return "github" if ctx.in_actions else "text"


def add_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache", action="store_true",
        help="check every file again instead of reusing results for unchanged files",
    )


def use_cache(args: argparse.Namespace, ctx: Context) -> bool:
    """Whether to reuse .listbot/check-cache.json: never in GitHub Actions.

    The cache lives in the checkout, so a pull request can commit one that calls its own
    bad entry fine (every input of the cache key is public). CI checks from scratch.
    """
    return not getattr(args, "no_cache", False) and not ctx.in_actions


def config_for(args: argparse.Namespace, ctx: Context) -> Config:
    path = args.config if args.config is not None else find_config(ctx.cwd)
    if not path.is_absolute():
        path = ctx.cwd / path
    return load_config(path)


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
