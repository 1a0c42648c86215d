"""Problems as output: plain text, GitHub workflow annotations, JSON, Markdown summary.

Each writer takes the problems and the stream; none prints on its own or reads the
environment (the CLI picks the format: ``github`` under ``GITHUB_ACTIONS=true``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Literal, TextIO

from listbot.problems import CODES, Problem, plural

Format = Literal["text", "github", "json"]
FORMATS: tuple[Format, ...] = ("text", "github", "json")


def summary_counts(problems: Sequence[Problem]) -> dict[str, int]:
    errors = sum(1 for p in problems if p.severity == "error")
    return {"errors": errors, "warnings": len(problems) - errors}


def footer(problems: Sequence[Problem], *, files: int) -> str:
    if not problems:
        return "the entry is fine\n" if files == 1 else f"all {files} entries are fine\n"
    counts = summary_counts(problems)
    return (
        f"{plural(counts['errors'], 'error')}, {plural(counts['warnings'], 'warning')} "
        f"in {plural(files, 'file')} checked\n"
    )


# YAML syntax errors: shown with the line and a caret under the spot.
EXCERPT_CODES = frozenset({"LB004"})
# (path, line) -> that line of the file, or None.
Excerpt = Callable[[str, int], "str | None"]


def caret_lines(problem: Problem, text: str) -> str:
    """``text`` (the problem's line) and a caret under its column, indented, one-line safe."""
    from listbot.problems import one_line

    shown = one_line(text.expandtabs(1))[:200]
    col = min(max(problem.col, 1), len(shown) + 1)
    gutter = str(problem.line)
    return f"  {gutter} | {shown}\n  {' ' * len(gutter)} | {' ' * (col - 1)}^\n"


_RED, _YELLOW, _RESET = "\x1b[1;31m", "\x1b[33m", "\x1b[0m"


def colored(problem: Problem) -> str:
    """``problem.text()`` with its code (and ``warning:``) in colour, for a terminal."""
    text = problem.text()
    at = text.find(f" {problem.code} ")
    if at < 0:
        return text
    paint = _RED if problem.severity == "error" else _YELLOW
    end = at + 1 + len(problem.code)
    if problem.severity == "warning" and text.startswith(" warning:", end):
        end += len(" warning:")
    return f"{text[: at + 1]}{paint}{text[at + 1 : end]}{_RESET}{text[end:]}"


def write_text(
    problems: Sequence[Problem],
    stream: TextIO,
    *,
    files: int,
    excerpt: Excerpt | None = None,
    color: bool = False,
) -> None:
    for problem in problems:
        stream.write((colored(problem) if color else problem.text()) + "\n")
        if excerpt is not None and problem.code in EXCERPT_CODES:
            text = excerpt(problem.path, problem.line)
            if text is not None:
                stream.write(caret_lines(problem, text))
    stream.write(footer(problems, files=files))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One workflow command: ``::error file=...,line=..,col=..,title=LB110::message``."""
    level = "error" if problem.severity == "error" else "warning"
    known = CODES.get(problem.code)
    title = f"{problem.code} {known.title if known else ''}".strip()
    message = problem.message + (f" ({problem.suggestion})" if problem.suggestion else "")
    props = ",".join(
        f"{k}={_escape_property(v)}"
        for k, v in (
            ("file", problem.path),
            ("line", str(problem.line)),
            ("col", str(problem.col)),
            ("title", title),
        )
    )
    return f"::{level} {props}::{_escape_data(message)}"


def write_github(problems: Sequence[Problem], stream: TextIO, *, files: int) -> None:
    for problem in problems:
        stream.write(annotation(problem) + "\n")
    stream.write(footer(problems, files=files))


def write_json(problems: Sequence[Problem], stream: TextIO, *, files: int) -> None:
    payload = {
        "problems": [p.as_dict() for p in problems],
        "summary": {**summary_counts(problems), "files": files},
    }
    json.dump(payload, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def write(
    problems: Sequence[Problem],
    stream: TextIO,
    fmt: Format,
    *,
    files: int,
    excerpt: Excerpt | None = None,
    color: bool = False,
) -> None:
    """Text output only: ``excerpt`` shows the line of a syntax problem with a caret, and
    ``color`` paints the codes (the caller decides: a terminal, ``NO_COLOR``, ``FORCE_COLOR``)."""
    if fmt == "text":
        write_text(problems, stream, files=files, excerpt=excerpt, color=color)
        return
    {"github": write_github, "json": write_json}[fmt](problems, stream, files=files)


def markdown_summary(
    problems: Sequence[Problem], *, files: int, title: str = "listbot check"
) -> str:
    """A job-summary table; every cell escaped so entry content cannot add markup."""
    from listbot.render import escape

    counts = summary_counts(problems)
    lines = [f"### {escape(title)}", ""]
    if not problems:
        lines.append("The entry is fine." if files == 1 else f"All {files} entries are fine.")
        return "\n".join(lines) + "\n"
    lines.append(
        f"{plural(counts['errors'], 'error')}, {plural(counts['warnings'], 'warning')} "
        f"in {plural(files, 'file')}."
    )
    lines += ["", "| where | code | problem |", "| --- | --- | --- |"]
    for p in problems:
        hint = f" ({p.suggestion})" if p.suggestion else ""
        lines.append(
            f"| {escape(f'{p.path}:{p.line}:{p.col}')} | {p.code} | {escape(p.message + hint)} |"
        )
    return "\n".join(lines) + "\n"
