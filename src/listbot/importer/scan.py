"""The line scan: headings (sections), bullets with their continuation lines and sub-bullets,
link reference definitions, and the lines that are reported without being bullets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from listbot.importer.bullets import _PAREN_VENUE
from listbot.importer.markdown import _ABSOLUTE, _INLINE_LINK, _is_emoji, plain
from listbot.problems import Problem, clip

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+(?P<text>.*))?$")
_THEMATIC = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_REF_DEF = re.compile(r"^ {0,3}\[(?P<ref>[^\]]+)\]:[ \t]*<?(?P<url>[^\s>]+)>?(?:[ \t]+.*)?$")
_HTML_OPEN = "<!--"
_HTML_CLOSE = "-->"
_TABLE_RULE = re.compile(r"^\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?$")
_SUMMARY = re.compile(r"<summary[^>]*>(?P<name>.*?)</summary>", re.IGNORECASE)
_DETAILS_OPEN = re.compile(r"<details\b", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)
_HTML_LINE = re.compile(r"^</?[A-Za-z][^>]*>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# Badges and images in a heading: [![Awesome](badge.svg)](https://awesome.re), ![](logo.png)
_IMAGES = re.compile(r"\[\s*!\[[^\]]*\]\([^()\s]*\)\s*\]\([^()\s]*\)|!\[[^\]]*\]\([^()\s]*\)")
# Table header names (folded) -> the column's job.
_COLUMNS: dict[str, str] = {
    **dict.fromkeys(("title", "paper", "papers", "name", "paper title", "paper name"), "title"),
    **dict.fromkeys(
        ("venue", "conference", "conf", "conf.", "journal", "published", "publication", "where"),
        "venue",
    ),
    **dict.fromkeys(("year", "date", "published in"), "year"),
    **dict.fromkeys(("authors", "author", "authors list", "by"), "authors"),
}


@dataclass
class _Section:
    """A heading while the document is read: its category is decided once a paper needs it."""

    level: int
    name: str
    line: int
    parent: _Section | None
    category: str | None = None  # resolved id (existing or new)
    direct_bullets: int = 0


@dataclass
class _Bullet:
    line: int
    col: int
    parts: list[str]  # its text: the bullet line, continuation lines, merged sub-bullets
    section: _Section | None
    parent: _Bullet | None = None  # the bullet this one is nested under
    more: list[int] = field(default_factory=list)  # lines of link-only sub-bullets merged in
    indent: int = 0  # the column where its text starts: indented paragraphs below belong to it
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (line, text) after a gap
    children: list[_Bullet] = field(default_factory=list)  # its sub-bullets, in order
    wrapped: list[tuple[int, int]] = field(default_factory=list)  # (index in parts, line)

    @property
    def head(self) -> str:
        """Its text without the lines after the bullet line (which may be authors, a venue)."""
        skip = {index for index, _ in self.wrapped}
        return " ".join(part for i, part in enumerate(self.parts) if part and i not in skip)

    @property
    def text(self) -> str:
        return " ".join(part for part in self.parts if part)


@dataclass
class _Row:
    """A row of a table of papers: cells by column job (title, venue, year, authors, links)."""

    line: int
    cells: dict[str, str]
    links: list[tuple[str, str]]  # (column name, cell text) of the other columns, in order
    section: _Section | None


@dataclass
class _Reader:
    """What the line scan found: bullets, reported lines and link reference definitions."""

    bullets: list[_Bullet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=dict)
    sections: list[_Section] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)


def _scan(text: str, source: str) -> _Reader:
    """Read the document line by line: headings, bullets (with continuation lines), refs."""
    found = _Reader()
    lines = text.splitlines()
    section: _Section | None = None
    fence: str | None = None
    in_comment = False
    current: _Bullet | None = None
    nesting: list[_Bullet] = []  # the open bullets, outermost first
    paragraph: list[str] | None = None  # an indented paragraph of nesting[-1] being read
    details: list[_Section | None] = []  # the section each open <details> block started in
    table: list[str] | None = None  # the header of the table of papers being read
    lines_to_skip: set[int] = set()
    for index, raw in enumerate(lines):
        number = index + 1
        line = raw.rstrip()
        if index in lines_to_skip:
            continue  # the |---|---| rule under a table's header
        # Regions whose lines are not Markdown structure: fenced code and HTML comments.
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            else:
                _report_hidden(found, source, number, line, "inside a fenced code block")
            continue
        if in_comment:
            if _HTML_CLOSE in line:
                in_comment = False
            else:
                _report_hidden(found, source, number, line, "inside an HTML comment")
            continue
        fence_match = _FENCE.match(line)
        if fence_match:
            fence = fence_match.group(1)[:3]
            current = None
            continue
        stripped = line.strip()
        if stripped.startswith(_HTML_OPEN) and _HTML_CLOSE not in stripped[4:]:
            in_comment = True
            current = None
            continue
        if stripped.startswith(_HTML_OPEN) and stripped.endswith(_HTML_CLOSE):
            continue  # <!-- TOC -->: a comment on a line of its own is not part of a bullet
        if not stripped:
            current = None
            paragraph = None
            table = None
            continue
        if table is not None and stripped.startswith("|"):
            _read_row(found, table, number, stripped, section)
            continue
        table = None
        if _HTML_LINE.match(stripped) or _SUMMARY.search(stripped):
            # <details><summary>Name</summary> is a collapsed section: a heading.
            if _DETAILS_OPEN.search(stripped):
                details.append(section)
            summary = _SUMMARY.search(stripped)
            if summary and details:
                name = _heading_name(_TAG.sub("", summary.group("name")))
                level = (section.level if section is not None else 0) + 1
                section = _Section(level, name, number, section)
                found.sections.append(section)
                nesting = []
            for _ in _DETAILS_CLOSE.findall(stripped):
                if details:
                    section = details.pop()
                nesting = []
            current = None
            continue
        heading = _HEADING.match(line)
        setext = (
            index + 1 < len(lines)
            and current is None
            and _SETEXT.match(lines[index + 1])
            and not _BULLET.match(line)
            and not heading
            and (index == 0 or not lines[index - 1].strip())
        )
        if heading or setext:
            if heading:
                level, name = len(heading.group(1)), _heading_name(heading.group(2) or "")
            else:
                level = 1 if lines[index + 1].strip()[0] == "=" else 2
                name = _heading_name(stripped)
            while section is not None and section.level >= level:
                section = section.parent
            section = _Section(level, name, number, section)
            found.sections.append(section)
            current = None
            nesting = []
            continue
        if (
            _SETEXT.match(line)
            and index > 0
            and found.sections
            and found.sections[-1].line == number - 1
        ):
            continue  # the underline of a setext heading
        ref = _REF_DEF.match(line)
        if ref and current is None:
            found.refs[ref.group("ref").strip().casefold()] = ref.group("url")
            continue
        bullet = _BULLET.match(line) if not _THEMATIC.match(line) else None
        if bullet:
            body = bullet.group("text") or ""
            if re.match(r"^\[[ xX]\]\s*", body):  # a task-list box
                body = re.sub(r"^\[[ xX]\]\s*", "", body)
            col = bullet.start("marker") + 1
            while nesting and nesting[-1].col >= col:
                nesting.pop()
            parent = nesting[-1] if nesting else None
            if parent is not None and _links_only(body):
                # "  - [code](https://...)" under a paper: that paper's links.
                parent.parts.append(body)
                parent.more.append(number)
                current = None
                continue
            current = _Bullet(
                number, col, [body], section, parent, indent=bullet.start("text") if body else col
            )
            if parent is not None:
                parent.children.append(current)
            nesting.append(current)
            found.bullets.append(current)
            if section is not None and not _is_toc(body):
                section.direct_bullets += 1
            continue
        if current is not None:  # a continuation line of the bullet above
            current.wrapped.append((len(current.parts), number))
            current.parts.append(stripped)
            continue
        indent = len(line) - len(line.lstrip())
        if nesting and indent >= max(nesting[-1].indent, 2):
            # An indented paragraph after a blank line belongs to the item above it.
            if paragraph is None:
                paragraph = []
                nesting[-1].paragraphs.append((number, ""))
            paragraph.append(stripped)
            last_line = nesting[-1].paragraphs[-1][0]
            nesting[-1].paragraphs[-1] = (last_line, " ".join(paragraph))
            continue
        if (
            stripped.startswith("|")
            and index + 1 < len(lines)
            and _TABLE_RULE.match(lines[index + 1].strip())
        ):
            header = _table_header(stripped)
            if "title" in header and ("venue" in header or "year" in header):
                table = header
                lines_to_skip.add(index + 1)
                continue
        _report_text(found, source, number, stripped, lines[index - 1] if index else "")
    return found


def _cells(row: str) -> list[str]:
    """A table row's cells; ``\\|`` inside a cell is a literal bar."""
    body = row.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", body)]


def _table_header(row: str) -> list[str]:
    """Column jobs of a table's header row: title, venue, year, authors, or the name itself."""
    names = [plain(cell).casefold().strip(" :") for cell in _cells(row)]
    return [_COLUMNS.get(name, name) for name in names]


def _read_row(
    found: _Reader, header: list[str], number: int, row: str, section: _Section | None
) -> None:
    cells: dict[str, str] = {}
    links: list[tuple[str, str]] = []
    for job, cell in zip(header, _cells(row), strict=False):
        if job in ("title", "venue", "year", "authors") and job not in cells:
            cells[job] = cell
        elif cell:
            links.append((job, cell))
    found.rows.append(_Row(number, cells, links, section))
    if section is not None:
        section.direct_bullets += 1


def _report_text(found: _Reader, source: str, number: int, line: str, previous: str) -> None:
    """Lines that are not bullets yet hold papers: a table, or a paper written as a paragraph."""
    if line.startswith("|"):
        if not previous.strip().startswith("|"):
            found.problems.append(
                Problem(
                    source,
                    number,
                    1,
                    "LB532",
                    "table skipped: listbot import reads bullet lists",
                    severity="warning",
                    suggestion="turn the rows into '- Title (VENUE'YY)' bullets",
                )
            )
    elif _PAREN_VENUE.search(line):
        found.problems.append(
            Problem(
                source,
                number,
                1,
                "LB533",
                f"looks like a paper but is not a bullet; skipped: {_clip(line)}",
                severity="warning",
                suggestion="start the line with '- ' to import it",
            )
        )


def _links_only(text: str) -> bool:
    """Whether a bullet holds nothing but links to other sites (and separators)."""
    links = list(_INLINE_LINK.finditer(text))
    if not links or any(not _ABSOLUTE.match(m.group("url")) for m in links):
        return False
    rest = _INLINE_LINK.sub("", text)
    return not rest.strip(" \t[]|,/·•;–—-*_")


def _heading_name(text: str) -> str:
    """A heading's category name: Markdown removed, and a paper count such as ``(12)``."""
    name = plain(_IMAGES.sub(" ", _closing_hashes(text)))
    name = "".join(ch for ch in name if not _is_emoji(ch)).strip()
    return re.sub(r"\s*[(\[]\d+(?: papers?)?[)\]]$", "", name).strip() or name


def _closing_hashes(text: str) -> str:
    """``Training ##`` -> ``Training`` (the optional closing sequence of an ATX heading)."""
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        return bare.rstrip()
    return text


def _report_hidden(found: _Reader, source: str, number: int, line: str, where: str) -> None:
    bullet = _BULLET.match(line)
    if bullet and bullet.group("text") and not _THEMATIC.match(line):
        found.problems.append(
            Problem(
                source,
                number,
                bullet.start("marker") + 1,
                "LB531",
                f"bullet {where} skipped: {_clip(bullet.group('text'))}",
                severity="warning",
            )
        )


def _clip(text: str) -> str:
    """A line as the importer's messages quote it: 60 characters at most."""
    return clip(text, 60)


def _is_toc(text: str) -> bool:
    """A bullet that only links to a heading of the same document: ``[Training](#training)``."""
    return bool(re.fullmatch(r"\[[^\]]*\]\(#[^)\s]*\)\s*(?:\(\d+\))?", text.strip()))
