"""listbot import: Markdown lists -> entries, on the seed list and on lists in other styles."""

from __future__ import annotations

import difflib
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from listbot.cli import main
from listbot.config import Config, build_config, load_config
from listbot.entries import kebab, slug_for
from listbot.fmt import SCHEMA_HEADER as ENTRY_HEADER
from listbot.fmt import entry_text, format_entry
from listbot.importer import (
    NewCategory,
    add_categories,
    parse_bullet,
    plan_import,
)
from listbot.schemacheck import schema_text

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed-list.md"
TODAY = date(2026, 6, 1)

# The category tree and venues of this list (as in the repository's listbot.yml).
SEED_CONFIG = """\
# yaml-language-server: $schema=schema/config.schema.json
# Configuration of this paper list.
title: Mlsys_repo
categories:
  - id: deep-learning
    name: Deep Learning
    children:
      - id: training
        name: Training
      - id: inference
        name: Inference
      - id: dynamic-network
        name: Dynamic Network
      - id: compiler
        name: Compiler
      - id: debugging
        name: Debugging
  - id: traditional-ml
    name: Traditional Machine Learning
  - id: cluster-management
    name: Cluster Management  # the last category
# Display order within a year.
venues:
  NSDI:
    name: USENIX Symposium on Networked Systems Design and Implementation
  ASPLOS:
    name: Architectural Support for Programming Languages and Operating Systems
  EuroSys:
    name: European Conference on Computer Systems
    aliases: [EUROSYS, Eurosys]
  ISCA:
    name: International Symposium on Computer Architecture
  ATC:
    name: USENIX Annual Technical Conference
    aliases: [USENIX ATC]
  OSDI:
    name: USENIX Symposium on Operating Systems Design and Implementation
  SOSP:
    name: ACM Symposium on Operating Systems Principles
  SoCC:
    name: ACM Symposium on Cloud Computing
    aliases: [SOCC]
  NeurIPS:
    name: Conference on Neural Information Processing Systems
    aliases: [NeuralPS, NIPS]
"""

README = "# A list\n\nIntro.\n\n<!-- listbot:begin -->\n<!-- listbot:end -->\n\nFooter.\n"

SEED_CATEGORIES = {
    "training": 9,
    "inference": 4,
    "dynamic-network": 2,
    "compiler": 2,
    "debugging": 1,
    "traditional-ml": 9,
    "cluster-management": 5,
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "listbot.yml").write_text(SEED_CONFIG, encoding="utf-8")
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    # A list that publishes the schema next to its entries, as listbot's own does (the
    # editor hint then points there; without it, at the published URL).
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "entry.schema.json").write_text(schema_text("entry"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*argv: str) -> int:
    return main(list(argv), env={}, today=TODAY)


def write_list(folder: Path, text: str, name: str = "list.md") -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return name


def entry_files(folder: Path) -> dict[str, dict[str, object]]:
    return {
        p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((folder / "entries").glob("*.yaml"))
    }


def config() -> Config:
    return build_config(yaml.safe_load(SEED_CONFIG))


# --- the seed list -------------------------------------------------------------------


def test_seed_imports_32_entries_in_their_categories(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(SEED, project / "seed.md")
    assert run("import", "seed.md") == 0
    out = capsys.readouterr().out
    assert "32 bullets: 32 entries written, 0 skipped, 0 not understood" in out
    files = entry_files(project)
    assert len(files) == 32
    counts: dict[str, int] = {}
    for data in files.values():
        counts[str(data["category"])] = counts.get(str(data["category"]), 0) + 1
    assert counts == SEED_CATEGORIES
    # Aliases normalized: EUROSYS -> EuroSys, NeuralPS -> NeurIPS; the curly apostrophe read.
    assert files["ray-osdi18.yaml"] == {
        "title": "Ray: A Distributed Framework for Emerging AI Applications",
        "venue": "OSDI",
        "year": 2018,
        "category": "training",
    }
    assert files["tvm-osdi18.yaml"]["category"] == "compiler"
    assert files["bml-neurips18.yaml"]["venue"] == "NeurIPS"
    assert files["optimus-eurosys18.yaml"]["venue"] == "EuroSys"
    assert (
        files["tux2-nsdi17.yaml"]["title"]
        == "Tux²: Distributed Graph Computation for Machine Learning"
    )
    assert files["gaia-nsdi17.yaml"]["category"] == "traditional-ml"
    assert {str(d["venue"]) for d in files.values()} <= {
        "NSDI",
        "ASPLOS",
        "EuroSys",
        "ISCA",
        "ATC",
        "OSDI",
        "SOSP",
        "SoCC",
        "NeurIPS",
    }
    # No category was added: every seed heading matched one of listbot.yml.
    assert (project / "listbot.yml").read_text(encoding="utf-8") == SEED_CONFIG


def test_seed_round_trip_render_lists_all_32_papers(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(SEED, project / "seed.md")
    assert run("import", "seed.md") == 0
    assert run("render") == 0
    assert run("check") == 0
    readme = (project / "README.md").read_text(encoding="utf-8")
    seed_titles = [
        line[2:].rsplit(" (", 1)[0]
        for line in SEED.read_text(encoding="utf-8").splitlines()
        if line.startswith("- ")
    ]
    assert len(seed_titles) == 32
    block = readme.split("<!-- listbot:begin -->")[1].split("<!-- listbot:end -->")[0]
    papers = [line for line in block.splitlines() if line.startswith("- ") and "](#" not in line]
    assert len(papers) == 32
    for title in seed_titles:
        assert any(title.replace("?", "?") in line.replace("\\", "") for line in papers), title
    assert "- Ray: A Distributed Framework for Emerging AI Applications (OSDI'18)" in papers
    assert readme.startswith("# A list\n\nIntro.\n") and readme.endswith("Footer.\n")


def test_seed_import_twice_skips_everything(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(SEED, project / "seed.md")
    assert run("import", "seed.md") == 0
    before = {p.name: p.read_bytes() for p in (project / "entries").iterdir()}
    capsys.readouterr()
    assert run("import", "seed.md") == 0
    captured = capsys.readouterr()
    assert "0 entries written, 32 skipped, 0 not understood" in captured.out
    assert (
        "seed.md:17:1: LB511 warning: already in the list as entries/ray-osdi18.yaml"
        in captured.err
    )
    assert {p.name: p.read_bytes() for p in (project / "entries").iterdir()} == before


def test_written_files_are_in_fmt_form(project: Path) -> None:
    shutil.copy(SEED, project / "seed.md")
    assert run("import", "seed.md") == 0
    cfg = load_config(project / "listbot.yml")
    for path in (project / "entries").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(ENTRY_HEADER)
        assert format_entry(text, cfg) == text
    assert run("fmt", "--check", "--no-cache") == 0


# --- other styles --------------------------------------------------------------------

STYLES = """\
# Awesome systems

Some paragraph about the list, with (OSDI'18) in it: ignored.

## Training

- Plain Title One (OSDI'18)

* Curly Apostrophe Title (SOSP’17)
+ Four Digit Year Title (NSDI 2019)
- Comma Form Title, EuroSys 2019
- [Linked Title](https://example.org/linked) (EUROSYS'18)
- Code Link Title (OSDI'18) [[code](https://github.com/org/repo)]
- PDF Title (ATC'18) [[pdf](https://example.org/paper.pdf)] [[slides](https://example.org/s)] [[video](https://example.org/v)]
- **Bold Title** (NeuralPS'18)
- **[Bold Linked Title](https://example.org/bold)** (NIPS 2017) [code](https://github.com/a/b) | [paper](https://example.org/other)

1. Numbered Title (SoCC'18)
2) Second Numbered Title (USENIX ATC 2018)
"""


def test_bullet_styles(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = write_list(project, STYLES)
    assert run("import", name) == 0
    files = entry_files(project)
    by_title = {str(d["title"]): d for d in files.values()}
    assert set(by_title) == {
        "Plain Title One",
        "Curly Apostrophe Title",
        "Four Digit Year Title",
        "Comma Form Title",
        "Linked Title",
        "Code Link Title",
        "PDF Title",
        "Bold Title",
        "Bold Linked Title",
        "Numbered Title",
        "Second Numbered Title",
    }
    assert by_title["Curly Apostrophe Title"]["year"] == 2017
    assert by_title["Four Digit Year Title"]["venue"] == "NSDI"
    assert by_title["Comma Form Title"]["venue"] == "EuroSys"
    assert by_title["Comma Form Title"]["year"] == 2019
    assert by_title["Linked Title"]["links"] == {"paper": "https://example.org/linked"}
    assert by_title["Linked Title"]["venue"] == "EuroSys"
    assert by_title["Code Link Title"]["links"] == {"code": "https://github.com/org/repo"}
    assert by_title["PDF Title"]["links"] == {
        "pdf": "https://example.org/paper.pdf",
        "slides": "https://example.org/s",
        "video": "https://example.org/v",
    }
    assert by_title["Bold Title"]["venue"] == "NeurIPS"
    assert by_title["Bold Linked Title"]["links"] == {
        "paper": "https://example.org/bold",
        "code": "https://github.com/a/b",
    }
    assert by_title["Second Numbered Title"]["venue"] == "ATC"
    assert all(d["category"] == "training" for d in files.values())
    err = capsys.readouterr().err
    # The second paper link of "Bold Linked Title" is reported, not silently dropped.
    assert (
        f"{name}:16:1: LB522 warning: second paper link 'https://example.org/other' left out" in err
    )


def test_parse_bullet_forms() -> None:
    parsed = parse_bullet("Title (OSDI '18)", {}, this_year=2026)
    assert not isinstance(parsed, str)
    assert (parsed.title, parsed.venue_text, parsed.year) == ("Title", "OSDI", 2018)
    parsed = parse_bullet("Old Title (SOSP'99)", {}, this_year=2026)
    assert not isinstance(parsed, str) and parsed.year == 1999
    parsed = parse_bullet("A Title (with parens) (NSDI 2019).", {}, this_year=2026)
    assert not isinstance(parsed, str) and parsed.title == "A Title (with parens)"
    parsed = parse_bullet("[T](https://x.org/a_(b)) (SOSP'17)", {}, this_year=2026)
    assert not isinstance(parsed, str) and parsed.links == (("paper", "https://x.org/a_(b)"),)
    parsed = parse_bullet(
        "T (OSDI'18) [paper] [slides][s]", {"s": "https://x.org/s"}, this_year=2026
    )
    assert not isinstance(parsed, str)
    assert parsed.bare == ("paper",) and parsed.links == (("slides", "https://x.org/s"),)
    assert isinstance(parse_bullet("no venue here", {}, this_year=2026), str)
    assert isinstance(parse_bullet("(OSDI'18)", {}, this_year=2026), str)


def test_links_to_arxiv_and_doi_fill_the_ids(project: Path) -> None:
    text = (
        "## Training\n"
        "- Ids Title (OSDI'18) [[arXiv](https://arxiv.org/abs/1712.05889v2)] "
        "[[DOI](https://doi.org/10.1145/3190508.3190530)]\n"
    )
    assert run("import", write_list(project, text)) == 0
    (data,) = entry_files(project).values()
    assert data["arxiv"] == "1712.05889"
    assert data["doi"] == "10.1145/3190508.3190530"
    assert "links" not in data


def test_reference_links_and_continuation_lines(project: Path) -> None:
    text = (
        "## Training\n"
        "- [A Title That Wraps][t]\n"
        "  Onto Two Lines (OSDI'18) [[code][c]]\n"
        "\n"
        "[t]: https://example.org/t\n"
        "[c]: https://github.com/x/y\n"
    )
    assert run("import", write_list(project, text)) == 0
    (data,) = entry_files(project).values()
    assert data["title"] == "A Title That Wraps Onto Two Lines"
    assert data["links"] == {"paper": "https://example.org/t", "code": "https://github.com/x/y"}


NESTED = """\
# My list

## Graph Systems

### GNN Training

- Graph One (OSDI'18)

#### Sampling

- Graph Two (NSDI'19)

## Empty Section

Nothing here.

## Serving

- Serving One (SOSP'17)
"""


def test_nested_headings_become_child_categories(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("import", write_list(project, NESTED)) == 0
    out = capsys.readouterr().out
    assert "added category 'graph-systems' (Graph Systems) to listbot.yml" in out
    cfg = load_config(project / "listbot.yml")
    by_id = {c.id: c for c in cfg.categories}
    assert by_id["graph-systems"].parent is None
    assert by_id["gnn-training"].parent == "graph-systems"
    assert by_id["sampling"].parent == "gnn-training"
    assert by_id["serving"].parent is None
    assert "empty-section" not in by_id  # no paper, no category
    assert "my-list" not in by_id  # the document's title
    files = entry_files(project)
    assert files["graph-two-nsdi19.yaml"]["category"] == "sampling"
    assert files["serving-one-sosp17.yaml"]["category"] == "serving"
    assert run("render") == 0 and run("check") == 0


def test_listbot_yml_keeps_its_comments(project: Path) -> None:
    assert run("import", write_list(project, NESTED)) == 0
    new = (project / "listbot.yml").read_text(encoding="utf-8")
    old_lines = SEED_CONFIG.splitlines()
    new_lines = new.splitlines()
    # Every original line is still there, in order; only category lines were added.
    it = iter(new_lines)
    assert all(any(line == n for n in it) for line in old_lines)
    diff = list(difflib.ndiff(old_lines, new_lines))
    assert not [line for line in diff if line.startswith("- ")]
    added = [line[2:] for line in diff if line.startswith("+ ")]
    assert added == [
        "  - id: graph-systems",
        "    name: Graph Systems",
        "    children:",
        "      - id: gnn-training",
        "        name: GNN Training",
        "        children:",
        "          - id: sampling",
        "            name: Sampling",
        "  - id: serving",
        "    name: Serving",
    ]
    # The comment above venues stays above venues.
    assert new.index("# Display order within a year.") == new.index("venues:") - len(
        "# Display order within a year.\n"
    )


def test_heading_matches_existing_category_by_name_or_id(project: Path) -> None:
    text = "## TRAINING\n- A (OSDI'18)\n## Traditional machine learning\n- B (OSDI'18)\n"
    assert run("import", write_list(project, text)) == 0
    files = entry_files(project)
    assert files["a-osdi18.yaml"]["category"] == "training"
    assert files["b-osdi18.yaml"]["category"] == "traditional-ml"
    assert (project / "listbot.yml").read_text(encoding="utf-8") == SEED_CONFIG


def test_map_category_and_category_root(project: Path) -> None:
    text = (
        "- Loose Paper (OSDI'18)\n## Model Serving\n- Served (OSDI'18)\n## Graphs\n- G (OSDI'18)\n"
    )
    name = write_list(project, text)
    assert (
        run(
            "import",
            name,
            "--map",
            "model serving=inference",
            "--category",
            "compiler",
            "--category-root",
            "deep-learning",
        )
        == 0
    )
    files = entry_files(project)
    assert files["loose-paper-osdi18.yaml"]["category"] == "compiler"
    assert files["served-osdi18.yaml"]["category"] == "inference"
    assert files["g-osdi18.yaml"]["category"] == "graphs"
    cfg = load_config(project / "listbot.yml")
    assert cfg.category("graphs") is not None
    assert cfg.category("graphs").parent == "deep-learning"  # type: ignore[union-attr]


def test_bullet_without_heading_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("import", write_list(project, "- Loose Paper (OSDI'18)\n")) == 1
    err = capsys.readouterr().err
    assert "list.md:1:1: LB503 bullet is under no heading, so it has no category" in err
    assert not (project / "entries").exists()


# --- what is not understood ----------------------------------------------------------

BAD = """\
## Training

- Good Paper (OSDI'18)
- Unknown Venue Paper (OSDY'18)
- Totally New Venue (FOOCONF 2018)
- just some words without a venue
- (OSDI'18)
- Future Paper (OSDI 2099)
* [a link](https://example.org) only
"""


def test_not_understood_bullets_are_reported_with_lines(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_before = (project / "listbot.yml").read_text()
    assert run("import", write_list(project, BAD.replace("## Training", "## Brand New"))) == 1
    captured = capsys.readouterr()
    err = captured.err
    assert (
        "list.md:4:1: LB501 unknown venue 'OSDY' "
        "(did you mean 'OSDI'? If not, add the venue to listbot.yml)"
    ) in err
    # A venue that resembles none is new: it would be added to listbot.yml, not reported.
    assert "list.md:5:" not in err
    assert "would add venue 'FOOCONF' to listbot.yml (first seen on line 5)" in captured.out
    assert "list.md:6:1: LB500 not understood: no venue and year found" in err
    assert "list.md:7:1: LB500 not understood: no title before the venue" in err
    assert "list.md:8:1: LB502 year 2099 is not between 1950 and 2027" in err
    assert "list.md:9:1: LB500 not understood" in err
    assert "5 bullets not understood" in err
    # Bad input: nothing is written, and the output says how to keep what was understood.
    assert "7 bullets: 2 entries to write, 0 skipped, 5 not understood; nothing written" in (
        captured.out
    )
    assert "pass --partial to write the entries that were understood" in err
    assert not (project / "entries").exists() or not list(entry_files(project))
    assert (project / "listbot.yml").read_text() == config_before  # no category added either


def test_partial_writes_what_was_understood(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("import", "--partial", write_list(project, BAD)) == 1
    captured = capsys.readouterr()
    assert "7 bullets: 2 entries written, 0 skipped, 5 not understood" in captured.out
    assert "entries already written are skipped then" in captured.err
    assert list(entry_files(project)) == [
        "good-paper-osdi18.yaml",
        "totally-new-venue-fooconf18.yaml",
    ]
    assert "FOOCONF:\n    name: FOOCONF\n" in (project / "listbot.yml").read_text()


def test_ignored_regions_still_report_their_bullets(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "## Contents\n"
        "- [Training](#training)\n"
        "## Training\n"
        "```\n"
        "- Fenced Paper (OSDI'18)\n"
        "```\n"
        "<!--\n"
        "- Commented Paper (OSDI'18)\n"
        "-->\n"
        "Reference https://example.org/about\n"
        "- Real Paper (OSDI'18)\n"
        "\n"
        "| Name | Meaning |\n"  # a table, but not of papers: it has no title column
        "| --- | --- |\n"
        "| Table Paper | OSDI'18 |\n"
        "\n"
        "Paragraph Paper (OSDI'18)\n"
    )
    assert run("import", write_list(project, text)) == 0
    err = capsys.readouterr().err
    assert "list.md:2:1: LB530 warning: table-of-contents link skipped" in err
    assert "list.md:5:1: LB531 warning: bullet inside a fenced code block skipped" in err
    assert "list.md:8:1: LB531 warning: bullet inside an HTML comment skipped" in err
    assert "list.md:13:1: LB532 warning: table skipped" in err
    assert err.count("LB532") == 1  # one report per table
    assert "list.md:17:1: LB533 warning: looks like a paper but is not a bullet" in err
    assert "list.md:10:" not in err  # an ordinary paragraph
    assert list(entry_files(project)) == ["real-paper-osdi18.yaml"]


def test_unusable_links_are_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "## Training\n"
        "- P (OSDI'18) [[blog](https://example.org/b)] [[code](../relative)] [slides]\n"
    )
    assert run("import", write_list(project, text)) == 0
    err = capsys.readouterr().err
    assert (
        "list.md:2:1: LB520 warning: link '[blog](https://example.org/b)' fits no entry field"
        in err
    )
    assert (
        "list.md:2:1: LB521 warning: link '[code](../relative)' is not an absolute http(s) URL"
        in err
    )
    assert "list.md:2:1: LB520 warning: link '[slides]' has no URL; left out" in err
    assert entry_files(project)["p-osdi18.yaml"] == {
        "title": "P",
        "venue": "OSDI",
        "year": 2018,
        "category": "training",
    }


# --- duplicates and existing files ---------------------------------------------------


def test_duplicates_within_the_list_are_skipped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "## Training\n- Same Paper (OSDI'18)\n## Inference\n- SAME paper! (OSDI 2018)\n"
    assert run("import", write_list(project, text)) == 0
    err = capsys.readouterr().err
    assert "list.md:4:1: LB510 warning: same title as line 2; skipped" in err
    files = entry_files(project)
    assert list(files) == ["same-paper-osdi18.yaml"]
    assert files["same-paper-osdi18.yaml"]["category"] == "training"


def test_existing_entry_is_never_overwritten(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = project / "entries"
    entries.mkdir()
    mine = "title: 'Ray: A Distributed Framework'\nvenue: OSDI\nyear: 2018\ncategory: training\n"
    (entries / "ray-osdi18.yaml").write_text(mine, encoding="utf-8")
    broken = "title: [unclosed\n"
    (entries / "gist-isca18.yaml").write_text(broken, encoding="utf-8")
    other = "title: 'Tvm: Something Else'\nvenue: OSDI\nyear: 2018\ncategory: compiler\n"
    (entries / "tvm-osdi18.yaml").write_text(other, encoding="utf-8")
    text = (
        "## Training\n"
        "- Ray: A Distributed Framework (OSDI'18)\n"
        "- Gist: Efficient Data Encoding (ISCA'18)\n"
        "- TVM: An Automated Compiler (OSDI'18)\n"
    )
    assert run("import", write_list(project, text)) == 0
    err = capsys.readouterr().err
    assert (
        "list.md:2:1: LB511 warning: already in the list as entries/ray-osdi18.yaml; skipped" in err
    )
    assert (
        "list.md:3:1: LB512 warning: entries/gist-isca18.yaml exists "
        "(and is not a valid entry); not overwritten"
    ) in err
    assert (entries / "ray-osdi18.yaml").read_text(encoding="utf-8") == mine
    assert (entries / "gist-isca18.yaml").read_text(encoding="utf-8") == broken
    assert (entries / "tvm-osdi18.yaml").read_text(encoding="utf-8") == other
    # A different paper whose slug is taken gets a suffix.
    new = yaml.safe_load((entries / "tvm-osdi18-2.yaml").read_text(encoding="utf-8"))
    assert new["title"] == "TVM: An Automated Compiler"


def test_slug_collisions_within_the_list_get_a_suffix(project: Path) -> None:
    text = "## Training\n- Ray: One (OSDI'18)\n- Ray: Two (OSDI'18)\n- Ray: Three (OSDI'18)\n"
    assert run("import", write_list(project, text)) == 0
    assert list(entry_files(project)) == [
        "ray-osdi18-2.yaml",
        "ray-osdi18-3.yaml",
        "ray-osdi18.yaml",
    ]


# --- dry run, usage ------------------------------------------------------------------


def test_dry_run_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = write_list(project, NESTED)
    before = sorted(p.name for p in project.rglob("*"))
    assert run("import", "--dry-run", name) == 0
    assert sorted(p.name for p in project.rglob("*")) == before  # not even a cache
    out = capsys.readouterr().out
    # A table of what would be written: file, title, venue, year, category.
    rows = [line.split() for line in out.splitlines()]
    assert ["file", "title", "venue", "year", "category"] in rows
    assert ["entries/graph-one-osdi18.yaml", "Graph", "One", "OSDI", "2018", "gnn-training"] in rows
    assert "would add category 'gnn-training' (GNN Training) under 'graph-systems'" in out
    assert "+  - id: graph-systems" in out  # the listbot.yml diff
    assert "nothing written (dry run)" in out
    assert not (project / "entries").exists()
    assert (project / "listbot.yml").read_text(encoding="utf-8") == SEED_CONFIG


def test_dry_run_with_bad_bullets_exits_1(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("import", "--dry-run", write_list(project, BAD)) == 1
    assert not (project / "entries").exists()


def test_usage_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import", "missing.md") == 2
    assert "missing.md: cannot read" in capsys.readouterr().err
    name = write_list(project, "## T\n- A (OSDI'18)\n")
    assert run("import", name, "--category", "nope") == 2
    assert (
        "unknown category 'nope' in listbot.yml (known: deep-learning, " in capsys.readouterr().err
    )
    assert run("import", name, "--map", "T=trainin") == 2
    assert "(did you mean 'training'?)" in capsys.readouterr().err
    assert run("import", name, "--map", "no-equals-sign") == 2
    (project / "bin.md").write_bytes(b"\xff\xfe- x\n")
    assert run("import", "bin.md") == 2
    assert "not UTF-8" in capsys.readouterr().err
    assert not (project / "entries").exists()


# --- pure helpers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "venue", "year", "slug"),
    [
        ("Ray: A Distributed Framework for Emerging AI Applications", "OSDI", 2018, "ray-osdi18"),
        ("TVM: An Automated End-to-End Optimizing Compiler", "OSDI", 2018, "tvm-osdi18"),
        ("Tux²: Distributed Graph Computation", "NSDI", 2017, "tux2-nsdi17"),
        ("BLAS-on-flash: An Efficient Alternative", "NSDI", 2019, "blas-on-flash-nsdi19"),
        (
            "Low Latency RNN Inference with Cellular Batching",
            "EuroSys",
            2018,
            "low-latency-rnn-eurosys18",
        ),
        (
            "Improving the Expressiveness of Deep Learning",
            "EuroSys",
            2018,
            "improving-expressiveness-deep-eurosys18",
        ),
        ("A Very Long Prefix Before The Colon: Rest", "SoCC", 2005, "very-long-prefix-socc05"),
    ],
)
def test_slug_for(title: str, venue: str, year: int, slug: str) -> None:
    assert slug_for(title, venue, year) == slug


def test_kebab() -> None:
    assert kebab("DEEP LEARNING") == "deep-learning"
    assert kebab("Café & Systems!") == "cafe-systems"


def test_plan_is_pure_and_reports_everything() -> None:
    cfg = config()
    plan = plan_import(BAD, cfg, source="x.md", this_year=2026)
    assert [e.slug for e in plan.entries] == ["good-paper-osdi18", "totally-new-venue-fooconf18"]
    assert [p.line for p in plan.not_understood] == [4, 6, 7, 8, 9]
    assert plan.bullets == 7
    assert plan.categories == ()


def test_entry_text_is_fmt_form() -> None:
    cfg = config()
    data = {
        "title": "Odd: 'quotes' # and hash",
        "venue": "OSDI",
        "year": 2018,
        "category": "training",
        "links": {"code": "https://github.com/a/b", "paper": "https://x.org/p"},
        "arxiv": "1712.05889",
    }
    text = entry_text(data, cfg)
    assert text.startswith(ENTRY_HEADER)
    assert format_entry(text, cfg) == text
    assert yaml.safe_load(text)["links"] == {
        "paper": "https://x.org/p",
        "code": "https://github.com/a/b",
    }


def test_add_categories_in_another_indent_style() -> None:
    text = "categories:\n- id: a  # first\n  name: A\n# trailing comment\nvenues: {}\n"
    new = add_categories(text, [NewCategory("b", "B", None, 1), NewCategory("c", "C", "a", 2)])
    assert new == (
        "categories:\n- id: a  # first\n  name: A\n  children:\n  - id: c\n    name: C\n"
        "- id: b\n  name: B\n# trailing comment\nvenues: {}\n"
    )


def test_author_lists_after_a_marked_title(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "## Training\n"
        "- **Title One**. A. Author, B. Author. OSDI 2018. [[pdf](https://x.org/p.pdf)]\n"
        "- [Title Two](https://x.org/t) - Author et al., NSDI 2019\n"
        "- [Ray](https://ray.io): A Distributed Thing (OSDI'18)\n"
    )
    assert run("import", write_list(project, text)) == 0
    by_title = {str(d["title"]): d for d in entry_files(project).values()}
    assert by_title["Title One"]["links"] == {"pdf": "https://x.org/p.pdf"}
    assert by_title["Title One"]["authors"] == ["A. Author", "B. Author"]
    assert by_title["Title Two"]["links"] == {"paper": "https://x.org/t"}
    assert by_title["Ray: A Distributed Thing"]["links"] == {"paper": "https://ray.io"}
    err = capsys.readouterr().err
    assert "list.md:2:" not in err  # the authors were kept
    assert "list.md:3:1: LB523 warning: text after the title left out: 'Author et al'" in err


def test_bullet_that_would_be_an_invalid_entry(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "## Training\n- " + "Long " * 100 + "Title (OSDI'18)\n- Fine (OSDI'18)\n"
    assert run("import", "--partial", write_list(project, text)) == 1
    err = capsys.readouterr().err
    assert "list.md:2:1: LB504 would not be a valid entry: LB104" in err
    assert list(entry_files(project)) == ["fine-osdi18.yaml"]


def test_every_import_code_is_registered() -> None:
    import re

    from listbot.problems import CODES

    src = Path(__file__).parent.parent / "src" / "listbot"
    used = set()
    for path in (*sorted((src / "importer").glob("*.py")), src / "commands" / "import_.py"):
        used |= set(re.findall(r'"(LB5\d\d)"', path.read_text(encoding="utf-8")))
    assert used and used <= set(CODES)


_PIECES = st.sampled_from(
    [
        "- ",
        "* ",
        "1. ",
        "## ",
        "# ",
        "Title",
        ": Sub",
        " (OSDI'18)",
        " (FOO 2018)",
        ", NSDI 2019",
        " [[code](https://github.com/a/b)]",
        "[x](https://x.org/p)",
        "**",
        "[",
        "]",
        "(",
        ")",
        "\n",
        "\n\n",
        "  ",
        "```",
        "<!--",
        "-->",
        "’",
        "[r]: https://r.org\n",
        "\\",
        "|",
        "é",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_every_bullet_is_imported_or_reported(pieces: list[str]) -> None:
    text = "## Training\n" + "".join(pieces)
    plan = plan_import(text, config(), source="x.md", this_year=2026)
    accounted = {e.line for e in plan.entries} | {p.line for p in plan.problems}
    accounted |= {line for e in plan.entries for line in e.more}
    bullets = [
        i + 1
        for i, line in enumerate(text.splitlines())
        if re.match(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S", line)
    ]
    # Every bullet line outside code blocks and comments is an entry or a problem.
    if "```" not in text and "<!--" not in text:
        assert set(bullets) <= accounted | _continuations(text)
    for entry in plan.entries:
        assert format_entry(entry_text(entry.data, config()), config()) == entry_text(
            entry.data, config()
        )


def _continuations(text: str) -> set[int]:
    """Bullet-looking lines that are not bullets: thematic breaks such as '* * *'."""
    return {
        i + 1
        for i, line in enumerate(text.splitlines())
        if re.match(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", line)
    }


def test_rendered_readme_imports_back_to_the_same_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """render, then import the README into an empty list: the same papers come back."""
    first = tmp_path / "first"
    (first / "entries").mkdir(parents=True)
    (first / "listbot.yml").write_text(SEED_CONFIG, encoding="utf-8")
    (first / "README.md").write_text(README, encoding="utf-8")
    papers = {
        "tux2-nsdi17.yaml": {
            "title": "Tux²: A *Star* [Bracket] <b>tag</b> @mention http://x.y _u_ `c` #1 | a",
            "venue": "NSDI",
            "year": 2017,
            "category": "traditional-ml",
            "links": {"paper": "https://example.org/p?a=1&b=2", "code": "https://github.com/o/r"},
            "note": "a note with *stars* and [brackets]",
        },
        "ray-osdi18.yaml": {
            "title": "Ray: A Distributed Framework",
            "venue": "OSDI",
            "year": 2018,
            "category": "training",
            "links": {"pdf": "https://example.org/r.pdf", "video": "https://example.org/v"},
        },
        "plain-sosp17.yaml": {
            "title": "Plain",
            "venue": "SOSP",
            "year": 2017,
            "category": "debugging",
        },
    }
    cfg = load_config(first / "listbot.yml")
    for name, data in papers.items():
        (first / "entries" / name).write_text(entry_text(data, cfg), encoding="utf-8")
    monkeypatch.chdir(first)
    assert run("render") == 0
    second = tmp_path / "second"
    second.mkdir()
    (second / "listbot.yml").write_text(SEED_CONFIG, encoding="utf-8")
    (second / "README.md").write_text(README, encoding="utf-8")
    monkeypatch.chdir(second)
    assert run("import", str(first / "README.md")) == 0
    back = {str(d["title"]): d for d in entry_files(second).values()}
    assert back == {str(d["title"]): d for d in papers.values()}
    assert (second / "listbot.yml").read_text(encoding="utf-8") == SEED_CONFIG


def test_sub_bullets_of_a_paper(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "## Training\n"
        "- Paper One (OSDI'18)\n"
        "  - [code](https://github.com/a/b) | [slides](https://example.org/s)\n"
        "  - This paper does things.\n"
        "    - and more things\n"
        "- Topic bullet\n"
        "  - Nested Paper (NSDI'19)\n"
    )
    assert run("import", "--partial", write_list(project, text)) == 1
    files = entry_files(project)
    assert files["paper-one-osdi18.yaml"]["links"] == {
        "code": "https://github.com/a/b",
        "slides": "https://example.org/s",
    }
    assert files["nested-paper-nsdi19.yaml"]["venue"] == "NSDI"
    err = capsys.readouterr().err
    assert "list.md:4:3: LB524 warning: sub-bullet of the paper on line 2 left out" in err
    assert "list.md:5:5: LB524 warning: sub-bullet of the paper on line 2 left out" in err
    assert "list.md:6:1: LB500 not understood: no venue and year found" in err


def test_more_forms_from_real_lists() -> None:
    def parse(text: str) -> tuple[object, ...]:
        parsed = parse_bullet(text, {}, this_year=2026)
        assert not isinstance(parsed, str), parsed
        return (parsed.title, parsed.venue_text, parsed.year, parsed.links, parsed.note)

    assert parse(
        "Ray: A Framework (OSDI 2018) [[Paper]](https://x.org/p) [[GitHub]](https://github.com/r/r)"
    ) == (
        "Ray: A Framework",
        "OSDI",
        2018,
        (("Paper", "https://x.org/p"), ("GitHub", "https://github.com/r/r")),
        "",
    )
    assert parse("Ray: A Framework [OSDI'18]")[:3] == ("Ray: A Framework", "OSDI", 2018)
    assert parse("Ray: A Framework (OSDI'18, best paper) — fast")[4] == "best paper; fast"
    assert parse("T (OSDI'18) [[pdf](https://x.org/p.pdf) | [video](https://v.org)]")[3] == (
        ("pdf", "https://x.org/p.pdf"),
        ("video", "https://v.org"),
    )
    # Brackets that are not a kind of link stay in the title.
    assert parse("Ray [Brackets] In Title (OSDI'18)")[0] == "Ray [Brackets] In Title"


def test_first_listbot_yml_is_created_from_the_headings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, tmp_path / "README.md")
    assert run("import", "--dry-run", "README.md") == 0
    assert "would create listbot.yml" in capsys.readouterr().out
    assert not (tmp_path / "listbot.yml").exists()
    assert run("import", "README.md") == 0
    out = capsys.readouterr().out
    assert "created listbot.yml" in out
    # The editor hint pointed at schema/config.schema.json, a file only listbot's own
    # repository has: in an adopter's folder the hint led nowhere.
    first = (tmp_path / "listbot.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == (
        "# yaml-language-server: $schema=https://listbot.dev/schema/config.schema.json"
    )
    assert "next: put <!-- listbot:begin --> and <!-- listbot:end --> in README.md" in out
    cfg = load_config(tmp_path / "listbot.yml")
    assert cfg.title == "Mlsys_repo"
    assert [(c.id, c.name, c.parent) for c in cfg.categories][:3] == [
        ("deep-learning", "DEEP LEARNING", None),
        ("training", "TRAINING", "deep-learning"),
        ("inference", "INFERENCE", "deep-learning"),
    ]
    assert len(entry_files(tmp_path)) == 32
    assert {str(d["venue"]) for d in entry_files(tmp_path).values()} >= {"EuroSys", "NeurIPS"}
    # With the markers in place, the list renders and checks clean.
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    (tmp_path / "README.md").write_text(
        readme + "\n<!-- listbot:begin -->\n<!-- listbot:end -->\n", encoding="utf-8"
    )
    assert run("render") == 0
    assert run("check") == 0


def test_new_categories_keep_the_order_of_the_list(project: Path) -> None:
    # A heading whose only papers are in a table came after the headings of bullets in
    # listbot.yml, so the README showed the sections in another order than the list had.
    text = (
        "## Serving Systems\n\n"
        "| Title | Venue |\n|---|---|\n"
        "| Clipper: A Low-Latency Online Prediction Serving System | NSDI'17 |\n\n"
        "## Compilers\n\n"
        "- TVM: An Automated End-to-End Optimizing Compiler for Deep Learning (OSDI'18)\n"
    )
    assert run("import", write_list(project, text)) == 0
    ids = [c.id for c in load_config(project / "listbot.yml").categories]
    assert ids.index("serving-systems") < ids.index("compilers")
