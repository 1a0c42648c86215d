"""A report -> the one sticky pull request comment, rendered by trusted code.

The report comes from a workflow that ran the pull request's own code, so every string
in it is hostile until shown otherwise: each is escaped with ``render.escape`` (nothing
can form a link, image, HTML, heading or table); mentions, issue references and SHAs
are broken with a zero-width space (``@&#8203;name``, ``#&#8203;1``), so a report cannot
ping anyone or link an issue; control and bidi characters are spelled out. The README
preview is rendered again here from the entry's data with the default branch's
configuration, and only for data that passes the entry rules (``rule_break``); the
report's own Markdown preview is never shown. Links to lines use the repository and head
SHA the caller vouches for, not the report's.

The comment starts with ``MARKER`` so that the bot finds its own comment again, and
stays under GitHub's 65,536-character limit by summarizing: first fewer problems per
file, then fewer files in detail, then only counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from listbot import __version__
from listbot.config import LINK_KINDS, Config
from listbot.entries import Entry
from listbot.problems import Problem, plural
from listbot.render import escape, paper_line
from listbot.schemacheck import is_valid
from listbot.validate import plain_http_url
from listbot.yamlsafe import has_control, show_controls

if TYPE_CHECKING:
    from listbot.bot.prreport import FileReport, LinkCheck, PrReport

MARKER = "<!-- listbot:comment -->"
LIMIT = 65_536
BUDGET = 60_000  # leave room: GitHub counts some characters differently than Python
_SHA = re.compile(r"^[0-9a-f]{40}\Z")
_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+\Z")
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
class CommentTarget:
    """Where the comment goes, as the trusted side knows it."""

    repository: str
    head_sha: str
    server_url: str = "https://github.com"


def text(value: object, limit: int = 500) -> str:
    """Untrusted text made literal: escaped, mentions broken, clipped to ``limit`` characters;
    control and bidirectional characters are spelled out (``<U+202E>``), never sent."""
    raw = str(value)
    if len(raw) > limit:
        raw = raw[: limit - 1] + "…"
    return no_references(escape(show_controls(raw)))


# What GitHub links in a comment or issue after rendering, backslash or not: @mentions,
# issue references (#1, owner/repo#2, GH-3) and commit SHAs (7 to 40 hex digits). A
# zero-width space (as an entity) breaks each; link destinations are left alone.
_REFERENCE = re.compile(
    r"\\?@|\\?#(?=[0-9])|\bGH-(?=[0-9])"
    r"|\b(?=[0-9a-f]{0,39}[0-9])(?=[0-9a-f]{0,39}[a-f])[0-9a-f]{7,40}\b",
    re.IGNORECASE,
)
# The links paper_line makes: field text escapes every bracket, so an unescaped "[kind]("
# can only be listbot's own.
_OWN_LINK = re.compile(r"((?<!\\)\[(?:" + "|".join(LINK_KINDS) + r")\]\([^)\s]*\))")
ZWSP = "&#8203;"


def _break_reference(match: re.Match[str]) -> str:
    found = match.group()
    if found.endswith(("@", "#")):
        return found[-1] + ZWSP
    if found[:3].upper() == "GH-":
        return found[:2] + ZWSP + "-"
    return ZWSP.join(found[i : i + 6] for i in range(0, len(found), 6))  # a hex run


def no_references(markdown: str, *, links: bool = False) -> str:
    """Markdown with every mention, issue reference and SHA broken; with ``links``, the
    targets of the links paper_line made are left alone."""
    if not links:
        return _REFERENCE.sub(_break_reference, markdown)
    parts = _OWN_LINK.split(markdown)
    return "".join(
        part if i % 2 else _REFERENCE.sub(_break_reference, part) for i, part in enumerate(parts)
    )


def rule_break(data: object) -> str | None:
    """What in entry data from the report breaks the entry rules, or None.

    The schema check of the report does not hold its entries to the list's rules: a
    forged report once showed ``[paper](https://github.com@evil.example/login)`` and a
    right-to-left override in a preview. Every link must pass LB113 and no string may
    hold a control or bidirectional character, as in an entry file.
    """
    if not isinstance(data, dict):
        return None
    links = data.get("links")
    if isinstance(links, dict):
        for kind, url in links.items():
            if not isinstance(url, str) or not plain_http_url(url):
                return f"links.{kind} is not a plain http(s) URL (LB113)"
    pending: list[object] = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str) and has_control(value):
            return "a text holds a control or bidirectional character (LB005)"
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return None


def line_url(target: CommentTarget, path: str, line: int) -> str | None:
    """``https://github.com/OWNER/REPO/blob/SHA/PATH#L4``, or None for a path that is not plain."""
    if not _SHA.match(target.head_sha) or not _REPO.match(target.repository):
        return None
    parts = path.split("/")
    if path.startswith("/") or any(part in ("", ".", "..") for part in parts):
        return None
    server = target.server_url.rstrip("/")
    return f"{server}/{target.repository}/blob/{target.head_sha}/{quote(path)}#L{int(line)}"


def preview(data: object, path: str, config: Config) -> str | None:
    """The README line for entry data from the report, rendered here; None when not an entry
    or when it breaks the entry rules (``rule_break``)."""
    if not isinstance(data, dict) or not is_valid("entry", data) or rule_break(data):
        return None
    try:
        entry = Entry.create(path, data)
        return no_references(paper_line(entry, config), links=True)
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
        warnings = len(problems) - errors
        # entry data that breaks the rules listbot pr checks: the report is not listbot's
        errors += sum(1 for f in report.files if _forged(f))
        status = [f.status for f in report.files]
        return cls(
            status.count("added"),
            status.count("changed"),
            status.count("removed"),
            errors,
            warnings,
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


def _headline(counts: _Counts, *, config_changed: bool = False) -> str:
    parts = ["listbot.yml changed"] if config_changed else []
    for n, word in (
        (counts.added, "added"),
        (counts.changed, "changed"),
        (counts.removed, "removed"),
    ):
        if n:
            parts.append(f"{plural(n, 'paper')} {word}")
    what = ", ".join(parts) or "no entry files changed"
    if counts.errors or counts.warnings:
        found = f"**{plural(counts.errors, 'error')}**, {plural(counts.warnings, 'warning')}"
        return f"{what}; {found} to look at."
    return f"{what}; no problems found."


def _config_section(diff: str, *, detailed: bool) -> list[str]:
    """How listbot.yml changes the README's list: the report's diff, shown as code only.

    The diff comes from the report, so it is data: inside a fenced block longer than any
    run of backticks in it, nothing in it can link, mention or render; control, bidi and
    CR characters (CR ends a line in Markdown) are spelled out.
    """
    out = ["#### ⚙️ listbot.yml", ""]
    if not diff:
        return [*out, "This change to listbot.yml does not change the README's list.", ""]
    if not detailed:
        return [*out, "It changes the README's list (see the check's job summary).", ""]
    body = show_controls(diff).replace("\r", "<U+000D>")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return [
        *out,
        "After merge, the README's list changes like this:",
        "",
        fence + "diff",
        body,
        fence,
        "",
    ]


def _forged(file: FileReport) -> str | None:
    """Why this file's entry data in the report cannot have come from ``listbot pr``."""
    return rule_break(file.entry) or rule_break(file.before)


ONE_CLICK = "press **Commit suggestion** on listbot's review of this line (one click)"


def _problem_line(problem: Problem, target: CommentTarget, *, one_click: bool = False) -> str:
    icon = _ICON.get(problem.severity, "❌")
    url = line_url(target, problem.path, problem.line)
    where = f"line {int(problem.line)}"
    where = f"[{where}]({url})" if url else where
    line = f"- {icon} {where}: {text(problem.message)} `{problem.code}`"
    if one_click:
        line += f"  \n  **Fix:** {ONE_CLICK}"
    elif problem.suggestion:
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
    file: FileReport,
    target: CommentTarget,
    config: Config,
    *,
    max_problems: int,
    fixed: frozenset[str] = frozenset(),
) -> list[str]:
    problems = file.problems
    forged = _forged(file)
    errors = file.errors + bool(forged)
    icon = "❌" if errors else ("⚠️" if problems else "✅")
    out = [f"#### {icon} {text(file.path, 300)} ({file.status})", ""]
    if forged:
        out += [f"- ❌ the report's data for this file breaks the entry rules: {text(forged)}", ""]
    if file.status == "removed":
        before = preview(file.before, file.path, config)
        out.append("Removed from the list:" if before else "Removed.")
        if before:
            out += ["", f"> {before}"]
        out.append("")
        return out
    for problem in problems[:max_problems]:
        key = "LB301" if problem.code == "LB301" else f"{problem.code}:{problem.line}"
        out.append(_problem_line(problem, target, one_click=key in fixed))
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
        out += [f"Links: {plural(len(links), 'link')} checked, all fine.", ""]
    shown = preview(file.entry, file.path, config)
    if shown:
        label = "In the README it will read:" if not errors else "Once fixed, the README will read:"
        out += [label, "", f"> {shown}", ""]
        was = preview(file.before, file.path, config) if file.status == "changed" else None
        if was and was != shown:
            out += ["Instead of:", "", f"> {was}", ""]
    elif not problems and not forged:
        out += ["(no preview: the file is not a valid entry)", ""]
    return out


def render_comment(
    report: PrReport,
    target: CommentTarget,
    config: Config,
    *,
    budget: int = BUDGET,
    fixed: Mapping[str, frozenset[str]] | None = None,
) -> str:
    """The comment's Markdown for a schema-valid report, at most ``budget`` characters.

    ``fixed`` maps a file to the problems that a posted review suggestion fixes, as
    ``CODE:line`` (and ``LB301``); their **Fix:** line says so.
    """
    fixed = fixed or {}
    for max_problems, max_files in ((1000, 10_000), (10, 200), (3, 50), (1, 10), (0, 0)):
        body = "\n".join(_render(report, target, config, max_problems, max_files, fixed))
        if len(body) <= budget:
            return body
    # Only counts and file names remain; cut the list of names itself, from its end.
    lines = list(_render(report, target, config, 0, 0, fixed))
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
    report: PrReport,
    target: CommentTarget,
    config: Config,
    max_problems: int,
    max_files: int,
    fixed: Mapping[str, frozenset[str]],
) -> Iterator[str]:
    counts = _Counts.of(report)
    title = text(config.bot.comment_title, 200)  # the trusted config's, not the report's
    yield MARKER
    yield f"### {title}"
    yield ""
    config_changed = report.readme_diff is not None
    yield ("❌ " if counts.errors else "✅ ") + _headline(counts, config_changed=config_changed)
    yield ""
    if fixed:
        yield (
            "💡 listbot can fix some of this itself: its review below suggests the changes. "
            "Press **Commit suggestion** on each (or **Add suggestion to batch**, then commit "
            "them at once); no need to run anything."
        )
        yield ""
    if report.readme_diff is not None:
        yield from _config_section(report.readme_diff, detailed=max_problems > 0)
    if report.readme_changes and not counts.errors:
        yield (
            "The README's list will be updated automatically after merge; "
            "please don't edit it by hand."
        )
        yield ""
    files: Sequence[FileReport] = report.files
    # Files with errors first, then warnings, then the rest, each group by path.
    ranked = sorted(
        files,
        key=lambda f: (0 if f.errors or _forged(f) else (1 if f.problems else 2), f.path),
    )
    detailed, rest = ranked[:max_files], ranked[max_files:]
    for file in detailed:
        yield from _file_section(
            file,
            target,
            config,
            max_problems=max_problems,
            fixed=fixed.get(file.path, frozenset()),
        )
    if rest:
        more = plural(len(rest), "more file")
        yield f"<details><summary>{more}, summarized</summary>"
        yield ""
        for file in rest:
            n = len(file.problems)
            yield f"- {text(file.path, 300)} ({file.status}): {plural(n, 'problem')}"
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
    if report.verify is not None and not report.verify.done:
        yield "_Entries were not verified against dblp, Crossref and arXiv in this run._"
        yield ""
    elif report.verify is not None and report.verify.unchecked:
        names = " and ".join(text(name, 20) for name in report.verify.unchecked)
        yield f"_{names} could not be asked in this run, so nothing was verified against them._"
        yield ""
    if max_files < len(files) or max_problems < 1000:
        yield (
            "_This comment is summarized to fit; "
            "the check's log and job summary have every problem._"
        )
        yield ""
    short = target.head_sha[:7] if _SHA.match(target.head_sha) else "unknown"
    yield f"<sub>listbot {__version__} · checked commit {short} · updated on every push</sub>"
