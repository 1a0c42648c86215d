"""Venue names as sources write them -> the listbot.yml venue they mean, if certain."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

from listbot.config import Config

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
