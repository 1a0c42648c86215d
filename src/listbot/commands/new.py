"""``listbot new``: an entry for a paper with no identifier, from flags or answers on a terminal.

    listbot new --title "Ray: A Distributed Framework for Emerging AI Applications" \\
        --author "Philipp Moritz" --author "Robert Nishihara" --venue OSDI --year 2018 \\
        --category training --paper https://www.usenix.org/conference/osdi18/presentation/moritz

On a terminal, missing required fields (title, venue, year, category) are asked for;
elsewhere they are a usage error. The entry is validated before it is written, and an
existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from listbot.commands import Context, config_for, save_new_entry, scan_list
from listbot.config import Config
from listbot.errors import UsageError

LINK_FLAGS = ("paper", "pdf", "code", "slides", "video")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", help="the paper's title as published")
    parser.add_argument(
        "--author",
        action="append",
        default=[],
        metavar="NAME",
        help="an author (repeatable, in order)",
    )
    parser.add_argument("--venue", metavar="KEY", help="venue key (or alias) from listbot.yml")
    parser.add_argument("--year", help="year of publication")
    parser.add_argument("-c", "--category", help="category id from listbot.yml")
    for kind in LINK_FLAGS:
        parser.add_argument(f"--{kind}", metavar="URL", help=f"link: {kind}")
    parser.add_argument("--doi", help="the DOI, e.g. 10.1145/3190508.3190517")
    parser.add_argument("--arxiv", help="the arXiv id, e.g. 1712.05889")
    parser.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)"
    )
    parser.add_argument("--note", help="a one-line note shown in the README")
    parser.add_argument("--slug", help="file name without .yaml (default: e.g. ray-osdi18)")
    parser.add_argument(
        "--dry-run", action="store_true", help="print the entry instead of writing it"
    )


def interactive() -> bool:
    """Whether we may ask questions: stdin is a terminal."""
    stdin = sys.stdin
    try:
        return stdin is not None and stdin.isatty()
    except (AttributeError, ValueError):
        return False


def ask(ctx: Context, question: str) -> str:
    """One answer from the terminal; end of input is a usage error, not a traceback."""
    ctx.stderr.write(question)
    ctx.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise UsageError("no answer (end of input)")
    return line.strip()


def ask_category(ctx: Context, config: Config) -> str:
    ctx.stderr.write("Categories:\n")
    for i, category in enumerate(config.categories, 1):
        ctx.stderr.write(f"  {i:>2}. {'  ' * category.depth}{category.name} ({category.id})\n")
    for _ in range(3):
        answer = ask(ctx, "Category (number or id): ")
        if answer.isdigit() and 1 <= int(answer) <= len(config.categories):
            return config.categories[int(answer) - 1].id
        if config.category(answer) is not None:
            return answer
        ctx.stderr.write(f"'{answer}' is not one of the categories above\n")
    raise UsageError("no valid category given")


def _ask_required(ctx: Context, label: str, check: Any) -> Any:
    for _ in range(3):
        answer = ask(ctx, f"{label}: ")
        if not answer:
            ctx.stderr.write(f"{label} is required\n")
            continue
        try:
            return check(answer)
        except UsageError as exc:
            ctx.stderr.write(f"{exc}\n")
    raise UsageError(f"no valid {label.lower()} given")


def _year(text: str) -> int:
    text = text.strip()
    if not text.isdigit():
        raise UsageError(f"year '{text}' is not a number such as 2018")
    return int(text)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.fmt import normalize
    from listbot.paper.newentry import (
        resolve_category,
        resolve_venue,
    )

    config = config_for(args, ctx)
    missing = [
        f"--{name}" for name in ("title", "venue", "year", "category") if not getattr(args, name)
    ]
    tty = interactive()
    if missing and not tty:
        raise UsageError(f"new: missing {', '.join(missing)} (required when not on a terminal)")

    def venue_of(text: str) -> str:
        return resolve_venue(text, config)

    def category_of(text: str) -> str:
        return resolve_category(text, config)

    title = args.title.strip() if args.title else _ask_required(ctx, "Title", str)
    authors = [a.strip() for a in args.author if a.strip()]
    if not args.author and tty and missing:
        answer = ask(ctx, "Authors (comma-separated, Enter to skip): ")
        authors = [a.strip() for a in answer.split(",") if a.strip()]
    venue = venue_of(args.venue) if args.venue else _ask_required(ctx, "Venue", venue_of)
    year = _year(args.year) if args.year else _ask_required(ctx, "Year", _year)
    category = category_of(args.category) if args.category else ask_category(ctx, config)
    links = {kind: getattr(args, kind).strip() for kind in LINK_FLAGS if getattr(args, kind)}
    if not links and tty and missing:
        answer = ask(ctx, "Link to the paper (Enter to skip): ")
        if answer:
            links["paper"] = answer

    data: dict[str, Any] = {"title": title}
    if authors:
        data["authors"] = authors
    data.update(venue=venue, year=year, category=category)
    if links:
        data["links"] = links
    for key in ("doi", "arxiv"):
        value = getattr(args, key)
        if value:
            data[key] = value.strip()
    if args.tag:
        data["tags"] = list(dict.fromkeys(t.strip() for t in args.tag))
    if args.note:
        data["note"] = args.note.strip()
    data = normalize(data, config)

    state = scan_list(config, ctx)
    entries = state.entries
    done, shown = save_new_entry(
        ctx,
        config,
        data,
        entries,
        slug=args.slug,
        dry_run=args.dry_run,
        refusal="fix the values above",
    )
    if done != "written":
        return 1 if done == "refused" else 0
    ctx.stdout.write(f"wrote {shown}: {title} ({venue} {year})\n")
    return 0
