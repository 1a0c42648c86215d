"""Schema validators compiled ahead of time: no fastjsonschema compile at start-up.

fastjsonschema turns a JSON Schema into Python source and compiles it at run time; for
the config schema that costs about as much as the rest of a warm ``listbot check`` on
10,000 unchanged entries. So the source is generated once and shipped here as modules
(``config_schema.py``, ``entry_schema.py``) that Python loads from bytecode. Each module
records the SHA-256 of the schema text it was made from: a module that does not match
the packaged schema is not used (the schema is compiled at run time, as before), and
``tests/schema_test.py`` fails until it is made again::

    python -m listbot.schemacode

The modules are code in the package, never read from the checkout, so a pull request
cannot swap a validator in.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

NAMES = ("config", "entry")
_FIRST_DEF = re.compile(r"^def (validate_\w+)\(", re.MULTILINE)


def schema_digest(name: str) -> str:
    from listbot.schemacheck import schema_text

    return hashlib.sha256(schema_text(name).encode("utf-8")).hexdigest()


def validator(name: str) -> Callable[[Any], Any] | None:
    """The shipped validator of schema ``name``, or None (none, or made from another text)."""
    if name not in NAMES:
        return None
    try:
        module = importlib.import_module(f"listbot.schemacode.{name}_schema")
    except ImportError:
        return None
    if getattr(module, "SCHEMA_SHA256", None) != schema_digest(name):
        return None
    found: Callable[[Any], Any] = module.validate
    return found


def generate(name: str) -> str:
    """The source of the module for schema ``name``."""
    import fastjsonschema

    from listbot.schemacheck import load_schema

    code = fastjsonschema.compile_to_code(load_schema(name))
    first = _FIRST_DEF.search(code)
    assert first is not None, "fastjsonschema wrote no validate_ function"
    return (
        f'"""The {name} schema as Python: made by ``python -m listbot.schemacode``; '
        'do not edit."""\n'
        "# mypy: ignore-errors\n"
        "# ruff: noqa\n"
        f"{code}\n\n"
        f"SCHEMA_SHA256 = {schema_digest(name)!r}\n"
        f"validate = {first.group(1)}\n"
    )


def main() -> int:
    folder = Path(__file__).resolve().parent
    for name in NAMES:
        (folder / f"{name}_schema.py").write_text(generate(name), encoding="utf-8")
        print(f"wrote {folder / f'{name}_schema.py'}")
    return 0
