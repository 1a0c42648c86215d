"""The metadata client (``listbot add``) against broken servers and hostile answers.

Transport faults run against Crossref (the JSON path) and a landing page (the HTML path:
the one URL a user types in); malformed bodies run through every source's parser. Each
ends as a ``PaperMetadata`` or a one-line ``SourceError`` within the client's own
timeouts and size cap; nothing else escapes.
"""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest

import faultserver
from faultserver import FAULTS, FaultServer
from listbot.cli import main
from listbot.paper.metadata import PaperMetadata, SourceError
from listbot.paper.sources import SourceEndpoints, Sources, make_sources

WALL = 30.0
MEMORY = 64 * 1024 * 1024  # 5 MiB per answer; a parse tree of 100,000 nested XML elements is ~30 MB


def sources(url: str) -> Sources:
    found = make_sources(
        endpoints=SourceEndpoints(crossref=url, arxiv=url, dblp=url, doi=url),
        contact=None,
        timeout=0.3,
        retries=1,
        max_retry_after=1.0,
        sleep=lambda seconds: None,
    )
    found.client.deadline = 0.6
    return found


def fetch(kind: str, server: FaultServer) -> PaperMetadata | SourceError:
    src = sources(server.url(""))
    try:
        if kind == "crossref":
            return src.doi("10.1145/3600006.3613165")
        if kind == "arxiv":
            return src.arxiv("1712.05889")
        if kind == "dblp":
            return src.dblp_record("conf/osdi/MoritzNWTLLEYPJS18")
        if kind == "dblp-search":
            found = src.dblp_search("Ray")
            return found[0] if found else SourceError("no hits")
        return src.page(server.url("/paper"))
    except SourceError as exc:
        return exc
    finally:
        src.close()


def assert_bounded(kind: str, server: FaultServer) -> PaperMetadata | SourceError:
    tracemalloc.start()
    started = time.monotonic()
    try:
        outcome = fetch(kind, server)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < WALL and peak < MEMORY
    if isinstance(outcome, SourceError):
        assert "\n" not in str(outcome) and len(str(outcome)) <= 400
    return outcome


@pytest.mark.parametrize("kind", ["crossref", "page"])
@pytest.mark.parametrize("name", sorted(FAULTS))
def test_transport_fault(name: str, kind: str) -> None:
    with FaultServer(FAULTS[name]) as server:
        outcome = assert_bounded(kind, server)
    assert isinstance(outcome, SourceError), outcome  # no fault yields a paper


def test_messages_say_what_happened() -> None:
    cases = {
        "stall": "did not answer within 0.3 s",
        "drip-body": "took longer than 0.6 s to answer",
        "drip-headers": "took longer than 0.6 s to answer",
        "gigabyte-chunked": "is larger than 5,242,880 bytes",
        "gzip-bomb": "is larger than 5,242,880 bytes",
        "redirect-forever": "too many redirects",
        "malformed-location-garbage": "sent a malformed HTTP answer",
    }
    for name, words in cases.items():
        with FaultServer(FAULTS[name]) as server:
            outcome = assert_bounded("crossref", server)
        assert words in str(outcome), (name, outcome)


JSON_BODIES: dict[str, bytes] = {
    "not-json": b"<html>rate limited</html>",
    "truncated": b'{"status": "ok", "message": {"title": ["Ray',
    "deep-arrays": b"[" * 100_000 + b"]" * 100_000,
    "deep-objects": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "null": b"null",
    "list": b"[1, 2, 3]",
    "huge-number": b'{"message": {"title": ["T"], "issued": {"date-parts": [[1e999999]]}}}',
    "nan": b'{"message": {"title": ["T"], "issued": {"date-parts": [[NaN]]}}}',
    "wrong-types": json.dumps(
        {
            "message": {
                "title": [{"x": 1}, 5, None],
                "author": "Nobody",
                "container-title": 7,
                "issued": {"date-parts": "2018"},
                "DOI": ["10.1/x"],
                "URL": {"href": "x"},
            }
        }
    ).encode(),
    "types-2": json.dumps(
        {
            "message": {
                "title": ["Ray"],
                "author": [{"given": 1, "family": None}, "x", 5],
                "issued": {"date-parts": [["twenty", 1]]},
                "published-print": {"date-parts": [[10**30]]},
                "container-title": [None, {"a": 1}],
                "link": "x",
                "resource": {"primary": {"URL": 5}},
            }
        }
    ).encode(),
    "bad-utf8": b'{"message": {"title": ["\xff\xfe Ray"]}}',
    "control-chars": json.dumps(
        {"message": {"title": ["Ray\x00\x1b[31m\u202e\n# heading"]}}
    ).encode(),
    "dblp-wrong-types": json.dumps(
        {"result": {"hits": {"hit": [{"info": {"title": "Ray", "authors": 5, "year": []}}, 1]}}}
    ).encode(),
}

XML_BODIES: dict[str, bytes] = {
    "not-xml": b"<html><body>rate limited",
    "billion-laughs": b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b']><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol9;</title></entry></feed>',
    "external-entity": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&xxe;</title></entry></feed>',
    "doctype-trick": b'<!DOCTYPE x [<!ENTITY a "]>"> <!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<dblp><inproceedings><title>&xxe;</title></inproceedings></dblp>",
    "deep": b"<a>" * 100_000 + b"</a>" * 100_000,
    "wrong-root": b"<rss><channel><title>Ray</title></channel></rss>",
    "empty-feed": b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>',
    "entry-no-id": b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title></entry>'
    b"</feed>",
    "dblp-empty": b"<dblp></dblp>",
    "dblp-odd": b"<dblp><article><title/><year>MMXVIII</year><author/><ee>javascript:x</ee>"
    b"</article></dblp>",
    "unknown-entities": b"<dblp><inproceedings><title>&bogus; &#xD800; &#99999999;</title>"
    b"</inproceedings></dblp>",
}

HTML_BODIES: dict[str, bytes] = {
    "no-tags": b"<html><head><title>Ray</title></head></html>",
    "broken-meta": b'<html><head><meta name="citation_title" content="Ray',
    "unclosed-quotes": b"<meta name='citation_title' content=\"Ray><meta name=citation_date "
    b"content=2018>",
    "no-content": b'<meta name="citation_title"><meta name="citation_author" content>',
    "huge-attribute": b'<meta name="citation_title" content="' + b"A" * 4_000_000 + b'">',
    "many-tags": b'<meta name="citation_author" content="X">' * 100_000
    + b'<meta name="citation_title" content="Ray">',
    "bogus-charset": b'<meta charset="x-no-such-charset"><meta name="citation_title" '
    b'content="Ray">',
    "nested-garbage": b"<" * 100_000 + b'<meta name="citation_title" content="Ray">',
    "markup-in-title": b'<meta name="citation_title" content="&lt;script&gt;alert(1)&lt;/script'
    b'&gt; [x](javascript:y) @everyone"><meta name="citation_date" content="2018">',
    "control-chars": b'<meta name="citation_title" content="Ray\x00\x07\x1b[2J">',
}


def serve(body: bytes, content_type: str) -> faultserver.Fault:
    return faultserver.answer(200, body, {"Content-Type": content_type})


@pytest.mark.parametrize("name", sorted(JSON_BODIES))
@pytest.mark.parametrize("kind", ["crossref", "dblp-search"])
def test_hostile_json(name: str, kind: str) -> None:
    with FaultServer(serve(JSON_BODIES[name], "application/json")) as server:
        outcome = assert_bounded(kind, server)
    if isinstance(outcome, PaperMetadata):
        assert_clean(outcome)


@pytest.mark.parametrize("name", sorted(XML_BODIES))
@pytest.mark.parametrize("kind", ["arxiv", "dblp"])
def test_hostile_xml(name: str, kind: str) -> None:
    with FaultServer(serve(XML_BODIES[name], "application/xml")) as server:
        outcome = assert_bounded(kind, server)
    if name in ("billion-laughs", "external-entity", "doctype-trick"):
        assert isinstance(outcome, SourceError)
        assert "entity" in str(outcome) or "not XML" in str(outcome), outcome
    if isinstance(outcome, PaperMetadata):
        assert_clean(outcome)


@pytest.mark.parametrize("name", sorted(HTML_BODIES))
def test_hostile_html(name: str) -> None:
    with FaultServer(serve(HTML_BODIES[name], "text/html")) as server:
        outcome = assert_bounded("page", server)
    if isinstance(outcome, PaperMetadata):
        assert_clean(outcome)


def assert_clean(meta: PaperMetadata) -> None:
    """What a parser returns is plain one-line text: no control characters, no file contents."""
    for value in (meta.title, *meta.authors, *meta.venues):
        assert isinstance(value, str)
        assert not any(ord(c) < 32 or c == "\x7f" for c in value), value
        assert "root:" not in value


def test_add_reports_a_hostile_source_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "listbot.yml").write_text(
        "categories: [{id: training, name: Training}]\nlinks:\n  timeout: 0.3\n  retries: 0\n"
    )
    (tmp_path / "entries").mkdir()
    monkeypatch.chdir(tmp_path)
    for fault in (faultserver.gzip_bomb, faultserver.drip_body, serve(b"[" * 100_000, "x/y")):
        with FaultServer(fault) as server:
            env = {"LISTBOT_CROSSREF_URL": server.url(""), "LISTBOT_DOI_URL": server.url("")}
            started = time.monotonic()
            code = main(["add", "10.1145/3600006.3613165", "--category", "training"], env=env)
        err = capsys.readouterr().err
        assert code in (1, 2) and time.monotonic() - started < WALL
        assert err.count("\n") == 1 and "internal error" not in err, err
    assert list((tmp_path / "entries").iterdir()) == []
