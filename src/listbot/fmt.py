"""The canonical form of an entry file: key order, block style, quoting, normalized values.

``format_entry`` is the authority: a ruamel.yaml round trip that keeps comments, puts
keys in the documented order, writes lists in block style, lets the emitter choose the
quoting, and normalizes values (venue aliases to their key, ``https://doi.org/`` and
``arXiv:`` prefixes dropped).

A round trip costs milliseconds a file, too slow to *check* 10,000 files. So
``is_formatted`` first writes the canonical text itself from the parsed data (cheap
string work) and compares. That emitter answers only when sure: for any value whose
quoting it cannot predict it returns ``None`` and the file goes to the round trip. A
property test holds the fast emitter to the round trip's output.
"""

from __future__ import annotations

import functools
import io
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from listbot.config import Config
from listbot.entries import FIELD_ORDER, LINK_ORDER
from listbot.errors import InputError
from listbot.yamlsafe import Document, resolve_plain

if TYPE_CHECKING:
    from ruamel.yaml import YAML

_HEADER = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n)*")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ARXIV_PREFIX = re.compile(r"^(?:arxiv:\s*|https?://arxiv\.org/abs/)", re.IGNORECASE)

# Scalars the emitter may leave unquoted: a conservative subset of YAML's plain scalars.
_SAFE_CHARS = re.compile(
    r"^[ -~\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u00b2\u00b3\u00b9\u2013\u2014]*\Z"
)
_NUMBERISH = re.compile(r"^[-+0-9.:_ eExXoObBa-fA-F]+\Z")
_QUOTED_WORDS = {"true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~"}
_UNSURE_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "nan", "inf"}


def _plain_first(char: str) -> bool:
    """Whether a plain scalar may start with ``char``: A-Z a-z 0-9 ( or U+00A0-U+FFFF.

    A function, not the regex ``[A-Za-z0-9(\u00a0-\uffff]``: compiling that character
    class took 7 ms at import, a thirtieth of a warm ``check`` of 10,000 entries.
    """
    return (
        "a" <= char <= "z"
        or "A" <= char <= "Z"
        or "0" <= char <= "9"
        or char == "("
        or "\u00a0" <= char <= "\uffff"
    )


def split_header(text: str) -> tuple[str, str]:
    """Leading comment and blank lines (e.g. the yaml-language-server line), and the rest."""
    match = _HEADER.match(text)
    end = match.end() if match else 0
    return text[:end], text[end:]


def normalize(data: Mapping[str, Any], config: Config) -> dict[str, Any]:
    """Canonical values in canonical key order (unknown keys last, as they are)."""
    out: dict[str, Any] = {}
    for key in (*FIELD_ORDER, *(k for k in data if k not in FIELD_ORDER)):
        if key not in data:
            continue
        value = data[key]
        if key == "venue" and isinstance(value, str):
            value = config.normalize_venue(value) or value
        elif key == "doi" and isinstance(value, str):
            value = _DOI_PREFIX.sub("", value.strip())
        elif key == "arxiv" and isinstance(value, str):
            value = _ARXIV_PREFIX.sub("", value.strip())
        elif key == "links" and isinstance(value, Mapping):
            value = {
                k: value[k]
                for k in (*LINK_ORDER, *(k for k in value if k not in LINK_ORDER))
                if k in value
            }
        out[key] = value
    return out


# The common cases, decided by one match: names and words, and http(s) URLs.
_SIMPLE_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.()/+&-]*[A-Za-z0-9).]\Z")
_SIMPLE_URL = re.compile(r"^https?://[A-Za-z0-9._~/?=&%+-]+\Z")


def scalar(value: Any) -> str | None:
    """How the round trip writes ``value``, or ``None`` when not sure."""
    if value.__class__ is str:
        if _SIMPLE_URL.match(value):
            return value
        if (
            _SIMPLE_PLAIN.match(value)
            and "  " not in value
            and (len(value) > 5 or value.lower() not in _UNSURE_WORDS)
        ):
            return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str) or not value or not _SAFE_CHARS.match(value):
        return None
    if value != value.strip() or "  " in value:
        return None
    if value.lower() in _UNSURE_WORDS and value not in _QUOTED_WORDS:
        return None
    resolves = not isinstance(resolve_plain(value), str)  # a number, bool or null if plain
    if not resolves and _NUMBERISH.match(value) and value[0] in "0123456789+-.":
        return None  # number-like text that another resolver (1_000, 1:20) might read
    if not _plain_first(value[0]) or value.endswith(":"):
        return None  # indicator characters: the writer's rules are subtle here
    needs_quotes = resolves or ": " in value or " #" in value
    if not needs_quotes:
        # Plain, unless it starts with an indicator or looks numeric: whether ruamel
        # quotes '===' or '1-2' is its own business, so say "not sure".
        if not _plain_first(value[0]):
            return None
        if _NUMBERISH.match(value) and value[0] in "0123456789+-.":
            return None
        return value
    if "'" in value or "\\" in value:
        return None
    return f"'{value}'"


def emit(data: Mapping[str, Any]) -> str | None:
    """Canonical YAML for already-normalized entry data, or ``None`` when not sure."""
    lines: list[str] = []
    for key, value in data.items():
        if key not in FIELD_ORDER:
            return None
        if isinstance(value, list):
            if not value:
                return None
            lines.append(f"{key}:")
            for item in value:
                text = scalar(item)
                if text is None:
                    return None
                lines.append(f"  - {text}")
        elif isinstance(value, dict):
            if not value:
                return None
            lines.append(f"{key}:")
            for sub, item in value.items():
                text = scalar(item)
                if text is None or not _LINK_KEY.match(sub):
                    return None
                lines.append(f"  {sub}: {text}")
        else:
            text = scalar(value)
            if text is None:
                return None
            lines.append(f"{key}: {text}")
    return "\n".join(lines) + "\n"


_LINK_KEY = re.compile(r"^[a-z]+\Z")
_KEY_LINE = re.compile(r"^([a-z]+):(?: (.+))?\Z")
_SUB_LINE = re.compile(r"^  ([a-z]+): (.+)\Z")
_BAD = object()


def _canonical_value(text: str) -> Any:
    if text[0] == "'":
        inner = text[1:-1]
        return inner if len(text) >= 2 and text[-1] == "'" and "'" not in inner else _BAD
    try:
        return resolve_plain(text)
    except ValueError:  # an integer too long to convert: the YAML reader reports it
        return _BAD


def read_canonical(text: str, config: Config) -> Document | None:
    """Read a file that is already in canonical form, without a YAML parser; else ``None``.

    Canonical files (nearly every file of a maintained list) have a fixed line shape:
    ``key: value``, ``key:`` followed by ``  - item`` or ``  sub: value`` lines. This
    reads them line by line, then accepts the result only if the canonical emitter
    writes back exactly the same text (so a comment cannot slip through: the emitter
    writes none, and would quote a value holding one). That makes it sound: the emitter's output is
    held (by a property test) to parse, with any YAML parser, into the data it was
    written from, so the data read here is the data YAML would read. Anything else
    (comments in the body, other styles, odd values) returns ``None`` and goes to the
    YAML reader.
    """
    header, body = split_header(text)
    if not body.endswith("\n"):
        return None
    line_no = header.count("\n")
    data: dict[str, Any] = {}
    pos: dict[tuple[str | int, ...], tuple[int, int]] = {(): (line_no + 1, 1)}
    keypos: dict[tuple[str | int, ...], tuple[int, int]] = {}
    block: Any = None  # the list or mapping the indented lines belong to
    block_key = ""
    opened = False  # a "key:" line waits for its first indented line
    for line in body[:-1].split("\n"):
        line_no += 1
        if line.startswith("  - "):
            if opened:
                block = data[block_key] = []
                pos[(block_key,)] = (line_no, 3)
                opened = False
            if block.__class__ is not list:
                return None
            value = _canonical_value(line[4:])
            if value is _BAD:
                return None
            pos[(block_key, len(block))] = (line_no, 5)
            block.append(value)
        elif line.startswith("  "):
            match = _SUB_LINE.match(line)
            if match is None:
                return None
            if opened:
                block = data[block_key] = {}
                pos[(block_key,)] = (line_no, 3)
                opened = False
            sub, raw_value = match.groups()
            if block.__class__ is not dict or sub in block:
                return None
            value = _canonical_value(raw_value)
            if value is _BAD:
                return None
            keypos[(block_key, sub)] = (line_no, 3)
            pos[(block_key, sub)] = (line_no, len(sub) + 5)
            block[sub] = value
        else:
            if opened:
                return None  # "key:" with nothing under it
            match = _KEY_LINE.match(line)
            if match is None or match.group(1) in data:
                return None
            key, raw_value = match.groups()
            keypos[(key,)] = (line_no, 1)
            block = None
            if raw_value is None:
                block_key, opened = key, True
                data[key] = None
                continue
            value = _canonical_value(raw_value)
            if value is _BAD:
                return None
            pos[(key,)] = (line_no, len(key) + 3)
            data[key] = value
    if opened or emit(normalize(data, config)) != body:
        return None
    return Document(data, pos, keypos)


SCHEMA_HEADER = "# yaml-language-server: $schema=../schema/entry.schema.json\n"


def published_schema_url() -> str:
    """Where the entry schema is published: its ``$id``."""
    import json

    from listbot.schemacheck import schema_text

    url: str = json.loads(schema_text("entry"))["$id"]
    return url


def schema_header(config: Config) -> str:
    """The editor hint line, pointing from the entries folder to ``schema/entry.schema.json``.

    A list without that file (most adopters: only listbot carries a ``schema/`` folder)
    points at the published schema's URL instead, so the hint works there too.
    """
    schema = (config.root / "schema" / "entry.schema.json").resolve()
    if not schema.is_file():
        return f"# yaml-language-server: $schema={published_schema_url()}\n"
    try:
        relative = Path(os.path.relpath(schema, config.entries_path.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return SCHEMA_HEADER
    return f"# yaml-language-server: $schema={relative}\n"


def entry_text(data: Mapping[str, Any], config: Config) -> str:
    """A new entry file holding ``data``, exactly as ``listbot fmt`` writes it.

    The fast emitter when it is sure of the canonical text (thousands of files a
    second), else a ruamel.yaml dump put through ``format_entry``. Used by import, add
    and new: every file listbot creates has the same header and form.
    """
    header = schema_header(config)
    fast = emit(normalize(data, config))
    if fast is not None:
        return header + fast
    out = io.StringIO()
    _yaml().dump({k: (dict(v) if isinstance(v, Mapping) else v) for k, v in data.items()}, out)
    return format_entry(header + out.getvalue(), config)


def is_formatted(text: str, data: Mapping[str, Any], config: Config) -> bool:
    """Whether ``format_entry(text)`` would leave ``text`` as it is; fast for most files."""
    _header, body = split_header(text)
    # The fast emitter can only confirm: a body that differs from its text may still be
    # what the round trip writes (e.g. ``year: 0o3742``, which ruamel keeps as written).
    if "#" not in body and body == emit(normalize(data, config)):
        return True
    return format_entry(text, config) == text


_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):")


def describe_difference(text: str, canonical: str) -> tuple[int, int, str]:
    """Where ``text`` first differs from its canonical form, and how, in a few words.

    ``(line, col, what)``: trailing whitespace, quoting, key order, a normalized value,
    or else the two versions of the first differing line.
    """
    if not text.endswith("\n") and text.rstrip("\n") == canonical.rstrip("\n"):
        return text.count("\n") + 1, 1, "the last line has no line break at its end"
    if "\r\n" in text and text.replace("\r\n", "\n") == canonical:
        return 1, len(text.split("\n", 1)[0]), "lines end with CRLF (Windows); write LF"
    keys = [m.group(1) for line in text.splitlines() if (m := _TOP_KEY.match(line))]
    wanted = [m.group(1) for line in canonical.splitlines() if (m := _TOP_KEY.match(line))]
    a, b = text.splitlines(), canonical.splitlines()
    if keys != wanted and sorted(keys) == sorted(wanted):
        first = next(i for i, (x, y) in enumerate(zip(keys, wanted, strict=True)) if x != y)
        line = next(i for i, row in enumerate(a, 1) if row.startswith(f"{keys[first]}:"))
        return (
            line,
            1,
            f"keys are not in the canonical order: '{wanted[first]}' comes before "
            f"'{keys[first]}' (order: {', '.join(wanted)})",
        )
    for i, (old, new) in enumerate(zip(a, b, strict=False)):
        if old == new:
            continue
        col = next((j for j, (x, y) in enumerate(zip(old, new, strict=False)) if x != y), None)
        col = min(len(old), len(new)) if col is None else col
        if old.rstrip() == new:
            return i + 1, len(new) + 1, "trailing whitespace"
        if _unquoted(old) == _unquoted(new):
            return i + 1, col + 1, f"quoting (the line should read: {new.strip()})"
        return i + 1, col + 1, f"the line should read: {new.strip()}"
    if len(a) != len(b):
        line = min(len(a), len(b)) + 1
        extra = "blank lines or lines at the end" if len(a) > len(b) else "a line missing"
        return line, 1, f"{extra} (line {line})"
    return 1, 1, "layout differs from the canonical form"


def _unquoted(line: str) -> str:
    return line.replace('"', "").replace("'", "").replace("\\", "")


@functools.cache
def _representer() -> type:
    """ruamel's round-trip representer, except that text listbot's reader would take for
    a number, bool or null when plain is quoted: ruamel resolves plain scalars its own way
    and wrote the title ``.1e3`` plain, which the YAML 1.2 core schema reads as 100.0."""
    from ruamel.yaml.representer import RoundTripRepresenter

    class Representer(RoundTripRepresenter):
        pass

    def represent_str(representer: RoundTripRepresenter, value: str) -> Any:
        if not isinstance(resolve_plain(value), str):
            return representer.represent_scalar("tag:yaml.org,2002:str", value, style="'")
        return RoundTripRepresenter.represent_str(representer, value)

    Representer.add_representer(str, represent_str)
    return Representer


def _yaml() -> YAML:
    """A fresh round-trip instance per file: ruamel keeps state between documents (a
    ``%YAML 1.1`` directive read once was written into every later file's output)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Representer = _representer()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = False
    yaml.allow_unicode = True
    return yaml


def format_entry(text: str, config: Config) -> str:
    """The canonical text of a (schema-valid) entry file, comments kept.

    InputError when ruamel cannot read what our reader accepted (none known; a guard)."""
    from ruamel.yaml import YAMLError
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    # The leading comments and blank lines (the yaml-language-server line) stay exactly as
    # they are: ruamel dropped a leading blank line on each run, so fmt never settled.
    header, text = split_header(text)
    yaml = _yaml()
    try:
        # ruamel loses a comment between a key and its value, or gives up on it ("overlap
        # in comment"); written after the value, the same comment is kept.
        data = yaml.load(hoist_key_comments(text))
    except YAMLError as exc:  # our reader accepted it; ruamel reads YAML a little differently
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot be formatted: {reason}") from None
    if not isinstance(data, CommentedMap):
        return header + text
    canonical = normalize(data, config)
    _reorder(data, list(canonical), canonical)
    data.fa.set_block_style()  # a file written as one flow mapping ({...}, JSON) too
    for value in data.values():
        if isinstance(value, CommentedSeq | CommentedMap):
            value.fa.set_block_style()
    out = io.StringIO()
    yaml.dump(data, out)
    return header + out.getvalue()


# "key:" (perhaps "key: # comment"), and a one-line scalar value on a deeper line below it,
# perhaps with comment lines and blank lines in between.
_KEY_ALONE = re.compile(r"^( *)([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(#.*))?[ \t]*$")
_BETWEEN = re.compile(r"^[ \t]*(#.*)?$")
_SCALAR_LINE = re.compile(
    r"^( +)("
    r'"(?:[^"\\]|\\.)*"'  # double-quoted
    r"|'(?:[^']|'')*'"  # single-quoted
    r"|[^\s#\-\[\]{}&*!|>%@`\"'](?:[^\s:]|[ \t]+(?=[^\s#])|:(?! ))*"  # plain, no comment
    r")(?:[ \t]+(#.*))?[ \t]*$"
)


def hoist_key_comments(text: str) -> str:
    """Comments between a key and its one-line value, moved where the round trip keeps them.

    ``key: # c`` / comment lines / blank lines / ``  value`` becomes the comment lines
    (above the key) and ``key: value # c``. ruamel drops such comments, or raises
    NotImplementedError ("overlap in comment") on them. The rewrite must leave the data
    as listbot's reader sees it unchanged, else the text is returned as it was.
    """
    from listbot.yamlsafe import parse_yaml

    lines = text.split("\n")
    out: list[str] = []
    i = 0
    changed = False
    while i < len(lines):
        key = _KEY_ALONE.match(lines[i])
        j = i + 1
        while key is not None and j < len(lines) and _BETWEEN.match(lines[j]):
            j += 1
        value = _SCALAR_LINE.match(lines[j]) if key is not None and j < len(lines) else None
        after = lines[j + 1] if j + 1 < len(lines) else ""
        if (
            key is not None
            and value is not None
            and (key.group(3) or j > i + 1)  # something between the key and its value
            and len(value.group(1)) > len(key.group(1))
            and not value.group(2).endswith(":")
            # the value ends on its line: what follows is blank, a comment or the next key
            and (
                not after.strip()
                or after.lstrip().startswith("#")
                or len(after) - len(after.lstrip(" ")) <= len(key.group(1))
            )
        ):
            indent = key.group(1)
            out += [indent + line.strip() for line in lines[i + 1 : j] if line.strip()]
            comments = " ".join(c for c in (key.group(3), value.group(3)) if c)
            out.append(
                f"{indent}{key.group(2)}: {value.group(2)}" + (f" {comments}" if comments else "")
            )
            i = j + 1
            changed = True
            continue
        out.append(lines[i])
        i += 1
    if not changed:
        return text
    hoisted = "\n".join(out)
    before, after_doc = parse_yaml(text), parse_yaml(hoisted)
    same = (
        isinstance(before, Document)
        and isinstance(after_doc, Document)
        and before.data == after_doc.data
    )
    return hoisted if same else text


def _reorder(target: Any, order: list[str], values: Mapping[str, Any]) -> None:
    """Rebuild ``target`` (a CommentedMap) in ``order``, keeping each key's comments."""
    from ruamel.yaml.comments import CommentedMap

    values = {key: values[key] for key in order}  # a copy: ``values`` may be ``target`` itself
    items = [(key, target[key]) for key in order]
    comments = {key: target.ca.items.get(key) for key in order}
    for key in list(target):
        del target[key]
    for key, old in items:
        new = values[key]
        if isinstance(old, CommentedMap) and isinstance(new, Mapping):
            _reorder(old, list(new), new)
            target[key] = old
        elif isinstance(old, str) and isinstance(new, str) and old != new:
            target[key] = new
        else:
            target[key] = old
        if comments[key] is not None:
            target.ca.items[key] = comments[key]
