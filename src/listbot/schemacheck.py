"""The packaged JSON Schemas, a fast gate in front of them, and their errors as problems.

jsonschema is the authority: every message a user sees comes from its errors. Valid
documents (nearly all of them, in a list of thousands) pass a fastjsonschema-compiled
validator first and never reach jsonschema's slower interpreter; a differential test
keeps the two in agreement on the schemas shipped here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from listbot.problems import Problem
from listbot.suggest import did_you_mean
from listbot.yamlsafe import Document, Path

SCHEMA_NAMES = ("entry", "config", "report", "export", "links", "verify")

# Plain words for what a pattern (or length bound) on a field means.
FIELD_RULES: dict[str, str] = {
    "title": "must be one line of text without leading or trailing spaces",
    "authors": "must be names of one line each, without leading or trailing spaces",
    "note": "must be one line of text without leading or trailing spaces",
    "doi": "must be a bare DOI such as 10.1145/3190508.3190530 (no https://doi.org/ prefix)",
    "arxiv": 'must be an arXiv id such as "1712.05889" (quoted, no arXiv: prefix)',
    "tags": "must be unique kebab-case words such as 'distributed-training'",
    "category": "must be a kebab-case category id from listbot.yml",
    "links": "must be an absolute http(s) URL",
    "venue": "must be a venue key from listbot.yml",
}
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "empty",
}


def schema_text(name: str) -> str:
    return resources.files("listbot").joinpath(f"schema/{name}.schema.json").read_text("utf-8")


@cache
def load_schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(name))
    return loaded


@cache
def fast_validator(name: str) -> Callable[[Any], Any]:
    from listbot.schemacode import validator

    shipped = validator(name)  # compiled ahead of time, if made from this very schema
    if shipped is not None:
        return shipped
    import fastjsonschema

    compiled: Callable[[Any], Any] = fastjsonschema.compile(load_schema(name))
    return compiled


def _has_float(data: Any) -> bool:
    stack = [data]
    while stack:
        item = stack.pop()
        kind = item.__class__
        if kind is float:
            return True
        if kind is dict:
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
    return False


def is_valid(name: str, data: Any) -> bool:
    import fastjsonschema

    # JSON Schema counts 2018.0 as an integer, and fastjsonschema cannot be told otherwise;
    # a file with any decimal number goes to the strict validator below.
    if _has_float(data):
        return False
    try:
        fast_validator(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def artifact_errors(name: str, data: Any, *, limit: int = 5) -> list[str]:
    """Why ``data`` is not a valid ``name`` artifact (links or PR report); empty when it is.

    For files that pass between CI steps: both the writer (before writing) and the reader
    (before believing a word) call this. The messages never echo a value: an artifact may
    be untrusted, and these lines go to public logs.
    """
    if is_valid(name, data):
        return []
    validator = _strict_validator()(load_schema(name))
    messages = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(str(p)[:40] for p in error.absolute_path) or "(top level)"
        messages.append(f"{where}: fails the schema's '{error.validator}' rule")
        if len(messages) >= limit:
            break
    return messages


def checked_artifact(name: str, data: dict[str, Any], what: str) -> dict[str, Any]:
    """``data``, once it matches the ``name`` schema. A writer that made it wrong is a bug
    (RuntimeError): its reader would refuse the file, so such a file is never written."""
    broken = artifact_errors(name, data)
    if broken:
        raise RuntimeError(f"{what} does not match its schema: {broken[0]}")
    return data


def artifact_refusal(name: str, data: Any, version: int, what: str, hint: str = "") -> str | None:
    """Why a reader refuses ``data`` as the ``name`` artifact, in one line; None: it is one.

    The version first (a file from another listbot, ``hint`` says how to write this one's),
    then the schema; ``what`` names the artifact ("links report").
    """
    wrong = version_mismatch(data, version)
    if wrong:
        return wrong + hint
    broken = artifact_errors(name, data)
    if broken:
        return f"not a listbot {what} (" + "; ".join(broken[:3]) + ")"
    return None


def version_mismatch(data: Any, expected: int) -> str | None:
    """Why an artifact's ``version`` is not ``expected`` (None when it is, or not a mapping).

    Checked before the schema, to name the real problem: a file from another listbot.
    An untrusted file's version is named only when it is a small number.
    """
    if not isinstance(data, dict) or data.get("version") == expected:
        return None
    version = data.get("version")
    named = (
        f"version {version}"
        if isinstance(version, int) and not isinstance(version, bool) and 0 <= version < 10**6
        else "its version"
    )
    return f"{named} is not one this listbot reads (expected {expected})"


def type_name(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _describe(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def schema_problems(name: str, doc: Document, file: str) -> list[Problem]:
    """Every schema violation in ``doc``, each at the line of the offending key or value."""
    if is_valid(name, doc.data):
        return []
    validator = _strict_validator()(load_schema(name))
    problems: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        problems.extend(_to_problems(error, doc, file))
    # One error can surface twice through nested schemas; keep the first of each.
    unique = {(p.line, p.col, p.code, p.message): p for p in reversed(problems)}
    return sorted(unique.values(), key=Problem.sort_key)


@cache
def _strict_validator() -> Any:
    """Draft 2020-12 with "integer" meaning a whole number as written: ``year: 2018.0``
    (a float to YAML and to Python) is refused instead of crashing ``{year:02d}`` later."""
    from jsonschema import Draft202012Validator, validators

    checker = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool)
    )
    return validators.extend(
        Draft202012Validator,
        {"uniqueItems": _unique_items, "pattern": _pattern},
        type_checker=checker,
    )


@cache
def _ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A schema pattern as JSON Schema means it (ECMA-262): ``$`` is the end of the text.

    Python's ``$`` also matches before one trailing newline, so jsonschema let a title or
    link ending in ``\n`` through (the README then linked ``...%0A``), while
    fastjsonschema and every editor refused it. Our patterns use ``$`` only as their last
    character.
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not _ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """uniqueItems in linear time, for the lists of text our schemas declare unique.

    jsonschema compares unhashable items pairwise: 4,000 mixed lists and mappings in
    ``tags`` took 20 s. Items that are not text fail their own type check anyway, so
    uniqueness is only judged among text items.
    """
    from jsonschema.exceptions import ValidationError

    if not unique or not isinstance(instance, list):
        return
    seen: set[str] = set()
    for item in instance:
        if isinstance(item, str):
            if item in seen:
                yield ValidationError(f"{item!r} is listed more than once")
                return
            seen.add(item)


def _schema_at(error: Any) -> dict[str, Any]:
    schema: dict[str, Any] = error.schema
    return schema


def _to_problems(error: Any, doc: Document, file: str) -> Iterator[Problem]:
    path: Path = tuple(error.absolute_path)
    field = next((p for p in path if isinstance(p, str)), None)
    label = _describe(path)
    kind = error.validator
    if kind == "additionalProperties":
        allowed = list(_schema_at(error).get("properties", {}))
        for key in error.instance:
            if key not in allowed:
                line, col = doc.where((*path, key), key=True)
                where = f" in {label}" if path else ""
                hint = did_you_mean(str(key), allowed) or f"allowed keys: {', '.join(allowed)}"
                yield Problem(
                    file, line, col, "LB101", f"unknown key '{key}'{where}", suggestion=hint
                )
    elif kind == "enum" and "propertyNames" in error.schema_path:
        # jsonschema reports a bad key name against the key itself, at its parent's path.
        key = error.instance
        allowed = [str(v) for v in error.validator_value]
        line, col = doc.where((*path, key), key=True)
        hint = did_you_mean(str(key), allowed) or f"allowed: {', '.join(allowed)}"
        yield Problem(file, line, col, "LB101", f"unknown key '{key}' in {label}", suggestion=hint)
    elif kind == "required":
        line, col = doc.where(path)
        for key in error.validator_value:
            if key not in error.instance:
                where = f" in {label}" if path else ""
                yield Problem(file, line, col, "LB102", f"missing required key '{key}'{where}")
    elif kind == "type":
        line, col = doc.where(path)
        want = error.validator_value
        wanted = _TYPE_NAMES.get(want, str(want)) if isinstance(want, str) else "of another type"
        hint = None
        if (
            want == "integer"
            and isinstance(error.instance, str)
            and error.instance.strip().isdigit()
        ):
            hint = f"write {error.instance.strip()} without quotes"
        elif (
            want == "string"
            and error.instance is not None
            and not isinstance(error.instance, dict | list)
        ):
            hint = f'put the value in quotes: "{error.instance}"'
        elif want == "array" and isinstance(error.instance, str):
            hint = f"write a list: [{error.instance}]"
        yield Problem(
            file,
            line,
            col,
            "LB103",
            f"{label} must be {wanted}, not {type_name(error.instance)}",
            suggestion=hint,
        )
    else:
        line, col = doc.where(path)
        if field == "links" and kind in ("pattern", "maxLength"):
            yield Problem(
                file, line, col, "LB113", f"{label} {FIELD_RULES['links']}: {error.instance!r}"
            )
            return
        if kind == "uniqueItems":
            message = f"{label} lists the same item twice"
        elif kind in ("pattern", "minLength", "maxLength") and field in FIELD_RULES:
            rule = FIELD_RULES[field]
            if kind == "maxLength":
                rule = f"is too long (at most {error.validator_value} characters)"
            elif kind == "minLength":
                rule = "must not be empty"
            message = f"{label} {rule}"
            # a `doi:`/`https://doi.org/` or `arXiv:` prefix: fmt takes it off
            if (
                field in ("doi", "arxiv")
                and isinstance(error.instance, str)
                and field in error.instance.lower()
            ):
                yield Problem(
                    file, line, col, "LB104", message, suggestion="listbot fmt fixes this"
                )
                return
        elif kind == "maxItems":
            message = f"{label} has more than {error.validator_value} items"
        else:
            message = f"{label}: {error.message}"
        yield Problem(file, line, col, "LB104", message)
