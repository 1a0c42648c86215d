"""Stand-ins for dblp, Crossref and arXiv on 127.0.0.1, answering from a list of papers.

The answers have the shapes of the real APIs (see ``metadata_samples``, taken from their
answers): dblp ``/search/publ/api?q=...&format=json``, Crossref ``/works?query.bibliographic=``
(a ``work-list`` message whose items are works) and ``/works/{doi}``, arXiv
``/api/query?search_query=ti:"..."`` and ``?id_list=`` (Atom). Like the real searches,
dblp answers the papers that have every query word; Crossref ranks every paper by
shared words and always answers its best few, related or not; arXiv knows only papers
with an arXiv id. Every request is recorded, so a test can say "no request was sent"::

    with PaperStand(papers) as stand:
        env = stand.env()          # LISTBOT_DBLP_URL and friends
        ...
    assert stand.requests == []
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

import yaml

SEED_PAPERS = Path(__file__).parent / "data" / "papers" / "seed-papers.yaml"

# How dblp names venues in its search answers (the "venue" field).
_DBLP_VENUE = {"VLDB": "Proc. VLDB Endow.", "NeurIPS": "NeurIPS", "ATC": "USENIX ATC"}


def load_papers(path: Path = SEED_PAPERS) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


class PaperStand:
    def __init__(self, papers: Sequence[Mapping[str, Any]], *, status: int = 200) -> None:
        self.papers = list(papers)
        self.status = status  # e.g. 503 to play a source that is down
        self.requests: list[str] = []
        stand = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                stand.requests.append(self.path)
                code, kind, body = stand.answer(self.path)
                self.send_response(code)
                if code in (429, 503):
                    self.send_header("Retry-After", "0")
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> PaperStand:
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def env(self) -> dict[str, str]:
        return {
            "LISTBOT_DBLP_URL": f"{self.base}/dblp",
            "LISTBOT_CROSSREF_URL": f"{self.base}/crossref",
            "LISTBOT_ARXIV_URL": f"{self.base}/arxiv/api",
            "LISTBOT_DOI_URL": f"{self.base}/doi",
        }

    # --- answers -----------------------------------------------------------------------

    def answer(self, raw: str) -> tuple[int, str, bytes]:
        if self.status != 200:
            return self.status, "text/plain", b"unavailable"
        url = urlsplit(raw)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/dblp/search/publ/api":
            return 200, "application/json", self._dblp(query.get("q", ""))
        if url.path == "/crossref/works":
            return 200, "application/json", self._crossref(query.get("query.bibliographic", ""))
        if url.path.startswith("/crossref/works/"):
            doi = unquote(url.path.removeprefix("/crossref/works/"))
            for paper in self.papers:
                if (paper.get("doi") or "").casefold() == doi.casefold():
                    return 200, "application/json", self._crossref_work(paper)
            return 404, "text/plain", b"Resource not found."
        if url.path == "/arxiv/api/query":
            return 200, "application/atom+xml", self._arxiv(query)
        return 404, "text/plain", b"not here"

    def _dblp(self, q: str) -> bytes:
        words = set(_words(q))
        found = [p for p in self.papers if words and words <= set(_words(p["title"]))]
        hits: dict[str, Any] = {
            "@total": str(len(found)),
            "@computed": str(len(found)),
            "@sent": str(len(found)),
            "@first": "0",
        }
        if found:
            hits["hit"] = [
                {"@score": "7", "@id": str(100 + i), "info": _dblp_info(p), "url": f"URL#{i}"}
                for i, p in enumerate(found)
            ]
        return json.dumps(
            {
                "result": {
                    "query": q,
                    "status": {"@code": "200", "text": "OK"},
                    "time": {"@unit": "msecs", "text": "1.00"},
                    "completions": {"@total": "0", "@computed": "0", "@sent": "0"},
                    "hits": hits,
                }
            }
        ).encode()

    def _crossref(self, q: str) -> bytes:
        words = set(_words(q))
        scored = sorted(
            ((len(words & set(_words(p["title"]))), i) for i, p in enumerate(self.papers)),
            reverse=True,
        )
        items = [
            {**_work(self.papers[i]), "score": float(score)}
            for score, i in scored
            if self.papers[i].get("doi")
        ][:5]
        return json.dumps(
            {
                "status": "ok",
                "message-type": "work-list",
                "message-version": "1.0.0",
                "message": {
                    "facets": {},
                    "total-results": len(items),
                    "items": items,
                    "items-per-page": 5,
                    "query": {"start-index": 0, "search-terms": q},
                },
            }
        ).encode()

    def _crossref_work(self, paper: Mapping[str, Any]) -> bytes:
        return json.dumps(
            {
                "status": "ok",
                "message-type": "work",
                "message-version": "1.0.0",
                "message": _work(paper),
            }
        ).encode()

    def _arxiv(self, query: Mapping[str, str]) -> bytes:
        if "id_list" in query:
            wanted = set(query["id_list"].split(","))
            found = [p for p in self.papers if p.get("arxiv") in wanted]
        else:
            words = set(_words(query.get("search_query", "").removeprefix("ti:")))
            found = [p for p in self.papers if p.get("arxiv") and words <= set(_words(p["title"]))]
        entries = "".join(_atom_entry(p) for p in found[:5])
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">\n'
            f'  <title type="html">ArXiv Query: {escape(json.dumps(query))}</title>\n'
            "  <id>http://arxiv.org/api/standin</id>\n"
            '  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">'
            f"{len(found)}</opensearch:totalResults>\n{entries}</feed>\n"
        ).encode()


def _dblp_info(paper: Mapping[str, Any]) -> dict[str, Any]:
    authors = [{"@pid": str(i), "text": name} for i, name in enumerate(paper.get("authors") or [])]
    info: dict[str, Any] = {
        "authors": {"author": authors[0] if len(authors) == 1 else authors},
        "title": paper["title"] + ".",
        "venue": _DBLP_VENUE.get(paper["venue"], paper["venue"]),
        "year": str(paper["year"]),
        "type": "Conference and Workshop Papers",
        "key": f"conf/{paper['venue'].casefold()}/{_words(paper['title'])[0]}{paper['year']}",
        "url": f"https://dblp.org/rec/conf/x/{_words(paper['title'])[0]}",
    }
    if paper.get("doi"):
        info["doi"] = paper["doi"]
        info["ee"] = f"https://doi.org/{paper['doi']}"
    elif paper.get("url"):
        info["ee"] = paper["url"]
    return info


def _work(paper: Mapping[str, Any]) -> dict[str, Any]:
    people = []
    for i, name in enumerate(paper.get("authors") or []):
        given, _, family = name.rpartition(" ")
        people.append(
            {
                "given": given,
                "family": family,
                "sequence": "first" if i == 0 else "additional",
                "affiliation": [],
            }
        )
    return {
        "DOI": paper["doi"],
        "type": "proceedings-article",
        "title": [paper["title"]],
        "author": people,
        "container-title": [paper.get("venue_full") or paper["venue"]],
        "issued": {"date-parts": [[paper["year"]]]},
        "published": {"date-parts": [[paper["year"]]]},
        "publisher": "ACM",
        "resource": {"primary": {"URL": f"https://dl.acm.org/doi/{paper['doi']}"}},
        "URL": f"http://dx.doi.org/{paper['doi']}",
    }


def _atom_entry(paper: Mapping[str, Any]) -> str:
    authors = "".join(
        f"    <author>\n      <name>{escape(name)}</name>\n    </author>\n"
        for name in paper.get("authors") or []
    )
    arxiv = paper["arxiv"]
    year = paper.get("arxiv_year") or paper["year"]
    return (
        "  <entry>\n"
        f"    <id>http://arxiv.org/abs/{arxiv}v1</id>\n"
        f"    <published>{year}-01-15T00:00:00Z</published>\n"
        f"    <title>{escape(paper['title'])}</title>\n"
        f"    <summary>About {escape(paper['title'])}.</summary>\n{authors}"
        f'    <link href="http://arxiv.org/abs/{arxiv}v1" rel="alternate" type="text/html"/>\n'
        f'    <link title="pdf" href="http://arxiv.org/pdf/{arxiv}v1" rel="related"'
        ' type="application/pdf"/>\n'
        "  </entry>\n"
    )
