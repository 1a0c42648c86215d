"""``listbot import FILE.md``: a Markdown paper list -> entry files (not yet implemented)."""

from __future__ import annotations

import argparse
from pathlib import Path

from listbot.commands import Context
from listbot.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, metavar="FILE.md", help="the Markdown list to import")


def run(args: argparse.Namespace, ctx: Context) -> int:
    raise UsageError("import is not available yet")
