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
from pathlib import Path
from typing import Any

from listbot.errors import ConfigError
from listbot.fsutil import path_problem, read_limited
from listbot.problems import Problem
from listbot.schemacheck import schema_problems
from listbot.suggest import closest
from listbot.yamlsafe import Document, LoadFailure, parse_yaml

CONFIG_NAME = "listbot.yml"
MAX_CONFIG_BYTES = 1024 * 1024
LINK_KINDS = ("paper", "pdf", "code", "slides", "video")
# What render.template may name; render fills each with the entry's escaped text.
PLACEHOLDERS = ("title", "venue", "year", "yy", "authors")

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
    "PPoPP": ("ACM SIGPLAN Symposium on Principles and Practice of Parallel Programming", ()),
    "HPCA": ("IEEE International Symposium on High-Performance Computer Architecture", ()),
    "FAST": ("USENIX Conference on File and Storage Technologies", ("USENIX FAST",)),
    "KDD": ("ACM SIGKDD Conference on Knowledge Discovery and Data Mining", ("SIGKDD",)),
    "ICDE": ("IEEE International Conference on Data Engineering", ()),
    "CVPR": ("IEEE/CVF Conference on Computer Vision and Pattern Recognition", ()),
    "AAAI": ("AAAI Conference on Artificial Intelligence", ()),
    "CSUR": ("ACM Computing Surveys", ("ACM Computing Surveys", "ACM Comput. Surv.")),
    "TPDS": ("IEEE Transactions on Parallel and Distributed Systems", ()),
    "JMLR": ("Journal of Machine Learning Research", ()),
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
    """``links:`` of listbot.yml: the one declaration of these settings and their defaults
    (``links.check.Policy`` takes its defaults from here; config_test holds
    config.schema.json's ``default`` values to them)."""

    timeout: float = 10.0
    retries: int = 2
    concurrency: int = 32
    per_host: int = 1
    max_per_host: int = 4
    accept: tuple[int, ...] = ()
    exclude: tuple[str, ...] = ()
    cache: str = ".listbot/links-cache.json"
    cache_max_age_days: float = 7.0
    max_retry_after: float = 30.0
    allow_private: bool = False  # read for old files, never used: only --allow-private counts


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
    raise ConfigError(
        f"{CONFIG_NAME}: not found in {start} or any folder above it "
        "(listbot init starts a new list here)"
    )


def load_config(path: Path) -> Config:
    """Read, schema-check and complete listbot.yml; raise ConfigError listing every problem."""
    try:
        raw = read_limited(path, MAX_CONFIG_BYTES)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_config(raw, path)


def parse_config(raw: bytes, path: Path) -> Config:
    """listbot.yml's bytes (read from ``path``, or from git) as a Config; ConfigError."""
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


# What render.template may name; render.paper_line fills in exactly these.


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
    for where, value in _named_paths(doc.data):
        problem = path_problem(value) if isinstance(value, str) else None
        if problem is not None:
            line, col = doc.where(where)
            name = ".".join(str(part) for part in where if isinstance(part, str))
            yield Problem(file, line, col, "LB901", f"{name} {problem}, not {value!r}")
    template = (doc.data.get("render") or {}).get("template")
    problem = template_problem(template) if isinstance(template, str) else None
    if problem is not None:
        line, col = doc.where(("render", "template"))
        yield Problem(file, line, col, "LB901", f"render.template {problem}")
    for i, pattern in enumerate((doc.data.get("links") or {}).get("exclude", [])):
        try:
            re.compile(pattern)
        except re.error as exc:
            line, col = doc.where(("links", "exclude", i))
            yield Problem(
                file, line, col, "LB901", f"links.exclude pattern is not a valid regex: {exc}"
            )


_TEMPLATE_PART = re.compile(r"\{([^{}]*)\}")
# Markup the template's own text could start: a link, an image or HTML (brackets, angle
# brackets, a backslash that would undo the escape of the next field), an autolink (GFM
# links bare URLs, www. names and e-mail addresses), a control character or line break.
_TEMPLATE_MARKUP = re.compile(r"[<>\[\]\\@\x00-\x1f\x7f-\x9f\u2028\u2029]|://|www\.", re.I)
# A block marker at the start of the line (a heading, quote, list or table inside the item).
_TEMPLATE_BLOCK = re.compile(r"\s*(?:#{1,6}(?:\s|$)|[>|]|[*+-](?:\s|$)|[0-9]+[.)](?:\s|$))")


def template_problem(template: str) -> str | None:
    """Why ``render.template`` is refused, or None.

    The template's output is held to the rule every entry is: no link, image or HTML
    that listbot did not generate. Its placeholders are filled with escaped text; its
    own text may therefore hold nothing that starts markup, and only known placeholders.
    """
    literal = _TEMPLATE_PART.sub("", template)
    for match in _TEMPLATE_PART.finditer(template):
        if match.group(1) not in PLACEHOLDERS:
            guess = closest(match.group(1), PLACEHOLDERS)
            known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
            hint = f"did you mean {{{guess}}}?" if guess else f"known: {known}"
            return f"has an unknown placeholder {match.group()} ({hint})"
    if "{" in literal or "}" in literal:
        return "has a brace that opens or closes no placeholder"
    bad = _TEMPLATE_MARKUP.search(literal)
    if bad is not None:
        return (
            f"may hold no link, image or HTML of its own (found {bad.group()!r}); "
            "listbot makes the paper's links"
        )
    if _TEMPLATE_BLOCK.match(template):
        return "may not start with a Markdown block marker (heading, quote, list or table)"
    return None


def _named_paths(data: Mapping[str, Any]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every path listbot.yml names, with where: render writes, links writes its cache."""
    yield ("entries",), data.get("entries")
    yield ("readme",), data.get("readme")
    yield ("links", "cache"), (data.get("links") or {}).get("cache")
    for i, name in enumerate((data.get("render") or {}).get("downloads", [])):
        yield ("render", "downloads", i), name


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


def extend_venues(own: tuple[Venue, ...], builtin: tuple[Venue, ...]) -> tuple[Venue, ...]:
    """A list's own venues (its display order first), then every built-in venue it does not name.

    A list's ``venues:`` adds to the built-in table rather than replacing it: adding
    HotCloud must not make OSDI unknown. A built-in venue is left out when the list
    names it, by its key or any alias, so the list's own spelling and aliases win.
    """
    named = {_fold(name) for venue in own for name in (venue.key, *venue.aliases)}
    return own + tuple(
        venue
        for venue in builtin
        if not any(_fold(name) in named for name in (venue.key, *venue.aliases))
    )


def build_config(data: Mapping[str, Any], *, root: Path = Path(), digest: str = "") -> Config:
    """A Config from an already schema-checked mapping; absent settings take defaults."""
    defaults = Config(categories=())
    venues = defaults.venues
    if data.get("venues") and data.get("builtin_venues") is False:
        venues = tuple(
            Venue(key, spec["name"], tuple(spec.get("aliases", ())))
            for key, spec in data["venues"].items()
        )
    elif data.get("venues"):
        venues = extend_venues(
            tuple(
                Venue(key, spec["name"], tuple(spec.get("aliases", ())))
                for key, spec in data["venues"].items()
            ),
            venues,
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
