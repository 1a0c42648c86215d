"""Killed mid-write and raced: files are whole (old or new, byte for byte), never torn.

Each test runs listbot in a subprocess and SIGKILLs it at a chosen moment: inside the
``fsync`` of the first write (a patched ``os.fsync`` announces itself and sleeps), or
after a random delay. Afterwards every file listbot may write must be byte-identical
to its content before the run or to what a complete run writes. Then two ``render``
runs race on one checkout, many times over, and must leave one correct README (and
caches that the next run can trust).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import faultserver
from faultserver import FaultServer
from metadata_samples import CROSSREF_WORK, dumps

SRC = Path(__file__).resolve().parent.parent / "src"
DRIVER = """
import os, pathlib, sys, time
marker = sys.argv[1]
if marker != "-":
    def stalled_fsync(fd):
        pathlib.Path(marker).touch()
        time.sleep(120)  # killed long before this ends
    os.fsync = stalled_fsync
from listbot.cli import main
sys.exit(main(sys.argv[2:]))
"""
CONFIG = """\
categories: [{id: training, name: Training}]
venues:
  OSDI: {name: USENIX Symposium on Operating Systems Design and Implementation}
"""
README = "# List\n\nBy hand.\n\n<!-- listbot:begin -->\n<!-- listbot:end -->\n\nFooter.\n"
WALL = 30.0


def entry(i: int, *, canonical: bool = True) -> str:
    fields = [
        f"title: Paper number {i} on systems",
        "venue: OSDI",
        f"year: {2000 + i % 25}",
        "category: training",
    ]
    return "\n".join(fields if canonical else fields[::-1]) + "\n"


def make_list(root: Path, n: int, *, canonical: bool = True) -> Path:
    (root / "entries").mkdir(parents=True)
    (root / "listbot.yml").write_text(CONFIG)
    (root / "README.md").write_text(README)
    for i in range(n):
        (root / "entries" / f"paper-{i:04d}.yaml").write_text(entry(i, canonical=canonical))
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` except listbot's own caches, by relative path."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".listbot" not in p.parts
    }


def start(root: Path, args: list[str], marker: str = "-", **env: str) -> subprocess.Popen[bytes]:
    environ = {**os.environ, "PYTHONPATH": str(SRC), **env}
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, marker, *args],
        cwd=root,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def complete(root: Path, args: list[str], **env: str) -> None:
    process = start(root, args, **env)
    _, err = process.communicate(timeout=WALL)
    assert process.returncode == 0, err.decode()


def kill_in_fsync(root: Path, args: list[str], **env: str) -> None:
    """Run until the first fsync of a write, then SIGKILL."""
    marker = root.parent / f"in-fsync-{root.name}"
    process = start(root, args, str(marker), **env)
    deadline = time.monotonic() + WALL
    while not marker.exists():
        assert process.poll() is None, "finished without writing"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=WALL)
    marker.unlink()


def kill_after(root: Path, args: list[str], delay: float, **env: str) -> None:
    process = start(root, args, **env)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=WALL)


def assert_whole(root: Path, before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """Each file is as it was or as a complete run leaves it; no temporary file remains visible."""
    now = snapshot(root)
    for path, data in now.items():
        name = Path(path).name
        if name.startswith(".") and name.endswith(".tmp"):
            continue  # a killed run's temporary file: never read by listbot (see below)
        assert data in (before.get(path), after.get(path)), path
    for path in before:
        assert path in now, f"{path} vanished"


def prepared(
    tmp_path: Path,
    name: str,
    n: int,
    args: list[str],
    *,
    canonical: bool = True,
    env: dict[str, str] | None = None,
) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A fresh list, its files before, and its files after one complete run of ``args``."""
    done = make_list(tmp_path / f"{name}-done", n, canonical=canonical)
    before = snapshot(done)
    complete(done, args, **(env or {}))
    return make_list(tmp_path / name, n, canonical=canonical), before, snapshot(done)


@pytest.mark.parametrize(
    ("args", "canonical"),
    [(["render"], True), (["fmt"], False)],
    ids=["render", "fmt"],
)
def test_killed_inside_the_write_leaves_the_old_files(
    tmp_path: Path, args: list[str], canonical: bool
) -> None:
    root, before, after = prepared(tmp_path, "list", 60, args, canonical=canonical)
    assert before != after
    kill_in_fsync(root, args)
    assert_whole(root, before, after)
    assert snapshot(root) == before | {
        k: v for k, v in snapshot(root).items() if k.endswith(".tmp")
    }  # killed in the first write: nothing has changed yet
    complete(root, args)  # and the next run finishes the job
    assert {k: v for k, v in snapshot(root).items() if not k.endswith(".tmp")} == after


@pytest.mark.parametrize("args", [["render"], ["fmt"]], ids=["render", "fmt"])
def test_killed_at_random_moments_never_tears_a_file(tmp_path: Path, args: list[str]) -> None:
    canonical = args == ["render"]
    root, before, after = prepared(tmp_path, "list", 100, args, canonical=canonical)
    rng = random.Random(6)
    started = time.monotonic()
    complete(make_list(tmp_path / "timing", 100, canonical=canonical), args)
    full = time.monotonic() - started
    for round_ in range(4):
        kill_after(root, args, rng.uniform(0.3 * full, 1.1 * full))
        assert_whole(root, before, after)
        if round_ % 2:
            shutil.rmtree(root / ".listbot", ignore_errors=True)
    complete(root, args)
    assert {k: v for k, v in snapshot(root).items() if not k.endswith(".tmp")} == after


def test_killed_add_leaves_no_entry_or_a_whole_one(tmp_path: Path) -> None:
    work = dumps(CROSSREF_WORK).encode()
    routes = {"/crossref": faultserver.answer(200, work, {"Content-Type": "application/json"})}
    with FaultServer(routes) as server:
        env = {"LISTBOT_CROSSREF_URL": server.url("/crossref")}
        args = ["add", "10.1145/3600006.3613165", "--category", "training", "--venue", "OSDI"]
        root, before, after = prepared(tmp_path, "list", 3, args, env=env)
        (written,) = set(after) - set(before)
        kill_in_fsync(root, args, **env)
        assert_whole(root, before, after)
        assert not (root / written).exists()
        complete(root, args, **env)  # a leftover temporary file does not block the next add
        assert (root / written).read_bytes() == after[written]
        complete(make_list(tmp_path / "check", 0), ["validate"])


def test_killed_link_cache_save_keeps_the_old_cache(tmp_path: Path) -> None:
    with FaultServer({"/": faultserver.answer(200, b"ok")}) as server:
        root = make_list(tmp_path / "list", 0)
        (root / "entries" / "p.yaml").write_text(
            entry(1) + f"links:\n  paper: {server.url('/paper')}\n"
        )
        args = ["links", "--allow-private", "--timeout", "2"]
        complete(root, args)
        cache = root / ".listbot" / "links-cache.json"
        old = cache.read_bytes()
        (root / "entries" / "p.yaml").write_text(
            entry(1) + f"links:\n  paper: {server.url('/paper')}\n  code: {server.url('/c')}\n"
        )
        kill_in_fsync(root, args)
        assert cache.read_bytes() == old
        complete(root, args)
        assert server.url("/c") in cache.read_text()


def test_leftover_temporary_files_are_not_entries(tmp_path: Path) -> None:
    root = make_list(tmp_path / "list", 2)
    (root / "entries" / ".paper-0009.yaml.k2j3h4.tmp").write_text("title: [half a fi")
    complete(root, ["validate"])
    complete(root, ["render"])
    assert "Paper number 0 on" in (root / "README.md").read_text()


def test_racing_renders_leave_one_correct_readme(tmp_path: Path) -> None:
    expected_root = make_list(tmp_path / "expected", 120)
    complete(expected_root, ["render"])
    expected = (expected_root / "README.md").read_bytes()
    root = make_list(tmp_path / "list", 120)
    for round_ in range(5):
        shutil.rmtree(root / ".listbot", ignore_errors=True)  # both start cold
        (root / "README.md").write_text(README)
        racers = [start(root, ["render"]) for _ in range(2)]
        for racer in racers:
            _, err = racer.communicate(timeout=WALL)
            assert racer.returncode == 0, err.decode()
        assert (root / "README.md").read_bytes() == expected, round_
        # the caches both racers wrote must give the next run the same answer
        complete(root, ["render", "--check"])
        complete(root, ["validate"])
    assert [p.name for p in root.iterdir() if p.name.endswith(".tmp")] == []


def test_caches_written_by_two_racing_runs_cannot_serve_a_stale_entry(tmp_path: Path) -> None:
    # Two runs race while a file changes: run A read the old text, run B the new one.
    # Each writes both cache files, and the writes can interleave so that the entries
    # cache holds A's (old) entry while the check cache holds B's record of the new file.
    root = make_list(tmp_path / "list", 3)
    complete(root, ["render"])
    entries_cache = root / ".listbot" / "check-entries.json"
    from_run_a = entries_cache.read_bytes()
    (root / "entries" / "paper-0001.yaml").write_text(entry(1).replace("number 1 ", "one "))
    complete(root, ["render"])  # run B
    entries_cache.write_bytes(from_run_a)  # A's entries cache written last
    (root / "README.md").write_text(README)
    complete(root, ["render"])
    readme = (root / "README.md").read_text()
    assert "Paper one on systems" in readme and "Paper number 1 on" not in readme
