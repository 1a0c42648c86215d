"""A safe, bounded YAML reader that remembers where every key and value stands.

Entry files come from strangers, so this reader accepts plain data only:

- libyaml's *event* parser (iterative, so deep nesting cannot overflow the C stack the
  way its recursive composer does) feeds a small builder written here;
- no tags, anchors, aliases or directives (no objects constructed, no alias bombs, no
  ``%YAML 1.1`` that would make our writer read ``no`` as false);
- no control characters, in the bytes or in a value written with escapes (``"\\e[31m"``),
  so nothing an entry says can drive a terminal or forge a CI log line;
- one document, a depth limit, a size limit, UTF-8 without NUL or control bytes;
- duplicate keys are an error, not "last one wins";
- plain scalars resolve by the YAML 1.2 core schema, as ruamel.yaml (our writer) does,
  so ``no`` stays a string and ``2018`` is an integer.

Positions are 1-based ``(line, col)`` keyed by JSON path, e.g. ``("links", "code")``::

    doc = parse_yaml(b"title: Ray\\nyear: 2018\\n")
    doc.data["year"]           # 2018
    doc.pos[("year",)]         # (2, 7)   where the value starts
    doc.keypos[("year",)]      # (2, 1)   where its key starts
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_BYTES = 64 * 1024
MAX_DEPTH = 16

Path = tuple[str | int, ...]
Pos = tuple[int, int]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)\Z")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"^0o[0-7]+\Z")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)
# Control characters other than tab, LF and CR; libyaml rejects most, we say so plainly.
# Also the bidirectional embeddings, overrides and isolates: they reorder how the text
# around them is displayed ("Trojan Source"), in an editor, a diff or the README.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]"
)


def has_control(text: str) -> bool:
    """Whether ``text`` holds a character no entry may hold (controls, bidi overrides)."""
    return _CONTROL.search(text) is not None


def show_controls(text: str) -> str:
    """``text`` with each such character spelled out (``<U+202E>``), so it cannot act."""
    return _CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


class LoadFailure(NamedTuple):
    code: str
    message: str
    line: int = 1
    col: int = 1
    hint: str | None = None  # the fix, when one is known ("write title: 'Ray: ...'")


@dataclass(frozen=True)
class Document:
    data: Any
    pos: dict[Path, Pos] = field(default_factory=dict)
    keypos: dict[Path, Pos] = field(default_factory=dict)

    def where(self, path: Path, *, key: bool = False) -> Pos:
        """The position of ``path`` (its key with ``key=True``), else of its nearest parent."""
        table = self.keypos if key else self.pos
        while path:
            if path in table:
                return table[path]
            if path in self.pos:
                return self.pos[path]
            path = path[:-1]
        return self.pos.get((), (1, 1))


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar by the YAML 1.2 core schema."""
    if not value:
        return None
    first = value[0]
    if first in "0123456789+-.":
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            special = value.lstrip("+-").lower()
            if special == ".inf":
                return float("-inf") if first == "-" else float("inf")
            if special == ".nan":
                return float("nan")
            return float(value)
        if _INT_OCT.match(value):
            return int(value[2:], 8)
        if _INT_HEX.match(value):
            return int(value[2:], 16)
        return value
    if first in "tTfF":
        return _BOOL.get(value, value)
    if first in "~nN" and _NULL.match(value):
        return None
    return value


def _control_name(char: str) -> str:
    return "NUL byte" if char == "\x00" else f"control character U+{ord(char):04X}"


def decode(raw: bytes) -> str | LoadFailure:
    """Bytes to text, refusing what an entry file must never hold."""
    if len(raw) > MAX_BYTES:
        return LoadFailure(
            "LB002", f"file is {len(raw):,} bytes; entries are limited to {MAX_BYTES:,}"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        return LoadFailure("LB003", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line, col)
    bad = _CONTROL.search(text)
    if bad is not None:
        line, col = _line_col(text, bad.start())
        return LoadFailure("LB003", f"{_control_name(bad.group())} is not allowed", line, col)
    tab = text.find("\t")
    if tab >= 0:
        # libyaml takes a tab inside a plain value ('venue: Euro<TAB>Sys'), ruamel (our
        # writer) does not: such a file passed validate and then crashed fmt.
        line, col = _line_col(text, tab)
        return LoadFailure("LB003", "tab character; use spaces", line, col)
    return text


def _line_col(text: str | bytes, index: int) -> Pos:
    nl: Any = b"\n" if isinstance(text, bytes) else "\n"
    line = text.count(nl, 0, index) + 1
    start = text.rfind(nl, 0, index) + 1
    return line, index - start + 1


def parse_yaml(raw: bytes | str, *, max_depth: int = MAX_DEPTH) -> Document | LoadFailure:
    """Parse one YAML document of plain data; every failure is a value, never an exception."""
    text = raw if isinstance(raw, str) else decode(raw)
    if isinstance(text, LoadFailure):
        return text
    try:
        return _build(text, max_depth)
    except yaml.MarkedYAMLError as exc:
        from listbot.yamlhelp import explain

        mark: Any = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = exc.problem or exc.context or "cannot be parsed"
        if "nesting depth" in what:  # newer libyaml has its own limit, below ours
            return LoadFailure("LB005", "nesting is too deep", line, col)
        at: Any = exc.context_mark
        context_at = (at.line + 1, at.column + 1) if at is not None else None
        line, col, message, hint = explain(text, what, exc.context, line, col, context_at)
        return LoadFailure("LB004", message, line, col, hint)
    except yaml.YAMLError as exc:  # reader errors carry no mark attribute of the same shape
        return LoadFailure("LB004", f"YAML error: {str(exc).splitlines()[0]}")
    except RecursionError:  # pragma: no cover - the builder is iterative; belt and braces
        return LoadFailure("LB005", "nesting is too deep")


# Event classes, bound once: identity checks are the hot path.
_SCALAR = yaml.ScalarEvent
_MAP_START = yaml.MappingStartEvent
_MAP_END = yaml.MappingEndEvent
_SEQ_START = yaml.SequenceStartEvent
_SEQ_END = yaml.SequenceEndEvent
_ALIAS = yaml.AliasEvent
_DOC_START = yaml.DocumentStartEvent


def _build(text: str, max_depth: int) -> Document | LoadFailure:
    pos: dict[Path, Pos] = {}
    keypos: dict[Path, Pos] = {}
    # Each frame: [container, path, pending key or None]
    stack: list[list[Any]] = []
    root: Any = None
    docs = 0
    parser = _Parser(text)
    try:
        while True:
            ev: Any = parser.get_event()  # the event classes differ in attributes
            if ev is None:
                break
            cls = ev.__class__
            mark: Any = ev.start_mark
            if cls is _SCALAR:
                if ev.anchor is not None or ev.tag is not None:
                    return _feature(ev, "tags and anchors are not allowed")
                # A quoted value can spell control characters as escapes ("\e", "\x85");
                # line breaks and tabs stay, for the schema to judge where they may be.
                bad = _CONTROL.search(ev.value) if ev.style else None
                if bad is not None:
                    return LoadFailure(
                        "LB003",
                        f"{_control_name(bad.group())} is not allowed (written as an escape)",
                        mark.line + 1,
                        mark.column + 1,
                    )
                try:
                    value = ev.value if ev.style else resolve_plain(ev.value)
                except ValueError:  # an integer beyond Python's 4,300-digit conversion limit
                    return LoadFailure(
                        "LB004", "number has too many digits", mark.line + 1, mark.column + 1
                    )
            elif cls is _MAP_START or cls is _SEQ_START:
                if ev.anchor is not None or (ev.tag is not None and not ev.implicit):
                    return _feature(ev, "tags and anchors are not allowed")
                if len(stack) >= max_depth:
                    return LoadFailure(
                        "LB005",
                        f"nesting deeper than {max_depth} levels",
                        mark.line + 1,
                        mark.column + 1,
                    )
                value = {} if cls is _MAP_START else []
            elif cls is _MAP_END or cls is _SEQ_END:
                stack.pop()
                continue
            elif cls is _ALIAS:
                return _feature(ev, "aliases are not allowed")
            elif cls is _DOC_START:
                if ev.version is not None or ev.tags:
                    return _feature(ev, "directives such as %YAML and %TAG are not allowed")
                docs += 1
                if docs > 1:
                    return LoadFailure(
                        "LB007",
                        "more than one YAML document (remove the extra '---')",
                        mark.line + 1,
                        mark.column + 1,
                    )
                continue
            else:
                continue
            where = (mark.line + 1, mark.column + 1)
            if not stack:
                root = value
                path: Path = ()
                pos[path] = where
            else:
                frame = stack[-1]
                container = frame[0]
                if container.__class__ is dict:
                    key = frame[2]
                    if key is None:
                        if cls is not _SCALAR:
                            return LoadFailure("LB005", "keys must be plain text", *where)
                        key = ev.value
                        kpath = (*frame[1], key)
                        if key in container:
                            first = keypos[kpath]
                            return LoadFailure(
                                "LB006",
                                f"duplicate key '{key}' (first at line {first[0]})",
                                *where,
                            )
                        keypos[kpath] = where
                        container[key] = None
                        frame[2] = key
                        continue
                    path = (*frame[1], key)
                    container[key] = value
                    frame[2] = None
                else:
                    path = (*frame[1], len(container))
                    container.append(value)
                pos[path] = where
            if cls is not _SCALAR:
                stack.append([value, path, None])
    finally:
        parser.dispose()
    if docs == 0:
        return LoadFailure("LB008", "file is empty; an entry is a mapping such as 'title: ...'")
    return Document(root, pos, keypos)


def _feature(ev: Any, message: str) -> LoadFailure:
    mark = ev.start_mark
    return LoadFailure("LB005", message, mark.line + 1, mark.column + 1)
