"""Crossref's works API (a record, a bibliographic query) and CSL JSON from doi.org."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from listbot.paper.record import (
    PaperMetadata,
    SourceError,
    _authors,
    _clean_doi,
    _date_year,
    _http_url,
    _load_json,
    _strings,
    clean_text,
    clean_title,
)

# --- Crossref (and CSL JSON from doi.org) ---------------------------------------------------


def parse_csl(work: Mapping[str, Any], source: str) -> PaperMetadata:
    """A Crossref ``message`` (works API) or a CSL JSON record (doi.org content negotiation)."""
    titles = [clean_title(t) for t in _strings(work.get("title"))]
    titles = [t for t in titles if t]
    if not titles:
        raise SourceError(f"{source} record has no title")
    title = titles[0]
    subtitles = [clean_text(t) for t in _strings(work.get("subtitle"))]
    if subtitles and subtitles[0] and ":" not in title:
        title = f"{title}: {subtitles[0]}"
    authors = []
    people = work.get("author")
    for person in people if isinstance(people, list) else []:
        if not isinstance(person, Mapping):
            continue
        given = person.get("given") if isinstance(person.get("given"), str) else ""
        family = person.get("family") if isinstance(person.get("family"), str) else ""
        name = person.get("name") if isinstance(person.get("name"), str) else ""
        full = f"{given} {family}".strip() if (given or family) else name
        if full:
            authors.append(full)
    year = None
    for key in ("published-print", "issued", "published-online", "published", "created"):
        year = _date_year(work.get(key))
        if year:
            break
    venues: list[str] = []
    event = work.get("event")
    if isinstance(event, Mapping):
        venues.extend(_strings(event.get("acronym")))
    venues.extend(_strings(work.get("short-container-title")))
    venues.extend(_strings(work.get("container-title")))
    if isinstance(event, Mapping):
        venues.extend(_strings(event.get("name")))
    elif isinstance(event, str):  # CSL JSON from doi.org: the event is its name
        venues.append(event)
    venues.extend(_strings(work.get("event-title")))
    venues = [clean_text(v) for v in venues if clean_text(v)]
    doi = _clean_doi(work.get("DOI"))
    kind = work.get("type")
    subtype = work.get("subtype")
    preprint = kind in ("posted-content",) and subtype in (None, "preprint")
    return PaperMetadata(
        source=source,
        title=title,
        authors=_authors(authors),
        year=year,
        venues=tuple(dict.fromkeys(venues)),
        doi=doi,
        url=_landing_page(work),
        preprint=preprint,
    )


def _landing_page(work: Mapping[str, Any]) -> str | None:
    resource = work.get("resource")
    primary = resource.get("primary") if isinstance(resource, Mapping) else None
    return _http_url(primary.get("URL")) if isinstance(primary, Mapping) else None


def parse_crossref(body: bytes) -> PaperMetadata:
    """A Crossref works API response: ``{"status": "ok", "message": {...}}``."""
    data = _load_json(body, "Crossref")
    if not isinstance(data, Mapping) or not isinstance(data.get("message"), Mapping):
        raise SourceError("Crossref returned JSON that is not a works record")
    return parse_csl(data["message"], "Crossref")


def parse_crossref_search(body: bytes) -> list[PaperMetadata]:
    """A Crossref works query (``/works?query.bibliographic=...``): ``message.items``."""
    data = _load_json(body, "Crossref")
    message = data.get("message") if isinstance(data, Mapping) else None
    items = message.get("items") if isinstance(message, Mapping) else None
    if not isinstance(items, list):
        raise SourceError("Crossref returned JSON that is not a list of works")
    found = []
    for item in items:
        if isinstance(item, Mapping):
            try:
                found.append(parse_csl(item, "Crossref"))
            except SourceError:
                continue
    return found


def parse_csl_json(body: bytes) -> PaperMetadata:
    data = _load_json(body, "doi.org")
    if not isinstance(data, Mapping):
        raise SourceError("doi.org returned JSON that is not a citation record")
    return parse_csl(data, "doi.org")
