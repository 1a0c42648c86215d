"""Entry files: finding them safely, reading them boundedly, and the Entry value.

An entry is ``entries/<slug>.yaml``; an ``Entry`` exists only for a file whose data
passed the schema, so its fields have the types the schema promises. ``positions``
keeps the line and column of each top-level field and of each link (``links.code``),
for messages and annotations.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from listbot.problems import Problem
from listbot.yamlsafe import MAX_BYTES, Document

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
FIELD_ORDER = (
    "title",
    "authors",
    "venue",
    "year",
    "category",
    "links",
    "doi",
    "arxiv",
    "tags",
    "note",
)
LINK_ORDER = ("paper", "pdf", "code", "slides", "video")


@dataclass(frozen=True)
class Entry:
    path: str
    title: str
    venue: str
    year: int
    category: str
    authors: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    doi: str | None = None
    arxiv: str | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    @property
    def slug(self) -> str:
        return Path(self.path).stem

    def link(self, kind: str) -> str | None:
        return dict(self.links).get(kind)

    def where(self, name: str) -> tuple[int, int]:
        return self.positions.get(name, (1, 1))

    @classmethod
    def create(cls, path: str, data: Mapping[str, Any], doc: Document | None = None) -> Entry:
        """An Entry from schema-valid data (unknown venue or category are allowed here)."""
        links = data.get("links") or {}
        positions: dict[str, tuple[int, int]] = {}
        if doc is not None:
            for key in data:
                positions[key] = doc.where((key,))
            for kind in links:
                positions[f"links.{kind}"] = doc.where(("links", kind))
        return cls(
            path=path,
            title=data["title"],
            venue=data["venue"],
            year=data["year"],
            category=data["category"],
            authors=tuple(data.get("authors") or ()),
            links=tuple((k, links[k]) for k in LINK_ORDER if k in links),
            doi=data.get("doi"),
            arxiv=data.get("arxiv"),
            tags=tuple(data.get("tags") or ()),
            note=data.get("note"),
            positions=positions,
        )

    def to_data(self) -> dict[str, Any]:
        """The entry as it is written to YAML, in canonical key order, empty fields left out."""
        data: dict[str, Any] = {"title": self.title}
        if self.authors:
            data["authors"] = list(self.authors)
        data.update(venue=self.venue, year=self.year, category=self.category)
        if self.links:
            data["links"] = dict(self.links)
        for key in ("doi", "arxiv"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.tags:
            data["tags"] = list(self.tags)
        if self.note:
            data["note"] = self.note
        return data

    def to_json(self) -> dict[str, Any]:
        """Everything, positions included: what the check cache stores."""
        return {"path": self.path, "data": self.to_data(), "positions": dict(self.positions)}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Entry:
        entry = cls.create(raw["path"], raw["data"])
        positions = {k: (int(v[0]), int(v[1])) for k, v in raw["positions"].items()}
        return cls(**{**entry.__dict__, "positions": positions})


class EntryFile(NamedTuple):
    """A file found under entries/: its display path and bytes, or why it was refused.

    ``raw`` is also None, with no problem, when the file's stat signature matches the
    one in ``known`` (the check cache): it has not changed and was not read.
    """

    path: str
    raw: bytes | None
    problem: Problem | None = None
    signature: tuple[int, int, int] = (0, 0, 0)


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to the list's root, with forward slashes (as in messages and git)."""
    text, base = os.fspath(path), os.fspath(root)
    if base in ("", ".") and not os.path.isabs(text):
        return text.replace(os.sep, "/")
    prefix = base.rstrip(os.sep) + os.sep
    if text.startswith(prefix):
        return text[len(prefix) :].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def discover(entries_dir: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """The entry files in ``entries_dir`` (sorted), and problems with names and kinds of file."""
    found, problems = discover_files(entries_dir, root)
    return [Path(path) for path, _shown in found], problems


def discover_files(entries_dir: Path, root: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """Like ``discover``, as ``(os path, display path)`` strings: no Path objects per file."""
    found: list[tuple[str, str]] = []
    problems: list[Problem] = []
    if not inside(entries_dir, root):  # git stores symlinks: entries -> /etc
        shown = display_path(entries_dir, root)
        return [], [Problem(shown, 1, 1, "LB001", "folder lies outside the list's folder; refused")]
    folder_shown = display_path(entries_dir, root)
    try:
        listing = sorted(os.scandir(entries_dir), key=lambda d: d.name)
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        return [], [
            Problem(folder_shown, 1, 1, "LB001", f"cannot list folder: {exc.strerror or exc}")
        ]
    slugs: dict[str, str] = {}
    for item in listing:
        name = item.name
        if name.startswith("."):
            continue
        shown = f"{folder_shown}/{name}"
        if item.is_dir(follow_symlinks=False):
            problems.append(
                Problem(
                    shown, 1, 1, "LB010", "subfolders of entries/ are not read", severity="warning"
                )
            )
            continue
        stem, dot, ext = name.rpartition(".")
        if not dot or ext not in ("yaml", "yml"):
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "LB010",
                    "entries/ holds only .yaml entry files",
                    severity="warning",
                )
            )
            continue
        found.append((item.path, shown))
        if ext != "yaml" or not SLUG.match(stem):
            fixed = normalize_slug(stem)
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "LB010",
                    "file name must be a kebab-case slug ending in .yaml",
                    suggestion=f"rename it to {fixed or 'paper'}.yaml",
                )
            )
        key = normalize_slug(stem) if ext != "yaml" or not SLUG.match(stem) else stem
        if key in slugs:
            problems.append(Problem(shown, 1, 1, "LB011", f"file name clashes with {slugs[key]}"))
        else:
            slugs[key] = shown
    return found, problems


# Words that say little about a paper: left out of slugs and BibTeX keys.
STOP_WORDS = frozenset(
    {"a", "an", "the", "of", "on", "for", "in", "to", "and", "with", "via", "is", "are"}
    | {"at", "by", "from", "over", "using", "into", "towards", "toward"}
    | {"do", "does", "can", "how", "what", "why", "when", "we"}
)
_SLUG_WORDS = 3


def ascii_fold(text: str) -> str:
    """Accents folded to ASCII (``Über`` -> ``Uber``, ``ß`` -> ``ss``); other letters dropped."""
    text = unicodedata.normalize(
        "NFKD", text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O")
    )
    folded = "".join(ch for ch in text if not unicodedata.combining(ch))
    return folded.encode("ascii", "ignore").decode()


def kebab(name: str) -> str:
    """``Deep Learning`` -> ``deep-learning``; accents folded, ``Tux²`` -> ``tux2``."""
    return normalize_slug(ascii_fold(name))


def slug_for(title: str, venue: str, year: int) -> str:
    """``Ray: A Distributed ...`` at OSDI 2018 -> ``ray-osdi18``: the one naming rule.

    The words before a colon (at most four), else the first three words that are not
    stop words, then the venue and the two-digit year.
    """
    head, colon, _rest = title.partition(":")
    words = [w for w in kebab(head).split("-") if w] if colon else []
    if not colon or not words or len(words) > 4:
        every = [w for w in kebab(title).split("-") if w]
        words = [w for w in every if w not in STOP_WORDS][:_SLUG_WORDS] or every[:_SLUG_WORDS]
    stem = "-".join(words) or "paper"
    return f"{stem}-{kebab(venue).replace('-', '')}{year % 100:02d}"


def unique_slug(base: str, taken: Iterable[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` ... : the first not in ``taken``."""
    used = set(taken)
    if base not in used:
        return base
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, symlinks resolved, is ``root`` or lies within it."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _read_at_most(fd: int, expected: int, limit: int) -> bytes:
    """Up to ``limit`` bytes from ``fd``, asking for what fstat promised first.

    Reading ``expected + 1`` spares a 400-byte entry a 64 KiB buffer; a file that grew
    meanwhile is then read on, still never past ``limit``.
    """
    chunks: list[bytes] = []
    size = 0
    want = min(expected + 1, limit)
    while size < limit:
        chunk = os.read(fd, want - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size >= want:
            want = limit  # more than promised: the file grew; read on to the limit
    return b"".join(chunks)


def normalize_slug(text: str) -> str:
    """``Ray_OSDI 18`` -> ``ray-osdi-18``: lower case, runs of other characters to one dash."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_entry(
    path: Path | str,
    entries_dir: Path,
    root: Path,
    *,
    known: Mapping[str, Any] | None = None,
    shown: str | None = None,
) -> EntryFile:
    """The bytes of one entry file; symlinks out of entries/, non-files and huge files refused.

    The file is opened without blocking and checked through its open descriptor, so a
    FIFO or device put in its place (even after the first look) is refused, never read.
    When its stat signature (mtime, size, inode) matches the one in ``known`` (the check
    cache), it is not opened at all: one ``lstat`` says it is the same regular file.
    """
    if shown is None:
        shown = display_path(Path(path), root)

    def refused(code: str, message: str) -> EntryFile:
        return EntryFile(shown, None, Problem(shown, 1, 1, code, message))

    if known is not None:
        # Unchanged since the cache saw it (the common case of a warm check): one lstat,
        # nothing opened. A regular file, not a symlink, with the cached signature; any
        # other answer takes the careful path below, which also reads the file.
        try:
            first = os.lstat(path)
        except OSError:
            first = None
        if first is not None and stat.S_ISREG(first.st_mode) and first.st_size <= MAX_BYTES:
            cached = known.get(shown)
            signature = (first.st_mtime_ns, first.st_size, first.st_ino)
            if cached is not None and cached.get("stat") == list(signature):
                return EntryFile(shown, None, None, signature)
    try:
        if os.path.islink(path):
            try:
                target = Path(os.path.realpath(path, strict=True))
            except OSError:
                return refused("LB001", "symlink is broken or loops; refused")
            if Path(os.path.realpath(entries_dir)) not in target.parents:
                return refused("LB001", "symlink points outside entries/; refused")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return refused("LB001", "not a regular file")
            if info.st_size > MAX_BYTES:
                return refused(
                    "LB002", f"file is {info.st_size:,} bytes; entries are limited to {MAX_BYTES:,}"
                )
            signature = (info.st_mtime_ns, info.st_size, info.st_ino)
            if known is not None:
                cached = known.get(shown)
                if cached is not None and cached.get("stat") == list(signature):
                    return EntryFile(shown, None, None, signature)
            raw = _read_at_most(fd, info.st_size, MAX_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        return refused("LB001", f"cannot read: {exc.strerror or exc}")
    return EntryFile(shown, raw, None, signature)
