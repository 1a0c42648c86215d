"""YAML syntax errors in plain words: what libyaml says -> what the contributor should do.

libyaml's messages describe its parser ("mapping values are not allowed in this
context"); a contributor needs the slip they made and its fix. ``explain`` looks at the
message and at the line it points to, and returns where to look, what is wrong and how
to fix it. The table (each row tested in ``tests/yamlhelp_test.py``):

====================================================  =====================================
libyaml says                                          listbot says
====================================================  =====================================
mapping values are not allowed in this context        the value of 'title' holds ': ': quote
  (after ``key: ``, on the same line)                   the title (``title: 'Ray: A ...'``)
mapping values are not allowed in this context        line N has no ':' after its key /
  (at the start of a line)                              wrong indentation
found a tab character that violates indentation       a tab is used to indent: use spaces
found unexpected end of stream (in a quoted scalar)   the quote opened here is never closed
could not find expected ':'                           line N has no ': ' after its key
did not find expected ',' or ']' (or '}')             a [list] is not closed
did not find expected key / expected <block end>      text after a closing quote; a value
                                                        starting with [ or {; a list item or
                                                        key not lined up (indentation)
found character that cannot start any token           a value cannot start with @ or `:
                                                        quote it
found unknown escape character                        a backslash in double quotes: use
                                                        single quotes
did not find expected <document start>                the first key is indented
====================================================  =====================================

Anything else keeps libyaml's words after "YAML syntax error:".
"""

from __future__ import annotations

import re

_KEY_VALUE = re.compile(r"^(\s*)([A-Za-z_][A-Za-z0-9_-]*):[ \t]+(\S.*?)\s*$")
_KEY = re.compile(r"^\s*(?:- )?[A-Za-z_][A-Za-z0-9_-]*:(?:\s|$)")

Explained = tuple[int, int, str, str | None]  # line, col, message, fix


def quoted(value: str) -> str:
    """``value`` as a single-quoted YAML scalar."""
    return "'" + value.replace("'", "''") + "'"


def explain(
    text: str,
    problem: str,
    context: str | None,
    line: int,
    col: int,
    context_at: tuple[int, int] | None = None,
) -> Explained:
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    kv = _KEY_VALUE.match(current)
    generic: Explained = (line, col, f"YAML syntax error: {problem}", None)

    if problem == "mapping values are not allowed in this context":
        if kv and col - 1 > kv.end(2):  # the ": " is inside the value
            key, value = kv.group(2), kv.group(3)
            return (
                line,
                kv.start(3) + 1,
                f"the value of '{key}' holds ': ', which YAML reads as another key: "
                f"quote the {key}",
                f"write {key}: {quoted(value)}",
            )
        before = _previous(lines, line)
        if (
            before is not None
            and not _KEY.match(lines[before - 1])
            and ":" not in lines[before - 1]
        ):
            return _missing_colon(lines, before)
        return _indentation(line, current)
    if "tab character" in problem:
        return (
            line,
            col,
            "a tab is used to indent this line; YAML indents with spaces only",
            "replace the tab with spaces (two per level)",
        )
    if problem == "found unexpected end of stream" and context and "quoted scalar" in context:
        at_line, at_col = context_at or (line, col)
        quote = lines[at_line - 1][at_col - 1 : at_col] if at_line <= len(lines) else '"'
        return (
            at_line,
            at_col,
            f"the quote {quote} opened here is never closed",
            f"end the value with {quote} on the same line",
        )
    if problem == "could not find expected ':'":
        at_line = context_at[0] if context_at else line
        row = lines[at_line - 1] if 0 < at_line <= len(lines) else ""
        if ":" in row:  # it has one: a key too long (over 1024 characters) for YAML
            return generic
        return _missing_colon(lines, at_line)
    if problem.startswith("did not find expected ',' or"):
        opener = "]" if "]" in problem else "}"
        at_line = context_at[0] if context_at else line
        return (
            at_line,
            context_at[1] if context_at else col,
            f"a {'[list]' if opener == ']' else '{mapping}'} is not closed with '{opener}' "
            "on its line",
            f"close it with '{opener}', or write one '- item' per line",
        )
    if problem == "did not find expected key" or problem.startswith("expected <block end>"):
        if kv:
            key, value = kv.group(2), kv.group(3)
            if value[0] in "\"'" and col - 1 > kv.start(3):
                return (
                    line,
                    col,
                    f"text after the closing quote of '{key}'",
                    f"put the whole value inside the quotes: {key}: "
                    f"{quoted(value.replace(value[0], ''))}",
                )
            if value[0] in "[{":
                what = "a list" if value[0] == "[" else "a mapping"
                return (
                    line,
                    kv.start(3) + 1,
                    f"a value that starts with '{value[0]}' is read as {what}: quote the {key}",
                    f"write {key}: {quoted(value)}",
                )
        return _indentation(line, current)
    if problem == "found character that cannot start any token":
        char = current[col - 1 : col] or "?"
        if kv and col - 1 >= kv.start(3):
            key, value = kv.group(2), kv.group(3)
            return (
                line,
                col,
                f"a value cannot start with '{char}': quote the {key}",
                f"write {key}: {quoted(value)}",
            )
        return (line, col, f"'{char}' cannot start a key or value", "quote the value")
    if problem == "found unknown escape character":
        return (
            line,
            col,
            "a backslash inside double quotes starts an escape such as \\n, and this one "
            "is not known",
            "use single quotes around the value, or write \\\\ for a backslash",
        )
    if "document start" in problem:
        first = next((i for i, row in enumerate(lines, 1) if row.strip()), 1)
        return (
            first,
            1,
            "the first key is indented, so the keys below it do not line up",
            "start every top-level key at the beginning of its line",
        )
    return generic


def _previous(lines: list[str], line: int) -> int | None:
    for number in range(line - 1, 0, -1):
        if lines[number - 1].strip() and not lines[number - 1].lstrip().startswith("#"):
            return number
    return None


def _missing_colon(lines: list[str], line: int) -> Explained:
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    word = row.strip().split(" ", 1)[0] if row.strip() else "key"
    return (
        line,
        len(row) - len(row.lstrip()) + 1,
        f"line {line} has no ':' after its key",
        f"write '{word}: ...' (a colon and a space after the key)",
    )


def _indentation(line: int, current: str) -> Explained:
    indent = len(current) - len(current.lstrip(" "))
    item = current.lstrip().startswith("-")
    return (
        line,
        indent + 1,
        "wrong indentation: this "
        + ("list item" if item else "line")
        + f" is indented by {indent} space{'s' if indent != 1 else ''} and does not line up "
        "with the lines above",
        "top-level keys start at the beginning of the line; keys under links: and list "
        "items under their key are indented by 2 spaces",
    )
