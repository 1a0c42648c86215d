"""What a source says about a paper (``PaperMetadata``), and the text cleaning every
source's parser shares. Pure: no I/O."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.entities import name2codepoint
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

from listbot.errors import InputError

DOI = re.compile(r"^10\.[0-9]{4,9}/\S+\Z")
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.|www\.)?doi\.org/)", re.IGNORECASE)
MAX_AUTHORS = 300  # what the entry schema allows


class SourceError(InputError):
    """A source could not give metadata: down, slow, unknown id, or a body that makes no sense."""


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


def _listify(value: Any) -> list[Any]:
    """dblp's JSON turns a one-element list into the element itself."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
