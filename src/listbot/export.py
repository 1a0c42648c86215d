"""The list as data for others: BibTeX, JSON and CSV, from valid entries and the config.

Pure functions of (entries, config) -> text, deterministic so that a regenerated
``papers.bib`` changes only when the list does. Papers come in README order
(category order, then the list's sort order).

BibTeX: keys like ``moritz2018ray`` (first author's family name folded to ASCII, year,
first significant title word; clashes get ``a``, ``b``, ... in a stable order);
``@inproceedings`` with the venue's full name as ``booktitle`` (``@misc`` with
``eprint`` for a paper whose venue is arXiv); LaTeX specials escaped; names and titles
kept in UTF-8 (biber, bibtexu/bibtex8 and LaTeX since 2018 read it as it is).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Literal

from listbot.config import Config
from listbot.entries import LINK_ORDER, STOP_WORDS, Entry, ascii_fold
from listbot.render import sort_entries

ExportFormat = Literal["bibtex", "json", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("bibtex", "json", "csv")
SCHEMA_ID = "https://listbot.dev/schema/export.schema.json"
JSON_FORMAT = 1

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def ordered(entries: Sequence[Entry], config: Config) -> list[Entry]:
    """README order: categories as listbot.yml lists them, then the list's sort order."""
    rank = {c.id: i for i, c in enumerate(config.categories)}
    groups: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[rank.get(entry.category, len(rank))].append(entry)
    return [e for _rank, group in sorted(groups.items()) for e in sort_entries(group, config)]


# --- BibTeX ---------------------------------------------------------------------------------


def _word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


def family_name(name: str) -> str:
    """The family name of ``Philipp Moritz`` or ``Moritz, Philipp``: ``Moritz``."""
    if "," in name:
        return name.split(",", 1)[0].strip()
    words = [w for w in name.split() if _word(w) not in _SUFFIXES]
    return words[-1] if words else name


def title_word(title: str) -> str:
    """The first word of the title that is not a stop word or a number, folded to ASCII."""
    fallback = ""
    for raw in re.split(r"[\s:/-]+", title):
        word = _word(raw)
        if not word:
            continue
        if word not in STOP_WORDS and not word.isdigit():
            return word
        fallback = fallback or word
    return fallback or "paper"


def base_key(entry: Entry) -> str:
    word = title_word(entry.title)
    family = _word(family_name(entry.authors[0])) if entry.authors else ""
    key = f"{family}{entry.year}{word}" if family else f"{word}{entry.year}"
    return key if key[0].isalpha() else f"p{key}"


def bibtex_keys(entries: Sequence[Entry]) -> dict[str, str]:
    """Entry path -> unique key; papers sharing a key get a, b, ... in file-name order."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[base_key(entry)].append(entry)
    keys: dict[str, str] = {}
    used = {base for base, group in groups.items() if len(group) == 1}
    for base in sorted(groups):
        group = groups[base]
        if len(group) == 1:
            keys[group[0].path] = base
            continue
        group.sort(key=lambda e: e.slug)
        n = 0
        for entry in group:
            while True:
                key = base + _letters(n)
                n += 1
                if key not in used:
                    break
            used.add(key)
            keys[entry.path] = key
    return keys


def _letters(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, ..."""
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_CHARS = re.compile(r"[\\&%$#_{}~^]")


def latex_escape(text: str) -> str:
    """Text with LaTeX's special characters escaped; anything else (UTF-8 included) as it is."""
    return _LATEX_CHARS.sub(lambda m: _LATEX[m.group(0)], " ".join(text.split()))


def _verbatim(text: str) -> str:
    """A URL or DOI for a verbatim field: only what would unbalance the braces is encoded."""
    return text.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _name(name: str) -> str:
    escaped = latex_escape(name)
    # A comma or a lone "and" inside one name would split it: protect the whole name.
    if "," in name or re.search(r"\band\b", name, re.IGNORECASE):
        return "{" + escaped + "}"
    return escaped


def is_preprint(entry: Entry) -> bool:
    return entry.venue.casefold() == "arxiv"


def bibtex_entry(entry: Entry, key: str, config: Config) -> str:
    venue = config.venue(entry.venue)
    fields: list[tuple[str, str]] = []
    if entry.authors:
        fields.append(("author", " and ".join(_name(a) for a in entry.authors)))
    # Double braces keep the title's capitals (BibTeX styles lower-case titles otherwise).
    fields.append(("title", "{" + latex_escape(entry.title) + "}"))
    preprint = is_preprint(entry)
    if not preprint:
        fields.append(("booktitle", latex_escape(venue.name if venue else entry.venue)))
    fields.append(("year", str(entry.year)))
    if entry.doi:
        fields.append(("doi", _verbatim(entry.doi)))
    url = entry.link("paper") or entry.link("pdf")
    if url:
        fields.append(("url", _verbatim(url)))
    if entry.arxiv:
        fields.append(("eprint", _verbatim(entry.arxiv)))
        fields.append(("archiveprefix", "arXiv"))
    kind = "misc" if preprint else "inproceedings"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def to_bibtex(entries: Sequence[Entry], config: Config) -> str:
    papers = ordered(entries, config)
    keys = bibtex_keys(papers)
    head = (
        f"% {config.title}: {len(papers)} papers, generated by listbot from entries/.\n"
        "% UTF-8; use biber (biblatex) or bibtex8/bibtexu for names with accents.\n"
    )
    return head + "".join("\n" + bibtex_entry(e, keys[e.path], config) for e in papers)


# --- JSON -----------------------------------------------------------------------------------


def paper_record(entry: Entry, key: str, config: Config) -> dict[str, Any]:
    venue = config.venue(entry.venue)
    return {
        "id": entry.slug,
        "title": entry.title,
        "authors": list(entry.authors),
        "venue": entry.venue,
        "venue_name": venue.name if venue else entry.venue,
        "year": entry.year,
        "category": entry.category,
        "links": dict(entry.links),
        "doi": entry.doi,
        "arxiv": entry.arxiv,
        "tags": list(entry.tags),
        "note": entry.note,
        "bibtex_key": key,
    }


def to_json_data(entries: Sequence[Entry], config: Config) -> dict[str, Any]:
    papers = ordered(entries, config)
    keys = bibtex_keys(papers)
    used = {e.venue for e in papers}
    return {
        "$schema": SCHEMA_ID,
        "format": JSON_FORMAT,
        "generator": "listbot",
        "title": config.title,
        "categories": [{"id": c.id, "name": c.name, "parent": c.parent} for c in config.categories],
        "venues": [{"key": v.key, "name": v.name} for v in config.venues if v.key in used],
        "papers": [paper_record(e, keys[e.path], config) for e in papers],
    }


def to_json(entries: Sequence[Entry], config: Config) -> str:
    return json.dumps(to_json_data(entries, config), ensure_ascii=False, indent=2) + "\n"


# --- CSV ------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "title",
    "authors",
    "venue",
    "venue_name",
    "year",
    "category",
    *LINK_ORDER,
    "doi",
    "arxiv",
    "tags",
    "note",
    "bibtex_key",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading quote."""
    return "'" + value if value.startswith(_FORMULA) else value


def to_csv(entries: Sequence[Entry], config: Config) -> str:
    """RFC 4180: commas, CRLF line ends, quotes where needed; lists joined by '; '."""
    papers = ordered(entries, config)
    keys = bibtex_keys(papers)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for entry in papers:
        record = paper_record(entry, keys[entry.path], config)
        row = [
            record["id"],
            record["title"],
            "; ".join(record["authors"]),
            record["venue"],
            record["venue_name"],
            str(record["year"]),
            record["category"],
            *(record["links"].get(kind, "") for kind in LINK_ORDER),
            record["doi"] or "",
            record["arxiv"] or "",
            "; ".join(record["tags"]),
            record["note"] or "",
            record["bibtex_key"],
        ]
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def export(kind: ExportFormat, entries: Sequence[Entry], config: Config) -> str:
    if kind == "bibtex":
        return to_bibtex(entries, config)
    if kind == "json":
        return to_json(entries, config)
    return to_csv(entries, config)
