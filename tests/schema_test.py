from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from listbot.entries import FIELD_ORDER
from listbot.schema import SCHEMA_NAMES, is_valid, load_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_published_schema_is_the_packaged_one(name: str) -> None:
    assert (ROOT / "schema" / f"{name}.schema.json").read_text() == schema_text(name)


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schemas_are_valid_2020_12(name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_published_schema_is_shipped() -> None:
    published = {
        p.name.removesuffix(".schema.json") for p in (ROOT / "schema").glob("*.schema.json")
    }
    assert published == set(SCHEMA_NAMES)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(allow_nan=False),
    st.sampled_from(
        [
            "",
            " ",
            "x",
            "OSDI",
            "training",
            "https://x.org",
            "ftp://x",
            "10.1145/1",
            "1712.05889",
            "a b",
            "Bad Tag",
            "kebab-case",
            "line\nbreak",
            "http://",
            "https://a b",
        ]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["paper", "code", "pdf", "website", "x"]), inner, max_size=3
        )
    ),
    max_leaves=6,
)
KEYS = st.sampled_from([*FIELD_ORDER, "extra"])  # every field, and one the schema refuses


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=10))
def test_fast_gate_agrees_with_jsonschema(data: dict) -> None:  # type: ignore[type-arg]
    authority = Draft202012Validator(load_schema("entry")).is_valid(data)
    assert is_valid("entry", data) == authority
