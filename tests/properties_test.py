"""Properties of the loader, validator, renderer and formatter, over generated inputs.

- any bytes in an entry file: ``validate`` exits 0 or 1, names the file, shows no traceback,
  and each example stays under a deadline (memory bounds: hostile_test's rlimit run);
- any valid entry, however hostile its text: the README gains no link, image, HTML,
  heading, table or autolink from it, its line reads back as exactly its text, and
  rendering is stable;
- the fast canonical emitter agrees with the ruamel round trip, and ``is_formatted``
  with ``format_entry(text) == text``; formatting keeps the data and is idempotent.

Example counts are modest here; ``benchmarks/fuzz_entries.py`` runs the same properties
for as long as you like.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

import mdcheck
import strategies
from listbot import render
from listbot.cli import main
from listbot.entries import Entry
from listbot.fmt import emit, format_entry, is_formatted, normalize
from listbot.render import BEGIN, END, paper_line, render_list, splice
from listbot.validate import check_entry
from listbot.yamlsafe import Document, parse_yaml

CONFIG = strategies.CONFIG
THIS_YEAR = 2026
BOUNDED = settings(
    max_examples=100,
    deadline=timedelta(seconds=5),  # generous on a shared 2-core machine; catches runaways
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- any bytes -> validate ----------------------------------------------------------------


class _ListDir:
    """One throwaway list reused across examples (hypothesis cannot use tmp_path)."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="listbot-prop-")
        self.root = Path(self._tmp.name)
        (self.root / "entries").mkdir()
        (self.root / "listbot.yml").write_text(json.dumps(strategies.CONFIG_DATA))
        (self.root / "README.md").write_text(f"{BEGIN}\n{END}\n")

    def validate(self, raw: bytes) -> tuple[int, str, str]:
        (self.root / "entries" / "x.yaml").write_bytes(raw)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(
                ["--config", str(self.root / "listbot.yml"), "validate", "--no-cache"],
                env={},
                today=date(THIS_YEAR, 11, 28),
            )
        return code, out.getvalue(), err.getvalue()


_LIST = _ListDir()


@BOUNDED
@given(strategies.entry_bytes)
def test_any_bytes_validate_cleanly(raw: bytes) -> None:
    code, out, err = _LIST.validate(raw)
    assert err == ""
    assert "Traceback" not in out
    assert code in (0, 1)
    # a syntax error is followed by its line and a caret, indented: not a problem line
    problems = [line for line in out.splitlines()[:-1] if not line.startswith("  ")]
    assert all(line.startswith("entries/x.yaml:") for line in problems), problems
    if code == 1:
        assert problems
    assert out.endswith(
        ("entries are fine\n", "entry is fine\n", "file checked\n", "files checked\n")
    )


@settings(BOUNDED, max_examples=100)
@given(strategies.entry_bytes)
def test_check_entry_never_raises_and_fmt_keeps_valid_data(raw: bytes) -> None:
    result = check_entry("entries/x.yaml", raw, CONFIG, this_year=THIS_YEAR)
    errors = [p for p in result.problems if p.severity == "error"]
    for problem in result.problems:
        assert problem.line >= 1 and problem.col >= 1
        assert "\n" not in problem.text()
    if not errors:
        assert result.entry is not None
    if result.entry is not None and result.doc is not None:
        # Whatever the reader accepts as an entry, fmt can format without changing its data.
        text = raw.decode("utf-8-sig")
        formatted = format_entry(text, CONFIG)
        assert _parse(formatted).data == normalize(result.doc.data, CONFIG)
        assert format_entry(formatted, CONFIG) == formatted


# --- valid entries -> render ---------------------------------------------------------------


def _entry(data: dict[str, Any]) -> Entry:
    raw = json.dumps(data, ensure_ascii=False).encode()
    result = check_entry("entries/x.yaml", raw, CONFIG, this_year=THIS_YEAR)
    assert [p for p in result.problems if p.severity == "error"] == [], (data, result.problems)
    assert result.entry is not None
    return result.entry


def _expected_text(entry: Entry) -> str:
    def plain(text: str) -> str:
        return " ".join(text.split())

    head = f"{plain(entry.title)} ({entry.venue}'{entry.year % 100:02d})"
    shown = [k for k in CONFIG.render.links if entry.link(k)]
    text = head + (" " + " · " * (len(shown) - 1) if shown else "")
    if entry.note:
        text += f" — {plain(entry.note)}"
    return text


@BOUNDED
@given(strategies.valid_entry())
def test_valid_entry_renders_as_literal_text(data: dict[str, Any]) -> None:
    entry = _entry(data)
    line = paper_line(entry, CONFIG)
    read = mdcheck.read_line(line)
    assert read.markup == [], line
    assert read.text.rstrip() == _expected_text(entry).rstrip(), line
    assert " ".join(entry.title.split()) in read.text
    kinds = [k for k in CONFIG.render.links if entry.link(k)]
    assert [label for label, _href in read.links] == kinds, line
    for (_label, href), kind in zip(read.links, kinds, strict=True):
        assert mdcheck.same_target(href, str(entry.link(kind))), (href, entry.link(kind))


@settings(BOUNDED, max_examples=40)
@given(st.lists(strategies.valid_entry(), min_size=1, max_size=5))
def test_readme_gains_no_markup_and_renders_stably(items: list[dict[str, Any]]) -> None:
    entries = [
        Entry.create(f"entries/e{i}.yaml", _entry(data).to_data()) for i, data in enumerate(items)
    ]
    block = render_list(entries, CONFIG)
    readme = splice(f"# List\n\n{BEGIN}\n{END}\n\nMore.\n", block)
    assert mdcheck.readme_markup(readme, categories=len(CONFIG.categories)) == []
    # Stable: the same README again, whatever the input order; splicing twice changes nothing.
    assert render_list(list(reversed(entries)), CONFIG) == block
    assert splice(readme, block) == readme
    assert readme.count(BEGIN) == 1 and readme.count(END) == 1


@settings(BOUNDED, max_examples=200)
@given(strategies.one_line(400))
def test_escape_reads_back_literally(text: str) -> None:
    """escape() alone, on any line the schema allows: a paragraph that reads as the text."""
    tokens = mdcheck.parser().parse("x " + render.escape(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert [c.type for c in children if c.type != "text"] == []
    assert "".join(c.content for c in children) == "x " + " ".join(text.split())


# --- fmt: fast emitter vs round trip ---------------------------------------------------------


def _parse(text: str) -> Document:
    doc = parse_yaml(text.encode())
    assert isinstance(doc, Document), (text, doc)
    return doc


@settings(BOUNDED, max_examples=80, suppress_health_check=list(HealthCheck))
@given(strategies.valid_entry(aliases=True, mild=True))
# Found by this test: emit quoted '===' where the round trip writes it plain.
@example({"title": "===", "venue": "MLSys", "year": 1950, "category": "deep-learning"})
def test_emit_agrees_with_round_trip(data: dict[str, Any]) -> None:
    canonical = normalize(data, CONFIG)
    text = emit(canonical)
    assume(text is not None)
    assert text is not None
    event("emit answered")
    assert format_entry(text, CONFIG) == text
    assert _parse(text).data == canonical


def _styles(data: dict[str, Any], style: int, comments: bool) -> str:
    """The same data written the ways people (and tools) write YAML."""
    if style == 5:  # an octal year, which the round trip keeps as written
        return "".join(
            f"{k}: {'0o3742' if k == 'year' else json.dumps(v, ensure_ascii=False)}\n"
            for k, v in data.items()
        )
    if style == 0:
        text = json.dumps(data, ensure_ascii=False, indent=None) + "\n"
    elif style == 1:
        text = json.dumps(data, ensure_ascii=True, indent=2) + "\n"
    else:
        default_style = {2: None, 3: "'", 4: '"'}[style]
        text = yaml.safe_dump(
            data,
            sort_keys=False,
            allow_unicode=True,
            width=4096,
            default_flow_style=False,
            default_style=default_style,
        )
    if comments:
        lines = text.splitlines()
        text = (
            "# header comment\n"
            + "\n".join(
                line
                + (
                    " # c"
                    if i % 2 and not line.rstrip().endswith((":", "|", ">", "{", "[", ","))
                    else ""
                )
                for i, line in enumerate(lines)
            )
            + "\n"
        )
    return text


@settings(BOUNDED, max_examples=60)
@given(
    st.one_of(
        strategies.valid_entry(aliases=True), strategies.valid_entry(aliases=True, mild=True)
    ),
    st.integers(0, 4),
    st.booleans(),
)
# Found by this test: a file written as one flow mapping (JSON) stayed flow, and with
# comments its formatted text changed again on a second run.
@example(
    {
        "title": "[x]",
        "venue": "MLSys",
        "year": 1950,
        "category": "training",
        "links": {"paper": "http://0"},
    },
    1,
    True,
)
# 'year: 0o3742' is kept by the round trip, but the fast emitter writes 2018.
@example({"title": "Ray", "venue": "OSDI", "year": 2018, "category": "training"}, 5, False)
def test_is_formatted_agrees_with_round_trip(
    data: dict[str, Any], style: int, comments: bool
) -> None:
    text = _styles(data, style, comments)
    doc = parse_yaml(text.encode())
    assume(isinstance(doc, Document))  # a comment glued onto a scalar can break the YAML
    assert isinstance(doc, Document)
    formatted = format_entry(text, CONFIG)
    fast = emit(normalize(doc.data, CONFIG))
    event(f"already canonical: {formatted == text}; fast emitter answered: {fast is not None}")
    assert is_formatted(text, doc.data, CONFIG) == (formatted == text)
    # The round trip keeps the data (normalized) and is idempotent.
    assert _parse(formatted).data == normalize(doc.data, CONFIG)
    assert format_entry(formatted, CONFIG) == formatted
    assert is_formatted(formatted, _parse(formatted).data, CONFIG)


# --- fmt: comments anywhere -----------------------------------------------------------------


@settings(BOUNDED, max_examples=150)
@given(strategies.commented_entry())
# Found by this test: ruamel raised NotImplementedError ("overlap in comment") on a comment
# between a key and its value followed by a blank line, and validate exited 3.
@example("title: Ray\nvenue: # v\n  OSDI\n\nyear: 2018\ncategory: training\n")
# ...and ruamel dropped a comment between a key and its value when a comment line followed.
@example("title: Ray\nvenue: MLSys\nyear: # zq1\n  1950\n# zq2\ncategory: training\n")
# fmt removed one leading blank line per run: it never settled on such a file.
@example("\n\ntitle: Ray\nvenue: MLSys\nyear: 1950\ncategory: deep-learning\n")
def test_fmt_keeps_every_comment_placement(text: str) -> None:
    """Whatever comments a valid entry holds, and wherever: fmt formats it (no exception),
    keeps its data and its comments, and formatting again changes nothing; ``check``
    agrees (never LB009)."""
    doc = parse_yaml(text.encode())
    assume(isinstance(doc, Document))  # a generated comment can make the text another YAML
    assert isinstance(doc, Document)
    formatted = format_entry(text, CONFIG)
    assert _parse(formatted).data == normalize(doc.data, CONFIG)
    assert format_entry(formatted, CONFIG) == formatted
    for mark in re.findall(r"zq[0-9]+", text):
        assert mark in formatted
    assert is_formatted(text, doc.data, CONFIG) == (formatted == text)
