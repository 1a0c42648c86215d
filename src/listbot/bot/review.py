"""One-click fixes: what ``listbot fmt`` would write, as GitHub ``suggestion`` blocks.

Two sides, both pure:

- ``fix_for`` (the untrusted ``listbot pr``): a file that is not in canonical form but
  becomes a valid entry once formatted gets ``{"original": ..., "fixed": ...}`` in the
  report;
- ``verified_fix`` and ``suggestions`` (the trusted ``listbot comment``): the report's
  fix is believed only if this listbot, with the default branch's configuration,
  formats the original to exactly the report's fixed text and the fixed text is a valid
  entry; then the differing lines become review comments, each one replacing a run of
  lines of the pull request's head (``start_line``..``line``) with the fixed lines. A
  comment is kept only when every line it replaces is in the pull request's diff, with
  the text the report claims (``right_side_lines`` reads GitHub's ``patch`` of the file):
  so a report that lies about the file cannot point a suggestion at other lines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from listbot.config import Config
from listbot.errors import InputError
from listbot.problems import Problem, codes
from listbot.validate import check_entry

# A file larger than this gets no suggestion (a report holds the file twice).
MAX_FIX_BYTES = 16 * 1024
# The problems a formatting run can cause to go away; others stay in the sticky comment.
_UNREADABLE = codes("read")
REVIEW_MARKER = "<!-- listbot:review -->"
SUPERSEDED = "<!-- listbot:superseded -->"
_HUNK = re.compile(r"^@@ -[0-9]+(?:,[0-9]+)? \+([0-9]+)(?:,[0-9]+)? @@")


@dataclass(frozen=True)
class Fix:
    """A fix trusted code has checked: the file's text, its canonical text, what it resolves."""

    path: str
    original: str
    fixed: str
    resolves: tuple[Problem, ...]


@dataclass(frozen=True)
class Suggestion:
    """Replace head lines ``start_line``..``line`` (1-based, inclusive) of ``path``."""

    path: str
    start_line: int
    line: int
    replacement: tuple[str, ...]
    replaced: tuple[str, ...]
    reasons: tuple[str, ...] = ()

    def body(self) -> str:
        """The review comment: what it fixes, then the ``suggestion`` block."""
        longest = max(
            (len(run) for text in self.replacement for run in re.findall("`+", text)), default=0
        )
        fence = "`" * max(4, longest + 1)
        why = "; ".join(self.reasons)
        return "\n".join(
            [
                REVIEW_MARKER,
                f"**listbot can fix this:** {why}. Press **Commit suggestion** to apply it.",
                "",
                f"{fence}suggestion",
                *self.replacement,
                fence,
            ]
        )

    def as_api(self) -> dict[str, Any]:
        """A ``comments[]`` item of ``POST /repos/{o}/{r}/pulls/{n}/reviews``."""
        comment: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "side": "RIGHT",
            "body": self.body(),
        }
        if self.start_line != self.line:
            comment["start_line"] = self.start_line
            comment["start_side"] = "RIGHT"
        return comment


def fix_for(path: str, original: str, config: Config, *, this_year: int) -> dict[str, str] | None:
    """The report's ``fix`` for a file that is not in canonical form, or None.

    None when the file is too large, cannot be read as YAML, or would not be a valid
    entry even when formatted (then there is nothing one click can fix).
    """
    checked = _check(path, original, None, config, this_year)
    return None if checked is None else {"original": original, "fixed": checked.fixed}


def verified_fix(path: str, data: object, config: Config, *, this_year: int) -> Fix | None:
    """A report's ``fix`` if trusted code agrees with it, else None (see the module docstring)."""
    if not isinstance(data, Mapping):
        return None
    original, fixed = data.get("original"), data.get("fixed")
    if not isinstance(original, str) or not isinstance(fixed, str):
        return None
    return _check(path, original, fixed, config, this_year)


def _check(
    path: str, original: str, claimed: str | None, config: Config, this_year: int
) -> Fix | None:
    from listbot.fmt import format_entry

    if len(original.encode("utf-8", "surrogatepass")) > MAX_FIX_BYTES:
        return None
    before = check_entry(
        path, original.encode("utf-8", "surrogatepass"), config, this_year=this_year
    )
    # Only text our own safe reader accepts goes to the round trip (no anchors, tags...).
    if any(p.code in _UNREADABLE for p in before.problems) or before.doc is None:
        return None
    try:
        fixed = format_entry(original, config)
    except InputError:
        return None
    if fixed == original or (claimed is not None and claimed != fixed):
        return None
    after = check_entry(path, fixed.encode("utf-8"), config, this_year=this_year)
    if after.entry is None:
        return None
    left = {(p.code, p.message) for p in after.problems}
    resolves = tuple(p for p in before.problems if (p.code, p.message) not in left)
    return Fix(path, original, fixed, resolves)


def suggestions(fix: Fix) -> list[Suggestion]:
    """The fixed text as replacements of runs of the original's lines, nearby runs merged.

    A run that only inserts lines takes the line before it (or after it, at the top) as
    its anchor, since a suggestion must replace at least one line.
    """
    a, b = fix.original.splitlines(), fix.fixed.splitlines()
    hunks: list[list[int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2:  # an insertion: widen to a neighbouring line
            if i1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            else:
                i2, j2 = i2 + 1, j2 + 1
        if hunks and i1 <= hunks[-1][1]:
            last = hunks[-1]
            last[0], last[1] = min(last[0], i1), max(last[1], i2)
            last[2], last[3] = min(last[2], j1), max(last[3], j2)
        else:
            hunks.append([i1, i2, j1, j2])
    out = []
    explained = {p.line for p in fix.resolves}
    for i1, i2, j1, j2 in hunks:
        reasons = tuple(
            dict.fromkeys(
                f"{p.message} (`{p.code}`)"
                for p in fix.resolves
                if i1 < p.line <= i2 and p.code != "LB301"
            )
        )
        if any(line not in explained for line in range(i1 + 1, i2 + 1)):
            reasons += ("the canonical form that `listbot fmt` writes (quoting, key order)",)
        out.append(Suggestion(fix.path, i1 + 1, i2, tuple(b[j1:j2]), tuple(a[i1:i2]), reasons))
    return out


def right_side_lines(patch: str) -> dict[int, tuple[int, str]]:
    """GitHub's ``patch`` of a file -> {head line number: (hunk number, text)}.

    These are the lines a review comment may point at (added and context lines).
    """
    lines: dict[int, tuple[int, str]] = {}
    hunk, number = -1, 0
    for raw in patch.split("\n"):
        match = _HUNK.match(raw)
        if match:
            hunk += 1
            number = int(match.group(1))
            continue
        if hunk < 0 or not raw or raw[0] not in " +":
            continue  # a removed line, or "\ No newline at end of file"
        lines[number] = (hunk, raw[1:])
        number += 1
    return lines


def in_diff(suggestion: Suggestion, lines: Mapping[int, tuple[int, str]]) -> bool:
    """Whether every replaced line is in one hunk of the diff, with the text we replace."""
    hunks = set()
    for offset, text in enumerate(suggestion.replaced):
        found = lines.get(suggestion.start_line + offset)
        if found is None or found[1].rstrip("\r") != text:
            return False
        hunks.add(found[0])
    return len(hunks) == 1
