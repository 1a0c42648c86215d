"""Bullets -> an import plan: categories, entries, problems."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from listbot.config import Category, Config
from listbot.crash import file_problem
from listbot.entries import Entry, kebab, slug_for
from listbot.importer.bullets import NO_VENUE, _Parsed, _resolve_links
from listbot.importer.markdown import plain
from listbot.importer.scan import _Bullet, _clip, _is_toc, _scan, _Section
from listbot.importer.styles import _ELSEWHERE, Facts, facts, read, row
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
    return _Planner(
        text,
        config,
        source=source,
        this_year=this_year,
        existing=existing,
        taken=taken,
        category_root=category_root,
        default_category=default_category,
        mapping=mapping,
        lookup=lookup,
    ).run()


@dataclass
class _Place:
    """Where a paper was published, and what else is known of it, while it is completed."""

    venue_text: str
    year: int | None
    authors: list[str]
    ids: dict[str, str]
    given: dict[str, str] = field(default_factory=dict)  # field -> the source that gave it


class _Planner:
    """One import plan being made: the scan, the categories and venues found so far, the
    entries planned, the problems. ``run`` reads every bullet and table row in order."""

    def __init__(
        self,
        text: str,
        config: Config,
        *,
        source: str,
        this_year: int,
        existing: Sequence[Entry],
        taken: Collection[str],
        category_root: str | None,
        default_category: str | None,
        mapping: Mapping[str, str] | None,
        lookup: Lookup | None,
    ) -> None:
        self.config = config
        self.source = source
        self.this_year = this_year
        self.taken = taken
        self.category_root = category_root
        self.default_category = default_category
        self.lookup = lookup
        self.found = _scan(text, self.source)
        self.problems = list(self.found.problems)
        self.title_section = _title_section(self.found.sections)
        self.wanted = {k.casefold().strip(): v for k, v in (mapping or {}).items()}
        self.by_id = {c.id: c for c in self.config.categories}
        self.by_name = {c.name.casefold(): c for c in self.config.categories}
        self.new: dict[str, NewCategory] = {}
        for cid in (*self.wanted.values(), self.category_root, self.default_category):
            if cid is not None and cid not in self.by_id:
                raise ValueError(f"unknown category '{cid}'")

        self.contexts: dict[int, tuple[str | None, int | None] | None] = {}

        self.entries: list[PlannedEntry] = []
        self.in_list: dict[str, str] = {}
        for entry in existing:
            self.in_list.setdefault(normalize_title(entry.title), entry.path)
        self.valid = {
            entry.slug for entry in existing
        }  # a taken slug of another paper: add a suffix
        self.imported: dict[str, int] = {}
        self.slugs: set[str] = set()
        self.papers: set[int] = set()  # lines of the bullets that read as papers
        self.used_lines: set[int] = set()  # sub-bullets read as facts of the paper above them
        self.venues: dict[str, NewVenue] = {}

    def category_for(self, section: _Section | None) -> str | None:
        while section is not None and (
            section is self.title_section or self.context(section) is not None
        ):
            section = section.parent
        if section is None:
            return self.default_category
        if section.category is not None:
            return section.category
        name = section.name
        cid = self.wanted.get(name.casefold().strip())
        if cid is None:
            match: Category | NewCategory | None = self.by_name.get(
                name.casefold()
            ) or self.by_id.get(kebab(name))
            if match is None:
                match = self.new.get(kebab(name)) or next(
                    (c for c in self.new.values() if c.name.casefold() == name.casefold()), None
                )
            if match is None:
                parent = _enclosing(section.parent, self.title_section)
                parent_id = self.category_for(parent) if parent is not None else self.category_root
                cid = kebab(name) or f"section-{section.line}"
                self.new[cid] = NewCategory(cid, name, parent_id, section.line)
            else:
                cid = match.id
        section.category = cid
        return cid

    def context(self, section: _Section | None) -> tuple[str | None, int | None] | None:
        if section is None:
            return None
        if id(section) not in self.contexts:
            self.contexts[id(section)] = heading_context(section.name, self.config)
        return self.contexts[id(section)]

    def category_of(self, section: _Section | None) -> str | None:
        # Venue and year headings are context for the bullets under them, never categories.
        while section is not None and self.context(section) is not None:
            section = section.parent
        return self.category_for(section)

    def heading_facts(self, section: _Section | None) -> tuple[str, int | None]:
        venue, year = "", None
        while section is not None:
            found_here = self.context(section)
            if found_here is not None:
                venue = venue or (found_here[0] or "")
                year = year if year is not None else found_here[1]
            section = section.parent
        return venue, year

    def add(
        self,
        parsed: _Parsed,
        where: tuple[str, int, int],
        section: _Section | None,
        more: list[int],
    ) -> None:
        line = where[1]
        # Duplicates first: a paper already in the list is never looked up again.
        key = normalize_title(parsed.title)
        if key in self.imported:
            self.papers.add(line)  # a paper, skipped: its sub-bullets are its own
            self.problems.append(
                Problem(
                    *where,
                    "LB510",
                    f"same title as line {self.imported[key]}; skipped",
                    severity="warning",
                )
            )
            return
        if key in self.in_list:
            self.papers.add(line)
            self.problems.append(
                Problem(
                    *where,
                    "LB511",
                    f"already in the list as {self.in_list[key]}; skipped",
                    severity="warning",
                )
            )
            return
        venue_text, year = parsed.venue_text, parsed.year
        if not venue_text or year is None:
            from_heading = self.heading_facts(section)
            venue_text = venue_text or from_heading[0]
            year = year if year is not None else from_heading[1]
        links, ids, link_problems = _resolve_links(parsed, self.source, line)
        if parsed.arxiv:
            ids.setdefault("arxiv", parsed.arxiv)
        place = _Place(venue_text, year, list(parsed.authors), ids)
        if self.lookup is not None and not self.complete(parsed, where, place):
            return
        venue_text, year, authors, given = place.venue_text, place.year, place.authors, place.given
        if not venue_text or year is None:
            self.problems.append(Problem(*where, "LB500", f"not understood: {NO_VENUE}"))
            return
        self.papers.add(line)
        found_venue = find_venue(venue_text, self.config, line=line)
        if found_venue.key is None:
            guess = found_venue.suggestion
            hint = (
                f"did you mean '{guess}'? If not, add the venue to listbot.yml"
                if guess
                else "add the venue to listbot.yml (venues:), then import again"
            )
            self.problems.append(
                Problem(*where, "LB501", f"unknown venue '{venue_text}'", suggestion=hint)
            )
            return
        venue = found_venue.key
        if not MIN_YEAR <= year <= self.this_year + 1:
            self.problems.append(
                Problem(
                    *where,
                    "LB502",
                    f"year {year} is not between {MIN_YEAR} and {self.this_year + 1}",
                )
            )
            return
        category = self.category_of(section)
        if category is None:
            self.problems.append(
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
                    self.source,
                    line,
                    1,
                    "LB523",
                    f"text after the title left out: '{_clip(plain(parsed.extra))}'",
                    severity="warning",
                )
            )
        self.problems.extend(p._replace(col=where[2]) for p in link_problems)
        data = _entry_data(parsed, authors, venue, year, category, links, ids)
        slug = self.slug_for(parsed.title, venue, year)
        if slug in self.taken:
            self.problems.append(
                Problem(
                    *where,
                    "LB512",
                    f"{self.config.entries_dir}/{slug}.yaml exists (and is not a valid entry); "
                    "not overwritten",
                    severity="warning",
                    suggestion="fix or remove that file, then import again",
                )
            )
            return
        if found_venue.new is not None:
            self.venues.setdefault(venue, found_venue.new)
        self.slugs.add(slug)
        self.imported[key] = line
        self.entries.append(PlannedEntry(slug, data, line, tuple(more), given))

    def slug_for(self, title: str, venue: str, year: int) -> str:
        """The entry's slug; ``-2``, ``-3`` when another paper of this import or of the list
        has it (a taken slug of a file that is not a valid entry is returned as it is)."""
        base = slug_for(title, venue, year)
        slug, counter = base, 2
        while slug in self.slugs or (slug in self.taken and slug in self.valid):
            slug, counter = f"{base}-{counter}", counter + 1
        return slug

    def complete(self, parsed: _Parsed, where: tuple[str, int, int], place: _Place) -> bool:
        """``place`` completed by the lookup (``--resolve``); False when the paper cannot be
        placed (no venue or year), which is reported."""
        assert self.lookup is not None
        have = {"venue": place.venue_text, "year": place.year, "authors": place.authors}
        answer = self.lookup(parsed.title, {**have, **place.ids})
        if isinstance(answer, NotFound):
            if not place.venue_text or place.year is None:
                self.problems.append(
                    Problem(*where, "LB535", f"not found by --resolve: {answer.reason}")
                )
                return False
            return True
        values = answer.fields
        place.venue_text = place.venue_text or values.get("venue") or ""
        place.year = place.year if place.year is not None else values.get("year")
        place.authors = place.authors or list(values.get("authors") or [])
        for name in ("doi", "arxiv"):
            if values.get(name):
                place.ids.setdefault(name, values[name])
        place.given = {
            k: v for k, v in answer.sources.items() if k != "venue" or not parsed.venue_text
        }
        if place.venue_text and place.year is not None:
            return True
        named = [
            f"{name} lists it at '{record.venues[0]}'"
            for name, record in answer.matches.items()
            if record.venues and not record.preprint
        ]
        why = "; ".join(named) or "no source gives its venue and year"
        self.problems.append(
            Problem(
                *where,
                "LB535",
                f"not placed by --resolve: {why}",
                suggestion="add the venue to listbot.yml (venues:), then import again",
            )
        )
        return False

    def bullet(self, bullet: _Bullet) -> None:
        """One bullet: an entry, a skipped line or a problem."""
        where = (self.source, bullet.line, bullet.col)
        if bullet.line in self.used_lines:
            return
        if _is_toc(bullet.text):
            self.problems.append(
                Problem(
                    *where,
                    "LB530",
                    f"table-of-contents link skipped: {_clip(bullet.text)}",
                    severity="warning",
                )
            )
            return
        parsed: _Parsed | str = read(bullet.text, self.found.refs, this_year=self.this_year)
        more = list(bullet.more)
        if bullet.wrapped:
            # Lines after the bullet line: a wrapped title, or the paper's authors and venue.
            after = _lines_after(bullet, self.found.refs, self.this_year)
            if after is not None:
                parsed = after
        facts_lines: set[int] = set()
        if not isinstance(parsed, str) and _ELSEWHERE.match(parsed.title):
            parsed = "a note, not a paper"
        if not isinstance(parsed, str):
            parsed = _with_facts(
                parsed, bullet, more, facts_lines, self.problems, self.source, self.this_year
            )
            venue_text, year = self.heading_facts(bullet.section)
            lacking = not (parsed.venue_text or venue_text) or (
                parsed.year is None and year is None
            )
            if lacking and (self.lookup is None or _under_paper(bullet, self.papers)):
                parsed = NO_VENUE
            else:
                self.used_lines.update(facts_lines)
        above = _under_paper(bullet, self.papers)
        if isinstance(parsed, str) and above:
            self.problems.append(
                Problem(
                    *where,
                    "LB524",
                    f"sub-bullet of the paper on line {above} left out: {_clip(bullet.text)}",
                    severity="warning",
                )
            )
            return
        if isinstance(parsed, str):
            self.problems.append(
                Problem(*where, "LB500", f"not understood: {parsed}: {_clip(bullet.text)}")
            )
            return
        self.add(parsed, where, bullet.section, more)

    def run(self) -> ImportPlan:
        for bullet in self.found.bullets:
            try:
                self.bullet(bullet)
            except Exception as exc:  # a bug: LB009 on this bullet; the others are imported
                self.problems.append(
                    file_problem(self.source, exc, "importing a bullet of", bullet.line)
                )

        for table_row in self.found.rows:
            where = (self.source, table_row.line, 1)
            parsed = row(
                table_row.cells, table_row.links, self.found.refs, this_year=self.this_year
            )
            if isinstance(parsed, str):
                self.problems.append(Problem(*where, "LB500", f"not understood: {parsed}"))
                continue
            self.add(parsed, where, table_row.section, [])
        used = {e.data["category"] for e in self.entries}
        needed = _needed(self.new, used)
        # In the list's order (tables are read after the bullets, so not in the order found).
        categories = tuple(
            sorted((c for c in self.new.values() if c.id in needed), key=lambda c: c.line)
        )
        return ImportPlan(
            categories=categories,
            entries=tuple(self.entries),
            problems=tuple(sorted(self.problems, key=Problem.sort_key)),
            bullets=len(self.found.bullets) + len(self.found.rows),
            title=None if self.title_section is None else self.title_section.name or None,
            venues=tuple(self.venues.values()),
        )


def _entry_data(
    parsed: _Parsed,
    authors: list[str],
    venue: str,
    year: int,
    category: str,
    links: Mapping[str, str],
    ids: Mapping[str, str],
) -> dict[str, Any]:
    """The entry's fields in canonical order."""
    data: dict[str, Any] = {"title": parsed.title}
    if authors:
        data["authors"] = authors
    data.update(venue=venue, year=year, category=category)
    if links:
        data["links"] = dict(links)
    data.update(sorted(ids.items()))
    if parsed.tags:
        data["tags"] = list(parsed.tags)
    if parsed.note:
        data["note"] = parsed.note
    return data


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
        parsed = _completed(parsed, found)
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
                        severity="warning",
                    )
                )
            continue
        if is_bullet:
            used_lines.add(line)
        more.append(line)
        parsed = _completed(parsed, found)
    return parsed


def _completed(parsed: _Parsed, found: Facts) -> _Parsed:
    """``parsed`` with what ``found`` (a line beside it) adds: authors, venue and year it
    lacks, and more links."""
    return replace(
        parsed,
        authors=parsed.authors or found.authors,
        venue_text=parsed.venue_text or found.venue_text,
        year=parsed.year if parsed.year is not None else found.year,
        links=parsed.links + found.links,
    )


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
