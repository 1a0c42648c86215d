"""The comment's Markdown: escaped, linked to lines, summarized to fit; and the link-rot text."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from listbot.bot.comment import MARKER, CommentTarget, labels_for, line_url, render_comment, text
from listbot.bot.linkrot import MARKER as ROT
from listbot.bot.linkrot import issue_text, parse_state
from listbot.bot.prreport import REPORT_VERSION, PrReport
from listbot.config import Config, build_config
from listbot.links.model import LinkResult, Location, Status

SHA = "0123456789abcdef0123456789abcdef01234567"
TARGET = CommentTarget("owner/repo", SHA)
CONFIG: Config = build_config({"categories": [{"id": "training", "name": "Training"}]})


def report(files: list[dict[str, Any]], **extra: Any) -> PrReport:
    """A report read the way ``listbot comment`` reads one (schema-checked)."""
    base = {
        "version": REPORT_VERSION,
        "generator": "listbot",
        "repository": "owner/repo",
        "pr": 1,
        "head_sha": SHA,
        "base": "main",
        "title": "listbot report",
        "files": files,
        "other_problems": [],
        "links_checked": True,
        "readme_changes": True,
        "counts": {
            "added": 0,
            "changed": 0,
            "removed": 0,
            "errors": 0,
            "warnings": 0,
            "broken_links": 0,
        },
    }
    return PrReport.from_data(base | extra)


def added(
    path: str, entry: dict[str, Any] | None, problems: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "path": path,
        "status": "added",
        "entry": entry,
        "before": None,
        "preview": None,
        "problems": problems or [],
        "links": [],
    }


ENTRY = {
    "title": "Good Paper",
    "venue": "OSDI",
    "year": 2020,
    "category": "training",
    "links": {"paper": "https://p.example/x"},
}


def html(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def test_all_clear_is_short_and_previews_the_line() -> None:
    body = render_comment(report([added("entries/good.yaml", ENTRY)]), TARGET, CONFIG)
    assert body.startswith(MARKER + "\n")
    assert "✅ 1 paper added; no problems found." in body
    assert "> - Good Paper (OSDI'20) [paper](https://p.example/x)" in body
    assert len(body) < 1000


def test_changed_entry_shows_the_line_before_and_after() -> None:
    file = dict(added("entries/good.yaml", ENTRY), status="changed", before=dict(ENTRY, year=2019))
    body = render_comment(report([file]), TARGET, CONFIG)
    assert "1 paper changed" in body
    assert body.index("(OSDI'20)") < body.index("Instead of:") < body.index("(OSDI'19)")


def test_problems_link_to_their_lines_with_the_fix() -> None:
    problem = {
        "path": "entries/bad.yaml",
        "line": 3,
        "col": 8,
        "code": "LB110",
        "severity": "error",
        "message": "unknown venue 'OSDY'",
        "suggestion": "did you mean 'OSDI'?",
    }
    body = render_comment(report([added("entries/bad.yaml", None, [problem])]), TARGET, CONFIG)
    assert f"[line 3](https://github.com/owner/repo/blob/{SHA}/entries/bad.yaml#L3)" in body
    assert "unknown venue 'OSDY'" in body and "**Fix:** did you mean 'OSDI'?" in body
    assert "**1 error**" in body


def test_line_links_only_for_plain_paths() -> None:
    assert (
        line_url(TARGET, "entries/a b.yaml", 2)
        == f"https://github.com/owner/repo/blob/{SHA}/entries/a%20b.yaml#L2"
    )
    assert line_url(TARGET, "../../evil", 1) is None
    assert line_url(TARGET, "/etc/passwd", 1) is None
    assert line_url(CommentTarget("owner/repo", "main"), "entries/a.yaml", 1) is None


@pytest.mark.parametrize(
    "hostile",
    [
        "@octocat please look",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "![t](https://t.example/p.png)",
        "<!-- listbot:comment -->",
        "| a | b |\n# heading",
        "`code` **bold** ~~strike~~ https://auto.example www.auto.example",
        "<details open>",
    ],
)
def test_report_text_cannot_form_markup(hostile: str) -> None:
    problem = {
        "path": "entries/x.yaml",
        "line": 1,
        "col": 1,
        "code": "LB101",
        "severity": "error",
        "message": hostile,
        "suggestion": hostile,
    }
    entry = dict(ENTRY, title=hostile.replace("\n", " "), note=hostile.replace("\n", " "))
    body = render_comment(
        report([added("entries/x.yaml", entry, [problem])], title=hostile), TARGET, CONFIG
    )
    rendered = html(body)
    assert body.count("<!-- listbot:comment -->") == 1
    assert "<img" not in rendered and 'href="javascript' not in rendered
    assert (
        "<strong>bold" not in rendered and "<code>code" not in rendered and "<h1>" not in rendered
    )
    assert not re.search(r"@[A-Za-z]", body)  # every mention broken


def test_mentions_become_inert_text() -> None:
    assert text("ping @octocat and @org/team") == "ping @&#8203;octocat and @&#8203;org/team"


def test_forged_preview_is_ignored_and_bad_entry_data_is_not_rendered() -> None:
    file = added("entries/x.yaml", {"title": "[x](https://evil.example)", "venue": 1})
    file["preview"] = "[pwned](https://evil.example)"
    body = render_comment(report([file]), TARGET, CONFIG)
    assert "pwned" not in body and "evil.example" not in body


def test_huge_report_is_summarized_under_the_limit() -> None:
    # About as much as fits in the 1 MiB a report may have.
    problem = {
        "path": "",
        "line": 1,
        "col": 1,
        "code": "LB110",
        "severity": "error",
        "message": "m" * 300,
        "suggestion": "s" * 100,
    }
    files = [
        added(f"entries/p{i:05d}.yaml", ENTRY, [dict(problem, path=f"entries/p{i:05d}.yaml")] * 4)
        for i in range(2000)
    ]
    body = render_comment(report(files), TARGET, CONFIG)
    assert len(body) <= 60_000
    assert "2000 papers added; **8000 errors**" in body
    assert "summarized to fit" in body
    assert "- … and " in body  # the list of file names itself was cut


def test_labels() -> None:
    clean = report([added("entries/a.yaml", ENTRY)])
    assert labels_for(clean, CONFIG) == (["new-paper"], ["needs-changes"])
    problem = {
        "path": "entries/a.yaml",
        "line": 1,
        "col": 1,
        "code": "LB101",
        "severity": "error",
        "message": "x",
        "suggestion": None,
    }
    broken = report([dict(added("entries/a.yaml", ENTRY, [problem]), status="changed")])
    assert labels_for(broken, CONFIG) == (["needs-changes"], [])


# ---- link-rot issue text ---------------------------------------------------------------


def result(url: str, status: str, entries: list[str] | None = None) -> LinkResult:
    return LinkResult(
        url,
        Status(status),
        http_status=404 if status == "broken" else None,
        attempts=1,
        elapsed_ms=1,
        locations=tuple(Location(p, 6, 10, "links.paper") for p in entries or ["entries/a.yaml"]),
    )


def test_issue_text_tracks_first_seen_dates() -> None:
    nasty = "https://x.example/a-->b<c>"
    first = issue_text(
        [result(nasty, "broken"), result("https://ok.example", "ok")], None, date(2026, 1, 1)
    )
    assert first is not None and first.failing == 1
    assert (
        first.body.startswith(ROT) and "-->b" not in first.body.split("<!-- listbot:state")[1][:-5]
    )
    assert parse_state(first.body) == {nasty: "2026-01-01"}
    later = issue_text(
        [result(nasty, "broken"), result("https://n.example", "unreachable")],
        first.body,
        date(2026, 1, 15),
    )
    assert later is not None
    assert parse_state(later.body) == {nasty: "2026-01-01", "https://n.example": "2026-01-15"}
    assert "2026-01-01 (14 days)" in later.body and "2026-01-15 (new)" in later.body
    assert later.title == "Link rot: 2 failing links"
    assert (
        issue_text(
            [result(nasty, "ok"), result("https://r.example", "redirected")],
            later.body,
            date(2026, 2, 1),
        )
        is None
    )


def test_damaged_state_is_ignored() -> None:
    assert parse_state("<!-- listbot:state {not json} -->") == {}
    assert parse_state('<!-- listbot:state {"first_seen": {"u": "yesterday"}} -->') == {}
    assert parse_state(None) == {}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200))
def test_any_text_stays_literal(value: str) -> None:
    shown = text(value)
    rendered = html(f"x {shown}")
    assert "<a " not in rendered and "<img" not in rendered and "<strong>" not in rendered
    assert "<em>" not in rendered and "<code>" not in rendered
    assert not re.search(r"@\w", shown)
