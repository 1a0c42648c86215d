"""A landing page's ``citation_*`` meta tags (Highwire Press tags, as Google Scholar reads them)."""

from __future__ import annotations

from html.parser import HTMLParser

from listbot.paper.ids import _ARXIV_ID
from listbot.paper.record import (
    PaperMetadata,
    SourceError,
    _authors,
    _clean_doi,
    _http_url,
    _year,
    clean_text,
    clean_title,
)

# --- citation_* meta tags -------------------------------------------------------------------


# Citation tags sit in a page's head: the first million characters hold them on every
# publisher we know, and html.parser needs seconds for a few megabytes of hostile markup.
MAX_HTML_CHARS = 1_000_000
MAX_META_TAGS = 5000
MAX_META_CHARS = 10_000  # a title, an author, a PDF URL: never longer than this


class _MetaTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, str]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            found = {k.lower(): (v or "") for k, v in attrs}
            name = (found.get("name") or found.get("property") or "").strip().lower()
            content = found.get("content")
            too_many = len(self.tags) >= MAX_META_TAGS
            if name and content is not None and len(content) <= MAX_META_CHARS and not too_many:
                self.tags.append((name, content))
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title and len(self.title) < 1000:
            self.title += data


def parse_html(body: str, url: str) -> PaperMetadata:
    """A landing page's Highwire ``citation_*`` meta tags (USENIX, ACM, NeurIPS, PMLR, ...)."""
    parser = _MetaTags()
    try:
        parser.feed(body[:MAX_HTML_CHARS])
        parser.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is lenient
        raise SourceError(f"the page {url} is not readable HTML") from None
    tags: dict[str, list[str]] = {}
    for name, content in parser.tags:
        tags.setdefault(name, []).append(content)

    def first(*names: str) -> str:
        for name in names:
            for value in tags.get(name, []):
                cleaned = clean_text(value)
                if cleaned:
                    return cleaned
        return ""

    title = clean_title(first("citation_title", "dc.title"))
    if not title:
        raise SourceError(
            f"the page {url} has no citation_title meta tag; "
            "use its DOI or arXiv id, or listbot new"
        )
    authors = tags.get("citation_author") or tags.get("dc.creator") or []
    names = []
    for author in authors:
        name = clean_text(author)
        if "," in name and name.count(",") == 1:  # "Moritz, Philipp"
            family, given = (part.strip() for part in name.split(","))
            name = f"{given} {family}".strip()
        names.append(name)
    year = _year(
        first(
            "citation_publication_date",
            "citation_date",
            "citation_conference_date",
            "citation_online_date",
            "citation_year",
            "dc.date",
        )
    )
    venue_tags = (
        "citation_conference_abbrev",
        "citation_conference_title",
        "citation_conference",
        "citation_journal_abbrev",
        "citation_journal_title",
        "citation_inbook_title",
    )
    venues = [v for v in (first(name) for name in venue_tags) if v]
    arxiv = _ARXIV_ID.match(first("citation_arxiv_id"))
    # arXiv's own abstract pages name no venue, only the id (and sometimes arXiv as publisher)
    preprint = bool(arxiv) and all(v.casefold() in ("arxiv", "corr") for v in venues)
    if preprint:
        venues = []
    return PaperMetadata(
        source="the page",
        title=title,
        authors=_authors(names),
        year=year,
        venues=tuple(dict.fromkeys(venues)),
        doi=_clean_doi(first("citation_doi", "dc.identifier")),
        arxiv=arxiv.group(1) if arxiv else None,
        url=_http_url(first("citation_abstract_html_url")) or url,
        pdf=_http_url(first("citation_pdf_url")),
        preprint=preprint,
    )
