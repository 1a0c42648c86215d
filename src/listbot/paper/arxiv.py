"""arXiv's export API: the Atom feed of an ``id_list`` or a ``search_query``."""

from __future__ import annotations

import re

from listbot.paper.ids import _ARXIV_NEW, _ARXIV_OLD
from listbot.paper.record import (
    PaperMetadata,
    SourceError,
    _authors,
    _clean_doi,
    _http_url,
    _xml,
    _year,
    clean_text,
    clean_title,
)

# --- arXiv Atom -----------------------------------------------------------------------------

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"


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
