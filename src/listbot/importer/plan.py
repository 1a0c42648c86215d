"""Bullets -> an import plan: categories, entries, problems."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from listbot.config import Category, Config
from listbot.entries import Entry, kebab, slug_for
from listbot.importer.bullets import _resolve_links, parse_bullet
from listbot.importer.scan import _Bullet, _clip, _is_toc, _scan, _Section
from listbot.problems import Problem
from listbot.validate import MIN_YEAR, normalize_title


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
) -> ImportPlan:
    """What importing ``text`` would do, against ``config`` and the ``existing`` entries.

    ``taken`` holds the slugs of files already in entries/ (also unreadable ones);
    ``category_root`` is an existing category that new top-level categories go under;
    ``default_category`` takes bullets that sit under no heading; ``mapping`` sends
    headings (by name, case-insensitive) to category ids of the caller's choosing.
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
        while section is not None and section is title_section:
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

    entries: list[PlannedEntry] = []
    in_list: dict[str, str] = {}
    for entry in existing:
        in_list.setdefault(normalize_title(entry.title), entry.path)
    valid = {entry.slug for entry in existing}  # a taken slug of another paper: add a suffix
    imported: dict[str, int] = {}
    slugs: set[str] = set()
    papers: set[int] = set()  # lines of the bullets that read as papers
    for bullet in found.bullets:
        where = (source, bullet.line, bullet.col)
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
        parsed = parse_bullet(bullet.text, found.refs, this_year=this_year)
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
        papers.add(bullet.line)
        venue = config.normalize_venue(parsed.venue_text)
        if venue is None:
            guess = config.suggest_venue(parsed.venue_text)
            hint = (
                f"did you mean '{guess}'? If not, add the venue to listbot.yml"
                if guess
                else "add the venue to listbot.yml (venues:), then import again"
            )
            problems.append(
                Problem(*where, "LB501", f"unknown venue '{parsed.venue_text}'", suggestion=hint)
            )
            continue
        if not MIN_YEAR <= parsed.year <= this_year + 1:
            problems.append(
                Problem(
                    *where,
                    "LB502",
                    f"year {parsed.year} is not between {MIN_YEAR} and {this_year + 1}",
                )
            )
            continue
        category = resolve(bullet.section)
        if category is None:
            problems.append(
                Problem(
                    *where,
                    "LB503",
                    "bullet is under no heading, so it has no category",
                    suggestion="pass --category ID, or put a heading above it",
                )
            )
            continue
        key = normalize_title(parsed.title)
        if key in imported:
            problems.append(
                Problem(*where, "LB510", f"same title as line {imported[key]}; skipped", "warning")
            )
            continue
        if key in in_list:
            problems.append(
                Problem(
                    *where, "LB511", f"already in the list as {in_list[key]}; skipped", "warning"
                )
            )
            continue
        links, ids, link_problems = _resolve_links(parsed, source, bullet.line)
        if parsed.extra:
            link_problems.append(
                Problem(
                    source,
                    bullet.line,
                    1,
                    "LB523",
                    f"text after the title left out: '{_clip(parsed.extra)}'",
                    "warning",
                )
            )
        problems.extend(p._replace(col=bullet.col) for p in link_problems)
        data: dict[str, Any] = {
            "title": parsed.title,
            "venue": venue,
            "year": parsed.year,
            "category": category,
        }
        if links:
            data["links"] = links
        data.update(ids)
        if parsed.note:
            data["note"] = parsed.note
        base = slug_for(parsed.title, venue, parsed.year)
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
            continue
        slugs.add(slug)
        imported[key] = bullet.line
        entries.append(PlannedEntry(slug, data, bullet.line, tuple(bullet.more)))
    used = {e.data["category"] for e in entries}
    needed = _needed(new, used)
    categories = tuple(c for c in new.values() if c.id in needed)
    return ImportPlan(
        categories=categories,
        entries=tuple(entries),
        problems=tuple(sorted(problems, key=Problem.sort_key)),
        bullets=len(found.bullets),
        title=None if title_section is None else title_section.name or None,
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
