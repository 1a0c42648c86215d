"""git at the edge: the files changed since a ref, and their content at that ref.

The one place that asks git "which files changed since REF" (``listbot pr --base``,
``check``/``validate --base``, ``listbot links --changed-since``)::

    changes = changed_since(root, "origin/main", "entries", option="--base")
    before = files_at(root, "origin/main", "entries", [path for path, status in changes])

File names travel NUL-separated (``-z``) in both directions: a name may hold any byte
but NUL, newlines and non-ASCII letters included (git quotes such names in its line
output, and a newline used to split one name in two). Names are decoded with
``surrogateescape``, as ``os.fsdecode`` does, so every name maps back to its file.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from listbot.errors import UsageError

ChangeStatus = Literal["added", "changed", "removed"]


@dataclass(frozen=True)
class Change:
    """One entry file the pull request touches; ``before`` is its content at the base."""

    path: str
    status: ChangeStatus
    before: bytes | None = None


def parse_name_status(output: bytes, entries_dir: str) -> list[tuple[str, ChangeStatus]]:
    """``git diff --name-status -z --no-renames`` output -> (path, status) for entry files."""
    parts = output.decode("utf-8", "surrogateescape").split("\0")
    found: list[tuple[str, ChangeStatus]] = []
    prefix = entries_dir.rstrip("/") + "/"
    kinds: dict[str, ChangeStatus] = {"A": "added", "M": "changed", "T": "changed", "D": "removed"}
    i = 0
    while i + 1 < len(parts):
        code, path = parts[i], parts[i + 1]
        i += 2
        status = kinds.get(code[:1])
        if status is None or not path.startswith(prefix):
            continue
        found.append((path, status))
    return sorted(found)


def run_git(root: Path, *args: str, stdin: bytes | None = None, what: str = "") -> bytes:
    """``git ARGS`` in ``root``: its stdout, or UsageError in one line (``what`` leads it)."""
    lead = f"{what}: " if what else ""
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise UsageError(f"{lead}git is not installed") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"{lead}git {args[0]} took too long") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        why = message[-1] if message else done.returncode
        raise UsageError(f"{lead}git {args[0]} failed: {why}")
    return done.stdout


def _names(output: bytes) -> list[str]:
    return [os.fsdecode(name) for name in output.split(b"\0") if name]


def changed_since(
    root: Path, ref: str, folder: str, *, option: str
) -> list[tuple[str, ChangeStatus]]:
    """Files under ``folder`` added, changed or removed between ``ref`` and the working
    tree (committed or not), plus untracked new files as added; paths relative to
    ``root``, sorted. ``option`` names the flag that gave ``ref``, for error messages.
    """
    what = f"{option} {ref}"
    if ref.startswith("-"):
        raise UsageError(f"{option} {ref!r} is not a git revision")
    try:
        run_git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", what=what)
    except UsageError as exc:  # --quiet: git says nothing of a missing ref, so say it here
        if "not a git repository" in str(exc):
            raise UsageError(f"{option} {ref}: {root} is not a git repository") from None
        raise UsageError(
            f"{option} {ref}: no such commit here (fetch it first; a pull request's check "
            "needs the base commit, e.g. actions/checkout with fetch-depth: 2)"
        ) from None
    listing = run_git(
        root, "diff", "--name-status", "-z", "--no-renames", "--relative", ref, "--", folder,
        what=what,
    )  # fmt: skip
    found = parse_name_status(listing, folder)
    # New files not yet committed (a local run before `git add`) are added files too.
    untracked = run_git(
        root, "ls-files", "-z", "--others", "--exclude-standard", "--", folder, what=what
    )
    known = {path for path, _ in found}
    found += [(path, "added") for path in _names(untracked) if path not in known]
    return sorted(found)


def changed_entry_files(root: Path, ref: str, entries_dir: Path, *, option: str) -> list[Path]:
    """Entry files (``*.yaml``, ``*.yml`` directly in ``entries_dir``) added or changed
    since ``ref``, committed or not, plus new untracked ones (``verify --changed-since``)."""
    folder = os.path.relpath(entries_dir, root)
    paths = [root / path for path, status in changed_since(root, ref, folder, option=option)
             if status != "removed"]  # fmt: skip
    return [
        path for path in paths if path.suffix in (".yaml", ".yml") and path.parent == entries_dir
    ]


def changes_since(root: Path, base: str, entries_dir: str) -> list[Change]:
    """Entry files added, changed or removed between ``base`` and the working tree, each
    with its content at ``base`` (``listbot pr``, ``check``/``validate --base``)."""
    found = changed_since(root, base, entries_dir, option="--base")
    wanted = [path for path, status in found if status != "added"]
    before = files_at(root, base, entries_dir, wanted)
    return [Change(path, status, before.get(path)) for path, status in found]


def file_changed(root: Path, ref: str, name: str) -> bool:
    """Whether the file ``name`` (relative to ``root``) differs between ``ref`` and the
    working tree; ``ref`` is known to be a commit (``changed_since`` checked it)."""
    listing = run_git(
        root, "diff", "--name-only", "-z", "--no-renames", ref, "--", name, what=f"git diff {ref}"
    )
    return bool(listing.strip(b"\0"))


def files_at(root: Path, ref: str, folder: str, paths: Sequence[str]) -> dict[str, bytes | None]:
    """The content at ``ref`` of each of ``paths`` (under ``folder``, relative to
    ``root``); None where the file did not exist.

    Blob ids come from ``ls-tree -z`` over the folder and only ids go to
    ``cat-file --batch``, so no name ever crosses git in a newline-separated stream (nor
    as a pathspec, where ``*`` and ``[`` are patterns).
    """
    found: dict[str, bytes | None] = dict.fromkeys(paths)
    if not paths:
        return found
    listing = run_git(root, "ls-tree", "-r", "-z", ref, "--", folder, what=f"git ls-tree {ref}")
    blobs: dict[str, str] = {}
    for record in listing.split(b"\0"):
        meta, tab, name = record.partition(b"\t")
        fields = meta.split()
        if tab and len(fields) == 3 and fields[1] == b"blob":
            blobs[os.fsdecode(name)] = fields[2].decode("ascii")
    wanted = [path for path in paths if path in blobs]
    if wanted:
        request = "".join(f"{blobs[path]}\n" for path in wanted).encode("ascii")
        output = run_git(root, "cat-file", "--batch", stdin=request, what="git cat-file")
        found.update(zip(wanted, _cat_file_batch(output), strict=True))
    return found


def _cat_file_batch(output: bytes) -> list[bytes | None]:
    """Split ``git cat-file --batch`` output into the objects' contents (None: missing)."""
    contents: list[bytes | None] = []
    at = 0
    while at < len(output):
        end = output.index(b"\n", at)
        header = output[at:end].split()
        at = end + 1
        if len(header) == 2 and header[1] == b"missing":
            contents.append(None)
            continue
        size = int(header[2])
        contents.append(output[at : at + size])
        at += size + 1
    return contents
