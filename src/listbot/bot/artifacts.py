"""The artifacts that pass between workflow steps, read as untrusted data.

``listbot links --format json`` writes the links report, ``listbot verify --format json``
the verify report and ``listbot pr`` the PR report; the steps after them (``pr --links``,
``pr --verify``, ``comment``, ``link-report``) read them only here:
bounded, a regular file not behind a symlink, then held to the published schema through
the model that wrote them.
"""

from __future__ import annotations

from pathlib import Path

from listbot.bot.prreport import PrReport, ReportError
from listbot.errors import InputError
from listbot.fsutil import read_json_file
from listbot.links.model import MAX_LINKS_BYTES, LinkReport, LinksReportError
from listbot.paper.verifyreport import VerifyReport, VerifyReportError

MAX_REPORT_BYTES = 1024 * 1024


def read_report(path: Path, max_bytes: int) -> PrReport:
    """The report, or InputError: too large, not JSON, or not valid against the schema."""
    data = read_json_file(path, max_bytes, "report")
    try:
        return PrReport.from_data(data)
    except ReportError as exc:
        raise InputError(f"{path}: report refused: {exc}") from None


def read_links_report(path: Path) -> LinkReport:
    """The links report ``listbot links --format json`` wrote, or InputError in one line.

    The one reader of that artifact (``pr --links``, ``link-report --links``): bounded
    like every CI artifact, then held to ``schema/links.schema.json``.
    """
    data = read_json_file(path, MAX_LINKS_BYTES, "links file")
    try:
        return LinkReport.from_data(data)
    except LinksReportError as exc:
        raise InputError(f"{path}: links file refused: {exc}") from None


MAX_VERIFY_BYTES = 16 * 1024 * 1024


def read_verify_report(path: Path) -> VerifyReport:
    """The verify report ``listbot verify --format json -o FILE`` wrote, or InputError in
    one line: bounded, then held to ``schema/verify.schema.json`` (warnings only)."""
    data = read_json_file(path, MAX_VERIFY_BYTES, "verify file")
    try:
        return VerifyReport.from_data(data)
    except VerifyReportError as exc:
        raise InputError(f"{path}: verify file refused: {exc}") from None
