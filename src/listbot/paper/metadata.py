"""Paper metadata from Crossref, arXiv, dblp and citation meta tags, as one plain value.

Everything here is pure: bytes or parsed JSON in, a ``PaperMetadata`` out, or a
``SourceError`` naming what was wrong. Fetching lives in ``listbot.paper.sources``; turning
metadata into an entry (venue, slug, links) lives at the end of this module.

    >>> identify("https://arxiv.org/abs/1712.05889v2")
    Identifier(kind='arxiv', value='1712.05889')
    >>> identify("10.1145/3190508.3190517")
    Identifier(kind='doi', value='10.1145/3190508.3190517')
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from html.entities import name2codepoint
from html.parser import HTMLParser
from typing import Any, Literal, NamedTuple
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from listbot.config import Config
from listbot.errors import InputError

IdKind = Literal["doi", "arxiv", "dblp", "url"]

MAX_AUTHORS = 300  # what the entry schema allows


class SourceError(InputError):
    """A source could not give metadata: down, slow, unknown id, or a body that makes no sense."""


class Identifier(NamedTuple):
    kind: IdKind
    value: str


@dataclass(frozen=True)
class PaperMetadata:
    """What a source says about a paper; every field may be missing except the title."""

    source: str  # "Crossref", "arXiv", "dblp", "the page", "doi.org"
    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    venues: tuple[str, ...] = ()  # venue names as found, most specific first
    doi: str | None = None
    arxiv: str | None = None
    url: str | None = None  # landing page
    pdf: str | None = None
    code: str | None = None
    preprint: bool = False  # an arXiv/CoRR record: its venue is not where it was published


# --- identifiers --------------------------------------------------------------------------

DOI = re.compile(r"^10\.[0-9]{4,9}/\S+$")
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.|www\.)?doi\.org/)", re.IGNORECASE)
_ARXIV_NEW = r"[0-9]{4}\.[0-9]{4,5}"
_ARXIV_OLD = r"[a-z-]+(?:\.[A-Z]{2})?/[0-9]{7}"
_ARXIV_ID = re.compile(rf"^({_ARXIV_NEW}|{_ARXIV_OLD})(?:v[0-9]+)?$")
_ARXIV_URL = re.compile(
    rf"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/({_ARXIV_NEW}|{_ARXIV_OLD})"
    r"(?:v[0-9]+)?(?:\.pdf)?/?(?:[?#].*)?$",
    re.IGNORECASE,
)
_ARXIV_DOI = re.compile(
    rf"^10\.48550/arxiv\.({_ARXIV_NEW}|{_ARXIV_OLD})(?:v[0-9]+)?$", re.IGNORECASE
)
_DBLP_URL = re.compile(
    r"^https?://(?:www\.)?dblp\.(?:org|uni-trier\.de|dagstuhl\.de)/rec/(?:bibtex/|xml/)?"
    r"((?:conf|journals|books|phd|series|reference|tr|persons|informal)/[A-Za-z0-9_/.+-]+?)"
    r"(?:\.html|\.xml|\.bib|\.json)?$"
)
_DBLP_KEY = re.compile(r"^[a-z]+/[A-Za-z0-9_.+-]+(?:/[A-Za-z0-9_.+-]+)+$")
_PATH_DOI = re.compile(r"/doi/(?:abs/|pdf/|full/|fullHtml/|epdf/|book/)?(10\.[0-9]{4,9}/[^?#\s]+)$")


def identify(text: str) -> Identifier:
    """What ``text`` names: a DOI, an arXiv id, a dblp record or some other page.

    Raises ``SourceError`` (naming the input) for anything else.
    """
    raw = text.strip().strip("<>").strip()
    if not raw:
        raise SourceError(
            "no paper given: pass a DOI, an arXiv id, a dblp record URL or a page URL"
        )
    if re.match(r"^arxiv:", raw, re.IGNORECASE):
        rest = raw.split(":", 1)[1].strip()
        match = _ARXIV_ID.match(rest)
        if match:
            return Identifier("arxiv", match.group(1))
        raise SourceError(f"'{text}' is not a valid arXiv id (expected e.g. arXiv:1712.05889)")
    match = _ARXIV_ID.match(raw)
    if match:
        return Identifier("arxiv", match.group(1))
    match = _ARXIV_URL.match(raw)
    if match:
        return Identifier("arxiv", match.group(1))
    doi = _DOI_PREFIX.sub("", raw)
    if doi != raw:
        doi = unquote(doi)
    if DOI.match(doi):
        arxiv = _ARXIV_DOI.match(doi)
        if arxiv:
            return Identifier("arxiv", arxiv.group(1))
        return Identifier("doi", doi)
    if doi != raw:
        raise SourceError(
            f"'{text}' does not contain a DOI (expected e.g. 10.1145/3190508.3190517)"
        )
    match = _DBLP_URL.match(raw)
    if match:
        return Identifier("dblp", match.group(1))
    if re.match(r"^dblp:", raw, re.IGNORECASE):
        key = raw.split(":", 1)[1].strip()
        if _DBLP_KEY.match(key) and ".." not in key:
            return Identifier("dblp", key)
        raise SourceError(f"'{text}' is not a dblp record key (expected e.g. dblp:conf/osdi/...)")
    if re.match(r"^https?://", raw, re.IGNORECASE):
        parts = urlsplit(raw)
        if not parts.hostname:
            raise SourceError(f"'{text}' is not a usable URL")
        in_path = _PATH_DOI.search(unquote(parts.path))
        if in_path and DOI.match(in_path.group(1)):
            return Identifier("doi", in_path.group(1))
        return Identifier("url", raw)
    raise SourceError(f"'{text}' is not a DOI, an arXiv id, a dblp record URL or an http(s) URL")


# --- text cleaning ---------------------------------------------------------------------------

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,200})?/?>")  # <i>, </sub>, <mml:mi x="1">
_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """One line of plain text: markup dropped, entities decoded, whitespace collapsed."""
    text = _TAG.sub("", text)
    text = html.unescape(html.unescape(text)) if "&amp;" in text else html.unescape(text)
    text = "".join(
        " " if unicodedata.category(ch) == "Cc" else ch
        for ch in text
        if unicodedata.category(ch) not in ("Cf", "Cs", "Co", "Cn")
    )
    return _SPACE.sub(" ", text).strip()


def clean_title(text: str) -> str:
    title = clean_text(text)
    if title.endswith(".") and not title.endswith(".."):  # dblp ends every title with a period
        title = title[:-1].rstrip()
    return title


def clean_author(name: str) -> str:
    name = clean_text(name)
    return re.sub(r"\s+[0-9]{4}$", "", name)  # dblp's homonym numbers: "Wei Wang 0001"


def _authors(names: Iterable[str]) -> tuple[str, ...]:
    out = []
    for name in names:
        cleaned = clean_author(name)
        if cleaned:
            out.append(cleaned)
    return tuple(out)


def _year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1000 <= value <= 9999 else None
    if isinstance(value, str):
        match = re.match(r"^\s*([0-9]{4})", value)
        if match:
            return int(match.group(1))
    return None


def _clean_doi(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    doi = unquote(_DOI_PREFIX.sub("", value.strip()))
    return doi if DOI.match(doi) else None


def _http_url(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not re.match(r"^https?://[^\s/?#]+[^\s]*$", url) or len(url) > 2000:
        return None
    return url


# --- Crossref (and CSL JSON from doi.org) ---------------------------------------------------


def _load_json(body: bytes, source: str) -> Any:
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise SourceError(f"{source} returned something that is not JSON") from None
    except RecursionError:
        raise SourceError(f"{source} returned JSON nested too deeply") from None


def _strings(value: Any) -> list[str]:
    """Crossref fields are lists of strings; CSL JSON fields are plain strings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _date_year(value: Any) -> int | None:
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        return _year(parts[0][0])
    return None


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


# --- arXiv Atom -----------------------------------------------------------------------------

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"


def _xml(body: bytes, source: str) -> ElementTree.Element:
    if b"<!DOCTYPE" in body[:2000] or b"<!ENTITY" in body:
        # Neither source sends a DTD; refusing one keeps entity expansion out entirely.
        body = re.sub(rb"<!DOCTYPE[^>\[]*(\[[^\]]*\])?[^>]*>", b"", body, count=1)
        if b"<!ENTITY" in body:
            raise SourceError(f"{source} returned XML with entity declarations; refused")
    text = body.decode("utf-8", errors="replace")
    # dblp writes HTML entity names (&ouml;) that plain XML does not know.
    text = re.sub(
        r"&([A-Za-z][A-Za-z0-9]*);",
        lambda m: (
            m.group(0)
            if m.group(1) in ("amp", "lt", "gt", "quot", "apos")
            else (
                f"&#{name2codepoint[m.group(1)]};" if m.group(1) in name2codepoint else m.group(0)
            )
        ),
        text,
    )
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        # DTDs and entity declarations were refused above, so nothing expands: S314 is moot.
        return ElementTree.fromstring(text)  # noqa: S314
    except ElementTree.ParseError:
        raise SourceError(f"{source} returned something that is not XML") from None


def parse_arxiv(body: bytes, wanted: str) -> PaperMetadata:
    """The arXiv export API's Atom feed for ``id_list=<wanted>``."""
    root = _xml(body, "arXiv")
    if root.tag != f"{_ATOM}feed":
        raise SourceError("arXiv returned XML that is not an Atom feed")
    for entry in root.findall(f"{_ATOM}entry"):
        ident = (entry.findtext(f"{_ATOM}id") or "").strip()
        title = clean_title(entry.findtext(f"{_ATOM}title") or "")
        if "/api/errors" in ident or title == "Error":
            summary = clean_text(entry.findtext(f"{_ATOM}summary") or "")
            raise SourceError(f"arXiv: {summary or 'error'} ({wanted})")
        match = re.search(rf"({_ARXIV_NEW}|{_ARXIV_OLD})(?:v[0-9]+)?$", ident)
        found = match.group(1) if match else None
        if found is None or found.casefold() != wanted.casefold():
            continue
        if not title:
            break
        authors = [a.findtext(f"{_ATOM}name") or "" for a in entry.findall(f"{_ATOM}author")]
        pdf = None
        for link in entry.findall(f"{_ATOM}link"):
            if link.get("title") == "pdf":
                pdf = _http_url(link.get("href"))
        journal = clean_text(entry.findtext(f"{_ARXIV}journal_ref") or "")
        comment = clean_text(entry.findtext(f"{_ARXIV}comment") or "")
        # Where the authors say it appeared ("OSDI 2018") dates the paper better than v1 does.
        published_in = re.search(r"\b(?:19|20)[0-9]{2}\b", journal)
        return PaperMetadata(
            source="arXiv",
            title=title,
            authors=_authors(authors),
            year=int(published_in.group(0))
            if published_in
            else _year(entry.findtext(f"{_ATOM}published") or ""),
            venues=tuple(v for v in (journal,) if v),
            doi=_clean_doi(entry.findtext(f"{_ARXIV}doi")),
            arxiv=found,
            url=f"https://arxiv.org/abs/{found}",
            pdf=None if pdf is None else f"https://arxiv.org/pdf/{found}",
            code=_code_link(comment),
            preprint=True,
        )
    raise SourceError(f"arXiv has no paper {wanted}")


def parse_arxiv_search(body: bytes) -> list[PaperMetadata]:
    """The arXiv export API's Atom feed for a ``search_query``: every entry that parses."""
    root = _xml(body, "arXiv")
    if root.tag != f"{_ATOM}feed":
        raise SourceError("arXiv returned XML that is not an Atom feed")
    found = []
    for entry in root.findall(f"{_ATOM}entry"):
        ident = (entry.findtext(f"{_ATOM}id") or "").strip()
        match = re.search(rf"({_ARXIV_NEW}|{_ARXIV_OLD})(?:v[0-9]+)?$", ident)
        if match is None:
            continue
        try:
            found.append(parse_arxiv(body, match.group(1)))
        except SourceError:
            continue
    return found


_CODE_HOSTS = re.compile(
    r"https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)/[^\s,;)\]]+"
)


def _code_link(text: str) -> str | None:
    """A repository URL the authors put in the arXiv comment ("Code: https://github.com/...")."""
    match = _CODE_HOSTS.search(text)
    return None if match is None else _http_url(match.group(0).rstrip("."))


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


def _listify(value: Any) -> list[Any]:
    """dblp's JSON turns a one-element list into the element itself."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


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


# --- venue -----------------------------------------------------------------------------------

_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
    "hundredth",
)
_FILLER = re.compile(
    r"\b(?:proceedings|proc|of|the|on|in|and|annual|acm|ieee|usenix|sigplan|sigops|sigarch|sigmod|"
    r"international|intl|conference|conf|symposium|symp|workshop|twenty|thirty|forty|fifty|"
    r"[0-9]+(?:st|nd|rd|th)?|" + "|".join(_ORDINALS) + r")\b"
)
# Long names sources use that share no word with the venue key.
_KNOWN_NAMES = {
    "advances in neural information processing systems": "NeurIPS",
    "neural information processing systems": "NeurIPS",
    "proceedings of the vldb endowment": "VLDB",
    "proc vldb endow": "VLDB",
    "international conference on management of data": "SIGMOD",
    "high performance computing networking storage and analysis": "SC",
}


class VenueMatch(NamedTuple):
    key: str | None
    found: tuple[str, ...]  # what the sources called it
    suggestion: str | None = None
    satellite: bool = False  # a workshop, poster or companion volume of ``suggestion``


def _fold_words(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _core_name(text: str) -> str:
    """A venue's name without proceedings-of, ordinals, years, publisher and 'conference'."""
    text = re.sub(r"\([^)]*\)", " ", text)
    return " ".join(_FILLER.sub(" ", _fold_words(text)).split())


def _token_match(text: str, config: Config) -> set[str]:
    """Venue keys named by a word (or two) of ``text``, written as the key or an alias is.

    Only acronym-like words count (two capitals or more: OSDI, EuroSys, SoCC): a plain
    word such as "Micro" or "Supercomputing" in "IEEE Micro" or "The Journal of
    Supercomputing" names a journal, not the MICRO or SC conference.
    """
    words = re.findall(r"[A-Za-z][A-Za-z0-9&+]*(?:-[A-Za-z0-9]+)*", text)
    names = {}
    for venue in config.venues:
        for name in (venue.key, *venue.aliases):
            names[name] = venue.key
    found = set()
    for i, word in enumerate(words):
        for candidate in (word, f"{word} {words[i + 1]}" if i + 1 < len(words) else ""):
            if sum(ch.isupper() for ch in candidate) < 2:
                continue
            if candidate in names:
                found.add(names[candidate])
            elif candidate.isupper() and len(candidate) >= 3:
                key = config.normalize_venue(candidate)
                if key is not None:
                    found.add(key)
    return found


def _strip_year(text: str) -> str:
    text = re.sub(r"\s*['’‘]\s*[0-9]{2}\b", "", text)  # EuroSys '18
    text = re.sub(r"\b(?:19|20)[0-9]{2}\b", "", text)
    text = re.sub(r"(?<=[A-Za-z])[\s-]*[0-9]{2}$", "", text.strip())  # OSDI 18, MICRO-51
    return " ".join(text.split())


def match_venue(names: Sequence[str], config: Config, *, preprint: bool = False) -> VenueMatch:
    """The listbot.yml venue that ``names`` (as sources wrote them) refer to, if certain.

    In order, for each name: the key or an alias in any case (also without a year,
    "EuroSys '18"); a key or alias written as a word of the name ("Proceedings of the
    Thirteenth EuroSys Conference", "(OSDI 18)"); the venue's full name (ignoring
    "Proceedings of the", ordinals, years and publisher). Anything less certain is not a
    match, only a suggestion; so is any workshop, poster or companion volume, even one
    held with a known venue ("NetAI@SIGCOMM", "SIGCOMM '19 Workshop on ...").
    """
    found = tuple(n for n in names if n)
    match = _match(found, config, preprint)
    if match.key is not None and any(_SATELLITE.search(name) for name in found):
        return VenueMatch(None, found, match.key, satellite=True)
    return match


# Volumes that carry a venue's name without being its main track.
_SATELLITE = re.compile(
    r"@|\b(?:workshops?|posters?|demos?|demonstrations?|companion|doctoral|"
    r"student research|extended abstracts|tutorials?|co-located)\b",
    re.IGNORECASE,
)


def _match(found: tuple[str, ...], config: Config, preprint: bool) -> VenueMatch:
    for name in found:
        for variant in (name, _strip_year(name)):
            key = config.normalize_venue(variant)
            if key is not None:
                return VenueMatch(key, found)
    for name in found:
        for part in [*re.findall(r"\(([^)]*)\)", name), name]:
            keys = _token_match(_strip_year(part), config) | _token_match(part, config)
            if len(keys) == 1:
                return VenueMatch(keys.pop(), found)
    cores = {}
    for venue in config.venues:
        core = _core_name(venue.name)
        if core:
            cores[core] = venue.key
    for name in found:
        core = _core_name(name)
        if core and core in cores:
            return VenueMatch(cores[core], found)
        folded = _fold_words(re.sub(r"\([^)]*\)", " ", name))
        for known, key in _KNOWN_NAMES.items():
            if (
                folded == known or folded.endswith(" " + known) or folded.startswith(known + " ")
            ) and config.venue(key):
                return VenueMatch(key, found)
    if preprint and not found:
        key = config.normalize_venue("arXiv")
        if key is not None:
            return VenueMatch(key, found)
    suggestion = None
    best = 0.0
    for name in found:
        core = _core_name(name)
        for venue_core, key in cores.items():
            ratio = SequenceMatcher(None, core, venue_core).ratio()
            if ratio > best and ratio >= 0.6:
                best, suggestion = ratio, key
        if suggestion is None:
            suggestion = config.suggest_venue(_strip_year(name))
    return VenueMatch(None, found, suggestion)


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
