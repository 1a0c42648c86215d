from __future__ import annotations

from pathlib import Path

import pytest

from conftest import RAY
from listbot.entries import (
    Entry,
    ascii_fold,
    discover,
    kebab,
    normalize_slug,
    read_entry,
    slug_for,
    unique_slug,
)


@pytest.mark.parametrize(
    ("title", "venue", "year", "slug"),
    [
        ("Ray: A Distributed Framework for Emerging AI Applications", "OSDI", 2018, "ray-osdi18"),
        (
            "Low Latency RNN Inference with Cellular Batching",
            "EuroSys",
            2018,
            "low-latency-rnn-eurosys18",
        ),
        ("The Case for Learned Index Structures", "SIGMOD", 2018, "case-learned-index-sigmod18"),
        ("Tux²: Distributed Graph Computation for Machine Learning", "NSDI", 2017, "tux2-nsdi17"),
        ("Über-Fast Ünicode", "ATC", 2009, "uber-fast-unicode-atc09"),
        ("???", "OSDI", 2018, "paper-osdi18"),
        ("A Very Long Name Before: The Colon", "OSDI", 2018, "very-long-name-osdi18"),
    ],
)
def test_slug_for(title: str, venue: str, year: int, slug: str) -> None:
    assert slug_for(title, venue, year) == slug


def test_unique_slug() -> None:
    assert unique_slug("ray-osdi18", set()) == "ray-osdi18"
    assert unique_slug("ray-osdi18", {"ray-osdi18"}) == "ray-osdi18-2"
    assert unique_slug("ray-osdi18", {"ray-osdi18", "ray-osdi18-2"}) == "ray-osdi18-3"


def test_folding() -> None:
    assert ascii_fold("Müller Straße Ørsted") == "Muller Strasse Orsted"
    assert kebab("Deep Learning (Training)") == "deep-learning-training"
    assert normalize_slug("Ray_OSDI 18") == "ray-osdi-18"


def test_entry_round_trips_through_json() -> None:
    data = {
        "title": "Ray",
        "venue": "OSDI",
        "year": 2018,
        "category": "training",
        "links": {"code": "https://c", "paper": "https://p"},
    }
    entry = Entry.create("entries/ray-osdi18.yaml", data)
    assert entry.links == (("paper", "https://p"), ("code", "https://c"))  # canonical order
    assert entry.to_data() == {**data, "links": {"paper": "https://p", "code": "https://c"}}
    assert Entry.from_json(entry.to_json()) == entry
    assert entry.slug == "ray-osdi18"


def test_discover_reports_names_and_kinds(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    entries.mkdir()
    for name in ("ray-osdi18.yaml", "Ray-OSDI18.yml", ".hidden.yaml", "notes.txt"):
        (entries / name).write_text(RAY)
    (entries / "sub").mkdir()
    files, problems = discover(entries, tmp_path)
    assert [p.name for p in files] == ["Ray-OSDI18.yml", "ray-osdi18.yaml"]
    assert sorted((p.path, p.code, p.severity) for p in problems) == [
        ("entries/Ray-OSDI18.yml", "LB010", "error"),
        ("entries/notes.txt", "LB010", "warning"),
        ("entries/ray-osdi18.yaml", "LB011", "error"),
        ("entries/sub", "LB010", "warning"),
    ]


def test_read_entry_skips_unchanged_files_by_stat(tmp_path: Path) -> None:
    entries = tmp_path / "entries"
    entries.mkdir()
    path = entries / "ray-osdi18.yaml"
    path.write_text(RAY)
    first = read_entry(path, entries, tmp_path)
    assert first.raw == RAY.encode() and first.problem is None
    known = {"entries/ray-osdi18.yaml": {"stat": list(first.signature)}}
    again = read_entry(path, entries, tmp_path, known=known)
    assert again.raw is None and again.problem is None
    path.write_text(RAY + "note: changed\n")
    assert read_entry(path, entries, tmp_path, known=known).raw is not None
