from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import CONFIG, RAY
from listbot.config import Config, build_config
from listbot.entries import Entry
from listbot.problems import Problem
from listbot.validate import check_entry, list_problems, normalize_title
from listbot.yamlsafe import Document, parse_yaml


@pytest.fixture(scope="module")
def config() -> Config:
    doc = parse_yaml(CONFIG.encode())
    assert not hasattr(doc, "code")
    assert isinstance(doc, Document)
    return build_config(doc.data, root=Path("."))


def check(text: str, config: Config) -> list[Problem]:
    result = check_entry("entries/x.yaml", textwrap.dedent(text).encode(), config, this_year=2026)
    return list(result.problems)


def codes(problems: list[Problem]) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.col) for p in problems]


def test_a_good_entry_has_no_problems_and_becomes_an_entry(config: Config) -> None:
    result = check_entry("entries/ray-osdi18.yaml", RAY.encode(), config, this_year=2026)
    assert result.problems == ()
    assert result.entry is not None
    assert result.entry.venue == "OSDI"
    assert result.entry.link("code") == "https://github.com/ray-project/ray"
    assert result.entry.where("arxiv") == (11, 8)
    assert result.entry.where("links.code") == (10, 9)


def test_every_problem_at_once_each_on_its_line(config: Config) -> None:
    problems = check(
        """\
        title: Ray
        venue: EUROSYS
        year: "2018"
        categry: training
        links:
          paper: ftp://example.org/x
          website: https://example.org
        doi: https://doi.org/10.1145/1
        """,
        config,
    )
    assert codes(problems) == [
        ("LB102", 1, 1),  # category missing: reported where the mapping starts
        ("LB110", 2, 8),
        ("LB103", 3, 7),
        ("LB101", 4, 1),
        ("LB113", 6, 10),
        ("LB101", 7, 3),
        ("LB104", 8, 6),
    ]
    by_code = {p.code: p for p in problems}
    assert by_code["LB110"].suggestion == "write 'EuroSys'; listbot fmt fixes this"
    assert by_code["LB103"].suggestion == "write 2018 without quotes"
    assert by_code["LB104"].suggestion == "listbot fmt fixes this"
    unknown = [p for p in problems if p.code == "LB101"]
    assert unknown[0].suggestion == "did you mean 'category'?"
    assert "website" in unknown[1].message and "paper, pdf, code" in (unknown[1].suggestion or "")


def test_unknown_venue_and_category_get_suggestions(config: Config) -> None:
    problems = check(
        """\
        title: T
        venue: OSID
        year: 2018
        category: trainign
        """,
        config,
    )
    assert [(p.code, p.suggestion) for p in problems] == [
        ("LB110", "did you mean 'OSDI'?"),
        ("LB111", "did you mean 'training'?"),
    ]


def test_venue_alias_in_any_case_is_recognized(config: Config) -> None:
    problems = check("title: T\nvenue: neuralps\nyear: 2018\ncategory: training\n", config)
    assert [p.code for p in problems] == ["LB110"]
    assert "NeurIPS" in (problems[0].suggestion or "")


@pytest.mark.parametrize(
    ("year", "bad"), [(1949, True), (1950, False), (2027, False), (2028, True)]
)
def test_year_range(config: Config, year: int, bad: bool) -> None:
    problems = check(f"title: T\nvenue: OSDI\nyear: {year}\ncategory: training\n", config)
    assert [p.code for p in problems] == (["LB112"] if bad else [])


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/x",
        "example.org/paper",
        "javascript:alert(1)",
        "https://user:secret@example.org/",
        "https://example.org:99999/",
        "https:///path-only",
        "https://exa mple.org/",
    ],
)
def test_links_must_be_absolute_http(config: Config, url: str) -> None:
    problems = check(
        f"title: T\nvenue: OSDI\nyear: 2018\ncategory: training\nlinks:\n  paper: '{url}'\n", config
    )
    assert [(p.code, p.line) for p in problems] == [("LB113", 6)]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "'  padded'"),
        ("doi", "'doi:10.1145/1'"),
        ("arxiv", "'arXiv:1712.05889'"),
        ("arxiv", "1712.05889"),  # unquoted: a number, not an id
        ("tags", "[Not Kebab]"),
        ("tags", "[a, a]"),
        ("authors", "Philipp Moritz"),
    ],
)
def test_field_rules(config: Config, field: str, value: str) -> None:
    base = "venue: OSDI\nyear: 2018\ncategory: training\n" + (
        "" if field == "title" else "title: T\n"
    )
    problems = check(f"{base}{field}: {value}\n", config)
    assert len(problems) >= 1
    assert all(p.line == 4 + (field != "title") for p in problems)
    assert all(p.code in ("LB103", "LB104") for p in problems)


def test_type_confusion_is_explained(config: Config) -> None:
    problems = check("title: [a, b]\nvenue: OSDI\nyear: 2018.5\ncategory: 7\n", config)
    assert [(p.code, p.line) for p in problems] == [("LB103", 1), ("LB103", 3), ("LB103", 4)]
    assert problems[0].message == "title must be text, not a list"


def test_top_level_must_be_a_mapping(config: Config) -> None:
    problems = check("- title: Ray\n", config)
    assert [(p.code, p.message) for p in problems] == [
        ("LB008", "top level is a list; an entry is a mapping such as 'title: ...'")
    ]


def entry(path: str, title: str, **fields: str) -> Entry:
    data = {"title": title, "venue": "OSDI", "year": 2018, "category": "training", **fields}
    return Entry.create(path, data)


def test_duplicates_by_doi_arxiv_and_title_point_at_the_first_file() -> None:
    entries = [
        entry("entries/a.yaml", "Ray", doi="10.1145/1", arxiv="1712.05889"),
        entry("entries/b.yaml", "Other", doi="10.1145/1"),
        entry("entries/c.yaml", "Third", arxiv="1712.05889v2"),
        entry("entries/d.yaml", "RAY!"),
    ]
    problems = list_problems(entries)
    assert [(p.path, p.code, p.message) for p in problems] == [
        ("entries/b.yaml", "LB201", "same DOI as entries/a.yaml"),
        ("entries/c.yaml", "LB202", "same arXiv id as entries/a.yaml"),
        ("entries/d.yaml", "LB203", "same title as entries/a.yaml"),
    ]


def test_look_alike_letters_make_a_duplicate_title() -> None:
    cyrillic = "Rаy: A Distributed Framework"  # the 'а' is U+0430
    assert normalize_title(cyrillic) == normalize_title("Ray: a distributed framework")
    problems = list_problems(
        [entry("entries/a.yaml", "Ray: A Distributed Framework"), entry("entries/b.yaml", cyrillic)]
    )
    assert [p.code for p in problems] == ["LB203"]


def test_near_duplicate_titles_are_warnings() -> None:
    problems = list_problems(
        [
            entry("entries/a.yaml", "Gandiva: Introspective Cluster Scheduling for Deep Learning"),
            entry("entries/b.yaml", "Gandiva: Introspective Cluster Scheduling for Deep Learnin"),
            entry(
                "entries/c.yaml", "Tiresias: A GPU Cluster Manager for Distributed Deep Learning"
            ),
        ]
    )
    assert [(p.path, p.code, p.severity) for p in problems] == [
        ("entries/b.yaml", "LB204", "warning")
    ]
