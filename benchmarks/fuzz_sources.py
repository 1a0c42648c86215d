"""Fuzz the parsers that read what the network (or an untrusted artifact) sends.

    python benchmarks/fuzz_sources.py                  # every target, 1 minute in all
    python benchmarks/fuzz_sources.py --minutes 60     # an hour, split across the targets
    python benchmarks/fuzz_sources.py --target html --minutes 5

Targets (hypothesis, no network; run from a checkout, ``src`` is put on the path):

- ``crossref``, ``dblp-json``: Crossref/CSL and dblp search JSON, from arbitrary bytes,
  arbitrary JSON and mutated real samples; only ``SourceError`` may come out;
- ``arxiv``, ``dblp-xml``: arXiv Atom and dblp XML, likewise (entity declarations must
  be refused, never expanded);
- ``html``: landing pages' ``citation_*`` meta tags;
- ``http``: the link checker's response reader (status line, headers, chunked and
  length-framed bodies) and ``Retry-After``; only the errors the client handles may
  come out;
- ``comment``: the PR comment rendered from any schema-valid report: it must start with
  the marker, fit GitHub's limit, and let no markup or mention of the report through;
- ``report``: report validation on any JSON (and on JSON text, through the comment
  command's reader): a list of reasons or ``InputError``, never a crash.

Each failure is printed with the smallest example hypothesis found, and the script exits
1; turn it into a test and fix it. Examples run are counted per target.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from listbot.bot.prreport import REPORT_VERSION  # noqa: E402
from listbot.paper.metadata import (  # noqa: E402
    PaperMetadata,
    SourceError,
    parse_arxiv,
    parse_crossref,
    parse_csl_json,
    parse_dblp_hits,
    parse_dblp_xml,
    parse_html,
)

COUNTS: dict[str, int] = {}


def count(name: str) -> None:
    COUNTS[name] = COUNTS.get(name, 0) + 1


# ---- inputs ------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=12), inner, max_size=6)
    ),
    max_leaves=40,
)


def samples() -> dict[str, bytes]:
    import metadata_samples as s  # type: ignore[import-not-found,unused-ignore]  # from tests/

    found: dict[str, bytes] = {}
    for name in dir(s):
        value = getattr(s, name)
        if not name.isupper():
            continue
        if isinstance(value, str) and len(value) > 40:
            found[name] = value.encode()
        elif isinstance(value, dict):
            found[name] = json.dumps(value).encode()
    return found


SAMPLES = samples()


@st.composite
def mutated(draw: st.DrawFn, kinds: tuple[str, ...]) -> bytes:
    """A real sample with a few bytes inserted, deleted or replaced."""
    names = sorted(n for n in SAMPLES if any(k in n.upper() for k in kinds)) or sorted(SAMPLES)
    data = bytearray(SAMPLES[draw(st.sampled_from(names))])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(
            st.sampled_from([b"<", b">", b"&", b'"', b"{", b"[", b"\x00", b"\xff", b"&#0;"])
            | st.binary(max_size=8)
        )
        if action == "insert":
            data[at:at] = chunk
        elif action == "delete":
            del data[at : at + len(chunk) + 1]
        else:
            data[at : at + len(chunk)] = chunk
    return bytes(data)


def body(*kinds: str) -> st.SearchStrategy[bytes]:
    return (
        st.binary(max_size=400) | json_values.map(lambda v: json.dumps(v).encode()) | mutated(kinds)
    )


# ---- properties --------------------------------------------------------------------------


def clean(meta: PaperMetadata) -> None:
    for value in (meta.title, *meta.authors, *meta.venues):
        assert isinstance(value, str), value
        assert not any(ord(c) < 32 for c in value), repr(value)
    assert meta.year is None or isinstance(meta.year, int)


Target = tuple[tuple[st.SearchStrategy[Any], ...], Callable[..., None]]


def parser_target(name: str, parse: Callable[[bytes], object], *kinds: str) -> Target:
    def run(data: bytes) -> None:
        count(name)
        try:
            result = parse(data)
        except SourceError as exc:
            assert "\n" not in str(exc), str(exc)
            return
        for meta in result if isinstance(result, list) else [result]:
            assert isinstance(meta, PaperMetadata)
            clean(meta)

    return (body(*kinds),), run


def http_target() -> Target:
    from listbot.links.check import retry_after
    from listbot.links.http import Client, FetchError, Response, _read_body

    handled = (FetchError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError)
    pieces = st.sampled_from(
        [b"0", b"1", b"2", b"9", b"f", b"\xb2", b"\xb9", b"-", b" ", b";", b"\r\n", b"x"]
    )
    number = st.lists(pieces, min_size=1, max_size=5).map(b"".join) | st.binary(max_size=6)
    status_line = st.builds(
        lambda version, code, reason: version + b" " + code + b" " + reason,
        st.sampled_from([b"HTTP/1.1", b"HTTP/1.0", b"HTTP/2", b"HTTP/1.1x", b"ICY"]),
        number | st.sampled_from([b"200", b"100", b"301", b"429", b"503"]),
        st.binary(max_size=6),
    )
    header = st.builds(
        lambda name, value: name + b": " + value,
        st.sampled_from(
            [
                b"Content-Length",
                b"Transfer-Encoding",
                b"Retry-After",
                b"X-RateLimit-Remaining",
                b"X-RateLimit-Reset",
                b"Location",
                b"Set-Cookie",
                b"Connection",
            ]
        )
        | st.binary(max_size=6),
        number | st.sampled_from([b"chunked", b"0", b"close", b"Mon, 99 Foo 1999 00:00:00 GMT"]),
    )
    chunked_body = st.lists(
        st.builds(
            lambda size, data: size + b"\r\n" + data + b"\r\n", number, st.binary(max_size=8)
        ),
        max_size=4,
    ).map(b"".join)
    head_parts = st.builds(
        lambda continues, line, headers, body: (
            continues + line + b"\r\n" + b"\r\n".join(headers) + b"\r\n\r\n" + body
        ),
        st.sampled_from([b"", b"HTTP/1.1 100 Continue\r\n\r\n"]),
        status_line,
        st.lists(header, max_size=5),
        chunked_body | st.binary(max_size=40),
    ) | st.binary(max_size=200)

    async def read(data: bytes, limit: int) -> None:
        reader = asyncio.StreamReader(limit=1024)
        reader.feed_data(data)
        reader.feed_eof()
        status, _reason, headers, _cookies, _version = await Client._read_head(reader)
        assert 100 <= status <= 999, status
        length = headers.get("content-length")
        chunked = "chunked" in headers.get("transfer-encoding", "").lower()
        got, _complete = await _read_body(reader, length, chunked, limit)
        assert len(got) <= limit
        retry_after(Response(status, "", headers), now=0.0)

    def run(data: bytes, limit: int) -> None:
        count("http")
        with contextlib.suppress(*handled):
            asyncio.run(read(data, limit))

    return (head_parts, st.integers(0, 64)), run


@st.composite
def reports(draw: st.DrawFn) -> dict[str, Any]:
    hostile = st.sampled_from(
        [
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "@mallory",
            "# heading",
            "| a | b |",
            "<!-- listbot:comment -->",
            "</details>",
            "`code`",
            "\u202e",
            "\x00",
        ]
    )
    text = st.lists(st.text(max_size=20) | hostile, max_size=4).map("".join)
    path = text.filter(lambda p: p and not any(ord(c) < 32 or c == "\x7f" for c in p)).map(
        lambda p: p[:300]
    )
    problem = st.fixed_dictionaries(
        {
            "path": path,
            "line": st.integers(1, 10**6),
            "col": st.integers(1, 10**6),
            "code": st.from_regex(r"\ALB[0-9]{3}\Z"),
            "severity": st.sampled_from(["error", "warning"]),
            "message": text.map(lambda t: t[:2000]),
            "suggestion": st.none() | text.map(lambda t: t[:2000]),
        }
    )
    link = st.fixed_dictionaries(
        {
            "field": st.sampled_from(["links.paper", "links.code", "doi", "arxiv"]),
            "url": text,
            "status": st.sampled_from(
                ["ok", "redirected", "broken", "unreachable", "excluded", "blocked"]
            ),
            "http_status": st.none() | st.integers(0, 999),
            "final_url": st.none() | text,
            "message": st.none() | text,
        }
    )
    entry = st.none() | st.fixed_dictionaries(
        {
            "title": text.filter(bool),
            "venue": st.sampled_from(["OSDI", "NSDI", "X"]),
            "year": st.integers(1900, 2100),
            "category": st.sampled_from(["training", "nope"]),
        },
        optional={
            "authors": st.lists(text.filter(bool), max_size=3),
            "note": text,
            "links": st.fixed_dictionaries({}, optional={"paper": text, "code": text}),
        },
    )
    file = st.fixed_dictionaries(
        {
            "path": path,
            "status": st.sampled_from(["added", "changed", "removed"]),
            "entry": entry,
            "before": entry,
            "preview": st.none() | text,
            "problems": st.lists(problem, max_size=4),
            "links": st.lists(link, max_size=3),
        }
    )
    files = draw(st.lists(file, max_size=4))
    others = draw(st.lists(problem, max_size=3))
    counts = {k: draw(st.integers(0, 50)) for k in ("added", "changed", "removed", "errors")}
    return {
        "version": REPORT_VERSION,
        "generator": "listbot 0.1.0",
        "repository": draw(st.none() | st.just("owner/repo")),
        "pr": draw(st.none() | st.integers(1, 10**6)),
        "head_sha": draw(st.none() | st.just("a" * 40)),
        "base": "main",
        "title": "listbot report",
        "files": files,
        "other_problems": others,
        "links_checked": draw(st.booleans()),
        "readme_changes": draw(st.none() | st.booleans()),
        "counts": counts | {"warnings": 0, "broken_links": 0},
    }


OWN_HTML = re.compile(
    r"\A(<!-- listbot:comment -->|<details><summary>[^<]*</summary>|</details>|<sub>|</sub>)\Z"
)


def comment_target() -> Target:
    from markdown_it import MarkdownIt

    from listbot.bot.comment import LIMIT, MARKER, render_comment
    from listbot.bot.comment import CommentTarget as Where
    from listbot.bot.prreport import PrReport
    from listbot.config import Category, Config

    config = Config(categories=(Category("training", "Training", 0, None),))
    where = Where("owner/repo", "a" * 40)
    markdown = MarkdownIt("commonmark", {"html": True}).enable("table")

    def run(report: dict[str, Any]) -> None:
        count("comment")
        body = render_comment(PrReport.from_data(report), where, config)
        assert body.startswith(MARKER + "\n") and len(body) <= LIMIT
        assert body.count(MARKER) == 1
        # What GitHub would render: only our own HTML, only our own links, no mention.
        tokens = list(markdown.parse(body))
        while tokens:
            token = tokens.pop()
            tokens += token.children or []
            if token.type in ("html_inline", "html_block"):
                for part in re.findall(r"<[^>]*>(?:[^<]*</summary>)?", token.content):
                    assert OWN_HTML.match(part), token.content
            assert token.type not in ("image", "table_open"), token.content
            if token.type == "link_open":
                href = str(token.attrs.get("href", ""))
                assert href.startswith("https://github.com/owner/repo/blob/" + "a" * 40), href
            if token.type == "text":
                assert "@mallory" not in token.content, token.content

    return (reports(),), run


def report_target() -> Target:
    from listbot.bot.artifacts import read_report
    from listbot.errors import InputError
    from listbot.schemacheck import artifact_errors

    folder = Path(tempfile.mkdtemp(prefix="listbot-fuzz-"))

    def run(data: Any, raw: bytes) -> None:
        count("report")
        reasons = artifact_errors("report", data)
        assert all(isinstance(r, str) and "\n" not in r for r in reasons)
        for text in (json.dumps(data).encode(), raw, b"[" * 5000):
            path = folder / "report.json"
            path.write_bytes(text)
            try:
                read_report(path, 1 << 20)
            except InputError as exc:
                assert "\n" not in str(exc)

    return (json_values | reports(), st.binary(max_size=200)), run


def targets() -> dict[str, Target]:
    return {
        "crossref": parser_target("crossref", parse_crossref, "CROSSREF"),
        "csl": parser_target("csl", parse_csl_json, "CROSSREF", "CSL"),
        "dblp-json": parser_target("dblp-json", parse_dblp_hits, "DBLP"),
        "arxiv": parser_target("arxiv", lambda b: parse_arxiv(b, "1712.05889"), "ATOM", "ARXIV"),
        "dblp-xml": parser_target("dblp-xml", lambda b: parse_dblp_xml(b, "conf/x/y"), "XML"),
        "html": parser_target(
            "html",
            lambda b: parse_html(b.decode("utf-8", "replace"), "https://example.org/p"),
            "PAGE",
        ),
        "http": http_target(),
        "comment": comment_target(),
        "report": report_target(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="total time (default: 1)")
    parser.add_argument("--target", action="append", help="only these targets (repeatable)")
    args = parser.parse_args(argv)
    chosen = targets()
    if args.target:
        unknown = set(args.target) - set(chosen)
        if unknown:
            parser.error(f"unknown target(s): {', '.join(sorted(unknown))}")
        chosen = {k: v for k, v in chosen.items() if k in args.target}
    share = args.minutes * 60 / len(chosen)
    failed = []
    for name, (strategies, prop) in chosen.items():
        started = time.monotonic()
        while time.monotonic() - started < share:
            budget = settings(
                max_examples=200,  # a batch; each batch starts from a new random seed
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            try:
                budget(given(*strategies)(prop))()
            except Exception as exc:  # a property failed: hypothesis has shrunk the example
                found = getattr(exc, "exceptions", None) or (exc,)  # an ExceptionGroup: each
                for one in found:
                    notes = "\n".join(getattr(one, "__notes__", []))  # the falsifying example
                    print(f"FAIL {name}: {type(one).__name__}: {str(one)[:2000]}\n{notes}")
                failed.append(name)
                break
        print(f"{name}: {COUNTS.get(name, 0)} examples in {time.monotonic() - started:.0f} s")
    print(f"total: {sum(COUNTS.values())} examples; failed: {', '.join(failed) or 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
