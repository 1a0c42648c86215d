from __future__ import annotations

import pytest

from listbot.yamlsafe import MAX_BYTES, Document, LoadFailure, parse_yaml, resolve_plain


def ok(raw: bytes | str) -> Document:
    doc = parse_yaml(raw)
    assert isinstance(doc, Document), doc
    return doc


def fail(raw: bytes | str) -> LoadFailure:
    doc = parse_yaml(raw)
    assert isinstance(doc, LoadFailure), doc
    return doc


def test_positions_of_keys_and_values() -> None:
    doc = ok(b"title: Ray\nyear: 2018\nlinks:\n  code: https://x.org\nauthors:\n  - A\n  - B\n")
    assert doc.data == {
        "title": "Ray",
        "year": 2018,
        "links": {"code": "https://x.org"},
        "authors": ["A", "B"],
    }
    assert doc.pos[("year",)] == (2, 7)
    assert doc.keypos[("year",)] == (2, 1)
    assert doc.pos[("links", "code")] == (4, 9)
    assert doc.keypos[("links", "code")] == (4, 3)
    assert doc.pos[("authors", 1)] == (7, 5)
    assert doc.where(("links", "missing")) == (4, 3)  # falls back to the nearest parent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2018", 2018),
        ("-3", -3),
        ("0x1F", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        # YAML 1.2, as ruamel.yaml reads them: these stay text
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("2018-01-01", "2018-01-01"),
        ("1_000", "1_000"),
        ("10.1145/3190508", "10.1145/3190508"),
    ],
)
def test_plain_scalars_resolve_by_yaml_1_2(text: str, value: object) -> None:
    assert resolve_plain(text) == value


def test_quoted_scalars_stay_text() -> None:
    assert ok(b"year: \"2018\"\narxiv: '1712.05889'\n").data == {
        "year": "2018",
        "arxiv": "1712.05889",
    }


@pytest.mark.parametrize(
    ("raw", "code", "line"),
    [
        (b"a: 1\nb: 2\na: 3\n", "LB006", 3),
        (b"a: &x [1, 2]\nb: *x\n", "LB005", 1),
        (b"a: !!python/object/apply:os.system ['true']\n", "LB005", 1),
        (b"a: !custom x\n", "LB005", 1),
        (b"? [a, b]\n: c\n", "LB005", 1),
        (b"a: 1\n---\nb: 2\n", "LB007", 2),
        (b"", "LB008", 1),
        (b"# just a comment\n", "LB008", 1),
        (b"a: [1, 2\n", "LB004", 1),  # where the list opens,
        (b"a: \xff\xfe\n", "LB003", 1),
        (b"title: ok\nnote: a\x00b\n", "LB003", 2),
        (b"title: a\x1bb\n", "LB003", 1),
    ],
)
def test_refused_input_is_a_value_with_a_position(raw: bytes, code: str, line: int) -> None:
    failure = fail(raw)
    assert failure.code == code
    assert failure.line == line


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    bomb = (
        b'a: &a ["lol","lol"]\n'
        b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    )
    assert fail(bomb).code == "LB005"


@pytest.mark.parametrize("deep", ["[" * 30000 + "]" * 30000, "{a: " * 16000, "[" * 1500])
def test_deep_nesting_does_not_crash(deep: str) -> None:
    # libyaml's recursive composer segfaults on this; the event reader refuses it. Whether
    # listbot's 16-level limit (LB005) or libyaml's own scanner limit of 1000 (LB004, since
    # PyYAML 6.0.4) stops it first is the library's call: the promise is a one-line refusal.
    failure = fail(deep)
    assert failure.code in ("LB004", "LB005")
    assert "\n" not in failure.message
    assert failure.line == 1


def test_nesting_over_the_limit_is_listbots_own_refusal() -> None:
    # Well below any libyaml limit: this one is listbot's rule, code and place exact.
    failure = fail("a: " + "[" * 17 + "]" * 17)
    assert (failure.code, failure.line) == ("LB005", 1)
    assert "nesting deeper than 16 levels" in failure.message


def test_size_cap() -> None:
    failure = fail(b"a: " + b"x" * MAX_BYTES)
    assert failure.code == "LB002"


def test_utf8_bom_is_accepted() -> None:
    assert ok(b"\xef\xbb\xbftitle: Ray\n").data == {"title": "Ray"}


def test_top_level_list_parses_as_data() -> None:
    # The shape is the validator's business; the reader only reads.
    assert ok(b"- a\n- b\n").data == ["a", "b"]
