"""One bullet's text -> title, venue text, year, links and note (the bullet styles)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from listbot.entries import LINK_ORDER
from listbot.importer.markdown import (
    _ABSOLUTE,
    _ANY_LINK,
    _INLINE_LINK,
    _REF_LINK,
    _TAIL_GROUP,
    _WHOLE_LINK,
    _WHOLE_REF_LINK,
    LINK_LABELS,
    _protect,
    _unprotect,
    plain,
)
from listbot.problems import Problem

# Link groups read at the end of one bullet, and places tried for a " — note": real
# bullets have a handful; the bound keeps a pathological line from taking long.
_MAX_GROUPS = 20

_APOS = "'’‘`´"
_VENUE = r"(?P<venue>[A-Za-z][\w.&+/ -]{0,40}?)"
_YEAR = rf"(?:[ \t]*[{_APOS}][ \t]*(?P<yy>\d{{2}})|[ \t,]+(?P<yyyy>\d{{4}}))"
# (VENUE'18), (VENUE ’18), (VENUE 2018), (VENUE, 2018) at the end of the bullet.
# Also [VENUE'18], and an aside such as (OSDI'18, best paper), which becomes the note.
_PAREN_VENUE = re.compile(
    r"[ \t]*[(\[]\s*"
    + _VENUE
    + _YEAR
    + r"(?:\s*[,;]\s*(?P<aside>[^()\[\]]+?))?\s*[)\]][ \t]*[.,;]?[ \t]*$"
)
# Title, VENUE 2018 / Title. VENUE'18 / Title - VENUE 2018 at the end of the bullet.
# No dots in the venue here, so that "A. Author. OSDI 2018" finds OSDI.
_SEP_VENUE = re.compile(
    r"[ \t]*[,.;–—-][ \t]*(?P<venue>[A-Za-z][\w&+/ -]{0,40}?)" + _YEAR + r"[ \t]*[.]?[ \t]*$"
)
_DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/(?P<doi>10\.\d{4,9}/\S+)$", re.IGNORECASE)
_PATH_DOI = re.compile(r"^https?://[^/]+/doi/(?:abs/|pdf/|full/)?(10\.\d{4,9}/[^?#\s]+)$")
_ARXIV_URL = re.compile(
    r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/(?P<id>\d{4}\.\d{4,5}(?:v\d+)?)(?:\.pdf)?/?$",
    re.IGNORECASE,
)


# **Title** OSDI 2016 / [Title](url) OSDI 2016: a marked title, then venue and year with no
# separator (lists that add badges after them); text after the year is a note.
_MARKED_VENUE = re.compile(
    r"^(?P<head>(?:\*\*|__)(?:(?!\*\*|__).)+(?:\*\*|__)|\[(?:[^\[\]\\]|\\.)*\]\([^()\s]+\))"
    r"[ \t]*[,.;:]?[ \t]+(?P<venue>[A-Za-z][\w&+/.-]{0,30}?(?: [A-Za-z][\w&+/.-]{0,30}?)?)"
    + _YEAR
    + r"\b[ \t]*(?P<rest>.*)$"
)


@dataclass(frozen=True)
class _Parsed:
    title: str
    venue_text: str  # "" when the bullet names none (a heading or a sub-bullet may)
    year: int | None
    links: tuple[tuple[str, str], ...]  # (label, url) in order of appearance
    bare: tuple[str, ...]  # link labels without a URL
    extra: str = ""  # text after a marked title that is not part of it (authors, usually)
    note: str = ""  # a description after the paper: "Title (OSDI'18) — note"
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    arxiv: str = ""  # an arXiv id written in the text ("arXiv:1909.08053")


def parse_bullet(text: str, refs: Mapping[str, str], *, this_year: int) -> _Parsed | str:
    """One bullet's text -> its parts, or the reason it is not understood."""
    # Runs of spaces would make the searches slow; escaped punctuation is never syntax.
    body = _protect(re.sub(r"\s+", " ", text).strip())
    note = ""
    tail_links: list[tuple[str, str | None]] = []
    body, tail = _strip_tail(body, refs)
    tail_links.extend(tail)
    match = _PAREN_VENUE.search(body) or _SEP_VENUE.search(body)
    if match is None:
        # "Title (OSDI'18) [code](...) — a short description": the description is a note.
        for dash in itertools.islice(re.finditer(r" [—–-] ", body), _MAX_GROUPS):
            left, before = _strip_tail(body[: dash.start()], refs)
            found = _PAREN_VENUE.search(left)
            if found is not None:
                body, note, tail_links = left, plain(body[dash.end() :]), before
                match = found
                break
    if match is None:
        marked = _MARKED_VENUE.match(body)
        if marked is not None:
            rest = marked.group("rest")
            body, note = body[: marked.start("rest")].rstrip(), plain(rest) if rest else ""
            match = _MARKED_VENUE.match(body)
    if match is None:
        if not body:
            return "empty bullet"
        return NO_VENUE
    head = match.group("head") if "head" in match.groupdict() else body[: match.start()]
    venue_text = _unprotect(match.group("venue").strip())
    aside = match.groupdict().get("aside")
    if aside:
        note = "; ".join(part for part in (plain(aside), note) if part)
    year = two_digit_year(int(match.group("yy")), this_year) if match.group("yy") else None
    if year is None:
        year = int(match.group("yyyy"))
    return _titled(head, refs, tail_links, venue_text, year, note)


NO_VENUE = "no venue and year found (expected e.g. 'Title (OSDI'18)' or 'Title, OSDI 2018')"


def two_digit_year(yy: int, this_year: int) -> int:
    """'18 -> 2018, '99 -> 1999: the latest century that is not in the future."""
    return 2000 + yy if 2000 + yy <= this_year + 1 else 1900 + yy


def parse_title(text: str, refs: Mapping[str, str]) -> _Parsed | str:
    """A bullet that names no venue or year: its title and links (venue and year left empty)."""
    body = _protect(re.sub(r"\s+", " ", text).strip())
    body, tail = _strip_tail(body, refs)
    if not body:
        return "empty bullet"
    return _titled(body, refs, tail, "", None, "")


def _titled(
    head: str,
    refs: Mapping[str, str],
    tail_links: list[tuple[str, str | None]],
    venue_text: str,
    year: int | None,
    note: str,
) -> _Parsed | str:
    """The part before the venue -> title and links; ``head`` is protected text."""
    head, more = _strip_tail(head, refs)
    tail_links = [*more, *tail_links]
    head = head.strip()
    head, extra = _split_marked(head)
    # Bold or emphasized titles: **Title**, __Title__, *Title*.
    for _ in range(2):
        wrapped = re.fullmatch(r"(\*\*|__|\*|_)(.+)\1[.,:;]?", head)
        if wrapped:
            head = wrapped.group(2).strip()
    paper: list[tuple[str, str | None]] = []
    inner: list[tuple[str, str | None]] = []
    link = _WHOLE_LINK.fullmatch(head)
    ref_link = _WHOLE_REF_LINK.fullmatch(head)
    if link:
        head = link.group("label")
        paper.append(("paper", link.group("url")))
    elif ref_link:
        head = ref_link.group("label")
        key = (ref_link.group("ref") or ref_link.group("label")).strip().casefold()
        paper.append(("paper", refs.get(key)))
    else:
        # Links inside the title ("[Ray](url): A Distributed ..."): the first is the
        # paper's link, any others are reported by the caller (their labels fit no field).
        for found in _INLINE_LINK.finditer(head):
            inner.append((plain(found.group("label")), found.group("url")))
        for found in _REF_LINK.finditer(head):
            key = (found.group("ref") or found.group("label")).strip().casefold()
            inner.append((plain(found.group("label")), refs.get(key)))
        if inner:
            paper.append(("paper", inner[0][1]))
            inner = [(f"{label} (in the title)", url) for label, url in inner[1:]]
    title = plain(head).strip(" \t.,;:–—-").strip()
    title = re.sub(r"^(\*\*|__)|(\*\*|__)$", "", title).strip()
    if not title:
        return "no title before the venue"
    links: list[tuple[str, str]] = []
    bare: list[str] = []
    for label, url in (*paper, *inner, *tail_links):
        if url is None:
            bare.append(label)
        else:
            links.append((label, _unprotect(url)))
    return _Parsed(title, venue_text, year, tuple(links), tuple(bare), extra, note)


_MARKED = re.compile(
    # **Title**, or [Title](url) (maybe bold)
    r"(?:(\*\*|__)(?:(?!\1).)+\1"
    r"|(\*\*|__)?\[(?:[^\[\]\\]|\\.)*\]\(\s*[^\s()]+(?:\([^\s()]*\)[^\s()]*)*\s*\)\2?)"
)


def _split_marked(head: str) -> tuple[str, str]:
    """``**Title**. A. Author, B. Author`` -> the marked title and the text after it.

    Text after a bold or linked title, set off by punctuation, is not part of the
    title (authors, usually); a colon continues the title (``**Ray**: A ...``).
    """
    match = _MARKED.match(head)
    if match is None:
        return head, ""
    rest = head[match.end() :]
    if not rest.strip() or rest.lstrip().startswith(":") or not re.match(r"\s*[-.,;|–—]", rest):
        return head, ""
    return head[: match.end()], rest.strip(" \t-.,;|–—")


def _strip_tail(body: str, refs: Mapping[str, str]) -> tuple[str, list[tuple[str, str | None]]]:
    """Remove link groups from the end of ``body``; return the rest and the links, in order."""
    groups: list[str] = []
    while len(groups) < _MAX_GROUPS:
        match = _TAIL_GROUP.search(body)
        if match is None:
            break
        rest = body[: match.start()]
        # A trailing "[Title](url)" that is the whole bullet (or is preceded only by
        # emphasis) is the title, not a link group.
        if not rest.strip(" \t*_|,;·-"):
            break
        groups.insert(0, match.group(0))
        body = rest.rstrip()
    links: list[tuple[str, str | None]] = []
    for group in groups:
        links.extend(_links_in(group, refs))
    return body, links


def _links_in(group: str, refs: Mapping[str, str]) -> Iterator[tuple[str, str | None]]:
    """The (label, URL) pairs of one link group; URL None for a bare ``[slides]``."""
    for match in _ANY_LINK.finditer(group):
        if match.group("bare") is not None:
            label = match.group("bare").strip("[] \t")
            yield label, refs.get(label.casefold())
            continue
        label = plain(match.group("label").strip("[] \t"))
        if match.group("url") is not None:
            yield label, match.group("url")
        else:
            key = (match.group("ref") or match.group("label")).strip("[] \t").casefold()
            yield label, refs.get(key)


def _resolve_links(
    parsed: _Parsed, source: str, line: int
) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """Links by field (``links`` kinds; ``doi`` and ``arxiv`` ids) and dropped-link warnings."""
    links: dict[str, str] = {}
    ids: dict[str, str] = {}
    problems: list[Problem] = []
    for label in parsed.bare:
        problems.append(
            Problem(
                source,
                line,
                1,
                "LB520",
                f"link '[{label}]' has no URL; left out",
                severity="warning",
            )
        )
    for label, url in parsed.links:
        folded = label.casefold().strip()
        kind = LINK_LABELS.get(folded)
        if kind is None:
            kind = "paper" if label == "paper" else None
        if kind is None and url and re.search(r"//(?:www\.)?(?:github|gitlab)\.com/", url):
            kind = "code"
        if kind is None and url and re.search(r"\.pdf(?:[?#].*)?$", url, re.IGNORECASE):
            kind = "pdf"
        arxiv_link = _ARXIV_URL.match(url)
        if arxiv_link and kind != "arxiv":  # a [Paper](https://arxiv.org/abs/...) link
            ids.setdefault("arxiv", re.sub(r"v\d+$", "", arxiv_link.group("id")))
        path_doi = _PATH_DOI.search(url) if kind == "paper" else None
        if path_doi:  # https://dl.acm.org/doi/10.1145/...
            ids.setdefault("doi", path_doi.group(1))
        if not _ABSOLUTE.match(url):
            problems.append(
                Problem(
                    source,
                    line,
                    1,
                    "LB521",
                    f"link '[{label}]({url})' is not an absolute http(s) URL; left out",
                    severity="warning",
                )
            )
            continue
        if kind is None:
            problems.append(
                Problem(
                    source,
                    line,
                    1,
                    "LB520",
                    f"link '[{label}]({url})' fits no entry field; left out",
                    severity="warning",
                    suggestion="entries have links paper, pdf, code, slides and video",
                )
            )
            continue
        if kind == "doi" or (kind == "paper" and _DOI_URL.match(url) and "doi" not in ids):
            doi = _DOI_URL.match(url)
            if doi:
                ids.setdefault("doi", doi.group("doi"))
            if kind == "doi":
                if doi is None:
                    problems.append(
                        Problem(
                            source,
                            line,
                            1,
                            "LB520",
                            f"link '[{label}]({url})' is not a doi.org link; left out",
                            severity="warning",
                        )
                    )
                continue
        if kind == "arxiv":
            arxiv = _ARXIV_URL.match(url)
            if arxiv:
                ids.setdefault("arxiv", re.sub(r"v\d+$", "", arxiv.group("id")))
            else:
                problems.append(
                    Problem(
                        source,
                        line,
                        1,
                        "LB520",
                        f"link '[{label}]({url})' is not an arXiv paper link; left out",
                        severity="warning",
                    )
                )
            continue
        if kind in links:
            if links[kind] != url:
                problems.append(
                    Problem(
                        source,
                        line,
                        1,
                        "LB522",
                        f"second {kind} link '{url}' left out",
                        severity="warning",
                    )
                )
            continue
        links[kind] = url
    return {k: links[k] for k in LINK_ORDER if k in links}, ids, problems
