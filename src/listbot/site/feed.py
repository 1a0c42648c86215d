"""The Atom feed (RFC 4287) of papers in the order they joined the list, newest first.

Readers who follow the list subscribe to ``feed.xml``. When each paper was added comes
from outside (the command asks git for the first commit that added each entry file);
here it is plain data. Every value is escaped by the XML writer, and characters XML
cannot carry at all (most control characters) are dropped.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import NamedTuple

from listbot.config import Config
from listbot.entries import Entry

ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_HTTP = re.compile(r"^https?://", re.IGNORECASE)


class Added(NamedTuple):
    """An entry file (display path, as ``Entry.path``) and when it joined the list."""

    path: str
    when: datetime


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _stamp(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        node.text = _clean(text)
    return node


def entry_id(scope: str, slug: str) -> str:
    """A permanent id for a paper of this list: the same slug always gives the same id."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'listbot:{scope}:{slug}')}"


def summary(entry: Entry, config: Config) -> str:
    """One paragraph of plain text: venue and year, authors, the note."""
    venue = config.venue(entry.venue)
    parts = [f"{venue.name if venue else entry.venue} ({entry.venue} {entry.year})"]
    if entry.authors:
        parts.append(", ".join(entry.authors))
    if entry.note:
        parts.append(entry.note)
    return ". ".join(parts)


def atom_feed(
    entries: Sequence[Entry],
    config: Config,
    *,
    added: Sequence[Added],
    updated: datetime,
    base_url: str | None = None,
    limit: int = 100,
) -> str:
    """feed.xml: the ``limit`` papers added last, newest first.

    ``added`` lists papers in the order they joined; a paper missing from it counts as
    added at ``updated``, after all the others. ``base_url`` (the site's address) gives
    the feed its self link and each paper a link to its place on the page.
    """
    by_path = {e.path: e for e in entries}
    order: list[tuple[Entry, datetime]] = []
    seen: set[str] = set()
    for path, when in added:
        entry = by_path.get(path)
        if entry is not None and path not in seen:
            seen.add(path)
            order.append((entry, when))
    order.extend((e, updated) for e in sorted(entries, key=lambda e: e.path) if e.path not in seen)
    newest = list(reversed(order))[: max(limit, 0)]

    base = base_url.rstrip("/") + "/" if base_url else None
    scope = base or config.title
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", config.title)
    _sub(feed, "subtitle", f"Papers added to {config.title}, newest first")
    _sub(feed, "id", base or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'listbot:{scope}')}")
    last = max((when for _e, when in newest), default=updated)
    _sub(feed, "updated", _stamp(last))
    author = _sub(feed, "author")
    _sub(author, "name", config.title)
    _sub(feed, "generator", "listbot")
    if base:
        _sub(feed, "link", rel="self", type="application/atom+xml", href=base + "feed.xml")
        _sub(feed, "link", rel="alternate", type="text/html", href=base)
    categories = {c.id: c.name for c in config.categories}
    for entry, when in newest:
        node = _sub(feed, "entry")
        _sub(node, "title", entry.title)
        _sub(node, "id", entry_id(scope, entry.slug))
        _sub(node, "published", _stamp(when))
        _sub(node, "updated", _stamp(when))
        for name in entry.authors:
            _sub(_sub(node, "author"), "name", name)
        if base:
            _sub(node, "link", rel="alternate", type="text/html", href=f"{base}#{entry.slug}")
        paper = entry.link("paper") or entry.link("pdf")
        if paper and _HTTP.match(paper):
            _sub(node, "link", rel="related", href=paper)
        _sub(
            node,
            "category",
            term=entry.category,
            label=categories.get(entry.category, entry.category),
        )
        _sub(node, "content", summary(entry, config), type="text")
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"
