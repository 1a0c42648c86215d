"""The verify report (``listbot verify --format json``): what verify hands to ``listbot pr``.

``VerifyReport`` is its one model: the writer calls ``to_data``, the reader ``from_data``,
and both hold the data to ``schema/verify.schema.json`` (version ``VERIFY_REPORT_VERSION``)::

    {"version": 1, "generator": "listbot 1.0.0",
     "problems": [{"path": "entries/x.yaml", "line": 5, "col": 7, "code": "LB601",
                   "severity": "warning", "suggestion": "year: 2019",
                   "message": "dblp lists this paper at NSDI 2019, the entry says NSDI 2018"}],
     "unchecked": [{"source": "arXiv", "reason": "arXiv cannot be reached (...)"}],
     "summary": {"errors": 0, "warnings": 1, "files": 1}}

Its ``problems`` and ``summary`` have the shape every command's ``--format json`` has.
Every finding is a warning (the schema says so): a source can be wrong or late, and a
maintainer decides. ``unchecked`` names the sources that were down; they checked
nothing, which is not a finding. The reader runs in the pull request's own job, but the
report it feeds goes on to the trusted comment workflow, so it believes nothing the
schema does not hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from listbot import __version__
from listbot.problems import Problem, clip

VERIFY_REPORT_VERSION = 1


class VerifyReportError(ValueError):
    """Data that is not a verify report this listbot writes; ``str()`` says why, in one line."""


@dataclass(frozen=True)
class VerifyReport:
    """What one ``listbot verify`` run found, over ``files`` entries."""

    problems: tuple[Problem, ...]
    unchecked: tuple[tuple[str, str], ...]  # (source, why it could not be asked)
    files: int
    generator: str = f"listbot {__version__}"

    @classmethod
    def of(
        cls, problems: Sequence[Problem], unchecked: Mapping[str, str], *, files: int
    ) -> VerifyReport:
        return cls(
            tuple(sorted(problems, key=Problem.sort_key)),
            tuple(sorted(unchecked.items())),
            files,
        )

    def to_data(self) -> dict[str, Any]:
        """The report as JSON data; raises RuntimeError (a bug) if it would fail its schema."""
        from listbot.schemacheck import checked_artifact

        data = {
            "version": VERIFY_REPORT_VERSION,
            "generator": self.generator,
            "problems": [p.artifact_data() for p in self.problems],
            "unchecked": [
                {"source": source, "reason": clip(reason, 500)} for source, reason in self.unchecked
            ],
            "summary": {"errors": 0, "warnings": len(self.problems), "files": self.files},
        }
        return checked_artifact("verify", data, "verify report")

    @classmethod
    def from_data(cls, data: Any) -> VerifyReport:
        """A verify report from untrusted JSON data; VerifyReportError unless schema-valid."""
        from listbot.schemacheck import artifact_refusal

        hint = "; write it with 'listbot verify --format json -o FILE'"
        refusal = artifact_refusal("verify", data, VERIFY_REPORT_VERSION, "verify report", hint)
        if refusal:
            raise VerifyReportError(refusal)
        return cls(
            problems=tuple(Problem.from_dict(p) for p in data["problems"]),
            unchecked=tuple((u["source"], u["reason"]) for u in data["unchecked"]),
            files=data["summary"]["files"],
            generator=data["generator"],
        )
