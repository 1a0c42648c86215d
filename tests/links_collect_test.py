from __future__ import annotations

import re

from listbot.links.collect import collect, compile_patterns, doi_of, excluded, strip_fragment
from listbot.links.model import Location


def test_fragments_are_stripped_and_duplicates_merged_with_every_place() -> None:
    a = b"title: A\nlinks:\n  paper: https://a.org/p#intro\n  code: https://github.com/x/y\n"
    b = b"title: B\nlinks:\n  paper: https://a.org/p\n"
    targets = collect([("entries/a.yaml", a), ("entries/b.yaml", b)])
    assert [t.url for t in targets] == ["https://a.org/p", "https://github.com/x/y"]
    assert targets[0].locations == (
        Location("entries/a.yaml", 3, 10, "links.paper"),
        Location("entries/b.yaml", 3, 10, "links.paper"),
    )
    assert targets[1].locations == (Location("entries/a.yaml", 4, 9, "links.code"),)


def test_doi_and_arxiv_fields_become_targets_and_doi_links_merge_case_insensitively() -> None:
    raw = (
        b"title: A\nlinks:\n  paper: https://doi.org/10.1145/ABC.1\n"
        b"doi: 10.1145/abc.1\narxiv: '1712.05889'\n"
    )
    targets = collect([("entries/a.yaml", raw)])
    assert len(targets) == 2
    doi, arxiv = targets
    assert doi.doi == "10.1145/ABC.1"
    assert [loc.field for loc in doi.locations] == ["links.paper", "doi"]
    assert doi.locations[1].line == 4
    assert arxiv.url == "https://arxiv.org/abs/1712.05889"
    assert arxiv.arxiv == "1712.05889"


def test_entries_that_fail_validation_still_have_their_links_checked() -> None:
    invalid = b"title: A\nvenue: NOPE\nyear: nineteen\nlinks:\n  paper: https://a.org/x\n"
    broken_yaml = b"title: [unclosed\n"
    not_mapping = b"- a list\n"
    targets = collect(
        [
            ("entries/a.yaml", invalid),
            ("entries/b.yaml", broken_yaml),
            ("entries/c.yaml", not_mapping),
        ]
    )
    assert [t.url for t in targets] == ["https://a.org/x"]


def test_helpers() -> None:
    assert strip_fragment("https://a.org/p?q=1#x") == "https://a.org/p?q=1"
    assert doi_of("https://dx.doi.org/10.1000/x%2Fy") == "10.1000/x/y"
    assert doi_of("https://example.org/10.1000/x") is None
    patterns = compile_patterns([r"^https://skip\.org/"])
    assert excluded("https://skip.org/a", patterns)
    assert not excluded("https://keep.org/a", [re.compile("x^")])
