"""The static site: one searchable page of the list, its downloads and an Atom feed.

    files = build_site(entries, config, added=[Added("entries/ray-osdi18.yaml", when)])
    # {"index.html": ..., "site.css": ..., "site.js": ..., "papers.json": ...,
    #  "papers.bib": ..., "feed.xml": ...}

Pure: (entries, config, when each was added) -> file name -> text. The page, its CSS and
its script are package files next to this module, used as they are (no build step);
the page loads ``papers.json``, the same bytes ``listbot export json`` writes, and
``papers.bib`` when a reader copies an entry. Nothing on the page comes from anywhere
but its own folder (a Content-Security-Policy says so to the browser too).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from importlib import resources

from listbot.config import Config
from listbot.entries import Entry
from listbot.export import export
from listbot.site.feed import Added, atom_feed

__all__ = ["ASSETS", "Added", "atom_feed", "build_site", "page"]

ASSETS = ("site.css", "site.js", "favicon.svg")
PAGE = "index.html"


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def page(config: Config, count: int) -> str:
    """index.html: the template with the list's title and size (escaped) filled in."""
    return (
        _asset(PAGE)
        .replace("{{title}}", html.escape(config.title, quote=True))
        .replace("{{count}}", f"{count:,}")
    )


def build_site(
    entries: Sequence[Entry],
    config: Config,
    *,
    added: Sequence[Added],
    updated: datetime,
    base_url: str | None = None,
    feed_limit: int = 100,
) -> dict[str, str]:
    """Every file of the site, by name. ``added``: papers in the order they joined the list."""
    files = {PAGE: page(config, len(entries))}
    for name in ASSETS:
        files[name] = _asset(name)
    files["papers.json"] = export("json", entries, config)
    files["papers.bib"] = export("bibtex", entries, config)
    files["feed.xml"] = atom_feed(
        entries, config, added=added, updated=updated, base_url=base_url, limit=feed_limit
    )
    return files
