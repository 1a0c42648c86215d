"""The whole list at once: find, read and check every entry file, reusing cached results.

``scan`` is the one pipeline behind ``validate``, ``fmt``, ``render`` and ``check``::

    files -> bytes -> FileRecord (problems, entry, formatted?) -> list-wide problems

A file's record depends only on its bytes, its path, the configuration, the year and
listbot's version, so it is cached in ``.listbot/check-cache.json``, keyed by a content
hash. As git does, a file whose size, mtime and inode are unchanged is taken as
unchanged without being read again. The list-wide problems (duplicates) depend only on
the set of (path, hash) pairs and are cached under a key made of them. An unchanged
list is therefore checked again with a ``stat`` per file and one JSON load.

Files still to check are spread over worker processes when there are many of them.

One file never stops the run: an unexpected exception while reading or checking a file
(a bug in listbot or a library it uses) becomes an ``LB009`` problem on that file, with
the traceback in a crash log, and every other file is still checked. Such records are
not cached, and a worker process that dies has its share checked again here.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from listbot import __version__
from listbot.config import Config
from listbot.crash import file_problem, is_crash
from listbot.entries import Entry, discover_files, read_entry
from listbot.errors import InputError
from listbot.fmt import is_formatted, read_canonical
from listbot.fsutil import atomic_write, read_limited
from listbot.problems import Problem
from listbot.schemacheck import is_valid, schema_text
from listbot.validate import check_document, check_entry, list_problems
from listbot.yamlsafe import LoadFailure, decode

if TYPE_CHECKING:  # imported where workers start: a warm check never needs them
    import multiprocessing.context

CACHE_NAME = ".listbot/check-cache.json"
ENTRIES_CACHE_NAME = ".listbot/check-entries.json"
CACHE_FORMAT = 3
PARALLEL_MIN_FILES = 400  # below this, starting workers costs more than it saves
MAX_CACHE_BYTES = 256 * 1024 * 1024  # about 10 kB a file: room for far more than 10,000


@dataclass(frozen=True)
class FileRecord:
    path: str
    digest: str
    problems: tuple[Problem, ...]
    valid: bool  # a schema-valid entry (its data is in the entry store)
    formatted: bool | None  # None: not a YAML mapping, so it cannot be formatted
    signature: tuple[int, int, int] | None = None  # (mtime_ns, size, inode)

    def to_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {"digest": self.digest, "stat": self.signature}
        if self.problems:
            record["problems"] = [p.as_dict() for p in self.problems]
        if self.valid:
            record["valid"] = True
        if self.formatted is not None:
            record["formatted"] = self.formatted
        return record

    @classmethod
    def from_json(cls, path: str, raw: dict[str, Any]) -> FileRecord:
        stat = raw.get("stat")
        return cls(
            path=path,
            digest=str(raw["digest"]),
            problems=tuple(Problem.from_dict(p) for p in raw.get("problems", ())),
            valid=bool(raw.get("valid", False)),
            formatted=raw.get("formatted"),
            signature=None if stat is None else (int(stat[0]), int(stat[1]), int(stat[2])),
        )


@dataclass
class ListState:
    config: Config
    records: list[FileRecord]
    name_problems: list[Problem]
    store: EntryStore
    list_problems: list[Problem] = field(default_factory=list)
    list_key: str = ""
    cache: dict[str, Any] = field(default_factory=dict)  # the list-wide part of the cache
    cache_key: str = ""  # the key the cache was read and written under; "" without a cache

    @cached_property
    def entries(self) -> list[Entry]:
        return [self.store.entry(r.path, r.digest) for r in self.records if r.valid]

    def entry(self, path: str) -> Entry | None:
        """The entry of one file, or None when it is not a schema-valid entry."""
        record = next((r for r in self.records if r.path == path), None)
        if record is None or not record.valid:
            return None
        return self.store.entry(path, record.digest)

    def problems(self, *, fmt: bool = False) -> list[Problem]:
        found = [*self.name_problems, *self.list_problems]
        for record in self.records:
            found.extend(record.problems)
            if fmt and record.formatted is False:
                problem = format_problem(self.config, record.path, this_year=self.store.year)
                if problem is not None:
                    found.append(problem)
        return sorted(found, key=Problem.sort_key)


def format_problem(config: Config, path: str, *, this_year: int) -> Problem | None:
    """LB301 for a file that is not in canonical form, saying where and how it differs.

    None when formatting would not make it a valid entry: then ``listbot fmt`` would
    refuse it, and its other problems say what to fix first.
    """
    from listbot.fmt import describe_difference, format_entry
    from listbot.yamlsafe import MAX_BYTES

    try:
        text = read_limited(config.root / path, MAX_BYTES).decode("utf-8-sig")
        fixed = format_entry(text, config)
    except (OSError, UnicodeDecodeError, InputError):
        return None
    if (
        fixed == text
        or check_entry(path, fixed.encode(), config, this_year=this_year).entry is None
    ):
        return None
    line, col, what = describe_difference(text, fixed)
    return Problem(
        path,
        line,
        col,
        "LB301",
        f"file is not in canonical form: {what}",
        suggestion="run listbot fmt",
    )


class EntryStore:
    """Entry data by path: fresh from this run, else read from the cache only when asked for.

    An unchanged list never needs the entries themselves (its problems and README state
    are cached), so their bulk lives in a second file that is read lazily. Each cached
    entry carries the digest of the bytes it was read from and is used only for a file
    record with that digest: two runs racing while a file changes can leave the two
    cache files from different runs, and then the entry is checked again, never stale.
    """

    def __init__(self, path: Path, key: str, *, enabled: bool, config: Config, year: int) -> None:
        self.config = config
        self.year = year
        self.path = path
        self.key = key
        self.enabled = enabled
        self.fresh: dict[str, Entry] = {}
        self.digests: dict[str, str] = {}  # of the fresh entries' bytes
        self._cached: dict[str, Any] | None = None

    @property
    def cached(self) -> dict[str, Any]:
        if self._cached is None:
            self._cached = (
                _read_json(self.path, self.key).get("entries", {}) if self.enabled else {}
            )
            if not isinstance(self._cached, dict):
                self._cached = {}
        return self._cached

    def entry(self, path: str, digest: str) -> Entry:
        entry = self.fresh.get(path)
        if entry is not None and self.digests.get(path) == digest:
            return entry
        raw = self.cached.get(path)
        if isinstance(raw, dict) and raw.get("digest") == digest:
            cached = _trusted_entry(path, raw.get("entry"))
            if cached is not None:
                return cached
        # The entries file was lost, damaged, forged, or written by another run: check
        # this file again.
        config = self.config
        loaded = read_entry(config.root / path, config.entries_path, config.root, shown=path)
        entry = (
            None
            if loaded.raw is None
            else _check(path, loaded.raw, (0, 0, 0), config, self.year)[1]
        )
        if entry is None or loaded.raw is None or _digest(loaded.raw) != digest:
            raise InputError(f"{path}: changed while it was being checked; run listbot again")
        self.fresh[path] = entry
        self.digests[path] = digest
        return entry

    def save(self, keep: set[str]) -> None:
        if not self.enabled or (
            not self.fresh and (self._cached is None or set(self._cached) <= keep)
        ):
            return
        merged = {p: v for p, v in self.cached.items() if p in keep and p not in self.fresh}
        merged.update(
            (p, {"digest": self.digests[p], "entry": e.to_json()}) for p, e in self.fresh.items()
        )
        _write_json(self.path, {"key": self.key, "entries": merged})


def _trusted_entry(path: str, raw: Any) -> Entry | None:
    """A cached entry, if it is one we could have written.

    The cache sits in the checkout, where anyone can commit one: an entry it vouches for
    must be this file's and schema-valid data, else the file is checked again.
    """
    if raw is None:
        return None
    try:
        entry = Entry.from_json(raw)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    if entry.path != path or not is_valid("entry", entry.to_data()):
        return None
    return entry


def _cached_record(path: str, raw: Any) -> FileRecord | None:
    try:
        return FileRecord.from_json(path, raw)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def _symlinked(path: Path) -> bool:
    """A cache file or its ``.listbot/`` folder is a symlink (git stores them): never use it."""
    return path.is_symlink() or path.parent.is_symlink()


def _read_json(path: Path, key: str) -> dict[str, Any]:
    if _symlinked(path):
        return {}
    try:  # bounded and non-blocking: the cache sits in the checkout, where anything can be
        raw = orjson.loads(read_limited(path, MAX_CACHE_BYTES))
    except (OSError, ValueError):  # orjson.JSONDecodeError is a ValueError
        return {}
    if not isinstance(raw, dict) or raw.get("key") != key:
        return {}
    return raw


def _write_json(path: Path, payload: dict[str, Any]) -> None:
    # A cache is an optimization: a read-only checkout still gets its answer, and so does
    # a list with a file name that is not UTF-8 (orjson refuses to write one).
    if _symlinked(path):  # a committed `.listbot -> ../elsewhere` must not carry writes out
        return
    with contextlib.suppress(OSError, orjson.JSONEncodeError):
        atomic_write(path, orjson.dumps(payload), durable=False)


class CheckCache:
    """The JSON cache file: per-file records and list-wide results, under one validity key."""

    def __init__(self, path: Path, key: str, *, enabled: bool = True) -> None:
        self.path = path
        self.key = key
        self.enabled = enabled
        self.files: dict[str, Any] = {}
        self.list: dict[str, Any] = {}
        self.dirty = False
        if enabled:
            raw = _read_json(path, key)
            files, listwide = raw.get("files"), raw.get("list")
            if isinstance(files, dict) and isinstance(listwide, dict):
                self.files, self.list = files, listwide

    def save(self) -> None:
        if self.enabled and self.dirty:
            _write_json(self.path, {"key": self.key, "files": self.files, "list": self.list})
            self.dirty = False


def cache_salt(env: Mapping[str, str]) -> str:
    """This machine's secret for check-cache keys, kept in the user's cache folder.

    Made on first use (``$XDG_CACHE_HOME/listbot/salt`` or ``~/.cache/listbot/salt``);
    "" when there is no such folder or it cannot be written, and then no cache is used.
    """
    import secrets

    from listbot.fsutil import write_new

    home = env.get("HOME")
    base = env.get("XDG_CACHE_HOME") or (str(Path(home) / ".cache") if home else "")
    if not base:
        return ""
    path = Path(base) / "listbot" / "salt"
    for _attempt in range(2):
        try:
            salt = read_limited(path, 1024).decode("ascii").strip()
            if len(salt) >= 32:
                return salt
            return ""
        except FileNotFoundError:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_new(path, secrets.token_hex(32) + "\n")  # a racing run's salt wins
                path.chmod(0o600)
            except OSError:
                return ""
        except (OSError, UnicodeDecodeError):
            return ""
    return ""


def cache_key(config: Config, this_year: int, salt: str = "") -> str:
    """What a cache must have been written under to be used.

    ``salt`` is a secret of the user's machine (the CLI keeps it outside the checkout):
    every other input is public, so without it a pull request could commit a cache
    that vouches for its own bad entries.
    """
    h = hashlib.sha256()
    for part in (
        __version__,
        str(CACHE_FORMAT),
        salt,
        config.digest,
        str(this_year),
        schema_text("entry"),
    ):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def open_cache(
    config: Config, this_year: int, *, enabled: bool = True, salt: str = ""
) -> CheckCache:
    return CheckCache(config.root / CACHE_NAME, cache_key(config, this_year, salt), enabled=enabled)


def scan(
    config: Config,
    *,
    this_year: int,
    use_cache: bool = True,
    salt: str = "",
    only: Iterable[str] | None = None,
    prefer: Iterable[str] = (),
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> ListState:
    """Check every entry file of the list; report on all, or just ``only`` (display paths).

    A duplicate is reported on the file in ``only`` or ``prefer`` (the new one, say a
    pull request's), naming the other.
    """
    wanted = None if only is None else set(only)
    preferred = set(prefer) | (wanted or set())
    root = config.root
    entries_dir = config.entries_path
    found, name_problems = discover_files(entries_dir, root)
    cache = open_cache(config, this_year, enabled=use_cache, salt=salt)
    store = EntryStore(
        root / ENTRIES_CACHE_NAME, cache.key, enabled=use_cache, config=config, year=this_year
    )
    records: dict[str, FileRecord] = {}
    todo: list[tuple[str, bytes, tuple[int, int, int]]] = []
    for os_path, shown in found:
        try:
            loaded = read_entry(os_path, entries_dir, root, known=cache.files, shown=shown)
        except Exception as exc:  # a bug: this file gets LB009, the others are still read
            records[shown] = FileRecord(
                shown, "", (file_problem(shown, exc, "reading"),), False, None
            )
            continue
        if loaded.problem is not None:
            records[shown] = FileRecord(shown, "", (loaded.problem,), False, None)
            continue
        if loaded.raw is None:  # unchanged since the cached record (same stat signature)
            cached = _cached_record(shown, cache.files[shown])
            if cached is None:  # a damaged record: read the file after all
                loaded = read_entry(os_path, entries_dir, root, shown=shown)
                if loaded.raw is None:
                    problem = loaded.problem or Problem(shown, 1, 1, "LB001", "cannot read")
                    records[shown] = FileRecord(shown, "", (problem,), False, None)
                    continue
                todo.append((shown, loaded.raw, loaded.signature))
                continue
            record = cached
        else:
            hit = cache.files.get(shown)
            digest = _digest(loaded.raw)
            cached = _cached_record(shown, hit) if isinstance(hit, dict) else None
            if cached is None or cached.digest != digest:
                todo.append((shown, loaded.raw, loaded.signature))
                continue
            record = replace(cached, signature=loaded.signature)
            cache.files[shown] = record.to_json()
            cache.dirty = True
        records[shown] = record
    for record, entry in _check_all(todo, config, this_year, workers, progress):
        records[record.path] = record
        if any(is_crash(p) for p in record.problems):
            continue  # not cached: the next run tries again (and a fixed listbot succeeds)
        cache.files[record.path] = record.to_json()
        cache.dirty = True
        if entry is not None:
            store.fresh[record.path] = entry
            store.digests[record.path] = record.digest
    for stale in set(cache.files) - set(records):
        del cache.files[stale]
        cache.dirty = True
    ordered = [records[p] for p in sorted(records)]
    state = ListState(
        config,
        ordered,
        name_problems,
        store,
        cache=cache.list,
        cache_key=cache.key if use_cache else "",
    )
    state.list_key = _list_key(ordered)
    if preferred:  # duplicates land on the files asked about: not the cached answer
        state.list_problems = list_problems(state.entries, prefer=preferred)
    elif cache.list.get("key") == state.list_key:
        state.list_problems = [Problem.from_dict(p) for p in cache.list.get("problems", [])]
    else:
        state.list_problems = list_problems(state.entries)
        cache.list.clear()
        cache.list.update(key=state.list_key, problems=[p.as_dict() for p in state.list_problems])
        cache.dirty = True
    store.save(keep={r.path for r in ordered if r.valid})
    cache.save()
    if wanted is not None:
        state.records = [r for r in state.records if r.path in wanted]
        state.name_problems = [p for p in state.name_problems if p.path in wanted]
        state.list_problems = [p for p in state.list_problems if p.path in wanted]
    return state


def remember_readme(config: Config, state: ListState, readme_digest: str) -> None:
    """Note that the README with this digest is up to date for this list, for the next check."""
    if not state.cache_key:
        return
    cache = CheckCache(config.root / CACHE_NAME, state.cache_key)
    if cache.list.get("key") == state.list_key and cache.list.get("readme") != readme_digest:
        cache.list["readme"] = readme_digest
        cache.dirty = True
        cache.save()


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _list_key(records: Sequence[FileRecord]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for record in records:
        h.update(f"{record.path}\0{record.digest}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _check_all(
    todo: list[tuple[str, bytes, tuple[int, int, int]]],
    config: Config,
    this_year: int,
    workers: int | None,
    progress: Callable[[int, int], None] | None,
) -> Iterable[tuple[FileRecord, Entry | None]]:
    count = workers if workers is not None else _cpu_count()
    # a warm check has nothing to do: it never loads multiprocessing
    context = _fork_context() if count > 1 and len(todo) >= PARALLEL_MIN_FILES else None
    if context is None:
        for i, item in enumerate(todo):
            if progress is not None:
                progress(i, len(todo))
            yield _check(*item, config, this_year)
        return
    # Forked workers inherit the files to check (nothing is sent to them) and return only
    # their results; this process checks the first share itself meanwhile.
    from concurrent.futures import ProcessPoolExecutor

    global _TODO
    _TODO = (todo, config, this_year)
    try:
        with ProcessPoolExecutor(max_workers=count - 1, mp_context=context) as pool:
            futures = [pool.submit(_check_share, i, count) for i in range(1, count)]
            yield from _check_share(0, count)
            for done, future in enumerate(futures, start=2):
                if progress is not None:
                    progress((done - 1) * len(todo) // count, len(todo))
                try:
                    share = future.result()
                except Exception:  # the worker died (killed, out of memory): check its share here
                    share = [_check(*item, config, this_year) for item in todo[done - 1 :: count]]
                yield from share
    finally:
        _TODO = None


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Fork, the cheap way to start workers, where it is safe: on Linux, with no other thread.

    Elsewhere (macOS, Windows, a process with threads) the files are checked in this
    process: slower on a huge list, never a deadlock.
    """
    if sys.platform != "linux" or threading.active_count() > 1:
        return None
    import multiprocessing

    return multiprocessing.get_context("fork")


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


# The files a scan is checking, for forked workers to inherit (see _check_all).
_TODO: tuple[list[tuple[str, bytes, tuple[int, int, int]]], Config, int] | None = None


def _check_share(index: int, count: int) -> list[tuple[FileRecord, Entry | None]]:
    assert _TODO is not None
    todo, config, this_year = _TODO
    return [_check(*item, config, this_year) for item in todo[index::count]]


def _check(
    path: str, raw: bytes, signature: tuple[int, int, int], config: Config, this_year: int
) -> tuple[FileRecord, Entry | None]:
    """One file's record; never raises: a crash is an LB009 problem on the file."""
    try:
        return _check_file(path, raw, signature, config, this_year)
    except Exception as exc:
        problem = file_problem(path, exc, "checking")
        return FileRecord(path, _digest(raw), (problem,), False, None, signature), None


def _check_file(
    path: str, raw: bytes, signature: tuple[int, int, int], config: Config, this_year: int
) -> tuple[FileRecord, Entry | None]:
    text = decode(raw)
    canonical = None if isinstance(text, LoadFailure) else read_canonical(text, config)
    formatted: bool | None = None
    if canonical is not None:  # the common case: canonical text, read without a YAML parser
        result = check_document(path, canonical, config, this_year=this_year)
        formatted = True
    else:
        result = check_entry(path, raw, config, this_year=this_year)
    problems = result.problems
    if canonical is None and result.doc is not None and isinstance(result.doc.data, dict):
        try:
            formatted = is_formatted(raw.decode("utf-8-sig"), result.doc.data, config)
        except InputError as exc:  # fmt would fail on it: say so, do not crash validate
            problems = (*problems, Problem(path, 1, 1, "LB301", str(exc)))
        except Exception as exc:  # a bug in the round trip: the file's problem, not the run's
            formatted = None
            problems = (*problems, file_problem(path, exc, "checking the canonical form of"))
    record = FileRecord(
        path, _digest(raw), problems, result.entry is not None, formatted, signature
    )
    return record, result.entry
