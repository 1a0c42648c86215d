"""``listbot import --resolve``: what bullets leave out, from stand-ins of dblp, Crossref, arXiv."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml

from listbot.cli import main
from paperstand import PaperStand, load_papers

TODAY = date(2026, 6, 1)

LIST = """\
# My list

## Training

- [Ray: A Distributed Framework for Emerging AI Applications](https://www.usenix.org/conference/osdi18/presentation/moritz)
- Gist: Efficient Data Encoding for Deep Neural Network Training (ISCA'18)
- Optimus: An Efficient Dynamic Resource Scheduler for Deep Learning Clusters [[Paper]](https://example.org/optimus)
- Horovod-like Thing Nobody Published
"""


@pytest.fixture
def stand() -> Iterator[PaperStand]:
    with PaperStand(load_papers()) as running:
        yield running


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    return tmp_path


def run(env: dict[str, str], *argv: str) -> int:
    return main(list(argv), env=env, today=TODAY)


def entry(folder: Path, name: str) -> dict[str, object]:
    data = yaml.safe_load((folder / "entries" / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_resolve_fills_what_bullets_leave_out_and_says_where_from(
    folder: Path, stand: PaperStand, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(stand.env(), "import", "--resolve", "--partial", "list.md") == 1
    out, err = capsys.readouterr()
    ray = entry(folder, "ray-osdi18.yaml")
    assert (ray["venue"], ray["year"]) == ("OSDI", 2018)  # the bullet named neither
    assert ray["authors"][:2] == ["Philipp Moritz", "Robert Nishihara"]  # type: ignore[index]
    gist = entry(folder, "gist-isca18.yaml")
    assert gist["authors"] and gist["venue"] == "ISCA"
    optimus = entry(folder, "optimus-eurosys18.yaml")
    assert optimus["doi"] == "10.1145/3190508.3190517"
    assert "resolved: venue, year, authors, doi from dblp" in out
    # A title no source knows is reported with its line, never guessed.
    assert "list.md:8:1: LB535 not found by --resolve: no source has a paper" in err
    assert not (folder / "entries" / "horovod-like-thing.yaml").exists()


def test_a_warm_cache_sends_no_request(
    folder: Path, stand: PaperStand, capsys: pytest.CaptureFixture[str]
) -> None:
    run(stand.env(), "import", "--resolve", "--partial", "list.md")
    assert stand.requests  # the first import asked
    assert (folder / ".listbot" / "resolve-cache.json").is_file()
    for path in (folder / "entries").glob("*.yaml"):
        path.unlink()
    asked = len(stand.requests)
    capsys.readouterr()
    run(stand.env(), "import", "--resolve", "--partial", "list.md")
    assert len(stand.requests) == asked
    out, err = capsys.readouterr()
    assert "resolve: 0 searches sent" in err
    assert "ray-osdi18.yaml" in out


def test_a_year_that_disagrees_is_not_a_match(
    folder: Path, stand: PaperStand, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "list.md").write_text(
        "## Training\n- Gist: Efficient Data Encoding for Deep Neural Network Training (ISCA'19)\n"
    )
    assert run(stand.env(), "import", "--resolve", "list.md") == 0
    assert "authors" not in entry(folder, "gist-isca19.yaml")  # ISCA 2018 is another record


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_offline_bullets_are_reported_not_guessed(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    port = _closed_port()
    env = {
        "LISTBOT_DBLP_URL": f"http://127.0.0.1:{port}/dblp",
        "LISTBOT_CROSSREF_URL": f"http://127.0.0.1:{port}/crossref",
        "LISTBOT_ARXIV_URL": f"http://127.0.0.1:{port}/arxiv/api",
    }
    assert run(env, "import", "--resolve", "--partial", "list.md") == 1
    err = capsys.readouterr().err
    assert "list.md:5:1: LB535 not found by --resolve: dblp cannot be reached" in err
    # A bullet that says venue and year is still imported, as it was written.
    gist = entry(folder, "gist-isca18.yaml")
    assert "authors" not in gist
    assert not (folder / "entries" / "ray-osdi18.yaml").exists()


def test_a_refusing_source_is_reported_and_left_alone(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with PaperStand(load_papers(), status=503) as down:
        assert run(down.env(), "import", "--resolve", "--partial", "list.md") == 1
    err = capsys.readouterr().err
    assert "list.md:5:1: LB535 not found by --resolve: dblp answered HTTP 503" in err
    dblp = [r for r in down.requests if r.startswith("/dblp/")]
    assert len(dblp) == 3  # one search, tried three times (two retries), then left alone


def test_a_match_at_a_venue_the_list_lacks_is_named(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hotos = {
        "title": "Machine Learning Systems are Stuck in a Rut",
        "authors": ["Paul Barham", "Michael Isard"],
        "venue": "HotOS",
        "year": 2019,
        "doi": "10.1145/3317550.3321441",
        "arxiv": None,
    }
    (folder / "list.md").write_text(f"## Essays\n- {hotos['title']}\n", encoding="utf-8")
    with PaperStand([hotos]) as stand:
        assert run(stand.env(), "import", "--resolve", "list.md") == 1
    err = capsys.readouterr().err
    assert "list.md:2:1: LB535 not placed by --resolve: dblp lists it at 'HotOS'" in err
