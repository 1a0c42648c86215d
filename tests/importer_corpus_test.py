"""The import corpus: one Markdown list per style real lists use, each with its expected papers.

``tests/data/import/STYLE.md`` is a list written in one style, with the noise real lists
have (intro paragraphs, TOC links, badges, emoji, sub-bullets that are not papers);
``STYLE.expected.yaml`` lists its papers (title, venue, year, authors and whatever else the
list says) and the lines that must be reported. Each list is imported the way an adopter
does it, ``listbot import --partial list.md`` in a folder with no listbot.yml, and the
entry files it writes are compared with the expected papers.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from listbot.cli import main
from listbot.config import Config
from listbot.importer import plan_import
from listbot.validate import normalize_title

CORPUS = Path(__file__).parent / "data" / "import"
STYLES = sorted(p.name.removesuffix(".expected.yaml") for p in CORPUS.glob("*.expected.yaml"))
TODAY = date(2026, 6, 1)
REQUIRED = 0.95  # the share of papers with title, venue, year and authors right, per style

_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+\S")


@dataclass
class Imported:
    expected: dict[str, Any]
    text: str
    entries: dict[str, dict[str, Any]]  # by normalized title
    config: dict[str, Any]
    out: str
    err: str


def _source(style: str) -> Path:
    expected = yaml.safe_load((CORPUS / f"{style}.expected.yaml").read_text(encoding="utf-8"))
    return (CORPUS / expected.get("source", f"{style}.md")).resolve()


def import_style(style: str, folder: Path) -> Imported:
    """``listbot import --partial`` of one corpus list in an empty folder."""
    expected = yaml.safe_load((CORPUS / f"{style}.expected.yaml").read_text(encoding="utf-8"))
    shutil.copy(_source(style), folder / "list.md")
    if "config" in expected and not (folder / "listbot.yml").exists():
        shutil.copy((CORPUS / expected["config"]).resolve(), folder / "listbot.yml")
    import contextlib
    import io
    import os

    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(["import", "--partial", "list.md"], env={}, today=TODAY)
    finally:
        os.chdir(here)
    entries = {}
    for path in sorted((folder / "entries").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries[normalize_title(data["title"])] = data
    config = yaml.safe_load((folder / "listbot.yml").read_text(encoding="utf-8"))
    text = (folder / "list.md").read_text(encoding="utf-8")
    return Imported(expected, text, entries, config, out.getvalue(), err.getvalue())


def wrong_fields(paper: dict[str, Any], entry: dict[str, Any] | None) -> list[str]:
    """The fields of an expected paper that the imported entry has wrong (all when missing)."""
    if entry is None:
        return ["missing"]
    wrong = []
    for field in ("title", "venue", "year", "authors"):
        want = paper.get(field, [] if field == "authors" else None)
        if entry.get(field, [] if field == "authors" else None) != want:
            wrong.append(field)
    for field in ("category", "tags", "arxiv", "doi", "note"):
        if field in paper and entry.get(field) != paper[field]:
            wrong.append(field)
    for kind, url in (paper.get("links") or {}).items():
        if (entry.get("links") or {}).get(kind) != url:
            wrong.append(f"links.{kind}")
    return wrong


def figures(imported: Imported) -> tuple[int, int, list[str]]:
    """(papers right, papers expected, what was wrong) for one style."""
    papers = imported.expected["papers"]
    misses = []
    right = 0
    for paper in papers:
        paper = {"category": imported.expected.get("category"), **paper}
        if paper["category"] is None:
            del paper["category"]
        wrong = wrong_fields(paper, imported.entries.get(normalize_title(paper["title"])))
        if wrong:
            misses.append(f"{paper['title']}: {', '.join(wrong)}")
        else:
            right += 1
    return right, len(papers), misses


_FIGURES: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def _report_figures(request: pytest.FixtureRequest) -> Iterator[None]:
    """The per-style figures, shown after this module's tests (``-s`` not needed)."""
    yield
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    capture = request.config.pluginmanager.getplugin("capturemanager")
    if reporter is None or capture is None or not _FIGURES:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line("")
        for style, figure in sorted(_FIGURES.items()):
            reporter.write_line(f"import corpus: {style}: {figure}")


@pytest.mark.parametrize("style", STYLES)
def test_each_style_imports_its_papers_right(style: str, tmp_path: Path) -> None:
    imported = import_style(style, tmp_path)
    right, total, misses = figures(imported)
    _FIGURES[style] = f"{right}/{total} papers right ({100 * right / total:.0f}%)"
    assert right / total >= REQUIRED, "\n".join(misses) + "\n" + imported.err
    # Nothing more than the list holds: every written entry is an expected paper.
    wanted = {normalize_title(p["title"]) for p in imported.expected["papers"]}
    assert set(imported.entries) <= wanted, set(imported.entries) - wanted


@pytest.mark.parametrize("style", STYLES)
def test_every_bullet_is_an_entry_or_a_reported_line(style: str) -> None:
    text = _source(style).read_text(encoding="utf-8")
    plan = plan_import(text, Config(categories=()), source="list.md", this_year=TODAY.year)
    accounted = {p.line for p in plan.problems}
    for entry in plan.entries:
        accounted |= {entry.line, *entry.more}
    lines = text.splitlines()
    papers_table = False
    fence = False
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("```"):
            fence = not fence
        if line.startswith("|"):
            if number < len(lines) and re.match(r"^\|?\s*:?-+", lines[number]):
                papers_table = bool(re.search(r"\|\s*(?:title|paper)\s*\|", line, re.IGNORECASE))
                continue
            if papers_table and not re.match(r"^\|?\s*:?-+", line):
                assert number in accounted, f"table row on line {number} neither read nor reported"
            continue
        if _BULLET.match(line) and not fence:
            assert number in accounted, f"bullet on line {number} neither read nor reported: {line}"
    for reported in imported_reports(style):
        at = next(i for i, seen in enumerate(lines, 1) if seen.startswith(reported["match"]))
        codes = {p.code for p in plan.problems if p.line == at}
        assert reported["code"] in codes, (at, codes)


def imported_reports(style: str) -> list[dict[str, str]]:
    expected = yaml.safe_load((CORPUS / f"{style}.expected.yaml").read_text(encoding="utf-8"))
    return list(expected.get("reported") or [])


@pytest.mark.parametrize("style", [s for s in STYLES if s != "seed"])
def test_unknown_venues_are_added_to_the_new_listbot_yml(style: str, tmp_path: Path) -> None:
    imported = import_style(style, tmp_path)
    venues = imported.config.get("venues") or {}
    wanted = {v["key"]: v["name"] for v in imported.expected.get("new_venues") or []}
    assert {key: spec["name"] for key, spec in venues.items()} == wanted
    for key in wanted:
        assert f"venue '{key}'" in imported.out


def test_an_existing_entry_is_never_overwritten(tmp_path: Path) -> None:
    first = import_style("venue-tag", tmp_path)
    entries = tmp_path / "entries"
    path = entries / "orca-osdi22.yaml"
    mine = path.read_text(encoding="utf-8") + "note: my own words\n"
    path.write_text(mine, encoding="utf-8")
    again = import_style("venue-tag", tmp_path)
    assert path.read_text(encoding="utf-8") == mine
    assert len(list(entries.glob("*.yaml"))) == len(first.entries)
    assert "already in the list" in again.err
