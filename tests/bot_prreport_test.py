"""The pull request report: pure parts, on a list made in a tmp folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from listbot.bot.prreport import (
    REPORT_VERSION,
    PrReport,
    PullInfo,
    ReportError,
    build_report,
)
from listbot.config import load_config
from listbot.gitrepo import Change, parse_name_status
from listbot.links.model import LinkResult, Location, Status
from listbot.project import scan
from listbot.schemacheck import artifact_errors, schema_text

ROOT = Path(__file__).resolve().parent.parent
A = "title: Alpha Systems\nvenue: OSDI\nyear: 2020\ncategory: training\ndoi: 10.1000/a\n"
B = "title: Beta Systems\nvenue: OSDI\nyear: 2021\ncategory: training\nlinks:\n  paper: https://b.example/p\n"


def make_list(tmp: Path, files: dict[str, str]) -> Path:
    (tmp / "entries").mkdir()
    (tmp / "listbot.yml").write_text("categories: [{id: training, name: Training}]\n")
    for name, text in files.items():
        (tmp / "entries" / name).write_text(text)
    return tmp / "listbot.yml"


def test_published_schema_is_the_packaged_one() -> None:
    assert (ROOT / "schema" / "report.schema.json").read_text() == schema_text("report")


def test_parse_name_status_keeps_entry_files_only() -> None:
    raw = b"A\0entries/b.yaml\0M\0entries/a.yaml\0D\0entries/c.yaml\0M\0README.md\0A\0docs/x.yaml\0"
    assert parse_name_status(raw, "entries") == [
        ("entries/a.yaml", "changed"),
        ("entries/b.yaml", "added"),
        ("entries/c.yaml", "removed"),
    ]


def test_report_of_added_changed_and_removed(tmp_path: Path) -> None:
    config = load_config(
        make_list(tmp_path, {"alpha.yaml": A.replace("2020", "2019"), "beta.yaml": B})
    )
    state = scan(config, this_year=2026, use_cache=False)
    changes = [
        Change("entries/alpha.yaml", "changed", A.encode()),
        Change("entries/beta.yaml", "added"),
        Change(
            "entries/gone.yaml",
            "removed",
            b"title: Gone\nvenue: OSDI\nyear: 2010\ncategory: training\n",
        ),
    ]
    links = [
        LinkResult(
            "https://b.example/p",
            Status.BROKEN,
            http_status=410,
            attempts=2,
            elapsed_ms=9,
            message="Gone",
            locations=(Location("entries/beta.yaml", 6, 10, "links.paper"),),
        )
    ]
    model = build_report(
        config=config,
        state=state,
        changes=changes,
        this_year=2026,
        link_results=links,
        pull=PullInfo("o/r", 3, "a" * 40, "main"),
        readme=None,
    )
    report = model.to_data()
    assert artifact_errors("report", report) == []
    by_path = {f["path"]: f for f in report["files"]}
    assert by_path["entries/alpha.yaml"]["before"]["year"] == 2020
    assert by_path["entries/alpha.yaml"]["entry"]["year"] == 2019
    assert by_path["entries/gone.yaml"]["before"]["title"] == "Gone"
    assert by_path["entries/gone.yaml"]["preview"] is None
    beta = by_path["entries/beta.yaml"]
    assert beta["preview"] == "- Beta Systems (OSDI'21) [paper](https://b.example/p)"
    assert [(p["code"], p["line"], p["message"]) for p in beta["problems"]] == [
        ("LB701", 6, "links.paper is broken (HTTP 410: Gone)"),
    ]
    assert beta["links"][0]["status"] == "broken"
    assert report["counts"] == {
        "added": 1,
        "changed": 1,
        "removed": 1,
        "errors": 1,
        "warnings": 0,
        "broken_links": 1,
    }
    assert report["readme_changes"] is None
    assert [p.code for p in model.problems()] == ["LB701"]
    assert PrReport.from_data(json.loads(json.dumps(report))) == model


def test_duplicate_caused_in_an_untouched_file_is_turned_around(tmp_path: Path) -> None:
    dup = "title: Zeta\nvenue: OSDI\nyear: 2020\ncategory: training\ndoi: 10.1000/A\n"
    config = load_config(make_list(tmp_path, {"aaa.yaml": dup, "alpha.yaml": A}))
    state = scan(config, this_year=2026, use_cache=False)
    report = build_report(
        config=config,
        state=state,
        changes=[Change("entries/aaa.yaml", "added")],
        this_year=2026,
        pull=PullInfo(),
    ).to_data()
    [problem] = report["files"][0]["problems"]
    assert (problem["path"], problem["code"], problem["line"]) == ("entries/aaa.yaml", "LB201", 5)
    assert problem["message"] == "same DOI as entries/alpha.yaml (already in the list)"


def test_old_problems_elsewhere_are_not_blamed_on_the_pr(tmp_path: Path) -> None:
    same = "title: Alpha Systems\nvenue: OSDI\nyear: 2020\ncategory: training\n"
    config = load_config(
        make_list(tmp_path, {"alpha.yaml": A, "alpha2.yaml": same, "beta.yaml": B})
    )
    state = scan(config, this_year=2026, use_cache=False)
    assert any(p.code == "LB203" for p in state.list_problems)
    report = build_report(
        config=config,
        state=state,
        changes=[Change("entries/beta.yaml", "added")],
        this_year=2026,
        pull=PullInfo(),
    )
    assert report.other_problems == () and report.files[0].problems == ()


def test_readme_change_is_detected(tmp_path: Path) -> None:
    config = load_config(make_list(tmp_path, {"alpha.yaml": A}))
    state = scan(config, this_year=2026, use_cache=False)
    readme = "# x\n<!-- listbot:begin -->\n<!-- listbot:end -->\n"
    report = build_report(
        config=config,
        state=state,
        changes=[Change("entries/alpha.yaml", "added")],
        this_year=2026,
        pull=PullInfo(),
        readme=readme,
    )
    assert report.readme_changes is True
    report = build_report(
        config=config,
        state=state,
        changes=[],
        this_year=2026,
        pull=PullInfo(),
        readme="no markers",
    )
    assert report.readme_changes is None


def test_reader_refuses_strange_shapes() -> None:
    junk: object
    for junk in ({"version": REPORT_VERSION}, [], {"version": 1}):
        with pytest.raises(ReportError):
            PrReport.from_data(junk)
    good = {
        "version": REPORT_VERSION,
        "generator": "x",
        "repository": "o/r",
        "pr": 1,
        "head_sha": None,
        "base": "m",
        "title": "listbot report",
        "files": [],
        "other_problems": [],
        "links_checked": False,
        "readme_changes": None,
        "counts": {
            "added": 0,
            "changed": 0,
            "removed": 0,
            "errors": 0,
            "warnings": 0,
            "broken_links": 0,
        },
    }
    assert PrReport.from_data(good).to_data() == good
    for bad in (
        dict(good, repository="o/r/../x"),
        dict(good, head_sha="HEAD"),
        dict(good, extra=1),
    ):
        with pytest.raises(ReportError, match="fails the schema"):
            PrReport.from_data(bad)
