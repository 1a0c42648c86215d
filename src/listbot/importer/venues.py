"""Venue text as lists write it -> a venue of listbot.yml, a new venue to add, or a problem.

``OSDI``, ``EUROSYS``, ``{USENIX} Symposium on ... ({NSDI} 19)``, ``Proceedings of the
Thirteenth EuroSys Conference`` and ``Advances in Neural Information Processing Systems``
all find their key (through ``paper.metadata.match_venue``). A venue that is not in the
table is added to listbot.yml (its key, and its full name when the list wrote one), unless
it looks like a misspelling of one that is: that is reported with a "did you mean".
Headings that name a venue or a year (``### OSDI``, ``#### 2018``) are context for the
bullets under them, never categories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from listbot.config import Config
from listbot.paper.metadata import match_venue

_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9&+-]{0,39}$")
_PUBLISHERS = {
    "acm",
    "ieee",
    "usenix",
    "springer",
    "elsevier",
    "the",
    "of",
    "on",
    "and",
    "in",
    "for",
}
_YEAR_HEADING = re.compile(
    r"^(?:year\s+|in\s+)?(?P<year>(?:19|20)\d{2})(?:\s+papers?)?$", re.IGNORECASE
)
_VENUE_YEAR_HEADING = re.compile(
    r"^(?P<venue>[A-Za-z][\w&+.-]{1,20}(?: [A-Za-z][\w&+.-]{1,20})?)"
    r"\s*(?:['’]\s*(?P<yy>\d{2})|\s(?P<yyyy>\d{4}))$"
)


@dataclass(frozen=True)
class NewVenue:
    """A venue the import adds to listbot.yml."""

    key: str
    name: str
    line: int


@dataclass(frozen=True)
class VenueFound:
    key: str | None  # the listbot.yml key (a new one when ``new`` is set)
    new: NewVenue | None = None
    suggestion: str | None = None  # when key is None: the venue it may have meant


def find_venue(text: str, config: Config, *, line: int) -> VenueFound:
    """The venue ``text`` names, in this order: a key or alias, a name the venue table
    knows (``match_venue``), a misspelling (reported), else a new venue."""
    text = " ".join(text.replace("{", "").replace("}", "").split()).strip(" .,;:")
    key = config.normalize_venue(text)
    if key is not None:
        return VenueFound(key)
    match = match_venue([text], config)
    if match.key is not None:
        return VenueFound(match.key)
    if " " not in text:
        guess = config.suggest_venue(text)
        if guess is not None or not _KEY.match(text):
            return VenueFound(None, suggestion=guess)
        return VenueFound(text, NewVenue(text, text, line))
    if match.satellite:
        return VenueFound(None, suggestion=match.suggestion)
    short = re.search(r"\(\s*([A-Za-z][A-Za-z0-9&+-]*?)\s*(?:['’]?\s*\d{2,4})?\s*\)", text)
    acronym = short.group(1) if short else _acronym(text)
    name = re.sub(r"\s*\([^()]*\)\s*$", "", text).strip() or text
    if not _KEY.match(acronym) or config.normalize_venue(acronym) is not None:
        return VenueFound(None, suggestion=config.normalize_venue(acronym) or match.suggestion)
    return VenueFound(acronym, NewVenue(acronym, name, line))


def _acronym(name: str) -> str:
    """``IEEE Transactions on Cloud Computing`` -> ``TCC``: initials of the name's own words."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", name)
    letters = [w[0].upper() for w in words if w.casefold() not in _PUBLISHERS]
    return "".join(letters)[:12]


def heading_context(name: str, config: Config) -> tuple[str | None, int | None] | None:
    """A heading that names a venue, a year or both -> (venue key or text, year); else None."""
    name = name.strip()
    year = _YEAR_HEADING.match(name)
    if year is not None:
        return None, int(year.group("year"))
    key = config.normalize_venue(name)
    if key is not None:
        return key, None
    both = _VENUE_YEAR_HEADING.match(name)
    if both is not None:
        venue = config.normalize_venue(both.group("venue"))
        if venue is not None:
            if both.group("yyyy"):
                return venue, int(both.group("yyyy"))
            yy = int(both.group("yy"))
            return venue, 2000 + yy if yy < 70 else 1900 + yy
    return None
