"""When listbot itself fails: the traceback goes to a log file, the user gets one line.

Two places use it. The CLI's last resort (exit 3: a bug outside any one file) and the
per-file guard: an unexpected exception while reading, checking, formatting, rendering
or importing one file becomes a problem on that file, and the run goes on::

    entries/x.yaml:1:1: LB009 listbot could not process this file (details in /tmp/lb.log)

No user input can cause a crash on purpose, so each one is a bug to report, with its log.
"""

from __future__ import annotations

import os
import tempfile
import traceback

from listbot import __version__
from listbot.problems import Problem

CODE = "LB009"


def save_log(exc: BaseException, what: str = "") -> str:
    """Write ``exc``'s traceback to a new ``listbot-crash-*.log``; its path, or "" if none."""
    try:
        fd, log = tempfile.mkstemp(prefix="listbot-crash-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(f"listbot {__version__}{': ' + what if what else ''}\n")
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=handle)
    except OSError:
        return ""
    return log


def file_problem(path: str, exc: BaseException, doing: str, line: int = 1) -> Problem:
    """LB009 on ``path``: listbot failed while ``doing`` it ("checking", "formatting", ...)."""
    log = save_log(exc, f"{type(exc).__name__} while {doing} {path!r}")
    where = f"details in {log}" if log else f"{type(exc).__name__}; no log could be written"
    return Problem(
        path,
        line,
        1,
        CODE,
        f"listbot could not process this file ({where})",
        suggestion="this is a bug in listbot: please report it with the log",
    )


def is_crash(problem: Problem) -> bool:
    return problem.code == CODE
