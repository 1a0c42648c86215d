"""Which URLs to check: every link, DOI and arXiv id of the given entry files.

A file only has to parse as YAML to have its links checked, so a contributor whose entry
still fails validation learns about a dead link in the same run. Each URL is checked once
however many entries hold it (``#fragments`` removed first); every place it appears is
kept, with line and column, so reports point at the exact line::

    targets = collect([("entries/ray-osdi18.yaml", raw_bytes)], exclude=(r"^https://example\\.org/",))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import unquote, urlsplit, urlunsplit

from listbot.entries import LINK_ORDER
from listbot.links.model import Location, Target
from listbot.yamlsafe import Document, parse_yaml

DOI_URL = "https://doi.org/"
ARXIV_ABS = "https://arxiv.org/abs/"
_DOI_HOSTS = ("doi.org", "dx.doi.org", "www.doi.org")


def strip_fragment(url: str) -> str:
    """``https://a.org/p#sec`` -> ``https://a.org/p``: fragments never reach a server."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    return urlunsplit(parts._replace(fragment=""))


def doi_of(url: str) -> str | None:
    """The DOI of a doi.org link (``https://doi.org/10.1145/1`` -> ``10.1145/1``), else None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if (parts.hostname or "").lower() not in _DOI_HOSTS:
        return None
    doi = unquote(parts.path.lstrip("/"))
    return doi if doi.startswith("10.") and "/" in doi else None


def _places(path: str, doc: Document) -> Iterable[tuple[str, str, tuple[int, int]]]:
    """(field, value, position) for each link, DOI and arXiv id of one parsed entry."""
    data = doc.data
    links = data.get("links")
    if isinstance(links, dict):
        ordered = [k for k in LINK_ORDER if k in links] + [k for k in links if k not in LINK_ORDER]
        for kind in ordered:
            url = links[kind]
            if isinstance(url, str) and url.strip():
                yield f"links.{kind}", url, doc.where(("links", kind))
    doi = data.get("doi")
    if isinstance(doi, str) and doi.strip():
        yield "doi", doi.strip(), doc.where(("doi",))
    arxiv = data.get("arxiv")
    if isinstance(arxiv, str) and arxiv.strip():
        yield "arxiv", arxiv.strip(), doc.where(("arxiv",))


def collect(
    files: Sequence[tuple[str, bytes]], unreadable: list[str] | None = None
) -> list[Target]:
    """Targets of the given (display path, bytes) files, deduplicated, in first-seen order.

    The paths of files that are not a YAML mapping go to ``unreadable`` when it is given."""
    found: dict[str, tuple[str, str | None, str | None, list[Location]]] = {}
    for path, raw in files:
        doc = parse_yaml(raw)
        if not isinstance(doc, Document) or not isinstance(doc.data, dict):
            if unreadable is not None:
                unreadable.append(path)
            continue  # validation reports it; there is nothing to check
        for field_name, value, (line, col) in _places(path, doc):
            doi: str | None = None
            arxiv: str | None = None
            if field_name == "doi":
                doi = value.removeprefix("doi:").strip()
                url = DOI_URL + doi
            elif field_name == "arxiv":
                arxiv = value.removeprefix("arXiv:").strip()
                url = ARXIV_ABS + arxiv
            else:
                url = strip_fragment(value)
                doi = doi_of(url)
            # DOIs are case-insensitive: one check per DOI, whichever way it is written.
            key = f"doi:{doi.lower()}" if doi else url
            here = Location(path, line, col, field_name)
            if key in found:
                found[key][3].append(here)
            else:
                found[key] = (url, doi, arxiv, [here])
    return [
        Target(url, tuple(places), doi=doi, arxiv=arxiv)
        for url, doi, arxiv, places in found.values()
    ]


def excluded(url: str, patterns: Sequence[re.Pattern[str]]) -> bool:
    return any(p.search(url) for p in patterns)


def compile_patterns(patterns: Iterable[str]) -> list[re.Pattern[str]]:
    """links.exclude as compiled regexes (the config loader has already checked them)."""
    return [re.compile(p) for p in patterns]
