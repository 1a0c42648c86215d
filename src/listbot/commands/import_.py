"""``listbot import FILE.md``: a Markdown paper list -> entry files (and categories).

Understood bullets are written as new entry files (never over an existing file) and
missing categories are added to listbot.yml. Every bullet that is not understood is
reported with its line and the exit code is 1; then nothing is written at all, unless
``--partial`` asks for the understood ones to be written anyway (importing again after
fixing the reported lines then adds just those: the rest are skipped as already in the
list). ``--dry-run`` writes nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import errno
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from listbot.commands import Context, Progress, config_for, plural, scan_list
from listbot.config import CONFIG_NAME, MAX_CONFIG_BYTES, Config, find_config, load_config
from listbot.crash import file_problem
from listbot.errors import ConfigError, UsageError
from listbot.fsutil import atomic_write, read_limited, write_new
from listbot.problems import Problem, clip, codes
from listbot.readme import read_readme

if TYPE_CHECKING:
    from listbot.importer import ImportPlan, PlannedEntry
    from listbot.paper.resolve import Resolution

MAX_SOURCE_BYTES = 10 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, metavar="FILE.md", help="the Markdown list to import")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="write nothing; show the files and categories that would be written",
    )
    parser.add_argument(
        "--resolve",
        action="store_true",
        help="look up what a bullet leaves out (venue, year, authors, DOI, arXiv id) on dblp, "
        "Crossref and arXiv; a bullet no source is sure of is reported, never guessed",
    )
    parser.add_argument(
        "--partial",
        action="store_true",
        help="when some bullets are not understood, still write the entries that are",
    )
    parser.add_argument(
        "--category",
        metavar="ID",
        default=None,
        help="category for bullets that are under no heading",
    )
    parser.add_argument(
        "--category-root",
        metavar="ID",
        default=None,
        help="put new top-level categories under this existing category",
    )
    parser.add_argument(
        "--map",
        metavar="HEADING=ID",
        action="append",
        default=[],
        help="send the bullets under HEADING to category ID (repeatable)",
    )


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        heading, sep, cid = pair.rpartition("=")
        if not sep or not heading.strip() or not cid.strip():
            raise UsageError(f"--map expects HEADING=ID, got {pair!r}")
        mapping[heading.strip()] = cid.strip()
    return mapping


def _check_categories(config: Config, ids: list[str | None]) -> None:
    from listbot.suggest import closest

    for cid in ids:
        if cid is not None and config.category(cid) is None:
            known = [c.id for c in config.categories]
            match = closest(cid, known)
            hint = f"did you mean '{match}'?" if match else "known: " + ", ".join(known)
            raise UsageError(f"unknown category '{cid}' in {CONFIG_NAME} ({hint})")


def _read_source(path: Path, ctx: Context) -> tuple[str, str]:
    full = path if path.is_absolute() else ctx.cwd / path
    try:
        raw = read_limited(full, MAX_SOURCE_BYTES)
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            raise UsageError(
                f"{path}: larger than {MAX_SOURCE_BYTES:,} bytes; not a paper list"
            ) from None
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return str(path), raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def _config(args: argparse.Namespace, ctx: Context) -> tuple[Config, bool]:
    """The list's configuration, or a blank one (and True) when a first one is to be written."""
    if args.config is None:
        try:
            find_config(ctx.cwd)
        except ConfigError:
            return Config(categories=(), root=ctx.cwd), True
    return config_for(args, ctx), False


def _new_config(config: Config, plan: ImportPlan, *, creating: bool) -> tuple[str, str, Config]:
    """listbot.yml as it is and with the plan's categories; the new text checked by loading it."""
    from listbot.importer import add_categories, add_venues, new_config_text

    path = config.root / CONFIG_NAME
    try:
        current = "" if creating else read_limited(path, MAX_CONFIG_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:  # load_config read it a moment ago
        raise ConfigError(f"{CONFIG_NAME}: cannot read: {exc}") from None
    if not plan.categories and not plan.venues:
        return current, current, config
    if creating:
        wanted = new_config_text(plan.title or config.root.resolve().name, plan.categories)
    else:
        wanted = add_categories(current, plan.categories) if plan.categories else current
    wanted = add_venues(wanted, plan.venues)
    with tempfile.TemporaryDirectory(prefix="listbot-import-") as folder:
        trial = Path(folder) / CONFIG_NAME
        trial.write_text(wanted, encoding="utf-8")
        try:
            checked = load_config(trial)
        except ConfigError as exc:  # pragma: no cover - add_categories writes valid config
            raise ConfigError(
                f"{CONFIG_NAME}: adding categories and venues would make it invalid: {exc}"
            ) from None
    return current, wanted, dataclasses.replace(checked, root=config.root)


def _next_step(config: Config) -> str:
    from listbot.render import BEGIN, END

    try:
        readme = read_readme(config)
    except ConfigError:
        readme = ""
    if BEGIN in readme and END in readme:
        return "next: listbot render (regenerate the README's list), then listbot check\n"
    return (
        f"next: put {BEGIN} and {END} in {config.readme} where the list goes, "
        "then listbot render and listbot check\n"
    )


def given_by(sources: Mapping[str, str]) -> str:
    """``{"venue": "dblp", "doi": "Crossref"}`` -> ``venue from dblp; doi from Crossref``."""
    by_source: dict[str, list[str]] = {}
    for name, source in sources.items():
        by_source.setdefault(source, []).append(name)
    return "; ".join(f"{', '.join(names)} from {source}" for source, names in by_source.items())


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """What a dry run would write, one aligned row per entry."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (header, *rows)
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace, ctx: Context) -> int:
    config, creating = _config(args, ctx)
    source, text = _read_source(args.source, ctx)
    plan = _plan(args, ctx, config, source, text)
    if plan is None:
        return 1
    current, wanted, new_config = _new_config(config, plan, creating=creating)
    ready, problems = _checked(plan, source, new_config, this_year=ctx.today.year)
    failed = sum(1 for p in problems if p.severity == "error")
    # Bad input writes nothing, unless asked to keep what was understood.
    dry_run = args.dry_run or (failed > 0 and not args.partial)
    _write_config(ctx.stdout, config, plan, current, wanted, creating=creating, dry_run=dry_run)
    written = _write_entries(ctx.stdout, args, config, ready, problems, source, dry_run=dry_run)
    if written and not dry_run:
        os.sync()
    return _summary(ctx, args, plan, problems, written, failed, dry_run, new_config)


def _plan(
    args: argparse.Namespace, ctx: Context, config: Config, source: str, text: str
) -> ImportPlan | None:
    """The import's plan (with ``--resolve``'s look-ups); None, said on stderr, on a bug."""
    # Imported here so that `listbot --help` does not pay for the importer's patterns.
    from listbot.entries import discover
    from listbot.importer import plan_import
    from listbot.paper.resolve import RESOLVE_CACHE, open_resolver

    state = scan_list(config, ctx, cache=not args.dry_run)
    files, _name_problems = discover(config.entries_path, config.root)
    mapping = _mapping(args.map)
    _check_categories(config, [args.category_root, args.category, *mapping.values()])
    resolver = open_resolver(config, ctx.env, keep_cache=not args.dry_run) if args.resolve else None
    rows = (line for line in text.splitlines() if re.match(r"\s*(?:[-*+|]|\d{1,9}[.)])\s", line))
    progress = Progress(ctx, "resolving", sum(1 for _ in rows))

    def lookup(title: str, have: Mapping[str, Any]) -> Resolution:
        assert resolver is not None
        progress.step(title)
        return resolver.resolve(title, have)

    try:
        plan = plan_import(
            text,
            config,
            source=source,
            this_year=ctx.today.year,
            existing=state.entries,
            taken={f.stem for f in files},
            category_root=args.category_root,
            default_category=args.category,
            mapping=mapping,
            lookup=lookup if resolver is not None else None,
        )
    except Exception as exc:  # a bug, in this one file: LB009 on it, exit 1, nothing written
        ctx.stderr.write(file_problem(source, exc, "importing").text() + "\n")
        ctx.stderr.write("listbot: nothing imported\n")
        return None
    finally:
        progress.end()
        if resolver is not None:
            resolver.close()
    if resolver is not None:
        ctx.stderr.write(
            f"resolve: {plural(resolver.asked, 'search', 'searches')} sent; "
            f"the rest came from {RESOLVE_CACHE}\n"
        )
    return plan


Ready = list[tuple["PlannedEntry", str, str]]


def _checked(
    plan: ImportPlan, source: str, new_config: Config, *, this_year: int
) -> tuple[Ready, list[Problem]]:
    """The planned entries that are valid entries (path, text), and the plan's problems
    plus an LB504 for each that is not."""
    from listbot.fmt import entry_text
    from listbot.validate import check_entry

    problems = list(plan.problems)
    ready: Ready = []
    for planned in plan.entries:
        shown = f"{new_config.entries_dir}/{planned.path}"
        try:
            body = entry_text(planned.data, new_config)
            result = check_entry(shown, body.encode("utf-8"), new_config, this_year=this_year)
        except Exception as exc:  # a bug: LB009 on this bullet; the others are still imported
            problems.append(file_problem(source, exc, "writing an entry from", planned.line))
            continue
        errors = [p for p in result.problems if p.severity == "error"]
        if errors:
            problems.append(
                Problem(
                    source,
                    planned.line,
                    1,
                    "LB504",
                    f"would not be a valid entry: {errors[0].code} {errors[0].message}",
                )
            )
        else:
            ready.append((planned, shown, body))
    return ready, problems


def _write_config(
    out: TextIO,
    config: Config,
    plan: ImportPlan,
    current: str,
    wanted: str,
    *,
    creating: bool,
    dry_run: bool,
) -> None:
    """The venues and categories the import adds to listbot.yml: said, then written (or
    shown as a diff on a dry run)."""
    changes_config = bool(plan.categories or plan.venues)
    if creating and changes_config:
        out.write(
            f"{'would create' if dry_run else 'created'} {CONFIG_NAME} in {config.root} "
            "(none was found here or above)\n"
        )
    for venue in plan.venues:
        named = f" ({venue.name})" if venue.name != venue.key else ""
        out.write(
            f"{'would add' if dry_run else 'added'} venue '{venue.key}'{named} to {CONFIG_NAME} "
            f"(first seen on line {venue.line})\n"
        )
    if not changes_config:
        return
    for category in plan.categories:
        under = f" under '{category.parent}'" if category.parent else ""
        out.write(
            f"{'would add' if dry_run else 'added'} category '{category.id}' "
            f"({category.name}){under} to {CONFIG_NAME} (heading on line {category.line})\n"
        )
    if dry_run:
        out.write(
            "".join(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    wanted.splitlines(keepends=True),
                    fromfile=f"{CONFIG_NAME} (now)",
                    tofile=f"{CONFIG_NAME} (after import)",
                )
            )
        )
    elif creating:
        if not write_new(config.root / CONFIG_NAME, wanted):
            raise ConfigError(f"{CONFIG_NAME} appeared while importing; nothing written")
    else:
        atomic_write(config.root / CONFIG_NAME, wanted)


def _write_entries(
    out: TextIO,
    args: argparse.Namespace,
    config: Config,
    ready: Ready,
    problems: list[Problem],
    source: str,
    *,
    dry_run: bool,
) -> int:
    """Write (or list) the ready entries; how many. A file that appeared meanwhile is an
    LB512 added to ``problems``."""
    verb = "would write" if dry_run else "wrote"
    written = 0
    table: list[tuple[str, ...]] = []
    for planned, shown, body in ready:
        # One sync for the whole import at the end, not one per file (2,000 fsyncs took 7 s).
        if not dry_run and not write_new(config.entries_path / planned.path, body, durable=False):
            problems.append(
                Problem(
                    source,
                    planned.line,
                    1,
                    "LB512",
                    f"{shown} appeared meanwhile; not overwritten",
                    severity="warning",
                )
            )
            continue
        written += 1
        data = planned.data
        if args.dry_run:
            table.append(
                (shown, clip(data["title"], 60), data["venue"], str(data["year"]), data["category"])
            )
            continue
        out.write(
            f"{verb} {shown}: {data['title']} ({data['venue']} {data['year']}, "
            f"{data['category']}) from line {planned.line}\n"
        )
        if planned.sources:
            out.write(f"  resolved: {given_by(planned.sources)}\n")
    if table:
        out.write(_table(("file", "title", "venue", "year", "category"), table))
    return written


def _summary(
    ctx: Context,
    args: argparse.Namespace,
    plan: ImportPlan,
    problems: list[Problem],
    written: int,
    failed: int,
    dry_run: bool,
    new_config: Config,
) -> int:
    """The problems, the one-line count and what to do next; the exit code."""
    out = ctx.stdout
    problems.sort(key=Problem.sort_key)
    for problem in problems:
        ctx.stderr.write(problem.text() + "\n")
    skipped = sum(1 for p in problems if p.code in codes("import-skip"))
    summary = (
        f"{plural(plan.bullets, 'bullet')}: {plural(written, 'entry', 'entries')} "
        f"{'to write' if dry_run else 'written'}, {skipped} skipped, {failed} not understood"
    )
    if args.dry_run:
        summary += "; nothing written (dry run)"
    elif dry_run:
        summary += "; nothing written"
    out.write(summary + "\n")
    if failed:
        if written and not dry_run:
            tail = "fix the lines above and import again; entries already written are skipped then"
        elif args.dry_run:
            tail = "fix the lines above and import again"
        else:
            tail = (
                "nothing was written; fix the lines above and import again, or pass "
                "--partial to write the entries that were understood"
            )
        ctx.stderr.write(f"listbot: {plural(failed, 'bullet')} not understood: {tail}\n")
        return 1
    if written and not dry_run:
        out.write(_next_step(new_config))
    return 0
