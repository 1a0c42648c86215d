"""The README: read bounded, and the paper list rendered into it between the markers.

``render`` (entries -> Markdown, splicing) is pure; this is its edge that reads the file,
for ``render``, ``check``, ``pr`` and ``import``.
"""

from __future__ import annotations

from listbot.config import Config
from listbot.crash import file_problem
from listbot.entries import inside
from listbot.errors import ConfigError, InputError
from listbot.fsutil import read_limited
from listbot.problems import Problem
from listbot.project import ListState
from listbot.render import MarkerError, paper_line, render_list, splice

MAX_README_BYTES = 16 * 1024 * 1024


def read_readme(config: Config) -> str:
    """The README's text (newlines as in text mode), read bounded; ConfigError in one line.

    Every command that reads the README comes through here: git stores symlinks, so a
    README may point out of the list, at ``/dev/zero`` or at a FIFO.
    """
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


class RenderFailed(InputError):
    """Some entries could not be rendered (a bug in listbot): ``problems`` holds an LB009
    on each, and the README is left as it is."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].text() if problems else "the list could not be rendered")
        self.problems = problems


def _render_list(config: Config, state: ListState) -> str:
    """``render_list``; when it fails, RenderFailed naming each entry it fails on."""
    try:
        return render_list(state.entries, config)
    except Exception:
        failed = []
        for entry in state.entries:
            try:
                paper_line(entry, config)
            except Exception as exc:
                failed.append(file_problem(entry.path, exc, "rendering"))
        if not failed:  # not one entry's fault: a bug in the list as a whole (exit 3)
            raise
        raise RenderFailed(failed) from None


def rendered(config: Config, state: ListState, current: str | None = None) -> tuple[str, str]:
    """The README as it is (read unless given) and as it should be; ConfigError when its
    markers are broken, RenderFailed when an entry cannot be rendered."""
    if current is None:
        current = read_readme(config)
    try:
        return current, splice(current, _render_list(config, state))
    except MarkerError as exc:
        raise ConfigError(
            f"{config.readme}: {exc}; put <!-- listbot:begin --> and <!-- listbot:end --> "
            "on their own lines where the list goes"
        ) from None
