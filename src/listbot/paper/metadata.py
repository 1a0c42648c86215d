"""Paper metadata from Crossref, arXiv, dblp and citation meta tags, as one plain value.

One module per job: ``record`` (``PaperMetadata``, ``SourceError``, text cleaning), ``ids``
(``identify``), one parser per source (``crossref``, ``arxiv``, ``dblp``, ``page``),
``venue_match`` (``match_venue``). This module re-exports them all, and turns metadata into
an entry (``merge``, ``entry_data``). Everything here is pure: bytes or parsed JSON in, a
``PaperMetadata`` out, or a ``SourceError`` naming what was wrong. Fetching lives in
``listbot.paper.sources``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from listbot.paper.arxiv import parse_arxiv, parse_arxiv_search
from listbot.paper.crossref import parse_crossref, parse_crossref_search, parse_csl, parse_csl_json
from listbot.paper.dblp import parse_dblp_hits, parse_dblp_xml
from listbot.paper.ids import DOI, Identifier, IdKind, identify
from listbot.paper.page import MAX_HTML_CHARS, MAX_META_CHARS, MAX_META_TAGS, parse_html
from listbot.paper.record import (
    MAX_AUTHORS,
    PaperMetadata,
    SourceError,
    clean_author,
    clean_text,
    clean_title,
)
from listbot.paper.venue_match import VenueMatch, match_venue

__all__ = [
    "DOI",
    "MAX_AUTHORS",
    "MAX_HTML_CHARS",
    "MAX_META_CHARS",
    "MAX_META_TAGS",
    "IdKind",
    "Identifier",
    "PaperMetadata",
    "SourceError",
    "VenueMatch",
    "clean_author",
    "clean_text",
    "clean_title",
    "entry_data",
    "identify",
    "match_venue",
    "merge",
    "parse_arxiv",
    "parse_arxiv_search",
    "parse_crossref",
    "parse_crossref_search",
    "parse_csl",
    "parse_csl_json",
    "parse_dblp_hits",
    "parse_dblp_xml",
    "parse_html",
]


# --- entry -----------------------------------------------------------------------------------


def merge(primary: PaperMetadata, published: PaperMetadata) -> PaperMetadata:
    """An arXiv record completed by its published version (found on dblp or Crossref)."""
    return replace(
        primary,
        source=f"{primary.source} + {published.source}",
        title=published.title or primary.title,
        authors=primary.authors or published.authors,
        year=published.year or primary.year,
        venues=published.venues,
        doi=primary.doi or published.doi,
        url=published.url or primary.url,
        preprint=published.preprint,
    )


def entry_data(meta: PaperMetadata, *, venue: str, category: str) -> dict[str, Any]:
    """The entry's fields from metadata, in canonical order, ready to be written."""
    if meta.year is None:
        raise SourceError(f"{meta.source} gives no year for '{meta.title}'")
    data: dict[str, Any] = {"title": meta.title}
    if meta.authors:
        data["authors"] = list(meta.authors[:MAX_AUTHORS])
    data.update(venue=venue, year=meta.year, category=category)
    links: dict[str, str] = {}
    paper = f"https://doi.org/{meta.doi}" if meta.doi else meta.url
    if paper:
        links["paper"] = paper
    if meta.pdf and meta.pdf != paper:
        links["pdf"] = meta.pdf
    if meta.code:
        links["code"] = meta.code
    if links:
        data["links"] = links
    if meta.doi:
        data["doi"] = meta.doi
    if meta.arxiv:
        data["arxiv"] = meta.arxiv
    return data
