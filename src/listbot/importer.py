"""A Markdown paper list -> an import plan: new categories, entries, and what was not understood.

Pure: text and configuration in, an ``ImportPlan`` out; the ``import`` command writes it.
Headings become categories (an existing category is reused when its id or name matches),
bullets become entries. The bullet forms real lists use are understood::

    - Ray: A Distributed Framework for Emerging AI Applications (OSDI'18)
    * Title (OSDI ’18) / Title (OSDI 2018) / Title, OSDI 2018
    1. [Title](https://paper.url) (EUROSYS'18) [[code](https://github.com/x/y)] [[slides](...)]
    + **Title** (NeuralPS'18) [pdf](https://...) | [video](https://...)

Every bullet becomes an entry or a problem that names its line: a venue not in
listbot.yml is reported (with a "did you mean"), never guessed; a duplicate (of another
bullet or of an existing entry, by normalized title) is skipped with a warning; an
existing entry file is never replaced. Paragraphs and other text are not papers and are
ignored, but bullet-like lines inside code blocks or HTML comments, and table-of-contents
bullets, are still reported as skipped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from listbot.config import Category, Config
from listbot.crash import file_problem
from listbot.entries import LINK_ORDER, Entry, kebab, slug_for
from listbot.problems import Problem
from listbot.validate import MIN_YEAR, normalize_title

# Link groups read at the end of one bullet, and places tried for a " — note": real
# bullets have a handful; the bound keeps a pathological line from taking long.
_MAX_GROUPS = 20

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+(?P<text>.*))?$")
_THEMATIC = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_REF_DEF = re.compile(r"^ {0,3}\[(?P<ref>[^\]]+)\]:[ \t]*<?(?P<url>[^\s>]+)>?(?:[ \t]+.*)?$")

# Link labels (folded) -> the entry field they fill.
_LABELS_BY_FIELD: dict[str, tuple[str, ...]] = {
    "paper": ("paper", "link", "url", "html", "web", "acm", "usenix", "ieee", "dl", "abstract"),
    "pdf": ("pdf", "full text"),
    "code": ("code", "github", "source", "src", "repo", "repository", "implementation", "artifact"),
    "slides": ("slides", "slide", "ppt", "presentation"),
    "video": ("video", "talk", "youtube", "recording"),
    "arxiv": ("arxiv", "preprint"),
    "doi": ("doi",),
}
LINK_LABELS: dict[str, str] = {
    label: kind for kind, labels in _LABELS_BY_FIELD.items() for label in labels
}

_URL = r"<?(?P<{name}>[^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*)>?(?:\s+\"[^\"]*\")?"
_LABEL = r"(?P<{name}>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)"
_INLINE_LINK = re.compile(
    r"\[" + _LABEL.format(name="label") + r"\]\(\s*" + _URL.format(name="url") + r"\s*\)"
)
_REF_LINK = re.compile(r"\[" + _LABEL.format(name="label") + r"\]\[(?P<ref>[^\]]*)\]")
# A title that is one link: [Title](url) or [Title][ref], maybe with closing punctuation.
_WHOLE_LINK = re.compile(_INLINE_LINK.pattern + r"[.,:;]?")
_WHOLE_REF_LINK = re.compile(_REF_LINK.pattern + r"[.,:;]?")
# A link label: plain text, or one bracketed word as in "[[Paper]](url)".
_GROUP_LABEL = r"(?:\[[^\[\]]*\]|(?:[^\[\]\\]|\\.)*)"
# A bare "[slides]" is a link group only when it names a kind of link.
_BARE = r"\[\s*(?i:" + "|".join(sorted(LINK_LABELS, key=len, reverse=True)) + r")\s*\]"
# One link in a link group: [label](url), [label][ref] or a bare [slides].
_ANY_LINK = re.compile(
    r"\[(?P<label>"
    + _GROUP_LABEL
    + r")\](?:\(\s*"
    + _URL.format(name="url")
    + r"\s*\)|\[(?P<ref>[^\]]*)\])"
    + r"|(?P<bare>"
    + _BARE
    + r")"
)
# The same, without groups, as a part of the tail pattern below.
_TAIL_LINK = (
    r"(?:\[" + _GROUP_LABEL + r"\](?:\(\s*<?[^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*>?\s*\)"
    r"|\[[^\]]*\])|" + _BARE + r")"
)
_TAIL_SEP = r"[ \t]*[|,/·•;–—-]?[ \t]*"
# A group of links at the end of a bullet: [[code](url)], [code](url) | [pdf](url), [slides] ...
_TAIL_GROUP = re.compile(
    r"(?:\[\s*"
    + _TAIL_LINK
    + r"(?:"
    + _TAIL_SEP
    + _TAIL_LINK
    + r")*\s*\]|"
    + _TAIL_LINK
    + r")"
    + _TAIL_SEP
    + r"$"
)
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
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_PRIVATE = 0xE000
_DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/(?P<doi>10\.\d{4,9}/\S+)$", re.IGNORECASE)
_ARXIV_URL = re.compile(
    r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/(?P<id>\d{4}\.\d{4,5}(?:v\d+)?)(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_ABSOLUTE = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
_HTML_OPEN = "<!--"
_HTML_CLOSE = "-->"


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

    @property
    def text(self) -> str:
        return " ".join(part for part in self.parts if part)


@dataclass
class _Reader:
    """What the line scan found: bullets, reported lines and link reference definitions."""

    bullets: list[_Bullet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=dict)
    sections: list[_Section] = field(default_factory=list)


def _protect(markdown: str) -> str:
    """Backslash-escaped punctuation as private-use characters, so no pattern mistakes it
    for syntax (``\\[`` is a literal bracket, ``\\*`` a literal star)."""
    return _ESCAPED.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), markdown)


def _unprotect(text: str) -> str:
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - _PRIVATE), text)


def plain(markdown: str) -> str:
    """Markdown inline text as plain text: links to their labels, emphasis and escapes removed."""
    text = _INLINE_LINK.sub(lambda m: m.group("label"), _protect(markdown))
    text = _REF_LINK.sub(lambda m: m.group("label"), text)
    for _ in range(3):
        text = _EMPHASIS.sub(r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w_])_(?!\s)([^_]+?)(?<!\s)_(?![\w_])", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return re.sub(r"\s+", " ", _unprotect(text)).strip()


def _scan(text: str, source: str) -> _Reader:
    """Read the document line by line: headings, bullets (with continuation lines), refs."""
    found = _Reader()
    lines = text.splitlines()
    section: _Section | None = None
    fence: str | None = None
    in_comment = False
    current: _Bullet | None = None
    nesting: list[_Bullet] = []  # the open bullets, outermost first
    for index, raw in enumerate(lines):
        number = index + 1
        line = raw.rstrip()
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
        if not stripped:
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
            current = _Bullet(number, col, [body], section, parent)
            nesting.append(current)
            found.bullets.append(current)
            if section is not None:
                section.direct_bullets += 1
            continue
        if current is not None:  # a continuation line of the bullet above
            current.parts.append(stripped)
            continue
        _report_text(found, source, number, stripped, lines[index - 1] if index else "")
    return found


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
                    "warning",
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
                "warning",
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
    name = plain(_closing_hashes(text))
    return re.sub(r"\s*[(\[]\d+[)\]]$", "", name).strip() or name


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
                "warning",
            )
        )


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class _Parsed:
    title: str
    venue_text: str
    year: int
    links: tuple[tuple[str, str], ...]  # (label, url) in order of appearance
    bare: tuple[str, ...]  # link labels without a URL
    extra: str = ""  # text after a marked title that is not part of it (authors, usually)
    note: str = ""  # a description after the paper: "Title (OSDI'18) — note"


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
        if not body:
            return "empty bullet"
        return "no venue and year found (expected e.g. 'Title (OSDI'18)' or 'Title, OSDI 2018')"
    head = body[: match.start()]
    head, more = _strip_tail(head, refs)
    tail_links[:0] = more
    venue_text = _unprotect(match.group("venue").strip())
    aside = match.groupdict().get("aside")
    if aside:
        note = "; ".join(part for part in (plain(aside), note) if part)
    if match.group("yy") is not None:
        yy = int(match.group("yy"))
        year = 2000 + yy if 2000 + yy <= this_year + 1 else 1900 + yy
    else:
        year = int(match.group("yyyy"))
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
            Problem(source, line, 1, "LB520", f"link '[{label}]' has no URL; left out", "warning")
        )
    for label, url in parsed.links:
        folded = label.casefold().strip()
        kind = LINK_LABELS.get(folded)
        if kind is None:
            kind = "paper" if label == "paper" else None
        if kind is None and url and "github.com/" in url:
            kind = "code"
        if not _ABSOLUTE.match(url):
            problems.append(
                Problem(
                    source,
                    line,
                    1,
                    "LB521",
                    f"link '[{label}]({url})' is not an absolute http(s) URL; left out",
                    "warning",
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
                    "warning",
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
                            "warning",
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
                        "warning",
                    )
                )
            continue
        if kind in links:
            if links[kind] != url:
                problems.append(
                    Problem(
                        source, line, 1, "LB522", f"second {kind} link '{url}' left out", "warning"
                    )
                )
            continue
        links[kind] = url
    return {k: links[k] for k in LINK_ORDER if k in links}, ids, problems


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
        try:
            parsed = parse_bullet(bullet.text, found.refs, this_year=this_year)
        except Exception as exc:  # a bug: LB009 on this bullet; the others are still imported
            problems.append(file_problem(source, exc, "importing a bullet of", bullet.line))
            continue
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


def _is_toc(text: str) -> bool:
    """A bullet that only links to a heading of the same document: ``[Training](#training)``."""
    return bool(re.fullmatch(r"\[[^\]]*\]\(#[^)\s]*\)\s*(?:\(\d+\))?", text.strip()))


def new_config_text(title: str, categories: Sequence[NewCategory]) -> str:
    """A first listbot.yml for a list that has none: its title and the imported categories."""
    import json

    from listbot.fmt import scalar

    shown = scalar(title) or json.dumps(title, ensure_ascii=False)
    base = (
        "# yaml-language-server: $schema=schema/config.schema.json\n"
        "# Configuration of this paper list, started by listbot import. Every setting not\n"
        "# written here has a default; venues default to the common systems and ML ones.\n"
        f"title: {shown}\n"
        "categories:\n"
    )
    return add_categories(base, categories)


# Indentation styles tried, in order, to write listbot.yml back in the style it has.
_INDENTS = ((2, 4, 2), (2, 2, 0), (2, 2, 2), (4, 4, 2), (4, 6, 4), (4, 4, 0), (4, 4, 4), (3, 3, 0))


def add_categories(config_text: str, categories: Sequence[NewCategory]) -> str:
    """listbot.yml with ``categories`` added (each after its parent's last child), comments kept.

    A ruamel.yaml round trip in the file's own indentation style: every line that was
    there stays as it was.
    """
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def make(mapping: int, sequence: int, offset: int) -> YAML:
        yaml = YAML(typ="rt")
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        yaml.width = 4096
        yaml.preserve_quotes = True
        yaml.allow_unicode = True
        return yaml

    def dump(yaml: YAML, data: Any) -> str:
        out = io.StringIO()
        yaml.dump(data, out)
        return out.getvalue()

    yaml = make(*_INDENTS[0])
    for style in _INDENTS:
        candidate = make(*style)
        if dump(candidate, candidate.load(config_text)) == config_text:
            yaml = candidate
            break
    data = yaml.load(config_text)
    if data.get("categories") is None:
        data["categories"] = CommentedSeq()
    top = data["categories"]

    def find(items: Any, cid: str) -> Any:
        for item in items:
            if item.get("id") == cid:
                return item
            found = find(item.get("children") or [], cid)
            if found is not None:
                return found
        return None

    for category in categories:
        item = CommentedMap([("id", category.id), ("name", category.name)])
        if category.parent is None:
            siblings = top
        else:
            parent = find(top, category.parent)
            if parent is None:
                raise ValueError(f"category '{category.parent}' is not in listbot.yml")
            if not parent.get("children"):
                _move_trailing_comment(parent, item)
                parent["children"] = CommentedSeq()
            siblings = parent["children"]
        if len(siblings):
            _move_trailing_comment(siblings[-1], item)
        siblings.append(item)
    return dump(yaml, data)


def _move_trailing_comment(old: Any, new: Any) -> None:
    """Comment lines after the last list item belong to what follows the list: keep them there.

    An end-of-line comment of that last item stays where it is.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = old
    while isinstance(node, CommentedMap) and len(node):
        key = list(node)[-1]
        slot = node.ca.items.get(key)
        if slot is not None and len(slot) > 2 and slot[2] is not None:
            slot[2], moved = _split_comment(slot[2])
            if moved is not None:
                new.ca.items[list(new)[-1]] = [None, None, moved, None]
            return
        value = node[key]
        if isinstance(value, CommentedSeq) and len(value):
            seq_slot = value.ca.items.get(len(value) - 1)
            if seq_slot is not None and seq_slot[0] is not None:
                seq_slot[0], moved = _split_comment(seq_slot[0])
                if moved is not None:
                    new.ca.items[list(new)[-1]] = [None, None, moved, None]
                return
            node = value[-1]
        else:
            node = value


def _split_comment(token: Any) -> tuple[Any, Any]:
    """A post-comment token -> (its end-of-line part or None, the full lines after it or None)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    value: str = token.value
    if not value.startswith("#"):
        return None, token
    eol, newline, rest = value.partition("\n")
    keep = CommentToken(eol + newline, token.start_mark, None)
    if not rest.strip():
        return keep, None
    return keep, CommentToken("\n" + rest, CommentMark(0), None)
