"""``listbot init``: set up a new paper list in the current folder; never overwrites a file.

Writes a starter ``listbot.yml``, a README with the list's markers, the four workflows
of docs/bot.md (pr-check, pr-comment, regenerate, links: packaged copies that a test
holds identical to the doc's) and a ``.pre-commit-config.yaml``, then prints the next
steps. ``--pages`` and ``--submissions`` add the workflows of docs/site.md (the site on
GitHub Pages; add-paper issues turned into pull requests), which need a setting or a
form first. A file that exists is kept as it is and named ("kept ..."); a README without
the markers is not edited: the two lines to paste are printed instead.
"""

from __future__ import annotations

import argparse
import re
from importlib import resources
from pathlib import Path

from listbot.commands import Context
from listbot.errors import UsageError

PLACEHOLDER = "OWNER/listbot@v1"
WORKFLOWS = ("pr-check.yml", "pr-comment.yml", "regenerate.yml", "links.yml")
OPTIONAL = {"pages": "pages.yml", "submissions": "add-paper.yml"}  # flag -> workflow
MARKERS = "<!-- listbot:begin -->\n<!-- listbot:end -->\n"
_ACTION = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--action",
        metavar="OWNER/REPO@REF",
        help=f"the listbot action the workflows use, pinned (default: {PLACEHOLDER}, "
        "to be replaced by hand)",
    )
    parser.add_argument("--title", help="the list's title (default: My paper list)")
    parser.add_argument(
        "--pages",
        action="store_true",
        help="also pages.yml: publish the list's site on GitHub Pages after each regenerate",
    )
    parser.add_argument(
        "--submissions",
        action="store_true",
        help="also add-paper.yml: turn add-paper issues (listbot issue-form) into pull requests",
    )


def starter(name: str) -> str:
    """A packaged starter file (``listbot.yml``, ``workflows/pr-check.yml``, ...)."""
    return resources.files("listbot").joinpath(f"starter/{name}").read_text("utf-8")


def planned(args: argparse.Namespace) -> list[tuple[str, str]]:
    """(path, text) of every file init writes, in order."""
    config = starter("listbot.yml")
    if args.title:
        title = args.title.replace("'", "''")
        config = config.replace("title: My paper list", f"title: '{title}'", 1)
    heading = args.title or "My paper list"
    files = [
        ("listbot.yml", config),
        ("README.md", f"# {heading}\n\n{MARKERS}"),
    ]
    chosen = [name for flag, name in OPTIONAL.items() if getattr(args, flag)]
    for name in (*WORKFLOWS, *chosen):
        text = starter(f"workflows/{name}")
        if args.action:
            text = text.replace(PLACEHOLDER, args.action)
        files.append((f".github/workflows/{name}", text))
    hooks = starter("pre-commit-config.yaml")
    if args.action:
        repo, _, ref = args.action.partition("@")
        hooks = hooks.replace("OWNER/listbot", repo)
        hooks = re.sub(r"(?m)^(\s*rev: ).*$", lambda m: m.group(1) + ref, hooks, count=1)
    files.append((".pre-commit-config.yaml", hooks))
    return files


def run(args: argparse.Namespace, ctx: Context) -> int:
    from listbot.fsutil import write_new

    if args.action and not _ACTION.match(args.action):
        raise UsageError(f"init: --action {args.action!r} is not OWNER/REPO@REF")
    root = ctx.cwd
    wanted = getattr(args, "config", None)  # every command takes --config; init is run in place
    if wanted is not None and (root / wanted).resolve() != (root / "listbot.yml").resolve():
        raise UsageError(
            f"init: --config {wanted}: init sets up the list in the current folder; run it "
            "where the list goes (without --config)"
        )
    readme_without_markers = False
    for name, text in planned(args):
        path = root / name
        if path.exists() or path.is_symlink():
            ctx.stdout.write(f"kept {name} (exists)\n")
            if name == "README.md":
                readme_without_markers = "<!-- listbot:begin -->" not in _read(path)
            continue
        try:
            written = write_new(path, text)
        except OSError as exc:
            raise UsageError(f"init: cannot write {name}: {exc.strerror or exc}") from None
        ctx.stdout.write(f"{'created' if written else 'kept'} {name}\n")
    entries = root / "entries"
    if not entries.exists():
        entries.mkdir()
        ctx.stdout.write("created entries/\n")
    steps = [
        "edit listbot.yml: your categories (and venues listbot does not know)",
    ]
    if readme_without_markers:
        steps.append(
            "put these two lines in README.md where the paper list goes:\n"
            + "".join(f"       {line}\n" for line in MARKERS.splitlines()).rstrip("\n")
        )
    if not args.action:
        steps.append(
            f"in .github/workflows/*.yml, replace {PLACEHOLDER} with the listbot release "
            "you use (a tag such as v1, or a commit SHA)"
        )
    if args.pages:
        steps.append("for pages.yml: Settings > Pages > Source: GitHub Actions")
    if args.submissions:
        steps.append(
            "for add-paper.yml: once listbot.yml has your categories, run listbot issue-form "
            "and commit .github/ISSUE_TEMPLATE/add-paper.yml"
        )
    steps += [
        "add papers: listbot add 10.1145/3341301.3359646 -c training (a DOI, arXiv id or "
        "page), listbot new, or listbot import OLD-LIST.md",
        "listbot render, then listbot check; commit, and open pull requests from then on",
        "optional: pre-commit install (checks entries before each commit)",
    ]
    ctx.stdout.write("\nNext steps:\n")
    for i, step in enumerate(steps, 1):
        ctx.stdout.write(f"  {i}. {step}\n")
    return 0


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[:1_000_000]
    except OSError:
        return ""
