from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CONFIG, RAY
from listbot.config import Config, build_config
from listbot.fmt import emit, format_entry, is_formatted, normalize, scalar
from listbot.yamlsafe import Document, parse_yaml


@pytest.fixture(scope="module")
def config() -> Config:
    doc = parse_yaml(CONFIG.encode())
    assert isinstance(doc, Document)
    return build_config(doc.data, root=Path("."))


def data_of(text: str) -> dict:  # type: ignore[type-arg]
    doc = parse_yaml(text.encode())
    assert isinstance(doc, Document)
    assert isinstance(doc.data, dict)
    return doc.data


def test_canonical_file_is_left_alone(config: Config) -> None:
    assert format_entry(RAY, config) == RAY
    assert is_formatted(RAY, data_of(RAY), config)
    assert emit(normalize(data_of(RAY), config)) == RAY


def test_key_order_style_and_normalization(config: Config) -> None:
    text = (
        "arxiv: arXiv:1712.05889\n"
        "venue: usenix osdi\n"
        'title: "Ray"\n'
        "links: {code: 'https://github.com/ray-project/ray', paper: https://x.org}\n"
        "year: 2018\n"
        "category: training\n"
        "authors: [A, B]\n"
    )
    assert not is_formatted(text, data_of(text), config)
    assert format_entry(text, config) == (
        "title: Ray\n"
        "authors:\n"
        "  - A\n"
        "  - B\n"
        "venue: OSDI\n"
        "year: 2018\n"
        "category: training\n"
        "links:\n"
        "  paper: https://x.org\n"
        "  code: https://github.com/ray-project/ray\n"
        "arxiv: '1712.05889'\n"
    )


def test_comments_are_kept(config: Config) -> None:
    text = (
        "# yaml-language-server: $schema=../schema/entry.schema.json\n"
        "# Added by hand.\n"
        "venue: OSDI  # moved\n"
        "title: Ray\n"
        "authors:\n"
        "  - A  # first author\n"
        "year: 2018\n"
        "category: training\n"
    )
    out = format_entry(text, config)
    for comment in ("# yaml-language-server", "# Added by hand.", "# moved", "# first author"):
        assert comment in out
    assert out.index("title: Ray") < out.index("venue: OSDI")
    assert format_entry(out, config) == out


def test_the_yaml_language_server_header_does_not_stop_the_fast_path(config: Config) -> None:
    text = "# yaml-language-server: $schema=../schema/entry.schema.json\n" + RAY
    assert is_formatted(text, data_of(text), config)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Philipp Moritz", "Philipp Moritz"),
        ("Ray: A Framework", "'Ray: A Framework'"),
        ("1712.05889", "'1712.05889'"),
        ("10.1145/3190508.3190530", "10.1145/3190508.3190530"),
        ("true", "'true'"),
        ("yes", None),  # YAML 1.1 would read a boolean: leave the choice to the writer
        ("It's: here", None),
        (2018, "2018"),
    ],
)
def test_scalar_quoting(value: object, expected: str | None) -> None:
    assert scalar(value) == expected


TEXT = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=150, deadline=None)
@given(title=TEXT, authors=st.lists(TEXT, min_size=1, max_size=4), note=TEXT)
def test_fast_emitter_agrees_with_the_round_trip(title: str, authors: list[str], note: str) -> None:
    cfg = build_config({"categories": [{"id": "training", "name": "Training"}]})
    data = {
        "title": title,
        "authors": authors,
        "venue": "OSDI",
        "year": 2018,
        "category": "training",
        "note": note,
    }
    text = emit(normalize(data, cfg))
    if text is not None:
        assert format_entry(text, cfg) == text
        doc = parse_yaml(text.encode())
        assert isinstance(doc, Document)
        assert doc.data == data


def test_read_canonical_reads_canonical_files_like_yaml(config: Config) -> None:
    from listbot.fmt import read_canonical

    text = "# yaml-language-server: $schema=../schema/entry.schema.json\n" + RAY
    doc = read_canonical(text, config)
    assert doc is not None
    assert doc.data == data_of(text)
    assert doc.pos[("year",)] == (7, 7)
    assert doc.pos[("links", "code")] == (11, 9)
    assert doc.keypos[("links", "code")] == (11, 3)
    assert doc.pos[("authors", 1)] == (5, 5)


@pytest.mark.parametrize(
    "text",
    [
        RAY.replace("venue: OSDI", "venue: USENIX OSDI"),  # not normalized
        RAY.replace("'Ray: A Distributed", '"Ray: A Distributed').replace(
            "Applications'", 'Applications"'
        ),
        RAY + "# trailing comment\n",
        RAY.replace("authors:\n", "authors: # who\n"),
        RAY.replace(
            "  - Robert Nishihara\n", "  - Robert Nishihara\n  - Robert Nishihara\n    x\n"
        ),
        "title: T\nauthors:\nvenue: OSDI\n",
        RAY.rstrip("\n"),
    ],
)
def test_read_canonical_declines_anything_else(config: Config, text: str) -> None:
    from listbot.fmt import read_canonical

    assert read_canonical(text, config) is None


@settings(max_examples=150, deadline=None)
@given(title=TEXT, authors=st.lists(TEXT, min_size=1, max_size=4), note=TEXT)
def test_read_canonical_round_trips_what_the_emitter_writes(
    title: str, authors: list[str], note: str
) -> None:
    from listbot.fmt import read_canonical

    cfg = build_config({"categories": [{"id": "training", "name": "Training"}]})
    data = {
        "title": title,
        "authors": authors,
        "venue": "OSDI",
        "year": 2018,
        "category": "training",
        "links": {"paper": "https://example.org/p"},
        "note": note,
    }
    text = emit(normalize(data, cfg))
    if text is not None:
        doc = read_canonical(text, cfg)
        assert doc is not None
        assert doc.data == data
        yaml_doc = parse_yaml(text.encode())
        assert isinstance(yaml_doc, Document)
        assert yaml_doc.pos == doc.pos
        assert yaml_doc.keypos == doc.keypos


def _reference_canonical(text: str, cfg: Config) -> bool:
    """The definition read_canonical's line checks implement: the emitter writes it back."""
    from listbot.fmt import split_header

    _header, body = split_header(text)
    doc = parse_yaml(text.encode())
    if not isinstance(doc, Document) or not isinstance(doc.data, dict):
        return False
    return emit(normalize(doc.data, cfg)) == body


LINES = st.sampled_from(
    [
        "title: Ray\n",
        "title: 'Ray: A'\n",
        "title: 'Ray'\n",
        "authors:\n",
        "  - A\n",
        "  - 'B: C'\n",
        "venue: OSDI\n",
        "venue: USENIX OSDI\n",
        "year: 2018\n",
        "year: '2018'\n",
        "category: training\n",
        "links:\n",
        "  paper: https://p.org\n",
        "  code: https://c.org\n",
        "  website: https://w.org\n",
        "doi: 10.1/x\n",
        "doi: doi:10.1/x\n",
        "arxiv: '1712.05889'\n",
        "arxiv: 1712.05889\n",
        "tags:\n",
        "note: x # y\n",
        "# comment\n",
        "\n",
        "extra: 1\n",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=12))
def test_read_canonical_accepts_only_what_the_emitter_writes(lines: list[str]) -> None:
    from listbot.fmt import read_canonical

    cfg = build_config(
        {
            "categories": [{"id": "training", "name": "Training"}],
            "venues": {"OSDI": {"name": "OSDI", "aliases": ["USENIX OSDI"]}},
        }
    )
    text = "".join(lines)
    doc = read_canonical(text, cfg)
    if doc is not None:
        assert _reference_canonical(text, cfg)
        yaml_doc = parse_yaml(text.encode())
        assert isinstance(yaml_doc, Document)
        assert doc.data == yaml_doc.data


@pytest.mark.parametrize("title", [".1e3", "1e3", "0x1F", "0o17", ".inf", "-.5", "true", "null"])
def test_text_that_reads_as_a_number_stays_quoted(title: str) -> None:
    """ruamel resolves plain scalars its own way: it wrote the title `.1e3` plain, which
    listbot's reader (YAML 1.2 core) takes for 100.0, so fmt changed the paper's data."""
    from listbot.config import load_config
    from listbot.fmt import entry_text

    config = load_config(Path(__file__).resolve().parent.parent / "listbot.yml")
    data = {"title": title, "venue": "OSDI", "year": 2018, "category": "training"}
    quoted = f"title: '{title}'\nvenue: OSDI\nyear: 2018\ncategory: training\n"
    for text in (entry_text(data, config), format_entry(quoted, config)):
        document = parse_yaml(text.split("\n", 1)[1] if text.startswith("#") else text)
        assert isinstance(document, Document) and document.data == data, text
