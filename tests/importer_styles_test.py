"""The pieces of the bullet styles: authors, badges, citations' venues, facts, venue lookup."""

from __future__ import annotations

import pytest

from listbot.config import Config
from listbot.importer.styles import clean, facts, parse_authors, read, venue_and_year
from listbot.importer.venues import find_venue, heading_context

CONFIG = Config(categories=())


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Philipp Moritz, Robert Nishihara and Ion Stoica",
            ("Philipp Moritz", "Robert Nishihara", "Ion Stoica"),
        ),
        ("Xiao, Wencong, et al.", ("Wencong Xiao",)),
        ("Mayer, Ruben, and Hans-Arno Jacobsen", ("Ruben Mayer", "Hans-Arno Jacobsen")),
        ("Francis C.M. Lau, Sun He", ("Francis C.M. Lau", "Sun He")),
        ("A. Author, B. Author", ("A. Author", "B. Author")),
        ("Summary: 12,288 GPUs", ()),  # not names
        ("Introspective scheduling of jobs", ()),
    ],
)
def test_author_lists(text: str, names: tuple[str, ...]) -> None:
    assert parse_authors(text) == names


def test_badges_and_markers_become_tags_and_emoji_go() -> None:
    text, tags = clean(
        "**[LLM]** **Title** OSDI 2016 ![](https://img.shields.io/badge/Pipeline%20Parallelism-orange)"
        " [![stars](https://img.shields.io/github/stars/o/r)](https://github.com/o/r) 🔥"
    )
    assert text == "**Title** OSDI 2016"
    assert tags == ("pipeline-parallelism", "llm")
    # A bold venue tag is a venue, not a tag.
    assert clean("**[OSDI'22]** [Title](https://x.org)")[1] == ()


@pytest.mark.parametrize(
    ("rest", "venue", "year"),
    [
        ("ACM Computing Surveys 53.1 (2020): 1-37.", "ACM Computing Surveys", 2020),
        (
            "11th USENIX Symposium on OSDI (OSDI 14). 2014.",
            "11th USENIX Symposium on OSDI (OSDI 14)",
            2014,
        ),
        (
            "SC20: International Conference for HPC. IEEE, 2020.",
            "SC20: International Conference for HPC",
            2020,
        ),
        ("arXiv preprint arXiv:1909.08053 (2019).", "arXiv", 2019),
    ],
)
def test_citation_venue_and_year(rest: str, venue: str, year: int) -> None:
    assert venue_and_year(rest) == (venue, year)


def test_facts_beside_a_paper() -> None:
    found = facts("Xiao, Wencong, et al. (*OSDI 2018*)", this_year=2026)
    assert found is not None
    assert (found.authors, found.venue_text, found.year) == (("Wencong Xiao",), "OSDI", 2018)
    found = facts(
        "In 16th {USENIX} Symposium on Networked Systems Design and Implementation ({NSDI} 19)",
        this_year=2026,
    )
    assert found is not None and found.year == 2019
    assert find_venue(found.venue_text, CONFIG, line=1).key == "NSDI"
    found = facts("Code: [https://github.com/o/r](https://github.com/o/r)", this_year=2026)
    assert found is not None and found.links == (("Code", "https://github.com/o/r"),)
    assert facts("extended version of Galvatron (TPDS 2024)", this_year=2026) is None
    assert facts("Nested Paper (NSDI'19)", this_year=2026) is None  # a paper, not authors


def test_venues_known_new_and_misspelt() -> None:
    assert (
        find_venue("Proceedings of the Thirteenth EuroSys Conference", CONFIG, line=1).key
        == "EuroSys"
    )
    assert (
        find_venue("Advances in Neural Information Processing Systems", CONFIG, line=1).key
        == "NeurIPS"
    )
    new = find_venue("IEEE Transactions on Cloud Computing", CONFIG, line=7)
    assert new.key == "TCC" and new.new is not None
    assert new.new.name == "IEEE Transactions on Cloud Computing"
    assert find_venue("HotCloud", CONFIG, line=1).key == "HotCloud"
    misspelt = find_venue("OSDY", CONFIG, line=1)
    assert (misspelt.key, misspelt.suggestion) == (None, "OSDI")


def test_headings_that_are_context() -> None:
    assert heading_context("OSDI", CONFIG) == ("OSDI", None)
    assert heading_context("2018", CONFIG) == (None, 2018)
    assert heading_context("OSDI'18", CONFIG) == ("OSDI", 2018)
    assert heading_context("Training", CONFIG) is None


def test_each_style_in_one_line() -> None:
    def parts(text: str) -> tuple[object, ...]:
        parsed = read(text, {}, this_year=2026)
        assert not isinstance(parsed, str), parsed
        return parsed.title, parsed.venue_text, parsed.year

    assert parts("[OSDI'22] [Orca: A Serving System](https://x.org/o)") == (
        "Orca: A Serving System",
        "OSDI",
        2022,
    )
    assert parts("code [TVM: A Compiler OSDI'18](https://github.com/apache/tvm)") == (
        "TVM: A Compiler",
        "OSDI",
        2018,
    )
    assert parts('Li, Mu, et al. "Parameter Server." OSDI 14. 2014.')[::2] == (
        "Parameter Server",
        2014,
    )
    assert parts("**TensorFlow** OSDI 2016") == ("TensorFlow", "OSDI", 2016)
    assert parts("[Gavel](https://x.org/g) - Deepak Narayanan, Matei Zaharia") == (
        "Gavel",
        "",
        None,
    )
