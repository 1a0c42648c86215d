"""``listbot new``: an entry for a paper with no identifier, from flags or answers on a terminal.

    listbot new --title "Ray: A Distributed Framework for Emerging AI Applications" \\
        --author "Philipp Moritz" --author "Robert Nishihara" --venue OSDI --year 2018 \\
        --category training --paper https://www.usenix.org/conference/osdi18/presentation/moritz

On a terminal, missing required fields (title, venue, year, category) are asked for,
then the links to the paper and the code, the DOI and the arXiv id (Enter skips them);
a bad answer is asked again, never the end of the session. A title the list already
has is refused right away, before the other questions; a DOI, arXiv id or URL given as
the title is offered to ``listbot add``, which fills in the metadata. Off a terminal,
missing fields are a usage error. The entry is validated before it is written, and an
existing file is never overwritten.
"""

from __future__ import annotations

import argparse
from typing import Any

from listbot.adding import (
    AddRequest,
    add_paper,
    ask,
    ask_category,
    ask_optional,
    ask_required,
    interactive,
    save_new_entry,
)
from listbot.commands import Context, config_for, scan_list
from listbot.errors import UsageError
from listbot.validate import MIN_YEAR

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


def _url(text: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(text)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(c.isspace() for c in text)
    ):
        raise UsageError(f"'{text}' is not a link: write the whole address, starting with https://")
    return text


def _identifier(kind: str, example: str) -> Any:
    def check(text: str) -> str:
        from listbot.paper.metadata import SourceError, identify

        try:
            found = identify(text)
        except SourceError:
            found = None
        if found is None or found.kind != kind:
            raise UsageError(f"'{text}' is not {example}")
        return found.value

    return check


_LABELS = {"doi": "a DOI", "arxiv": "an arXiv id", "dblp": "a dblp record", "url": "a web address"}


def _as_identifier(text: str) -> str | None:
    """What kind of identifier ``text`` is (``doi``, ``arxiv``, ``dblp``, ``url``), or None."""
    from listbot.paper.metadata import SourceError, identify

    try:
        return identify(text).kind
    except SourceError:
        return None


def _ask_title(ctx: Context, args: argparse.Namespace) -> str | int:
    """The title, or the exit code of ``listbot add`` when the contributor took that path."""
    for _ in range(3):
        answer = ask_required(ctx, "Title", str)
        kind = _as_identifier(answer)
        if kind is None:
            return answer
        reply = ask(
            ctx,
            f"'{answer}' looks like {_LABELS[kind]}, not a title: `listbot add {answer}` "
            "fills in the title, authors, venue and year from it. Use listbot add? [Y/n] ",
        )
        if reply.lower() in ("", "y", "yes"):
            return _hand_to_add(answer, args, ctx)
    raise UsageError("no title given")


def _hand_to_add(identifier: str, args: argparse.Namespace, ctx: Context) -> int:
    request = AddRequest(identifier, category=args.category, dry_run=args.dry_run)
    return add_paper(request, ctx, config_for(args, ctx))


def _year(text: str) -> int:
    text = text.strip()
    if not text.isdigit():
        raise UsageError(f"year '{text}' is not a number such as 2018")
    return int(text)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.fmt import normalize
    from listbot.paper.newentry import refuse_duplicate, resolve_category, resolve_venue

    config = config_for(args, ctx)
    missing = [
        f"--{name}" for name in ("title", "venue", "year", "category") if not getattr(args, name)
    ]
    tty = interactive()
    if missing and not tty:
        raise UsageError(f"new: missing {', '.join(missing)} (required when not on a terminal)")

    def venue_of(text: str) -> str:
        return resolve_venue(text, config)

    def year_of(text: str) -> int:  # asked: out of range is asked again, not refused at the end
        year = _year(text)
        if not MIN_YEAR <= year <= ctx.today.year + 1:
            raise UsageError(f"year {year} is not between {MIN_YEAR} and {ctx.today.year + 1}")
        return year

    def category_of(text: str) -> str:
        return resolve_category(text, config)

    state = scan_list(config, ctx)
    entries = state.entries
    asked = _ask_title(ctx, args) if not args.title else args.title.strip()
    if isinstance(asked, int):
        return asked
    title = asked
    if not args.title:  # asked: a paper the list has stops here, before any other question
        refuse_duplicate({"title": title}, entries)
    authors = [a.strip() for a in args.author if a.strip()]
    if not args.author and tty and missing:
        answer = ask(ctx, "Authors (comma-separated, Enter to skip): ")
        authors = [a.strip() for a in answer.split(",") if a.strip()]
    venue = venue_of(args.venue) if args.venue else ask_required(ctx, "Venue", venue_of)
    year = _year(args.year) if args.year else ask_required(ctx, "Year", year_of)
    category = category_of(args.category) if args.category else ask_category(ctx, config)
    links = {kind: getattr(args, kind).strip() for kind in LINK_FLAGS if getattr(args, kind)}
    ids = {key: getattr(args, key).strip() for key in ("doi", "arxiv") if getattr(args, key)}
    if tty and missing:
        for kind, label in (("paper", "Link to the paper"), ("code", "Link to the code")):
            if kind not in links and (answer := ask_optional(ctx, label, _url)):
                links[kind] = answer
        for key, label, example in (
            ("doi", "DOI", "a DOI such as 10.1145/3190508.3190517"),
            ("arxiv", "arXiv id", "an arXiv id such as 1712.05889"),
        ):
            if key not in ids and (answer := ask_optional(ctx, label, _identifier(key, example))):
                ids[key] = answer

    data: dict[str, Any] = {"title": title}
    if authors:
        data["authors"] = authors
    data.update(venue=venue, year=year, category=category)
    if links:
        data["links"] = links
    data.update(ids)
    if args.tag:
        data["tags"] = list(dict.fromkeys(t.strip() for t in args.tag))
    if args.note:
        data["note"] = args.note.strip()
    data = normalize(data, config)

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
