"""``listbot resolve [FILE ...]``: fill what entries leave out from dblp, Crossref and arXiv.

The engine of ``import --resolve`` (``listbot.paper.resolve``) on existing entries: an
entry without authors, DOI or arXiv id gets them from a confident match (same title,
same year), and the output says which source gave each field. The file is rewritten in
canonical form with its comments kept; nothing else in it changes. An entry no source
is sure of is left as it is and named. ``--dry-run`` writes nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from listbot.commands import Context, Progress, config_for, named_entries, scan_list

FILLED = ("authors", "doi", "arxiv")  # venue and year are required: every entry has them


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="FILE", help="entry files (default: all)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="write nothing; say what would be filled"
    )


def _with_fields(text: str, fields: dict[str, Any], config: Any) -> str:
    """The entry's text with ``fields`` added, in canonical form, comments kept."""
    import io

    from ruamel.yaml import YAML

    from listbot.fmt import format_entry

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    data = yaml.load(text)
    for name, value in fields.items():
        data[name] = value
    out = io.StringIO()
    yaml.dump(data, out)
    return format_entry(out.getvalue(), config)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.fsutil import atomic_write, read_limited
    from listbot.paper.resolve import NotFound, open_resolver
    from listbot.validate import check_entry
    from listbot.yamlsafe import MAX_BYTES

    config = config_for(args, ctx)
    root = config.root
    only: list[str] | None = None
    if args.paths:
        only = named_entries(args.paths, config, ctx, "resolve")
    state = scan_list(config, ctx, only=only)
    entries = [e for e in state.entries if only is None or e.path in only]
    todo = [e for e in entries if not all(getattr(e, name) for name in FILLED)]
    resolver = open_resolver(config, ctx.env, keep_cache=not args.dry_run)
    progress = Progress(ctx, "resolving", len(todo))
    filled = missed = 0
    verb = "would fill" if args.dry_run else "filled"
    try:
        for entry in todo:
            progress.step(entry.path)
            answer = resolver.resolve(entry.title, entry.to_data())
            if isinstance(answer, NotFound):
                missed += 1
                ctx.stderr.write(f"{entry.path}: not resolved: {answer.reason}\n")
                continue
            fields = {k: v for k, v in answer.fields.items() if k in FILLED}
            if not fields:
                missed += 1
                ctx.stderr.write(f"{entry.path}: not resolved: the sources add nothing\n")
                continue
            path = root / entry.path
            text = _with_fields(read_limited(path, MAX_BYTES).decode("utf-8-sig"), fields, config)
            check = check_entry(entry.path, text.encode("utf-8"), config, this_year=ctx.today.year)
            if check.entry is None:  # e.g. a source's author list longer than the schema allows
                missed += 1
                ctx.stderr.write(f"{entry.path}: not resolved: the result would not be valid\n")
                continue
            if not args.dry_run:
                atomic_write(path, text)
            filled += 1
            by: dict[str, list[str]] = {}
            for name in fields:
                by.setdefault(answer.sources[name], []).append(name)
            said = "; ".join(f"{', '.join(names)} from {src}" for src, names in by.items())
            ctx.stdout.write(f"{verb} {entry.path}: {said}\n")
    finally:
        progress.end()
        resolver.close()
    ctx.stdout.write(
        f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}: {filled} {verb}, "
        f"{missed} not resolved, {len(entries) - len(todo)} complete already\n"
    )
    return 0
