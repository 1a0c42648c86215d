"""The bullet styles of lists in the wild, beyond ``Title (VENUE'YY)`` (see ``bullets``).

Each reader takes a bullet's text (after ``clean``) and returns a ``_Parsed`` or None
when the bullet is not in its style; ``read`` tries them in order::

    - [OSDI'22] [Title](url)                          venue tag before the title
    - code [Title OSDI'22](https://github.com/o/r)    venue inside the link text
    - Mayer, Ruben, and Hans-Arno Jacobsen. "Title." ACM Computing Surveys 53.1 (2020)
    1. **Title** OSDI 2016 ![](https://img.shields.io/badge/Training-red)

and, for what a bullet leaves out, ``facts`` reads the lines around it: a sub-bullet
``Xiao, Wencong, et al. (*OSDI 2018*)`` or ``In 16th {USENIX} Symposium on ... ({NSDI} 19)``,
an italic paragraph of authors, a ``Code: [url](url)`` paragraph. ``row`` reads one row
of a table of papers. Badges (shields.io) and ``**[Tag]**`` markers become tags; emoji
are decoration and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import unquote

from listbot.entries import kebab
from listbot.importer.bullets import (
    _YEAR,
    NO_VENUE,
    _Parsed,
    _strip_tail,
    parse_bullet,
    parse_title,
    two_digit_year,
)
from listbot.importer.markdown import _INLINE_LINK, _is_emoji, _protect, _unprotect, plain

# ![alt](https://img.shields.io/badge/Label-color), maybe wrapped in a link.
_IMAGE = r"!\[[^\]]*\]\(\s*<?(?P<{name}>[^\s()<>]+)>?(?:\s+\"[^\"]*\")?\s*\)"
_BADGE = re.compile(
    r"\[\s*" + _IMAGE.format(name="inner") + r"\s*\]\(\s*[^\s()]*\s*\)|" + _IMAGE.format(name="src")
)
_SHIELD = re.compile(r"^https?://img\.shields\.io/badge/(?P<spec>[^?#]+)", re.IGNORECASE)
# **[Training]** or [Training] in bold before the title: a tag.
_TAG_MARK = re.compile(r"^\s*(?:\*\*|__)\[(?P<tag>[^\[\]]{1,40})\](?:\*\*|__)\s*")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_EMOJI_LABELS = {
    "📄": "pdf",
    "📃": "pdf",
    "📝": "paper",
    "💻": "code",
    "🎥": "video",
    "📹": "video",
}
_APOS = "'’‘`´"
# [OSDI'22], [arxiv'25], [OSDI 2022], [NSDI'2019] at the start of the bullet.
_VENUE_TAG = re.compile(
    r"^(?:\*\*|__)?\[\s*(?P<venue>[A-Za-z][\w&+./-]{0,30}?(?: [A-Za-z][\w&+./-]{0,30}?)?)"
    rf"\s*(?:[{_APOS}]\s*(?P<yy>\d{{2}}|\d{{4}})|[ ,]\s*(?P<yyyy>\d{{4}}))\s*\](?:\*\*|__)?"
    r"\s*[:\-–—]?\s*(?P<rest>[^(\s].*)$"
)
# code [Title OSDI'22](url): a link whose text ends with the venue and year.
_LINK_VENUE = re.compile(
    r"^(?:(?P<kind>[A-Za-z]{2,10})\s*:?\s+)?\[(?P<label>(?:[^\[\]\\]|\\.)+)\]"
    r"\(\s*<?(?P<url>[^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*)>?\s*\)\s*$"
)
_LABEL_VENUE = re.compile(
    r"^(?P<title>.+?)[ \t,]+[(\[]?(?P<venue>[A-Za-z][\w&+-]{1,20})"
    rf"\s*(?:[{_APOS}]\s*(?P<yy>\d{{2}})|\s(?P<yyyy>\d{{4}}))[)\]]?$"
)
# Authors. "Title." Venue details (2020)
_CITATION = re.compile(
    r"^(?P<authors>[^\"“”\[\]]{2,400}?)[.,]?\s+[\"“](?P<title>[^\"“”]{3,500}?)[.,]?[\"”][.,]?"
    r"\s*(?P<rest>.*)$"
)
_ARXIV_TEXT = re.compile(r"\barxiv\s*:?\s*(?P<id>\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
_YEAR_ANY = re.compile(r"(?<!\d)(?<!\d\.)(?:19|20)\d{2}(?!\d)(?!\.\d)")
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "du", "dos", "bin"}
_NAME_WORD = re.compile(r"^(?:[A-Z\u00c0-\u024f][\w'’.\u00c0-\u024f-]*|[A-Z]\.(?:[A-Z]\.)*)$")
_ET_AL = re.compile(r",?\s*(?:et\.?\s*al\.?|and others)\s*\.?$", re.IGNORECASE)
_AUTHORS_THEN_VENUE = re.compile(
    r"^(?:(?P<who>[^()]+?)[.,;]\s+)?(?P<venue>[A-Za-z][\w&+.-]{1,20}(?: [A-Za-z][\w&+.-]{1,20})?)"
    + _YEAR
    + r"\s*\.?$"
)
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][\w ]{0,20}?)\s*:\s*(?P<links>\[.*)$")
# A sub-bullet that points elsewhere rather than describing this paper.
_ELSEWHERE = re.compile(
    r"^\W*(?:an?\s+|the\s+)?(?:extended|journal|conference|short|long|full|earlier|previous|"
    r"follow-?up|workshop)\s+version\b|^\W*(?:see also|related|summary|tl;?dr|note)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Facts:
    """What a line beside a paper says about it: authors, venue text, year, links."""

    authors: tuple[str, ...] = ()
    venue_text: str = ""
    year: int | None = None
    links: tuple[tuple[str, str], ...] = ()


def clean(text: str) -> tuple[str, tuple[str, ...]]:
    """A bullet without badges, tag markers and emoji; the tags those badges and markers name."""
    tags: list[str] = []

    def badge(match: re.Match[str]) -> str:
        shield = _SHIELD.match(match.group("src") or match.group("inner") or "")
        if shield:
            tag = _shield_tag(shield.group("spec"))
            if tag and tag not in tags:
                tags.append(tag)
        return " "

    text = _BADGE.sub(badge, text)
    text = _BREAK.sub(" ", text)
    while True:
        marker = _TAG_MARK.match(text)
        if marker is None or _VENUE_TAG.match(f"[{marker.group('tag')}] x"):
            break
        tag = kebab(marker.group("tag"))
        if tag and tag not in tags:
            tags.append(tag)
        text = text[marker.end() :]
    for emoji, label in _EMOJI_LABELS.items():
        text = text.replace(f"[{emoji}]", f"[{label}]")
    text = "".join(ch for ch in text if not _is_emoji(ch))
    return re.sub(r"\s+", " ", text).strip(), tuple(tags)


def _shield_tag(spec: str) -> str:
    """``Pipeline%20Parallelism-orange`` -> ``pipeline-parallelism`` (the badge's message)."""
    parts = [
        unquote(p).replace("\0", "-").replace("_", " ") for p in spec.replace("--", "\0").split("-")
    ]
    parts = [p for p in parts if p.strip()]
    if len(parts) >= 2:
        parts = parts[:-1]  # the colour
    return kebab(parts[-1]) if parts else ""


def read(text: str, refs: dict[str, str], *, this_year: int) -> _Parsed | str:
    """A bullet in any known style -> its parts; venue and year may be left to the context."""
    body, tags = clean(text)
    for reader in (_venue_tag, _link_venue, _citation):
        found = reader(body, refs, this_year)
        if found is not None:
            return replace(found, tags=tags)
    parsed = parse_bullet(body, refs, this_year=this_year)
    if isinstance(parsed, str):
        if parsed != NO_VENUE:
            return parsed
        parsed = parse_title(body, refs)
        if isinstance(parsed, str):
            return parsed
    if parsed.extra:
        authors = parse_authors(plain(parsed.extra))
        if authors:
            parsed = replace(parsed, extra="", authors=authors)
    return replace(parsed, tags=tags)


def _venue_tag(body: str, refs: dict[str, str], this_year: int) -> _Parsed | None:
    match = _VENUE_TAG.match(body)
    if match is None:
        return None
    rest = parse_title(match.group("rest"), refs)
    if isinstance(rest, str):
        return None
    return replace(rest, venue_text=match.group("venue"), year=_year(match, this_year))


def _link_venue(body: str, refs: dict[str, str], this_year: int) -> _Parsed | None:
    match = _LINK_VENUE.match(_protect(body))
    if match is None:
        return None
    label = _LABEL_VENUE.match(plain(match.group("label")))
    if label is None:
        return None
    kind = (match.group("kind") or "paper").casefold()
    return _Parsed(
        title=label.group("title").strip(" .,;:"),
        venue_text=label.group("venue"),
        year=_year(label, this_year),
        links=((kind, _unprotect(match.group("url"))),),
        bare=(),
    )


def _citation(body: str, refs: dict[str, str], this_year: int) -> _Parsed | None:
    protected, tail = _strip_tail(_protect(body), refs)
    match = _CITATION.match(_unprotect(protected))
    if match is None:
        return None
    authors = parse_authors(plain(match.group("authors")))
    if not authors:
        return None
    venue_text, year = venue_and_year(plain(match.group("rest")))
    arxiv = _ARXIV_TEXT.search(match.group("rest"))
    return _Parsed(
        title=plain(match.group("title")).strip(" .,"),
        venue_text=venue_text,
        year=year,
        links=tuple((label, url) for label, url in tail if url is not None),
        bare=tuple(label for label, url in tail if url is None),
        authors=authors,
        arxiv=arxiv.group("id") if arxiv else "",
    )


def _year(match: re.Match[str], this_year: int) -> int:
    yy = match.group("yy")
    if yy is not None:
        return int(yy) if len(yy) == 4 else two_digit_year(int(yy), this_year)
    return int(match.group("yyyy"))


def venue_and_year(text: str) -> tuple[str, int | None]:
    """``ACM Computing Surveys 53.1 (2020): 1-37.`` -> ("ACM Computing Surveys", 2020).

    What is left of a citation after its title: the venue's name (volume, issue, pages,
    publisher and year removed) and the year, if one is written.
    """
    years = _YEAR_ANY.findall(text)
    year = int(years[-1]) if years else None
    rest = re.sub(r"\bIn:?\s+", "", text.strip(), count=1)
    rest = re.sub(r"[{}*_]", "", rest)
    rest = re.sub(r"\((?:19|20)\d{2}\)", " ", rest)
    rest = re.sub(r"\bpp?\.\s*\d+\s*[-–]+\s*\d+|:\s*\d+\s*[-–]+\s*\d+", " ", rest)
    rest = re.sub(r"\barxiv\s*:\s*\d{4}\.\d{4,5}(?:v\d+)?", " ", rest, flags=re.IGNORECASE)
    rest = re.sub(r"[,.]?\s*(?:19|20)\d{2}\s*[.,]?\s*$", "", rest.strip())
    rest = re.sub(
        r"[,.]\s*(?:IEEE|ACM|USENIX|Springer|PMLR|Curran Associates)\s*[.,]?\s*$", "", rest
    )
    rest = re.sub(r"\s+\d+(?:\.\d+)?(?:\s*\(\d+\))?\s*[.,:]*\s*$", "", rest.strip())
    rest = " ".join(rest.strip(" .,;:").split())
    if re.match(r"^arxiv(?:\s+preprint)?$", rest, re.IGNORECASE) or rest.casefold() == "corr":
        rest = "arXiv"
    return rest, year


def _inverted(text: str) -> bool:
    """``Xiao, Wencong, ...``: a surname, a comma, then given names (Google Scholar's MLA)."""
    return bool(
        re.match(r"^[A-Z][\w'’-]+,\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?(?:,|\s+and\b|\.?$)", text)
    )


def author_line(text: str) -> tuple[str, ...]:
    """``parse_authors`` for a line on its own (a sub-bullet, a paragraph): only when it is
    plainly a list of people, so that "Nested Paper" is not read as one person."""
    flat = " ".join(text.split()).strip(" .;*_")
    authors = parse_authors(flat)
    if not authors:
        return ()
    signal = len(authors) >= 2 or bool(_ET_AL.search(flat)) or _inverted(flat)
    return authors if signal else ()


def parse_authors(text: str) -> tuple[str, ...]:
    """A list of people's names, or () when ``text`` is not one.

    ``A. Author, B. Author and C. Author``; and ``Last, First, et al.`` or ``Last, First,
    and First Last`` (the first author inverted, as Google Scholar's MLA export writes it).
    "et al." is dropped: the names that are written are kept.
    """
    text = " ".join(text.split()).strip(" .;*_")
    text = _ET_AL.sub("", text).strip(" ,.")
    if not text or len(text) > 5000 or any(ch.isdigit() for ch in text) or ":" in text:
        return ()
    parts = [p.strip() for p in re.split(r",?\s+and\s+|\s*&\s*|\s*[,;]\s*", text) if p.strip()]
    if len(parts) >= 2 and len(parts[0].split()) == 1 and len(parts[1].split()) <= 3:
        first = " ".join(parts[1].split())
        if all(_NAME_WORD.match(word) for word in first.split()):
            parts = [f"{first} {parts[0]}", *parts[2:]]
    names = []
    for name in parts:
        words = name.split()
        if not 2 <= len(words) <= 6:
            return ()
        if not all(_NAME_WORD.match(w) or w in _PARTICLES for w in words):
            return ()
        names.append(" ".join(words))
    return tuple(names)


def facts(text: str, *, this_year: int) -> Facts | None:
    """A line beside a paper (sub-bullet or paragraph) -> what it says, or None.

    ``Xiao, Wencong, et al. (*OSDI 2018*)``, ``Gu, Juncheng, et al.``, ``In 16th {USENIX}
    Symposium on ... ({NSDI} 19)``, ``Proceedings of the Thirteenth EuroSys Conference, 2018``,
    ``*Philipp Moritz, Robert Nishihara*``, ``Code: [url](url)``.
    """
    text = _BREAK.sub(" ", text)
    labelled = _LABELLED.match(text.strip())
    if labelled is not None:
        links = [
            (m.group("label"), m.group("url"))
            for m in _INLINE_LINK.finditer(labelled.group("links"))
        ]
        if links and not _INLINE_LINK.sub("", labelled.group("links")).strip(" ,|/·"):
            return Facts(links=tuple((labelled.group("label"), url) for _, url in links))
    flat = plain(text).strip()
    if not flat or _ELSEWHERE.match(flat):
        return None
    authors = author_line(flat)
    if authors:
        return Facts(authors=authors)
    # "Authors (OSDI 2018)": names, then the venue and year in parentheses.
    paren = re.match(r"^(?P<who>[^()]*?)\s*\((?P<where>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*\.?$", flat)
    if paren is not None and paren.group("who"):
        who = author_line(paren.group("who"))
        where = re.fullmatch(
            rf"\s*(?P<venue>[A-Za-z][\w&+./ -]{{0,60}}?){_YEAR}\s*", paren.group("where")
        )
        if who and where is not None:
            return Facts(
                authors=who, venue_text=where.group("venue").strip(), year=_year(where, this_year)
            )
    # "A. Author, B. Author. OSDI 2018." / "OSDI 2018": a line after the bullet line.
    trailing = _AUTHORS_THEN_VENUE.match(flat)
    if trailing is not None:
        who = author_line(trailing.group("who")) if trailing.group("who") else ()
        if who or not trailing.group("who"):
            return Facts(
                authors=who,
                venue_text=trailing.group("venue").strip(),
                year=_year(trailing, this_year),
            )
    # "In 16th {USENIX} Symposium on ... ({NSDI} 19)", "Proceedings of ..., 2018"
    if re.match(r"^(?:In\b|Proceedings\b|Proc\.)", flat):
        venue, year = venue_and_year(flat)
        short = re.search(
            r"\(\s*\{?(?P<venue>[A-Za-z][\w&+-]*)\}?\s*['’]?\s*(?P<yy>\d{2})\s*\)\s*$", flat
        )
        if year is None and short is not None:
            year = two_digit_year(int(short.group("yy")), this_year)
        if venue and year is not None:
            return Facts(venue_text=re.sub(r"[{}]", "", flat), year=year)
    return None


def row(
    cells: dict[str, str], others: list[tuple[str, str]], refs: dict[str, str], *, this_year: int
) -> _Parsed | str:
    """One row of a table of papers (cells by column job) -> its parts."""
    title_cell, tags = clean(cells.get("title", ""))
    parsed = parse_title(title_cell, refs)
    if isinstance(parsed, str):
        return "no title in the row"
    venue_cell = plain(clean(cells.get("venue", ""))[0])
    year: int | None = None
    with_year = re.fullmatch(rf"\s*(?P<venue>[A-Za-z][\w&+./ -]{{0,60}}?){_YEAR}\s*", venue_cell)
    if with_year is not None:
        venue_cell, year = with_year.group("venue").strip(), _year(with_year, this_year)
    year_cell = plain(cells.get("year", ""))
    found = _YEAR_ANY.search(year_cell)
    if found:
        year = int(found.group())
    links = list(parsed.links)
    for column, cell in others:
        for label, url in _cell_links(clean(cell)[0]):
            links.append((label if label.casefold() in _KNOWN_LABELS else column, url))
    authors = parse_authors(plain(cells.get("authors", "")))
    return replace(
        parsed, venue_text=venue_cell, year=year, links=tuple(links), authors=authors, tags=tags
    )


_KNOWN_LABELS = {"paper", "pdf", "code", "github", "slides", "video", "arxiv", "doi", "project"}


def _cell_links(cell: str) -> list[tuple[str, str]]:
    return [
        (plain(m.group("label")), m.group("url")) for m in _INLINE_LINK.finditer(_protect(cell))
    ]
