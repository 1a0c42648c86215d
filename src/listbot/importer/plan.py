"""Bullets -> an import plan: categories, entries, problems."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from listbot.config import Category, Config
from listbot.entries import Entry, kebab, slug_for
from listbot.importer.bullets import NO_VENUE, _Parsed, _resolve_links
from listbot.importer.markdown import plain
from listbot.importer.scan import _Bullet, _clip, _is_toc, _scan, _Section
from listbot.importer.styles import _ELSEWHERE, facts, read, row
from listbot.importer.venues import NewVenue, find_venue, heading_context
from listbot.paper.resolve import NotFound
from listbot.problems import Problem
from listbot.validate import MIN_YEAR, normalize_title

if TYPE_CHECKING:
    from listbot.paper.resolve import Resolution

# Looks a paper up by title: (title, what the list says) -> the fields it lacks, or why not.
Lookup = Callable[[str, Mapping[str, Any]], "Resolution"]


@dataclass(frozen=True)
class NewCategory:
    """A heading that becomes a category of listbot.yml; ``parent`` is an id or None."""

    id: str
    name: str
    parent: str | None
    line: int


@dataclass(frozen=True)
class PlannedEntry:
    """One bullet understood as a paper: ``data`` is canonical entry data."""

    slug: str
    data: Mapping[str, Any]
    line: int
    more: tuple[int, ...] = ()  # lines of link-only sub-bullets that belong to this paper
    sources: Mapping[str, str] = field(default_factory=dict)  # field -> source that gave it

    @property
    def path(self) -> str:
        return f"{self.slug}.yaml"


@dataclass(frozen=True)
class ImportPlan:
    categories: tuple[NewCategory, ...]
    entries: tuple[PlannedEntry, ...]
    problems: tuple[Problem, ...]  # errors: bullets not understood; warnings: skipped or dropped
    bullets: int = 0
    title: str | None = None  # the document's title heading, if it has one
    venues: tuple[NewVenue, ...] = ()  # venues to add to listbot.yml

    @property
    def not_understood(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Bullets skipped on purpose, and parts of bullets left out."""
        return tuple(p for p in self.problems if p.severity == "warning")


def plan_import(
    text: str,
    config: Config,
    *,
    source: str = "README.md",
    this_year: int,
    existing: Sequence[Entry] = (),
    taken: Collection[str] = (),
    category_root: str | None = None,
    default_category: str | None = None,
    mapping: Mapping[str, str] | None = None,
    lookup: Lookup | None = None,
) -> ImportPlan:
    """What importing ``text`` would do, against ``config`` and the ``existing`` entries.

    ``taken`` holds the slugs of files already in entries/ (also unreadable ones);
    ``category_root`` is an existing category that new top-level categories go under;
    ``default_category`` takes bullets that sit under no heading; ``mapping`` sends
    headings (by name, case-insensitive) to category ids of the caller's choosing.
    ``lookup`` (``import --resolve``) completes a paper whose bullet lacks venue, year,
    authors, DOI or arXiv id; a bullet it cannot place is reported, never guessed.
    """
    found = _scan(text, source)
    problems = list(found.problems)
    title_section = _title_section(found.sections)
    wanted = {k.casefold().strip(): v for k, v in (mapping or {}).items()}
    by_id = {c.id: c for c in config.categories}
    by_name = {c.name.casefold(): c for c in config.categories}
    new: dict[str, NewCategory] = {}
    for cid in (*wanted.values(), category_root, default_category):
        if cid is not None and cid not in by_id:
            raise ValueError(f"unknown category '{cid}'")

    def resolve(section: _Section | None) -> str | None:
        while section is not None and (section is title_section or context(section) is not None):
            section = section.parent
        if section is None:
            return default_category
        if section.category is not None:
            return section.category
        name = section.name
        cid = wanted.get(name.casefold().strip())
        if cid is None:
            match: Category | NewCategory | None = by_name.get(name.casefold()) or by_id.get(
                kebab(name)
            )
            if match is None:
                match = new.get(kebab(name)) or next(
                    (c for c in new.values() if c.name.casefold() == name.casefold()), None
                )
            if match is None:
                parent = _enclosing(section.parent, title_section)
                parent_id = resolve(parent) if parent is not None else category_root
                cid = kebab(name) or f"section-{section.line}"
                new[cid] = NewCategory(cid, name, parent_id, section.line)
            else:
                cid = match.id
        section.category = cid
        return cid

    contexts: dict[int, tuple[str | None, int | None] | None] = {}

    def context(section: _Section | None) -> tuple[str | None, int | None] | None:
        if section is None:
            return None
        if id(section) not in contexts:
            contexts[id(section)] = heading_context(section.name, config)
        return contexts[id(section)]

    def category_of(section: _Section | None) -> str | None:
        # Venue and year headings are context for the bullets under them, never categories.
        while section is not None and context(section) is not None:
            section = section.parent
        return resolve(section)

    def heading_facts(section: _Section | None) -> tuple[str, int | None]:
        venue, year = "", None
        while section is not None:
            found_here = context(section)
            if found_here is not None:
                venue = venue or (found_here[0] or "")
                year = year if year is not None else found_here[1]
            section = section.parent
        return venue, year

    entries: list[PlannedEntry] = []
    in_list: dict[str, str] = {}
    for entry in existing:
        in_list.setdefault(normalize_title(entry.title), entry.path)
    valid = {entry.slug for entry in existing}  # a taken slug of another paper: add a suffix
    imported: dict[str, int] = {}
    slugs: set[str] = set()
    papers: set[int] = set()  # lines of the bullets that read as papers
    used_lines: set[int] = set()  # sub-bullets read as facts of the paper above them
    venues: dict[str, NewVenue] = {}

    def add(
        parsed: _Parsed, where: tuple[str, int, int], section: _Section | None, more: list[int]
    ) -> None:
        line = where[1]
        # Duplicates first: a paper already in the list is never looked up again.
        key = normalize_title(parsed.title)
        if key in imported:
            papers.add(line)  # a paper, skipped: its sub-bullets are its own
            problems.append(
                Problem(*where, "LB510", f"same title as line {imported[key]}; skipped", "warning")
            )
            return
        if key in in_list:
            papers.add(line)
            problems.append(
                Problem(
                    *where, "LB511", f"already in the list as {in_list[key]}; skipped", "warning"
                )
            )
            return
        venue_text, year = parsed.venue_text, parsed.year
        if not venue_text or year is None:
            from_heading = heading_facts(section)
            venue_text = venue_text or from_heading[0]
            year = year if year is not None else from_heading[1]
        links, ids, link_problems = _resolve_links(parsed, source, line)
        if parsed.arxiv:
            ids.setdefault("arxiv", parsed.arxiv)
        authors = list(parsed.authors)
        given: dict[str, str] = {}
        if lookup is not None:
            have = {"venue": venue_text, "year": year, "authors": authors, **ids}
            answer = lookup(parsed.title, have)
            if isinstance(answer, NotFound):
                if not venue_text or year is None:
                    problems.append(
                        Problem(*where, "LB535", f"not found by --resolve: {answer.reason}")
                    )
                    return
            else:
                values, given = answer.fields, dict(answer.sources)
                venue_text = venue_text or values.get("venue") or ""
                year = year if year is not None else values.get("year")
                authors = authors or list(values.get("authors") or [])
                for name in ("doi", "arxiv"):
                    if values.get(name):
                        ids.setdefault(name, values[name])
                given = {k: v for k, v in given.items() if k != "venue" or not parsed.venue_text}
                if not venue_text or year is None:
                    named = [
                        f"{source} lists it at '{record.venues[0]}'"
                        for source, record in answer.matches.items()
                        if record.venues and not record.preprint
                    ]
                    why = "; ".join(named) or "no source gives its venue and year"
                    problems.append(
                        Problem(
                            *where,
                            "LB535",
                            f"not placed by --resolve: {why}",
                            suggestion="add the venue to listbot.yml (venues:), then import again",
                        )
                    )
                    return
        if not venue_text or year is None:
            problems.append(Problem(*where, "LB500", f"not understood: {NO_VENUE}"))
            return
        papers.add(line)
        found_venue = find_venue(venue_text, config, line=line)
        if found_venue.key is None:
            guess = found_venue.suggestion
            hint = (
                f"did you mean '{guess}'? If not, add the venue to listbot.yml"
                if guess
                else "add the venue to listbot.yml (venues:), then import again"
            )
            problems.append(
                Problem(*where, "LB501", f"unknown venue '{venue_text}'", suggestion=hint)
            )
            return
        venue = found_venue.key
        if not MIN_YEAR <= year <= this_year + 1:
            problems.append(
                Problem(
                    *where, "LB502", f"year {year} is not between {MIN_YEAR} and {this_year + 1}"
                )
            )
            return
        category = category_of(section)
        if category is None:
            problems.append(
                Problem(
                    *where,
                    "LB503",
                    "bullet is under no heading, so it has no category",
                    suggestion="pass --category ID, or put a heading above it",
                )
            )
            return
        if parsed.extra:
            link_problems.append(
                Problem(
                    source,
                    line,
                    1,
                    "LB523",
                    f"text after the title left out: '{_clip(plain(parsed.extra))}'",
                    "warning",
                )
            )
        problems.extend(p._replace(col=where[2]) for p in link_problems)
        data: dict[str, Any] = {"title": parsed.title}
        if authors:
            data["authors"] = authors
        data.update(venue=venue, year=year, category=category)
        if links:
            data["links"] = links
        data.update(sorted(ids.items()))
        if parsed.tags:
            data["tags"] = list(parsed.tags)
        if parsed.note:
            data["note"] = parsed.note
        base = slug_for(parsed.title, venue, year)
        slug, counter = base, 2
        while slug in slugs or (slug in taken and slug in valid):
            slug, counter = f"{base}-{counter}", counter + 1
        if slug in taken:
            problems.append(
                Problem(
                    *where,
                    "LB512",
                    f"{config.entries_dir}/{slug}.yaml exists (and is not a valid entry); "
                    "not overwritten",
                    "warning",
                    suggestion="fix or remove that file, then import again",
                )
            )
            return
        if found_venue.new is not None:
            venues.setdefault(venue, found_venue.new)
        slugs.add(slug)
        imported[key] = line
        entries.append(PlannedEntry(slug, data, line, tuple(more), given))

    for bullet in found.bullets:
        where = (source, bullet.line, bullet.col)
        if bullet.line in used_lines:
            continue
        if _is_toc(bullet.text):
            problems.append(
                Problem(
                    *where,
                    "LB530",
                    f"table-of-contents link skipped: {_clip(bullet.text)}",
                    "warning",
                )
            )
            continue
        parsed: _Parsed | str = read(bullet.text, found.refs, this_year=this_year)
        more = list(bullet.more)
        if bullet.wrapped:
            # Lines after the bullet line: a wrapped title, or the paper's authors and venue.
            after = _lines_after(bullet, found.refs, this_year)
            if after is not None:
                parsed = after
        facts_lines: set[int] = set()
        if not isinstance(parsed, str) and _ELSEWHERE.match(parsed.title):
            parsed = "a note, not a paper"
        if not isinstance(parsed, str):
            parsed = _with_facts(parsed, bullet, more, facts_lines, problems, source, this_year)
            venue_text, year = heading_facts(bullet.section)
            lacking = not (parsed.venue_text or venue_text) or (
                parsed.year is None and year is None
            )
            if lacking and (lookup is None or _under_paper(bullet, papers)):
                parsed = NO_VENUE
            else:
                used_lines.update(facts_lines)
        if isinstance(parsed, str) and _under_paper(bullet, papers):
            problems.append(
                Problem(
                    *where,
                    "LB524",
                    f"sub-bullet of the paper on line {_under_paper(bullet, papers)} left out: "
                    f"{_clip(bullet.text)}",
                    "warning",
                )
            )
            continue
        if isinstance(parsed, str):
            problems.append(
                Problem(*where, "LB500", f"not understood: {parsed}: {_clip(bullet.text)}")
            )
            continue
        add(parsed, where, bullet.section, more)
    for table_row in found.rows:
        where = (source, table_row.line, 1)
        parsed = row(table_row.cells, table_row.links, found.refs, this_year=this_year)
        if isinstance(parsed, str):
            problems.append(Problem(*where, "LB500", f"not understood: {parsed}"))
            continue
        add(parsed, where, table_row.section, [])
    used = {e.data["category"] for e in entries}
    needed = _needed(new, used)
    categories = tuple(c for c in new.values() if c.id in needed)
    return ImportPlan(
        categories=categories,
        entries=tuple(entries),
        problems=tuple(sorted(problems, key=Problem.sort_key)),
        bullets=len(found.bullets) + len(found.rows),
        title=None if title_section is None else title_section.name or None,
        venues=tuple(venues.values()),
    )


def _lines_after(bullet: _Bullet, refs: dict[str, str], this_year: int) -> _Parsed | None:
    """The bullet line read alone, completed by the lines after it when every one of them
    states authors, venue or year (``A. Author, B. Author. OSDI 2018.``); else None."""
    parsed = read(bullet.head, refs, this_year=this_year)
    if isinstance(parsed, str):
        return None
    for index, _line in bullet.wrapped:
        found = facts(bullet.parts[index], this_year=this_year)
        if found is None:
            return None
        parsed = replace(
            parsed,
            authors=parsed.authors or found.authors,
            venue_text=parsed.venue_text or found.venue_text,
            year=parsed.year if parsed.year is not None else found.year,
            links=parsed.links + found.links,
        )
    return parsed


def _with_facts(
    parsed: _Parsed,
    bullet: _Bullet,
    more: list[int],
    used_lines: set[int],
    problems: list[Problem],
    source: str,
    this_year: int,
) -> _Parsed:
    """A paper completed by the lines beside it: sub-bullets and paragraphs that state its
    authors, venue, year or links. Other paragraphs are reported as left out."""
    lines: list[tuple[int, str, bool]] = [(line, text, False) for line, text in bullet.paragraphs]
    lines += [(child.line, child.text, True) for child in bullet.children]
    for line, text, is_bullet in sorted(lines):
        found = facts(text, this_year=this_year)
        if found is None:
            if not is_bullet:
                problems.append(
                    Problem(
                        source,
                        line,
                        1,
                        "LB534",
                        f"paragraph under the paper on line {bullet.line} left out: "
                        f"{_clip(plain(text))}",
                        "warning",
                    )
                )
            continue
        if is_bullet:
            used_lines.add(line)
        more.append(line)
        parsed = replace(
            parsed,
            authors=parsed.authors or found.authors,
            venue_text=parsed.venue_text or found.venue_text,
            year=parsed.year if parsed.year is not None else found.year,
            links=parsed.links + found.links,
        )
    return parsed


def _under_paper(bullet: _Bullet, papers: Collection[int]) -> int:
    """The line of the paper bullet this one is nested under (at any depth), or 0."""
    parent = bullet.parent
    while parent is not None and parent.line not in papers:
        parent = parent.parent
    return 0 if parent is None else parent.line


def _needed(new: Mapping[str, NewCategory], used: Collection[str]) -> set[str]:
    needed: set[str] = set()
    for cid in used:
        while cid in new and cid not in needed:
            needed.add(cid)
            parent = new[cid].parent
            if parent is None:
                break
            cid = parent
    return needed


def _enclosing(section: _Section | None, title: _Section | None) -> _Section | None:
    return None if section is None or section is title else section


def _title_section(sections: Sequence[_Section]) -> _Section | None:
    """The document's title: a first heading alone at the top level, with no bullets of its own."""
    if not sections:
        return None
    first = sections[0]
    top = min(s.level for s in sections)
    if first.level != top or sum(1 for s in sections if s.level == top) != 1:
        return None
    return None if first.direct_bullets else first
