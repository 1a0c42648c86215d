"""The whole list at once: find, read and check every entry file, reusing cached results.

``scan`` is the one pipeline behind ``validate``, ``fmt``, ``render`` and ``check``::

    files -> bytes -> FileRecord (problems, entry, formatted?) -> list-wide problems

A file's record depends only on its bytes, its path, the configuration, the year and
listbot's version, so it is cached by content hash in ``.listbot/check-cache.json``:
an unchanged list is checked again by reading and hashing the files, nothing more.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listbot import __version__
from listbot.config import Config
from listbot.entries import Entry, discover, read_entry
from listbot.errors import InputError
from listbot.fmt import is_formatted
from listbot.fsutil import atomic_write, read_limited
from listbot.problems import Problem
from listbot.schema import is_valid, schema_text
from listbot.validate import check_entry, list_problems

CACHE_NAME = ".listbot/check-cache.json"
CACHE_FORMAT = 1
MAX_CACHE_BYTES = 256 * 1024 * 1024  # about 10 kB a file: room for far more than 10,000


@dataclass(frozen=True)
class FileRecord:
    path: str
    digest: str
    problems: tuple[Problem, ...]
    entry: Entry | None
    formatted: bool | None  # None: not a valid entry, so not formatted

    def to_json(self) -> dict[str, Any]:
        return {
            "digest": self.digest,
            "problems": [p.as_dict() for p in self.problems],
            "entry": None if self.entry is None else self.entry.to_json(),
            "formatted": self.formatted,
        }

    @classmethod
    def from_json(cls, path: str, raw: dict[str, Any]) -> FileRecord:
        entry = raw["entry"]
        return cls(
            path=path,
            digest=str(raw["digest"]),
            problems=tuple(Problem.from_dict(p) for p in raw["problems"]),
            entry=None if entry is None else Entry.from_json(entry),
            formatted=raw["formatted"],
        )


@dataclass
class ListState:
    config: Config
    records: list[FileRecord]
    name_problems: list[Problem]
    list_problems: list[Problem] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        return [r.entry for r in self.records if r.entry is not None]

    def problems(self, *, fmt: bool = False) -> list[Problem]:
        found = [*self.name_problems, *self.list_problems]
        for record in self.records:
            found.extend(record.problems)
            if fmt and record.formatted is False:
                found.append(
                    Problem(
                        record.path, 1, 1, "LB301", "file is not in canonical form",
                        suggestion="run listbot fmt",
                    )
                )
        return sorted(found, key=Problem.sort_key)


def _cache_key(config: Config, this_year: int) -> str:
    h = hashlib.sha256()
    for part in (__version__, str(CACHE_FORMAT), config.digest, str(this_year), schema_text("entry")):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def _load_cache(path: Path, key: str) -> dict[str, Any]:
    try:
        raw = json.loads(read_limited(path, MAX_CACHE_BYTES))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or raw.get("key") != key or not isinstance(raw.get("files"), dict):
        return {}
    files: dict[str, Any] = raw["files"]
    return files


def scan(
    config: Config,
    *,
    this_year: int,
    use_cache: bool = True,
    only: Iterable[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ListState:
    """Check every entry file (or just ``only``, given as display paths) of the list."""
    root = config.root
    entries_dir = config.entries_path
    files, name_problems = discover(entries_dir, root)
    cache_path = root / CACHE_NAME
    key = _cache_key(config, this_year)
    cached = _load_cache(cache_path, key) if use_cache else {}
    fresh: dict[str, Any] = {}
    records: list[FileRecord] = []
    changed = False
    for i, path in enumerate(files):
        if progress is not None:
            progress(i, len(files))
        loaded = read_entry(path, entries_dir, root)
        if loaded.raw is None:
            assert loaded.problem is not None
            records.append(FileRecord(loaded.path, "", (loaded.problem,), None, None))
            continue
        digest = hashlib.blake2b(loaded.raw, digest_size=16).hexdigest()
        hit = cached.get(loaded.path)
        record = None
        if isinstance(hit, dict) and hit.get("digest") == digest:
            record = _cached(loaded.path, hit)
        if record is None:
            record = _check(loaded.path, loaded.raw, digest, config, this_year)
            fresh[loaded.path] = record.to_json()
            changed = True
        else:
            fresh[loaded.path] = hit
        records.append(record)
    changed = changed or fresh.keys() != cached.keys()
    state = ListState(config, records, name_problems)
    state.list_problems = list_problems(state.entries)
    if only is not None:
        wanted = set(only)
        state.records = [r for r in state.records if r.path in wanted]
        state.name_problems = [p for p in state.name_problems if p.path in wanted]
        state.list_problems = [p for p in state.list_problems if p.path in wanted]
    if use_cache and changed:
        try:
            atomic_write(cache_path, json.dumps({"key": key, "files": fresh}, separators=(",", ":")))
        except OSError:
            pass  # a cache is an optimization; a read-only checkout still gets its answer
    return state


def _cached(path: str, hit: dict[str, Any]) -> FileRecord | None:
    """A cached record, if it is one we could have written: the cache file sits in the
    checkout, where anyone can commit one, so an entry it vouches for must still be
    schema-valid data (else the file is checked again)."""
    try:
        record = FileRecord.from_json(path, hit)
        if record.entry is not None and (
            record.entry.path != path or not is_valid("entry", record.entry.to_data())
        ):
            return None
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    return record


def _check(path: str, raw: bytes, digest: str, config: Config, this_year: int) -> FileRecord:
    result = check_entry(path, raw, config, this_year=this_year)
    formatted: bool | None = None
    problems = result.problems
    if result.entry is not None and result.doc is not None:
        try:
            formatted = is_formatted(raw.decode("utf-8-sig"), result.doc.data, config)
        except InputError as exc:  # fmt would fail on it: say so, do not crash validate
            problems = (*problems, Problem(path, 1, 1, "LB301", str(exc)))
    return FileRecord(path, digest, problems, result.entry, formatted)
