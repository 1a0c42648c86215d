# ruff: noqa: E501 - the samples keep the sources' own long lines
"""Responses shaped exactly like the real sources' answers, for fictional papers.

The papers are made up (10.5555 is a DOI prefix for examples), except Ray, whose arXiv
id and USENIX page are the ones in the design document.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from typing import Any

# Crossref works API: GET /works/{doi} -> {"status": "ok", "message-type": "work", ...}
CROSSREF_WORK: dict[str, Any] = {
    "status": "ok",
    "message-type": "work",
    "message-version": "1.0.0",
    "message": {
        "indexed": {
            "date-parts": [[2024, 3, 1]],
            "date-time": "2024-03-01T10:00:00Z",
            "timestamp": 1,
        },
        "publisher-location": "New York, NY, USA",
        "reference-count": 42,
        "publisher": "ACM",
        "content-domain": {"domain": ["dl.acm.org"], "crossmark-restriction": True},
        "short-container-title": [],
        "published-print": {"date-parts": [[2018, 4, 23]]},
        "DOI": "10.5555/3190508.9999999",
        "type": "proceedings-article",
        "created": {
            "date-parts": [[2018, 4, 16]],
            "date-time": "2018-04-16T12:00:00Z",
            "timestamp": 2,
        },
        "page": "1-14",
        "source": "Crossref",
        "is-referenced-by-count": 120,
        "title": ["Zephyr: Scheduling Deep Learning Jobs &amp; Their Data <i>Fairly</i>"],
        "prefix": "10.5555",
        "author": [
            {"given": "Ana", "family": "L\u00f3\u00adpez", "sequence": "first", "affiliation": []},
            {
                "given": "Bo",
                "family": "Chen",
                "sequence": "additional",
                "affiliation": [{"name": "X"}],
            },
            {"name": "The Zephyr Team", "sequence": "additional", "affiliation": []},
        ],
        "member": "320",
        "event": {
            "name": "EuroSys '18: Thirteenth EuroSys Conference 2018",
            "location": "Porto Portugal",
            "acronym": "EuroSys '18",
            "sponsor": ["SIGOPS, ACM Special Interest Group on Operating Systems"],
            "start": {"date-parts": [[2018, 4, 23]]},
            "end": {"date-parts": [[2018, 4, 26]]},
        },
        "container-title": ["Proceedings of the Thirteenth EuroSys Conference"],
        "original-title": [],
        "link": [
            {
                "URL": "https://dl.acm.org/doi/pdf/10.5555/3190508.9999999",
                "content-type": "unspecified",
                "content-version": "vor",
                "intended-application": "similarity-checking",
            }
        ],
        "deposited": {
            "date-parts": [[2023, 1, 5]],
            "date-time": "2023-01-05T00:00:00Z",
            "timestamp": 3,
        },
        "score": 1,
        "resource": {"primary": {"URL": "https://dl.acm.org/doi/10.5555/3190508.9999999"}},
        "subtitle": [],
        "issued": {"date-parts": [[2018, 4, 23]]},
        "ISBN": ["9781450355841"],
        "references-count": 42,
        "URL": "http://dx.doi.org/10.5555/3190508.9999999",
        "relation": {},
        "published": {"date-parts": [[2018, 4, 23]]},
    },
}

# A Crossref record with most fields missing (it happens for older deposits).
CROSSREF_SPARSE: dict[str, Any] = {
    "status": "ok",
    "message-type": "work",
    "message-version": "1.0.0",
    "message": {
        "DOI": "10.5555/sparse.1",
        "type": "proceedings-article",
        "title": ["Sparse Record"],
        "container-title": ["Proceedings of the Symposium on Obscure Things"],
        "issued": {"date-parts": [[None]]},
        "created": {"date-parts": [[2019, 1, 2]]},
    },
}

RAY_ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3D%26id_list%3D1712.05889%26start%3D0%26max_results%3D1" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=&amp;id_list=1712.05889&amp;start=0&amp;max_results=1</title>
  <id>http://arxiv.org/api/abc</id>
  <updated>2024-03-01T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/abs/1712.05889v2</id>
    <updated>2018-09-30T03:36:15Z</updated>
    <published>2017-12-16T00:47:56Z</published>
    <title>Ray: A Distributed Framework for Emerging AI
  Applications</title>
    <summary>  The next generation of AI applications will continuously interact with the
environment and learn from these interactions.
</summary>
    <author>
      <name>Philipp Moritz</name>
    </author>
    <author>
      <name>Robert Nishihara</name>
    </author>
    <author>
      <name>Stephanie Wang</name>
    </author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">17 pages, 14 figures; code at https://github.com/ray-project/ray.</arxiv:comment>
    <link href="http://arxiv.org/abs/1712.05889v2" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/1712.05889v2" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.DC" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.DC" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.AI" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>
"""

ARXIV_ERROR = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3D%26id_list%3D1234.5678%26start%3D0%26max_results%3D1" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=&amp;id_list=1234.5678&amp;start=0&amp;max_results=1</title>
  <id>http://arxiv.org/api/xyz</id>
  <updated>2024-03-01T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.5678</id>
    <title>Error</title>
    <summary>incorrect id format for 1234.5678</summary>
    <updated>2024-03-01T00:00:00-05:00</updated>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.5678" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>
"""

ARXIV_EMPTY = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query: search_query=&amp;id_list=2401.99999</title>
  <id>http://arxiv.org/api/empty</id>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:totalResults>
</feed>
"""


# dblp search API: /search/publ/api?q=...&format=json
def dblp_hits(*infos: dict[str, Any]) -> dict[str, Any]:
    hits: dict[str, Any] = {
        "@total": str(len(infos)),
        "@computed": str(len(infos)),
        "@sent": str(len(infos)),
        "@first": "0",
    }
    if infos:
        hits["hit"] = [
            {"@score": "7", "@id": str(100 + i), "info": info, "url": f"URL#{100 + i}"}
            for i, info in enumerate(infos)
        ]
    return {
        "result": {
            "query": "ray*",
            "status": {"@code": "200", "text": "OK"},
            "time": {"@unit": "msecs", "text": "3.21"},
            "completions": {"@total": "0", "@computed": "0", "@sent": "0"},
            "hits": hits,
        }
    }


RAY_DBLP_OSDI: dict[str, Any] = {
    "authors": {
        "author": [
            {"@pid": "1", "text": "Philipp Moritz"},
            {"@pid": "2", "text": "Robert Nishihara"},
            {"@pid": "3", "text": "Stephanie Wang 0001"},
        ]
    },
    "title": "Ray: A Distributed Framework for Emerging AI Applications.",
    "venue": "OSDI",
    "pages": "561-577",
    "year": "2018",
    "type": "Conference and Workshop Papers",
    "access": "open",
    "key": "conf/osdi/MoritzNW18",
    "ee": "https://www.usenix.org/conference/osdi18/presentation/moritz",
    "url": "https://dblp.org/rec/conf/osdi/MoritzNW18",
}

RAY_DBLP_CORR: dict[str, Any] = {
    "authors": {
        "author": [
            {"@pid": "1", "text": "Philipp Moritz"},
            {"@pid": "2", "text": "Robert Nishihara"},
        ]
    },
    "title": "Ray: A Distributed Framework for Emerging AI Applications.",
    "venue": "CoRR",
    "volume": "abs/1712.05889",
    "year": "2017",
    "type": "Informal and Other Publications",
    "access": "open",
    "key": "journals/corr/abs-1712-05889",
    "ee": "http://arxiv.org/abs/1712.05889",
    "url": "https://dblp.org/rec/journals/corr/abs-1712-05889",
}

# One author: dblp writes the object itself, not a one-element list.
SOLO_DBLP: dict[str, Any] = {
    "authors": {"author": {"@pid": "9", "text": "J&ouml;rg M&uuml;ller"}},
    "title": "A Solo Paper on Caches.",
    "venue": ["SoCC", "Workshop"],
    "year": "2020",
    "type": "Conference and Workshop Papers",
    "key": "conf/cloud/Muller20",
    "doi": "10.5555/solo.2020",
    "ee": "https://doi.org/10.5555/solo.2020",
    "url": "https://dblp.org/rec/conf/cloud/Muller20",
}

# dblp record: /rec/{key}.xml
DBLP_RECORD_XML = """<?xml version="1.0" encoding="US-ASCII"?>
<dblp>
<inproceedings key="conf/eurosys/LopezC18" mdate="2023-03-21">
<author pid="11/1">Ana L&oacute;pez</author>
<author pid="22/2" orcid="0000-0000-0000-0000">Bo Chen 0002</author>
<title>Zephyr: Scheduling Deep Learning Jobs &amp; Their Data Fairly.</title>
<pages>1:1-1:14</pages>
<year>2018</year>
<booktitle>EuroSys</booktitle>
<ee>https://doi.org/10.5555/3190508.9999999</ee>
<crossref>conf/eurosys/2018</crossref>
<url>db/conf/eurosys/eurosys2018.html#LopezC18</url>
</inproceedings>
</dblp>
"""

# A USENIX-style landing page with Highwire citation_* tags (and entities in them).
USENIX_PAGE = """<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8" />
<title>Ray: A Distributed Framework for Emerging AI Applications | USENIX</title>
<meta name="citation_title" content="Ray: A Distributed Framework for Emerging AI Applications" />
<meta name="citation_author" content="Philipp Moritz" />
<meta name="citation_author" content="Robert Nishihara" />
<meta name="citation_author" content="Ion Sto&#105;ca" />
<meta name="citation_publication_date" content="2018" />
<meta name="citation_conference_title" content="13th USENIX Symposium on Operating Systems Design and Implementation (OSDI 18)" />
<meta name="citation_isbn" content="978-1-939133-08-3" />
<meta name="citation_firstpage" content="561" />
<meta name="citation_lastpage" content="577" />
<meta name="citation_pdf_url" content="https://www.usenix.org/system/files/osdi18-moritz.pdf" />
</head>
<body><h1>Ray</h1></body>
</html>
"""

ACM_STYLE_PAGE = """<html><head>
<META NAME="citation_title" CONTENT="Caf&eacute; &amp; Cr&egrave;me: Serving Models at the Edge">
<meta name="citation_author" content="M&uuml;ller, J&ouml;rg">
<meta name="citation_author" content="Kim, Lee">
<meta name="citation_date" content="2021/03/14">
<meta name="citation_journal_title" content="Proceedings of the Fourth Conference on Machine Learning and Systems">
<meta name="citation_doi" content="doi:10.5555/cafe.2021">
</head><body></body></html>
"""


def dumps(data: Any) -> str:
    return json.dumps(data)


@contextlib.contextmanager
def silent_server() -> Iterator[str]:
    """An HTTP address that accepts connections and then never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.05)
    stop = threading.Event()
    conns: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            conns.append(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    for conn in conns:
        conn.close()
    listener.close()
