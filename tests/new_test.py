from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from listbot.cli import main
from listbot.schemacheck import schema_text

TODAY = date(2024, 6, 1)
CONFIG = """\
categories:
  - id: training
    name: Training
  - id: inference
    name: Inference
venues:
  OSDI:
    name: USENIX Symposium on Operating Systems Design and Implementation
    aliases: [USENIX OSDI]
  EuroSys:
    name: European Conference on Computer Systems
"""

RAY_FLAGS = [
    "--title",
    "Ray: A Distributed Framework for Emerging AI Applications",
    "--author",
    "Philipp Moritz",
    "--author",
    "Robert Nishihara",
    "--venue",
    "usenix osdi",
    "--year",
    "2018",
    "--category",
    "training",
    "--paper",
    "https://www.usenix.org/conference/osdi18/presentation/moritz",
    "--code",
    "https://github.com/ray-project/ray",
    "--arxiv",
    "arXiv:1712.05889",
    "--tag",
    "distributed",
    "--tag",
    "distributed",
    "--note",
    "Tasks and actors in one system",
]

RAY = """\
# yaml-language-server: $schema=../schema/entry.schema.json
title: 'Ray: A Distributed Framework for Emerging AI Applications'
authors:
  - Philipp Moritz
  - Robert Nishihara
venue: OSDI
year: 2018
category: training
links:
  paper: https://www.usenix.org/conference/osdi18/presentation/moritz
  code: https://github.com/ray-project/ray
arxiv: '1712.05889'
tags:
  - distributed
note: Tasks and actors in one system
"""


@pytest.fixture
def listdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "listbot.yml").write_text(CONFIG)
    (tmp_path / "README.md").write_text("# T\n<!-- listbot:begin -->\n<!-- listbot:end -->\n")
    # A list that publishes the schema next to its entries, as listbot's own does (the
    # editor hint then points there; without it, at the published URL).
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "entry.schema.json").write_text(schema_text("entry"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def files(root: Path) -> list[str]:
    folder = root / "entries"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_new_from_flags(listdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", *RAY_FLAGS], today=TODAY) == 0
    assert capsys.readouterr().out == (
        "wrote entries/ray-osdi18.yaml: "
        "Ray: A Distributed Framework for Emerging AI Applications (OSDI 2018)\n"
    )
    assert (listdir / "entries/ray-osdi18.yaml").read_text() == RAY
    assert main(["fmt", "--check"], today=TODAY) == 0
    assert main(["render"], today=TODAY) == 0
    assert main(["check"], today=TODAY) == 0


def test_dry_run(listdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", *RAY_FLAGS, "--dry-run"], today=TODAY) == 0
    assert capsys.readouterr().out == "# entries/ray-osdi18.yaml (dry run, not written)\n" + RAY
    assert files(listdir) == []


def test_never_overwrites_and_refuses_duplicates(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", *RAY_FLAGS], today=TODAY) == 0
    capsys.readouterr()
    assert main(["new", *RAY_FLAGS], today=TODAY) == 1
    assert (
        "the list already has this paper: entries/ray-osdi18.yaml has the same arXiv id"
        in capsys.readouterr().err
    )
    other = ["--title", "Ray: Tracing Rays", "--venue", "OSDI", "--year", "2018", "-c", "training"]
    assert main(["new", *other, "--slug", "ray-osdi18"], today=TODAY) == 1
    assert (
        "entries/ray-osdi18.yaml already exists; choose another --slug" in capsys.readouterr().err
    )
    assert main(["new", *other], today=TODAY) == 0  # an automatic name steps aside
    assert files(listdir) == ["ray-osdi18-2.yaml", "ray-osdi18.yaml"]
    assert (listdir / "entries/ray-osdi18.yaml").read_text() == RAY


def test_missing_required_flags_off_a_terminal(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--title", "X"], today=TODAY) == 2
    assert capsys.readouterr().err == (
        "listbot: new: missing --venue, --year, --category (required when not on a terminal)\n"
    )
    assert files(listdir) == []


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        (("--year", "2O18"), 2, "listbot: year '2O18' is not a number such as 2018\n"),
        (
            ("--venue", "OSDY"),
            2,
            "listbot: unknown venue 'OSDY' "
            "(did you mean 'OSDI'?; a new venue: add it under venues: in listbot.yml)\n",
        ),
        (
            ("--category", "trainnig"),
            2,
            "listbot: unknown category 'trainnig' (did you mean 'training'?)\n",
        ),
        (
            ("--year", "3024"),
            1,
            "entries/ray-osdi24.yaml:7:7: LB112 year 3024 is not between 1950 and 2025\n",
        ),
        (
            ("--paper", "ftp://example.org/ray"),
            1,
            "LB113 links.paper must be an absolute http(s) URL: 'ftp://example.org/ray'",
        ),
        (("--doi", "not-a-doi"), 1, "LB104 doi must be a bare DOI"),
        (("--tag", "Not A Tag"), 1, "LB104 tags[1] must be unique kebab-case words"),
    ],
)
def test_invalid_values_write_nothing(
    listdir: Path,
    capsys: pytest.CaptureFixture[str],
    change: tuple[str, str],
    code: int,
    message: str,
) -> None:
    argv = list(RAY_FLAGS)
    if change[0] in argv and change[0] not in ("--tag",):
        argv[argv.index(change[0]) + 1] = change[1]
    else:
        argv.extend(change)
    assert main(["new", *argv], today=TODAY) == code
    err = capsys.readouterr().err
    assert message in err
    assert files(listdir) == []


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_prompts_on_a_terminal(
    listdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = (
        "\n".join(
            [
                "Zephyr: Fair Scheduling",  # title
                "Ana López, Bo Chen",  # authors
                "eurosys",  # venue (alias, any case)
                "twenty",  # year: not a number, asked again
                "2019",
                "2",  # category by number
                "example.org/zephyr",  # not a whole address: asked again
                "https://example.org/zephyr",  # paper link
                "",  # code link: skipped
                "",  # DOI: skipped
                "arXiv:1905.00001",  # arXiv id, prefix and all
            ]
        )
        + "\n"
    )
    monkeypatch.setattr(sys, "stdin", Terminal(answers))
    assert main(["new"], today=TODAY) == 0
    captured = capsys.readouterr()
    assert "year 'twenty' is not a number" in captured.err
    assert "'example.org/zephyr' is not a link: write the whole address" in captured.err
    assert (
        captured.out
        == "wrote entries/zephyr-eurosys19.yaml: Zephyr: Fair Scheduling (EuroSys 2019)\n"
    )
    assert (listdir / "entries/zephyr-eurosys19.yaml").read_text() == (
        "# yaml-language-server: $schema=../schema/entry.schema.json\n"
        "title: 'Zephyr: Fair Scheduling'\n"
        "authors:\n  - Ana López\n  - Bo Chen\n"
        "venue: EuroSys\nyear: 2019\ncategory: inference\n"
        "links:\n  paper: https://example.org/zephyr\n"
        "arxiv: '1905.00001'\n"
    )


def test_end_of_input_on_a_terminal(
    listdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal("Only a title\n"))
    assert main(["new"], today=TODAY) == 2
    assert capsys.readouterr().err.endswith("listbot: no answer (end of input)\n")
    assert files(listdir) == []


_LINE = (
    st.lists(
        st.sampled_from([*"aZ09 :'\"#&*!?%@`|>-,.[]{}é中", ": ", " #", "yes", "null", "1e3"]),
        min_size=1,
        max_size=15,
    )
    .map(lambda parts: " ".join("".join(parts).split()))
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(title=_LINE, authors=st.lists(_LINE, max_size=3), note=st.none() | _LINE)
def test_written_entries_are_canonical_and_valid(
    title: str, authors: list[str], note: str | None
) -> None:
    from listbot.config import build_config
    from listbot.fmt import entry_text, is_formatted
    from listbot.validate import check_entry
    from listbot.yamlsafe import Document, parse_yaml

    config = build_config({"categories": [{"id": "training", "name": "Training"}]})
    data: dict[str, object] = {"title": title}
    if authors:
        data["authors"] = authors
    data.update(venue="OSDI", year=2018, category="training")
    if note:
        data["note"] = note
    text = entry_text(data, config)
    doc = parse_yaml(text.encode())
    assert isinstance(doc, Document)
    assert doc.data == data  # what we meant is what a reader gets back
    assert is_formatted(text, doc.data, config)
    result = check_entry("entries/x.yaml", text.encode(), config, this_year=2024)
    assert result.problems == ()


def test_a_title_already_in_the_list_stops_at_once(
    listdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["new", *RAY_FLAGS], today=TODAY) == 0
    capsys.readouterr()
    monkeypatch.setattr(
        sys, "stdin", Terminal("ray: a distributed framework for emerging AI applications\n")
    )
    assert main(["new"], today=TODAY) == 1
    err = capsys.readouterr().err
    assert "Authors" not in err  # asked nothing more
    assert err.endswith(
        "listbot: the list already has this paper: entries/ray-osdi18.yaml has the same title "
        "('Ray: A Distributed Framework for Emerging AI Applications')\n"
    )


def test_a_year_out_of_range_is_asked_again(
    listdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # "24" was taken, every later question answered, and then the whole entry refused
    # (naming a line of a file that was never written): all the answers were lost.
    answers = ["Orion", "", "EuroSys", "24", "2024", "training", "", "", "", ""]
    monkeypatch.setattr(sys, "stdin", Terminal("\n".join(answers) + "\n"))
    assert main(["new"], today=TODAY) == 0
    captured = capsys.readouterr()
    assert "year 24 is not between 1950 and 2025" in captured.err
    assert captured.out == "wrote entries/orion-eurosys24.yaml: Orion (EuroSys 2024)\n"


def test_code_link_and_doi_are_asked_and_checked(
    listdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [
        "Zephyr",
        "",
        "OSDI",
        "2019",
        "training",
        "",  # paper link: skipped
        "https://github.com/z/zephyr",  # code link
        "zephyr-doi",  # not a DOI: asked again
        "https://doi.org/10.1145/1234.5678",
        "",  # arXiv id: skipped
    ]
    monkeypatch.setattr(sys, "stdin", Terminal("\n".join(answers) + "\n"))
    assert main(["new", "--dry-run"], today=TODAY) == 0
    captured = capsys.readouterr()
    assert "'zephyr-doi' is not a DOI such as 10.1145/3190508.3190517; try again" in captured.err
    assert "  code: https://github.com/z/zephyr\ndoi: 10.1145/1234.5678\n" in captured.out


def test_an_identifier_for_a_title_is_offered_to_add(
    listdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["new", *RAY_FLAGS], today=TODAY) == 0
    capsys.readouterr()
    # Declined: the title is asked again.
    answers = ["10.1145/3190508.3190517", "n", "Zephyr", "", "OSDI", "2019", "1", "", "", "", ""]
    monkeypatch.setattr(sys, "stdin", Terminal("\n".join(answers) + "\n"))
    assert main(["new", "--dry-run"], today=TODAY) == 0
    err = capsys.readouterr().err
    assert (
        "'10.1145/3190508.3190517' looks like a DOI, not a title: `listbot add "
        "10.1145/3190508.3190517` fills in the title, authors, venue and year from it." in err
    )
    # Accepted: listbot add takes over (here it finds the paper already listed, offline).
    monkeypatch.setattr(sys, "stdin", Terminal("arXiv:1712.05889\n\n"))
    env = {"LISTBOT_ARXIV_URL": "http://127.0.0.1:9", "LISTBOT_CROSSREF_URL": "http://127.0.0.1:9"}
    assert main(["new", "-c", "training"], env=env, today=TODAY) == 1
    assert capsys.readouterr().err.endswith(
        "listbot: the list already has this paper: entries/ray-osdi18.yaml has the same arXiv "
        "id ('Ray: A Distributed Framework for Emerging AI Applications')\n"
    )
