"""Problems: what validation, formatting and rendering find wrong, as plain values.

Every problem names a file, a 1-based line and column, a stable code and a message
in plain words, plus a suggested fix where one is known::

    entries/ray.yaml:4:8: LB110 unknown venue 'EUROSYS' (did you mean 'EuroSys'?)
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]

# Line breaks and other controls that a file name or a quoted key may carry: in a one-line
# report they would start a new line (and, in a CI log, could forge a workflow command).
# Lone surrogates stand for bytes of a file name that is not UTF-8 ("\udcff" for 0xff).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

# Stable codes: tests, annotations and users' scripts depend on them. Never reuse one.
CODES: dict[str, str] = {
    "LB001": "file cannot be read",
    "LB002": "file too large",
    "LB003": "file is not clean UTF-8 text",
    "LB004": "YAML syntax error",
    "LB005": "YAML feature not allowed in entries",
    "LB006": "duplicate key",
    "LB007": "more than one YAML document",
    "LB008": "top level is not a mapping",
    "LB009": "listbot could not process this file (a bug; details in the crash log)",
    "LB010": "bad file name",
    "LB011": "file names clash",
    "LB101": "unknown key",
    "LB102": "missing required key",
    "LB103": "wrong type",
    "LB104": "invalid value",
    "LB110": "unknown venue",
    "LB111": "unknown category",
    "LB112": "year out of range",
    "LB113": "link is not an absolute http(s) URL",
    "LB201": "duplicate DOI",
    "LB202": "duplicate arXiv id",
    "LB203": "duplicate title",
    "LB204": "near-duplicate title",
    "LB301": "file is not formatted",
    "LB302": "README is out of date",
    "LB303": "README markers missing",
    "LB401": "broken link",
    "LB402": "link permanently redirected",
    "LB403": "link unreachable",
    "LB404": "link blocked (private address, or not http/https)",
    "LB405": "repository archived",
    # listbot import (reported against the imported Markdown file)
    "LB500": "bullet not understood",
    "LB501": "unknown venue in an imported bullet",
    "LB502": "year out of range in an imported bullet",
    "LB503": "imported bullet has no category",
    "LB504": "imported bullet would not be a valid entry",
    "LB510": "duplicate within the imported list (skipped)",
    "LB511": "already in the list (skipped)",
    "LB512": "entry file exists (not overwritten)",
    "LB520": "link left out: no field for it",
    "LB521": "link left out: not an absolute http(s) URL",
    "LB522": "link left out: a second link of the same kind",
    "LB523": "text after the title left out",
    "LB524": "sub-bullet of a paper left out",
    "LB530": "table-of-contents bullet skipped",
    "LB531": "bullet in a code block or HTML comment skipped",
    "LB532": "table skipped",
    "LB533": "paper-like line that is not a bullet skipped",
    "LB534": "paragraph under a paper left out",
    "LB535": "bullet without venue or year that --resolve could not place",
    "LB601": "verify: a source lists the paper in another year",
    "LB602": "verify: a source lists the paper at another venue",
    "LB603": "verify: a source's title differs beyond case and punctuation",
    "LB604": "verify: a source lists other authors",
    "LB605": "verify: no source knows a paper with this title",
    "LB606": "verify: the DOI belongs to another title",
    "LB607": "verify: the DOI is not known",
    "LB608": "verify: the arXiv id belongs to another paper",
    "LB609": "verify: arXiv has no paper with this id",
    "LB701": "link is broken",
    "LB702": "link could not be reached",
    # the site and the add-paper issue form
    "LB801": "add-paper issue form is out of date with listbot.yml",
    "LB901": "invalid configuration",
}


class Problem(NamedTuple):
    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = "error"
    suggestion: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)

    def text(self) -> str:
        """The one-line form: ``path:line:col: CODE message (did you mean ...?)``."""
        level = "" if self.severity == "error" else "warning: "
        hint = f" ({self.suggestion})" if self.suggestion else ""
        return one_line(
            f"{self.path}:{self.line}:{self.col}: {self.code} {level}{self.message}{hint}"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, object]) -> Problem:
        suggestion = raw.get("suggestion")
        severity: Severity = "warning" if raw.get("severity") == "warning" else "error"
        return cls(
            path=str(raw["path"]),
            line=int(str(raw["line"])),
            col=int(str(raw["col"])),
            code=str(raw["code"]),
            message=str(raw["message"]),
            severity=severity,
            suggestion=None if suggestion is None else str(suggestion),
        )


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 paper``, ``2 papers`` (``many`` for other forms: ``plural(n, "entry", "entries")``)."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def one_line(text: str) -> str:
    """``text`` with every control character shown as an escape such as ``\\n``."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
