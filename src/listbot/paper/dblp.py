"""dblp: a record (``/rec/KEY.xml``) and the publication search API (JSON)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from listbot.paper.ids import _ARXIV_URL
from listbot.paper.record import (
    PaperMetadata,
    SourceError,
    _authors,
    _clean_doi,
    _http_url,
    _listify,
    _load_json,
    _xml,
    _year,
    clean_text,
    clean_title,
)

# --- dblp -----------------------------------------------------------------------------------


def _ee_links(ees: Iterable[str]) -> tuple[str | None, str | None]:
    """(DOI, landing page) from dblp's electronic-edition links."""
    doi = page = None
    for ee in ees:
        found = _clean_doi(ee) if "doi.org/" in ee else None
        if found and doi is None:
            doi = found
        elif not found and page is None and "arxiv.org" not in ee:
            page = _http_url(ee)
    return doi, page


def parse_dblp_xml(body: bytes, key: str) -> PaperMetadata:
    """A dblp record: ``https://dblp.org/rec/<key>.xml`` -> ``<dblp><inproceedings ...>``."""
    root = _xml(body, "dblp")
    record = root[0] if root.tag == "dblp" and len(root) else root
    if record.tag not in (
        "inproceedings",
        "article",
        "proceedings",
        "incollection",
        "book",
        "phdthesis",
    ):
        raise SourceError(f"dblp returned no publication record for {key}")
    title_node = record.find("title")
    title = clean_title("".join(title_node.itertext()) if title_node is not None else "")
    if not title:
        raise SourceError(f"dblp record {key} has no title")
    authors = ["".join(a.itertext()) for a in record.findall("author")]
    venue = record.findtext("booktitle") or record.findtext("journal") or ""
    ees = [(e.text or "").strip() for e in record.findall("ee")]
    doi, page = _ee_links(ees)
    preprint = venue.strip() == "CoRR"
    arxiv = None
    for ee in ees:
        match = _ARXIV_URL.match(ee)
        if match:
            arxiv = match.group(1)
    return PaperMetadata(
        source="dblp",
        title=title,
        authors=_authors(authors),
        year=_year(record.findtext("year") or ""),
        venues=tuple(v for v in (clean_text(venue),) if v),
        doi=doi,
        arxiv=arxiv,
        url=page,
        preprint=preprint,
    )


def parse_dblp_hits(body: bytes) -> list[PaperMetadata]:
    """dblp's publication search API (``/search/publ/api?format=json``): every hit."""
    data = _load_json(body, "dblp")
    try:
        hits = data["result"]["hits"]
    except (KeyError, TypeError):
        raise SourceError("dblp returned JSON that is not a search result") from None
    if not isinstance(hits, Mapping):
        raise SourceError("dblp returned JSON that is not a search result")
    out = []
    for hit in _listify(hits.get("hit")):
        info = hit.get("info") if isinstance(hit, Mapping) else None
        if not isinstance(info, Mapping) or not isinstance(info.get("title"), str):
            continue
        authors_field = info.get("authors")
        names = []
        if isinstance(authors_field, Mapping):
            for author in _listify(authors_field.get("author")):
                if isinstance(author, Mapping) and isinstance(author.get("text"), str):
                    names.append(author["text"])
                elif isinstance(author, str):
                    names.append(author)
        venues = [clean_text(v) for v in _listify(info.get("venue")) if isinstance(v, str)]
        ees = [e for e in _listify(info.get("ee")) if isinstance(e, str)]
        doi, page = _ee_links(ees)
        doi = _clean_doi(info.get("doi")) or doi
        arxiv = None
        for ee in ees:
            match = _ARXIV_URL.match(ee)
            if match:
                arxiv = match.group(1)
        title = clean_title(info["title"])
        if not title:
            continue
        out.append(
            PaperMetadata(
                source="dblp",
                title=title,
                authors=_authors(names),
                year=_year(info.get("year")),
                venues=tuple(v for v in venues if v),
                doi=doi,
                arxiv=arxiv,
                url=page,
                preprint="CoRR" in venues or info.get("type") == "Informal and Other Publications",
            )
        )
    return out
