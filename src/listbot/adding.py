"""Adding an entry from the terminal: the questions ``new`` and ``add`` ask, and the steps
they share (``add``'s whole flow, which ``new`` takes over when given a DOI or URL).

An edge like ``cli``: it writes to the context's streams and reads stdin; the work itself
(identify, fetch, check, write) is ``paper.newentry``'s.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from listbot.commands import Context, scan_list
from listbot.config import Config
from listbot.entries import Entry, display_path
from listbot.errors import UsageError
from listbot.fmt import entry_text
from listbot.paper.newentry import check_new, choose_path, refuse_duplicate, write_entry
from listbot.problems import has_errors

if TYPE_CHECKING:
    from listbot.paper.metadata import Identifier, PaperMetadata


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


def ask_required(ctx: Context, label: str, check: Any) -> Any:
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


def ask_optional(ctx: Context, label: str, check: Any) -> Any:
    """An optional answer (Enter skips); a bad one is asked again, up to three times."""
    for _ in range(3):
        answer = ask(ctx, f"{label} (Enter to skip): ")
        if not answer:
            return None
        try:
            return check(answer)
        except UsageError as exc:
            ctx.stderr.write(f"{exc}; try again\n")
    ctx.stderr.write(f"{label} skipped\n")
    return None


def save_new_entry(
    ctx: Context,
    config: Config,
    data: dict[str, Any],
    entries: Sequence[Entry],
    *,
    slug: str | None,
    dry_run: bool,
    refusal: str,
) -> tuple[Literal["refused", "dry-run", "written"], str]:
    """Name, check and write a new entry (``add``, ``new``); print its problems or the dry run.

    A paper the list already has is refused (InputError naming the file). Returns what
    happened and the file's display path; ``refusal`` ends the line that says why
    nothing was written.
    """
    refuse_duplicate(data, entries)

    path = choose_path(config, data, slug)
    text = entry_text(data, config)
    problems = check_new(path, text, config, entries, this_year=ctx.today.year)
    shown = display_path(path, config.root)
    for problem in problems:
        ctx.stderr.write(problem.text() + "\n")
    if has_errors(problems):
        ctx.stderr.write(f"listbot: {shown} not written: {refusal}\n")
        return "refused", shown
    if dry_run:
        ctx.stdout.write(f"# {shown} (dry run, not written)\n{text}")
        return "dry-run", shown
    write_entry(path, text, config)
    return "written", shown


class AddRequest(NamedTuple):
    """What ``listbot add`` is asked to add (``new`` asks it too, given a DOI or URL)."""

    paper: str
    category: str | None = None
    venue: str | None = None
    slug: str | None = None
    tags: Sequence[str] = ()
    note: str | None = None
    dry_run: bool = False
    allow_private: bool = False


def add_paper(request: AddRequest, ctx: Context, config: Config) -> int:
    """``listbot add``: identify, fetch, ask the category if needed, check and write."""
    from listbot.paper.metadata import identify
    from listbot.paper.newentry import resolve_category, resolve_venue
    from listbot.paper.record import SourceError

    try:
        ident = identify(request.paper)
    except SourceError as exc:  # a title, most likely: new is the command for that
        raise SourceError(f"{exc} (for a paper without one: listbot new)") from None
    category = resolve_category(request.category, config) if request.category else None
    if category is None and not interactive():
        names = ", ".join(c.id for c in config.categories)
        raise UsageError(f"add: --category is required when not on a terminal (one of: {names})")
    venue_key = resolve_venue(request.venue, config) if request.venue else None

    entries = scan_list(config, ctx).entries
    if ident.kind in ("doi", "arxiv"):
        refuse_duplicate({ident.kind: ident.value}, entries)  # no need to ask anyone
    meta, venue_key = _fetch(request, ident, ctx, config, venue_key)
    if category is None:
        ctx.stderr.write(f"{meta.title} ({venue_key} {meta.year})\n")
        category = ask_category(ctx, config)
    data = _added_data(request, meta, venue_key, category, ctx)
    done, shown = save_new_entry(
        ctx,
        config,
        data,
        entries,
        slug=request.slug,
        dry_run=request.dry_run,
        refusal="the entry above is not valid",
    )
    if done != "written":
        return 1 if done == "refused" else 0
    authors = len(data.get("authors", ()))
    ctx.stdout.write(
        f"wrote {shown}: {data['title']} ({venue_key} {data['year']}, "
        f"{authors} author{'s' if authors != 1 else ''}; from {meta.source})\n"
    )
    return 0


def _fetch(
    request: AddRequest, ident: Identifier, ctx: Context, config: Config, venue: str | None
) -> tuple[PaperMetadata, str]:
    from listbot.paper.newentry import fetch_paper
    from listbot.paper.sources import SourceEndpoints

    endpoints = SourceEndpoints.from_env(ctx.env)
    return fetch_paper(ident, config, endpoints, venue=venue, allow_private=request.allow_private)


def _added_data(
    request: AddRequest, meta: PaperMetadata, venue: str, category: str, ctx: Context
) -> dict[str, Any]:
    """The new entry's fields: the sources' facts, then the request's tags and note."""
    from listbot.paper.metadata import MAX_AUTHORS, entry_data

    data = entry_data(meta, venue=venue, category=category)
    if len(meta.authors) > MAX_AUTHORS:
        ctx.stderr.write(
            f"listbot: warning: kept the first {MAX_AUTHORS} of {len(meta.authors)} authors "
            "(the most an entry holds)\n"
        )
    if request.tags:
        data["tags"] = list(dict.fromkeys(request.tags))
    if request.note:
        data["note"] = request.note
    return data
