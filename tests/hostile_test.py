"""A corpus of hostile entry files, each with the exact outcome expected.

Every case is one file dropped into ``entries/`` next to a good entry, in a list whose
README is up to date. Then:

- ``validate`` exits 1 (or 0 for the few hostile-but-valid cases), reports exactly the
  problems listed (line, column, code) on that file, and never shows a traceback;
- ``render``, ``fmt`` and ``check`` refuse (exit 1) when the file is bad, and leave the
  README and every entry file byte-identical.

Injection attempts into the README (valid entries whose text looks like Markdown or
HTML) are in ``INJECTIONS``, each with the exact README line expected; hostile file
names, symlinks, FIFOs and folders are set up by their own tests below.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import mdcheck
from conftest import TODAY
from listbot.cli import main
from listbot.render import BEGIN, END, NOTICE

CONFIG = "categories:\n  - id: training\n    name: Training\n"  # line numbers below count on it
README = f"# Papers\n\nIntro.\n\n{BEGIN}\n{END}\n\nOutro.\n"
README_RENDERED = README.replace(
    f"{BEGIN}\n{END}\n",
    f"{BEGIN}\n{NOTICE}\n\n1 paper in 1 category.\n\n- [Training (1)](#training-1)\n\n"
    "## Training (1)\n\n- Ray: A Distributed Framework for Emerging AI Applications (OSDI'18)\n\n"
    f"{END}\n",
)
GOOD_NAME = "ray-osdi18.yaml"
GOOD = (
    b"title: 'Ray: A Distributed Framework for Emerging AI Applications'\n"
    b"venue: OSDI\nyear: 2018\ncategory: training\n"
)
CASE_NAME = "x-case.yaml"  # sorts after the good file: duplicates are reported on the case
HEAD = b"venue: OSDI\nyear: 2018\ncategory: training\n"


def entry(title: bytes, extra: bytes = b"") -> bytes:
    return b"title: " + title + b"\n" + HEAD + extra


def _between(value: bytes) -> bytes:
    return entry(b"Spark").replace(b"venue: OSDI\n", value)


COMMENTED = {
    "comment-key-value-blank": _between(b"venue: # zq1\n  OSDI\n\n"),
    "comment-key-value-blank-eof": entry(b"Spark", b"note: # zq1\n  A note\n\n"),
    "comment-lines-key-value": _between(b"venue: # zq1\n  # zq2\n\n  OSDI # zq3\n\n"),
    "comment-key-value-dropped": _between(b"venue: # zq1\n  OSDI\n# zq2\n"),
    "comment-link-value-blank": entry(
        b"Spark", b"links:\n  paper: # zq1\n\n    https://a.org/p\n\n"
    ),
    "comment-seq-item-value": entry(b"Spark", b"authors: # zq1\n  - # zq2\n\n    Ion Stoica\n\n"),
}


LAUGHS = b'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + b"".join(
    b"%c: &%c [%s]\n" % (98 + i, 98 + i, b", ".join([b"*%c" % (97 + i)] * 9)) for i in range(8)
)


# A structure bomb's promise: refused as YAML listbot will not read (LB004 syntax, LB005 feature
# not allowed), in one line, bounded (see test_whole_corpus_within_cpu_and_memory_limits).
# Which of the two, and at which column, is libyaml's call and changes between releases:
# PyYAML 6.0.4's libyaml stops scanning at depth 1000 (LB004) before listbot's own limit of
# 16 levels is reached (LB005). Such cases expect STRUCTURAL with no column.
STRUCTURAL = "LB004|LB005"

# Problems that leave a file without an Entry: fmt will not touch any file then.
FMT_REFUSES = {f"LB{n:03d}" for n in range(1, 10)} | {"LB101", "LB102", "LB103", "LB104", "LB113"}
FMT_REFUSES.add(STRUCTURAL)


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    # (line, col, code) on the case file, in order; col None and code STRUCTURAL: see above
    problems: tuple[tuple[int, int | None, str], ...]
    exit: int = 1

    def matches(self, found: list[tuple[object, object, object]]) -> bool:
        return len(found) == len(self.problems) and all(
            line == want_line
            and (want_col is None or col == want_col)
            and (code == want_code or (want_code == STRUCTURAL and code in ("LB004", "LB005")))
            for (line, col, code), (want_line, want_col, want_code) in zip(
                found, self.problems, strict=True
            )
        )


C = Case
CASES = [
    # Structure bombs: all stop at the first alias, anchor or level too deep.
    C("billion-laughs", LAUGHS, ((1, 4, "LB005"),)),
    C("deep-flow-seq-60k", b"[" * 60_000, ((1, None, STRUCTURAL),)),
    C("deep-flow-map-16k", b"{a: " * 16_000, ((1, None, STRUCTURAL),)),
    C("deep-block", b"".join(b"  " * i + b"k:\n" for i in range(40)), ((17, 33, "LB005"),)),
    C("deep-closed-title", b"title: " + b"[" * 20 + b"]" * 20 + b"\n" + HEAD, ((1, 23, "LB005"),)),
    C("huge-file", entry(b"Ray", b"note: " + b"x" * 70_000 + b"\n"), ((1, 1, "LB002"),)),
    C("huge-line-title", entry(b"'" + b"a" * 60_000 + b"'"), ((1, 8, "LB104"),)),
    # A 60 kB URL with a space: the link pattern once backtracked for 70 s on it.
    C(
        "huge-link-redos",
        entry(b"Ray", b"links:\n  paper: http://" + b"a" * 60_000 + b" x\n"),
        ((6, 10, "LB113"),),
    ),
    # uniqueItems over unhashable items: jsonschema compared them pairwise (20 s for 4,000).
    C(
        "tags-unhashable-6000",
        entry(b"Ray", b"tags:\n")
        + b"".join(b"  - {a: 1}\n" if i % 2 else b"  - [1]\n" for i in range(6000)),
        ((6, 3, "LB104"), *((6 + i, 5, "LB103") for i in range(6000))),
    ),
    # libyaml refuses a plain key over 1024 characters; where it says so is its own call.
    C("long-key", entry(b"Ray", b"k" * 60_000 + b": 1\n"), ((5, None, STRUCTURAL),)),
    C("huge-integer", entry(b"Ray").replace(b"2018", b"9" * 5000), ((3, 7, "LB004"),)),
    # Type confusion.
    C("title-list", entry(b"[Ray, Spark]"), ((1, 8, "LB103"),)),
    C("title-map", entry(b"{name: Ray}"), ((1, 8, "LB103"),)),
    C("title-int", entry(b"1984"), ((1, 8, "LB103"),)),
    C("title-null", entry(b""), ((1, 7, "LB103"),)),
    C("year-string", entry(b"Ray").replace(b"2018", b'"2018"'), ((3, 7, "LB103"),)),
    C("year-float", entry(b"Ray").replace(b"2018", b"2018.0"), ((3, 7, "LB103"),)),
    C("year-bool", entry(b"Ray").replace(b"2018", b"true"), ((3, 7, "LB103"),)),
    C("year-nan", entry(b"Ray").replace(b"2018", b".nan"), ((3, 7, "LB103"),)),
    C("year-inf", entry(b"Ray").replace(b"2018", b"-.inf"), ((3, 7, "LB103"),)),
    C("links-list", entry(b"Ray", b"links: [https://example.org/ray]\n"), ((5, 8, "LB103"),)),
    C(
        "links-kind",
        entry(b"Ray", b"links:\n  homepage: https://example.org/\n"),
        ((6, 3, "LB101"),),
    ),
    C(
        "links-javascript",
        entry(b"Ray", b"links:\n  paper: javascript:alert(1)\n"),
        ((6, 10, "LB113"),),
    ),
    C(
        "links-data",
        entry(b"Ray", b"links:\n  paper: data:text/html,<b>x</b>\n"),
        ((6, 10, "LB113"),),
    ),
    C(
        "links-userinfo",
        entry(b"Ray", b"links:\n  paper: https://u@example.org/\n"),
        ((6, 10, "LB113"),),
    ),
    C("authors-string", entry(b"Ray", b"authors: Ion Stoica\n"), ((5, 10, "LB103"),)),
    C("tags-map", entry(b"Ray", b"tags: {a: 1}\n"), ((5, 7, "LB103"),)),
    C("top-list", b"- title: Ray\n", ((1, 1, "LB008"),)),
    C("top-scalar", b"Ray\n", ((1, 1, "LB008"),)),
    C("empty", b"", ((1, 1, "LB008"),)),
    C("only-comment", b"# nothing here\n", ((1, 1, "LB008"),)),
    # Every YAML feature that is not plain data.
    C("tag-python", entry(b'!!python/object/apply:os.system ["true"]'), ((1, 8, "LB005"),)),
    C("tag-binary", entry(b"!!binary UmF5"), ((1, 8, "LB005"),)),
    C("tag-set", entry(b"Ray", b"tags: !!set {a: null}\n"), ((5, 7, "LB005"),)),
    C("tag-str", entry(b"!!str Ray"), ((1, 8, "LB005"),)),
    C("tag-local", entry(b"!ray Ray"), ((1, 8, "LB005"),)),
    C("anchor-alias", entry(b"&t Ray", b"note: *t\n"), ((1, 8, "LB005"),)),
    # No merge semantics: '<<' is just an unknown key, and title stays missing.
    C("merge-key", b"<<: {title: Ray}\n" + HEAD, ((1, 1, "LB101"), (1, 1, "LB102"))),
    C("complex-key", entry(b"Ray", b"? [a]\n: b\n"), ((5, 3, "LB005"),)),
    C("two-documents", entry(b"Ray") + b"---\n" + entry(b"Spark"), ((5, 1, "LB007"),)),
    C("directive-yaml", b"%YAML 1.1\n---\n" + entry(b"Ray", b"note: yes\n"), ((1, 1, "LB005"),)),
    C(
        "directive-tag",
        b"%TAG !e! tag:example.org,2000:\n---\n" + entry(b"Ray"),
        ((1, 1, "LB005"),),
    ),
    C("duplicate-key", entry(b"Ray") + b"title: Spark\n", ((5, 1, "LB006"),)),
    # Encodings and control characters.
    C("utf16-bom", entry(b"Ray").decode().encode("utf-16"), ((1, 1, "LB003"),)),
    C("utf16-be", entry(b"Ray").decode().encode("utf-16-be"), ((1, 1, "LB003"),)),
    C("latin1", entry(b"Caf\xe9"), ((1, 11, "LB003"),)),
    C("overlong-utf8", entry(b"Ray\xc0\xaf"), ((1, 11, "LB003"),)),
    C("utf8-surrogate", entry(b"Ray\xed\xa0\x80"), ((1, 11, "LB003"),)),
    C("nul", entry(b"Ray\x00"), ((1, 11, "LB003"),)),
    C("escape-raw", entry(b"Ray\x1b[31m"), ((1, 11, "LB003"),)),
    C("escape-quoted", entry(b'"Ray\\e[31m"'), ((1, 8, "LB003"),)),
    C("nel-quoted", entry(b'"Ray\\N"'), ((1, 8, "LB003"),)),
    C("nul-quoted", entry(b'"Ray\\0"'), ((1, 8, "LB003"),)),
    C("newline-quoted", entry(b'"Ray\\n- injected"'), ((1, 8, "LB104"),)),
    C("newline-block", entry(b"|\n  Ray\n  # injected"), ((1, 8, "LB104"),)),
    C("line-separator-quoted", entry(b'"Ray\\L- injected"'), ((1, 8, "LB003"),)),
    # libyaml reads a tab inside a plain value, ruamel does not: fmt (and validate, which
    # asks whether the file is formatted) crashed on it. Found by benchmarks/fuzz_entries.py.
    C("tab-in-plain-value", entry(b"Ray").replace(b"OSDI", b"Euro\tSys"), ((2, 12, "LB003"),)),
    C("tab-in-quoted-value", entry(b"'Ray\tSpark'"), ((1, 12, "LB003"),)),
    C("tab-after-colon", entry(b"Ray").replace(b"venue: ", b"venue:\t"), ((2, 7, "LB003"),)),
    C("bidi-override", entry("Ray \u202eevil".encode()), ((1, 12, "LB003"),)),
    C("bidi-isolate-quoted", entry(b'"Ray \\u2067evil"'), ((1, 8, "LB003"),)),
    C(
        "venue-newline",
        entry(b"Ray").replace(b"OSDI", b'"OSDI\\n::error::forged"'),
        ((2, 8, "LB110"),),
    ),
    C("key-newline", entry(b"Ray", b'"x\\n::error::forged": 1\n'), ((5, 1, "LB101"),)),
    # Look-alike duplicates of the good entry's title.
    C(
        "dup-cyrillic",
        entry("'Rаy: A Distributed Framework for Emerging AI Applicаtions'".encode()),
        ((1, 8, "LB203"),),
    ),
    C(
        "dup-zero-width",
        entry("'R\u200bay: A Distributed Framework for Emerging AI Applications'".encode()),
        ((1, 8, "LB203"),),
    ),
    C(
        "dup-fullwidth",
        entry("'Ｒａｙ: A Distributed Framework for Emerging AI Applications'".encode()),
        ((1, 8, "LB203"),),
    ),
    C(
        "dup-case-punct",
        entry(b"RAY -- a distributed framework, for emerging AI applications!"),
        ((1, 8, "LB203"),),
    ),
    # Hostile but valid: these must pass and change nothing about how the list renders.
    C("bom-utf8", b"\xef\xbb\xbf" + entry(b"Spark"), (), exit=0),
    C("cr-line-ends", entry(b"Spark").replace(b"\n", b"\r"), (), exit=0),
    C("crlf-line-ends", entry(b"Spark").replace(b"\n", b"\r\n"), (), exit=0),
    C("title-no-is-text", entry(b"no"), (), exit=0),
    C("year-octal", entry(b"Spark").replace(b"2018", b"0o3742"), (), exit=0),
    # Comments between a key and its value. ruamel raised NotImplementedError ("overlap in
    # comment") when a blank line followed the value, and validate exited 3 for the whole
    # list; without the blank line it silently dropped the comment. fmt now writes such a
    # comment after the value. Found by properties_test.test_fmt_keeps_every_comment_placement;
    # COMMENTED below checks that fmt keeps each comment.
    *(C(name, raw, (), exit=0) for name, raw in COMMENTED.items()),
]


def make_list(root: Path, files: dict[str, bytes]) -> None:
    (root / "listbot.yml").write_text(CONFIG)
    (root / "README.md").write_text(README)
    entries = root / "entries"
    entries.mkdir(exist_ok=True)
    for name, raw in files.items():
        (entries / name).write_bytes(raw)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file of the list (the check cache aside), by relative path."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(".listbot") or path.is_symlink() or not path.is_file():
            continue
        out[rel] = path.read_bytes()
    return out


# The user's cache folder, where the check cache's secret salt lives: caching is on.
CACHE_ENV = {"XDG_CACHE_HOME": str(Path(tempfile.gettempdir()) / "listbot-hostile-cache-home")}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), env=CACHE_ENV, today=TODAY)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "internal error" not in err
    return code, out, err


def problems_json(out: str) -> list[dict[str, object]]:
    problems: list[dict[str, object]] = json.loads(out)["problems"]
    return problems


@pytest.fixture
def good_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    monkeypatch.chdir(tmp_path)
    make_list(tmp_path, {GOOD_NAME: GOOD})
    assert run(capsys, "render")[0] == 0
    assert run(capsys, "check", "--no-cache")[0] == 0
    assert (tmp_path / "README.md").read_text() == README_RENDERED
    return tmp_path


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_entry(case: Case, good_list: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (good_list / "entries" / CASE_NAME).write_bytes(case.content)
    before = snapshot(good_list)

    code, out, _err = run(capsys, "validate", "--format", "json", "--no-cache")
    found = problems_json(out)
    assert all(p["path"] == f"entries/{CASE_NAME}" for p in found), found
    assert case.matches([(p["line"], p["col"], p["code"]) for p in found]), found
    assert code == case.exit

    code, _out, _err = run(capsys, "validate")  # the text form, line by line, names the file
    # (a syntax error is followed by its line and a caret, indented: not a problem line)
    lines = [line for line in _out.splitlines()[:-1] if not line.startswith("  ")]
    assert all(line.startswith(f"entries/{CASE_NAME}:") for line in lines)
    assert len(lines) == len(case.problems)

    if case.exit == 1:
        for command in ("render", "check"):
            code, out, err = run(capsys, command, "--no-cache")
            assert code == 1, (command, out, err)
        assert snapshot(good_list) == before
        # fmt refuses files that are not schema-valid entries; one that only breaks a list
        # rule (unknown venue, duplicate title) is still formatted.
        code, out, err = run(capsys, "fmt", "--no-cache")
        if any(code_ in FMT_REFUSES for _l, _c, code_ in case.problems):
            assert code == 1, (out, err)
            assert snapshot(good_list) == before
        else:
            assert code == 0, (out, err)
            assert run(capsys, "fmt", "--check", "--no-cache")[0] == 0
        assert (good_list / "README.md").read_text() == README_RENDERED
    else:
        code, _out, _err = run(capsys, "render", "--no-cache")
        assert code == 0
        readme = (good_list / "README.md").read_text()
        assert "Spark" in readme or "no (OSDI" in readme
        assert mdcheck.readme_markup(readme, categories=1) == []
        # Canonical as written, or made so by fmt; then everything passes.
        assert run(capsys, "fmt", "--no-cache")[0] == 0
        assert run(capsys, "check", "--no-cache")[0] == 0


@pytest.mark.parametrize("name", list(COMMENTED))
def test_fmt_keeps_comments_between_key_and_value(
    name: str, good_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = COMMENTED[name]
    path = good_list / "entries" / CASE_NAME
    path.write_bytes(raw)
    assert run(capsys, "fmt", "--no-cache")[0] == 0
    formatted = path.read_text()
    marks = re.findall(r"zq[0-9]", raw.decode())
    assert marks and all(mark in formatted for mark in marks), formatted
    assert run(capsys, "fmt", "--check", "--no-cache")[0] == 0  # and it stays formatted
    code, out, err = run(capsys, "check", "--no-readme", "--no-cache")
    assert code == 0, out + err


def test_problem_lines_cannot_forge_log_lines(
    good_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newline in a value or a key is shown escaped: one problem, one line of output."""
    (good_list / "entries" / CASE_NAME).write_bytes(
        entry(b"Ray", b'"x\\n::error::forged": 1\n').replace(b"OSDI", b'"OSDI\\n::warning::x"')
    )
    code, out, _err = run(capsys, "validate")
    assert code == 1
    assert not any(line.startswith("::") for line in out.splitlines())
    assert "unknown venue 'OSDI\\n::warning::x'" in out
    code, out, _err = run(capsys, "validate", "--format", "github")
    assert all(line.startswith("::error ") for line in out.splitlines()[:-1])


def test_yaml_directive_does_not_leak_into_other_files(
    good_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ruamel kept a '%YAML 1.1' it had read and wrote it into every later file; the reader
    now refuses directives, and fmt uses a fresh round-trip instance per file."""
    from listbot.config import load_config
    from listbot.fmt import format_entry

    config = load_config(good_list / "listbot.yml")
    format_entry("%YAML 1.1\n---\n" + entry(b"Ray", b"note: yes\n").decode(), config)
    assert format_entry(GOOD.decode(), config) == GOOD.decode()


# --- Injection attempts into the README -------------------------------------------------

# (title, note, exact README line). The escaped text shows, read as Markdown, exactly the
# title and note as written, and nothing else.
INJECTIONS = [
    ("[x](javascript:alert(1))", None, "- \\[x\\](javascript\\:alert(1)) (OSDI'18)"),
    ("Ray](javascript:alert(1))", None, "- Ray\\](javascript\\:alert(1)) (OSDI'18)"),
    ("<img src=x onerror=alert(1)>", None, "- \\<img src=x onerror=alert(1)\\> (OSDI'18)"),
    ("<!-- listbot:end -->", None, "- \\<\\!-- listbot\\:end --\\> (OSDI'18)"),
    ("Ray", "<!-- listbot:begin -->", "- Ray (OSDI'18) — \\<\\!-- listbot\\:begin --\\>"),
    ("| a | b |", "|---|---|", "- \\| a \\| b \\| (OSDI'18) — \\|---\\|---\\|"),
    ("# heading", None, "- \\# heading (OSDI'18)"),
    ("- - -", None, "- \\- - - (OSDI'18)"),
    ("+ list", None, "- \\+ list (OSDI'18)"),
    ("1984. A paper", None, "- 1984\\. A paper (OSDI'18)"),
    ("7) Seven", None, "- 7\\) Seven (OSDI'18)"),
    ("> quote", None, "- \\> quote (OSDI'18)"),
    ("```code```", None, "- \\`\\`\\`code\\`\\`\\` (OSDI'18)"),
    (
        "~~gone~~ *em* _em_ **b**",
        None,
        "- \\~\\~gone\\~\\~ \\*em\\* \\_em\\_ \\*\\*b\\*\\* (OSDI'18)",
    ),
    (
        "![img](https://example.org/x.png)",
        None,
        "- \\!\\[img\\](https\\:/\\/example\\.org/x\\.png) (OSDI'18)",
    ),
    ("<https://example.org>", None, "- \\<https\\:/\\/example\\.org\\> (OSDI'18)"),
    ("see https://example.org", None, "- see https\\:/\\/example\\.org (OSDI'18)"),
    ("www.example.org", None, "- www\\.example\\.org (OSDI'18)"),
    ("see //localhost:8080/x", None, "- see /\\/localhost\\:8080/x (OSDI'18)"),
    ("Horovod.ai and ray.io", None, "- Horovod\\.ai and ray\\.io (OSDI'18)"),
    ("mail me@example.org", None, "- mail me\\@example\\.org (OSDI'18)"),
    ("@octocat :tada:", None, "- \\@octocat \\:tada: (OSDI'18)"),
    ("&lt;b&gt; &#60;", None, "- \\&lt;b\\&gt; \\&\\#60; (OSDI'18)"),
    ("\\", None, "- \\\\ (OSDI'18)"),
    ("Ray\ttab", None, "- Ray tab (OSDI'18)"),
    ("[^1] $x$ ^sup^", None, "- \\[\\^1\\] \\$x\\$ \\^sup\\^ (OSDI'18)"),
]


@pytest.mark.parametrize(("title", "note", "line"), INJECTIONS, ids=[i[0] for i in INJECTIONS])
def test_injection_renders_literally(
    title: str, note: str | None, line: str, good_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {"title": title, "venue": "OSDI", "year": 2018, "category": "training"}
    if note is not None:
        data["note"] = note
    (good_list / "entries" / CASE_NAME).write_text(json.dumps(data))  # JSON is YAML
    code, out, err = run(capsys, "render", "--no-cache")
    assert code == 0, out + err
    readme = (good_list / "README.md").read_text()
    assert line in readme.splitlines()
    assert mdcheck.readme_markup(readme, categories=1) == []
    read = mdcheck.read_line(line)
    expected = " ".join(title.split()) + " (OSDI'18)" + (f" — {note}" if note else "")
    assert (read.text, read.links, read.markup) == (expected, [], [])
    # A second render finds the README up to date: the splice found its own markers again.
    assert run(capsys, "render", "--no-cache")[1].endswith("is up to date (2 papers)\n")


def test_link_target_cannot_break_out(good_list: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://example.org/a)](javascript:alert(1))<b>\"'"
    data = {
        "title": "Ray",
        "venue": "OSDI",
        "year": 2018,
        "category": "training",
        "links": {"paper": url},
    }
    (good_list / "entries" / CASE_NAME).write_text(json.dumps(data))
    assert run(capsys, "render", "--no-cache")[0] == 0
    line = next(
        ln for ln in (good_list / "README.md").read_text().splitlines() if ln.startswith("- Ray ")
    )
    read = mdcheck.read_line(line)
    assert read.text == "Ray (OSDI'18) "
    assert [label for label, _ in read.links] == ["paper"]
    assert mdcheck.same_target(read.links[0][1], url)
    assert read.markup == []


def test_marker_in_template_is_refused(good_list: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A marker that listbot itself would write into the block breaks the next splice."""
    (good_list / "listbot.yml").write_text(
        CONFIG + "render:\n  template: '{title} <!-- listbot:end -->'\n"
    )
    before = snapshot(good_list)
    code, _out, err = run(capsys, "render", "--no-cache")
    assert code == 2
    # refused when listbot.yml is read (no HTML of its own); splice refuses it too
    assert "LB901 render.template may hold no link, image or HTML" in err
    assert snapshot(good_list) == before


def test_category_name_cannot_inject(good_list: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (good_list / "listbot.yml").write_text(
        "categories:\n  - id: training\n    name: '<!-- listbot:end --> [x](javascript:y) # h'\n"
        "    description: '<img src=x> | a | b |'\n"
    )
    assert run(capsys, "render", "--no-cache")[0] == 0
    readme = (good_list / "README.md").read_text()
    assert readme.count(END) == 1
    assert mdcheck.readme_markup(readme, categories=1) == []
    assert run(capsys, "render", "--no-cache")[0] == 0


# --- Hostile file names, symlinks, FIFOs, folders --------------------------------------


def validate_json(
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, list[tuple[str, int, int, str, str]]]:
    code, out, _err = run(capsys, "validate", "--format", "json", "--no-cache")
    found = [
        (
            str(p["path"]),
            int(str(p["line"])),
            int(str(p["col"])),
            str(p["code"]),
            str(p["severity"]),
        )
        for p in problems_json(out)
    ]
    return code, found


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("My Paper.yaml", [("entries/My Paper.yaml", 1, 1, "LB010", "error")]),
        ("spark.yml", [("entries/spark.yml", 1, 1, "LB010", "error")]),
        ("Spark.yaml", [("entries/Spark.yaml", 1, 1, "LB010", "error")]),
        ("réseau.yaml", [("entries/réseau.yaml", 1, 1, "LB010", "error")]),
        ("a\n::error::b.yaml", [("entries/a\n::error::b.yaml", 1, 1, "LB010", "error")]),
        ("notes.txt", [("entries/notes.txt", 1, 1, "LB010", "warning")]),
        ("spark.yaml.bak", [("entries/spark.yaml.bak", 1, 1, "LB010", "warning")]),
        # Sorted first, so the good file is the one said to clash.
        (
            "RAY-OSDI18.yaml",
            [
                ("entries/RAY-OSDI18.yaml", 1, 1, "LB010", "error"),
                ("entries/ray-osdi18.yaml", 1, 1, "LB011", "error"),
            ],
        ),
        (
            "ray_osdi18.yaml",
            [
                ("entries/ray_osdi18.yaml", 1, 1, "LB010", "error"),
                ("entries/ray_osdi18.yaml", 1, 1, "LB011", "error"),
            ],
        ),
    ],
)
def test_hostile_file_names(
    name: str,
    expected: list[tuple[str, int, int, str, str]],
    good_list: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (good_list / "entries" / name).write_bytes(entry(b"Spark"))
    code, found = validate_json(capsys)
    assert code == (1 if any(e[4] == "error" for e in expected) else 0)
    # Same-titled ray clones also collide on the title; only the name checks matter here.
    assert [f for f in found if f[3].startswith("LB01")] == expected
    code, out, _err = run(capsys, "validate")
    assert all(":1:1: LB0" in line for line in out.splitlines()[:-1])  # one line per problem


def _special(tmp: Path, kind: str) -> None:
    entries = tmp / "entries"
    if kind == "symlink-out":
        (entries / "out.yaml").symlink_to("../listbot.yml")
    elif kind == "symlink-abs":
        (entries / "out.yaml").symlink_to("/etc/passwd")
    elif kind == "symlink-dev-zero":
        (entries / "out.yaml").symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(entries / "out.yaml")
    elif kind == "symlink-fifo":
        os.mkfifo(entries / ".pipe")
        (entries / "out.yaml").symlink_to(".pipe")
    elif kind == "symlink-loop":
        (entries / "out.yaml").symlink_to("out.yaml")
    elif kind == "symlink-cycle":
        (entries / "out.yaml").symlink_to("z.yaml")
        (entries / "z.yaml").symlink_to("out.yaml")
    elif kind == "symlink-dangling":
        (entries / "out.yaml").symlink_to("missing.yaml")
    elif kind == "symlink-dir":
        (entries / ".d").mkdir()
        (entries / "out.yaml").symlink_to(".d")
    elif kind == "unreadable":
        (entries / "out.yaml").write_bytes(entry(b"Spark"))
        (entries / "out.yaml").chmod(0)
    elif kind == "directory":
        (entries / "out.yaml").mkdir()


SPECIAL = [
    ("symlink-out", [("out.yaml", "LB001", "error")]),
    ("symlink-abs", [("out.yaml", "LB001", "error")]),
    ("symlink-dev-zero", [("out.yaml", "LB001", "error")]),
    ("fifo", [("out.yaml", "LB001", "error")]),
    ("symlink-fifo", [("out.yaml", "LB001", "error")]),
    ("symlink-loop", [("out.yaml", "LB001", "error")]),
    ("symlink-cycle", [("out.yaml", "LB001", "error"), ("z.yaml", "LB001", "error")]),
    ("symlink-dangling", [("out.yaml", "LB001", "error")]),
    ("symlink-dir", [("out.yaml", "LB001", "error")]),
    ("directory", [("out.yaml", "LB010", "warning")]),
]
if os.geteuid() != 0:  # root reads a mode-000 file anyway
    SPECIAL.append(("unreadable", [("out.yaml", "LB001", "error")]))


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail (instead of hanging the suite) if the test blocks for 30 s."""

    def expired(_signum: int, _frame: object) -> None:
        raise TimeoutError("blocked for 30 s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize(("kind", "expected"), SPECIAL, ids=[s[0] for s in SPECIAL])
def test_special_files(
    kind: str,
    expected: list[tuple[str, str, str]],
    good_list: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Nothing outside entries/ is read, nothing blocks (a FIFO with no writer would hang a
    plain open()), nothing crashes (a symlink loop raised RuntimeError in Path.resolve)."""
    _special(good_list, kind)
    before = snapshot(good_list)
    code, found = validate_json(capsys)
    assert [(p[0], p[3], p[4]) for p in found] == [(f"entries/{n}", c, s) for n, c, s in expected]
    assert all(p[1:3] == (1, 1) for p in found)
    errors = any(s == "error" for _n, _c, s in expected)
    assert code == (1 if errors else 0)
    for command in ("render", "fmt", "check"):
        assert run(capsys, command, "--no-cache")[0] == (1 if errors else 0)
    assert snapshot(good_list) == before


# --- Bounds: CPU time and memory, in a child process with hard limits -------------------

_CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
resource.setrlimit(resource.RLIMIT_AS, (768 * 2**20, 768 * 2**20))
from datetime import date
from listbot.cli import main
sys.exit(main(["validate", "--no-cache"], env={}, today=date(2026, 11, 28)))
"""


def test_whole_corpus_within_cpu_and_memory_limits(tmp_path: Path) -> None:
    """All hostile files at once, in a child limited to 60 s of CPU and 768 MiB of address
    space: the kernel kills it (and the test fails) if any case runs away."""
    files = {f"case-{i:03d}.yaml": c.content for i, c in enumerate(CASES)}
    make_list(tmp_path, {GOOD_NAME: GOOD, **files})
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    named = {line.split(":", 1)[0] for line in done.stdout.splitlines()[:-1]}
    # (Look-alike duplicates are reported on whichever file sorts later, not always the case.)
    bad = {
        f"entries/case-{i:03d}.yaml"
        for i, c in enumerate(CASES)
        if c.exit == 1 and not c.name.startswith("dup-")
    }
    assert bad <= named


# --- A check cache committed by a pull request -------------------------------------------


def _forge_cache(root: Path, name: str, raw: bytes, data: dict[str, object]) -> None:
    """What an attacker can write: every input of the cache key is public."""
    import hashlib

    from listbot.config import load_config
    from listbot.project import CACHE_NAME, ENTRIES_CACHE_NAME, cache_key

    config = load_config(root / "listbot.yml")
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    path = f"entries/{name}"
    key = cache_key(config, TODAY.year)  # every public input; the machine's salt is unknown
    record = {"digest": digest, "stat": None, "valid": True, "formatted": True}
    cache = root / CACHE_NAME
    cache.parent.mkdir(exist_ok=True)
    cache.write_text(json.dumps({"key": key, "files": {path: record}, "list": {}}))
    store = {"key": key, "entries": {path: {"path": path, "data": data, "positions": {}}}}
    (root / ENTRIES_CACHE_NAME).write_text(json.dumps(store))


def test_forged_cache_cannot_vouch_for_bad_data(
    good_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = entry(b'"Ray\\n# injected heading"')
    (good_list / "entries" / CASE_NAME).write_bytes(raw)
    forged = {
        "title": "Ray\n# injected heading",
        "venue": "OSDI",
        "year": 2018,
        "category": "training",
    }
    _forge_cache(good_list, CASE_NAME, raw, forged)
    code, out, _err = run(capsys, "validate")  # cache in use, but the forged record is refused
    assert code == 1
    assert f"entries/{CASE_NAME}:1:8: LB104" in out
    _forge_cache(good_list, CASE_NAME, raw, forged)
    assert run(capsys, "render")[0] == 1
    assert (good_list / "README.md").read_text() == README_RENDERED


def test_cache_is_not_used_in_actions(good_list: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Schema-valid data with its problems left out: the forged cache is not used locally
    (its key lacks this machine's salt), nor ever under GITHUB_ACTIONS=true."""
    raw = entry(b"Ray").replace(b"OSDI", b"NOPE")
    (good_list / "entries" / CASE_NAME).write_bytes(raw)
    data = {"title": "Ray", "venue": "NOPE", "year": 2018, "category": "training"}
    _forge_cache(good_list, CASE_NAME, raw, data)
    assert run(capsys, "validate")[0] == 1
    code = main(["validate"], env={"GITHUB_ACTIONS": "true"}, today=TODAY)
    out, _err = capsys.readouterr()
    assert code == 1
    assert "LB110" in out


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("readme", "../outside.md"),
        ("readme", "/tmp/x.md"),
        ("entries", "../../etc"),
        ("entries", "a/../../b"),
    ],
)
def test_config_paths_stay_inside_the_list(
    setting: str, value: str, good_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """render writes the README: listbot.yml cannot point it (or entries/) outside the list."""
    (good_list / "listbot.yml").write_text(CONFIG + f"{setting}: '{value}'\n")
    code, _out, err = run(capsys, "render")
    assert code == 2
    assert f"listbot.yml:4:{len(setting) + 3}: LB901 {setting} must be a relative path" in err


def test_interrupted_render_leaves_readme_whole(
    good_list: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (or a kill) between writing the new README and renaming it into place: the
    old README stays whole and the temporary file is removed."""
    (good_list / "entries" / CASE_NAME).write_bytes(entry(b"Spark"))

    def interrupted(_src: object, _dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    code, _out, err = run(capsys, "render", "--no-cache")
    assert code == 130
    assert "interrupted" in err
    assert (good_list / "README.md").read_text() == README_RENDERED
    assert sorted(p.name for p in good_list.iterdir()) == [
        ".listbot",
        "README.md",
        "entries",
        "listbot.yml",
    ]


def test_file_name_that_is_not_utf8(good_list: Path) -> None:
    """git stores names as bytes: b'\\xff.yaml' reaches Python as a lone surrogate, which
    a strict UTF-8 stdout could not print (internal error, exit 3)."""
    (good_list / "entries" / os.fsdecode(b"\xff\xfe.yaml")).write_bytes(entry(b"Spark"))
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).parents[1] / "src"),
        "PYTHONIOENCODING": "utf-8",  # strict errors, as under many locales
    }
    for fmt in ("text", "json", "github"):
        done = subprocess.run(
            [sys.executable, "-m", "listbot.cli", "validate", "--no-cache", "--format", fmt],
            cwd=good_list,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 1, done.stderr
        assert "entries/\\udcff\\udcfe.yaml" in done.stdout
        assert "LB010" in done.stdout


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
@pytest.mark.parametrize("which", ["README.md", "listbot.yml", ".listbot/check-cache.json"])
def test_other_files_cannot_hang_or_flood(
    which: str, target: str, good_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """git stores symlinks: README.md, listbot.yml or a committed cache pointing at
    /dev/zero was read to the end of memory; a FIFO blocked forever."""
    path = good_list / which
    path.unlink()
    if target == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(target)
    code, _out, err = run(capsys, "--config", str(good_list / "listbot.yml"), "render", "--check")
    if which == ".listbot/check-cache.json":
        assert code == 0  # the cache is only an optimization: ignored
    else:
        assert code == 2
        why = (
            "lies outside the list's folder"
            if which == "README.md" and target != "fifo"
            else ("cannot read: not a regular file")
        )
        assert f"{which}: {why}" in err


def test_named_file_that_loops(good_list: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Files named on the command line (a PR's changed files) may be symlink loops too:
    Path.resolve() raised RuntimeError on them."""
    (good_list / "entries" / "out.yaml").symlink_to("out.yaml")
    code, out, _err = run(capsys, "validate", "--no-cache", "entries/out.yaml")
    assert code == 1
    assert out.splitlines()[0] == "entries/out.yaml:1:1: LB001 symlink is broken or loops; refused"
    # A named file that does not exist at all is a usage error (exit 2), not "fine".
    code, out, err = run(capsys, "validate", "--no-cache", "entries/missing.yaml")
    assert (code, out) == (2, "")
    assert err == "listbot: entries/missing.yaml: no such file\n"


@pytest.mark.parametrize("which", ["entries", "README.md"])
def test_symlinked_folder_or_readme_out_of_the_list(
    which: str,
    good_list: Path,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """entries/ or README.md as a symlink out of the repository: nothing there is read."""
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.yaml").write_text("password: hunter2\n")
    (outside / "README.md").write_text(f"{BEGIN}\nhunter2\n{END}\n")
    path = good_list / which
    if which == "entries":
        for child in path.iterdir():
            child.unlink()
        path.rmdir()
    else:
        path.unlink()
    path.symlink_to(outside if which == "entries" else outside / "README.md")
    code, out, err = run(capsys, "render", "--check", "--no-cache")
    assert "hunter2" not in out + err
    if which == "entries":
        assert code == 1
        assert "entries:1:1: LB001 folder lies outside the list's folder; refused" in err
    else:
        assert code == 2
        assert "README.md: lies outside the list's folder; refused" in err
