"""Paper identifiers: a DOI, an arXiv id, a dblp record key or a URL, as ``identify`` reads them.

>>> identify("https://arxiv.org/abs/1712.05889v2")
Identifier(kind='arxiv', value='1712.05889')
>>> identify("10.1145/3190508.3190517")
Identifier(kind='doi', value='10.1145/3190508.3190517')
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple
from urllib.parse import unquote, urlsplit

from listbot.paper.record import _DOI_PREFIX, DOI, SourceError

IdKind = Literal["doi", "arxiv", "dblp", "url"]


class Identifier(NamedTuple):
    kind: IdKind
    value: str


# --- identifiers --------------------------------------------------------------------------

_ARXIV_NEW = r"[0-9]{4}\.[0-9]{4,5}"
_ARXIV_OLD = r"[a-z-]+(?:\.[A-Z]{2})?/[0-9]{7}"
_ARXIV_ID = re.compile(rf"^({_ARXIV_NEW}|{_ARXIV_OLD})(?:v[0-9]+)?$")
_ARXIV_URL = re.compile(
    rf"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/({_ARXIV_NEW}|{_ARXIV_OLD})"
    r"(?:v[0-9]+)?(?:\.pdf)?/?(?:[?#].*)?\Z",
    re.IGNORECASE,
)
_ARXIV_DOI = re.compile(
    rf"^10\.48550/arxiv\.({_ARXIV_NEW}|{_ARXIV_OLD})(?:v[0-9]+)?$", re.IGNORECASE
)
_DBLP_URL = re.compile(
    r"^https?://(?:www\.)?dblp\.(?:org|uni-trier\.de|dagstuhl\.de)/rec/(?:bibtex/|xml/)?"
    r"((?:conf|journals|books|phd|series|reference|tr|persons|informal)/[A-Za-z0-9_/.+-]+?)"
    r"(?:\.html|\.xml|\.bib|\.json)?\Z"
)
_DBLP_KEY = re.compile(r"^[a-z]+/[A-Za-z0-9_.+-]+(?:/[A-Za-z0-9_.+-]+)+\Z")
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
