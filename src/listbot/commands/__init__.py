"""Subcommands: each module has ``add_arguments(parser)`` and ``run(args, ctx) -> int``.

Shared here: the ``Context`` (streams, environment, folder, date: what the CLI injects
so that tests drive commands through ``main([...])``) and the helpers every command
uses to find the list and choose an output format.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from listbot.config import Config, find_config, load_config
from listbot.problems import has_errors, plural
from listbot.report import FORMATS, Format

if TYPE_CHECKING:
    from listbot.entries import Entry
    from listbot.links.model import LinkReport
    from listbot.paper.resolve import Resolver
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
    from listbot.project import scan

    salt = cache_salt(ctx) if cache and not ctx.in_actions else ""
    return scan(
        config,
        this_year=ctx.today.year,
        use_cache=bool(salt),
        salt=salt,
        only=only,
        prefer=prefer,
    )


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
    from listbot.errors import UsageError
    from listbot.gitrepo import changes_since

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
    try:
        changes = changes_since(config.root, base or "HEAD^1", config.entries_dir)
    except UsageError:
        if automatic:  # not a merge commit, a shallow clone...: report as without a base
            return []
        raise
    return [c.path for c in changes if c.status != "removed"]


def cache_salt(ctx: Context) -> str:
    """This machine's secret for check-cache keys, kept in the user's cache folder.

    Made on first use (``$XDG_CACHE_HOME/listbot/salt`` or ``~/.cache/listbot/salt``);
    "" when there is no such folder or it cannot be written, and then no cache is used.
    """
    import secrets

    from listbot.fsutil import read_limited, write_new

    home = ctx.env.get("HOME")
    base = ctx.env.get("XDG_CACHE_HOME") or (str(Path(home) / ".cache") if home else "")
    if not base:
        return ""
    path = Path(base) / "listbot" / "salt"
    for _attempt in range(2):
        try:
            salt = read_limited(path, 1024).decode("ascii").strip()
            if len(salt) >= 32:
                return salt
            return ""
        except FileNotFoundError:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_new(path, secrets.token_hex(32) + "\n")  # a racing run's salt wins
                path.chmod(0o600)
            except OSError:
                return ""
        except (OSError, UnicodeDecodeError):
            return ""
    return ""


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
    from listbot.entries import display_path
    from listbot.fmt import entry_text
    from listbot.paper.newentry import check_new, choose_path, refuse_duplicate, write_entry

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


def read_json_file(path: Path, max_bytes: int, what: str) -> Any:
    """An untrusted JSON file (a CI artifact), or InputError in one line.

    Not through a symlink, only a regular file (a FIFO must not hang the job), at most
    ``max_bytes``.
    """
    import json
    import os
    import stat

    from listbot.errors import InputError

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise InputError(f"{path}: {what} refused: not a regular file")
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the {what}: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise InputError(f"{path}: {what} refused: larger than {max_bytes:,} bytes")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise InputError(f"{path}: {what} refused: not JSON") from None
    except RecursionError:  # '[[[[...' a few thousand deep: json's parser gives up
        raise InputError(f"{path}: {what} refused: nested too deeply") from None


MAX_README_BYTES = 16 * 1024 * 1024


def read_readme(config: Config) -> str:
    """The README's text (newlines as in text mode), read bounded; ConfigError in one line.

    Every command that reads the README comes through here: git stores symlinks, so a
    README may point out of the list, at ``/dev/zero`` or at a FIFO.
    """
    from listbot.entries import inside
    from listbot.errors import ConfigError
    from listbot.fsutil import read_limited

    path = config.readme_path
    if not inside(path, config.root):  # a symlink out of the repository
        raise ConfigError(f"{config.readme}: lies outside the list's folder; refused")
    try:
        text = read_limited(path, MAX_README_BYTES).decode("utf-8")
        return text.replace("\r\n", "\n").replace("\r", "\n")  # as open() in text mode
    except FileNotFoundError:
        raise ConfigError(f"{config.readme}: not found (set 'readme' in listbot.yml)") from None
    except OSError as exc:
        raise ConfigError(f"{config.readme}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{config.readme}: cannot read: {exc}") from None


MAX_LINKS_BYTES = 64 * 1024 * 1024


def read_links_report(path: Path) -> LinkReport:
    """The links report ``listbot links --format json`` wrote, or InputError in one line.

    The one reader of that artifact (``pr --links``, ``link-report --links``): bounded
    like every CI artifact, then held to ``schema/links.schema.json``.
    """
    from listbot.errors import InputError
    from listbot.links.model import LinkReport, LinksReportError

    data = read_json_file(path, MAX_LINKS_BYTES, "links file")
    try:
        return LinkReport.from_data(data)
    except LinksReportError as exc:
        raise InputError(f"{path}: links file refused: {exc}") from None


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


RESOLVE_CACHE = ".listbot/resolve-cache.json"


def open_resolver(config: Config, ctx: Context, *, keep_cache: bool = True) -> Resolver:
    """The resolver behind ``import --resolve``, ``resolve`` and ``verify``: one polite
    session to dblp, Crossref and arXiv (``LISTBOT_*_URL`` overrides), and the answers
    cache under ``.listbot/`` (read always, written only when ``keep_cache``)."""
    from listbot.paper.resolve import ResolveCache, Resolver
    from listbot.paper.sources import Endpoints, make_sources

    sources = make_sources(
        endpoints=Endpoints.from_env(ctx.env),
        contact=config.contact,
        timeout=config.links.timeout,
        retries=config.links.retries,
        max_retry_after=config.links.max_retry_after,
    )
    path = config.root / RESOLVE_CACHE
    cache = ResolveCache.load(path)
    if not keep_cache:
        cache.path = None
    return Resolver(sources, config, cache)


class Progress:
    """``resolving 12/40`` on one rewritten line of stderr, only when stderr is a terminal."""

    def __init__(self, ctx: Context, what: str, total: int) -> None:
        self.stream = ctx.stderr
        self.what = what
        self.total = total
        self.done = 0
        isatty = getattr(self.stream, "isatty", None)
        self.shown = bool(isatty and isatty()) and total > 1

    def step(self, label: str = "") -> None:
        self.done += 1
        if self.shown:
            text = f"{self.what} {self.done}/{self.total} {label}"[:78]
            self.stream.write("\r" + text.ljust(78))
            self.stream.flush()

    def end(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 78 + "\r")
            self.stream.flush()


def changed_entry_files(ref: str, config: Config) -> list[Path]:
    """Entry files added, changed or renamed since ``ref`` (committed or not), plus new files:
    what ``--changed-since REF`` selects (``listbot links``, ``listbot verify``)."""
    from listbot.entries import display_path
    from listbot.gitrepo import changed_since

    root, entries_dir = config.root, config.entries_path
    found = changed_since(root, ref, display_path(entries_dir, root), option="--changed-since")
    paths: list[Path] = []
    for name, status in found:
        path = root / name
        if status != "removed" and path.suffix in (".yaml", ".yml") and path.parent == entries_dir:
            paths.append(path)
    return sorted(paths)
