"""Problems: what validation, formatting and rendering find wrong, as plain values.

Every problem names a file, a 1-based line and column, a stable code and a message
in plain words, plus a suggested fix where one is known::

    entries/ray.yaml:4:8: LB110 unknown venue 'EUROSYS' (did you mean 'EuroSys'?)
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]
# What a code is about: "read" (the file is not a YAML mapping), "file" (its name or a
# crash), "schema" (the entry schema failed), "rule" (the list's own rules), "duplicate",
# "format" (fmt and render), "link", "import" and "import-skip" (a bullet skipped on
# purpose), "verify", "pr-link" (a PR's links), "site", "config".
Kind = Literal[
    "read",
    "file",
    "schema",
    "rule",
    "duplicate",
    "format",
    "link",
    "import",
    "import-skip",
    "verify",
    "pr-link",
    "site",
    "config",
]

# Line breaks and other controls that a file name or a quoted key may carry: in a one-line
# report they would start a new line (and, in a CI log, could forge a workflow command).
# Lone surrogates stand for bytes of a file name that is not UTF-8 ("\udcff" for 0xff).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


class Code(NamedTuple):
    title: str
    severity: Severity
    kind: Kind


# Stable codes: tests, annotations and users' scripts depend on them. Never reuse one.
# Each has a title, its usual severity (a Problem still states its own) and a kind that
# says what it is about; code that needs "every schema code" or "every skip" asks
# ``codes(kind)`` instead of keeping a list of its own. README's table is tested against it.
CODES: dict[str, Code] = {
    "LB001": Code("file cannot be read", "error", "read"),
    "LB002": Code("file too large", "error", "read"),
    "LB003": Code("file is not clean UTF-8 text", "error", "read"),
    "LB004": Code("YAML syntax error", "error", "read"),
    "LB005": Code("YAML feature not allowed in entries", "error", "read"),
    "LB006": Code("duplicate key", "error", "read"),
    "LB007": Code("more than one YAML document", "error", "read"),
    "LB008": Code("top level is not a mapping", "error", "read"),
    "LB009": Code(
        "listbot could not process this file (a bug; details in the crash log)", "error", "file"
    ),
    "LB010": Code("bad file name", "error", "file"),
    "LB011": Code("file names clash", "error", "file"),
    "LB101": Code("unknown key", "error", "schema"),
    "LB102": Code("missing required key", "error", "schema"),
    "LB103": Code("wrong type", "error", "schema"),
    "LB104": Code("invalid value", "error", "schema"),
    "LB110": Code("unknown venue", "error", "rule"),
    "LB111": Code("unknown category", "error", "rule"),
    "LB112": Code("year out of range", "error", "rule"),
    "LB113": Code("link is not an absolute http(s) URL", "error", "schema"),
    "LB201": Code("duplicate DOI", "error", "duplicate"),
    "LB202": Code("duplicate arXiv id", "error", "duplicate"),
    "LB203": Code("duplicate title", "error", "duplicate"),
    "LB204": Code("near-duplicate title", "warning", "duplicate"),
    "LB301": Code("file is not formatted", "error", "format"),
    "LB302": Code("README is out of date", "error", "format"),
    "LB303": Code("README markers missing", "error", "format"),
    "LB401": Code("broken link", "error", "link"),
    "LB402": Code("link permanently redirected", "warning", "link"),
    "LB403": Code("link unreachable", "warning", "link"),
    "LB404": Code("link blocked (private address, or not http/https)", "warning", "link"),
    "LB405": Code("repository archived", "warning", "link"),
    # listbot import (reported against the imported Markdown file)
    "LB500": Code("bullet not understood", "error", "import"),
    "LB501": Code("unknown venue in an imported bullet", "error", "import"),
    "LB502": Code("year out of range in an imported bullet", "error", "import"),
    "LB503": Code("imported bullet has no category", "error", "import"),
    "LB504": Code("imported bullet would not be a valid entry", "error", "import"),
    "LB510": Code("duplicate within the imported list (skipped)", "warning", "import-skip"),
    "LB511": Code("already in the list (skipped)", "warning", "import-skip"),
    "LB512": Code("entry file exists (not overwritten)", "warning", "import-skip"),
    "LB520": Code("link left out: no field for it", "warning", "import"),
    "LB521": Code("link left out: not an absolute http(s) URL", "warning", "import"),
    "LB522": Code("link left out: a second link of the same kind", "warning", "import"),
    "LB523": Code("text after the title left out", "warning", "import"),
    "LB524": Code("sub-bullet of a paper left out", "warning", "import"),
    "LB530": Code("table-of-contents bullet skipped", "warning", "import-skip"),
    "LB531": Code("bullet in a code block or HTML comment skipped", "warning", "import-skip"),
    "LB532": Code("table skipped", "warning", "import"),
    "LB533": Code("paper-like line that is not a bullet skipped", "warning", "import"),
    "LB534": Code("paragraph under a paper left out", "warning", "import"),
    "LB535": Code("bullet without venue or year that --resolve could not place", "error", "import"),
    "LB601": Code("verify: a source lists the paper in another year", "warning", "verify"),
    "LB602": Code("verify: a source lists the paper at another venue", "warning", "verify"),
    "LB603": Code(
        "verify: a source's title differs beyond case and punctuation", "warning", "verify"
    ),
    "LB604": Code("verify: a source lists other authors", "warning", "verify"),
    "LB605": Code("verify: no source knows a paper with this title", "warning", "verify"),
    "LB606": Code("verify: the DOI belongs to another title", "warning", "verify"),
    "LB607": Code("verify: the DOI is not known", "warning", "verify"),
    "LB608": Code("verify: the arXiv id belongs to another paper", "warning", "verify"),
    "LB609": Code("verify: arXiv has no paper with this id", "warning", "verify"),
    "LB701": Code("link is broken", "error", "pr-link"),
    "LB702": Code("link could not be reached", "warning", "pr-link"),
    # the site and the add-paper issue form
    "LB801": Code("add-paper issue form is out of date with listbot.yml", "error", "site"),
    "LB901": Code("invalid configuration", "error", "config"),
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

    def artifact_data(self) -> dict[str, object]:
        """``as_dict`` within the artifact schemas' bounds: the path without control
        characters, long texts clipped (the PR report and the verify report)."""
        data = self.as_dict()
        data["path"] = artifact_path(self.path)
        data["message"] = clip(self.message, 2000)
        if self.suggestion is not None:
            data["suggestion"] = clip(self.suggestion, 2000)
        return data

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


def codes(kind: Kind) -> frozenset[str]:
    """Every code of one kind, e.g. ``codes("schema")``: the entry schema failed."""
    return frozenset(code for code, known in CODES.items() if known.kind == kind)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


_ARTIFACT_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def artifact_path(path: str) -> str:
    """A file name as an artifact carries it: no control characters, 300 at most."""
    return clip(_ARTIFACT_CONTROL.sub("?", path), 300)


def clip(value: str, limit: int) -> str:
    """``value`` cut to ``limit`` characters, the last one an ellipsis when cut."""
    return value if len(value) <= limit else value[: limit - 1] + "…"
