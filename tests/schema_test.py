from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from listbot.entries import FIELD_ORDER
from listbot.schemacheck import SCHEMA_NAMES, is_valid, load_schema, schema_text

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


@pytest.mark.parametrize("name", ["config", "entry"])
def test_shipped_validators_are_made_from_the_packaged_schemas(name: str) -> None:
    from listbot.schemacode import NAMES, validator

    assert name in NAMES
    assert validator(name) is not None, (
        f"src/listbot/schemacode/{name}_schema.py is older than the {name} schema: "
        "run python -m listbot.schemacode"
    )


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["categories", "title", "links", "venues", "render", "x"]),
        VALUES,
        max_size=4,
    )
)
def test_shipped_config_validator_agrees_with_jsonschema(data: dict) -> None:  # type: ignore[type-arg]
    from listbot.schemacode import validator

    shipped = validator("config")
    assert shipped is not None
    import fastjsonschema

    try:
        shipped(data)
        fast = True
    except fastjsonschema.JsonSchemaException:
        fast = False
    assert fast == Draft202012Validator(load_schema("config")).is_valid(data)


def test_the_lists_own_config_passes_the_shipped_validator() -> None:
    import yaml

    from listbot.schemacode import validator

    shipped = validator("config")
    assert shipped is not None
    shipped(yaml.safe_load((ROOT / "listbot.yml").read_text(encoding="utf-8")))
