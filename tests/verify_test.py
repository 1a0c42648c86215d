"""``listbot verify`` and ``listbot resolve``: this list's own entries against stand-in sources.

The stand-ins (``paperstand``) answer from tests/data/papers/seed-papers.yaml, the verified
facts of the seed list's 32 papers; the entries are this repository's own, copied, some
of them made wrong on purpose.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml

from listbot.cli import main
from paperstand import PaperStand, load_papers

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 6, 1)
SOME = ("gist-isca18.yaml", "clipper-nsdi17.yaml", "optimus-eurosys18.yaml", "tvm-osdi18.yaml")


@pytest.fixture
def stand() -> Iterator[PaperStand]:
    with PaperStand(load_papers()) as running:
        yield running


@pytest.fixture
def listdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(ROOT / "listbot.yml", tmp_path / "listbot.yml")
    (tmp_path / "entries").mkdir()
    for name in SOME:
        shutil.copy(ROOT / "entries" / name, tmp_path / "entries" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(env: dict[str, str], *argv: str) -> int:
    return main(list(argv), env=env, today=TODAY)


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / "entries" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_lists_own_entries_agree_with_the_sources(
    listdir: Path, stand: PaperStand, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(stand.env(), "verify") == 0
    assert "all 4 entries are fine" in capsys.readouterr().out


def test_what_differs_is_a_warning_with_a_code(
    listdir: Path, stand: PaperStand, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(listdir, "gist-isca18.yaml", "year: 2018", "year: 2019")
    edit(listdir, "tvm-osdi18.yaml", "venue: OSDI", "venue: SOSP")
    edit(
        listdir,
        "optimus-eurosys18.yaml",
        "doi: 10.1145/3190508.3190517",
        "doi: 10.1109/ISCA.2018.00070",
    )
    edit(listdir, "clipper-nsdi17.yaml", "arxiv: '1612.03079'", "arxiv: '1712.05889'")
    assert run(stand.env(), "verify") == 0  # warnings: a maintainer decides
    out = capsys.readouterr().out
    assert (
        "entries/gist-isca18.yaml:10:7: LB601 warning: dblp lists this paper at ISCA 2018, "
        "the entry says ISCA 2019 (year: 2018)"
    ) in out
    assert (
        "entries/tvm-osdi18.yaml:" in out
        and "LB602 warning: dblp lists this paper at OSDI 2018, the entry says SOSP 2018" in out
    )
    assert "LB606 warning: DOI 10.1109/ISCA.2018.00070 is 'Gist: Efficient Data Encoding" in out
    assert "LB608 warning: arXiv 1712.05889 is 'Ray: A Distributed Framework" in out
    assert run(stand.env(), "verify", "--strict") == 1


def test_a_warm_cache_sends_no_request(
    listdir: Path, stand: PaperStand, capsys: pytest.CaptureFixture[str]
) -> None:
    run(stand.env(), "verify")
    asked = len(stand.requests)
    assert asked
    run(stand.env(), "verify")
    assert len(stand.requests) == asked


def test_a_source_that_is_down_never_fails_verify(
    listdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        "LISTBOT_DBLP_URL": f"http://127.0.0.1:{port}/dblp",
        "LISTBOT_CROSSREF_URL": f"http://127.0.0.1:{port}/crossref",
        "LISTBOT_ARXIV_URL": f"http://127.0.0.1:{port}/arxiv/api",
        "LISTBOT_DOI_URL": f"http://127.0.0.1:{port}/doi",
    }
    assert run(env, "verify", "--strict") == 0
    out, err = capsys.readouterr()
    assert "all 4 entries are fine" in out
    assert "dblp could not be asked, so it checked nothing: dblp cannot be reached" in err


def test_changed_since_verifies_only_the_entries_a_change_touches(
    listdir: Path, stand: PaperStand, capsys: pytest.CaptureFixture[str]
) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=listdir, check=True)
    subprocess.run([*git, "add", "."], cwd=listdir, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=listdir, check=True)
    edit(listdir, "gist-isca18.yaml", "year: 2018", "year: 2019")
    edit(listdir, "tvm-osdi18.yaml", "venue: OSDI", "venue: SOSP")
    subprocess.run([*git, "commit", "-qam", "change"], cwd=listdir, check=True)
    subprocess.run(
        [*git, "checkout", "-q", "HEAD~1", "--", "entries/tvm-osdi18.yaml"], cwd=listdir, check=True
    )
    assert run(stand.env(), "verify", "--changed-since", "HEAD~1", "--format", "json") == 0
    out = capsys.readouterr().out
    assert "LB601" in out and "LB602" not in out  # tvm is back as it was at HEAD~1
    assert [r for r in stand.requests if "tvm" in r.casefold()] == []


def test_changed_since_an_unknown_ref_is_said_as_links_says_it(
    listdir: Path, stand: PaperStand, capsys: pytest.CaptureFixture[str]
) -> None:
    # verify said "listbot: listbot verify: --changed-since main: error: Could not access
    # 'main'" where links and check name the missing commit and how to fetch it.
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "work"], cwd=listdir, check=True)
    subprocess.run([*git, "add", "."], cwd=listdir, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=listdir, check=True)
    for command in ("verify", "links"):
        assert run(stand.env(), command, "--changed-since", "main") == 2
        err = capsys.readouterr().err
        assert err.startswith("listbot: --changed-since main: no such commit here"), err
        assert err.count("listbot") == 1 and err.count("\n") == 1
    assert stand.requests == []


def test_a_missing_file_is_named_once(
    listdir: Path, stand: PaperStand, capsys: pytest.CaptureFixture[str]
) -> None:
    # "listbot: listbot verify: nope.yaml: no such entry file": the name said twice.
    for command in ("verify", "resolve", "links"):
        assert run(stand.env(), command, "nope.yaml") == 2
        assert capsys.readouterr().err == f"listbot: {command}: nope.yaml: no such entry file\n"
    assert run(stand.env(), "verify", "--changed-since", "HEAD", "nope.yaml") == 2
    assert capsys.readouterr().err.startswith("listbot: verify: give entry files")
    assert stand.requests == []


def test_resolve_of_a_found_paper_with_nothing_to_add_says_so(
    listdir: Path, stand: PaperStand, capsys: pytest.CaptureFixture[str]
) -> None:
    # Clipper (a USENIX paper: no DOI) is in dblp; resolve said "no source has a paper
    # with this title and year" while verify, a line above, compared it with dblp's record.
    assert run(stand.env(), "resolve", "entries/clipper-nsdi17.yaml") == 0
    err = capsys.readouterr().err
    assert "no source has a paper" not in err
    assert "entries/clipper-nsdi17.yaml: not resolved: found in dblp" in err
    assert "with no DOI" in err


def test_resolve_fills_missing_fields_and_names_the_source(
    listdir: Path, stand: PaperStand, capsys: pytest.CaptureFixture[str]
) -> None:
    path = listdir / "entries" / "gist-isca18.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    start = text.index("authors:")
    end = text.index("venue:")
    path.write_text(
        "# kept: my comment\n"
        + text[:start]
        + text[end:].replace("doi: 10.1109/ISCA.2018.00070\n", ""),
        encoding="utf-8",
    )
    assert run(stand.env(), "resolve", "entries/gist-isca18.yaml") == 0
    out = capsys.readouterr().out
    assert "filled entries/gist-isca18.yaml: authors, doi from dblp" in out
    after = path.read_text(encoding="utf-8")
    assert "# kept: my comment" in after
    assert yaml.safe_load(after)["authors"] == data["authors"]
    assert yaml.safe_load(after)["doi"] == data["doi"]
    assert run(stand.env(), "fmt", "--check") == 0
