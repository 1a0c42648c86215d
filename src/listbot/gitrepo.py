"""The git questions listbot asks: which entry files changed since a revision, and how.

Used by ``listbot pr`` (the report) and by ``check``/``validate --base`` (so that a
duplicate lands on the file a pull request adds, not on the one already in the list).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from listbot.errors import UsageError
from listbot.prreport import Change, parse_name_status


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise UsageError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} took too long") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
    return done.stdout


def changes_since(root: Path, base: str, entries_dir: str) -> list[Change]:
    """Entry files added, changed or removed between ``base`` and the working tree."""
    if base.startswith("-"):
        raise UsageError(f"--base {base!r} is not a git revision")
    git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    listing = git(
        root, "diff", "--name-status", "-z", "--no-renames", "--relative", base, "--", entries_dir
    )
    found = parse_name_status(listing, entries_dir)
    # New files not yet committed (a local run before `git add`) are added files too.
    untracked = git(root, "ls-files", "-z", "--others", "--exclude-standard", "--", entries_dir)
    known = {path for path, _ in found}
    for path in untracked.decode("utf-8", "surrogateescape").split("\0"):
        if path and path not in known:
            found.append((path, "added"))
    found.sort()
    wanted = [path for path, status in found if status != "added"]
    before: dict[str, bytes | None] = {}
    if wanted:
        prefix = git(root, "rev-parse", "--show-prefix").decode().strip()
        request = "".join(f"{base}:{prefix}{path}\n" for path in wanted).encode()
        before = dict(
            zip(
                wanted,
                _cat_file_batch(git(root, "cat-file", "--batch", stdin=request)),
                strict=True,
            )
        )
    return [Change(path, status, before.get(path)) for path, status in found]


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
