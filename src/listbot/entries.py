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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from listbot.problems import Problem
from listbot.yamlsafe import MAX_BYTES, Document

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELD_ORDER = ("title", "authors", "venue", "year", "category", "links", "doi", "arxiv", "tags", "note")
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
    """A file found under entries/: its display path and its bytes, or why it was refused."""

    path: str
    raw: bytes | None
    problem: Problem | None = None


def display_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def discover(entries_dir: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """The entry files in ``entries_dir`` (sorted), and problems with names and kinds of file."""
    files: list[Path] = []
    problems: list[Problem] = []
    if not inside(entries_dir, root):  # git stores symlinks: entries -> /etc
        shown = display_path(entries_dir, root)
        return [], [Problem(shown, 1, 1, "LB001", "folder lies outside the list's folder; refused")]
    try:
        listing = sorted(os.scandir(entries_dir), key=lambda d: d.name)
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        shown = display_path(entries_dir, root)
        return [], [Problem(shown, 1, 1, "LB001", f"cannot list folder: {exc.strerror or exc}")]
    slugs: dict[str, str] = {}
    for item in listing:
        name = item.name
        shown = display_path(Path(item.path), root)
        if name.startswith("."):
            continue
        if item.is_dir(follow_symlinks=False):
            problems.append(
                Problem(shown, 1, 1, "LB010", "subfolders of entries/ are not read", "warning")
            )
            continue
        stem, dot, ext = name.rpartition(".")
        if not dot or ext not in ("yaml", "yml"):
            problems.append(
                Problem(shown, 1, 1, "LB010", "entries/ holds only .yaml entry files", "warning")
            )
            continue
        files.append(Path(item.path))
        if ext != "yaml" or not SLUG.match(stem):
            fixed = normalize_slug(stem)
            problems.append(
                Problem(
                    shown, 1, 1, "LB010",
                    "file name must be a kebab-case slug ending in .yaml",
                    suggestion=f"rename it to {fixed or 'paper'}.yaml",
                )
            )
        key = normalize_slug(stem)
        if key in slugs:
            problems.append(
                Problem(shown, 1, 1, "LB011", f"file name clashes with {slugs[key]}")
            )
        else:
            slugs[key] = shown
    return files, problems


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, symlinks resolved, is ``root`` or lies within it."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def normalize_slug(text: str) -> str:
    """``Ray_OSDI 18`` -> ``ray-osdi-18``: lower case, runs of other characters to one dash."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_entry(path: Path, entries_dir: Path, root: Path) -> EntryFile:
    """The bytes of one entry file; symlinks out of entries/, non-files and huge files refused.

    The file is opened without blocking and checked through its open descriptor, so a
    FIFO or device put in its place (even after the first look) is refused, never read.
    """
    shown = display_path(path, root)

    def refused(code: str, message: str) -> EntryFile:
        return EntryFile(shown, None, Problem(shown, 1, 1, code, message))

    try:
        if path.is_symlink():
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
            chunks: list[bytes] = []
            left = MAX_BYTES + 1
            while left > 0:
                chunk = os.read(fd, left)
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            raw = b"".join(chunks)
        finally:
            os.close(fd)
    except OSError as exc:
        return refused("LB001", f"cannot read: {exc.strerror or exc}")
    return EntryFile(shown, raw)


def iter_files(entries_dir: Path, root: Path, files: list[Path]) -> Iterator[EntryFile]:
    for path in files:
        yield read_entry(path, entries_dir, root)
