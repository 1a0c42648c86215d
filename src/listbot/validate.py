"""Schema and list rules over entries: bytes in, problems (and valid entries) out.

Two stages, so that the per-file one can be cached by content:

- ``check_entry(path, raw, config)`` -> ``FileResult``: parse, schema, venue, category,
  year and link rules for one file;
- ``list_problems(entries)``: what only the whole list shows (duplicates by DOI, arXiv
  id and normalized title; near-duplicate titles as warnings).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from listbot.config import Config
from listbot.entries import Entry
from listbot.problems import Problem, codes
from listbot.schemacheck import schema_problems
from listbot.suggest import closest
from listbot.yamlsafe import Document, LoadFailure, parse_yaml

MIN_YEAR = 1950
_SCHEMA_CODES = codes("schema")


@dataclass(frozen=True)
class FileResult:
    path: str
    problems: tuple[Problem, ...]
    entry: Entry | None  # None when the file is not a schema-valid entry
    doc: Document | None = None


def check_entry(path: str, raw: bytes, config: Config, *, this_year: int) -> FileResult:
    doc = parse_yaml(raw)
    if isinstance(doc, LoadFailure):
        problem = Problem(path, doc.line, doc.col, doc.code, doc.message, suggestion=doc.hint)
        return FileResult(path, (problem,), None)
    return check_document(path, doc, config, this_year=this_year)


def check_document(path: str, doc: Document, config: Config, *, this_year: int) -> FileResult:
    """The checks of ``check_entry`` on an already parsed document."""
    if not isinstance(doc.data, dict):
        shape = "a list" if isinstance(doc.data, list) else "a single value"
        problem = Problem(
            path, 1, 1, "LB008", f"top level is {shape}; an entry is a mapping such as 'title: ...'"
        )
        return FileResult(path, (problem,), None, doc)
    problems = schema_problems("entry", doc, path)
    problems.extend(rule_problems(doc, path, config, this_year=this_year))
    entry = None if problems and _schema_failed(problems) else Entry.create(path, doc.data, doc)
    if any(p.code == "LB111" for p in problems):  # it says more: "did you mean 'training'?"
        problems = [
            p for p in problems if not (p.code == "LB104" and p.message.startswith("category "))
        ]
    return FileResult(path, tuple(sorted(problems, key=Problem.sort_key)), entry, doc)


def _schema_failed(problems: list[Problem]) -> bool:
    return any(p.code in _SCHEMA_CODES for p in problems)


def rule_problems(doc: Document, path: str, config: Config, *, this_year: int) -> list[Problem]:
    """The list's own rules, on whichever fields have the right type."""
    data: dict[str, Any] = doc.data
    problems: list[Problem] = []
    venue = data.get("venue")
    if isinstance(venue, str) and config.venue(venue) is None:
        line, col = doc.where(("venue",))
        canonical = config.normalize_venue(venue)
        if canonical is not None:
            problems.append(
                Problem(
                    path,
                    line,
                    col,
                    "LB110",
                    f"venue '{venue}' is an alias of '{canonical}'",
                    suggestion=f"write '{canonical}'; listbot fmt fixes this",
                )
            )
        else:
            guess = config.suggest_venue(venue)
            hint = (
                f"did you mean '{guess}'?"
                if guess
                else "add the venue to listbot.yml or use one of: "
                + ", ".join(v.key for v in config.venues)
            )
            problems.append(
                Problem(path, line, col, "LB110", f"unknown venue '{venue}'", suggestion=hint)
            )
    category = data.get("category")
    if isinstance(category, str) and config.category(category) is None:
        line, col = doc.where(("category",))
        names = {c.id: c.id for c in config.categories} | {c.name: c.id for c in config.categories}
        match = closest(category, names)
        hint = (
            f"did you mean '{names[match]}'?"
            if match
            else "use one of: " + ", ".join(c.id for c in config.categories)
        )
        problems.append(
            Problem(path, line, col, "LB111", f"unknown category '{category}'", suggestion=hint)
        )
    year = data.get("year")
    if (
        isinstance(year, int)
        and not isinstance(year, bool)
        and not MIN_YEAR <= year <= this_year + 1
    ):
        line, col = doc.where(("year",))
        problems.append(
            Problem(
                path,
                line,
                col,
                "LB112",
                f"year {year} is not between {MIN_YEAR} and {this_year + 1}",
            )
        )
    links = data.get("links")
    if isinstance(links, dict):
        for kind, url in links.items():
            if isinstance(url, str) and _LINK_SHAPE.match(url) and not _absolute_http(url):
                line, col = doc.where(("links", kind))
                problems.append(
                    Problem(
                        path,
                        line,
                        col,
                        "LB113",
                        f"links.{kind} must be a plain http(s) URL with a host, a valid port "
                        f"and no user name or password: {url!r}",
                    )
                )
    return problems


# What the schema's pattern already demands; the rule below looks further only then.
# Host and rest are split at the first of / ? #, so a failing match backtracks in linear
# time: the older form ``[^\s/?#]+[^\s]*$`` took 70 s on one 60 kB URL with a space.
_LINK_SHAPE = re.compile(r"^https?://[^\s/?#]+(?:[/?#][^\s]*)?\Z")
# The authority part of a URL that already has the schema's shape (http(s)://host...).
_AUTHORITY = re.compile(r"^https?://([^/?#]*)")
_HOST_PORT = re.compile(r"^(?:\[[0-9A-Fa-f:.]+\]|[^\s:\[\]@]+)(?::([0-9]{1,5}))?\Z")


def plain_http_url(url: str) -> bool:
    """Whether ``url`` passes the entry rules for a link (the schema's shape and LB113)."""
    return _LINK_SHAPE.match(url) is not None and _absolute_http(url)


def is_http_link(url: str) -> bool:
    """What an entry's link must be: an http(s) URL with a host and nothing odd (LB113)."""
    return bool(_LINK_SHAPE.match(url)) and _absolute_http(url)


def _absolute_http(url: str) -> bool:
    """No credentials, a host, and a port (if any) that exists; the scheme is the schema's job."""
    match = _AUTHORITY.match(url)
    if match is None:
        return True  # not http(s) at all: the schema's pattern reports it
    host = _HOST_PORT.match(match.group(1))
    return host is not None and (host.group(1) is None or int(host.group(1)) <= 65535)


# Letters from other scripts that look like Latin ones: a "Rаy" with a Cyrillic а is
# still a duplicate of "Ray".
_CONFUSABLES = str.maketrans(
    "асеорхуіјѕԁһкмнтвАВСЕНІЈКМНОРЅТХУαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aceopxyijsdhkmhtbABCEHIJKMHOPSTXYabeikvoptuxABEZHIKMNOPTYX",
)


_WORD = re.compile(r"[a-z0-9]+")


def normalize_title(title: str) -> str:
    """Case, accents, look-alike and invisible characters, punctuation and spacing folded away."""
    if title.isascii():  # the common case: nothing to fold but case
        return " ".join(_WORD.findall(title.lower()))
    text = unicodedata.normalize("NFKD", title).translate(_CONFUSABLES)
    # Combining marks and format characters (zero-width space and joiners, soft hyphen):
    # "R\u200bay" is still "Ray".
    text = "".join(
        ch for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    ).casefold()
    return " ".join(_WORD.findall(text))


def normalize_doi(doi: str) -> str:
    return doi.strip().casefold()


def normalize_arxiv(arxiv: str) -> str:
    return re.sub(r"v[0-9]+$", "", arxiv.strip().casefold())


def list_problems(entries: Sequence[Entry], *, prefer: Iterable[str] = ()) -> list[Problem]:
    """Duplicates across the list: each later file points at the first one that has the same.

    Files in ``prefer`` (those being added or asked about) count as later than all others,
    so the problem lands on the new file, naming the one already in the list.
    """
    preferred = set(prefer)
    entries = sorted(entries, key=lambda e: (e.path in preferred, e.path))
    problems: list[Problem] = []
    checks = (
        ("doi", "LB201", "DOI", normalize_doi),
        ("arxiv", "LB202", "arXiv id", normalize_arxiv),
        ("title", "LB203", "title", normalize_title),
    )
    duplicate_titles: set[str] = set()
    for name, code, label, normalize in checks:
        first: dict[str, Entry] = {}
        for entry in entries:
            value = getattr(entry, name)
            if not value:
                continue
            key = normalize(value)
            if not key:
                continue
            if key in first:
                line, col = entry.where(name)
                problems.append(
                    Problem(
                        entry.path,
                        line,
                        col,
                        code,
                        f"same {label} as {first[key].path}",
                        suggestion="remove one of the two, or merge them",
                    )
                )
                if name == "title":
                    duplicate_titles.add(entry.path)
            else:
                first[key] = entry
    problems.extend(_near_duplicates(entries, skip=duplicate_titles, preferred=preferred))
    return sorted(problems, key=Problem.sort_key)


def _near_duplicates(
    entries: Iterable[Entry], *, skip: set[str], preferred: set[str]
) -> list[Problem]:
    """Titles that differ only a little; compared within buckets so that 10,000 entries stay fast.

    Two titles land in a common bucket when they share their first three or their last
    three words, so a typo in one word still pairs them.
    """
    buckets: dict[tuple[str, ...], list[tuple[Entry, str]]] = defaultdict(list)
    for entry in entries:
        if entry.path in skip:
            continue
        norm = normalize_title(entry.title)
        words = norm.split()
        if len(words) < 2:
            continue
        head: tuple[str, ...] = ("head", *words[:3])
        tail: tuple[str, ...] = ("tail", *words[-3:])
        buckets[head].append((entry, norm))
        buckets[tail].append((entry, norm))
    seen: set[tuple[str, str]] = set()
    problems = []
    for group in buckets.values():
        if len(group) < 2 or len(group) > 50:  # a huge bucket is a common phrase, not a duplicate
            continue
        for i, (a, na) in enumerate(group):
            for b, nb in group[i + 1 :]:
                pair = (a.path, b.path) if a.path < b.path else (b.path, a.path)
                if pair in seen or na == nb:
                    continue
                seen.add(pair)
                matcher = SequenceMatcher(None, na, nb)
                if (
                    matcher.real_quick_ratio() >= 0.9
                    and matcher.quick_ratio() >= 0.9
                    and matcher.ratio() >= 0.9
                ):
                    a_first = (a.path in preferred, a.path) < (b.path in preferred, b.path)
                    later, earlier = (b, a) if a_first else (a, b)
                    line, col = later.where("title")
                    problems.append(
                        Problem(
                            later.path,
                            line,
                            col,
                            "LB204",
                            f"title is nearly the same as in {earlier.path}",
                            severity="warning",
                            suggestion="if it is the same paper, keep one entry",
                        )
                    )
    return problems
