"""A pull request's report: what it adds, changes and removes, and what is wrong with it.

Pure: the CLI runs git and reads files; this module is handed the head state of the
list (``project.scan`` of the working tree), the changed files with their base bytes,
the link-check results and the README, and returns the report.

The report is the artifact ``listbot pr`` hands to ``listbot comment``. ``PrReport`` is
its one model: the writer calls ``to_data`` (report.json), the reader ``from_data``, and
both hold the data to ``schema/report.schema.json`` (version ``REPORT_VERSION``)::

    {"version": 2, "pr": 12, "head_sha": "...", "files": [
        {"path": "entries/ray-osdi18.yaml", "status": "added", "entry": {...},
         "preview": "- Ray: ... (OSDI'18) [paper](...)", "problems": [...],
         "links": [{"field": "links.paper", "url": "...", "status": "ok", ...}]}],
     "other_problems": [], "readme_changes": true, "counts": {...}}

The trusted comment workflow reads it from a run of the pull request's own code, so
nothing in it is trusted there: ``from_data`` checks it against the schema first, and
the comment is rendered from its data, never from its Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from listbot import __version__
from listbot.config import Config
from listbot.entries import Entry
from listbot.gitrepo import Change, ChangeStatus
from listbot.links.model import LinkResult
from listbot.problems import Problem, artifact_path, clip
from listbot.project import FileRecord, ListState, format_problem
from listbot.render import MarkerError, paper_line, render_list, splice
from listbot.schemacheck import artifact_refusal, checked_artifact
from listbot.validate import check_entry

REPORT_VERSION = 2
LinkStatus = Literal["ok", "redirected", "broken", "unreachable", "excluded", "blocked"]
MAX_PROBLEMS = 1000  # per file, as the schema allows
MAX_OTHER = 20000
# Which field a list-wide duplicate problem is about, to point at it in the PR's own file.
_FIXES = {"doi": "check the DOI or remove it", "arxiv": "check the arXiv id or remove it"}
_DUPLICATE_FIELD = {"LB201": "doi", "LB202": "arxiv", "LB203": "title", "LB204": "title"}


@dataclass(frozen=True)
class PullInfo:
    repository: str | None = None
    pr: int | None = None
    head_sha: str | None = None
    base: str = ""


class ReportError(ValueError):
    """Data that is not a PR report this listbot writes; ``str()`` says why, in one line."""


@dataclass(frozen=True)
class LinkCheck:
    """The verdict on one link, DOI or arXiv id of an entry (``field``: links.KIND, doi, arxiv)."""

    field: str
    url: str  # the target the checker checked (no #fragment; the resolver URL of a DOI)
    status: LinkStatus
    http_status: int | None = None
    final_url: str | None = None
    message: str | None = None

    @classmethod
    def of(cls, field: str, result: LinkResult) -> LinkCheck:
        status: LinkStatus = result.status.value
        return cls(
            field=field,
            url=clip(result.url, 2048),
            status=status,
            http_status=result.http_status,
            final_url=clip(result.final_url, 2048) if result.final_url else None,
            message=clip(result.message, 500) if result.message else None,
        )

    def to_data(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "url": self.url,
            "status": self.status,
            "http_status": self.http_status,
            "final_url": self.final_url,
            "message": self.message,
        }

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> LinkCheck:
        return cls(**raw)


@dataclass(frozen=True)
class FmtFix:
    """What ``listbot fmt`` would write for a file: untrusted until ``review.verified_fix``."""

    original: str  # the file's text at the head
    fixed: str  # its canonical text

    def to_data(self) -> dict[str, str]:
        return {"original": self.original, "fixed": self.fixed}

    @classmethod
    def from_data(cls, raw: dict[str, Any] | None) -> FmtFix | None:
        return None if raw is None else cls(original=raw["original"], fixed=raw["fixed"])


@dataclass(frozen=True)
class FileReport:
    """One entry file of the pull request: its data at head and base, problems, links."""

    path: str
    status: ChangeStatus
    entry: dict[str, Any] | None  # entry.schema.json data at the head; None: invalid/removed
    before: dict[str, Any] | None  # at the base, for changed and removed files
    preview: str | None  # the README line (the writer's; the comment renders its own)
    problems: tuple[Problem, ...]
    links: tuple[LinkCheck, ...]
    fix: FmtFix | None = None  # for one-click review suggestions (optional in the schema)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    def to_data(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "entry": self.entry,
            "before": self.before,
            "preview": self.preview,
            "problems": [p.artifact_data() for p in self.problems],
            "links": [link.to_data() for link in self.links],
            "fix": self.fix.to_data() if self.fix is not None else None,
        }

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> FileReport:
        return cls(
            path=raw["path"],
            status=raw["status"],
            entry=raw["entry"],
            before=raw["before"],
            preview=raw["preview"],
            problems=tuple(Problem.from_dict(p) for p in raw["problems"]),
            links=tuple(LinkCheck.from_data(link) for link in raw["links"]),
            fix=FmtFix.from_data(raw.get("fix")),
        )


@dataclass(frozen=True)
class VerifyNote:
    """Whether ``listbot verify``'s findings are in the report, and which sources were down."""

    done: bool  # False: pr was given --verify, but verify left no report
    unchecked: tuple[str, ...] = ()  # "dblp", "Crossref", "arXiv"

    def to_data(self) -> dict[str, Any]:
        return {"done": self.done, "unchecked": list(self.unchecked)}


@dataclass(frozen=True)
class Counts:
    added: int = 0
    changed: int = 0
    removed: int = 0
    errors: int = 0
    warnings: int = 0
    broken_links: int = 0

    def to_data(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class PrReport:
    """A pull request's report (see the module docstring)."""

    repository: str | None
    pr: int | None
    head_sha: str | None
    base: str
    title: str
    files: tuple[FileReport, ...]
    other_problems: tuple[Problem, ...]
    links_checked: bool
    readme_changes: bool | None
    counts: Counts
    generator: str = f"listbot {__version__}"
    readme_diff: str | None = None  # only when listbot.yml changed (see ``list_diff``)
    verify: VerifyNote | None = None  # only when ``listbot pr --verify`` was given

    def problems(self) -> list[Problem]:
        """Every problem in the report, in file order."""
        found = [p for f in self.files for p in f.problems] + list(self.other_problems)
        return sorted(found, key=Problem.sort_key)

    def to_data(self) -> dict[str, Any]:
        """report.json's data; raises RuntimeError (a bug) if it would fail its schema."""
        data = {
            "version": REPORT_VERSION,
            "generator": self.generator,
            "repository": self.repository,
            "pr": self.pr,
            "head_sha": self.head_sha,
            "base": self.base,
            "title": self.title,
            "files": [f.to_data() for f in self.files],
            "other_problems": [p.artifact_data() for p in self.other_problems],
            "links_checked": self.links_checked,
            "readme_changes": self.readme_changes,
            "counts": self.counts.to_data(),
        }
        if self.readme_diff is not None:
            data["readme_diff"] = self.readme_diff
        if self.verify is not None:
            data["verify"] = self.verify.to_data()
        return checked_artifact("report", data, "PR report")

    @classmethod
    def from_data(cls, data: Any) -> PrReport:
        """A report from untrusted JSON data; ReportError unless schema-valid."""
        refusal = artifact_refusal("report", data, REPORT_VERSION, "report")
        if refusal:
            raise ReportError(refusal)
        return cls(
            generator=data["generator"],
            repository=data["repository"],
            pr=data["pr"],
            head_sha=data["head_sha"],
            base=data["base"],
            title=data["title"],
            files=tuple(FileReport.from_data(f) for f in data["files"]),
            other_problems=tuple(Problem.from_dict(p) for p in data["other_problems"]),
            links_checked=data["links_checked"],
            readme_changes=data["readme_changes"],
            counts=Counts(**data["counts"]),
            readme_diff=data.get("readme_diff"),
            verify=(
                VerifyNote(data["verify"]["done"], tuple(data["verify"]["unchecked"]))
                if "verify" in data
                else None
            ),
        )


def _has_field(entry: Entry, field: str) -> bool:
    if field.startswith("links."):
        return any(f"links.{kind}" == field for kind, _url in entry.links)
    return field in ("doi", "arxiv") and bool(getattr(entry, field))


def links_for(entry: Entry, results: Sequence[LinkResult] | None) -> list[LinkCheck]:
    """The checker's verdicts on this entry's links, DOI and arXiv id, in the entry's order.

    Matched by where the checker found each target (this file, this field), not by URL:
    the checker checks a link without its ``#fragment`` and a ``doi:`` or ``arxiv:`` field
    under its resolver's URL, which the entry never spells.
    """
    if not results:
        return []
    found: list[tuple[tuple[int, int], LinkCheck]] = []
    for result in results:
        for loc in result.locations:
            if loc.path == entry.path and _has_field(entry, loc.field):
                found.append((entry.where(loc.field), LinkCheck.of(loc.field, result)))
    return [check for _where, check in sorted(found, key=lambda pair: pair[0])]


def link_problems(entry: Entry, links: Sequence[LinkCheck]) -> list[Problem]:
    """Broken links are errors, unreachable ones warnings, each at the link's line."""
    problems = []
    for link in links:
        line, col = entry.where(link.field)
        detail = _link_detail(link)
        if link.status == "broken":
            problems.append(
                Problem(
                    entry.path,
                    line,
                    col,
                    "LB701",
                    f"{link.field} is broken ({detail})",
                    suggestion=_FIXES.get(link.field, "fix the URL or remove the link"),
                )
            )
        elif link.status == "unreachable":
            problems.append(
                Problem(
                    entry.path,
                    line,
                    col,
                    "LB702",
                    f"{link.field} could not be reached ({detail})",
                    severity="warning",
                    suggestion="check that the URL opens in a browser",
                )
            )
    return problems


def _link_detail(link: LinkCheck) -> str:
    if link.http_status:
        label = f"HTTP {link.http_status}"
        # the checker's message often starts with the same status: "HTTP 404 Not Found"
        if link.message and link.message.startswith(label):
            return link.message
        return label + (f": {link.message}" if link.message else "")
    return link.message or link.status


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


MAX_DIFF_LINES = 200
MAX_DIFF_CHARS = 20000


def list_diff(entries: Sequence[Entry], before: Config, after: Config) -> str:
    """How the README's list changes when ``before`` (listbot.yml at the base) becomes
    ``after``: a unified diff of the generated block, the same entries rendered with each;
    "" when it does not change. Clipped to fit the report.
    """
    import difflib

    old = render_list(entries, before).splitlines()
    new = render_list(entries, after).splitlines()
    lines = list(
        difflib.unified_diff(old, new, "README.md (now)", "README.md (after merge)", lineterm="")
    )
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... and {len(lines) - MAX_DIFF_LINES} more lines"]
    text = "\n".join(clip(line, 500) for line in lines)
    return clip(text, MAX_DIFF_CHARS)


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
    link_results: Sequence[LinkResult] | None = None,
    readme: str | None = None,
    sources: Mapping[str, str] | None = None,
    base_config: Config | None = None,
    findings: Sequence[Problem] = (),
    verify: VerifyNote | None = None,
) -> PrReport:
    """The report of a pull request (see the module docstring).

    ``findings`` are ``listbot verify``'s: each joins its file's problems, as a warning;
    ``verify`` says whether they were there and which sources were down.

    ``sources`` holds the head text of the files that are not in canonical form: each
    that ``listbot fmt`` would turn into a valid entry gets a ``fix`` (``review.fix_for``),
    from which ``listbot comment`` makes one-click suggestions.
    """
    from listbot.bot.review import fix_for

    records: dict[str, FileRecord] = {r.path: r for r in state.records}
    touched = {c.path for c in changes if c.status != "removed"}
    befores = {c.path: _parse_before(c.path, c.before, config, this_year) for c in changes}
    mine, other = caused_problems(state, touched)
    files: list[FileReport] = []
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
            problems += [p._replace(severity="warning") for p in findings if p.path == change.path]
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
            FileReport(
                path=artifact_path(change.path),
                status=change.status,
                entry=entry.to_data() if entry is not None else None,
                before=before.to_data()
                if before is not None and change.status != "added"
                else None,
                preview=clip(paper_line(entry, config), 5000) if entry is not None else None,
                problems=tuple(problems[:MAX_PROBLEMS]),
                links=tuple(links),
                fix=FmtFix(**fix) if fix is not None else None,
            )
        )
    all_problems = [p for f in files for p in f.problems] + other[:MAX_OTHER]
    errors = sum(1 for p in all_problems if p.severity == "error")
    return PrReport(
        repository=pull.repository,
        pr=pull.pr,
        head_sha=pull.head_sha,
        base=pull.base,
        title=config.bot.comment_title,
        files=tuple(files),
        other_problems=tuple(other[:MAX_OTHER]),
        links_checked=link_results is not None,
        readme_changes=readme_changes(config, state, readme),
        readme_diff=None if base_config is None else list_diff(state.entries, base_config, config),
        verify=verify,
        counts=Counts(
            added=sum(1 for c in changes if c.status == "added"),
            changed=sum(1 for c in changes if c.status == "changed"),
            removed=sum(1 for c in changes if c.status == "removed"),
            errors=errors,
            warnings=len(all_problems) - errors,
            broken_links=sum(1 for f in files for link in f.links if link.status == "broken"),
        ),
    )
