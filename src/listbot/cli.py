"""The ``listbot`` command line: argument parsing, one error handler, exit codes.

Each subcommand lives in ``listbot.commands.<name>`` with ``add_arguments(parser)`` and
``run(args, ctx) -> int``. Command modules import nothing heavy at module level, so
``listbot --help`` stays fast and never imports requests or PyGithub.

Exit codes: 0 clean, 1 problems found, 2 usage or configuration error, 3 a bug in
listbot (reported in one line, with the traceback saved to a file), 4 ``listbot links``
resolved no host (no network), 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from listbot import __version__
from listbot.commands import Context
from listbot.errors import ConfigError, ListbotError

# (name, module, one-line help), in the order `listbot --help` shows them.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    (
        "check",
        "check",
        "everything a change must pass offline: validate, fmt --check, render --check "
        "(pull requests run it with --no-readme: the README is regenerated after merge)",
    ),
    ("validate", "validate", "check entries against the schema and the list's rules"),
    ("render", "render", "regenerate the paper list between the README's markers"),
    ("fmt", "fmt", "rewrite entry files in canonical form (comments kept)"),
    ("import", "import_", "turn a Markdown paper list into entry files"),
    ("links", "links", "check the entries' links: politely, with retries and a cache"),
    ("pr", "pr", "CI: report on a pull request's entries (report.json, summary, outputs)"),
    ("comment", "comment", "CI: post or update the one sticky comment from report.json"),
    ("link-report", "link_report", "CI: open, update or close the one link-rot issue"),
    ("add", "add", "add a paper from its DOI, arXiv id, dblp record or landing page"),
    ("new", "new", "add a paper by hand, from flags or prompts"),
    (
        "resolve",
        "resolve",
        "fill entries' missing authors, DOI and arXiv id from dblp/Crossref/arXiv",
    ),
    ("verify", "verify", "check what entries claim against dblp, Crossref and arXiv"),
    ("export", "export", "write the list as BibTeX, JSON or CSV"),
    ("init", "init", "set up a new list: listbot.yml, README markers, workflows, pre-commit"),
    ("site", "site", "build a static, searchable site of the list, with an Atom feed"),
    ("issue-form", "issue_form", "write the add-paper issue form from listbot.yml"),
    (
        "submission",
        "submission",
        "CI: add the paper an add-paper issue asks for, on a branch with a pull request",
    ),
)


CONFIG_HELP = "listbot.yml to use (default: the nearest one from the current folder up)"


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2, through our handler."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """One ``listbot:`` prefix (the handler adds it), the subcommand named, did-you-mean."""
        import re

        from listbot.errors import UsageError
        from listbot.suggest import closest

        choice = re.match(r"argument COMMAND: invalid choice: '([^']*)'", message)
        if choice is not None:
            names = {name: name for name, _module, _help in COMMANDS}
            guess = closest(choice.group(1), names)
            hint = f"did you mean '{guess}'?" if guess else "see listbot --help"
            raise UsageError(f"unknown command '{choice.group(1)}' ({hint})")
        command = self.prog.removeprefix("listbot").strip()
        raise UsageError(f"{command}: {message}" if command else message)


# Each command's --help states the exit codes too: that is where a CI author looks.
COMMAND_EPILOG = (
    "Exit codes: 0 clean, 1 problems found, 2 usage or configuration error, 3 a bug in "
    "listbot (all of them: listbot --help)."
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``only``, the arguments of that command alone.

    Every command is listed either way; only the commands whose arguments are added have
    their modules imported, so ``listbot check`` does not load what ``pr`` or ``links``
    need (a warm check of a large list is mostly start-up).
    """
    parser = _Parser(
        prog="listbot",
        description="Run a curated paper list as data.",
        epilog="Exit codes: 0 clean, 1 problems found, 2 usage or configuration error, "
        "3 a bug in listbot (one line; the details are saved to a log file to attach to a "
        "report), 4 listbot links could resolve no host (no network), 130 interrupted. "
        "Colour on a terminal only: NO_COLOR turns it off, FORCE_COLOR on.",
    )
    parser.add_argument("--version", action="version", version=f"listbot {__version__}")
    parser.add_argument("--config", metavar="PATH", type=Path, help=CONFIG_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module, help_text in COMMANDS:
        sub_parser = sub.add_parser(
            name, help=help_text, description=help_text, epilog=COMMAND_EPILOG
        )
        if only is not None and name != only:
            continue
        command = importlib.import_module(f"listbot.commands.{module}")
        command.add_arguments(sub_parser)
        # Also after the subcommand (`listbot check --config x.yml`); SUPPRESS keeps an
        # earlier `listbot --config x.yml check` from being reset to None.
        sub_parser.add_argument(
            "--config", metavar="PATH", type=Path, default=argparse.SUPPRESS, help=CONFIG_HELP
        )
        sub_parser.set_defaults(_module=module)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names (its first word that is not an option), or None."""
    names = {name for name, _module, _help in COMMANDS}
    value_of_config = False
    for arg in argv:
        if value_of_config:
            value_of_config = False
        elif arg == "--config":
            value_of_config = True
        elif not arg.startswith("-"):
            return arg if arg in names else None
    return None


def main(
    argv: Sequence[str] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    today: date | None = None,
) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not UTF-8 reaches us as lone surrogates; a strict stream
        # would crash on it. Show such characters as escapes instead.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")
    ctx = Context(
        stdout=sys.stdout,
        stderr=sys.stderr,
        env=dict(os.environ if env is None else env),
        cwd=Path.cwd(),
        today=today or date.today(),
    )
    try:
        words = sys.argv[1:] if argv is None else argv
        args = build_parser(_command_in(words)).parse_args(words)
        if args.command is None:
            build_parser().print_help(ctx.stdout)
            return 2
        command = importlib.import_module(f"listbot.commands.{args._module}")
        code: int = command.run(args, ctx)
        return code
    except ConfigError as exc:
        for line in exc.lines:
            ctx.stderr.write(f"listbot: {line}\n")
        return exc.exit_code
    except ListbotError as exc:
        ctx.stderr.write(f"listbot: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        ctx.stderr.write("listbot: interrupted\n")
        return 130
    except BrokenPipeError:
        return 1
    except SystemExit as exc:  # argparse's --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except Exception as exc:  # a bug in listbot: one line for the user, the details in a file
        from listbot.crash import save_log

        log = save_log(exc)
        saved = f"Details saved to {log}; please report it." if log else "Please report it."
        ctx.stderr.write(
            f"listbot: internal error ({type(exc).__name__}); this is a bug in listbot. {saved}\n"
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
