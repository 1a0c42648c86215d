"""listbot.yml: the list's own configuration, schema-checked, with a default for everything.

A new list needs only its categories::

    categories:
      - id: training
        name: Training
      - id: inference
        name: Inference

Everything else (venues, rendering, sort order, link checking, bot labels) has a default
below; the defaults are applied by building new frozen values, never by mutating the
parsed mapping.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from listbot.errors import ConfigError
from listbot.fsutil import read_limited
from listbot.problems import Problem
from listbot.schema import schema_problems
from listbot.suggest import closest
from listbot.yamlsafe import Document, LoadFailure, parse_yaml

CONFIG_NAME = "listbot.yml"
MAX_CONFIG_BYTES = 1024 * 1024
LINK_KINDS = ("paper", "pdf", "code", "slides", "video")

# Venues a list gets when it names none: key -> (full name, aliases), in calendar order.
DEFAULT_VENUES: dict[str, tuple[str, tuple[str, ...]]] = {
    "MLSys": ("Conference on Machine Learning and Systems", ("SysML", "MLSYS")),
    "NSDI": ("USENIX Symposium on Networked Systems Design and Implementation", ("USENIX NSDI",)),
    "ASPLOS": (
        "ACM International Conference on Architectural Support for Programming Languages "
        "and Operating Systems",
        (),
    ),
    "EuroSys": ("European Conference on Computer Systems", ("EUROSYS", "Eurosys")),
    "ICLR": ("International Conference on Learning Representations", ()),
    "SIGMOD": ("ACM SIGMOD International Conference on Management of Data", ()),
    "ISCA": ("International Symposium on Computer Architecture", ()),
    "ICML": ("International Conference on Machine Learning", ()),
    "ATC": ("USENIX Annual Technical Conference", ("USENIX ATC", "USENIX-ATC")),
    "OSDI": ("USENIX Symposium on Operating Systems Design and Implementation", ("USENIX OSDI",)),
    "SIGCOMM": ("ACM SIGCOMM Conference", ()),
    "VLDB": ("International Conference on Very Large Data Bases", ("PVLDB",)),
    "SOSP": ("ACM Symposium on Operating Systems Principles", ()),
    "SoCC": ("ACM Symposium on Cloud Computing", ("SOCC",)),
    "MICRO": ("IEEE/ACM International Symposium on Microarchitecture", ()),
    "SC": (
        "International Conference for High Performance Computing, Networking, Storage and Analysis",
        (),
    ),
    "NeurIPS": (
        "Conference on Neural Information Processing Systems",
        ("NIPS", "NeuralPS", "NeuRIPS"),
    ),
    "arXiv": ("arXiv preprint", ("ARXIV", "preprint")),
}


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    depth: int = 0
    parent: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Venue:
    key: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenderSettings:
    template: str = "{title} ({venue}'{yy})"
    links: tuple[str, ...] = LINK_KINDS
    toc: bool = True
    counts: bool = True
    heading_level: int = 2
    downloads: tuple[str, ...] = ()  # files beside the README linked above the list (papers.bib)


@dataclass(frozen=True)
class LinkSettings:
    timeout: float = 10.0
    retries: int = 2
    concurrency: int = 32
    per_host: int = 2
    max_per_host: int = 4
    accept: tuple[int, ...] = ()
    exclude: tuple[str, ...] = ()
    cache: str = ".listbot/links-cache.json"
    cache_max_age_days: float = 7.0
    max_retry_after: float = 30.0
    allow_private: bool = False


@dataclass(frozen=True)
class BotSettings:
    comment_title: str = "listbot report"
    label_new_paper: str = "new-paper"
    label_needs_changes: str = "needs-changes"
    label_link_rot: str = "link-rot"


@dataclass(frozen=True)
class Config:
    categories: tuple[Category, ...]
    venues: tuple[Venue, ...] = tuple(Venue(k, n, a) for k, (n, a) in DEFAULT_VENUES.items())
    title: str = "Paper list"
    entries_dir: str = "entries"
    readme: str = "README.md"
    render: RenderSettings = field(default_factory=RenderSettings)
    sort: tuple[str, ...] = ("year", "venue", "title")
    links: LinkSettings = field(default_factory=LinkSettings)
    bot: BotSettings = field(default_factory=BotSettings)
    contact: str | None = None
    root: Path = Path()
    digest: str = ""

    # Derived lookups, built once per (frozen) config.
    @cached_property
    def _categories(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @cached_property
    def _venues(self) -> dict[str, Venue]:
        return {v.key: v for v in self.venues}

    @cached_property
    def _venue_ranks(self) -> dict[str, int]:
        return {v.key: i for i, v in enumerate(self.venues)}

    @cached_property
    def _aliases(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for venue in self.venues:
            for alias in (*venue.aliases, venue.key):
                index[_fold(alias)] = venue.key
        return index

    def category(self, cid: str) -> Category | None:
        return self._categories.get(cid)

    def venue(self, key: str) -> Venue | None:
        return self._venues.get(key)

    def venue_rank(self, key: str) -> int:
        return self._venue_ranks.get(key, len(self.venues))

    def normalize_venue(self, name: str) -> str | None:
        """The venue key for a key or alias in any case, e.g. ``EUROSYS`` -> ``EuroSys``."""
        return self._aliases.get(_fold(name))

    def suggest_venue(self, name: str) -> str | None:
        known = self.normalize_venue(name)
        if known is not None:
            return known
        names = {alias: venue.key for venue in self.venues for alias in (venue.key, *venue.aliases)}
        match = closest(name, names)
        return None if match is None else names[match]

    def children(self, cid: str | None) -> list[Category]:
        return [c for c in self.categories if c.parent == cid]

    @property
    def entries_path(self) -> Path:
        return self.root / self.entries_dir

    @property
    def readme_path(self) -> Path:
        return self.root / self.readme


def _fold(name: str) -> str:
    return re.sub(r"[\s_'’-]+", "", name).casefold()


def find_config(start: Path) -> Path:
    """The listbot.yml in ``start`` or the nearest folder above it."""
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ConfigError(f"{CONFIG_NAME}: not found in {start} or any folder above it")


def load_config(path: Path) -> Config:
    """Read, schema-check and complete listbot.yml; raise ConfigError listing every problem."""
    try:
        raw = read_limited(path, MAX_CONFIG_BYTES)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}:1:1: LB901 file is larger than {MAX_CONFIG_BYTES:,} bytes")
    doc = parse_yaml(raw)
    name = str(path)
    if isinstance(doc, LoadFailure):
        raise ConfigError(f"{name}:{doc.line}:{doc.col}: {doc.code} {doc.message}")
    if not isinstance(doc.data, dict):
        raise ConfigError(f"{name}:1:1: LB901 listbot.yml must be a mapping with 'categories'")
    problems = schema_problems("config", doc, name)
    if not problems:
        problems = list(_semantic_problems(doc, name))
    if problems:
        raise ConfigError.from_problems(problems)
    return build_config(doc.data, root=path.parent, digest=hashlib.sha256(raw).hexdigest())


def _semantic_problems(doc: Document, file: str) -> Iterator[Problem]:
    seen: dict[str, tuple[Any, ...]] = {}
    for cpath, cat in _walk_categories(doc.data["categories"], ("categories",)):
        if cat["id"] in seen:
            line, col = doc.where((*cpath, "id"))
            yield Problem(file, line, col, "LB901", f"category id '{cat['id']}' is used twice")
        seen[cat["id"]] = cpath
    aliases: dict[str, str] = {}
    for key, spec in (doc.data.get("venues") or {}).items():
        for alias in (key, *spec.get("aliases", [])):
            folded = _fold(alias)
            if folded in aliases and aliases[folded] != key:
                line, col = doc.where(("venues", key), key=True)
                yield Problem(
                    file,
                    line,
                    col,
                    "LB901",
                    f"venue name '{alias}' of '{key}' is already a name of '{aliases[folded]}'",
                )
            aliases[folded] = key
    for key in ("entries", "readme"):
        value = doc.data.get(key)
        if isinstance(value, str) and _escapes_root(value):
            line, col = doc.where((key,))
            yield Problem(
                file,
                line,
                col,
                "LB901",
                f"{key} must be a relative path inside the list's folder, not {value!r}",
            )
    for i, pattern in enumerate((doc.data.get("links") or {}).get("exclude", [])):
        try:
            re.compile(pattern)
        except re.error as exc:
            line, col = doc.where(("links", "exclude", i))
            yield Problem(
                file, line, col, "LB901", f"links.exclude pattern is not a valid regex: {exc}"
            )


def _escapes_root(value: str) -> bool:
    """An absolute path, or one that climbs out with '..': render would write there."""
    path = PurePosixPath(value.replace("\\", "/"))
    return not value or path.is_absolute() or ".." in path.parts or value.startswith("~")


def _walk_categories(
    items: list[Mapping[str, Any]], path: tuple[Any, ...]
) -> Iterator[tuple[tuple[Any, ...], Mapping[str, Any]]]:
    for i, item in enumerate(items):
        here = (*path, i)
        yield here, item
        yield from _walk_categories(item.get("children", []), (*here, "children"))


def _flatten(
    items: list[Mapping[str, Any]], depth: int = 0, parent: str | None = None
) -> Iterator[Category]:
    for item in items:
        yield Category(item["id"], item["name"], depth, parent, item.get("description"))
        yield from _flatten(item.get("children", []), depth + 1, item["id"])


def build_config(data: Mapping[str, Any], *, root: Path = Path(), digest: str = "") -> Config:
    """A Config from an already schema-checked mapping; absent settings take defaults."""
    defaults = Config(categories=())
    venues = defaults.venues
    if "venues" in data:
        venues = tuple(
            Venue(key, spec["name"], tuple(spec.get("aliases", ())))
            for key, spec in data["venues"].items()
        )
    render = data.get("render", {})
    links = data.get("links", {})
    bot = data.get("bot", {})
    labels = bot.get("labels", {})
    d_render, d_links, d_bot = RenderSettings(), LinkSettings(), BotSettings()
    return Config(
        categories=tuple(_flatten(data["categories"])),
        venues=venues,
        title=data.get("title", defaults.title),
        entries_dir=data.get("entries", defaults.entries_dir),
        readme=data.get("readme", defaults.readme),
        render=RenderSettings(
            template=render.get("template", d_render.template),
            links=tuple(render.get("links", d_render.links)),
            toc=render.get("toc", d_render.toc),
            counts=render.get("counts", d_render.counts),
            heading_level=render.get("heading_level", d_render.heading_level),
            downloads=tuple(render.get("downloads", d_render.downloads)),
        ),
        sort=tuple(data.get("sort", defaults.sort)),
        links=LinkSettings(
            timeout=float(links.get("timeout", d_links.timeout)),
            retries=links.get("retries", d_links.retries),
            concurrency=links.get("concurrency", d_links.concurrency),
            per_host=links.get("per_host", d_links.per_host),
            max_per_host=links.get("max_per_host", d_links.max_per_host),
            accept=tuple(links.get("accept", d_links.accept)),
            exclude=tuple(links.get("exclude", d_links.exclude)),
            cache=links.get("cache", d_links.cache),
            cache_max_age_days=float(links.get("cache_max_age_days", d_links.cache_max_age_days)),
            max_retry_after=float(links.get("max_retry_after", d_links.max_retry_after)),
            allow_private=links.get("allow_private", d_links.allow_private),
        ),
        bot=BotSettings(
            comment_title=bot.get("comment_title", d_bot.comment_title),
            label_new_paper=labels.get("new_paper", d_bot.label_new_paper),
            label_needs_changes=labels.get("needs_changes", d_bot.label_needs_changes),
            label_link_rot=labels.get("link_rot", d_bot.label_link_rot),
        ),
        contact=(data.get("metadata") or {}).get("contact"),
        root=root,
        digest=digest,
    )
