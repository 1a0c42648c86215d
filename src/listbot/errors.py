"""The one exception family that carries user-ready messages.

Raise these anywhere in the core; only the CLI turns them into output and exit codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from listbot.problems import Problem


class ListbotError(Exception):
    """A problem the user can fix; ``str(err)`` is the whole one-line message."""

    exit_code = 2


class ConfigError(ListbotError):
    """listbot.yml is missing, unreadable or invalid (exit 2).

    ``lines`` holds every problem found, one line each; ``str(err)`` is the first.
    """

    def __init__(self, message: str, lines: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.lines = lines or (message,)

    @classmethod
    def from_problems(cls, problems: list[Problem]) -> ConfigError:
        lines = tuple(p.text() for p in problems)
        return cls(lines[0], lines)


class UsageError(ListbotError):
    """The command line asks for something that cannot be done (exit 2)."""


class InputError(ListbotError):
    """An input file is bad in a way that stops this command (exit 1)."""

    exit_code = 1
