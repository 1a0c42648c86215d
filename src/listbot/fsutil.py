"""Files read bounded and written atomically: a reader (or a crash) sees the old file or the new
one, never half; an untrusted file is read only when regular, not through a symlink, capped."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any


def holds(path: Path, data: bytes) -> bool:
    """Whether the regular file at ``path`` holds exactly ``data`` (read bounded: a bigger
    file differs anyway, and a FIFO or device is refused unread)."""
    try:
        return read_limited(path, len(data)) == data
    except OSError:
        return False


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, if it holds at most ``limit`` of them.

    OSError otherwise. The file is opened without blocking and checked through its
    descriptor, so a FIFO, a device (a symlink to /dev/zero) or a huge file can neither
    hang the caller nor fill its memory.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit:,} bytes", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


CACHE_FOLDER = ".listbot"
CACHE_GITIGNORE = "# Made by listbot: its caches, never to be committed.\n*\n"


def make_folder(folder: Path) -> None:
    """``mkdir -p``; a ``.listbot`` folder listbot creates gets a ``.gitignore`` of its own,
    so that an adopter's first ``git add -A`` does not commit the caches."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    if folder.name == CACHE_FOLDER:
        with contextlib.suppress(OSError):
            write_new(folder / ".gitignore", CACHE_GITIGNORE)


def path_problem(relative: str) -> str | None:
    """Why ``relative`` (a path listbot.yml names) may not be used, or None.

    Every such path must stay inside the list's folder (no absolute path, no ``..``, no
    ``~``, no ``scheme:``) and never enter a ``.git`` folder, in any case: a pull request
    controls listbot.yml, and a cache written over ``.git/hooks/pre-commit`` runs at the
    next commit.
    """
    path = PurePosixPath(relative.replace("\\", "/"))
    if (
        not relative
        or path.is_absolute()
        or relative.startswith("~")
        or ":" in relative
        or ".." in path.parts
        or any(part.casefold() == ".git" for part in path.parts)
    ):
        return "must be a relative path inside the list's folder, outside .git"
    return None


def confined(root: Path, relative: str) -> Path:
    """``root / relative`` for a file listbot reads and writes beside the list, or OSError.

    Besides ``path_problem``: no folder on the way and not the file itself may be a
    symlink. git stores symlinks, so a committed ``.listbot -> ../elsewhere`` would carry
    every cache write outside the list.
    """
    problem = path_problem(relative)
    if problem is not None:
        raise OSError(errno.EPERM, problem, relative)
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    here = root
    for part in parts:
        here = here / part
        if here.is_symlink():
            raise OSError(errno.ELOOP, "is a symlink", str(here))
    return here


def atomic_write(path: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``durable=False`` skips the fsync: for caches, which may be lost but never torn.
    The new file keeps the old one's read and write bits, never its exec bits (nor
    setuid): data listbot writes is never a program.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    make_folder(folder)
    try:
        mode = path.stat().st_mode & 0o666
    except FileNotFoundError:
        mode = 0o644
    tmp = _written_beside(path, raw, mode, durable=durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _written_beside(path: Path, raw: bytes, mode: int, *, durable: bool) -> str:
    """A temporary file in ``path``'s folder holding ``raw`` with ``mode``: its name, for
    the caller to move into place (or remove). Nothing is left behind when this fails."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_new(path: Path, data: str, *, durable: bool = True) -> bool:
    """Create ``path`` with ``data`` unless it exists (never overwrites); True when written.

    The bytes go to a temporary file first and are hard-linked into place, so the new
    file appears whole or not at all, and an existing file wins any race. ``durable=False``
    skips the fsync, for a caller that writes thousands of files and syncs once at the end.
    """
    raw = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _written_beside(path, raw, 0o644, durable=durable)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def read_json_file(path: Path, max_bytes: int, what: str) -> Any:
    """An untrusted JSON file (a CI artifact), or InputError in one line.

    Not through a symlink, only a regular file (a FIFO must not hang the job), at most
    ``max_bytes``.
    """
    import json

    from listbot.errors import InputError

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise InputError(f"{path}: {what} refused: not a regular file")
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the {what}: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise InputError(f"{path}: {what} refused: larger than {max_bytes:,} bytes")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise InputError(f"{path}: {what} refused: not JSON") from None
    except RecursionError:  # '[[[[...' a few thousand deep: json's parser gives up
        raise InputError(f"{path}: {what} refused: nested too deeply") from None
