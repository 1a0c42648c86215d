"""Link results as output: text lines, GitHub annotations, a Markdown report, JSON.

Every finding points at the entry line that holds the URL (``entries/x.yaml:7:9``), with a
stable code::

    LB401 broken link (error)             LB402 permanently redirected (warning)
    LB403 unreachable (warning)           LB404 blocked by the guard (warning)
    LB405 archived repository (warning)

The JSON form is the links report, a versioned contract: ``LinkReport`` in
``links/model.py`` is its one model, ``schema/links.schema.json`` its schema.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal, TextIO

from listbot.links.model import LinkReport, LinkResult, Location, Status, sort_results, summary
from listbot.output import annotation
from listbot.problems import Problem, Severity, plural
from listbot.render import escape

LinkFormat = Literal["text", "github", "json", "markdown"]
LINK_FORMATS: tuple[LinkFormat, ...] = ("text", "github", "json", "markdown")

_CODES: dict[Status, tuple[str, Severity]] = {
    Status.BROKEN: ("LB401", "error"),
    Status.REDIRECTED: ("LB402", "warning"),
    Status.UNREACHABLE: ("LB403", "warning"),
    Status.BLOCKED: ("LB404", "warning"),
}


def problems(results: Sequence[LinkResult]) -> list[Problem]:
    """One problem per failing (or archived) link and file, at its first place in the file.

    A URL written twice in one entry (``links.paper`` and the link its ``doi`` makes) is
    reported once, naming the other line.
    """
    found: list[Problem] = []
    for result in results:
        coded = _CODES.get(result.status)
        firsts: dict[str, Location] = {}
        others: dict[str, list[int]] = {}
        for loc in result.locations:
            if loc.path in firsts:
                others.setdefault(loc.path, []).append(loc.line)
            else:
                firsts[loc.path] = loc
        for loc in firsts.values():
            also = others.get(loc.path)
            tail = f" (also on line {', '.join(map(str, also))})" if also else ""
            if coded is not None:
                code, severity = coded
                text = f"{result.status.value} link {result.url}{tail}"
                if result.message:
                    text += f": {result.message}"
                found.append(Problem(loc.path, loc.line, loc.col, code, text, severity=severity))
            elif result.archived:
                found.append(
                    Problem(
                        loc.path,
                        loc.line,
                        loc.col,
                        "LB405",
                        f"{result.url}{tail}: the repository is archived (read-only)",
                        severity="warning",
                    )
                )
    return sorted(found, key=Problem.sort_key)


def footer(results: Sequence[LinkResult]) -> str:
    counts = summary(results)
    parts = [f"{n} {name}" for name, n in counts.items() if n]
    cached = sum(1 for r in results if r.cached)
    tail = f" ({cached} from the cache)" if cached else ""
    return f"{plural(len(results), 'link')} checked: {', '.join(parts) or 'none'}{tail}\n"


def write_text(results: Sequence[LinkResult], stream: TextIO) -> None:
    for problem in problems(results):
        stream.write(problem.text() + "\n")
    stream.write(footer(results))


def write_github(results: Sequence[LinkResult], stream: TextIO) -> None:
    for problem in problems(results):
        stream.write(annotation(problem) + "\n")
    stream.write(footer(results))


def write_json(
    results: Sequence[LinkResult], stream: TextIO, shard: tuple[int, int] | None = None
) -> None:
    json.dump(LinkReport.of(results, shard).to_data(), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def markdown(results: Sequence[LinkResult], *, title: str = "listbot links") -> str:
    """A Markdown report (job summary, PR comment); every cell escaped."""
    counts = summary(results)
    lines = [f"### {escape(title)}", ""]
    lines.append(
        " · ".join(f"{n} {name}" for name, n in counts.items() if n) or "No links to check."
    )
    failing = [r for r in sort_results(results) if r.status in _CODES or r.archived]
    if not failing:
        lines += ["", "All links are fine."]
        return "\n".join(lines) + "\n"
    lines += ["", "| entry | link | verdict | details |", "| --- | --- | --- | --- |"]
    for r in failing:
        where = ", ".join(f"{loc.path}:{loc.line}" for loc in r.locations)
        verdict = r.status.value + (" (archived)" if r.archived and r.status is Status.OK else "")
        lines.append(
            f"| {escape(where)} | {escape(r.url)} | {verdict} | {escape(r.message or '')} |"
        )
    return "\n".join(lines) + "\n"


def write_markdown(results: Sequence[LinkResult], stream: TextIO) -> None:
    stream.write(markdown(results))


def write(
    results: Sequence[LinkResult],
    stream: TextIO,
    fmt: LinkFormat,
    *,
    shard: tuple[int, int] | None = None,
) -> None:
    """``results`` in ``fmt``; ``shard`` (K, N) is recorded in a JSON report."""
    if fmt == "json":
        write_json(results, stream, shard)
        return
    {
        "text": write_text,
        "github": write_github,
        "json": write_json,
        "markdown": write_markdown,
    }[fmt](results, stream)


def exit_code(results: Sequence[LinkResult], *, strict: bool) -> int:
    """1 when a link is broken (with ``strict``, also unreachable or blocked), else 0."""
    failing = {Status.BROKEN} | ({Status.UNREACHABLE, Status.BLOCKED} if strict else set())
    return 1 if any(r.status in failing for r in results) else 0
