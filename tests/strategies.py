"""Hypothesis strategies for entry files: hostile bytes, YAML-ish mutations, valid entries.

Shared by ``properties_test.py`` (modest example counts) and ``benchmarks/fuzz_entries.py``
(long runs). Valid entries carry hostile text: Markdown and HTML syntax, URLs, mentions,
emoji codes, look-alike letters, invisible characters and whatever else the schema allows.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import strategies as st

from listbot.config import Config, build_config
from listbot.yamlsafe import _CONTROL

CONFIG_DATA: dict[str, Any] = {
    "categories": [
        {
            "id": "deep-learning",
            "name": "Deep Learning",
            "children": [{"id": "training", "name": "Training"}],
        },
        {"id": "cluster-management", "name": "Cluster Management"},
    ],
}
CONFIG: Config = build_config(CONFIG_DATA)

# Real-looking entries to mutate: every field present somewhere, so mutations reach the
# schema's paths (links, tags, authors...), not just the YAML parser.
SEEDS: list[bytes] = [
    b"title: 'Ray: A Distributed Framework for Emerging AI Applications'\n"
    b"authors:\n  - Philipp Moritz\n  - Robert Nishihara\nvenue: OSDI\nyear: 2018\n"
    b"category: training\nlinks:\n  paper: https://example.org/osdi18/ray\n"
    b"  code: https://example.org/ray-project/ray\narxiv: '1712.05889'\n"
    b"tags:\n  - distributed\n  - reinforcement-learning\nnote: Actors and tasks in one system\n",
    b"# yaml-language-server: $schema=../schema/entry.schema.json\n"
    b'title: "Example paper"\nvenue: EuroSys\nyear: 2021\ncategory: cluster-management\n'
    b"doi: 10.1145/3447786.3456251\n",
    b"{title: Flow style, venue: NSDI, year: 2019, category: training, tags: [a, b-c]}\n",
    b"title: >\n  Folded title\nvenue: SOSP\nyear: 2017\ncategory: training  # comment\n",
]

# Fragments that mean something to YAML, Markdown, HTML, GitHub or a terminal.
TOKENS: list[bytes] = [
    b"[",
    b"]",
    b"{",
    b"}",
    b": ",
    b"- ",
    b"? ",
    b"&a ",
    b"*a",
    b"!!str ",
    b"!!python/object:os.system ",
    b"!x ",
    b"%YAML 1.1\n",
    b"%TAG !e! tag:x,2000:\n",
    b"---\n",
    b"...\n",
    b"<<: ",
    b"|\n  ",
    b">-\n  ",
    b"#",
    b"'",
    b'"',
    b'"\\e"',
    b'"\\0"',
    b'"\\u202e"',
    b'"\\L"',
    b"\t",
    b"\r",
    b"\r\n",
    b"\n  ",
    b"\n",
    b"\x00",
    b"\x1b",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    "\u0430".encode(),
    "\u200b".encode(),
    "\u202e".encode(),
    "\u2028".encode(),
    b"2018",
    b"2018.0",
    b".inf",
    b".nan",
    b"0o3742",
    b"0x7e2",
    b"1e3",
    b"true",
    b"no",
    b"null",
    b"~",
    b"9" * 5000,
    b"title: ",
    b"venue: ",
    b"year: ",
    b"category: ",
    b"links:\n  paper: ",
    b"tags: ",
    b"authors: ",
    b"doi: ",
    b"arxiv: ",
    b"note: ",
    b"https://",
    b"javascript:",
    b"<!-- listbot:end -->",
    b"](javascript:x)",
    b"<img src=x>",
    b"a" * 3000,
    b"[" * 100,
    b"{a: " * 50,
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A seed entry with a few YAML-significant edits: inserts, deletes, swaps, repeats."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "repeat", "byte", "splice"]))
        if op == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "delete":
            data[at : at + draw(st.integers(1, 20))] = b""
        elif op == "repeat":
            end = min(len(data), at + draw(st.integers(1, 40)))
            data[at:at] = data[at:end] * draw(st.integers(1, 50))
        elif op == "byte":
            data[at:at] = bytes([draw(st.integers(0, 255))])
        else:
            other = draw(st.sampled_from(SEEDS))
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start : start + draw(st.integers(1, 80))]
    return bytes(data[: 70 * 1024])


def _any_value(depth: int = 2) -> st.SearchStrategy[Any]:
    leaf = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=False),
        st.text(max_size=30),
        st.sampled_from(["2018", "OSDI", "training", "https://example.org/"]),
    )
    if depth == 0:
        return leaf
    return st.one_of(
        leaf,
        st.lists(_any_value(depth - 1), max_size=3),
        st.dictionaries(st.text(max_size=8), _any_value(depth - 1), max_size=3),
    )


FIELDS = ["title", "authors", "venue", "year", "category", "links", "doi", "arxiv", "tags", "note"]


@st.composite
def confused(draw: st.DrawFn) -> bytes:
    """Well-formed YAML (as JSON) whose fields have any type: the schema's error paths."""
    data: dict[str, Any] = {}
    for key in draw(st.lists(st.sampled_from([*FIELDS, "homepage", "Title", "<<"]), max_size=12)):
        data[key] = draw(_any_value())
    if draw(st.booleans()):
        data["links"] = draw(
            st.dictionaries(st.sampled_from(["paper", "code", "x"]), _any_value(0), max_size=3)
        )
    return json.dumps(data, ensure_ascii=draw(st.booleans())).encode()


entry_bytes = st.one_of(st.binary(max_size=600), mutated(), confused())

# --- valid entries with hostile text ---------------------------------------------------

HOSTILE = [
    "[x](javascript:alert(1))",
    "](http://evil)",
    "![i](http://x/i.png)",
    "<img src=x onerror=alert(1)>",
    "<script>",
    "</div>",
    "<!-- listbot:end -->",
    "<!-- listbot:begin -->",
    "-->",
    "| a | b |",
    "|---|",
    "# ",
    "## ",
    "- ",
    "+ ",
    "* ",
    "1. ",
    "2) ",
    "> ",
    "```",
    "~~~",
    "~~x~~",
    "*em*",
    "_em_",
    "**b**",
    "`code`",
    "\\",
    "\\\\",
    "&amp;",
    "&#60;",
    "&lt;",
    "http://example.org",
    "https://x.io/a?b=c#d",
    "www.example.org",
    "ray.io",
    "Horovod.ai",
    "a@b.co",
    "@octocat",
    "@org/team",
    ":tada:",
    ":+1:",
    "#123",
    "GH-1",
    "$x$",
    "^",
    "[^1]",
    "{title}",
    "%s",
    "Ray",
    "TensorFlow",
    "Rаy",
    "Ｒａｙ",
    "\u200b",
    "\u00ad",
    "\u0301",
    "\u00a0",
    "\u3000",
    "\t",
    "//localhost",
    "mailto:x",
    "xmpp:y",
    "=",
    "===",
    "---",
    "***",
    "___",
    "::",
    "'",
    '"',
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    "!",
    "|",
    "😀",
    "é",
    "ß",
    "ǅ",
    "İ",
    "ﬁ",
    "…",
    "—",
    "·",
    "<",
    "\u2060",
]
_WORD = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
        exclude_characters="\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    max_size=6,
)
_LINE = re.compile(r"^[^\s](?:[^\r\n]*[^\s])?$")


# Everyday text: what most titles look like, and what the fast emitter must get right.
MILD = [
    "Ray",
    "A",
    "Distributed",
    "Framework",
    "for",
    "Emerging",
    "AI",
    "Applications:",
    "of",
    "TVM:",
    "An",
    "Automated",
    "End-to-End",
    "Optimizing",
    "Compiler",
    "(Extended)",
    "Gandiva",
    "DL",
    "yes",
    "no",
    "on",
    "null",
    "true",
    "1.5",
    "2018",
    "0x1F",
    "1e3",
    "-",
    "#",
    "#1",
    "x#y",
    "a:b",
    "it's",
    "\\",
    "50%",
    "C++",
    "Müller",
    "Łukasz",
    "Ωmega",
    "Пример",
    "Straße",
    "—",
    "–",
    ":",
    "?",
    "!",
    "@",
    "&",
    "*",
    "|",
    ">",
    "'",
    '"',
    "[x]",
    "{y}",
    ",",
    "~",
    "=",
    "%",
    "`",
]
_MILD_WORD = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x17F, exclude_categories=["Cc"]),
    max_size=6,
)


def one_line(max_size: int, *, mild: bool = False) -> st.SearchStrategy[str]:
    """A line the schema accepts for title/note/authors: no line breaks, no outer spaces."""
    words = st.sampled_from(MILD) | _MILD_WORD if mild else st.sampled_from(HOSTILE) | _WORD
    return (
        st.lists(words, min_size=1, max_size=8)
        .map(lambda parts: " ".join(parts).strip()[:max_size].strip())
        .filter(lambda s: bool(_LINE.match(s)) and not _CONTROL.search(s))
    )


_URL_CHARS = st.text(alphabet="abcXYZ019-._~:/?#[]@!$&'()*+,;=%<>\"`{}|\\^", max_size=20)
url = st.builds(
    lambda scheme, host, rest: f"{scheme}://{host}{rest}",
    st.sampled_from(["http", "https"]),
    st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?(\.[a-z]{2,5}){0,2}", fullmatch=True),
    st.one_of(st.just(""), st.builds(lambda c, r: c + r, st.sampled_from("/?#"), _URL_CHARS)),
).filter(lambda u: "@" not in u.split("/")[2])


@st.composite
def valid_entry(draw: st.DrawFn, *, aliases: bool = False, mild: bool = False) -> dict[str, Any]:
    """Entry data that passes validate (``aliases=True``: as fmt input, with fixable forms;
    ``mild=True``: everyday text rather than hostile)."""
    venues = [v.key for v in CONFIG.venues]
    if aliases:
        venues += ["EUROSYS", "NIPS", "USENIX ATC"]
    data: dict[str, Any] = {
        "title": draw(one_line(400, mild=mild)),
        "venue": draw(st.sampled_from(venues)),
        "year": draw(st.integers(1950, 2027)),
        "category": draw(st.sampled_from([c.id for c in CONFIG.categories])),
    }
    if draw(st.booleans()):
        data["authors"] = draw(st.lists(one_line(200, mild=mild), min_size=1, max_size=4))
    if draw(st.booleans()):
        kinds = draw(
            st.lists(st.sampled_from(["paper", "pdf", "code", "slides", "video"]), unique=True)
        )
        if kinds:
            data["links"] = {kind: draw(url) for kind in kinds}
    if draw(st.booleans()):
        prefix = draw(st.sampled_from(["", "https://doi.org/", "doi:"])) if aliases else ""
        data["doi"] = (
            prefix + "10." + draw(st.from_regex(r"[0-9]{4,9}/[!-~]{1,20}", fullmatch=True))
        )
    if draw(st.booleans()):
        data["arxiv"] = draw(st.from_regex(r"[0-9]{4}\.[0-9]{4,5}(v[0-9])?", fullmatch=True))
    if draw(st.booleans()):
        data["tags"] = draw(
            st.lists(
                st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True),
                unique=True,
                max_size=4,
            )
        )
        if not data["tags"]:
            del data["tags"]
    if draw(st.booleans()):
        data["note"] = draw(one_line(500, mild=mild))
    keys = list(data)
    if aliases:
        keys = draw(st.permutations(keys))
    return {k: data[k] for k in keys}


# Each comment carries a numbered mark (zq1, zq2, ...) to find it again after formatting.
_COMMENT = st.tuples(
    st.sampled_from(["# {}", "# note: {}", "#{}", "# - {}", "# key: {} value", "#  {}  "]),
    st.integers(1, 999),
).map(lambda pair: pair[0].format(f"zq{pair[1]}"))
_BLANKS = st.integers(0, 3).map(lambda n: "\n" * n)


@st.composite
def commented_entry(draw: st.DrawFn) -> str:
    """A valid entry written in block style with comments wherever YAML allows one.

    Comments before and after keys, at the end of a value's line, between a key and its
    value (``key: # c``, then comment lines and blank lines, then the value), before and
    between the items of a list or a mapping, at the end of the file, and runs of blank
    lines anywhere: the places where ruamel's round trip has failed before (``overlap in
    comment``) or dropped a comment. Every comment carries a mark (``zq12``) to find it.
    """
    from listbot.fmt import scalar

    data = draw(valid_entry(aliases=True, mild=True))

    def value(v: Any) -> str:
        plain = scalar(v)
        return plain if plain is not None else json.dumps(v, ensure_ascii=False)

    def maybe(text: str) -> str:
        return text if draw(st.booleans()) else ""

    def between(indent: str) -> str:  # comment lines and blank lines between key and value
        lines = draw(st.lists(st.sampled_from(["", indent, "#"]), max_size=3))
        return "".join(f"{line}{draw(_COMMENT)}\n" if line else "\n" for line in lines)

    out = maybe(draw(_COMMENT) + "\n") + draw(_BLANKS)
    for key, v in data.items():
        out += maybe(draw(_COMMENT) + "\n") + draw(_BLANKS)
        if isinstance(v, list | dict):
            out += f"{key}:" + maybe(" " + draw(_COMMENT)) + "\n"
            items = list(v.items()) if isinstance(v, dict) else [(None, item) for item in v]
            for sub, item in items:
                out += draw(_BLANKS) + maybe("  " + draw(_COMMENT) + "\n")
                lead = f"  {sub}:" if sub is not None else "  -"
                if draw(st.booleans()):  # the value on a line of its own, comments between
                    out += f"{lead}" + maybe(" " + draw(_COMMENT)) + "\n"
                    out += between("    ") + f"    {value(item)}" + maybe(" " + draw(_COMMENT))
                    out += "\n"
                else:
                    out += f"{lead} {value(item)}" + maybe(" " + draw(_COMMENT)) + "\n"
        elif draw(st.booleans()):  # key: # comment, then the value, indented, on its own line
            out += f"{key}:" + maybe(" " + draw(_COMMENT)) + "\n" + between("  ")
            out += f"  {value(v)}" + maybe(" " + draw(_COMMENT)) + "\n"
        else:
            out += f"{key}: {value(v)}" + maybe(" " + draw(_COMMENT)) + "\n"
    return out + draw(_BLANKS) + maybe(draw(_COMMENT) + "\n")
