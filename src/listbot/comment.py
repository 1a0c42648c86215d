"""A report -> the one sticky pull request comment, rendered by trusted code.

The report comes from a workflow that ran the pull request's own code, so every string
in it is hostile until shown otherwise: each is escaped with ``render.escape`` (nothing
can form a link, image, HTML, heading or table) and mentions are broken with a
zero-width space (``@&#8203;name``), so a report cannot ping anyone. The README preview
is rendered again here from the entry's data with the default branch's configuration;
the report's own Markdown preview is never shown. Links to lines use the repository
and head SHA the caller vouches for, not the report's.

The comment starts with ``MARKER`` so that the bot finds its own comment again, and
stays under GitHub's 65,536-character limit by summarizing: first fewer problems per
file, then fewer files in detail, then only counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from listbot import __version__
from listbot.config import Config
from listbot.entries import Entry
from listbot.problems import Problem
from listbot.render import escape, paper_line
from listbot.schema import is_valid

if TYPE_CHECKING:
    from listbot.prreport import FileReport, LinkCheck, PrReport

MARKER = "<!-- listbot:comment -->"
LIMIT = 65_536
BUDGET = 60_000  # leave room: GitHub counts some characters differently than Python
_SHA = re.compile(r"^[0-9a-f]{40}$")
_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_ICON = {"error": "❌", "warning": "⚠️"}
_LINK_ICON = {
    "ok": "✅",
    "redirected": "↪️",
    "broken": "❌",
    "unreachable": "⚠️",
    "excluded": "➖",
    "blocked": "🚫",
}


@dataclass(frozen=True)
class Target:
    """Where the comment goes, as the trusted side knows it."""

    repository: str
    head_sha: str
    server_url: str = "https://github.com"


def text(value: object, limit: int = 500) -> str:
    """Untrusted text made literal: escaped, mentions broken, clipped to ``limit`` characters."""
    raw = str(value)
    if len(raw) > limit:
        raw = raw[: limit - 1] + "…"
    return escape(raw).replace("\\@", "@&#8203;")


def line_url(target: Target, path: str, line: int) -> str | None:
    """``https://github.com/OWNER/REPO/blob/SHA/PATH#L4``, or None for a path that is not plain."""
    if not _SHA.match(target.head_sha) or not _REPO.match(target.repository):
        return None
    parts = path.split("/")
    if path.startswith("/") or any(part in ("", ".", "..") for part in parts):
        return None
    server = target.server_url.rstrip("/")
    return f"{server}/{target.repository}/blob/{target.head_sha}/{quote(path)}#L{int(line)}"


def preview(data: object, path: str, config: Config) -> str | None:
    """The README line for entry data from the report, rendered here; None when not an entry."""
    if not isinstance(data, dict) or not is_valid("entry", data):
        return None
    try:
        entry = Entry.create(path, data)
        return paper_line(entry, config).replace("\\@", "@&#8203;")
    except (KeyError, TypeError, ValueError):
        return None


@dataclass(frozen=True)
class _Counts:
    added: int
    changed: int
    removed: int
    errors: int
    warnings: int

    @classmethod
    def of(cls, report: PrReport) -> _Counts:
        problems = [p for f in report.files for p in f.problems] + list(report.other_problems)
        errors = sum(1 for p in problems if p.severity == "error")
        status = [f.status for f in report.files]
        return cls(
            status.count("added"),
            status.count("changed"),
            status.count("removed"),
            errors,
            len(problems) - errors,
        )


def labels_for(report: PrReport, config: Config) -> tuple[list[str], list[str]]:
    """Labels to add and to remove: new-paper when papers are added, needs-changes on errors."""
    counts = _Counts.of(report)
    add, remove = [], []
    if counts.added:
        add.append(config.bot.label_new_paper)
    if counts.errors:
        add.append(config.bot.label_needs_changes)
    else:
        remove.append(config.bot.label_needs_changes)
    return add, remove


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _headline(counts: _Counts) -> str:
    parts = []
    for n, word in (
        (counts.added, "added"),
        (counts.changed, "changed"),
        (counts.removed, "removed"),
    ):
        if n:
            parts.append(f"{_plural(n, 'paper')} {word}")
    what = ", ".join(parts) or "no entry files changed"
    if counts.errors or counts.warnings:
        found = f"**{_plural(counts.errors, 'error')}**, {_plural(counts.warnings, 'warning')}"
        return f"{what}; {found} to look at."
    return f"{what}; no problems found."


def _problem_line(problem: Problem, target: Target) -> str:
    icon = _ICON.get(problem.severity, "❌")
    url = line_url(target, problem.path, problem.line)
    where = f"line {int(problem.line)}"
    where = f"[{where}]({url})" if url else where
    line = f"- {icon} {where}: {text(problem.message)} `{problem.code}`"
    if problem.suggestion:
        line += f"  \n  **Fix:** {text(problem.suggestion)}"
    return line


def _link_line(link: LinkCheck) -> str:
    icon = _LINK_ICON.get(link.status, "❔")
    detail = []
    if link.http_status:
        detail.append(f"HTTP {int(link.http_status)}")
    if link.message:
        detail.append(text(link.message, 200))
    if link.status == "redirected" and link.final_url:
        detail.append(f"now at {text(link.final_url, 300)}")
    tail = f" ({'; '.join(detail)})" if detail else ""
    return f"- {icon} {link.status}: {text(link.url, 300)}{tail}"


def _file_section(
    file: FileReport, target: Target, config: Config, *, max_problems: int
) -> list[str]:
    problems = file.problems
    errors = file.errors
    icon = "❌" if errors else ("⚠️" if problems else "✅")
    out = [f"#### {icon} {text(file.path, 300)} ({file.status})", ""]
    if file.status == "removed":
        before = preview(file.before, file.path, config)
        out.append("Removed from the list:" if before else "Removed.")
        if before:
            out += ["", f"> {before}"]
        out.append("")
        return out
    for problem in problems[:max_problems]:
        out.append(_problem_line(problem, target))
    if len(problems) > max_problems:
        out.append(f"- … and {len(problems) - max_problems} more (see the check's log)")
    if problems:
        out.append("")
    links = file.links
    # Broken and unreachable links are problems above; redirects and blocks are notes.
    notes = [link for link in links if link.status in ("redirected", "blocked")]
    if notes and max_problems:
        out += [_link_line(link) for link in notes[:max_problems]]
        out.append("")
    elif links and all(link.status in ("ok", "excluded") for link in links):
        out += [f"Links: {_plural(len(links), 'link')} checked, all fine.", ""]
    shown = preview(file.entry, file.path, config)
    if shown:
        label = "In the README it will read:" if not errors else "Once fixed, the README will read:"
        out += [label, "", f"> {shown}", ""]
        was = preview(file.before, file.path, config) if file.status == "changed" else None
        if was and was != shown:
            out += ["Instead of:", "", f"> {was}", ""]
    elif not problems:
        out += ["(no preview: the file is not a valid entry)", ""]
    return out


def render_comment(
    report: PrReport,
    target: Target,
    config: Config,
    *,
    budget: int = BUDGET,
) -> str:
    """The comment's Markdown for a schema-valid report, at most ``budget`` characters."""
    for max_problems, max_files in ((1000, 10_000), (10, 200), (3, 50), (1, 10), (0, 0)):
        body = "\n".join(_render(report, target, config, max_problems, max_files))
        if len(body) <= budget:
            return body
    # Only counts and file names remain; cut the list of names itself, from its end.
    lines = list(_render(report, target, config, 0, 0))
    end = lines.index("</details>") if "</details>" in lines else len(lines)
    cut = 0
    while len("\n".join(lines)) > budget and end > 8 and lines[end - 2].startswith("- "):
        del lines[end - 2]
        end -= 1
        cut += 1
    if cut:
        lines.insert(end - 1, f"- … and {cut} more")
    return "\n".join(lines)[:budget]


def _render(
    report: PrReport, target: Target, config: Config, max_problems: int, max_files: int
) -> Iterator[str]:
    counts = _Counts.of(report)
    title = text(config.bot.comment_title, 200)  # the trusted config's, not the report's
    yield MARKER
    yield f"### {title}"
    yield ""
    yield ("❌ " if counts.errors else "✅ ") + _headline(counts)
    yield ""
    if report.readme_changes and not counts.errors:
        yield (
            "The README's list will be updated automatically after merge; "
            "please don't edit it by hand."
        )
        yield ""
    files: Sequence[FileReport] = report.files
    # Files with errors first, then warnings, then the rest, each group by path.
    ranked = sorted(files, key=lambda f: (0 if f.errors else (1 if f.problems else 2), f.path))
    detailed, rest = ranked[:max_files], ranked[max_files:]
    for file in detailed:
        yield from _file_section(file, target, config, max_problems=max_problems)
    if rest:
        yield f"<details><summary>{len(rest)} more file(s), summarized</summary>"
        yield ""
        for file in rest:
            n = len(file.problems)
            yield f"- {text(file.path, 300)} ({file.status}): {_plural(n, 'problem')}"
        yield ""
        yield "</details>"
        yield ""
    other = report.other_problems
    if other:
        yield "#### Elsewhere in the list"
        yield ""
        for problem in other[: max(max_problems, 1)]:
            yield _problem_line(problem, target)
        if len(other) > max(max_problems, 1):
            yield f"- … and {len(other) - max(max_problems, 1)} more"
        yield ""
    if not report.links_checked:
        yield "_Links were not checked in this run._"
        yield ""
    if max_files < len(files) or max_problems < 1000:
        yield (
            "_This comment is summarized to fit; "
            "the check's log and job summary have every problem._"
        )
        yield ""
    short = target.head_sha[:7] if _SHA.match(target.head_sha) else "unknown"
    yield f"<sub>listbot {__version__} · checked commit {short} · updated on every push</sub>"
