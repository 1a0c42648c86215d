"""A pull request's report: what it adds, changes and removes, and what is wrong with it.

Pure: the CLI runs git and reads files; this module is handed the head state of the
list (``project.scan`` of the working tree), the changed files with their base bytes,
the link-check results and the README, and returns the versioned report (a plain dict
that ``schema/report.schema.json`` describes)::

    {"version": 1, "pr": 12, "head_sha": "...", "files": [
        {"path": "entries/ray-osdi18.yaml", "status": "added", "entry": {...},
         "preview": "- Ray: ... (OSDI'18) [paper](...)", "problems": [...], "links": [...]}],
     "other_problems": [], "readme_changes": true, "counts": {...}}

The report is also what the trusted comment workflow reads, so nothing in it is ever
trusted there: ``validate_report`` checks it against the schema, and the comment is
rendered from its data, never from its Markdown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from listbot import __version__
from listbot.config import Config
from listbot.entries import Entry
from listbot.problems import Problem
from listbot.project import FileRecord, ListState, format_problem
from listbot.render import MarkerError, paper_line, render_list, splice
from listbot.schema import schema_text
from listbot.validate import check_entry

REPORT_VERSION = 1
ChangeStatus = Literal["added", "changed", "removed"]
LINK_STATUSES = ("ok", "redirected", "broken", "unreachable", "excluded", "blocked")
# Which field a list-wide duplicate problem is about, to point at it in the PR's own file.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DUPLICATE_FIELD = {"LB201": "doi", "LB202": "arxiv", "LB203": "title", "LB204": "title"}


@dataclass(frozen=True)
class Change:
    """One entry file the pull request touches; ``before`` is its content at the base."""

    path: str
    status: ChangeStatus
    before: bytes | None = None


@dataclass(frozen=True)
class PullInfo:
    repository: str | None = None
    pr: int | None = None
    head_sha: str | None = None
    base: str = ""


def parse_name_status(output: bytes, entries_dir: str) -> list[tuple[str, ChangeStatus]]:
    """``git diff --name-status -z --no-renames`` output -> (path, status) for entry files."""
    parts = output.decode("utf-8", "surrogateescape").split("\0")
    found: list[tuple[str, ChangeStatus]] = []
    prefix = entries_dir.rstrip("/") + "/"
    kinds: dict[str, ChangeStatus] = {"A": "added", "M": "changed", "T": "changed", "D": "removed"}
    i = 0
    while i + 1 < len(parts):
        code, path = parts[i], parts[i + 1]
        i += 2
        status = kinds.get(code[:1])
        if status is None or not path.startswith(prefix):
            continue
        found.append((path, status))
    return sorted(found)


def link_problems(entry: Entry, results: Sequence[Mapping[str, Any]]) -> list[Problem]:
    """Broken links are errors, unreachable ones warnings, each at the link's line."""
    problems = []
    kinds = {url: kind for kind, url in entry.links}
    for result in results:
        url = str(result.get("url", ""))
        kind = kinds.get(url)
        if kind is None:
            continue
        line, col = entry.where(f"links.{kind}")
        status = result.get("status")
        detail = _link_detail(result)
        if status == "broken":
            problems.append(
                Problem(
                    entry.path,
                    line,
                    col,
                    "LB701",
                    f"links.{kind} is broken ({detail})",
                    suggestion="fix the URL or remove the link",
                )
            )
        elif status == "unreachable":
            problems.append(
                Problem(
                    entry.path,
                    line,
                    col,
                    "LB702",
                    f"links.{kind} could not be reached ({detail})",
                    "warning",
                    suggestion="check that the URL opens in a browser",
                )
            )
    return problems


def _link_detail(result: Mapping[str, Any]) -> str:
    code = result.get("http_status")
    message = result.get("message")
    if isinstance(code, int) and code:
        return f"HTTP {code}" + (f": {message}" if message else "")
    return str(message) if message else str(result.get("status", "failed"))


def links_for(
    entry: Entry, link_results: Iterable[Mapping[str, Any]] | None
) -> list[dict[str, Any]]:
    """The link results for this entry's URLs, in the entry's link order."""
    if link_results is None:
        return []
    by_url = {str(r.get("url")): r for r in link_results if isinstance(r, Mapping)}
    out = []
    for _kind, url in entry.links:
        result = by_url.get(url)
        if result is None:
            continue
        out.append(
            {
                "url": url,
                "status": result.get("status")
                if result.get("status") in LINK_STATUSES
                else "unreachable",
                "http_status": result.get("http_status")
                if isinstance(result.get("http_status"), int)
                else None,
                "final_url": result.get("final_url")
                if isinstance(result.get("final_url"), str)
                else None,
                "message": str(result["message"])[:500] if result.get("message") else None,
            }
        )
    return out


def caused_problems(
    state: ListState, touched: set[str]
) -> tuple[dict[str, list[Problem]], list[Problem]]:
    """List-wide problems that concern the pull request's files, by the file they are about.

    A duplicate is reported on whichever of the two files sorts later, so a new entry
    that repeats an existing paper may get the problem pinned on the *existing* file
    ("same DOI as entries/new.yaml"); such a problem is turned around to point at the
    PR's file, at its DOI, arXiv or title line ("same DOI as entries/old.yaml (already
    in the list)"). Problems between two files the PR does not touch are not its own
    and are left out; what names a PR file but cannot be turned around is ``other``.
    """
    entries = {e.path: e for e in state.entries}
    mine: dict[str, list[Problem]] = {}
    other: list[Problem] = []
    for problem in state.list_problems:
        if problem.path in touched:
            mine.setdefault(problem.path, []).append(problem)
            continue
        about = next((p for p in touched if problem.message.endswith(f" {p}")), None)
        if about is None:
            continue
        entry = entries.get(about)
        if entry is None:
            other.append(problem)
            continue
        line, col = entry.where(_DUPLICATE_FIELD.get(problem.code, "title"))
        message = problem.message[: -len(about)] + f"{problem.path} (already in the list)"
        mine.setdefault(about, []).append(
            problem._replace(path=about, line=line, col=col, message=message)
        )
    return mine, other


def readme_changes(config: Config, state: ListState, readme: str | None) -> bool | None:
    """Whether rendering the head list would change the README; None when it cannot say."""
    if readme is None:
        return None
    try:
        return splice(readme, render_list(state.entries, config)) != readme
    except MarkerError:
        return None


def _parse_before(path: str, raw: bytes | None, config: Config, this_year: int) -> Entry | None:
    if raw is None:
        return None
    return check_entry(path, raw, config, this_year=this_year).entry


def build_report(
    *,
    config: Config,
    state: ListState,
    changes: Sequence[Change],
    pull: PullInfo,
    this_year: int,
    link_results: Sequence[Mapping[str, Any]] | None = None,
    readme: str | None = None,
    sources: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The report of a pull request (see the module docstring).

    ``sources`` holds the head text of the files that are not in canonical form: each
    that ``listbot fmt`` would turn into a valid entry gets a ``fix`` (``review.fix_for``),
    from which ``listbot comment`` makes one-click suggestions.
    """
    from listbot.review import fix_for

    records: dict[str, FileRecord] = {r.path: r for r in state.records}
    touched = {c.path for c in changes if c.status != "removed"}
    befores = {c.path: _parse_before(c.path, c.before, config, this_year) for c in changes}
    mine, other = caused_problems(state, touched)
    files: list[dict[str, Any]] = []
    for change in sorted(changes, key=lambda c: c.path):
        record = records.get(change.path)
        before = befores.get(change.path)
        entry = (
            state.store.entry(record.path, record.digest)
            if record is not None and record.valid and change.status != "removed"
            else None
        )
        problems: list[Problem] = []
        if change.status != "removed":
            problems += [p for p in state.name_problems if p.path == change.path]
            if record is not None:
                problems += record.problems
                if record.formatted is False:
                    lb301 = format_problem(config, change.path, this_year=this_year)
                    if lb301 is not None:
                        problems.append(lb301)
            problems += mine.get(change.path, [])
        links = links_for(entry, link_results) if entry is not None else []
        source = (sources or {}).get(change.path)
        fix = (
            fix_for(change.path, source, config, this_year=this_year)
            if source is not None and record is not None and record.formatted is False
            else None
        )
        if entry is not None:
            problems += link_problems(entry, links)
        problems.sort(key=Problem.sort_key)
        files.append(
            {
                "path": _clip(_CONTROL.sub("?", change.path), 300),
                "status": change.status,
                "entry": entry.to_data() if entry is not None else None,
                "before": before.to_data()
                if before is not None and change.status != "added"
                else None,
                "preview": paper_line(entry, config) if entry is not None else None,
                "problems": [_problem_data(p) for p in problems],
                "links": links,
                "fix": fix,
            }
        )
    all_problems = [p for f in files for p in f["problems"]] + [_problem_data(p) for p in other]
    errors = sum(1 for p in all_problems if p["severity"] == "error")
    report: dict[str, Any] = {
        "version": REPORT_VERSION,
        "generator": f"listbot {__version__}",
        "repository": pull.repository,
        "pr": pull.pr,
        "head_sha": pull.head_sha,
        "base": pull.base,
        "title": config.bot.comment_title,
        "files": files,
        "other_problems": [_problem_data(p) for p in other],
        "links_checked": link_results is not None,
        "readme_changes": readme_changes(config, state, readme),
        "counts": {
            "added": sum(1 for c in changes if c.status == "added"),
            "changed": sum(1 for c in changes if c.status == "changed"),
            "removed": sum(1 for c in changes if c.status == "removed"),
            "errors": errors,
            "warnings": len(all_problems) - errors,
            "broken_links": sum(
                1 for f in files for link in f["links"] if link["status"] == "broken"
            ),
        },
    }
    return report


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _problem_data(problem: Problem) -> dict[str, object]:
    """A problem as report data, within the schema's bounds (long texts clipped)."""
    data = problem.as_dict()
    data["path"] = _clip(_CONTROL.sub("?", problem.path), 300)
    data["message"] = _clip(problem.message, 2000)
    if problem.suggestion is not None:
        data["suggestion"] = _clip(problem.suggestion, 2000)
    return data


def report_problems(report: Mapping[str, Any]) -> list[Problem]:
    """Every problem in a (schema-valid) report, in file order."""
    found = [Problem.from_dict(p) for f in report["files"] for p in f["problems"]]
    found += [Problem.from_dict(p) for p in report["other_problems"]]
    return sorted(found, key=Problem.sort_key)


@cache
def report_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text("report"))
    return loaded


def validate_report(data: Any) -> list[str]:
    """Why ``data`` is not a report this listbot understands (empty when it is one)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(report_schema())
    messages = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p)[:40] for p in error.absolute_path) or "(top level)"
        # Never echo the value: the report is untrusted and its errors go to public logs.
        messages.append(f"{where}: fails the schema's '{error.validator}' rule")
        if len(messages) >= 5:
            break
    return messages
